#pragma once

#include "AccessGuard.h"
#include "ApiEngine.h"
#include "HttpServer.h"
#include "McpHttpServer.h"
#include "ResponseCapture.h"
#include "util/Result.h"

#include <QHostAddress>
#include <QObject>
#include <QUrl>

#include <memory>

namespace chasm::http {

// The port `chasm api serve` listens on: the REST API under /api/v1 (and its unversioned /api aliases), handed to
// the controllers (ApiEngine), and MCP's Streamable HTTP at /mcp (McpHttpServer, mounted). Every request's Host and
// Origin are checked, and its bearer token but for GET /api/v1/health; every refusal and every error the HTTP
// server answers itself (413 for a body past the limit) comes in the API's error envelope.
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
    // An error in the API's envelope, recorded when the tests capture answers.
    void sendError(const HttpRequest& request, HttpResponse& response, int status, const QString& message,
                   HttpHeaders headers = {});

    ApiEngine& m_api;
    ApiHttpOptions m_options;
    QHostAddress m_address;
    HttpServer m_http;
    McpHttpServer m_mcp;
    std::unique_ptr<AccessGuard> m_guard;       // Host, Origin and the token
    std::unique_ptr<AccessGuard> m_publicGuard; // Host and Origin (the health check)
    std::shared_ptr<ResponseCapture> m_capture; // null unless CHASM_API_CAPTURE is set
};

} // namespace chasm::http
