// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#include "HarvestWriter.h"

#include "HarvestCheckpoints.h"
#include "NativeSqlite.h"
#include "StoredSession.h"
#include "model/ModelJson.h"
#include "model/PipelinedSink.h"
#include "model/SessionJsonWriter.h"
#include "util/Compression.h"
#include "util/IsoTime.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFileInfo>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryFile>
#include <QTimeZone>

#include <boost/json/serializer.hpp>

#include <sqlite3.h>

#include <array>

using namespace Qt::StringLiterals;

namespace chasm {

namespace {

// Qt binds a null QString as SQL NULL; text columns that are NOT NULL get "" instead.
QString text(const QString& s)
{
    return s.isNull() ? u""_s : s;
}

QVariant isoOrNull(const QDateTime& time)
{
    return time.isValid() ? QVariant(isoUtc(time, TimePrecision::Milliseconds)) : QVariant();
}

// What identifies the state of a session's source for incremental runs.
qint64 signatureTime(const SessionRef& ref)
{
    return ref.updatedAt.isValid() ? ref.updatedAt.toMSecsSinceEpoch() : 0;
}

// See HarvestWriter::writeMessages(): FTS5's hashsize (schema 6), 16 MiB, about as many characters of text.
constexpr qint64 moveStagedChars = 16ll << 20;

// Inserts rows into one table several to a statement. Executing a statement through Qt costs more than SQLite's
// insert of a small row: Qt copies the bound values, resets its error and result state, and names each positional
// placeholder anew (it formats ":1", ":2"... for every value bound). So the rows are bound to named placeholders,
// up to sixteen rows to a statement. Inserting 300 000 rows of eight values took 1.3 µs a row eight to a statement,
// against 2.3 µs one to a statement. Rows wait here until a statement is full; flush() writes the rest with
// statements of 8, 4, 2 and 1 rows (a 1 GB harvest was 4 % faster with sixteen-row statements and single rows for
// the rest, 7 % faster so).
class RowInserter
{
public:
    RowInserter(const QSqlDatabase& db, const QString& table, const QStringList& columns)
        : m_columns(int(columns.size()))
        , m_statements{QSqlQuery(db), QSqlQuery(db), QSqlQuery(db), QSqlQuery(db), QSqlQuery(db)}
    {
        QStringList rows;
        for (int r = 0; r < maxRows; ++r) {
            QStringList values;
            for (int c = 0; c < m_columns; ++c) {
                m_names << u":r%1c%2"_s.arg(r).arg(c);
                values << m_names.last();
            }
            rows << u'(' + values.join(u", "_s) + u')';
        }
        const QString insert = u"INSERT INTO %1 (%2) VALUES "_s.arg(table, columns.join(u", "_s));
        for (std::size_t i = 0; i < m_statements.size(); ++i) {
            m_statements[i].prepare(insert + rows.first(1 << i).join(u", "_s));
        }
    }

    // Nothing, or the error.
    std::optional<QString> add(QVariantList row)
    {
        m_pending.append(std::move(row));
        return m_pending.size() < maxRows ? std::nullopt : execute(m_statements.size() - 1);
    }
    std::optional<QString> flush()
    {
        std::optional<QString> error;
        for (std::size_t i = m_statements.size(); !error && i-- > 0;) {
            if (m_pending.size() >= 1 << i) {
                error = execute(i);
            }
        }
        m_pending.clear();
        return error;
    }
    void discard() { m_pending.clear(); }

private:
    static constexpr int maxRows = 16;

    // Inserts the first 2^i rows waiting.
    std::optional<QString> execute(std::size_t i)
    {
        QSqlQuery& query = m_statements[i];
        const int rows = 1 << i;
        for (int r = 0; r < rows; ++r) {
            const QVariantList& row = m_pending.at(r);
            for (int c = 0; c < m_columns; ++c) {
                query.bindValue(m_names.at(r * m_columns + c), row.at(c));
            }
        }
        m_pending.remove(0, rows);
        if (!query.exec()) {
            return query.lastError().text();
        }
        query.finish();
        return std::nullopt;
    }

    const int m_columns;
    std::array<QSqlQuery, 5> m_statements; // of 1, 2, 4, 8 and 16 rows
    QStringList m_names;                   // of the placeholders, row by row
    QList<QVariantList> m_pending;
};

// A session's compressed JSON as it is made (storeRead), kept in a temporary file until it is whole. Held in memory
// and then bound to the statement that stores it, it was there twice at the end (ours, and the record SQLite builds
// of it): 2 x 238 MiB for a 1 GB session. Written instead into a blob sized for it (zeroblob) a piece at a time,
// through SQLite's incremental blob I/O, it takes a piece's memory.
class CompressedSpool
{
public:
    // The file is made in `folder` (the database's): the system's temporary folder may be held in memory.
    explicit CompressedSpool(const QString& folder)
        : m_file(folder + u"/.chasm-spool-XXXXXX"_s)
    {}

