// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

// chasm team on a real PostgreSQL server (tests/common/PostgresServer): the schema init makes and leaves alone when run
// again, row-level security as the roles' own plain SQL sees it, shares and their withdrawal, and the password, which
// comes from the URL, the keychain or PGPASSWORD and is never shown.

#include "ChasmProcess.h"
#include "CliRun.h"
#include "FixtureHome.h"
#include "HttpClient.h"
#include "McpHttpProcess.h"
#include "PostgresServer.h"
#include "json/Json.h"
#include "util/Environment.h"
#include "util/Keychain.h"
#include "util/SecretStore.h"
#include "store/HarvestSearch.h"
#include "store/postgres/PostgresDatabase.h"
#include "store/postgres/PostgresSchema.h"

#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QMap>
#include <QProcess>
#include <QSqlError>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QThread>
#include <QUrl>
#include <QTest>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include <csignal>
#include <functional>

using namespace Qt::StringLiterals;

namespace chasm {

namespace {

// What each table must hold: SQLite's columns (core/store/Database.cpp, RecordingStore.cpp) and the session's origin.
const QMap<QString, QStringList> expectedColumns = {
    {u"sessions"_s,
     {u"origin"_s, u"id"_s, u"provider"_s, u"native_id"_s, u"title"_s, u"workspace_name"_s, u"workspace"_s,
      u"project_path"_s, u"source_path"_s, u"format"_s, u"created_at"_s, u"updated_at"_s, u"message_count"_s,
      u"model"_s, u"total_tokens"_s, u"size_bytes"_s, u"source_hash"_s, u"harvested_at"_s, u"data"_s}},
    {u"messages_v2"_s,
     {u"id"_s, u"origin"_s, u"session_id"_s, u"seq"_s, u"role"_s, u"content"_s, u"timestamp"_s, u"model"_s,
      u"token_count"_s}},
    {u"tool_invocations"_s,
     {u"id"_s, u"origin"_s, u"session_id"_s, u"message_seq"_s, u"call_id"_s, u"tool_name"_s, u"input"_s, u"output"_s,
      u"status"_s, u"timestamp"_s}},
    {u"file_changes"_s, {u"id"_s, u"origin"_s, u"session_id"_s, u"file_path"_s, u"change_type"_s, u"timestamp"_s}},
    {u"harvest_sources"_s,
     {u"origin"_s, u"session_id"_s, u"provider"_s, u"path"_s, u"size"_s, u"updated_ms"_s, u"message_count"_s,
      u"result"_s, u"error"_s, u"harvested_at"_s, u"file_modified_ms"_s, u"workspace_id"_s, u"hash"_s}},
    {u"checkpoints"_s,
     {u"id"_s, u"origin"_s, u"session_id"_s, u"number"_s, u"message"_s, u"created_at"_s, u"data"_s,
      u"message_count"_s}},
    {u"harvest_runs"_s,
     {u"id"_s, u"started_at"_s, u"finished_at"_s, u"new"_s, u"updated"_s, u"unchanged"_s, u"failed"_s}},
    {u"original_chunks"_s, {u"id"_s, u"hash"_s, u"size"_s, u"data"_s}},
    {u"original_files"_s, {u"session_id"_s, u"path"_s, u"size"_s, u"modified_ms"_s, u"kept_at"_s}},
    {u"original_parts"_s, {u"session_id"_s, u"path"_s, u"part"_s, u"hash"_s}},
    {u"recording_sessions"_s,
     {u"session_id"_s, u"client"_s, u"last_seq"_s, u"events"_s, u"started_at"_s, u"updated_at"_s, u"ended_at"_s,
      u"snapshot"_s, u"snapshot_seq"_s, u"provider"_s}},
    {u"recording_events"_s, {u"session_id"_s, u"seq"_s, u"type"_s, u"event"_s, u"received_at"_s}},
};

// The sessions of `harvest search --json` hits, in their order, each once (as "origin/id" when `withOrigin`).
QStringList sessionsOf(const test::CliRun& run, bool withOrigin = false)
{
    QStringList sessions;
    const boost::json::value hits = run.json();
    if (!hits.is_array()) {
        return {u"not a list: "_s + run.out + run.err};
    }
    for (const boost::json::value& hit : hits.as_array()) {
        const QString id = json::toQString(hit.at("session_id").as_string());
        const QString origin =
            hit.as_object().contains("origin") ? json::toQString(hit.at("origin").as_string()) : QString();
        const QString session = withOrigin ? origin + u'/' + id : id;
        if (!sessions.contains(session)) {
            sessions << session;
        }
    }
    return sessions;
}

qint64 number(const test::CliRun& run, const char* key)
{
    return json::integer(run.json(), key).value_or(-1);
}

const QString alicePassword = u"Al1ce-pass-7f3a"_s;
const QString bobPassword = u"B0b-pass-91cc"_s;
const QString carolPassword = u"C4rol-pass-02de"_s;

} // namespace

class TestTeam : public QObject
{
    Q_OBJECT

    test::PostgresServer m_server;
    QTemporaryDir m_home;

    Environment environment() const
    {
        return Environment::fromVariables({{u"HOME"_s, m_home.path()}, {u"PWD"_s, m_home.path()}}, Platform::Linux);
    }

    test::CliRun chasm(const QString& url, const QStringList& args) const
    {
        return test::runCli(environment(), QStringList{u"--db"_s, url} + args);
    }

    QString admin() const { return m_server.url(test::PostgresServer::superuser()); }

    // Rows of a query as `user` through plain SQL (the first column of each), or the error.
    QStringList rows(const QString& user, const QString& password, const QString& sql) const
    {
        static int counter = 0;
        const QString name = u"test-team-%1"_s.arg(++counter);
        QStringList result;
        {
            QSqlDatabase db = m_server.connect(name, user, password);
            QSqlQuery query(db);
            if (!db.isOpen()) {
                result << u"error: "_s + db.lastError().text();
            } else if (!query.exec(sql)) {
                result << u"error: "_s + query.lastError().text();
            }
            while (query.next()) {
                result << query.value(0).toString();
            }
            query.finish();
            db.close();
        }
        QSqlDatabase::removeDatabase(name);
        return result;
    }

    // Whether a statement that changes rows succeeds as `user`, and how many rows it changed.
    int change(const QString& user, const QString& password, const QString& sql) const
    {
        static int counter = 0;
        const QString name = u"test-team-change-%1"_s.arg(++counter);
        int changed = -1;
        {
            QSqlDatabase db = m_server.connect(name, user, password);
            QSqlQuery query(db);
            if (db.isOpen() && query.exec(sql)) {
                changed = query.numRowsAffected();
            }
            query.finish();
            db.close();
        }
        QSqlDatabase::removeDatabase(name);
        return changed;
    }

    // The first column of the first row of a query in `database`, as the superuser: a count.
    qint64 countIn(const QString& database, const QString& sql) const
    {
        qint64 n = -1;
        {
            QSqlDatabase db = m_server.connect(u"test-team-count"_s, test::PostgresServer::superuser(), {}, database);
            QSqlQuery query(db);
            if (query.exec(sql) && query.next()) {
                n = query.value(0).toLongLong();
            }
        }
        QSqlDatabase::removeDatabase(u"test-team-count"_s);
        return n;
    }

    // The messages of each session of a database (SQLite's, or a team database's as the superuser reads it), by id.
    static QMap<QString, qint64> messagesBySession(QSqlDatabase db)
    {
        QMap<QString, qint64> counts;
        QSqlQuery query(db);
        query.exec(u"SELECT session_id, count(*) FROM messages_v2 GROUP BY session_id"_s);
        while (query.next()) {
            counts.insert(query.value(0).toString(), query.value(1).toLongLong());
        }
        return counts;
    }

    // Kills (SIGKILL) a chasm that writes into the team database `database` as soon as its first sessions are
    // there: how many sessions arrived.
    qint64 killWhenSessionsArrive(QProcess& chasm, const QString& database)
    {
        QElapsedTimer waited;
        waited.start();
        while (countIn(database, u"SELECT count(*) FROM sessions"_s) <= 0 && waited.elapsed() < 60000) {
            QTest::qWait(1);
        }
        ::kill(pid_t(chasm.processId()), SIGKILL);
        if (!chasm.waitForFinished() || chasm.exitStatus() != QProcess::CrashExit) {
            return -1;
        }
        return countIn(database, u"SELECT count(*) FROM sessions"_s);
    }

