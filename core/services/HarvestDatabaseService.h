// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#pragma once

#include "export/SessionExport.h"
#include "ops/Harvester.h"
#include "services/ExportService.h"
#include "services/CatalogService.h"
#include "store/Database.h"
#include "store/HarvestStore.h"
#include "store/Originals.h"
#include "store/postgres/PostgresPush.h"
#include "util/Result.h"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include <functional>
#include <memory>
#include <optional>

namespace chasm {

// The use cases of the harvest database as a command runs them, one request each: make it, harvest into
// it, count what it holds, plan a harvest, import exports, checkpoints and reverts, rebuild its index, list
// what it holds. (HarvestService is the app's background harvester; both run Harvester.)
class HarvestDatabaseService
{
public:
    explicit HarvestDatabaseService(const SessionCatalog& catalog)
        : m_catalog(catalog)
    {}

    // Hears of a database migration that takes a while, before it starts.
    using Notice = std::function<void(const QString&)>;

    // The database a user named (--db; empty: the default one), as a path, or a team database's URL.
    QString databasePath(const QString& database) const;
    // Whether it names a team database on PostgreSQL (postgresql://…). A team database is read as a harvest database
    // is (status, list, session, export; SearchService searches it); a harvest into it harvests into the harvest
    // database on this machine and pushes that (TeamService::push). The other use cases are refused (Database::open).
    bool isTeam(const QString& database) const;
    // That database opened, migrated if need be.
    Result<std::unique_ptr<Database>> open(const QString& database, const Notice& notice = {}) const;
    // Every provider, or those of a comma-separated `only`, without those of a comma-separated `exclude`.
    Result<QList<const Provider*>> chosenProviders(const QString& only, const QString& exclude) const;

    struct InitReport
    {
        QString database;
    };
    Result<InitReport> init(const QString& database, const Notice& notice = {}) const;

    struct RunRequest
    {
        QString database;
        QString only;    // provider names, comma-separated; empty: every provider
        QString exclude; // provider names, comma-separated
        Notice notice;
        Harvester::Options options; // progress, cancellation, waiting for another harvest
        // Into a team database: after each session looked at by the push, how many were, of how many.
        std::function<void(qint64 done, qint64 total)> pushProgress;
    };
    struct RunReport
    {
        QString database; // the harvest database harvested into
        Harvester::Summary summary;
        QString team; // into a team database: its URL (password masked), and what the push sent
        std::optional<PostgresPush::Report> pushed;
    };
    Result<RunReport> run(const RunRequest& request) const;

    struct StatusReport
    {
        QString database;
        qint64 sizeBytes = 0; // the database and its write-ahead log
        HarvestStore::Totals totals;
        Originals::Totals originals; // the sessions' files kept as they are
    };
    Result<StatusReport> status(const QString& database, const Notice& notice = {}) const;

    // What a harvest run would do: per provider, how many sessions are new, changed, unchanged, unreadable or
    // failed, and each session's state.
    struct ScanReport
    {
        QString database;
        QList<Harvester::Planned> planned;
        QList<std::pair<QString, QHash<QString, int>>> counts; // by provider id, then by state name
        bool withSessions = false;
    };
    static const QStringList& scanStates();
    static QString stateName(const Harvester::Planned& planned);
    Result<ScanReport> scan(const QString& database, bool withSessions, const Notice& notice = {}) const;

    struct ImportReport
    {
        QString database;
        Harvester::Imported imported;
    };
    // `files`: as the user named them, relative to the working directory.
    Result<ImportReport> importExports(const QString& database, const QStringList& files,
                                       const Notice& notice = {}) const;

    Result<HarvestStore::Checkpoint> checkpoint(const QString& database, const QString& sessionId,
                                                const QString& message, const Notice& notice = {}) const;
    Result<QList<HarvestStore::Checkpoint>> checkpoints(const QString& database, const QString& sessionId,
                                                        const Notice& notice = {}) const;

    struct RevertReport
    {
        int revertedTo = 0;
        HarvestStore::Checkpoint savedAs; // the content the revert replaced
    };
    Result<RevertReport> revert(const QString& database, const QString& sessionId, int number,
                                const Notice& notice = {}) const;

    struct RebuildReport
    {
        QString database;
        qint64 messagesIndexed = 0;
    };
    Result<RebuildReport> rebuildIndex(const QString& database, const Notice& notice = {}) const;

    struct ListRequest
    {
        QString database;
        QString provider;
        QString search;
        int limit = 50;
        Notice notice;
    };
    Result<QList<SessionRef>> list(const ListRequest& request) const;

    // One harvested session, by id or a unique prefix of it: the copy that remains when the tool deleted it.
    Result<Session> session(const QString& database, const QString& sessionId, const Notice& notice = {}) const;
    // The same, for a front end that found no session of that id in the tools' stores: the session as the database
    // keeps it (a tool deleted it, or it was recorded over the API), with a listing's ref of it whose path is empty.
    // NotFound when there is no database (none is made) or it holds no such session.
    struct KeptSession
    {
        SessionRef ref;
        Session session;
    };
    Result<KeptSession> keptSession(const QString& database, const QString& sessionId) const;

    // harvest export: the database's sessions (every one, a provider's, or those named) written into one
    // file or a folder, as `chasm export` writes the tools' own.
    struct ExportRequest
    {
        QString database;
        QString destination; // relative to the working directory
        SessionExport::Format format = SessionExport::Format::Json;
        QString provider;     // a provider name; empty: every provider
        QStringList sessions; // ids or unique prefixes; empty: every session
        Notice notice;
    };
    Result<ExportService::Report> exportSessions(const ExportRequest& request) const;
    // The same from a backup of a harvest database (recover database), read from a copy: opening it may
    // bring its schema up to date, and a backup is never changed.
    Result<ExportService::Report> exportFromBackup(const ExportRequest& request) const;

private:
    Result<RunReport> runIntoTeam(const RunRequest& request) const;

    CatalogService m_catalog;
};

// The --json shapes of the harvest commands.
boost::json::object toJson(const HarvestDatabaseService::InitReport& report);
boost::json::object toJson(const HarvestDatabaseService::RunReport& report);
boost::json::object toJson(const HarvestDatabaseService::StatusReport& report);
boost::json::object toJson(const HarvestDatabaseService::ScanReport& report);
boost::json::object toJson(const HarvestDatabaseService::ImportReport& report);
boost::json::object toJson(const HarvestStore::Checkpoint& checkpoint);
boost::json::array toJson(const QList<HarvestStore::Checkpoint>& checkpoints);
boost::json::object toJson(const HarvestDatabaseService::RevertReport& report);
boost::json::object toJson(const HarvestDatabaseService::RebuildReport& report);

} // namespace chasm
