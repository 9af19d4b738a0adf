// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#pragma once

#include "util/Result.h"

#include <QString>
#include <QVariantList>

#include <optional>

class QSqlQuery;

namespace chasm {

// A read-write connection of its own to an SQLite file, for one operation on one thread, closed and removed when it
// goes: what the doctor checks a harvest database through, and how a tool's own database is written (StoreWriteBack).
// Errors are SQLite's words.
class SqliteConnection
{
public:
    explicit SqliteConnection(const QString& path, int busyTimeoutMs = 5000);
    ~SqliteConnection();
    Q_DISABLE_COPY_MOVE(SqliteConnection)

    // Empty once open.
    QString openError() const { return m_error; }
    // The rows of a statement, each its columns' values.
    Result<QList<QVariantList>> rows(const QString& sql, const QVariantList& values = {}) const;
    // The first column of every row, as text.
    Result<QStringList> firstColumn(const QString& sql, const QVariantList& values = {}) const;
    // Runs a statement: nothing, or its error.
    std::optional<QString> exec(const QString& sql, const QVariantList& values = {}) const;

    // Prepares a query on any connection, binds the values in order and runs it (forward only): whether it ran.
    static bool run(QSqlQuery& query, const QString& sql, const QVariantList& values = {});

private:
    QString m_name;
    QString m_error;
};

} // namespace chasm
