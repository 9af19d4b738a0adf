// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#include "MergeService.h"

#include "json/Json.h"
#include "ops/Registrar.h"
#include "services/CatalogService.h"
#include "services/TransferService.h"
#include "vscode/WorkspaceStorage.h"

#include <QFile>
#include <QSet>

#include <boost/json/array.hpp>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace chasm {

Result<QList<SessionRef>> MergeService::select(const Request& request, const Options& options) const
{
    const CatalogService scope(m_catalog, CatalogService::Kept::Listed);
    const QString project = scope.pathOrCwd(request.targetPath);
    const auto matching = [&](const QStringList& patterns) -> Result<QList<Workspace>> {
        auto all = scope.workspaces({});
        if (!all) {
            return all.error();
        }
        QList<Workspace> found;
        for (const Workspace& w : std::as_const(*all)) {
            if (std::any_of(patterns.cbegin(), patterns.cend(),
                            [&w](const QString& pattern) { return CatalogService::workspaceMatches(w, pattern); })) {
                found.append(w);
            }
        }
        if (found.isEmpty()) {
            return Error{u"no workspace matches %1"_s.arg(patterns.value(0)), ErrorKind::NotFound};
        }
        return found;
    };
    // The project's workspaces of every tool, or those matching `workspace`.
    const auto projectScope = [&]() -> Result<QList<Workspace>> {
        if (!request.workspace.isEmpty()) {
            return matching({request.workspace});
        }
        auto all = scope.workspaces({}, project);
        if (!all) {
            return all.error();
        }
        return scope.workspacesForPath(*all, project);
    };
    const auto sessionsOf = [&](const QString& provider, const Result<QList<Workspace>>& workspaces) {
        return workspaces ? scope.sessions(provider, *workspaces) : Result<QList<SessionRef>>(workspaces.error());
    };
    const auto resolved = [](const Result<QList<SessionRef>>& all, const QStringList& ids,
                             QList<SessionRef>& selected) -> std::optional<Error> {
        if (!all) {
            return all.error();
        }
        for (const QString& id : ids) {
            auto session = SessionCatalog::resolveSession(*all, id);
            if (!session) {
                return session.error();
            }
            selected.append(*session);
        }
        return std::nullopt;
    };
    QList<SessionRef> selected;
    switch (request.kind) {
    case Request::Kind::Sessions:
        if (auto error = resolved(sessionsOf({}, scope.workspaces({})), request.names, selected)) {
            return *error;
        }
        break;
    case Request::Kind::Workspaces: {
        auto found = sessionsOf({}, matching(request.names));
        if (!found) {
            return found.error();
        }
        selected = *found;
        break;
    }
    case Request::Kind::Providers:
        for (const QString& name : request.names) {
            if (request.sessions.isEmpty()) {
                auto found = sessionsOf(name, projectScope());
                if (!found) {
                    return found.error();
                }
                selected += *found;
                continue;
            }
            if (auto error = resolved(sessionsOf(name, scope.workspaces(name)), request.sessions, selected)) {
                return *error;
            }
        }
        break;
    case Request::Kind::Project: {
        auto found = sessionsOf({}, projectScope());
        if (!found) {
            return found.error();
        }
        selected = *found;
        break;
    }
    }
    QSet<QString> seen;
    selected.removeIf([&](const SessionRef& s) {
        if (seen.contains(s.id)) {
            return true;
        }
        seen.insert(s.id);
        if (!s.error.isEmpty()) {
            if (options.warning) {
                options.warning(u"left out, as it cannot be read: "_s + s.error);
            }
            return true;
        }
        return false;
    });
    if (selected.isEmpty()) {
        return Error{u"no sessions to merge for %1"_s.arg(project)};
    }
    return selected;
}

Result<MergeService::Report> MergeService::run(const Request& request, const Options& options) const
{
    const auto selected = select(request, options);
    if (!selected) {
        return selected.error();
    }
    const auto target = TransferService(m_catalog).targetWorkspace(request.targetPath, {});
    if (!target) {
        return target.error();
    }
    auto inputs = SessionMerge::inputsOf(m_catalog, *selected);
    if (!inputs) {
        return inputs.error();
    }
    const QString project =
        target->projectPath.isEmpty() ? CatalogService(m_catalog).pathOrCwd(request.targetPath) : target->projectPath;
    auto plan = SessionMerge::plan(*inputs, request.title, project);
    if (!plan) {
        return plan.error();
    }
    const ChatSessionFile::Format format = SessionMerge::formatFor(*target);
    std::optional<Existing> existing = existingMerge(*target, *plan);
    auto written = write(*target, *plan, {}, request.options);
    if (!written) {
        return written.error();
    }
    return Report{std::move(*written), std::move(existing), std::move(*plan), format, request.options.dryRun};
}

MergeService::Preview MergeService::preview(const QList<SessionRef>& sessions, const QStringList& projects,
                                            const QList<Workspace>& targets) const
{
    Preview preview;
    for (const QString& project : projects) {
        if (const auto target = SessionMerge::defaultTarget(m_catalog.workspacesForPath(targets, project))) {
            preview.targetId = target->id;
            break;
        }
    }
    auto inputs = SessionMerge::inputsOf(m_catalog, sessions);
    preview.plan = inputs ? SessionMerge::plan(*inputs, {}, projects.value(0)) : inputs.error();
    return preview;
}

