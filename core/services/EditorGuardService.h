// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#pragma once

#include "ops/Registrar.h"
#include "vscode/Editor.h"

#include <boost/json/object.hpp>

#include <chrono>
#include <functional>

namespace chasm {

// The editor guard every writer to the editors' stores goes through. An editor of the VS Code family
// keeps its session index in memory and writes it back when it quits, so a write waits until it is
// closed: the guard says which editors run, closes them when asked, runs the write on each workspace
// (each write refuses, unless forced, while its editor still runs: see WorkspaceWrite), and starts the
// editors it closed again when asked. The command line's writes and the wizards' pages use it.
class EditorGuardService
{
public:
    struct Request
    {
        QList<Workspace> scope;
        bool closeEditors = false; // close the running editors of the scope first
        bool reopen = false;       // close them, and start them again afterwards
        bool dryRun = false;       // nothing is written, so nothing is closed
    };
    // The write, on one workspace of the scope.
    using Write = std::function<Result<Registrar::Report>(const Workspace&)>;
    struct Progress
    {
        std::function<void(Editor)> closing;
        // After each workspace's write, in the order of the scope.
        std::function<void(const Workspace&, const Result<Registrar::Report>&)> written;
    };
    struct Report
    {
        bool dryRun = false;
        QList<Registrar::Report> reports; // the workspaces written (or, dry, that would be)
        QStringList failures;             // the workspaces whose write failed, by its error
        int workspaces = 0;               // the scope's size
        int registered = 0;
        int repaired = 0;
        QStringList reopenErrors; // editors that could not be started again
    };

    // Closes (when asked), writes every workspace (a failed one is reported, the others still written),
    // reopens (when asked). An error only when an editor could not be closed: then nothing was written.
    static Result<Report> run(const Request& request, const Write& write, const Progress& progress = {});

    // The editors whose workspaces these are, once each.
    static QList<Editor> editorsOf(const QList<Workspace>& workspaces);
    // Those of `editors` that run now (all of them when the processes cannot be listed).
    static QList<Editor> running(const QList<Editor>& editors);
    // Asks each editor to quit and waits for it (30 s each); the errors of those that did not.
    static QStringList close(const QList<Editor>& editors);
    // Starts each editor again on the first of `workspaces` it keeps; the errors of those that did not start.
    static QStringList reopen(const QList<Editor>& editors, const QList<Workspace>& workspaces);

    static constexpr std::chrono::seconds closeTimeout{30};
};

// {"dry_run", "workspaces": [the report of each workspace written]}, as the writing commands print it.
boost::json::object toJson(const EditorGuardService::Report& report);

} // namespace chasm
