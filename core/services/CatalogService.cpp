// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#include "CatalogService.h"

#include "json/Json.h"
#include "model/ModelJson.h"
#include "vscode/Editor.h"

#include <QFileInfo>

#include <algorithm>
#include <limits>
#include <vector>

using namespace Qt::StringLiterals;

namespace chasm {

namespace {

boost::json::array summaries(const QList<SessionRef>& sessions)
{
    boost::json::array array;
    for (const SessionRef& s : sessions) {
        array.emplace_back(shapes::sessionSummary(s));
    }
    return array;
}

boost::json::array workspaceArray(const QList<Workspace>& workspaces)
{
    boost::json::array array;
    for (const Workspace& w : workspaces) {
        array.emplace_back(shapes::workspace(w));
    }
    return array;
}

boost::json::value idOrNull(const QString& id)
{
    return id.isEmpty() ? boost::json::value(nullptr) : boost::json::value(json::fromQString(id));
}

} // namespace

QString CatalogService::pathOrCwd(const QString& path) const
{
    const Environment& environment = m_catalog.environment();
    return environment.absolutePath(path.isEmpty() ? environment.workingDirectory() : path);
}

Result<QList<const Provider*>> CatalogService::providers(const QString& name) const
{
    return m_kept == Kept::Listed ? m_catalog.listedProviders(name) : m_catalog.providers(name);
}

Result<QList<Workspace>> CatalogService::workspaces(const QString& provider, const QString& folder) const
{
    auto chosen = providers(provider);
    if (!chosen) {
        return chosen.error();
    }
    return m_catalog.workspaces(*chosen, folder.isEmpty() ? QStringList() : QStringList{folder});
}

Result<QList<SessionRef>> CatalogService::sessions(const QString& provider, const QList<Workspace>& workspaces) const
{
    auto chosen = providers(provider);
    if (!chosen) {
        return chosen.error();
    }
    QList<SessionRef> result = m_catalog.sessions(*chosen, workspaces);
    sortNewestFirst(result);
    return result;
}

CatalogService::Overview CatalogService::overview() const
{
    const auto every = providers({});
    Overview overview;
    overview.workspaces = m_catalog.workspaces(every.value());
    overview.sessions = m_catalog.sessions(every.value(), overview.workspaces);
    if (m_kept == Kept::Listed) {
        // And what the tools no longer have, which only the database keeps.
        SessionCatalog::KeptOnly kept = m_catalog.keptOnly(overview.sessions);
        overview.workspaces.append(std::move(kept.workspaces));
        overview.sessions.append(std::move(kept.sessions));
    }
    return overview;
}

QList<Workspace> CatalogService::workspacesForPath(const QList<Workspace>& all, const QString& path) const
{
    return m_catalog.workspacesForPath(all, path);
}

Result<CatalogService::ProjectScope> CatalogService::projectScope(const QString& provider, const QString& path,
                                                                  bool lookInFolder) const
{
    const QString project = pathOrCwd(path);
    auto all = workspaces(provider, lookInFolder ? project : QString());
    if (!all) {
        return all.error();
    }
    ProjectScope scope{workspacesForPath(*all, project), {}};
    auto own = sessions(provider, scope.workspaces);
    if (!own) {
        return own.error();
    }
    scope.sessions = std::move(own).value();
    QList<Workspace> stores = std::move(all).value();
    stores.removeIf([](const Workspace& w) { return w.kind != Workspace::Kind::Store; });
    // Listed with the project's own workspaces, which tell a store's session its project (Cursor lists its composers
    // in the workspace of their folder).
    QList<SessionRef> stored = sessions(provider, stores + scope.workspaces).value();
    stored.removeIf([&stores](const SessionRef& s) {
        return std::none_of(stores.cbegin(), stores.cend(), [&s](const Workspace& w) { return w.id == s.workspaceId; });
    });
    const QList<SessionRef> named = m_catalog.sessionsForPath(stored, project);
    for (const Workspace& store : std::as_const(stores)) {
        if (std::any_of(named.cbegin(), named.cend(),
                        [&store](const SessionRef& s) { return s.workspaceId == store.id; })) {
            scope.workspaces.append(store);
        }
    }
    scope.sessions.append(named);
    sortNewestFirst(scope.sessions);
    return scope;
}

QList<Workspace> CatalogService::editorWorkspaces(const QString& path, bool all) const
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

QList<Workspace> CatalogService::editorFamily(const QString& provider) const
{
    QList<Workspace> scope = editorWorkspaces({}, true);
    if (!provider.isEmpty() && provider != u"all"_s && provider != u"auto"_s) {
        const QString wanted = provider == u"vscode"_s ? u"copilot"_s : provider;
        scope.removeIf([&wanted](const Workspace& w) { return w.provider != wanted; });
    }
    return scope;
}

QString CatalogService::activeWorkspace(const QList<Workspace>& matches)
{
    const auto newest = std::max_element(matches.cbegin(), matches.cend(), [](const Workspace& a, const Workspace& b) {
        return QFileInfo(a.stateDatabasePath).lastModified() < QFileInfo(b.stateDatabasePath).lastModified();
    });
    return newest == matches.cend() ? QString() : newest->id;
}

bool CatalogService::workspaceMatches(const Workspace& workspace, const QString& pattern)
{
    return workspace.hash.startsWith(pattern) || workspace.displayName().contains(pattern, Qt::CaseInsensitive) ||
           workspace.projectPath.contains(pattern, Qt::CaseInsensitive);
}

void CatalogService::sortNewestFirst(QList<SessionRef>& sessions)
{
    // Each time read once, into the order of the indices, then each session moved once: comparing QDateTimes
    // converts both, and a SessionRef is big to move (sorting 20 000 sessions took 18 ms). An invalid time is the
    // oldest, as QDateTime compares it.
    std::vector<std::pair<qint64, qsizetype>> order;
    order.reserve(std::size_t(sessions.size()));
    for (qsizetype i = 0; i < sessions.size(); ++i) {
        const QDateTime& updated = sessions.at(i).updatedAt;
        order.emplace_back(updated.isValid() ? updated.toMSecsSinceEpoch() : std::numeric_limits<qint64>::min(), i);
    }
    std::stable_sort(order.begin(), order.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
    QList<SessionRef> sorted;
    sorted.reserve(sessions.size());
    for (const auto& [updated, i] : order) {
        sorted.append(std::move(sessions[i]));
    }
    sessions = std::move(sorted);
}

Result<QList<SessionRef>> CatalogService::listSessions(const ListRequest& request) const
{
    m_catalog.prepareSessions();
    if (request.projectPath.isEmpty()) {
        auto all = workspaces(request.provider);
        if (!all) {
            return all.error();
        }
        return sessions(request.provider, *all);
    }
    auto scope = projectScope(request.provider, request.projectPath);
    if (!scope) {
        return scope.error();
    }
    return scope->sessions;
}

Result<CatalogService::PathReport> CatalogService::listPath(const QString& path) const
{
    ProjectScope scope = projectScope({}, path).value();
    return PathReport{pathOrCwd(path), std::move(scope.workspaces), std::move(scope.sessions)};
}

Result<CatalogService::PathReport> CatalogService::showPath(const QString& path) const
{
    ProjectScope scope = projectScope({}, path, false).value();
    PathReport report{pathOrCwd(path), std::move(scope.workspaces), std::move(scope.sessions)};
    std::stable_sort(report.sessions.begin(), report.sessions.end(),
                     [](const SessionRef& a, const SessionRef& b) { return a.createdAt < b.createdAt; });
    return report;
}

Result<SessionRef> CatalogService::findSession(const ShowSessionRequest& request) const
{
    const QList<SessionRef> candidates = request.projectPath.isEmpty()
                                             ? sessions({}, workspaces({}).value()).value()
                                             : projectScope({}, request.projectPath, false).value().sessions;
    return SessionCatalog::resolveSession(candidates, request.id);
}

Result<CatalogService::SessionOrigin> CatalogService::detectSession(const ShowSessionRequest& request) const
{
    auto ref = findSession(request);
    if (!ref) {
        return ref.error();
    }
    const Provider* provider = m_catalog.provider(ref->provider);
    return SessionOrigin{*ref, provider ? provider->displayName() : ref->provider};
}

Result<CatalogService::SessionReport> CatalogService::showSession(const ShowSessionRequest& request) const
{
    auto ref = findSession(request);
    if (!ref) {
        return ref.error();
    }
    auto session = m_catalog.load(*ref);
    if (!session) {
        return session.error();
    }
    return SessionReport{*ref, std::move(session).value()};
}

Result<CatalogService::WorkspaceReport> CatalogService::showWorkspace(const QString& nameOrHash) const
{
    auto workspace = SessionCatalog::resolveWorkspace(workspaces({}).value(), nameOrHash);
    if (!workspace) {
        return workspace.error();
    }
    return WorkspaceReport{*workspace, sessions({}, {*workspace}).value()};
}

Result<QList<Workspace>> CatalogService::findWorkspaces(const QString& pattern) const
{
    const QString needle = pattern.isEmpty() ? QFileInfo(pathOrCwd({})).fileName() : pattern;
    QList<Workspace> all = workspaces({}).value();
    all.removeIf([&needle](const Workspace& w) {
        return !(w.projectPath.contains(needle, Qt::CaseInsensitive) || w.uri.contains(needle, Qt::CaseInsensitive) ||
                 w.hash.startsWith(needle, Qt::CaseInsensitive) ||
                 w.displayName().contains(needle, Qt::CaseInsensitive));
    });
    return all;
}

Result<CatalogService::DetectReport> CatalogService::detectWorkspace(const QString& path) const
{
    DetectReport report;
    report.path = pathOrCwd(path);
    report.workspaces = workspacesForPath(workspaces({}).value(), report.path);
    report.activeWorkspace = activeWorkspace(report.workspaces);
    return report;
}

Result<CatalogService::DetectReport> CatalogService::detectAll(const QString& path) const
{
    DetectReport report;
    report.path = pathOrCwd(path);
    const QList<const Provider*> all = providers({}).value();
    const QList<Workspace> everything = m_catalog.workspaces(all);
    report.workspaces = workspacesForPath(everything, report.path);
    report.sessions = sessions({}, report.workspaces).value();
    report.activeWorkspace = activeWorkspace(report.workspaces);
    report.providers = m_catalog.status(all, everything);
    return report;
}

Result<CatalogService::ProvidersReport> CatalogService::providerStatuses(const ProvidersRequest& request) const
{
    const QList<const Provider*> all = providers({}).value();
    const QList<Workspace> everything = m_catalog.workspaces(all);
    ProvidersReport report{m_catalog.status(all, everything), request.withSessions, {}};
    if (request.agentsOnly) {
        // Agents are command-line tools; editors' launchers ("code", "cursor") do not make one.
        QStringList launchers;
        for (const EditorInfo& editor : allEditors()) {
            launchers << editor.command;
        }
        report.statuses.removeIf([&launchers](const ProviderStatus& p) {
            return std::all_of(p.commands.cbegin(), p.commands.cend(),
                               [&launchers](const ProviderStatus::Command& c) { return launchers.contains(c.name); });
        });
    }
    if (request.withSessions) {
        report.sessions = sessions({}, everything).value();
    }
    return report;
}

boost::json::array toJson(const QList<SessionRef>& sessions)
{
    return summaries(sessions);
}

boost::json::array toJson(const QList<Workspace>& workspaces)
{
    return workspaceArray(workspaces);
}

boost::json::object toJson(const CatalogService::PathReport& report)
{
    boost::json::object o;
    o["path"] = json::fromQString(report.path);
    o["workspaces"] = workspaceArray(report.workspaces);
    o["sessions"] = summaries(report.sessions);
    return o;
}

boost::json::object toJson(const CatalogService::SessionOrigin& origin)
{
    boost::json::object o = shapes::sessionSummary(origin.session);
    o["provider_name"] = json::fromQString(origin.providerName);
    return o;
}

boost::json::object toJson(const CatalogService::SessionReport& report)
{
    return shapes::session(report.session);
}

boost::json::object toJson(const CatalogService::WorkspaceReport& report)
{
    boost::json::object o = shapes::workspace(report.workspace);
    o["sessions"] = summaries(report.sessions);
    return o;
}

boost::json::object detectWorkspaceJson(const CatalogService::DetectReport& report)
{
    boost::json::object o;
    o["path"] = json::fromQString(report.path);
    o["found"] = !report.workspaces.isEmpty();
    o["active_workspace"] = idOrNull(report.activeWorkspace);
    o["workspaces"] = workspaceArray(report.workspaces);
    return o;
}

boost::json::object detectAllJson(const CatalogService::DetectReport& report)
{
    boost::json::object o;
    o["path"] = json::fromQString(report.path);
    o["active_workspace"] = idOrNull(report.activeWorkspace);
    o["workspaces"] = workspaceArray(report.workspaces);
    boost::json::array providers;
    for (const ProviderStatus& status : report.providers) {
        providers.emplace_back(shapes::providerStatus(status));
    }
    o["providers"] = std::move(providers);
    o["sessions"] = summaries(report.sessions);
    return o;
}

boost::json::array toJson(const CatalogService::ProvidersReport& report)
{
    boost::json::array array;
    for (const ProviderStatus& status : report.statuses) {
        boost::json::object o = shapes::providerStatus(status);
        if (report.withSessions) {
            boost::json::array own;
            for (const SessionRef& s : report.sessions) {
                if (s.provider == status.id) {
                    own.emplace_back(shapes::sessionSummary(s));
                }
            }
            o["sessions"] = std::move(own);
        }
        array.emplace_back(std::move(o));
    }
    return array;
}

} // namespace chasm
