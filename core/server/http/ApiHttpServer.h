// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#pragma once

#include "AccessGuard.h"
#include "ApiEngine.h"
#include "HttpServer.h"
#include "McpHttpServer.h"
#include "ResponseCapture.h"
#include "util/Result.h"

#include <QHash>
#include <QHostAddress>
#include <QObject>
#include <QSet>
#include <QUrl>

#include <functional>
#include <memory>

class QWebSocket;
class QWebSocketServer;

namespace chasm::http {

// The port `chasm api serve` listens on: the REST API under /api/v1 (and its unversioned /api aliases), handed to
// the controllers (ApiEngine), and MCP's Streamable HTTP at /mcp (McpHttpServer, mounted). Every request's Host and
// Origin are checked, and its bearer token but for GET /api/v1/health; every refusal and every error the HTTP
// server answers itself (413 for a body past the limit, 429 past the requests in flight) comes in the API's error
// envelope, /mcp's too (but its JSON-RPC errors). Every answer carries nosniff, a Content-Security-Policy and
// Cache-Control: no-store; pages of the allowed origins get CORS headers and their preflights are answered. A
// WebSocket handshake passes the same checks before the socket is handed to a QWebSocketServer and then to the
// controllers (ApiEngine::openSocket); its messages are limited as bodies are.
class ApiHttpServer final : public QObject
{
    Q_OBJECT

public:
    ApiHttpServer(ApiEngine& api, McpEngine& mcp, ApiHttpOptions options, QObject* parent = nullptr);
    ~ApiHttpServer() override;

    // Starts listening. Refuses a host that is not an IP address (or localhost), an address other than loopback
    // without a token, and --no-auth on such an address.
    Result<bool> listen();
    // http://HOST:PORT, once listening.
    QUrl url() const;
    // Stops serving: no new connection or request is taken (a request already read gets 503), the requests running
    // are answered (MCP's as McpHttpServer::shutdown says). `stopped` is called once every connection is closed.
    void shutdown(std::function<void()> stopped);

private:
    void handle(const HttpRequest& request, HttpResponse response);
    // An error in the API's envelope, recorded when the tests capture answers.
    void sendError(const HttpRequest& request, HttpResponse& response, int status, const QString& message,
                   HttpHeaders headers = {});
    // The CORS headers for a request from an allowed origin (none for any other).
    HttpHeaders corsHeaders(const HttpRequest& request) const;
    void upgrade(const HttpRequest& request, HttpResponse response, const HttpHeaders& cors);
    void socketOpened();

    ApiEngine& m_api;
    ApiHttpOptions m_options;
    QHostAddress m_address;
    HttpServer m_http;
    McpHttpServer m_mcp;
    std::unique_ptr<AccessGuard> m_guard;       // Host, Origin and the token
    std::unique_ptr<AccessGuard> m_publicGuard; // Host and Origin (the health check, CORS preflights)
    std::shared_ptr<ResponseCapture> m_capture; // null unless CHASM_API_CAPTURE is set
    QWebSocketServer* m_sockets;                // the handshakes handed over (a child)
    int m_openSockets = 0;
    // The handshakes handed to m_sockets and not answered yet, by their peer's address and port (what a QWebSocket
    // tells of the socket it was made from). They count with the open WebSockets: QWebSocketServer answers a
    // handshake at its next turn of the event loop, so that a burst of handshakes all found the open ones below the
    // limit.
    QHash<QString, QTcpSocket*> m_handshakes;
    QSet<QByteArray> m_allowedOrigins; // lower case
    // API requests handed to the controllers and not answered yet; counted on this thread, held by the answers
    // too, which may come after this server is gone.
    std::shared_ptr<int> m_inFlight = std::make_shared<int>(0);
    bool m_stopping = false;
};

} // namespace chasm::http
