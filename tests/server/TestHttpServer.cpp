// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

// The HTTP/1.1 server under the MCP transport, on 127.0.0.1, with raw sockets for clients: keep-alive, limits
// enforced before a body is read, chunked streams, answers given later or never.

#include "http/HttpServer.h"

#include <QTcpSocket>
#include <QTest>

#include <optional>

using namespace Qt::StringLiterals;
using namespace chasm::http;

namespace {

// A raw client whose bytes pile up as the event loop runs (the server shares this thread).
class Client
{
public:
    explicit Client(quint16 port)
    {
        QObject::connect(&socket, &QTcpSocket::readyRead, &socket, [this] { received += socket.readAll(); });
        QObject::connect(&socket, &QTcpSocket::disconnected, &socket, [this] { closed = true; });
        socket.connectToHost(u"127.0.0.1"_s, port);
    }
    bool waitFor(const QByteArray& text, int timeoutMs = 5000)
    {
        return QTest::qWaitFor([&] { return received.contains(text); }, timeoutMs);
    }
    bool waitForClose(int timeoutMs = 5000)
    {
        return QTest::qWaitFor([&] { return closed; }, timeoutMs);
    }

    QTcpSocket socket;
    QByteArray received;
    bool closed = false;
};

QByteArray post(const QByteArray& body, const QByteArray& extra = {})
{
    return "POST /x HTTP/1.1\r\nHost: h\r\n" + extra + "Content-Length: " + QByteArray::number(body.size()) +
           "\r\n\r\n" + body;
}

} // namespace

class TestHttpServer : public QObject
{
    Q_OBJECT

private slots:
    void keepAlive_answersRequestsInTurn();
    void bodyOverTheLimit_isRefusedFromItsLength();
    void expectContinue_isAnswered();
    void headersOverTheLimit_areRefused();
    void malformedRequests_areRefused();
    void stream_isSentInChunks();
    void laterAnswer_andClientGone();
    void droppedResponse_closesTheConnection();
    void slowRequest_timesOut();
};

void TestHttpServer::keepAlive_answersRequestsInTurn()
{
    QList<HttpRequest> seen;
    HttpServer server([&](const HttpRequest& request, HttpResponse response) {
        seen << request;
        response.send(200, {{"Content-Type", "text/plain"}}, "echo " + request.body);
    });
    QVERIFY(server.listen(QHostAddress::LocalHost, 0));
    Client client(server.port());
    // Two requests in one write: the second is read once the first is answered.
    client.socket.write(post("one", "X-Test: First\r\n") + "GET /y?a=b HTTP/1.1\r\nHost: h\r\n\r\n");
    QVERIFY(client.waitFor("echo one"));
    QVERIFY(client.waitFor("Content-Length: 5\r\n\r\necho "));
    QCOMPARE(seen.size(), 2);
    QCOMPARE(seen[0].method, "POST");
    QCOMPARE(seen[0].path, "/x");
    QCOMPARE(seen[0].header("x-test"), "First");
    QVERIFY(seen[0].header("x-missing").isNull());
    QCOMPARE(seen[1].path, "/y");
    QCOMPARE(seen[1].query, "a=b");
    QVERIFY(seen[1].body.isEmpty());
    QVERIFY(!client.closed);
    QVERIFY(seen[0].peer.isLoopback());

    // Connection: close is honoured.
    client.socket.write(post("two", "Connection: close\r\n"));
    QVERIFY(client.waitFor("echo two"));
    QVERIFY(client.received.contains("Connection: close"));
    QVERIFY(client.waitForClose());
}

void TestHttpServer::bodyOverTheLimit_isRefusedFromItsLength()
{
    int handled = 0;
    HttpServer server(
        [&](const HttpRequest&, HttpResponse response) {
            ++handled;
            response.send(200, {});
        },
        HttpServer::Limits{.maxBody = 1000});
    QVERIFY(server.listen(QHostAddress::LocalHost, 0));
    Client client(server.port());
    // Only the head is sent: the refusal comes from Content-Length alone.
    client.socket.write("POST /x HTTP/1.1\r\nHost: h\r\nContent-Length: 1001\r\n\r\n");
    QVERIFY(client.waitFor("\r\n\r\n"));
    QVERIFY2(client.received.startsWith("HTTP/1.1 413 "), client.received.constData());
    QVERIFY(client.waitForClose());
    QCOMPARE(handled, 0);

    // Exactly the limit is taken.
    Client fits(server.port());
    fits.socket.write(post(QByteArray(1000, 'x')));
    QVERIFY(fits.waitFor("HTTP/1.1 200 "));
    QCOMPARE(handled, 1);
}

void TestHttpServer::expectContinue_isAnswered()
{
    HttpServer server([](const HttpRequest& request, HttpResponse response) { response.send(200, {}, request.body); },
                      HttpServer::Limits{.maxBody = 1000});
    QVERIFY(server.listen(QHostAddress::LocalHost, 0));
    Client client(server.port());
    client.socket.write("POST /x HTTP/1.1\r\nHost: h\r\nExpect: 100-continue\r\nContent-Length: 4\r\n\r\n");
    QVERIFY(client.waitFor("HTTP/1.1 100 Continue\r\n\r\n"));
    client.socket.write("body");
    QVERIFY(client.waitFor("HTTP/1.1 200 OK\r\nContent-Length: 4\r\n\r\nbody"));

    Client tooLarge(server.port());
    tooLarge.socket.write("POST /x HTTP/1.1\r\nHost: h\r\nExpect: 100-continue\r\nContent-Length: 5000\r\n\r\n");
    QVERIFY(tooLarge.waitFor("HTTP/1.1 413 "));
    QVERIFY(!tooLarge.received.contains("100 Continue"));
}