    // `sessions` Claude Code transcripts of 40 messages each, laid out as Claude Code lays them out, under `home`.
    static bool writeClaudeSessions(const QString& home, int sessions)
    {
        for (int n = 0; n < sessions; ++n) {
            const QString id = u"5e55%1-aaaa-4bbb-8ccc-000000000000"_s.arg(n, 4, 10, QChar(u'0'));
            QByteArray lines;
            for (int turn = 0; turn < 20; ++turn) {
                const QString time =
                    u"2026-02-%1T10:%2:00.000Z"_s.arg(1 + n % 28, 2, 10, QChar(u'0')).arg(turn, 2, 10, QChar(u'0'));
                lines +=
                    uR"({"parentUuid":%1,"isSidechain":false,"userType":"external","cwd":"/work/app","sessionId":"%2","version":"2.1.197","uuid":"u%3","timestamp":"%4","type":"user","message":{"role":"user","content":"question %3 of session %5 about the wombat burrow"}})"_s
                        .arg(turn == 0 ? u"null"_s : u"\"a%1\""_s.arg(turn - 1), id, QString::number(turn), time,
                             QString::number(n))
                        .toUtf8() +
                    '\n';
                lines +=
                    uR"({"parentUuid":"u%1","isSidechain":false,"userType":"external","cwd":"/work/app","sessionId":"%2","version":"2.1.197","uuid":"a%1","timestamp":"%3","type":"assistant","message":{"id":"msg_%1","type":"message","role":"assistant","model":"claude-sonnet-4","content":[{"type":"text","text":"answer %1: the burrow is dug by wombats, and %4 more words to index"}]}})"_s
                        .arg(QString::number(turn), id, time, QString::number(n * turn))
                        .toUtf8() +
                    '\n';
            }
            if (!test::writeFile(home + u"/.claude/projects/-work-app/%1.jsonl"_s.arg(id), lines)) {
                return false;
            }
        }
        return true;
    }

    // The answers to MCP requests made in turn by an agent over stdio to `chasm mcp serve` reading `database`: tool
    // calls ({"name", "arguments"}), whose structured results are given, or other requests ({"method", "params"}),
    // whose results are; a tool error, an error (or no answer) fails the test.
    static boost::json::array mcpAnswers(const QString& home, const QString& database, const boost::json::array& calls)
    {
        QProcess mcp;
        QProcessEnvironment variables;
        variables.insert(u"USER"_s, u"dev"_s);
        variables.insert(u"CHASM_DB"_s, database);
        test::startChasm(mcp, home, {u"mcp"_s, u"serve"_s}, variables);
        if (!mcp.waitForStarted()) {
            return {};
        }
        // (The messages are written as objects: moc loses the test functions after some raw string literals.)
        const auto send = [&mcp](const boost::json::object& message) {
            mcp.write(QByteArray::fromStdString(boost::json::serialize(message)) + '\n');
        };
        send({{"jsonrpc", "2.0"},
              {"id", 0},
              {"method", "initialize"},
              {"params",
               {{"protocolVersion", "2025-06-18"},
                {"capabilities", boost::json::object()},
                {"clientInfo", {{"name", "test"}, {"version", "1"}}}}}});
        send({{"jsonrpc", "2.0"}, {"method", "notifications/initialized"}});
        for (std::size_t i = 0; i < calls.size(); ++i) {
            const boost::json::object& call = calls.at(i).as_object();
            send({{"jsonrpc", "2.0"},
                  {"id", i + 1},
                  {"method", call.contains("method") ? call.at("method") : "tools/call"},
                  {"params", call.contains("method") ? call.at("params") : call}});
        }
        // The answers come as each call finishes, in any order.
        boost::json::array results(calls.size());
        std::size_t missing = calls.size();
        QByteArray pending;
        QElapsedTimer waited;
        waited.start();
        while (missing > 0 && waited.elapsed() < 60000) {
            mcp.waitForReadyRead(1000);
            pending += mcp.readAllStandardOutput();
            for (qsizetype end = pending.indexOf('\n'); end >= 0; end = pending.indexOf('\n')) {
                const QByteArray line = pending.left(end);
                pending.remove(0, end + 1);
                boost::system::error_code error;
                const boost::json::value message = boost::json::parse(line.toStdString(), error);
                const auto id = error || !message.is_object() ? std::nullopt : json::integer(message, "id");
                if (!id || *id < 1 || std::size_t(*id) > calls.size()) {
                    continue;
                }
                const boost::json::value* result = message.as_object().if_contains("result");
                if (!result || (result->as_object().contains("isError") && result->at("isError").as_bool())) {
                    qWarning("%s", line.constData());
                    return {};
                }
                const bool tool = !calls.at(std::size_t(*id - 1)).as_object().contains("method");
                results.at(std::size_t(*id - 1)) = tool ? result->at("structuredContent") : *result;
                --missing;
            }
        }
        mcp.closeWriteChannel();
        mcp.waitForFinished(30000);
        if (missing > 0) {
            qWarning("%zu of %zu calls unanswered", missing, calls.size());
            return {};
        }
        return results;
    }

    // A session of alice's with one message, inserted as alice through plain SQL.
    void insertSession(const QString& id, const QString& project)
    {
        const QString values =
            u"('alice@laptop', '%1', 'claude-code', '%2', 'title of %1', '%3', '2026-01-01T00:00:00Z', "
            "'\\x00'::bytea)"_s.arg(id, id.section(u':', 1), project);
        QCOMPARE(change(u"alice"_s, alicePassword,
                        u"INSERT INTO sessions (origin, id, provider, native_id, title, project_path, harvested_at, "
                        "data) VALUES "_s +
                            values),
                 1);
        QCOMPARE(change(u"alice"_s, alicePassword,
                        u"INSERT INTO messages_v2 (origin, session_id, seq, role, content) VALUES ('alice@laptop', "
                        "'%1', 0, 'user', 'how did we fix the flaky deploys')"_s.arg(id)),
                 1);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        // The keychain linked in, as the app has it (the command line loads it from the module beside it).
        SecretStore::useKeychain(qtKeychain());
        QVERIFY(m_home.isValid());
        const QString error = m_server.start(u"chasm"_s);
        QVERIFY2(error.isEmpty(), qPrintable(error));
    }

    // init makes every table with SQLite's columns and the origin, the two word indexes and row-level security on
    // every table; run again, it changes nothing.
    void initCreatesTheSchemaOnce()
    {
        const test::CliRun first = chasm(admin(), {u"team"_s, u"init"_s});
        QCOMPARE(first.err, QString());
        QCOMPARE(first.exitCode, 0);
        QCOMPARE(first.out, u"%1: team database created (schema version 3), row-level security on\nrole created: "
                            "chasm_users (grant it to every person's login role)\n"_s.arg(admin()));

        for (auto table = expectedColumns.cbegin(); table != expectedColumns.cend(); ++table) {
            const QStringList columns =
                rows(test::PostgresServer::superuser(), {},
                     u"SELECT column_name FROM information_schema.columns WHERE table_schema = 'public' AND "
                     "table_name = '%1'"_s.arg(table.key()));
            for (const QString& column : table.value()) {
                QVERIFY2(columns.contains(column), qPrintable(table.key() + u'.' + column));
            }
        }
        QCOMPARE(rows(test::PostgresServer::superuser(), {},
                      u"SELECT count(*) FROM pg_class WHERE relname IN ('sessions', 'messages_v2', 'session_shares', "
                      "'harvest_sources', 'original_chunks') AND relrowsecurity"_s),
                 QStringList{u"5"_s});
        // Words stemmed as SQLite's porter stems them, stop words kept, through a GIN index.
        QCOMPARE(rows(test::PostgresServer::superuser(), {},
                      u"SELECT indexname FROM pg_indexes WHERE tablename = 'messages_v2' AND indexdef LIKE "
                      "'%USING gin%' ORDER BY indexname"_s),
                 (QStringList{u"messages_v2_english"_s, u"messages_v2_pairs"_s}));
        QCOMPARE(rows(test::PostgresServer::superuser(), {},
                      u"SELECT pg_get_expr(d.adbin, d.adrelid) FROM pg_attrdef d JOIN pg_attribute a ON "
                      "a.attrelid = d.adrelid AND a.attnum = d.adnum WHERE d.adrelid = 'messages_v2'::regclass "
                      "ORDER BY a.attname"_s),
                 QStringList{u"to_tsvector('chasm_english'::regconfig, translate(content, './:@\\'::text, "
                             "'     '::text))"_s});
        QCOMPARE(rows(test::PostgresServer::superuser(), {},
                      u"SELECT to_tsvector('chasm_english', 'The tests were fixed')::text"_s),
                 QStringList{u"'fix':4 'test':2 'the':1 'were':3"_s});

        const test::CliRun again = chasm(admin(), {u"team"_s, u"init"_s});
        QCOMPARE(again.exitCode, 0);
        QCOMPARE(again.out, u"%1 is up to date (schema version 3): nothing changed\n"_s.arg(admin()));
        // $CHASM_DB names it too.
        const Environment configured = Environment::fromVariables(
            {{u"HOME"_s, m_home.path()}, {u"PWD"_s, m_home.path()}, {u"CHASM_DB"_s, admin()}}, Platform::Linux);
        const test::CliRun fromVariable = test::runCli(configured, {u"team"_s, u"init"_s});
        QCOMPARE(fromVariable.out, again.out);
        const test::CliRun json = chasm(admin(), {u"team"_s, u"init"_s, u"--json"_s});
        QCOMPARE(json.exitCode, 0);
        QCOMPARE(json::integer(json.json(), "from_version"), std::optional<qint64>(3));
        QCOMPARE(json::integer(json.json(), "version"), std::optional<qint64>(3));
        QCOMPARE(rows(test::PostgresServer::superuser(), {}, u"SELECT count(*) FROM chasm_schema_migrations"_s),
                 QStringList{u"3"_s});
    }

