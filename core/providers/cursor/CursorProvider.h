// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#pragma once

#include "providers/vscode/VsCodeProvider.h"

namespace chasm {

// Cursor keeps chats in three places: the VS Code-style chatSessions/ of each workspace (read as for
// VS Code), its own composer store (User/globalStorage/state.vscdb, table cursorDiskKV: keys
// composerData:<id> and bubbleId:<composer>:<bubble>), and, in older versions, the chat tabs in each
// workspace's state.vscdb (key workbench.panel.aichat.view.aichat.chatdata). All three are read, never
// written; the databases are read through ReadOnlyDatabase.
class CursorProvider final : public Provider
{
public:
    CursorProvider();

    QStringList storageLocations(const Environment& environment) const override;
    QList<Workspace> workspaces(const Environment& environment) const override;
    QList<SessionRef> sessions(const QList<Workspace>& workspaces, SessionCache& cache, Listing listing) const override;
    Result<Session> load(const SessionRef& session, const SessionPreview& preview = {}) const override;
    Result<QString> nativeRecord(const SessionRef& session, int nativeIndex) const override;
    QStringList originalFiles(const SessionRef& session) const override;

private:
    VsCodeProvider m_chatSessions;
};

} // namespace chasm
