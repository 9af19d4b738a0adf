// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#pragma once

#include "util/Result.h"

#include <QDateTime>
#include <QList>
#include <QMap>
#include <QStringList>

#include <optional>

namespace chasm {

// What the editor recorded of the files an agent or edit session changed: the folder
// chatEditingSessions/<session id>/ of a VS Code-family workspace (state.json, contents/ blobs), which
// restores the edits, their review state and the undo checkpoints when the chat is reopened. Three
// layouts are read: version 1 (linearHistory of snapshots), version 2 (linearHistory of requests with
// undo stops) and version 2 with a `timeline` of checkpoints and file operations.
struct EditingSession
{
    enum class FileState
    {
        Modified = 0, // edited, not yet accepted or rejected
        Accepted = 1,
        Rejected = 2,
    };
    struct File
    {
        QString path; // a local path, or the URI for other schemes
        QString languageId;
        std::optional<FileState> state; // from the latest snapshot
        QStringList requestIds;         // the requests that edited it, in order
        QMap<QString, int> operations;  // timeline: operations by type (textEdit, create, delete, ...)
        int undoneOperations = 0;       // of those, at or after the current position (kept for redo)
    };
    struct Checkpoint
    {
        QString label;
        QString requestId;
        QString undoStopId;
        qint64 epoch = 0;
        bool undone = false; // at or after the current position: undone, kept for redo
    };

    QString sessionId; // the folder's name, the chat session's id
    QString folder;
    QString layout; // "linear" or "timeline"
    int version = 0;
    qint64 sizeBytes = 0; // state.json and contents/ together
    QDateTime updatedAt;
    QList<File> files;
    QStringList requestIds; // requests that edited files, in order
    QList<Checkpoint> checkpoints;
    int undoneRequests = 0; // linear layout: requests past the undo position
    QString error;          // why state.json cannot be read, if it cannot

    static QString stateName(FileState state);

    // Reads one chatEditingSessions/<id> folder; a folder that cannot be read comes back with `error`.
    static EditingSession read(const QString& folder);
    // Every editing session of a workspace storage folder, newest first.
    static QList<EditingSession> list(const QString& workspaceStoragePath);
};

} // namespace chasm
