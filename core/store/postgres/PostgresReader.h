// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#pragma once

#include "model/SessionRef.h"
#include "store/HarvestReader.h"
#include "util/Result.h"

#include <QList>
#include <QString>

namespace chasm {

class PostgresDatabase;

// Reads a team database's sessions as HarvestReader reads SQLite's: the listing and the totals, of what the connected
// role may read (its own sessions and those shared with it). Reads only.
class PostgresReader
{
public:
    explicit PostgresReader(const PostgresDatabase& database);

    // Sessions, newest first, as HarvestReader::list() lists them: optionally of one provider, and only those whose
    // title holds the query's text or whose messages match it as a search query.
    Result<QList<SessionRef>> list(const QString& provider, const QString& query, int limit) const;
    // The sessions and messages the role reads, by provider; the end of its latest push. Failures are none: a push
    // sends what a harvest stored.
    Result<HarvestReader::Totals> totals() const;
    // The size of the whole database on the server, in bytes.
    Result<qint64> sizeBytes() const;

private:
    const PostgresDatabase& m_db;
};

} // namespace chasm
