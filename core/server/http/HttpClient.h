// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#pragma once

#include "util/HttpGet.h"
#include "util/Result.h"

namespace chasm::http {

// A small blocking HTTP/1.1 client for GET requests (recover recording pulls sessions from a Chasm server with it):
// one connection per request (`Connection: close`), bodies framed by Content-Length, in chunks or by the end of the
// connection, read no further than HttpGet::maxBytes, all of it within HttpGet::timeout. Plain http only: Chasm's
// servers speak no TLS. It waits on the socket, without an event loop: for the command line or a worker thread,
// never the GUI thread.
class HttpClient final
{
public:
    static Result<HttpAnswer> get(const HttpGet& request);
    // A HEAD request, over TLS for https (the system's certificates), read up to its status line.
    static HttpProbeResult head(const HttpProbe& probe);
};

} // namespace chasm::http
