// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#include "ShareLinks.h"

#include "util/IsoTime.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

using namespace Qt::StringLiterals;

namespace chasm {

namespace {

const QString columns =
    u"url, service, status, reason, session_id, title, name, workspace, messages, added, imported, tried"_s;

QVariant textOrNull(const QString& text)
{
    return text.isEmpty() ? QVariant() : QVariant(text);
}

QVariant timeOrNull(const QDateTime& time)
{
    return time.isValid() ? QVariant(isoUtc(time, TimePrecision::Milliseconds)) : QVariant();
}

QDateTime timeOf(const QVariant& value)
{
    return value.isNull() ? QDateTime() : QDateTime::fromString(value.toString(), Qt::ISODateWithMs);
}

ShareLinks::Link linkOf(const QSqlQuery& query)
{
    ShareLinks::Link link;
    link.url = query.value(0).toString();
    link.service = query.value(1).toString();
    link.status = query.value(2).toString();
    link.reason = query.value(3).toString();
    link.sessionId = query.value(4).toString();
    link.title = query.value(5).toString();
    link.name = query.value(6).toString();
    link.workspace = query.value(7).toString();
    if (!query.value(8).isNull()) {
        link.messages = query.value(8).toInt();
    }
    link.added = timeOf(query.value(9));
    link.imported = timeOf(query.value(10));
    link.tried = timeOf(query.value(11));
    return link;
}

} // namespace

ShareLinks::ShareLinks(const Database& database)
    : m_db(database)
{}

Result<std::optional<ShareLinks::Link>> ShareLinks::find(const QString& url) const
{
    QSqlQuery query(m_db.connection());
    query.prepare(u"SELECT %1 FROM share_links WHERE url = ?"_s.arg(columns));
    query.addBindValue(url);
    if (!query.exec()) {
        return Error{u"cannot read %1: %2"_s.arg(m_db.path(), query.lastError().text())};
    }
    if (!query.next()) {
        return std::optional<Link>();
    }
    return std::optional<Link>(linkOf(query));
}

std::optional<QString> ShareLinks::save(const Link& link) const
{
    QSqlQuery query(m_db.connection());
    query.prepare(
        u"INSERT OR REPLACE INTO share_links (%1) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"_s.arg(columns));
    for (const QVariant& value :
         {QVariant(link.url), QVariant(link.service.isNull() ? u""_s : link.service), QVariant(link.status),
          textOrNull(link.reason), textOrNull(link.sessionId), textOrNull(link.title), textOrNull(link.name),
          textOrNull(link.workspace), link.messages ? QVariant(*link.messages) : QVariant(), timeOrNull(link.added),
          timeOrNull(link.imported), timeOrNull(link.tried)}) {
        query.addBindValue(value);
    }
    if (!query.exec()) {
        return query.lastError().text();
    }
    return std::nullopt;
}

Result<QList<ShareLinks::Link>> ShareLinks::list(const QString& status, int limit) const
{
    QSqlQuery query(m_db.connection());
    query.prepare(u"SELECT %1 FROM share_links %2 ORDER BY tried DESC, url LIMIT ?"_s.arg(
        columns, status.isEmpty() ? QString() : u"WHERE status = ?"_s));
    if (!status.isEmpty()) {
        query.addBindValue(status);
    }
    query.addBindValue(limit);
    if (!query.exec()) {
        return Error{u"cannot read %1: %2"_s.arg(m_db.path(), query.lastError().text())};
    }
    QList<Link> links;
    while (query.next()) {
        links << linkOf(query);
    }
    return links;
}

} // namespace chasm
