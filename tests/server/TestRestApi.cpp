// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

// `chasm api serve` as a real child process on 127.0.0.1, over a harvest database made by `chasm harvest run` from
// the fixtures of tests/data/rest, talked to over real HTTP through raw sockets (so that Host, Origin, paths and
// lengths are the test's own): the endpoints, their JSON, the access rules and the errors.

#include "ChasmProcess.h"
#include "FixtureHome.h"
#include "McpHttpProcess.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLockFile>
#include <QProcess>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QUrl>

#include <memory>
#include <vector>

using namespace Qt::StringLiterals;

namespace {

const QByteArray Token = "s3cret-test-token";
const QString SessionA = u"claude-code:aaaaaaaa-0000-4000-8000-000000000001"_s;

struct Reply
{
    int status = 0;
    QByteArray head; // status line and headers
    QByteArray body;

    // A header's value (the name in any case), or a null QByteArray.
    QByteArray header(const QByteArray& name) const
    {
        for (const QByteArray& line : head.split('\n')) {
            const qsizetype colon = line.indexOf(':');
            if (colon > 0 && line.left(colon).trimmed().toLower() == name.toLower()) {
                return line.mid(colon + 1).trimmed();
            }
        }
        return {};
    }

    QJsonDocument document() const { return QJsonDocument::fromJson(body); }
    QJsonObject json() const { return document().object(); }
    QString errorCode() const { return json().value(u"error"_s).toObject().value(u"code"_s).toString(); }
    QString errorMessage() const { return json().value(u"error"_s).toObject().value(u"message"_s).toString(); }
};

using chasm::test::runChasm;

// A `chasm api serve --port 0 EXTRA…` in `home`, and requests to it, each on a connection of its own.
class Server
{
public:
    bool start(const QString& home, const QStringList& extra, const QProcessEnvironment& environment = {},
               const QStringList& command = {u"api"_s, u"serve"_s})
    {
        const bool started = m_process.startWith(home, command + QStringList{u"--port"_s, u"0"_s} + extra, environment);
        port = m_process.port();
        return started;
    }
    QByteArray err() { return m_process.err(); }
    QByteArray host() const { return "127.0.0.1:" + QByteArray::number(port); }

    // `headers` are sent as they are, after Host (the server's own unless given) and before Content-Length.
    Reply request(const QByteArray& method, const QByteArray& target, QList<QByteArray> headers = {},
                  const QByteArray& body = {}, std::optional<qsizetype> contentLength = std::nullopt)
    {
        const bool ownHost = std::none_of(headers.cbegin(), headers.cend(),
                                          [](const QByteArray& h) { return h.toLower().startsWith("host:"); });
        QByteArray raw = method + ' ' + target + " HTTP/1.1\r\n";
        if (ownHost) {
            raw += "Host: " + host() + "\r\n";
        }
        for (const QByteArray& header : std::as_const(headers)) {
            raw += header + "\r\n";
        }
        raw += "Connection: close\r\nContent-Length: " + QByteArray::number(contentLength.value_or(body.size())) +
               "\r\n\r\n" + body;
        return exchange(raw);
    }
    // `raw` sent as it is on a connection of its own, and the answer, read until the server closes the connection.
    Reply exchange(const QByteArray& raw)
    {
        QTcpSocket socket;
        socket.connectToHost(u"127.0.0.1"_s, port);
        if (!socket.waitForConnected(5000)) {
            return {};
        }
        socket.write(raw);
        // The server closes the connection after its answer.
        QByteArray received;
        QDeadlineTimer deadline(30000);
        while (socket.state() == QAbstractSocket::ConnectedState && !deadline.hasExpired()) {
            socket.waitForReadyRead(int(deadline.remainingTime()));
            received += socket.readAll();
        }
        received += socket.readAll();
        const qsizetype end = received.indexOf("\r\n\r\n");
        if (end < 0) {
            return {};
        }
        Reply reply;
        reply.head = received.left(end);
        reply.status = reply.head.split(' ').value(1).toInt();
        reply.body = received.mid(end + 4);
        return reply;
    }
    Reply get(const QByteArray& target) { return request("GET", target, {"Authorization: Bearer " + Token}); }
    Reply post(const QByteArray& target, const QByteArray& body)
    {
        return request("POST", target, {"Authorization: Bearer " + Token, "Content-Type: application/json"}, body);
    }
    QProcess& process() { return m_process.process(); }

    quint16 port = 0;

private:
    chasm::test::McpHttpProcess m_process;
};

// A request to every endpoint that asks for the token.
QList<std::pair<QByteArray, QByteArray>> endpoints()
{
    QList<std::pair<QByteArray, QByteArray>> all{{"POST", "/api/v1/harvest"}};
    for (const char* path : {"/system/info",
                             "/settings",
                             "/openapi.yaml",
                             "/workspaces",
                             "/workspaces/x",
                             "/sessions",
                             "/sessions/x",
                             "/sessions/x/messages",
                             "/sessions/x/export",
                             "/search?q=x",
                             "/search/sessions?q=x",
                             "/search/semantic",
                             "/stats",
                             "/stats/overview",
                             "/stats/providers",
                             "/stats/timeline",
                             "/providers",
                             "/providers/claude/health",
                             "/retention",
                             "/harvest/x"}) {
        all.emplaceBack("GET", QByteArray("/api/v1") + path);
    }
    return all;
}

QStringList idsOf(const QJsonArray& sessions)
{
    QStringList ids;
    for (const QJsonValue& session : sessions) {
        ids << session.toObject().value(u"id"_s).toString();
    }
    return ids;
}

} // namespace

class TestRestApi : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void health_needsNoToken();
    void token_isAskedOfEveryOtherRequest();
    void tokenFile_isRead();
    void hostAndOrigin_mustNameThisServer();
    void start_refusesUnsafeAddresses();
    void sessions_areListedFilteredAndPaged();
    void session_andItsMessages();
    void ids_withPathTraversal_areRefused();
    void search_isTheHarvestSearch();
    void searchSessions_groupsHitsPerSession();
    void stats();
    void workspacesAndProviders();
    void settings_tellNoSecret();
    void systemInfo_namesTheDatabase();
    void errors_comeInTheEnvelope();
    void body_isLimited();
    void mcp_isServedOnTheSamePort();
    void export_inEveryTextFormat();
    void harvest_runsOneJobAtATime();
    void noDatabase_isUnavailable();
    void openApi_servesTheSpecification();
    void corruptDatabase_isTheServersFault();
    void securityHeaders_onEveryAnswer();
    void mcpRefusals_comeInTheEnvelope();
    void cors_onlyForAllowedOrigins();
    void inFlight_pastTheLimit_is429();
    void webSockets_pastTheLimit_are503();
    void discover_isTheCommandsListing();
    void merge_dryRunByDefault_guardedByTheEditor();
    void syncPush_dryRunByDefault_byteForByte();
    void timeline_byDayAndWeek();
    void sigterm_duringHarvest_endsGracefully();
    void largeSessions_areRefusedNotBuilt();

private:
    std::unique_ptr<chasm::test::FixtureHome> m_home;
    Server m_server;
};

void TestRestApi::initTestCase()
{
    m_home = std::make_unique<chasm::test::FixtureHome>(u"rest"_s);
    QVERIFY(m_home->isValid());
    const chasm::test::Ran harvest = runChasm(m_home->path(), {u"harvest"_s, u"run"_s});
    QVERIFY2(harvest.exitCode == 0, harvest.err.constData());
    QProcessEnvironment environment;
    environment.insert(u"CHASM_API_TOKEN"_s, QString::fromLatin1(Token));
    QVERIFY2(m_server.start(m_home->path(), {}, environment), m_server.err().constData());
}

void TestRestApi::health_needsNoToken()
{
    for (const QByteArray& path : {QByteArray("/api/v1/health"), QByteArray("/api/health")}) {
        const Reply reply = m_server.request("GET", path);
        QCOMPARE(reply.status, 200);
        QVERIFY(reply.head.toLower().contains("content-type: application/json"));
        const QJsonObject health = reply.json();
        QCOMPARE(health.value(u"status"_s).toString(), u"healthy"_s);
        QCOMPARE(health.value(u"version"_s).toString(), QStringLiteral(CHASM_VERSION));
        QVERIFY(health.value(u"uptime_seconds"_s).isDouble());
    }
}

