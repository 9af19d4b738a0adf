#pragma once

#include <QDateTime>
#include <QString>
#include <QStringList>

namespace chasm {

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
};

} // namespace chasm