void TestHttpServer::headersOverTheLimit_areRefused()
{
    HttpServer server([](const HttpRequest&, HttpResponse response) { response.send(200, {}); },
                      HttpServer::Limits{.maxHeader = 512});
    QVERIFY(server.listen(QHostAddress::LocalHost, 0));
    Client client(server.port());
    client.socket.write("GET / HTTP/1.1\r\nHost: h\r\nX-Long: " + QByteArray(1000, 'a'));
    QVERIFY(client.waitFor("HTTP/1.1 431 "));
    QVERIFY(client.waitForClose());
}

void TestHttpServer::malformedRequests_areRefused()
{
    HttpServer server([](const HttpRequest&, HttpResponse response) { response.send(200, {}); });
    QVERIFY(server.listen(QHostAddress::LocalHost, 0));
    for (const QByteArray& raw :
         {QByteArray("NOT HTTP\r\n\r\n"), QByteArray("GET noslash HTTP/1.1\r\n\r\n"),
          QByteArray("GET / HTTP/1.1\r\nno colon\r\n\r\n"), QByteArray("POST / HTTP/1.1\r\nContent-Length: -1\r\n\r\n"),
          QByteArray("POST / HTTP/1.1\r\nContent-Length: 12abc\r\n\r\n")}) {
        Client client(server.port());
        client.socket.write(raw);
        QVERIFY2(client.waitFor("HTTP/1.1 400 "), raw.constData());
        QVERIFY(client.received.contains("Connection: close"));
    }
    Client chunked(server.port());
    chunked.socket.write("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n4\r\nbody\r\n0\r\n\r\n");
    QVERIFY(chunked.waitFor("HTTP/1.1 501 "));
}

void TestHttpServer::stream_isSentInChunks()
{
    std::optional<HttpResponse> open;
    HttpServer server([&](const HttpRequest& request, HttpResponse response) {
        if (request.path == "/stream") {
            response.beginStream(200, {{"Content-Type", "text/event-stream"}});
            response.write("data: 1\n\n");
            open = std::move(response);
        } else {
            response.send(200, {}, "after");
        }
    });
    QVERIFY(server.listen(QHostAddress::LocalHost, 0));
    Client client(server.port());
    client.socket.write("GET /stream HTTP/1.1\r\nHost: h\r\n\r\nGET /next HTTP/1.1\r\nHost: h\r\n\r\n");
    QVERIFY(client.waitFor("Transfer-Encoding: chunked\r\n\r\n9\r\ndata: 1\n\n\r\n"));
    QVERIFY(open && open->isOpen());
    open->write("data: 22\n\n");
    QVERIFY(client.waitFor("a\r\ndata: 22\n\n\r\n"));
    // The next request waits for the stream's end.
    QVERIFY(!client.received.contains("after"));
    open->end();
    QVERIFY(!open->isOpen());
    QVERIFY(client.waitFor("0\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nafter"));
}

void TestHttpServer::laterAnswer_andClientGone()
{
    std::optional<HttpResponse> pending;
    bool closedSeen = false;
    HttpServer server([&](const HttpRequest&, HttpResponse response) {
        response.onClosed([&] { closedSeen = true; });
        pending = std::move(response);
    });
    QVERIFY(server.listen(QHostAddress::LocalHost, 0));
    {
        Client client(server.port());
        client.socket.write(post("a"));
        QVERIFY(QTest::qWaitFor([&] { return pending.has_value(); }, 5000));
        pending->send(200, {}, "late");
        QVERIFY(client.waitFor("late"));
        pending.reset();
    }
    {
        Client client(server.port());
        client.socket.write(post("b"));
        QVERIFY(QTest::qWaitFor([&] { return pending.has_value(); }, 5000));
        client.socket.abort();
    }
    QVERIFY(QTest::qWaitFor([&] { return closedSeen; }, 5000));
    // Written to a client that is gone: dropped.
    QTRY_VERIFY(!pending->isOpen());
    pending->send(200, {}, "nobody");
    pending.reset();
}

void TestHttpServer::droppedResponse_closesTheConnection()
{
    HttpServer server([](const HttpRequest&, HttpResponse) {});
    QVERIFY(server.listen(QHostAddress::LocalHost, 0));
    Client client(server.port());
    client.socket.write(post("x"));
    QVERIFY(client.waitForClose());
    QVERIFY(client.received.isEmpty());
}

void TestHttpServer::slowRequest_timesOut()
{
    HttpServer server([](const HttpRequest&, HttpResponse response) { response.send(200, {}); },
                      HttpServer::Limits{.requestTimeoutMs = 300});
    QVERIFY(server.listen(QHostAddress::LocalHost, 0));
    Client client(server.port());
    client.socket.write("POST /x HTTP/1.1\r\nHost: h\r\nContent-Length: 10\r\n\r\nabc");
    QVERIFY(client.waitFor("HTTP/1.1 408 "));
    QVERIFY(client.waitForClose());
}

QTEST_GUILESS_MAIN(TestHttpServer)
#include "TestHttpServer.moc"
