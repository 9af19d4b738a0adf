// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#pragma once

#include "HttpServer.h"
#include "util/Result.h"

#include <QByteArray>
#include <QHostAddress>
#include <QSet>

#include <optional>

namespace chasm::http {

// Who may talk to a local HTTP server. Every request's Host (and Origin, when a browser sends one) must name this
// server, so that a web page whose name was rebound to 127.0.0.1 cannot reach it (DNS rebinding): on a loopback
// bind the names localhost, 127.0.0.1 and [::1] with this server's port; on another address that address (any
// name on a wildcard bind, whose clients must then bring the token anyway). With a token, every request must carry
// it as `Authorization: Bearer TOKEN`, compared in constant time.
class AccessGuard
{
public:
    // `token` empty: no token asked for. `allowedOrigins`: other sites' origins ("https://app.example"), in lower
    // case, whose pages may call the server too (CORS).
    AccessGuard(const QHostAddress& bindAddress, quint16 port, QByteArray token, QSet<QByteArray> allowedOrigins = {});

    struct Refusal
    {
        int status; // 403 (Host, Origin) or 401 (token)
        HttpHeaders headers;
        QByteArray message;
    };
    // Nothing when the request may go on.
    std::optional<Refusal> check(const HttpRequest& request) const;

    // 127.0.0.0/8 and ::1 (also as ::ffff:127.x.y.z).
    static bool isLoopback(const QHostAddress& address);
    // The address a server is told to bind (--host): an IP address, or localhost.
    static Result<QHostAddress> bindAddress(const QString& host);

private:
    bool hostAllowed(QByteArrayView host) const;

    QSet<QByteArray> m_names; // lower case; IPv6 in brackets. Empty: any name (a wildcard bind)
    quint16 m_port;
    QByteArray m_tokenDigest;
    QSet<QByteArray> m_allowedOrigins;
};

} // namespace chasm::http
