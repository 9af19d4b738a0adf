// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#pragma once

#include "ops/ConversationDiff.h"
#include "util/GitRepository.h"
#include "providers/SessionCatalog.h"
#include "util/Result.h"

#include <boost/json/object.hpp>

namespace chasm {

// Versions a project's chat history in the project's own Git repository (chasm git …): every tool's session files
// of the project (the VS Code family's chatSessions of its workspaces, Claude Code's projects/<dir>/*.jsonl, Codex's
// rollouts whose cwd is the project, …, as the catalog finds them) are copied into <project>/.chasm/sessions/
// <provider>/<file>, with sessions.json saying where each came from, and committed there, beside the code they
// talk about. A copy is never deleted when its tool deletes the session: the repository keeps it. Diffs are told
// in messages (ConversationDiff); restore writes the sessions of a commit back where their tools read them,
// through a FileTransaction (backup, atomic replace, recovery point), never while a VS Code-family editor of the
// project runs unless forced.
class GitVersioningService
{
public:
    GitVersioningService(const SessionCatalog& catalog, const GitLibrary& git)
        : m_catalog(catalog)
        , m_git(git)
    {}

    // Where the copies live, relative to the project folder.
    static constexpr QStringView sessionsFolder = u".chasm/sessions";
    static constexpr QStringView manifestName = u"sessions.json";

    // What copying the project's session files into the repository did.
    struct Copies
    {
        int sessions = 0; // the project's session files
        QStringList added;
        QStringList updated;
        int unchanged = 0;
    };

    struct ConfigRequest
    {
        QString path; // the project (empty: the working directory)
        QString name; // set user.name when not empty
        QString email;
    };
    struct ConfigReport
    {
        QString repository;
        QString name;
        QString email;
        QStringList set; // the keys this call set
    };
    Result<ConfigReport> config(const ConfigRequest& request) const;

    struct InitReport
    {
        QString project;
        QString repository;
        bool created = false; // a new repository was made in the project
        Copies copies;
    };
    // The repository the project is in (a new one in the project when none), with the sessions copied in.
    Result<InitReport> init(const QString& path) const;

    // add, snapshot and track: the sessions copied in and staged, other files too when asked, committed when asked,
    // tagged when asked.
    struct RecordRequest
    {
        QString path;
        bool commit = true;
        QString message; // empty: a message that says what changed
        QString tag;     // empty: no tag
        bool allFiles = false;
        QStringList files; // besides the sessions, relative to the project or absolute
    };
    struct RecordReport
    {
        QString project;
        QString repository;
        Copies copies;
        QStringList staged; // the files the commit holds changes of (or would)
        QString commit;     // empty when nothing was committed
        QString tag;
    };
    Result<RecordReport> record(const RecordRequest& request) const;
    // The name `snapshot` gives its tag when none is given: chat-snapshot-YYYYMMDD-HHMMSS (UTC).
    static QString snapshotTag();

    struct StatusReport
    {
        QString project;
        QString repository;
        QString head; // empty before the first commit
        int sessions = 0;
        QStringList notCopied;                   // session files (sources) not yet in .chasm/sessions
        QStringList changed;                     // sources that differ from their copy
        QStringList gone;                        // copies whose session the tool no longer has
        QList<GitRepository::StatusEntry> files; // git status of .chasm/sessions
    };
    Result<StatusReport> status(const QString& path) const;

    struct LogRequest
    {
        QString path;
        int limit = 10;
        bool sessionsOnly = false;
    };
    struct LogEntry
    {
        GitRepository::Commit commit;
        int sessionFiles = 0; // of the files it changed, how many were session copies
    };
    struct LogReport
    {
        QString repository;
        QList<LogEntry> commits;
    };
    Result<LogReport> log(const LogRequest& request) const;

    struct DiffRequest
    {
        QString path;
        QString from; // empty: HEAD
        QString to;   // empty: the sessions as the tools hold them now
        bool withFiles = false;
    };
    struct SessionChange
    {
        QString file; // the copy, relative to .chasm/sessions
        QString session;
        QString provider;
        QString title;
        QString state; // "added", "changed", "removed", or "gone" (the tool no longer has it)
        ConversationDiff diff;
        QString error; // a version that could not be read
    };
    struct DiffReport
    {
        QString repository;
        QString from; // commit ids
        QString to;   // empty: now
        QList<SessionChange> sessions;
        bool withFiles = false;
        QList<GitRepository::Change> files; // the project's other files (withFiles)
    };
    Result<DiffReport> diff(const DiffRequest& request) const;

    struct RestoreRequest
    {
        QString path;
        QString commit;
        bool withFiles = false; // also the project's other files as the commit holds them
        bool backup = false;    // commit the sessions as they are first
        bool force = false;     // although an editor of the project runs
    };
    struct RestoreReport
    {
        QString repository;
        QString commit;
        QString backupCommit; // the commit that kept the sessions as they were (backup)
        QStringList restored; // the files written (tools' session files, project files)
        int unchanged = 0;
        QString recoveryPoint; // its manifest; empty when nothing was written
        QString undoCommand;
    };
    Result<RestoreReport> restore(const RestoreRequest& request) const;

private:
    struct Project;
    Result<Project> openProject(const QString& path) const;
    Result<Copies> copySessions(Project& project) const;

    const SessionCatalog& m_catalog;
    const GitLibrary& m_git;
};

// The --json shapes of the git commands.
boost::json::object toJson(const GitVersioningService::ConfigReport& report);
boost::json::object toJson(const GitVersioningService::InitReport& report);
boost::json::object toJson(const GitVersioningService::RecordReport& report);
boost::json::object toJson(const GitVersioningService::StatusReport& report);
boost::json::object toJson(const GitVersioningService::LogReport& report);
boost::json::object toJson(const GitVersioningService::SessionChange& change);
boost::json::object toJson(const GitVersioningService::DiffReport& report);
boost::json::object toJson(const GitVersioningService::RestoreReport& report);

} // namespace chasm
