// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#include "FixtureHome.h"
#include "services/HarvestDatabaseService.h"

#include <QStandardPaths>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace chasm;

// The harvest database's use cases: run, status, scan, checkpoints and revert, import, rebuild, list, and which
// providers a run takes.
class TestHarvestDatabaseService : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void chosenProviders_data()
    {
        QTest::addColumn<QString>("only");
        QTest::addColumn<QString>("exclude");
        QTest::addColumn<QStringList>("chosen"); // empty with an error: none
        QTest::addColumn<QString>("error");
        QTest::newRow("some") << u"copilot, cursor"_s << QString() << QStringList{u"copilot"_s, u"cursor"_s}
                              << QString();
        QTest::newRow("some but one") << u"copilot,cursor"_s << u"cursor"_s << QStringList{u"copilot"_s} << QString();
        QTest::newRow("an alias") << u"vscode"_s << QString() << QStringList{u"copilot"_s} << QString();
        QTest::newRow("unknown") << u"copilot,nope"_s << QString() << QStringList() << u"unknown provider 'nope'"_s;
        QTest::newRow("unknown excluded") << QString() << u"nope"_s << QStringList() << u"unknown provider 'nope'"_s;
    }

    void chosenProviders()
    {
        QFETCH(QString, only);
        QFETCH(QString, exclude);
        QFETCH(QStringList, chosen);
        QFETCH(QString, error);
        test::FixtureHome home;
        const SessionCatalog catalog(home.environment());
        const auto result = HarvestDatabaseService(catalog).chosenProviders(only, exclude);
        if (!error.isEmpty()) {
            QVERIFY(!result.ok());
            QVERIFY2(result.error().message.startsWith(error), qPrintable(result.error().message));
            return;
        }
        QVERIFY(result.ok());
        QStringList ids;
        for (const Provider* p : *result) {
            ids << p->id();
        }
        QCOMPARE(ids, chosen);
    }

    void everyProviderByDefault()
    {
        test::FixtureHome home;
        const SessionCatalog catalog(home.environment());
        const auto all = HarvestDatabaseService(catalog).chosenProviders({}, u"cursor"_s);
        QVERIFY(all.ok());
        QCOMPARE(all->size(), catalog.providers().value().size() - 1);
    }

    // A run stores what it reads; the next finds it unchanged; status, scan and list say so.
    void runStatusScanList()
    {
        test::FixtureHome home;
        const SessionCatalog catalog(home.environment());
        const HarvestDatabaseService service(catalog);
        const QString db = home.file(u"h.db"_s);

        const auto before = service.scan(db, true);
        QVERIFY(before.ok());
        const auto counts = [](const HarvestDatabaseService::ScanReport& report, const QString& provider) {
            for (const auto& [id, byState] : report.counts) {
                if (id == provider) {
                    return byState;
                }
            }
            return QHash<QString, int>();
        };
        QCOMPARE(counts(*before, u"copilot"_s).value(u"new"_s), 6);
        QCOMPARE(counts(*before, u"copilot"_s).value(u"unreadable"_s), 1);
        QCOMPARE(before->planned.size(), 8);

        const auto first = service.run({db, u"copilot"_s, {}, {}, {}, {}});
        QVERIFY(first.ok());
        QCOMPARE(first->database, db);
        QCOMPARE(first->summary.created, 6);
        QCOMPARE(first->summary.failed, 1);
        QCOMPARE(first->summary.errors.size(), 1);
        const auto second = service.run({db, u"copilot"_s, {}, {}, {}, {}});
        QVERIFY(second.ok());
        QCOMPARE(second->summary.created, 0);
        QCOMPARE(second->summary.unchanged, 7);
        QCOMPARE(second->summary.failed, 0);

        const auto after = service.scan(db, false);
        QVERIFY(after.ok());
        QCOMPARE(counts(*after, u"copilot"_s).value(u"unchanged"_s), 6);
        QCOMPARE(counts(*after, u"copilot"_s).value(u"failed"_s), 1);
        QCOMPARE(counts(*after, u"cursor"_s).value(u"new"_s), 1);

        const auto status = service.status(db);
        QVERIFY(status.ok());
        QCOMPARE(status->database, db);
        QCOMPARE(status->totals.sessions, 6);
        QVERIFY(status->sizeBytes > 0);
        QVERIFY(!status->totals.lastRun.isEmpty());

        const auto listed = service.list({db, u"vscode"_s, {}, 3, {}});
        QVERIFY(listed.ok());
        QCOMPARE(listed->size(), 3);
        const auto searched = service.list({db, {}, u"rollback"_s, 20, {}});
        QVERIFY(searched.ok());
        QCOMPARE(searched->size(), 1);
        QVERIFY(!service.list({db, u"nope"_s, {}, 20, {}}).ok());

        const auto rebuilt = service.rebuildIndex(db);
        QVERIFY(rebuilt.ok());
        QCOMPARE(rebuilt->messagesIndexed, status->totals.messages);
    }

    void checkpointsAndRevert()
    {
        test::FixtureHome home;
        const SessionCatalog catalog(home.environment());
        const HarvestDatabaseService service(catalog);
        const QString db = home.file(u"h.db"_s);
        QVERIFY(service.run({db, u"copilot"_s, {}, {}, {}, {}}));
        const auto none = service.checkpoints(db, u"bbbb2222"_s);
        QVERIFY(none.ok() && none->isEmpty());
        const auto saved = service.checkpoint(db, u"bbbb2222"_s, u"before"_s);
        QVERIFY(saved.ok());
        QCOMPARE(saved->number, 1);
        QCOMPARE(saved->messageCount, 4);
        QCOMPARE(saved->message, u"before"_s);
        const auto missing = service.revert(db, u"bbbb2222"_s, 9);
        QVERIFY(!missing.ok());
        QVERIFY(missing.error().message.contains(u"has no checkpoint 9"_s));
        const auto reverted = service.revert(db, u"bbbb2222"_s, 1);
        QVERIFY(reverted.ok());
        QCOMPARE(reverted->revertedTo, 1);
        QCOMPARE(reverted->savedAs.number, 2);
        QCOMPARE(service.checkpoints(db, u"bbbb2222"_s)->size(), 2);
    }

    // Sessions exported as json come back into another database as they were; again, they are there already.
    void importExports()
    {
        test::FixtureHome home;
        const SessionCatalog catalog(home.environment());
        const HarvestDatabaseService service(catalog);
        const QString exported = home.file(u"session.json"_s);
        QVERIFY(test::writeFile(exported,
                                test::readAll(QStringLiteral(CHASM_TEST_DATA_DIR) + u"/golden/export/copilot.json"_s)));
        const auto first = service.importExports(u"imported.db"_s, {u"session.json"_s});
        QVERIFY2(first.ok(), qPrintable(first ? QString() : first.error().message));
        QCOMPARE(first->database, home.file(u"imported.db"_s)); // relative to the working directory (HOME)
        QCOMPARE(first->imported.created, 1);
        const auto again = service.importExports(u"imported.db"_s, {exported});
        QVERIFY(again.ok());
        QCOMPARE(again->imported.created, 0);
        QCOMPARE(again->imported.unchanged, 1);
        QVERIFY(!service.importExports(u"imported.db"_s, {u"missing.json"_s}).ok());
    }

    void init()
    {
        test::FixtureHome home;
        const SessionCatalog catalog(home.environment());
        const HarvestDatabaseService service(catalog);
        const auto made = service.init({});
        QVERIFY(made.ok());
        QCOMPARE(made->database, Database::defaultPath(home.environment()));
        QVERIFY(QFileInfo::exists(made->database));
        QVERIFY(!service.init(home.path()).ok()); // a folder is no database
    }
};

QTEST_GUILESS_MAIN(TestHarvestDatabaseService)
#include "TestHarvestDatabaseService.moc"
