// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#pragma once

#include "model/SessionRef.h"
#include "model/Workspace.h"
#include "ops/Registrar.h"
#include "ops/SessionMerge.h"
#include "providers/SessionCatalog.h"
#include "util/Result.h"

#include <QStringList>

#include <boost/json/object.hpp>

#include <functional>
#include <optional>

namespace chasm {

// Merges sessions of any tools into one VS Code-family session in a workspace, registered there (`chasm merge`,
// `register all --merge`, the app's merge wizard): chooses the sessions, plans the merged session (SessionMerge)
// and writes it under a recovery point. The command line does it in one run; the wizard shows the plan first and
// writes it into the workspace the user picks, under the title the user gives.
class MergeService
{
public:
    explicit MergeService(const SessionCatalog& catalog)
        : m_catalog(catalog)
    {}

    struct Request
    {
        enum class Kind
        {
            Sessions,   // names: session ids or prefixes
            Workspaces, // names: workspace patterns
            Providers,  // names: providers; `sessions` or the project's (or `workspace`'s) sessions
            Project,    // every tool's sessions of the target project (or `workspace`'s)
        };
        Kind kind = Kind::Project;
        QStringList names;
        QStringList sessions;
        QString workspace;  // a workspace pattern instead of the project
        QString title;      // empty: "Merged: <project> (N sessions, dates)"
        QString targetPath; // the project whose workspace gets the merged session (empty: the working directory)
        Registrar::Options options;
    };
    // A session of the target workspace merged earlier from the same sessions as a plan: running the same
    // merge again would make a second copy under the same title.
    struct Existing
    {
        QString sessionId; // the editor's id
        QString title;
        QString path;
    };
    struct Report
    {
        Registrar::Report written;
        // The same merge, found in the target before this one was written.
        std::optional<Existing> existing;
        SessionMerge::Plan plan;
        ChatSessionFile::Format format = ChatSessionFile::Format::Jsonl;
        bool dryRun = false;
    };
    struct Options
    {
        // A session left out, as it cannot be read.
        std::function<void(const QString&)> warning;
    };

    // The sessions a request names, each once; the unreadable ones are left out (with a warning).
    Result<QList<SessionRef>> select(const Request& request, const Options& options = {}) const;
    Result<Report> run(const Request& request, const Options& options = {}) const;

    // What the wizard shows before writing: the plan of the sessions chosen, and the id of the workspace it goes
    // into by default (among `targets`, the active one of the first of `projects` that has one).
    struct Preview
    {
        Result<SessionMerge::Plan> plan = Error{};
        QString targetId;
    };
    Preview preview(const QList<SessionRef>& sessions, const QStringList& projects,
                    const QList<Workspace>& targets) const;
    // Writes a planned session into `target` in the format its editor reads, titled `title` (empty: the plan's).
    static Result<Registrar::Report> write(const Workspace& target, const SessionMerge::Plan& plan,
                                           const QString& title, const Registrar::Options& options);
    // The session of `target` merged from the same sessions as `plan`, if there is one. Only files that name
    // every source session are read whole, so a workspace of large sessions is checked quickly.
    static std::optional<Existing> existingMerge(const Workspace& target, const SessionMerge::Plan& plan);
    // Every readable session of the workspace merged into a new one there (register all --merge).
    Result<Registrar::Report> mergeWorkspace(const Workspace& workspace, const Registrar::Options& options) const;

private:
    const SessionCatalog& m_catalog;
};

// merge --json: the workspace's report, then "dry_run", "session_id", "title", "format", "sessions", "requests",
// "duplicates", "first", "last", "not_carried", and the copies of a request id whose content differs:
// "kept_complete" (the cut-off copy left out) and "kept_both" (the other copy under a new id), and
// "existing_merge": {"session_id", "title", "path"} of the same merge found in the target before (else null).
boost::json::object toJson(const MergeService::Report& report);

} // namespace chasm
