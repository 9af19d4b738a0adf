// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#pragma once

#include "model/Session.h"
#include "model/SessionRef.h"
#include "store/HarvestReader.h"
#include "util/Result.h"

#include <QList>
#include <QString>
#include <QStringList>
#include <QVariantList>

#include <functional>
#include <optional>

namespace chasm {

class PostgresDatabase;

// Reads a team database's sessions as HarvestReader reads SQLite's: one session, each in turn, the listing and the
// totals, of what the connected role may read (its own sessions and those shared with it). Reads only.
// The same session id may be there from several origins (machines): the role's own session comes first, then the
// others by origin.
class PostgresReader
{
public:
    explicit PostgresReader(const PostgresDatabase& database);

    // Sessions, newest first, as HarvestReader::list() lists them: optionally of one provider, and only those whose
    // title holds the query's text or whose messages match it as a search query.
    // The id of the session with this id (or native id), or with a unique prefix of one.
    Result<QString> resolve(const QString& idOrPrefix) const;
    // The session, by id or a unique prefix of it (of several origins, the first: see above).
    Result<Session> session(const QString& idOrPrefix) const;
    // Every session (optionally of one provider, or only those with these ids, of every origin), oldest first, one at
    // a time.
    std::optional<Error> forEachSession(const QString& provider, const QStringList& ids,
                                        const std::function<std::optional<Error>(const Session&)>& visit) const;
    Result<QList<SessionRef>> list(const QString& provider, const QString& query, int limit) const;
    // The sessions and messages the role reads, by provider; the end of its latest push. Failures are none: a push
    // sends what a harvest stored.
    Result<HarvestReader::Totals> totals() const;
    // The size of the whole database on the server, in bytes.
    Result<qint64> sizeBytes() const;

private:
    // Each session of a statement that selects origin, id and data.
    std::optional<Error> visit(const QString& sql, const QVariantList& values,
                               const std::function<std::optional<Error>(const Session&)>& each) const;

    const PostgresDatabase& m_db;
};

} // namespace chasm
