// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#pragma once

#include "util/GitRepository.h"
#include "services/GitVersioningService.h"
#include "services/HarvestDatabaseService.h"

#include <boost/json/object.hpp>

namespace chasm {

// Versions the harvest database in a Git repository beside it (<database>.git/, chasm harvest git …): not the
// SQLite file, which diffs as a blob, but an export of it that diffs well, one pretty JSON file per session (the
// normalized session the database stores) at sessions/<provider>/<native id>.json, and index.json naming each
// session's file, content hash and source. A commit rewrites only the sessions whose content changed; diffs are told
// in messages (ConversationDiff); restore puts a commit's sessions back into the database through its one writer,
// each one that differs checkpointed first (so that `harvest revert` can undo it).
class HarvestGitService
{
public:
    HarvestGitService(const SessionCatalog& catalog, const GitLibrary& git)
        : m_database(catalog)
        , m_git(git)
        , m_home(catalog.environment().home())
    {}

    using Notice = HarvestDatabaseService::Notice;
    // The repository of a database: <database>.git, a folder beside it.
    static QString repositoryOf(const QString& databasePath);

    struct InitReport
    {
        QString database;
        QString repository;
        bool created = false;
    };
    Result<InitReport> init(const QString& database, const Notice& notice = {}) const;

    struct CommitReport
    {
        QString database;
        QString repository;
        int sessions = 0; // in the database
        int written = 0;  // files written because their session changed (or is new)
        int removed = 0;  // files of sessions the database no longer holds
        QString commit;   // empty when nothing changed
    };
    Result<CommitReport> commit(const QString& database, const QString& message, const Notice& notice = {}) const;

    struct LogReport
    {
        QString repository;
        QList<GitRepository::Commit> commits;
    };
    Result<LogReport> log(const QString& database, int limit, const Notice& notice = {}) const;

    struct DiffReport
    {
        QString repository;
        QString from; // a commit id; empty: before the first commit
        QString to;   // a commit id; empty: the database now
        QList<GitVersioningService::SessionChange> sessions;
    };
    // What commit `commit` changed (against its parent), or, without one, what changed in the database since the
    // last commit.
    Result<DiffReport> diff(const QString& database, const QString& commit, const Notice& notice = {}) const;

    struct RestoreReport
    {
        QString database;
        QString commit;
        QStringList restored; // session ids written back
        int unchanged = 0;
        QStringList checkpointed; // "<id> #<checkpoint>": the content each restore replaced
    };
    // The sessions of a commit put back into the database; sessions the commit does not hold stay as they are.
    Result<RestoreReport> restore(const QString& database, const QString& commit, const Notice& notice = {}) const;

private:
    struct Opened;
    Result<Opened> openBoth(const QString& database, const Notice& notice) const;

    HarvestDatabaseService m_database;
    const GitLibrary& m_git;
    QString m_home;
};

boost::json::object toJson(const HarvestGitService::InitReport& report);
boost::json::object toJson(const HarvestGitService::CommitReport& report);
boost::json::object toJson(const HarvestGitService::LogReport& report);
boost::json::object toJson(const HarvestGitService::DiffReport& report);
boost::json::object toJson(const HarvestGitService::RestoreReport& report);

} // namespace chasm
