// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#pragma once

#include "util/HttpGet.h"
#include "util/Result.h"

namespace chasm::http {

// What the chasm-http module offers a command that asks a server (see McpHttpPlugin.h for why a module): GET
// requests (and the HEAD probes of `harvest scan --web`) through HttpClient, so that the program itself never loads
// QtNetwork.
struct HttpClientPlugin
{
    Result<HttpAnswer> (*get)(const HttpGet& request);
    HttpProbeResult (*head)(const HttpProbe& probe);
};

// The module's exported function returning the HttpClientPlugin is named this.
inline constexpr char httpClientPluginEntry[] = "chasmHttpClientPlugin";

} // namespace chasm::http
