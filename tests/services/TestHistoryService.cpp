// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#include "PostgresServer.h"
#include "services/HistoryService.h"
#include "services/TeamService.h"
#include "store/HarvestStore.h"
#include "store/postgres/PostgresDatabase.h"
#include "store/postgres/PostgresPush.h"

#include <QSqlQuery>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTimeZone>

#include <boost/json/serialize.hpp>

#include <atomic>

using namespace Qt::StringLiterals;
using namespace chasm;

namespace {

QDateTime at(const QString& iso)
{
    return QDateTime::fromString(iso, Qt::ISODate);
}

Message message(Role role, const QString& text, const QDateTime& time, const QList<ToolCall>& calls = {})
{
    Message m;
    m.role = role;
    m.content = text;
    m.timestamp = time;
    m.toolCalls = calls;
    return m;
}

ToolCall call(const QString& name, const QString& input, const QString& status = u"completed"_s)
{
    ToolCall c;
    c.id = name + u"-1"_s;
    c.name = name;
    c.input = input;
    c.status = status;
    return c;
}

Session session(const QString& provider, const QString& nativeId, const QString& project, const QDateTime& created,
                const QDateTime& updated, const QList<Message>& messages = {})
{
    Session s;
    s.provider = provider;
    s.nativeId = nativeId;
    s.id = provider + u':' + nativeId;
    s.title = u"title of "_s + nativeId;
    s.projectPath = project;
    s.createdAt = created;
    s.updatedAt = updated;
    s.messages = messages;
    return s;
}

// Stores sessions as a harvest does, each in the workspace given (or none).
void store(Database& db, const QList<Session>& sessions, const QString& workspace = {})
{
    HarvestStore harvest(db);
    for (const Session& s : sessions) {
        SessionRef ref;
        ref.id = s.id;
        ref.provider = s.provider;
        ref.path = u"/sources/"_s + s.nativeId + u".jsonl"_s;
        ref.workspace = workspace;
        ref.workspaceName = workspace.isEmpty() ? QString() : u"name of "_s + workspace;
        const auto outcome = harvest.store(ref, HarvestStore::prepare(s));
        QVERIFY2(outcome.ok(), outcome ? "" : qPrintable(outcome.error().message));
    }
}

QStringList idsOf(const QList<SessionRef>& sessions)
{
    QStringList ids;
    for (const SessionRef& s : sessions) {
        ids << s.id;
    }
    return ids;
}

QStringList idsOf(const QList<HistoryService::FileSession>& sessions)
{
    QStringList ids;
    for (const HistoryService::FileSession& s : sessions) {
        ids << s.id;
    }
    return ids;
}

QList<int> indexesOf(const HistoryService::MessagesReport& report)
{
    QList<int> indexes;
    for (const HistoryService::WindowMessage& m : report.messages) {
        indexes << m.index;
    }
    return indexes;
}

QList<int> range(int first, int last)
{
    QList<int> values;
    for (int i = first; i <= last; ++i) {
        values << i;
    }
    return values;
}

// A long session: message i is the user's when i % 3 == 0, else the assistant's, and says "message i".
Session longSession(int count)
{
    QList<Message> messages;
    const QDateTime start = at(u"2026-03-01T10:00:00Z"_s);
    for (int i = 0; i < count; ++i) {
        messages << message(i % 3 == 0 ? Role::User : Role::Assistant, u"message %1"_s.arg(i), start.addSecs(i));
    }
    return session(u"claude-code"_s, u"long0000-aaaa"_s, u"/work/app"_s, start, start.addSecs(count), messages);
}

} // namespace

