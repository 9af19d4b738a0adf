// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

// The recording API of `chasm api serve`, run as a real child process on 127.0.0.1 over a database of the test's own,
// talked to with Qt's HTTP client and a real QWebSocket: acknowledgements, idempotent replays, gaps, the checks on
// every field, the limits, the token on the WebSocket's handshake, and recorded sessions seen by the other commands.

#include "ChasmProcess.h"
#include "McpHttpProcess.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QWebSocket>

#include <memory>

using namespace Qt::StringLiterals;

namespace {

const QByteArray Token = "recording-test-token";

struct Reply
{
    int status = 0;
    QByteArray body;
    QJsonObject json;
    QString errorCode() const { return json.value(u"error"_s).toObject().value(u"code"_s).toString(); }
    QString errorMessage() const { return json.value(u"error"_s).toObject().value(u"message"_s).toString(); }
};

QByteArray compact(const QJsonValue& value)
{
    return value.isArray() ? QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact)
                           : QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact);
}

QJsonObject add(const QString& session, qint64 seq, const QString& content, const QString& messageId = {})
{
    QJsonObject event{{u"type"_s, u"message_add"_s},
                      {u"session_id"_s, session},
                      {u"seq"_s, seq},
                      {u"role"_s, u"user"_s},
                      {u"content"_s, content}};
    if (!messageId.isEmpty()) {
        event.insert(u"message_id"_s, messageId);
    }
    return event;
}

QJsonObject start(const QString& session, const QString& title)
{
    return {{u"type"_s, u"session_start"_s},
            {u"session_id"_s, session},
            {u"seq"_s, 1},
            {u"title"_s, title},
            {u"provider"_s, u"vscode-recorder"_s},
            {u"project_path"_s, u"/home/dev/web"_s}};
}

// A WebSocket to the server, with what it received.
class Socket
{
public:
    explicit Socket(const QUrl& url, const QByteArray& token, const QByteArray& origin = {})
        : m_messages(&m_socket, &QWebSocket::textMessageReceived)
        , m_connected(&m_socket, &QWebSocket::connected)
        , m_disconnected(&m_socket, &QWebSocket::disconnected)
    {
        QNetworkRequest request(url);
        if (!token.isEmpty()) {
            request.setRawHeader("Authorization", "Bearer " + token);
        }
        if (!origin.isEmpty()) {
            request.setRawHeader("Origin", origin);
        }
        m_socket.open(request);
    }
    bool waitConnected() { return !m_connected.isEmpty() || m_connected.wait(10000); }
    bool wasConnected() const { return !m_connected.isEmpty(); }
    bool waitDisconnected() { return !m_disconnected.isEmpty() || m_disconnected.wait(10000); }
    void send(const QJsonValue& value) { m_socket.sendTextMessage(QString::fromUtf8(compact(value))); }
    // The next message received, skipping what was read before.
    QJsonObject next()
    {
        if (m_read >= m_messages.size() && !m_messages.wait(10000)) {
            return {};
        }
        return QJsonDocument::fromJson(m_messages.at(m_read++).at(0).toString().toUtf8()).object();
    }
    QWebSocket& socket() { return m_socket; }

private:
    QWebSocket m_socket;
    QSignalSpy m_messages;
    QSignalSpy m_connected;
    QSignalSpy m_disconnected;
    qsizetype m_read = 0;
};

} // namespace

class TestRecording : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void batch_isAcknowledgedOnce();
    void gap_isReportedAndNotApplied();
    void events_areChecked_data();
    void events_areChecked();
    void limits_refuseOversizeBatchesAndMessages();
    void webSocket_asksForTheToken();
    void webSocket_recordsResumesAndReportsGaps();
    void streaming_updateAndAppend();
    void snapshot_replacesTheSession();
    void recordedSessions_areHarvestedSessions();
    void bigSession_rowsFollowItsEvents();
    void status_tellsWhatWasStored();
    void serverEvents_tellHarvestsAndRecordings();
    void webSocket_closesAClientThatOutrunsTheWriter();

private:
    Reply request(const QByteArray& method, const QString& path, const QByteArray& body = {},
                  const QByteArray& token = Token);
    Reply post(const QString& path, const QJsonValue& body) { return request("POST", path, compact(body)); }
    Reply get(const QString& path) { return request("GET", path); }
    QUrl socketUrl() const { return QUrl(u"ws://127.0.0.1:%1/api/v1/recording/ws"_s.arg(m_server.port())); }

    QTemporaryDir m_home;
    QString m_database;
    chasm::test::McpHttpProcess m_server;
    QNetworkAccessManager m_network;
};

void TestRecording::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(m_home.isValid());
    m_database = m_home.filePath(u"chasm.db"_s);
    QProcessEnvironment environment;
    environment.insert(u"CHASM_API_TOKEN"_s, QString::fromLatin1(Token));
    QVERIFY2(m_server.startWith(m_home.path(), {u"--db"_s, m_database, u"api"_s, u"serve"_s, u"--port"_s, u"0"_s},
                                environment),
             m_server.err().constData());
}

