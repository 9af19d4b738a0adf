// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#pragma once

#include "store/Database.h"

#include <QDateTime>
#include <QList>
#include <QString>

#include <optional>

namespace chasm {

class HarvestWriter;

// Versions of a session's content inside the database. A checkpoint keeps the session as it is now; revert puts a
// checkpoint's content back (after checkpointing the current content, so that a revert can itself be reverted),
// through the writer, inside its transaction when one is open. Numbers count from 1 per session.
class HarvestCheckpoints
{
public:
    HarvestCheckpoints(const Database& database, HarvestWriter& writer);

    struct Checkpoint
    {
        int number = 0;
        QString message;
        QDateTime createdAt;
        int messageCount = 0;
    };
    Result<Checkpoint> checkpoint(const QString& sessionId, const QString& message);
    Result<QList<Checkpoint>> checkpoints(const QString& sessionId) const;
    // Returns the checkpoint that saved the content replaced.
    Result<Checkpoint> revert(const QString& sessionId, int number);

    // The steps a writer runs inside its savepoint; each returns nothing, or the error.
    // Saves the stored session `id` as a new checkpoint.
    static std::optional<QString> save(const QSqlDatabase& db, const QString& id, const QString& message,
                                       Checkpoint& made);
    // Makes sure a checkpoint holds the stored session: the latest, when it does, else a new one; `number` hears
    // which.
    static std::optional<QString> keepLatest(const QSqlDatabase& db, const QString& id, const QString& message,
                                             int& number);

private:
    const Database& m_db;
    HarvestWriter& m_writer;
};

} // namespace chasm
