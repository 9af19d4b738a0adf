// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#pragma once

#include "mcp/McpServer.h"
#include "util/Result.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QString>
#include <QStringList>

#include <functional>
#include <memory>

namespace chasm::http {

// The MCP engine as the HTTP transport drives it. The transport is built into a module (McpHttpPlugin.h) that the
// program loads only to serve HTTP, and that carries none of the engine's code: the program hands it the engine
// through this interface (McpEngineAdapter.h).
class McpEngine
{
public:
    // One client's session (mcp::McpSession).
    class Session
    {
    public:
        virtual ~Session() = default;
        virtual void receive(QByteArrayView message, mcp::McpSession::Exchange exchange) = 0;
        // Cancels the requests still running (their exchanges are done, with no response) and waits for them.
        virtual void cancelAll() = 0;
    };

    virtual ~McpEngine() = default;
    // `unrelated` takes the session's messages that belong to no request, from any thread.
    virtual std::unique_ptr<Session> openSession(mcp::McpSession::Send unrelated) = 0;
    virtual mcp::MessageKind messageKind(QByteArrayView message) const = 0;
    virtual QStringList supportedVersions() const = 0;
};

// Where and how `chasm mcp serve --http` serves.
struct McpHttpOptions
{
    QString host = QStringLiteral("127.0.0.1"); // an IP address, or localhost
    quint16 port = 8788;                        // 0: a free port
    // Required for any address that is not loopback; asked of every request when set.
    QByteArray token;
    // Asked for the token when an address that is not loopback is given none (the system keychain's), once, as the
    // server starts: the token, or why there is none.
    std::function<Result<QByteArray>()> keptToken;
    qsizetype maxBody = 4 * 1024 * 1024;
    // More sessions than this: the one used longest ago is ended. Sessions unused for idleTimeoutMs end too.
    int maxSessions = 256;
    int idleTimeoutMs = 30 * 60 * 1000;
    // When the server is asked to stop (SIGTERM), requests running get this long to be answered; those still
    // running then are cancelled.
    int shutdownGraceMs = 10 * 1000;
};

} // namespace chasm::http
