// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#pragma once

#include "util/Environment.h"
#include "util/Result.h"

#include <QString>

#include <functional>

namespace chasm {

class Database;
class PostgresDatabase;

// Copies the sessions of a harvest database on this machine (SQLite) into a team database, under this machine's
// origin and as the connected role's own: their rows, messages, tool calls, files and checkpoints, as they are
// stored. Incremental: a session whose content hash the team database holds already for this origin is not sent
// again; a changed one has its rows written over, in place, so that its shares stay. Sessions are written whole, a
// few to a transaction: a push stopped at any point leaves every session as it was or as it is now, and the next
// push sends the rest. Sessions are never deleted from the team database (the local database may have lost them).
namespace PostgresPush {

// "user@machine": who harvested where, so that the same native session harvested on two machines, or by two people
// on one, are two sessions.
QString origin(const Environment& environment);

struct Options
{
    QString origin;
    bool dryRun = false; // count what would be sent, send nothing
    // After each session looked at: how many were, of how many.
    std::function<void(qint64 done, qint64 total)> progress;
};
struct Report
{
    QString origin;
    int created = 0;
    int updated = 0;
    int unchanged = 0;
    qint64 messages = 0; // the messages sent (or that would be)
};
Result<Report> push(const Database& local, const PostgresDatabase& team, const Options& options);

} // namespace PostgresPush

} // namespace chasm
