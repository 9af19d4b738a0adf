// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

// `chasm mcp serve --http` as a real child process, talked to over real HTTP on 127.0.0.1 through raw sockets (so
// that the Host, Origin and length headers are the test's own): sessions, the access rules, the limits.

#include "ChasmProcess.h"
#include "FixtureHome.h"
#include "McpHttpProcess.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <algorithm>
#include <optional>

using namespace Qt::StringLiterals;

namespace {

using Headers = QList<std::pair<QByteArray, QByteArray>>;

struct Reply
{
    int status = 0;
    Headers headers; // names in lower case
    QByteArray body; // chunks joined
    bool complete = false;

    QByteArray header(const QByteArray& name) const
    {
        for (const auto& [key, value] : headers) {
            if (key == name) {
                return value;
            }
        }
        return {};
    }
    QJsonObject json() const { return QJsonDocument::fromJson(body).object(); }
};

// Reads one response from `socket`; with `firstChunk`, stops after the first chunk of a chunked body.
Reply readReply(QTcpSocket& socket, bool firstChunk = false, int timeoutMs = 15000)
{
    Reply reply;
    QByteArray buffer;
    QDeadlineTimer deadline(timeoutMs);
    const auto more = [&] {
        if (socket.bytesAvailable() == 0 && !socket.waitForReadyRead(int(deadline.remainingTime()))) {
            return false;
        }
        buffer += socket.readAll();
        return true;
    };
    qsizetype end;
    while ((end = buffer.indexOf("\r\n\r\n")) < 0) {
        if (!more()) {
            return reply;
        }
    }
    const QList<QByteArray> lines = buffer.left(end).split('\n');
    reply.status = lines.first().split(' ').value(1).toInt();
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QByteArray line = lines[i].trimmed();
        const qsizetype colon = line.indexOf(':');
        reply.headers.append({line.left(colon).toLower(), line.mid(colon + 1).trimmed()});
    }
    buffer.remove(0, end + 4);
    if (reply.status == 100) {
        return reply;
    }
    if (reply.header("transfer-encoding") == "chunked") {
        for (;;) {
            qsizetype lineEnd;
            while ((lineEnd = buffer.indexOf("\r\n")) < 0) {
                if (!more()) {
                    return reply;
                }
            }
            const qsizetype size = buffer.left(lineEnd).toLongLong(nullptr, 16);
            while (buffer.size() < lineEnd + 2 + size + 2) {
                if (!more()) {
                    return reply;
                }
            }
            reply.body += buffer.mid(lineEnd + 2, size);
            buffer.remove(0, lineEnd + 2 + size + 2);
            if (size == 0 || firstChunk) {
                reply.complete = true;
                return reply;
            }
        }
    }
    const qsizetype length = reply.header("content-length").toLongLong();
    while (buffer.size() < length) {
        if (!more()) {
            return reply;
        }
    }
    reply.body = buffer.left(length);
    reply.complete = true;
    return reply;
}

QByteArray initializeMessage(const QString& version = u"2025-11-25"_s)
{
    const QJsonObject params{{u"protocolVersion"_s, version},
                             {u"capabilities"_s, QJsonObject()},
                             {u"clientInfo"_s, QJsonObject{{u"name"_s, u"test_mcp_http"_s}, {u"version"_s, u"1"_s}}}};
    return QJsonDocument(
               QJsonObject{
                   {u"jsonrpc"_s, u"2.0"_s}, {u"id"_s, 1}, {u"method"_s, u"initialize"_s}, {u"params"_s, params}})
        .toJson(QJsonDocument::Compact);
}

QByteArray requestMessage(int id, const QString& method)
{
    return QJsonDocument(QJsonObject{{u"jsonrpc"_s, u"2.0"_s}, {u"id"_s, id}, {u"method"_s, method}})
        .toJson(QJsonDocument::Compact);
}

const QByteArray initializedMessage = R"({"jsonrpc":"2.0","method":"notifications/initialized"})";

