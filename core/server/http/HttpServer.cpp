// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#include "HttpServer.h"

#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace chasm::http {

namespace {

// An idle keep-alive connection is closed after this.
constexpr int IdleTimeoutMs = 120000;
// After an early error reply (413 while the client still sends its body), what arrives is read and dropped for
// this long before the connection closes: closing with unread data would reset it, and the client might never
// read the reply.
constexpr int DrainTimeoutMs = 2000;

QByteArray reasonPhrase(int status)
{
    switch (status) {
    case 100:
        return "Continue";
    case 200:
        return "OK";
    case 202:
        return "Accepted";
    case 204:
        return "No Content";
    case 400:
        return "Bad Request";
    case 401:
        return "Unauthorized";
    case 403:
        return "Forbidden";
    case 404:
        return "Not Found";
    case 405:
        return "Method Not Allowed";
    case 406:
        return "Not Acceptable";
    case 408:
        return "Request Timeout";
    case 409:
        return "Conflict";
    case 413:
        return "Content Too Large";
    case 415:
        return "Unsupported Media Type";
    case 431:
        return "Request Header Fields Too Large";
    case 500:
        return "Internal Server Error";
    case 501:
        return "Not Implemented";
    case 503:
        return "Service Unavailable";
    default:
        return "Status";
    }
}

QByteArray statusLine(int status)
{
    return "HTTP/1.1 " + QByteArray::number(status) + ' ' + reasonPhrase(status) + "\r\n";
}

bool isToken(QByteArrayView text)
{
    if (text.isEmpty()) {
        return false;
    }
    for (const char c : text) {
        const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                        QByteArrayView("!#$%&'*+-.^_`|~").contains(c);
        if (!ok) {
            return false;
        }
    }
    return true;
}

} // namespace

QByteArray HttpRequest::header(QByteArrayView name) const
{
    for (const auto& [key, value] : headers) {
        if (key == name) {
            return value.isNull() ? QByteArray("") : value;
        }
    }
    return {};
}

// One client connection: reads requests one at a time, hands each to the server's handler and waits for its
// answer before it reads the next.
class HttpConnection final : public QObject
{
public:
    HttpConnection(HttpServer& server, QTcpSocket* socket)
        : QObject(&server)
        , m_server(server)
        , m_socket(socket)
    {
        m_socket->setParent(this);
        m_timer.setSingleShot(true);
        connect(&m_timer, &QTimer::timeout, this, &HttpConnection::timedOut);
        connect(m_socket, &QTcpSocket::readyRead, this, &HttpConnection::readSocket);
        connect(m_socket, &QTcpSocket::disconnected, this, &HttpConnection::closed);
        m_timer.start(IdleTimeoutMs);
        readSocket();
    }
    bool answering(quint64 serial) const { return m_state == State::Answering && serial == m_serial; }

    // The server closes: no more requests are read; the connection closes once its answer is complete.
    void closeWhenAnswered()
    {
        m_closeAfter = true;
        if (m_state == State::ReadingHead || m_state == State::ReadingBody || m_state == State::Draining) {
            close();
        }
    }

    void send(quint64 serial, int status, const HttpHeaders& headers, const QByteArray& body)
    {
        if (!answering(serial)) {
            return;
        }
        QByteArray head = statusLine(status);
        appendHeaders(head, headers);
        // 204 has no body, and no length.
        head += status == 204 ? QByteArray("\r\n") : "Content-Length: " + QByteArray::number(body.size()) + "\r\n\r\n";
        // One write: the socket sends each written block with a send() of its own.
        head += body;
        m_socket->write(head);
        answered();
    }

    void beginStream(quint64 serial, int status, const HttpHeaders& headers)
    {
        if (!answering(serial)) {
            return;
        }
        QByteArray head = statusLine(status);
        appendHeaders(head, headers);
        head += "Transfer-Encoding: chunked\r\n\r\n";
        m_socket->write(head);
    }

    void writeChunk(quint64 serial, QByteArrayView data)
    {
        if (!answering(serial) || data.isEmpty()) {
            return;
        }
        QByteArray chunk = QByteArray::number(data.size(), 16) + "\r\n";
        chunk.reserve(chunk.size() + data.size() + 2);
        chunk.append(data.data(), data.size());
        chunk += "\r\n";
        m_socket->write(chunk);
    }

    void endStream(quint64 serial)
    {
        if (!answering(serial)) {
            return;
        }
        m_socket->write("0\r\n\r\n");
        answered();
    }

    // The handler let go of its response without answering: nothing more can be said on this connection.
    void abandoned(quint64 serial)
    {
        if (answering(serial)) {
            m_state = State::Closed;
            m_socket->abort();
            deleteLater();
        }
    }