void TestRestApi::token_isAskedOfEveryOtherRequest()
{
    const Reply none = m_server.request("GET", "/api/v1/sessions");
    QCOMPARE(none.status, 401);
    QCOMPARE(none.errorCode(), u"unauthorized"_s);
    QVERIFY(none.head.contains("WWW-Authenticate: Bearer"));
    const Reply wrong = m_server.request("GET", "/api/v1/stats/overview", {"Authorization: Bearer nope"});
    QCOMPARE(wrong.status, 401);
    QCOMPARE(wrong.errorMessage(), u"the token is not right"_s);
    // Not even an endpoint that does not exist tells anything without the token.
    QCOMPARE(m_server.request("GET", "/api/v1/nothing").status, 401);
    QCOMPARE(m_server.get("/api/v1/sessions").status, 200);
    // Every endpoint but the health check; with the token, from a Host that is not this server, still none.
    for (const auto& [method, target] : endpoints()) {
        const Reply anonymous = m_server.request(method, target);
        QVERIFY2(anonymous.status == 401, target.constData());
        QCOMPARE(anonymous.errorCode(), u"unauthorized"_s);
        const Reply rebound =
            m_server.request(method, target, {"Host: evil.example", "Authorization: Bearer " + Token});
        QVERIFY2(rebound.status == 403, target.constData());
        QCOMPARE(rebound.errorCode(), u"forbidden"_s);
    }
}

void TestRestApi::tokenFile_isRead()
{
    const QString file = m_home->file(u"token.txt"_s);
    QVERIFY(chasm::test::writeFile(file, "file-token\n"));
    Server server;
    QVERIFY2(server.start(m_home->path(), {u"--token-file"_s, file}), server.err().constData());
    QCOMPARE(server.request("GET", "/api/v1/providers", {"Authorization: Bearer file-token"}).status, 200);
    QCOMPARE(server.request("GET", "/api/v1/providers", {"Authorization: Bearer " + Token}).status, 401);
}

void TestRestApi::hostAndOrigin_mustNameThisServer()
{
    const QByteArray auth = "Authorization: Bearer " + Token;
    const Reply rebound =
        m_server.request("GET", "/api/v1/sessions", {"Host: evil.example:" + QByteArray::number(m_server.port), auth});
    QCOMPARE(rebound.status, 403);
    QCOMPARE(rebound.errorCode(), u"forbidden"_s);
    // The health check too: a page on another site may not probe it.
    QCOMPARE(m_server.request("GET", "/api/v1/health", {"Host: evil.example"}).status, 403);
    QCOMPARE(m_server.request("GET", "/api/v1/sessions", {auth, "Origin: http://evil.example"}).status, 403);
    QCOMPARE(m_server.request("GET", "/api/v1/sessions", {auth, "Origin: http://" + m_server.host()}).status, 200);
    QCOMPARE(m_server.request("GET", "/api/v1/sessions", {"Host: localhost:" + QByteArray::number(m_server.port), auth})
                 .status,
             200);
}

void TestRestApi::start_refusesUnsafeAddresses()
{
    const chasm::test::Ran noAuthOutside = runChasm(
        m_home->path(), {u"api"_s, u"serve"_s, u"--host"_s, u"0.0.0.0"_s, u"--port"_s, u"0"_s, u"--no-auth"_s});
    QCOMPARE(noAuthOutside.exitCode, 1);
    QVERIFY2(noAuthOutside.err.contains("--no-auth is only for a loopback address"), noAuthOutside.err.constData());
    const chasm::test::Ran noToken =
        runChasm(m_home->path(), {u"serve"_s, u"--host"_s, u"0.0.0.0"_s, u"--port"_s, u"0"_s});
    QCOMPARE(noToken.exitCode, 1);
    QVERIFY2(noToken.err.contains("not a loopback address, needs a token"), noToken.err.constData());
    const chasm::test::Ran loopbackNoToken = runChasm(m_home->path(), {u"api"_s, u"serve"_s, u"--port"_s, u"0"_s});
    QCOMPARE(loopbackNoToken.exitCode, 1);
    QVERIFY2(loopbackNoToken.err.contains("or --no-auth"), loopbackNoToken.err.constData());

    // --no-auth on loopback (through the alias `chasm serve`): no token asked.
    Server open;
    QVERIFY2(open.start(m_home->path(), {u"--no-auth"_s}, {}, {u"serve"_s}), open.err().constData());
    QCOMPARE(open.request("GET", "/api/v1/sessions").status, 200);
}

void TestRestApi::sessions_areListedFilteredAndPaged()
{
    const Reply all = m_server.get("/api/v1/sessions");
    QCOMPARE(all.status, 200);
    QCOMPARE(all.json().value(u"total"_s).toInt(), 3);
    // Newest first.
    QCOMPARE(idsOf(all.json().value(u"sessions"_s).toArray()),
             (QStringList{u"claude-code:cccccccc-0000-4000-8000-000000000003"_s,
                          u"claude-code:bbbbbbbb-0000-4000-8000-000000000002"_s, SessionA}));
    QVERIFY(all.json().value(u"next_cursor"_s).isNull());
    // The unversioned alias is the same.
    QCOMPARE(m_server.get("/api/sessions").body, all.body);

    const Reply project = m_server.get("/api/v1/sessions?project_path=%2Fhome%2Fdev%2Fprojects%2Fapi");
    QCOMPARE(project.json().value(u"total"_s).toInt(), 2);
    const Reply after = m_server.get("/api/v1/sessions?after=2026-02-01&provider=claude");
    QCOMPARE(after.status, 200);
    QCOMPARE(after.json().value(u"total"_s).toInt(), 2);
    QCOMPARE(m_server.get("/api/v1/sessions?before=2026-01-31").json().value(u"total"_s).toInt(), 1);
    QCOMPARE(m_server.get("/api/v1/sessions?provider=codex").json().value(u"total"_s).toInt(), 0);

    // Pages follow their cursor to the end.
    QStringList paged;
    QByteArray target = "/api/v1/sessions?limit=2";
    for (int pages = 0; pages < 5 && !target.isEmpty(); ++pages) {
        const QJsonObject page = m_server.get(target).json();
        paged += idsOf(page.value(u"sessions"_s).toArray());
        const QJsonValue next = page.value(u"next_cursor"_s);
        target = next.isNull() ? QByteArray() : "/api/v1/sessions?limit=2&cursor=" + next.toString().toUtf8();
    }
    QCOMPARE(paged, idsOf(all.json().value(u"sessions"_s).toArray()));

    for (const QByteArray& bad :
         {QByteArray("limit=0"), QByteArray("limit=abc"), QByteArray("cursor=-1"), QByteArray("after=yesterday"),
          QByteArray("provider=nope"), QByteArray("colour=blue")}) {
        const Reply reply = m_server.get("/api/v1/sessions?" + bad);
        QCOMPARE(reply.status, 400);
        QCOMPARE(reply.errorCode(), u"bad_request"_s);
        QVERIFY(!reply.errorMessage().isEmpty());
    }
}

void TestRestApi::session_andItsMessages()
{
    const Reply session = m_server.get("/api/v1/sessions/" + SessionA.toUtf8());
    QCOMPARE(session.status, 200);
    QCOMPARE(session.json().value(u"id"_s).toString(), SessionA);
    QCOMPARE(session.json().value(u"project_path"_s).toString(), u"/home/dev/projects/api"_s);
    QCOMPARE(session.json().value(u"message_count"_s).toInt(), 6);
    // A unique prefix of the native id names it too.
    QCOMPARE(m_server.get("/api/v1/sessions/aaaaaaaa").json().value(u"id"_s).toString(), SessionA);

    QStringList texts;
    QByteArray target = "/api/v1/sessions/" + SessionA.toUtf8() + "/messages?limit=4";
    for (int pages = 0; pages < 5 && !target.isEmpty(); ++pages) {
        const Reply page = m_server.get(target);
        QCOMPARE(page.status, 200);
        for (const QJsonValue& message : page.json().value(u"messages"_s).toArray()) {
            texts << message.toObject().value(u"text"_s).toString();
        }
        const QJsonValue next = page.json().value(u"next_cursor"_s);
        target = next.isNull()
                     ? QByteArray()
                     : "/api/v1/sessions/" + SessionA.toUtf8() + "/messages?limit=4&cursor=" + next.toString().toUtf8();
    }
    QCOMPARE(texts.size(), 6);
    QCOMPARE(texts.first(), u"How do I page the orders endpoint?"_s);
    QCOMPARE(texts.last(), u"Done: limit defaults to 50 and is capped at 1000."_s);
    const Reply users = m_server.get("/api/v1/sessions/" + SessionA.toUtf8() + "/messages?role=user");
    QCOMPARE(users.json().value(u"messages"_s).toArray().size(), 3);
    QCOMPARE(m_server.get("/api/v1/sessions/" + SessionA.toUtf8() + "/messages?role=robot").status, 400);

    const Reply unknown = m_server.get("/api/v1/sessions/claude-code:ffffffff");
    QCOMPARE(unknown.status, 404);
    QCOMPARE(unknown.errorCode(), u"not_found"_s);
    QCOMPARE(m_server.get("/api/v1/sessions/ffffffff/messages").status, 404);
}