// `chasm mcp serve --http ...` in a HOME of its own, until the test ends, and requests to it.
class Server
{
public:
    // In `home`, or in an empty HOME of its own.
    bool start(const QStringList& extra = {}, const QProcessEnvironment& environment = {}, const QString& home = {})
    {
        const bool started = m_process.start(home.isEmpty() ? m_home.path() : home, extra, environment);
        port = m_process.port();
        return started;
    }
    QByteArray err() { return m_process.err(); }
    QProcess& process() { return m_process.process(); }

    // One request on a new connection; `host` replaces the Host header (empty: none at all).
    Reply request(const QByteArray& method, const QByteArray& body, Headers headers = {},
                  std::optional<QByteArray> host = std::nullopt, const QByteArray& path = "/mcp")
    {
        QTcpSocket socket;
        socket.connectToHost(u"127.0.0.1"_s, port);
        if (!socket.waitForConnected(5000)) {
            return {};
        }
        QByteArray raw = method + ' ' + path + " HTTP/1.1\r\n";
        const QByteArray hostHeader = host.value_or("127.0.0.1:" + QByteArray::number(port));
        if (!hostHeader.isEmpty()) {
            raw += "Host: " + hostHeader + "\r\n";
        }
        const auto given = [&headers](const QByteArray& name) {
            return std::any_of(headers.begin(), headers.end(), [&](const auto& h) { return h.first == name; });
        };
        if (method == "POST" && !given("Accept")) {
            headers.prepend({"Accept", "application/json, text/event-stream"});
        }
        if (method == "POST" && !given("Content-Type")) {
            headers.prepend({"Content-Type", "application/json"});
        }
        for (const auto& [name, value] : headers) {
            raw += name + ": " + value + "\r\n";
        }
        raw += "Content-Length: " + QByteArray::number(body.size()) + "\r\n\r\n" + body;
        socket.write(raw);
        return readReply(socket);
    }

    // Initializes a session; its id, or an empty one after a failed check.
    QByteArray initialize()
    {
        const Reply reply = request("POST", initializeMessage());
        if (reply.status != 200) {
            return {};
        }
        const QByteArray id = reply.header("mcp-session-id");
        const Reply initialized = request("POST", initializedMessage, {{"Mcp-Session-Id", id}});
        return initialized.status == 202 ? id : QByteArray();
    }

    quint16 port = 0;

private:
    QTemporaryDir m_home;
    chasm::test::McpHttpProcess m_process;
};

} // namespace

class TestMcpHttp : public QObject
{
    Q_OBJECT

private slots:
    void initialize_opensSessions();
    void toolsList_inTheSession();
    void requests_needAKnownSession();
    void hostAndOrigin_mustNameThisServer();
    void protocolVersionHeader_mustBeSupported();
    void malformedBodies_areRefused();
    void body_isLimited();
    void delete_endsTheSession();
    void get_opensTheSessionStream();
    void progress_comesAsAnEventStream();
    void nonLoopbackBind_needsAToken();
    void token_isAskedForAndChecked();
    void token_fromTheEnvironment();
    void sigterm_endsGracefully();
    void backgroundHarvest_logsOnTheGetStream();
};

void TestMcpHttp::initialize_opensSessions()
{
    Server server;
    QVERIFY2(server.start(), server.err().constData());
    const Reply reply = server.request("POST", initializeMessage());
    QCOMPARE(reply.status, 200);
    QCOMPARE(reply.header("content-type"), "application/json");
    const QByteArray id = reply.header("mcp-session-id");
    static const QRegularExpression hex(u"^[0-9a-f]{32}$"_s);
    QVERIFY2(hex.match(QString::fromLatin1(id)).hasMatch(), id.constData());
    const QJsonObject result = reply.json().value(u"result"_s).toObject();
    QCOMPARE(result.value(u"protocolVersion"_s).toString(), u"2025-11-25"_s);
    QVERIFY(!result.value(u"serverInfo"_s).toObject().value(u"name"_s).toString().isEmpty());

    // Every initialize opens a session of its own; an older supported version is echoed.
    const Reply second = server.request("POST", initializeMessage(u"2025-03-26"_s));
    QCOMPARE(second.status, 200);
    QVERIFY(!second.header("mcp-session-id").isEmpty());
    QVERIFY(second.header("mcp-session-id") != id);
    QCOMPARE(second.json().value(u"result"_s).toObject().value(u"protocolVersion"_s).toString(), u"2025-03-26"_s);

    // An initialize naming a session is not a new one.
    QCOMPARE(server.request("POST", initializeMessage(), {{"Mcp-Session-Id", id}}).status, 400);
}

