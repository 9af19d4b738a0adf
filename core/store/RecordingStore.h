// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#pragma once

#include "store/Database.h"

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace chasm {

// The recording tables of the harvest database: every event a recording client sent, once per (session, seq), and
// each recorded session's state (its client, the last seq stored, its latest snapshot). The tables are made on the
// first recording (a database that never recorded has none); the rows of the session itself are HarvestWriter's.
class RecordingStore
{
public:
    explicit RecordingStore(const Database& database);

    struct SessionState
    {
        QString sessionId; // the client's id, without "recording:"
        QString client;    // the recording client ("vscode-extension"); for a chat, the model's provider ("ollama")
        // The provider id of the session it makes: "recording" (the recording API), "chasm" (a chat of chasm run).
        QString provider = QStringLiteral("recording");
        qint64 lastSeq = 0;
        qint64 events = 0;
        QDateTime startedAt;
        QDateTime updatedAt;
        QDateTime endedAt; // invalid while it records
        // The latest snapshot (POST /recording/snapshot, a session's JSON as shapes::session writes it) and the seq
        // it covers: the session is the snapshot and the events after it.
        QByteArray snapshot;
        qint64 snapshotSeq = 0;
        // Whether the session's rows in the harvest tables (what listings, search and exports read) lag behind its
        // events: those of a big session are written apart from them (see RecordingService), and again after a
        // crash came between.
        bool stale = false;
    };
    struct Event
    {
        qint64 seq = 0;
        QByteArray json;
    };

    // Makes the tables when they are missing; every later commit on this connection is synchronous=FULL (WAL), so
    // that what is committed survives the machine losing power, not only the process dying.
    std::optional<Error> prepareForWriting() const;
    // Whether anything was ever recorded in this database.
    Result<bool> exists() const;

    // Inside a transaction the caller holds (HarvestWriter::begin): nothing, or the error.
    std::optional<QString> addEvent(const QString& sessionId, qint64 seq, const QString& type,
                                    const QByteArray& json) const;
    // The snapshot column is written only `withSnapshot` (when the snapshot changed).
    std::optional<QString> saveState(const SessionState& state, bool withSnapshot) const;

    Result<QList<SessionState>> sessions() const;
    Result<std::optional<SessionState>> session(const QString& sessionId) const;
    // The ids of one provider's sessions that are stale.
    Result<QStringList> staleSessions(const QString& provider) const;
    // The events of a session after `afterSeq`, in seq order.
    Result<QList<Event>> events(const QString& sessionId, qint64 afterSeq) const;

private:
    const Database& m_db;
};

} // namespace chasm