void TestRestApi::ids_withPathTraversal_areRefused()
{
    for (const QByteArray& target :
         {QByteArray("/api/v1/sessions/..%2F..%2Fetc%2Fpasswd"), QByteArray("/api/v1/sessions/%2e%2e"),
          QByteArray("/api/v1/sessions/../../etc/passwd"), QByteArray("/api/v1/workspaces/..%5C..%5Cwindows"),
          QByteArray("/api/v1/providers/%00/health"), QByteArray("/api/v1/sessions/x%0Ay/messages")}) {
        const Reply reply = m_server.get(target);
        QVERIFY2(reply.status == 400, target.constData());
        QCOMPARE(reply.errorCode(), u"bad_request"_s);
    }
}

void TestRestApi::search_isTheHarvestSearch()
{
    const Reply reply = m_server.get("/api/v1/search?q=quokka");
    QCOMPARE(reply.status, 200);
    // The same JSON as `chasm harvest search --json`.
    const chasm::test::Ran cli = runChasm(m_home->path(), {u"harvest"_s, u"search"_s, u"quokka"_s, u"--json"_s});
    QCOMPARE(cli.exitCode, 0);
    // A score's recency boost counts from the second of the search: the command's may be a second later.
    const QJsonArray cliHits = QJsonDocument::fromJson(cli.out).array();
    const QJsonArray hits = reply.document().array();
    QCOMPARE(hits.size(), cliHits.size());
    for (qsizetype i = 0; i < hits.size(); ++i) {
        QJsonObject hit = hits.at(i).toObject();
        QJsonObject expected = cliHits.at(i).toObject();
        QVERIFY(qAbs(hit.take(u"score"_s).toDouble() - expected.take(u"score"_s).toDouble()) < 1e-4);
        QCOMPARE(hit, expected);
    }
    QCOMPARE(hits.size(), 4);
    for (const QJsonValue& hit : hits) {
        QVERIFY(hit.toObject().value(u"snippet"_s).toString().contains(u"[quokka]"_s, Qt::CaseInsensitive));
    }
    // Filters as the command's; form encoding's '+' is a space.
    const QJsonArray web = m_server.get("/api/v1/search?q=quokka&workspace=web&role=user").document().array();
    QCOMPARE(web.size(), 1);
    QCOMPARE(web.at(0).toObject().value(u"session_id"_s).toString(),
             u"claude-code:cccccccc-0000-4000-8000-000000000003"_s);
    QCOMPARE(m_server.get("/api/v1/search?q=kangaroo+migration").document().array().size(), 1);
    QCOMPARE(m_server.get("/api/v1/search?q=quokka&limit=1").document().array().size(), 1);

    QCOMPARE(m_server.get("/api/v1/search").status, 400);
    QCOMPARE(m_server.get("/api/v1/search?q=quokka&role=robot").status, 400);
    const Reply semantic = m_server.get("/api/v1/search/semantic?q=quokka");
    QCOMPARE(semantic.status, 501);
    QCOMPARE(semantic.errorCode(), u"not_implemented"_s);
    QVERIFY(semantic.errorMessage().contains(u"not configured"_s));
}

void TestRestApi::searchSessions_groupsHitsPerSession()
{
    const Reply reply = m_server.get("/api/v1/search/sessions?q=quokka");
    QCOMPARE(reply.status, 200);
    const QJsonArray sessions = reply.json().value(u"sessions"_s).toArray();
    QCOMPARE(sessions.size(), 2);
    int hits = 0;
    QStringList ids;
    for (const QJsonValue& session : sessions) {
        const QJsonObject s = session.toObject();
        ids << s.value(u"session_id"_s).toString();
        for (const QJsonValue& hit : s.value(u"hits"_s).toArray()) {
            QCOMPARE(hit.toObject().value(u"session_id"_s).toString(), s.value(u"session_id"_s).toString());
            ++hits;
        }
    }
    QCOMPARE(hits, 4);
    ids.sort();
    QCOMPARE(ids, (QStringList{SessionA, u"claude-code:cccccccc-0000-4000-8000-000000000003"_s}));
}

void TestRestApi::stats()
{
    const QJsonObject overview = m_server.get("/api/v1/stats/overview").json();
    QCOMPARE(overview.value(u"sessions"_s).toInt(), 3);
    QCOMPARE(overview.value(u"messages"_s).toInt(), 10);
    QCOMPARE(m_server.get("/api/stats").json(), overview);
    const QJsonArray providers = m_server.get("/api/v1/stats/providers").json().value(u"providers"_s).toArray();
    QCOMPARE(providers.size(), 1);
    QCOMPARE(providers.at(0).toObject().value(u"provider"_s).toString(), u"claude-code"_s);
    QCOMPARE(providers.at(0).toObject().value(u"messages"_s).toInt(), 10);

    const QJsonArray months = m_server.get("/api/v1/stats/timeline?period=month").json().value(u"timeline"_s).toArray();
    QCOMPARE(months.size(), 3);
    QCOMPARE(months.at(0).toObject().value(u"period"_s).toString(), u"2026-01"_s);
    QCOMPARE(months.at(0).toObject().value(u"messages"_s).toInt(), 6);
    const QJsonArray years = m_server.get("/api/v1/stats/timeline?period=year").json().value(u"timeline"_s).toArray();
    QCOMPARE(years.size(), 1);
    QCOMPARE(years.at(0).toObject().value(u"sessions"_s).toInt(), 3);
    QCOMPARE(m_server.get("/api/v1/stats/timeline?period=decade").status, 400);
}

void TestRestApi::workspacesAndProviders()
{
    const QJsonArray workspaces = m_server.get("/api/v1/workspaces").document().array();
    QCOMPARE(workspaces.size(), 2);
    const QString id = workspaces.at(0).toObject().value(u"id"_s).toString();
    QVERIFY(!id.isEmpty());
    const Reply one = m_server.get("/api/v1/workspaces/" + QUrl::toPercentEncoding(id));
    QCOMPARE(one.status, 200);
    QCOMPARE(m_server.get("/api/v1/workspaces/no-such-workspace").status, 404);
    QCOMPARE(m_server.get("/api/v1/workspaces?provider=codex").document().array().size(), 0);

    const QJsonArray providers = m_server.get("/api/v1/providers").document().array();
    QVERIFY(std::any_of(providers.begin(), providers.end(),
                        [](const QJsonValue& p) { return p.toObject().value(u"id"_s) == u"claude-code"_s; }));
    const Reply health = m_server.get("/api/v1/providers/claude/health");
    QCOMPARE(health.status, 200);
    QCOMPARE(health.json().value(u"id"_s).toString(), u"claude-code"_s);
    QCOMPARE(health.json().value(u"found"_s).toBool(), true);
    QCOMPARE(health.json().value(u"readable"_s).toBool(), true);
    QCOMPARE(health.json().value(u"sessions"_s).toInt(), 3);
    QCOMPARE(health.json().value(u"errors"_s).toArray().size(), 0);
    QCOMPARE(m_server.get("/api/v1/providers/codex/health").json().value(u"found"_s).toBool(), false);
    QCOMPARE(m_server.get("/api/v1/providers/nope/health").status, 404);

    // The tools' rules for deleting their sessions, as `chasm retention --json` gives them: Claude Code's default of
    // 30 days from a transcript's last change, so that the three transcripts, written now, go within 40 days and not
    // within 7; harvested, each is kept by the database.
    const Reply retention = m_server.get("/api/v1/retention?provider=claude&days=40");
    QCOMPARE(retention.status, 200);
    QCOMPARE(retention.json().value(u"days"_s).toInt(), 40);
    const QJsonArray tools = retention.json().value(u"tools"_s).toArray();
    QCOMPARE(tools.size(), 1);
    const QJsonObject claude = tools.at(0).toObject();
    QCOMPARE(claude.value(u"provider"_s).toString(), u"claude-code"_s);
    QCOMPARE(claude.value(u"rule"_s).toObject().value(u"kind"_s).toString(), u"max_age"_s);
    QCOMPARE(claude.value(u"rule"_s).toObject().value(u"days"_s).toInt(), 30);
    const QJsonArray atRisk = claude.value(u"at_risk"_s).toArray();
    QCOMPARE(atRisk.size(), 3);
    for (const QJsonValue& session : atRisk) {
        QVERIFY(session.toObject().value(u"session_id"_s).toString().startsWith(u"claude-code:"_s));
        QVERIFY(session.toObject().value(u"in_database"_s).toBool());
    }
    const Reply soon = m_server.get("/api/v1/retention");
    QCOMPARE(soon.status, 200);
    QCOMPARE(soon.json().value(u"days"_s).toInt(), 7);
    for (const QJsonValue& tool : soon.json().value(u"tools"_s).toArray()) {
        QCOMPARE(tool.toObject().value(u"at_risk"_s).toArray().size(), 0);
    }
    for (const QByteArray& bad : {QByteArray("days=-1"), QByteArray("days=soon"), QByteArray("provider=nope")}) {
        const Reply refused = m_server.get("/api/v1/retention?" + bad);
        QCOMPARE(refused.status, 400);
        QCOMPARE(refused.errorCode(), u"bad_request"_s);
    }
}