Result<Registrar::Report> MergeService::write(const Workspace& target, const SessionMerge::Plan& plan,
                                              const QString& title, const Registrar::Options& options)
{
    boost::json::value tree = plan.tree;
    if (!title.isEmpty()) {
        tree.as_object()["customTitle"] = json::fromQString(title);
    }
    return Registrar::addSessions(target, {tree}, SessionMerge::formatFor(target), u"merge"_s, options);
}

std::optional<MergeService::Existing> MergeService::existingMerge(const Workspace& target,
                                                                  const SessionMerge::Plan& plan)
{
    const auto sourcesOf = [](const boost::json::value& tree) {
        QStringList sources;
        if (const boost::json::value* chasm = json::find(tree, "chasm")) {
            for (const boost::json::value& id : json::arrayAt(*chasm, "merged_from")) {
                if (id.is_string()) {
                    sources << json::toQString(id.get_string());
                }
            }
        }
        sources.sort();
        return sources;
    };
    const QStringList wanted = sourcesOf(plan.tree);
    if (wanted.isEmpty()) {
        return std::nullopt;
    }
    // A file is read whole only when its bytes name every source: most sessions name none.
    QList<QByteArray> needles{QByteArrayLiteral("\"merged_from\"")};
    for (const QString& id : wanted) {
        needles << id.toUtf8();
    }
    for (const QString& path : WorkspaceStorage::sessionFiles(target.chatSessionsPath)) {
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly) || file.size() == 0) {
            continue;
        }
        const uchar* mapped = file.map(0, file.size());
        const QByteArray read = mapped ? QByteArray() : file.readAll();
        const QByteArrayView haystack = mapped ? QByteArrayView(mapped, file.size()) : QByteArrayView(read);
        if (!std::all_of(needles.cbegin(), needles.cend(),
                         [&haystack](const QByteArray& needle) { return haystack.contains(needle); })) {
            continue;
        }
        const auto contents = ChatSessionFile::read(path);
        if (contents && sourcesOf(contents->tree) == wanted) {
            return Existing{json::string(contents->tree, "sessionId"), json::string(contents->tree, "customTitle"),
                            path};
        }
    }
    return std::nullopt;
}

Result<Registrar::Report> MergeService::mergeWorkspace(const Workspace& workspace,
                                                       const Registrar::Options& options) const
{
    auto refs = CatalogService(m_catalog).sessions({}, {workspace});
    if (!refs) {
        return refs.error();
    }
    refs->removeIf([](const SessionRef& s) { return !s.error.isEmpty(); });
    if (refs->size() < 2) {
        Registrar::Report nothing;
        nothing.warnings << u"%1 holds fewer than two readable sessions: nothing to merge"_s.arg(workspace.storagePath);
        return nothing;
    }
    auto inputs = SessionMerge::inputsOf(m_catalog, *refs);
    if (!inputs) {
        return inputs.error();
    }
    auto plan = SessionMerge::plan(*inputs, {}, workspace.projectPath);
    if (!plan) {
        return plan.error();
    }
    return write(workspace, *plan, {}, options);
}

boost::json::object toJson(const MergeService::Report& report)
{
    const SessionMerge::Plan& plan = report.plan;
    boost::json::object shape = toJson(report.written);
    boost::json::array notCarried;
    for (const QString& item : plan.notCarried) {
        notCarried.push_back(json::fromQString(item));
    }
    boost::json::array keptComplete, keptBoth;
    for (const SessionMerge::Plan::Conflict& c : plan.conflicts) {
        if (c.newRequestId.isEmpty()) {
            keptComplete.push_back(boost::json::object{{"request_id", json::fromQString(c.requestId)},
                                                       {"kept_from", json::fromQString(c.keptFrom)},
                                                       {"left_out_from", json::fromQString(c.otherFrom)}});
        } else {
            keptBoth.push_back(boost::json::object{{"request_id", json::fromQString(c.requestId)},
                                                   {"kept_from", json::fromQString(c.keptFrom)},
                                                   {"new_request_id", json::fromQString(c.newRequestId)},
                                                   {"renamed_from", json::fromQString(c.otherFrom)}});
        }
    }
    shape["dry_run"] = report.dryRun;
    shape["session_id"] = json::fromQString(plan.sessionId);
    shape["title"] = json::fromQString(plan.title);
    shape["format"] = json::fromQString(ChatSessionFile::formatName(report.format));
    shape["sessions"] = plan.sessions;
    shape["requests"] = plan.requests;
    shape["duplicates"] = plan.duplicates;
    shape["first"] = json::fromQString(plan.first.toString(Qt::ISODate));
    shape["last"] = json::fromQString(plan.last.toString(Qt::ISODate));
    shape["not_carried"] = std::move(notCarried);
    shape["kept_complete"] = std::move(keptComplete);
    shape["kept_both"] = std::move(keptBoth);
    if (report.existing) {
        shape["existing_merge"] = boost::json::object{{"session_id", json::fromQString(report.existing->sessionId)},
                                                      {"title", json::fromQString(report.existing->title)},
                                                      {"path", json::fromQString(report.existing->path)}};
    } else {
        shape["existing_merge"] = nullptr;
    }
    return shape;
}

} // namespace chasm
