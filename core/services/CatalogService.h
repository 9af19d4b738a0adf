// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#pragma once

#include "model/ProviderStatus.h"
#include "model/Session.h"
#include "model/SessionRef.h"
#include "model/Workspace.h"
#include "providers/SessionCatalog.h"
#include "util/Result.h"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

namespace chasm {

// Which workspaces and sessions a name means (a provider, a project path, a workspace hash or name, a
// session id prefix or title), and what listing and showing them returns: the one place the front ends
// resolve a scope. Reads only.
class CatalogService
{
public:
    // What a scope holds: the tools' sessions only (what a harvest, a recovery, a sync reads), or also the sessions
    // only the harvest database keeps, chats and recordings (what a person lists, shows, exports and merges).
    enum class Kept
    {
        Left,
        Listed,
    };
    explicit CatalogService(const SessionCatalog& catalog, Kept kept = Kept::Left)
        : m_catalog(catalog)
        , m_kept(kept)
    {}

    const SessionCatalog& catalog() const { return m_catalog; }

    // `path` made absolute against the working directory; the working directory when empty.
    QString pathOrCwd(const QString& path) const;
    // One provider by id or alias, every provider when `name` is empty; an unknown name is an error.
    Result<QList<const Provider*>> providers(const QString& name) const;
    // `folder`: a project the user named, where tools that keep history in projects (Aider) look too.
    Result<QList<Workspace>> workspaces(const QString& provider, const QString& folder = {}) const;
    // Newest first.
    Result<QList<SessionRef>> sessions(const QString& provider, const QList<Workspace>& workspaces) const;
    QList<Workspace> workspacesForPath(const QList<Workspace>& all, const QString& path) const;

    // A project's workspaces and sessions, every tool, newest first: the workspaces of its folder with their
    // sessions, and the sessions that name the folder as their own project in the stores that keep every
    // project's sessions together (Codex, Continue, OpenCode), with those stores. A session's project is its own,
    // not its store's. `lookInFolder`: also look for tools that keep history inside the folder (Aider).
    struct ProjectScope
    {
        QList<Workspace> workspaces;
        QList<SessionRef> sessions;
    };
    Result<ProjectScope> projectScope(const QString& provider, const QString& path, bool lookInFolder = true) const;
    // The VS Code-family workspaces (those that keep a session index) of the project at `path` (the
    // working directory when empty), or every one with `all`.
    QList<Workspace> editorWorkspaces(const QString& path, bool all) const;
    // Every VS Code-family workspace, or those of one editor family (`vscode` meaning Copilot in VS Code;
    // empty, "all" and "auto" meaning every one).
    QList<Workspace> editorFamily(const QString& provider) const;
    // The workspace an editor opens for the project: the one whose state database changed last.
    static QString activeWorkspace(const QList<Workspace>& matches);
    // Whether a workspace answers to a pattern the user typed: a hash prefix, or part of its name or project
    // path (case-insensitive).
    static bool workspaceMatches(const Workspace& workspace, const QString& pattern);
    static void sortNewestFirst(QList<SessionRef>& sessions);

    // --- every workspace and session of every tool, in the order the tools give them (the window's lists) ---
    // With Kept::Listed, also the sessions only the database keeps: the kept providers' and SessionCatalog::keptOnly.
    struct Overview
    {
        QList<Workspace> workspaces;
        QList<SessionRef> sessions;
    };
    Overview overview() const;

    // --- list sessions / list path: newest first ---
    struct ListRequest
    {
        QString projectPath; // empty: every project
        QString provider;
    };
    Result<QList<SessionRef>> listSessions(const ListRequest& request) const;

    // A project's workspaces and sessions (list path: newest first; show path: oldest first).
    struct PathReport
    {
        QString path;
        QList<Workspace> workspaces;
        QList<SessionRef> sessions;
    };
    Result<PathReport> listPath(const QString& path) const;
    Result<PathReport> showPath(const QString& path) const;

    // --- show session: by id, id prefix or native id, among a project's sessions when given ---
    struct ShowSessionRequest
    {
        QString id;
        QString projectPath;
    };
    struct SessionReport
    {
        SessionRef ref;
        Session session;
    };
    Result<SessionReport> showSession(const ShowSessionRequest& request) const;
    // The same in parts (see Provider::read), for a session of any size: the session found, whose reading
    // `read` then starts.
    Result<SessionRef> findSession(const ShowSessionRequest& request) const;
    std::optional<Error> readSession(const SessionRef& session, SessionSink& sink) const
    {
        return m_catalog.read(session, sink);
    }

    // --- detect session: which provider a session belongs to, by id or prefix, and where it is kept ---
    struct SessionOrigin
    {
        SessionRef session;
        QString providerName; // "Claude Code"
    };
    Result<SessionOrigin> detectSession(const ShowSessionRequest& request) const;

    // --- show workspace: by hash, "<editor>:<hash>", a unique prefix of either, or a folder name ---
    struct WorkspaceReport
    {
        Workspace workspace;
        QList<SessionRef> sessions;
    };
    Result<WorkspaceReport> showWorkspace(const QString& nameOrHash) const;

    // --- find workspace: a hash prefix, or part of the project path, URI or name (the working directory's
    // name when empty) ---
    Result<QList<Workspace>> findWorkspaces(const QString& pattern) const;

    // --- detect workspace / detect all ---
    struct DetectReport
    {
        QString path;
        QList<Workspace> workspaces;
        QString activeWorkspace;
        QList<SessionRef> sessions;      // detect all only
        QList<ProviderStatus> providers; // detect all only
    };
    Result<DetectReport> detectWorkspace(const QString& path) const;
    Result<DetectReport> detectAll(const QString& path) const;

    // --- provider list, detect providers, list agents ---
    struct ProvidersRequest
    {
        bool withSessions = false;
        bool agentsOnly = false; // command-line tools only, not editors
    };
    struct ProvidersReport
    {
        QList<ProviderStatus> statuses;
        bool withSessions = false;
        QList<SessionRef> sessions;
    };
    Result<ProvidersReport> providerStatuses(const ProvidersRequest& request) const;

private:
    const SessionCatalog& m_catalog;
    Kept m_kept;
};

// The --json shapes of the commands above.
boost::json::array toJson(const QList<SessionRef>& sessions);
boost::json::array toJson(const QList<Workspace>& workspaces);
boost::json::object toJson(const CatalogService::PathReport& report);
boost::json::object toJson(const CatalogService::SessionReport& report);
boost::json::object toJson(const CatalogService::WorkspaceReport& report);
boost::json::object toJson(const CatalogService::SessionOrigin& origin);
boost::json::object detectWorkspaceJson(const CatalogService::DetectReport& report);
boost::json::object detectAllJson(const CatalogService::DetectReport& report);
boost::json::array toJson(const CatalogService::ProvidersReport& report);

} // namespace chasm
