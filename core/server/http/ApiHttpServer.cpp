// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#include "ApiHttpServer.h"

#include <QCoreApplication>
#include <QPointer>
#include <QTcpSocket>
#include <QWebSocket>
#include <QWebSocketServer>

#include <memory>

using namespace Qt::StringLiterals;

namespace chasm::http {

namespace {

const QByteArray JsonType = "application/json";

// GET /api/v1/health and its alias: answered without a token, so that a supervisor can tell the server runs.
bool isPublic(const HttpRequest& request)
{
    return request.method == "GET" && (request.path == "/api/v1/health" || request.path == "/api/health");
}

QString peerOf(const QHostAddress& address, quint16 port)
{
    return address.toString() + u'|' + QString::number(port);
}

bool isApi(const HttpRequest& request)
{
    return request.path == "/api" || request.path.startsWith("/api/");
}

// Answers are JSON (or a download) that no browser should run, frame, sniff as something else or keep.
const HttpHeaders SecurityHeaders{{"X-Content-Type-Options", "nosniff"},
                                  {"Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'"},
                                  {"Cache-Control", "no-store"},
                                  {"Referrer-Policy", "no-referrer"}};

McpHttpOptions mcpOptions(const ApiHttpOptions& options)
{
    McpHttpOptions mcp;
    mcp.host = options.host;
    mcp.port = options.port;
    mcp.token = options.token;
    mcp.maxBody = options.maxBody;
    return mcp;
}

// A WebSocket as the controllers talk to it: from any thread, through the application's, where the socket lives and
// where a socket that closed meanwhile is known to be gone.
class SocketPeer final : public ApiSocketPeer
{
public:
    explicit SocketPeer(QWebSocket* socket)
        : m_socket(socket)
    {}

    void send(QByteArray text) override
    {
        QMetaObject::invokeMethod(
            QCoreApplication::instance(),
            [socket = m_socket, text = std::move(text)] {
                if (socket) {
                    socket->sendTextMessage(QString::fromUtf8(text));
                }
            },
            Qt::QueuedConnection);
    }

