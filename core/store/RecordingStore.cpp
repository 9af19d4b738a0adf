// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#include "RecordingStore.h"

#include "util/IsoTime.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

#include <utility>

using namespace Qt::StringLiterals;

namespace chasm {

namespace {

// The event's JSON as the client sent it (checked, and written again in a stable form): replayed in seq order, it
// makes the session again. WITHOUT ROWID: rows are kept in (session_id, seq) order, which is how they are read.
const QStringList tables = {
    uR"(CREATE TABLE IF NOT EXISTS recording_sessions (
        session_id TEXT PRIMARY KEY,
        client TEXT,
        last_seq INTEGER NOT NULL,
        events INTEGER NOT NULL,
        started_at TEXT,
        updated_at TEXT NOT NULL,
        ended_at TEXT,
        snapshot BLOB,
        snapshot_seq INTEGER NOT NULL DEFAULT 0,
        provider TEXT,
        stale INTEGER NOT NULL DEFAULT 0))"_s,
    uR"(CREATE TABLE IF NOT EXISTS recording_events (
        session_id TEXT NOT NULL,
        seq INTEGER NOT NULL,
        type TEXT NOT NULL,
        event TEXT NOT NULL,
        received_at TEXT NOT NULL,
        PRIMARY KEY (session_id, seq)) WITHOUT ROWID)"_s,
};

QVariant nullIfInvalid(const QDateTime& time)
{
    return time.isValid() ? QVariant(isoUtc(time, TimePrecision::Milliseconds)) : QVariant();
}

QDateTime timeOf(const QVariant& value)
{
    return value.isNull() ? QDateTime() : QDateTime::fromString(value.toString(), Qt::ISODateWithMs);
}

const QString stateColumns = u"session_id, client, last_seq, events, started_at, updated_at, ended_at, snapshot, "
                             u"snapshot_seq, provider, stale"_s;
// Columns made after the first recording tables, with their definition.
const QList<std::pair<QString, QString>> laterColumns = {
    // Before chats were recorded, every session was the recording API's.
    {u"provider"_s, u"provider TEXT"_s},
    // Before the rows of big sessions were written apart from their events, they were always in step.
    {u"stale"_s, u"stale INTEGER NOT NULL DEFAULT 0"_s},
};

RecordingStore::SessionState stateOf(const QSqlQuery& query)
{
    RecordingStore::SessionState state;
    state.sessionId = query.value(0).toString();
    state.client = query.value(1).toString();
    state.lastSeq = query.value(2).toLongLong();
    state.events = query.value(3).toLongLong();
    state.startedAt = timeOf(query.value(4));
    state.updatedAt = timeOf(query.value(5));
    state.endedAt = timeOf(query.value(6));
    state.snapshot = query.value(7).toByteArray();
    state.snapshotSeq = query.value(8).toLongLong();
    if (!query.value(9).isNull()) {
        state.provider = query.value(9).toString();
    }
    state.stale = query.value(10).toBool();
    return state;
}

} // namespace

RecordingStore::RecordingStore(const Database& database)
    : m_db(database)
{}

std::optional<Error> RecordingStore::prepareForWriting() const
{
    if (auto error = m_db.execute(tables + QStringList{u"PRAGMA synchronous=FULL"_s})) {
        return error;
    }
    QSqlQuery query(m_db.connection());
    if (!query.exec(u"SELECT name FROM pragma_table_info('recording_sessions')"_s)) {
        return Error{u"cannot read %1: %2"_s.arg(m_db.path(), query.lastError().text())};
    }
    QStringList present;
    while (query.next()) {
        present << query.value(0).toString();
    }
    QStringList added;
    for (const auto& [name, definition] : laterColumns) {
        if (!present.contains(name)) {
            added << u"ALTER TABLE recording_sessions ADD COLUMN %1"_s.arg(definition);
        }
    }
    return added.isEmpty() ? std::nullopt : m_db.execute(added);
}

Result<bool> RecordingStore::exists() const
{
    QSqlQuery query(m_db.connection());
    if (!query.exec(u"SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'recording_sessions'"_s)) {
        return Error{u"cannot read %1: %2"_s.arg(m_db.path(), query.lastError().text())};
    }
    return query.next();
}

std::optional<QString> RecordingStore::addEvent(const QString& sessionId, qint64 seq, const QString& type,
                                                const QByteArray& json) const
{
    QSqlQuery query(m_db.connection());
    query.prepare(u"INSERT INTO recording_events (session_id, seq, type, event, received_at) VALUES (?, ?, ?, ?, ?)"_s);
    query.addBindValue(sessionId);
    query.addBindValue(seq);
    query.addBindValue(type);
    query.addBindValue(QString::fromUtf8(json));
    query.addBindValue(isoUtc(QDateTime::currentDateTimeUtc(), TimePrecision::Milliseconds));
    if (!query.exec()) {
        return query.lastError().text();
    }
    return std::nullopt;
}

