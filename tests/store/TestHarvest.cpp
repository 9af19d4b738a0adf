// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#include "FixtureHome.h"
#include "ops/Harvester.h"
#include "model/ModelJson.h"
#include "store/HarvestStore.h"
#include "store/Originals.h"
#include "store/SearchQuery.h"
#include "store/StoredSession.h"
#include "util/Compression.h"

#include <QDir>
#include <QFileInfo>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtEndian>
#include <QTest>
#include <QThread>
#include <QTimeZone>
#include <QUrl>

#include <boost/json/serialize.hpp>

#include <array>
#include <latch>
#include <limits>
#include <thread>

#ifdef Q_OS_UNIX
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#endif

using namespace Qt::StringLiterals;
using namespace chasm;

namespace {

qint64 count(const Database& db, const QString& sql)
{
    QSqlQuery query(db.connection());
    return query.exec(sql) && query.next() ? query.value(0).toLongLong() : -1;
}

// A Codex session "codex:<id>" whose user messages are `texts`, all written at `time`.
Session codexSession(const QString& id, const QDateTime& time, const QStringList& texts, const QString& project = {})
{
    Session s;
    s.provider = u"codex"_s;
    s.nativeId = id;
    s.id = u"codex:"_s + id;
    s.title = id;
    s.projectPath = project;
    s.updatedAt = time;
    for (const QString& text : texts) {
        s.messages.append({Role::User, text, time, {}, {}, {}, {}, {}, {}});
    }
    return s;
}

SessionRef refOf(const Session& session)
{
    SessionRef ref;
    ref.id = session.id;
    ref.provider = session.provider;
    ref.path = u"/x/"_s + session.nativeId;
    return ref;
}

// Every row a harvest stored, as text, in order: the stored JSON decompressed, and the times of the harvest left out.
QStringList storedRows(const Database& db)
{
    QStringList rows;
    const auto add = [&](const QString& sql) {
        QSqlQuery query(db.connection());
        if (!query.exec(sql)) {
            rows << u"ERROR: "_s + query.lastError().text();
        }
        while (query.next()) {
            QStringList values;
            for (int i = 0; i < query.record().count(); ++i) {
                values << query.value(i).toString();
            }
            rows << values.join(u'|');
        }
    };
    add(u"SELECT id, provider, native_id, title, workspace_name, workspace, project_path, source_path, format, "
        "created_at, updated_at, message_count, model, total_tokens, size_bytes, source_hash FROM sessions ORDER BY id"_s);
    QSqlQuery data(db.connection());
    data.exec(u"SELECT id, data FROM sessions ORDER BY id"_s);
    while (data.next()) {
        const auto json = stored::jsonOf(data.value(1));
        rows << data.value(0).toString() + u": "_s +
                    (json ? QString::fromStdString(*json) : u"ERROR: "_s + json.error().message);
    }
    add(u"SELECT session_id, seq, role, content, timestamp, model FROM messages_v2 ORDER BY session_id, seq"_s);
    add(u"SELECT session_id, message_seq, call_id, tool_name, input, output, status, timestamp FROM tool_invocations "
        "ORDER BY session_id, message_seq, call_id"_s);
    add(u"SELECT session_id, file_path, change_type FROM file_changes ORDER BY session_id, file_path"_s);
    add(u"SELECT session_id, provider, path, size, updated_ms, message_count, result, error, file_modified_ms, "
        "workspace_id, hash FROM harvest_sources ORDER BY session_id"_s);
    // The index follows the messages: what it finds of each word, message by message.
    add(u"SELECT m.session_id, m.seq FROM messages_fts f JOIN messages_v2 m ON m.id = f.rowid "
        "WHERE messages_fts MATCH 'answer OR prompt OR word7' ORDER BY m.session_id, m.seq"_s);
    return rows;
}

// A VS Code chat session log of `requests` requests pushed one to a line, each answered at some length, with an
// earlier prompt edited after the last push.
QByteArray vsCodeLog(int requests, int wordsPerAnswer = 400)
{
    QByteArray log = R"({"kind":0,"v":{"version":3,"creationDate":1767225600000,"sessionId":"big","requests":[]}})"
                     "\n";
    for (int n = 0; n < requests; ++n) {
        QByteArray answer;
        for (int w = 0; w < wordsPerAnswer; ++w) {
            answer += "word" + QByteArray::number((n * 7 + w) % 97) + ' ';
        }
        const QByteArray number = QByteArray::number(n);
        log += R"({"kind":2,"k":["requests"],"v":[{"requestId":"r)" + number + R"(","timestamp":)" +
               QByteArray::number(1767225600000 + n * 1000) + R"(,"modelId":"copilot/gpt","message":{"text":"prompt )" +
               number + R"(","parts":[]},"variableData":{"variables":[{"kind":"file","value":{"fsPath":"/src/f)" +
               QByteArray::number(n % 13) +
               R"(.cpp","scheme":"file"}}]},"response":[{"kind":"markdownContent","content":{"value":"answer )" +
               answer + R"("}},{"kind":"toolInvocationSerialized","toolId":"run","toolCallId":"call)" + number +
               R"(","invocationMessage":"running","isComplete":true}],"result":{"metadata":{"promptTokens":)" +
               QByteArray::number(50 + n) + R"(,"outputTokens":9}}}]})" + "\n";
    }
    log += R"({"kind":1,"k":["requests",3,"message","text"],"v":"prompt edited"})"
           "\n";
    return log;
}

// Counts the rows inserted into and deleted from the tables of a session's rows (the index is written by the triggers
// of messages_v2, so its changes are those of messages_v2), from when it is made.
void auditRowChanges(const Database& db)
{
    QSqlQuery query(db.connection());
    QVERIFY(query.exec(u"CREATE TABLE audit (tbl TEXT, op TEXT, row INTEGER)"_s));
    for (const QString& table : {u"messages_v2"_s, u"tool_invocations"_s, u"file_changes"_s}) {
        for (const QString& op : {u"INSERT"_s, u"DELETE"_s, u"UPDATE"_s}) {
            const QString row = op == u"DELETE"_s ? u"old.id"_s : u"new.id"_s;
            QVERIFY2(
                query.exec(u"CREATE TRIGGER audit_%1_%2 AFTER %2 ON %1 BEGIN INSERT INTO audit VALUES ('%1', '%2', "
                           "%3); END"_s.arg(table, op, row)),
                qPrintable(query.lastError().text()));
        }
    }
}

// The rows changed since auditRowChanges(): "table op" and how many, e.g. "messages_v2 INSERT 2".
QStringList rowChanges(const Database& db)
{
    QSqlQuery query(db.connection());
    QStringList changes;
    if (!query.exec(u"SELECT tbl, op, count(*) FROM audit GROUP BY tbl, op ORDER BY tbl, op"_s)) {
        return {u"ERROR: "_s + query.lastError().text()};
    }
    while (query.next()) {
        changes << u"%1 %2 %3"_s.arg(query.value(0).toString(), query.value(1).toString(), query.value(2).toString());
    }
    return changes;
}

// Where the tests below write a VS Code log of their own.
const QString bigLog =
    u".config/Code/User/workspaceStorage/7b8b965ad4bca0e41ab51de7b31363a1/chatSessions/b1b1b1b1-0000-4000-8000-000000000001.jsonl"_s;

// The sessions of the catalog harvested twice into `folder`: every one as it is read, a batch at a time
// (Options::streamBytes 0), into streamed.db, and every one read whole into whole.db.
struct BothWays
{
    Result<std::unique_ptr<Database>> streamedDb;
    Result<std::unique_ptr<Database>> wholeDb;
    Result<Harvester::Summary> streamed = Error{};
    Result<Harvester::Summary> read = Error{};
    // Why a database could not be opened or a harvest failed; empty when all went well.
    QString error() const
    {
        for (const auto* failed :
             {streamedDb.ok() ? nullptr : &streamedDb.error(), wholeDb.ok() ? nullptr : &wholeDb.error(),
              streamed.ok() ? nullptr : &streamed.error(), read.ok() ? nullptr : &read.error()}) {
            if (failed) {
                return failed->message.isEmpty() ? u"failed"_s : failed->message;
            }
        }
        return {};
    }
};

BothWays harvestBothWays(const SessionCatalog& catalog, const QList<const Provider*>& providers, const QString& folder)
{
    BothWays both{Database::open(folder + u"/streamed.db"_s), Database::open(folder + u"/whole.db"_s)};
    if (both.streamedDb.ok() && both.wholeDb.ok()) {
        Harvester::Options streaming;
        streaming.streamBytes = 0;
        Harvester::Options whole;
        whole.streamBytes = std::numeric_limits<qint64>::max();
        both.streamed = Harvester::run(catalog, providers, **both.streamedDb, streaming);
        both.read = Harvester::run(catalog, providers, **both.wholeDb, whole);
    }
    return both;
}

// The ids of a session's messages, by their place.
QList<qint64> messageIds(const Database& db, const QString& session)
{
    QSqlQuery query(db.connection());
    QList<qint64> ids;
    query.exec(u"SELECT id FROM messages_v2 WHERE session_id = '%1' ORDER BY seq"_s.arg(session));
    while (query.next()) {
        ids << query.value(0).toLongLong();
    }
    return ids;
}

// What searches for `queries` find: each hit's session, message, snippet and score (to 9 digits: the score has a
// boost for recent messages), and every message the index matches with its BM25 rank, in order of session and
// message.
QStringList searchResults(const Database& db, const QStringList& queries)
{
    HarvestStore store(db);
    QStringList found;
    for (const QString& query : queries) {
        HarvestStore::SearchFilter filter;
        filter.limit = 1000;
        filter.exhaustive = true;
        const auto results = store.search(query, filter);
        if (!results) {
            found << u"ERROR: "_s + results.error().message;
            continue;
        }
        QStringList hits;
        for (const HarvestStore::SearchHit& hit : results->hits) {
            hits << u"%1 %2 %3 %4 %5"_s.arg(query, hit.sessionId, QString::number(hit.messageIndex), hit.snippet,
                                            QString::number(hit.score, 'g', 9));
        }
        QSqlQuery matches(db.connection());
        matches.prepare(u"SELECT m.session_id, m.seq, bm25(messages_fts) FROM messages_fts JOIN messages_v2 m ON "
                        "m.id = messages_fts.rowid WHERE messages_fts MATCH ?"_s);
        matches.addBindValue(SearchQuery::parse(query)->fts());
        if (!matches.exec()) {
            hits << u"ERROR: "_s + matches.lastError().text();
        }
        while (matches.next()) {
            hits << u"%1 match %2 %3 %4"_s.arg(query, matches.value(0).toString(), matches.value(1).toString(),
                                               QString::number(matches.value(2).toDouble(), 'g', 12));
        }
        hits.sort();
        found << hits;
    }
    return found;
}
// The sessions of windowed hits in their order, or which one has more hits than a session may show.
QStringList sessionsOf(const QList<HarvestStore::SearchHit>& hits)
{
    QStringList order;
    QHash<QString, int> perSession;
    for (const HarvestStore::SearchHit& hit : hits) {
        if (order.isEmpty() || order.constLast() != hit.sessionId) {
            order << hit.sessionId;
        }
        ++perSession[hit.sessionId];
    }
    for (auto it = perSession.cbegin(); it != perSession.cend(); ++it) {
        if (it.value() > HarvestStore::maxHitsPerSession) {
            return QStringList{u"too many hits of "_s + it.key()};
        }
    }
    return order;
}

} // namespace