void TestRestApi::settings_tellNoSecret()
{
    const Reply reply = m_server.get("/api/v1/settings");
    QCOMPARE(reply.status, 200);
    QCOMPARE(reply.json().value(u"port"_s).toInt(), int(m_server.port));
    QCOMPARE(reply.json().value(u"host"_s).toString(), u"127.0.0.1"_s);
    QCOMPARE(reply.json().value(u"auth"_s).toString(), u"token"_s);
    QVERIFY(!reply.body.contains(Token));
}

void TestRestApi::systemInfo_namesTheDatabase()
{
    const Reply reply = m_server.get("/api/v1/system/info");
    QCOMPARE(reply.status, 200);
    QCOMPARE(reply.json().value(u"version"_s).toString(), QStringLiteral(CHASM_VERSION));
    QCOMPARE(reply.json().value(u"database"_s).toString(), m_home->file(u".local/share/chasm/chasm.db"_s));
    QCOMPARE(reply.json().value(u"database_exists"_s).toBool(), true);
    QVERIFY(reply.json().value(u"database_size_bytes"_s).toInteger() > 0);
}

void TestRestApi::errors_comeInTheEnvelope()
{
    const Reply unknown = m_server.get("/api/v1/nothing/here");
    QCOMPARE(unknown.status, 404);
    QCOMPARE(unknown.errorCode(), u"not_found"_s);
    QCOMPARE(m_server.get("/elsewhere").status, 404);
    const Reply method = m_server.request("DELETE", "/api/v1/sessions", {"Authorization: Bearer " + Token});
    QCOMPARE(method.status, 405);
    QCOMPARE(method.errorCode(), u"method_not_allowed"_s);
    QCOMPARE(m_server.get("/api/v1/health?verbose=1").status, 400);
    for (const auto& [method, target] : endpoints()) {
        const QByteArray unknown = target + (target.contains('?') ? "&colour=blue" : "?colour=blue");
        const Reply reply = m_server.request(method, unknown, {"Authorization: Bearer " + Token});
        QVERIFY2(reply.status == 400, unknown.constData());
        QVERIFY2(reply.errorMessage().contains(u"'colour'"_s), unknown.constData());
    }
}

void TestRestApi::body_isLimited()
{
    // Past the limit (4 MiB), refused from the Content-Length alone, in the envelope.
    const Reply reply =
        m_server.request("POST", "/api/v1/sessions", {"Authorization: Bearer " + Token}, "{}", 5 * 1024 * 1024);
    QCOMPARE(reply.status, 413);
    QCOMPARE(reply.errorCode(), u"payload_too_large"_s);
    QVERIFY(reply.errorMessage().contains(u"larger than"_s));
}

void TestRestApi::mcp_isServedOnTheSamePort()
{
    const QByteArray initialize =
        R"({"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-11-25","capabilities":{},)"
        R"("clientInfo":{"name":"test_rest_api","version":"1"}}})";
    const QList<QByteArray> headers{"Content-Type: application/json", "Accept: application/json, text/event-stream"};
    // The token is asked for at /mcp too.
    QCOMPARE(m_server.request("POST", "/mcp", headers, initialize).status, 401);
    const Reply reply =
        m_server.request("POST", "/mcp", QList<QByteArray>(headers) << "Authorization: Bearer " + Token, initialize);
    QCOMPARE(reply.status, 200);
    QVERIFY(reply.head.toLower().contains("mcp-session-id: "));
    QCOMPARE(reply.json().value(u"result"_s).toObject().value(u"protocolVersion"_s).toString(), u"2025-11-25"_s);
}

void TestRestApi::export_inEveryTextFormat()
{
    const QByteArray target = "/api/v1/sessions/" + SessionA.toUtf8() + "/export";
    const Reply markdown = m_server.get(target + "?format=markdown");
    QCOMPARE(markdown.status, 200);
    QVERIFY(markdown.head.contains("Content-Type: text/markdown; charset=utf-8"));
    QVERIFY(markdown.head.contains("Content-Disposition: attachment; filename*=UTF-8''"));
    QVERIFY(markdown.body.contains("How do I page the orders endpoint?"));
    QVERIFY(markdown.body.contains("Done: limit defaults to 50 and is capped at 1000."));
    // The universal session JSON by default, as `chasm harvest export` writes it.
    const Reply json = m_server.get(target);
    QCOMPARE(json.status, 200);
    QCOMPARE(json.json().value(u"id"_s).toString(), SessionA);
    QCOMPARE(json.json().value(u"messages"_s).toArray().size(), 6);
    const Reply lines = m_server.get(target + "?format=jsonl");
    QVERIFY(lines.head.contains("Content-Type: application/x-ndjson"));
    QVERIFY(m_server.get(target + "?format=html").body.contains("How do I page the orders endpoint?"));
    QVERIFY(m_server.get(target + "?format=csv").body.contains("quokka service"));
    QCOMPARE(m_server.get(target + "?format=pdf").status, 501);
    QCOMPARE(m_server.get(target + "?format=doc").status, 400);
    QCOMPARE(m_server.get("/api/v1/sessions/ffffffff/export").status, 404);
}

void TestRestApi::harvest_runsOneJobAtATime()
{
    const QByteArray auth = "Authorization: Bearer " + Token;
    QCOMPARE(m_server.request("POST", "/api/v1/harvest", {auth}, "[1]").status, 400);
    QCOMPARE(m_server.request("POST", "/api/v1/harvest", {auth}, R"({"providers": "nope"})").status, 400);
    QCOMPARE(m_server.get("/api/v1/harvest/0123456789abcdef").status, 404);

    // Another harvest of the database (this test's lock) keeps the job running.
    QLockFile other(m_home->file(u".local/share/chasm/chasm.db.harvest-lock"_s));
    other.setStaleLockTime(0);
    QVERIFY(other.tryLock(0));
    const Reply started = m_server.request("POST", "/api/v1/harvest", {auth}, R"({"providers": "claude"})");
    QCOMPARE(started.status, 202);
    const QString job = started.json().value(u"job"_s).toString();
    QCOMPARE(started.json().value(u"state"_s).toString(), u"running"_s);
    const QByteArray status = "/api/v1/harvest/" + job.toUtf8();
    QTRY_VERIFY_WITH_TIMEOUT(m_server.get(status).json().value(u"waiting"_s).toString().contains(u"another harvest"_s),
                             20000);
    const Reply second = m_server.request("POST", "/api/v1/harvest", {auth});
    QCOMPARE(second.status, 409);
    QCOMPARE(second.errorCode(), u"conflict"_s);
    QVERIFY(second.errorMessage().contains(job));

    other.unlock();
    QTRY_COMPARE_WITH_TIMEOUT(m_server.get(status).json().value(u"state"_s).toString(), u"finished"_s, 30000);
    const QJsonObject done = m_server.get(status).json();
    QCOMPARE(done.value(u"report"_s).toObject().value(u"unchanged"_s).toInt(), 3);
    QVERIFY(done.value(u"error"_s).isNull());
    QVERIFY(!done.value(u"finished_at"_s).isNull());
    // The next one may start.
    const Reply again = m_server.request("POST", "/api/v1/harvest", {auth});
    QCOMPARE(again.status, 202);
    const QByteArray next = "/api/v1/harvest/" + again.json().value(u"job"_s).toString().toUtf8();
    QTRY_COMPARE_WITH_TIMEOUT(m_server.get(next).json().value(u"state"_s).toString(), u"finished"_s, 30000);
}

