// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#include "HistoryStore.h"

#include "store/Database.h"
#include "store/HarvestReader.h"
#include "store/SearchQuery.h"
#include "store/postgres/PostgresDatabase.h"
#include "store/postgres/PostgresReader.h"
#include "store/postgres/PostgresSchema.h"

#include <QFileInfo>
#include <QSqlError>
#include <QSqlQuery>

#include <optional>

using namespace Qt::StringLiterals;

namespace chasm {

HistoryStore::HistoryStore(const Database& database)
    : m_local(&database)
{}

HistoryStore::HistoryStore(const PostgresDatabase& database)
    : m_team(&database)
{}

QSqlDatabase HistoryStore::connection() const
{
    return m_team ? m_team->connection() : m_local->connection();
}

QString HistoryStore::name() const
{
    return m_team ? m_team->url().shown() : m_local->path();
}

Error HistoryStore::readError(const QSqlQuery& query) const
{
    if (m_team) {
        return m_team->error(u"cannot read"_s, query.lastError().databaseText().simplified());
    }
    return Error{u"cannot read %1: %2"_s.arg(m_local->path(), query.lastError().text())};
}

Result<qint64> HistoryStore::sizeBytes() const
{
    if (m_team) {
        return PostgresReader(*m_team).sizeBytes();
    }
    return QFileInfo(m_local->path()).size() + QFileInfo(m_local->path() + u"-wal"_s).size();
}

Result<HistoryStore::Key> HistoryStore::resolve(const QString& idOrPrefix) const
{
    if (!m_team) {
        auto id = HarvestReader(*m_local).resolve(idOrPrefix);
        if (!id) {
            return id.error();
        }
        return Key{QString(), *id};
    }
    // A whole id in one round trip; a prefix or a native id resolved first.
    const auto originOf = [this](const QString& id) -> Result<std::optional<Key>> {
        QSqlQuery query(connection());
        query.prepare(
            u"SELECT origin FROM sessions WHERE id = ? ORDER BY owner_role <> current_user, origin LIMIT 1"_s);
        query.addBindValue(id);
        if (!query.exec()) {
            return readError(query);
        }
        return query.next() ? std::optional<Key>(Key{query.value(0).toString(), id}) : std::nullopt;
    };
    auto whole = originOf(idOrPrefix);
    if (!whole || *whole) {
        return whole ? **whole : Result<Key>(whole.error());
    }
    auto id = PostgresReader(*m_team).resolve(idOrPrefix);
    if (!id) {
        return id.error();
    }
    auto found = originOf(*id);
    if (!found) {
        return found.error();
    }
    if (!*found) { // gone since it was resolved
        return Error{u"no harvested session matches '%1' in %2"_s.arg(idOrPrefix, name()), ErrorKind::NotFound};
    }
    return **found;
}

HistoryStore::Condition HistoryStore::isSession(const Key& key, const QString& idColumn) const
{
    if (m_team) {
        return {u"origin = ? AND %1 = ?"_s.arg(idColumn), {key.origin, key.id}};
    }
    return {u"%1 = ?"_s.arg(idColumn), {key.id}};
}

HistoryStore::Condition HistoryStore::sessionsFrom(const Key& first, const Key& last, const QString& idColumn) const
{
    if (m_team) {
        return {u"origin = ? AND %1 BETWEEN ? AND ?"_s.arg(idColumn), {first.origin, first.id, last.id}};
    }
    return {u"%1 BETWEEN ? AND ?"_s.arg(idColumn), {first.id, last.id}};
}

QString HistoryStore::keyOrder(const QString& idColumn) const
{
    return m_team ? u"origin, "_s + idColumn : idColumn;
}

QString HistoryStore::origin(const QString& table) const
{
    return m_team ? (table.isEmpty() ? u"origin"_s : table + u".origin"_s) : u"''"_s;
}

QString HistoryStore::sameSession(const QString& m, const QString& s) const
{
    const QString id = u"%1.session_id = %2.id"_s.arg(m, s);
    return m_team ? u"%1.origin = %2.origin AND "_s.arg(m, s) + id : id;
}

QString HistoryStore::position(const QString& column) const
{
    return (m_team ? u"strpos(%1, CAST(? AS TEXT))"_s : u"instr(%1, ?)"_s).arg(column);
}

QString HistoryStore::bytewise(const QString& column) const
{
    return m_team ? column + u" COLLATE \"C\""_s : column;
}

QString HistoryStore::newestFirst(const QString& column) const
{
    return column + (m_team ? u" DESC NULLS LAST"_s : u" DESC"_s);
}

Result<HistoryStore::Matching> HistoryStore::messagesWithPhrase(const QString& phrase) const
{
    const QString quoted = u'"' + QString(phrase).replace(u'"', u"\"\""_s) + u'"';
    if (!m_team) {
        return Matching{u"messages_fts JOIN messages_v2 m ON m.id = messages_fts.rowid"_s,
                        {u"messages_fts MATCH ?"_s, {quoted}}};
    }
    const auto parsed = SearchQuery::parse(quoted);
    if (!parsed) {
        return parsed.error();
    }
    return Matching{
        u"messages_v2 m"_s,
        {u"m.content_english @@ to_tsquery('%1', CAST(? AS TEXT))"_s.arg(PostgresSchema::stemmedConfiguration),
         {parsed->tsquery()}}};
}

} // namespace chasm