    void add(QByteArrayView bytes)
    {
        if (m_error) {
            return;
        }
        if (!m_file.isOpen() && !m_file.open()) {
            m_error = u"cannot make a temporary file: %1"_s.arg(m_file.errorString());
            return;
        }
        if (m_file.write(bytes.data(), bytes.size()) != bytes.size()) {
            m_error = u"cannot write the temporary file %1: %2"_s.arg(m_file.fileName(), m_file.errorString());
        }
        m_size += bytes.size();
    }
    // Why the bytes could not be kept, if they could not.
    const std::optional<QString>& error() const { return m_error; }
    qint64 size() const { return m_size; }
    // All the bytes, for a connection without blob I/O: nothing, or the error.
    std::optional<QString> readAll(QByteArray& bytes)
    {
        bytes.clear();
        if (m_size == 0) {
            return std::nullopt;
        }
        if (!m_file.seek(0)) {
            return u"cannot read the temporary file %1: %2"_s.arg(m_file.fileName(), m_file.errorString());
        }
        bytes = m_file.read(m_size);
        if (bytes.size() != m_size) {
            return u"cannot read the temporary file %1: %2"_s.arg(m_file.fileName(), m_file.errorString());
        }
        return std::nullopt;
    }
    // Writes the bytes into the blob `column` of `table`'s row `rowid`, which must be of their size (zeroblob), a
    // megabyte at a time: nothing, or the error.
    std::optional<QString> writeInto(sqlite3* db, const char* table, const char* column, qint64 rowid)
    {
        if (m_size == 0) {
            return std::nullopt;
        }
        if (!m_file.seek(0)) {
            return u"cannot read the temporary file %1: %2"_s.arg(m_file.fileName(), m_file.errorString());
        }
        sqlite3_blob* blob = nullptr;
        if (sqlite3_blob_open(db, "main", table, column, rowid, 1, &blob) != SQLITE_OK) {
            const QString error = QString::fromUtf8(sqlite3_errmsg(db));
            sqlite3_blob_close(blob);
            return error;
        }
        std::optional<QString> error;
        QByteArray piece(qsizetype(1) << 20, Qt::Uninitialized);
        for (qint64 at = 0; !error && at < m_size;) {
            const qint64 read = m_file.read(piece.data(), std::min<qint64>(piece.size(), m_size - at));
            if (read <= 0) {
                error = u"cannot read the temporary file %1: %2"_s.arg(m_file.fileName(), m_file.errorString());
            } else if (sqlite3_blob_write(blob, piece.constData(), int(read), int(at)) != SQLITE_OK) {
                error = QString::fromUtf8(sqlite3_errmsg(db));
            }
            at += read;
        }
        if (sqlite3_blob_close(blob) != SQLITE_OK && !error) {
            error = QString::fromUtf8(sqlite3_errmsg(db));
        }
        return error;
    }

private:
    QTemporaryFile m_file;
    qint64 m_size = 0;
    std::optional<QString> m_error;
};

} // namespace

// The writer's statements, prepared once per store: a harvest runs them hundreds of thousands of times.
struct HarvestWriter::Statements
{
    explicit Statements(const QSqlDatabase& db)
        : existing(db)
        , insertSession(db)
        , updateSession(db)
        , updateSessionSized(db)
        , rowOf(db)
        , deleteMessages(db)
        , deleteTools(db)
        , deleteFiles(db)
        // Messages are staged in a temporary table and moved into messages_v2 with one statement per
        // transaction. Inserted one by one, each insert runs the FTS trigger in a statement savepoint,
        // and FTS5 writes its pending terms out at every savepoint: a tiny index segment per message,
        // then merging them all, which made harvests four times slower than loading the index directly.
        // (The temporary table belongs to the connection: prepareConnection() creates it.)
        , insertMessage(db, u"temp.staged_messages"_s,
                        {u"session_id"_s, u"seq"_s, u"role"_s, u"content"_s, u"timestamp"_s, u"model"_s})
        , insertTool(db, u"tool_invocations"_s,
                     {u"session_id"_s, u"message_seq"_s, u"call_id"_s, u"tool_name"_s, u"input"_s, u"output"_s,
                      u"status"_s, u"timestamp"_s})
        , insertFile(db, u"file_changes"_s, {u"session_id"_s, u"file_path"_s, u"change_type"_s})
        , insertReplaced(db, u"temp.replaced_messages"_s, {u"id"_s})
        , source(db)
        , unstageMessages(db)
        , moveStaged(db)
        , clearStaged(db)
        , sourceState(db)
        , sourceTouched(db)
        , saveRows(db)
        , rollbackRows(db)
        , releaseRows(db)
        , stagedOf(db)
        , storedMessages(db)
        , storedTools(db)
        , storedFiles(db)
        , deleteToolsOf(db)
        , deleteReplaced(db)
        , clearReplaced(db)
        , deleteMessagesFrom(db)
        , deleteToolsFrom(db)
    {
        // With what tells whether the source shrank: a harvest runs this for every session it stores.
        existing.prepare(
            u"SELECT s.source_hash, s.source_path, s.message_count, s.updated_at FROM sessions s WHERE s.id = ?"_s);
        const QString columns = u"provider, native_id, title, workspace_name, workspace, project_path, source_path, "
                                "format, created_at, updated_at, message_count, model, total_tokens, size_bytes, "
                                "source_hash, harvested_at, data"_s;
        const QString values = u"?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?"_s;
        insertSession.prepare(u"INSERT INTO sessions (%1, id) VALUES (%2, ?)"_s.arg(columns, values));
        updateSession.prepare(u"UPDATE sessions SET (%1) = (%2) WHERE id = ?"_s.arg(columns, values));
        // The same with data that many zero bytes, which CompressedSpool then writes in place. (data is the table's
        // last column: SQLite then writes the zeros to the file without making them in memory first.)
        updateSessionSized.prepare(
            u"UPDATE sessions SET (%1) = (%2, zeroblob(?)) WHERE id = ?"_s.arg(columns, values.chopped(3)));
        rowOf.prepare(u"SELECT rowid FROM sessions WHERE id = ?"_s);
        deleteMessages.prepare(u"DELETE FROM messages_v2 WHERE session_id = ?"_s);
        deleteTools.prepare(u"DELETE FROM tool_invocations WHERE session_id = ?"_s);
        deleteFiles.prepare(u"DELETE FROM file_changes WHERE session_id = ?"_s);
        unstageMessages.prepare(u"DELETE FROM temp.staged_messages WHERE session_id = ?"_s);
        moveStaged.prepare(u"INSERT INTO messages_v2 (session_id, seq, role, content, timestamp, model) "
                           "SELECT session_id, seq, role, content, timestamp, model FROM temp.staged_messages "
                           "ORDER BY rowid"_s);
        clearStaged.prepare(u"DELETE FROM temp.staged_messages"_s);
        source.prepare(u"INSERT OR REPLACE INTO harvest_sources (session_id, provider, path, size, updated_ms, "
                       "message_count, result, error, harvested_at, file_modified_ms, workspace_id, hash) "
                       "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"_s);
        // Asked for every session listed, before each run.
        sourceState.prepare(u"SELECT size, updated_ms, message_count, path, file_modified_ms FROM harvest_sources "
                            "WHERE session_id = ?"_s);
        sourceTouched.prepare(
            u"UPDATE harvest_sources SET file_modified_ms = ?, workspace_id = ? WHERE session_id = ?"_s);
        // Around the rows of a session stored as it is read (storeRead), inside its own savepoint.
        saveRows.prepare(u"SAVEPOINT chasm_rows"_s);
        rollbackRows.prepare(u"ROLLBACK TO chasm_rows"_s);
        releaseRows.prepare(u"RELEASE chasm_rows"_s);
        // What a session stored before holds, compared with what it is now (see beginRows()): the columns in the order
        // of the rows written (messageRow(), toolRow(), fileRow()), a message's id last.
        stagedOf.prepare(u"SELECT 1 FROM temp.staged_messages WHERE session_id = ? LIMIT 1"_s);
        storedMessages.prepare(u"SELECT session_id, seq, role, content, timestamp, model, id FROM messages_v2 "
                               "WHERE session_id = ? AND seq >= ? AND seq < ? ORDER BY seq"_s);
        storedTools.prepare(u"SELECT session_id, message_seq, call_id, tool_name, input, output, status, timestamp "
                            "FROM tool_invocations WHERE session_id = ? AND message_seq >= ? AND message_seq < ? "
                            "ORDER BY message_seq, id"_s);
        storedFiles.prepare(
            u"SELECT session_id, file_path, change_type, timestamp FROM file_changes WHERE session_id = ? ORDER BY id"_s);
        deleteToolsOf.prepare(u"DELETE FROM tool_invocations WHERE session_id = ? AND message_seq = ?"_s);
        // The messages replaced go in one statement, which writes their removal from the index once: FTS5 writes what
        // it holds at every statement that changes it.
        deleteReplaced.prepare(u"DELETE FROM messages_v2 WHERE id IN (SELECT id FROM temp.replaced_messages)"_s);
        clearReplaced.prepare(u"DELETE FROM temp.replaced_messages"_s);
        deleteMessagesFrom.prepare(u"DELETE FROM messages_v2 WHERE session_id = ? AND seq >= ?"_s);
        deleteToolsFrom.prepare(u"DELETE FROM tool_invocations WHERE session_id = ? AND message_seq >= ?"_s);
    }