void TestMcpHttp::toolsList_inTheSession()
{
    Server server;
    QVERIFY2(server.start(), server.err().constData());
    const QByteArray id = server.initialize();
    QVERIFY(!id.isEmpty());
    const Reply reply = server.request("POST", requestMessage(2, u"tools/list"_s),
                                       {{"Mcp-Session-Id", id}, {"MCP-Protocol-Version", "2025-11-25"}});
    QCOMPARE(reply.status, 200);
    QCOMPARE(reply.json().value(u"id"_s).toInt(), 2);
    const QJsonArray tools = reply.json().value(u"result"_s).toObject().value(u"tools"_s).toArray();
    QStringList names;
    for (const QJsonValue& tool : tools) {
        names << tool.toObject().value(u"name"_s).toString();
    }
    QVERIFY2(names.contains(u"chasm_search_sessions"_s), qPrintable(names.join(u", "_s)));

    // A ping answers at once; a notification is acknowledged with 202 and no body.
    const Reply ping = server.request("POST", requestMessage(3, u"ping"_s), {{"Mcp-Session-Id", id}});
    QCOMPARE(ping.status, 200);
    QCOMPARE(ping.json().value(u"result"_s).toObject(), QJsonObject());
    const Reply notified = server.request("POST", initializedMessage, {{"Mcp-Session-Id", id}});
    QCOMPARE(notified.status, 202);
    QVERIFY(notified.body.isEmpty());
}

void TestMcpHttp::requests_needAKnownSession()
{
    Server server;
    QVERIFY2(server.start(), server.err().constData());
    QVERIFY(!server.initialize().isEmpty());
    QCOMPARE(server.request("POST", requestMessage(2, u"tools/list"_s)).status, 400);
    const Reply unknown = server.request("POST", requestMessage(2, u"tools/list"_s),
                                         {{"Mcp-Session-Id", "0123456789abcdef0123456789abcdef"}});
    QCOMPARE(unknown.status, 404);
    // Only /mcp is served; other methods are not allowed there.
    QCOMPARE(server.request("POST", initializeMessage(), {}, std::nullopt, "/other").status, 404);
    const Reply put = server.request("PUT", initializeMessage());
    QCOMPARE(put.status, 405);
    QVERIFY(put.header("allow").contains("POST"));
}

void TestMcpHttp::hostAndOrigin_mustNameThisServer()
{
    Server server;
    QVERIFY2(server.start(), server.err().constData());
    const QByteArray port = QByteArray::number(server.port);
    // DNS rebinding: a page of evil.example.com whose name now points at 127.0.0.1.
    QCOMPARE(server.request("POST", initializeMessage(), {}, "evil.example.com:" + port).status, 403);
    QCOMPARE(server.request("POST", initializeMessage(), {}, "evil.example.com").status, 403);
    QCOMPARE(server.request("POST", initializeMessage(), {}, QByteArray("")).status, 403);
    // The right name with another port is another server.
    QCOMPARE(server.request("POST", initializeMessage(), {}, "127.0.0.1:" + QByteArray::number(server.port + 1)).status,
             403);
    QCOMPARE(server.request("POST", initializeMessage(), {{"Origin", "http://evil.example.com"}}).status, 403);
    QCOMPARE(server.request("POST", initializeMessage(), {{"Origin", "null"}}).status, 403);
    QCOMPARE(server.request("POST", initializeMessage(), {{"Origin", "https://localhost:" + port}}).status, 403);
    // Every name of loopback is this server.
    for (const QByteArray name : {"localhost", "127.0.0.1", "[::1]", "LOCALHOST"}) {
        const Reply reply =
            server.request("POST", initializeMessage(), {{"Origin", "http://" + name + ':' + port}}, name + ':' + port);
        QVERIFY2(reply.status == 200, name.constData());
    }
}

