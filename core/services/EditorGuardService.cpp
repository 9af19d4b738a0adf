// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#include "EditorGuardService.h"

#include "vscode/EditorProcess.h"

#include <algorithm>

using namespace Qt::StringLiterals;

namespace chasm {

QList<Editor> EditorGuardService::editorsOf(const QList<Workspace>& workspaces)
{
    QList<Editor> editors;
    for (const Workspace& w : workspaces) {
        if (const auto editor = editorById(w.editor); editor && !editors.contains(*editor)) {
            editors.append(*editor);
        }
    }
    return editors;
}

QList<Editor> EditorGuardService::running(const QList<Editor>& editors)
{
    return EditorProcess::mayBeRunning(editors);
}

QStringList EditorGuardService::close(const QList<Editor>& editors)
{
    QStringList errors;
    for (Editor editor : editors) {
        if (auto error = EditorProcess::close(editor, closeTimeout)) {
            errors << error->message;
        }
    }
    return errors;
}

QStringList EditorGuardService::reopen(const QList<Editor>& editors, const QList<Workspace>& workspaces)
{
    QStringList errors;
    for (Editor editor : editors) {
        const auto first = std::find_if(workspaces.cbegin(), workspaces.cend(),
                                        [editor](const Workspace& w) { return w.editor == editorInfo(editor).id; });
        if (first == workspaces.cend()) {
            continue;
        }
        if (auto error = EditorProcess::open(editor, first->projectPath)) {
            errors << error->message;
        }
    }
    return errors;
}

Result<EditorGuardService::Report> EditorGuardService::run(const Request& request, const Write& write,
                                                           const Progress& progress)
{
    QList<Editor> closed;
    if ((request.closeEditors || request.reopen) && !request.dryRun) {
        for (Editor editor : running(editorsOf(request.scope))) {
            if (progress.closing) {
                progress.closing(editor);
            }
            if (auto error = EditorProcess::close(editor, closeTimeout)) {
                return *error;
            }
            closed.append(editor);
        }
    }
    Report report;
    report.dryRun = request.dryRun;
    report.workspaces = int(request.scope.size());
    for (const Workspace& w : request.scope) {
        const auto written = write(w);
        if (progress.written) {
            progress.written(w, written);
        }
        if (!written) {
            report.failures << written.error().message;
            continue;
        }
        report.registered += written->registered;
        report.repaired += written->repaired;
        report.reports.append(*written);
    }
    if (request.reopen) {
        report.reopenErrors = reopen(closed, request.scope);
    }
    return report;
}

boost::json::object toJson(const EditorGuardService::Report& report)
{
    boost::json::array reports;
    for (const Registrar::Report& each : report.reports) {
        reports.push_back(toJson(each));
    }
    return {{"dry_run", report.dryRun}, {"workspaces", std::move(reports)}};
}

} // namespace chasm
