// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#include "RegisterService.h"

#include <QDir>
#include <QRegularExpression>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace chasm {

RegisterService::RegisterService(Request request)
    : m_request(std::move(request))
    , m_unmatched(m_request.ids)
{}

EditorGuardService::Request RegisterService::guardRequest() const
{
    return {m_request.scope, m_request.closeEditors, m_request.reopen, m_request.options.dryRun};
}

Result<RegisterService::Report> RegisterService::run(const EditorGuardService::Progress& progress)
{
    auto written = EditorGuardService::run(
        guardRequest(), [this](const Workspace& w) { return write(w); }, progress);
    if (!written) {
        return written.error();
    }
    return Report{std::move(*written), m_unmatched};
}

Result<Registrar::Report> RegisterService::write(const Workspace& w)
{
    const Registrar::Options& options = m_request.options;
    if (m_request.action == Request::Action::Repair) {
        return Registrar::repair(w, options);
    }
    std::optional<Registrar::Report> merged;
    if (m_request.mergeFirst) {
        auto result = m_request.mergeFirst(w);
        if (!result) {
            return result.error();
        }
        merged = std::move(*result);
    }
    auto report = Registrar::registerSessions(w, m_request.ids, m_request.titles, options);
    if (report) {
        // An id is looked for in every workspace of the scope: it must name a session in one of them.
        m_unmatched.removeIf([&report](const QString& id) { return !report->unmatched.contains(id); });
    }
    if (report && merged) {
        // The merge has a recovery point of its own: said among the changes.
        QStringList changes = merged->changes;
        if (!merged->undoCommand.isEmpty()) {
            changes << u"to undo the merge: "_s + merged->undoCommand;
        }
        report->changes = changes + report->changes;
        report->warnings = merged->warnings + report->warnings;
        report->registered += merged->registered;
    }
    return report;
}

QList<Workspace> RegisterService::under(const QList<Workspace>& all, const QString& root, int depth,
                                        const QStringList& exclude)
{
    QList<QRegularExpression> excluded;
    for (const QString& pattern : exclude) {
        excluded << QRegularExpression(
            QRegularExpression::wildcardToRegularExpression(pattern, QRegularExpression::UnanchoredWildcardConversion));
    }
    QList<Workspace> scope = all;
    scope.removeIf([&](const Workspace& w) {
        const QString relative = QDir(root).relativeFilePath(w.projectPath);
        if (w.projectPath.isEmpty() || relative.startsWith(u".."_s) || QDir::isAbsolutePath(relative)) {
            return true;
        }
        const int levels = relative == u"."_s ? 0 : int(relative.count(u'/')) + 1;
        return (depth >= 0 && levels > depth) ||
               std::any_of(excluded.cbegin(), excluded.cend(),
                           [&w](const QRegularExpression& e) { return e.match(w.projectPath).hasMatch(); });
    });
    return scope;
}

boost::json::object toJson(const RegisterService::Report& report)
{
    return toJson(report.written);
}

} // namespace chasm
