// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#pragma once

#include "util/Result.h"
#include "util/SecretStore.h"

#include <QString>
#include <QStringList>

#include <boost/json/object.hpp>

#include <memory>

namespace chasm {

class PostgresDatabase;

// The team database on PostgreSQL (chasm team): its schema, roles and policies made or brought up to date (init),
// and a person's sessions shared with a role, or taken back (share, unshare). The password is the URL's, else the
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

private:
    // The database, connected with the URL's password, else the keychain's; with `current`, refused unless its
    // schema is the current one.
    Result<std::unique_ptr<PostgresDatabase>> open(const QString& url, bool current) const;
    Result<ShareReport> changeShares(const ShareRequest& request, bool add) const;

    SecretStore m_store;
};

boost::json::object toJson(const TeamService::InitReport& report);
boost::json::object toJson(const TeamService::ShareReport& report);

} // namespace chasm
