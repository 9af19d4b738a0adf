// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#pragma once

#include "model/SessionRef.h"
#include "model/Workspace.h"

#include <QFuture>
#include <QHash>
#include <QMutex>

namespace chasm {

// What listing learnt about each session file, keyed by path and valid while the file's size,
// modification time and inode stay the same (a file replaced by another, as an atomic write does, has
// another inode), and while its workspace is named as it was: a second listing reads only files that
// changed. Shared by the threads of one listing and by successive listings of one catalog (the GUI's
// reloads, a server). Given a file, the cache persists there, so that the CLI and the app share it across
// processes: listing a gigabyte session it has seen costs a look-up, not a read.
class SessionCache
{
public:
    // What identifies one version of a file without reading it.
    struct FileStamp
    {
        qint64 size = 0;
        qint64 modifiedNs = 0;
        quint64 inode = 0;
        bool operator==(const FileStamp&) const = default;
        // The file's stamp now (all zero when it is not there).
        static FileStamp of(const QString& path);
        // The same, or nothing when the file is not there.
        static std::optional<FileStamp> existing(const QString& path);
        // When the file was last modified, in milliseconds since the epoch, or nothing when it is not there. Not
        // QFileInfo::lastModified(), which converts each time to local time and so reads the time zone again (tzset):
        // a third of a listing of 20 000 unchanged sessions.
        static std::optional<qint64> modifiedMs(const QString& path);
        // The newest of the files' modification times (in `known` when it holds a file's), or nothing when none of
        // them is there: a workspace's last change.
        static std::optional<qint64> newestModifiedMs(const QStringList& paths,
                                                      const QHash<QString, qint64>& known = {});
    };

    // In memory only, or kept in `file` (loaded at the first look-up, written by save()).
    explicit SessionCache(QString file = {});
    // Waits for a load preload() started.
    ~SessionCache();
    Q_DISABLE_COPY_MOVE(SessionCache)

    // Starts loading the file on the thread pool, for a caller with other work to do before its first look-up
    // (which then waits for the load, or finds it done).
    void preload();

    // The workspace fields a SessionRef carries, which an entry must have been listed with to be found (a renamed
    // or moved workspace lists its sessions anew): made once for all of a workspace's files.
    static QString workspaceKey(const Workspace& workspace);
    std::optional<SessionRef> find(const QString& path, const FileStamp& stamp, const Workspace& workspace,
                                   const QString& workspaceKey) const;
    void insert(const QString& path, const FileStamp& stamp, const QString& workspaceKey, const SessionRef& ref);
    // What an earlier harvest stored, which knows less of the file: found while the file's size and
    // modification time (to the millisecond) and the workspace's id stay the same.
    void insertHarvested(const QString& path, qint64 size, qint64 modifiedMs, const SessionRef& ref);
    qsizetype size() const;
    // Where the replay of a log stopped (RequestIndex::checkpoint()), so that a listing reads a log that only grew
    // from there. In a file of its own beside the cache's file (written at once, atomically; gone with the log's
    // entry at a save()), or in memory for a cache without a file. Empty when none is kept, or it cannot be read.
    QByteArray checkpoint(const QString& path) const;
    // Keeps `checkpoint` for the log at `path` in the place of the one kept before; an empty one removes it.
    void keepCheckpoint(const QString& path, const QByteArray& checkpoint);
    // Writes what changed since the cache was loaded to its file (atomically; a cache that cannot be
    // written is only slower next time), dropping the entries of files that are gone.
    void save();

private:
    struct Entry
    {
        FileStamp stamp;
        // workspaceKey() of the workspace it was listed in.
        QString workspace;
        // From insertHarvested(): only the size, the millisecond and the workspace's id are compared.
        bool harvested = false;
        // Found unchanged or inserted since the last save: its file was there a moment ago.
        bool current = false;
        SessionRef ref;
    };
    void loadLocked() const;
    // The file of a log's checkpoint, in the folder of them all.
    QString checkpointFile(const QString& path) const;
    QString checkpointFolder() const;
    // Removes the checkpoints of logs the cache has no entry for.
    void removeStrayCheckpoints() const;

    const QString m_file;
    mutable QMutex m_mutex;
    mutable bool m_loaded = false;
    bool m_dirty = false;
    mutable QHash<QString, Entry> m_entries;
    QHash<QString, QByteArray> m_checkpoints; // without a file
    QFuture<void> m_preload;
};

} // namespace chasm