    // A team database of schema 1 (made by an earlier Chasm) is brought to 3 by init, its messages kept, and its words
    // are then found as SQLite finds them: "middleware" in "auth.middleware", and phrases by the pairs of words that
    // migration 3 indexed.
    void schemaOneIsUpgraded()
    {
        QCOMPARE(m_server.execute({u"CREATE DATABASE old"_s}), QString());
        QStringList schemaOne{u"CREATE TABLE chasm_schema_migrations (version INTEGER PRIMARY KEY, applied_at "
                              "TIMESTAMPTZ NOT NULL DEFAULT now(), applied_by TEXT NOT NULL DEFAULT current_user)"_s};
        schemaOne << PostgresSchema::migration(1) << u"INSERT INTO chasm_schema_migrations (version) VALUES (1)"_s
                  << u"INSERT INTO sessions (origin, id, provider, native_id, title, harvested_at, data) VALUES "
                     "('dev@box', 'claude-code:old1', 'claude-code', 'old1', 'Old session', "
                     "'2026-01-01T00:00:00Z', '\\x00'::bytea)"_s
                  << u"INSERT INTO messages_v2 (origin, session_id, seq, role, content) VALUES ('dev@box', "
                     "'claude-code:old1', 0, 'user', 'the auth.middleware drops the session cookie')"_s;
        QCOMPARE(m_server.execute(schemaOne, u"old"_s), QString());
        const QString url = m_server.url(test::PostgresServer::superuser(), {}, u"old"_s);
        const test::CliRun upgraded = chasm(url, {u"team"_s, u"init"_s});
        QCOMPARE(upgraded.err, QString());
        QCOMPARE(upgraded.out, u"%1: schema upgraded from version 1 to 3\n"_s.arg(url));
        const test::CliRun found = chasm(url, {u"harvest"_s, u"search"_s, u"middleware"_s, u"--json"_s});
        QCOMPARE(found.err, QString());
        QCOMPARE(sessionsOf(found, true), QStringList{u"dev@box/claude-code:old1"_s});
        const boost::json::value hits = found.json();
        QCOMPARE(json::toQString(hits.as_array().at(0).at("snippet").as_string()),
                 u"the auth.[middleware] drops the session cookie"_s);
        for (const QString& phrase : {u"\"drops the session\""_s, u"\"auth middleware drops\""_s}) {
            const test::CliRun byPhrase = chasm(url, {u"harvest"_s, u"search"_s, phrase, u"--json"_s});
            QCOMPARE(byPhrase.err, QString());
            QCOMPARE(sessionsOf(byPhrase, true), QStringList{u"dev@box/claude-code:old1"_s});
        }
        const test::CliRun notAPhrase = chasm(url, {u"harvest"_s, u"search"_s, u"\"session drops\""_s, u"--json"_s});
        QCOMPARE(notAPhrase.err, QString());
        QCOMPARE(sessionsOf(notAPhrase, true), QStringList());
    }

    // The sessions of a harvest database pushed into a team database are all there, once, and searched there as
    // here: every query finds the same sessions in the same order, for words, stems, prefixes, phrases, AND, OR,
    // NOT, -word and groups. A second push sends nothing.
    // A query that more than rankWindow messages match shows the newest of them, unranked, as SQLite's search does;
    // one match fewer and they are ranked; --exhaustive ranks them all.
    void manyMatchesShowTheNewest()
    {
        QCOMPARE(m_server.execute({u"CREATE DATABASE many"_s}), QString());
        const QString url = m_server.url(test::PostgresServer::superuser(), {}, u"many"_s);
        QCOMPARE(chasm(url, {u"team"_s, u"init"_s}).exitCode, 0);
        QCOMPARE(m_server.execute(
                     {u"INSERT INTO sessions (origin, id, provider, native_id, title, project_path, harvested_at, "
                      "data) VALUES ('dev@box', 'claude-code:many', 'claude-code', 'many', 'deploys', '/work/app', "
                      "'2026-01-01T00:00:00Z', '\\x00'::bytea)"_s,
                      u"INSERT INTO messages_v2 (origin, session_id, seq, role, content) SELECT 'dev@box', "
                      "'claude-code:many', g, 'user', 'the deploy broke again, take ' || g FROM generate_series(0, "
                      "%1) g"_s.arg(HarvestSearch::rankWindow)},
                     u"many"_s),
                 QString());
        const QString newest = u"More than %1 messages match: these are the newest."_s.arg(HarvestSearch::rankWindow);
        const test::CliRun many = chasm(url, {u"harvest"_s, u"search"_s, u"deploy"_s});
        QCOMPARE(many.err, QString());
        QVERIFY2(many.out.contains(newest), qPrintable(many.out));
        QVERIFY2(many.out.contains(u"#%1 "_s.arg(HarvestSearch::rankWindow)), qPrintable(many.out));
        const test::CliRun all = chasm(url, {u"harvest"_s, u"search"_s, u"deploy"_s, u"--exhaustive"_s});
        QCOMPARE(all.err, QString());
        QVERIFY2(!all.out.contains(newest) && all.out.contains(u"claude-code:many"_s), qPrintable(all.out));

        QCOMPARE(m_server.execute({u"DELETE FROM messages_v2 WHERE seq = 0"_s}, u"many"_s), QString());
        const test::CliRun ranked = chasm(url, {u"harvest"_s, u"search"_s, u"deploy"_s});
        QCOMPARE(ranked.err, QString());
        QVERIFY2(!ranked.out.contains(newest) && ranked.out.contains(u"claude-code:many"_s), qPrintable(ranked.out));
        const test::CliRun none = chasm(url, {u"harvest"_s, u"search"_s, u"quokka"_s});
        QCOMPARE(none.exitCode, 0);
        QVERIFY2(!none.out.contains(u"claude-code:many"_s), qPrintable(none.out));
    }

    // A team database a newer Chasm migrated is refused, by its commands as by team init, and left as it was.
    void newerSchemaIsRefused()
    {
        QCOMPARE(m_server.execute({u"CREATE DATABASE future"_s}), QString());
        const QString url = m_server.url(test::PostgresServer::superuser(), {}, u"future"_s);
        QCOMPARE(chasm(url, {u"team"_s, u"init"_s}).exitCode, 0);
        const int newer = PostgresDatabase::schemaVersion + 1;
        QCOMPARE(
            m_server.execute({u"INSERT INTO chasm_schema_migrations (version) VALUES (%1)"_s.arg(newer)}, u"future"_s),
            QString());
        const test::CliRun search = chasm(url, {u"harvest"_s, u"search"_s, u"middleware"_s});
        QCOMPARE(search.exitCode, 1);
        QCOMPARE(search.err,
                 u"chasm: %1 holds the team database of a newer Chasm (schema %2, this one knows up to %3): "
                 "upgrade Chasm to use it\n"_s.arg(url)
                     .arg(newer)
                     .arg(PostgresDatabase::schemaVersion));
        const test::CliRun init = chasm(url, {u"team"_s, u"init"_s});
        QVERIFY2(init.exitCode != 0 && init.err.contains(u"was written by a newer Chasm (schema %1; this one knows up "
                                                         "to %2); it was not changed"_s.arg(newer)
                                                             .arg(PostgresDatabase::schemaVersion)),
                 qPrintable(init.err));
        QCOMPARE(countIn(u"future"_s, u"SELECT max(version) FROM chasm_schema_migrations"_s), newer);
    }

