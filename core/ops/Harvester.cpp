// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#include "Harvester.h"

#include "PendingSessions.h"

#include "export/SessionExport.h"
#include "store/Originals.h"
#include "util/Allocator.h"

#include <QElapsedTimer>
#include <QFileInfo>
#include <QLockFile>
#include <QMutex>
#include <QSet>
#include <QThreadPool>
#include <QWaitCondition>

#include <algorithm>
#include <deque>
#include <map>

using namespace Qt::StringLiterals;

namespace chasm {

namespace {

// The chunks of a session's files kept already (those before a log's append), which a read only hashes again: none
// when they cannot be told, and every chunk is then compressed, as for a new session.
QSet<QByteArray> keptChunks(const Originals& originals, const QString& sessionId)
{
    auto stored = originals.storedChunks(sessionId);
    return stored ? std::move(stored).value() : QSet<QByteArray>();
}

// Sessions read (and prepared for storing) on the pool and waiting for the writer. At most `maxSessions` reads (and,
// beyond the first, `maxBytes` of files) are under way or waiting, which bounds memory whatever the corpus size: a
// session takes about four times its file's size while it is read and prepared (its text in UTF-16, the parsed
// records, its normalized JSON). With many small sessions the count is the bound that matters: at 64 the writer
// waited 2–3 s of a 26 s harvest of 1 GB for sessions to be read, at 256 under 1 s. Three times the bytes saved
// another half second, not worth three times the memory when several huge sessions are read at once. Since the index
// keeps word starts (schema 8) the writer is the slower by far, and 8 MiB of files instead of 32 keep it as busy: a
// 1 GB harvest peaked at 226-230 MiB against 233-240, in 64-71 s against 71-76 (alternating runs).
//
// A session whose file is larger than `streamBytes` is not read here: it is handed on as it is (without a read, see
// take()), for the writer to store as it reads it.
class ReadQueue
{
public:
    // A session read, with its ref: prepared, or why it could not be read; nothing when the writer is to read it. With
    // the files it was read from, as they are (when originals are kept), or why they could not be read.
    struct Read
    {
        SessionRef ref;
        std::optional<Result<HarvestStore::Prepared>> session;
        QList<Originals::File> originals;
        QString originalsError;
    };

    // `originals`: where the files read are kept (nowhere when null); asked, on the writer's thread, which chunks of a
    // session's files are kept already, so that a read compresses only the others.
    ReadQueue(const SessionCatalog& catalog, PendingSessions& refs, qint64 streamBytes, const Originals* originals)
        : m_catalog(catalog)
        , m_refs(refs)
        , m_streamBytes(streamBytes)
        , m_originals(originals)
    {}
    ~ReadQueue() { drain(); }

