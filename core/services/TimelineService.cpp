// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#include "TimelineService.h"

#include "json/Json.h"
#include "model/ModelJson.h"

#include <QDir>
#include <QHash>
#include <QSet>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace chasm {

namespace {

QString lastSegment(const QString& path)
{
    const QString clean = QDir::cleanPath(QDir::fromNativeSeparators(path));
    const qsizetype slash = clean.lastIndexOf(u'/');
    return slash >= 0 && slash + 1 < clean.size() ? clean.mid(slash + 1) : clean;
}

// The folder's name; a multi-root workspace's file without its extension.
QString folderName(const QString& path)
{
    QString name = lastSegment(path);
    if (name.endsWith(u".code-workspace"_s)) {
        name.chop(qsizetype(sizeof(".code-workspace") - 1));
    }
    return name;
}

// Projects of the same name are told apart by as many of their parent folders as it takes: "api (work)" and
// "api (home)", "web app (a/projects)" and "web app (b/projects)".
void tellApart(QList<TimelineService::Project>& projects)
{
    QHash<QString, QList<TimelineService::Project*>> byName;
    for (TimelineService::Project& p : projects) {
        if (!p.path.isEmpty()) {
            byName[p.name.toLower()].append(&p);
        }
    }
    for (const QList<TimelineService::Project*>& same : std::as_const(byName)) {
        if (same.size() < 2) {
            continue;
        }
        QList<QStringList> parents; // each one's parent folders, the nearest first
        qsizetype deepest = 0;
        for (const TimelineService::Project* p : same) {
            QStringList folders = QDir::cleanPath(QDir::fromNativeSeparators(p->path)).split(u'/', Qt::SkipEmptyParts);
            folders.removeLast();
            std::reverse(folders.begin(), folders.end());
            deepest = std::max(deepest, folders.size());
            parents.append(folders);
        }
        const auto parentsUpTo = [&parents](int index, qsizetype depth) {
            QStringList shown = parents.at(index).mid(0, depth);
            std::reverse(shown.begin(), shown.end());
            return shown.join(u'/');
        };
        qsizetype depth = 1;
        for (; depth < deepest; ++depth) {
            QSet<QString> labels;
            for (int i = 0; i < same.size(); ++i) {
                labels.insert(parentsUpTo(i, depth).toLower());
            }
            if (labels.size() == same.size()) {
                break;
            }
        }
        for (int i = 0; i < same.size(); ++i) {
            if (const QString parent = parentsUpTo(i, depth); !parent.isEmpty()) {
                same.at(i)->name = u"%1 (%2)"_s.arg(same.at(i)->name, parent);
            }
        }
    }
}

// Which project a session belongs to: its key (sessions of one project share it) and name. A session without a
// folder belongs with the others of its remote workspace ("host: api"), or with every session that names no
// folder (an empty window's, or one whose file a tool's store keeps but cannot be read): no key, no name.
std::pair<QString, QString> projectOf(const SessionRef& s, const Workspace* workspace, Platform platform)
{
    if (!s.projectPath.isEmpty()) {
        const QString path = QDir::cleanPath(QDir::fromNativeSeparators(s.projectPath));
        return {platform == Platform::Linux ? path : path.toLower(), folderName(s.projectPath)};
    }
    if (!workspace || workspace->kind == Workspace::Kind::Remote) {
        return {u"\n"_s + s.workspaceName, s.workspaceName};
    }
    return {};
}

QDateTime activityOf(const SessionRef& s)
{
    return s.updatedAt.isValid() ? s.updatedAt : s.createdAt;
}

} // namespace

Result<TimelineService::Report> TimelineService::run(const Request& request) const
{
    Report report;
    report.path = m_catalog.pathOrCwd(request.path);
    auto scope = m_catalog.projectScope(request.provider, report.path);
    if (!scope) {
        return scope.error();
    }
    report.sessions = std::move(scope->sessions);
    // A session that cannot be read has no dates of its own (its file's time is no clue).
    report.unreadable = report.sessions.removeIf([](const SessionRef& s) { return !s.error.isEmpty(); });
    report.sessions.removeIf([](const SessionRef& s) { return !isDated(s); });
    std::stable_sort(report.sessions.begin(), report.sessions.end(),
                     [](const SessionRef& a, const SessionRef& b) { return a.createdAt < b.createdAt; });
    report.gaps = gaps(report.sessions, request.gapDays);
    return report;
}