Reply TestRecording::request(const QByteArray& method, const QString& path, const QByteArray& body,
                             const QByteArray& token)
{
    QNetworkRequest request(QUrl(u"http://127.0.0.1:%1%2"_s.arg(m_server.port()).arg(path)));
    if (!token.isEmpty()) {
        request.setRawHeader("Authorization", "Bearer " + token);
    }
    request.setHeader(QNetworkRequest::ContentTypeHeader, u"application/json"_s);
    QNetworkReply* reply = m_network.sendCustomRequest(request, method, body);
    QSignalSpy done(reply, &QNetworkReply::finished);
    if (!reply->isFinished() && !done.wait(30000)) {
        return {};
    }
    Reply answer;
    answer.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    answer.body = reply->readAll();
    answer.json = QJsonDocument::fromJson(answer.body).object();
    reply->deleteLater();
    return answer;
}

void TestRecording::batch_isAcknowledgedOnce()
{
    const QJsonArray batch{start(u"rest-1"_s, u"Batch one"_s), add(u"rest-1"_s, 2, u"first words"_s),
                           add(u"rest-1"_s, 3, u"second words"_s)};
    Reply reply = post(u"/api/v1/recording/events"_s, batch);
    QCOMPARE(reply.status, 200);
    const QJsonArray expected{QJsonObject{{u"type"_s, u"ack"_s}, {u"session_id"_s, u"rest-1"_s}, {u"seq"_s, 3}}};
    QCOMPARE(reply.json.value(u"acks"_s).toArray(), expected);
    QCOMPARE(reply.json.value(u"errors"_s).toArray(), QJsonArray());

    // The same batch again (a client that lost the answer): acknowledged, stored once.
    reply = post(u"/api/v1/recording/events"_s, QJsonObject{{u"events"_s, batch}});
    QCOMPARE(reply.status, 200);
    QCOMPARE(reply.json.value(u"acks"_s).toArray(), expected);
    reply = get(u"/api/v1/recording/sessions/rest-1"_s);
    QCOMPARE(reply.status, 200);
    QCOMPARE(reply.json.value(u"last_seq"_s).toInt(), 3);
    QCOMPARE(reply.json.value(u"events"_s).toInt(), 3);
    QCOMPARE(reply.json.value(u"client"_s).toString(), u"vscode-recorder"_s);
    const QJsonObject session = reply.json.value(u"session"_s).toObject();
    QCOMPARE(session.value(u"id"_s).toString(), u"recording:rest-1"_s);
    QCOMPARE(session.value(u"title"_s).toString(), u"Batch one"_s);
    const QJsonArray messages = session.value(u"messages"_s).toArray();
    QCOMPARE(messages.size(), 2);
    QCOMPARE(messages.at(1).toObject().value(u"content"_s).toString(), u"second words"_s);

    // The unversioned alias, and the listing.
    reply = get(u"/api/recording/sessions"_s);
    QCOMPARE(reply.status, 200);
    bool listed = false;
    for (const QJsonValue& entry : reply.json.value(u"sessions"_s).toArray()) {
        listed = listed || entry.toObject().value(u"session_id"_s).toString() == u"rest-1"_s;
    }
    QVERIFY(listed);
    QCOMPARE(get(u"/api/v1/recording/sessions/never-recorded"_s).status, 404);
}

void TestRecording::gap_isReportedAndNotApplied()
{
    QCOMPARE(post(u"/api/v1/recording/events"_s, QJsonArray{start(u"gap-1"_s, u"Gaps"_s)}).status, 200);
    // 2 is stored; 4 comes before 3: it and what follows it for this session are not.
    const Reply reply =
        post(u"/api/v1/recording/events"_s,
             QJsonArray{add(u"gap-1"_s, 2, u"two"_s), add(u"gap-1"_s, 4, u"four"_s), add(u"gap-1"_s, 5, u"five"_s)});
    QCOMPARE(reply.status, 409);
    QCOMPARE(reply.errorCode(), u"conflict"_s);
    QCOMPARE(reply.json.value(u"error"_s).toObject().value(u"expected_seq"_s).toInt(), 3);
    QCOMPARE(reply.json.value(u"acks"_s).toArray().at(0).toObject().value(u"seq"_s).toInt(), 2);
    const QJsonObject gap = reply.json.value(u"errors"_s).toArray().at(0).toObject();
    QCOMPARE(gap.value(u"code"_s).toString(), u"gap"_s);
    QCOMPARE(gap.value(u"seq"_s).toInt(), 4);
    QCOMPARE(gap.value(u"expected_seq"_s).toInt(), 3);
    QCOMPARE(gap.value(u"dropped"_s).toInt(), 2);
    const Reply session = get(u"/api/v1/recording/sessions/gap-1"_s);
    QCOMPARE(session.json.value(u"last_seq"_s).toInt(), 2);
    QCOMPARE(session.json.value(u"session"_s).toObject().value(u"messages"_s).toArray().size(), 1);
    // A session's first event must be seq 1.
    const Reply first = post(u"/api/v1/recording/events"_s, add(u"gap-2"_s, 7, u"seven"_s));
    QCOMPARE(first.status, 409);
    QCOMPARE(first.json.value(u"error"_s).toObject().value(u"expected_seq"_s).toInt(), 1);
    QCOMPARE(get(u"/api/v1/recording/sessions/gap-2"_s).status, 404);
}