    void searchFindsWhatSqliteFinds()
    {
        QCOMPARE(m_server.execute({u"CREATE DATABASE parity"_s}), QString());
        const QString url = m_server.url(test::PostgresServer::superuser(), {}, u"parity"_s);
        QCOMPARE(chasm(url, {u"team"_s, u"init"_s}).exitCode, 0);
        const test::FixtureHome home({u"claude-code"_s, u"codex"_s, u"gemini"_s, u"qwen"_s});
        QVERIFY(home.isValid());
        const Environment environment = home.environment();
        QCOMPARE(test::runCli(environment, {u"harvest"_s, u"run"_s}).exitCode, 0);
        const test::CliRun status = test::runCli(environment, {u"harvest"_s, u"status"_s, u"--json"_s});
        const qint64 sessions = number(status, "sessions");
        const qint64 messages = number(status, "messages");
        QVERIFY2(sessions >= 8 && messages >= 30, qPrintable(status.out));

        const auto teamCount = [this](const QString& sql) { return countIn(u"parity"_s, sql); };
        const QStringList push{u"harvest"_s, u"push"_s, u"--to"_s, url, u"--origin"_s, u"dev@box"_s, u"--json"_s};
        const test::CliRun dry = test::runCli(environment, push + QStringList{u"--dry-run"_s});
        QCOMPARE(dry.err, QString());
        QCOMPARE(number(dry, "created"), sessions);
        QCOMPARE(teamCount(u"SELECT count(*) FROM sessions"_s), 0);
        // On a terminal, as a person runs it: a progress bar of sessions, gone before the report.
        const QString shown = QString::fromUtf8(test::runChasmOnTerminal(
            home.path(), push.mid(0, push.size() - 1),
            {"HOME=" + QFile::encodeName(home.path()), "PATH=/usr/bin:/bin", "TERM=xterm"}, 100));
        QVERIFY2(shown.contains(u"] %1/%1 sessions"_s.arg(sessions)), qPrintable(shown));
        QVERIFY2(shown.endsWith(
                     u"\r\x1b[Kpushed %1 into %2 as dev@box: %3 new, 0 updated, 0 unchanged (%4 messages)\n"_s.arg(
                         home.file(u".local/share/chasm/chasm.db"_s), url, QString::number(sessions),
                         QString::number(messages))),
                 qPrintable(shown));
        QCOMPARE(teamCount(u"SELECT count(*) FROM sessions"_s), sessions);
        // Again from nothing, for the counts below.
        QCOMPARE(m_server.execute({u"TRUNCATE sessions, harvest_runs CASCADE"_s}, u"parity"_s), QString());
        const test::CliRun pushed = test::runCli(environment, push);
        QCOMPARE(pushed.err, QString());
        QCOMPARE(pushed.exitCode, 0);
        QCOMPARE(number(pushed, "created"), sessions);
        QCOMPARE(number(pushed, "messages"), messages);
        QCOMPARE(json::toQString(pushed.json().at("origin").as_string()), u"dev@box"_s);
        QCOMPARE(teamCount(u"SELECT count(*) FROM sessions"_s), sessions);
        QCOMPARE(teamCount(u"SELECT count(*) FROM messages_v2"_s), messages);
        QCOMPARE(teamCount(u"SELECT count(*) FROM harvest_runs"_s), 1);

        const QStringList queries = {
            u"test"_s,
            u"tests"_s,
            u"test*"_s,
            u"\"the tests\""_s,
            u"login OR setup"_s,
            u"test NOT login"_s,
            u"test -flaky"_s,
            u"(login OR postgres) test"_s,
            u"fix*"_s,
            u"timeout"_s,
            u"\"the tests hang\""_s,
            u"\"tests need Postgres\""_s,
            u"test \"the tests\""_s,
            u"\"the tests\" OR quokka"_s,
            u"\"the tests ha\"*"_s,
            u"quokka"_s,
        };
        int found = 0;
        for (const QString& query : queries) {
            const QStringList search{u"harvest"_s, u"search"_s, u"--json"_s, u"-n"_s, u"50"_s, u"--"_s, query};
            const test::CliRun here = test::runCli(environment, search);
            const test::CliRun there = test::runCli(environment, QStringList{u"--db"_s, url} + search);
            QCOMPARE(there.err, QString());
            QVERIFY2(sessionsOf(there) == sessionsOf(here), qPrintable(query + u": "_s + sessionsOf(there).join(u' ') +
                                                                       u" against "_s + sessionsOf(here).join(u' ')));
            found += sessionsOf(here).isEmpty() ? 0 : 1;
        }
        QCOMPARE(found, queries.size() - 1); // all but the quokka find something
        // With filters: a team database looks the filter's sessions up first (a few are then found by session). The
        // workspace is the last folder of the first listed session's project.
        const boost::json::value listed =
            test::runCli(environment, {u"harvest"_s, u"list"_s, u"--json"_s, u"--limit"_s, u"1"_s}).json();
        QVERIFY(listed.is_array() && !listed.as_array().empty());
        const QString project = json::toQString(listed.as_array().front().at("project_path").as_string());
        const QString folder = project.section(u'/', -1);
        QVERIFY2(!folder.isEmpty(), qPrintable(project));
        const QList<QStringList> filters{{u"--provider"_s, u"codex"_s},
                                         {u"--provider"_s, u"claude-code"_s},
                                         {u"-w"_s, folder},
                                         {u"-w"_s, u"no-such-project"_s}};
        QList<qsizetype> foundPerFilter;
        for (const QStringList& by : filters) {
            qsizetype sessionsFound = 0;
            for (const QString& query : {u"test"_s, u"\"the tests\""_s, u"fix*"_s, u"login OR setup"_s}) {
                const QStringList search = QStringList{u"harvest"_s, u"search"_s, u"--json"_s, u"-n"_s, u"50"_s} + by +
                                           QStringList{u"--"_s, query};
                const test::CliRun here = test::runCli(environment, search);
                const test::CliRun there = test::runCli(environment, QStringList{u"--db"_s, url} + search);
                QCOMPARE(there.err, QString());
                QVERIFY2(sessionsOf(there) == sessionsOf(here),
                         qPrintable(by.join(u' ') + u' ' + query + u": "_s + sessionsOf(there).join(u' ') +
                                    u" against "_s + sessionsOf(here).join(u' ')));
                sessionsFound += sessionsOf(here).size();
            }
            foundPerFilter << sessionsFound;
        }
        QVERIFY2(
            foundPerFilter.at(0) > 0 && foundPerFilter.at(1) > 0 && foundPerFilter.at(2) > 0,
            qPrintable(u"%1 %2 %3"_s.arg(foundPerFilter.at(0)).arg(foundPerFilter.at(1)).arg(foundPerFilter.at(2))));
        QCOMPARE(foundPerFilter.at(3), 0);
        // A phrase in an OR is no phrase every match holds: the messages of the other branch are found too (ranked
        // otherwise: BM25 and ts_rank_cd weigh a phrase and a word differently).
        const QStringList either{u"harvest"_s, u"search"_s, u"--json"_s, u"--"_s, u"\"the tests\" OR login"_s};
        QStringList here = sessionsOf(test::runCli(environment, either));
        QStringList there = sessionsOf(test::runCli(environment, QStringList{u"--db"_s, url} + either));
        here.sort();
        there.sort();
        QCOMPARE(there, here);
        QVERIFY(
            here.size() >
            sessionsOf(test::runCli(environment, {u"harvest"_s, u"search"_s, u"--json"_s, u"\"the tests\""_s})).size());

        const test::CliRun again = test::runCli(environment, push);
        QCOMPARE(number(again, "created"), 0);
        QCOMPARE(number(again, "updated"), 0);
        QCOMPARE(number(again, "unchanged"), sessions);
        QCOMPARE(number(again, "messages"), 0);
        QCOMPARE(teamCount(u"SELECT count(*) FROM messages_v2"_s), messages);
    }

    // A push killed (kill -9) while it sends leaves whole sessions, each with every one of its messages; the next push
    // sends the rest and nothing twice. Two pushes from two origins at once both arrive whole.
    void killedPushLeavesWholeSessions()
    {
        QCOMPARE(m_server.execute({u"CREATE DATABASE crash"_s}), QString());
        const QString url = m_server.url(test::PostgresServer::superuser(), {}, u"crash"_s);
        QCOMPARE(chasm(url, {u"team"_s, u"init"_s}).exitCode, 0);
        QTemporaryDir home;
        QVERIFY(home.isValid());
        constexpr int sessions = 400;
        QVERIFY(writeClaudeSessions(home.path(), sessions));
        const Environment environment =
            Environment::fromVariables({{u"HOME"_s, home.path()}, {u"PWD"_s, home.path()}}, Platform::Linux);
        QCOMPARE(test::runCli(environment, {u"harvest"_s, u"run"_s}).exitCode, 0);

        QProcess push;
        test::startChasm(push, home.path(), {u"harvest"_s, u"push"_s, u"--to"_s, url, u"--origin"_s, u"dev@box"_s});
        QVERIFY(push.waitForStarted());
        const qint64 arrived = killWhenSessionsArrive(push, u"crash"_s);
        QVERIFY2(arrived > 0 && arrived < sessions, qPrintable(QString::number(arrived)));

        QSqlDatabase local = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"test-team-local"_s);
        local.setDatabaseName(home.filePath(u".local/share/chasm/chasm.db"_s));
        QVERIFY(local.open());
        const QMap<QString, qint64> here = messagesBySession(local);
        local.close();
        local = QSqlDatabase();
        QSqlDatabase::removeDatabase(u"test-team-local"_s);
        QCOMPARE(here.size(), sessions);
        const auto there = [this]() {
            QMap<QString, qint64> counts;
            {
                QSqlDatabase db =
                    m_server.connect(u"test-team-crash"_s, test::PostgresServer::superuser(), {}, u"crash"_s);
                counts = messagesBySession(db);
            }
            QSqlDatabase::removeDatabase(u"test-team-crash"_s);
            return counts;
        };
        const QMap<QString, qint64> half = there();
        QCOMPARE(half.size(), arrived);
        for (auto i = half.cbegin(); i != half.cend(); ++i) {
            QCOMPARE(i.value(), here.value(i.key()));
        }

        const test::CliRun rest = test::runCli(
            environment, {u"harvest"_s, u"push"_s, u"--to"_s, url, u"--origin"_s, u"dev@box"_s, u"--json"_s});
        QCOMPARE(rest.err, QString());
        QCOMPARE(number(rest, "created"), sessions - arrived);
        QCOMPARE(number(rest, "unchanged"), arrived);
        QCOMPARE(there(), here);