    void close(int code, QString reason) override
    {
        QMetaObject::invokeMethod(
            QCoreApplication::instance(),
            [socket = m_socket, code, reason = std::move(reason)] {
                if (socket) {
                    socket->close(QWebSocketProtocol::CloseCode(code), reason);
                }
            },
            Qt::QueuedConnection);
    }

private:
    QPointer<QWebSocket> m_socket;
};

// Sends a streamed answer as its controller writes it, from this thread (the application's); a client that goes
// away cancels the stream, so that the controller stops the work it comes from.
void stream(HttpResponse response, int status, const HttpHeaders& headers, const std::shared_ptr<ApiStream>& body)
{
    auto open = std::make_shared<HttpResponse>(std::move(response));
    open->onClosed([body] { body->cancel(); });
    open->beginStream(status, headers);
    // `ready` holds the stream until it ended or its client went away, when the controller has let go of it.
    body->attach([open, body] {
        QMetaObject::invokeMethod(
            QCoreApplication::instance(),
            [open, body] {
                const auto [data, ended] = body->take();
                if (open->isOpen() && !data.isEmpty()) {
                    open->write(data);
                }
                if (open->isOpen() && ended) {
                    open->end();
                }
                if (ended || !open->isOpen()) {
                    body->attach(nullptr);
                }
            },
            Qt::QueuedConnection);
    });
}

} // namespace

ApiHttpServer::ApiHttpServer(ApiEngine& api, McpEngine& mcp, ApiHttpOptions options, QObject* parent)
    : QObject(parent)
    , m_api(api)
    , m_options(std::move(options))
    , m_http([this](const HttpRequest& request, HttpResponse response) { handle(request, std::move(response)); },
             HttpServer::Limits{.maxBody = m_options.maxBody})
    , m_mcp(mcp, mcpOptions(m_options))
    , m_capture(ResponseCapture::fromEnvironment())
    , m_sockets(new QWebSocketServer(u"chasm"_s, QWebSocketServer::NonSecureMode, this))
{
    connect(m_sockets, &QWebSocketServer::newConnection, this, &ApiHttpServer::socketOpened);
    const HttpServer::ErrorBody envelope = [](int status, const QByteArray& message) {
        return std::pair<QByteArray, QByteArray>(JsonType, apiErrorBody(status, QString::fromUtf8(message)));
    };
    m_http.setErrorBody(envelope);
    m_http.setCommonHeaders(SecurityHeaders);
    m_mcp.setErrorBody(envelope);
    for (const QString& origin : std::as_const(m_options.allowedOrigins)) {
        m_allowedOrigins.insert(origin.toLatin1().toLower());
    }
}

ApiHttpServer::~ApiHttpServer() = default;

Result<bool> ApiHttpServer::listen()
{
    const auto address = AccessGuard::bindAddress(m_options.host);
    if (!address) {
        return address.error();
    }
    m_address = *address;
    const bool loopback = AccessGuard::isLoopback(m_address);
    if (!loopback && m_options.noAuth) {
        return Error{u"--no-auth is only for a loopback address (127.0.0.1, ::1), not %1: every request to it "
                     u"must bring a token"_s.arg(m_address.toString())};
    }
    for (const QString& origin : std::as_const(m_options.allowedOrigins)) {
        const QUrl url(origin, QUrl::StrictMode);
        const bool valid = url.isValid() && (url.scheme() == u"http"_s || url.scheme() == u"https"_s) &&
                           !url.host().isEmpty() && url.path().isEmpty() && !url.hasQuery() && !url.hasFragment() &&
                           url.userInfo().isEmpty() && !origin.endsWith(u'/');
        if (!valid) {
            return Error{u"%1 is not an origin to allow: give it as a browser sends it, scheme://host[:port] "
                         u"(e.g. https://app.example or http://localhost:3000), without a path"_s.arg(origin),
                         ErrorKind::Invalid};
        }
    }
    if (m_options.token.isEmpty() && !m_options.noAuth) {
        return Error{loopback ? u"the API needs a token (--token-file FILE or CHASM_API_TOKEN), or --no-auth to "
                                u"serve %1 without one"_s.arg(m_address.toString())
                              : u"serving the API on %1, which is not a loopback address, needs a token "
                                u"(--token-file FILE or CHASM_API_TOKEN)"_s.arg(m_address.toString())};
    }
    if (auto listening = m_http.listen(m_address, m_options.port); !listening) {
        return listening.error();
    }
    m_guard = std::make_unique<AccessGuard>(m_address, m_http.port(), m_options.token, m_allowedOrigins);
    m_publicGuard = std::make_unique<AccessGuard>(m_address, m_http.port(), QByteArray(), m_allowedOrigins);
    m_mcp.mount(m_address, m_http.port());
    return true;
}

QUrl ApiHttpServer::url() const
{
    QUrl url;
    url.setScheme(u"http"_s);
    url.setHost(m_address.toString());
    url.setPort(m_http.port());
    return url;
}

void ApiHttpServer::shutdown(std::function<void()> stopped)
{
    if (m_stopping) {
        return;
    }
    m_stopping = true;
    m_mcp.shutdown([] {});
    // The WebSockets (out of the HTTP server's hands) are told the server goes; what a recording client sent and
    // was not acknowledged it sends again to the next server.
    m_sockets->close();
    for (QWebSocket* socket : findChildren<QWebSocket*>(Qt::FindDirectChildrenOnly)) {
        socket->close(QWebSocketProtocol::CloseCodeGoingAway, u"the server is shutting down"_s);
    }
    m_http.close(std::move(stopped));
}

HttpHeaders ApiHttpServer::corsHeaders(const HttpRequest& request) const
{
    const QByteArray origin = request.header("origin");
    if (origin.isNull() || !m_allowedOrigins.contains(origin.toLower())) {
        return {};
    }
    return {{"Access-Control-Allow-Origin", origin},
            {"Vary", "Origin"},
            {"Access-Control-Expose-Headers", "Content-Disposition, Retry-After, WWW-Authenticate"}};
}

void ApiHttpServer::handle(const HttpRequest& request, HttpResponse response)
{
    // Every answer to an allowed origin carries its CORS headers, refusals too: without them a page reads none.
    const HttpHeaders cors = corsHeaders(request);
    if (m_stopping) {
        sendError(request, response, 503, u"the server is shutting down"_s, cors);
        return;
    }
    if (request.path == "/mcp") {
        m_mcp.handle(request, std::move(response));
        return;
    }
    // A browser's preflight carries no token: answered for the allowed origins (their Host checked), and for no
    // other (403 from the guard, or 401 and 405 like any request).
    if (request.method == "OPTIONS" && !cors.isEmpty() && isApi(request)) {
        if (const auto refusal = m_publicGuard->check(request)) {
            sendError(request, response, refusal->status, QString::fromUtf8(refusal->message), refusal->headers);
            return;
        }
        response.send(204, cors + HttpHeaders{{"Access-Control-Allow-Methods", "GET, POST"},
                                              {"Access-Control-Allow-Headers", "Authorization, Content-Type"},
                                              {"Access-Control-Max-Age", "600"}});
        return;
    }
    if (const auto refusal = (isPublic(request) ? m_publicGuard : m_guard)->check(request)) {
        sendError(request, response, refusal->status, QString::fromUtf8(refusal->message), refusal->headers + cors);
        return;
    }
    if (request.upgrade) {
        upgrade(request, std::move(response), cors);
        return;
    }
    if (!isApi(request)) {
        sendError(
            request, response, 404,
            u"nothing is served at %1: the API is under /api/v1, MCP at /mcp"_s.arg(QString::fromUtf8(request.path)),
            cors);
        return;
    }
    // The health check is answered however busy the server is, so that a supervisor can tell it runs.
    if (*m_inFlight >= m_options.maxInFlight && !isPublic(request)) {
        sendError(request, response, 429,
                  u"the server is answering %1 requests already: try again in a second"_s.arg(*m_inFlight),
                  cors + HttpHeaders{{"Retry-After", "1"}});
        return;
    }
    ++*m_inFlight;
    // The controllers answer from their threads; the answer is sent from this one (the application's), where a
    // connection that closed meanwhile is known to be gone.
    auto pending = std::make_shared<HttpResponse>(std::move(response));
    m_api.handle(
        {request.method, request.path, request.query, request.body},
        [pending, cors, inFlight = m_inFlight, capture = m_capture,
         request = m_capture ? request : HttpRequest()](ApiReply reply) {
            QMetaObject::invokeMethod(
                QCoreApplication::instance(),
                [pending, cors, inFlight, capture, request, reply = std::move(reply)] {
                    --*inFlight;
                    const HttpHeaders headers = HttpHeaders{{"Content-Type", reply.contentType}} + reply.headers + cors;
                    if (capture) {
                        capture->record(request, reply.status, headers, reply.body);
                    }
                    if (reply.stream) {
                        stream(std::move(*pending), reply.status, headers, reply.stream);
                        return;
                    }
                    pending->send(reply.status, headers, reply.body);
                },
                Qt::QueuedConnection);
        });
}

void ApiHttpServer::sendError(const HttpRequest& request, HttpResponse& response, int status, const QString& message,
                              HttpHeaders headers)
{
    const QByteArray body = apiErrorBody(status, message);
    headers.emplaceBack("Content-Type", JsonType);
    if (m_capture) {
        m_capture->record(request, status, headers, body);
    }
    response.send(status, headers, body);
}

void ApiHttpServer::upgrade(const HttpRequest& request, HttpResponse response, const HttpHeaders& cors)
{
    if (!m_api.servesSocket(request.path)) {
        sendError(request, response, 404, u"no WebSocket is served at %1"_s.arg(QString::fromUtf8(request.path)), cors);
        return;
    }
    if (m_openSockets + m_handshakes.size() >= m_options.maxSockets) {
        sendError(request, response, 503,
                  u"%1 WebSockets are open, as many as this server keeps: try again later"_s.arg(m_openSockets +
                                                                                                 m_handshakes.size()),
                  cors);
        return;
    }
    // QWebSocketServer reads the handshake, still in the socket, and answers it. Until it becomes a WebSocket
    // (socketOpened) or goes (a handshake refused, a peer gone), it holds a place.
    QTcpSocket* socket = response.takeSocket();
    const QString peer = peerOf(socket->peerAddress(), socket->peerPort());
    m_handshakes.insert(peer, socket);
    const auto gone = [this, peer, socket] {
        if (m_handshakes.value(peer) == socket) {
            m_handshakes.remove(peer);
        }
    };
    connect(socket, &QAbstractSocket::disconnected, this, gone);
    connect(socket, &QObject::destroyed, this, gone);
    m_sockets->handleConnection(socket);
}

void ApiHttpServer::socketOpened()
{
    while (QWebSocket* socket = m_sockets->nextPendingConnection()) {
        socket->setParent(this);
        m_handshakes.remove(peerOf(socket->peerAddress(), socket->peerPort()));
        ++m_openSockets;
        socket->setMaxAllowedIncomingMessageSize(quint64(m_options.maxBody));
        socket->setMaxAllowedIncomingFrameSize(quint64(m_options.maxBody));
        const QByteArray path = socket->requestUrl().path(QUrl::FullyEncoded).toUtf8();
        std::shared_ptr<ApiSocketSession> session = m_api.openSocket(path, std::make_shared<SocketPeer>(socket));
        connect(socket, &QWebSocket::disconnected, this, [this, socket] {
            --m_openSockets;
            socket->deleteLater();
        });
        if (!session) {
            socket->close(QWebSocketProtocol::CloseCodePolicyViolated, u"no WebSocket is served here"_s);
            continue;
        }
        connect(socket, &QWebSocket::textMessageReceived, this,
                [session](const QString& text) { session->received(text.toUtf8()); });
        connect(socket, &QWebSocket::binaryMessageReceived, socket, [socket] {
            socket->close(QWebSocketProtocol::CloseCodeDatatypeNotSupported, u"send JSON as text messages"_s);
        });
        // The session goes with the socket (the lambdas holding it are disconnected when it is destroyed).
    }
}

} // namespace chasm::http
