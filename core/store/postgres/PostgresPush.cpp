// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#include "PostgresPush.h"

#include "PostgresDatabase.h"
#include "store/Database.h"
#include "util/IsoTime.h"

#include <QHash>
#include <QSet>
#include <QSqlDriver>
#include <QSqlError>
#include <QSqlField>
#include <QSqlQuery>
#include <QSysInfo>

#include <condition_variable>
#include <mutex>
#include <thread>

#ifdef Q_OS_UNIX
#include <pwd.h>
#include <unistd.h>
#endif

using namespace Qt::StringLiterals;

namespace chasm {

namespace {

// The columns of `sessions` both backends have, in SQLite's order (origin and owner_role are the team's own).
const QStringList sessionColumns = {
    u"id"_s,           u"provider"_s,     u"native_id"_s,  u"title"_s,       u"workspace_name"_s, u"workspace"_s,
    u"project_path"_s, u"source_path"_s,  u"format"_s,     u"created_at"_s,  u"updated_at"_s,     u"message_count"_s,
    u"model"_s,        u"total_tokens"_s, u"size_bytes"_s, u"source_hash"_s, u"harvested_at"_s,   u"data"_s};

// How many connections a push writes through at most (see push()).
constexpr qsizetype maxConnections = 4;

// A session's rows in a table keyed by session_id: the columns copied (after origin and session_id), those that are
// bytes (compressed JSON), and how many rows one statement sends.
struct Rows
{
    QString table;
    QStringList columns;
    QSet<QString> bytes;
    int batch = 0;
};

const QList<Rows> sessionRows = {
    {u"messages_v2"_s, {u"seq"_s, u"role"_s, u"content"_s, u"timestamp"_s, u"model"_s, u"token_count"_s}, {}, 500},
    {u"tool_invocations"_s,
     {u"message_seq"_s, u"call_id"_s, u"tool_name"_s, u"input"_s, u"output"_s, u"status"_s, u"timestamp"_s},
     {},
     200},
    {u"file_changes"_s, {u"file_path"_s, u"change_type"_s, u"timestamp"_s}, {}, 500},
    {u"checkpoints"_s, {u"number"_s, u"message"_s, u"created_at"_s, u"data"_s, u"message_count"_s}, {u"data"_s}, 1},
};

// A value as the team database takes it: bytes as bytes (SQLite may hand compressed JSON over as text), and text
// without NUL characters, which PostgreSQL's text cannot hold (U+FFFD instead: the session's own JSON, in `data`,
// keeps them).
QVariant sent(const QVariant& value, bool bytes)
{
    if (value.isNull()) {
        return value;
    }
    if (bytes) {
        return value.toByteArray();
    }
    if (value.typeId() == QMetaType::QString) {
        QString text = value.toString();
        return text.contains(QChar(0)) ? text.replace(QChar(0), QChar::ReplacementCharacter) : text;
    }
    return value;
}

// The local database is read once, front to back: through the page cache, not a map of the file, whose pages
// would all count in the process's memory (a push of 1.9 GB peaked at 1.4 GiB with the map), and with a small cache
// of its own, as no page is read twice (with the store's 64 MiB each, a push of 1.19 M messages through four
// connections peaked at 478 MiB; 164 MiB with this).
std::optional<Error> readOnce(const Database& local)
{
    QSqlQuery pragma(local.connection());
    if (!pragma.exec(u"PRAGMA mmap_size = 0"_s) || !pragma.exec(u"PRAGMA cache_size = -2048"_s)) {
        return Error{u"cannot read %1: %2"_s.arg(local.path(), pragma.lastError().databaseText())};
    }
    return std::nullopt;
}

QString placeholders(int columns, int rows)
{
    const QString row = u'(' + QStringList(columns, u"?"_s).join(u", "_s) + u')';
    return QStringList(rows, row).join(u", "_s);
}

class Pusher
{
public:
    Pusher(const Database& local, const PostgresDatabase& team, QString origin)
        : m_local(local)
        , m_team(team)
        , m_origin(std::move(origin))
        , m_read(local.connection())
        , m_write(team.connection())
    {
        m_read.setForwardOnly(true);
    }

