// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#include "TransferService.h"

#include "export/SessionExport.h"
#include "json/Json.h"
#include "ops/ProjectMove.h"
#include "ops/SessionFileRecovery.h"
#include "ops/SessionMerge.h"
#include "ops/Registrar.h"
#include "services/CatalogService.h"
#include "vscode/ChatSessionFile.h"
#include "vscode/WorkspaceStorage.h"

#include <QFileInfo>
#include <QSet>

#include <boost/json/array.hpp>

using namespace Qt::StringLiterals;

namespace chasm {

namespace {

// What bringing `offered` sessions in did; nothing brought in, and not because it was there already, is a
// failure rather than a quiet success.
Result<TransferService::Report> brought(Registrar::Report written, qsizetype offered, const QString& verb, bool dryRun)
{
    if (written.copied == 0 && written.unreadable > 0) {
        return Error{u"nothing was %1: %2"_s.arg(verb, written.warnings.join(u"; "_s))};
    }
    return TransferService::Report{std::move(written), offered, verb, dryRun};
}

} // namespace

Result<Workspace> TransferService::targetWorkspace(const QString& targetPath, const QString& editor) const
{
    const CatalogService scope(m_catalog);
    const QString project = scope.pathOrCwd(targetPath);
    auto all = scope.workspaces({});
    if (!all) {
        return all.error();
    }
    const auto target = SessionMerge::defaultTarget(scope.workspacesForPath(*all, project), editor);
    if (!target) {
        return Error{u"no %1workspace is known for %2: open the folder in the editor once, then try again"_s.arg(
                         editor.isEmpty() ? QString() : editor + u' ', project),
                     ErrorKind::NotFound};
    }
    return *target;
}

Result<Workspace> TransferService::targetOf(const QString& hash, const QString& targetPath, const QString& editor) const
{
    if (hash.isEmpty()) {
        return targetWorkspace(targetPath, editor);
    }
    return SessionCatalog::resolveWorkspace(CatalogService(m_catalog).editorWorkspaces({}, true), hash);
}

Result<TransferService::Report> TransferService::bringInto(const Workspace& target, const QStringList& files,
                                                           const Registrar::Options& options,
                                                           const QList<Workspace>& sources)
{
    if (files.isEmpty()) {
        return Error{u"no session files to bring in"_s};
    }
    auto written = Registrar::move(target, sources, files, options);
    if (!written) {
        return written.error();
    }
    return brought(std::move(*written), files.size(), sources.isEmpty() ? u"brought in"_s : u"moved"_s, options.dryRun);
}

Result<TransferService::Report> TransferService::fetchSessions(const FetchRequest& request) const
{
    const CatalogService scope(m_catalog);
    const auto target = targetWorkspace(request.targetPath, request.editor);
    if (!target) {
        return target.error();
    }
    QList<Workspace> sources = scope.editorWorkspaces({}, true);
    sources.removeIf([&target](const Workspace& w) { return w.id == target->id; });
    const auto all = scope.sessions({}, sources);
    if (!all) {
        return all.error();
    }
    QStringList files;
    for (const QString& id : request.ids) {
        const auto session = SessionCatalog::resolveSession(*all, id);
        if (!session) {
            return session.error();
        }
        files << session->path;
    }
    return bringInto(*target, files, request.options, request.move ? sources : QList<Workspace>());
}

Result<TransferService::Report> TransferService::fetchWorkspace(const FetchWorkspaceRequest& request) const
{
    const auto target = targetWorkspace(request.targetPath, request.editor);
    if (!target) {
        return target.error();
    }
    QStringList files;
    int matched = 0;
    for (const Workspace& w : CatalogService(m_catalog).editorWorkspaces({}, true)) {
        if (CatalogService::workspaceMatches(w, request.pattern) && w.id != target->id) {
            ++matched;
            files += WorkspaceStorage::sessionFiles(w.chatSessionsPath);
        }
    }
    if (matched == 0) {
        return Error{u"no other editor workspace matches %1"_s.arg(request.pattern)};
    }
    return bringInto(*target, files, request.options);
}

Result<TransferService::Report> TransferService::importSessions(const ImportRequest& request) const
{
    const auto target = targetOf(request.hash, request.targetPath, request.editor);
    if (!target) {
        return target.error();
    }
    const CatalogService scope(m_catalog);
    QStringList files;
    // The sessions of state databases, and of Chasm's json exports (converted, like a merge converts).
    QList<boost::json::value> stored;
    QStringList notCarried, empty;
    for (const QString& path : request.paths) {
        const QString file = scope.pathOrCwd(path);
        if (SessionExport::isJsonExport(file)) {
            auto sessions = SessionExport::readJson(file);
            if (!sessions) {
                return sessions.error();
            }
            for (const Session& session : std::as_const(*sessions)) {
                auto converted = SessionMerge::imported(session);
                if (!converted) {
                    empty << converted.error().message;
                    continue;
                }
                stored.append(std::move(converted->tree));
                for (const QString& what : std::as_const(converted->notCarried)) {
                    notCarried << u"not carried over from %1: %2"_s.arg(session.id, what);
                }
            }
        } else if (ChatSessionFile::formatOf(file)) {
            files << file;
        } else {
            auto sessions = SessionFileRecovery::sessionsInStateDatabase(file);
            if (!sessions) {
                return sessions.error();
            }
            stored.append(*sessions);
        }
    }
    if (files.isEmpty() && stored.isEmpty() && !empty.isEmpty()) {
        return Error{empty.join(u"; "_s)};
    }
    if (stored.isEmpty()) {
        // Another session under a taken id comes in under a new one.
        Registrar::Options importing = request.options;
        importing.newIdOnCollision = true;
        return bringInto(*target, files, importing);
    }
    if (!files.isEmpty()) {
        return Error{
            u"import sessions takes editor session files, or state databases and Chasm exports, not both at once"_s};
    }
    // A session under a taken id is an old copy of the workspace's, or imported before: left out.
    auto written =
        Registrar::addSessions(*target, stored, SessionMerge::formatFor(*target), u"import"_s, request.options);
    if (!written) {
        return written.error();
    }
    written->warnings << empty << notCarried;
    return brought(std::move(*written), stored.size(), u"brought in"_s, request.options.dryRun);
}

Result<TransferService::Report> TransferService::importFromProvider(const ProviderImportRequest& request) const
{
    const auto target = targetWorkspace(request.targetPath, request.editor);
    if (!target) {
        return target.error();
    }
    const CatalogService scope(m_catalog, CatalogService::Kept::Listed);
    if (auto providers = scope.providers(request.provider); !providers) {
        return providers.error();
    } else if (providers->size() != 1) {
        return Error{u"name one tool to import from (--from), not every one"_s, ErrorKind::Invalid};
    }
    // Every project's sessions when one is named, else the project's.
    const QString project = request.session.isEmpty() ? scope.pathOrCwd(request.targetPath) : QString();
    auto listed = scope.listSessions({project, request.provider});
    if (!listed) {
        return listed.error();
    }
    listed->removeIf([&target](const SessionRef& s) { return s.workspaceId == target->id; });
    if (!request.session.isEmpty()) {
        auto one = SessionCatalog::resolveSession(*listed, request.session);
        if (!one) {
            return one.error();
        }
        *listed = {*one};
    }
    if (listed->isEmpty()) {
        return Error{u"%1 keeps no session of %2 to import"_s.arg(request.provider, project), ErrorKind::NotFound};
    }
    // VS Code-family sessions go over as their files, byte for byte, as fetch takes them.
    QSet<QString> editorWorkspaces;
    for (const Workspace& w : scope.editorWorkspaces({}, true)) {
        editorWorkspaces.insert(w.id);
    }
    QStringList files;
    QList<boost::json::value> stored;
    QStringList warnings;
    for (const SessionRef& ref : std::as_const(*listed)) {
        if (!ref.error.isEmpty()) {
            warnings << u"not imported: %1: %2"_s.arg(ref.id, ref.error);
            continue;
        }
        if (editorWorkspaces.contains(ref.workspaceId)) {
            files << ref.path;
            continue;
        }
        auto session = m_catalog.load(ref);
        auto converted = session ? SessionMerge::imported(*session) : Result<SessionMerge::Plan>(session.error());
        if (!converted) {
            warnings << u"not imported: %1: %2"_s.arg(ref.id, converted.error().message);
            continue;
        }
        stored.append(std::move(converted->tree));
        for (const QString& what : std::as_const(converted->notCarried)) {
            warnings << u"not carried over from %1: %2"_s.arg(ref.id, what);
        }
    }
    if (!files.isEmpty()) {
        Registrar::Options importing = request.options;
        importing.newIdOnCollision = true;
        auto report = bringInto(*target, files, importing);
        if (report) {
            report->written.warnings << warnings;
        }
        return report;
    }
    if (stored.isEmpty()) {
        return Error{warnings.join(u"; "_s)};
    }
    // A session imported before is under the same id: left out.
    auto written =
        Registrar::addSessions(*target, stored, SessionMerge::formatFor(*target), u"import"_s, request.options);
    if (!written) {
        return written.error();
    }
    written->warnings << warnings;
    return brought(std::move(*written), listed->size(), u"brought in"_s, request.options.dryRun);
}

Result<TransferService::Report> TransferService::importFolder(const ImportFolderRequest& request) const
{
    const QString folder = CatalogService(m_catalog).pathOrCwd(request.source);
    if (!QFileInfo(folder).isDir()) {
        return Error{u"%1 is not a folder"_s.arg(folder)};
    }
    // A copied workspace folder holds its sessions in chatSessions/.
    const QString sessionsFolder =
        QFileInfo(folder + u"/chatSessions"_s).isDir() ? folder + u"/chatSessions"_s : folder;
    const QStringList files = WorkspaceStorage::sessionFiles(sessionsFolder);
    if (files.isEmpty()) {
        return Error{u"no session files (.json, .jsonl) in %1"_s.arg(sessionsFolder)};
    }
    const auto target = targetOf(request.hash, request.targetPath, request.editor);
    if (!target) {
        return target.error();
    }
    Registrar::Options importing = request.options;
    importing.newIdOnCollision = true;
    return bringInto(*target, files, importing);
}

Result<TransferService::Report> TransferService::moveWorkspace(const MoveWorkspaceRequest& request) const
{
    const QList<Workspace> scope = CatalogService(m_catalog).editorWorkspaces({}, true);
    const auto from = SessionCatalog::resolveWorkspace(scope, request.source);
    if (!from) {
        return from.error();
    }
    // The target: a workspace (hash, unique prefix or name), else a project path.
    auto named = SessionCatalog::resolveWorkspace(scope, request.target);
    const auto to = named ? named : targetWorkspace(request.target, from->editor);
    if (!to) {
        return to.error();
    }
    if (to->id == from->id) {
        return Error{u"%1 is the workspace the sessions are in already"_s.arg(to->storagePath)};
    }
    return bringInto(*to, WorkspaceStorage::sessionFiles(from->chatSessionsPath), request.options, {*from});
}

Result<TransferService::MovePathReport> TransferService::movePath(const MovePathRequest& request) const
{
    auto reports = ProjectMove::move(m_catalog, request.from, request.to, request.options);
    if (!reports) {
        return reports.error();
    }
    return MovePathReport{std::move(*reports), request.options.dryRun};
}

boost::json::object toJson(const TransferService::Report& report)
{
    boost::json::object shape = toJson(report.written);
    shape["dry_run"] = report.dryRun;
    return shape;
}

boost::json::object toJson(const TransferService::MovePathReport& report)
{
    boost::json::array shapes;
    for (const Registrar::Report& workspace : report.workspaces) {
        shapes.push_back(toJson(workspace));
    }
    return boost::json::object{{"dry_run", report.dryRun}, {"workspaces", std::move(shapes)}};
}

} // namespace chasm
