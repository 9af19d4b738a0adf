// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#pragma once

#include "model/Workspace.h"
#include "ops/Registrar.h"
#include "providers/SessionCatalog.h"
#include "util/Result.h"

#include <QStringList>

#include <boost/json/object.hpp>

namespace chasm {

// Brings sessions into a VS Code-family workspace, registered there (fetch, import, move): sessions of other
// workspaces by id, a workspace's sessions, session files, old state databases and Chasm's json exports, a
// folder of session files; moves them between workspaces, and a moved project's history to its new folder.
// Every write is backed up under one recovery point (see Registrar); a dry run writes nothing.
class TransferService
{
public:
    explicit TransferService(const SessionCatalog& catalog)
        : m_catalog(catalog)
    {}

    // What bringing sessions in did.
    struct Report
    {
        Registrar::Report written;
        qsizetype offered = 0; // the sessions there were to bring in
        QString verb;          // "brought in", "moved"
        bool dryRun = false;
    };
    // What move path did: one report per workspace (or Claude Code project) the history went into.
    struct MovePathReport
    {
        QList<Registrar::Report> workspaces;
        bool dryRun = false;
    };

    // fetch session: sessions of other VS Code-family workspaces, by id or unique prefix, copied into the
    // project's workspace; with `move` (move sessions), taken out of where they were.
    struct FetchRequest
    {
        QStringList ids;
        QString targetPath; // the project (empty: the working directory)
        QString editor;     // the target's editor (empty: VS Code first)
        Registrar::Options options;
        bool move = false;
    };
    Result<Report> fetchSessions(const FetchRequest& request) const;

    // fetch workspace: every session of the other workspaces matching `pattern`.
    struct FetchWorkspaceRequest
    {
        QString pattern;
        QString targetPath;
        QString editor;
        Registrar::Options options;
    };
    Result<Report> fetchWorkspace(const FetchWorkspaceRequest& request) const;

    // import sessions: session files; or the sessions of old state databases (interactive.sessions) and of
    // Chasm's json exports (converted, as a merge converts them). Into the project's workspace, or the
    // workspace `hash` names.
    struct ImportRequest
    {
        QStringList paths; // relative to the working directory
        QString targetPath;
        QString editor;
        QString hash;
        Registrar::Options options;
    };
    Result<Report> importSessions(const ImportRequest& request) const;

    // import path and import workspace: the session files of a folder, or of its chatSessions folder.
    struct ImportFolderRequest
    {
        QString source;
        QString targetPath;
        QString editor;
        QString hash;
        Registrar::Options options;
    };
    Result<Report> importFolder(const ImportFolderRequest& request) const;

    // provider import: a tool's sessions of the project (or only the one `session` names, of any project),
    // into the project's workspace: a VS Code-family session as its file, any other tool's converted as a merge
    // converts it (each under its own id, so importing again adds nothing twice). Chats recorded by Chasm too.
    struct ProviderImportRequest
    {
        QString provider;   // the tool the sessions come from (--from)
        QString targetPath; // the project (empty: the working directory)
        QString session;    // an id or unique prefix: only this session
        QString editor;
        Registrar::Options options;
    };
    Result<Report> importFromProvider(const ProviderImportRequest& request) const;

    // move workspace: every session of the workspace `source` names, into the workspace `target` names, else
    // into the active workspace of the project at `target` (of the source's editor).
    struct MoveWorkspaceRequest
    {
        QString source;
        QString target;
        Registrar::Options options;
    };
    Result<Report> moveWorkspace(const MoveWorkspaceRequest& request) const;

    // move path: a moved project folder's history, copied to where the tools look for the new one (ProjectMove).
    struct MovePathRequest
    {
        QString from;
        QString to;
        Registrar::Options options;
    };
    Result<MovePathReport> movePath(const MovePathRequest& request) const;

    // The workspace sessions are brought into: the active one of the project (the working directory when
    // empty) for the editor (else the first that keeps the project; VS Code first).
    Result<Workspace> targetWorkspace(const QString& targetPath, const QString& editor) const;
    // Copies session files into the target workspace and registers them; with `sources`, moves them: each is
    // taken out of the one of those workspaces it is in.
    static Result<Report> bringInto(const Workspace& target, const QStringList& files,
                                    const Registrar::Options& options, const QList<Workspace>& sources = {});

private:
    // The workspace `hash` names among the VS Code-family ones, or the project's target.
    Result<Workspace> targetOf(const QString& hash, const QString& targetPath, const QString& editor) const;

    const SessionCatalog& m_catalog;
};

// fetch, import and move sessions/workspace --json: the workspace's report with "dry_run".
boost::json::object toJson(const TransferService::Report& report);
// move path --json: {"dry_run", "workspaces": [...]}.
boost::json::object toJson(const TransferService::MovePathReport& report);

} // namespace chasm
