// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#pragma once

#include "util/Environment.h"
#include "util/Result.h"

#include <QSqlDatabase>
#include <QString>

#include <functional>
#include <memory>

namespace chasm {

class Fts5Rank;

// Chasm's own SQLite database (the harvest store): opened on the calling thread with its own
// connection, in WAL mode with foreign keys on, its schema created or migrated to the current version.
// A database written by a newer Chasm is refused and left untouched, and so is any file that is not
// Chasm's (another application's database, a file that is not SQLite, a FIFO or a folder) and a URL.
class Database
{
public:
    static constexpr int schemaVersion = 12;
    // The application id in the header of a database Chasm made or upgraded ("CHsm"; SQLite's PRAGMA
    // application_id), by which a new connection knows it for Chasm's without reading its schema first.
    static constexpr quint32 applicationId = 0x4348736d;
    // How long a connection waits for another's lock.
    static constexpr int busyTimeoutMs = 5000;
    // How the index of messages splits text into words (since version 3).
    static constexpr QStringView messageTokenizer = u"porter unicode61 remove_diacritics 2";

    // $CHASM_DB, else standardPath.
    static QString defaultPath(const Environment& environment);
    // <data home>/chasm/chasm.db, whatever $CHASM_DB says.
    static QString standardPath(const Environment& environment);
    // The database a user named (--db; empty: defaultPath): a path made absolute, a file: URL made a path, any
    // other URL left as it is (open() refuses it: it is never a path).
    static QString resolvePath(const Environment& environment, const QString& given);
    // Why the file at `path` cannot be Chasm's database (not a regular file, not SQLite, another application's
    // tables), read without changing a byte of it or beside it; nothing when it can be, or when nothing is there.
    static std::optional<Error> refusal(const QString& path);
    // `notice` hears of migrations that take a while (rebuilding a large index), before they start.
    static Result<std::unique_ptr<Database>> open(const QString& path,
                                                  const std::function<void(const QString&)>& notice = {});
    ~Database();
    Q_DISABLE_COPY_MOVE(Database)

    QString path() const { return m_path; }
    QSqlDatabase connection() const;
    // Runs statements (no results wanted), stopping at the first error, which names the database.
    std::optional<Error> execute(const QStringList& statements) const;
    // The connection's ranking function (see Fts5Rank); null where Qt's SQLite cannot be reached (NativeSqlite.h).
    Fts5Rank* rank() const { return m_rank.get(); }

private:
    Database() = default;
    std::optional<Error> enterWal();
    std::optional<Error> migrate(const std::function<void(const QString&)>& notice);
    // Compresses the JSON of a table's rows that earlier versions stored as text (schema 5).
    std::optional<Error> compressJson(const QString& table, const std::function<void(const QString&)>& notice);

    QString m_path;
    QString m_connection;
    // Destroyed after the connection is closed, in ~Database.
    std::unique_ptr<Fts5Rank> m_rank;
};

} // namespace chasm