void TestMcpHttp::protocolVersionHeader_mustBeSupported()
{
    Server server;
    QVERIFY2(server.start(), server.err().constData());
    const QByteArray id = server.initialize();
    QVERIFY(!id.isEmpty());
    const Reply unsupported = server.request("POST", requestMessage(2, u"ping"_s),
                                             {{"Mcp-Session-Id", id}, {"MCP-Protocol-Version", "2026-07-28"}});
    QCOMPARE(unsupported.status, 400);
    QVERIFY2(unsupported.body.contains("2025-11-25"), unsupported.body.constData());
    // Any supported version is taken, also one other than the session's (clients send what they speak).
    for (const QByteArray version : {"2024-11-05", "2025-03-26", "2025-06-18", "2025-11-25"}) {
        const Reply reply = server.request("POST", requestMessage(3, u"ping"_s),
                                           {{"Mcp-Session-Id", id}, {"MCP-Protocol-Version", version}});
        QVERIFY2(reply.status == 200, version.constData());
    }
}

void TestMcpHttp::malformedBodies_areRefused()
{
    Server server;
    QVERIFY2(server.start(), server.err().constData());
    const Reply notJson = server.request("POST", "{not json");
    QCOMPARE(notJson.status, 400);
    QCOMPARE(notJson.json().value(u"error"_s).toObject().value(u"code"_s).toInt(), -32700);
    const Reply notRpc = server.request("POST", R"({"method":"initialize","id":1})");
    QCOMPARE(notRpc.status, 400);
    QCOMPARE(notRpc.json().value(u"error"_s).toObject().value(u"code"_s).toInt(), -32600);
    QCOMPARE(server.request("POST", initializeMessage(), {{"Content-Type", "text/plain"}}).status, 415);
}

void TestMcpHttp::body_isLimited()
{
    Server server;
    QVERIFY2(server.start(), server.err().constData());
    // 5 MiB of JSON: refused from its length, before it is read.
    QByteArray huge = R"({"jsonrpc":"2.0","id":1,"method":"ping","params":{"pad":")";
    huge += QByteArray(5 * 1024 * 1024, 'x') + R"("}})";
    const Reply reply = server.request("POST", huge);
    QCOMPARE(reply.status, 413);
    // The server goes on serving.
    QVERIFY(!server.initialize().isEmpty());
}

void TestMcpHttp::delete_endsTheSession()
{
    Server server;
    QVERIFY2(server.start(), server.err().constData());
    const QByteArray id = server.initialize();
    QVERIFY(!id.isEmpty());
    QCOMPARE(server.request("DELETE", {}, {{"Mcp-Session-Id", id}}).status, 204);
    QCOMPARE(server.request("POST", requestMessage(2, u"ping"_s), {{"Mcp-Session-Id", id}}).status, 404);
    QCOMPARE(server.request("DELETE", {}, {{"Mcp-Session-Id", id}}).status, 404);
}

void TestMcpHttp::get_opensTheSessionStream()
{
    Server server;
    QVERIFY2(server.start(), server.err().constData());
    const QByteArray id = server.initialize();
    QVERIFY(!id.isEmpty());
    QCOMPARE(server.request("GET", {}, {{"Accept", "text/event-stream"}}).status, 400);
    QCOMPARE(server.request("GET", {}, {{"Accept", "application/json"}, {"Mcp-Session-Id", id}}).status, 406);

    QTcpSocket socket;
    socket.connectToHost(u"127.0.0.1"_s, server.port);
    QVERIFY(socket.waitForConnected(5000));
    socket.write("GET /mcp HTTP/1.1\r\nHost: localhost:" + QByteArray::number(server.port) +
                 "\r\nAccept: text/event-stream\r\nMcp-Session-Id: " + id + "\r\n\r\n");
    const Reply stream = readReply(socket, true);
    QCOMPARE(stream.status, 200);
    QCOMPARE(stream.header("content-type"), "text/event-stream");
    QVERIFY(stream.complete);
    // One stream per session at a time.
    QCOMPARE(server.request("GET", {}, {{"Accept", "text/event-stream"}, {"Mcp-Session-Id", id}}).status, 409);
    // Ending the session ends its stream.
    QCOMPARE(server.request("DELETE", {}, {{"Mcp-Session-Id", id}}).status, 204);
    QByteArray tail = socket.readAll();
    QDeadlineTimer deadline(5000);
    while (!tail.contains("0\r\n\r\n") && socket.waitForReadyRead(int(deadline.remainingTime()))) {
        tail += socket.readAll();
    }
    QVERIFY2(tail.contains("0\r\n\r\n"), tail.constData());
}

