// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#pragma once

#include "store/HarvestSearch.h"
#include "util/Result.h"

namespace chasm {

class PostgresDatabase;

// Full-text search over a team database's messages, as HarvestSearch searches SQLite's and with the same results:
// the query a person types is read by SearchQuery and translated into a tsquery (never passed through), matched with
// the messages' stemmed tsvectors and their GIN index (PostgresSchema), ranked by ts_rank_cd with the same boost for
// recent messages,
// grouped per session as HarvestSearch::grouped() groups them, and shown with ts_headline's snippets. A query with
// more than rankWindow matches shows the newest ones, as in SQLite. Row-level security chooses what a role finds: its
// own sessions and those shared with it. Reads only.
class PostgresSearch
{
public:
    explicit PostgresSearch(const PostgresDatabase& database);

    Result<HarvestSearch::Results> search(const QString& query, const HarvestSearch::Filter& filter) const;

private:
    const PostgresDatabase& m_db;
};

} // namespace chasm
