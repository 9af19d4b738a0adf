// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#pragma once

#include "services/CatalogService.h"
#include "services/HarvestDatabaseService.h"

#include <boost/json/object.hpp>

namespace chasm {

// `sync`: between the harvest database and the tools' stores. A pull is a harvest. A push writes sessions of the
// database back into their tool's store, byte for byte as the tool wrote them (the files a harvest kept, see
// Originals), and registers them where the tool keeps an index (the VS Code family). A file that is there already
// with the same bytes is left alone; one with other bytes is a conflict, replaced only when forced (after a backup).
// A session of a tool that keeps its sessions in a database (OpenCode, Cursor's composers) goes back into the tool's
// rows from its normalized form (StoreWriteBack); one its store holds with the same conversation is left alone.
// Every write goes into one recovery point, which `undo` takes back; an editor that runs stops a push into its
// workspaces unless forced.
class SyncService
{
public:
    explicit SyncService(const SessionCatalog& catalog)
        : m_catalog(catalog)
    {}

    struct PushRequest
    {
        QString database;
        QString provider;     // a provider's id or alias, or "recording"; empty: every provider
        QString workspace;    // part of a workspace's hash, name or project path
        QStringList sessions; // ids or unique prefixes; empty: every session of the scope
        QString format;       // "auto", "jsonl" or "json": the VS Code family's file format
        bool force = false;
        bool dryRun = false;
    };
    // What a push did with one file of a session (or with the session, when it has none kept).
    struct Pushed
    {
        QString sessionId;
        QString provider;
        QString path;
        // "restored" (written where it was gone), "replaced" (forced over other bytes), "present" (there with the same
        // bytes), "conflict" (there with other bytes, not forced), "skipped" (see reason).
        QString action;
        QString sha256;
        QString reason;
        bool registered = false; // put in its editor's index (Cursor: its project's composer list)
    };
    struct PushReport
    {
        QString database;
        bool dryRun = false;
        QList<Pushed> files;
        QStringList warnings;
        QString recoveryPoint;
        QString undoCommand;
        int count(const QString& action) const;
    };
    Result<PushReport> push(const PushRequest& request) const;

private:
    CatalogService m_catalog;
};

boost::json::object toJson(const SyncService::PushReport& report);

} // namespace chasm
