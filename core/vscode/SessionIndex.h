#pragma once

#include "model/IndexEntry.h"
#include "model/Workspace.h"
#include "model/SessionRef.h"
#include "util/Result.h"

#include <QList>

namespace chasm {

// VS Code's session index, the value of `chat.ChatSessionStore.index` in a workspace's state.vscdb:
// the list the chat history view shows. Reading never changes the database or its -wal file.
class SessionIndex
{
public:
    static constexpr const char* storageKey = "chat.ChatSessionStore.index";

    // The index's entries in stored order. A database without the index key is an error that says so.
    static Result<QList<IndexEntry>> read(const QString& databasePath);

    // Sets each entry's file and problems from the session files of the same workspace, and adds an
    // entry (inIndex = false) for every file the index lacks. When the index could not be read, every
    // file gets an entry with the problem "index_unavailable" instead: no orphan is claimed.
    static QList<IndexEntry> reconcile(const Result<QList<IndexEntry>>& index, const QList<SessionRef>& files);

    // A workspace's index read and reconciled with its session files, with why the index could not be
    // read, if it could not.
    struct Inspection
    {
        QList<IndexEntry> entries;
        QString error;
    };
    static Inspection inspect(const QString& databasePath, const QList<SessionRef>& files);
    // Sets Workspace::orphanCount of every workspace that has an index and session files. A workspace
    // whose index cannot be read is left unchecked rather than called full of orphans.
    static void countOrphans(QList<Workspace>& workspaces, const QList<SessionRef>& sessions);
};

} // namespace chasm
