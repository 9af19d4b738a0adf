// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#include "HttpClientPlugin.h"
#include "HttpClient.h"

namespace {

constexpr chasm::http::HttpClientPlugin plugin{&chasm::http::HttpClient::get, &chasm::http::HttpClient::head};

} // namespace

extern "C" Q_DECL_EXPORT const chasm::http::HttpClientPlugin* chasmHttpClientPlugin()
{
    return &plugin;
}
