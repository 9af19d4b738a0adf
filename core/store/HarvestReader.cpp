// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#include "HarvestReader.h"

#include "postgres/PostgresSchema.h"

#include "SearchQuery.h"
#include "StoredSession.h"
#include "json/Json.h"

#include <QSqlError>
#include <QSqlQuery>

#include <boost/json/serialize.hpp>

using namespace Qt::StringLiterals;

namespace chasm {

HarvestReader::HarvestReader(const Database& database)
    : m_db(database)
{}

Result<QString> HarvestReader::resolve(const QString& idOrPrefix) const
{
    QSqlQuery q(m_db.connection());
    // A whole id, as listings and searches give them, by the primary key: the search below reads every session's row.
    q.prepare(u"SELECT id FROM sessions WHERE id = ?"_s);
    q.addBindValue(idOrPrefix);
    if (!q.exec()) {
        return Error{u"cannot read %1: %2"_s.arg(m_db.path(), q.lastError().databaseText())};
    }
    if (q.next()) {
        return q.value(0).toString();
    }
    q.finish();
    q.prepare(u"SELECT id, id = :p OR native_id = :p FROM sessions WHERE substr(id, 1, length(:p)) = :p "
              "OR substr(native_id, 1, length(:p)) = :p ORDER BY 2 DESC, id LIMIT 11"_s);
    q.bindValue(u":p"_s, idOrPrefix);
    if (!q.exec()) {
        return Error{u"cannot read %1: %2"_s.arg(m_db.path(), q.lastError().databaseText())};
    }
    return resolvedId(q, idOrPrefix, m_db.path());
}

Result<QString> HarvestReader::resolvedId(QSqlQuery& candidates, const QString& idOrPrefix, const QString& database)
{
    QStringList ids;
    while (candidates.next()) {
        if (candidates.value(1).toBool()) {
            return candidates.value(0).toString(); // an exact id wins over longer ids it is a prefix of
        }
        ids << candidates.value(0).toString();
    }
    if (ids.isEmpty()) {
        return Error{u"no harvested session matches '%1' in %2"_s.arg(idOrPrefix, database), ErrorKind::NotFound};
    }
    if (ids.size() > 1) {
        return Error{u"'%1' matches several harvested sessions:\n  %2"_s.arg(idOrPrefix, ids.join(u"\n  "_s)),
                     ErrorKind::Invalid};
    }
    return ids.constFirst();
}

Result<Session> HarvestReader::session(const QString& idOrPrefix) const
{
    const auto id = resolve(idOrPrefix);
    if (!id) {
        return id.error();
    }
    Result<Session> found = Error{u"no harvested session '%1' in %2"_s.arg(*id, m_db.path()), ErrorKind::NotFound};
    if (auto error = forEachSession({}, {*id}, [&found](const Session& session) -> std::optional<Error> {
            found = session;
            return std::nullopt;
        })) {
        return *error;
    }
    return found;
}

HarvestReader::Statement HarvestReader::inList(const QString& column, const QStringList& values,
                                               HarvestSearch::Dialect dialect)
{
    boost::json::array list;
    for (const QString& value : values) {
        list.emplace_back(json::fromQString(value));
    }
    return {column + (dialect == HarvestSearch::Dialect::Postgres
                          ? u" IN (SELECT json_array_elements_text(CAST(? AS json)))"_s
                          : u" IN (SELECT value FROM json_each(?))"_s),
            {QString::fromStdString(boost::json::serialize(list))}};
}

HarvestReader::Statement HarvestReader::sessionsSql(const QString& provider, const QStringList& ids,
                                                    HarvestSearch::Dialect dialect)
{
    const bool postgres = dialect == HarvestSearch::Dialect::Postgres;
    Statement sql;
    sql.sql = postgres ? u"SELECT origin, id, data FROM sessions WHERE true"_s
                       : u"SELECT '', id, data FROM sessions WHERE 1"_s;
    if (!provider.isEmpty()) {
        sql.sql += u" AND provider = ?"_s;
        sql.values << provider;
    }
    if (!ids.isEmpty()) {
        const Statement among = inList(u"id"_s, ids, dialect);
        sql.sql += u" AND "_s + among.sql;
        sql.values << among.values;
    }
    // SQLite puts a session without a time first, and compares ids byte by byte.
    sql.sql += postgres ? u" ORDER BY coalesce(created_at, updated_at) NULLS FIRST, id COLLATE \"C\", owner_role <> "
                          "current_user, origin"_s
                        : u" ORDER BY coalesce(created_at, updated_at), id"_s;
    return sql;
}

std::optional<Error>
HarvestReader::forEachSession(const QString& provider, const QStringList& ids,
                              const std::function<std::optional<Error>(const Session&)>& visit) const
{
    const auto [sql, values] = sessionsSql(provider, ids, HarvestSearch::Dialect::Sqlite);
    QSqlQuery q(m_db.connection());
    q.setForwardOnly(true);
    q.prepare(sql);
    for (const QVariant& value : values) {
        q.addBindValue(value);
    }
    if (!q.exec()) {
        return Error{u"cannot read %1: %2"_s.arg(m_db.path(), q.lastError().databaseText())};
    }
    while (q.next()) {
        const QString id = q.value(1).toString();
        const auto session = stored::sessionFromData(q.value(2), u"session %1 in %2"_s.arg(id, m_db.path()));
        if (!session) {
            return Error{u"%1: session %2 is damaged: %3"_s.arg(m_db.path(), id, session.error().message)};
        }
        if (auto error = visit(*session)) {
            return error;
        }
    }
    return std::nullopt;
}

Result<HarvestReader::Statement> HarvestReader::listSql(const QString& provider, const QString& query, int limit,
                                                        HarvestSearch::Dialect dialect)
{
    const bool postgres = dialect == HarvestSearch::Dialect::Postgres;
    Statement sql;
    sql.sql = u"SELECT "_s + refColumns(dialect) + u" FROM sessions s WHERE 1 = 1"_s;
    if (!provider.isEmpty()) {
        sql.sql += u" AND provider = ?"_s;
        sql.values << provider;
    }
    if (!query.trimmed().isEmpty()) {
        const auto parsed = SearchQuery::parse(query);
        if (!parsed) {
            return parsed.error();
        }
        sql.sql += postgres ? u" AND (title ILIKE ? OR EXISTS (SELECT 1 FROM messages_v2 m WHERE m.origin = s.origin "
                              "AND m.session_id = s.id AND m.content_english @@ to_tsquery('%1', ?)))"_s.arg(
                                  PostgresSchema::stemmedConfiguration)
                            : u" AND (title LIKE ? OR id IN (SELECT m.session_id FROM messages_fts JOIN messages_v2 m "
                              "ON m.id = messages_fts.rowid WHERE messages_fts MATCH ?))"_s;
        sql.values << QString(u'%' + query.trimmed() + u'%') << (postgres ? parsed->tsquery() : parsed->fts());
    }
    // Sessions without a time last, as SQLite orders them (PostgreSQL puts NULL first in a descending order).
    sql.sql += postgres ? u" ORDER BY updated_at DESC NULLS LAST, origin, id LIMIT ?"_s
                        : u" ORDER BY updated_at DESC LIMIT ?"_s;
    sql.values << limit;
    return sql;
}

Result<QList<SessionRef>> HarvestReader::list(const QString& provider, const QString& query, int limit) const
{
    const auto sql = listSql(provider, query, limit, HarvestSearch::Dialect::Sqlite);
    if (!sql) {
        return sql.error();
    }
    QSqlQuery q(m_db.connection());
    q.prepare(sql->sql);
    for (const QVariant& value : sql->values) {
        q.addBindValue(value);
    }
    if (!q.exec()) {
        return Error{u"cannot read %1: %2"_s.arg(m_db.path(), q.lastError().databaseText())};
    }
    QList<SessionRef> sessions;
    while (q.next()) {
        sessions.append(refOf(q));
    }
    return sessions;
}

QString HarvestReader::refColumns(HarvestSearch::Dialect dialect)
{
    return u"id, provider, native_id, title, workspace, workspace_name, project_path, source_path, format, "
           "created_at, updated_at, message_count, size_bytes, "_s +
           (dialect == HarvestSearch::Dialect::Postgres ? u"origin"_s : u"''"_s);
}

SessionRef HarvestReader::refOf(const QSqlQuery& q)
{
    SessionRef ref;
    ref.id = q.value(0).toString();
    ref.provider = q.value(1).toString();
    ref.nativeId = q.value(2).toString();
    ref.title = q.value(3).toString();
    ref.workspace = q.value(4).toString();
    ref.workspaceName = q.value(5).toString();
    ref.projectPath = q.value(6).toString();
    ref.path = q.value(7).toString();
    ref.format = q.value(8).toString();
    ref.createdAt = QDateTime::fromString(q.value(9).toString(), Qt::ISODateWithMs);
    ref.updatedAt = QDateTime::fromString(q.value(10).toString(), Qt::ISODateWithMs);
    ref.messageCount = q.value(11).toInt();
    ref.sizeBytes = q.value(12).toLongLong();
    ref.origin = q.value(13).toString();
    return ref;
}

std::optional<QString> HarvestReader::contentHash(const QString& id) const
{
    QSqlQuery query(m_db.connection());
    query.prepare(u"SELECT source_hash FROM sessions WHERE id = ?"_s);
    query.addBindValue(id);
    if (!query.exec() || !query.next()) {
        return std::nullopt;
    }
    return query.value(0).toString();
}

Result<HarvestReader::Totals> HarvestReader::totals() const
{
    Totals totals;
    QSqlQuery query(m_db.connection());
    const auto single = [&query](const QString& sql) {
        return query.exec(sql) && query.next() ? query.value(0) : QVariant();
    };
    totals.sessions = single(u"SELECT count(*) FROM sessions"_s).toLongLong();
    totals.messages = single(u"SELECT count(*) FROM messages_v2"_s).toLongLong();
    totals.failures = single(u"SELECT count(*) FROM harvest_sources WHERE result = 'failed'"_s).toLongLong();
    totals.lastRun = single(u"SELECT max(finished_at) FROM harvest_runs"_s).toString();
    if (!query.exec(u"SELECT provider, count(*) FROM sessions GROUP BY provider ORDER BY provider"_s)) {
        return Error{u"cannot read %1: %2"_s.arg(m_db.path(), query.lastError().text())};
    }
    while (query.next()) {
        totals.byProvider.append({query.value(0).toString(), query.value(1).toLongLong()});
    }
    return totals;
}

} // namespace chasm