// Every test runs on both backends: on this machine's database (SQLite), and on a team database (PostgreSQL, a real
// server) into which that database's sessions are pushed, as `chasm harvest push` sends them, before each read.
class TestHistoryService : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    test::PostgresServer m_server;
    std::unique_ptr<Database> m_db;
    std::unique_ptr<PostgresDatabase> m_team;
    int m_databases = 0;

    static bool onTeamDatabase()
    {
        QFETCH_GLOBAL(bool, team);
        return team;
    }

    // A new database on this machine (where the sessions are stored), and on the team database's server, a new
    // database of the current schema.
    Database& freshDatabase(const QString& name)
    {
        m_team.reset();
        auto db = Database::open(m_dir.filePath(u"%1-%2"_s.arg(++m_databases).arg(name)));
        if (!db) {
            qFatal("%s", qPrintable(db.error().message));
        }
        m_db = std::move(db).value();
        if (onTeamDatabase()) {
            const QString database = u"history_%1"_s.arg(m_databases);
            if (const QString error = m_server.execute({u"CREATE DATABASE "_s + database}); !error.isEmpty()) {
                qFatal("%s", qPrintable(error));
            }
            // The superuser comes in without one (trust): a password in the URL keeps the keychain out of it.
            const QString url = m_server.url(test::PostgresServer::superuser(), u"unused"_s, database);
            const TeamService team;
            auto made = team.init(url);
            auto opened = made ? team.open(url) : Result<std::unique_ptr<PostgresDatabase>>(made.error());
            if (!opened) {
                qFatal("%s", qPrintable(opened.error().message));
            }
            m_team = std::move(opened).value();
        }
        return *m_db;
    }

    // The database the service reads: this machine's, or the team database, into which what this machine's holds is
    // pushed first (a push records itself as the team database's latest harvest: none while there is nothing).
    HistoryStore history()
    {
        if (!m_team) {
            return *m_db;
        }
        QSqlQuery stored(m_db->connection());
        if (stored.exec(u"SELECT count(*) FROM sessions"_s) && stored.next() && stored.value(0).toInt() > 0) {
            const auto pushed = PostgresPush::push(*m_db, *m_team, {u"dev@laptop"_s, false, {}});
            if (!pushed) {
                qFatal("%s", qPrintable(pushed.error().message));
            }
        }
        return *m_team;
    }

