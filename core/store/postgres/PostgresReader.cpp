// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#include "PostgresReader.h"

#include "PostgresDatabase.h"
#include "PostgresSchema.h"
#include "store/SearchQuery.h"

#include <QSqlError>
#include <QSqlQuery>

using namespace Qt::StringLiterals;

namespace chasm {

PostgresReader::PostgresReader(const PostgresDatabase& database)
    : m_db(database)
{}

Result<QList<SessionRef>> PostgresReader::list(const QString& provider, const QString& query, int limit) const
{
    QString sql = u"SELECT "_s + HarvestReader::refColumns() + u" FROM sessions s WHERE true"_s;
    QVariantList values;
    if (!provider.isEmpty()) {
        sql += u" AND provider = ?"_s;
        values << provider;
    }
    if (!query.trimmed().isEmpty()) {
        const auto parsed = SearchQuery::parse(query);
        if (!parsed) {
            return parsed.error();
        }
        sql += u" AND (title ILIKE ? OR EXISTS (SELECT 1 FROM messages_v2 m WHERE m.origin = s.origin AND "
               "m.session_id = s.id AND m.content_english @@ to_tsquery('%1', ?)))"_s.arg(
                   PostgresSchema::stemmedConfiguration);
        values << QString(u'%' + query.trimmed() + u'%') << parsed->tsquery();
    }
    // Without a time last, as SQLite orders them.
    sql += u" ORDER BY updated_at DESC NULLS LAST, origin, id LIMIT ?"_s;
    values << limit;
    QSqlQuery q(m_db.connection());
    q.setForwardOnly(true);
    q.prepare(sql);
    for (const QVariant& value : std::as_const(values)) {
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
