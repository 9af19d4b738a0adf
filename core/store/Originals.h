// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#pragma once

#include "store/Database.h"
#include "util/Result.h"

#include <QByteArray>
#include <QIODevice>
#include <QList>
#include <QSet>
#include <QString>
#include <QTemporaryFile>

#include <atomic>
#include <functional>
#include <optional>
#include <thread>
#include <vector>

namespace chasm {

// The files a session was read from, kept in the harvest database byte for byte as the tool wrote them, so that a
// session its tool deleted can be put back exactly (sync --push). A file is kept as chunks, each compressed (zstd)
// and stored once under the SHA-256 of its bytes: a file harvested again unchanged costs nothing more, and a log
// the tool appended to costs its new chunks, because chunks end at the first line end after a mebibyte (or at four
// mebibytes without one), so the chunks before an append keep their bytes and their hashes.
class Originals
{
public:
    struct Chunk
    {
        QByteArray hash; // SHA-256 of the bytes, 32 bytes
        qint64 size = 0;
        QByteArray compressed;
    };
    // A file as read: its size, its modification time, and its chunks in order (only their hashes and sizes when they
    // went to a ChunkSink). The chunks' hashes are the file's identity: its bytes are hashed once, a chunk at a time
    // (hashing the whole file as well cost a 1 GB harvest seconds of its two cores).
    struct File
    {
        QString path;
        qint64 size = 0;
        qint64 modifiedMs = 0;
        std::vector<Chunk> chunks;
    };
    // Receives each chunk as it is read: nothing, or the error that stops the read.
    using ChunkSink = std::function<std::optional<QString>(Chunk&& chunk)>;

    static constexpr qint64 minChunk = 1 << 20;
    static constexpr qint64 maxChunk = 4 << 20;

    // Reads a file into chunks, kept in the File, or handed to `sink` one at a time (so that a file of any size
    // takes a chunk's memory). A chunk whose hash is in `stored` (kept already, see storedChunks()) is only hashed:
    // neither compressed nor handed to the sink, its entry without bytes. A file that cannot be read is an error
    // naming it.
    static Result<File> read(const QString& path, const ChunkSink& sink = {}, const QSet<QByteArray>& stored = {});

    explicit Originals(const Database& database);

    // The steps a writer runs inside its savepoint (see HarvestWriter::atomically); each returns nothing, or the
    // error. The session's kept files become `files`, whose chunks are stored unless stored already (a chunk
    // without its compressed bytes was stored by storeChunk as the file was read, see read()); chunks no longer part
    // of any file are deleted.
    std::optional<QString> keep(const QString& sessionId, const QList<File>& files);
    std::optional<QString> storeChunk(const Chunk& chunk);

    // The hashes of the chunks kept for a session's files: a log harvested again after it grew need not compress
    // again the chunks before the append.
    Result<QSet<QByteArray>> storedChunks(const QString& sessionId) const;
    // What is kept of a session: its files, without their chunks' bytes.
    Result<QList<File>> files(const QString& sessionId) const;
    // The sessions stored from a source read as it is (not failed, nor kept over a source that shrank) of which no
    // file is kept: those harvested before originals were kept.
    Result<QSet<QString>> sessionsWithout() const;
    // Writes a kept file's bytes to `out`, checking each chunk's hash and the file's size: an error names what is
    // damaged.
    std::optional<Error> write(const QString& sessionId, const QString& path, QIODevice& out) const;
    // The same into memory.
    Result<QByteArray> bytes(const QString& sessionId, const QString& path) const;

    struct Totals
    {
        qint64 files = 0;
        qint64 sessions = 0;
        qint64 bytes = 0;  // of the files kept
        qint64 chunks = 0; // distinct
        qint64 stored = 0; // bytes in the database (compressed, deduplicated)
    };
    Result<Totals> totals() const;

private:
    const Database& m_db;
};

// A file read as Originals::read reads it, on a thread of its own, into a spool file in `folder` (the database's: a
// hidden .chasm-spool-* file, removed when done, or by the next harvest after a crash), so that its chunks are
// hashed and compressed while the harvest's one writer stores the session read from the same file; take() then
// hands them to a sink (Originals::storeChunk), one at a time. Read after the session instead, the gigabyte
// session's file took a quarter of its harvest's time, on the writer's thread, with the other core idle.
class OriginalsSpool
{
public:
    // `stored`: as Originals::read takes it.
    OriginalsSpool(const QString& path, const QString& folder, QSet<QByteArray> stored = {});
    ~OriginalsSpool();
    Q_DISABLE_COPY_MOVE(OriginalsSpool)

    // Waits for the read; then hands each chunk to `sink` and returns the file, its chunks without their bytes (as
    // Originals::read does with a sink); or the error that stopped the read or the sink. Without a spool file (it
    // could not be made), the file is read now.
    Result<Originals::File> take(const Originals::ChunkSink& sink);

private:
    const QString m_path;
    const QSet<QByteArray> m_stored;
    QTemporaryFile m_spool;
    std::atomic<bool> m_stop = false;
    std::optional<Result<Originals::File>> m_read; // the thread's, until it ends
    std::thread m_thread;                          // last: it starts once the rest is made
};

} // namespace chasm