private Q_SLOTS:
    void initTestCase_data()
    {
        QTest::addColumn<bool>("team");
        QTest::newRow("sqlite") << false;
        QTest::newRow("postgresql") << true;
    }

    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_dir.isValid());
        const QString error = m_server.start(u"chasm"_s);
        QVERIFY2(error.isEmpty(), qPrintable(error));
    }

    void cleanupTestCase()
    {
        m_team.reset();
        m_server.stop();
    }

    void sessionsAreFilteredAndPaged()
    {
        Database& db = freshDatabase(u"sessions.db"_s);
        const QDateTime day = at(u"2026-05-01T12:00:00Z"_s);
        store(db, {session(u"claude-code"_s, u"s1"_s, u"/work/app"_s, day, day.addDays(1)),
                   session(u"claude-code"_s, u"s2"_s, u"/work/app/server"_s, day, day.addDays(2)),
                   session(u"codex"_s, u"s3"_s, u"/work/apple"_s, day, day.addDays(3)),
                   session(u"codex"_s, u"s4"_s, u"/work/app_%x"_s, day, day.addDays(4)),
                   session(u"codex"_s, u"s5"_s, u"/work/appXYx"_s, day, day.addDays(5)),
                   session(u"gemini"_s, u"s6"_s, {}, day, day.addDays(6))});
        store(db, {session(u"copilot"_s, u"s7"_s, u"/work/app"_s, day, day.addDays(7))}, u"hash7"_s);

        auto all = HistoryService::sessions(history(), {});
        QVERIFY(all.ok());
        QCOMPARE(all->total, 7);
        QCOMPARE(idsOf(all->sessions), (QStringList{u"copilot:s7"_s, u"gemini:s6"_s, u"codex:s5"_s, u"codex:s4"_s,
                                                    u"codex:s3"_s, u"claude-code:s2"_s, u"claude-code:s1"_s}));
        QCOMPARE(all->sessions.constFirst().workspaceName, u"name of hash7"_s);

        HistoryService::SessionsRequest request;
        request.projectPath = u"/work/app/"_s; // a trailing slash, and no session of /work/apple
        QCOMPARE(idsOf(HistoryService::sessions(history(), request)->sessions),
                 (QStringList{u"copilot:s7"_s, u"claude-code:s2"_s, u"claude-code:s1"_s}));
        // % and _ are characters of the path, not patterns.
        request.projectPath = u"/work/app_%x"_s;
        QCOMPARE(idsOf(HistoryService::sessions(history(), request)->sessions), QStringList{u"codex:s4"_s});
        request.projectPath = u"/work/app_"_s;
        QCOMPARE(HistoryService::sessions(history(), request)->total, 0);

        request = {};
        request.provider = u"codex"_s;
        request.after = day.addDays(4);
        QCOMPARE(idsOf(HistoryService::sessions(history(), request)->sessions),
                 (QStringList{u"codex:s5"_s, u"codex:s4"_s}));
        request.after = {};
        request.before = day.addDays(3);
        QCOMPARE(idsOf(HistoryService::sessions(history(), request)->sessions), QStringList{u"codex:s3"_s});

        request = {};
        request.workspaceId = u"hash7"_s;
        QCOMPARE(idsOf(HistoryService::sessions(history(), request)->sessions), QStringList{u"copilot:s7"_s});

        // Pages of two to the end: every session once, the total on each.
        request = {};
        request.limit = 2;
        QStringList seen;
        for (request.offset = 0;; request.offset += request.limit) {
            auto page = HistoryService::sessions(history(), request);
            QVERIFY(page.ok());
            QCOMPARE(page->total, 7);
            const auto shape = toJson(*page);
            if (page->sessions.isEmpty()) {
                QVERIFY(shape.at("next_offset").is_null());
                break;
            }
            seen << idsOf(page->sessions);
            QCOMPARE(shape.at("sessions").as_array().size(), std::size_t(page->sessions.size()));
            QCOMPARE(shape.at("next_offset").is_null(), seen.size() == 7);
        }
        QCOMPARE(seen, idsOf(all->sessions));

        request.limit = 0;
        QCOMPARE(HistoryService::sessions(history(), request).error().message, u"limit must be at least 1 (got 0)"_s);
    }

    void messagesArePagedToTheEnd()
    {
        Database& db = freshDatabase(u"paging.db"_s);
        store(db, {longSession(257)});

        HistoryService::MessagesRequest request;
        request.sessionId = u"long0000"_s; // a prefix of the native id
        QList<int> seen;
        std::optional<int> from = 0;
        int pages = 0;
        while (from) {
            request.from = *from;
            auto page = HistoryService::messages(history(), request);
            QVERIFY2(page.ok(), page ? "" : qPrintable(page.error().message));
            QCOMPARE(page->total, 257);
            QCOMPARE(page->session.id, u"claude-code:long0000-aaaa"_s);
            QCOMPARE(page->session.messageCount, 257);
            for (const auto& m : page->messages) {
                QCOMPARE(m.text, u"message %1"_s.arg(m.index));
                QCOMPARE(m.role, m.index % 3 == 0 ? u"user"_s : u"assistant"_s);
                QCOMPARE(m.timestamp, at(u"2026-03-01T10:00:00Z"_s).addSecs(m.index));
            }
            seen << indexesOf(*page);
            from = page->nextFrom;
            ++pages;
        }
        QCOMPARE(pages, 6);
        QCOMPARE(seen, range(0, 256));

        // Only the user's messages: positions stay those of the session, the window counts kept messages.
        request.roles = {u"user"_s};
        request.limit = 30;
        seen.clear();
        for (from = 0; from;) {
            request.from = *from;
            auto page = HistoryService::messages(history(), request);
            QVERIFY(page.ok());
            QCOMPARE(page->total, 86);
            QVERIFY(page->messages.size() == 30 || !page->nextFrom);
            seen << indexesOf(*page);
            from = page->nextFrom;
        }
        QList<int> users;
        for (int i = 0; i < 257; i += 3) {
            users << i;
        }
        QCOMPARE(seen, users);

        // Past the end: nothing, and nothing after.
        request.roles = {};
        request.from = 257;
        auto past = HistoryService::messages(history(), request);
        QVERIFY(past->messages.isEmpty());
        QVERIFY(!past->nextFrom);
        QVERIFY(toJson(*past).at("next_from").is_null());
    }

    void messagesAroundOne()
    {
        Database& db = freshDatabase(u"around.db"_s);
        store(db, {longSession(257)});
        HistoryService::MessagesRequest request;
        request.sessionId = u"claude-code:long0000-aaaa"_s;
        request.limit = 10;
        request.from = 200; // around wins

        request.around = 100;
        auto page = HistoryService::messages(history(), request);
        QCOMPARE(indexesOf(*page), range(95, 104));
        QCOMPARE(page->nextFrom.value_or(-1), 105);
        request.around = 2;
        QCOMPARE(indexesOf(*HistoryService::messages(history(), request)), range(0, 9));
        request.around = 255; // near the end: the window reaches further back
        page = HistoryService::messages(history(), request);
        QCOMPARE(indexesOf(*page), range(247, 256));
        QVERIFY(!page->nextFrom);

        request.roles = {u"user"_s, u"system"_s};
        request.around = 100;
        request.limit = 4;
        page = HistoryService::messages(history(), request);
        QCOMPARE(indexesOf(*page), (QList<int>{96, 99, 102, 105}));
        QCOMPARE(page->nextFrom.value_or(-1), 108);
        QCOMPARE(page->total, 86);
    }

    void textsAreCutOnCodePoints()
    {
        Database& db = freshDatabase(u"cut.db"_s);
        const QDateTime t = at(u"2026-01-05T08:00:00Z"_s);
        // 😀 is one code point, two UTF-16 units and four UTF-8 bytes; é two UTF-8 bytes.
        store(db, {session(u"codex"_s, u"cut1"_s, {}, t, t,
                           {message(Role::User, u"ab😀cd"_s, t), message(Role::Assistant, u"éé😀"_s, t),
                            message(Role::User, u"abc"_s, t)})});
        HistoryService::MessagesRequest request;
        request.sessionId = u"codex:cut1"_s;
        request.maxCharsPerMessage = 3;
        auto page = HistoryService::messages(history(), request);
        QVERIFY(page.ok());
        QCOMPARE(page->messages.size(), 3);
        QCOMPARE(page->messages[0].text, u"ab😀"_s);
        QVERIFY(page->messages[0].truncated);
        QCOMPARE(page->messages[0].fullLength, 5);
        QCOMPARE(page->messages[1].text, u"éé😀"_s); // exactly three: whole
        QVERIFY(!page->messages[1].truncated);
        QCOMPARE(page->messages[1].fullLength, 3);
        request.maxCharsPerMessage = 2;
        page = HistoryService::messages(history(), request);
        QCOMPARE(page->messages[1].text, u"éé"_s);
        QCOMPARE(page->messages[0].text, u"ab"_s);
        request.maxCharsPerMessage = 0;
        page = HistoryService::messages(history(), request);
        QCOMPARE(page->messages[0].text, u"ab😀cd"_s);
        QVERIFY(!page->messages[0].truncated);

        const auto shape = toJson(*page);
        const auto& first = shape.at("messages").as_array().at(0).as_object();
        QCOMPARE(first.at("full_length").as_int64(), 5);
        QVERIFY(first.at("text").as_string() == "ab\xF0\x9F\x98\x80"
                                                "cd");
        QVERIFY(first.at("model").is_null());
        QVERIFY(!first.contains("from_char"));

        // The message at from read from a code point on; the messages after it from their start.
        request.from = 0;
        request.fromChar = 3;
        page = HistoryService::messages(history(), request);
        QCOMPARE(page->messages[0].text, u"cd"_s);
        QCOMPARE(page->messages[0].fromChar, 3);
        QVERIFY(page->messages[0].truncated);
        QCOMPARE(page->messages[0].fullLength, 5);
        QCOMPARE(page->messages[1].text, u"éé😀"_s);
        QCOMPARE(page->messages[1].fromChar, 0);
        QCOMPARE(toJson(*page).at("messages").as_array().at(0).at("from_char").as_int64(), 3);
        request.fromChar = 2;
        request.maxCharsPerMessage = 1; // counts from from_char
        page = HistoryService::messages(history(), request);
        QCOMPARE(page->messages[0].text, u"😀"_s);
        request.from = 1;
        request.fromChar = 9; // past its end: nothing left of it
        page = HistoryService::messages(history(), request);
        QCOMPARE(page->messages[0].index, 1);
        QCOMPARE(page->messages[0].text, QString());
        QCOMPARE(page->messages[0].fromChar, 3);
        QCOMPARE(page->messages[1].text, u"a"_s);
    }

    void toolCallsAreSummarized()
    {
        Database& db = freshDatabase(u"tools.db"_s);
        const QDateTime t = at(u"2026-02-05T08:00:00Z"_s);
        const QString longCommand = u"echo "_s + QString(300, u'x');
        store(db, {session(
                      u"claude-code"_s, u"tools1"_s, u"/p"_s, t, t,
                      {message(Role::User, u"fix it"_s, t),
                       message(Role::Assistant, u"looking"_s, t,
                               {call(u"Read"_s, uR"({"file_path":"/p/src/a.ts","limit":20})"_s),
                                call(u"Bash"_s, uR"({"command":"npm test\nnpm run lint","timeout":5})"_s, u"error"_s)}),
                       message(Role::Assistant, u"more"_s, t,
                               {call(u"shell"_s, uR"({"command":["bash","-lc","ls -la"]})"_s),
                                call(u"Long"_s, uR"({"command":")"_s + longCommand + uR"("})"_s),
                                call(u"Other"_s, uR"({"count":3,"label":"the label"})"_s),
                                call(u"Plain"_s, u"\n  just text\nsecond line"_s)})})});
        HistoryService::MessagesRequest request;
        request.sessionId = u"tools1"_s;
        request.from = 1;
        auto page = HistoryService::messages(history(), request);
        QVERIFY(page.ok());
        QCOMPARE(page->messages.size(), 2);
        const auto& first = page->messages[0].toolCalls;
        QCOMPARE(first.size(), 2);
        QCOMPARE(first[0].name, u"Read"_s);
        QCOMPARE(first[0].summary, u"/p/src/a.ts"_s);
        QCOMPARE(first[0].status, u"completed"_s);
        QCOMPARE(first[1].summary, u"npm test"_s);
        QCOMPARE(first[1].status, u"error"_s);
        const auto& second = page->messages[1].toolCalls;
        QCOMPARE(second.size(), 4);
        QCOMPARE(second[0].summary, u"bash -lc ls -la"_s);
        QCOMPARE(second[1].summary.size(), 120);
        QVERIFY(second[1].summary.startsWith(u"echo xxx"_s));
        QVERIFY(second[1].summary.endsWith(QChar(0x2026)));
        QCOMPARE(second[2].summary, u"label: the label"_s);
        QCOMPARE(second[3].summary, u"just text"_s);

        const auto shape = toJson(*page);
        const auto& calls = shape.at("messages").as_array().at(0).at("tool_calls").as_array();
        QCOMPARE(boost::json::serialize(calls.at(0)),
                 R"({"name":"Read","status":"completed","summary":"/p/src/a.ts"})");
    }

    void statsCountPerProviderAndMonth()
    {
        Database& db = freshDatabase(u"stats.db"_s);
        auto empty = HistoryService::stats(history());
        QVERIFY(empty.ok());
        QCOMPARE(empty->sessions, 0);
        QVERIFY(!empty->lastHarvest);
        QVERIFY(toJson(*empty).at("last_harvest").is_null());

        const QDateTime jan = at(u"2026-01-30T10:00:00Z"_s);
        const QDateTime feb = at(u"2026-02-02T10:00:00Z"_s);
        const QDateTime mar = at(u"2026-03-10T10:00:00Z"_s);
        // A session started in January and answered in February; one without a creation time, dated by its last
        // activity; one in March whose messages have no times.
        store(db, {session(u"codex"_s, u"m1"_s, {}, jan, feb,
                           {message(Role::User, u"a"_s, jan), message(Role::Assistant, u"b"_s, feb),
                            message(Role::Assistant, u"c"_s, feb)}),
                   session(u"codex"_s, u"m2"_s, {}, {}, feb, {message(Role::User, u"d"_s, feb)}),
                   session(u"claude-code"_s, u"m3"_s, {}, mar, mar,
                           {message(Role::User, u"e"_s, {}), message(Role::Assistant, u"f"_s, {})})});
        HarvestStore(db).recordRun(at(u"2026-03-11T09:00:00Z"_s), 3, 0, 0, 1);

        auto stats = HistoryService::stats(history());
        QVERIFY(stats.ok());
        QCOMPARE(stats->sessions, 3);
        QCOMPARE(stats->messages, 6);
        QCOMPARE(stats->providers.size(), 2);
        QCOMPARE(stats->providers[0].provider, u"claude-code"_s);
        QCOMPARE(stats->providers[0].sessions, 1);
        QCOMPARE(stats->providers[0].messages, 2);
        QCOMPARE(stats->providers[1].provider, u"codex"_s);
        QCOMPARE(stats->providers[1].sessions, 2);
        QCOMPARE(stats->providers[1].messages, 4);
        QCOMPARE(stats->months.size(), 3);
        const auto month = [&stats](int i) {
            const auto& m = stats->months.at(i);
            return u"%1 %2 %3"_s.arg(m.month).arg(m.sessions).arg(m.messages);
        };
        QCOMPARE(month(0), u"2026-01 1 1"_s);
        QCOMPARE(month(1), u"2026-02 1 3"_s);
        QCOMPARE(month(2), u"2026-03 1 2"_s);
        QVERIFY(stats->sizeBytes > 0);
        QVERIFY(stats->lastHarvest);
        QVERIFY(stats->lastHarvest->finishedAt.isValid());
        QCOMPARE(stats->lastHarvest->created, 3);
        // A team database's latest harvest is the latest push into it, which fails no session.
        QCOMPARE(stats->lastHarvest->failed, onTeamDatabase() ? 0 : 1);
        if (!onTeamDatabase()) {
            QCOMPARE(stats->lastHarvest->startedAt, at(u"2026-03-11T09:00:00Z"_s));
        }

        const auto shape = toJson(*stats);
        QCOMPARE(boost::json::serialize(shape.at("months").as_array().at(1)),
                 R"({"month":"2026-02","sessions":1,"messages":3})");
        QCOMPARE(shape.at("last_harvest").at("new").as_int64(), 3);
        QCOMPARE(shape.at("database").as_string() ==
                     (onTeamDatabase() ? m_team->url().shown() : m_db->path()).toStdString(),
                 true);
    }

    void fileHistoryFindsChangesToolsAndMentions_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<QStringList>("sessions");
        const QStringList all{u"codex:f4"_s, u"codex:f3"_s, u"codex:f2"_s, u"codex:f1"_s};
        QTest::newRow("absolute") << u"/home/u/proj/src/auth/middleware.ts"_s
                                  << QStringList{u"codex:f2"_s, u"codex:f1"_s};
        QTest::newRow("relative") << u"src/auth/middleware.ts"_s
                                  << QStringList{u"codex:f3"_s, u"codex:f2"_s, u"codex:f1"_s};
        QTest::newRow("dot relative") << u"./auth/middleware.ts"_s
                                      << QStringList{u"codex:f3"_s, u"codex:f2"_s, u"codex:f1"_s};
        QTest::newRow("file name") << u"middleware.ts"_s << all;
        QTest::newRow("another name") << u"iddleware.ts"_s << QStringList{};
        QTest::newRow("percent and underscore") << u"50%_off.md"_s << QStringList{u"codex:f5"_s};
        QTest::newRow("no word") << u"/"_s << QStringList{};
    }
    void fileHistoryFindsChangesToolsAndMentions()
    {
        QFETCH(QString, path);
        QFETCH(QStringList, sessions);
        Database& db =
            freshDatabase(u"files-%1.db"_s.arg(QString::fromUtf8(QTest::currentDataTag()).replace(u' ', u'-')));
        const QDateTime t = at(u"2026-04-01T10:00:00Z"_s);
        const QString file = u"/home/u/proj/src/auth/middleware.ts"_s;
        Session changed =
            session(u"codex"_s, u"f1"_s, u"/home/u/proj"_s, t, t.addDays(1), {message(Role::User, u"go"_s, t)});
        changed.filesReferenced = {file};
        Session tool = session(u"codex"_s, u"f2"_s, u"/home/u/proj"_s, t, t.addDays(2),
                               {message(Role::Assistant, u"editing"_s, t.addSecs(60),
                                        {call(u"Edit"_s, uR"({"file_path":")"_s + file + uR"(","old":"a"})"_s),
                                         call(u"Read"_s, uR"({"file_path":")"_s + file + uR"("})"_s)})});
        Session mentioned =
            session(u"codex"_s, u"f3"_s, u"/home/u/other"_s, t, t.addDays(3),
                    {message(Role::User, u"why does src/auth/middleware.ts fail?"_s, t.addSecs(5)),
                     message(Role::Assistant, u"Because src/auth/middleware.ts. Fixed."_s, t.addSecs(9))});
        Session named = session(u"codex"_s, u"f4"_s, {}, t, t.addDays(4),
                                {message(Role::User, u"rename lib/middleware.ts and oauth/middleware.tsx"_s, t),
                                 message(Role::User, u"the middleware ts is old"_s, t)});
        Session odd = session(u"codex"_s, u"f5"_s, {}, t, t.addDays(5), {message(Role::User, u"x"_s, t)});
        odd.filesReferenced = {u"/p/docs/50%_off.md"_s, u"/p/docs/50ab_off.md"_s, u"/p/docs/50%xoff.md"_s};
        store(db, {changed, tool, mentioned, named, odd});

        HistoryService::FileHistoryRequest request;
        request.path = path;
        auto found = HistoryService::fileHistory(history(), request);
        QVERIFY2(found.ok(), found ? "" : qPrintable(found.error().message));
        QCOMPARE(idsOf(found->sessions), sessions);
        QCOMPARE(found->total, sessions.size());
        for (const auto& s : found->sessions) {
            if (s.id == u"codex:f1"_s) {
                QCOMPARE(s.how, QStringList{u"changed"_s});
                QCOMPARE(s.changeTypes, QStringList{u"referenced"_s});
                QCOMPARE(s.touches, 1);
                QCOMPARE(s.projectPath, u"/home/u/proj"_s);
            } else if (s.id == u"codex:f2"_s) {
                QCOMPARE(s.how, QStringList{u"tool"_s});
                QCOMPARE(s.toolNames, (QStringList{u"Edit"_s, u"Read"_s}));
                QCOMPARE(s.touches, 2);
                QCOMPARE(s.firstTouch, t.addSecs(60));
            } else if (s.id == u"codex:f3"_s) {
                QCOMPARE(s.how, QStringList{u"mentioned"_s});
                QCOMPARE(s.touches, 2);
                QCOMPARE(s.firstTouch, t.addSecs(5));
                QCOMPARE(s.lastTouch, t.addSecs(9));
                QCOMPARE(s.updatedAt, t.addDays(3));
                QCOMPARE(s.title, u"title of f3"_s);
            } else if (s.id == u"codex:f4"_s) {
                QCOMPARE(s.touches, 1); // not the .tsx
            }
        }
    }

    void fileHistoryPages()
    {
        Database& db = freshDatabase(u"file-pages.db"_s);
        const QDateTime t = at(u"2026-04-01T10:00:00Z"_s);
        QList<Session> sessions;
        for (int i = 0; i < 5; ++i) {
            sessions << session(u"codex"_s, u"p%1"_s.arg(i), {}, t, t.addDays(i),
                                {message(Role::User, u"open README.md please"_s, t)});
        }
        store(db, sessions);
        HistoryService::FileHistoryRequest request;
        request.path = u"README.md"_s;
        request.limit = 2;
        request.offset = 2;
        auto page = HistoryService::fileHistory(history(), request);
        QCOMPARE(page->total, 5);
        QCOMPARE(idsOf(page->sessions), (QStringList{u"codex:p2"_s, u"codex:p1"_s}));
        const auto shape = toJson(*page);
        QCOMPARE(shape.at("next_offset").as_int64(), 4);
        QVERIFY(shape.at("sessions").as_array().at(0).at("how").as_array().at(0).as_string() == "mentioned");
    }

    // The same sessions harvested on two machines are two sessions of a team database: listed, counted and found
    // apart, each known by its origin; a session read by its id is one origin's (of the role's own, the first).
    void originsStayApart()
    {
        if (!onTeamDatabase()) {
            QSKIP("this machine's database has one origin");
        }
        Database& db = freshDatabase(u"origins.db"_s);
        const QDateTime t = at(u"2026-06-01T10:00:00Z"_s);
        Session twice = session(u"codex"_s, u"o1"_s, u"/work/app"_s, t, t.addDays(1),
                                {message(Role::User, u"open README.md"_s, t), message(Role::Assistant, u"done"_s, t)});
        twice.filesReferenced = {u"/work/app/README.md"_s};
        store(db, {twice});
        const HistoryStore store = history(); // pushed as dev@laptop
        const auto desktop = PostgresPush::push(db, *m_team, {u"dev@desktop"_s, false, {}});
        QVERIFY2(desktop.ok(), desktop ? "" : qPrintable(desktop.error().message));

        const auto listed = HistoryService::sessions(store, {});
        QCOMPARE(listed->total, 2);
        QCOMPARE(idsOf(listed->sessions), (QStringList{u"codex:o1"_s, u"codex:o1"_s}));
        const auto stats = HistoryService::stats(store);
        QCOMPARE(stats->sessions, 2);
        QCOMPARE(stats->messages, 4);
        QCOMPARE(stats->providers.constFirst().messages, 4);

        HistoryService::MessagesRequest request;
        request.sessionId = u"o1"_s;
        const auto read = HistoryService::messages(store, request);
        QVERIFY2(read.ok(), read ? "" : qPrintable(read.error().message));
        QCOMPARE(read->session.origin, u"dev@desktop"_s);
        QCOMPARE(read->total, 2);
        QCOMPARE(read->messages.size(), 2);
        QCOMPARE(HistoryService::textLength(store, u"codex:o1"_s).value(), qint64(18));

        const auto files = HistoryService::fileHistory(store, {u"README.md"_s});
        QCOMPARE(files->total, 2);
        QCOMPARE(files->sessions.at(0).origin, u"dev@desktop"_s);
        QCOMPARE(files->sessions.at(1).origin, u"dev@laptop"_s);
        for (const auto& found : files->sessions) {
            QCOMPARE(found.how, (QStringList{u"changed"_s, u"mentioned"_s}));
            QCOMPARE(found.touches, 2);
        }
        QCOMPARE(toJson(*files).at("sessions").at(1).at("origin").as_string(), "dev@laptop");
        const auto completed = HistoryService::sessionIdsStarting(store, u"codex:o"_s, 10);
        QCOMPARE(completed->values, QStringList{u"codex:o1"_s});
        QCOMPARE(completed->total, 1);
    }

    void cancellationStops()
    {
        Database& db = freshDatabase(u"cancel.db"_s);
        store(db, {longSession(50)});
        std::atomic_bool cancel = true;
        QCOMPARE(HistoryService::stats(history(), &cancel).error().message, u"cancelled"_s);
        QCOMPARE(HistoryService::fileHistory(history(), {u"message"_s}, &cancel).error().message, u"cancelled"_s);
        cancel = false;
        QCOMPARE(HistoryService::stats(history(), &cancel)->messages, 50);
    }

    void badRequestsSayWhy()
    {
        Database& db = freshDatabase(u"bad.db"_s);
        store(db, {longSession(5)});
        HistoryService::MessagesRequest request;
        request.sessionId = u"nothing"_s;
        QVERIFY(HistoryService::messages(history(), request)
                    .error()
                    .message.startsWith(u"no harvested session matches 'nothing'"_s));
        request.sessionId = u"long"_s;
        request.roles = {u"tool"_s};
        QCOMPARE(HistoryService::messages(history(), request).error().message,
                 u"unknown role 'tool' (roles are user, assistant, system)"_s);
        request.roles = {};
        request.limit = 0;
        QCOMPARE(HistoryService::messages(history(), request).error().message, u"limit must be at least 1 (got 0)"_s);
        request.limit = 5;
        request.from = -1;
        QCOMPARE(HistoryService::messages(history(), request).error().message, u"from must be 0 or more (got -1)"_s);
        request.from = 0;
        request.fromChar = -1;
        QCOMPARE(HistoryService::messages(history(), request).error().message,
                 u"from_char must be 0 or more (got -1)"_s);
        request.fromChar = 3;
        request.around = 2;
        QCOMPARE(HistoryService::messages(history(), request).error().message,
                 u"from_char goes with from (the message whose text it starts), not with around"_s);
        QCOMPARE(HistoryService::fileHistory(history(), {u"  "_s}).error().message,
                 u"path is empty: give a file's path or name"_s);
    }
};

QTEST_GUILESS_MAIN(TestHistoryService)
#include "TestHistoryService.moc"
