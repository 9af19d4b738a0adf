// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#pragma once

#include "model/IndexEntry.h"
#include "model/SessionRef.h"
#include "model/Workspace.h"
#include "ops/Registrar.h"
#include "ops/SessionFileRecovery.h"
#include "services/CatalogService.h"
#include "util/Result.h"

#include <QHash>

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

namespace chasm {

// Sessions the VS Code-family editors have but do not show: each workspace's index reconciled with its
// session files (show index, list orphaned), and the sessions kept where the editor no longer looks (recover
// orphans: a workspace whose folder is gone, an older workspace of the project, a file missing from the
// index), each with the command that brings it back. Reads only.
class OrphanService
{
public:
    explicit OrphanService(const SessionCatalog& catalog)
        : m_catalog(catalog)
    {}

    struct WorkspaceIndex
    {
        Workspace workspace;
        QList<SessionRef> files;
        QList<IndexEntry> entries;
        QString error; // why the index cannot be read, if it cannot
    };
    QList<WorkspaceIndex> inspectIndexes(const QList<Workspace>& scope) const;
    // One workspace's index reconciled with its session files, already listed.
    static WorkspaceIndex inspectIndex(const Workspace& workspace, const QList<SessionRef>& files);
    // Sets Workspace::orphanCount of every editor workspace with session files to the number of them the
    // recovery assistant offers to add to its index (a workspace without one included; -1 where the index cannot
    // be read): the badge the window shows, which agrees with the assistant.
    static void countOrphans(QList<Workspace>& workspaces, const QList<SessionRef>& sessions);

    // --- show index / list orphaned: the project at `path` (the working directory when empty), or `all` ---
    struct IndexRequest
    {
        QString path;
        bool all = false;
    };
    struct IndexReport
    {
        QString path; // absolute
        QList<Workspace> scope;
        QList<WorkspaceIndex> indexes;
    };
    Result<IndexReport> showIndex(const IndexRequest& request) const;

    struct UnindexedReport
    {
        QString path; // absolute
        QList<Workspace> scope;
        QList<SessionRef> orphans;     // session files their editor's index does not list
        QStringList unreadableIndexes; // why an index could not be read (its sessions are not judged)
    };
    Result<UnindexedReport> listUnindexed(const IndexRequest& request) const;

    // --- recover orphans ---
    struct Request
    {
        QString provider;       // an editor family (see CatalogService::editorFamily)
        bool unindexed = false; // also the files missing from an index
        bool verify = false;    // read each file
    };
    struct Orphan
    {
        SessionRef session;
        Workspace workspace;
        QString reason;                                      // folder_gone, older_workspace, not_in_index
        QString fix;                                         // the command that brings it back
        std::optional<SessionFileRecovery::Detection> check; // with `verify`
    };
    struct Report
    {
        QList<Orphan> orphans;
        bool unindexed = false;
        bool verify = false;
    };
    Result<Report> orphans(const Request& request) const;

    // --- detect orphaned: per editor that keeps several workspaces for the project at `path` (the working
    // directory when empty), the active one and the session files the others hold that it lacks ---
    struct OrphanedWorkspacesReport
    {
        QString project; // absolute
        QList<Registrar::ProjectWorkspaces> found;
    };
    Result<OrphanedWorkspacesReport> orphanedWorkspaces(const QString& path) const;
    // detect orphaned --recover, for one workspace of the scope: copies into it, when it is an editor's active
    // one in `report`, the session files the editor's other workspaces hold that it lacks (see Registrar::adopt);
    // for any other workspace, an empty report.
    static Result<Registrar::Report> recoverInto(const OrphanedWorkspacesReport& report, const Workspace& workspace,
                                                 const Registrar::Options& options);

private:
    CatalogService m_catalog;
};

// show index --json
boost::json::array toJson(const OrphanService::IndexReport& report);
// list orphaned --json
boost::json::array toJson(const OrphanService::UnindexedReport& report);
// recover orphans --json
boost::json::array toJson(const OrphanService::Report& report);
// detect orphaned --json
boost::json::array toJson(const OrphanService::OrphanedWorkspacesReport& report);

} // namespace chasm