void TestRecording::events_areChecked_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("message");
    const auto with = [](QJsonObject event, const QString& key, const QJsonValue& value) {
        if (value.isUndefined()) {
            event.remove(key);
        } else {
            event.insert(key, value);
        }
        return compact(event);
    };
    const QJsonObject valid = add(u"checked"_s, 1, u"text"_s, u"m1"_s);
    QTest::newRow("not json") << QByteArray("{\"type\":") << u"not valid JSON"_s;
    QTest::newRow("not an object") << QByteArray("[1]") << u"event 1: an event is a JSON object"_s;
    QTest::newRow("empty batch") << QByteArray("[]") << u"the batch holds no events"_s;
    QTest::newRow("unknown type") << with(valid, u"type"_s, u"message_delete"_s) << u"'type' is one of"_s;
    QTest::newRow("no session") << with(valid, u"session_id"_s, QJsonValue::Undefined) << u"'session_id' is required"_s;
    QTest::newRow("traversal id") << with(valid, u"session_id"_s, u"../../etc"_s) << u"'session_id' is 1 to 128"_s;
    QTest::newRow("slash id") << with(valid, u"session_id"_s, u"a/b"_s) << u"'session_id' is 1 to 128"_s;
    QTest::newRow("long id") << with(valid, u"session_id"_s, QString(129, u'a')) << u"longer than 128 bytes"_s;
    QTest::newRow("numeric id") << with(valid, u"session_id"_s, 12) << u"'session_id' must be a string"_s;
    QTest::newRow("seq zero") << with(valid, u"seq"_s, 0) << u"'seq' must be a whole number from 1"_s;
    QTest::newRow("seq fraction") << with(valid, u"seq"_s, 1.5) << u"'seq' must be a whole number from 1"_s;
    QTest::newRow("seq text") << with(valid, u"seq"_s, u"1"_s) << u"'seq' must be a whole number from 1"_s;
    QTest::newRow("no seq") << with(valid, u"seq"_s, QJsonValue::Undefined) << u"'seq' is required"_s;
    QTest::newRow("bad role") << with(valid, u"role"_s, u"root"_s) << u"'role' is user, assistant or system"_s;
    QTest::newRow("no content") << with(valid, u"content"_s, QJsonValue::Undefined) << u"'content' is required"_s;
    QTest::newRow("content object") << with(valid, u"content"_s, QJsonObject()) << u"'content' must be a string"_s;
    QTest::newRow("unknown key") << with(valid, u"color"_s, u"red"_s)
                                 << u"message_add takes role, content, message_id, model, status, error, not 'color'"_s;
    QTest::newRow("bad time") << with(valid, u"timestamp"_s, u"yesterday"_s) << u"'timestamp' is an ISO 8601"_s;
    QTest::newRow("update without id") << compact(QJsonObject{{u"type"_s, u"message_update"_s},
                                                              {u"session_id"_s, u"x"_s},
                                                              {u"seq"_s, 1},
                                                              {u"content"_s, u"t"_s}})
                                       << u"'message_id' is required"_s;
    QTest::newRow("client with space") << compact(QJsonObject{{u"type"_s, u"session_start"_s},
                                                              {u"session_id"_s, u"x"_s},
                                                              {u"seq"_s, 1},
                                                              {u"provider"_s, u"my client"_s}})
                                       << u"'provider' names the recording client"_s;
    QJsonObject negative = valid;
    negative.insert(u"seq"_s, -3);
    QTest::newRow("second event bad") << compact(QJsonArray{valid, negative})
                                      << u"event 2: 'seq' must be a whole number"_s;
}

void TestRecording::events_areChecked()
{
    QFETCH(QByteArray, body);
    QFETCH(QString, message);
    const Reply reply = request("POST", u"/api/v1/recording/events"_s, body);
    QCOMPARE(reply.status, 400);
    QCOMPARE(reply.errorCode(), u"bad_request"_s);
    QVERIFY2(reply.errorMessage().contains(message), qPrintable(reply.errorMessage()));
    // Nothing of a refused batch is stored.
    QCOMPARE(get(u"/api/v1/recording/sessions/checked"_s).status, 404);
}

