// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#pragma once

#include "ApiEngine.h"
#include "McpEngine.h"
#include "util/Result.h"

#include <QObject>
#include <QUrl>

#include <functional>
#include <memory>

namespace chasm::http {

// What the chasm-http module offers `chasm api serve` (see McpHttpPlugin.h for why a module): the REST API and
// MCP served on one port.
struct ApiHttpPlugin
{
    struct Serving
    {
        std::unique_ptr<QObject> server; // serves until deleted
        QUrl url;                        // http://HOST:PORT
        // Stops serving gracefully (ApiHttpServer::shutdown); `stopped` is called, on the server's thread, once
        // it has.
        std::function<void(std::function<void()> stopped)> shutdown;
    };
    // Listens as `options` say and serves `api` under /api and `mcp` at /mcp; the error says why it cannot.
    Result<Serving> (*serve)(ApiEngine& api, McpEngine& mcp, const ApiHttpOptions& options);
};

// The module's exported function returning the ApiHttpPlugin is named this.
inline constexpr char apiHttpPluginEntry[] = "chasmApiPlugin";

} // namespace chasm::http