QList<TimelineService::Gap> TimelineService::gaps(const QList<SessionRef>& oldestFirst, int gapDays)
{
    QList<Gap> result;
    QDateTime reached;
    for (const SessionRef& s : oldestFirst) {
        if (reached.isValid() && reached.toUTC().daysTo(s.createdAt.toUTC()) >= gapDays) {
            result.append({reached, s.createdAt, reached.toUTC().daysTo(s.createdAt.toUTC())});
        }
        const QDateTime end = s.updatedAt.isValid() ? s.updatedAt : s.createdAt;
        reached = reached.isValid() ? std::max(reached, end) : end;
    }
    return result;
}

bool TimelineService::isDated(const SessionRef& session)
{
    return session.error.isEmpty() && session.createdAt.isValid();
}

QList<TimelineService::Project> TimelineService::projects(const QList<Workspace>& workspaces,
                                                          const QList<SessionRef>& sessions, Platform platform)
{
    QHash<QString, const Workspace*> workspaceById;
    for (const Workspace& w : workspaces) {
        workspaceById.insert(w.id, &w);
    }
    QList<Project> result;
    QHash<QString, qsizetype> byKey;
    for (const SessionRef& s : sessions) {
        const Workspace* workspace = workspaceById.value(s.workspaceId);
        const auto [key, name] = projectOf(s, workspace, platform);
        auto found = byKey.constFind(key);
        if (found == byKey.cend()) {
            found = byKey.insert(key, result.size());
            result.append({key, s.projectPath, name, {}, {}, {}});
        }
        Project& project = result[*found];
        project.sessions.append(s);
        const QDateTime activity = activityOf(s);
        if (isDated(s) && activity.isValid() && (!project.lastActivity.isValid() || activity > project.lastActivity)) {
            project.lastActivity = activity;
        }
        auto place = std::find_if(project.places.begin(), project.places.end(),
                                  [&s](const Place& p) { return p.workspace.id == s.workspaceId; });
        if (place == project.places.end()) {
            Workspace w;
            if (workspace) {
                w = *workspace;
            } else {
                w.id = s.workspaceId;
                w.provider = s.provider;
                w.editor = s.editor;
                w.hash = s.workspace;
                w.projectPath = s.projectPath;
            }
            project.places.append({std::move(w), 0, {}, false});
            place = project.places.end() - 1;
        }
        ++place->sessionCount;
        if (isDated(s) && activity.isValid() && (!place->lastUsed.isValid() || activity > place->lastUsed)) {
            place->lastUsed = activity;
        }
    }
    tellApart(result);
    for (Project& p : result) {
        CatalogService::sortNewestFirst(p.sessions);
        // Of several workspaces of one editor for the folder, the editor opens the one it used last.
        QHash<QString, QList<Workspace>> byEditor;
        for (const Place& place : std::as_const(p.places)) {
            if (!place.workspace.editor.isEmpty()) {
                byEditor[place.workspace.editor].append(place.workspace);
            }
        }
        for (Place& place : p.places) {
            const QList<Workspace> same = byEditor.value(place.workspace.editor);
            place.older = same.size() > 1 && CatalogService::activeWorkspace(same) != place.workspace.id;
        }
        std::stable_sort(p.places.begin(), p.places.end(),
                         [](const Place& a, const Place& b) { return a.lastUsed > b.lastUsed; });
    }
    std::stable_sort(result.begin(), result.end(),
                     [](const Project& a, const Project& b) { return a.lastActivity > b.lastActivity; });
    return result;
}

boost::json::object toJson(const TimelineService::Report& report)
{
    boost::json::array gapArray;
    for (const TimelineService::Gap& gap : report.gaps) {
        gapArray.push_back({{"from", json::fromQString(gap.from.toUTC().toString(Qt::ISODate))},
                            {"to", json::fromQString(gap.to.toUTC().toString(Qt::ISODate))},
                            {"days", gap.days}});
    }
    boost::json::array sessions;
    for (const SessionRef& s : report.sessions) {
        sessions.emplace_back(shapes::sessionSummary(s));
    }
    return {{"path", json::fromQString(report.path)},
            {"sessions", std::move(sessions)},
            {"gaps", std::move(gapArray)},
            {"unreadable", report.unreadable}};
}

} // namespace chasm
