// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#pragma once

#include "HttpServer.h"
#include "McpEngine.h"
#include "util/Result.h"

#include <QByteArray>
#include <QObject>
#include <QString>
#include <QHostAddress>
#include <QTimer>
#include <QUrl>

#include <functional>
#include <map>
#include <memory>

namespace chasm::http {

class AccessGuard;

// MCP's Streamable HTTP transport at /mcp: a POST carries one JSON-RPC message to a session (an initialize without
// Mcp-Session-Id opens one and returns its id); a request is answered with application/json, or with an
// event stream (text/event-stream) when the client accepts one and the request asks for progress or sends
// notifications (log messages) before its response; a notification or a response is acknowledged with 202. GET opens a
// session's stream for messages that belong to no request; DELETE ends a session. Host, Origin, the token and
// MCP-Protocol-Version are checked on every request (AccessGuard).
class McpHttpServer final : public QObject
{
    Q_OBJECT

public:
    using Options = McpHttpOptions;

    McpHttpServer(McpEngine& engine, Options options, QObject* parent = nullptr);
    ~McpHttpServer() override;

    // Starts listening. Refuses a host that is not an IP address (or localhost), and an address other than
    // loopback without a token.
    Result<bool> listen();
    // Serves /mcp on another server's port (the REST API's, which hands its requests to handle) instead of
    // listening: Host, Origin and the token are checked as for a server bound to `address`:`port`.
    void mount(const QHostAddress& address, quint16 port);
    // How the errors that are no JSON-RPC message (the token, Host and Origin, a missing session, a body too large)
    // are worded; plain text when not set. The REST API's port answers them in its error envelope.
    void setErrorBody(HttpServer::ErrorBody errorBody);
    // One request to /mcp, once listening or mounted.
    void handle(const HttpRequest& request, HttpResponse response);
    // http://HOST:PORT/mcp, once listening.
    QUrl url() const;
    int sessionCount() const;
    // Stops serving: no new connection or request is taken (a request already read gets 503), every session's
    // stream ends, and the requests running get Options::shutdownGraceMs to be answered; those still running then
    // are cancelled (503). `stopped` is called once every answer has gone out and every connection is closed.
    void shutdown(std::function<void()> stopped);

private:
    struct Session;
    struct Pending;

    void post(const HttpRequest& request, HttpResponse response);
    void openStream(const HttpRequest& request, HttpResponse response);
    void endSession(const HttpRequest& request, HttpResponse response);
    // The session a request names, or nothing after answering 400 (no id) or 404 (unknown id).
    std::shared_ptr<Session> sessionOf(const HttpRequest& request, HttpResponse& response);
    std::shared_ptr<Session> newSession();
    void deliver(const std::shared_ptr<Pending>& pending, std::string message);
    void finish(const std::shared_ptr<Pending>& pending);
    void unrelated(const QByteArray& sessionId, std::string message);
    void dropIdleSessions();

    McpEngine& m_engine;
    Options m_options;
    QHostAddress m_address;
    HttpServer m_http;
    std::unique_ptr<AccessGuard> m_guard;
    HttpServer::ErrorBody m_errorBody;
    std::map<QByteArray, std::shared_ptr<Session>> m_sessions;
    QTimer m_sweep;
    bool m_stopping = false;
};

} // namespace chasm::http
