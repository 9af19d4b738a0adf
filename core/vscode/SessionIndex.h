#pragma once

#include "model/IndexEntry.h"
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

    // The index's entries in stored order. A database without the key has an empty index.
    static Result<QList<IndexEntry>> read(const QString& databasePath);

    // Sets each entry's file and problems from the session files of the same workspace, and adds an
    // entry (inIndex = false) for every file the index lacks.
    static QList<IndexEntry> reconcile(QList<IndexEntry> entries, const QList<SessionRef>& files);
};

} // namespace chasm
