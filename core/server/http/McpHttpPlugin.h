// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#pragma once

#include "McpEngine.h"
#include "util/Result.h"

#include <QObject>
#include <QUrl>

#include <functional>
#include <memory>

namespace chasm::http {

// What the chasm-http module offers a program that does not link QtNetwork (its libraries, Kerberos and the
// proxy resolver among them, cost every command several milliseconds at start): `chasm mcp serve --http` loads it
// (QLibrary) and serves MCP through it.
struct McpHttpPlugin
{
    struct Serving
    {
        std::unique_ptr<QObject> server; // serves until deleted
        QUrl url;                        // http://HOST:PORT/mcp
        // Stops serving gracefully (McpHttpServer::shutdown); `stopped` is called, on the server's thread, once it
        // has.
        std::function<void(std::function<void()> stopped)> shutdown;
    };
    // Listens as `options` say and serves `engine`; the error says why it cannot (the address, the token).
    Result<Serving> (*serve)(McpEngine& engine, const McpHttpOptions& options);
};

// The module's one exported symbol, a function returning the McpHttpPlugin, is named this.
inline constexpr char mcpHttpPluginEntry[] = "chasmHttpPlugin";
// The module's base name: QLibrary adds the platform's prefix and suffix.
inline constexpr char mcpHttpPluginName[] = "chasm-http";

} // namespace chasm::http
