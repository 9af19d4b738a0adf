// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#pragma once

#include "util/HttpRequest.h"
#include "util/Result.h"

namespace chasm::http {

// What the chasm-http module offers a command that asks a server (see McpHttpPlugin.h for why a module): GET and
// POST requests (and the HEAD probes of `harvest scan --web`) through HttpClient, and web pages through PageClient,
// so that the program itself never loads QtNetwork.
struct HttpClientPlugin
{
    Result<HttpAnswer> (*send)(const HttpRequest& request);
    Result<HttpAnswer> (*getPage)(const HttpRequest& request);
    HttpProbeResult (*head)(const HttpProbe& probe);
};

// The module's exported function returning the HttpClientPlugin is named this.
inline constexpr char httpClientPluginEntry[] = "chasmHttpClientPlugin";

} // namespace chasm::http
