// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#pragma once

#include "model/Workspace.h"
#include "util/Environment.h"
#include "vscode/Editor.h"

#include <QList>
#include <QStringList>

namespace chasm {

// The workspaces of one VS Code-family editor: every User/workspaceStorage/<hash>/ folder with what
// its workspace.json says, plus the chats of empty windows (User/globalStorage/emptyWindowChatSessions,
// and workspaceStorage/no-workspace from older versions).
class WorkspaceStorage
{
public:
    static QList<Workspace> scan(const Environment& environment, Editor editor);

    // One workspaceStorage/<hash>/ folder.
    static Workspace readWorkspace(const QString& storagePath, const EditorInfo& editor);

    // The session files of a chatSessions/ folder, one per session id: when both <id>.jsonl and
    // <id>.json exist the editor reads the .jsonl, and so does Chasm.
    static QStringList sessionFiles(const QString& chatSessionsPath);
};

} // namespace chasm