class TestHarvest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void incrementalRuns()
    {
        test::FixtureHome home;
        SessionCatalog catalog(home.environment());
        const auto providers = catalog.providers().value();
        const QString path = Database::defaultPath(home.environment());
        QCOMPARE(path, home.path() + u"/.local/share/chasm/chasm.db"_s);
        const auto db = Database::open(path);
        QVERIFY2(db.ok(), db.ok() ? "" : qPrintable(db.error().message));

        auto first = Harvester::run(catalog, providers, **db);
        QVERIFY2(first.ok(), first.ok() ? "" : qPrintable(first.error().message));
        QCOMPARE(first->created, 7);
        QCOMPARE(first->failed, 1); // the cut-off ffff6666….json
        QCOMPARE(first->errors.size(), 1);
        QVERIFY(first->errors.at(0).path.endsWith(u"ffff6666-7777-4888-8999-aaaabbbbcccc.json"_s));
        QCOMPARE(first->sessionsTotal, 7);
        // The run's pages are in the database file; its write-ahead log is emptied (the connection is open).
        QCOMPARE(QFileInfo(path + u"-wal"_s).size(), 0);

        // The seed's documented SQL works; the FTS index follows the messages.
        QCOMPARE(count(**db, u"SELECT count(*) FROM sessions WHERE provider = 'copilot'"_s), 6);
        QCOMPARE(count(**db, u"SELECT count(*) FROM messages_v2 m JOIN sessions s ON s.id = m.session_id "
                             "WHERE m.id IN (SELECT rowid FROM messages_fts WHERE messages_fts MATCH 'rollback')"_s),
                 2); // the question and the answer of "Deploy script review"
        QCOMPARE(count(**db, u"SELECT count(*) FROM tool_invocations WHERE tool_name = 'run_in_terminal'"_s), 1);

        // Nothing changed: nothing is read or written again, and the failure is not retried.
        auto second = Harvester::run(catalog, providers, **db);
        QVERIFY2(second.ok(), second.ok() ? "" : qPrintable(second.error().message));
        QCOMPARE(second->created + second->updated + second->failed, 0);
        QCOMPARE(second->unchanged, 8);

        // A file touched without a change is found unchanged (no rewrite); a file whose size and
        // modification time did not change since is not even read: garbage of the same size under the
        // same time goes unnoticed.
        const QString folder =
            home.file(u".config/Code/User/workspaceStorage/5d41402abc4b2a76b9719d911017c592/chatSessions/"_s);
        QFile log(folder + u"bbbb2222-3333-4444-8555-666677778888.jsonl"_s);
        {
            QVERIFY(log.open(QIODevice::ReadWrite));
            const QDateTime touchedTime = log.fileTime(QFileDevice::FileModificationTime).addSecs(60);
            const QByteArray original = log.readAll();
            QVERIFY(log.setFileTime(touchedTime, QFileDevice::FileModificationTime));
            log.close();
            const auto touched = Harvester::run(catalog, providers, **db);
            QCOMPARE(touched->unchanged, 8);
            QCOMPARE(touched->updated + touched->failed, 0);

            QVERIFY(log.open(QIODevice::ReadWrite));
            QCOMPARE(log.write(QByteArray(original.size(), '!')), original.size());
            QVERIFY(log.flush());
            QVERIFY(log.setFileTime(touchedTime, QFileDevice::FileModificationTime));
            log.close();
            const auto skipped = Harvester::run(catalog, providers, **db);
            QCOMPARE(skipped->unchanged, 8);
            QCOMPARE(skipped->failed + skipped->updated, 0);
            QCOMPARE(skipped->bytesRead, 0);

            QVERIFY(log.open(QIODevice::WriteOnly));
            QCOMPARE(log.write(original), original.size());
            log.close();
        }

        const QString deploy = u"copilot:bbbb2222-3333-4444-8555-666677778888"_s;
        QCOMPARE(HarvestStore(**db).checkpoint(deploy, u"before the canary"_s)->number, 1);

        // A changed session is updated in place; a deleted one stays in the database.
        QVERIFY(log.open(QIODevice::ReadWrite));
        QByteArray bytes = log.readAll();
        bytes.truncate(bytes.lastIndexOf('\n') + 1); // the cut-off line goes, as with the editor's next write
        bytes += "{\"kind\":2,\"k\":[\"requests\"],\"v\":[{\"requestId\":\"r3\",\"timestamp\":1768558000000,"
                 "\"message\":{\"text\":\"and the canary step\"},\"response\":[]}]}\n";
        QVERIFY(log.resize(0));
        QCOMPARE(log.write(bytes), bytes.size());
        log.close();
        QVERIFY(QFile::remove(folder + u"aaaa1111-2222-4333-8444-555566667777.json"_s));
        auto third = Harvester::run(catalog, providers, **db);
        QVERIFY2(third.ok(), third.ok() ? "" : qPrintable(third.error().message));
        QCOMPARE(third->updated, 1);
        QCOMPARE(third->created, 0);
        QCOMPARE(third->sessionsTotal, 7);
        QCOMPARE(count(**db, u"SELECT count(*) FROM messages_fts WHERE messages_fts MATCH 'canary'"_s), 1);
        QCOMPARE(count(**db, u"SELECT count(*) FROM sessions WHERE id LIKE 'copilot:aaaa%'"_s), 1);

        // The update kept the checkpoint, which puts the earlier content back (index included).
        HarvestStore store(**db);
        QCOMPARE(store.checkpoints(deploy)->size(), 1);
        QCOMPARE(store.session(deploy)->messages.size(), 6); // the new request and its (empty) answer
        QCOMPARE(store.revert(deploy, 1)->number, 2);
        QCOMPARE(store.session(deploy)->messages.size(), 4);
        QCOMPARE(count(**db, u"SELECT count(*) FROM messages_fts WHERE messages_fts MATCH 'canary'"_s), 0);
        QCOMPARE(store.revert(deploy, 2)->number, 3);
        QCOMPARE(count(**db, u"SELECT count(*) FROM messages_fts WHERE messages_fts MATCH 'canary'"_s), 1);

        const auto totals = HarvestStore(**db).totals();
        QCOMPARE(totals->sessions, 7);
        QCOMPARE(totals->failures, 1);
        QVERIFY(!totals->lastRun.isEmpty());
        QSqlQuery check((*db)->connection());
        QVERIFY(check.exec(u"PRAGMA integrity_check"_s) && check.next());
        QCOMPARE(check.value(0).toString(), u"ok"_s);
    }

    // A harvest lists new files without reading them and describes each from the one read that stores
    // it: a Codex rollout is named after its date and id, but its session (and its source row) is
    // keyed by the id inside.
    void newFilesAreReadOnce()
    {
        test::FixtureHome home(u"codex"_s);
        SessionCatalog catalog(home.environment());
        const auto codex = catalog.providers(u"codex"_s).value();
        SessionCache cache;
        const QList<SessionRef> listed = catalog.sessions(codex, catalog.workspaces(codex), cache, Listing::FilesOnly);
        QCOMPARE(listed.size(), 3);
        for (const SessionRef& ref : listed) {
            QVERIFY(!ref.described);
            QVERIFY(ref.id.startsWith(u"codex:rollout-"_s));
            QCOMPARE(ref.messageCount, 0);
        }
        QCOMPARE(cache.size(), 0); // not described, so nothing to remember

        const auto db = Database::open(home.path() + u"/chasm.db"_s);
        QVERIFY(db.ok());
        const auto first = Harvester::run(catalog, codex, **db);
        QVERIFY2(first.ok(), first.ok() ? "" : qPrintable(first.error().message));
        QCOMPARE(first->created, 3);
        QCOMPARE(count(**db, u"SELECT count(*) FROM sessions WHERE id LIKE 'codex:rollout-%'"_s), 0);
        QCOMPARE(count(**db, u"SELECT count(*) FROM harvest_sources h JOIN sessions s ON s.id = h.session_id "
                             "WHERE h.message_count = s.message_count "
                             "AND h.updated_ms = round((julianday(s.updated_at) - 2440587.5) * 86400000)"_s),
                 3);
        QCOMPARE(count(**db, u"SELECT count(*) FROM harvest_sources"_s), 3);
        QCOMPARE(count(**db, u"SELECT sum(message_count) FROM harvest_sources"_s), 8);

        const auto second = Harvester::run(catalog, codex, **db);
        QCOMPARE(second->unchanged, 3);
        QCOMPARE(second->bytesRead, 0);
    }

    // A source that now holds less than its stored session (a Claude Code transcript cut to 40 % by a crash, a Codex
    // rollout cut to its first line) leaves the stored session as it was, in a checkpoint too, and is reported. It is
    // not read again until it changes; read again, the checkpoint holding that content already is not made twice. A
    // source that fails to read leaves the session too, and one that grows again replaces it, the checkpoint keeping
    // what it replaced.
    void shrunkSourceKeepsStoredSession()
    {
        test::FixtureHome home(QStringList{u"claude-code"_s, u"codex"_s});
        SessionCatalog catalog(home.environment());
        const auto providers = catalog.providers().value();
        const auto db = Database::open(home.file(u"h.db"_s));
        QVERIFY(db.ok());
        QVERIFY(Harvester::run(catalog, providers, **db).ok());
        const QString claude = u"claude-code:11111111-aaaa-4bbb-8ccc-000000000001"_s;
        const QString codex = u"codex:0199aaaa-1111-7222-8333-444455556666"_s;
        const QString claudeFile =
            home.file(u".claude/projects/-home-dev-projects-web-app/11111111-aaaa-4bbb-8ccc-000000000001.jsonl"_s);
        const QString codexFile = home.file(
            u".codex/sessions/2026/02/03/rollout-2026-02-03T10-00-00-0199aaaa-1111-7222-8333-444455556666.jsonl"_s);
        const auto rows = [&db](const QString& table, const QString& id) {
            return count(**db, u"SELECT count(*) FROM %1 WHERE session_id = '%2'"_s.arg(table, id));
        };
        const auto storedRows = [&] {
            return QList<qint64>{rows(u"messages_v2"_s, claude), rows(u"tool_invocations"_s, claude),
                                 rows(u"messages_v2"_s, codex), rows(u"tool_invocations"_s, codex)};
        };
        const QList<qint64> stored = storedRows();
        QCOMPARE(stored, (QList<qint64>{5, 2, 8, 3}));
        const QByteArray claudeBytes = test::readAll(claudeFile);
        const QByteArray codexBytes = test::readAll(codexFile);

        QVERIFY(test::writeFile(claudeFile, claudeBytes.left(claudeBytes.size() * 40 / 100)));
        QVERIFY(test::writeFile(codexFile, codexBytes.left(codexBytes.indexOf('\n') + 1)));
        const auto shrunk = Harvester::run(catalog, providers, **db);
        QVERIFY2(shrunk.ok(), shrunk.ok() ? "" : qPrintable(shrunk.error().message));
        QCOMPARE(shrunk->updated, 0);
        QCOMPARE(shrunk->failed, 0);
        QCOMPARE(shrunk->shrunk.size(), 2);
        QMap<QString, Harvester::ShrunkSource> byId;
        for (const Harvester::ShrunkSource& source : shrunk->shrunk) {
            byId.insert(source.sessionId, source);
        }
        QCOMPARE(byId.value(claude).path, claudeFile);
        QCOMPARE(byId.value(claude).shrink.reason,
                 u"source shrank: kept the 4 stored messages (the source now has 2)"_s);
        QCOMPARE(byId.value(codex).shrink.reason,
                 u"source shrank: kept the 5 stored messages (the source now has 0)"_s);
        QCOMPARE(byId.value(claude).shrink.checkpoint, 1);
        QCOMPARE(storedRows(), stored);
        HarvestStore store(**db);
        for (const QString& id : {claude, codex}) {
            const auto checkpoints = store.checkpoints(id);
            QCOMPARE(checkpoints->size(), 1);
            QCOMPARE(checkpoints->constFirst().message, byId.value(id).shrink.reason);
        }
        QCOMPARE(store.checkpoints(claude)->constFirst().messageCount, 5);
        QCOMPARE(store.session(codex)->messages.size(), 8);

        // Not read again while it stays as it is.
        const auto again = Harvester::run(catalog, providers, **db);
        QVERIFY(again->shrunk.isEmpty());
        QCOMPARE(again->bytesRead, 0);
        QCOMPARE(again->updated + again->failed, 0);

        // Changed but still shorter: kept again, and the checkpoint that holds the content is not made twice.
        QVERIFY(test::writeFile(claudeFile, claudeBytes.left(claudeBytes.size() * 40 / 100) + "\n"));
        const auto touched = Harvester::run(catalog, providers, **db);
        QCOMPARE(touched->shrunk.size(), 1);
        QCOMPARE(touched->shrunk.at(0).shrink.checkpoint, 1);
        QCOMPARE(store.checkpoints(claude)->size(), 1);

        // A source that no longer reads leaves the stored session as it was.
        QVERIFY(test::writeFile(codexFile, "\x01garbage{{{\n"));
        const auto unreadable = Harvester::run(catalog, providers, **db);
        QCOMPARE(unreadable->failed, 1);
        QCOMPARE(storedRows(), stored);

        // A source that grows past what is stored replaces it; the checkpoint keeps the content it replaced.
        QVERIFY(test::writeFile(
            claudeFile,
            claudeBytes +
                R"({"parentUuid":"a5","isSidechain":false,"userType":"external","cwd":"/home/dev/projects/web app","sessionId":"11111111-aaaa-4bbb-8ccc-000000000001","version":"2.1.197","uuid":"u9","timestamp":"2026-03-01T10:05:00.000Z","type":"user","message":{"role":"user","content":"And the cache?"}})"
                "\n"));
        const auto grown = Harvester::run(catalog, providers, **db);
        QCOMPARE(grown->updated, 1);
        QVERIFY(grown->shrunk.isEmpty());
        QCOMPARE(rows(u"messages_v2"_s, claude), 6);
        QCOMPARE(store.checkpoints(claude)->size(), 1);
        QCOMPARE(store.checkpoints(claude)->constFirst().messageCount, 5);
    }

    // A source whose last activity is older than the stored session's is not taken either, however many messages
    // it holds; a newer one with as many is.
    void olderSourceKeepsStoredSession()
    {
        QTemporaryDir dir;
        const auto db = Database::open(dir.filePath(u"h.db"_s));
        QVERIFY(db.ok());
        HarvestStore store(**db);
        const QDateTime time(QDate(2026, 3, 2), QTime(9, 0), QTimeZone::utc());
        const Session stored = codexSession(u"one"_s, time, {u"question"_s, u"the later answer"_s});
        QCOMPARE(store.store(refOf(stored), HarvestStore::prepare(stored)).value(), HarvestStore::Outcome::New);
        const Session older = codexSession(u"one"_s, time.addDays(-1), {u"question"_s, u"an earlier answer"_s});
        HarvestStore::Shrink shrink;
        QCOMPARE(store.store(refOf(older), HarvestStore::prepare(older), &shrink).value(), HarvestStore::Outcome::Kept);
        QCOMPARE(shrink.reason, u"source is older than the stored session: kept its 2 messages (last activity "
                                "2026-03-02T09:00:00Z; the source's 2026-03-01T09:00:00Z)"_s);
        QCOMPARE(shrink.checkpoint, 1);
        QCOMPARE(store.session(stored.id)->messages.at(1).content, u"the later answer"_s);
        QCOMPARE(store.store(refOf(older), HarvestStore::prepare(older), &shrink).value(), HarvestStore::Outcome::Kept);
        QCOMPARE(store.checkpoints(stored.id)->size(), 1);

        const Session newer = codexSession(u"one"_s, time.addSecs(60), {u"question"_s, u"a newer answer"_s});
        QCOMPARE(store.store(refOf(newer), HarvestStore::prepare(newer)).value(), HarvestStore::Outcome::Updated);
        QCOMPARE(store.session(stored.id)->messages.at(1).content, u"a newer answer"_s);
    }

    // Hits are BM25-ranked with a mild recency boost and grouped per session, three at most each.
    void searchRankingAndGrouping()
    {
        QTemporaryDir dir;
        const auto db = Database::open(dir.filePath(u"h.db"_s));
        QVERIFY(db.ok());
        HarvestStore store(**db);
        const QDateTime old = QDateTime(QDate(2024, 1, 1), QTime(10, 0), QTimeZone::utc());
        const QDateTime recent = QDateTime::currentDateTimeUtc().addDays(-1);
        const QString same = u"the widget renderer drops frames"_s;
        const QList<Session> sessions = {
            codexSession(u"many"_s, old,
                         {u"widget one"_s, u"widget two"_s, u"widget three"_s, u"widget four"_s, u"widget five"_s},
                         u"/home/me/app"_s),
            codexSession(u"old"_s, old, {same}, u"/home/me/app"_s),
            codexSession(u"new"_s, recent, {same}, u"/home/me/shop"_s),
        };
        for (const Session& session : sessions) {
            QCOMPARE(store.store(refOf(session), HarvestStore::prepare(session)).value(), HarvestStore::Outcome::New);
        }

        const auto hits = store.search(u"widget"_s, {});
        QVERIFY(hits.ok());
        QStringList order;
        for (const HarvestStore::SearchHit& hit : hits->hits) {
            if (order.isEmpty() || order.constLast() != hit.sessionId) {
                order << hit.sessionId;
            }
        }
        QCOMPARE(order.size(), 3); // each session's hits together
        QVERIFY(order.indexOf(u"codex:new"_s) < order.indexOf(u"codex:old"_s));
        QCOMPARE(std::count_if(hits->hits.cbegin(), hits->hits.cend(),
                               [](const HarvestStore::SearchHit& h) { return h.sessionId == u"codex:many"_s; }),
                 HarvestStore::maxHitsPerSession);

        HarvestStore::SearchFilter shop;
        shop.workspace = u"shop"_s;
        const auto inShop = store.search(u"widget"_s, shop);
        QCOMPARE(inShop->hits.size(), 1);
        QCOMPARE(inShop->hits.at(0).sessionId, u"codex:new"_s);
        HarvestStore::SearchFilter two;
        two.limit = 2;
        QCOMPARE(store.search(u"widget"_s, two)->hits.size(), 2);
    }

    // A word in more than rankWindow of the newest messages is too common to rank quickly: its newest
    // matches are shown and the results say so; an exhaustive search ranks them all by BM25.
    void tooCommonToRank()
    {
        QTemporaryDir dir;
        const auto db = Database::open(dir.filePath(u"h.db"_s));
        QVERIFY(db.ok());
        HarvestStore store(**db);
        const QDateTime start = QDateTime(QDate(2026, 1, 1), QTime(9, 0), QTimeZone::utc());
        const auto make = [&start](int n, const QString& text, int count) {
            QStringList texts;
            for (int i = 0; i < count; ++i) {
                texts << text.arg(i);
            }
            return codexSession(u"s%1"_s.arg(n), start.addDays(n), texts);
        };
        QVERIFY(!store.begin());
        // The oldest session holds the one message that BM25 likes best (short, the word three times),
        // and the only one where three common words make a phrase.
        QList<Session> sessions{
            codexSession(u"s0"_s, start, {u"common common common"_s, u"many others a long time"_s})};
        for (int n = 1; n <= 12; ++n) {
            sessions.append(
                make(n, u"a long message number %1 where the common word appears once among many others"_s, 1000));
        }
        for (const Session& session : std::as_const(sessions)) {
            QVERIFY(store.store(refOf(session), HarvestStore::prepare(session)).ok());
        }
        QVERIFY(!store.commit());

        const auto newest = store.search(u"common"_s, {});
        QVERIFY(newest.ok());
        QVERIFY(newest->windowed());
        QCOMPARE(newest->unranked, HarvestStore::Unranked::CommonWords);
        QCOMPARE(newest->hits.constFirst().sessionId, u"codex:s12"_s);
        QVERIFY(std::none_of(newest->hits.cbegin(), newest->hits.cend(),
                             [](const HarvestStore::SearchHit& h) { return h.sessionId == u"codex:s0"_s; }));

        // A prefix is no word of its own; this one has more matches than a search shows.
        const auto prefix = store.search(u"commo*"_s, {});
        QVERIFY(prefix.ok());
        QVERIFY(prefix->windowed());
        QCOMPARE(prefix->unranked, HarvestStore::Unranked::ManyPrefixMatches);
        QCOMPARE(prefix->hits.constFirst().sessionId, u"codex:s12"_s);
        const auto rarePrefix = store.search(u"tim*"_s, {});
        QVERIFY(rarePrefix.ok());
        QCOMPARE(rarePrefix->unranked, HarvestStore::Unranked::No);
        QCOMPARE(rarePrefix->hits.size(), 1);

        HarvestStore::SearchFilter exhaustive;
        exhaustive.exhaustive = true;
        const auto ranked = store.search(u"common"_s, exhaustive);
        QVERIFY(ranked.ok());
        QVERIFY(!ranked->windowed());
        QCOMPARE(ranked->hits.constFirst().sessionId, u"codex:s0"_s);

        // A rare phrase of words that are all common is found without ranking it (which would read
        // every message holding each word).
        const auto phrase = store.search(u"\"others a long\""_s, {});
        QVERIFY(phrase.ok());
        QVERIFY(phrase->windowed());
        QCOMPARE(phrase->unranked, HarvestStore::Unranked::CommonWords);
        QCOMPARE(phrase->hits.size(), 1);
        QCOMPARE(phrase->hits.constFirst().sessionId, u"codex:s0"_s);
        QVERIFY(!store.search(u"\"others a long\""_s, exhaustive)->windowed());

        // A rarer word is ranked even though it is spread over every session.
        const auto rare = store.search(u"number 7"_s, {});
        QVERIFY(rare.ok());
        QVERIFY(!rare->windowed());
        QVERIFY(!rare->hits.isEmpty());

        // Every hit shown has its snippet, its matches marked, whichever way it was found; searches again on the
        // same connection give the same snippets.
        const QList<std::pair<QString, QString>> marked{{u"common"_s, u"[common]"_s},
                                                        {u"commo*"_s, u"[common]"_s},
                                                        {u"number 7"_s, u"[7]"_s},
                                                        {u"\"others a long\""_s, u"[others a long]"_s},
                                                        {u"tim*"_s, u"[time]"_s}};
        for (int round = 0; round < 2; ++round) {
            for (const auto& [query, match] : marked) {
                for (const bool everyMatch : {false, true}) {
                    HarvestStore::SearchFilter filter;
                    filter.exhaustive = everyMatch;
                    filter.provider = round == 0 ? QString() : u"codex"_s;
                    const auto results = store.search(query, filter);
                    QVERIFY(results.ok());
                    QVERIFY(!results->hits.isEmpty());
                    for (const HarvestStore::SearchHit& hit : results->hits) {
                        QVERIFY2(HarvestStore::bracketed(hit.snippet).contains(match), qPrintable(query + hit.snippet));
                    }
                }
            }
        }
    }

    // The newest matches of a word too common to rank come at most maxHitsPerSession from each session, newest
    // session first, until the list is full: a long session where the word is in every message does not fill the
    // list with its own three hits (as when only the newest few hundred matches were read). Past their third hit,
    // sessions whose messages are one run of ids are read past or skipped at once; one whose messages are not is
    // read past.
    void windowedHitsComeFromManySessions()
    {
        QTemporaryDir dir;
        const auto db = Database::open(dir.filePath(u"h.db"_s));
        QVERIFY(db.ok());
        HarvestStore store(**db);
        const QDateTime start = QDateTime(QDate(2026, 1, 1), QTime(9, 0), QTimeZone::utc());
        QVERIFY(!store.begin());
        for (int n = 0; n < 30; ++n) {
            QStringList texts;
            for (int i = 0; i < 400; ++i) {
                texts << u"message %1 of a session where the usual word is in every message"_s.arg(i);
            }
            Session session = codexSession(u"s%1"_s.arg(n, 2, 10, QChar(u'0')), start.addDays(n), texts,
                                           n % 2 ? u"/work/odd"_s : u"/work/even"_s);
            QVERIFY(store.store(refOf(session), HarvestStore::prepare(session)).ok());
        }
        QVERIFY(!store.commit());
        // s28's messages make two runs: five appended messages stored after s29's.
        QVERIFY(!store.begin());
        Session grown = *store.session(u"codex:s28"_s);
        for (int i = 0; i < 5; ++i) {
            grown.messages.append({Role::User, u"a later usual message"_s, start.addDays(40), {}, {}, {}, {}, {}, {}});
        }
        grown.updatedAt = start.addDays(40);
        QVERIFY(store.store(refOf(grown), HarvestStore::prepare(grown)).ok());
        QVERIFY(!store.commit());
        QVERIFY2(count(**db, u"SELECT count(*) FROM messages_v2 WHERE session_id = 'codex:s28' AND id > (SELECT "
                             "min(id) FROM messages_v2 WHERE session_id = 'codex:s29')"_s) == 5,
                 "the test needs s28's last messages stored after s29's");

        HarvestStore::SearchFilter fifty;
        fifty.limit = 50;
        const auto results = store.search(u"usual"_s, fifty);
        QVERIFY(results.ok());
        QVERIFY(results->windowed());
        QCOMPARE(results->hits.size(), 50);
        QVERIFY(!results->everyMatch);
        QStringList expected{u"codex:s28"_s, u"codex:s29"_s};
        for (int n = 27; expected.size() < 17; --n) {
            expected << u"codex:s%1"_s.arg(n, 2, 10, QChar(u'0'));
        }
        QCOMPARE(sessionsOf(results->hits), expected);

        // With a filter, the same from the eligible sessions only; a list longer than the matches holds them all.
        HarvestStore::SearchFilter even = fifty;
        even.projectPath = u"/work/even"_s;
        even.limit = 200;
        const auto evenResults = store.search(u"usual"_s, even);
        QVERIFY(evenResults.ok());
        QVERIFY(evenResults->windowed());
        QCOMPARE(evenResults->hits.size(), 45);
        QVERIFY(evenResults->everyMatch);
        QCOMPARE(sessionsOf(evenResults->hits).size(), 15);
        QCOMPARE(sessionsOf(evenResults->hits).constFirst(), u"codex:s28"_s);
        QCOMPARE(sessionsOf(evenResults->hits).constLast(), u"codex:s00"_s);

        // The newest matches are read up to a budget (HarvestSearch::newestBudget), but a long session shown in full
        // does not spend it: whether its remaining matches are read past or skipped (which depends on how long a
        // statement takes to start), the older sessions are found.
        QStringList texts;
        for (int i = 0; i < HarvestSearch::newestBudget + 1000; ++i) {
            texts << u"usual message %1"_s.arg(i);
        }
        QVERIFY(!store.begin());
        const Session longest = codexSession(u"s30"_s, start.addDays(50), texts);
        QVERIFY(store.store(refOf(longest), HarvestStore::prepare(longest)).ok());
        QVERIFY(!store.commit());
        const auto past = store.search(u"usual"_s, {});
        QVERIFY(past.ok());
        QCOMPARE(past->unranked, HarvestStore::Unranked::CommonWords);
        QCOMPARE(past->hits.size(), 20);
        QVERIFY(!past->everyMatch);
        QCOMPARE(sessionsOf(past->hits), (QStringList{u"codex:s30"_s, u"codex:s28"_s, u"codex:s29"_s, u"codex:s27"_s,
                                                      u"codex:s26"_s, u"codex:s25"_s, u"codex:s24"_s}));
    }

    // Inside a transaction the messages are staged and reach messages_v2 and the index at commit: a
    // session stored twice in one transaction keeps only its second content, and a rollback leaves
    // nothing behind, staged or not.
    void stagedMessagesWithinATransaction()
    {
        QTemporaryDir dir;
        const auto db = Database::open(dir.filePath(u"h.db"_s));
        QVERIFY(db.ok());
        HarvestStore store(**db);
        const auto make = [](const QStringList& texts) { return codexSession(u"one"_s, {}, texts); };
        const SessionRef ref = refOf(make({}));
        const auto matches = [&db](const QString& word) {
            return count(**db, u"SELECT count(*) FROM messages_fts WHERE messages_fts MATCH '%1'"_s.arg(word));
        };

        QVERIFY(!store.begin());
        QCOMPARE(store.store(ref, HarvestStore::prepare(make({u"alpha"_s, u"beta"_s}))).value(),
                 HarvestStore::Outcome::New);
        QCOMPARE(store.store(ref, HarvestStore::prepare(make({u"gamma"_s, u"delta"_s, u"zeta"_s}))).value(),
                 HarvestStore::Outcome::Updated);
        store.rollback();
        QCOMPARE(count(**db, u"SELECT count(*) FROM sessions"_s), 0);
        QCOMPARE(count(**db, u"SELECT count(*) FROM temp.staged_messages"_s), 0);

        QVERIFY(!store.begin());
        QCOMPARE(store.store(ref, HarvestStore::prepare(make({u"alpha"_s, u"beta"_s}))).value(),
                 HarvestStore::Outcome::New);
        QCOMPARE(store.store(ref, HarvestStore::prepare(make({u"gamma"_s, u"delta"_s}))).value(),
                 HarvestStore::Outcome::Updated);
        QCOMPARE(count(**db, u"SELECT count(*) FROM messages_v2"_s), 0); // staged until commit
        QVERIFY(!store.commit());
        QCOMPARE(count(**db, u"SELECT count(*) FROM messages_v2"_s), 2);
        QSqlQuery contents((*db)->connection());
        QVERIFY(
            contents.exec(u"SELECT group_concat(content, ' ') FROM (SELECT content FROM messages_v2 ORDER BY seq)"_s));
        QVERIFY(contents.next());
        QCOMPARE(contents.value(0).toString(), u"gamma delta"_s);
        contents.finish();
        QCOMPARE(matches(u"alpha"_s), 0);
        QCOMPARE(matches(u"gamma"_s), 1);
        QCOMPARE(matches(u"delta"_s), 1);

        // Outside a transaction a store is complete when it returns.
        QCOMPARE(store.store(ref, HarvestStore::prepare(make({u"epsilon"_s, u"eta"_s, u"theta"_s}))).value(),
                 HarvestStore::Outcome::Updated);
        QCOMPARE(count(**db, u"SELECT count(*) FROM messages_v2"_s), 3);
        QCOMPARE(matches(u"epsilon"_s), 1);
        QCOMPARE(matches(u"gamma"_s), 0);
        QCOMPARE(count(**db, u"SELECT count(*) FROM temp.staged_messages"_s), 0);
    }

    // Rows are written several to a statement (16, then 8, 4, 2, 1): every count of messages and tool calls
    // arrives whole and in order, and a session that fails leaves none of its rows behind, not even for the
    // session stored after it.
    void rowsOfEveryCount()
    {
        QTemporaryDir dir;
        const auto db = Database::open(dir.filePath(u"h.db"_s));
        QVERIFY(db.ok());
        {
            QSqlQuery trigger((*db)->connection());
            QVERIFY(trigger.exec(u"CREATE TRIGGER refuse BEFORE INSERT ON tool_invocations "
                                 "WHEN new.tool_name = 'refused' BEGIN SELECT RAISE(ABORT, 'refused tool'); END"_s));
        }
        HarvestStore store(**db);
        // Session n has n messages "m<seq>"; message seq carries seq % 3 tool calls.
        const auto make = [](int n, const QString& tool) {
            QStringList texts;
            for (int seq = 0; seq < n; ++seq) {
                texts << u"m%1"_s.arg(seq);
            }
            Session s = codexSession(u"s%1-%2"_s.arg(n).arg(tool), {}, texts);
            for (int seq = 0; seq < n; ++seq) {
                for (int i = 0; i < seq % 3; ++i) {
                    s.messages[seq].toolCalls.append({u"c%1-%2"_s.arg(seq).arg(i), tool, u"{}"_s, u"out"_s, {}});
                }
            }
            return s;
        };
        const QList<int> counts{0, 1, 2, 7, 15, 16, 17, 31, 33, 40};
        QVERIFY(!store.begin());
        for (int n : counts) {
            const Session s = make(n, u"bash"_s);
            QVERIFY(store.store(refOf(s), HarvestStore::prepare(s)).ok());
            if (n == 17) {
                const Session refused = make(20, u"refused"_s);
                const auto outcome = store.store(refOf(refused), HarvestStore::prepare(refused));
                QVERIFY(!outcome.ok());
                QVERIFY2(outcome.error().message.contains(u"refused tool"_s), qPrintable(outcome.error().message));
            }
        }
        QVERIFY(!store.commit());

        for (int n : counts) {
            const QString id = u"codex:s%1-bash"_s.arg(n);
            QSqlQuery q((*db)->connection());
            QVERIFY(q.exec(u"SELECT group_concat(seq || ':' || content, ' ') FROM "
                           "(SELECT seq, content FROM messages_v2 WHERE session_id = '%1' ORDER BY id)"_s.arg(id)));
            QVERIFY(q.next());
            QStringList expected;
            int tools = 0;
            for (int seq = 0; seq < n; ++seq) {
                expected << u"%1:m%1"_s.arg(seq);
                tools += seq % 3;
            }
            QCOMPARE(q.value(0).toString(), expected.join(u' '));
            QVERIFY(q.exec(u"SELECT count(*), coalesce(sum(message_seq), 0), count(DISTINCT call_id) "
                           "FROM tool_invocations WHERE session_id = '%1'"_s.arg(id)));
            QVERIFY(q.next());
            QCOMPARE(q.value(0).toInt(), tools);
            QCOMPARE(q.value(2).toInt(), tools);
            int seqSum = 0;
            for (int seq = 0; seq < n; ++seq) {
                seqSum += seq * (seq % 3);
            }
            QCOMPARE(q.value(1).toInt(), seqSum);
        }
        QCOMPARE(count(**db, u"SELECT count(*) FROM sessions WHERE id = 'codex:s20-refused'"_s), 0);
        QCOMPARE(count(**db, u"SELECT count(*) FROM messages_v2 WHERE session_id = 'codex:s20-refused'"_s), 0);
        QCOMPARE(count(**db, u"SELECT count(*) FROM tool_invocations WHERE session_id = 'codex:s20-refused'"_s), 0);
        QCOMPARE(count(**db, u"SELECT count(*) FROM sessions"_s), counts.size());
    }

    // A database of schema 1 is migrated in place: its rows stay.
    void migratesVersion1()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(u"old.db"_s);
        {
            QSqlDatabase old = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"v1"_s);
            old.setDatabaseName(path);
            QVERIFY(old.open());
            QSqlQuery q(old);
            QVERIFY(q.exec(u"CREATE TABLE harvest_sources (session_id TEXT PRIMARY KEY, provider TEXT NOT NULL, "
                           "path TEXT NOT NULL, size INTEGER NOT NULL, updated_ms INTEGER NOT NULL, "
                           "message_count INTEGER NOT NULL, result TEXT NOT NULL, error TEXT, "
                           "harvested_at TEXT NOT NULL)"_s));
            QVERIFY(q.exec(u"INSERT INTO harvest_sources VALUES ('codex:1', 'codex', '/x.jsonl', 10, 5, 2, 'ok', "
                           "NULL, '2026-01-01T00:00:00Z')"_s));
            // Version 1's index, which did not stem words, and the columns later versions index.
            QVERIFY(q.exec(u"CREATE TABLE messages_v2 (id INTEGER PRIMARY KEY, session_id TEXT, seq INTEGER, "
                           "role TEXT, content TEXT NOT NULL)"_s));
            QVERIFY(q.exec(u"CREATE TABLE tool_invocations (id INTEGER PRIMARY KEY, session_id TEXT, "
                           "message_seq INTEGER)"_s));
            QVERIFY(q.exec(u"CREATE INDEX tool_invocations_session ON tool_invocations(session_id)"_s));
            QVERIFY(q.exec(u"CREATE VIRTUAL TABLE messages_fts USING fts5(content, content='messages_v2', "
                           "content_rowid='id', tokenize='unicode61 remove_diacritics 2')"_s));
            QVERIFY(q.exec(u"INSERT INTO messages_v2 (id, content) VALUES (1, 'the tests failed')"_s));
            QVERIFY(q.exec(u"INSERT INTO messages_fts(messages_fts) VALUES ('rebuild')"_s));
            QVERIFY(q.exec(u"CREATE TABLE sessions (id TEXT PRIMARY KEY, provider TEXT, workspace_name TEXT, "
                           "workspace TEXT, project_path TEXT, message_count INTEGER, data TEXT NOT NULL)"_s));
            QVERIFY(q.exec(u"CREATE TABLE checkpoints (id INTEGER PRIMARY KEY, session_id TEXT NOT NULL, "
                           "data TEXT NOT NULL)"_s));
            QVERIFY(q.exec(u"SELECT count(*) FROM messages_fts WHERE messages_fts MATCH 'test'"_s) && q.next());
            QCOMPARE(q.value(0).toInt(), 0);
            QVERIFY(q.exec(u"PRAGMA user_version = 1"_s));
            q.finish();
            old.close();
        }
        QSqlDatabase::removeDatabase(u"v1"_s);
        QStringList notices;
        const auto db = Database::open(path, [&notices](const QString& notice) { notices << notice; });
        QVERIFY2(db.ok(), db.ok() ? "" : qPrintable(db.error().message));
        QCOMPARE(count(**db, u"PRAGMA user_version"_s), qint64(Database::schemaVersion));
        QCOMPARE(count(**db, u"SELECT count(*) FROM harvest_sources WHERE file_modified_ms IS NULL AND hash IS NULL"_s),
                 1);
        // Version 3 rebuilt the index with stemming, and said so first.
        QCOMPARE(notices.size(), 1);
        QVERIFY(notices.constFirst().contains(path));
        QCOMPARE(count(**db, u"SELECT count(*) FROM messages_fts WHERE messages_fts MATCH 'test AND fail'"_s), 1);
        // Version 4 merges the index only when a level is full; the pages keep the size they were made with.
        QCOMPARE(count(**db, u"SELECT v FROM messages_fts_config WHERE k = 'automerge'"_s), 0);
        QCOMPARE(count(**db, u"PRAGMA page_size"_s), 4096);
        // Version 6 holds more new terms in memory; leaves keep FTS5's size for 4 KiB pages.
        QCOMPARE(count(**db, u"SELECT v FROM messages_fts_config WHERE k = 'hashsize'"_s), 16777216);
        QCOMPARE(count(**db, u"SELECT count(*) FROM messages_fts_config WHERE k = 'pgsz'"_s), 0);
        QCOMPARE(count(**db, u"SELECT count(*) FROM messages_fts WHERE messages_fts MATCH 'test AND fail'"_s), 1);
        // Version 7 indexes tool calls by message instead of by session alone.
        QCOMPARE(count(**db, u"SELECT count(*) FROM sqlite_master WHERE name IN ('tool_invocations_message', "
                             "'messages_v2_role', 'sessions_workspace', 'sessions_project')"_s),
                 4);
        QCOMPARE(count(**db, u"SELECT count(*) FROM sqlite_master WHERE name = 'tool_invocations_session'"_s), 0);
        // Version 11 (8 before it) made the index again with its lists of one- to four-letter starts, and the
        // settings of versions 4 and 6; a prefix of each length finds the message, as one of other lengths does.
        QCOMPARE(count(**db, u"SELECT count(*) FROM sqlite_master WHERE name = 'messages_fts' AND sql LIKE "
                             "'%prefix=''1 2 3 4''%'"_s),
                 1);
        QCOMPARE(count(**db, u"SELECT v FROM messages_fts_config WHERE k = 'automerge'"_s), 0);
        QCOMPARE(count(**db, u"SELECT v FROM messages_fts_config WHERE k = 'hashsize'"_s), 16777216);
        for (const QString& prefix : {u"t*"_s, u"te*"_s, u"tes*"_s, u"test*"_s, u"faile*"_s}) {
            QCOMPARE(count(**db, u"SELECT count(*) FROM messages_fts WHERE messages_fts MATCH '%1'"_s.arg(prefix)), 1);
        }
        QCOMPARE(count(**db, u"SELECT count(*) FROM messages_fts WHERE messages_fts MATCH 'tex*'"_s), 0);
    }

    // Schema 11 makes version 10's index again with the list of each word's first letter: what it found, it finds
    // (a prefix of every length, a word, a phrase), and "t*" reads that list rather than merging those of every word.
    void migratesVersion10()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(u"chasm.db"_s);
        {
            const auto db = Database::open(path);
            QVERIFY(db.ok());
            const Session session =
                codexSession(u"a"_s, QDateTime::currentDateTimeUtc(), {u"the tests failed on the listing cache"_s});
            QVERIFY(HarvestStore(**db).store(refOf(session), HarvestStore::prepare(session)).ok());
            QVERIFY(!(*db)->execute({u"DROP TABLE messages_fts"_s,
                                     uR"(CREATE VIRTUAL TABLE messages_fts USING fts5(content, content='messages_v2',
                                         content_rowid='id', tokenize='%1', prefix='2 3 4'))"_s.arg(
                                         Database::messageTokenizer),
                                     u"INSERT INTO messages_fts(messages_fts) VALUES ('rebuild')"_s,
                                     u"PRAGMA user_version = 10"_s}));
        }
        const auto db = Database::open(path);
        QVERIFY2(db.ok(), db.ok() ? "" : qPrintable(db.error().message));
        QCOMPARE(count(**db, u"PRAGMA user_version"_s), qint64(Database::schemaVersion));
        QCOMPARE(count(**db, u"SELECT count(*) FROM sqlite_master WHERE name = 'messages_fts' AND sql LIKE "
                             "'%prefix=''1 2 3 4''%'"_s),
                 1);
        // Version 12: what filters choose sessions by, indexed.
        QCOMPARE(count(**db, u"SELECT count(*) FROM sqlite_master WHERE name = 'sessions_filter'"_s), 1);
        QCOMPARE(count(**db, u"SELECT v FROM messages_fts_config WHERE k = 'hashsize'"_s), 16777216);
        const qint64 messages = count(**db, u"SELECT count(*) FROM messages_v2"_s);
        QCOMPARE(count(**db, u"SELECT count(*) FROM messages_fts"_s), messages);
        for (const QString& query : {u"t*"_s, u"l*"_s, u"te*"_s, u"list*"_s, u"failed"_s, u"\"listing cache\""_s}) {
            QCOMPARE(count(**db, u"SELECT count(*) FROM messages_fts WHERE messages_fts MATCH '%1'"_s.arg(query)), 1);
        }
        QCOMPARE(count(**db, u"SELECT count(*) FROM messages_fts WHERE messages_fts MATCH 'x*'"_s), 0);
    }

    // Schema 5 compresses the JSON that version 4 stored as text: sessions and checkpoints read, list and
    // revert as before.
    void migratesVersion4()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(u"v4.db"_s);
        const QDateTime time(QDate(2026, 3, 1), QTime(9, 0), QTimeZone::utc());
        const Session first = codexSession(u"c1"_s, time, {u"the first words"_s, u"and a second message"_s});
        Session second = first;
        second.messages.append({Role::User, u"a third one"_s, time, {}, {}, {}, {}, {}, {}});
        {
            auto db = Database::open(path);
            QVERIFY(db.ok());
            HarvestStore store(**db);
            QVERIFY(store.store(refOf(first), HarvestStore::prepare(first)).ok());
            QVERIFY(store.checkpoint(first.id, u"two"_s).ok());
            QVERIFY(store.store(refOf(second), HarvestStore::prepare(second)).ok());
            // Back to version 4: the JSON as text, no message count beside a checkpoint.
            QSqlQuery q((*db)->connection());
            for (const QString& table : {u"sessions"_s, u"checkpoints"_s}) {
                QVERIFY(q.exec(u"SELECT rowid, data FROM %1"_s.arg(table)));
                QList<std::pair<qint64, QByteArray>> rows;
                while (q.next()) {
                    rows.append({q.value(0).toLongLong(), q.value(1).toByteArray()});
                }
                for (const auto& [row, data] : rows) {
                    const auto text = decompressText(data);
                    QVERIFY(text.ok());
                    q.prepare(u"UPDATE %1 SET data = ? WHERE rowid = ?"_s.arg(table));
                    q.addBindValue(QString::fromStdString(*text));
                    q.addBindValue(row);
                    QVERIFY(q.exec());
                }
            }
            QVERIFY(q.exec(u"ALTER TABLE checkpoints DROP COLUMN message_count"_s));
            QVERIFY(q.exec(u"PRAGMA user_version = 4"_s));
            QCOMPARE(count(**db, u"SELECT count(*) FROM sessions WHERE typeof(data) = 'text'"_s), 1);
        }
        const auto db = Database::open(path);
        QVERIFY2(db.ok(), db.ok() ? "" : qPrintable(db.error().message));
        QCOMPARE(count(**db, u"SELECT count(*) FROM sessions WHERE typeof(data) = 'blob'"_s), 1);
        QCOMPARE(count(**db, u"SELECT count(*) FROM checkpoints WHERE typeof(data) = 'blob'"_s), 1);
        HarvestStore store(**db);
        QCOMPARE(store.session(first.id)->messages.size(), 3);
        QCOMPARE(store.session(first.id)->messages.at(2).content, u"a third one"_s);
        QCOMPARE(store.checkpoints(first.id)->constFirst().messageCount, 2);
        QCOMPARE(store.revert(first.id, 1)->messageCount, 3); // the checkpoint made before reverting
        QCOMPARE(store.session(first.id)->messages.size(), 2);
        QCOMPARE(store.contentHash(first.id).value_or(QString()), HarvestStore::prepare(first).hash);
    }

    // A tool call made between two texts of one answer is stored with its place in the text (ToolCall::at), so
    // that the session opened from the database shows it there, not after the text; a call whose place the
    // reader does not know is stored without it (the JSON as before) and read back as -1.
    void toolCallPlaceIsKept()
    {
        test::FixtureHome home(QStringList{});
        QVERIFY(home.isValid());
        const QByteArray head =
            R"({"cwd":"/home/dev/projects/tools","sessionId":"55555555-aaaa-4bbb-8ccc-000000000005",)"
            R"("version":"2.1.197","isSidechain":false,"userType":"external",)";
        QVERIFY(test::writeFile(
            home.file(u".claude/projects/-home-dev-projects-tools/55555555-aaaa-4bbb-8ccc-000000000005.jsonl"_s),
            head +
                R"("parentUuid":null,"uuid":"u1","timestamp":"2026-03-02T09:00:00.000Z","type":"user",)"
                R"("message":{"role":"user","content":"What is in the folder?"}})"
                "\n" +
                head +
                R"("parentUuid":"u1","uuid":"a1","timestamp":"2026-03-02T09:00:01.000Z","type":"assistant",)"
                R"("message":{"id":"msg_1","type":"message","role":"assistant","model":"claude-sonnet-4-5",)"
                R"("content":[{"type":"text","text":"Let me look."},{"type":"tool_use","id":"toolu_1",)"
                R"("name":"Bash","input":{"command":"ls"}},{"type":"text","text":"Listing it now."}],)"
                R"("stop_reason":"tool_use"}})"
                "\n" +
                head +
                R"("parentUuid":"a1","uuid":"u2","timestamp":"2026-03-02T09:00:02.000Z","type":"user",)"
                R"("message":{"role":"user","content":[{"type":"tool_result","tool_use_id":"toolu_1",)"
                R"("content":"README.md","is_error":false}]}})"
                "\n"));
        SessionCatalog catalog(home.environment());
        const auto db = Database::open(Database::defaultPath(home.environment()));
        QVERIFY(db.ok());
        const auto run = Harvester::run(catalog, catalog.providers().value(), **db);
        QVERIFY2(run.ok(), run.ok() ? "" : qPrintable(run.error().message));
        QCOMPARE(run->created, 1);

        const auto stored = HarvestStore(**db).session(u"claude-code:55555555-aaaa-4bbb-8ccc-000000000005"_s);
        QVERIFY2(stored.ok(), stored.ok() ? "" : qPrintable(stored.error().message));
        QCOMPARE(stored->messages.size(), 2);
        const Message& answer = stored->messages.at(1);
        QCOMPARE(answer.content, u"Let me look.\n\nListing it now."_s);
        QCOMPARE(answer.toolCalls.size(), 1);
        QCOMPARE(answer.toolCalls.at(0).output, u"README.md"_s);
        QCOMPARE(answer.toolCalls.at(0).at, qsizetype(12)); // after "Let me look."

        // Without a place: no "at" in the stored JSON, and -1 when read back.
        Session unplaced = codexSession(u"p1"_s, QDateTime::currentDateTimeUtc(), {u"run it"_s});
        unplaced.messages.append({Role::Assistant, u"Ran it."_s, {}, {}, {}, {}, {}, {}, {}});
        unplaced.messages.last().toolCalls.append({u"c1"_s, u"shell"_s, u"{}"_s, u"ok"_s, u"completed"_s});
        HarvestStore store(**db);
        const HarvestStore::Prepared prepared = HarvestStore::prepare(unplaced);
        QVERIFY(!QByteArray::fromStdString(*decompressText(prepared.data)).contains("\"at\""));
        QVERIFY(store.store(refOf(unplaced), prepared).ok());
        QCOMPARE(store.session(unplaced.id)->messages.at(1).toolCalls.at(0).at, qsizetype(-1));
    }

    // A big session's JSON is serialized and compressed in pieces: what is stored is its whole JSON, and its hash the
    // hash of that JSON, as earlier versions stored it (otherwise the next harvest would store every session anew).
    void bigSessionIsStoredWhole()
    {
        Session big = codexSession(u"big"_s, QDateTime::currentDateTimeUtc(), {u"first"_s});
        big.messages.append(
            {Role::Assistant, QString(3'000'000, u'x') + u" ünïcode end"_s, {}, {}, {}, {}, {}, {}, {}});
        const std::string json = boost::json::serialize(shapes::session(big));
        QVERIFY(json.size() > 3'000'000);
        const HarvestStore::Prepared prepared = HarvestStore::prepare(big);
        QCOMPARE(prepared.jsonBytes, qint64(json.size()));
        QCOMPARE(prepared.hash, stored::hashOf(json));
        const auto back = decompressText(prepared.data);
        QVERIFY(back.ok());
        QVERIFY(*back == json);
        QVERIFY(prepared.data.size() < 100'000);
    }

    // The compressed JSON a prepared session holds until the writer takes it is its frame alone, not the buffer it was
    // made in (128 KiB at least, grown by half): the sessions waiting for the writer held a quarter of a harvest's
    // heap. The same for the other ways a text is compressed.
    void compressedTextHoldsNoSpareRoom()
    {
        const HarvestStore::Prepared small =
            HarvestStore::prepare(codexSession(u"small"_s, QDateTime::currentDateTimeUtc(), {u"first"_s}));
        QVERIFY(small.data.size() < 4096);
        QCOMPARE(small.data.capacity(), small.data.size());
        Session big = codexSession(u"big"_s, QDateTime::currentDateTimeUtc(), {u"first"_s});
        big.messages.append({Role::Assistant, QString(3'000'000, u'x'), {}, {}, {}, {}, {}, {}, {}});
        const HarvestStore::Prepared prepared = HarvestStore::prepare(big);
        QCOMPARE(prepared.data.capacity(), prepared.data.size());
        const QByteArray one = compressText(std::string(1'000'000, 'y'));
        QCOMPARE(one.capacity(), one.size());
        TextCompressor compressor;
        compressor.add(std::string(3'000'000, 'z'));
        const QByteArray frames = compressor.finish();
        QCOMPARE(frames.capacity(), frames.size());
        QCOMPARE(decompressText(frames)->size(), std::size_t(3'000'000));
    }

    // A session over Options::streamBytes is stored as it is read, a batch at a time: the same rows, the same JSON
    // and the same hash as a whole read stores. Here every session of three providers goes that way (the threshold
    // is 0) into one database and the whole way into another, with a VS Code log of 600 requests (several batches,
    // several frames of compressed JSON). Then it is found unchanged when its file changed but not its content,
    // updated when it grows, and kept when it shrinks.
    void bigSessionIsStoredAsRead()
    {
        test::FixtureHome home(QStringList{u"vscode"_s, u"claude-code"_s, u"codex"_s});
        const QString log = home.file(bigLog);
        const QByteArray bytes = vsCodeLog(600);
        QVERIFY(bytes.size() > 1'500'000);
        QVERIFY(test::writeFile(log, bytes));
        SessionCatalog catalog(home.environment());
        const auto providers = catalog.providers().value();
        const BothWays both = harvestBothWays(catalog, providers, home.path());
        QVERIFY2(both.error().isEmpty(), qPrintable(both.error()));
        const auto& [streamedDb, wholeDb, streamed, read] = both;
        QCOMPARE(read->streamed, 0);
        QCOMPARE(streamed->streamed, streamed->created + streamed->failed); // the cut-off file too
        Harvester::Options streaming;
        streaming.streamBytes = 0;
        QCOMPARE(streamed->created, read->created);
        QCOMPARE(streamed->failed, read->failed);
        QCOMPARE(streamed->failed, 1);
        const QString big = u"copilot:b1b1b1b1-0000-4000-8000-000000000001"_s;
        QCOMPARE(count(**streamedDb, u"SELECT message_count FROM sessions WHERE id = '%1'"_s.arg(big)), 1200);
        QCOMPARE(count(**streamedDb, u"SELECT count(*) FROM messages_fts WHERE messages_fts MATCH 'edited'"_s), 1);
        const QStringList rows = storedRows(**streamedDb);
        QCOMPARE(rows, storedRows(**wholeDb));
        // The JSON is compressed in frames of about a megabyte, which read back as the JSON whole (above).
        QCOMPARE(count(**streamedDb, u"SELECT length(data) > 0 FROM sessions WHERE id = '%1'"_s.arg(big)), 1);

        // The same content in another file (a record that sets what was there): read, found unchanged, nothing
        // rewritten; the rows written while it was read went with their savepoint.
        QVERIFY(test::writeFile(log, bytes + R"({"kind":1,"k":["requests",3,"message","text"],"v":"prompt edited"})"
                                             "\n"));
        const auto same = Harvester::run(catalog, providers, **streamedDb, streaming);
        QCOMPARE(same->streamed, 1);
        QCOMPARE(same->unchanged, streamed->created + streamed->failed);
        QCOMPARE(same->updated + same->created, 0);
        QStringList sameRows = storedRows(**streamedDb);
        QCOMPARE(sameRows.size(), rows.size());
        QCOMPARE(sameRows.filter(u"/b1b1b1b1-"_s).size(), rows.filter(u"/b1b1b1b1-"_s).size());
        QCOMPARE(sameRows.filter(u"running"_s), rows.filter(u"running"_s)); // the tool calls as they were

        // A request more: updated in place, the new text found.
        QVERIFY(test::writeFile(log, vsCodeLog(601)));
        const auto grown = Harvester::run(catalog, providers, **streamedDb, streaming);
        QCOMPARE(grown->updated, 1);
        QCOMPARE(count(**streamedDb, u"SELECT message_count FROM sessions WHERE id = '%1'"_s.arg(big)), 1202);
        QCOMPARE(count(**streamedDb, u"SELECT count(*) FROM messages_v2 WHERE session_id = '%1'"_s.arg(big)), 1202);
        QCOMPARE(count(**streamedDb, u"SELECT count(*) FROM messages_fts WHERE messages_fts MATCH '\"prompt 600\"'"_s),
                 1);
        const auto stored = HarvestStore(**streamedDb).session(big);
        QVERIFY(stored.ok());
        QCOMPARE(stored->messages.size(), 1202);
        // The grown file is kept as it is now (its chunks before the new request kept already, see TestOriginals).
        const auto kept = Originals(**streamedDb).bytes(big, log);
        QVERIFY2(kept.ok(), kept.ok() ? "" : qPrintable(kept.error().message));
        QVERIFY(*kept == vsCodeLog(601));
        // The same read whole (a file under the size that is streamed): its chunks kept already are only hashed again
        // on the reading thread, the new ones compressed and stored, and the file kept is the grown one.
        const auto grownWhole = Harvester::run(catalog, providers, **wholeDb);
        QCOMPARE(grownWhole->updated, 1);
        QCOMPARE(grownWhole->streamed, 0);
        QCOMPARE(grownWhole->originalsKept, 1);
        const auto keptWhole = Originals(**wholeDb).bytes(big, log);
        QVERIFY2(keptWhole.ok(), keptWhole.ok() ? "" : qPrintable(keptWhole.error().message));
        QVERIFY(*keptWhole == vsCodeLog(601));

        // Fewer requests: the stored session stays, in a checkpoint too.
        QVERIFY(test::writeFile(log, vsCodeLog(10)));
        const auto shrunk = Harvester::run(catalog, providers, **streamedDb, streaming);
        QCOMPARE(shrunk->shrunk.size(), 1);
        QCOMPARE(shrunk->shrunk.at(0).shrink.storedMessages, 1202);
        QCOMPARE(shrunk->shrunk.at(0).shrink.sourceMessages, 20);
        QCOMPARE(count(**streamedDb, u"SELECT count(*) FROM messages_v2 WHERE session_id = '%1'"_s.arg(big)), 1202);
        QCOMPARE(count(**streamedDb, u"SELECT count(*) FROM checkpoints WHERE session_id = '%1'"_s.arg(big)), 1);
        QSqlQuery check((*streamedDb)->connection());
        QVERIFY(check.exec(u"PRAGMA integrity_check"_s) && check.next());
        QCOMPARE(check.value(0).toString(), u"ok"_s);
    }

    // A session of more text than FTS5 keeps in memory (16 MiB) has its messages moved into messages_v2 and indexed a
    // part at a time as it is read, not all at the transaction's end; and its file is kept (its originals read on
    // another thread meanwhile). What is stored is what a whole read stores: the same rows, in the same order (ids),
    // found by the same searches, and the file byte for byte.
    void sessionOfManyMegabytesIsIndexedAsItIsRead()
    {
        test::FixtureHome home(QStringList{u"vscode"_s});
        const QString log = home.file(bigLog);
        const QByteArray bytes = vsCodeLog(900, 3000);
        QVERIFY2(bytes.size() > 18'000'000, QByteArray::number(bytes.size()).constData());
        QVERIFY(test::writeFile(log, bytes));
        SessionCatalog catalog(home.environment());
        const auto providers = catalog.providers().value();
        const BothWays both = harvestBothWays(catalog, providers, home.path());
        QVERIFY2(both.error().isEmpty(), qPrintable(both.error()));
        const auto& [streamedDb, wholeDb, streamed, read] = both;
        QVERIFY(streamed->streamed > 0);
        QCOMPARE(read->streamed, 0);
        const QString big = u"copilot:b1b1b1b1-0000-4000-8000-000000000001"_s;
        QCOMPARE(count(**streamedDb, u"SELECT count(*) FROM messages_v2 WHERE session_id = '%1'"_s.arg(big)), 1800);
        QCOMPARE(count(**streamedDb, u"SELECT sum(length(content)) > 16777216 FROM messages_v2"_s), 1);
        QCOMPARE(storedRows(**streamedDb), storedRows(**wholeDb));
        QCOMPARE(messageIds(**streamedDb, big), messageIds(**wholeDb, big));
        for (const QString& query : {u"'\"prompt 0\"'"_s, u"'\"prompt 899\"'"_s, u"'word42'"_s, u"'wor*'"_s}) {
            const QString sql = u"SELECT group_concat(rowid) FROM (SELECT rowid FROM messages_fts WHERE messages_fts "
                                "MATCH %1 ORDER BY rowid)"_s.arg(query);
            QSqlQuery one((*streamedDb)->connection());
            QSqlQuery other((*wholeDb)->connection());
            QVERIFY(one.exec(sql) && one.next() && other.exec(sql) && other.next());
            QVERIFY2(!one.value(0).toString().isEmpty(), qPrintable(query));
            QCOMPARE(one.value(0).toString(), other.value(0).toString());
        }
        for (const Database* db : {streamedDb->get(), wholeDb->get()}) {
            QSqlQuery check(db->connection());
            QVERIFY2(check.exec(u"INSERT INTO messages_fts(messages_fts, rank) VALUES ('integrity-check', 1)"_s),
                     qPrintable(check.lastError().text()));
            const auto kept = Originals(*db).bytes(big, log);
            QVERIFY2(kept.ok(), kept.ok() ? "" : qPrintable(kept.error().message));
            QVERIFY(*kept == bytes);
        }
        // No spool file is left beside the database.
        QCOMPARE(QDir(home.path()).entryList({u".chasm-spool-*"_s}, QDir::Files | QDir::Hidden), QStringList());
    }

    // A session stored before is written over: the messages, tool calls and files stored as they are now stay as they
    // are (their rows, and their entries in the index, not written again), the others are replaced, and the database
    // is the one a harvest of the session as it is now into a new database makes. Streamed (a batch at a time) or
    // read whole.
    void changedSessionRewritesOnlyWhatChanged_data()
    {
        QTest::addColumn<bool>("streamed");
        QTest::addColumn<QByteArray>("after");
        // What the harvest wrote again: "table op count".
        QTest::addColumn<QStringList>("changes");
        // The places of the messages written again, before the new ones.
        QTest::addColumn<QList<int>>("replaced");
        const QByteArray log = vsCodeLog(40);
        const QByteArray grown = vsCodeLog(45);
        const QByteArray edited =
            log + R"({"kind":1,"k":["requests",20,"message","text"],"v":"prompt twenty, said again"})" + "\n";
        const QByteArray shortened = log + R"({"kind":1,"k":["requests",30,"message","text"],"v":"p"})" + "\n";
        // The answer of request 12 replaced by one with another tool call.
        const QByteArray answered = log + "{\"kind\":1,\"k\":[\"requests\",12,\"response\"],\"v\":[{\"kind\":" +
                                    "\"markdownContent\",\"content\":{\"value\":\"new answer\"}},{\"kind\":" +
                                    "\"toolInvocationSerialized\",\"toolId\":\"edit\",\"toolCallId\":\"again\"," +
                                    "\"invocationMessage\":\"editing\",\"isComplete\":true}]}\n";
        const QStringList grownChanges{u"messages_v2 INSERT 10"_s, u"tool_invocations INSERT 5"_s};
        const QStringList oneMessage{u"messages_v2 DELETE 1"_s, u"messages_v2 INSERT 1"_s};
        const QStringList oneAnswer{u"messages_v2 DELETE 1"_s, u"messages_v2 INSERT 1"_s,
                                    u"tool_invocations DELETE 1"_s, u"tool_invocations INSERT 1"_s};
        for (const bool streamed : {true, false}) {
            const char* how = streamed ? "streamed" : "whole";
            QTest::addRow("grown, %s", how) << streamed << grown << grownChanges << QList<int>{};
            QTest::addRow("edited in the middle, %s", how) << streamed << edited << oneMessage << QList<int>{40};
            QTest::addRow("a prompt shortened, %s", how) << streamed << shortened << oneMessage << QList<int>{60};
            QTest::addRow("an answer replaced, %s", how) << streamed << answered << oneAnswer << QList<int>{25};
            QTest::addRow("touched, %s", how) << streamed << QByteArray(log + "\n") << QStringList{} << QList<int>{};
        }
    }

    void changedSessionRewritesOnlyWhatChanged()
    {
        QFETCH(bool, streamed);
        QFETCH(QByteArray, after);
        QFETCH(QStringList, changes);
        QFETCH(QList<int>, replaced);
        test::FixtureHome home(QStringList{u"vscode"_s});
        const QString log = home.file(u".config/Code/User/workspaceStorage/7b8b965ad4bca0e41ab51de7b31363a1/"
                                      "chatSessions/b1b1b1b1-0000-4000-8000-000000000001.jsonl"_s);
        const QString big = u"copilot:b1b1b1b1-0000-4000-8000-000000000001"_s;
        QVERIFY(test::writeFile(log, vsCodeLog(40)));
        SessionCatalog catalog(home.environment());
        const auto providers = catalog.providers().value();
        Harvester::Options options;
        options.streamBytes = streamed ? 0 : std::numeric_limits<qint64>::max();
        const auto db = Database::open(home.path() + u"/h.db"_s);
        QVERIFY(db.ok());
        const auto first = Harvester::run(catalog, providers, **db, options);
        QVERIFY2(first.ok(), first.ok() ? "" : qPrintable(first.error().message));
        QVERIFY(first->created > 1);
        const QList<qint64> ids = messageIds(**db, big);
        QCOMPARE(ids.size(), 80);
        auditRowChanges(**db);

        QVERIFY(test::writeFile(log, after));
        const auto again = Harvester::run(catalog, providers, **db, options);
        QVERIFY2(again.ok(), again.ok() ? "" : qPrintable(again.error().message));
        QCOMPARE(again->updated, changes.isEmpty() ? 0 : 1);
        QCOMPARE(rowChanges(**db), changes);
        // Every message not written again kept its row.
        const QList<qint64> now = messageIds(**db, big);
        for (int seq = 0; seq < ids.size(); ++seq) {
            QVERIFY2((now.at(seq) == ids.at(seq)) != replaced.contains(seq), qPrintable(QString::number(seq)));
        }

        // The same as a harvest of the files as they are now into a new database: every row, the stored JSON, the
        // index (what searches find, and how they rank it).
        if (changes.isEmpty()) {
            return; // found unchanged, the session's row stays as it was stored (the file's size as it was, too)
        }
        const auto fresh = Database::open(home.path() + u"/fresh.db"_s);
        QVERIFY(fresh.ok());
        QVERIFY(Harvester::run(catalog, providers, **fresh, options).ok());
        QCOMPARE(storedRows(**db), storedRows(**fresh));
        const QStringList queries{
            u"answer"_s, u"prompt"_s, u"word7 OR edited"_s, u"\"prompt twenty\""_s, u"editing OR running"_s,
            u"p"_s,      u"word1*"_s};
        const QStringList found = searchResults(**db, queries);
        QVERIFY(found.size() > 150);
        QCOMPARE(found, searchResults(**fresh, queries));
        QSqlQuery check((*db)->connection());
        QVERIFY2(check.exec(u"INSERT INTO messages_fts(messages_fts) VALUES ('integrity-check')"_s),
                 qPrintable(check.lastError().text()));
        QVERIFY(check.exec(u"PRAGMA integrity_check"_s) && check.next());
        QCOMPARE(check.value(0).toString(), u"ok"_s);
    }

    // A stored session whose new read fails part way, after some of its rows were batched (a message that changed, 20
    // new ones), stays as it was, and the session written after it in the same transaction gets only its own rows.
    void failedReadLeavesNothingForTheNext()
    {
        QTemporaryDir dir;
        const auto db = Database::open(dir.filePath(u"h.db"_s));
        QVERIFY(db.ok());
        const QDateTime time(QDate(2026, 3, 1), QTime(9, 0), QTimeZone::utc());
        QStringList texts;
        for (int i = 0; i < 20; ++i) {
            texts << u"message %1"_s.arg(i);
        }
        const Session stored = codexSession(u"failing"_s, time, texts);
        // Hands `session` to the sink; with `failAfter`, only that many messages, then a reading error.
        const auto reading = [](const Session& session, std::optional<int> failAfter) -> HarvestWriter::Read {
            return [session, failAfter](SessionSink& sink) -> std::optional<Error> {
                if (!failAfter) {
                    return SessionSink::feed(session, sink);
                }
                Session header = session;
                header.messages.clear();
                if (auto error = sink.begin(header, session.conversationMessageCount())) {
                    return error;
                }
                if (auto error = sink.add(session.messages.first(*failAfter))) {
                    return error;
                }
                return Error{u"damaged at message %1"_s.arg(*failAfter)};
            };
        };
        HarvestWriter writer(**db);
        SessionRef ref = refOf(stored);
        const auto first = writer.storeRead(ref, reading(stored, std::nullopt));
        QVERIFY(first.ok());
        QVERIFY(std::holds_alternative<HarvestWriter::Outcome>(*first));
        const QStringList before = storedRows(**db);

        Session changed = stored;
        changed.messages[0].content = u"message 0, changed"_s;
        for (int i = 0; i < 20; ++i) {
            changed.messages.append({Role::User, u"new message %1"_s.arg(i), time, {}, {}, {}, {}, {}, {}});
        }
        Session other = codexSession(u"other"_s, time, {u"one"_s, u"two"_s, u"three"_s});
        SessionRef otherRef = refOf(other);
        QVERIFY(!writer.begin());
        const auto failed = writer.storeRead(ref, reading(changed, 40));
        QVERIFY(failed.ok());
        QVERIFY(std::holds_alternative<Error>(*failed));
        const auto next = writer.storeRead(otherRef, reading(other, std::nullopt));
        QVERIFY(next.ok());
        QVERIFY(std::holds_alternative<HarvestWriter::Outcome>(*next));
        QVERIFY(!writer.commit());

        QCOMPARE(count(**db, u"SELECT count(*) FROM messages_v2 WHERE session_id = 'codex:failing'"_s), qint64(20));
        QCOMPARE(count(**db, u"SELECT count(*) FROM messages_v2 WHERE session_id = 'codex:failing' AND content = "
                             "'message 0'"_s),
                 qint64(1));
        QCOMPARE(count(**db, u"SELECT count(*) FROM messages_v2 WHERE session_id = 'codex:other'"_s), qint64(3));
        QCOMPARE(count(**db, u"SELECT count(*) FROM messages_v2"_s), qint64(23));
        // The failing session's rows are as they were (the other session's rows come after them).
        const QStringList after = storedRows(**db);
        for (const QString& row : before) {
            QVERIFY2(after.contains(row), qPrintable(row.left(200)));
        }
    }

    // A stored session whose new content has fewer messages, but not fewer in the conversation (the system's went),
    // is written over: the messages past the new end go, with their tool calls, and those before stay. Written over
    // twice in one transaction, the second time it is replaced whole (its messages are staged, not compared).
    void sessionWrittenOverLosesItsTail()
    {
        QTemporaryDir dir;
        const auto db = Database::open(dir.filePath(u"h.db"_s));
        QVERIFY(db.ok());
        HarvestStore store(**db);
        const QDateTime time(QDate(2026, 3, 1), QTime(9, 0), QTimeZone::utc());
        Session session = codexSession(u"tail"_s, time, {u"alpha"_s, u"beta"_s, u"gamma"_s});
        session.messages[1].toolCalls = {{u"c1"_s, u"run"_s, u"ls"_s, u"a b"_s, u"completed"_s}};
        for (const QString& text : {u"system one"_s, u"system two"_s}) {
            Message system{Role::System, text, time, {}, {}, {}, {}, {}, {}};
            system.toolCalls = {{u"c-"_s + text, u"read"_s, {}, {}, {}}};
            session.messages.append(system);
        }
        session.filesReferenced = {u"/a"_s, u"/b"_s};
        const SessionRef ref = refOf(session);
        QCOMPARE(store.store(ref, HarvestStore::prepare(session)).value(), HarvestStore::Outcome::New);
        const QList<qint64> ids = messageIds(**db, session.id);
        QCOMPARE(ids.size(), 5);
        auditRowChanges(**db);

        Session shorter = session;
        shorter.messages.resize(3);
        shorter.filesReferenced = {u"/a"_s};
        QCOMPARE(store.store(ref, HarvestStore::prepare(shorter)).value(), HarvestStore::Outcome::Updated);
        QCOMPARE(rowChanges(**db), (QStringList{u"file_changes DELETE 2"_s, u"file_changes INSERT 1"_s,
                                                u"messages_v2 DELETE 2"_s, u"tool_invocations DELETE 2"_s}));
        QCOMPARE(messageIds(**db, session.id), ids.first(3));
        QTemporaryDir freshDir;
        const auto fresh = Database::open(freshDir.filePath(u"h.db"_s));
        QVERIFY(fresh.ok());
        QCOMPARE(HarvestStore(**fresh).store(ref, HarvestStore::prepare(shorter)).value(), HarvestStore::Outcome::New);
        QCOMPARE(storedRows(**db), storedRows(**fresh));

        QSqlQuery audit((*db)->connection());
        QVERIFY(audit.exec(u"DELETE FROM audit"_s));
        QVERIFY(!store.begin());
        Session renamed = shorter;
        renamed.messages[2].content = u"delta"_s;
        QCOMPARE(store.store(ref, HarvestStore::prepare(renamed)).value(), HarvestStore::Outcome::Updated);
        QCOMPARE(store.store(ref, HarvestStore::prepare(shorter)).value(), HarvestStore::Outcome::Updated);
        QVERIFY(!store.commit());
        QCOMPARE(count(**db, u"SELECT count(*) FROM temp.replaced_messages"_s), 0);
        QCOMPARE(storedRows(**db), storedRows(**fresh));
        QCOMPARE(count(**db, u"SELECT count(*) FROM messages_fts WHERE messages_fts MATCH 'delta'"_s), 0);
        QCOMPARE(count(**db, u"SELECT count(*) FROM messages_fts WHERE messages_fts MATCH 'gamma'"_s), 1);
    }

    // A stored session whose compressed JSON was damaged is named, not half read.
    void damagedJsonIsNamed()
    {
        QTemporaryDir dir;
        auto db = Database::open(dir.filePath(u"d.db"_s));
        QVERIFY(db.ok());
        const Session session = codexSession(u"d1"_s, QDateTime::currentDateTimeUtc(), {u"words"_s});
        HarvestStore store(**db);
        QVERIFY(store.store(refOf(session), HarvestStore::prepare(session)).ok());
        QVERIFY(!(*db)->execute({u"UPDATE sessions SET data = substr(data, 1, length(data) - 3)"_s}));
        const auto read = store.session(session.id);
        QVERIFY(!read.ok());
        QVERIFY2(read.error().message.contains(u"codex:d1"_s) && read.error().message.contains(u"damaged"_s),
                 qPrintable(read.error().message));
        // A frame header that claims a terabyte is not believed (zstd's magic number, then a header with an
        // 8-byte content size of 2^40).
        const auto claimed = decompressText(QByteArray::fromHex("28b52ffde00000000000010000"));
        QVERIFY(!claimed.ok());
        QVERIFY2(claimed.error().message.contains(u"claims 1099511627776 bytes"_s),
                 qPrintable(claimed.error().message));
        const auto back = decompressText(compressText("{\"id\":1}"));
        QVERIFY(back.ok());
        QCOMPARE(*back, std::string("{\"id\":1}"));
    }

    // A new database: WAL, foreign keys, 16 KiB pages, an index merged only when a level is full, written out
    // at 16 MiB of new terms, in leaves that fit a page.
    void newDatabaseSettings()
    {
        QTemporaryDir dir;
        const auto db = Database::open(dir.filePath(u"new.db"_s));
        QVERIFY(db.ok());
        QCOMPARE(count(**db, u"PRAGMA page_size"_s), 16384);
        QCOMPARE(count(**db, u"PRAGMA foreign_keys"_s), 1);
        QCOMPARE(count(**db, u"PRAGMA temp_store"_s), 2);
        QCOMPARE(count(**db, u"SELECT v FROM messages_fts_config WHERE k = 'automerge'"_s), 0);
        QCOMPARE(count(**db, u"SELECT v FROM messages_fts_config WHERE k = 'hashsize'"_s), 16777216);
        QCOMPARE(count(**db, u"SELECT v FROM messages_fts_config WHERE k = 'pgsz'"_s), 14745);
        QSqlQuery q((*db)->connection());
        QVERIFY(q.exec(u"PRAGMA journal_mode"_s) && q.next());
        QCOMPARE(q.value(0).toString(), u"wal"_s);
    }

    // Searches read pages through a map of the file, also through a store that could write; a connection that
    // writes copies pages into the bounded page cache instead.
    void pagesAreMappedUntilAWrite()
    {
        QTemporaryDir dir;
        const auto db = Database::open(dir.filePath(u"h.db"_s));
        QVERIFY(db.ok());
        const qint64 mapped = count(**db, u"PRAGMA mmap_size"_s);
        QVERIFY(mapped >= qint64(1) << 30);
        HarvestStore store(**db);
        QCOMPARE(store.search(u"mapped"_s, {})->hits.size(), 0);
        QCOMPARE(count(**db, u"PRAGMA mmap_size"_s), mapped);
        QVERIFY(!store.begin());
        QCOMPARE(count(**db, u"PRAGMA mmap_size"_s), 0);
        const Session session = codexSession(u"one"_s, QDateTime::currentDateTimeUtc(), {u"a mapped page"_s});
        QVERIFY(store.store(refOf(session), HarvestStore::prepare(session)).ok());
        QVERIFY(!store.commit());
        QCOMPARE(count(**db, u"PRAGMA mmap_size"_s), 0);
        QCOMPARE(store.search(u"mapped"_s, {})->hits.size(), 1);
    }

    void search()
    {
        test::FixtureHome home;
        SessionCatalog catalog(home.environment());
        const auto db = Database::open(home.file(u"h.db"_s));
        QVERIFY(Harvester::run(catalog, catalog.providers().value(), **db).ok());
        const HarvestStore store(**db);

        const auto hits = store.search(u"rollback"_s, {});
        QVERIFY(hits.ok());
        QCOMPARE(hits->hits.size(), 2);
        for (const HarvestStore::SearchHit& hit : hits->hits) {
            QCOMPARE(hit.sessionId, u"copilot:bbbb2222-3333-4444-8555-666677778888"_s);
            QCOMPARE(hit.title, u"Deploy script review"_s);
            QVERIFY2(HarvestStore::bracketed(hit.snippet).contains(u"[rollback]"_s), qPrintable(hit.snippet));
            QVERIFY(hit.score > 0);
        }
        QCOMPARE(hits->hits.at(0).score >= hits->hits.at(1).score, true);

        HarvestStore::SearchFilter assistantOnly;
        assistantOnly.role = u"assistant"_s;
        const auto answers = store.search(u"rollback"_s, assistantOnly);
        QCOMPARE(answers->hits.size(), 1);
        QCOMPARE(answers->hits.at(0).messageIndex, 3);

        HarvestStore::SearchFilter cursorOnly;
        cursorOnly.provider = u"cursor"_s;
        QCOMPARE(store.search(u"LRU"_s, cursorOnly)->hits.size(), 1);
        QCOMPARE(store.search(u"rollback"_s, cursorOnly)->hits.size(), 0);

        // Plain words with punctuation are words (a flag is quoted: -rf alone leaves "rf" out); the syntax works.
        QCOMPARE(store.search(u"\"rm -rf\""_s, {})->hits.size(), 1);
        QCOMPARE(store.search(u"roll*"_s, {})->hits.size(), 2);
        QCOMPARE(store.search(u"\"previous symlink\""_s, {})->hits.size(), 1);
        // Listing from the database, and an index rebuilt from scratch finds the same.
        const auto listed = store.list(u"copilot"_s, u"rollback"_s, 10);
        QCOMPARE(listed->size(), 1);
        QCOMPARE(listed->at(0).title, u"Deploy script review"_s);
        QCOMPARE(listed->at(0).messageCount, 4);
        QCOMPARE(store.list({}, {}, 100)->size(), 7);
        QCOMPARE(store.list({}, {}, 2)->size(), 2);
        QVERIFY(!(*db)->execute({u"INSERT INTO messages_fts(messages_fts) VALUES ('delete-all')"_s}));
        QCOMPARE(store.search(u"rollback"_s, {})->hits.size(), 0);
        HarvestStore writable(**db);
        QVERIFY(!writable.rebuildIndex());
        QCOMPARE(store.search(u"rollback"_s, {})->hits.size(), 2);

        QCOMPARE(store.search(u"\"symlink"_s, {})->hits.size(), store.search(u"symlink"_s, {})->hits.size());
    }

    // What a person types is searched as they expect: punctuation and dangling operators are no FTS5 syntax errors
    // and find the messages, and a query that cannot be searched says what to type instead.
    void searchReadsWhatAPersonTypes()
    {
        QTemporaryDir dir;
        const auto db = Database::open(dir.filePath(u"h.db"_s));
        QVERIFY(db.ok());
        HarvestStore store(**db);
        const QDateTime time = QDateTime(QDate(2026, 3, 1), QTime(9, 0), QTimeZone::utc());
        for (const Session& session : {
                 codexSession(u"quokka"_s, time, {u"a quokka^ smiles at the camera"_s}),
                 codexSession(u"koala"_s, time, {u"the koala sleeps"_s, u"koala and quokka share a tree"_s}),
                 codexSession(u"call"_s, time, {u"then call foo.bar() twice"_s, u"foo is not bar"_s}),
             }) {
            QVERIFY(store.store(refOf(session), HarvestStore::prepare(session)).ok());
        }
        const auto found = [&store](const QString& query) {
            const auto results = store.search(query, {});
            QStringList messages;
            if (!results) {
                return QStringList{results.error().message};
            }
            for (const HarvestStore::SearchHit& hit : results->hits) {
                messages << u"%1#%2"_s.arg(hit.sessionId.mid(6)).arg(hit.messageIndex);
            }
            messages.sort();
            return messages;
        };
        const QStringList quokkas{u"koala#1"_s, u"quokka#0"_s};
        QCOMPARE(found(u"quokka"_s), quokkas);
        QCOMPARE(found(u"quokka OR"_s), quokkas);
        QCOMPARE(found(u"OR quokka"_s), quokkas);
        QCOMPARE(found(u"quokka AND"_s), quokkas);
        QCOMPARE(found(u"quokka^"_s), quokkas);
        QCOMPARE(found(u"content:quokka"_s), quokkas);
        QCOMPARE(found(u"\"quokka"_s), quokkas);
        QCOMPARE(found(u"foo.bar()"_s), QStringList{u"call#0"_s});
        QCOMPARE(found(u"koala -quokka"_s), QStringList{u"koala#0"_s});
        QCOMPARE(found(u"koala NOT quokka"_s), QStringList{u"koala#0"_s});
        QCOMPARE(found(u"(smiles OR sleeps) -camera"_s), QStringList{u"koala#0"_s});
        QCOMPARE(
            found(u"NOT quokka"_s),
            QStringList{
                u"search: NOT quokka only says what to leave out; add a word to look for, as in: koala NOT quokka"_s});
        QCOMPARE(found(u"-quokka"_s), found(u"NOT quokka"_s));
        const QString noWord =
            u"search: the query has no word to look for: type a word, a \"phrase\" or a prefix like auth*"_s;
        QCOMPARE(found(u"*"_s), QStringList{noWord});
        QCOMPARE(found(u"()"_s), QStringList{noWord});

        // The same reading highlights a hit's words, lists sessions and finds them for find --content.
        QCOMPARE(HarvestStore::queryWords(u"koala -quokka foo.ba* OR"_s), (QStringList{u"koala"_s, u"foo"_s, u"ba"_s}));
        QVERIFY(HarvestStore::queryWords(u"NOT quokka"_s).isEmpty());
        const auto listed = store.list({}, u"quokka OR"_s, 10);
        QVERIFY(listed.ok());
        QCOMPARE(listed->size(), 2);
        const auto refused = store.list({}, u"*"_s, 10);
        QVERIFY(!refused.ok());
        QCOMPARE(refused.error().message, noWord);
        QCOMPARE(store.sessionsContaining(u"foo.bar()"_s).value(), (QSet<QString>{u"codex:call"_s}));
        QCOMPARE(store.sessionsContaining(u"\"quok"_s).value(), (QSet<QString>{u"codex:quokka"_s, u"codex:koala"_s}));
    }

    // A database Chasm made says so in its header (SQLite's application id), by which the next open knows it without
    // reading its tables; one made before that, without the id, is still known by its tables.
    void chasmsDatabaseSaysSoInItsHeader()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(u"chasm.db"_s);
        QVERIFY(Database::open(path).ok());
        const QByteArray header = test::readAll(path).left(100);
        QCOMPARE(header.size(), 100);
        QCOMPARE(qFromBigEndian<quint32>(header.constData() + 68), Database::applicationId);
        QVERIFY(Database::open(path).ok());
        QVERIFY(test::FixtureHome::runScript(path, "PRAGMA application_id = 0"));
        QCOMPARE(qFromBigEndian<quint32>(test::readAll(path).constData() + 68), 0u);
        QVERIFY(!Database::refusal(path));
        QVERIFY(Database::open(path).ok());
    }

    // A file that is not Chasm's database is refused, left byte for byte as it was with the write-ahead log and
    // index beside it: another application's database (closed; open, with its log; its tables still only in its log),
    // a file of some unrelated tables, a file that is not SQLite, a folder. An empty file, and an SQLite file without
    // tables, become Chasm's.
    void foreignDatabasesAreRefused()
    {
        QTemporaryDir dir;
        int connections = 0;
        // A database of another application (OpenCode's tables), its connection left open when `open` is set.
        const auto otherApplication = [&](const QString& name, bool checkpointed, bool open) {
            const QString connection = u"other%1"_s.arg(++connections);
            auto db = std::make_unique<QSqlDatabase>(QSqlDatabase::addDatabase(u"QSQLITE"_s, connection));
            db->setDatabaseName(dir.filePath(name));
            if (!db->open()) {
                return std::unique_ptr<QSqlDatabase>();
            }
            QSqlQuery q(*db);
            QStringList statements{u"PRAGMA journal_mode=WAL"_s};
            for (const QString& table : {u"message"_s, u"part"_s, u"project"_s, u"session"_s}) {
                statements << u"CREATE TABLE %1 (id TEXT PRIMARY KEY, data TEXT)"_s.arg(table);
            }
            if (checkpointed) {
                statements << u"PRAGMA wal_checkpoint(TRUNCATE)"_s;
            }
            statements << u"INSERT INTO session VALUES ('ses_1', '{}')"_s;
            for (const QString& statement : std::as_const(statements)) {
                if (!q.exec(statement)) {
                    return std::unique_ptr<QSqlDatabase>();
                }
            }
            q.finish();
            if (!open) {
                db->close();
            }
            return db;
        };
        const auto files = [&dir](const QString& name) {
            QList<QByteArray> found;
            for (const QString& suffix : {u""_s, u"-wal"_s, u"-shm"_s}) {
                const QString path = dir.filePath(name + suffix);
                found << (QFileInfo::exists(path) ? test::readAll(path) : QByteArray("(none)"));
            }
            return found;
        };
        const auto refused = [&dir](const QString& name) {
            const auto db = Database::open(dir.filePath(name));
            return db.ok() ? QString() : db.error().message;
        };
        {
            const auto closed = otherApplication(u"closed.db"_s, false, false);
            QVERIFY(closed);
            const QList<QByteArray> before = files(u"closed.db"_s);
            QCOMPARE(before.at(1), QByteArray("(none)"));
            QCOMPARE(refused(u"closed.db"_s),
                     u"%1 is not a Chasm database (it holds other tables: message, part, project and 1 more); it was "
                     "left as it is"_s.arg(dir.filePath(u"closed.db"_s)));
            QCOMPARE(files(u"closed.db"_s), before);

            // Open, its last rows in its log: the log and its index stay, as they were.
            const auto running = otherApplication(u"running.db"_s, true, true);
            QVERIFY(running);
            const QList<QByteArray> open = files(u"running.db"_s);
            QVERIFY(open.at(1).size() > 0 && open.at(2).size() > 0);
            QVERIFY(refused(u"running.db"_s).startsWith(dir.filePath(u"running.db"_s) + u" is not a Chasm database"_s));
            QCOMPARE(files(u"running.db"_s), open);

            // Just made, its tables all in its log: read from the log, refused; the file and the log stay as they were.
            const auto fresh = otherApplication(u"fresh.db"_s, false, true);
            QVERIFY(fresh);
            const QList<QByteArray> made = files(u"fresh.db"_s);
            QCOMPARE(refused(u"fresh.db"_s),
                     u"%1 is not a Chasm database (it holds other tables: message, part, project and 1 more); it was "
                     "left as it is"_s.arg(dir.filePath(u"fresh.db"_s)));
            QCOMPARE(files(u"fresh.db"_s).mid(0, 2), made.mid(0, 2));
            QVERIFY(QFileInfo::exists(dir.filePath(u"fresh.db-shm"_s)));
            running->close();
            fresh->close();
        }
        for (int n = 1; n <= connections; ++n) {
            QSqlDatabase::removeDatabase(u"other%1"_s.arg(n));
        }

        // A table named as one of Chasm's does not make a database Chasm's.
        QVERIFY(test::FixtureHome::runScript(dir.filePath(u"unrelated.db"_s), "CREATE TABLE sessions (name TEXT)"));
        const QByteArray unrelated = test::readAll(dir.filePath(u"unrelated.db"_s));
        QVERIFY(refused(u"unrelated.db"_s).contains(u"(it holds other tables: sessions)"_s));
        QCOMPARE(test::readAll(dir.filePath(u"unrelated.db"_s)), unrelated);

        QVERIFY(test::writeFile(dir.filePath(u"notes.txt"_s), "not a database\n"));
        QCOMPARE(refused(u"notes.txt"_s),
                 u"%1 is not a Chasm database (not an SQLite file); it was left as it is"_s.arg(
                     dir.filePath(u"notes.txt"_s)));
        QCOMPARE(test::readAll(dir.filePath(u"notes.txt"_s)), QByteArray("not a database\n"));
        QVERIFY(QDir(dir.path()).mkdir(u"folder.db"_s));
        QCOMPARE(refused(u"folder.db"_s),
                 u"cannot read %1: it is a folder, not a regular file"_s.arg(dir.filePath(u"folder.db"_s)));

        // Empty: Chasm's to fill.
        QVERIFY(test::writeFile(dir.filePath(u"empty.db"_s), {}));
        QCOMPARE(refused(u"empty.db"_s), QString());
        QVERIFY(test::FixtureHome::runScript(dir.filePath(u"blank.db"_s), "CREATE TABLE t (a);\nDROP TABLE t;\n"));
        QVERIFY(test::readAll(dir.filePath(u"blank.db"_s)).startsWith("SQLite format 3"));
        QCOMPARE(refused(u"blank.db"_s), QString());
        QCOMPARE(refused(u"blank.db"_s), QString()); // and, made Chasm's, opened again
    }

