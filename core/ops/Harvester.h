// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#pragma once

#include "providers/SessionCatalog.h"
#include "store/Database.h"
#include "store/HarvestStore.h"

#include <QMap>

#include <atomic>
#include <functional>

namespace chasm {

// Collects every session of the chosen providers into the harvest database. Files that did not change
// since the last run are not read at all; new and changed sessions are read in parallel on the thread
// pool (a bounded number, and bytes, at a time, so memory stays bounded) while the calling thread, the
// one writer, stores them: each session whole, several per transaction (a big session is read by the writer
// and stored as it is read). A session that cannot be read
// is recorded with its error and retried only when it changes. Sessions that disappeared from their
// tool stay in the database, and so does the content of those whose source shrank (HarvestStore::Shrink).
// One harvest runs at a time on a database, across processes: another waits for it.
class Harvester
{
public:
    struct Failure
    {
        QString path;
        QString error;
    };
    // A session whose source holds less than what is stored: the stored content was kept.
    struct ShrunkSource
    {
        QString sessionId;
        QString path;
        HarvestStore::Shrink shrink;
    };
    struct Summary
    {
        int created = 0;
        int updated = 0;
        int unchanged = 0;
        int failed = 0;
        qint64 sessionsTotal = 0;
        double seconds = 0;
        // Bytes of the sessions read this run.
        qint64 bytesRead = 0;
        bool cancelled = false;
        QList<Failure> errors;
        QList<ShrunkSource> shrunk;
        // New sessions per provider id (for "3 new Claude Code sessions").
        QMap<QString, int> createdByProvider;
        // Sessions stored as they were read, a batch of messages at a time (see Options::streamBytes).
        int streamed = 0;
        // Sessions whose files were kept as they are (Options::keepOriginals), and the files that could not be read
        // for that (the session itself was stored).
        int originalsKept = 0;
        QList<Failure> originalsMissed;
    };
    struct Progress
    {
        int done = 0;
        int total = 0;
        // Of the sessions to read (new or changed); known once listing is over.
        qint64 bytesDone = 0;
        qint64 bytesTotal = 0;
    };
    struct Options
    {
        // Called on the calling thread after listing and then as sessions are stored.
        std::function<void(const Progress&)> progress;
        // When set, the run stops starting new reads, stores what was read, and reports `cancelled`.
        const std::atomic_bool* cancel = nullptr;
        // Called on the calling thread when another harvest is running on the database, before waiting for it.
        std::function<void(const QString&)> waiting;
        // Sessions whose file is larger are stored as they are read, by the writer (HarvestStore::storeRead), not
        // read whole on the pool first: a session read whole takes about four times its file's size.
        qint64 streamBytes = 32ll << 20;
        // Keep the files each session is read from, byte for byte (Originals), so that sync --push can put a session
        // back exactly as its tool wrote it.
        bool keepOriginals = true;
        // New and changed sessions to read and store before the others (those a tool is about to delete).
        std::function<bool(const SessionRef&)> first;
        // Only the sessions of the workspaces it takes (those a watch saw change); empty: every workspace.
        std::function<bool(const Workspace&)> workspaces;
    };

    static Result<Summary> run(const SessionCatalog& catalog, const QList<const Provider*>& providers,
                               const Database& database, const Options& options);

    // Brings sessions exported in the json format (SessionExport::readJson) into the database as they
    // are, every field: the way back for an archive, or into another machine's database. A session
    // stored already with the same content is left as it is; another session under a taken id is
    // stored under "<id>~<8 hex digits of its content's hash>", the same again for the same content.
    // Every file is read before anything is written, and all are stored in one transaction.
    struct Imported
    {
        int created = 0;
        int unchanged = 0;
        QStringList renamed; // "<id> → <new id>"
        QStringList ids;     // the sessions as stored
    };
    static Result<Imported> importExports(const Database& database, const QStringList& files);

    // What a run would do with each session it finds (files unchanged since the last run are not read;
    // the others are read as far as `listing` asks).
    struct Planned
    {
        SessionRef ref;
        HarvestStore::SourceState state;
    };
    static QList<Planned> plan(const SessionCatalog& catalog, const QList<const Provider*>& providers,
                               HarvestStore& store, Listing listing);
    static Result<Summary> run(const SessionCatalog& catalog, const QList<const Provider*>& providers,
                               const Database& database)
    {
        return run(catalog, providers, database, Options());
    }
};

} // namespace chasm
