// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#pragma once

#include <QDateTime>
#include <QString>
#include <QStringList>

namespace chasm {

// A place a tool keeps sessions for one project: for the VS Code family one
// workspaceStorage/<hash>/ folder (or the empty-window store).
struct Workspace
{
    enum class Kind
    {
        Folder,    // one local folder
        MultiRoot, // a .code-workspace file with several folders
        Remote,    // a folder on another machine (vscode-remote://, vscode-vfs://, ...)
        Empty,     // chats of windows with no folder open
        Store,     // a tool's whole store, not one project (sessions of many projects side by side)
        Unknown,   // workspace.json missing or unreadable
    };

    QString id; // "<editor or provider>:<hash>"
    QString provider;
    // The VS Code-family editor ("code", "cursor", ...); empty for other tools.
    QString editor;
    // The application that wrote the sessions, for people: "VS Code", "Claude Code", ...
    QString application;
    QString hash;
    Kind kind = Kind::Unknown;
    // The local project directory; for a multi-root workspace its .code-workspace file; empty for
    // remote and empty-window workspaces.
    QString projectPath;
    // Local folders of the workspace (one for Folder, each root for MultiRoot).
    QStringList folders;
    // The URI exactly as the editor stored it.
    QString uri;
    // For remote workspaces: the authority ("ssh-remote+host") and the path there.
    QString remoteAuthority;
    QString remotePath;
    QString storagePath;
    QString chatSessionsPath;
    QString stateDatabasePath;
    int sessionCount = 0;
    bool hasChatSessions = false;
    QDateTime lastModified;
    // Why workspace.json could not be read, if it could not.
    QString error;
    // The local project folder is gone (moved, renamed or deleted): an editor opens the project again
    // under a new workspace, where this one's sessions do not show. Set by SessionCatalog::workspaces().
    bool folderMissing = false;
    // Session files the editor's index does not list, which its chat history therefore does not show
    // (orphans); -1 when not checked. Set by SessionIndex::countOrphans().
    int orphanCount = -1;

    // A short human name: the folder's name, "host: name" for remote, "(no folder)" for empty windows.
    QString displayName() const;
    QString kindName() const;
};

} // namespace chasm
