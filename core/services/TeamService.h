// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#pragma once

#include "services/HarvestDatabaseService.h"
#include "store/HarvestSearch.h"
#include "store/postgres/PostgresPush.h"
#include "util/Result.h"
#include "util/SecretStore.h"

#include <QString>
#include <QStringList>

#include <boost/json/object.hpp>

#include <functional>
#include <memory>

namespace chasm {

class PostgresDatabase;

// The team database on PostgreSQL (chasm team): its schema, roles and policies made or brought up to date (init),
// a person's sessions shared with a role, or taken back (share, unshare), a harvest database published into it
// (push), and its sessions listed and counted (list, status) and its messages searched (search) as the connected role
// may read them. The password is the URL's, else the
// keychain's (under PostgresUrl::keychainKey), else libpq's own (PGPASSWORD, ~/.pgpass).
class TeamService final
{
public:
    explicit TeamService(SecretStore store = SecretStore());

    struct InitReport
    {
        QString database;    // the URL, its password masked
        int fromVersion = 0; // the schema version found (0: none)
        int version = 0;     // the schema version now
        QStringList createdRoles;
    };
    Result<InitReport> init(const QString& url) const;

    // What to share: sessions (ids or unique prefixes of the person's own), or every session of a project folder,
    // those harvested later too.
    struct ShareRequest
    {
        QString url;
        QStringList sessions;
        QString project;
        QString role;
    };
    struct ShareReport
    {
        QString database;
        QString role;
        QString project;      // empty when sessions were named
        QStringList sessions; // the sessions shared or taken back (a project's: those it has now)
        int changed = 0;      // shares made (share) or removed (unshare); 0 when they were so already
    };
    Result<ShareReport> share(const ShareRequest& request) const;
    Result<ShareReport> unshare(const ShareRequest& request) const;

    // harvest push: the sessions of the harvest database on this machine copied into the team database (PostgresPush).
    struct PushRequest
    {
        QString url;
        QString database; // the harvest database's path (it must exist: a push makes none)
        QString origin;   // PostgresPush::origin()
        bool dryRun = false;
        std::function<void(qint64 done, qint64 total)> progress;
    };
    struct PushReport
    {
        QString database; // the harvest database
        QString to;       // the team database's URL, its password masked
        bool dryRun = false;
        PostgresPush::Report pushed;
    };
    Result<PushReport> push(const PushRequest& request) const;

    // harvest status and harvest list on a team database (PostgresReader): what the connected role reads.
    Result<HarvestDatabaseService::StatusReport> status(const QString& url) const;
    Result<QList<SessionRef>> list(const QString& url, const QString& provider, const QString& search, int limit) const;

    // harvest search on a team database (PostgresSearch).
    Result<HarvestSearch::Results> search(const QString& url, const QString& query,
                                          const HarvestSearch::Filter& filter) const;
    // The URL as it may be shown (its password masked), or as it was given when it cannot be read.
    static QString shown(const QString& url);

    // The database, connected with the URL's password, else the keychain's; with `current` (as every use case but
    // init), refused unless its schema is the current one.
    Result<std::unique_ptr<PostgresDatabase>> open(const QString& url, bool current = true) const;
    // This thread's connection to it, opened (as open() does) on first use and kept until the thread ends: the
    // servers' threads each keep one, as they keep their SQLite connections.
    Result<PostgresDatabase*> threadConnection(const QString& url) const;

private:
    Result<ShareReport> changeShares(const ShareRequest& request, bool add) const;

    SecretStore m_store;
};

boost::json::object toJson(const TeamService::InitReport& report);
boost::json::object toJson(const TeamService::ShareReport& report);
boost::json::object toJson(const TeamService::PushReport& report);

} // namespace chasm
