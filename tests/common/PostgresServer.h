// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#pragma once

// A real PostgreSQL server for the tests of the team database: a cluster made by Debian's initdb in a temporary
// folder, listening on 127.0.0.1 only at a free port (and on a socket in that folder), stopped and removed at the
// end. Its superuser (superuser()) comes in without a password; every role a test makes logs in with its password
// (scram-sha-256). Run as root, the server's programs run as the unprivileged user `nobody`, which owns the folder:
// initdb refuses root.

#include <QSqlDatabase>
#include <QString>
#include <QStringList>
#include <QTemporaryDir>

namespace chasm::test {

class PostgresServer final
{
public:
    PostgresServer() = default;
    ~PostgresServer();
    PostgresServer(const PostgresServer&) = delete;
    PostgresServer& operator=(const PostgresServer&) = delete;

    // Makes the cluster, starts the server and creates the database `database`; an error saying what went wrong
    // (the server's log with it), empty when it runs.
    QString start(const QString& database);
    // Stops the server (pg_ctl stop -m fast); ~PostgresServer does it too.
    void stop();

    int port() const { return m_port; }
    static QString superuser() { return QStringLiteral("chasm_test"); }
    // postgresql://USER[:PASSWORD]@127.0.0.1:PORT/DATABASE
    QString url(const QString& user, const QString& password = {}, const QString& database = {}) const;
    // A connection of its own (named `name`, closed and removed by the caller) as `user` over TCP.
    QSqlDatabase connect(const QString& name, const QString& user, const QString& password = {},
                         const QString& database = {}) const;
    // Runs statements as the superuser; the first error, or an empty string.
    QString execute(const QStringList& statements, const QString& database = {}) const;

private:
    // Runs one of the server's programs (as `nobody` when the test runs as root); its error output when it fails.
    QString run(const QString& program, const QStringList& arguments) const;

    QTemporaryDir m_dir{QStringLiteral("/tmp/chasm-pg-XXXXXX")};
    QString m_bin;
    QString m_database;
    int m_port = 0;
    bool m_running = false;
};

} // namespace chasm::test
