// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#include "HarvestCheckpoints.h"

#include "HarvestReader.h"
#include "HarvestWriter.h"
#include "StoredSession.h"

#include <QSqlError>
#include <QSqlQuery>

using namespace Qt::StringLiterals;

namespace chasm {

HarvestCheckpoints::HarvestCheckpoints(const Database& database, HarvestWriter& writer)
    : m_db(database)
    , m_writer(writer)
{}

std::optional<QString> HarvestCheckpoints::save(const QSqlDatabase& db, const QString& id, const QString& message,
                                                Checkpoint& made)
{
    QSqlQuery q(db);
    q.prepare(u"SELECT coalesce(max(number), 0) + 1 FROM checkpoints WHERE session_id = ?"_s);
    q.addBindValue(id);
    if (!q.exec() || !q.next()) {
        return q.lastError().text();
    }
    made.number = q.value(0).toInt();
    made.message = message;
    made.createdAt = QDateTime::currentDateTimeUtc();
    q.finish();
    // The session's messages are its rows in messages_v2, one per message of its JSON.
    q.prepare(u"INSERT INTO checkpoints (session_id, number, message, created_at, data, message_count) "
              "SELECT id, ?, ?, ?, data, (SELECT count(*) FROM messages_v2 WHERE session_id = s.id) "
              "FROM sessions s WHERE id = ?"_s);
    q.addBindValue(made.number);
    q.addBindValue(message.isEmpty() ? QVariant() : QVariant(message));
    q.addBindValue(made.createdAt.toString(Qt::ISODateWithMs));
    q.addBindValue(id);
    if (!q.exec()) {
        return q.lastError().text();
    }
    q.prepare(u"SELECT message_count FROM checkpoints WHERE session_id = ? AND number = ?"_s);
    q.addBindValue(id);
    q.addBindValue(made.number);
    if (!q.exec() || !q.next()) {
        return q.lastError().text();
    }
    made.messageCount = q.value(0).toInt();
    return std::nullopt;
}

std::optional<QString> HarvestCheckpoints::keepLatest(const QSqlDatabase& db, const QString& id, const QString& message,
                                                      int& number)
{
    QSqlQuery q(db);
    q.prepare(u"SELECT c.number FROM checkpoints c JOIN sessions s ON s.id = c.session_id WHERE c.session_id = ? "
              "AND c.number = (SELECT max(number) FROM checkpoints WHERE session_id = ?) AND c.data = s.data"_s);
    q.addBindValue(id);
    q.addBindValue(id);
    if (!q.exec()) {
        return q.lastError().text();
    }
    if (q.next()) {
        number = q.value(0).toInt();
        return std::nullopt;
    }
    q.finish();
    Checkpoint made;
    if (auto error = save(db, id, message, made)) {
        return error;
    }
    number = made.number;
    return std::nullopt;
}

Result<HarvestCheckpoints::Checkpoint> HarvestCheckpoints::checkpoint(const QString& sessionId, const QString& message)
{
    const auto id = HarvestReader(m_db).resolve(sessionId);
    if (!id) {
        return id.error();
    }
    Checkpoint made;
    if (auto error = m_writer.atomically([&] { return save(m_db.connection(), *id, message, made); })) {
        return *error;
    }
    return made;
}

Result<QList<HarvestCheckpoints::Checkpoint>> HarvestCheckpoints::checkpoints(const QString& sessionId) const
{
    const auto id = HarvestReader(m_db).resolve(sessionId);
    if (!id) {
        return id.error();
    }
    QSqlQuery q(m_db.connection());
    q.prepare(u"SELECT number, message, created_at, message_count FROM checkpoints WHERE session_id = ? "
              "ORDER BY number"_s);
    q.addBindValue(*id);
    if (!q.exec()) {
        return Error{u"cannot read %1: %2"_s.arg(m_db.path(), q.lastError().databaseText())};
    }
    QList<Checkpoint> list;
    while (q.next()) {
        list.append({q.value(0).toInt(), q.value(1).toString(),
                     QDateTime::fromString(q.value(2).toString(), Qt::ISODateWithMs), q.value(3).toInt()});
    }
    return list;
}

Result<HarvestCheckpoints::Checkpoint> HarvestCheckpoints::revert(const QString& sessionId, int number)
{
    const auto id = HarvestReader(m_db).resolve(sessionId);
    if (!id) {
        return id.error();
    }
    QSqlQuery q(m_db.connection());
    q.prepare(u"SELECT c.data, s.workspace_name, s.workspace, s.source_path, s.format, s.size_bytes "
              "FROM checkpoints c JOIN sessions s ON s.id = c.session_id WHERE c.session_id = ? AND c.number = ?"_s);
    q.addBindValue(*id);
    q.addBindValue(number);
    if (!q.exec()) {
        return Error{u"cannot read %1: %2"_s.arg(m_db.path(), q.lastError().databaseText())};
    }
    if (!q.next()) {
        return Error{
            u"session %1 has no checkpoint %2 (see: chasm harvest checkpoints %1)"_s.arg(*id, QString::number(number))};
    }
    const QByteArray data = q.value(0).toByteArray();
    SessionRef ref;
    ref.workspaceName = q.value(1).toString();
    ref.workspace = q.value(2).toString();
    ref.path = q.value(3).toString();
    ref.format = q.value(4).toString();
    ref.sizeBytes = q.value(5).toLongLong();
    q.finish();
    const QString what = u"checkpoint %1 of %2"_s.arg(QString::number(number), *id);
    const auto json = stored::jsonOf(data);
    const auto session = json ? stored::sessionFromJson(*json, what) : Result<Session>(json.error());
    if (!session) {
        return Error{u"%1: checkpoint %2 of %3 is damaged: %4"_s.arg(m_db.path(), QString::number(number), *id,
                                                                     session.error().message)};
    }
    Checkpoint saved;
    const auto error = m_writer.atomically([&]() -> std::optional<QString> {
        if (auto failed = save(m_db.connection(), *id, u"before revert to %1"_s.arg(number), saved)) {
            return failed;
        }
        // The checkpoint's text is put back as it was stored, byte for byte.
        return m_writer.writeSession(ref, *session, data, stored::hashOf(*json), true);
    });
    if (error) {
        return *error;
    }
    return saved;
}

} // namespace chasm
