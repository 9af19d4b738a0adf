// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#pragma once

#include "model/Workspace.h"
#include "util/FileTransaction.h"
#include "util/Result.h"

#include <boost/json/object.hpp>

namespace chasm {

// Undo by manifest: puts back what Chasm's writes changed, from the backups their recovery points
// (FileTransaction's manifests) list, and lists those points. `chasm recover undo`, the wizards' Undo,
// the index inspector's Undo and the app's History window all go through it.
class UndoService
{
public:
    struct Request
    {
        QStringList manifests; // in the order they were made: the newest is undone first
        // Undo although a file changed since the operation (what changed is lost).
        bool force = false;
    };
    struct Report
    {
        QList<RecoveryPoint> undone; // newest first
        QStringList done;            // what was put back, in words
        // Set when a later recovery point could not be undone: those before it (newer) were.
        std::optional<Error> stopped;
    };

    // An error when the first recovery point (the newest) cannot be read or undone: then nothing changed.
    // A backup kept beside a file (<name>.bak) goes once the file holds its bytes again: nothing is left
    // behind that the operation made.
    static Result<Report> run(const Request& request);

    // Every recovery point not undone yet in the recovery folders of these workspaces (their projects' and
    // their storage's) and in those the journal knows, made by the app or the command line alike, newest
    // first: what `chasm recover status` lists and the History window shows. With `withUndone`, those undone
    // already too.
    static QList<RecoveryPoint> history(const QList<Workspace>& workspaces, bool withUndone = false);
};

// {"manifest", "done"}, as `chasm recover undo --json` prints it (the newest recovery point undone).
boost::json::object toJson(const UndoService::Report& report);

} // namespace chasm
