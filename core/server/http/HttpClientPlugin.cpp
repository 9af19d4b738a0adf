// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#include "HttpClientPlugin.h"
#include "HttpClient.h"
#include "PageClient.h"

namespace {

constexpr chasm::http::HttpClientPlugin plugin{&chasm::http::HttpClient::send, &chasm::http::PageClient::get,
                                               &chasm::http::HttpClient::head};

} // namespace

extern "C" Q_DECL_EXPORT const chasm::http::HttpClientPlugin* chasmHttpClientPlugin()
{
    return &plugin;
}
