// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#pragma once

#include "providers/Provider.h"

namespace chasm {

// Aider: a Markdown transcript, .aider.chat.history.md, in each project folder it was run in. Every
// "# aider chat started at <time>" opens a session; "#### " lines are what the person typed, "> "
// lines are aider's own output (commands, edits applied, token counts), the rest is the model's answer.
// Aider keeps no list of projects, so Chasm looks in the project folders it knows from the other
// providers, the current directory (when inside HOME) and the folder a command names.
class AiderProvider final : public Provider
{
public:
    AiderProvider();
    static constexpr const char* historyFileName = ".aider.chat.history.md";

    QStringList storageLocations(const Environment& environment) const override;
    QList<Workspace> workspaces(const Environment& environment) const override;
    QList<Workspace> workspacesIn(const Environment& environment, const QStringList& projectFolders) const override;
    QList<SessionRef> sessions(const QList<Workspace>& workspaces, SessionCache& cache, Listing listing) const override;
    Result<Session> load(const SessionRef& session, const SessionPreview& preview = {}) const override;

    // Every session of one history file, in order; public for tests.
    static Result<QList<Session>> readHistory(const QString& path);
};

} // namespace chasm
