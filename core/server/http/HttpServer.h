// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#pragma once

#include "util/Result.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QHostAddress>
#include <QList>
#include <QObject>
#include <QPointer>

#include <functional>
#include <set>
#include <utility>

class QTcpServer;
class QTcpSocket;

namespace chasm::http {

class HttpConnection;

// One HTTP/1.1 request as it arrived, its body complete. Header names are lower case.
struct HttpRequest
{
    QByteArray method; // "POST"
    QByteArray path;   // "/mcp", without the query
    QByteArray query;  // what followed '?', undecoded
    QList<std::pair<QByteArray, QByteArray>> headers;
    QByteArray body;
    QHostAddress peer;
    // A WebSocket handshake (GET with `Upgrade: websocket`, no body), left unread in the connection's socket so that
    // the handler may take the socket (HttpResponse::takeSocket) and hand it to a QWebSocketServer. Such a request
    // that is answered instead closes its connection after the answer.
    bool upgrade = false;

    // The first value of a header (name in lower case), or a null QByteArray when the request has none.
    QByteArray header(QByteArrayView name) const;
};

using HttpHeaders = QList<std::pair<QByteArray, QByteArray>>;

// The answer to one request: a whole body (send), or a stream of chunks (beginStream, write, end). Movable, and
// it may be kept after the handler returned, to answer later from the server's thread. When the client went away
// first, what is written is dropped (isOpen tells); a response dropped without an answer closes the connection.
class HttpResponse
{
public:
    HttpResponse() = default;
    HttpResponse(HttpResponse&& other) noexcept;
    HttpResponse& operator=(HttpResponse&& other) noexcept;
    ~HttpResponse();
    Q_DISABLE_COPY(HttpResponse)

    // Answers with `body` (Content-Length set here; give Content-Type in `headers`).
    void send(int status, const HttpHeaders& headers, const QByteArray& body = {});
    // Starts a body sent in chunks (Transfer-Encoding: chunked), for a stream of events.
    void beginStream(int status, const HttpHeaders& headers);
    void write(QByteArrayView data);
    // Ends the stream; the connection then reads its next request.
    void end();

    // The client is still connected and the answer is not complete.
    bool isOpen() const;
    // Called once if the connection closes before the answer was complete (not when this response is dropped).
    void onClosed(std::function<void()> closed);
    // For an `upgrade` request not yet answered: the connection's socket, its handshake unread, no longer the
    // server's (the caller owns it; it has no parent). Null for any other request.
    QTcpSocket* takeSocket();

private:
    friend class HttpConnection;
    explicit HttpResponse(HttpConnection* connection, quint64 serial);
    QPointer<HttpConnection> m_connection;
    quint64 m_serial = 0;
    bool m_streaming = false;
};

// A small HTTP/1.1 server (QtNetwork only, the same on every Qt 6): keep-alive, one request at a time per
// connection, request bodies limited before they are read (413), chunked streams for Server-Sent Events, WebSocket
// handshakes handed over unread (HttpRequest::upgrade). It hands every complete request to one handler, which
// answers through the HttpResponse now or later.
class HttpServer final : public QObject
{
    Q_OBJECT

public:
    using Handler = std::function<void(const HttpRequest&, HttpResponse)>;

    struct Limits
    {
        qsizetype maxBody = 4 * 1024 * 1024; // larger bodies: 413, not read
        qsizetype maxHeader = 64 * 1024;     // request line and headers: 431 past it
        int maxConnections = 128;            // more are closed at once
        int requestTimeoutMs = 30000;        // a request must arrive whole within this, once begun
    };

    explicit HttpServer(Handler handler, QObject* parent = nullptr);
    HttpServer(Handler handler, Limits limits, QObject* parent = nullptr);
    ~HttpServer() override;

    // Listens on `address`:`port` (0: a free port). The error names the address.
    Result<bool> listen(const QHostAddress& address, quint16 port);
    // How the errors the server answers itself (400, 408, 413, 431, 501) are worded: their Content-Type and body
    // from the status and a message. Plain text when not set.
    using ErrorBody = std::function<std::pair<QByteArray, QByteArray>(int status, const QByteArray& message)>;
    void setErrorBody(ErrorBody errorBody) { m_errorBody = std::move(errorBody); }
    // Headers every response carries (those the server answers itself too), but where a response gives a header of
    // the same name itself: the security headers of a server whose answers a browser may see.
    void setCommonHeaders(HttpHeaders headers) { m_commonHeaders = std::move(headers); }
    quint16 port() const;
    QHostAddress address() const;
    // Stops accepting connections and reading requests: each connection closes once its current answer is complete
    // (an idle one at once), after what was written to it has gone out. `closed` is called, on this thread, when
    // the last one is gone.
    void close(std::function<void()> closed);

private:
    friend class HttpConnection;
    void accept();
    void connectionGone(HttpConnection* connection);

    Handler m_handler;
    Limits m_limits;
    ErrorBody m_errorBody;
    HttpHeaders m_commonHeaders;
    QTcpServer* m_tcp = nullptr;
    int m_connections = 0;
    std::set<HttpConnection*> m_open;
    bool m_closing = false;
    std::function<void()> m_closed;
};

} // namespace chasm::http