void TestRecording::limits_refuseOversizeBatchesAndMessages()
{
    // A body past the server's limit (4 MiB) is refused before it is read.
    const QString big(5 * 1024 * 1024, u'x');
    Reply reply = post(u"/api/v1/recording/events"_s, add(u"big"_s, 1, big));
    QCOMPARE(reply.status, 413);
    QCOMPARE(reply.errorCode(), u"payload_too_large"_s);
    // An event's content past 1 MiB, in a body the server reads.
    reply = post(u"/api/v1/recording/events"_s, add(u"big"_s, 1, QString(1024 * 1024 + 1, u'y')));
    QCOMPARE(reply.status, 400);
    QVERIFY2(reply.errorMessage().contains(u"'content' is longer than 1048576 bytes"_s),
             qPrintable(reply.errorMessage()));
    // More events than a batch holds.
    QJsonArray many;
    for (int seq = 1; seq <= 10001; ++seq) {
        many.append(QJsonObject{{u"type"_s, u"heartbeat"_s}, {u"session_id"_s, u"many"_s}, {u"seq"_s, seq}});
    }
    reply = post(u"/api/v1/recording/events"_s, many);
    QCOMPARE(reply.status, 413);
    QVERIFY2(reply.errorMessage().contains(u"at most 10000 events"_s), qPrintable(reply.errorMessage()));
    QCOMPARE(get(u"/api/v1/recording/sessions/big"_s).status, 404);
    QCOMPARE(get(u"/api/v1/recording/sessions/many"_s).status, 404);
    // More messages than a snapshot holds, in a body the server reads.
    QJsonArray messages;
    for (int i = 0; i <= 100000; ++i) {
        messages.append(QJsonObject{{u"role"_s, u"user"_s}, {u"content"_s, u""_s}});
    }
    reply = post(u"/api/v1/recording/snapshot"_s, QJsonObject{{u"session_id"_s, u"huge"_s}, {u"messages"_s, messages}});
    QCOMPARE(reply.status, 413);
    QVERIFY2(reply.errorMessage().contains(u"at most 100000 messages"_s), qPrintable(reply.errorMessage()));
    QCOMPARE(get(u"/api/v1/recording/sessions/huge"_s).status, 404);

    // A WebSocket message past the limit closes the socket (1009, too much data); nothing of it is stored.
    Socket socket(socketUrl(), Token);
    QVERIFY(socket.waitConnected());
    QCOMPARE(socket.next().value(u"type"_s).toString(), u"hello"_s);
    socket.send(add(u"big-ws"_s, 1, big));
    QVERIFY(socket.waitDisconnected());
    QCOMPARE(socket.socket().closeCode(), QWebSocketProtocol::CloseCodeTooMuchData);
    QCOMPARE(get(u"/api/v1/recording/sessions/big-ws"_s).status, 404);
}

void TestRecording::webSocket_asksForTheToken()
{
    // The handshake as it goes over the wire: refused with the API's statuses before any upgrade.
    const auto handshake = [this](const QByteArray& headers) {
        QTcpSocket socket;
        socket.connectToHost(u"127.0.0.1"_s, m_server.port());
        if (!socket.waitForConnected(5000)) {
            return QByteArray();
        }
        socket.write("GET /api/v1/recording/ws HTTP/1.1\r\nHost: 127.0.0.1:" + QByteArray::number(m_server.port()) +
                     "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\n"
                     "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n" +
                     headers + "\r\n");
        QByteArray received;
        while (!received.contains("\r\n") && socket.waitForReadyRead(5000)) {
            received += socket.readAll();
        }
        return received.left(received.indexOf("\r\n"));
    };
    QCOMPARE(handshake({}), QByteArray("HTTP/1.1 401 Unauthorized"));
    QCOMPARE(handshake("Authorization: Bearer wrong-token\r\n"), QByteArray("HTTP/1.1 401 Unauthorized"));
    QCOMPARE(handshake("Authorization: Bearer " + Token + "\r\nOrigin: http://evil.example\r\n"),
             QByteArray("HTTP/1.1 403 Forbidden"));
    QCOMPARE(handshake("Authorization: Bearer " + Token + "\r\n"), QByteArray("HTTP/1.1 101 Switching Protocols"));

    // The same through Qt's WebSocket client.
    for (const QByteArray& token : {QByteArray(), QByteArray("wrong-token")}) {
        Socket refused(socketUrl(), token);
        QVERIFY(refused.waitDisconnected());
        QVERIFY(!refused.wasConnected());
    }
    // A web page's origin (DNS rebinding) is refused even with the token.
    Socket foreign(socketUrl(), Token, "http://evil.example");
    QVERIFY(foreign.waitDisconnected());
    QVERIFY(!foreign.wasConnected());
    // Only the recording's path is a WebSocket.
    Socket elsewhere(QUrl(u"ws://127.0.0.1:%1/api/v1/sessions"_s.arg(m_server.port())), Token);
    QVERIFY(elsewhere.waitDisconnected());
    // The endpoint over plain HTTP says what it is.
    const Reply plain = get(u"/api/v1/recording/ws"_s);
    QCOMPARE(plain.status, 400);
    QVERIFY(plain.errorMessage().contains(u"is a WebSocket"_s));

    Socket allowed(socketUrl(), Token);
    QVERIFY(allowed.waitConnected());
    const QJsonObject hello = allowed.next();
    QCOMPARE(hello.value(u"type"_s).toString(), u"hello"_s);
    QCOMPARE(hello.value(u"protocol"_s).toInt(), 1);
}

