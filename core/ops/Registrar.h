// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#pragma once

#include "model/Workspace.h"
#include "vscode/ChatSessionFile.h"
#include "util/FileTransaction.h"
#include "util/Result.h"

#include <QStringList>

#include <boost/json/object.hpp>

namespace chasm {

// Brings session files of a VS Code-family workspace back into the editor's history, and repairs the
// ways they break. Every change goes through a FileTransaction (backups, atomic writes, a recovery
// point to undo it); index writes wait until the editor is closed, unless forced (WorkspaceWrite).
// The work is done by SessionImport (adopt, move, add), SessionRewrite (repair, upgrade, split) and
// IndexWriter (register); this class is their one entry point.
class Registrar
{
public:
    struct Options
    {
        bool dryRun = false;
        // Write the index although the editor runs (it will overwrite it when it quits).
        bool force = false;
        // Record the last response as complete in the entries written (repair always does): a cancelled
        // one makes the editor try to resume the request when the session is opened.
        bool complete = false;
        // adopt: copy the files only, leaving the index alone (register them later).
        bool skipIndex = false;
        // upgrade: keep the originals in the recovery point only, not as .bak files beside the new ones.
        bool backupsInRecoveryFolder = false;
        // move (import): a session whose id the workspace has for another session comes in under a new
        // id (the same session, as replayed, is still left out).
        bool newIdOnCollision = false;
    };
    struct Report
    {
        QString workspace;   // the project path, or the storage folder when there is none
        QString editor;      // the editor id ("code", "cursor", ...)
        QStringList changes; // what was changed (or, in a dry run, would be)
        QStringList warnings;
        int registered = 0; // index entries added
        int repaired = 0;   // session files rewritten, and (registerSessions) entries corrected
        // Ids given to registerSessions that name no session file here (other workspaces may have them).
        QStringList unmatched;
        int unchanged = 0;
        int copied = 0;     // adopt, move: session files written into the workspace
        int unreadable = 0; // adopt, move: files left out because they cannot be read as sessions
        // The recovery point's manifest; empty when nothing was written.
        QString recoveryPoint;
        QString undoCommand;
    };

    // Adds an index entry, built from the file as the editor would, for every session file the index
    // lacks; or, with `ids` (exact, or a prefix naming one session) or `titles` (case-insensitive
    // parts), for those sessions only, indexed or not. A prefix naming several sessions is an error.
    static Result<Report> registerSessions(const Workspace& workspace, const QStringList& ids,
                                           const QStringList& titles, const Options& options);
    // Fixes what keeps sessions from showing or loading: logs with records run together or many
    // mutations are compacted into one snapshot (the .jsonl.bak kept), a last request left pending is
    // marked complete, and every session's index entry is rebuilt from its file (isEmpty recomputed,
    // lastResponseState complete), orphans included. Sessions over 50 MB are reported. Nothing a user
    // wrote or an assistant answered is dropped: the replayed trees before and after are compared.
    static Result<Report> repair(const Workspace& workspace, const Options& options);

    // The file-level fixes of repair on one session file (no index is written), salvaging damage on the
    // way: a .json cut off mid-write is closed after its last complete value, damaged log lines are
    // skipped (the original stays in the backup).
    static Result<Report> repairFile(const QString& path, const Options& options);

    // Copies session files (of other workspaces, exported, renamed) into `target`, each named by its id
    // (the file name in a chatSessions folder, else the id the session holds); a .jsonl stays a .jsonl,
    // byte for byte; a session whose id the target has already is skipped and named. Registers them,
    // under one recovery point.
    static Result<Report> adopt(const Workspace& target, const QStringList& files, const Options& options);
    // adopt, then takes every session it copied out of the workspace it came from (one of `sources`):
    // the file is removed (its backup kept beside it) and the index entry dropped, under the same
    // recovery point. A session the target has already stays where it is.
    static Result<Report> move(const Workspace& target, const QList<Workspace>& sources, const QStringList& files,
                               const Options& options);

    // Rewrites every session file of the workspace that is not in `format` (a .json as a one-snapshot
    // .jsonl, which VS Code ≥ 1.109 writes, or a log back as a .json for older editors). Each new file
    // must replay to the same session, else everything is undone; the original is then removed, its
    // backup kept. The index needs no change: the editor finds a session by its id in either format.
    static Result<Report> upgrade(const Workspace& workspace, ChatSessionFile::Format format, const Options& options);

    // Splits a session too big for the editor to open comfortably: all but its last `keep` requests
    // move, unchanged, into a new session beside it (a new id, titled "<title> (part 1: requests 1–N)"),
    // and the session keeps the rest and its title. Both are registered; the original's backup is kept
    // beside it. The two files must together read back as every request of the original, in order,
    // else everything is undone.
    static Result<Report> split(const Workspace& workspace, const QString& path, int keep, const Options& options);

    // Writes new sessions into the workspace (<sessionId>.<format> each) and registers them, under one
    // recovery point named `operation`; each file must read back as its tree. A session whose id the
    // workspace has already is left out, with a warning.
    static Result<Report> addSessions(const Workspace& workspace, const QList<boost::json::value>& trees,
                                      ChatSessionFile::Format format, const QString& operation, const Options& options);

    // The workspaces one editor keeps for the same project (the workspace id changes when a folder is
    // reopened through another path or after some updates): the active one, the editor's current, whose
    // state was written last, and the others with the session files the active one lacks.
    struct ProjectWorkspaces
    {
        Workspace active;
        struct Other
        {
            Workspace workspace;
            QStringList missing; // session files whose ids the active workspace does not have
        };
        QList<Other> others;
    };
    // `workspaces`: those of one project (any editors); one result per editor that has several.
    static QList<ProjectWorkspaces> findOrphanedWorkspaces(const QList<Workspace>& workspaces);

    // Where the recovery points of a workspace go: <project>/.chasm_recovery when the project folder
    // exists, else <workspace storage>/.chasm_recovery.
    static QString recoveryFolder(const Workspace& workspace);
    // For a file alone: <workspace storage>/.chasm_recovery when it is in a chatSessions folder, else
    // .chasm_recovery beside it.
    static QString recoveryFolderOf(const QString& file);

    static constexpr qint64 oversizedBytes = 50LL << 20;

    // Ends an operation's transaction and fills the report from it: the changes, the recovery point.
    static Result<Report> finish(FileTransaction& transaction, Report report);
};

// What an operation did, as `--json` prints it (one workspace of register, repair, recover, move...).
boost::json::object toJson(const Registrar::Report& report);
// The same with "dry_run", as a command on one file (recover repair, jsonl, convert) or one target (fetch,
// import) prints it.
boost::json::object toJson(const Registrar::Report& report, bool dryRun);

} // namespace chasm
