// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#pragma once

#include "model/RetentionRule.h"
#include "model/SessionRef.h"
#include "providers/SessionCatalog.h"
#include "services/CatalogService.h"
#include "util/Result.h"

#include <QDateTime>
#include <QList>

#include <boost/json/object.hpp>

namespace chasm {

class Database;

// The tools' own purges, watched (chasm retention, and the app's harvester): per tool, the retention rule in force
// as its settings say, and the sessions it will delete within a number of days, each marked whether the harvest
// database keeps it as it is now. Reads only: a database that does not exist is not made.
class RetentionService
{
public:
    explicit RetentionService(const SessionCatalog& catalog)
        : m_catalog(catalog)
    {}

    static constexpr int defaultDays = 7;

    struct Request
    {
        QString database; // as the user named it (--db; empty: the default one)
        QString provider; // a provider name; empty: every provider
        int days = defaultDays;
    };
    struct AtRisk
    {
        SessionRef session;
        QDateTime purgeAt;       // UTC; in the past: at the tool's next start
        bool inDatabase = false; // harvested as the tool has it now
    };
    struct Tool
    {
        QString provider;
        QString displayName;
        RetentionRule rule;
        QList<AtRisk> atRisk; // soonest first
    };
    struct Report
    {
        QString database;
        int days = defaultDays;
        QDateTime checkedAt;
        QList<Tool> tools;
        // The sessions at risk that the database does not keep, of every tool.
        QList<AtRisk> unkept() const;
    };

    Result<Report> report(const Request& request) const;
    // The same on a database already open (the harvester's thread; none: nothing is kept), with the sessions listed
    // as `listing` says: FilesOnly for a harvester that reads new files anyway.
    static Report check(const SessionCatalog& catalog, const QList<const Provider*>& providers,
                        const Database* database, int days, Listing listing);

private:
    CatalogService m_catalog;
};

// chasm retention --json
boost::json::object toJson(const RetentionService::Report& report);

} // namespace chasm
