// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#pragma once

#include "ops/Registrar.h"

#include <functional>

namespace chasm {

// One write to an editor's workspace, made as every Registrar operation makes it: the editors of the
// workspaces it touches must be closed (unless forced; a dry run only warns), then the work runs in one
// FileTransaction (backups, a recovery point), and the report is finished from it. Also the facts about
// a workspace's files that the import, rewrite and index parts of the Registrar share.
class WorkspaceWrite
{
public:
    // The work inside the transaction: an error stops it (the work undoes what it wrote, where it should).
    using Work = std::function<std::optional<Error>(FileTransaction& transaction, Registrar::Report& report)>;

    struct Scope
    {
        QString operation;        // "register", "repair", ... (named in the recovery point)
        QString recoveryFolder;   // where the recovery point goes
        QStringList folders;      // what the transaction may change
        QList<Workspace> guarded; // whose editors must be closed first
    };
    // The scope of an operation on one workspace: its storage, sessions and index, its editor guarded.
    static Scope of(const Workspace& workspace, const QString& operation);
    static Result<Registrar::Report> run(const Scope& scope, Registrar::Report report,
                                         const Registrar::Options& options, const Work& work);
    // run(of(workspace, operation), the workspace's report, ...).
    static Result<Registrar::Report> run(const Workspace& workspace, const QString& operation,
                                         const Registrar::Options& options, const Work& work);

    // Before anything is written: the workspace's editor must be closed (unless forced); a dry run only
    // warns, as it writes nothing.
    static std::optional<Error> checkEditor(const Workspace& workspace, const Registrar::Options& options,
                                            QStringList& warnings);
    // Puts back what an operation wrote before it failed, and says so in the error.
    static Error undoWritten(FileTransaction& transaction, Error error);

    static Registrar::Report reportFor(const Workspace& workspace);
    static QString chatSessionsOf(const Workspace& workspace);
    static QString databaseOf(const Workspace& workspace);
    // The folders an operation on the workspace may change: its storage, its sessions and its index.
    static QStringList scopeOf(const Workspace& workspace);

    struct SessionFile
    {
        QString id;
        QString path;
        ChatSessionFile::Contents contents;
        qint64 modified = 0; // ms since the epoch, as read
        qint64 size = 0;

        // Whether the file is still as it was read (the editor may append while Chasm works, with --force).
        bool unchangedOnDisk() const;
    };
    // The session files of the workspace (the .jsonl where both exist, as the editor reads it) whose ids
    // (file names) `wanted` accepts, read; those that cannot be read are reported and left alone.
    static QList<SessionFile> readSessions(const Workspace& workspace, QStringList& warnings,
                                           const std::function<bool(const QString& id)>& wanted = {});
};

} // namespace chasm