void TestRecording::webSocket_recordsResumesAndReportsGaps()
{
    Socket socket(socketUrl(), Token);
    QVERIFY(socket.waitConnected());
    QCOMPARE(socket.next().value(u"type"_s).toString(), u"hello"_s);
    socket.send(QJsonObject{{u"type"_s, u"resume"_s}, {u"session_id"_s, u"ws-1"_s}});
    QCOMPARE(socket.next(), (QJsonObject{{u"type"_s, u"resume"_s}, {u"session_id"_s, u"ws-1"_s}, {u"last_seq"_s, 0}}));
    socket.send(start(u"ws-1"_s, u"Over the socket"_s));
    QCOMPARE(socket.next(), (QJsonObject{{u"type"_s, u"ack"_s}, {u"session_id"_s, u"ws-1"_s}, {u"seq"_s, 1}}));
    socket.send(QJsonArray{add(u"ws-1"_s, 2, u"hello socket"_s), add(u"ws-1"_s, 3, u"again"_s)});
    QCOMPARE(socket.next().value(u"seq"_s).toInt(), 3);
    // A replay is acknowledged where the session stands, and not stored again.
    socket.send(add(u"ws-1"_s, 2, u"hello socket"_s));
    QCOMPARE(socket.next().value(u"seq"_s).toInt(), 3);
    // A gap: reported with the seq expected.
    socket.send(add(u"ws-1"_s, 9, u"nine"_s));
    const QJsonObject gap = socket.next();
    QCOMPARE(gap.value(u"type"_s).toString(), u"error"_s);
    QCOMPARE(gap.value(u"code"_s).toString(), u"gap"_s);
    QCOMPARE(gap.value(u"expected_seq"_s).toInt(), 4);
    // A malformed message: reported, the socket stays.
    socket.send(QJsonObject{{u"type"_s, u"message_add"_s}});
    const QJsonObject invalid = socket.next();
    QCOMPARE(invalid.value(u"code"_s).toString(), u"invalid_event"_s);
    QVERIFY(invalid.value(u"message"_s).toString().contains(u"'session_id' is required"_s));

    // Another connection learns where the session stands.
    Socket again(socketUrl(), Token);
    QVERIFY(again.waitConnected());
    again.next();
    again.send(QJsonObject{{u"type"_s, u"resume"_s}, {u"session_id"_s, u"ws-1"_s}});
    QCOMPARE(again.next().value(u"last_seq"_s).toInt(), 3);
    const Reply session = get(u"/api/v1/recording/sessions/ws-1"_s);
    QCOMPARE(session.json.value(u"events"_s).toInt(), 3);
    QCOMPARE(session.json.value(u"session"_s).toObject().value(u"messages"_s).toArray().size(), 2);
}

void TestRecording::streaming_updateAndAppend()
{
    const QJsonArray events{
        start(u"stream-1"_s, u"Streaming"_s),
        add(u"stream-1"_s, 2, u"question"_s, u"q"_s),
        QJsonObject{{u"type"_s, u"message_add"_s},
                    {u"session_id"_s, u"stream-1"_s},
                    {u"seq"_s, 3},
                    {u"role"_s, u"assistant"_s},
                    {u"content"_s, u"Ans"_s},
                    {u"message_id"_s, u"a"_s},
                    {u"model"_s, u"gpt-test"_s},
                    {u"timestamp"_s, u"2026-12-01T10:00:00Z"_s}},
        QJsonObject{{u"type"_s, u"message_append"_s},
                    {u"session_id"_s, u"stream-1"_s},
                    {u"seq"_s, 4},
                    {u"message_id"_s, u"a"_s},
                    {u"content"_s, u"wer"_s}},
        QJsonObject{{u"type"_s, u"message_update"_s},
                    {u"session_id"_s, u"stream-1"_s},
                    {u"seq"_s, 5},
                    {u"message_id"_s, u"q"_s},
                    {u"content"_s, u"the question"_s}},
        QJsonObject{{u"type"_s, u"heartbeat"_s}, {u"session_id"_s, u"stream-1"_s}, {u"seq"_s, 6}},
        QJsonObject{{u"type"_s, u"session_end"_s}, {u"session_id"_s, u"stream-1"_s}, {u"seq"_s, 7}},
    };
    QCOMPARE(post(u"/api/v1/recording/events"_s, events).status, 200);
    const Reply reply = get(u"/api/v1/recording/sessions/stream-1"_s);
    QCOMPARE(reply.json.value(u"recording"_s).toBool(), false);
    QVERIFY(!reply.json.value(u"ended_at"_s).toString().isEmpty());
    const QJsonObject session = reply.json.value(u"session"_s).toObject();
    const QJsonArray messages = session.value(u"messages"_s).toArray();
    QCOMPARE(messages.size(), 2);
    QCOMPARE(messages.at(0).toObject().value(u"content"_s).toString(), u"the question"_s);
    QCOMPARE(messages.at(1).toObject().value(u"content"_s).toString(), u"Answer"_s);
    QCOMPARE(messages.at(1).toObject().value(u"role"_s).toString(), u"assistant"_s);
    QCOMPARE(messages.at(1).toObject().value(u"model"_s).toString(), u"gpt-test"_s);
    QCOMPARE(session.value(u"project_path"_s).toString(), u"/home/dev/web"_s);
}