void TestRestApi::noDatabase_isUnavailable()
{
    QTemporaryDir empty;
    Server server;
    QVERIFY2(server.start(empty.path(), {u"--no-auth"_s}), server.err().constData());
    const Reply health = server.request("GET", "/api/v1/health");
    QCOMPARE(health.status, 200);
    QCOMPARE(health.json().value(u"status"_s).toString(), u"degraded"_s);
    const Reply sessions = server.request("GET", "/api/v1/sessions");
    QCOMPARE(sessions.status, 503);
    QCOMPARE(sessions.errorCode(), u"unavailable"_s);
    QVERIFY(sessions.errorMessage().contains(u"chasm harvest run"_s));
    for (const char* path :
         {"/sessions/x", "/sessions/x/messages", "/sessions/x/export", "/search?q=x", "/search/sessions?q=x", "/stats",
          "/stats/overview", "/stats/providers", "/stats/timeline"}) {
        const Reply reply = server.request("GET", QByteArray("/api/v1") + path);
        QVERIFY2(reply.status == 503, path);
        QCOMPARE(reply.errorCode(), u"unavailable"_s);
    }
    // Nothing was made: the API only reads.
    QVERIFY(!QFileInfo::exists(empty.filePath(u".local/share/chasm/chasm.db"_s)));
}

void TestRestApi::openApi_servesTheSpecification()
{
    QCOMPARE(m_server.request("GET", "/api/v1/openapi.yaml").status, 401);
    const Reply reply = m_server.get("/api/v1/openapi.yaml");
    QCOMPARE(reply.status, 200);
    QVERIFY(reply.head.contains("Content-Type: application/yaml"));
    // docs/api/openapi.yaml as it was built in.
    QFile source(QStringLiteral(CHASM_SOURCE_DIR "/docs/api/openapi.yaml"));
    QVERIFY(source.open(QIODevice::ReadOnly));
    QCOMPARE(reply.body, source.readAll());
    QVERIFY(reply.body.startsWith("openapi: 3.0.3\n"));
}

void TestRestApi::corruptDatabase_isTheServersFault()
{
    // A query the index cannot read is the request's (400); an index whose pages are damaged is the server's.
    QCOMPARE(m_server.get("/api/v1/search?q=NOT%20quokka").status, 400);

    chasm::test::FixtureHome home(u"rest"_s);
    QVERIFY(home.isValid());
    const chasm::test::Ran harvest = runChasm(home.path(), {u"harvest"_s, u"run"_s});
    QVERIFY2(harvest.exitCode == 0, harvest.err.constData());
    const QString path = home.file(u".local/share/chasm/chasm.db"_s);
    QList<qint64> pages;
    qint64 pageSize = 0;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"corrupt"_s);
        db.setDatabaseName(path);
        QVERIFY(db.open());
        QSqlQuery query(db);
        QVERIFY(query.exec(u"PRAGMA page_size"_s) && query.next());
        pageSize = query.value(0).toLongLong();
        QVERIFY2(query.exec(u"SELECT pageno FROM dbstat WHERE name = 'messages_fts_data'"_s),
                 qPrintable(query.lastError().text()));
        while (query.next()) {
            pages << query.value(0).toLongLong();
        }
        query.finish();
        db.close();
    }
    QSqlDatabase::removeDatabase(u"corrupt"_s);
    QVERIFY(!pages.isEmpty());
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadWrite));
    for (const qint64 page : std::as_const(pages)) {
        QVERIFY(file.seek((page - 1) * pageSize));
        file.write(QByteArray(pageSize, '\xab'));
    }
    file.close();

    Server server;
    QVERIFY2(server.start(home.path(), {u"--no-auth"_s}), server.err().constData());
    const Reply search = server.request("GET", "/api/v1/search?q=quokka");
    QVERIFY2(search.status == 500 || search.status == 503, QByteArray(search.head + search.body).constData());
    QCOMPARE(search.errorCode(), search.status == 500 ? u"internal"_s : u"unavailable"_s);
    QVERIFY2(search.errorMessage().contains(u"harvest database"_s), search.body.constData());
}

void TestRestApi::securityHeaders_onEveryAnswer()
{
    const QByteArray auth = "Authorization: Bearer " + Token;
    const QList<Reply> replies{
        m_server.get("/api/v1/sessions"),
        m_server.request("GET", "/api/v1/health"),
        m_server.request("GET", "/api/v1/sessions"),                                 // 401
        m_server.get("/api/v1/nothing"),                                             // 404 of the controllers
        m_server.get("/elsewhere"),                                                  // 404 of the transport
        m_server.request("POST", "/api/v1/sessions", {auth}, "{}", 5 * 1024 * 1024), // 413 of the HTTP server
        m_server.request("POST", "/mcp", {"Content-Type: application/json"}, "{}"),  // 401 at /mcp
    };
    for (const Reply& reply : replies) {
        QVERIFY2(reply.status != 0, "no answer");
        QCOMPARE(reply.header("X-Content-Type-Options"), QByteArray("nosniff"));
        QCOMPARE(reply.header("Content-Security-Policy"), QByteArray("default-src 'none'; frame-ancestors 'none'"));
        QCOMPARE(reply.header("Cache-Control"), QByteArray("no-store"));
        QCOMPARE(reply.head.count("Content-Security-Policy:"), 1);
    }
    // An HTML export may use its own style sheet, and nothing else.
    const Reply html = m_server.get("/api/v1/sessions/" + SessionA.toUtf8() + "/export?format=html");
    QCOMPARE(html.status, 200);
    QVERIFY2(html.header("Content-Security-Policy").startsWith("default-src 'none'; style-src 'unsafe-inline'"),
             html.head.constData());
    QCOMPARE(html.head.count("Content-Security-Policy:"), 1);
    QCOMPARE(html.header("X-Content-Type-Options"), QByteArray("nosniff"));
}

void TestRestApi::mcpRefusals_comeInTheEnvelope()
{
    const QList<QByteArray> json{"Content-Type: application/json", "Accept: application/json, text/event-stream"};
    const Reply noToken = m_server.request("POST", "/mcp", json, "{}");
    QCOMPARE(noToken.status, 401);
    QCOMPARE(noToken.errorCode(), u"unauthorized"_s);
    QVERIFY(noToken.head.contains("WWW-Authenticate: Bearer"));
    const Reply origin =
        m_server.request("POST", "/mcp", QList<QByteArray>(json) << "Origin: http://evil.example", "{}");
    QCOMPARE(origin.status, 403);
    QCOMPARE(origin.errorCode(), u"forbidden"_s);
    const QByteArray auth = "Authorization: Bearer " + Token;
    const Reply large = m_server.request("POST", "/mcp", QList<QByteArray>(json) << auth, "{}", 5 * 1024 * 1024);
    QCOMPARE(large.status, 413);
    QCOMPARE(large.errorCode(), u"payload_too_large"_s);
    const Reply noSession = m_server.request("GET", "/mcp", {auth, "Accept: text/event-stream"});
    QCOMPARE(noSession.status, 400);
    QCOMPARE(noSession.errorCode(), u"bad_request"_s);
    // What is MCP's own stays JSON-RPC.
    const Reply notJson = m_server.request("POST", "/mcp", QList<QByteArray>(json) << auth, "{nope");
    QCOMPARE(notJson.status, 400);
    QCOMPARE(notJson.json().value(u"jsonrpc"_s).toString(), u"2.0"_s);
    QCOMPARE(notJson.json().value(u"error"_s).toObject().value(u"code"_s).toInt(), -32700);
}

