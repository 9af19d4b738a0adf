// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#include "FixtureHome.h"
#include "services/RecoverScanService.h"

#include <QStandardPaths>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace chasm;

Q_DECLARE_METATYPE(RecoveryFinding::Kind)

// recover scan: what is recoverable in the editors' stores, and the command that recovers each.
class TestRecoverScanService : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void findingFix_data()
    {
        QTest::addColumn<RecoveryFinding::Kind>("kind");
        QTest::addColumn<QString>("projectPath"); // the target's
        QTest::addColumn<QString>("fix");
        using Kind = RecoveryFinding::Kind;
        QTest::newRow("older workspace") << Kind::OlderWorkspace << u"/p/web"_s
                                         << u"chasm detect orphaned \"/p/web\" --recover"_s;
        QTest::newRow("not in index") << Kind::NotInIndex << u"/p/web"_s << u"chasm register all --path \"/p/web\""_s;
        QTest::newRow("not in index, no folder") << Kind::NotInIndex << QString() << u"chasm register all --all"_s;
        QTest::newRow("wrong entry") << Kind::WrongEntry << u"/p/web"_s << u"chasm register repair --path \"/p/web\""_s;
        QTest::newRow("old backup") << Kind::OldBackup << u"/p/web"_s
                                    << u"chasm import sessions \"/b/1.json.bak\" \"/b/2.json.bak\" --target-path "
                                       "\"/p/web\" --editor code"_s;
        QTest::newRow("old database, no folder")
            << Kind::OldDatabase << QString()
            << u"chasm import sessions \"/b/1.json.bak\" \"/b/2.json.bak\" --workspace 5d41"_s;
    }

    void findingFix()
    {
        QFETCH(RecoveryFinding::Kind, kind);
        QFETCH(QString, projectPath);
        QFETCH(QString, fix);
        RecoveryFinding finding;
        finding.kind = kind;
        finding.project = u"/p/web"_s;
        finding.target.projectPath = projectPath;
        finding.target.editor = u"code"_s;
        finding.target.hash = u"5d41"_s;
        // Two sessions of one file are one source.
        for (const QString& path : {u"/b/1.json.bak"_s, u"/b/2.json.bak"_s, u"/b/1.json.bak"_s}) {
            finding.items.append({u"id"_s, u"title"_s, path, {}, 1});
        }
        QCOMPARE(RecoverScanService::fixOf(finding), fix);
    }

    void damagedFix_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("fix");
        QTest::newRow("jsonl") << u"/s/a.jsonl"_s << u"chasm recover jsonl \"/s/a.jsonl\""_s;
        QTest::newRow("json") << u"/s/a.json"_s << u"chasm recover repair \"/s/a.json\""_s;
    }

    void damagedFix()
    {
        QFETCH(QString, path);
        QFETCH(QString, fix);
        SessionRef ref;
        ref.path = path;
        QCOMPARE(RecoverScanService::fixOf(ref), fix);
    }

    void scan_data()
    {
        QTest::addColumn<QString>("family");
        QTest::addColumn<QStringList>("found");
        QTest::addColumn<int>("damaged");
        // web app: "Deploy script review" is marked empty and cancelled in the index; mono and the remote workspace
        // have no index yet. The empty orphan dddd4444 is not worth bringing back.
        QTest::newRow("every editor") << QString()
                                      << QStringList{u"not_in_index:12121212-3434-4565-8787-909090909090"_s,
                                                     u"not_in_index:34343434-5656-4787-8989-010101010101"_s,
                                                     u"wrong_entry:bbbb2222-3333-4444-8555-666677778888"_s}
                                      << 1;
        QTest::newRow("VS Code") << u"vscode"_s
                                 << QStringList{u"not_in_index:12121212-3434-4565-8787-909090909090"_s,
                                                u"not_in_index:34343434-5656-4787-8989-010101010101"_s,
                                                u"wrong_entry:bbbb2222-3333-4444-8555-666677778888"_s}
                                 << 1;
        QTest::newRow("Cursor") << u"cursor"_s << QStringList() << 0;
    }

    void scan()
    {
        QFETCH(QString, family);
        QFETCH(QStringList, found);
        QFETCH(int, damaged);
        test::FixtureHome home;
        const SessionCatalog catalog(home.environment());
        const auto report = RecoverScanService(catalog).run({family, false});
        QVERIFY(report.ok());
        QStringList kinds;
        for (const RecoverScanService::Finding& f : report->findings) {
            QCOMPARE(f.fix, RecoverScanService::fixOf(f.finding));
            for (const RecoveryFinding::Item& item : f.finding.items) {
                static const QString names[] = {u"older_workspace"_s, u"not_in_index"_s, u"wrong_entry"_s,
                                                u"old_backup"_s, u"old_database"_s};
                kinds << names[int(f.finding.kind)] + u':' + item.id;
            }
        }
        kinds.sort();
        QCOMPARE(kinds, found);
        QCOMPARE(report->damaged.size(), damaged);
        for (const RecoverScanService::Damaged& d : report->damaged) {
            QVERIFY(d.session.path.endsWith(u"ffff6666-7777-4888-8999-aaaabbbbcccc.json"_s));
            QCOMPARE(d.fix, u"chasm recover repair \"%1\""_s.arg(d.session.path));
        }
    }
};

QTEST_GUILESS_MAIN(TestRecoverScanService)
#include "TestRecoverScanService.moc"
