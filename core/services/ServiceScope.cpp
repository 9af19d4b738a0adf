#include "ServiceScope.h"

#include <QFileInfo>

#include <algorithm>

namespace chasm {

QString ServiceScope::pathOrCwd(const QString& path) const
{
    const Environment& environment = m_catalog.environment();
    return environment.absolutePath(path.isEmpty() ? environment.workingDirectory() : path);
}

Result<QList<Workspace>> ServiceScope::workspaces(const QString& provider, const QString& folder) const
{
    auto chosen = m_catalog.providers(provider);
    if (!chosen) {
        return chosen.error();
    }
    return m_catalog.workspaces(*chosen, folder.isEmpty() ? QStringList() : QStringList{folder});
}

Result<QList<SessionRef>> ServiceScope::sessions(const QString& provider, const QList<Workspace>& workspaces) const
{
    auto chosen = m_catalog.providers(provider);
    if (!chosen) {
        return chosen.error();
    }
    QList<SessionRef> result = m_catalog.sessions(*chosen, workspaces);
    std::stable_sort(result.begin(), result.end(),
                     [](const SessionRef& a, const SessionRef& b) { return a.updatedAt > b.updatedAt; });
    return result;
}

QList<Workspace> ServiceScope::workspacesForPath(const QList<Workspace>& all, const QString& path) const
{
    return m_catalog.workspacesForPath(all, path);
}

QList<Workspace> ServiceScope::editorWorkspaces(const QString& path, bool all) const
{
    QList<Workspace> scope = workspaces({}).value();
    if (!all) {
        scope = workspacesForPath(scope, pathOrCwd(path));
    }
    // Only the VS Code family keeps a session index.
    scope.removeIf([](const Workspace& w) {
        return w.editor.isEmpty() || (!w.hasChatSessions && !QFileInfo::exists(w.stateDatabasePath));
    });
    return scope;
}

bool ServiceScope::workspaceMatches(const Workspace& workspace, const QString& pattern)
{
    return workspace.hash.startsWith(pattern) || workspace.displayName().contains(pattern, Qt::CaseInsensitive) ||
           workspace.projectPath.contains(pattern, Qt::CaseInsensitive);
}

} // namespace chasm
