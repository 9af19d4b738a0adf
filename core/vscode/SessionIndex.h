// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#pragma once

#include "model/IndexEntry.h"
#include "model/Workspace.h"
#include "model/SessionRef.h"
#include "util/Result.h"

#include <QList>

#include <boost/json/object.hpp>

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

    // The entry VS Code itself writes for a session (chatSessionStore.ts): sessionId, title (the custom
    // title, else the first line of the first request, else "New Chat"), lastMessageDate, timing,
    // initialLocation, hasPendingEdits, isEmpty, isExternal and lastResponseState (pending and
    // needs-input saved as cancelled, as VS Code does), from the replayed session tree. `fallbackDate`
    // (ms, the file's time) stands in for dates the session lacks.
    static boost::json::object entryFor(const boost::json::value& session, const QString& sessionId,
                                        qint64 fallbackDate);
    // Whether VS Code accepts an entry: a string sessionId and title and a numeric lastMessageDate. One
    // entry it rejects makes it drop the whole index, so nothing else is ever written.
    static bool isValidEntry(const boost::json::value& entry);
    // Adds entries, or updates them field by field (by session id; other fields and entries stay as they
    // are, in their order), in one SQL transaction, creating the index, and the ItemTable, when the database has none.
    // The value keeps its storage type. The entries of `removeIds` are taken out.
    static std::optional<Error> write(const QString& databasePath, const QList<boost::json::object>& entries,
                                      const QStringList& removeIds = {});
    // VS Code keeps at most this many entries: it drops the oldest by lastMessageDate.
    static constexpr int maxEntries = 400;
};

} // namespace chasm