    Error localError(const QSqlQuery& query) const
    {
        return Error{u"cannot read %1: %2"_s.arg(m_local.path(), query.lastError().databaseText())};
    }
    Error teamError(const QString& doing) const
    {
        return m_team.error(doing, m_write.lastError().databaseText().simplified());
    }

    // Runs a statement of ours whose "?" are `values`, in one round trip: the values are written into it as the
    // driver writes them into the EXECUTE of a prepared statement (escaped by libpq), without the PREPARE before.
    std::optional<Error> write(const QString& sql, const QVariantList& values)
    {
        const QSqlDriver* driver = m_team.connection().driver();
        QString statement;
        statement.reserve(sql.size() + values.size() * 16);
        qsizetype next = 0;
        for (const QChar c : sql) {
            if (c != u'?' || next >= values.size()) {
                statement += c;
                continue;
            }
            const QVariant& value = values.at(next++);
            QSqlField field(QString(), value.metaType());
            field.setValue(value);
            statement += driver->formatValue(field);
        }
        if (!m_write.exec(statement)) {
            return teamError(u"cannot write"_s);
        }
        return std::nullopt;
    }

    // The content hash of each of this origin's sessions the role owns in the team database.
    Result<QHash<QString, QString>> known()
    {
        m_write.prepare(u"SELECT id, source_hash FROM sessions WHERE origin = ? AND owner_role = current_user"_s);
        m_write.addBindValue(m_origin);
        if (!m_write.exec()) {
            return teamError(u"cannot read"_s);
        }
        QHash<QString, QString> hashes;
        while (m_write.next()) {
            hashes.insert(m_write.value(0).toString(), m_write.value(1).toString());
        }
        m_write.finish();
        return hashes;
    }

    // The session's rows, written over those the team database has of it (`existed`), inside the transaction under
    // way, which holds whole sessions only; how many messages it has.
    Result<qint64> send(const QString& id, bool existed)
    {
        QSqlDatabase team = m_team.connection();
        if (!m_inTransaction) {
            if (!team.transaction()) {
                return m_team.error(u"cannot write"_s, team.lastError().databaseText().simplified());
            }
            m_inTransaction = true;
            m_sessionsInTransaction = 0;
            m_messagesInTransaction = 0;
        }
        Result<qint64> sent = sendRows(id, existed);
        if (!sent) {
            team.rollback();
            m_inTransaction = false;
            return sent;
        }
        m_messagesInTransaction += *sent;
        // A commit is a round trip and a flush: one for a few sessions, or for one long one.
        if (++m_sessionsInTransaction >= 64 || m_messagesInTransaction >= 5000) {
            if (auto error = commit()) {
                return *error;
            }
        }
        return sent;
    }

    // Commits the sessions sent since the last commit.
    std::optional<Error> commit()
    {
        if (!m_inTransaction) {
            return std::nullopt;
        }
        QSqlDatabase team = m_team.connection();
        m_inTransaction = false;
        if (!team.commit()) {
            const Error error = m_team.error(u"cannot write"_s, team.lastError().databaseText().simplified());
            team.rollback();
            return error;
        }
        return std::nullopt;
    }

private:
    Result<qint64> sendRows(const QString& id, bool existed)
    {
        m_read.prepare(u"SELECT %1 FROM sessions WHERE id = ?"_s.arg(sessionColumns.join(u", "_s)));
        m_read.addBindValue(id);
        if (!m_read.exec()) {
            return localError(m_read);
        }
        if (!m_read.next()) {
            m_read.finish();
            return 0; // gone since it was listed
        }
        QStringList updates;
        for (const QString& column : sessionColumns.mid(1)) {
            updates << u"%1 = excluded.%1"_s.arg(column);
        }
        QVariantList values{m_origin};
        for (qsizetype i = 0; i < sessionColumns.size(); ++i) {
            values << sent(m_read.value(int(i)), sessionColumns.at(i) == u"data"_s);
        }
        m_read.finish();
        if (auto error =
                write(u"INSERT INTO sessions (origin, %1) VALUES %2 ON CONFLICT (origin, id) DO UPDATE SET %3"_s.arg(
                          sessionColumns.join(u", "_s), placeholders(int(sessionColumns.size()) + 1, 1),
                          updates.join(u", "_s)),
                      values)) {
            return *error;
        }
        qint64 messages = 0;
        for (const Rows& rows : sessionRows) {
            if (existed) {
                if (auto error = write(u"DELETE FROM %1 WHERE origin = ? AND session_id = ?"_s.arg(rows.table),
                                       {m_origin, id})) {
                    return *error;
                }
            }
            const Result<qint64> copied = copy(rows, id);
            if (!copied) {
                return copied.error();
            }
            messages += rows.table == u"messages_v2"_s ? *copied : 0;
        }
        return messages;
    }

