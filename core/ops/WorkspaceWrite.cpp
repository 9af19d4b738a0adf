// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#include "WorkspaceWrite.h"

#include "vscode/EditorProcess.h"
#include "vscode/WorkspaceStorage.h"

#include <QFileInfo>

using namespace Qt::StringLiterals;

namespace chasm {

bool WorkspaceWrite::SessionFile::unchangedOnDisk() const
{
    const QFileInfo now(path);
    return now.size() == size && now.lastModified().toMSecsSinceEpoch() == modified;
}

WorkspaceWrite::Scope WorkspaceWrite::of(const Workspace& workspace, const QString& operation)
{
    return {operation, Registrar::recoveryFolder(workspace), scopeOf(workspace), {workspace}};
}

Result<Registrar::Report> WorkspaceWrite::run(const Scope& scope, Registrar::Report report,
                                              const Registrar::Options& options, const Work& work)
{
    for (const Workspace& workspace : scope.guarded) {
        if (auto error = checkEditor(workspace, options, report.warnings)) {
            return *error;
        }
    }
    FileTransaction transaction(scope.operation, scope.recoveryFolder, options.dryRun, scope.folders);
    if (auto error = work(transaction, report)) {
        return *error;
    }
    return Registrar::finish(transaction, std::move(report));
}

Result<Registrar::Report> WorkspaceWrite::run(const Workspace& workspace, const QString& operation,
                                              const Registrar::Options& options, const Work& work)
{
    return run(of(workspace, operation), reportFor(workspace), options, work);
}

std::optional<Error> WorkspaceWrite::checkEditor(const Workspace& workspace, const Registrar::Options& options,
                                                 QStringList& warnings)
{
    const auto editor = editorById(workspace.editor);
    if (!editor) {
        return std::nullopt;
    }
    auto error = EditorProcess::checkClosed(*editor, options.force, warnings);
    if (error && options.dryRun) {
        warnings << error->message;
        return std::nullopt;
    }
    return error;
}

Error WorkspaceWrite::undoWritten(FileTransaction& transaction, Error error)
{
    if (transaction.wroteAnything()) {
        if (auto point = transaction.finish()) {
            (void)FileTransaction::undo(*point);
        }
        error.message += u"; everything written was undone"_s;
    }
    return error;
}

Registrar::Report WorkspaceWrite::reportFor(const Workspace& workspace)
{
    Registrar::Report report;
    report.workspace = workspace.projectPath.isEmpty() ? workspace.storagePath : workspace.projectPath;
    report.editor = workspace.editor;
    return report;
}

QString WorkspaceWrite::chatSessionsOf(const Workspace& workspace)
{
    return workspace.chatSessionsPath.isEmpty() ? workspace.storagePath + u"/chatSessions"_s
                                                : workspace.chatSessionsPath;
}

QString WorkspaceWrite::databaseOf(const Workspace& workspace)
{
    return workspace.stateDatabasePath.isEmpty() ? workspace.storagePath + u"/state.vscdb"_s
                                                 : workspace.stateDatabasePath;
}

QStringList WorkspaceWrite::scopeOf(const Workspace& workspace)
{
    return {workspace.storagePath, chatSessionsOf(workspace), QFileInfo(databaseOf(workspace)).absolutePath()};
}

QList<WorkspaceWrite::SessionFile> WorkspaceWrite::readSessions(const Workspace& workspace, QStringList& warnings,
                                                                const std::function<bool(const QString& id)>& wanted)
{
    QList<SessionFile> sessions;
    for (const QString& path : WorkspaceStorage::sessionFiles(chatSessionsOf(workspace))) {
        if (wanted && !wanted(ChatSessionFile::idOf(path))) {
            continue;
        }
        auto contents = ChatSessionFile::read(path);
        if (!contents) {
            warnings << u"left alone, as it cannot be read: %1"_s.arg(contents.error().message);
            continue;
        }
        // The editor finds a session's file by its id: the file name is the id, whatever the file says.
        const QFileInfo info(path);
        sessions.append({ChatSessionFile::idOf(path), path, std::move(*contents),
                         info.lastModified().toMSecsSinceEpoch(), info.size()});
    }
    return sessions;
}

} // namespace chasm
