// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#pragma once

#include "model/Session.h"
#include "model/Workspace.h"
#include "providers/SessionCatalog.h"
#include "util/FileTransaction.h"

#include <map>
#include <optional>

namespace chasm {

// Sessions put back into a tool that keeps them as rows of a database rather than as files: OpenCode's opencode.db
// and Cursor's composer store (cursorDiskKV in its global state.vscdb). A harvest keeps files only (Originals), so
// such a session is written from its normalized form, the one the harvest database keeps: into the rows the tool
// writes, shaped as it writes them, which the tool's reader reads back as the same conversation (its messages with
// their roles, texts, times, models, agents, ends, errors, tool calls and references; its title, project, times and
// token total).
class StoreWriteBack
{
public:
    // Where a session goes back.
    struct Place
    {
        QString database; // the store's file
        Workspace store;  // its workspace (whose editor the editor guard checks)
        // Cursor: the project's workspace, whose state.vscdb lists the project's composers; none when no workspace
        // of that project is on this machine.
        std::optional<Workspace> listing;
    };
    // The workspace hash of the database a session of the tool's store (by its workspace hash) is written back into:
    // "opencode.db" for OpenCode's database and its older JSON tree, "composer" for Cursor's composers; empty for a
    // store of files.
    static QString storeOf(const QString& provider, const QString& workspaceHash);

    // Where a session harvested from a tool's database (by its provider and the store's workspace hash) goes back:
    // nothing for a session of files; an error when its store is not on this machine.
    static std::optional<Result<Place>> placeOf(const QString& provider, const QString& workspaceHash,
                                                const QString& projectPath, const QList<Workspace>& workspaces);

    struct Item
    {
        Session session;
        bool replace = false; // the store has rows of the session: they are deleted first
        std::optional<Workspace> listing;
    };
    // Writes the sessions into one store, all in one SQL transaction (a kill leaves the store as it was or with every
    // session in it), after `transaction` kept a copy of the database for undo; then adds Cursor's composers to their
    // projects' listings. Nothing is written in a dry run.
    static std::optional<Error> write(const Workspace& store, const QList<Item>& items, FileTransaction& transaction);

    // What the store holds of a session about to be written there.
    enum class Holding
    {
        Absent,   // nothing
        Same,     // the same conversation: nothing to write
        Unlisted, // the same Cursor composer, not listed in its project's workspace: written again and listed
        Other,    // another conversation (a conflict)
    };
    static Holding compare(const std::optional<Session>& held, const Session& kept, const Place& place);
    // The session as the tool's store (by its workspace hash, storeOf's) holds it now, if it does (OpenCode's older
    // JSON tree counts as its store); `listed` keeps each provider's listing for the next call.
    static Result<std::optional<Session>> held(const SessionCatalog& catalog, const QList<Workspace>& workspaces,
                                               const QString& provider, const QString& nativeId,
                                               const QString& storeHash, std::map<QString, QList<SessionRef>>& listed);
};

} // namespace chasm
