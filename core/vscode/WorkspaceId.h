// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#pragma once

#include "util/Result.h"

#include <QString>

namespace chasm {

// The name VS Code gives a folder's workspaceStorage/<id>/ when it opens it, computed as the editor does
// (src/vs/platform/workspaces/node/workspaces.ts, getSingleFolderWorkspaceIdentifier): for a local
// folder md5 of its fsPath followed by a salt that tells a recreated folder apart (the inode number on
// Linux, the birth time in ms on macOS, floor of the birth time in ms on Windows; nothing when it is 0);
// for a remote folder md5 of the URI as a string. So sessions can go where the editor will look before
// it has opened the folder once.
class WorkspaceId
{
public:
    // The id of a local folder on this machine, which must exist (its stat is part of the id).
    static Result<QString> ofLocalFolder(const QString& path);
    // The id from the parts: md5(fsPath + decimal salt), the salt left out when it is 0.
    static QString ofFolder(const QString& fsPath, quint64 salt);
    // A remote folder's id: md5 of its URI string.
    static QString ofRemote(const QString& uri);
    // The URI VS Code writes in workspace.json for a local folder: "file://" and the path, each byte
    // outside A-Z a-z 0-9 - . _ ~ / percent-encoded as URI.toString() does ("/x/web app" →
    // "file:///x/web%20app"; a Windows drive becomes "/c%3A/...").
    static QString fileUri(const QString& path);
};

} // namespace chasm
