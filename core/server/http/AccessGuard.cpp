// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#include "AccessGuard.h"

#include <QCryptographicHash>

namespace chasm::http {

namespace {

QByteArray digest(QByteArrayView text)
{
    return QCryptographicHash::hash(text, QCryptographicHash::Sha256);
}

// The same time whatever the two digests share (both are 32 bytes).
bool sameDigest(const QByteArray& a, const QByteArray& b)
{
    unsigned char difference = 0;
    for (qsizetype i = 0; i < a.size() && i < b.size(); ++i) {
        difference |= static_cast<unsigned char>(a[i] ^ b[i]);
    }
    return difference == 0 && a.size() == b.size();
}

QByteArray hostName(const QHostAddress& address)
{
    const QByteArray text = address.toString().toLatin1().toLower();
    return address.protocol() == QAbstractSocket::IPv6Protocol ? '[' + text + ']' : text;
}

// "name:port" or "name" (port 80), "[v6]:port" or "[v6]". False for anything else.
bool splitHost(QByteArrayView text, QByteArrayView& name, quint16& port)
{
    qsizetype colon = -1;
    if (text.startsWith('[')) {
        const qsizetype close = text.indexOf(']');
        if (close < 0) {
            return false;
        }
        name = text.first(close + 1);
        if (close + 1 < text.size()) {
            if (text[close + 1] != ':') {
                return false;
            }
            colon = close + 1;
        }
    } else {
        colon = text.indexOf(':');
        name = colon < 0 ? text : text.first(colon);
    }
    if (name.isEmpty()) {
        return false;
    }
    port = 80;
    if (colon >= 0) {
        bool ok = false;
        const uint value = text.sliced(colon + 1).toUInt(&ok);
        if (!ok || value > 65535) {
            return false;
        }
        port = quint16(value);
    }
    return true;
}

} // namespace

AccessGuard::AccessGuard(const QHostAddress& bindAddress, quint16 port, QByteArray token,
                         QSet<QByteArray> allowedOrigins)
    : m_port(port)
    , m_tokenDigest(token.isEmpty() ? QByteArray() : digest(token))
    , m_allowedOrigins(std::move(allowedOrigins))
{
    const bool wildcard = bindAddress == QHostAddress::Any || bindAddress == QHostAddress::AnyIPv4 ||
                          bindAddress == QHostAddress::AnyIPv6;
    if (wildcard) {
        return;
    }
    m_names.insert(hostName(bindAddress));
    if (isLoopback(bindAddress)) {
        m_names.insert("localhost");
        m_names.insert("127.0.0.1");
        m_names.insert("[::1]");
    }
}

Result<QHostAddress> AccessGuard::bindAddress(const QString& host)
{
    const QHostAddress address = host.compare(QLatin1StringView("localhost"), Qt::CaseInsensitive) == 0
                                     ? QHostAddress(QHostAddress::LocalHost)
                                     : QHostAddress(host);
    if (address.isNull()) {
        return Error{QStringLiteral("%1 is not an IP address (nor localhost): give the address to serve on").arg(host)};
    }
    return address;
}

bool AccessGuard::isLoopback(const QHostAddress& address)
{
    bool mapped = false;
    const QHostAddress v4(address.toIPv4Address(&mapped));
    return address.isLoopback() || (mapped && v4.isLoopback());
}

bool AccessGuard::hostAllowed(QByteArrayView host) const
{
    QByteArrayView name;
    quint16 port = 0;
    if (!splitHost(host, name, port) || port != m_port) {
        return false;
    }
    return m_names.isEmpty() || m_names.contains(name.toByteArray().toLower());
}

std::optional<AccessGuard::Refusal> AccessGuard::check(const HttpRequest& request) const
{
    const QByteArray host = request.header("host");
    if (host.isNull() || !hostAllowed(host)) {
        return Refusal{403, {}, "Host " + host + " is not this server"};
    }
    if (const QByteArray origin = request.header("origin"); !origin.isNull()) {
        const QByteArrayView scheme = "http://";
        const bool sameHost = origin.startsWith(scheme) &&
                              (m_names.isEmpty() ? origin.mid(scheme.size()).toLower() == host.toLower()
                                                 : hostAllowed(QByteArrayView(origin).sliced(scheme.size())));
        if (!sameHost && !m_allowedOrigins.contains(origin.toLower())) {
            return Refusal{403, {}, "Origin " + origin + " is not this server"};
        }
    }
    if (!m_tokenDigest.isEmpty()) {
        const QByteArray authorization = request.header("authorization");
        const QByteArrayView bearer = "Bearer ";
        const bool given = authorization.size() > bearer.size() &&
                           authorization.left(bearer.size()).compare(bearer, Qt::CaseInsensitive) == 0;
        if (!given || !sameDigest(digest(QByteArrayView(authorization).sliced(bearer.size())), m_tokenDigest)) {
            const QByteArray challenge =
                given ? R"(Bearer realm="chasm", error="invalid_token")" : R"(Bearer realm="chasm")";
            return Refusal{401,
                           {{"WWW-Authenticate", challenge}},
                           given ? "the token is not right" : "this server needs a token: Authorization: Bearer TOKEN"};
        }
    }
    return std::nullopt;
}

} // namespace chasm::http