        // Two machines pushing at once: each origin's sessions all arrive, whole.
        QProcess laptop;
        QProcess desktop;
        test::startChasm(laptop, home.path(),
                         {u"harvest"_s, u"push"_s, u"--to"_s, url, u"--origin"_s, u"dev@laptop"_s});
        test::startChasm(desktop, home.path(),
                         {u"harvest"_s, u"push"_s, u"--to"_s, url, u"--origin"_s, u"dev@desktop"_s});
        QVERIFY(laptop.waitForFinished(60000) && desktop.waitForFinished(60000));
        QCOMPARE(laptop.exitCode(), 0);
        QCOMPARE(desktop.exitCode(), 0);
        for (const QString& origin : {u"dev@box"_s, u"dev@laptop"_s, u"dev@desktop"_s}) {
            QCOMPARE(countIn(u"crash"_s, u"SELECT count(*) FROM sessions WHERE origin = '%1'"_s.arg(origin)), sessions);
            qint64 messages = 0;
            for (const qint64 n : here) {
                messages += n;
            }
            QCOMPARE(countIn(u"crash"_s, u"SELECT count(*) FROM messages_v2 WHERE origin = '%1'"_s.arg(origin)),
                     messages);
        }
    }

    // A person whose CHASM_DB names the team database works as with a harvest database: harvest run harvests into the
    // database on this machine and pushes it, status, list, search, show and export read the team database, and a
    // session its tool deleted is shown from there. A run killed (kill -9) while it pushes leaves whole sessions; the
    // next run sends the rest.
    void harvestIntoTeamDatabase()
    {
        QCOMPARE(m_server.execute({u"CREATE DATABASE everyday"_s}), QString());
        const QString url = m_server.url(test::PostgresServer::superuser(), {}, u"everyday"_s);
        QCOMPARE(chasm(url, {u"team"_s, u"init"_s}).exitCode, 0);
        const test::FixtureHome home({u"claude-code"_s, u"codex"_s, u"gemini"_s});
        QVERIFY(home.isValid());
        const Environment environment = Environment::fromVariables(
            {{u"HOME"_s, home.path()}, {u"PWD"_s, home.path()}, {u"USER"_s, u"dev"_s}, {u"CHASM_DB"_s, url}},
            Platform::Linux);
        const QString local = home.file(u".local/share/chasm/chasm.db"_s);

        const test::CliRun run = test::runCli(environment, {u"harvest"_s, u"run"_s, u"--json"_s});
        QCOMPARE(run.err, QString());
        QCOMPARE(run.exitCode, 0);
        const qint64 harvested = number(run, "new");
        QVERIFY2(harvested >= 6, qPrintable(run.out));
        const boost::json::value pushed = run.json().at("push");
        QCOMPARE(json::toQString(pushed.at("to").as_string()), url);
        QVERIFY(json::toQString(pushed.at("origin").as_string()).startsWith(u"dev@"_s));
        QCOMPARE(json::integer(pushed, "created").value_or(-1), harvested);
        QVERIFY(QFileInfo::exists(local));
        QCOMPARE(countIn(u"everyday"_s, u"SELECT count(*) FROM sessions"_s), harvested);

        // As a person reads it: the status and list of the team database, a search, a session, an export.
        const test::CliRun status = test::runCli(environment, {u"harvest"_s, u"status"_s, u"--json"_s});
        QCOMPARE(json::toQString(status.json().at("database").as_string()), url);
        QCOMPARE(number(status, "sessions"), harvested);
        const auto withoutOrigins = [](boost::json::value value) {
            std::function<void(boost::json::value&)> strip = [&strip](boost::json::value& v) {
                if (v.is_object()) {
                    v.as_object().erase("origin");
                    for (auto& member : v.as_object()) {
                        strip(member.value());
                    }
                } else if (v.is_array()) {
                    for (auto& item : v.as_array()) {
                        strip(item);
                    }
                }
            };
            strip(value);
            return value;
        };
        const test::CliRun listed = test::runCli(environment, {u"harvest"_s, u"list"_s, u"--json"_s});
        QCOMPARE(listed.err, QString());
        QCOMPARE(qint64(listed.json().as_array().size()), harvested);
        const test::CliRun localList =
            test::runCli(environment, {u"--db"_s, local, u"harvest"_s, u"list"_s, u"--json"_s});
        // The same list, each session with its origin.
        QCOMPARE(boost::json::serialize(withoutOrigins(listed.json())), boost::json::serialize(localList.json()));
        QVERIFY(listed.json().at(0).at("origin").as_string().starts_with("dev@"));
        const test::CliRun listedText = test::runCli(environment, {u"harvest"_s, u"list"_s});
        QVERIFY2(listedText.out.section(u'\n', 0, 0).contains(u"ORIGIN"_s), qPrintable(listedText.out));
        QVERIFY2(listedText.out.section(u'\n', 1, 1).contains(u" dev@"_s), qPrintable(listedText.out));
        const test::CliRun found =
            test::runCli(environment, {u"harvest"_s, u"search"_s, u"--json"_s, u"--"_s, u"test"_s});
        QCOMPARE(found.err, QString());
        QVERIFY2(!sessionsOf(found).isEmpty(), qPrintable(found.out));

        const QString exported = home.file(u"exported"_s);
        const QString exportedHere = home.file(u"exported-here"_s);
        const test::CliRun exporting =
            test::runCli(environment, {u"harvest"_s, u"export"_s, exported, u"--format"_s, u"md"_s});
        QCOMPARE(exporting.err, QString());
        QCOMPARE(exporting.exitCode, 0);
        QCOMPARE(test::runCli(environment,
                              {u"--db"_s, local, u"harvest"_s, u"export"_s, exportedHere, u"--format"_s, u"md"_s})
                     .exitCode,
                 0);
        const auto files = test::fileTree(exported);
        QCOMPARE(qint64(files.size()), harvested);
        QCOMPARE(files, test::fileTree(exportedHere));

        // A session its tool deleted: shown from the team database, as the harvest database shows it.
        const boost::json::object first = listed.json().as_array().at(0).as_object();
        const QString id = json::toQString(first.at("id").as_string());
        const QString path = json::toQString(first.at("path").as_string());
        QVERIFY2(QFile::remove(path), qPrintable(path));
        const test::CliRun shown = test::runCli(environment, {u"show"_s, u"session"_s, id, u"--json"_s});
        QCOMPARE(shown.exitCode, 0);
        QVERIFY2(shown.err.startsWith(u"kept only by Chasm: "_s + id), qPrintable(shown.err));
        const test::CliRun shownHere =
            test::runCli(environment, {u"--db"_s, local, u"show"_s, u"session"_s, id, u"--json"_s});
        QCOMPARE(shown.out, shownHere.out);

        // An agent reads it over MCP (stdio) as it reads the harvest database: the same sessions, windows of
        // messages, statistics and file history, and chasm_search_sessions' hits, each with its origin.
        const QString file = u"tsconfig.json"_s;
        QString longer; // a session of five messages or more
        const boost::json::value listing = listed.json();
        for (const boost::json::value& session : listing.as_array()) {
            if (longer.isEmpty() && json::integer(session, "message_count").value_or(0) >= 5) {
                longer = json::toQString(session.at("id").as_string());
            }
        }
        QVERIFY(!longer.isEmpty());
        const boost::json::array calls{
            boost::json::object{{"name", "chasm_search_sessions"}, {"arguments", {{"query", "test"}}}},
            boost::json::object{{"name", "chasm_list_sessions"}, {"arguments", {{"limit", 100}}}},
            boost::json::object{{"name", "chasm_get_session"},
                                {"arguments", {{"session_id", json::fromQString(longer)}, {"limit", 5}}}},
            boost::json::object{{"name", "chasm_get_stats"}, {"arguments", boost::json::object()}},
            boost::json::object{{"name", "chasm_file_history"}, {"arguments", {{"path", json::fromQString(file)}}}},
            boost::json::object{{"method", "resources/read"},
                                {"params", {{"uri", json::fromQString(u"chasm://session/"_s + longer)}}}},
            boost::json::object{
                {"method", "completion/complete"},
                {"params",
                 {{"ref", {{"type", "ref/resource"}, {"uri", "chasm://session/{session_id}"}}},
                  {"argument", {{"name", "session_id"}, {"value", json::fromQString(longer.left(12))}}}}}}};
        const boost::json::array byAgent = mcpAnswers(home.path(), url, calls);
        const boost::json::array byAgentHere = mcpAnswers(home.path(), local, calls);
        QCOMPARE(byAgent.size(), calls.size());
        QCOMPARE(byAgentHere.size(), calls.size());
        const boost::json::object& searchedByAgent = byAgent.at(0).as_object();
        const boost::json::array& agentHits = searchedByAgent.at("hits").as_array();
        QVERIFY2(!agentHits.empty(), boost::json::serialize(searchedByAgent).c_str());
        for (const boost::json::value& hit : agentHits) {
            QVERIFY(json::toQString(hit.at("origin").as_string()).startsWith(u"dev@"_s));
            QVERIFY(sessionsOf(found).contains(json::toQString(hit.at("session_id").as_string())));
        }

        const auto text = [](const boost::json::value& value) {
            return QString::fromStdString(boost::json::serialize(value));
        };
        QCOMPARE(text(withoutOrigins(byAgent.at(1))), text(byAgentHere.at(1)));
        QCOMPARE(qint64(byAgent.at(1).at("total").as_int64()), harvested);
        QVERIFY(byAgent.at(2).at("session").at("origin").as_string().starts_with("dev@"));
        QCOMPARE(text(withoutOrigins(byAgent.at(2))), text(byAgentHere.at(2)));
        QCOMPARE(byAgent.at(2).at("messages").as_array().size(), std::size_t(5));
        for (const char* key : {"sessions", "messages", "providers", "months", "last_harvest"}) {
            QVERIFY2(byAgent.at(3).at(key).is_null() == byAgentHere.at(3).at(key).is_null(), key);
        }
        for (const char* key : {"sessions", "messages", "providers", "months"}) {
            QCOMPARE(text(byAgent.at(3).at(key)), text(byAgentHere.at(3).at(key)));
        }
        QVERIFY(byAgent.at(3).at("database").as_string() == url.toStdString());
        QVERIFY2(byAgent.at(4).at("total").as_int64() >= 1, boost::json::serialize(byAgent.at(4)).c_str());
        QVERIFY(byAgent.at(4).at("sessions").at(0).at("origin").as_string().starts_with("dev@"));
        QCOMPARE(text(withoutOrigins(byAgent.at(4))), text(byAgentHere.at(4)));
        // A session's transcript as a resource, and an id completed from its beginning, as from the harvest database.
        QCOMPARE(text(byAgent.at(5)), text(byAgentHere.at(5)));
        QVERIFY2(byAgent.at(5).at("contents").at(0).at("text").as_string().size() > 100, text(byAgent.at(5)).toUtf8());
        QCOMPARE(text(byAgent.at(6)), text(byAgentHere.at(6)));
        QVERIFY2(text(byAgent.at(6).at("completion").at("values")).contains(longer), qPrintable(text(byAgent.at(6))));

        // A script reads it over the REST API as the harvest database, each search hit with its origin.
        QProcessEnvironment variables;
        variables.insert(u"USER"_s, u"dev"_s);
        variables.insert(u"CHASM_DB"_s, url);
        test::McpHttpProcess api;
        QVERIFY2(api.startWith(home.path(), {u"api"_s, u"serve"_s, u"--port"_s, u"0"_s, u"--no-auth"_s}, variables),
                 api.err().constData());
        const QString base = u"http://127.0.0.1:%1/api/v1"_s.arg(api.port());
        const test::HttpReply health = test::httpRequest("GET", QUrl(base + u"/health"_s));
        QCOMPARE(health.status, 200);
        QVERIFY2(health.body.contains("\"status\":\"healthy\""), health.body.constData());
        const test::HttpReply overHttp = test::httpRequest("GET", QUrl(base + u"/search?q=test&limit=50"_s));
        QCOMPARE(overHttp.status, 200);
        QStringList httpSessions;
        const boost::json::value httpHits = boost::json::parse(overHttp.body.toStdString());
        for (const boost::json::value& hit : httpHits.as_array()) {
            QVERIFY(json::toQString(hit.at("origin").as_string()).startsWith(u"dev@"_s));
            const QString id = json::toQString(hit.at("session_id").as_string());
            if (!httpSessions.contains(id)) {
                httpSessions << id;
            }
        }
        QCOMPARE(httpSessions, sessionsOf(test::runCli(environment, {u"harvest"_s, u"search"_s, u"--json"_s, u"-n"_s,
                                                                     u"50"_s, u"test"_s})));
        const test::HttpReply grouped = test::httpRequest("GET", QUrl(base + u"/search/sessions?q=test"_s));
        QCOMPARE(grouped.status, 200);
        QVERIFY2(grouped.body.contains("\"origin\":\"dev@"), grouped.body.constData());
        const test::HttpReply sessionsOverHttp = test::httpRequest("GET", QUrl(base + u"/sessions?limit=100"_s));
        QCOMPARE(sessionsOverHttp.status, 200);
        QCOMPARE(text(boost::json::parse(sessionsOverHttp.body.toStdString()).at("sessions")),
                 text(byAgent.at(1).at("sessions")));
        const test::HttpReply window =
            test::httpRequest("GET", QUrl(base + u"/sessions/%1/messages?limit=5"_s.arg(longer)));
        QCOMPARE(window.status, 200);
        QCOMPARE(text(boost::json::parse(window.body.toStdString()).at("messages")),
                 text(byAgent.at(2).at("messages")));
        const test::HttpReply stats = test::httpRequest("GET", QUrl(base + u"/stats"_s));
        QCOMPARE(stats.status, 200);
        QCOMPARE(text(boost::json::parse(stats.body.toStdString()).at("messages")),
                 text(byAgentHere.at(3).at("messages")));
        const test::HttpReply timeline = test::httpRequest("GET", QUrl(base + u"/stats/timeline?period=day"_s));
        QCOMPARE(timeline.status, 200);
        QVERIFY2(!boost::json::parse(timeline.body.toStdString()).at("timeline").as_array().empty(),
                 timeline.body.constData());
        const test::HttpReply markdown =
            test::httpRequest("GET", QUrl(base + u"/sessions/%1/export?format=markdown"_s.arg(id)));
        QCOMPARE(markdown.status, 200);
        QVERIFY2(!markdown.body.isEmpty(), markdown.body.constData());

        // Nothing new: the next run harvests and sends nothing.
        const test::CliRun again = test::runCli(environment, {u"harvest"_s, u"run"_s, u"--json"_s});
        QCOMPARE(again.exitCode, 0);
        QCOMPARE(json::integer(again.json().at("push"), "created").value_or(-1), 0);
        QCOMPARE(json::integer(again.json().at("push"), "updated").value_or(-1), 0);
        // Nor is it versioned: --commit is refused before anything is harvested.
        const test::CliRun versioned = test::runCli(environment, {u"harvest"_s, u"run"_s, u"--commit"_s});
        QCOMPARE(versioned.exitCode, 2);
        QVERIFY2(versioned.err.contains(u"a team database has no git repository"_s), qPrintable(versioned.err));
    }

