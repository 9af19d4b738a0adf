#pragma once

#include "model/SessionRef.h"
#include "model/Workspace.h"
#include "providers/SessionCatalog.h"
#include "util/Result.h"

namespace chasm {

// The scope the merge, export and transfer services work in: a provider's workspaces and sessions, a project's
// workspaces, the VS Code-family workspaces, as a user names them. The same members, with the same meaning, as
// the listing service's CatalogService, written while both were made at once: one of the two is to go.
class ServiceScope
{
public:
    explicit ServiceScope(const SessionCatalog& catalog)
        : m_catalog(catalog)
    {}

    // `path` made absolute against the working directory; the working directory when empty.
    QString pathOrCwd(const QString& path) const;
    // `folder`: a project the user named, where tools that keep history in projects (Aider) look too.
    Result<QList<Workspace>> workspaces(const QString& provider, const QString& folder = {}) const;
    // Newest first.
    Result<QList<SessionRef>> sessions(const QString& provider, const QList<Workspace>& workspaces) const;
    QList<Workspace> workspacesForPath(const QList<Workspace>& all, const QString& path) const;
    // The VS Code-family workspaces (those that keep a session index) of the project at `path` (the working
    // directory when empty), or every one with `all`.
    QList<Workspace> editorWorkspaces(const QString& path, bool all) const;
    // Whether a workspace answers to a pattern the user typed: a hash prefix, or part of its name or project
    // path (case-insensitive).
    static bool workspaceMatches(const Workspace& workspace, const QString& pattern);

private:
    const SessionCatalog& m_catalog;
};

} // namespace chasm