    // Starts reads while the bounds allow; false once every read was started. Each read takes its ref from the
    // pending sessions (the writer gets it back with the read).
    bool fill(bool stop)
    {
        const QMutexLocker lock(&m_mutex);
        while (!stop && m_next < m_refs.size() && m_pending < maxSessions &&
               (m_pending == 0 || m_bytes + m_refs.sizeBytes(m_next) <= maxBytes)) {
            const qsizetype index = m_next++;
            ++m_pending;
            auto ref = std::make_shared<SessionRef>(m_refs.take(index));
            if (ref->sizeBytes > m_streamBytes) {
                m_done.emplace(index, Read{std::move(*ref), std::nullopt, {}, {}});
                continue;
            }
            m_bytes += ref->sizeBytes;
            QSet<QByteArray> stored = m_originals ? keptChunks(*m_originals, ref->id) : QSet<QByteArray>();
            QThreadPool::globalInstance()->start([this, ref, index, stored = std::move(stored)] {
                Result<Session> session = m_catalog.load(*ref);
                Result<HarvestStore::Prepared> prepared =
                    session ? Result<HarvestStore::Prepared>(HarvestStore::prepare(std::move(session).value()))
                            : Result<HarvestStore::Prepared>(session.error());
                Read read{{}, std::nullopt, {}, {}};
                if (prepared && m_originals) {
                    for (const QString& path : m_catalog.originalFiles(*ref)) {
                        auto file = Originals::read(path, {}, stored);
                        if (!file) {
                            read.originals.clear();
                            read.originalsError = file.error().message;
                            break;
                        }
                        read.originals.append(std::move(file).value());
                    }
                }
                read.ref = std::move(*ref);
                read.session = std::move(prepared);
                const QMutexLocker lock(&m_mutex);
                m_done.emplace(index, std::move(read));
                m_ready.wakeOne();
            });
        }
        return !stop && m_next < m_refs.size();
    }
    bool idle() const
    {
        const QMutexLocker lock(&m_mutex);
        return m_pending == 0;
    }
    // Waits for the next read in the order they were started, and takes it with the finished ones that follow it:
    // sessions are stored in that order (those asked for first, then the oldest first), whichever read ends first.
    std::deque<Read> take()
    {
        QMutexLocker lock(&m_mutex);
        while (m_done.empty() || m_done.begin()->first != m_taken) {
            m_ready.wait(&m_mutex);
        }
        std::deque<Read> done;
        while (!m_done.empty() && m_done.begin()->first == m_taken) {
            Read& read = m_done.begin()->second;
            --m_pending;
            m_bytes -= read.session ? read.ref.sizeBytes : 0;
            done.push_back(std::move(read));
            m_done.erase(m_done.begin());
            ++m_taken;
        }
        return done;
    }
    void drain()
    {
        while (!idle()) {
            take();
        }
    }

private:
    static constexpr int maxSessions = 256;
    static constexpr qint64 maxBytes = 8ll << 20;

