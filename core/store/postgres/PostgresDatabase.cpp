// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#include "PostgresDatabase.h"

#include "PostgresSchema.h"

#include <QRegularExpression>
#include <QSqlError>
#include <QSqlQuery>

#include <atomic>

using namespace Qt::StringLiterals;

namespace chasm {

namespace {

// The key of the advisory lock that migrations hold (the text "chasm" in ASCII).
constexpr qint64 migrationLock = 0x636861736d;

// The server's and libpq's words on one line: their messages span several ("connection to server at … failed:\n
// FATAL: …"), and QPSQL adds its own ("QPSQL: Unable to connect").
QString oneLine(const QSqlError& error)
{
    static const QRegularExpression space(u"\\s+"_s);
    QString said = error.databaseText().isEmpty() ? error.driverText() : error.databaseText();
    return said.replace(space, u" "_s).trimmed();
}

} // namespace

bool PostgresDatabase::driverAvailable()
{
    return QSqlDatabase::isDriverAvailable(u"QPSQL"_s);
}

Result<std::unique_ptr<PostgresDatabase>> PostgresDatabase::open(const PostgresUrl& url,
                                                                 const std::optional<QString>& password)
{
    std::unique_ptr<PostgresDatabase> db(new PostgresDatabase(url));
    if (!driverAvailable()) {
        return Error{u"cannot connect to %1: Qt's PostgreSQL driver (QPSQL) is not installed (Debian and Ubuntu: "
                     "libqt6sql6-psql)"_s.arg(url.shown())};
    }
    db->m_connection = connectionName();
    QSqlDatabase connection = QSqlDatabase::addDatabase(u"QPSQL"_s, db->m_connection);
    connection.setHostName(url.host());
    connection.setPort(url.port());
    connection.setDatabaseName(url.database());
    connection.setUserName(url.user());
    if (password) {
        connection.setPassword(*password);
    }
    connection.setConnectOptions(url.connectOptions());
    if (auto error = db->connect()) {
        return *error;
    }
    return db;
}

Result<std::unique_ptr<PostgresDatabase>> PostgresDatabase::another() const
{
    std::unique_ptr<PostgresDatabase> db(new PostgresDatabase(m_url));
    db->m_connection = connectionName();
    // Made for use on another thread than this connection's, which may be busy meanwhile.
    QSqlDatabase::cloneDatabase(m_connection, db->m_connection);
    if (auto error = db->connect()) {
        return *error;
    }
    return db;
}

QString PostgresDatabase::connectionName()
{
    static std::atomic<int> counter = 0;
    return u"chasm-team-%1"_s.arg(counter.fetch_add(1));
}

std::optional<Error> PostgresDatabase::connect() const
{
    QSqlDatabase db = connection();
    if (!db.open()) {
        return error(u"cannot connect to"_s, oneLine(db.lastError()));
    }
    // The database's own settings may differ: Chasm's statements are written for these.
    QSqlQuery query(db);
    if (!query.exec(u"SET client_encoding = 'UTF8'"_s) || !query.exec(u"SET search_path = public"_s)) {
        return error(u"cannot set up the connection to"_s, oneLine(query.lastError()));
    }
    return std::nullopt;
}

PostgresDatabase::~PostgresDatabase()
{
    if (m_connection.isEmpty()) {
        return;
    }
    {
        QSqlDatabase connection = QSqlDatabase::database(m_connection, false);
        connection.close();
    }
    QSqlDatabase::removeDatabase(m_connection);
}

QSqlDatabase PostgresDatabase::connection() const
{
    return QSqlDatabase::database(m_connection, false);
}

Error PostgresDatabase::error(const QString& doing, const QString& said) const
{
    QString message = u"%1 %2: %3"_s.arg(doing, m_url.shown(), said);
    // Neither libpq nor the server repeats a password; should one ever, it is not shown.
    if (const auto& password = m_url.password(); password && !password->isEmpty()) {
        message.replace(*password, u"***"_s);
    }
    return Error{message};
}

Result<int> PostgresDatabase::version() const
{
    QSqlQuery query(connection());
    if (!query.exec(u"SELECT to_regclass('%1') IS NOT NULL"_s.arg(PostgresSchema::versionTable)) || !query.next()) {
        return error(u"cannot read"_s, oneLine(query.lastError()));
    }
    if (!query.value(0).toBool()) {
        return 0;
    }
    if (!query.exec(u"SELECT coalesce(max(version), 0) FROM %1"_s.arg(PostgresSchema::versionTable)) || !query.next()) {
        return error(u"cannot read"_s, oneLine(query.lastError()));
    }
    return query.value(0).toInt();
}

std::optional<Error> PostgresDatabase::execute(const QStringList& statements)
{
    QSqlDatabase db = connection();
    if (!db.transaction()) {
        return error(u"cannot write"_s, oneLine(db.lastError()));
    }
    QSqlQuery query(db);
    for (const QString& statement : statements) {
        if (!query.exec(statement)) {
            const Error failed = error(u"cannot write"_s, oneLine(query.lastError()));
            query.finish();
            db.rollback();
            return failed;
        }
    }
    if (!db.commit()) {
        return error(u"cannot write"_s, oneLine(db.lastError()));
    }
    return std::nullopt;
}

Result<int> PostgresDatabase::migrate()
{
    QSqlDatabase db = connection();
    if (!db.transaction()) {
        return error(u"cannot write"_s, oneLine(db.lastError()));
    }
    QSqlQuery query(db);
    const auto failed = [&](const QString& doing) -> Error {
        const Error e = error(doing, oneLine(query.lastError()));
        query.finish();
        db.rollback();
        return e;
    };
    // Another Chasm migrating the same database meanwhile waits here, then finds the version it made.
    if (!query.exec(u"SELECT pg_advisory_xact_lock(%1)"_s.arg(migrationLock))) {
        return failed(u"cannot lock"_s);
    }
    const Result<int> found = version();
    if (!found) {
        db.rollback();
        return found.error();
    }
    if (*found > schemaVersion) {
        db.rollback();
        return Error{u"%1 was written by a newer Chasm (schema %2; this one knows up to %3); it was not changed"_s.arg(
            m_url.shown(), QString::number(*found), QString::number(schemaVersion))};
    }
    // Made with the first migration only: a person's role, which may not create tables, finds the schema current.
    if (*found == 0 && !query.exec(u"CREATE TABLE IF NOT EXISTS %1 (version INTEGER PRIMARY KEY, applied_at "
                                   "TIMESTAMPTZ NOT NULL DEFAULT now(), applied_by TEXT NOT NULL DEFAULT "
                                   "current_user)"_s.arg(PostgresSchema::versionTable))) {
        return failed(u"cannot write"_s);
    }
    for (int next = *found + 1; next <= schemaVersion; ++next) {
        for (const QString& statement : PostgresSchema::migration(next)) {
            if (!query.exec(statement)) {
                return failed(u"cannot migrate"_s);
            }
        }
        if (!query.exec(u"INSERT INTO %1 (version) VALUES (%2)"_s.arg(PostgresSchema::versionTable).arg(next))) {
            return failed(u"cannot migrate"_s);
        }
    }
    if (!db.commit()) {
        return error(u"cannot write"_s, oneLine(db.lastError()));
    }
    return *found;
}

} // namespace chasm