void TestMcpHttp::progress_comesAsAnEventStream()
{
    chasm::test::FixtureHome home(u"claude-code"_s);
    QVERIFY(home.isValid());
    Server server;
    QVERIFY2(server.start({}, {}, home.path()), server.err().constData());
    const QByteArray id = server.initialize();
    QVERIFY(!id.isEmpty());
    // The first search harvests the fixture's sessions, reporting progress to a client that asked for it.
    const auto call = [](int requestId) -> QByteArray {
        return R"({"jsonrpc":"2.0","id":)" + QByteArray::number(requestId) +
               R"(,"method":"tools/call","params":{"name":"chasm_search_sessions","arguments":{"query":"build"},)"
               R"("_meta":{"progressToken":"p1"}}})";
    };
    const Reply reply = server.request("POST", call(7), {{"Mcp-Session-Id", id}});
    QCOMPARE(reply.status, 200);
    QCOMPARE(reply.header("content-type"), "text/event-stream");
    QVERIFY(reply.complete);
    QList<QJsonObject> messages;
    for (const QByteArray& event : reply.body.split('\n')) {
        if (event.startsWith("data: ")) {
            messages << QJsonDocument::fromJson(event.mid(6)).object();
        }
    }
    // Progress first (the harvest's), the response last.
    QVERIFY2(messages.size() >= 2, reply.body.constData());
    for (qsizetype i = 0; i + 1 < messages.size(); ++i) {
        QCOMPARE(messages[i].value(u"method"_s).toString(), u"notifications/progress"_s);
        QCOMPARE(messages[i].value(u"params"_s).toObject().value(u"progressToken"_s).toString(), u"p1"_s);
    }
    QCOMPARE(messages.last().value(u"id"_s).toInt(), 7);
    const QByteArray result = QJsonDocument(messages.last().value(u"result"_s).toObject()).toJson();
    QVERIFY2(result.contains("11111111-aaaa-4bbb-8ccc-000000000001"), result.constData());

    // A client that takes JSON only gets the response alone.
    const Reply json = server.request("POST", call(8), {{"Mcp-Session-Id", id}, {"Accept", "application/json"}});
    QCOMPARE(json.status, 200);
    QCOMPARE(json.header("content-type"), "application/json");
    QCOMPARE(json.json().value(u"id"_s).toInt(), 8);
}

void TestMcpHttp::nonLoopbackBind_needsAToken()
{
    QTemporaryDir home;
    const auto ran = chasm::test::runChasm(
        home.path(), {u"mcp"_s, u"serve"_s, u"--http"_s, u"--host"_s, u"0.0.0.0"_s, u"--port"_s, u"0"_s}, {}, 20000);
    QVERIFY2(ran.finished && ran.exitCode != 0, ran.describe().constData());
    QVERIFY2(ran.err.contains("token"), ran.err.constData());
    QVERIFY2(!ran.err.contains("/mcp"), ran.err.constData());
}

void TestMcpHttp::token_isAskedForAndChecked()
{
    QTemporaryDir dir;
    const QString tokenFile = dir.filePath(u"token"_s);
    QFile file(tokenFile);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("s3cret-token-for-the-test\n");
    file.close();
    Server server;
    QVERIFY2(server.start({u"--token-file"_s, tokenFile}), server.err().constData());

    const Reply none = server.request("POST", initializeMessage());
    QCOMPARE(none.status, 401);
    QVERIFY(none.header("www-authenticate").startsWith("Bearer"));
    const Reply wrong =
        server.request("POST", initializeMessage(), {{"Authorization", "Bearer s3cret-token-for-the-tesT"}});
    QCOMPARE(wrong.status, 401);
    QVERIFY(wrong.header("www-authenticate").contains("invalid_token"));
    QCOMPARE(server.request("POST", initializeMessage(), {{"Authorization", "Basic czNjcmV0"}}).status, 401);
    // The file's line break is not part of the token.
    const Reply right =
        server.request("POST", initializeMessage(), {{"Authorization", "Bearer s3cret-token-for-the-test"}});
    QCOMPARE(right.status, 200);
    QVERIFY(!right.header("mcp-session-id").isEmpty());
}

