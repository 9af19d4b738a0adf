// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#pragma once

#include <QDateTime>
#include <QString>
#include <QStringList>

namespace chasm {

// How much a listing reads of a session file it has not seen before: enough to describe the session
// (title, dates, message count), or nothing beyond what the file system says, for a caller that reads
// every such file whole anyway (a harvest) and describes the session from that read.
enum class Listing
{
    Described,
    FilesOnly
};

// Where a session is and what a listing shows about it, without its messages.
struct SessionRef
{
    QString id; // "<provider>:<native id>"
    QString provider;
    QString editor;
    QString nativeId;
    QString title;
    QString workspaceId;
    QString workspace; // the workspace's storage key (the hash for the VS Code family)
    QString projectPath;
    // The workspace's short human name ("web app", "ssh-remote+box: api", "(no folder)").
    QString workspaceName;
    QString path;
    QString format; // "json" or "jsonl"
    QDateTime createdAt;
    QDateTime updatedAt;
    int messageCount = 0;
    qint64 sizeBytes = 0;
    // The file's modification time as listed (ms since the epoch; 0 for sessions kept in databases):
    // what tells an incremental harvest that a file is unchanged without reading it.
    qint64 fileModifiedMs = 0;
    // Set when the file could not be read; the other fields then come from the file system.
    QString error;
    QStringList warnings;
    // False for a file listed with Listing::FilesOnly: the id and title then come from the file's
    // name, the dates from its modification time, and there is no message count (see describe()).
    bool described = true;
    // Who harvested it where ("user@machine"), for a session of a team database; empty elsewhere.
    QString origin;
};

} // namespace chasm
