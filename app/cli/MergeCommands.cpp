#include "Commands.h"
#include "json/Json.h"
#include "ops/SessionMerge.h"

#include <algorithm>

using namespace Qt::StringLiterals;

namespace chasm::cli {

QList<SessionRef> Commands::mergeSelection(const MergeRequest& request) const
{
    const QString project = pathOrCwd(request.targetPath);
    const auto matching = [&](const std::vector<std::string>& patterns) {
        QList<Workspace> found;
        for (const Workspace& w : workspaces({})) {
            if (std::any_of(patterns.cbegin(), patterns.cend(),
                            [&w](const std::string& pattern) { return workspaceMatches(w, pattern); })) {
                found.append(w);
            }
        }
        if (found.isEmpty()) {
            throw CommandError{u"no workspace matches %1"_s.arg(q(patterns.front()))};
        }
        return found;
    };
    // The project's workspaces of every tool, or those matching --workspace.
    const auto scope = [&]() -> QList<Workspace> {
        if (!request.workspace.empty()) {
            return matching({request.workspace});
        }
        return workspacesForPath(workspaces({}, project), project);
    };
    QList<SessionRef> selected;
    switch (request.kind) {
    case MergeRequest::Kind::Sessions: {
        const QList<SessionRef> all = sessions({}, workspaces({}));
        for (const std::string& id : request.names) {
            selected.append(take(SessionCatalog::resolveSession(all, q(id))));
        }
        break;
    }
    case MergeRequest::Kind::Workspaces:
        selected = sessions({}, matching(request.names));
        break;
    case MergeRequest::Kind::Providers:
        for (const std::string& name : request.names) {
            if (request.sessions.empty()) {
                selected += sessions(name, scope());
                continue;
            }
            const QList<SessionRef> all = sessions(name, workspaces(name));
            for (const std::string& id : request.sessions) {
                selected.append(take(SessionCatalog::resolveSession(all, q(id))));
            }
        }
        break;
    case MergeRequest::Kind::Project:
        selected = sessions({}, scope());
        break;
    }
    QSet<QString> seen;
    selected.removeIf([&](const SessionRef& s) {
        if (seen.contains(s.id)) {
            return true;
        }
        seen.insert(s.id);
        if (!s.error.isEmpty()) {
            m_o.err << "warning: left out, as it cannot be read: " << s.error.toStdString() << '\n';
            return true;
        }
        return false;
    });
    if (selected.isEmpty()) {
        throw CommandError{u"no sessions to merge for %1"_s.arg(project)};
    }
    return selected;
}

Result<Registrar::Report> Commands::mergeWorkspace(const Workspace& workspace, const Registrar::Options& options) const
{
    QList<SessionRef> refs = sessions({}, {workspace});
    refs.removeIf([](const SessionRef& s) { return !s.error.isEmpty(); });
    if (refs.size() < 2) {
        Registrar::Report nothing;
        nothing.warnings << u"%1 holds fewer than two readable sessions: nothing to merge"_s.arg(workspace.storagePath);
        return nothing;
    }
    auto plan = SessionMerge::plan(take(SessionMerge::inputsOf(m_catalog, refs)), {}, workspace.projectPath);
    if (!plan) {
        return plan.error();
    }
    return Registrar::addSessions(workspace, {plan->tree}, SessionMerge::formatFor(workspace), u"merge"_s, options);
}

void Commands::merge(const MergeRequest& request) const
{
    const QList<SessionRef> selected = mergeSelection(request);
    const Workspace target = targetWorkspace(request.targetPath, {});
    const SessionMerge::Plan plan =
        take(SessionMerge::plan(take(SessionMerge::inputsOf(m_catalog, selected)), q(request.title),
                                target.projectPath.isEmpty() ? pathOrCwd(request.targetPath) : target.projectPath));
    const ChatSessionFile::Format format = SessionMerge::formatFor(target);
    const Registrar::Report report =
        take(Registrar::addSessions(target, {plan.tree}, format, u"merge"_s, request.options));
    if (m_o.json) {
        boost::json::object shape = reportJson(report);
        boost::json::array notCarried;
        for (const QString& item : plan.notCarried) {
            notCarried.push_back(json::fromQString(item));
        }
        shape["dry_run"] = request.options.dryRun;
        shape["session_id"] = json::fromQString(plan.sessionId);
        shape["title"] = json::fromQString(plan.title);
        shape["format"] = json::fromQString(ChatSessionFile::formatName(format));
        shape["sessions"] = plan.sessions;
        shape["requests"] = plan.requests;
        shape["duplicates"] = plan.duplicates;
        shape["first"] = json::fromQString(plan.first.toString(Qt::ISODate));
        shape["last"] = json::fromQString(plan.last.toString(Qt::ISODate));
        shape["not_carried"] = std::move(notCarried);
        m_o.print(shape);
        return;
    }
    printReport(report);
    m_o.line(u"%1\"%2\": %3 request(s) from %4 session(s), %5 duplicate(s) left out"_s
                 .arg(request.options.dryRun ? u"Dry run, nothing was written: "_s : QString(), plan.title)
                 .arg(plan.requests)
                 .arg(plan.sessions)
                 .arg(plan.duplicates));
    for (const QString& item : plan.notCarried) {
        m_o.line(u"  not carried over: "_s + item);
    }
}

} // namespace chasm::cli
