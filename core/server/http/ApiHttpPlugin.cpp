// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#include "ApiHttpPlugin.h"
#include "ApiHttpServer.h"

namespace {

using chasm::http::ApiHttpPlugin;

chasm::Result<ApiHttpPlugin::Serving> serve(chasm::http::ApiEngine& api, chasm::http::McpEngine& mcp,
                                            const chasm::http::ApiHttpOptions& options)
{
    auto server = std::make_unique<chasm::http::ApiHttpServer>(api, mcp, options);
    if (auto listening = server->listen(); !listening) {
        return listening.error();
    }
    const QUrl url = server->url();
    auto* running = server.get();
    return ApiHttpPlugin::Serving{std::move(server), url,
                                  [running](std::function<void()> stopped) { running->shutdown(std::move(stopped)); }};
}

constexpr ApiHttpPlugin plugin{serve};

} // namespace

extern "C" Q_DECL_EXPORT const chasm::http::ApiHttpPlugin* chasmApiPlugin()
{
    return &plugin;
}