    void setClosedCallback(quint64 serial, std::function<void()> callback)
    {
        if (answering(serial)) {
            m_closedCallback = std::move(callback);
        }
    }

    QTcpSocket* takeSocket(quint64 serial)
    {
        if (!answering(serial) || !m_upgradeable) {
            return nullptr;
        }
        QTcpSocket* socket = std::exchange(m_socket, nullptr);
        socket->disconnect(this);
        socket->setParent(nullptr);
        m_timer.stop();
        m_state = State::Closed;
        deleteLater();
        return socket;
    }

private:
    enum class State
    {
        ReadingHead,
        ReadingBody,
        Answering,
        Draining,
        Closed
    };

    void appendHeaders(QByteArray& head, const HttpHeaders& headers) const
    {
        for (const auto& [name, value] : headers) {
            head += name + ": " + value + "\r\n";
        }
        for (const auto& [name, value] : m_server.m_commonHeaders) {
            const bool given = std::any_of(headers.cbegin(), headers.cend(), [&name](const auto& header) {
                return header.first.compare(name, Qt::CaseInsensitive) == 0;
            });
            if (!given) {
                head += name + ": " + value + "\r\n";
            }
        }
        if (m_closeAfter) {
            head += "Connection: close\r\n";
        }
    }

    void readSocket()
    {
        if (m_state == State::Closed) {
            return;
        }
        if (m_state == State::Draining) {
            m_socket->readAll();
            return;
        }
        // A connection's next request, not read yet: a WebSocket handshake stays in the socket.
        if (m_state == State::ReadingHead && m_buffer.isEmpty() && peekUpgrade()) {
            return;
        }
        m_buffer += m_socket->readAll();
        // A client that sends on while its request is answered (no pipelining here) may not pile up data.
        if (m_state == State::Answering && m_buffer.size() > m_server.m_limits.maxHeader + m_server.m_limits.maxBody) {
            close();
            return;
        }
        parse();
    }

    void parse()
    {
        if (m_state == State::ReadingHead) {
            if (!m_buffer.isEmpty() && m_timer.remainingTime() > m_server.m_limits.requestTimeoutMs) {
                m_timer.start(m_server.m_limits.requestTimeoutMs);
            }
            const qsizetype end = m_buffer.indexOf("\r\n\r\n");
            if (end < 0) {
                if (m_buffer.size() > m_server.m_limits.maxHeader) {
                    fail(431, "the request's headers are too large");
                }
                return;
            }
            if (end > m_server.m_limits.maxHeader) {
                fail(431, "the request's headers are too large");
                return;
            }
            if (!parseHead(m_buffer.left(end))) {
                return;
            }
            m_buffer.remove(0, end + 4);
            m_state = State::ReadingBody;
        }
        if (m_state == State::ReadingBody) {
            if (m_buffer.size() < m_bodyLength) {
                return;
            }
            m_request.body = m_buffer.left(m_bodyLength);
            m_buffer.remove(0, m_bodyLength);
            dispatch();
        }
    }

    // Hands the request read to the server's handler, and waits for its answer.
    void dispatch()
    {
        m_state = State::Answering;
        m_timer.stop();
        ++m_serial;
        const HttpRequest request = std::move(m_request);
        m_request = {};
        m_server.m_handler(request, HttpResponse(this, m_serial));
    }

    // Looks at the request waiting in the socket without reading it. True when it is a WebSocket handshake (handed
    // to the handler) or may still become one (its head is incomplete): the socket is left as it is.
    bool peekUpgrade()
    {
        const qsizetype maxHeader = m_server.m_limits.maxHeader;
        const QByteArray waiting = m_socket->peek(maxHeader + 4);
        if (!waiting.startsWith("GET ") && !QByteArrayView("GET ").startsWith(waiting)) {
            return false;
        }
        const qsizetype end = waiting.indexOf("\r\n\r\n");
        if (end < 0) {
            if (waiting.size() > maxHeader) {
                return false; // read, and refused as too large
            }
            if (!waiting.isEmpty() && m_timer.remainingTime() > m_server.m_limits.requestTimeoutMs) {
                m_timer.start(m_server.m_limits.requestTimeoutMs);
            }
            return true;
        }
        const QByteArray head = waiting.left(end);
        if (!head.toLower().contains("websocket")) {
            return false;
        }
        if (!parseHead(head)) {
            m_socket->readAll(); // answered already; what follows is dropped
            return true;
        }
        // A WebSocket handshake is a GET (RFC 6455, 4.1); any other method asking for an upgrade is a request.
        const bool upgrade = m_request.method == "GET" && m_request.header("upgrade").toLower() == "websocket" &&
                             m_bodyLength == 0 && m_request.header("content-length").isNull();
        if (!upgrade) {
            m_request = {};
            return false; // read and parsed the usual way
        }
        m_request.upgrade = true;
        m_upgradeable = true;
        m_closeAfter = true;
        dispatch();
        // Not taken: the handshake is dropped, the answer (now or later) closes the connection.
        if (m_socket) {
            m_socket->skip(end + 4);
        }
        return true;
    }