    // A harvest into a team database killed (kill -9) while it pushes leaves whole sessions there, each with all its
    // messages; the next run sends the rest, and the team database holds what the harvest database holds.
    void killedHarvestIntoTeamDatabaseCompletes()
    {
        QCOMPARE(m_server.execute({u"CREATE DATABASE killed"_s}), QString());
        const QString url = m_server.url(test::PostgresServer::superuser(), {}, u"killed"_s);
        QCOMPARE(chasm(url, {u"team"_s, u"init"_s}).exitCode, 0);
        QTemporaryDir home;
        QVERIFY(home.isValid());
        constexpr int sessions = 400;
        QVERIFY(writeClaudeSessions(home.path(), sessions));
        QProcessEnvironment variables;
        variables.insert(u"USER"_s, u"dev"_s);
        variables.insert(u"CHASM_DB"_s, url);
        QProcess killed;
        test::startChasm(killed, home.path(), {u"harvest"_s, u"run"_s}, variables);
        QVERIFY(killed.waitForStarted());
        const qint64 arrived = killWhenSessionsArrive(killed, u"killed"_s);
        QVERIFY2(arrived > 0 && arrived < sessions, qPrintable(QString::number(arrived)));
        // Whole sessions: each with its 40 messages.
        QCOMPARE(countIn(u"killed"_s, u"SELECT count(*) FROM sessions s WHERE (SELECT count(*) FROM messages_v2 m "
                                      "WHERE m.origin = s.origin AND m.session_id = s.id) <> 40"_s),
                 0);

        const test::Ran rest = test::runChasm(home.path(), {u"harvest"_s, u"run"_s, u"--json"_s}, variables, 60000);
        QCOMPARE(rest.exitCode, 0);
        const boost::json::value report = boost::json::parse(rest.out.toStdString());
        QCOMPARE(json::integer(report.at("push"), "created").value_or(-1), sessions - arrived);
        QCOMPARE(json::integer(report.at("push"), "unchanged").value_or(-1), arrived);
        QCOMPARE(countIn(u"killed"_s, u"SELECT count(*) FROM sessions"_s), sessions);
        QCOMPARE(countIn(u"killed"_s, u"SELECT count(*) FROM messages_v2"_s), sessions * 40);
    }

