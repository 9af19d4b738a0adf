// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#pragma once

#include "PostgresUrl.h"

#include "util/Result.h"

#include <QSqlDatabase>
#include <QString>
#include <QStringList>

#include <memory>
#include <optional>

namespace chasm {

// A connection to a team database on PostgreSQL (Qt's QPSQL driver), opened on the calling thread, and its schema's
// versioned migrations (PostgresSchema). Errors are one line that shows the URL with its password masked.
class PostgresDatabase final
{
public:
    static constexpr int schemaVersion = 3;

    // `password`: the URL's, or the keychain's; without one libpq looks in PGPASSWORD and ~/.pgpass itself.
    static Result<std::unique_ptr<PostgresDatabase>> open(const PostgresUrl& url,
                                                          const std::optional<QString>& password);
    // A second connection to the same database as the same role, opened on the calling thread (which may be
    // another than this one's).
    Result<std::unique_ptr<PostgresDatabase>> another() const;
    // Whether Qt has the QPSQL driver (Debian: libqt6sql6-psql).
    static bool driverAvailable();
    ~PostgresDatabase();
    Q_DISABLE_COPY_MOVE(PostgresDatabase)

    const PostgresUrl& url() const { return m_url; }
    QSqlDatabase connection() const;

    // The schema version the database holds (0: none).
    Result<int> version() const;
    // Brings the schema to schemaVersion, one transaction per migration under a lock that other Chasms migrating
    // the same database wait for; the version it was at. A database of a newer schema is refused and left alone.
    Result<int> migrate();
    // Runs statements in one transaction, stopping at the first error.
    std::optional<Error> execute(const QStringList& statements);
    // An error of this database: what it was doing and what the server said, on one line.
    Error error(const QString& doing, const QString& said) const;

private:
    explicit PostgresDatabase(PostgresUrl url)
        : m_url(std::move(url))
    {}

    static QString connectionName();
    // Opens the connection named m_connection and sets it up as Chasm's statements expect.
    std::optional<Error> connect() const;

    PostgresUrl m_url;
    QString m_connection;
};

} // namespace chasm
