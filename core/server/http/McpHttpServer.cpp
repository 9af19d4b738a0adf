// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#include "McpHttpServer.h"

#include "AccessGuard.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QJsonObject>
#include <QPointer>
#include <QRandomGenerator>

using namespace Qt::StringLiterals;

namespace chasm::http {

namespace {

const QByteArray Endpoint = "/mcp";
const QByteArray JsonType = "application/json";
const QByteArray EventStreamType = "text/event-stream";

QByteArray eventOf(const std::string& message)
{
    // A message is one line of JSON, so one data line carries it.
    return "event: message\ndata: " + QByteArray::fromStdString(message) + "\n\n";
}

QByteArray newSessionId()
{
    // 128 random bits from the system's generator: an id cannot be guessed, only be given by this server.
    quint32 words[4];
    QRandomGenerator::system()->fillRange(words);
    return QByteArray(reinterpret_cast<const char*>(words), sizeof words).toHex();
}

// A JSON-RPC error for a body that is no message, before any session sees it.
QByteArray rpcError(int code, const QString& message)
{
    const QJsonObject error{{u"code"_s, code}, {u"message"_s, message}};
    const QJsonObject reply{{u"jsonrpc"_s, u"2.0"_s}, {u"id"_s, QJsonValue::Null}, {u"error"_s, error}};
    return QJsonDocument(reply).toJson(QJsonDocument::Compact);
}

// An HTTP error that is no JSON-RPC message: plain text, or as `errorBody` words it (the REST API's envelope on
// its port).
void sendText(const HttpServer::ErrorBody& errorBody, HttpResponse& response, int status, const QByteArray& message,
              HttpHeaders headers = {})
{
    if (errorBody) {
        const auto [type, body] = errorBody(status, message);
        headers.emplaceBack("Content-Type", type);
        response.send(status, headers, body);
        return;
    }
    headers.emplaceBack("Content-Type", "text/plain; charset=utf-8");
    response.send(status, headers, message + '\n');
}

struct Accepts
{
    bool json = false;
    bool eventStream = false;
};

// A request that asks for progress notifications (params._meta.progressToken) is answered with an event stream
// from its first message on, so that the first notification is not held back.
bool asksForProgress(const QByteArray& body)
{
    const QJsonObject params = QJsonDocument::fromJson(body).object().value(u"params"_s).toObject();
    return params.value(u"_meta"_s).toObject().contains(u"progressToken"_s);
}

Accepts accepts(const HttpRequest& request)
{
    const QByteArray accept = request.header("accept").toLower();
    if (accept.isNull()) {
        return {true, false};
    }
    return {accept.contains(JsonType) || accept.contains("application/*") || accept.contains("*/*"),
            accept.contains(EventStreamType) || accept.contains("text/*")};
}

} // namespace

struct McpHttpServer::Session
{
    QByteArray id;
    std::unique_ptr<McpEngine::Session> session;
    HttpResponse stream; // the GET stream, while one is open
    qint64 lastUsed = 0;
    int running = 0; // POSTs not answered yet
};

// One POST waiting for what its exchange sends. The engine's threads hold it too, so it names its session by id
// (the session is ended on this thread only) and its response is answered and let go here (finish).
struct McpHttpServer::Pending
{
    HttpResponse response;
    QByteArray sessionId;
    Accepts accepts;
    bool initialize = false;
    bool request = false;  // a response is due
    bool progress = false; // stream from the first message on
    bool streaming = false;
    std::optional<std::string> held; // a message not yet known to be the response (sent at done) or not
};

McpHttpServer::McpHttpServer(McpEngine& engine, Options options, QObject* parent)
    : QObject(parent)
    , m_engine(engine)
    , m_options(std::move(options))
    , m_http([this](const HttpRequest& request, HttpResponse response) { handle(request, std::move(response)); },
             HttpServer::Limits{.maxBody = m_options.maxBody})
{
    connect(&m_sweep, &QTimer::timeout, this, &McpHttpServer::dropIdleSessions);
}

McpHttpServer::~McpHttpServer()
{
    // Each session cancels and waits for its requests; what they still send is dropped with this object.
    m_sessions.clear();
}

Result<bool> McpHttpServer::listen()
{
    const auto address = AccessGuard::bindAddress(m_options.host);
    if (!address) {
        return address.error();
    }
    m_address = *address;
    if (!AccessGuard::isLoopback(m_address) && m_options.token.isEmpty()) {
        if (!m_options.keptToken) {
            return Error{u"serving MCP on %1, which is not a loopback address, needs a token (--token-file FILE or "
                         u"CHASM_API_TOKEN)"_s.arg(m_address.toString())};
        }
        auto kept = m_options.keptToken();
        if (!kept) {
            return Error{u"serving MCP on %1, which is not a loopback address, needs a token, and none is kept: %2; "
                         u"give one with --token-file FILE or CHASM_API_TOKEN"_s.arg(m_address.toString(),
                                                                                     kept.error().message)};
        }
        m_options.token = std::move(kept).value();
    }
    if (auto listening = m_http.listen(m_address, m_options.port); !listening) {
        return listening.error();
    }
    mount(m_address, m_http.port());
    return true;
}

void McpHttpServer::setErrorBody(HttpServer::ErrorBody errorBody)
{
    m_errorBody = errorBody;
    m_http.setErrorBody(std::move(errorBody));
}

void McpHttpServer::mount(const QHostAddress& address, quint16 port)
{
    m_address = address;
    m_guard = std::make_unique<AccessGuard>(address, port, m_options.token);
    m_sweep.start(std::min(m_options.idleTimeoutMs, 60 * 1000));
}

QUrl McpHttpServer::url() const
{
    QUrl url;
    url.setScheme(u"http"_s);
    url.setHost(m_address.toString());
    url.setPort(m_http.port());
    url.setPath(QString::fromLatin1(Endpoint));
    return url;
}

int McpHttpServer::sessionCount() const
{
    return int(m_sessions.size());
}

void McpHttpServer::shutdown(std::function<void()> stopped)
{
    if (m_stopping) {
        return;
    }
    m_stopping = true;
    m_sweep.stop();
    for (auto& [id, session] : m_sessions) {
        session->stream.end();
    }
    m_http.close(std::move(stopped));
    QTimer::singleShot(m_options.shutdownGraceMs, this, [this] {
        for (auto& [id, session] : m_sessions) {
            if (session->running > 0) {
                session->session->cancelAll(); // their POSTs are finished from the event loop: 503
            }
        }
    });
}

void McpHttpServer::handle(const HttpRequest& request, HttpResponse response)
{
    if (m_stopping) {
        sendText(m_errorBody, response, 503, "the server is shutting down");
        return;
    }
    if (const auto refusal = m_guard->check(request)) {
        sendText(m_errorBody, response, refusal->status, refusal->message, refusal->headers);
        return;
    }
    if (request.path != Endpoint) {
        sendText(m_errorBody, response, 404, "MCP is served at " + Endpoint);
        return;
    }
    if (const QByteArray version = request.header("mcp-protocol-version");
        !version.isNull() && !m_engine.supportedVersions().contains(QString::fromLatin1(version))) {
        sendText(m_errorBody, response, 400,
                 "MCP-Protocol-Version " + version +
                     " is not supported; supported: " + m_engine.supportedVersions().join(u", "_s).toLatin1());
        return;
    }
    if (request.method == "POST") {
        post(request, std::move(response));
    } else if (request.method == "GET") {
        openStream(request, std::move(response));
    } else if (request.method == "DELETE") {
        endSession(request, std::move(response));
    } else {
        sendText(m_errorBody, response, 405, request.method + " is not served at " + Endpoint,
                 {{"Allow", "GET, POST, DELETE"}});
    }
}

std::shared_ptr<McpHttpServer::Session> McpHttpServer::sessionOf(const HttpRequest& request, HttpResponse& response)
{
    const QByteArray id = request.header("mcp-session-id");
    if (id.isNull()) {
        sendText(m_errorBody, response, 400,
                 "no Mcp-Session-Id: send initialize first, then its Mcp-Session-Id with every request");
        return nullptr;
    }
    const auto found = m_sessions.find(id);
    if (found == m_sessions.end()) {
        sendText(m_errorBody, response, 404, "no session " + id + " (it ended or never was): initialize a new one");
        return nullptr;
    }
    found->second->lastUsed = QDateTime::currentMSecsSinceEpoch();
    return found->second;
}

std::shared_ptr<McpHttpServer::Session> McpHttpServer::newSession()
{
    while (int(m_sessions.size()) >= m_options.maxSessions) {
        const auto oldest = std::min_element(m_sessions.begin(), m_sessions.end(), [](const auto& a, const auto& b) {
            return a.second->lastUsed < b.second->lastUsed;
        });
        oldest->second->stream.end();
        m_sessions.erase(oldest);
    }
    auto session = std::make_shared<Session>();
    session->id = newSessionId();
    session->lastUsed = QDateTime::currentMSecsSinceEpoch();
    // Messages of no request (the background harvest's log) go to the session's GET stream, on this thread.
    session->session = m_engine.openSession([this, id = session->id](std::string message) {
        QMetaObject::invokeMethod(
            this, [this, id, message = std::move(message)]() mutable { unrelated(id, std::move(message)); },
            Qt::QueuedConnection);
    });
    return session;
}

void McpHttpServer::post(const HttpRequest& request, HttpResponse response)
{
    if (!request.header("content-type").toLower().startsWith(JsonType)) {
        sendText(m_errorBody, response, 415,
                 "a POST to " + Endpoint + " carries one JSON-RPC message as application/json");
        return;
    }
    const Accepts accepted = accepts(request);
    if (!accepted.json && !accepted.eventStream) {
        sendText(m_errorBody, response, 406,
                 "the answer is application/json or text/event-stream; Accept takes neither");
        return;
    }
    const mcp::MessageKind kind = m_engine.messageKind(request.body);
    if (!kind.valid) {
        QJsonParseError error;
        QJsonDocument::fromJson(request.body, &error);
        const bool parsed = error.error == QJsonParseError::NoError;
        const QByteArray body =
            parsed ? rpcError(-32600, u"not a JSON-RPC 2.0 message (one object with \"jsonrpc\": \"2.0\")"_s)
                   : rpcError(-32700, u"not JSON: "_s + error.errorString());
        response.send(400, {{"Content-Type", JsonType}}, body);
        return;
    }
    std::shared_ptr<Session> session;
    if (kind.initialize) {
        if (!request.header("mcp-session-id").isNull()) {
            sendText(m_errorBody, response, 400, "initialize opens a new session: send it without Mcp-Session-Id");
            return;
        }
        session = newSession();
        m_sessions.emplace(session->id, session);
    } else {
        session = sessionOf(request, response);
        if (!session) {
            return;
        }
    }
    auto pending = std::make_shared<Pending>();
    pending->response = std::move(response);
    pending->sessionId = session->id;
    pending->accepts = accepted;
    pending->initialize = kind.initialize;
    pending->request = kind.request;
    pending->progress = kind.request && accepted.eventStream && asksForProgress(request.body);
    ++session->running;
    // The exchange's calls come from the engine's threads: each is carried to this thread, in order.
    mcp::McpSession::Exchange exchange{
        [this, pending](std::string message) {
            QMetaObject::invokeMethod(
                this, [this, pending, message = std::move(message)]() mutable { deliver(pending, std::move(message)); },
                Qt::QueuedConnection);
        },
        [this, pending] {
            QMetaObject::invokeMethod(
                this, [this, pending] { finish(pending); }, Qt::QueuedConnection);
        }};
    session->session->receive(request.body, std::move(exchange));
}

void McpHttpServer::deliver(const std::shared_ptr<Pending>& pending, std::string message)
{
    if (pending->streaming) {
        pending->response.write(eventOf(message));
        return;
    }
    // Only the response comes last: a message followed by another was a notification (or a request to the
    // client), which needs an event stream; without one it cannot be delivered and is dropped. So what a message
    // is shows by what follows it, without reading it.
    if (!pending->progress && (!pending->held || !pending->accepts.eventStream)) {
        pending->held = std::move(message);
        return;
    }
    HttpHeaders headers{{"Content-Type", EventStreamType}, {"Cache-Control", "no-store"}};
    if (pending->initialize) {
        headers.emplaceBack("Mcp-Session-Id", pending->sessionId);
    }
    pending->response.beginStream(200, headers);
    pending->streaming = true;
    if (pending->held) {
        pending->response.write(eventOf(*std::exchange(pending->held, std::nullopt)));
    }
    pending->response.write(eventOf(message));
}

void McpHttpServer::finish(const std::shared_ptr<Pending>& pending)
{
    HttpResponse response = std::move(pending->response);
    const auto session = m_sessions.find(pending->sessionId);
    if (session != m_sessions.end()) {
        --session->second->running;
    }
    if (pending->streaming) {
        response.end();
        return;
    }
    if (!pending->held && pending->request && m_stopping) {
        sendText(m_errorBody, response, 503, "the server shut down before this request was answered");
        return;
    }
    if (!pending->held) {
        // A notification or a response from the client; or a request whose response was not sent (cancelled).
        if (pending->initialize && session != m_sessions.end()) {
            m_sessions.erase(session);
        }
        response.send(202, {});
        return;
    }
    const QByteArray reply = QByteArray::fromStdString(*pending->held);
    HttpHeaders headers;
    if (pending->initialize) {
        // A failed initialize opens no session.
        if (QJsonDocument::fromJson(reply).object().contains(u"error"_s)) {
            if (session != m_sessions.end()) {
                m_sessions.erase(session);
            }
        } else {
            headers.emplaceBack("Mcp-Session-Id", pending->sessionId);
        }
    }
    if (pending->accepts.json) {
        headers.emplaceBack("Content-Type", JsonType);
        response.send(200, headers, reply);
    } else {
        headers.emplaceBack("Content-Type", EventStreamType);
        headers.emplaceBack("Cache-Control", "no-cache");
        response.send(200, headers, eventOf(*pending->held));
    }
}

void McpHttpServer::openStream(const HttpRequest& request, HttpResponse response)
{
    if (!accepts(request).eventStream) {
        sendText(m_errorBody, response, 406, "GET " + Endpoint + " opens an event stream: Accept: text/event-stream");
        return;
    }
    const std::shared_ptr<Session> session = sessionOf(request, response);
    if (!session) {
        return;
    }
    if (session->stream.isOpen()) {
        sendText(m_errorBody, response, 409, "this session's stream is open already");
        return;
    }
    response.beginStream(200, {{"Content-Type", EventStreamType}, {"Cache-Control", "no-store"}});
    // A comment line, so that the client sees the stream begin before the first message.
    response.write(QByteArray(": stream of session " + session->id + "\n\n"));
    session->stream = std::move(response);
}

void McpHttpServer::unrelated(const QByteArray& sessionId, std::string message)
{
    const auto found = m_sessions.find(sessionId);
    if (found != m_sessions.end() && found->second->stream.isOpen()) {
        found->second->stream.write(eventOf(message));
    }
}

void McpHttpServer::endSession(const HttpRequest& request, HttpResponse response)
{
    const std::shared_ptr<Session> session = sessionOf(request, response);
    if (!session) {
        return;
    }
    session->stream.end();
    // Its requests still running are cancelled and waited for; their POSTs get 202.
    m_sessions.erase(session->id);
    response.send(204, {});
}

void McpHttpServer::dropIdleSessions()
{
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    for (auto it = m_sessions.begin(); it != m_sessions.end();) {
        const Session& session = *it->second;
        if (session.running == 0 && !session.stream.isOpen() && now - session.lastUsed > m_options.idleTimeoutMs) {
            it = m_sessions.erase(it);
        } else {
            ++it;
        }
    }
}

} // namespace chasm::http
