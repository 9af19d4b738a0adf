// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#pragma once

#include "model/Session.h"
#include "model/SessionRef.h"
#include "model/SessionSink.h"
#include "store/Database.h"

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QString>

#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <variant>

namespace chasm {

// Writes the harvest tables of a Database: the sessions stored, the sources they were read from, and the runs.
// Each session is written whole inside a savepoint, so that a crash leaves every session either as it was or as
// it is now, whether or not the caller groups several sessions into one transaction (which the harvester does, for
// speed). Inside such a transaction the messages of the sessions stored reach messages_v2 (and the index) at
// commit().
class HarvestWriter
{
public:
    explicit HarvestWriter(const Database& database);
    ~HarvestWriter();
    Q_DISABLE_COPY_MOVE(HarvestWriter)

    enum class Outcome
    {
        New,
        Updated,
        // The file changed (it was touched, or rewritten the same) but the session did not.
        Unchanged,
        // The source holds less than the stored session (see Shrink): the stored content stays.
        Kept,
    };
    // A source that now holds fewer messages than its stored session, or ends earlier: a crash truncated a
    // transcript, a tool rewrote its file with less. The database is where history outlives the tools, so the stored
    // session stays as it is, in a checkpoint too (the latest, if it holds that content already), which keeps it
    // when a source that grows again replaces it. The source is remembered as read, so that it is not read again
    // until it changes.
    struct Shrink
    {
        int storedMessages = 0;
        int sourceMessages = 0;
        int checkpoint = 0; // the number of the checkpoint that holds the stored content
        QString reason;     // "source shrank: kept the 3 stored messages (the source now has 1)"
    };

    enum class SourceState
    {
        New,
        Changed,
        // Harvested (or failed) as it is now: same size, last activity and message count. Unchanged
        // sessions are not read again, failed ones not retried.
        Unchanged,
    };
    // A file that was only touched has its new modification time remembered, so that the next run
    // need not read it.
    SourceState sourceState(const SessionRef& ref);
    // A session with its stored form (the normalized JSON compressed, the JSON's size and its hash), made on
    // any thread so that the one writer does not have to.
    struct Prepared
    {
        Session session;
        QByteArray data;
        qint64 jsonBytes = 0;
        QString hash;
    };
    static Prepared prepare(Session session);
    // `shrink` hears why a session was Kept.
    Result<Outcome> store(const SessionRef& ref, const Prepared& prepared, Shrink* shrink = nullptr);
    // Stores a session as a reader hands it to a sink (Provider::read): its rows are written a batch of messages at
    // a time, and its stored form is made as the batches come, so that a session of any size is stored without
    // being held whole (only its compressed JSON is, until it is written). What is stored is what store() stores
    // of the same session read whole, its hash included; the JSON is compressed in frames of a megabyte (see
    // TextCompressor), which read back the same. `read` hands the session to the sink and returns the error that
    // stopped it. `ref` is described from the session's header when it was not yet (see describe()).
    using Read = std::function<std::optional<Error>(SessionSink& sink)>;
    // What storeRead() did: the outcome, or why the source could not be read (then it wrote nothing).
    using ReadOutcome = std::variant<Outcome, Error>;
    Result<ReadOutcome> storeRead(SessionRef& ref, const Read& read, Shrink* shrink = nullptr);
    std::optional<Error> recordFailure(const SessionRef& ref, const QString& error);

    // What earlier runs saw of each session file (one file, one session): the listing as it was, with
    // the file's size and modification time, so that a run can skip reading files that did not change.
    struct KnownSource
    {
        SessionRef ref;
        qint64 fileModifiedMs = 0;
    };
    QList<KnownSource> knownSources() const;
    // Every file sessions were harvested from (a session file, or a tool's database), with its
    // modification time as last seen (ms since the epoch; 0 when unknown).
    struct SourceFile
    {
        QString path;
        qint64 modifiedMs = 0;
    };
    QList<SourceFile> sourceFiles() const;

    // Groups the following writes into one transaction (each session still in its own savepoint).
    std::optional<Error> begin();
    std::optional<Error> commit();
    void rollback();

    // Runs `body` inside a savepoint: all of its writes or none. `body` returns the error, if any. Outside begin()
    // and commit(), that is a transaction of its own.
    std::optional<Error> atomically(const std::function<std::optional<QString>()>& body);
    // Writes a session's rows (the caller holds the savepoint, see atomically()): nothing, or the error.
    std::optional<QString> writeSession(const SessionRef& ref, const Session& session, const QByteArray& data,
                                        const QString& hash, bool existed);

    // Re-creates the full-text index from the messages.
    std::optional<Error> rebuildIndex();
    // Records a finished run (for `harvest status`).
    std::optional<Error> recordRun(const QDateTime& started, int created, int updated, int unchanged, int failed);

private:
    struct Statements;
    class ReadSink;
    // A session's rows, written as writeSession() writes them (the caller holds the savepoint): begun for a session
    // stored before or not; a batch of its messages from `seq` on, with their tool calls; the end, with the number
    // of messages and the files, and every row still waiting; the rows waiting forgotten. Nothing, or the error.
    // The rows of a session stored before are written over: those of a message, its tool calls and the files that
    // are stored as they would be written stay as they are (their ids, and their entries in the index), and only
    // the others are replaced, so that a session that grew costs its new messages, not all of them again.
    std::optional<QString> beginRows(const QString& id, bool existed);
    std::optional<QString> writeMessages(const QString& id, qint64 seq, std::span<const Message> messages);
    std::optional<QString> writeRowsEnd(const QString& id, qint64 messages, const QStringList& files);
    void discardRows();
    // One message's rows, added (not compared); the rows of a session stored before, all of them.
    std::optional<QString> writeMessage(const QString& id, qint64 seq, const Message& message);
    std::optional<QString> clearSession(const QString& id);
    // Moves the staged messages into messages_v2: nothing, or the error.
    std::optional<QString> moveStaged();
    // Sets the connection up for writing, once: nothing, or the error.
    std::optional<QString> prepareConnection();
    Statements& statements();

    const Database& m_db;
    std::unique_ptr<Statements> m_statements;
    bool m_inTransaction = false;
    bool m_connectionPrepared = false;
    // Whether the rows written are compared with those stored (see beginRows()).
    bool m_overStored = false;
};

} // namespace chasm
