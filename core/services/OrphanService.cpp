// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#include "OrphanService.h"

#include "json/Json.h"
#include "model/ModelJson.h"
#include "ops/RecoveryScan.h"
#include "vscode/SessionIndex.h"

#include <QFileInfo>
#include <QSet>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace chasm {

namespace {

QString fixOf(const QString& reason, const Workspace& workspace)
{
    if (reason == u"folder_gone"_s) {
        return u"chasm move path \"%1\" NEW_PATH (or chasm fetch workspace %2 --target-path PROJECT)"_s.arg(
            workspace.projectPath, workspace.hash);
    }
    if (reason == u"older_workspace"_s) {
        return u"chasm fetch path \"%1\""_s.arg(workspace.projectPath);
    }
    return workspace.projectPath.isEmpty() ? u"chasm register all --all"_s
                                           : u"chasm register all --path \"%1\""_s.arg(workspace.projectPath);
}

} // namespace

QList<OrphanService::WorkspaceIndex> OrphanService::inspectIndexes(const QList<Workspace>& scope) const
{
    QList<WorkspaceIndex> result;
    for (const Workspace& workspace : scope) {
        result.append(inspectIndex(workspace, m_catalog.sessions({}, {workspace}).value()));
    }
    return result;
}

OrphanService::WorkspaceIndex OrphanService::inspectIndex(const Workspace& workspace, const QList<SessionRef>& files)
{
    WorkspaceIndex item{workspace, files, {}, {}};
    SessionIndex::Inspection inspection = SessionIndex::inspect(workspace.stateDatabasePath, item.files);
    item.entries = std::move(inspection.entries);
    item.error = std::move(inspection.error);
    return item;
}

void OrphanService::countOrphans(QList<Workspace>& workspaces, const QList<SessionRef>& sessions)
{
    // The recovery assistant's findings are the one source: a badge counts what it offers to register into the
    // workspace's index, a workspace without an index (no state database) included, nothing where an index
    // cannot be read.
    SessionIndex::countOrphans(workspaces, sessions);
    QList<Workspace> scope = workspaces; // as the assistant's scan takes them (CatalogService::editorWorkspaces)
    scope.removeIf([](const Workspace& w) {
        return w.editor.isEmpty() || (!w.hasChatSessions && !QFileInfo::exists(w.stateDatabasePath));
    });
    QHash<QString, int> missing;
    for (const RecoveryFinding& f : RecoveryScan::scan(scope, sessions, false)) {
        if (f.kind == RecoveryFinding::Kind::NotInIndex) {
            missing[f.target.id] += int(f.items.size());
        }
    }
    QSet<QString> withFiles;
    for (const SessionRef& s : sessions) {
        withFiles.insert(s.workspaceId);
    }
    for (Workspace& w : workspaces) {
        if (w.editor.isEmpty() || w.storagePath.isEmpty() || !withFiles.contains(w.id)) {
            continue;
        }
        if (missing.contains(w.id)) {
            w.orphanCount = missing.value(w.id);
        } else if (w.orphanCount > 0 || !QFileInfo::exists(w.stateDatabasePath)) {
            w.orphanCount = 0; // the assistant offers nothing for it (empty sessions, or an older workspace)
        }
    }
}

Result<OrphanService::IndexReport> OrphanService::showIndex(const IndexRequest& request) const
{
    IndexReport report{m_catalog.pathOrCwd(request.path), m_catalog.editorWorkspaces(request.path, request.all), {}};
    report.indexes = inspectIndexes(report.scope);
    return report;
}

Result<OrphanService::UnindexedReport> OrphanService::listUnindexed(const IndexRequest& request) const
{
    UnindexedReport report{
        m_catalog.pathOrCwd(request.path), m_catalog.editorWorkspaces(request.path, request.all), {}, {}};
    for (const WorkspaceIndex& index : inspectIndexes(report.scope)) {
        if (!index.error.isEmpty()) {
            report.unreadableIndexes << index.error;
        }
        for (const IndexEntry& entry : index.entries) {
            const bool orphan = std::any_of(entry.problems.cbegin(), entry.problems.cend(),
                                            [](const IndexProblem& p) { return p.code == u"not_in_index"_s; });
            const auto file = std::find_if(index.files.cbegin(), index.files.cend(),
                                           [&entry](const SessionRef& s) { return s.path == entry.file; });
            if (orphan && file != index.files.cend()) {
                report.orphans.append(*file);
            }
        }
    }
    return report;
}