void TestRestApi::cors_onlyForAllowedOrigins()
{
    const QByteArray app = "http://app.example:3000";
    const QList<QByteArray> preflight{"Origin: " + app, "Access-Control-Request-Method: GET",
                                      "Access-Control-Request-Headers: authorization"};
    // Off unless allowed: no preflight answered, no CORS header, any other origin refused.
    const Reply off = m_server.request("OPTIONS", "/api/v1/sessions", preflight);
    QCOMPARE(off.status, 403);
    QVERIFY(m_server.get("/api/v1/sessions").header("Access-Control-Allow-Origin").isNull());

    // Allowed by the option, and by the settings.
    QVERIFY(chasm::test::writeFile(m_home->file(u".config/chasm/chasm.conf"_s),
                                   "[server]\nallowedOrigins=https://settings.example\n"));
    Server server;
    QProcessEnvironment environment;
    environment.insert(u"CHASM_API_TOKEN"_s, QString::fromLatin1(Token));
    QVERIFY2(server.start(m_home->path(), {u"--allow-origin"_s, QString::fromLatin1(app)}, environment),
             server.err().constData());
    QFile::remove(m_home->file(u".config/chasm/chasm.conf"_s));
    const Reply allowed = server.request("OPTIONS", "/api/v1/sessions", preflight);
    QCOMPARE(allowed.status, 204);
    QCOMPARE(allowed.header("Access-Control-Allow-Origin"), app);
    QVERIFY(allowed.header("Access-Control-Allow-Headers").toLower().contains("authorization"));
    QVERIFY(allowed.header("Access-Control-Allow-Methods").contains("GET"));
    const Reply get = server.request("GET", "/api/v1/sessions", {"Origin: " + app, "Authorization: Bearer " + Token});
    QCOMPARE(get.status, 200);
    QCOMPARE(get.header("Access-Control-Allow-Origin"), app);
    // Without its token a page learns only that it needs one.
    const Reply noToken = server.request("GET", "/api/v1/sessions", {"Origin: " + app});
    QCOMPARE(noToken.status, 401);
    QCOMPARE(noToken.header("Access-Control-Allow-Origin"), app);
    // A refused WebSocket handshake tells the page why, too.
    const Reply noSocket =
        server.exchange("GET /api/v1/nothing-here HTTP/1.1\r\nHost: " + server.host() + "\r\nOrigin: " + app +
                        "\r\nAuthorization: Bearer " + Token +
                        "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                        "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n");
    QCOMPARE(noSocket.status, 404);
    QCOMPARE(noSocket.header("Access-Control-Allow-Origin"), app);
    QCOMPARE(
        server
            .request("GET", "/api/v1/sessions", {"Origin: https://settings.example", "Authorization: Bearer " + Token})
            .status,
        200);
    for (const QByteArray& other : {QByteArray("http://evil.example"), QByteArray("http://app.example:3001"),
                                    QByteArray("https://app.example:3000")}) {
        QCOMPARE(server.request("OPTIONS", "/api/v1/sessions", {"Origin: " + other}).status, 403);
        const Reply refused =
            server.request("GET", "/api/v1/sessions", {"Origin: " + other, "Authorization: Bearer " + Token});
        QCOMPARE(refused.status, 403);
        QVERIFY(refused.header("Access-Control-Allow-Origin").isNull());
    }
    QCOMPARE(server.get("/api/v1/settings").json().value(u"cors_allowed_origins"_s).toArray().size(), 2);

    const chasm::test::Ran wildcard = runChasm(
        m_home->path(), {u"api"_s, u"serve"_s, u"--port"_s, u"0"_s, u"--no-auth"_s, u"--allow-origin"_s, u"*"_s});
    QCOMPARE(wildcard.exitCode, 1);
    QVERIFY2(wildcard.err.contains("is not an origin to allow"), wildcard.err.constData());
}

void TestRestApi::inFlight_pastTheLimit_is429()
{
    Server server;
    QVERIFY2(server.start(m_home->path(), {u"--no-auth"_s, u"--max-in-flight"_s, u"1"_s}), server.err().constData());
    // Many requests at once, each on its connection: one is answered at a time, the others are told to come back.
    std::vector<std::unique_ptr<QTcpSocket>> sockets;
    for (int i = 0; i < 40; ++i) {
        auto socket = std::make_unique<QTcpSocket>();
        socket->connectToHost(u"127.0.0.1"_s, server.port);
        QVERIFY(socket->waitForConnected(5000));
        sockets.push_back(std::move(socket));
    }
    for (auto& socket : sockets) {
        socket->write("GET /api/v1/search?q=quokka HTTP/1.1\r\nHost: " + server.host() +
                      "\r\nConnection: close\r\n\r\n");
        socket->flush();
    }
    int ok = 0;
    int busy = 0;
    for (auto& socket : sockets) {
        QByteArray received;
        QDeadlineTimer deadline(30000);
        while (socket->state() == QAbstractSocket::ConnectedState && !deadline.hasExpired()) {
            socket->waitForReadyRead(int(deadline.remainingTime()));
            received += socket->readAll();
        }
        received += socket->readAll();
        const qsizetype end = received.indexOf("\r\n\r\n");
        QVERIFY(end > 0);
        Reply reply;
        reply.head = received.left(end);
        reply.status = reply.head.split(' ').value(1).toInt();
        reply.body = received.mid(end + 4);
        if (reply.status == 429) {
            ++busy;
            QCOMPARE(reply.header("Retry-After"), QByteArray("1"));
            QCOMPARE(reply.errorCode(), u"too_many_requests"_s);
        } else {
            QCOMPARE(reply.status, 200);
            ++ok;
        }
    }
    QVERIFY2(busy > 0, "no request was refused");
    QVERIFY(ok > 0);
    // Once answered, the next is taken.
    QTRY_COMPARE_WITH_TIMEOUT(server.request("GET", "/api/v1/search?q=quokka").status, 200, 5000);
    // That the health check is answered however busy the server is, TestRestChat shows: a chat holds its place.
}

void TestRestApi::webSockets_pastTheLimit_are503()
{
    Server server;
    QVERIFY2(server.start(m_home->path(), {u"--no-auth"_s}), server.err().constData());
    const QByteArray handshake = "GET /api/v1/ws HTTP/1.1\r\nHost: " + server.host() +
                                 "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                                 "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n";
    // The status of the answer to a handshake sent on `socket`.
    const auto statusOf = [](QTcpSocket& socket) {
        QByteArray received;
        QDeadlineTimer deadline(10000);
        while (!received.contains("\r\n\r\n") && socket.state() == QAbstractSocket::ConnectedState &&
               !deadline.hasExpired()) {
            socket.waitForReadyRead(int(deadline.remainingTime()));
            received += socket.readAll();
        }
        return received.split(' ').value(1).toInt();
    };
    // The server keeps 64 WebSockets open at once. Eighty handshakes come together, all sent before any is answered:
    // 64 are taken, the others told to come back, however many are still being answered when the next arrives.
    constexpr int limit = 64;
    std::vector<std::unique_ptr<QTcpSocket>> sockets;
    for (int i = 0; i < limit + 16; ++i) {
        auto socket = std::make_unique<QTcpSocket>();
        socket->connectToHost(u"127.0.0.1"_s, server.port);
        QVERIFY(socket->waitForConnected(5000));
        socket->write(handshake);
        socket->flush();
        sockets.push_back(std::move(socket));
    }
    int opened = 0;
    int refused = 0;
    QTcpSocket* open = nullptr;
    for (auto& socket : sockets) {
        const int status = statusOf(*socket);
        if (status == 101) {
            ++opened;
            open = socket.get();
        } else {
            QCOMPARE(status, 503);
            ++refused;
        }
    }
    QCOMPARE(opened, limit);
    QCOMPARE(refused, 16);
    // One goes: its place is free for the next.
    open->abort();
    QTRY_COMPARE_WITH_TIMEOUT(
        [&] {
            QTcpSocket next;
            next.connectToHost(u"127.0.0.1"_s, server.port);
            next.waitForConnected(5000);
            next.write(handshake);
            return statusOf(next);
        }(),
        101, 5000);
}

void TestRestApi::discover_isTheCommandsListing()
{
    const Reply all = m_server.post("/api/v1/workspaces/discover", {});
    QCOMPARE(all.status, 200);
    const chasm::test::Ran listed = runChasm(m_home->path(), {u"list"_s, u"workspaces"_s, u"--json"_s});
    QCOMPARE(listed.exitCode, 0);
    QCOMPARE(all.document(), QJsonDocument::fromJson(listed.out));
    QCOMPARE(all.document().array().size(), 2);
    QCOMPARE(m_server.post("/api/v1/workspaces/discover", R"({"provider": "codex"})").document().array().size(), 0);

    const Reply project = m_server.post("/api/v1/workspaces/discover", R"({"path": "/home/dev/projects/api"})");
    QCOMPARE(project.status, 200);
    const chasm::test::Ran detected =
        runChasm(m_home->path(), {u"detect"_s, u"workspace"_s, u"/home/dev/projects/api"_s, u"--json"_s});
    QCOMPARE(detected.exitCode, 0);
    QCOMPARE(project.document(), QJsonDocument::fromJson(detected.out));

    for (const QByteArray& bad : {QByteArray("[1]"), QByteArray(R"({"provider": 3})"), QByteArray(R"({"path": "rel"})"),
                                  QByteArray(R"({"path": "/a/../etc"})"), QByteArray(R"({"colour": "blue"})"),
                                  QByteArray(R"({"provider": "nope"})")}) {
        const Reply reply = m_server.post("/api/v1/workspaces/discover", bad);
        QVERIFY2(reply.status == 400, bad.constData());
        QCOMPARE(reply.errorCode(), u"bad_request"_s);
    }
    QCOMPARE(m_server.get("/api/v1/workspaces/discover").status, 404);
}

void TestRestApi::merge_dryRunByDefault_guardedByTheEditor()
{
    chasm::test::FixtureHome home(QStringList{u"rest"_s, u"vscode"_s});
    QVERIFY(home.isValid());
    Server server;
    QProcessEnvironment environment;
    environment.insert(u"CHASM_API_TOKEN"_s, QString::fromLatin1(Token));
    QVERIFY2(server.start(home.path(), {}, environment), server.err().constData());
    const QByteArray target = QJsonDocument(QJsonObject{{u"x"_s, QString(home.path() + u"/dev/projects/web app"_s)}})
                                  .toJson(QJsonDocument::Compact)
                                  .mid(5)
                                  .chopped(1); // the path as a JSON string
    const QByteArray merge = R"({"sessions": ["aaaaaaaa", "bbbbbbbb"], "target_path": )" + target;
    const auto before = chasm::test::fileTree(home.path());

    const Reply dry = server.post("/api/v1/sessions/merge", merge + "}");
    QCOMPARE(dry.status, 200);
    QCOMPARE(dry.json().value(u"dry_run"_s).toBool(), true);
    QCOMPARE(dry.json().value(u"sessions"_s).toInt(), 2);
    QCOMPARE(chasm::test::fileTree(home.path()), before);
    // The shape of `chasm merge sessions … --json`.
    const chasm::test::Ran cli =
        runChasm(home.path(), {u"merge"_s, u"sessions"_s, u"aaaaaaaa"_s, u"bbbbbbbb"_s, u"--target-path"_s,
                               home.path() + u"/dev/projects/web app"_s, u"--dry-run"_s, u"--json"_s});
    QVERIFY2(cli.exitCode == 0, cli.err.constData());
    const QJsonObject printed = QJsonDocument::fromJson(cli.out).object();
    QCOMPARE(dry.json().keys(), printed.keys());
    QCOMPARE(dry.json().value(u"requests"_s), printed.value(u"requests"_s));

    for (const QByteArray& bad :
         {QByteArray(R"({"sessions": ["aaaaaaaa"], "target_path": "/p"})"),
          QByteArray(R"({"sessions": ["aaaaaaaa", "../x"], "target_path": "/p"})"),
          QByteArray(R"({"sessions": ["aaaaaaaa", 7], "target_path": "/p"})"),
          QByteArray(R"({"sessions": ["aaaaaaaa", "bbbbbbbb"]})"),
          QByteArray(R"({"sessions": ["aaaaaaaa", "bbbbbbbb"], "target_path": "rel"})"),
          QByteArray(R"({"sessions": ["aaaaaaaa", "bbbbbbbb"], "target_path": "/p", "apply": "yes"})"),
          QByteArray(R"({"sessions": ["aaaaaaaa", "bbbbbbbb"], "target_path": "/p", "delete": true})")}) {
        const Reply reply = server.post("/api/v1/sessions/merge", bad);
        QVERIFY2(reply.status == 400, bad.constData());
        QCOMPARE(reply.errorCode(), u"bad_request"_s);
    }
    QCOMPARE(
        server
            .post("/api/v1/sessions/merge", R"({"sessions": ["aaaaaaaa", "ffffffff"], "target_path": )" + target + "}")
            .status,
        404);

    // While the editor runs, writing is refused unless forced, as on the command line.
    const QString fake = home.file(u"code"_s);
    QVERIFY(QFile::copy(u"/bin/sleep"_s, fake));
    QProcess editor;
    editor.start(fake, {u"60"_s});
    QVERIFY(editor.waitForStarted());
    const Reply refused = server.post("/api/v1/sessions/merge", merge + R"(, "apply": true})");
    QCOMPARE(refused.status, 409);
    QCOMPARE(refused.errorCode(), u"conflict"_s);
    QVERIFY2(refused.errorMessage().contains(u"is running"_s), refused.body.constData());
    QCOMPARE(chasm::test::fileTree(home.path()).size(), before.size() + 1); // the fake editor only
    const Reply forced = server.post("/api/v1/sessions/merge", merge + R"(, "apply": true, "force": true})");
    editor.kill();
    editor.waitForFinished();
    QCOMPARE(forced.status, 201);
    QCOMPARE(forced.json().value(u"dry_run"_s).toBool(), false);
    const QString id = forced.json().value(u"session_id"_s).toString();
    QVERIFY(!id.isEmpty());
    const auto after = chasm::test::fileTree(home.path());
    QVERIFY(std::any_of(after.keyBegin(), after.keyEnd(),
                        [&id](const QString& path) { return path.contains(u"/chatSessions/"_s + id); }));
}

// POST /sync/push is `chasm sync --push --json`: a dry run unless "apply"; a Claude Code transcript its tool deleted
// comes back byte for byte, pushed again it is present, and the recovery point undoes the push.
void TestRestApi::syncPush_dryRunByDefault_byteForByte()
{
    chasm::test::FixtureHome home(u"claude-code"_s);
    QVERIFY(home.isValid());
    const QString transcript =
        home.file(u".claude/projects/-home-dev-projects-web-app/22222222-aaaa-4bbb-8ccc-000000000002.jsonl"_s);
    const QByteArray original = chasm::test::readAll(transcript);
    QVERIFY(!original.isEmpty());
    const chasm::test::Ran harvest = runChasm(home.path(), {u"harvest"_s, u"run"_s});
    QVERIFY2(harvest.exitCode == 0 || harvest.exitCode == 3, harvest.err.constData());
    QVERIFY(QFile::remove(transcript)); // Claude Code purges it
    Server server;
    QProcessEnvironment environment;
    environment.insert(u"CHASM_API_TOKEN"_s, QString::fromLatin1(Token));
    QVERIFY2(server.start(home.path(), {}, environment), server.err().constData());
    const QByteArray push = R"({"sessions": ["claude-code:22222222-aaaa-4bbb-8ccc-000000000002"])";
    const auto before = chasm::test::fileTree(home.path());

    const Reply dry = server.post("/api/v1/sync/push", push + "}");
    QCOMPARE(dry.status, 200);
    QCOMPARE(dry.json().value(u"dry_run"_s).toBool(), true);
    QCOMPARE(dry.json().value(u"restored"_s).toInt(), 1);
    QCOMPARE(chasm::test::fileTree(home.path()), before);
    // The shape of `chasm sync --push --json`.
    const chasm::test::Ran cli =
        runChasm(home.path(), {u"sync"_s, u"--push"_s, u"--sessions"_s,
                               u"claude-code:22222222-aaaa-4bbb-8ccc-000000000002"_s, u"--dry-run"_s, u"--json"_s});
    QVERIFY2(cli.exitCode == 0, cli.err.constData());
    QCOMPARE(dry.json(), QJsonDocument::fromJson(cli.out).object());

    for (const QByteArray& bad :
         {QByteArray(R"({"sessions": "claude-code:2222"})"), QByteArray(R"({"sessions": ["../x"]})"),
          QByteArray(R"({"sessions": [7]})"), QByteArray(R"({"format": "yaml"})"), QByteArray(R"({"apply": "yes"})"),
          QByteArray(R"({"provider": 3})"), QByteArray(R"({"delete": true})")}) {
        const Reply reply = server.post("/api/v1/sync/push", bad);
        QVERIFY2(reply.status == 400, bad.constData());
        QCOMPARE(reply.errorCode(), u"bad_request"_s);
    }
    QCOMPARE(server.post("/api/v1/sync/push", R"({"sessions": ["claude-code:ffffffff"]})").status, 404);

    const Reply applied = server.post("/api/v1/sync/push", push + R"(, "apply": true})");
    QCOMPARE(applied.status, 201);
    QCOMPARE(applied.json().value(u"restored"_s).toInt(), 1);
    QCOMPARE(chasm::test::readAll(transcript), original);
    const QString sha256 = QString::fromLatin1(QCryptographicHash::hash(original, QCryptographicHash::Sha256).toHex());
    QCOMPARE(applied.json().value(u"files"_s).toArray().at(0).toObject().value(u"sha256"_s).toString(), sha256);
    const Reply again = server.post("/api/v1/sync/push", push + R"(, "apply": true})");
    QCOMPARE(again.json().value(u"present"_s).toInt(), 1);
    const chasm::test::Ran undo =
        runChasm(home.path(), {u"recover"_s, u"undo"_s, applied.json().value(u"recovery_point"_s).toString()});
    QVERIFY2(undo.exitCode == 0, undo.err.constData());
    QVERIFY(!QFileInfo::exists(transcript));
}

void TestRestApi::timeline_byDayAndWeek()
{
    const QJsonObject days = m_server.get("/api/v1/stats/timeline?period=day").json();
    QCOMPARE(days.value(u"period"_s).toString(), u"day"_s);
    const QJsonArray points = days.value(u"timeline"_s).toArray();
    QCOMPARE(points.at(0).toObject().value(u"period"_s).toString(), u"2026-01-10"_s);
    int sessions = 0;
    int messages = 0;
    for (const QJsonValue& point : points) {
        sessions += point.toObject().value(u"sessions"_s).toInt();
        messages += point.toObject().value(u"messages"_s).toInt();
    }
    QCOMPARE(sessions, 3);
    QCOMPARE(messages, 10);
    const QJsonArray weeks = m_server.get("/api/v1/stats/timeline?period=week").json().value(u"timeline"_s).toArray();
    QCOMPARE(weeks.at(0).toObject().value(u"period"_s).toString(), u"2026-W02"_s);
    QCOMPARE(weeks.at(0).toObject().value(u"messages"_s).toInt(), 6);
}

namespace {

// A Claude Code session of `messages` messages of `chars` characters each, in a project of its own.
bool writeLargeSession(const QString& home, const QString& id, int messages, int chars)
{
    QFile file(home + u"/.claude/projects/-home-dev-projects-big/"_s + id + u".jsonl"_s);
    if (!QDir().mkpath(QFileInfo(file).absolutePath()) || !file.open(QIODevice::WriteOnly)) {
        return false;
    }
    const QByteArray text(chars, 'w');
    for (int i = 0; i < messages; ++i) {
        const bool user = i % 2 == 0;
        const QByteArray line =
            R"({"parentUuid":null,"isSidechain":false,"userType":"external","cwd":"/home/dev/projects/big","sessionId":")" +
            id.toUtf8() + R"(","version":"2.1.197","uuid":"m)" + QByteArray::number(i) +
            R"(","timestamp":"2026-03-02T09:00:00.000Z","type":")" + (user ? "user" : "assistant") +
            R"(","message":{"role":")" + (user ? "user" : "assistant") + R"(","content":")" + text + "\"}}\n";
        if (file.write(line) != line.size()) {
            return false;
        }
    }
    return true;
}

} // namespace

void TestRestApi::sigterm_duringHarvest_endsGracefully()
{
    chasm::test::FixtureHome home(u"rest"_s);
    QVERIFY(home.isValid());
    // A session larger than the harvest reads whole (it is spooled as it is stored), and many small ones.
    QVERIFY(writeLargeSession(home.path(), u"dddddddd-0000-4000-8000-000000000004"_s, 80, 1 << 20));
    for (int i = 0; i < 200; ++i) {
        QVERIFY(writeLargeSession(home.path(), u"eeeeeeee-0000-4000-8000-%1"_s.arg(i, 12, 10, QChar(u'0')), 4, 100));
    }
    Server server;
    QVERIFY2(server.start(home.path(), {u"--no-auth"_s}), server.err().constData());
    const Reply started = server.request("POST", "/api/v1/harvest");
    QCOMPARE(started.status, 202);
    const QByteArray status = "/api/v1/harvest/" + started.json().value(u"job"_s).toString().toUtf8();
    QTRY_VERIFY_WITH_TIMEOUT(
        server.request("GET", status).json().value(u"progress"_s).toObject().value(u"total"_s).toInt() > 0, 20000);
    QCOMPARE(server.request("GET", status).json().value(u"state"_s).toString(), u"running"_s);

    server.process().terminate(); // SIGTERM
    QVERIFY(server.process().waitForFinished(60000));
    QCOMPARE(server.process().exitStatus(), QProcess::NormalExit);
    QCOMPARE(server.process().exitCode(), 0);
    QVERIFY2(server.err().contains("stopping"), server.err().constData());

    const QDir data(home.file(u".local/share/chasm"_s));
    QCOMPARE(data.entryList({u".chasm-spool-*"_s}, QDir::Files | QDir::Hidden), QStringList());
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"after-sigterm"_s);
        db.setDatabaseName(data.filePath(u"chasm.db"_s));
        QVERIFY(db.open());
        QSqlQuery query(db);
        QVERIFY(query.exec(u"PRAGMA integrity_check"_s) && query.next());
        QCOMPARE(query.value(0).toString(), u"ok"_s);
        query.finish();
        db.close();
    }
    QSqlDatabase::removeDatabase(u"after-sigterm"_s);
    // The next harvest takes up what the stopped one left.
    const chasm::test::Ran again = runChasm(home.path(), {u"harvest"_s, u"run"_s}, {}, 120000);
    QVERIFY2(again.exitCode == 0, again.describe().constData());
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"after-again"_s);
        db.setDatabaseName(data.filePath(u"chasm.db"_s));
        QVERIFY(db.open());
        QSqlQuery query(db);
        QVERIFY(query.exec(u"SELECT count(*) FROM sessions"_s) && query.next());
        QCOMPARE(query.value(0).toInt(), 204);
        query.finish();
        db.close();
    }
    QSqlDatabase::removeDatabase(u"after-again"_s);
}