    // A session's rows of one table, sent `rows.batch` at a time; how many.
    Result<qint64> copy(const Rows& rows, const QString& id)
    {
        m_read.prepare(
            u"SELECT %1 FROM %2 WHERE session_id = ? ORDER BY id"_s.arg(rows.columns.join(u", "_s), rows.table));
        m_read.addBindValue(id);
        if (!m_read.exec()) {
            return localError(m_read);
        }
        const int columns = int(rows.columns.size());
        QVariantList pending;
        qint64 count = 0;
        const auto flush = [&]() -> std::optional<Error> {
            const int n = int(pending.size()) / (columns + 2);
            if (n == 0) {
                return std::nullopt;
            }
            const std::optional<Error> error =
                write(u"INSERT INTO %1 (origin, session_id, %2) VALUES %3"_s.arg(rows.table, rows.columns.join(u", "_s),
                                                                                 placeholders(columns + 2, n)),
                      pending);
            pending.clear();
            return error;
        };
        while (m_read.next()) {
            pending << m_origin << id;
            for (int c = 0; c < columns; ++c) {
                pending << sent(m_read.value(c), rows.bytes.contains(rows.columns.at(c)));
            }
            ++count;
            if (pending.size() == qsizetype(rows.batch) * (columns + 2)) {
                if (auto error = flush()) {
                    return *error;
                }
            }
        }
        if (m_read.lastError().isValid()) {
            return localError(m_read);
        }
        m_read.finish();
        if (auto error = flush()) {
            return *error;
        }
        return count;
    }