    const SessionCatalog& m_catalog;
    PendingSessions& m_refs; // taken by fill() under the mutex
    mutable QMutex m_mutex;
    QWaitCondition m_ready;
    const qint64 m_streamBytes;
    const Originals* const m_originals;
    std::map<qsizetype, Read> m_done; // finished, by the order they were started in
    qsizetype m_next = 0;
    qsizetype m_taken = 0; // the next to hand to the writer
    int m_pending = 0;
    qint64 m_bytes = 0;
};

} // namespace

namespace {

// The sessions of the providers, handed to `take` a few workspaces at a time as they are listed. What earlier runs read
// is not read again: the listing takes it from the database when the file's size and modification time are the same.
// Listed all at once, a cold harvest of 252 620 sessions held a SessionRef of each (a dozen strings) before it kept the
// first in PendingSessions: the peak of its memory, 377 MiB in its first three seconds; 281 MiB listed this way.
void listSessions(const SessionCatalog& catalog, const QList<const Provider*>& providers, const HarvestStore& store,
                  Listing listing, const std::function<bool(const Workspace&)>& chosen,
                  const std::function<void(QList<SessionRef>&&)>& take)
{
    SessionCache known;
    for (const HarvestStore::KnownSource& source : store.knownSources()) {
        known.insertHarvested(source.ref.path, source.ref.sizeBytes, source.fileModifiedMs, source.ref);
    }
    QList<Workspace> workspaces = catalog.workspaces(providers);
    if (chosen) {
        workspaces.removeIf([&chosen](const Workspace& workspace) { return !chosen(workspace); });
    }
    constexpr qsizetype workspacesAtOnce = 16;
    for (qsizetype from = 0; from < workspaces.size(); from += workspacesAtOnce) {
        take(catalog.sessions(providers, workspaces.mid(from, workspacesAtOnce), known, listing));
    }
}

} // namespace

QList<Harvester::Planned> Harvester::plan(const SessionCatalog& catalog, const QList<const Provider*>& providers,
                                          HarvestStore& store, Listing listing)
{
    QList<Planned> planned;
    listSessions(catalog, providers, store, listing, {}, [&](QList<SessionRef>&& listed) {
        for (SessionRef& ref : listed) {
            const HarvestStore::SourceState state = store.sourceState(ref);
            planned.append({std::move(ref), state});
        }
    });
    return planned;
}

namespace {

// Keeps the files a session stored was read from: those read with it on the pool, or, for a session the writer read
// as it stored it, its file read into `spool` meanwhile (or now, without one) a chunk at a time. A file that could not
// be read leaves the session's kept files as they were, and is told in the summary; only a database error stops the
// run.
std::optional<Error> keepOriginals(HarvestStore& store, Originals& originals, const SessionCatalog& catalog,
                                   const ReadQueue::Read& read, OriginalsSpool* spool, Harvester::Summary& summary)
{
    const QString id = read.session ? (*read.session)->session.id : read.ref.id;
    QString unreadable = read.originalsError;
    bool kept = false;
    const auto error = store.atomically([&]() -> std::optional<QString> {
        if (read.session) {
            kept = !read.originals.isEmpty();
            return kept ? originals.keep(id, read.originals) : std::nullopt;
        }
        const QStringList files = catalog.originalFiles(read.ref);
        if (files.size() != 1) {
            return std::nullopt;
        }
        const auto keep = [&originals](Originals::Chunk&& chunk) { return originals.storeChunk(chunk); };
        auto file = spool ? spool->take(keep) : Originals::read(files.first(), keep);
        if (!file) {
            unreadable = file.error().message;
            return std::nullopt;
        }
        kept = true;
        return originals.keep(id, {*file});
    });
    if (!unreadable.isEmpty()) {
        summary.originalsMissed.append({read.ref.path, unreadable});
    } else if (kept && !error) {
        ++summary.originalsKept;
    }
    return error;
}

} // namespace

Result<Harvester::Summary> Harvester::run(const SessionCatalog& catalog, const QList<const Provider*>& providers,
                                          const Database& database, const Options& options)
{
    Summary summary;
    const auto cancelled = [&options] { return options.cancel && options.cancel->load(); };
    // One harvest at a time on a database, whoever runs it (the command line, the app, a scheduled run): the second
    // waits for the first and then finds unchanged what the first stored. Run together, both read every file, and
    // the second failed when it found the database locked.
    QLockFile lock(database.path() + u".harvest-lock"_s);
    lock.setStaleLockTime(0); // stale only when its process is gone, however long a harvest takes
    if (!lock.tryLock(0)) {
        if (lock.error() == QLockFile::LockFailedError && options.waiting) {
            qint64 pid = 0;
            QString host, application;
            lock.getLockInfo(&pid, &host, &application);
            options.waiting(u"another harvest is running on %1 (%2, process %3); waiting for it to finish…"_s.arg(
                database.path(), QFileInfo(application).fileName(), QString::number(pid)));
        }
        while (!lock.tryLock(200)) {
            if (lock.error() != QLockFile::LockFailedError) {
                return Error{u"cannot create %1.harvest-lock, which keeps harvests from running together: %2"_s.arg(
                    database.path(),
                    lock.error() == QLockFile::PermissionError ? u"permission denied"_s : u"unknown error"_s)};
            }
            if (cancelled()) {
                summary.cancelled = true;
                return summary;
            }
        }
    }
    QElapsedTimer timer;
    timer.start();
    const QDateTime started = QDateTime::currentDateTimeUtc();
    HarvestStore store(database);

    if (auto error = store.begin()) {
        return *error;
    }
    // Sessions harvested before their files were kept are read again once, while their tool still has them.
    Originals originals(database);
    QSet<QString> withoutOriginals;
    if (options.keepOriginals) {
        auto missing = originals.sessionsWithout();
        if (!missing) {
            store.rollback();
            return missing.error();
        }
        withoutOriginals = std::move(missing).value();
    }
    PendingSessions changed;
    const auto fail = [&](const SessionRef& ref, const QString& error) -> std::optional<Error> {
        ++summary.failed;
        summary.errors.append({ref.path, error});
        return store.recordFailure(ref, error);
    };
    // New and changed files are only listed here: each is read once, below, and described from that read.
    // Each listed ref is planned as plan() does, and freed as soon as it is: the sessions to read are kept in
    // PendingSessions, and the others not at all. (A list of Planned beside the listing took 80 MB more at 214 000
    // sessions, the peak of a 9 GB harvest.)
    Progress progress{0, 0, 0, 0};
    std::optional<Error> failed; // a database error: the rest of the listing is not looked at
    listSessions(catalog, providers, store, Listing::FilesOnly, options.workspaces, [&](QList<SessionRef>&& listed) {
        progress.total += int(listed.size());
        for (SessionRef& ref : listed) {
            if (failed) {
                return;
            }
            HarvestStore::SourceState state = store.sourceState(ref);
            if (state == HarvestStore::SourceState::Unchanged && withoutOriginals.contains(ref.id) &&
                !catalog.originalFiles(ref).isEmpty()) {
                state = HarvestStore::SourceState::Changed;
            }
            if (state == HarvestStore::SourceState::Unchanged) {
                ++summary.unchanged;
            } else if (!ref.error.isEmpty()) {
                failed = fail(ref, ref.error);
            } else {
                progress.bytesTotal += ref.sizeBytes;
                const bool first = options.first && options.first(ref);
                changed.append(std::move(ref), first);
            }
            ref = {};
        }
    });
    if (failed) {
        store.rollback();
        return *failed;
    }
    if (auto error = store.commit()) {
        return *error;
    }
    // Oldest first, so that message ids grow with time (search looks back from the newest), after those asked for
    // first.
    changed.sortByUpdate();
    progress.done = summary.unchanged + summary.failed;
    if (options.progress) {
        options.progress(progress);
    }

    // Several sessions per transaction (each in its own savepoint): committing each alone would
    // spend most of the time syncing the WAL. A crash loses at most the last half second of work,
    // which the next run redoes.
    constexpr int batchSessions = 256;
    constexpr qint64 batchMs = 500;
    ReadQueue queue(catalog, changed, options.streamBytes, options.keepOriginals ? &originals : nullptr);
    QElapsedTimer batch;
    int inBatch = 0;
    bool more = queue.fill(cancelled());
    while (more || !queue.idle()) {
        for (ReadQueue::Read& read : queue.take()) {
            SessionRef& ref = read.ref;
            const std::optional<Result<HarvestStore::Prepared>>& loaded = read.session;
            if (inBatch == 0) {
                if (auto error = store.begin()) {
                    return *error;
                }
                batch.start();
            }
            ++inBatch;
            // The outcome of a session stored, or why it could not be read.
            Result<HarvestStore::ReadOutcome> stored = HarvestStore::ReadOutcome(HarvestStore::Outcome::New);
            HarvestStore::Shrink shrink;
            // The file of a session read as it is stored is read for its originals meanwhile, on another thread.
            std::optional<OriginalsSpool> spool;
            if (!loaded && options.keepOriginals) {
                if (const QStringList files = catalog.originalFiles(ref); files.size() == 1) {
                    spool.emplace(files.first(), QFileInfo(database.path()).absolutePath(),
                                  keptChunks(originals, ref.id));
                }
            }
            if (!loaded) {
                ++summary.streamed;
                stored = store.storeRead(
                    ref, [&catalog, source = ref](SessionSink& sink) { return catalog.read(source, sink); }, &shrink);
            } else if (!*loaded) {
                stored = HarvestStore::ReadOutcome(loaded->error());
            } else {
                if (!ref.described) {
                    describe(ref, (*loaded)->session);
                }
                auto outcome = store.store(ref, loaded->value(), &shrink);
                stored = outcome ? Result<HarvestStore::ReadOutcome>(*outcome) : outcome.error();
            }
            std::optional<Error> error;
            if (!stored) {
                error = stored.error();
            } else if (const auto* unreadable = std::get_if<Error>(&*stored)) {
                error = fail(ref, unreadable->message);
            } else {
                switch (std::get<HarvestStore::Outcome>(*stored)) {
                case HarvestStore::Outcome::New:
                    ++summary.created;
                    ++summary.createdByProvider[ref.provider];
                    break;
                case HarvestStore::Outcome::Updated:
                    ++summary.updated;
                    break;
                case HarvestStore::Outcome::Unchanged:
                    ++summary.unchanged;
                    break;
                case HarvestStore::Outcome::Kept:
                    summary.shrunk.append({ref.id, ref.path, shrink});
                    break;
                }
            }
            // The files the session was read from, unless its stored content was kept over a source that shrank.
            const bool storedSource = !error && stored && std::holds_alternative<HarvestStore::Outcome>(*stored) &&
                                      std::get<HarvestStore::Outcome>(*stored) != HarvestStore::Outcome::Kept;
            if (storedSource && options.keepOriginals) {
                error = keepOriginals(store, originals, catalog, read, spool ? &*spool : nullptr, summary);
            }
            if (error) {
                store.rollback();
                return *error;
            }
            summary.bytesRead += ref.sizeBytes;
            progress.bytesDone += ref.sizeBytes;
            ++progress.done;
        }
        if (inBatch >= batchSessions || batch.elapsed() >= batchMs) {
            if (auto error = store.commit()) {
                return *error;
            }
            inBatch = 0;
            // What the batch's sessions took while they were read and stored is free now, but glibc keeps the pages
            // of memory freed between blocks still in use in its arenas: without this, a harvest's memory grew with
            // every batch to what the busiest moments had needed.
            releaseFreeMemory();
        }
        if (options.progress) {
            options.progress(progress);
        }
        more = queue.fill(cancelled());
    }
    if (inBatch > 0) {
        if (auto error = store.commit()) {
            return *error;
        }
    }
    summary.cancelled = cancelled() && progress.done < progress.total;
    if (auto error = store.recordRun(started, summary.created, summary.updated, summary.unchanged, summary.failed)) {
        return *error;
    }
    // The run's pages are copied from the write-ahead log into the database file, and the log is emptied:
    // readers that find the log empty read the file alone (searches right after a cold harvest took half
    // as long again while the log still held its last 100 MB), and no 100 MB log lingers beside the file.
    // Readers still at work are waited for, up to the busy timeout; then the log is left for SQLite's own
    // checkpoints, which is not an error.
    if (auto error = database.execute({u"PRAGMA wal_checkpoint(TRUNCATE)"_s})) {
        return *error;
    }
    const auto totals = store.totals();
    summary.sessionsTotal = totals ? totals->sessions : 0;
    summary.seconds = double(timer.elapsed()) / 1000.0;
    releaseFreeMemory(); // the app goes on running
    return summary;
}

Result<Harvester::Imported> Harvester::importExports(const Database& database, const QStringList& files)
{
    QList<std::pair<QString, Session>> read; // each session with its file
    for (const QString& file : files) {
        auto sessions = SessionExport::readJson(file);
        if (!sessions) {
            return sessions.error();
        }
        for (Session& session : *sessions) {
            if (session.provider.isEmpty() || session.id.isEmpty()) {
                return Error{u"%1: session %2 names no provider"_s.arg(file, session.id)};
            }
            read.append({file, std::move(session)});
        }
    }
    HarvestStore store(database);
    if (auto error = store.begin()) {
        return *error;
    }
    Imported imported;
    for (auto& [file, session] : read) {
        HarvestStore::Prepared prepared = HarvestStore::prepare(std::move(session));
        auto stored = store.contentHash(prepared.session.id);
        if (stored && *stored != prepared.hash) {
            Session renamed = std::move(prepared.session);
            const QString was = renamed.id;
            renamed.nativeId += u'~' + prepared.hash.left(8);
            renamed.id = renamed.provider + u':' + renamed.nativeId;
            imported.renamed << was + u" → "_s + renamed.id;
            prepared = HarvestStore::prepare(std::move(renamed));
            stored = store.contentHash(prepared.session.id); // imported under this id before?
        }
        imported.ids << prepared.session.id;
        if (stored == prepared.hash) {
            ++imported.unchanged;
            continue;
        }
        SessionRef ref;
        ref.id = prepared.session.id;
        ref.provider = prepared.session.provider;
        ref.nativeId = prepared.session.nativeId;
        ref.workspace = prepared.session.workspace;
        ref.path = file;
        ref.format = u"json"_s;
        ref.sizeBytes = prepared.jsonBytes;
        describe(ref, prepared.session);
        auto outcome = store.store(ref, prepared);
        if (!outcome) {
            store.rollback();
            return outcome.error();
        }
        ++imported.created;
    }
    if (auto error = store.commit()) {
        return *error;
    }
    return imported;
}

} // namespace chasm
