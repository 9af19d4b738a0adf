// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#include "PostgresUrl.h"

#include <QRegularExpression>
#include <QStringList>
#include <QUrl>
#include <QUrlQuery>

using namespace Qt::StringLiterals;

namespace chasm {

namespace {

// The libpq parameters a URL's query may set: how to reach the server and how to trust it. Others (host, user,
// password, dbname: the URL's own parts; options, service files) are refused, so that the URL alone says where Chasm
// connects and as whom.
const QStringList knownParameters{
    u"sslmode"_s,
    u"sslrootcert"_s,
    u"sslcert"_s,
    u"sslkey"_s,
    u"sslcrl"_s,
    u"sslcompression"_s,
    u"ssl_min_protocol_version"_s,
    u"connect_timeout"_s,
    u"target_session_attrs"_s,
    u"application_name"_s,
    u"channel_binding"_s,
    u"gssencmode"_s,
    u"keepalives"_s,
    u"keepalives_idle"_s,
};

const QStringList sslModes{u"disable"_s, u"allow"_s, u"prefer"_s, u"require"_s, u"verify-ca"_s, u"verify-full"_s};

// A value as libpq's connection strings take it: in single quotes, with \ and ' escaped.
QString quoted(QString value)
{
    value.replace(u'\\', u"\\\\"_s).replace(u'\'', u"\\'"_s);
    return u"'"_s + value + u"'"_s;
}

} // namespace

bool PostgresUrl::isPostgres(const QString& text)
{
    static const QRegularExpression scheme(u"^postgres(ql)?:"_s, QRegularExpression::CaseInsensitiveOption);
    return scheme.match(text).hasMatch();
}

Result<PostgresUrl> PostgresUrl::parse(const QString& text)
{
    const QUrl url(text, QUrl::StrictMode);
    PostgresUrl parsed;
    parsed.m_scheme = url.scheme().toLower();
    if (url.userInfo().contains(u':')) {
        parsed.m_password = url.password(QUrl::FullyDecoded);
    }
    // What the error messages show: the text itself may be too broken for QUrl to find its password, so it is cut
    // out of the text by hand then.
    static const QRegularExpression userInfo(u"^([A-Za-z]+://[^:@/]*):[^@/]*@"_s);
    QUrl shownUrl = url;
    if (url.userInfo().contains(u':')) {
        shownUrl.setPassword(u"***"_s);
    }
    const QString masked = url.isValid() ? shownUrl.toString() : QString(text).replace(userInfo, u"\\1:***@"_s);
    const auto refused = [&masked](const QString& why) {
        return Error{u"%1 is not a PostgreSQL URL that Chasm can use: %2 (postgresql://USER@HOST[:PORT]/DATABASE"
                     "[?sslmode=verify-full&sslrootcert=FILE])"_s.arg(masked, why)};
    };
    if (!url.isValid()) {
        return refused(u"it cannot be read as a URL"_s);
    }
    if (parsed.m_scheme != u"postgresql"_s && parsed.m_scheme != u"postgres"_s) {
        return refused(u"its scheme is not postgresql"_s);
    }
    parsed.m_host = url.host(QUrl::FullyDecoded);
    parsed.m_port = url.port(defaultPort);
    parsed.m_user = url.userName(QUrl::FullyDecoded);
    parsed.m_database = url.path(QUrl::FullyDecoded).mid(1);
    if (parsed.m_host.isEmpty()) {
        return refused(u"it names no host"_s);
    }
    if (parsed.m_user.isEmpty()) {
        return refused(u"it names no user"_s);
    }
    if (parsed.m_database.isEmpty() || parsed.m_database.contains(u'/')) {
        return refused(u"it names no database"_s);
    }
    if (url.hasFragment()) {
        return refused(u"it has a fragment (#…)"_s);
    }
    const QUrlQuery query(url);
    for (const auto& [key, value] : query.queryItems(QUrl::FullyDecoded)) {
        if (!knownParameters.contains(key)) {
            return refused(u"Chasm does not take the parameter %1"_s.arg(key));
        }
        if (value.contains(u';')) {
            return refused(u"the value of %1 holds a ';'"_s.arg(key));
        }
        if (key == u"sslmode"_s && !sslModes.contains(value)) {
            return refused(u"sslmode is one of %1"_s.arg(sslModes.join(u", "_s)));
        }
        parsed.m_parameters.append({key, value});
    }
    return parsed;
}

QString PostgresUrl::shown() const
{
    QUrl url;
    url.setScheme(m_scheme);
    url.setHost(m_host);
    url.setUserName(m_user);
    if (m_port != defaultPort) {
        url.setPort(m_port);
    }
    url.setPath(u"/"_s + m_database);
    QUrlQuery query;
    for (const auto& [key, value] : m_parameters) {
        query.addQueryItem(key, value);
    }
    url.setQuery(query);
    if (m_password) {
        url.setPassword(u"***"_s);
    }
    return url.toString();
}

QString PostgresUrl::keychainKey() const
{
    return u"postgresql/%1@%2:%3/%4"_s.arg(m_user, m_host, QString::number(m_port), m_database);
}

QString PostgresUrl::connectOptions() const
{
    QStringList options;
    bool named = false;
    for (const auto& [key, value] : m_parameters) {
        options << key + u'=' + quoted(value);
        named = named || key == u"application_name"_s;
    }
    if (!named) {
        options << u"application_name=chasm"_s;
    }
    return options.join(u';');
}

} // namespace chasm
