// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#pragma once

#include "ops/Registrar.h"
#include "providers/SessionCatalog.h"

namespace chasm {

// After a project folder was moved or renamed, its chat history stays keyed by the old path: VS Code
// opens the new folder under a new workspace, Claude Code looks in a new projects/ folder. This brings
// the history over, by copying (the old places are left as they are):
// - VS Code family: every session of the old folder's workspaces goes into the new folder's active
//   workspace of the same editor and is registered there; when the editor has not opened the new folder
//   yet, its workspace is made under the id the editor will compute for it (WorkspaceId);
// - Claude Code: the sessions of projects/<old path> go into projects/<new path>, files and the
//   folders beside them (subagents), never over a file that exists.
class ProjectMove
{
public:
    static Result<QList<Registrar::Report>> move(const SessionCatalog& catalog, const QString& from, const QString& to,
                                                 const Registrar::Options& options);
    // Claude Code's folder name for a project path: every character but ASCII letters and digits
    // becomes '-' ("/home/me/web app" → "-home-me-web-app").
    static QString claudeProjectName(const QString& path);
};

} // namespace chasm
