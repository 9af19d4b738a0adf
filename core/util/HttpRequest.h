// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#pragma once

#include <QByteArray>
#include <QString>
#include <QUrl>

#include <chrono>

namespace chasm {

// One request to an HTTP server and what a transport makes of it, for the core's clients of a server (recover
// recording's GETs, telemetry's POSTs, harvest share's web pages): the core does without QtNetwork, so the transport
// comes from the program (the chasm-http module's HttpClient, or its PageClient for web pages). A transport's errors
// say what went wrong (connection refused, no answer in time, too large, a certificate refused) without naming the
// server, which the caller does.
struct HttpRequest
{
    QUrl url;                  // http://HOST[:PORT]/path, or https://
    QByteArray method = "GET"; // GET or POST
    QByteArray body;           // sent with its Content-Length when not empty
    QByteArray contentType;    // of the body
    QByteArray bearerToken;    // sent as "Authorization: Bearer …" unless empty
    qint64 maxBytes = 0; // the largest body taken: a larger one is an error (ErrorKind::TooLarge), read no further
    std::chrono::milliseconds timeout{30000}; // for all of it, from connecting to the last byte
};

// The server's answer (any status): the body whole, without the transfer's framing.
struct HttpAnswer
{
    int status = 0;
    QByteArray contentType; // as the server gave it, parameters and all
    QByteArray body;
};

// A HEAD request for a home page, to see whether a web service answers (`harvest scan --web`): http or https.
struct HttpProbe
{
    QUrl url;
    std::chrono::milliseconds timeout{5000}; // for all of it, from the name lookup to the status line
};

// What came of a probe: the status line's code, or why none came.
struct HttpProbeResult
{
    enum class Failure
    {
        None,
        Dns,     // the host name did not resolve
        Refused, // nothing listens there
        Timeout, // no status line within the time
        Tls,     // the TLS handshake failed (a certificate refused, no common protocol)
        Other,   // anything else: reset, not HTTP
    };
    int status = 0;
    Failure failure = Failure::None;
    QString message; // for a failure, in words
};

} // namespace chasm