    // Another person's role reads none of alice's private sessions, nor their messages, and cannot write them; a
    // share lets it read one, a project's share the project's (later ones too), a team's share its members only.
    void rowLevelSecurity()
    {
        QCOMPARE(m_server.execute({
                     u"CREATE ROLE alice LOGIN PASSWORD '%1' IN ROLE chasm_users"_s.arg(alicePassword),
                     u"CREATE ROLE bob LOGIN PASSWORD '%1' IN ROLE chasm_users"_s.arg(bobPassword),
                     u"CREATE ROLE carol LOGIN PASSWORD '%1' IN ROLE chasm_users"_s.arg(carolPassword),
                     u"CREATE ROLE backend NOLOGIN"_s,
                     u"GRANT backend TO bob"_s,
                 }),
                 QString());
        insertSession(u"claude-code:aaaa1111"_s, u"/work/app"_s);
        insertSession(u"claude-code:bbbb2222"_s, u"/work/other"_s);
        const QString sessions = u"SELECT id FROM sessions ORDER BY id"_s;
        const QString messages = u"SELECT session_id FROM messages_v2 ORDER BY session_id"_s;
        QCOMPARE(rows(u"alice"_s, alicePassword, sessions),
                 (QStringList{u"claude-code:aaaa1111"_s, u"claude-code:bbbb2222"_s}));
        QCOMPARE(rows(u"bob"_s, bobPassword, sessions), QStringList());
        QCOMPARE(rows(u"bob"_s, bobPassword, messages), QStringList());
        QCOMPARE(change(u"bob"_s, bobPassword, u"UPDATE sessions SET title = 'mine'"_s), 0);
        QCOMPARE(change(u"bob"_s, bobPassword, u"DELETE FROM messages_v2"_s), 0);
        QCOMPARE(change(u"bob"_s, bobPassword,
                        u"INSERT INTO sessions (origin, id, owner_role, provider, native_id, title, harvested_at, "
                        "data) VALUES ('x', 'y', 'alice', 'p', 'n', 't', 'now', '\\x00'::bytea)"_s),
                 -1);

        const QString aliceUrl = m_server.url(u"alice"_s, alicePassword);
        const test::CliRun shared =
            chasm(aliceUrl, {u"team"_s, u"share"_s, u"claude-code:aaaa"_s, u"--with"_s, u"bob"_s});
        QCOMPARE(shared.err, QString());
        QCOMPARE(shared.out, u"shared 1 session with bob\n  claude-code:aaaa1111\n"_s);
        QCOMPARE(rows(u"bob"_s, bobPassword, sessions), QStringList{u"claude-code:aaaa1111"_s});
        QCOMPARE(rows(u"bob"_s, bobPassword, messages), QStringList{u"claude-code:aaaa1111"_s});
        QCOMPARE(rows(u"carol"_s, carolPassword, sessions), QStringList());
        // Read, not written: the share gives no more.
        QCOMPARE(change(u"bob"_s, bobPassword, u"UPDATE sessions SET title = 'mine'"_s), 0);
        QCOMPARE(chasm(aliceUrl, {u"team"_s, u"share"_s, u"claude-code:aaaa1111"_s, u"--with"_s, u"bob"_s}).out,
                 u"1 session already shared with bob\n  claude-code:aaaa1111\n"_s);

        const test::CliRun unshared =
            chasm(aliceUrl, {u"team"_s, u"unshare"_s, u"claude-code:aaaa1111"_s, u"--with"_s, u"bob"_s});
        QCOMPARE(unshared.exitCode, 0);
        QCOMPARE(unshared.out, u"unshared 1 session from bob\n  claude-code:aaaa1111\n"_s);
        QCOMPARE(rows(u"bob"_s, bobPassword, sessions), QStringList());

        // A project with a team: bob is in it, carol is not; a session harvested later is shared too.
        const test::CliRun project =
            chasm(aliceUrl, {u"team"_s, u"share"_s, u"--project"_s, u"/work/other"_s, u"--with"_s, u"backend"_s});
        QCOMPARE(project.err, QString());
        QCOMPARE(project.out, u"shared the project /work/other (1 session now) with backend\n"_s);
        QCOMPARE(rows(u"bob"_s, bobPassword, sessions), QStringList{u"claude-code:bbbb2222"_s});
        QCOMPARE(rows(u"carol"_s, carolPassword, sessions), QStringList());
        insertSession(u"claude-code:cccc3333"_s, u"/work/other"_s);
        QCOMPARE(rows(u"bob"_s, bobPassword, sessions),
                 (QStringList{u"claude-code:bbbb2222"_s, u"claude-code:cccc3333"_s}));
        // Bob cannot share what is alice's, though he reads it.
        const test::CliRun notHis = chasm(m_server.url(u"bob"_s, bobPassword),
                                          {u"team"_s, u"share"_s, u"claude-code:bbbb2222"_s, u"--with"_s, u"carol"_s});
        QCOMPARE(notHis.exitCode, 1);
        QVERIFY2(notHis.err.contains(u"holds no session of yours with the id claude-code:bbbb2222"_s),
                 qPrintable(notHis.err));
        QCOMPARE(change(u"bob"_s, bobPassword,
                        u"INSERT INTO session_shares (origin, session_id, grantee) VALUES ('alice@laptop', "
                        "'claude-code:bbbb2222', 'carol')"_s),
                 -1);
        QCOMPARE(rows(u"carol"_s, carolPassword, sessions), QStringList());

        QCOMPARE(chasm(aliceUrl, {u"team"_s, u"unshare"_s, u"--project"_s, u"/work/other"_s, u"--with"_s, u"backend"_s})
                     .exitCode,
                 0);
        QCOMPARE(rows(u"bob"_s, bobPassword, sessions), QStringList());

        const test::CliRun ambiguous =
            chasm(aliceUrl, {u"team"_s, u"share"_s, u"claude-code:"_s, u"--with"_s, u"bob"_s});
        QCOMPARE(ambiguous.exitCode, 1);
        QCOMPARE(ambiguous.err, u"chasm: claude-code: is the start of several of your sessions' ids: "
                                "claude-code:aaaa1111, claude-code:bbbb2222, claude-code:cccc3333\n"_s);
        const test::CliRun noRole =
            chasm(aliceUrl, {u"team"_s, u"share"_s, u"claude-code:a"_s, u"--with"_s, u"dave"_s});
        QCOMPARE(noRole.exitCode, 1);
        QCOMPARE(noRole.err, u"chasm: %1 has no role dave (an administrator makes it: CREATE ROLE)\n"_s.arg(
                                 m_server.url(u"alice"_s, u"***"_s)));
    }

