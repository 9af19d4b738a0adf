// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#pragma once

#include "store/HarvestSearch.h"
#include "util/Result.h"

#include <QSqlDatabase>
#include <QString>
#include <QVariantList>

class QSqlQuery;

namespace chasm {

class Database;
class PostgresDatabase;

// A harvest database as HistoryService reads it: this machine's (SQLite), or a team database (PostgreSQL), where a
// session is known by its origin and its id, since the same id can come from several machines. The few pieces of
// SQL that differ between the two are here; the queries around them are one text for both. Reads only.
class HistoryStore
{
public:
    // Implicit: a caller holding this machine's database passes it as it is.
    HistoryStore(const Database& database);
    HistoryStore(const PostgresDatabase& database);

    QSqlDatabase connection() const;
    // The path of the file, or the URL without its password.
    QString name() const;
    bool team() const { return m_team != nullptr; }
    HarvestSearch::Dialect dialect() const
    {
        return m_team ? HarvestSearch::Dialect::Postgres : HarvestSearch::Dialect::Sqlite;
    }
    // "cannot read NAME: what the database said".
    Error readError(const QSqlQuery& query) const;
    // The space the database takes: the file and its write-ahead log, or the whole database on the server.
    Result<qint64> sizeBytes() const;

    // A stored session: its id, and its origin on a team database (empty on this machine's).
    struct Key
    {
        QString origin;
        QString id;
    };
    // The session of an id, a native id or a unique prefix of one; of several origins' copies, the role's own, else
    // the first by origin (as PostgresReader::session takes it).
    Result<Key> resolve(const QString& idOrPrefix) const;

    struct Condition
    {
        QString sql;
        QVariantList values;
    };
    // The rows of `key`'s session in a table whose session column is `idColumn` (unqualified).
    Condition isSession(const Key& key, const QString& idColumn) const;
    // The rows of one origin's sessions whose ids are from `first` to `last`, in the order keyOrder() sorts them.
    Condition sessionsFrom(const Key& first, const Key& last, const QString& idColumn) const;
    // The order of keys: by id, and on a team database by origin first.
    QString keyOrder(const QString& idColumn) const;
    // A row's origin in the select list ('' on this machine's database), of the table aliased `table` (or none).
    QString origin(const QString& table = {}) const;
    // Whether rows `m` (of messages and such) and `s` (of sessions) are of the same session.
    QString sameSession(const QString& m, const QString& s) const;
    // Where a text bound after it first occurs in `column`, from 1; 0 where it does not.
    QString position(const QString& column) const;
    // `column` compared and sorted byte by byte, as SQLite does (the server's collation may order "a_b" after "ab").
    QString bytewise(const QString& column) const;
    // `column` sorted newest first, with rows without a value last (PostgreSQL puts them first).
    QString newestFirst(const QString& column) const;
    // The rows of messages_v2 aliased `m` whose text has the words of `phrase` in that order (the search index's
    // matches, a superset of the texts that hold it): the tables to read them from, and the condition.
    struct Matching
    {
        QString from;
        Condition where;
    };
    Result<Matching> messagesWithPhrase(const QString& phrase) const;

private:
    const Database* m_local = nullptr;
    const PostgresDatabase* m_team = nullptr;
};

} // namespace chasm