    bool parseHead(const QByteArray& head)
    {
        const QList<QByteArray> lines = head.split('\n');
        const QList<QByteArray> requestLine = lines.first().trimmed().split(' ');
        if (requestLine.size() != 3 || !isToken(requestLine[0]) || !requestLine[1].startsWith('/') ||
            !requestLine[2].startsWith("HTTP/1.")) {
            fail(400, "not an HTTP/1.1 request line");
            return false;
        }
        m_request = {};
        m_request.peer = m_socket->peerAddress();
        m_request.method = requestLine[0];
        const QByteArray& target = requestLine[1];
        const qsizetype question = target.indexOf('?');
        m_request.path = question < 0 ? target : target.left(question);
        m_request.query = question < 0 ? QByteArray() : target.mid(question + 1);
        m_closeAfter = requestLine[2] != "HTTP/1.1";
        for (qsizetype i = 1; i < lines.size(); ++i) {
            const QByteArray line = lines[i].endsWith('\r') ? lines[i].chopped(1) : lines[i];
            const qsizetype colon = line.indexOf(':');
            if (colon <= 0 || !isToken(QByteArrayView(line).first(colon))) {
                fail(400, "a header line is malformed");
                return false;
            }
            m_request.headers.append({line.left(colon).toLower(), line.mid(colon + 1).trimmed()});
        }
        if (m_request.header("connection").toLower().contains("close")) {
            m_closeAfter = true;
        }
        if (!m_request.header("transfer-encoding").isNull()) {
            fail(501, "request bodies in chunks are not accepted; send Content-Length");
            return false;
        }
        m_bodyLength = 0;
        if (const QByteArray length = m_request.header("content-length"); !length.isNull()) {
            bool ok = false;
            m_bodyLength = length.toLongLong(&ok);
            if (!ok || m_bodyLength < 0 || length.startsWith('+')) {
                fail(400, "Content-Length is not a number");
                return false;
            }
            if (m_bodyLength > m_server.m_limits.maxBody) {
                fail(413, "the request body is larger than " + QByteArray::number(m_server.m_limits.maxBody / 1024) +
                              " KiB");
                return false;
            }
        }
        if (m_request.header("expect").toLower() == "100-continue") {
            m_socket->write(statusLine(100) + "\r\n");
        }
        return true;
    }

    // An error the connection cannot go on after: answered, then what the client still sends is read and
    // dropped for a moment, then the connection closes.
    void fail(int status, const QByteArray& message)
    {
        m_closeAfter = true;
        const auto [type, body] = m_server.m_errorBody
                                      ? m_server.m_errorBody(status, message)
                                      : std::pair<QByteArray, QByteArray>("text/plain; charset=utf-8", message + '\n');
        QByteArray head = statusLine(status);
        appendHeaders(head, {{"Content-Type", type}, {"Content-Length", QByteArray::number(body.size())}});
        m_socket->write(head + "\r\n" + body);
        m_buffer.clear();
        m_state = State::Draining;
        m_timer.start(DrainTimeoutMs);
    }

    void answered()
    {
        m_closedCallback = nullptr;
        m_upgradeable = false;
        if (m_closeAfter) {
            close();
            return;
        }
        m_state = State::ReadingHead;
        m_timer.start(IdleTimeoutMs);
        // The next request may be waiting in the buffer; parsed once the answer's caller has returned.
        QTimer::singleShot(0, this, [this] {
            if (m_state == State::ReadingHead) {
                parse();
            }
        });
    }

    void timedOut()
    {
        if (m_state == State::ReadingHead && m_buffer.isEmpty()) {
            close();
        } else if (m_state == State::ReadingHead || m_state == State::ReadingBody) {
            fail(408, "the request did not arrive in time");
        } else if (m_state == State::Draining) {
            close();
        }
    }

    void close()
    {
        m_state = State::Closed;
        m_socket->disconnectFromHost();
        if (m_socket->state() == QAbstractSocket::UnconnectedState) {
            deleteLater();
        }
    }

    void closed()
    {
        const bool wasAnswering = m_state == State::Answering;
        m_state = State::Closed;
        if (wasAnswering && m_closedCallback) {
            std::exchange(m_closedCallback, nullptr)();
        }
        deleteLater();
    }

    HttpServer& m_server;
    QTcpSocket* m_socket;
    QTimer m_timer;
    State m_state = State::ReadingHead;
    QByteArray m_buffer;
    HttpRequest m_request;
    qsizetype m_bodyLength = 0;
    bool m_closeAfter = false;
    bool m_upgradeable = false; // the request answered is a WebSocket handshake, still in the socket
    quint64 m_serial = 0;
    std::function<void()> m_closedCallback;
};

