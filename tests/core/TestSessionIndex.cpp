// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#include "FixtureHome.h"
#include "providers/SessionCatalog.h"
#include "vscode/SessionIndex.h"

#include <QCryptographicHash>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTest>
#include <QTimeZone>

using namespace Qt::StringLiterals;
using namespace chasm;

namespace {

const QString webAppStorage = u".config/Code/User/workspaceStorage/5d41402abc4b2a76b9719d911017c592"_s;

QStringList codes(const IndexEntry& entry)
{
    QStringList result;
    for (const IndexProblem& problem : entry.problems) {
        result << problem.code;
    }
    return result;
}

} // namespace

class TestSessionIndex : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void readsEntries()
    {
        test::FixtureHome home;
        QVERIFY(home.isValid());
        const auto entries = SessionIndex::read(home.file(webAppStorage + u"/state.vscdb"_s));
        QVERIFY2(entries.ok(), entries.ok() ? "" : qPrintable(entries.error().message));
        QCOMPARE(entries->size(), 4);
        const IndexEntry& first = entries->at(0);
        QCOMPARE(first.sessionId, u"aaaa1111-2222-4333-8444-555566667777"_s);
        QCOMPARE(first.title, u"Why does npm test fail with ECONNREFUSED here?"_s);
        QCOMPARE(first.lastMessageDate, QDateTime::fromMSecsSinceEpoch(1768471500000, QTimeZone::utc()));
        QCOMPARE(first.isEmpty, std::optional<bool>(false));
        QCOMPARE(first.lastResponseState, std::optional<int>(1));
        QCOMPARE(first.initialLocation, u"panel"_s);
        QVERIFY(first.raw.contains("timing"));
        QVERIFY(first.raw.contains("isExternal"));
        QCOMPARE(first.created, QDateTime::fromMSecsSinceEpoch(1768471100000, QTimeZone::utc()));
        QCOMPARE(first.lastRequestEnded, QDateTime::fromMSecsSinceEpoch(1768471530000, QTimeZone::utc()));
        // The older timing shape: {startTime, endTime}.
        QCOMPARE(entries->at(1).created, QDateTime::fromMSecsSinceEpoch(1768557600000, QTimeZone::utc()));
        QCOMPARE(entries->at(1).lastRequestEnded, QDateTime::fromMSecsSinceEpoch(1768557900000, QTimeZone::utc()));
        QCOMPARE(entries->at(1).lastResponseState, std::optional<int>(2));
        QCOMPARE(entries->at(1).isEmpty, std::optional<bool>(true));
    }

    // Each failure mode is flagged: an entry without a file, a file without an entry, a wrong isEmpty,
    // a cancelled last response, an unreadable file.
    void reconcileFlagsMismatches()
    {
        test::FixtureHome home;
        SessionCatalog catalog(home.environment());
        const QList<Workspace> workspaces = catalog.workspaces(catalog.providers(u"copilot"_s).value());
        const auto webApp = SessionCatalog::resolveWorkspace(workspaces, u"5d41402a"_s);
        QVERIFY(webApp.ok());
        const QList<SessionRef> files = catalog.sessions(catalog.providers(u"copilot"_s).value(), {*webApp});
        QCOMPARE(files.size(), 4);
        const auto entries = SessionIndex::read(webApp->stateDatabasePath);
        QVERIFY(entries.ok());
        const QList<IndexEntry> report = SessionIndex::reconcile(*entries, files);
        QCOMPARE(report.size(), 5);

        QHash<QString, QStringList> problems;
        for (const IndexEntry& entry : report) {
            problems.insert(entry.sessionId.left(4), codes(entry));
        }
        QCOMPARE(problems.value(u"aaaa"_s), QStringList());
        QCOMPARE(problems.value(u"bbbb"_s), (QStringList{u"is_empty_mismatch"_s, u"cancelled"_s}));
        QCOMPARE(problems.value(u"cccc"_s), QStringList{u"missing_file"_s});
        QCOMPARE(problems.value(u"dddd"_s), QStringList{u"not_in_index"_s});
        QCOMPARE(problems.value(u"ffff"_s), QStringList{u"unreadable"_s});

        const IndexEntry& orphan = report.last();
        QVERIFY(!orphan.inIndex);
        QCOMPARE(orphan.title, u"Untitled"_s);
        QVERIFY(orphan.file.endsWith(u"dddd4444-5555-4666-8777-888899990000.json"_s));
        QVERIFY(report.at(0).file.endsWith(u"aaaa1111-2222-4333-8444-555566667777.json"_s));
        QVERIFY(report.at(2).file.isEmpty());
    }

    // The editor is running: its connection holds the newest index in the -wal file. Chasm reads that
    // newest value, and the database, -wal and -shm files are byte-identical afterwards.
    void readLeavesDatabaseAndWalUntouched()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(u"state.vscdb"_s);
        QVERIFY(test::FixtureHome::writeStateDatabase(path, R"({"version":1,"entries":{}})"));

        QSqlDatabase editor = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"editor"_s);
        editor.setDatabaseName(path);
        QVERIFY(editor.open());
        QSqlQuery query(editor);
        QVERIFY(query.exec(u"PRAGMA journal_mode=WAL"_s));
        QVERIFY(query.exec(u"PRAGMA wal_autocheckpoint=0"_s));
        QVERIFY(query.exec(
            uR"(UPDATE ItemTable SET value = '{"version":1,"entries":{"s1":{"sessionId":"s1","title":"From the WAL","lastMessageDate":5}}}' WHERE key = 'chat.ChatSessionStore.index')"_s));
        QVERIFY(QFileInfo(path + u"-wal"_s).size() > 0);

        const auto hashes = [&path] {
            QStringList result;
            for (const QString& suffix : {QString(), u"-wal"_s, u"-shm"_s}) {
                result << QString::fromLatin1(
                    QCryptographicHash::hash(test::readAll(path + suffix), QCryptographicHash::Sha256).toHex());
                result << QFileInfo(path + suffix).lastModified().toString(Qt::ISODateWithMs);
            }
            return result;
        };
        const QStringList before = hashes();
        const auto entries = SessionIndex::read(path);
        QVERIFY2(entries.ok(), entries.ok() ? "" : qPrintable(entries.error().message));
        QCOMPARE(entries->size(), 1);
        QCOMPARE(entries->at(0).title, u"From the WAL"_s);
        QCOMPARE(hashes(), before);

        query.finish();
        editor.close();
        editor = QSqlDatabase();
        QSqlDatabase::removeDatabase(u"editor"_s);
    }

    void readWithoutWalCreatesNothing_data()
    {
        QTest::addColumn<QString>("journalMode");
        QTest::newRow("rollback journal") << u"DELETE"_s;
        QTest::newRow("WAL, checkpointed") << u"WAL"_s;
    }

    // With no WAL data the database is read in place in immutable mode: nothing is created beside it.
    void readWithoutWalCreatesNothing()
    {
        QFETCH(QString, journalMode);
        QTemporaryDir dir;
        const QString path = dir.filePath(u"state.vscdb"_s);
        QVERIFY(test::FixtureHome::writeStateDatabase(path, R"({"version":1,"entries":{"a":{"title":"T"}}})"));
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"mode"_s);
            db.setDatabaseName(path);
            QVERIFY(db.open());
            QSqlQuery query(db);
            QVERIFY(query.exec(u"PRAGMA journal_mode="_s + journalMode));
            query.finish();
            db.close();
        }
        QSqlDatabase::removeDatabase(u"mode"_s);
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files), QStringList{u"state.vscdb"_s});
        const QByteArray before = test::readAll(path);
        const auto entries = SessionIndex::read(path);
        QVERIFY(entries.ok());
        QCOMPARE(entries->at(0).sessionId, u"a"_s); // the key names the session when sessionId is absent
        QCOMPARE(test::readAll(path), before);
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files), QStringList{u"state.vscdb"_s});
    }

    void errors()
    {
        QTemporaryDir dir;
        const QString missing = dir.filePath(u"nope.vscdb"_s);
        const auto absent = SessionIndex::read(missing);
        QVERIFY(!absent.ok());
        QCOMPARE(absent.error().message, u"cannot read %1: the file does not exist"_s.arg(missing));

        const QString noKey = dir.filePath(u"nokey.vscdb"_s);
        QVERIFY(test::FixtureHome::writeStateDatabase(noKey, R"({"version":1,"entries":{}})"));
        QVERIFY(SessionIndex::read(noKey)->isEmpty());

        const QString garbage = dir.filePath(u"garbage.vscdb"_s);
        QFile file(garbage);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("this is not a database, just text that is long enough to have a header..........");
        file.close();
        const auto broken = SessionIndex::read(garbage);
        QVERIFY(!broken.ok());
        QVERIFY2(broken.error().message.contains(garbage), qPrintable(broken.error().message));

        const QString badJson = dir.filePath(u"badjson.vscdb"_s);
        QVERIFY(test::FixtureHome::writeStateDatabase(badJson, R"({"version":1,"entries":)"));
        const auto bad = SessionIndex::read(badJson);
        QVERIFY(!bad.ok());
        QVERIFY2(bad.error().message.startsWith(u"cannot read the chat index in "_s + badJson),
                 qPrintable(bad.error().message));
    }
};

QTEST_GUILESS_MAIN(TestSessionIndex)
#include "TestSessionIndex.moc"