void TestMcpHttp::token_fromTheEnvironment()
{
    QProcessEnvironment env;
    env.insert(u"CHASM_API_TOKEN"_s, u"from-the-environment"_s);
    Server server;
    QVERIFY2(server.start({}, env), server.err().constData());
    QCOMPARE(server.request("POST", initializeMessage()).status, 401);
    QCOMPARE(server.request("POST", initializeMessage(), {{"Authorization", "Bearer from-the-environment"}}).status,
             200);
}

// The database is brought up to date in the background when a call reads it: what that harvest found is logged,
// as a message of no request, on the GET stream of each session whose level admits it, and on no other.
void TestMcpHttp::backgroundHarvest_logsOnTheGetStream()
{
    chasm::test::FixtureHome home(u"claude-code"_s);
    QVERIFY(home.isValid());
    QTemporaryDir data;
    const QString database = data.filePath(u"chasm.db"_s);
    // A database of the fixture as it was before a new session was written: the background harvest finds that one.
    const auto harvest = chasm::test::runChasm(home.path(), {u"harvest"_s, u"run"_s, u"--db"_s, database}, {}, 60000);
    QVERIFY2(harvest.finished && harvest.exitCode == 0, harvest.describe().constData());
    const QString project = home.path() + u"/.claude/projects/-home-me-later"_s;
    QVERIFY(QDir().mkpath(project));
    QFile later(project + u"/5f2c0a4e-1b7d-4c39-9e0a-2d6b8f3c1a77.jsonl"_s);
    QVERIFY(later.open(QIODevice::WriteOnly));
    later.write(
        R"({"type":"user","sessionId":"5f2c0a4e-1b7d-4c39-9e0a-2d6b8f3c1a77","uuid":"u1","timestamp":)"
        R"("2026-11-30T10:00:00.000Z","cwd":"/home/me/later","message":{"role":"user","content":"a later question"}})"
        "\n");
    later.close();

    Server server;
    QVERIFY2(server.start({u"--db"_s, database}, {}, home.path()), server.err().constData());
    const auto openStream = [&server](QTcpSocket& stream, const QByteArray& id) {
        stream.connectToHost(u"127.0.0.1"_s, server.port);
        stream.waitForConnected(5000);
        stream.write("GET /mcp HTTP/1.1\r\nHost: 127.0.0.1:" + QByteArray::number(server.port) +
                     "\r\nAccept: text/event-stream\r\nMcp-Session-Id: " + id + "\r\n\r\n");
        return readReply(stream, true).status;
    };
    const QByteArray listening = server.initialize();
    const QByteArray quiet = server.initialize(); // keeps the default level, warning
    QVERIFY(!listening.isEmpty() && !quiet.isEmpty());
    QCOMPARE(server
                 .request("POST", R"({"jsonrpc":"2.0","id":2,"method":"logging/setLevel","params":{"level":"info"}})",
                          {{"Mcp-Session-Id", listening}})
                 .status,
             200);
    QTcpSocket stream;
    QCOMPARE(openStream(stream, listening), 200);
    QTcpSocket quietStream;
    QCOMPARE(openStream(quietStream, quiet), 200);

    const Reply stats = server.request(
        "POST", R"({"jsonrpc":"2.0","id":3,"method":"tools/call","params":{"name":"chasm_get_stats","arguments":{}}})",
        {{"Mcp-Session-Id", listening}});
    QCOMPARE(stats.status, 200);
    QByteArray events = stream.readAll();
    QDeadlineTimer deadline(30000);
    while (!events.contains("notifications/message") && stream.waitForReadyRead(int(deadline.remainingTime()))) {
        events += stream.readAll();
    }
    const qsizetype at = events.indexOf("data: ");
    QVERIFY2(at >= 0, events.constData());
    const QByteArray payload = events.mid(at + 6, events.indexOf('\n', at) - at - 6);
    const QJsonObject message = QJsonDocument::fromJson(payload).object();
    QCOMPARE(message.value(u"method"_s).toString(), u"notifications/message"_s);
    QVERIFY2(!message.contains(u"id"_s), payload.constData());
    const QJsonObject params = message.value(u"params"_s).toObject();
    QCOMPARE(params.value(u"level"_s).toString(), u"info"_s);
    QVERIFY2(params.value(u"data"_s).toString().contains(u"1 new and 0 changed sessions"_s), payload.constData());
    // The session left at warning heard nothing.
    QVERIFY(!quietStream.waitForReadyRead(1000));
    QVERIFY2(!quietStream.readAll().contains("notifications/message"), "a message the level did not admit");
}