    QSqlQuery existing, insertSession, updateSession, updateSessionSized, rowOf, deleteMessages, deleteTools,
        deleteFiles;
    RowInserter insertMessage, insertTool, insertFile, insertReplaced;
    QSqlQuery source, unstageMessages, moveStaged, clearStaged, sourceState, sourceTouched;
    QSqlQuery saveRows, rollbackRows, releaseRows;
    QSqlQuery stagedOf, storedMessages, storedTools, storedFiles, deleteToolsOf, deleteReplaced, clearReplaced,
        deleteMessagesFrom, deleteToolsFrom;
    // The characters of the messages staged since they were last moved (see writeMessages()).
    qint64 stagedChars = 0;
};

HarvestWriter::HarvestWriter(const Database& database)
    : m_db(database)
{}

HarvestWriter::~HarvestWriter() = default;

std::optional<QString> HarvestWriter::prepareConnection()
{
    if (m_connectionPrepared) {
        return std::nullopt;
    }
    // Set on the connection's first write, not when the writer is made: a HarvestStore is also made to search.
    // - A writer reads every page it writes: through the map of the file, those pages would count in the process's
    //   memory (a 1 GB harvest peaked at 700 MiB instead of 430; turned off only during each transaction, a 3 GB
    //   harvest still peaked at 831 MiB). Pages are copied, and the page cache bounds them.
    // - A page cache of 16 MiB instead of 64 (a 1 GB harvest peaked 30-45 MiB lower, as fast).
    // - Temporary tables in a file, of which SQLite keeps its own small cache and the system the rest: the staged
    //   messages of a batch (tens of MB when it holds a big session) then take no memory of ours (peak 30 MiB lower).
    //   Changing temp_store drops the connection's temporary tables; the staging table is made after it.
    // - Where messages are staged until their transaction commits (see Statements), and the messages a session
    //   replaces wait until its end (see writeRowsEnd()): made outside any transaction, so that no rollback can take
    //   them away.
    QSqlQuery query(m_db.connection());
    for (const QString& statement :
         {u"PRAGMA mmap_size=0"_s, u"PRAGMA cache_size=-16384"_s, u"PRAGMA temp_store=FILE"_s,
          u"CREATE TEMP TABLE IF NOT EXISTS staged_messages (session_id TEXT, seq INTEGER, role TEXT, content TEXT, "
          "timestamp TEXT, model TEXT)"_s,
          u"CREATE TEMP TABLE IF NOT EXISTS replaced_messages (id INTEGER PRIMARY KEY)"_s}) {
        if (!query.exec(statement)) {
            return query.lastError().text();
        }
    }
    // Spools a harvest killed midway left (see CompressedSpool); one still written is an hour old at most, and
    // removing an open file leaves it to its writer where removing is allowed.
    const QDir folder = QFileInfo(m_db.path()).absoluteDir();
    for (const QFileInfo& stale : folder.entryInfoList({u".chasm-spool-*"_s}, QDir::Files | QDir::Hidden)) {
        if (stale.lastModified().secsTo(QDateTime::currentDateTimeUtc()) > 3600) {
            QFile::remove(stale.absoluteFilePath());
        }
    }
    m_connectionPrepared = true; // tried again at the next write if it failed
    return std::nullopt;
}

HarvestWriter::Statements& HarvestWriter::statements()
{
    prepareConnection();
    if (!m_statements) {
        m_statements = std::make_unique<Statements>(m_db.connection());
    }
    return *m_statements;
}

namespace {

bool exec(QSqlQuery& query, const QVariantList& values)
{
    for (int i = 0; i < values.size(); ++i) {
        query.bindValue(i, values.at(i));
    }
    const bool ok = query.exec();
    if (!query.isSelect()) {
        query.finish();
    }
    return ok;
}

// Runs a prepared statement: nothing, or the error.
std::optional<QString> run(QSqlQuery& query, const QVariantList& values)
{
    if (!exec(query, values)) {
        return query.lastError().text();
    }
    return std::nullopt;
}

QVariant nullIfEmpty(const QString& s)
{
    return s.isEmpty() ? QVariant() : QVariant(s);
}

} // namespace

HarvestWriter::SourceState HarvestWriter::sourceState(const SessionRef& ref)
{
    QSqlQuery& query = statements().sourceState;
    if (!exec(query, {ref.id}) || !query.next()) {
        query.finish();
        return SourceState::New;
    }
    const bool same = query.value(0).toLongLong() == ref.sizeBytes &&
                      query.value(1).toLongLong() == signatureTime(ref) && query.value(2).toInt() == ref.messageCount &&
                      query.value(3).toString() == ref.path;
    const bool touched = ref.fileModifiedMs != 0 && query.value(4).toLongLong() != ref.fileModifiedMs;
    query.finish();
    if (same && touched) {
        exec(statements().sourceTouched, {ref.fileModifiedMs, nullIfEmpty(ref.workspaceId), ref.id});
    }
    return same ? SourceState::Unchanged : SourceState::Changed;
}

QList<HarvestWriter::SourceFile> HarvestWriter::sourceFiles() const
{
    QSqlQuery query(m_db.connection());
    query.setForwardOnly(true);
    QList<SourceFile> files;
    if (query.exec(u"SELECT path, max(coalesce(file_modified_ms, 0)) FROM harvest_sources GROUP BY path"_s)) {
        while (query.next()) {
            files.append({query.value(0).toString(), query.value(1).toLongLong()});
        }
    }
    return files;
}

QList<HarvestWriter::KnownSource> HarvestWriter::knownSources() const
{
    QSqlQuery query(m_db.connection());
    query.setForwardOnly(true);
    QList<KnownSource> sources;
    if (!query.exec(u"SELECT session_id, provider, path, size, updated_ms, message_count, result, error, "
                    "file_modified_ms, workspace_id FROM harvest_sources WHERE file_modified_ms IS NOT NULL "
                    "AND path IN (SELECT path FROM harvest_sources GROUP BY path HAVING count(*) = 1)"_s)) {
        return sources;
    }
    while (query.next()) {
        KnownSource known;
        SessionRef& ref = known.ref;
        ref.id = query.value(0).toString();
        ref.provider = query.value(1).toString();
        ref.path = query.value(2).toString();
        ref.sizeBytes = query.value(3).toLongLong();
        const qint64 updated = query.value(4).toLongLong();
        ref.updatedAt = updated ? QDateTime::fromMSecsSinceEpoch(updated, QTimeZone::utc()) : QDateTime();
        ref.messageCount = query.value(5).toInt();
        if (query.value(6).toString() == u"failed"_s) {
            ref.error = query.value(7).toString();
        }
        known.fileModifiedMs = query.value(8).toLongLong();
        ref.fileModifiedMs = known.fileModifiedMs;
        ref.workspaceId = query.value(9).toString();
        sources.append(std::move(known));
    }
    return sources;
}

std::optional<Error> HarvestWriter::begin()
{
    // The write lock is taken at once, waited for up to the busy timeout while another process writes. A deferred
    // transaction that read first could not take it later if another process had written meanwhile: it failed at
    // once with "database is locked", without waiting.
    if (const auto error = prepareConnection()) {
        return Error{u"cannot write %1: %2"_s.arg(m_db.path(), *error)};
    }
    QSqlQuery control(m_db.connection());
    if (!control.exec(u"BEGIN IMMEDIATE"_s)) {
        return Error{u"cannot write %1: %2"_s.arg(m_db.path(), control.lastError().text())};
    }
    m_inTransaction = true;
    return std::nullopt;
}

std::optional<Error> HarvestWriter::commit()
{
    if (const auto error = moveStaged()) {
        rollback();
        return Error{u"cannot write %1: %2"_s.arg(m_db.path(), *error)};
    }
    QSqlDatabase db = m_db.connection();
    m_inTransaction = false;
    if (!db.commit()) {
        const QString error = db.lastError().text();
        db.rollback();
        return Error{u"cannot write %1: %2"_s.arg(m_db.path(), error)};
    }
    return std::nullopt;
}

void HarvestWriter::rollback()
{
    m_inTransaction = false;
    m_db.connection().rollback();
}

std::optional<QString> HarvestWriter::moveStaged()
{
    Statements& st = statements();
    std::optional<QString> error;
    (error = run(st.moveStaged, {})) || (error = run(st.clearStaged, {}));
    st.stagedChars = 0;
    return error;
}

std::optional<Error> HarvestWriter::recordFailure(const SessionRef& ref, const QString& error)
{
    if (!exec(statements().source,
              {ref.id, ref.provider, ref.path, ref.sizeBytes, signatureTime(ref), ref.messageCount, u"failed"_s, error,
               isoUtc(QDateTime::currentDateTimeUtc(), TimePrecision::Milliseconds),
               ref.fileModifiedMs ? QVariant(ref.fileModifiedMs) : QVariant(), nullIfEmpty(ref.workspaceId),
               QVariant()})) {
        return Error{u"cannot write %1: %2"_s.arg(m_db.path(), statements().source.lastError().text())};
    }
    return std::nullopt;
}

namespace {

// A session's row of `sessions`, in the order of the Statements' columns, with its id last.
QVariantList sessionRow(const SessionRef& ref, const Session& session, int conversationMessages, const QByteArray& data,
                        const QString& hash)
{
    return {session.provider,
            text(session.nativeId),
            text(session.title),
            ref.workspaceName,
            ref.workspace,
            nullIfEmpty(session.projectPath),
            ref.path,
            ref.format,
            isoOrNull(session.createdAt),
            isoOrNull(session.updatedAt),
            conversationMessages,
            nullIfEmpty(session.model),
            session.totalTokens ? QVariant(*session.totalTokens) : QVariant(),
            ref.sizeBytes,
            hash,
            isoUtc(QDateTime::currentDateTimeUtc(), TimePrecision::Milliseconds),
            data,
            session.id};
}

} // namespace

namespace {

// The rows of a message, of one of its tool calls and of a file it referred to, as they are written.
QVariantList messageRow(const QString& id, qint64 seq, const Message& m)
{
    return {id, seq, roleName(m.role), text(m.content), isoOrNull(m.timestamp), nullIfEmpty(m.model)};
}

QVariantList toolRow(const QString& id, qint64 seq, const ToolCall& call, const QVariant& timestamp)
{
    return {id, seq, call.id, text(call.name), call.input, call.output, call.status, timestamp};
}

QVariantList fileRow(const QString& id, const QString& path)
{
    return {id, path, u"referenced"_s};
}

// Whether a value bound to a statement is stored as NULL: Qt's SQLite driver binds a null QString so.
bool boundNull(const QVariant& value)
{
    return value.isNull() || (value.typeId() == QMetaType::QString && value.toString().isNull());
}

// Whether the row `stored` is at holds, from its column `from` on, what writing `row` stores.
bool sameRow(const QSqlQuery& stored, const QVariantList& row, int from)
{
    for (int c = from; c < row.size(); ++c) {
        const bool null = stored.isNull(c);
        if (null || boundNull(row.at(c))) {
            if (null != boundNull(row.at(c))) {
                return false;
            }
        } else if (stored.value(c).toString() != row.at(c).toString()) {
            return false;
        }
    }
    return true;
}

} // namespace

std::optional<QString> HarvestWriter::writeMessage(const QString& id, qint64 seq, const Message& m)
{
    Statements& st = statements();
    QVariantList row = messageRow(id, seq, m);
    const QVariant timestamp = row.at(4);
    st.stagedChars += m.content.size();
    std::optional<QString> error = st.insertMessage.add(std::move(row));
    for (qsizetype i = 0; !error && i < m.toolCalls.size(); ++i) {
        error = st.insertTool.add(toolRow(id, seq, m.toolCalls.at(i), timestamp));
    }
    return error;
}

std::optional<QString> HarvestWriter::beginRows(const QString& id, bool existed)
{
    Statements& st = statements();
    m_overStored = false;
    if (!existed) {
        return std::nullopt;
    }
    // A session stored earlier in the same transaction has messages still staged, which are not compared: its rows
    // are replaced whole.
    if (!exec(st.stagedOf, {id})) {
        return st.stagedOf.lastError().text();
    }
    const bool staged = st.stagedOf.next();
    st.stagedOf.finish();
    if (staged) {
        return clearSession(id);
    }
    m_overStored = true;
    return std::nullopt;
}

std::optional<QString> HarvestWriter::writeMessages(const QString& id, qint64 seq, std::span<const Message> messages)
{
    Statements& st = statements();
    const qint64 count = qint64(messages.size());
    // For each message: whether its stored rows are the ones it would write, its stored row's id, and how many tool
    // calls are stored for it. The stored rows are read whole before any is written.
    std::vector<char> same(messages.size(), 0);
    std::vector<qint64> storedId(messages.size(), 0);
    std::vector<qsizetype> storedTools(messages.size(), 0);
    if (m_overStored && count > 0) {
        QSqlQuery& stored = st.storedMessages;
        if (!exec(stored, {id, seq, seq + count})) {
            return stored.lastError().text();
        }
        while (stored.next()) {
            const qint64 i = stored.value(1).toLongLong() - seq;
            if (i >= 0 && i < count) {
                storedId[i] = stored.value(6).toLongLong();
                same[i] = sameRow(stored, messageRow(id, seq + i, messages[i]), 2);
            }
        }
        stored.finish();
        QSqlQuery& tools = st.storedTools;
        if (!exec(tools, {id, seq, seq + count})) {
            return tools.lastError().text();
        }
        while (tools.next()) {
            const qint64 i = tools.value(1).toLongLong() - seq;
            if (i < 0 || i >= count) {
                continue;
            }
            const qsizetype call = storedTools[i]++;
            const Message& m = messages[i];
            if (same[i]) {
                same[i] = call < m.toolCalls.size() &&
                          sameRow(tools, toolRow(id, seq + i, m.toolCalls.at(call), isoOrNull(m.timestamp)), 2);
            }
        }
        tools.finish();
    }
    std::optional<QString> error;
    for (qint64 i = 0; !error && i < count; ++i) {
        if (same[i] && storedTools[i] == messages[i].toolCalls.size()) {
            continue;
        }
        if (storedId[i] != 0) {
            error = st.insertReplaced.add({storedId[i]});
        }
        if (!error && storedTools[i] > 0) {
            error = run(st.deleteToolsOf, {id, seq + i});
        }
        if (!error) {
            error = writeMessage(id, seq + i, messages[i]);
        }
    }
    // Staged messages move into messages_v2 (and the index) at the latest when the transaction commits, and earlier
    // once they hold as much text as FTS5 keeps in memory before it writes a segment (schema 6). Moved only at the
    // commit, a gigabyte session was written whole into the staging table, read back, and indexed at the end, on this
    // thread alone (44 % of the harvest's CPU time), while the thread that makes its JSON had nothing left to do. Not
    // while the rows of a session stored before are written over: its stored rows keep their place (session and seq)
    // until its end.
    if (!error && !m_overStored && st.stagedChars >= moveStagedChars) {
        (error = st.insertMessage.flush()) || (error = moveStaged());
    }
    return error;
}

std::optional<QString> HarvestWriter::writeRowsEnd(const QString& id, qint64 messages, const QStringList& files)
{
    Statements& st = statements();
    std::optional<QString> error;
    bool sameFiles = false;
    if (m_overStored) {
        QSqlQuery& stored = st.storedFiles;
        if (!exec(stored, {id})) {
            error = stored.lastError().text();
        } else {
            qsizetype i = 0;
            sameFiles = true;
            while (sameFiles && stored.next()) {
                sameFiles = i < files.size() && stored.isNull(3) && sameRow(stored, fileRow(id, files.at(i)), 1);
                ++i;
            }
            sameFiles = sameFiles && i == files.size();
            stored.finish();
        }
        // The messages replaced and those past the end go, with their tool calls (the new rows are staged, or of
        // messages past the stored ones).
        if (!error) {
            (error = st.insertReplaced.flush()) || (error = run(st.deleteReplaced, {})) ||
                (error = run(st.clearReplaced, {})) || (error = run(st.deleteMessagesFrom, {id, messages})) ||
                (error = run(st.deleteToolsFrom, {id, messages}));
        }
        if (!error && !sameFiles) {
            error = run(st.deleteFiles, {id});
        }
    }
    for (qsizetype i = 0; !error && !sameFiles && i < files.size(); ++i) {
        error = st.insertFile.add(fileRow(id, files.at(i)));
    }
    // The session's rows are all written before its savepoint ends, so that a rollback takes all of them.
    if (!error) {
        (error = st.insertMessage.flush()) || (error = st.insertTool.flush()) || (error = st.insertFile.flush());
    }
    discardRows();
    return error;
}

void HarvestWriter::discardRows()
{
    // After an error, no row is left waiting for the next session.
    Statements& st = statements();
    st.insertMessage.discard();
    st.insertTool.discard();
    st.insertFile.discard();
    st.insertReplaced.discard();
    m_overStored = false;
}

std::optional<QString> HarvestWriter::clearSession(const QString& id)
{
    Statements& st = statements();
    std::optional<QString> error;
    (error = run(st.deleteMessages, {id})) || (error = run(st.unstageMessages, {id})) ||
        (error = run(st.deleteTools, {id})) || (error = run(st.deleteFiles, {id}));
    return error;
}

std::optional<QString> HarvestWriter::writeSession(const SessionRef& ref, const Session& session,
                                                   const QByteArray& data, const QString& hash, bool existed)
{
    Statements& st = statements();
    const QVariantList row = sessionRow(ref, session, session.conversationMessageCount(), data, hash);
    // The session row itself is updated, not replaced, so that its checkpoints stay; its messages, tool calls and
    // files are written over the stored ones (see beginRows()), a batch at a time.
    std::optional<QString> error = run(existed ? st.updateSession : st.insertSession, row);
    if (!error) {
        error = beginRows(session.id, existed);
    }
    constexpr qsizetype batch = 256;
    const qsizetype count = session.messages.size();
    for (qsizetype first = 0; !error && first < count; first += batch) {
        error = writeMessages(session.id, first,
                              std::span<const Message>(session.messages.constData() + first,
                                                       std::size_t(std::min(batch, count - first))));
    }
    if (error) {
        discardRows();
        return error;
    }
    return writeRowsEnd(session.id, count, session.filesReferenced);
}

std::optional<Error> HarvestWriter::atomically(const std::function<std::optional<QString>()>& body)
{
    // Outside begin() and commit(), the change is a transaction of its own, which takes the write lock first (see
    // begin()).
    const bool alone = !m_inTransaction;
    if (alone) {
        if (auto error = begin()) {
            return error;
        }
    }
    QSqlQuery control(m_db.connection());
    if (!control.exec(u"SAVEPOINT chasm_change"_s)) {
        const QString error = control.lastError().text();
        if (alone) {
            rollback();
        }
        return Error{u"cannot write %1: %2"_s.arg(m_db.path(), error)};
    }
    const auto undo = [&] {
        control.exec(u"ROLLBACK TO chasm_change"_s);
        control.exec(u"RELEASE chasm_change"_s);
        if (alone) {
            rollback();
        }
    };
    std::optional<QString> message;
    try {
        message = body();
    } catch (...) {
        undo(); // out of memory while making a big session's data, say: nothing of the change stays
        throw;
    }
    if (message) {
        undo();
        return Error{u"cannot write %1: %2"_s.arg(m_db.path(), *message)};
    }
    if (!control.exec(u"RELEASE chasm_change"_s)) {
        const QString error = control.lastError().text();
        if (alone) {
            rollback();
        }
        return Error{u"cannot write %1: %2"_s.arg(m_db.path(), error)};
    }
    return alone ? commit() : std::nullopt;
}

HarvestWriter::Prepared HarvestWriter::prepare(Session session)
{
    // The JSON is kept in pieces, and its tree freed before it is compressed: serialized into one string, a 24 MB
    // session's JSON took 48 MB while the string grew, beside the session and the tree, and then a buffer of its
    // whole size for its compressed copy (half of a 1 GB harvest's peak of 330 MiB was such a session's).
    std::vector<std::string> parts;
    qint64 bytes = 0;
    {
        const boost::json::object shape = shapes::session(session);
        boost::json::serializer serializer;
        serializer.reset(&shape);
        // Pieces of up to 1 MiB: glibc maps blocks that large on their own and returns them whole when they are
        // freed, where smaller ones would be left scattered over the heap (with 64 KiB, the peak grew).
        std::string buffer(std::size_t(1) << 20, '\0');
        while (!serializer.done()) {
            const std::string_view part = serializer.read(buffer.data(), buffer.size());
            parts.emplace_back(part);
            bytes += qint64(part.size());
        }
    }
    QString hash = stored::hashOf(parts);
    return {std::move(session), compressText(parts), bytes, std::move(hash)};
}

namespace {

// Why a source holds less than its stored session (see HarvestWriter::Shrink), or nothing when it does not.
std::optional<HarvestWriter::Shrink> shrinkOf(int sourceMessages, const QDateTime& sourceUpdated, int storedMessages,
                                              const QDateTime& storedUpdated)
{
    HarvestWriter::Shrink shrink;
    shrink.storedMessages = storedMessages;
    shrink.sourceMessages = sourceMessages;
    if (shrink.sourceMessages < storedMessages) {
        shrink.reason = u"source shrank: kept the %1 stored messages (the source now has %2)"_s.arg(
            QString::number(storedMessages), QString::number(shrink.sourceMessages));
    } else if (storedUpdated.isValid() && sourceUpdated.isValid() && sourceUpdated < storedUpdated) {
        shrink.reason =
            u"source is older than the stored session: kept its %1 messages (last activity %2; the "
            "source's %3)"_s.arg(QString::number(storedMessages), isoUtc(storedUpdated, TimePrecision::Seconds),
                                 isoUtc(sourceUpdated, TimePrecision::Seconds));
    } else {
        return std::nullopt;
    }
    return shrink;
}

// The source row of a session stored from `ref` with the content `hash`, read as it is ("ok").
QVariantList sourceRowOf(const SessionRef& ref, const QString& hash)
{
    return {ref.id,
            ref.provider,
            ref.path,
            ref.sizeBytes,
            signatureTime(ref),
            ref.messageCount,
            u"ok"_s,
            QVariant(),
            isoUtc(QDateTime::currentDateTimeUtc(), TimePrecision::Milliseconds),
            ref.fileModifiedMs ? QVariant(ref.fileModifiedMs) : QVariant(),
            nullIfEmpty(ref.workspaceId),
            hash};
}

} // namespace

Result<HarvestWriter::Outcome> HarvestWriter::store(const SessionRef& ref, const Prepared& prepared, Shrink* shrink)
{
    Statements& st = statements();
    // Named, not a structured binding: clang before 16 cannot capture those in the lambda below.
    const Session& session = prepared.session;
    const QByteArray& data = prepared.data;
    const QString& hash = prepared.hash;
    QVariantList sourceRow = sourceRowOf(ref, hash);
    Outcome outcome = Outcome::New;
    const auto error = atomically([&]() -> std::optional<QString> {
        if (!exec(st.existing, {session.id})) {
            return st.existing.lastError().text();
        }
        const bool existed = st.existing.next();
        const bool same =
            existed && st.existing.value(0).toString() == hash && st.existing.value(1).toString() == ref.path;
        std::optional<Shrink> shrank;
        if (existed && !same) {
            shrank = shrinkOf(session.conversationMessageCount(), session.updatedAt, st.existing.value(2).toInt(),
                              QDateTime::fromString(st.existing.value(3).toString(), Qt::ISODateWithMs));
        }
        st.existing.finish();
        outcome = shrank ? Outcome::Kept : same ? Outcome::Unchanged : existed ? Outcome::Updated : Outcome::New;
        if (shrank) {
            if (auto failed =
                    HarvestCheckpoints::keepLatest(m_db.connection(), session.id, shrank->reason, shrank->checkpoint)) {
                return failed;
            }
            // The source as read, so that the next run skips it until it changes, with what was done.
            sourceRow[6] = u"shrank"_s;
            sourceRow[7] = shrank->reason;
            if (shrink) {
                *shrink = *shrank;
            }
        } else if (!same) {
            if (auto failed = writeSession(ref, session, data, hash, existed)) {
                return failed;
            }
        }
        return run(st.source, sourceRow);
    });
    if (error) {
        return *error;
    }
    return outcome;
}

// Takes a session from its reader and writes it as it comes (see storeRead): at its header, whether it replaces
// what is stored; then its messages' rows a batch at a time, over those stored (see beginRows()), its JSON hashed
// and compressed on the way. The rows are written inside a savepoint of their own, which storeRead rolls back when the
// session turns out to be the one stored.
class HarvestWriter::ReadSink final : public SessionSink
{
public:
    ReadSink(HarvestWriter& writer, SessionRef& ref)
        : m_writer(writer)
        , m_ref(ref)
        , m_spool(QFileInfo(writer.m_db.path()).absolutePath())
        , m_compressor([this](QByteArrayView frame) { m_spool.add(frame); })
        , m_json([this](std::string_view text) -> std::optional<Error> {
            m_hash.addData(QByteArrayView(text.data(), qsizetype(text.size())));
            if (!m_shrank) {
                m_compressor.add(text);
            }
            return std::nullopt;
        })
    {}

