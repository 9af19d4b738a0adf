// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#pragma once

#include "util/HttpRequest.h"
#include "util/Result.h"

namespace chasm::http {

// Fetches one web page over https with QNetworkAccessManager and Qt's TLS (harvest share reads shared conversations
// with it): redirects followed only to https, or, for a page on this machine (127.0.0.1, ::1, localhost, which may be
// plain http), only within its own origin; the body read no further than HttpRequest::maxBytes, all of it within
// HttpRequest::timeout. Any other plain http URL is refused unfetched. It waits in a local event loop: for the command
// line or a worker thread, never the GUI thread.
class PageClient final
{
public:
    static Result<HttpAnswer> get(const HttpRequest& request);
};

} // namespace chasm::http
