// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#pragma once

#include "util/HttpRequest.h"
#include "util/Result.h"

namespace chasm::http {

// A small blocking HTTP/1.1 client for GET and POST requests (recover recording pulls sessions from a Chasm server
// with it, telemetry sync posts events): one connection per request (`Connection: close`), answers framed by
// Content-Length, in chunks or by the end of the connection, read no further than HttpRequest::maxBytes, all of it
// within HttpRequest::timeout. https goes through QSslSocket, the certificate checked as the system says. It waits
// on the socket, without an event loop: for the command line or a worker thread, never the GUI thread.
class HttpClient final
{
public:
    static Result<HttpAnswer> send(const HttpRequest& request);
    // A HEAD request, over TLS for https (the system's certificates), read up to its status line.
    static HttpProbeResult head(const HttpProbe& probe);
};

} // namespace chasm::http
