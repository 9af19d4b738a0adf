// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#pragma once

#include "model/Session.h"
#include "model/SessionRef.h"
#include "store/Database.h"
#include "store/HarvestSearch.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <functional>
#include <optional>
#include <utility>

class QSqlQuery;

namespace chasm {

// Reads the harvested sessions back: one by id or prefix, all of them one at a time, the listing, and the totals.
// Reads only.
class HarvestReader
{
public:
    explicit HarvestReader(const Database& database);

    // The id of the stored session with this id (or native id), or with a unique prefix of one.
    Result<QString> resolve(const QString& idOrPrefix) const;
    // What the candidates of resolve() come to, on either backend: `candidates` (executed) selects ids and whether
    // each is the whole id or native id (those first); an exact one wins, else the only one. None, or several, is an
    // error naming `database`.
    static Result<QString> resolvedId(QSqlQuery& candidates, const QString& idOrPrefix, const QString& database);
    // The stored session, by id or a unique prefix of it.
    Result<Session> session(const QString& idOrPrefix) const;
    // Every stored session (optionally of one provider, or only those listed), oldest first, one at a
    // time: memory stays that of one session.
    std::optional<Error> forEachSession(const QString& provider, const QStringList& ids,
                                        const std::function<std::optional<Error>(const Session&)>& visit) const;
    // Harvested sessions, newest first, as the listing shape: optionally of one provider, and only those
    // whose title holds the query's text or whose messages match it as a search query (SearchQuery).
    Result<QList<SessionRef>> list(const QString& provider, const QString& query, int limit) const;
    // The hash of a stored session's content (see stored::hashOf), or nothing when there is no such session.
    std::optional<QString> contentHash(const QString& id) const;

    // The statement of list() and the values it binds, for SQLite or for a team database (PostgresReader).
    struct Statement
    {
        QString sql;
        QVariantList values;
    };
    // `column` among `values`, bound as one value (a JSON array) whatever their number, in either dialect.
    static Statement inList(const QString& column, const QStringList& values, HarvestSearch::Dialect dialect);
    static Result<Statement> listSql(const QString& provider, const QString& query, int limit,
                                     HarvestSearch::Dialect dialect);
    // The statement of forEachSession() and the values it binds, for both: each session's origin (empty in SQLite),
    // id and data, oldest first (of one id in a team database, the connected role's own first).
    static Statement sessionsSql(const QString& provider, const QStringList& ids, HarvestSearch::Dialect dialect);
    // The columns of `sessions` a listing's SessionRef is made of (to select first; its origin on a team database),
    // and the SessionRef of a row that selected them.
    static QString refColumns(HarvestSearch::Dialect dialect);
    static SessionRef refOf(const QSqlQuery& row);

    struct Totals
    {
        qint64 sessions = 0;
        qint64 messages = 0;
        QList<std::pair<QString, qint64>> byProvider;
        qint64 failures = 0;
        QString lastRun;
    };
    Result<Totals> totals() const;

private:
    const Database& m_db;
};

} // namespace chasm