Result<OrphanService::Report> OrphanService::orphans(const Request& request) const
{
    const QList<Workspace> scope = m_catalog.editorFamily(request.provider);
    const QList<SessionRef> files = m_catalog.sessions({}, scope).value();
    Report report{{}, request.unindexed, request.verify};
    QSet<QString> listed;
    const auto add = [&](const QString& path, const QString& reason) {
        const auto session =
            std::find_if(files.cbegin(), files.cend(), [&path](const SessionRef& s) { return s.path == path; });
        if (session == files.cend() || listed.contains(path)) {
            return;
        }
        const auto workspace = std::find_if(scope.cbegin(), scope.cend(),
                                            [&session](const Workspace& w) { return w.id == session->workspaceId; });
        if (workspace != scope.cend()) {
            listed.insert(path);
            report.orphans.append({*session, *workspace, reason, fixOf(reason, *workspace), std::nullopt});
        }
    };
    // A workspace whose local folder is gone: the editor opens it only if the folder comes back.
    for (const Workspace& w : scope) {
        if ((w.kind == Workspace::Kind::Folder || w.kind == Workspace::Kind::MultiRoot) && !w.projectPath.isEmpty() &&
            !QFileInfo::exists(w.projectPath)) {
            for (const SessionRef& session : files) {
                if (session.workspaceId == w.id) {
                    add(session.path, u"folder_gone"_s);
                }
            }
        }
    }
    for (const RecoveryFinding& f : RecoveryScan::scan(scope, files, false)) {
        if (f.kind == RecoveryFinding::Kind::OlderWorkspace ||
            (request.unindexed && f.kind == RecoveryFinding::Kind::NotInIndex)) {
            for (const RecoveryFinding::Item& item : f.items) {
                add(item.path,
                    f.kind == RecoveryFinding::Kind::OlderWorkspace ? u"older_workspace"_s : u"not_in_index"_s);
            }
        }
    }
    if (request.verify) {
        for (Orphan& o : report.orphans) {
            o.check = SessionFileRecovery::detect(o.session.path);
        }
    }
    return report;
}

boost::json::array toJson(const OrphanService::IndexReport& report)
{
    boost::json::array array;
    for (const OrphanService::WorkspaceIndex& index : report.indexes) {
        boost::json::object o;
        o["workspace"] = shapes::workspace(index.workspace);
        o["database"] = json::fromQString(index.workspace.stateDatabasePath);
        o["error"] =
            index.error.isEmpty() ? boost::json::value(nullptr) : boost::json::value(json::fromQString(index.error));
        boost::json::array entries;
        for (const IndexEntry& entry : index.entries) {
            entries.emplace_back(shapes::indexEntry(entry));
        }
        o["entries"] = std::move(entries);
        array.emplace_back(std::move(o));
    }
    return array;
}

boost::json::array toJson(const OrphanService::UnindexedReport& report)
{
    return toJson(report.orphans);
}

boost::json::array toJson(const OrphanService::Report& report)
{
    boost::json::array result;
    for (const OrphanService::Orphan& o : report.orphans) {
        boost::json::object item{{"id", json::fromQString(o.session.nativeId)},
                                 {"title", json::fromQString(o.session.title)},
                                 {"path", json::fromQString(o.session.path)},
                                 {"size_bytes", o.session.sizeBytes},
                                 {"updated_at", o.session.updatedAt.isValid()
                                                    ? boost::json::value(json::fromQString(
                                                          o.session.updatedAt.toUTC().toString(Qt::ISODate)))
                                                    : boost::json::value(nullptr)},
                                 {"editor", json::fromQString(o.workspace.editor)},
                                 {"workspace", json::fromQString(o.workspace.storagePath)},
                                 {"project", json::fromQString(o.workspace.projectPath)},
                                 {"reason", json::fromQString(o.reason)},
                                 {"fix", json::fromQString(o.fix)}};
        if (report.verify && o.check) {
            const SessionFileRecovery::Detection& d = *o.check;
            item["verified"] = {{"readable", d.error.isEmpty()},
                                {"requests", d.requests},
                                {"error", d.error.isEmpty() ? boost::json::value(nullptr)
                                                            : boost::json::value(json::fromQString(d.error))}};
        }
        result.push_back(std::move(item));
    }
    return result;
}

Result<OrphanService::OrphanedWorkspacesReport> OrphanService::orphanedWorkspaces(const QString& path) const
{
    const QString project = m_catalog.pathOrCwd(path);
    return OrphanedWorkspacesReport{project, Registrar::findOrphanedWorkspaces(m_catalog.workspacesForPath(
                                                 m_catalog.workspaces({}).value(), project))};
}

Result<Registrar::Report> OrphanService::recoverInto(const OrphanedWorkspacesReport& report, const Workspace& workspace,
                                                     const Registrar::Options& options)
{
    for (const Registrar::ProjectWorkspaces& p : report.found) {
        if (p.active.id == workspace.id) {
            QStringList files;
            for (const auto& other : p.others) {
                files += other.missing;
            }
            return Registrar::adopt(workspace, files, options);
        }
    }
    Registrar::Report nothing;
    nothing.workspace = workspace.projectPath;
    nothing.editor = workspace.editor;
    return nothing;
}

boost::json::array toJson(const OrphanService::OrphanedWorkspacesReport& report)
{
    const auto hashOf = [](const Workspace& w) {
        return boost::json::object{{"hash", json::fromQString(w.hash)},
                                   {"storage", json::fromQString(w.storagePath)},
                                   {"sessions", w.sessionCount}};
    };
    boost::json::array result;
    for (const Registrar::ProjectWorkspaces& p : report.found) {
        boost::json::array others;
        for (const auto& other : p.others) {
            boost::json::object o = hashOf(other.workspace);
            boost::json::array missing;
            for (const QString& file : other.missing) {
                missing.push_back(json::fromQString(file));
            }
            o["missing"] = std::move(missing);
            others.push_back(std::move(o));
        }
        result.push_back({{"editor", json::fromQString(p.active.editor)},
                          {"project_path", json::fromQString(report.project)},
                          {"active", hashOf(p.active)},
                          {"others", std::move(others)}});
    }
    return result;
}

} // namespace chasm
