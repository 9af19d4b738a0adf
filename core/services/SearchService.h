// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#pragma once

#include "model/SessionRef.h"
#include "services/CatalogService.h"
#include "store/HarvestStore.h"
#include "util/Result.h"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include <functional>
#include <optional>

namespace chasm {

// Finding sessions: by title, id or content among the tools' files (find session), and by the words of
// their messages in the harvest database's full-text index (harvest search). Reads only.
class SearchService
{
public:
    explicit SearchService(const SessionCatalog& catalog)
        : m_catalog(catalog, CatalogService::Kept::Listed)
    {}

    // Hears of a database migration that takes a while, before it starts.
    using Notice = std::function<void(const QString&)>;

    struct FindRequest
    {
        QString pattern;
        QString workspace; // a hash prefix, or part of a workspace's name or project path
        // Set: only the sessions of this project folder, every tool's (empty: the working directory).
        std::optional<QString> projectPath;
        QString provider;
        QDateTime after;
        QDateTime before;
        // Valid: only sessions with a message on this day (UTC), by the messages' own times, not the file's.
        QDate messageDate;
        bool titleOnly = false;
        bool content = false;
        int limit = 50;
        Notice notice;
    };
    // Newest first, at most `limit`. Content is searched in the harvest index for the sessions it holds as they
    // are now, and in the files for the rest (new or changed since the last harvest).
    Result<QList<SessionRef>> findSessions(const FindRequest& request) const;

    struct HarvestRequest
    {
        QString database; // as --db names it; empty: the default database
        QString query;
        QString provider;
        HarvestStore::SearchFilter filter; // its provider is set from `provider`
        Notice notice;
    };
    struct HarvestReport
    {
        QString database;
        HarvestStore::SearchResults results;
    };
    Result<HarvestReport> searchHarvest(const HarvestRequest& request) const;
    // The same search on a database already open (a window keeps one connection between searches), with
    // `filter.provider` a provider id as it is.
    static Result<HarvestStore::SearchResults> searchHarvest(Database& database, const QString& query,
                                                             const HarvestStore::SearchFilter& filter);
    // How many sessions a database holds: 0 before the first harvest, when a search can only offer one.
    static Result<qint64> harvestedSessionCount(Database& database);

private:
    CatalogService m_catalog;
};

// One hit of `harvest search --json`.
boost::json::object toJson(const HarvestStore::SearchHit& hit);
boost::json::array toJson(const SearchService::HarvestReport& report);

} // namespace chasm