std::optional<QString> RecordingStore::saveState(const SessionState& state, bool withSnapshot) const
{
    QSqlQuery query(m_db.connection());
    // Without the snapshot, which stays as it is stored: written at each commit, a big one cost its size each time.
    query.prepare(
        withSnapshot ? u"INSERT OR REPLACE INTO recording_sessions (%1) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"_s.arg(
                           stateColumns)
                     : u"INSERT INTO recording_sessions (%1) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                       u"ON CONFLICT (session_id) DO UPDATE SET client = excluded.client, last_seq = "
                       u"excluded.last_seq, events = excluded.events, started_at = excluded.started_at, "
                       u"updated_at = excluded.updated_at, ended_at = excluded.ended_at, provider = "
                       u"excluded.provider, stale = excluded.stale"_s.arg(stateColumns));
    query.addBindValue(state.sessionId);
    query.addBindValue(state.client.isEmpty() ? QVariant() : QVariant(state.client));
    query.addBindValue(state.lastSeq);
    query.addBindValue(state.events);
    query.addBindValue(nullIfInvalid(state.startedAt));
    query.addBindValue(isoUtc(state.updatedAt, TimePrecision::Milliseconds));
    query.addBindValue(nullIfInvalid(state.endedAt));
    query.addBindValue(state.snapshot.isNull() ? QVariant() : QVariant(state.snapshot));
    query.addBindValue(state.snapshotSeq);
    query.addBindValue(state.provider);
    query.addBindValue(state.stale ? 1 : 0);
    if (!query.exec()) {
        return query.lastError().text();
    }
    return std::nullopt;
}

Result<QList<RecordingStore::SessionState>> RecordingStore::sessions() const
{
    const auto present = exists();
    if (!present) {
        return present.error();
    }
    QList<SessionState> states;
    if (!*present) {
        return states;
    }
    QSqlQuery query(m_db.connection());
    query.setForwardOnly(true);
    // Without their snapshots: a listing does not need them.
    if (!query.exec(u"SELECT session_id, client, last_seq, events, started_at, updated_at, ended_at, NULL, "
                    u"snapshot_seq, provider, stale FROM recording_sessions ORDER BY updated_at DESC, session_id"_s)) {
        return Error{u"cannot read %1: %2"_s.arg(m_db.path(), query.lastError().text())};
    }
    while (query.next()) {
        states << stateOf(query);
    }
    return states;
}

Result<std::optional<RecordingStore::SessionState>> RecordingStore::session(const QString& sessionId) const
{
    const auto present = exists();
    if (!present) {
        return present.error();
    }
    if (!*present) {
        return std::optional<SessionState>();
    }
    QSqlQuery query(m_db.connection());
    query.prepare(u"SELECT %1 FROM recording_sessions WHERE session_id = ?"_s.arg(stateColumns));
    query.addBindValue(sessionId);
    if (!query.exec()) {
        return Error{u"cannot read %1: %2"_s.arg(m_db.path(), query.lastError().text())};
    }
    if (!query.next()) {
        return std::optional<SessionState>();
    }
    return std::optional<SessionState>(stateOf(query));
}

Result<QStringList> RecordingStore::staleSessions(const QString& provider) const
{
    QSqlQuery query(m_db.connection());
    query.setForwardOnly(true);
    query.prepare(u"SELECT session_id FROM recording_sessions WHERE stale AND coalesce(provider, 'recording') = ? "
                  u"ORDER BY session_id"_s);
    query.addBindValue(provider);
    if (!query.exec()) {
        return Error{u"cannot read %1: %2"_s.arg(m_db.path(), query.lastError().text())};
    }
    QStringList ids;
    while (query.next()) {
        ids << query.value(0).toString();
    }
    return ids;
}

Result<QList<RecordingStore::Event>> RecordingStore::events(const QString& sessionId, qint64 afterSeq) const
{
    QSqlQuery query(m_db.connection());
    query.setForwardOnly(true);
    query.prepare(u"SELECT seq, event FROM recording_events WHERE session_id = ? AND seq > ? ORDER BY seq"_s);
    query.addBindValue(sessionId);
    query.addBindValue(afterSeq);
    if (!query.exec()) {
        return Error{u"cannot read %1: %2"_s.arg(m_db.path(), query.lastError().text())};
    }
    QList<Event> events;
    while (query.next()) {
        events.append({query.value(0).toLongLong(), query.value(1).toString().toUtf8()});
    }
    return events;
}

} // namespace chasm