    const Database& m_local;
    const PostgresDatabase& m_team;
    const QString m_origin;
    QSqlQuery m_read;
    QSqlQuery m_write;
    bool m_inTransaction = false;
    int m_sessionsInTransaction = 0;
    qint64 m_messagesInTransaction = 0;
};

} // namespace

QString PostgresPush::origin(const Environment& environment)
{
    QString user = environment.variable(u"USER"_s);
    if (user.isEmpty()) {
        user = environment.variable(u"LOGNAME"_s);
    }
    if (user.isEmpty()) {
        user = environment.variable(u"USERNAME"_s);
    }
#ifdef Q_OS_UNIX
    if (user.isEmpty()) {
        // A service or a container may run without USER; the account is still named.
        if (const passwd* account = getpwuid(geteuid())) {
            user = QString::fromLocal8Bit(account->pw_name);
        }
    }
#endif
    const QString host = QSysInfo::machineHostName();
    return (user.isEmpty() ? u"unknown"_s : user) + u'@' + (host.isEmpty() ? u"unknown"_s : host);
}

Result<PostgresPush::Report> PostgresPush::push(const Database& local, const PostgresDatabase& team,
                                                const Options& options)
{
    const QString started = isoUtc(QDateTime::currentDateTimeUtc(), TimePrecision::Milliseconds);
    if (auto error = readOnce(local)) {
        return *error;
    }
    Pusher pusher(local, team, options.origin);
    const Result<QHash<QString, QString>> known = pusher.known();
    if (!known) {
        return known.error();
    }
    // Oldest first, as a harvest stores them: the team database's messages are in the order they were written.
    struct Listed
    {
        QString id;
        bool existed = false;
        qint64 messages = 0;
    };
    QList<Listed> changed;
    Report report;
    report.origin = options.origin;
    {
        QSqlQuery list(local.connection());
        list.setForwardOnly(true);
        if (!list.exec(u"SELECT id, source_hash, message_count FROM sessions ORDER BY updated_at, id"_s)) {
            return pusher.localError(list);
        }
        while (list.next()) {
            const QString id = list.value(0).toString();
            const auto found = known->constFind(id);
            if (found != known->cend() && *found == list.value(1).toString()) {
                ++report.unchanged;
            } else {
                changed.append({id, found != known->cend(), list.value(2).toLongLong()});
            }
        }
    }
    const qint64 total = report.unchanged + changed.size();
    if (options.progress) {
        options.progress(report.unchanged, total);
    }
    if (options.dryRun) {
        for (const Listed& session : std::as_const(changed)) {
            report.messages += session.messages;
            ++(session.existed ? report.updated : report.created);
            if (options.progress) {
                options.progress(report.unchanged + report.created + report.updated, total);
            }
        }
        return report;
    }

    // The server's work (each message's words and pairs of words, their indexes) is most of a push, and one
    // connection is one process of the server: several connections, each with its own reading of the local database,
    // take the sessions in turn. Each commits whole sessions, so a push stopped at any point still leaves every
    // session as it was or as it is now. The progress is told on this thread.
    const int connections = int(std::min(maxConnections, (changed.size() + 63) / 64));
    std::mutex mutex;
    std::condition_variable advanced;
    qsizetype next = 0;
    qint64 done = report.unchanged;
    int running = connections;
    std::optional<Error> failure;
    const auto work = [&] {
        const auto finish = [&](std::optional<Error> error) {
            const std::lock_guard lock(mutex);
            if (error && !failure) {
                failure = std::move(error);
            }
            --running;
            advanced.notify_one();
        };
        auto reading = Database::open(local.path());
        if (!reading) {
            return finish(reading.error());
        }
        if (auto error = readOnce(**reading)) {
            return finish(error);
        }
        auto writing = team.another();
        if (!writing) {
            return finish(writing.error());
        }
        Pusher pusher(**reading, **writing, options.origin);
        while (true) {
            qsizetype taken = 0;
            {
                const std::lock_guard lock(mutex);
                if (failure || next == changed.size()) {
                    break;
                }
                taken = next++;
            }
            const Listed& session = changed.at(taken);
            const Result<qint64> messages = pusher.send(session.id, session.existed);
            if (!messages) {
                return finish(messages.error());
            }
            const std::lock_guard lock(mutex);
            report.messages += *messages;
            ++(session.existed ? report.updated : report.created);
            ++done;
            advanced.notify_one();
        }
        finish(pusher.commit());
    };
    std::vector<std::thread> threads;
    for (int i = 0; i < connections; ++i) {
        threads.emplace_back(work);
    }
    {
        std::unique_lock lock(mutex);
        qint64 told = report.unchanged;
        while (true) {
            advanced.wait(lock, [&] { return running == 0 || done != told; });
            if (done == told) {
                break;
            }
            told = done;
            if (options.progress) {
                lock.unlock();
                options.progress(told, total);
                lock.lock();
            }
        }
    }
    for (std::thread& thread : threads) {
        thread.join();
    }
    if (failure) {
        return *failure;
    }
    QSqlQuery run(team.connection());
    run.prepare(u"INSERT INTO harvest_runs (origin, started_at, finished_at, new, updated, unchanged, failed) "
                "VALUES (?, ?, ?, ?, ?, ?, 0)"_s);
    for (const QVariant& value :
         QVariantList{options.origin, started, isoUtc(QDateTime::currentDateTimeUtc(), TimePrecision::Milliseconds),
                      report.created, report.updated, report.unchanged}) {
        run.addBindValue(value);
    }
    if (!run.exec()) {
        return team.error(u"cannot write"_s, run.lastError().databaseText().simplified());
    }
    return report;
}

} // namespace chasm