    std::optional<Error> begin(const Session& header, int conversationMessages) override
    {
        m_header = header;
        m_conversationMessages = conversationMessages;
        if (!m_ref.described) {
            describe(m_ref, header);
            m_ref.messageCount = conversationMessages;
        }
        Statements& st = m_writer.statements();
        if (!exec(st.existing, {header.id})) {
            return failed(st.existing.lastError().text());
        }
        m_existed = st.existing.next();
        if (m_existed) {
            m_storedHash = st.existing.value(0).toString();
            m_storedPath = st.existing.value(1).toString();
            // What store() finds only when the content differs: the same content has the same count and time.
            m_shrank = shrinkOf(conversationMessages, header.updatedAt, st.existing.value(2).toInt(),
                                QDateTime::fromString(st.existing.value(3).toString(), Qt::ISODateWithMs));
        }
        st.existing.finish();
        // A source that shrank is only hashed (for its source row): the stored session stays.
        if (!m_shrank) {
            // A new session's row first, for the rows that refer to it; its data and hash come at the end.
            std::optional<QString> error = run(st.saveRows, {});
            if (!error && !m_existed) {
                error = run(st.insertSession, sessionRow(m_ref, header, conversationMessages, QByteArray(""), {}));
            }
            if (!error) {
                error = m_writer.beginRows(header.id, m_existed);
            }
            if (error) {
                return failed(*error);
            }
        }
        // The JSON is made, hashed and compressed on a thread of its own while the writer writes the rows. (Its writes
        // never fail: the text goes to the hash and the spool, whose error storeSession() reports.)
        return m_pipeline.begin(header, conversationMessages);
    }

