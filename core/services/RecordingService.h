// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#pragma once

#include "model/Session.h"
#include "providers/SessionCatalog.h"
#include "store/RecordingStore.h"
#include "util/Result.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QDateTime>
#include <QList>
#include <QString>

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include <functional>
#include <memory>
#include <optional>

namespace chasm {

class RecordingWriter;

// One event of a recording client, checked: `{"type": "message_add", "session_id": "…", "seq": 7, …}`.
struct RecordingEvent
{
    QString type; // session_start, session_end, message_add, message_update, message_append, heartbeat
    QString sessionId;
    qint64 seq = 0;
    QDateTime timestamp; // the client's, else when the server received it
    QString title;       // session_start
    QString client;      // session_start's "provider": the recording client
    QString projectPath; // session_start
    QString model;       // session_start, message_add
    QString role;        // message_add
    QString content;     // message_add, message_update, message_append
    QString messageId;   // message_add (optional), message_update, message_append
    // message_add, message_update: how the assistant turn ended, and its error ("complete", "interrupted"…).
    QString status;
    QString error;
    bool hasContent = false; // message_update: whether it replaces the text (it may change only the status)
};

// A whole session a client sends at once (POST /recording/snapshot): it replaces what was recorded of the session up
// to `seq` (the last event it covers; absent: every event received).
struct RecordingSnapshot
{
    QString sessionId;
    std::optional<qint64> seq;
    QString client;
    Session session;
    QList<QString> messageIds; // per message, empty when it has none
};

// Real-time recording (the REST batches, the snapshots and the WebSocket of /recording all come here): events checked,
// stored once per (session, seq) in the harvest database, and each recorded session kept there as a harvested session
// of provider `recording`, which every listing, search and export sees. An event is acknowledged only once committed
// (WAL, synchronous=FULL); the events that arrive while a commit runs are committed together (group commit). Replays
// of events stored are ignored; an event past the next seq is a gap, reported and not stored. Every write goes through
// the service's one writer thread; the callbacks are called there.
class RecordingService
{
public:
    // The largest an event's text may be, an id, a title; the most events one batch may hold.
    static constexpr qsizetype maxContentBytes = 1024 * 1024;
    static constexpr qsizetype maxIdLength = 128;
    static constexpr qsizetype maxTextLength = 4096;
    static constexpr qsizetype maxBatchEvents = 10000;
    static constexpr qsizetype maxSnapshotMessages = 100000;
    // The provider id of recorded sessions, and of chats with a model (chasm run).
    static constexpr QStringView provider = SessionCatalog::recordedProvider;
    static constexpr QStringView chatProvider = SessionCatalog::chatProvider;

    // Records sessions of `provider`: the recording API's (the default) or chasm run's chats (chatProvider).
    explicit RecordingService(QString databasePath, QString provider = SessionCatalog::recordedProvider.toString());
    // Commits what was handed over, then stops.
    ~RecordingService();
    Q_DISABLE_COPY_MOVE(RecordingService)

    // The events of a request or a WebSocket message: one event, an array of them, or {"events": [...]}. Nothing when
    // one of them is not right (the error names it: "event 3: 'seq' must be a whole number from 1").
    static Result<QList<RecordingEvent>> parseEvents(QByteArrayView text);
    static Result<QList<RecordingEvent>> parseEvents(const boost::json::value& value);
    // A client's JSON text, parsed as strictly as the events are (valid UTF-8, nesting up to 32 levels).
    static Result<boost::json::value> parseJson(QByteArrayView text);
    static Result<RecordingEvent> parseEvent(const boost::json::value& value);
    static Result<RecordingSnapshot> parseSnapshot(QByteArrayView text);
    // Whether `id` may name a recorded session: 1 to 128 of A-Z a-z 0-9 . _ : - (not starting with '.').
    static bool isSessionId(QStringView id);

    struct Ack
    {
        QString sessionId;
        qint64 seq = 0; // every event of the session up to it is committed
    };
    struct Gap
    {
        QString sessionId;
        qint64 seq = 0;         // the first event not stored
        qint64 expectedSeq = 0; // what the session needs next
        qint64 dropped = 0;     // how many events of the batch were not stored for it
    };
    struct Outcome
    {
        QList<Ack> acks;
        QList<Gap> gaps;
        std::optional<Error> error; // set: nothing of the batch was stored
    };
    void record(QList<RecordingEvent> events, std::function<void(Outcome)> done);
    void snapshot(RecordingSnapshot snapshot, std::function<void(Outcome)> done);

    // The last seq committed of a session (0: none), after everything handed over before.
    void lastSeq(const QString& sessionId, std::function<void(Result<qint64>)> done);
    void sessions(std::function<void(Result<QList<RecordingStore::SessionState>>)> done);
    struct SessionReport
    {
        RecordingStore::SessionState state;
        Session session;
    };
    // Null when no such session was recorded.
    void session(const QString& sessionId, std::function<void(Result<std::optional<SessionReport>>)> done);

    struct Status
    {
        QString database;
        qint64 eventsReceived = 0;
        qint64 eventsStored = 0;
        qint64 duplicates = 0;
        qint64 gaps = 0;
        qint64 commits = 0;
        qint64 queued = 0; // events handed over, not committed yet
        int sessions = 0;  // recorded sessions kept in memory since the start
        // Recorded sessions whose rows in the harvest tables (listings, search, exports) wait to be written; their
        // events are stored.
        int sessionsBehind = 0;
        QDateTime lastCommit;
        QString lastError;
    };
    Status status() const;
    // Hears, on the writer's thread, of the sessions (their ids, "recording:…") whose rows in the harvest tables a
    // commit changed: with their events, or apart from them for a big session (see Status::sessionsBehind). Set
    // before the first record() or snapshot().
    void setObserver(std::function<void(const QStringList& sessionIds)> observer);

    // The JSON every front end prints.
    static boost::json::object toJson(const Ack& ack);
    static boost::json::object toJson(const Gap& gap);
    static boost::json::object toJson(const RecordingStore::SessionState& state);
    static boost::json::object toJson(const Status& status);
    static boost::json::object toJson(const Outcome& outcome);

private:
    std::unique_ptr<RecordingWriter> m_writer;
};

} // namespace chasm
