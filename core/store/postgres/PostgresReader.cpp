// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#include "PostgresReader.h"

#include "PostgresDatabase.h"

#include "store/StoredSession.h"

#include <QSqlError>
#include <QSqlQuery>

using namespace Qt::StringLiterals;

namespace chasm {

PostgresReader::PostgresReader(const PostgresDatabase& database)
    : m_db(database)
{}

Result<QString> PostgresReader::resolve(const QString& idOrPrefix) const
{
    QSqlQuery q(m_db.connection());
    q.setForwardOnly(true);
    // A whole id by the primary key's index; a prefix, compared as it is (LIKE would read % and _ as patterns), reads
    // every session's row, as SQLite's does.
    q.prepare(u"SELECT id FROM sessions WHERE id = ? LIMIT 1"_s);
    q.addBindValue(idOrPrefix);
    if (!q.exec()) {
        return m_db.error(u"cannot read"_s, q.lastError().databaseText().simplified());
    }
    if (q.next()) {
        return q.value(0).toString();
    }
    q.finish();
    q.prepare(u"SELECT DISTINCT id COLLATE \"C\", id = ?::text OR native_id = ?::text FROM sessions WHERE left(id, "
              "length(?::text)) = ?::text OR left(native_id, length(?::text)) = ?::text ORDER BY 2 DESC, 1 LIMIT 11"_s);
    for (int i = 0; i < 6; ++i) {
        q.addBindValue(idOrPrefix);
    }
    if (!q.exec()) {
        return m_db.error(u"cannot read"_s, q.lastError().databaseText().simplified());
    }
    return HarvestReader::resolvedId(q, idOrPrefix, m_db.url().shown());
}

Result<Session> PostgresReader::session(const QString& idOrPrefix) const
{
    const Result<QString> id = resolve(idOrPrefix);
    if (!id) {
        return id.error();
    }
    std::optional<Session> found;
    if (auto error = visit(u"SELECT origin, id, data FROM sessions WHERE id = ? "
                           "ORDER BY owner_role <> current_user, origin LIMIT 1"_s,
                           {*id}, [&found](const Session& session) -> std::optional<Error> {
                               found = session;
                               return std::nullopt;
                           })) {
        return *error;
    }
    if (!found) {
        return Error{u"no session '%1' in %2"_s.arg(*id, m_db.url().shown()), ErrorKind::NotFound};
    }
    return *found;
}

std::optional<Error>
PostgresReader::forEachSession(const QString& provider, const QStringList& ids,
                               const std::function<std::optional<Error>(const Session&)>& each) const
{
    const auto [sql, values] = HarvestReader::sessionsSql(provider, ids, HarvestSearch::Dialect::Postgres);
    return visit(sql, values, each);
}

std::optional<Error> PostgresReader::visit(const QString& sql, const QVariantList& values,
                                           const std::function<std::optional<Error>(const Session&)>& each) const
{
    QSqlQuery q(m_db.connection());
    q.setForwardOnly(true);
    q.prepare(sql);
    for (const QVariant& value : values) {
        q.addBindValue(value);
    }
    if (!q.exec()) {
        return m_db.error(u"cannot read"_s, q.lastError().databaseText().simplified());
    }
    while (q.next()) {
        const QString what =
            u"session %1 of %2 in %3"_s.arg(q.value(1).toString(), q.value(0).toString(), m_db.url().shown());
        const Result<Session> session = stored::sessionFromData(q.value(2), what);
        if (!session) {
            return Error{u"%1 is damaged: %2"_s.arg(what, session.error().message)};
        }
        if (auto error = each(*session)) {
            return error;
        }
    }
    return std::nullopt;
}

Result<QList<SessionRef>> PostgresReader::list(const QString& provider, const QString& query, int limit) const
{
    const auto sql = HarvestReader::listSql(provider, query, limit, HarvestSearch::Dialect::Postgres);
    if (!sql) {
        return sql.error();
    }
    QSqlQuery q(m_db.connection());
    q.setForwardOnly(true);
    q.prepare(sql->sql);
    for (const QVariant& value : sql->values) {
        q.addBindValue(value);
    }
    if (!q.exec()) {
        return m_db.error(u"cannot read"_s, q.lastError().databaseText().simplified());
    }
    QList<SessionRef> sessions;
    while (q.next()) {
        sessions.append(HarvestReader::refOf(q));
    }
    return sessions;
}

Result<HarvestReader::Totals> PostgresReader::totals() const
{
    HarvestReader::Totals totals;
    QSqlQuery q(m_db.connection());
    q.setForwardOnly(true);
    if (!q.exec(u"SELECT (SELECT count(*) FROM sessions), (SELECT count(*) FROM messages_v2), "
                "(SELECT max(finished_at) FROM harvest_runs)"_s) ||
        !q.next()) {
        return m_db.error(u"cannot read"_s, q.lastError().databaseText().simplified());
    }
    totals.sessions = q.value(0).toLongLong();
    totals.messages = q.value(1).toLongLong();
    totals.lastRun = q.value(2).toString();
    q.finish();
    if (!q.exec(u"SELECT provider, count(*) FROM sessions GROUP BY provider ORDER BY provider"_s)) {
        return m_db.error(u"cannot read"_s, q.lastError().databaseText().simplified());
    }
    while (q.next()) {
        totals.byProvider.append({q.value(0).toString(), q.value(1).toLongLong()});
    }
    return totals;
}

Result<qint64> PostgresReader::sizeBytes() const
{
    QSqlQuery q(m_db.connection());
    if (!q.exec(u"SELECT pg_database_size(current_database())"_s) || !q.next()) {
        return m_db.error(u"cannot read"_s, q.lastError().databaseText().simplified());
    }
    return q.value(0).toLongLong();
}

} // namespace chasm