#ifdef Q_OS_UNIX
    // A FIFO at the database's path is refused at once; SQLite waited on it for a writer forever.
    void fifoIsRefused()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(u"pipe.db"_s);
        QCOMPARE(::mkfifo(QFile::encodeName(path).constData(), 0600), 0);
        Result<std::unique_ptr<Database>> opened = Error{};
        QThread* opener = QThread::create([&] { opened = Database::open(path); });
        opener->start();
        const bool returned = opener->wait(QDeadlineTimer(10000));
        if (!returned) {
            // Lets the waiting read end, so that the test fails instead of hanging.
            const int fd = ::open(QFile::encodeName(path).constData(), O_WRONLY | O_NONBLOCK);
            if (fd >= 0) {
                ::close(fd);
            }
            opener->wait();
        }
        delete opener;
        QVERIFY2(returned, "opening a FIFO waited for a writer");
        QVERIFY(!opened.ok());
        QCOMPARE(opened.error().message, u"cannot read %1: it is a FIFO (named pipe), not a regular file"_s.arg(path));
    }
#endif

    // A URL is never taken as a path: it made a folder "postgresql:" with an SQLite file in it. PostgreSQL is refused
    // until its backend exists (the password is not repeated); a file: URL names a file.
    void urlsAreNotPaths()
    {
        QTemporaryDir dir;
        const Environment environment = Environment::fromVariables(
            {{u"HOME"_s, dir.path()}, {u"PWD"_s, dir.path()}, {u"CHASM_DB"_s, u"postgres://db.example/chasm"_s}},
            Platform::Linux);
        QCOMPARE(Database::defaultPath(environment), u"postgres://db.example/chasm"_s);
        QCOMPARE(Database::resolvePath(environment, u"postgresql://me:secret@db.example/chasm"_s),
                 u"postgresql://me:secret@db.example/chasm"_s);
        QCOMPARE(Database::resolvePath(environment, u"file:notes.db"_s), dir.filePath(u"notes.db"_s));
        QCOMPARE(Database::resolvePath(environment, u"notes:v2.db"_s), dir.filePath(u"notes:v2.db"_s));
        QCOMPARE(Database::resolvePath(environment, u"sub/h.db"_s), dir.filePath(u"sub/h.db"_s));

        const QString current = QDir::currentPath();
        QVERIFY(QDir::setCurrent(dir.path()));
        const auto postgres = Database::open(u"postgresql://me:secret@db.example/chasm"_s);
        const auto web = Database::open(u"https://example.com/chasm.db"_s);
        const auto parameters = Database::open(u"file:h.db?mode=ro"_s);
        QVERIFY(QDir::setCurrent(current));
        QVERIFY(!postgres.ok());
        QCOMPARE(postgres.error().message,
                 u"this command does not work on a team database yet: postgresql://me@db.example/chasm (harvest run, "
                 "search, list, status and export do, and show session reads it)"_s);
        QVERIFY(!web.ok());
        QCOMPARE(web.error().message, u"https://example.com/chasm.db is a URL, not the path of a database file"_s);
        QVERIFY(!parameters.ok());
        QCOMPARE(QDir(dir.path()).entryList(QDir::AllEntries | QDir::NoDotAndDotDot), QStringList());

        const auto file = Database::open(QUrl::fromLocalFile(dir.filePath(u"h.db"_s)).toString());
        QVERIFY(file.ok());
        QCOMPARE((*file)->path(), dir.filePath(u"h.db"_s));
    }

    // Two connections opening one new database at once both open it: its schema is made once, by the first to take
    // the write lock. The second failed ("table sessions already exists", or "database is locked").
    void newDatabaseOpenedTwiceAtOnce()
    {
        QTemporaryDir dir;
        for (int round = 0; round < 20; ++round) {
            const QString path = dir.filePath(u"race%1.db"_s.arg(round));
            std::array<QString, 2> errors;
            std::latch start(2);
            std::array<std::thread, 2> threads;
            for (std::size_t i = 0; i < threads.size(); ++i) {
                threads[i] = std::thread([&, i] {
                    start.arrive_and_wait();
                    const auto db = Database::open(path);
                    errors[i] = db.ok() ? QString() : db.error().message;
                });
            }
            for (std::thread& thread : threads) {
                thread.join();
            }
            QCOMPARE(errors[0], QString());
            QCOMPARE(errors[1], QString());
        }
    }

    // A database from a newer Chasm is refused and left as it was.
    void newerSchemaIsRefused()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(u"chasm.db"_s);
        {
            auto db = Database::open(path);
            QVERIFY(db.ok());
            QVERIFY(!(*db)->execute({u"PRAGMA user_version = 99"_s}));
        }
        const QByteArray before = test::readAll(path);
        const auto refused = Database::open(path);
        QVERIFY(!refused.ok());
        QCOMPARE(refused.error().message,
                 u"%1 was written by a newer Chasm (schema 99; this one knows up to %2); it was not changed"_s.arg(
                     QFileInfo(path).absoluteFilePath(), QString::number(Database::schemaVersion)));
        QCOMPARE(test::readAll(path), before);
    }
};

QTEST_GUILESS_MAIN(TestHarvest)
#include "TestHarvest.moc"