void TestRecording::snapshot_replacesTheSession()
{
    const QJsonObject snapshot{
        {u"session_id"_s, u"snap-1"_s},
        {u"seq"_s, 4},
        {u"title"_s, u"Snapshot"_s},
        {u"provider"_s, u"cursor-recorder"_s},
        {u"messages"_s,
         QJsonArray{
             QJsonObject{{u"role"_s, u"user"_s}, {u"content"_s, u"snap question"_s}},
             QJsonObject{{u"role"_s, u"assistant"_s}, {u"content"_s, u"snap ans"_s}, {u"message_id"_s, u"a1"_s}}}}};
    Reply reply = post(u"/api/v1/recording/snapshot"_s, snapshot);
    QCOMPARE(reply.status, 200);
    QCOMPARE(reply.json.value(u"acks"_s).toArray().at(0).toObject().value(u"seq"_s).toInt(), 4);
    // Events go on after the seq the snapshot covers, and may name its messages.
    reply = post(u"/api/v1/recording/events"_s, QJsonObject{{u"type"_s, u"message_append"_s},
                                                            {u"session_id"_s, u"snap-1"_s},
                                                            {u"seq"_s, 5},
                                                            {u"message_id"_s, u"a1"_s},
                                                            {u"content"_s, u"wer"_s}});
    QCOMPARE(reply.status, 200);
    reply = get(u"/api/v1/recording/sessions/snap-1"_s);
    QCOMPARE(reply.json.value(u"snapshot_seq"_s).toInt(), 4);
    QCOMPARE(reply.json.value(u"last_seq"_s).toInt(), 5);
    QCOMPARE(reply.json.value(u"client"_s).toString(), u"cursor-recorder"_s);
    const QJsonArray messages = reply.json.value(u"session"_s).toObject().value(u"messages"_s).toArray();
    QCOMPARE(messages.size(), 2);
    QCOMPARE(messages.at(1).toObject().value(u"content"_s).toString(), u"snap answer"_s);
    // A snapshot older than the events recorded since is refused: it would drop the append of seq 5.
    QJsonObject stale = snapshot;
    stale[u"seq"_s] = 4;
    reply = post(u"/api/v1/recording/snapshot"_s, stale);
    QCOMPARE(reply.status, 409);
    QVERIFY2(reply.errorMessage().contains(u"but 5 are recorded"_s), qPrintable(reply.errorMessage()));
    reply = get(u"/api/v1/recording/sessions/snap-1"_s);
    QCOMPARE(reply.json.value(u"last_seq"_s).toInt(), 5);
    QCOMPARE(reply.json.value(u"session"_s)
                 .toObject()
                 .value(u"messages"_s)
                 .toArray()
                 .at(1)
                 .toObject()
                 .value(u"content"_s)
                 .toString(),
             u"snap answer"_s);
    // Checked as events are.
    reply =
        post(u"/api/v1/recording/snapshot"_s,
             QJsonObject{{u"session_id"_s, u"snap-2"_s},
                         {u"messages"_s, QJsonArray{QJsonObject{{u"role"_s, u"robot"_s}, {u"content"_s, u"x"_s}}}}});
    QCOMPARE(reply.status, 400);
    QVERIFY2(reply.errorMessage().contains(u"message 1: 'role' is user, assistant or system"_s),
             qPrintable(reply.errorMessage()));
}

