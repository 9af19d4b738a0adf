// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#include "McpHttpPlugin.h"
#include "McpHttpServer.h"

namespace {

using chasm::http::McpHttpPlugin;

chasm::Result<McpHttpPlugin::Serving> serve(chasm::http::McpEngine& engine, const chasm::http::McpHttpOptions& options)
{
    auto server = std::make_unique<chasm::http::McpHttpServer>(engine, options);
    if (auto listening = server->listen(); !listening) {
        return listening.error();
    }
    const QUrl url = server->url();
    auto* serving = server.get();
    return McpHttpPlugin::Serving{std::move(server), url,
                                  [serving](std::function<void()> stopped) { serving->shutdown(std::move(stopped)); }};
}

constexpr McpHttpPlugin plugin{serve};

} // namespace

extern "C" Q_DECL_EXPORT const chasm::http::McpHttpPlugin* chasmHttpPlugin()
{
    return &plugin;
}
