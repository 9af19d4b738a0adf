// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#pragma once

#include "util/Result.h"

#include <QList>
#include <QString>
#include <QTemporaryDir>
#include <QVariant>

#include <memory>

namespace chasm {

// A SQLite database that another program owns (an editor's state.vscdb, OpenCode's or Cursor's store),
// opened for reading without changing a byte of it or of its -wal/-shm files: in place with
// `immutable=1` when no -wal or hot -journal holds data, otherwise from a consistent snapshot copy in a
// temporary folder (copied again when the owner wrote during the copy). Each instance has its own
// connection, so instances may be used on different threads.
class ReadOnlyDatabase
{
public:
    static Result<std::unique_ptr<ReadOnlyDatabase>> open(const QString& path);
    ~ReadOnlyDatabase();
    Q_DISABLE_COPY_MOVE(ReadOnlyDatabase)

    QString path() const { return m_path; }
    // The rows of one query, each as its column values; errors name the database.
    Result<QList<QVariantList>> select(const QString& sql, const QVariantList& bindings = {}) const;
    bool hasTable(const QString& name) const;

private:
    ReadOnlyDatabase() = default;

    QString m_path;
    QString m_connection;
    std::unique_ptr<QTemporaryDir> m_snapshot;
};

} // namespace chasm