void TestRecording::recordedSessions_areHarvestedSessions()
{
    QCOMPARE(post(u"/api/v1/recording/events"_s,
                  QJsonArray{start(u"found-1"_s, u"Findable"_s), add(u"found-1"_s, 2, u"zanzibarquokka recorded"_s)})
                 .status,
             200);
    // The other commands read the database the server writes, as it is on disk.
    const chasm::test::Ran search = chasm::test::runChasm(
        m_home.path(), {u"--db"_s, m_database, u"harvest"_s, u"search"_s, u"zanzibarquokka"_s, u"--json"_s});
    QVERIFY2(search.exitCode == 0, search.describe().constData());
    QVERIFY2(search.out.contains("recording:found-1"), search.out.constData());
    const chasm::test::Ran list =
        chasm::test::runChasm(m_home.path(), {u"--db"_s, m_database, u"harvest"_s, u"list"_s, u"--json"_s});
    QVERIFY2(list.exitCode == 0, list.describe().constData());
    QVERIFY2(list.out.contains("recording:found-1"), list.out.constData());
    QVERIFY2(list.out.contains("Findable"), list.out.constData());
    // Their provider is `recording`, which every filter of the database takes.
    const chasm::test::Ran recorded =
        chasm::test::runChasm(m_home.path(), {u"--db"_s, m_database, u"harvest"_s, u"search"_s, u"zanzibarquokka"_s,
                                              u"--provider"_s, u"recording"_s, u"--json"_s});
    QVERIFY2(recorded.exitCode == 0, recorded.describe().constData());
    QVERIFY2(recorded.out.contains("recording:found-1"), recorded.out.constData());
    const chasm::test::Ran elsewhere =
        chasm::test::runChasm(m_home.path(), {u"--db"_s, m_database, u"harvest"_s, u"search"_s, u"zanzibarquokka"_s,
                                              u"--provider"_s, u"claude"_s, u"--json"_s});
    QVERIFY2(elsewhere.exitCode == 0, elsewhere.describe().constData());
    QVERIFY2(!elsewhere.out.contains("recording:found-1"), elsewhere.out.constData());
    const chasm::test::Ran listed = chasm::test::runChasm(
        m_home.path(), {u"--db"_s, m_database, u"harvest"_s, u"list"_s, u"--provider"_s, u"recording"_s, u"--json"_s});
    QVERIFY2(listed.exitCode == 0, listed.describe().constData());
    QVERIFY2(listed.out.contains("recording:found-1"), listed.out.constData());
    // And the REST API's sessions and search.
    Reply reply = get(u"/api/v1/sessions/recording:found-1"_s);
    QCOMPARE(reply.status, 200);
    QCOMPARE(reply.json.value(u"title"_s).toString(), u"Findable"_s);
    reply = get(u"/api/v1/search?q=zanzibarquokka"_s);
    QCOMPARE(reply.status, 200);
    QVERIFY2(reply.body.contains("\"recording:found-1\""), reply.body.constData());
    reply = get(u"/api/v1/search?q=zanzibarquokka&provider=recording"_s);
    QCOMPARE(reply.status, 200);
    QVERIFY2(reply.body.contains("\"recording:found-1\""), reply.body.constData());
    reply = get(u"/api/v1/sessions?provider=recording"_s);
    QCOMPARE(reply.status, 200);
    QVERIFY2(reply.body.contains("\"recording:found-1\""), reply.body.constData());
}

void TestRecording::bigSession_rowsFollowItsEvents()
{
    // A session past a megabyte has its rows (listings, search, exports) written apart from its events, shortly
    // after them: the events are acknowledged once stored, without waiting for the whole session to be written again.
    const QString words = u"bulky words "_s.repeated(60000); // 720 kB a message
    QCOMPARE(post(u"/api/v1/recording/events"_s, QJsonArray{start(u"big-rows"_s, u"Big rows"_s),
                                                            add(u"big-rows"_s, 2, words), add(u"big-rows"_s, 3, words)})
                 .status,
             200);
    // Its first rows come with its first events.
    Reply reply = get(u"/api/v1/sessions/recording:big-rows"_s);
    QCOMPARE(reply.status, 200);
    QCOMPARE(reply.json.value(u"title"_s).toString(), u"Big rows"_s);
    for (int seq = 4; seq <= 6; ++seq) {
        reply =
            post(u"/api/v1/recording/events"_s, QJsonArray{add(u"big-rows"_s, seq, u"quetzalpangolin %1"_s.arg(seq))});
        QCOMPARE(reply.status, 200);
        QCOMPARE(reply.json.value(u"acks"_s).toArray().at(0).toObject().value(u"seq"_s).toInt(), seq);
    }
    // The recorded session has them at once; its rows, once written.
    reply = get(u"/api/v1/recording/sessions/big-rows"_s);
    QCOMPARE(reply.status, 200);
    QCOMPARE(reply.json.value(u"session"_s).toObject().value(u"messages"_s).toArray().size(), 5);
    QTRY_VERIFY_WITH_TIMEOUT(get(u"/api/v1/recording/status"_s).json.value(u"sessions_behind"_s).toInt() == 0, 10000);
    reply = get(u"/api/v1/search?q=quetzalpangolin"_s);
    QCOMPARE(reply.status, 200);
    QVERIFY2(reply.body.contains("\"recording:big-rows\""), reply.body.constData());
    reply = get(u"/api/v1/sessions/recording:big-rows/messages"_s);
    QCOMPARE(reply.status, 200);
    QCOMPARE(reply.json.value(u"messages"_s).toArray().size(), 5);
    QVERIFY(reply.json.value(u"messages"_s)
                .toArray()
                .at(4)
                .toObject()
                .value(u"text"_s)
                .toString()
                .endsWith(u"quetzalpangolin 6"_s));
}

void TestRecording::status_tellsWhatWasStored()
{
    const Reply reply = get(u"/api/v1/recording/status"_s);
    QCOMPARE(reply.status, 200);
    QVERIFY(reply.json.value(u"events_stored"_s).toInt() > 10);
    QVERIFY(reply.json.value(u"duplicates_ignored"_s).toInt() >= 4);
    QVERIFY(reply.json.value(u"gaps"_s).toInt() >= 3);
    QCOMPARE(reply.json.value(u"queued"_s).toInt(), 0);
    QCOMPARE(reply.json.value(u"database"_s).toString(), m_database);
    // Nothing without the token.
    QCOMPARE(request("GET", u"/api/v1/recording/status"_s, {}, {}).status, 401);
}