void TestRestApi::largeSessions_areRefusedNotBuilt()
{
    chasm::test::FixtureHome home(u"rest"_s);
    QVERIFY(home.isValid());
    const QString id = u"dddddddd-0000-4000-8000-000000000004"_s;
    QVERIFY(writeLargeSession(home.path(), id, 70, 1 << 20)); // 70 Mi characters
    const chasm::test::Ran harvest = runChasm(home.path(), {u"harvest"_s, u"run"_s}, {}, 120000);
    QVERIFY2(harvest.exitCode == 0, harvest.describe().constData());
    Server server;
    QVERIFY2(server.start(home.path(), {u"--no-auth"_s}), server.err().constData());
    const QByteArray session = "/api/v1/sessions/claude-code:" + id.toUtf8();
    const Reply exported = server.request("GET", session + "/export?format=markdown");
    QCOMPARE(exported.status, 422);
    QCOMPARE(exported.errorCode(), u"unprocessable"_s);
    QVERIFY2(exported.errorMessage().contains(u"chasm harvest export"_s), exported.body.constData());
    // Whole texts: as many as one answer holds (16 Mi characters).
    const Reply whole = server.request("GET", session + "/messages?limit=20");
    QCOMPARE(whole.status, 422);
    QVERIFY2(whole.errorMessage().contains(u"max_chars_per_message"_s), whole.body.constData());
    const Reply fewer = server.request("GET", session + "/messages?limit=10");
    QCOMPARE(fewer.status, 200);
    QCOMPARE(fewer.json().value(u"messages"_s).toArray().size(), 10);
    const Reply cut = server.request("GET", session + "/messages?limit=70&max_chars_per_message=1000");
    QCOMPARE(cut.status, 200);
    QCOMPARE(cut.json().value(u"messages"_s).toArray().size(), 70);
    // A small session is exported whole.
    QCOMPARE(server.request("GET", "/api/v1/sessions/" + SessionA.toUtf8() + "/export").status, 200);
}

QTEST_GUILESS_MAIN(TestRestApi)
#include "TestRestApi.moc"
