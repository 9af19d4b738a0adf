// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#include "Commands.h"
#include "services/MergeService.h"

using namespace Qt::StringLiterals;

namespace chasm::cli {

namespace {

QStringList strings(const std::vector<std::string>& items)
{
    QStringList list;
    for (const std::string& item : items) {
        list << q(item);
    }
    return list;
}

MergeService::Request mergeRequest(const Commands::MergeRequest& request)
{
    using Kind = MergeService::Request::Kind;
    MergeService::Request merging;
    switch (request.kind) {
    case Commands::MergeRequest::Kind::Sessions:
        merging.kind = Kind::Sessions;
        break;
    case Commands::MergeRequest::Kind::Workspaces:
        merging.kind = Kind::Workspaces;
        break;
    case Commands::MergeRequest::Kind::Providers:
        merging.kind = Kind::Providers;
        break;
    case Commands::MergeRequest::Kind::Project:
        merging.kind = Kind::Project;
        break;
    }
    merging.names = strings(request.names);
    merging.sessions = strings(request.sessions);
    merging.workspace = q(request.workspace);
    merging.title = q(request.title);
    merging.targetPath = q(request.targetPath);
    merging.options = request.options;
    return merging;
}

} // namespace

QList<SessionRef> Commands::mergeSelection(const MergeRequest& request) const
{
    MergeService::Options options;
    options.warning = [this](const QString& warning) { m_o.warn(warning); };
    return take(MergeService(m_catalog).select(mergeRequest(request), options));
}

Result<Registrar::Report> Commands::mergeWorkspace(const Workspace& workspace, const Registrar::Options& options) const
{
    return MergeService(m_catalog).mergeWorkspace(workspace, options);
}

void Commands::merge(const MergeRequest& request) const
{
    MergeService::Options options;
    options.warning = [this](const QString& warning) { m_o.warn(warning); };
    const MergeService::Report merged = take(MergeService(m_catalog).run(mergeRequest(request), options));
    if (m_o.json) {
        m_o.print(toJson(merged));
        return;
    }
    const SessionMerge::Plan& plan = merged.plan;
    printReport(merged.written);
    m_o.line(u"%1\"%2\": %3 request(s) from %4 session(s), %5 duplicate(s) left out"_s
                 .arg(merged.dryRun ? u"Dry run, nothing was written: "_s : QString(), plan.title)
                 .arg(plan.requests)
                 .arg(plan.sessions)
                 .arg(plan.duplicates));
    for (const SessionMerge::Plan::Conflict& c : plan.conflicts) {
        m_o.line(c.newRequestId.isEmpty()
                     ? u"  request %1: kept the complete copy of %2, left out the cut-off one of %3"_s.arg(
                           c.requestId, c.keptFrom, c.otherFrom)
                     : u"  request %1 of %2 differs from the one of %3: both kept, it as %4"_s.arg(
                           c.requestId, c.otherFrom, c.keptFrom, c.newRequestId));
    }
    for (const QString& item : plan.notCarried) {
        m_o.line(u"  not carried over: "_s + item);
    }
    if (merged.existing) {
        m_o.line(u"  note: the workspace holds the same merge already, \"%1\" (%2): this is a second copy"_s.arg(
            merged.existing->title, merged.existing->path));
    }
}

} // namespace chasm::cli