QTEST_GUILESS_MAIN(TestMcpHttp)
#include "TestMcpHttp.moc"

// SIGTERM ends serving gracefully: the request running is still answered, the session's stream is ended, no new
// connection is taken, and the process exits 0.
void TestMcpHttp::sigterm_endsGracefully()
{
    chasm::test::FixtureHome home(u"claude-code"_s);
    QVERIFY(home.isValid());
    QTemporaryDir data;
    const QString database = data.filePath(u"chasm.db"_s);
    {
        // The fixture's sessions, and tool calls whose file history takes seconds.
        const auto harvest =
            chasm::test::runChasm(home.path(), {u"harvest"_s, u"run"_s, u"--db"_s, database}, {}, 60000);
        QVERIFY2(harvest.finished && harvest.exitCode == 0, harvest.describe().constData());
        const QString slow = chasm::test::addSlowToolCalls(database);
        QVERIFY2(slow.isEmpty(), qPrintable(slow));
    }
    Server server;
    QVERIFY2(server.start({u"--db"_s, database, u"--no-harvest"_s}, {}, home.path()), server.err().constData());
    const QByteArray id = server.initialize();
    QVERIFY(!id.isEmpty());

    QTcpSocket stream;
    stream.connectToHost(u"127.0.0.1"_s, server.port);
    QVERIFY(stream.waitForConnected(5000));
    stream.write("GET /mcp HTTP/1.1\r\nHost: 127.0.0.1:" + QByteArray::number(server.port) +
                 "\r\nAccept: text/event-stream\r\nMcp-Session-Id: " + id + "\r\n\r\n");
    QCOMPARE(readReply(stream, true).status, 200);

    const QByteArray slow = R"({"jsonrpc":"2.0","id":9,"method":"tools/call","params":{"name":"chasm_file_history",)"
                            R"("arguments":{"path":")" +
                            chasm::test::slowFilePath() + R"("}}})";
    QTcpSocket call;
    call.connectToHost(u"127.0.0.1"_s, server.port);
    QVERIFY(call.waitForConnected(5000));
    call.write("POST /mcp HTTP/1.1\r\nHost: 127.0.0.1:" + QByteArray::number(server.port) +
               "\r\nAccept: application/json\r\nContent-Type: application/json\r\nMcp-Session-Id: " + id +
               "\r\nContent-Length: " + QByteArray::number(slow.size()) + "\r\n\r\n" + slow);
    QVERIFY(call.waitForBytesWritten(5000));
    QThread::msleep(300);
    server.process().terminate();

    const Reply answer = readReply(call, false, 60000);
    QCOMPARE(answer.status, 200);
    QCOMPARE(answer.json().value(u"id"_s).toInt(), 9);
    QVERIFY2(answer.json().contains(u"result"_s), answer.body.constData());
    QByteArray tail = stream.readAll();
    QDeadlineTimer deadline(10000);
    while (!tail.contains("0\r\n\r\n") && stream.waitForReadyRead(int(deadline.remainingTime()))) {
        tail += stream.readAll();
    }
    QVERIFY2(tail.contains("0\r\n\r\n"), tail.constData());
    QVERIFY(server.process().waitForFinished(30000));
    QCOMPARE(server.process().exitStatus(), QProcess::NormalExit);
    QCOMPARE(server.process().exitCode(), 0);
    QVERIFY2(server.err().contains("stopping"), server.err().constData());
    QTcpSocket late;
    late.connectToHost(u"127.0.0.1"_s, server.port);
    QVERIFY(!late.waitForConnected(2000));
}
