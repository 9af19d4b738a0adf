// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#pragma once

#include "ops/SessionFileRecovery.h"
#include "services/EditorGuardService.h"

#include <QFileInfo>

#include <functional>

namespace chasm {

// `chasm recover`'s use cases on the editors' stores: upgrade (session files to another format), split
// (a session too big to open), extract (every session file of a project, copied out), detect (what a
// session file is), status (the recovery points and backups Chasm made), and the sessions of an old
// state database written out as files. The writes go through the editor guard.
class RecoverService
{
public:
    struct UpgradeRequest
    {
        QList<Workspace> scope;
        ChatSessionFile::Format format = ChatSessionFile::Format::Jsonl;
        Registrar::Options options;
        bool closeEditors = false;
        bool reopen = false;
    };
    static Result<EditorGuardService::Report> upgrade(const UpgradeRequest& request,
                                                      const EditorGuardService::Progress& progress = {});

    // recover jsonl: every complete record of a damaged log, into `output` (a new file) or, empty, over the log.
    struct SalvageRequest
    {
        QString log;
        QString output;
        bool aggressive = false;
        Registrar::Options options;
    };
    static Result<Registrar::Report> salvage(const SalvageRequest& request)
    {
        return SessionFileRecovery::salvage(request.log, request.output, request.aggressive, request.options);
    }
    // recover repair: one session file repaired in place; no index is written.
    static Result<Registrar::Report> repairFile(const QString& path, const Registrar::Options& options)
    {
        return Registrar::repairFile(path, options);
    }
    // recover convert: a session file written in the other format (or `format`) for the editors `readers`.
    struct ConvertRequest
    {
        QString input;
        QString output;
        std::optional<ChatSessionFile::Format> format;
        SessionCompatibility::Readers readers = SessionCompatibility::Readers::Both;
        Registrar::Options options;
    };
    static Result<Registrar::Report> convert(const ConvertRequest& request)
    {
        return SessionFileRecovery::convert(request.input, request.output, request.format, request.readers,
                                            request.options);
    }

    // Takes the entries of `ids` out of the workspace's session index when their session file is gone (an
    // entry the editor lists but cannot open); an entry whose file is there stays, with a warning. Under a
    // recovery point, refused while the editor runs unless forced.
    static Result<Registrar::Report> removeIndexEntries(const Workspace& workspace, const QStringList& ids,
                                                        const Registrar::Options& options);

    struct SplitRequest
    {
        QList<Workspace> workspaces; // where the session's workspace is looked for
        QString path;                // the session file
        int keep = 50;
        Registrar::Options options;
        bool closeEditors = false;
        bool reopen = false;
    };
    static Result<EditorGuardService::Report> split(const SplitRequest& request,
                                                    const EditorGuardService::Progress& progress = {});

    struct ExtractRequest
    {
        QString project;
        QList<Workspace> scope; // the project's workspaces
        QString folder;
        bool allFormats = false;
        bool includeEdits = false;
        bool dryRun = false;
    };
    struct ExtractReport
    {
        bool dryRun = false;
        QString folder;
        int workspaces = 0;
        SessionFileRecovery::Extraction extraction;
    };
    static Result<ExtractReport> extract(const ExtractRequest& request);

    static SessionFileRecovery::Detection detect(const QString& path);

    struct StatusReport
    {
        QList<RecoveryPoint> points; // newest first
        QList<QFileInfo> backups;    // session file backups beside the sessions, newest first per workspace
    };
    // What Chasm made in the workspaces given: recovery points and session file backups; and the recovery
    // points it made outside every workspace, as its journal knows them (RecoveryPoint::journalFolders).
    // With `withUndone`, the points undone already are listed too (RecoveryPoint::undone set).
    static StatusReport status(const QList<Workspace>& workspaces, bool withUndone = false);

    // The system's side of recovery (recover status --system), for each editor of the VS Code family: whether it is
    // installed here, whether it runs now (it writes its session index back when it quits, so a repair waits until
    // it is closed), where it keeps its workspaces, how much room is left there for backups, and what to do.
    struct EditorState
    {
        QString id;   // "code"
        QString name; // "VS Code"
        QString userDirectory;
        bool found = false;
        bool running = false;
        int workspaces = 0;    // of `workspaces` below
        qint64 freeBytes = -1; // -1: unknown
        QString advice;        // empty: nothing to do
    };
    // `editors` empty: every editor of the family.
    static QList<EditorState> editorStates(const Environment& environment, const QList<Editor>& editors,
                                           const QList<Workspace>& workspaces);

    // Whether the database is a harvest database (else an editor's state database).
    static Result<bool> isHarvestDatabase(const QString& path);
    // Copies a harvest database (and its WAL) to `copy`: opening it may bring its schema up to date, and
    // a backup is never changed.
    static std::optional<Error> copyHarvestDatabase(const QString& path, const QString& copy);

    struct DatabaseRequest
    {
        QString path;    // an old state.vscdb
        QString session; // only the sessions whose id starts so; empty: all
        QString folder;  // created when missing; files are never overwritten
        QString format;  // "json", "jsonl" or "md"
        // Said as it happens (a session whose id cannot name a file), before a later error.
        std::function<void(const QString&)> warning;
    };
    struct DatabaseReport
    {
        QString path;
        QString folder;
        QStringList files;
    };
    static Result<DatabaseReport> sessionsFromDatabase(const DatabaseRequest& request);
};

// The shapes `chasm recover … --json` prints.
boost::json::object toJson(const RecoverService::ExtractReport& report);
boost::json::object toJson(const SessionFileRecovery::Detection& detection);
// With the reader's warnings and each request (`recover detect --verbose --json`).
boost::json::object toVerboseJson(const SessionFileRecovery::Detection& detection);
boost::json::object toJson(const RecoverService::StatusReport& report);
boost::json::array toJson(const QList<RecoverService::EditorState>& editors);
boost::json::object toJson(const RecoverService::DatabaseReport& report);

} // namespace chasm