HttpResponse::HttpResponse(HttpConnection* connection, quint64 serial)
    : m_connection(connection)
    , m_serial(serial)
{}

HttpResponse::HttpResponse(HttpResponse&& other) noexcept
    : m_connection(std::exchange(other.m_connection, nullptr))
    , m_serial(other.m_serial)
    , m_streaming(other.m_streaming)
{}

HttpResponse& HttpResponse::operator=(HttpResponse&& other) noexcept
{
    if (this != &other) {
        if (m_connection) {
            m_connection->abandoned(m_serial);
        }
        m_connection = std::exchange(other.m_connection, nullptr);
        m_serial = other.m_serial;
        m_streaming = other.m_streaming;
    }
    return *this;
}

HttpResponse::~HttpResponse()
{
    if (m_connection) {
        m_connection->abandoned(m_serial);
    }
}

void HttpResponse::send(int status, const HttpHeaders& headers, const QByteArray& body)
{
    if (m_connection && !m_streaming) {
        m_connection->send(m_serial, status, headers, body);
    }
}

void HttpResponse::beginStream(int status, const HttpHeaders& headers)
{
    if (m_connection && !m_streaming) {
        m_streaming = true;
        m_connection->beginStream(m_serial, status, headers);
    }
}

void HttpResponse::write(QByteArrayView data)
{
    if (m_connection && m_streaming) {
        m_connection->writeChunk(m_serial, data);
    }
}

void HttpResponse::end()
{
    if (m_connection && m_streaming) {
        m_connection->endStream(m_serial);
    }
}

bool HttpResponse::isOpen() const
{
    return m_connection && m_connection->answering(m_serial);
}

QTcpSocket* HttpResponse::takeSocket()
{
    QTcpSocket* socket = m_connection ? m_connection->takeSocket(m_serial) : nullptr;
    if (socket) {
        m_connection = nullptr;
    }
    return socket;
}

void HttpResponse::onClosed(std::function<void()> closed)
{
    if (m_connection) {
        m_connection->setClosedCallback(m_serial, std::move(closed));
    }
}

HttpServer::HttpServer(Handler handler, QObject* parent)
    : HttpServer(std::move(handler), Limits{}, parent)
{}

HttpServer::HttpServer(Handler handler, Limits limits, QObject* parent)
    : QObject(parent)
    , m_handler(std::move(handler))
    , m_limits(limits)
{}

HttpServer::~HttpServer() = default;

Result<bool> HttpServer::listen(const QHostAddress& address, quint16 port)
{
    delete m_tcp;
    m_tcp = new QTcpServer(this);
    if (!m_tcp->listen(address, port)) {
        const QString message =
            u"cannot listen on %1 port %2: %3"_s.arg(address.toString()).arg(port).arg(m_tcp->errorString());
        delete m_tcp;
        m_tcp = nullptr;
        return Error{message};
    }
    connect(m_tcp, &QTcpServer::newConnection, this, &HttpServer::accept);
    return true;
}

quint16 HttpServer::port() const
{
    return m_tcp ? m_tcp->serverPort() : 0;
}

QHostAddress HttpServer::address() const
{
    return m_tcp ? m_tcp->serverAddress() : QHostAddress();
}

void HttpServer::accept()
{
    while (QTcpSocket* socket = m_tcp->nextPendingConnection()) {
        if (m_connections >= m_limits.maxConnections) {
            socket->abort();
            socket->deleteLater();
            continue;
        }
        // Answers go out as they are written: with Nagle's algorithm the end of an answer waits for the client to
        // acknowledge its start, which a client that delays its acknowledgements does for 40 ms.
        socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
        auto* connection = new HttpConnection(*this, socket);
        ++m_connections;
        m_open.insert(connection);
        connect(connection, &QObject::destroyed, this, [this, connection] { connectionGone(connection); });
    }
}

void HttpServer::close(std::function<void()> closed)
{
    m_closing = true;
    m_closed = std::move(closed);
    if (m_tcp) {
        m_tcp->close();
    }
    for (HttpConnection* connection : std::set(m_open)) { // closing may destroy it
        connection->closeWhenAnswered();
    }
    // With no connection left, the call comes from the event loop all the same.
    QTimer::singleShot(0, this, [this] {
        if (m_closing && m_connections == 0 && m_closed) {
            std::exchange(m_closed, nullptr)();
        }
    });
}

void HttpServer::connectionGone(HttpConnection* connection)
{
    m_open.erase(connection);
    --m_connections;
    if (m_closing && m_connections == 0 && m_closed) {
        std::exchange(m_closed, nullptr)();
    }
}

} // namespace chasm::http