void TestRecording::serverEvents_tellHarvestsAndRecordings()
{
    Socket events(QUrl(u"ws://127.0.0.1:%1/api/v1/ws"_s.arg(m_server.port())), Token);
    QVERIFY(events.waitConnected());
    const QJsonObject status = events.next();
    QCOMPARE(status.value(u"type"_s).toString(), u"status"_s);
    QCOMPARE(status.value(u"status"_s).toString(), u"healthy"_s);
    QVERIFY(status.value(u"recording"_s).toObject().contains(u"events_stored"_s));

    QCOMPARE(post(u"/api/v1/recording/events"_s, QJsonArray{start(u"live-1"_s, u"Live"_s)}).status, 200);
    const QJsonObject changed = events.next();
    QCOMPARE(changed.value(u"type"_s).toString(), u"sessions_changed"_s);
    QCOMPARE(changed.value(u"source"_s).toString(), u"recording"_s);
    QCOMPARE(changed.value(u"sessions"_s).toArray(), QJsonArray{u"recording:live-1"_s});

    // A harvest started over HTTP (of this HOME, which holds no tool's files) tells its end, then what changed.
    const Reply started = request("POST", u"/api/v1/harvest"_s);
    QCOMPARE(started.status, 202);
    const QString job = started.json.value(u"job"_s).toString();
    QJsonObject event;
    do {
        event = events.next();
        QVERIFY2(!event.isEmpty(), "no harvest_end");
    } while (event.value(u"type"_s).toString() == u"harvest_progress"_s);
    QCOMPARE(event.value(u"type"_s).toString(), u"harvest_end"_s);
    QCOMPARE(event.value(u"job"_s).toString(), job);
    QCOMPARE(event.value(u"state"_s).toString(), u"finished"_s);
    event = events.next();
    QCOMPARE(event.value(u"type"_s).toString(), u"sessions_changed"_s);
    QCOMPARE(event.value(u"source"_s).toString(), u"harvest"_s);
    // The recorded sessions stay: a harvest keeps what it does not find in the tools' files.
    QCOMPARE(get(u"/api/v1/sessions/recording:live-1"_s).status, 200);
}

void TestRecording::webSocket_closesAClientThatOutrunsTheWriter()
{
    // Another writer holds the database (for less than the writer waits for it): the events of a client that does
    // not wait for its acks pile up unanswered, and past 16 MiB of them the socket is closed.
    {
        QSqlDatabase holder = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"holder"_s);
        holder.setDatabaseName(m_database);
        QVERIFY(holder.open());
        QSqlQuery lock(holder);
        QVERIFY(lock.exec(u"BEGIN IMMEDIATE"_s));
        Socket socket(socketUrl(), Token);
        QVERIFY(socket.waitConnected());
        QCOMPARE(socket.next().value(u"type"_s).toString(), u"hello"_s);
        const QString content(1000 * 1000, u'z');
        qint64 seq = 0;
        for (int message = 0; message < 6; ++message) { // 3 MB each: the sixth passes 16 MiB
            QJsonArray batch;
            for (int i = 0; i < 3; ++i) {
                ++seq;
                batch.append(seq == 1 ? start(u"flood"_s, u"Flood"_s) : add(u"flood"_s, seq, content));
            }
            socket.send(batch);
        }
        QVERIFY(socket.waitDisconnected());
        QCOMPARE(socket.socket().closeCode(), QWebSocketProtocol::CloseCodePolicyViolated);
        QVERIFY2(socket.socket().closeReason().contains(u"wait for the acks"_s),
                 qPrintable(socket.socket().closeReason()));
        QVERIFY(lock.exec(u"ROLLBACK"_s));
    }
    QSqlDatabase::removeDatabase(u"holder"_s);
    // The server goes on: a client that reconnects learns where the session stands (the five messages handed over
    // are committed once the database is free, or all refused if the writer gave up waiting for it) and goes on.
    Socket again(socketUrl(), Token);
    QVERIFY(again.waitConnected());
    QCOMPARE(again.next().value(u"type"_s).toString(), u"hello"_s);
    again.send(QJsonObject{{u"type"_s, u"resume"_s}, {u"session_id"_s, u"flood"_s}});
    const QJsonObject resumed = again.next();
    QCOMPARE(resumed.value(u"type"_s).toString(), u"resume"_s);
    const int last = resumed.value(u"last_seq"_s).toInt();
    QVERIFY2(last == 0 || last == 15, qPrintable(QString::number(last)));
    again.send(last == 0 ? QJsonValue(start(u"flood"_s, u"Flood"_s)) : QJsonValue(add(u"flood"_s, 16, u"calm"_s)));
    const QJsonObject ack = again.next();
    QCOMPARE(ack.value(u"type"_s).toString(), u"ack"_s);
    QCOMPARE(ack.value(u"seq"_s).toInt(), last + 1);
}

QTEST_GUILESS_MAIN(TestRecording)
#include "TestRecording.moc"
