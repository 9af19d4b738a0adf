// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#pragma once

#include "util/Result.h"

#include <QList>
#include <QString>

#include <optional>
#include <utility>

namespace chasm {

// A team database named by a URL, postgresql://user[:password]@host[:port]/dbname[?sslmode=…&sslrootcert=…] (or
// postgres://): what QPSQL is told to connect with. The password is kept apart and never shown: shown() masks it.
class PostgresUrl final
{
public:
    static constexpr int defaultPort = 5432;

    // Whether `text` names a PostgreSQL database (its scheme), whatever else it holds.
    static bool isPostgres(const QString& text);
    // The URL read, or an error that shows it with its password masked.
    static Result<PostgresUrl> parse(const QString& text);

    QString host() const { return m_host; }
    int port() const { return m_port; }
    QString database() const { return m_database; }
    QString user() const { return m_user; }
    // The URL's password; nothing when it has none (the keychain's or libpq's own, PGPASSWORD and ~/.pgpass, then).
    const std::optional<QString>& password() const { return m_password; }
    // The libpq parameters of the query (sslmode, sslrootcert, …), in the URL's order.
    const QList<std::pair<QString, QString>>& parameters() const { return m_parameters; }

    // The URL as users may see it: postgresql://user:***@host:port/db?… (the password, if any, masked).
    QString shown() const;
    // Where the system keychain keeps the password: postgresql/USER@HOST:PORT/DB.
    QString keychainKey() const;
    // QPSQL's connect options: the parameters, each value quoted as libpq reads it, and the application's name.
    QString connectOptions() const;

private:
    PostgresUrl() = default;

    QString m_scheme;
    QString m_host;
    int m_port = defaultPort;
    QString m_database;
    QString m_user;
    std::optional<QString> m_password;
    QList<std::pair<QString, QString>> m_parameters;
};

} // namespace chasm
