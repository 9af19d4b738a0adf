// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#pragma once

#include "model/SessionRef.h"
#include "model/Workspace.h"
#include "ops/Registrar.h"

#include <QList>

namespace chasm {

// Why sessions of a VS Code-family editor do not show in its chat history, found across every
// workspace, each with the fix that brings them back.
struct RecoveryFinding
{
    enum class Kind
    {
        OlderWorkspace, // in another workspace of the same project, which the editor no longer opens
        NotInIndex,     // on disk in the active workspace, not in its index
        WrongEntry,     // in the index, but marked empty or cancelled
        OldBackup,      // only in a backup file (<id>.json.bak…) in a chatSessions folder
        OldDatabase,    // only in a state database's interactive.sessions, where VS Code kept them before files
    };
    struct Item
    {
        QString id; // the native session id
        QString title;
        QString path; // the session file; for OldDatabase, the database
        QDateTime updatedAt;
        int messageCount = 0;
    };

    Kind kind = Kind::NotInIndex;
    QString project;   // the project folder (or the workspace's storage when it has none)
    Workspace target;  // the workspace the fix writes into
    Workspace source;  // for OlderWorkspace and the old copies: the workspace they are in
    QList<Item> items; // the sessions concerned
};

class RecoveryScan
{
public:
    // Looks at every workspace with an editor: orphaned workspaces of the same project, sessions the
    // index lacks and entries that hide or break sessions; with `includeOld` also the sessions kept only
    // in old copies (backup files, state databases from before VS Code wrote files) whose ids no
    // workspace has. `sessions` gives titles and dates. Reads only; run it off the GUI thread.
    static QList<RecoveryFinding> scan(const QList<Workspace>& workspaces, const QList<SessionRef>& sessions,
                                       bool includeOld);
    // Applies the fix of a finding to the chosen sessions (ids of its items) under one recovery point.
    static Result<Registrar::Report> apply(const RecoveryFinding& finding, const QStringList& ids,
                                           const Registrar::Options& options);
};

} // namespace chasm
