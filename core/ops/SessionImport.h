// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#pragma once

#include "ops/Registrar.h"

namespace chasm {

// The Registrar's imports: session files copied (or moved) from elsewhere into a workspace, new
// sessions written into one, and the older workspaces of a project that hold sessions the active one
// lacks. See Registrar for what each promises.
class SessionImport
{
public:
    // adopt is move without sources.
    static Result<Registrar::Report> move(const Workspace& target, const QList<Workspace>& sources,
                                          const QStringList& files, const Registrar::Options& options);
    static Result<Registrar::Report> addSessions(const Workspace& workspace, const QList<boost::json::value>& trees,
                                                 ChatSessionFile::Format format, const QString& operation,
                                                 const Registrar::Options& options);
    static QList<Registrar::ProjectWorkspaces> findOrphanedWorkspaces(const QList<Workspace>& workspaces);
};

} // namespace chasm