    std::optional<Error> add(QList<Message>&& messages) override
    {
        if (!m_shrank) {
            if (auto error = m_writer.writeMessages(
                    m_header.id, m_seq, std::span<const Message>(messages.constData(), std::size_t(messages.size())))) {
                return failed(*error);
            }
            m_seq += messages.size();
        }
        return m_pipeline.add(std::move(messages));
    }

    std::optional<Error> end(const QStringList& filesReferenced) override
    {
        if (auto error = m_shrank ? std::nullopt : m_writer.writeRowsEnd(m_header.id, m_seq, filesReferenced)) {
            return failed(*error);
        }
        m_ended = true;
        return m_pipeline.end(filesReferenced); // once the JSON is whole
    }

    // The header's session, as begin() had it.
    const Session& header() const { return m_header; }
    int conversationMessages() const { return m_conversationMessages; }
    bool ended() const { return m_ended; }
    bool existed() const { return m_existed; }
    const std::optional<Shrink>& shrank() const { return m_shrank; }
    // The error of the database that stopped the read, if one did.
    const std::optional<QString>& writeError() const { return m_writeError; }
    // Whether the session read is the one stored (the same content from the same file).
    bool same(const QString& hash) const { return m_existed && m_storedHash == hash && m_storedPath == m_ref.path; }
    QString hash() const { return QString::fromLatin1(m_hash.result().toHex()); }
    // Stores the session's row as read, with its data and `hash` (the rows of its messages are written): nothing,
    // or the error.
    std::optional<QString> storeSession(const QString& hash)
    {
        m_compressor.finish(); // the last frame, into the spool
        if (m_spool.error()) {
            return m_spool.error();
        }
        Statements& st = m_writer.statements();
        QVariantList row = sessionRow(m_ref, m_header, m_conversationMessages, QByteArray(), hash);
        constexpr int data = 16;
        sqlite3* native = nativeSqlite(m_writer.m_db.connection());
        if (!native) {
            QByteArray bytes;
            if (auto error = m_spool.readAll(bytes)) {
                return error;
            }
            row[data] = bytes;
            return run(st.updateSession, row);
        }
        row[data] = m_spool.size();
        if (auto error = run(st.updateSessionSized, row)) {
            return error;
        }
        if (!exec(st.rowOf, {m_header.id}) || !st.rowOf.next()) {
            const QString error = st.rowOf.lastError().text();
            st.rowOf.finish();
            return error.trimmed().isEmpty() ? u"the session's row is missing"_s : error;
        }
        const qint64 rowid = st.rowOf.value(0).toLongLong();
        st.rowOf.finish();
        return m_spool.writeInto(native, "sessions", "data", rowid);
    }

private:
    std::optional<Error> failed(const QString& error)
    {
        m_writer.discardRows();
        m_writeError = error;
        return Error{error};
    }

