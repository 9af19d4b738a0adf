// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#include "PostgresReader.h"

#include "PostgresDatabase.h"

#include <QSqlError>
#include <QSqlQuery>

using namespace Qt::StringLiterals;

namespace chasm {

PostgresReader::PostgresReader(const PostgresDatabase& database)
    : m_db(database)
{}

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