    // alice pushes her harvest: bob finds none of it through harvest search until she shares a session, and still
    // finds it once it changed and was pushed again (the share stays); the same sessions pushed from a second machine
    // are sessions of their own; a message with NUL characters (which PostgreSQL's text cannot hold) goes through.
    void pushedSessionsAreTheirPushersOwn()
    {
        const test::FixtureHome home({u"claude-code"_s});
        QVERIFY(home.isValid());
        const QString transcript =
            home.file(u".claude/projects/-home-dev-projects-web-app/11111111-aaaa-4bbb-8ccc-000000000001.jsonl"_s);
        const auto say = [&transcript](const QString& uuid, const QString& parent, const QString& text) {
            QFile file(transcript);
            QVERIFY(file.open(QIODevice::Append));
            file.write(
                uR"({"parentUuid":"%1","isSidechain":false,"userType":"external","cwd":"/home/dev/projects/web app","sessionId":"11111111-aaaa-4bbb-8ccc-000000000001","version":"2.1.197","uuid":"%2","timestamp":"2026-03-01T10:05:00.000Z","type":"user","message":{"role":"user","content":"%3"}})"_s
                    .arg(parent, uuid, text)
                    .toUtf8() +
                '\n');
        };
        say(u"u6"_s, u"a5"_s, u"the numbat\\u0000sleeps in the burrow"_s);
        const Environment environment = home.environment();
        QCOMPARE(test::runCli(environment, {u"harvest"_s, u"run"_s}).exitCode, 0);
        const qint64 sessions = number(test::runCli(environment, {u"harvest"_s, u"status"_s, u"--json"_s}), "sessions");
        QVERIFY(sessions >= 3);

        const QString aliceUrl = m_server.url(u"alice"_s, alicePassword);
        const QString bobUrl = m_server.url(u"bob"_s, bobPassword);
        const QStringList push{u"harvest"_s, u"push"_s, u"--to"_s, aliceUrl, u"--origin"_s, u"alice@workstation"_s};
        const test::CliRun pushed = test::runCli(environment, push);
        QCOMPARE(pushed.err, QString());
        QCOMPARE(pushed.out,
                 u"pushed %1 into %2 as alice@workstation: %3 new, 0 updated, 0 unchanged (%4 messages)\n"_s.arg(
                     home.file(u".local/share/chasm/chasm.db"_s), m_server.url(u"alice"_s, u"***"_s),
                     QString::number(sessions),
                     QString::number(
                         number(test::runCli(environment, {u"harvest"_s, u"status"_s, u"--json"_s}), "messages"))));
        const QString session = u"claude-code:11111111-aaaa-4bbb-8ccc-000000000001"_s;
        const auto search = [&environment](const QString& url, const QString& query) {
            return test::runCli(environment, {u"--db"_s, url, u"harvest"_s, u"search"_s, u"--json"_s, query});
        };
        QCOMPARE(sessionsOf(search(aliceUrl, u"numbat"_s), true), QStringList{u"alice@workstation/"_s + session});
        QCOMPARE(sessionsOf(search(bobUrl, u"numbat"_s), true), QStringList());
        const test::CliRun none =
            test::runCli(environment, {u"--db"_s, bobUrl, u"harvest"_s, u"search"_s, u"numbat"_s});
        QCOMPARE(none.out, u"No matches.\n"_s);

        QCOMPARE(chasm(aliceUrl, {u"team"_s, u"share"_s, u"claude-code:1111"_s, u"--with"_s, u"bob"_s}).exitCode, 0);
        QCOMPARE(sessionsOf(search(bobUrl, u"numbat"_s), true), QStringList{u"alice@workstation/"_s + session});
        const test::CliRun shown =
            test::runCli(environment, {u"--db"_s, bobUrl, u"harvest"_s, u"search"_s, u"numbat"_s});
        QVERIFY2(shown.out.contains(u"[numbat]"_s) && shown.out.contains(u"alice@workstation"_s),
                 qPrintable(shown.out));

        // What each lists and counts there: bob, the one session shared with him; alice, hers (those of the test
        // before too) and her push.
        const test::CliRun listed =
            test::runCli(environment, {u"--db"_s, bobUrl, u"harvest"_s, u"list"_s, u"--json"_s});
        QCOMPARE(listed.err, QString());
        const boost::json::value list = listed.json();
        QVERIFY2(list.is_array() && list.as_array().size() == 1, qPrintable(listed.out));
        QCOMPARE(json::toQString(list.as_array().at(0).at("id").as_string()), session);
        const test::CliRun counted = test::runCli(environment, {u"--db"_s, bobUrl, u"harvest"_s, u"status"_s});
        QCOMPARE(counted.err, QString());
        QVERIFY2(counted.out.contains(u"\nsessions:  1 ("_s) && counted.out.endsWith(u"last push: never\n"_s),
                 qPrintable(counted.out));
        const test::CliRun hers =
            test::runCli(environment, {u"--db"_s, aliceUrl, u"harvest"_s, u"status"_s, u"--json"_s});
        QCOMPARE(number(hers, "sessions"), sessions + 3);
        QVERIFY2(!hers.out.contains(alicePassword) && hers.out.contains(u"\"last_run\":\"20"_s), qPrintable(hers.out));

        // Changed and pushed again: written over in place, the share kept.
        const auto messagesOf = [this](const QString& id) {
            return rows(u"alice"_s, alicePassword,
                        u"SELECT count(*) FROM messages_v2 WHERE origin = 'alice@workstation' AND session_id = '%1'"_s
                            .arg(id))
                .value(0)
                .toLongLong();
        };
        // The session's count of messages, as the harvest counts them.
        const auto countOf = [this](const QString& id) {
            return rows(
                       u"alice"_s, alicePassword,
                       u"SELECT message_count FROM sessions WHERE origin = 'alice@workstation' AND id = '%1'"_s.arg(id))
                .value(0)
                .toLongLong();
        };
        const qint64 before = messagesOf(session);
        const qint64 countBefore = countOf(session);
        QVERIFY(before > 0 && countBefore > 0);
        say(u"u7"_s, u"u6"_s, u"and the platypus swims"_s);
        QCOMPARE(test::runCli(environment, {u"harvest"_s, u"run"_s}).exitCode, 0);
        const test::CliRun again = test::runCli(environment, push + QStringList{u"--json"_s});
        QCOMPARE(number(again, "updated"), 1);
        QCOMPARE(number(again, "unchanged"), sessions - 1);
        QCOMPARE(sessionsOf(search(bobUrl, u"platypus"_s), true), QStringList{u"alice@workstation/"_s + session});
        QCOMPARE(messagesOf(session), before + 1);
        QCOMPARE(countOf(session), countBefore + 1);

        // From a second machine: the same ids, sessions of their own; bob still reads only the one shared.
        const test::CliRun second = test::runCli(environment, {u"harvest"_s, u"push"_s, u"--to"_s, aliceUrl,
                                                               u"--origin"_s, u"alice@desktop"_s, u"--json"_s});
        QCOMPARE(number(second, "created"), sessions);
        QCOMPARE(sessionsOf(search(aliceUrl, u"platypus"_s), true),
                 (QStringList{u"alice@workstation/"_s + session, u"alice@desktop/"_s + session}));
        QCOMPARE(sessionsOf(search(bobUrl, u"platypus"_s), true), QStringList{u"alice@workstation/"_s + session});
    }

    // A wrong password is one line naming the URL, its password masked; no output ever holds a URL's password.
    void passwordsAreNeverShown()
    {
        const QString wrong = u"Wr0ng-S3cret-77"_s;
        const test::CliRun refused =
            chasm(m_server.url(u"alice"_s, wrong), {u"team"_s, u"share"_s, u"claude-code:a"_s, u"--with"_s, u"bob"_s});
        QCOMPARE(refused.exitCode, 1);
        QCOMPARE(refused.out, QString());
        QCOMPARE(refused.err.count(u'\n'), 1);
        const QString prefix =
            u"chasm: cannot connect to postgresql://alice:***@127.0.0.1:%1/chasm: "_s.arg(m_server.port());
        QVERIFY2(refused.err.startsWith(prefix), qPrintable(refused.err));
        QVERIFY2(refused.err.contains(u"password authentication failed for user \"alice\""_s), qPrintable(refused.err));
        QVERIFY(!refused.err.contains(wrong));

        // The URL's parameters reach libpq: this server speaks no TLS.
        const test::CliRun tls =
            chasm(m_server.url(u"alice"_s, alicePassword) + u"?sslmode=require"_s, {u"team"_s, u"init"_s});
        QCOMPARE(tls.exitCode, 1);
        QVERIFY2(tls.err.contains(u"server does not support SSL, but SSL was required"_s), qPrintable(tls.err));
        QVERIFY(!tls.err.contains(alicePassword));

        const QString aliceUrl = m_server.url(u"alice"_s, alicePassword);
        const QList<QStringList> commands = {
            {u"team"_s, u"init"_s},
            {u"team"_s, u"init"_s, u"--json"_s},
            {u"team"_s, u"share"_s, u"claude-code:aaaa"_s, u"--with"_s, u"bob"_s, u"--json"_s},
            {u"team"_s, u"unshare"_s, u"claude-code:aaaa"_s, u"--with"_s, u"bob"_s},
            {u"team"_s, u"share"_s, u"claude-code:zzzz"_s, u"--with"_s, u"bob"_s},
            {u"team"_s, u"share"_s, u"--project"_s, u"/nowhere"_s, u"--with"_s, u"nobody-here"_s},
            {u"harvest"_s, u"status"_s},
        };
        for (const QStringList& args : commands) {
            const test::CliRun run = chasm(aliceUrl, args);
            QVERIFY2(!run.out.contains(alicePassword) && !run.err.contains(alicePassword),
                     qPrintable(args.join(u' ') + u": "_s + run.out + run.err));
            QVERIFY2(!run.out.isEmpty() || !run.err.isEmpty(), qPrintable(args.join(u' ')));
        }
    }

    // Without a password in the URL, the keychain's (under postgresql/USER@HOST:PORT/DB) is used, else libpq's own
    // PGPASSWORD.
    void passwordFromKeychainOrLibpq()
    {
        const QString url = m_server.url(u"alice"_s);
        const QStringList share{u"team"_s, u"share"_s, u"claude-code:aaaa"_s, u"--with"_s, u"carol"_s};
        const test::CliRun none = chasm(url, share);
        QCOMPARE(none.exitCode, 1);
        QVERIFY2(none.err.contains(u"cannot connect to %1"_s.arg(url)), qPrintable(none.err));

        const SecretStore keychain;
        const QString key = u"postgresql/alice@127.0.0.1:%1/chasm"_s.arg(m_server.port());
        QVERIFY(keychain.write(key, alicePassword.toUtf8()).ok());
        // Read on other threads than the one that wrote it, one after the other, as a server's threads read it: each
        // is answered (they once waited out their time-out).
        for (int i = 0; i < 3; ++i) {
            QString read;
            std::unique_ptr<QThread> thread(QThread::create([&read, &key] {
                SecretStore store;
                store.setTimeout(std::chrono::seconds(5));
                const Result<SecretStore::Found> found = store.read(key);
                read = !found ? found.error().message : QString::fromUtf8(found->value_or("(none)"));
            }));
            thread->start();
            QVERIFY(thread->wait(20000));
            QCOMPARE(read, alicePassword);
        }
        const test::CliRun kept = chasm(url, share);
        QCOMPARE(kept.err, QString());
        QCOMPARE(kept.exitCode, 0);
        QVERIFY(keychain.remove(key).ok());

        qputenv("PGPASSWORD", alicePassword.toUtf8());
        const test::CliRun fromVariable =
            chasm(url, {u"team"_s, u"unshare"_s, u"claude-code:aaaa"_s, u"--with"_s, u"carol"_s});
        qunsetenv("PGPASSWORD");
        QCOMPARE(fromVariable.err, QString());
        QCOMPARE(fromVariable.out, u"unshared 1 session from carol\n  claude-code:aaaa1111\n"_s);
    }
};

} // namespace chasm

QTEST_GUILESS_MAIN(chasm::TestTeam)
#include "TestTeam.moc"