    HarvestWriter& m_writer;
    SessionRef& m_ref;
    Session m_header;
    int m_conversationMessages = 0;
    qint64 m_seq = 0;
    bool m_existed = false;
    bool m_ended = false;
    QString m_storedHash;
    QString m_storedPath;
    std::optional<Shrink> m_shrank;
    std::optional<QString> m_writeError;
    QCryptographicHash m_hash{QCryptographicHash::Sha1};
    CompressedSpool m_spool;
    TextCompressor m_compressor;
    SessionJsonWriter m_json;
    PipelinedSink m_pipeline{m_json}; // last: its thread ends first, before what it uses
};

Result<HarvestWriter::ReadOutcome> HarvestWriter::storeRead(SessionRef& ref, const Read& read, Shrink* shrink)
{
    Statements& st = statements();
    Outcome outcome = Outcome::New;
    std::optional<QString> unreadable;
    const auto error = atomically([&]() -> std::optional<QString> {
        ReadSink sink(*this, ref);
        if (const auto readError = read(sink)) {
            if (sink.writeError()) {
                return sink.writeError();
            }
            unreadable = readError->message;
            return unreadable; // whatever was written goes with the savepoint
        }
        if (!sink.ended()) {
            unreadable = u"the reader stopped before the end of the session"_s;
            return unreadable;
        }
        const QString hash = sink.hash();
        QVariantList sourceRow = sourceRowOf(ref, hash);
        std::optional<Shrink> shrank = sink.shrank();
        if (shrank && sink.same(hash)) {
            // A shrink is told from the header alone: the content stored is what was read, and nothing was written.
            outcome = Outcome::Unchanged;
        } else if (shrank) {
            if (auto failed = HarvestCheckpoints::keepLatest(m_db.connection(), sink.header().id, shrank->reason,
                                                             shrank->checkpoint)) {
                return failed;
            }
            outcome = Outcome::Kept;
            sourceRow[6] = u"shrank"_s;
            sourceRow[7] = shrank->reason;
            if (shrink) {
                *shrink = *shrank;
            }
        } else {
            // The rows written replace the stored ones unless the session is the one stored, which stays as it was.
            std::optional<QString> failed;
            if (sink.same(hash)) {
                outcome = Outcome::Unchanged;
                failed = run(st.rollbackRows, {});
            } else {
                outcome = sink.existed() ? Outcome::Updated : Outcome::New;
                failed = sink.storeSession(hash);
            }
            if (failed || (failed = run(st.releaseRows, {}))) {
                return failed;
            }
        }
        return run(st.source, sourceRow);
    });
    // Rows a reader added before it failed (or of a session found unchanged) went with the savepoint; those still
    // waiting in the batches must not reach the next session's.
    discardRows();
    if (unreadable) {
        return ReadOutcome(Error{*unreadable});
    }
    if (error) {
        return *error;
    }
    return ReadOutcome(outcome);
}

std::optional<Error> HarvestWriter::rebuildIndex()
{
    return m_db.execute({u"INSERT INTO messages_fts(messages_fts) VALUES ('rebuild')"_s});
}

std::optional<Error> HarvestWriter::recordRun(const QDateTime& started, int created, int updated, int unchanged,
                                              int failed)
{
    QSqlQuery query(m_db.connection());
    query.prepare(u"INSERT INTO harvest_runs (started_at, finished_at, new, updated, unchanged, failed) "
                  "VALUES (?, ?, ?, ?, ?, ?)"_s);
    for (const QVariant& value : QVariantList{started.toString(Qt::ISODateWithMs),
                                              isoUtc(QDateTime::currentDateTimeUtc(), TimePrecision::Milliseconds),
                                              created, updated, unchanged, failed}) {
        query.addBindValue(value);
    }
    if (!query.exec()) {
        return Error{u"cannot write %1: %2"_s.arg(m_db.path(), query.lastError().text())};
    }
    return std::nullopt;
}

} // namespace chasm
