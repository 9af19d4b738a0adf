#pragma once

#include "AccessGuard.h"
#include "ApiEngine.h"
#include "HttpServer.h"
#include "McpHttpServer.h"
#include "util/Result.h"

#include <QHostAddress>
#include <QObject>
#include <QUrl>

#include <memory>

class QWebSocket;
class QWebSocketServer;

namespace chasm::http {

// The port `chasm api serve` listens on: the REST API under /api/v1 (and its unversioned /api aliases), handed to
// the controllers (ApiEngine), and MCP's Streamable HTTP at /mcp (McpHttpServer, mounted). Every request's Host and
// Origin are checked, and its bearer token but for GET /api/v1/health; every refusal and every error the HTTP
// server answers itself (413 for a body past the limit) comes in the API's error envelope. A WebSocket handshake
// passes the same checks before the socket is handed to a QWebSocketServer and then to the controllers
// (ApiEngine::openSocket); its messages are limited as bodies are.
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

private:
    void handle(const HttpRequest& request, HttpResponse response);
    void upgrade(const HttpRequest& request, HttpResponse response);
    void socketOpened();

    ApiEngine& m_api;
    ApiHttpOptions m_options;
    QHostAddress m_address;
    HttpServer m_http;
    McpHttpServer m_mcp;
    std::unique_ptr<AccessGuard> m_guard;       // Host, Origin and the token
    std::unique_ptr<AccessGuard> m_publicGuard; // Host and Origin (the health check)
    QWebSocketServer* m_sockets;                // the handshakes handed over (a child)
    int m_openSockets = 0;
};

} // namespace chasm::http
