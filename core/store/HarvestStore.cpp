#include "HarvestStore.h"

#include "SearchQuery.h"
#include "json/Json.h"
#include "model/ModelJson.h"
#include "util/Compression.h"
#include "util/IsoTime.h"

#include <QCryptographicHash>
#include <QSqlError>
#include <QTimeZone>
#include <QSqlQuery>

#include <boost/json/serialize.hpp>

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

// How many of the newest messages tell whether a word is common (in one message in ten).
constexpr int commonSample = 2000;

} // namespace

// The writer's statements, prepared once per store: a harvest runs them hundreds of thousands of times.
struct HarvestStore::Statements
{
    explicit Statements(const QSqlDatabase& db)
        : existing(db)
        , insertSession(db)
        , updateSession(db)
        , deleteMessages(db)
        , deleteTools(db)
        , deleteFiles(db)
        // Messages are staged in a temporary table and moved into messages_v2 with one statement per
        // transaction. Inserted one by one, each insert runs the FTS trigger in a statement savepoint,
        // and FTS5 writes its pending terms out at every savepoint: a tiny index segment per message,
        // then merging them all, which made harvests four times slower than loading the index directly.
        // (The temporary table belongs to the connection: Database::open creates it.)
        , insertMessage(db, u"temp.staged_messages"_s,
                        {u"session_id"_s, u"seq"_s, u"role"_s, u"content"_s, u"timestamp"_s, u"model"_s})
        , insertTool(db, u"tool_invocations"_s,
                     {u"session_id"_s, u"message_seq"_s, u"call_id"_s, u"tool_name"_s, u"input"_s, u"output"_s,
                      u"status"_s, u"timestamp"_s})
        , insertFile(db, u"file_changes"_s, {u"session_id"_s, u"file_path"_s, u"change_type"_s})
        , source(db)
        , unstageMessages(db)
        , moveStaged(db)
        , clearStaged(db)
        , sourceState(db)
        , sourceTouched(db)
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
    }

    QSqlQuery existing, insertSession, updateSession, deleteMessages, deleteTools, deleteFiles;
    RowInserter insertMessage, insertTool, insertFile;
    QSqlQuery source, unstageMessages, moveStaged, clearStaged, sourceState, sourceTouched;
};

HarvestStore::HarvestStore(const Database& database)
    : m_db(database)
{}

HarvestStore::~HarvestStore() = default;

HarvestStore::Statements& HarvestStore::statements()
{
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

// The JSON of a session as stored in a `data` column (compressed), or why it cannot be read.
Result<std::string> jsonOf(const QVariant& data)
{
    return decompressText(data.toByteArray());
}

Result<Session> sessionFromText(const std::string& text, const QString& what)
{
    auto value = json::parse(text, what);
    if (!value) {
        return value.error();
    }
    return shapes::sessionFromJson(*value);
}

// A session as stored in a `data` column.
Result<Session> sessionFromData(const QVariant& data, const QString& what)
{
    const auto text = jsonOf(data);
    return text ? sessionFromText(*text, what) : Result<Session>(text.error());
}

QVariant nullIfEmpty(const QString& s)
{
    return s.isEmpty() ? QVariant() : QVariant(s);
}

} // namespace

HarvestStore::SourceState HarvestStore::sourceState(const SessionRef& ref)
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

QStringList HarvestStore::queryWords(const QString& query)
{
    const auto parsed = SearchQuery::parse(query);
    if (!parsed) {
        return {};
    }
    QStringList words = parsed->words() + parsed->prefixes();
    words.removeDuplicates();
    return words;
}

QList<HarvestStore::SourceFile> HarvestStore::sourceFiles() const
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

QList<HarvestStore::KnownSource> HarvestStore::knownSources() const
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

std::optional<Error> HarvestStore::begin()
{
    // The write lock is taken at once, waited for up to the busy timeout while another process writes. A deferred
    // transaction that read first could not take it later if another process had written meanwhile: it failed at
    // once with "database is locked", without waiting.
    QSqlQuery control(m_db.connection());
    if (!control.exec(u"BEGIN IMMEDIATE"_s)) {
        return Error{u"cannot write %1: %2"_s.arg(m_db.path(), control.lastError().text())};
    }
    m_inTransaction = true;
    return std::nullopt;
}

std::optional<Error> HarvestStore::commit()
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

void HarvestStore::rollback()
{
    m_inTransaction = false;
    m_db.connection().rollback();
}

std::optional<QString> HarvestStore::moveStaged()
{
    Statements& st = statements();
    std::optional<QString> error;
    (error = run(st.moveStaged, {})) || (error = run(st.clearStaged, {}));
    return error;
}

std::optional<Error> HarvestStore::recordFailure(const SessionRef& ref, const QString& error)
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

std::optional<QString> HarvestStore::writeSession(const SessionRef& ref, const Session& session, const QByteArray& data,
                                                  const QString& hash, bool existed)
{
    Statements& st = statements();
    const QVariantList row{session.provider,
                           text(session.nativeId),
                           text(session.title),
                           ref.workspaceName,
                           ref.workspace,
                           nullIfEmpty(session.projectPath),
                           ref.path,
                           ref.format,
                           isoOrNull(session.createdAt),
                           isoOrNull(session.updatedAt),
                           session.conversationMessageCount(),
                           nullIfEmpty(session.model),
                           session.totalTokens ? QVariant(*session.totalTokens) : QVariant(),
                           ref.sizeBytes,
                           hash,
                           isoUtc(QDateTime::currentDateTimeUtc(), TimePrecision::Milliseconds),
                           data,
                           session.id};
    // Messages, tool calls and file changes are replaced whole: a session is small next to the cost of
    // a diff, and the FTS triggers keep the index in step. The session row itself is updated, not
    // replaced, so that its checkpoints stay.
    std::optional<QString> error;
    if (existed) {
        (error = run(st.updateSession, row)) || (error = run(st.deleteMessages, {session.id})) ||
            (error = run(st.unstageMessages, {session.id})) || (error = run(st.deleteTools, {session.id})) ||
            (error = run(st.deleteFiles, {session.id}));
    } else {
        error = run(st.insertSession, row);
    }
    for (qsizetype seq = 0; !error && seq < session.messages.size(); ++seq) {
        const Message& m = session.messages.at(seq);
        const QVariant timestamp = isoOrNull(m.timestamp);
        error =
            st.insertMessage.add({session.id, seq, roleName(m.role), text(m.content), timestamp, nullIfEmpty(m.model)});
        for (qsizetype i = 0; !error && i < m.toolCalls.size(); ++i) {
            const ToolCall& call = m.toolCalls.at(i);
            error = st.insertTool.add(
                {session.id, seq, call.id, text(call.name), call.input, call.output, call.status, timestamp});
        }
    }
    for (qsizetype i = 0; !error && i < session.filesReferenced.size(); ++i) {
        error = st.insertFile.add({session.id, session.filesReferenced.at(i), u"referenced"_s});
    }
    // The session's rows are all written before its savepoint ends, so that a rollback takes all of them;
    // after an error, none is left waiting for the next session.
    if (!error) {
        (error = st.insertMessage.flush()) || (error = st.insertTool.flush()) || (error = st.insertFile.flush());
    }
    st.insertMessage.discard();
    st.insertTool.discard();
    st.insertFile.discard();
    return error;
}

std::optional<Error> HarvestStore::atomically(const std::function<std::optional<QString>()>& body)
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
    if (const std::optional<QString> message = body()) {
        control.exec(u"ROLLBACK TO chasm_change"_s);
        control.exec(u"RELEASE chasm_change"_s);
        if (alone) {
            rollback();
        }
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

QString HarvestStore::hashOf(const std::string& data)
{
    return QString::fromLatin1(
        QCryptographicHash::hash(QByteArrayView(data.data(), qsizetype(data.size())), QCryptographicHash::Sha1)
            .toHex());
}

HarvestStore::Prepared HarvestStore::prepare(Session session)
{
    const std::string json = boost::json::serialize(shapes::session(session));
    QString hash = hashOf(json);
    return {std::move(session), compressText(json), qint64(json.size()), std::move(hash)};
}

std::optional<QString> HarvestStore::contentHash(const QString& id) const
{
    QSqlQuery query(m_db.connection());
    query.prepare(u"SELECT source_hash FROM sessions WHERE id = ?"_s);
    query.addBindValue(id);
    if (!query.exec() || !query.next()) {
        return std::nullopt;
    }
    return query.value(0).toString();
}

namespace {

// Why a source holds less than its stored session (see HarvestStore::Shrink), or nothing when it does not.
std::optional<HarvestStore::Shrink> shrinkOf(const Session& source, int storedMessages, const QDateTime& storedUpdated)
{
    HarvestStore::Shrink shrink;
    shrink.storedMessages = storedMessages;
    shrink.sourceMessages = source.conversationMessageCount();
    if (shrink.sourceMessages < storedMessages) {
        shrink.reason = u"source shrank: kept the %1 stored messages (the source now has %2)"_s.arg(
            QString::number(storedMessages), QString::number(shrink.sourceMessages));
    } else if (storedUpdated.isValid() && source.updatedAt.isValid() && source.updatedAt < storedUpdated) {
        shrink.reason =
            u"source is older than the stored session: kept its %1 messages (last activity %2; the "
            "source's %3)"_s.arg(QString::number(storedMessages), isoUtc(storedUpdated, TimePrecision::Seconds),
                                 isoUtc(source.updatedAt, TimePrecision::Seconds));
    } else {
        return std::nullopt;
    }
    return shrink;
}

} // namespace

std::optional<QString> HarvestStore::keepStored(const QString& id, Shrink& shrink)
{
    QSqlQuery q(m_db.connection());
    q.prepare(u"SELECT c.number FROM checkpoints c JOIN sessions s ON s.id = c.session_id WHERE c.session_id = ? "
              "AND c.number = (SELECT max(number) FROM checkpoints WHERE session_id = ?) AND c.data = s.data"_s);
    q.addBindValue(id);
    q.addBindValue(id);
    if (!q.exec()) {
        return q.lastError().text();
    }
    if (q.next()) {
        shrink.checkpoint = q.value(0).toInt();
        return std::nullopt;
    }
    q.finish();
    Checkpoint made;
    if (auto error = saveCheckpoint(id, shrink.reason, made)) {
        return error;
    }
    shrink.checkpoint = made.number;
    return std::nullopt;
}

Result<HarvestStore::Outcome> HarvestStore::store(const SessionRef& ref, const Prepared& prepared, Shrink* shrink)
{
    Statements& st = statements();
    // Named, not a structured binding: clang before 16 cannot capture those in the lambda below.
    const Session& session = prepared.session;
    const QByteArray& data = prepared.data;
    const QString& hash = prepared.hash;
    QVariantList sourceRow{ref.id,
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
            shrank = shrinkOf(session, st.existing.value(2).toInt(),
                              QDateTime::fromString(st.existing.value(3).toString(), Qt::ISODateWithMs));
        }
        st.existing.finish();
        outcome = shrank ? Outcome::Kept : same ? Outcome::Unchanged : existed ? Outcome::Updated : Outcome::New;
        if (shrank) {
            if (auto failed = keepStored(session.id, *shrank)) {
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

Result<HarvestStore::SearchResults> HarvestStore::search(const QString& query, const SearchFilter& filter) const
{
    if (query.trimmed().isEmpty()) {
        return Error{u"search: the query is empty"_s};
    }
    // The best candidates by BM25 come from the index alone (FTS5 orders by rank itself and makes
    // snippets only for the rows it returns); they are then re-ranked with a mild recency boost and
    // grouped per session. Filters join first, so that the candidates are all eligible.
    const int candidates = std::max(filter.limit * 10, 200);
    const QString snippet = u"snippet(messages_fts, 0, char(2), char(3), '…', 16)"_s;
    const auto parsed = SearchQuery::parse(query);
    if (!parsed) {
        return parsed.error();
    }
    QStringList conditions;
    const QString fts = parsed->fts();
    QVariantList values{fts};
    if (!filter.provider.isEmpty()) {
        conditions << u"s.provider = ?"_s;
        values << filter.provider;
    }
    if (!filter.workspace.isEmpty()) {
        conditions << u"(s.workspace = ? OR s.workspace_name LIKE ? OR s.project_path LIKE ?)"_s;
        const QString like = u'%' + filter.workspace + u'%';
        values << filter.workspace << like << like;
    }
    if (!filter.role.isEmpty()) {
        conditions << u"m.role = ?"_s;
        values << filter.role;
    }
    if (filter.after.isValid()) {
        conditions << u"coalesce(m.timestamp, s.updated_at) >= ?"_s;
        values << isoUtc(filter.after, TimePrecision::Milliseconds);
    }
    if (filter.before.isValid()) {
        conditions << u"coalesce(m.timestamp, s.updated_at) <= ?"_s;
        values << isoUtc(filter.before, TimePrecision::Milliseconds);
    }
    QSqlQuery q(m_db.connection());
    q.setForwardOnly(true);
    const auto exec = [&q, &query](const QString& sql, const QVariantList& bound) -> std::optional<Error> {
        q.prepare(sql);
        for (const QVariant& value : bound) {
            q.addBindValue(value);
        }
        if (!q.exec()) {
            return Error{u"search: the query \"%1\" is not valid: %2"_s.arg(query, q.lastError().databaseText())};
        }
        return std::nullopt;
    };
    const auto count = [&](const QString& sql, const QVariantList& bound) -> Result<qint64> {
        if (auto error = exec(sql, bound)) {
            return *error;
        }
        const qint64 n = q.next() ? q.value(0).toLongLong() : 0;
        q.finish();
        return n;
    };
    const QString where = conditions.isEmpty() ? QString() : u" AND "_s + conditions.join(u" AND "_s);

    const QString columns = u"m.session_id, s.provider, s.title, s.project_path, m.seq, m.role, "
                            "coalesce(m.timestamp, s.updated_at)"_s;
    const QDateTime now = QDateTime::currentDateTimeUtc();
    // The best candidates, or the newest matches when unranked.
    const auto fetch = [&](bool ranked) -> Result<QList<SearchHit>> {
        // Higher is better: BM25 (FTS5's rank is its negation), or the same for all when unranked.
        const QString score = ranked ? u"-rank"_s : u"1.0"_s;
        const QString order = ranked ? u"rank"_s : u"messages_fts.rowid DESC"_s;
        // Without filters the candidates come from the index alone and only they are joined.
        const QString sql =
            where.isEmpty()
                ? u"WITH hits AS (SELECT rowid, %1 AS snippet, %2 AS score FROM messages_fts WHERE messages_fts "
                  "MATCH ? ORDER BY %3 LIMIT ?) SELECT %4, hits.snippet, hits.score FROM hits "
                  "JOIN messages_v2 m ON m.id = hits.rowid JOIN sessions s ON s.id = m.session_id"_s.arg(snippet, score,
                                                                                                         order, columns)
                : u"SELECT %1, %2, %3 FROM messages_fts JOIN messages_v2 m ON m.id = messages_fts.rowid "
                  "JOIN sessions s ON s.id = m.session_id WHERE messages_fts MATCH ?%4 ORDER BY %5 LIMIT ?"_s.arg(
                      columns, snippet, score, where, order);
        if (auto error = exec(sql, values + QVariantList{candidates})) {
            return *error;
        }
        QList<SearchHit> hits;
        while (q.next()) {
            SearchHit hit{q.value(0).toString(), q.value(1).toString(), q.value(2).toString(),
                          q.value(3).toString(), q.value(4).toInt(),    q.value(5).toString(),
                          q.value(6).toString(), q.value(7).toString(), q.value(8).toDouble()};
            // Up to a fifth more for today's messages, halving every 30 days: among equally good matches
            // the recent one wins, but a much better old match still beats a weak new one.
            const QDateTime time = QDateTime::fromString(hit.timestamp, Qt::ISODateWithMs);
            const double ageDays = time.isValid() ? std::max<double>(0, double(time.secsTo(now)) / 86400.0) : 365.0;
            hit.score *= 1.0 + 0.2 * std::exp2(-ageDays / 30.0);
            hits.append(std::move(hit));
        }
        return hits;
    };

    // BM25 weighs each word by how few messages hold it, which FTS5 finds by reading every message that
    // holds it, and then scores every match: tens of milliseconds for a word in most of a million
    // messages, a second with the scoring, for a ranking that says little. So, unless the search is
    // exhaustive, the newest matches are shown, unranked, for a query
    //   - whose every word is in at least one message in ten (looked up among the newest messages; a
    //     rare phrase of such words still costs the reading);
    //   - with a prefix and as many eligible matches as a search shows: FTS5 reads every occurrence of
    //     every word that begins with the prefix for each statement that uses it, whatever else the
    //     statement asks, so the newest matches are read first and ranking would read them twice more;
    //   - with more than `rankWindow` matches (counted newest first, stopping there; filters do not
    //     count, since BM25 scores every match).
    // Message ids grow with time: harvests store sessions oldest first, and a changed session is
    // stored again.
    SearchResults results;
    std::optional<QList<SearchHit>> found;
    if (!filter.exhaustive) {
        const auto newest = count(u"SELECT max(id) FROM messages_v2"_s, {});
        if (!newest) {
            return newest.error();
        }
        const QStringList& words = parsed->words();
        bool everyWordCommon = !words.isEmpty() && parsed->prefixes().isEmpty();
        for (qsizetype i = 0; everyWordCommon && i < words.size(); ++i) {
            const auto recent = count(u"SELECT count(*) FROM (SELECT rowid FROM messages_fts WHERE messages_fts "
                                      "MATCH ? AND rowid > ? ORDER BY rowid DESC LIMIT ?)"_s,
                                      {QString(u'"' + words.at(i) + u'"'), *newest - commonSample, commonSample / 10});
            if (!recent) {
                return recent.error();
            }
            everyWordCommon = *recent == commonSample / 10;
        }
        if (everyWordCommon) {
            results.unranked = Unranked::CommonWords;
        } else if (!parsed->prefixes().isEmpty()) {
            auto hits = fetch(false);
            if (!hits) {
                return hits.error();
            }
            if (hits->size() == candidates) {
                results.unranked = Unranked::ManyPrefixMatches;
                found = std::move(hits).value();
            }
        } else {
            const auto matches =
                count(u"SELECT count(*) FROM (SELECT rowid FROM messages_fts WHERE messages_fts MATCH ? "
                      "ORDER BY rowid DESC LIMIT ?)"_s,
                      {fts, rankWindow + 1});
            if (!matches) {
                return matches.error();
            }
            results.unranked = *matches > rankWindow ? Unranked::ManyMatches : Unranked::No;
        }
    }
    if (!found) {
        auto hits = fetch(!results.windowed());
        if (!hits) {
            return hits.error();
        }
        found = std::move(hits).value();
    }
    QList<SearchHit> hits = std::move(*found);

    // Grouped per session, sessions ordered by their best hit, at most three hits each.
    std::stable_sort(hits.begin(), hits.end(),
                     [](const SearchHit& a, const SearchHit& b) { return a.score > b.score; });
    QHash<QString, int> rankOfSession;
    QHash<QString, int> shown;
    QList<SearchHit> grouped;
    for (const SearchHit& hit : std::as_const(hits)) {
        if (!rankOfSession.contains(hit.sessionId)) {
            rankOfSession.insert(hit.sessionId, int(rankOfSession.size()));
        }
    }
    for (const SearchHit& hit : std::as_const(hits)) {
        if (shown[hit.sessionId]++ < maxHitsPerSession) {
            grouped.append(hit);
        }
    }
    std::stable_sort(grouped.begin(), grouped.end(), [&rankOfSession](const SearchHit& a, const SearchHit& b) {
        return rankOfSession.value(a.sessionId) < rankOfSession.value(b.sessionId);
    });
    if (grouped.size() > filter.limit) {
        grouped.resize(filter.limit);
    }
    results.hits = std::move(grouped);
    return results;
}

Result<QSet<QString>> HarvestStore::sessionsContaining(const QString& text) const
{
    const SearchQuery words = SearchQuery::wordStarts(text);
    QSet<QString> ids;
    if (words.fts().isEmpty()) {
        return ids;
    }
    QSqlQuery q(m_db.connection());
    q.setForwardOnly(true);
    q.prepare(u"SELECT DISTINCT m.session_id FROM messages_fts JOIN messages_v2 m ON m.id = messages_fts.rowid "
              "WHERE messages_fts MATCH ?"_s);
    q.addBindValue(words.fts());
    if (!q.exec()) {
        return Error{u"cannot read %1: %2"_s.arg(m_db.path(), q.lastError().databaseText())};
    }
    while (q.next()) {
        ids.insert(q.value(0).toString());
    }
    return ids;
}

Result<QString> HarvestStore::resolve(const QString& idOrPrefix) const
{
    QSqlQuery q(m_db.connection());
    q.prepare(u"SELECT id, id = :p OR native_id = :p FROM sessions WHERE substr(id, 1, length(:p)) = :p "
              "OR substr(native_id, 1, length(:p)) = :p ORDER BY 2 DESC, id LIMIT 11"_s);
    q.bindValue(u":p"_s, idOrPrefix);
    if (!q.exec()) {
        return Error{u"cannot read %1: %2"_s.arg(m_db.path(), q.lastError().databaseText())};
    }
    QStringList ids;
    while (q.next()) {
        if (q.value(1).toBool()) {
            return q.value(0).toString(); // an exact id wins over longer ids it is a prefix of
        }
        ids << q.value(0).toString();
    }
    if (ids.isEmpty()) {
        return Error{u"no harvested session matches '%1' in %2"_s.arg(idOrPrefix, m_db.path())};
    }
    if (ids.size() > 1) {
        return Error{u"'%1' matches several harvested sessions:\n  %2"_s.arg(idOrPrefix, ids.join(u"\n  "_s))};
    }
    return ids.constFirst();
}

Result<Session> HarvestStore::session(const QString& idOrPrefix) const
{
    const auto id = resolve(idOrPrefix);
    if (!id) {
        return id.error();
    }
    Result<Session> found = Error{u"no harvested session '%1' in %2"_s.arg(*id, m_db.path())};
    if (auto error = forEachSession({}, {*id}, [&found](const Session& session) -> std::optional<Error> {
            found = session;
            return std::nullopt;
        })) {
        return *error;
    }
    return found;
}

std::optional<Error>
HarvestStore::forEachSession(const QString& provider, const QStringList& ids,
                             const std::function<std::optional<Error>(const Session&)>& visit) const
{
    QString sql = u"SELECT id, data FROM sessions WHERE 1"_s;
    QVariantList values;
    if (!provider.isEmpty()) {
        sql += u" AND provider = ?"_s;
        values << provider;
    }
    if (!ids.isEmpty()) {
        sql += u" AND id IN (SELECT value FROM json_each(?))"_s;
        boost::json::array list;
        for (const QString& id : ids) {
            list.emplace_back(json::fromQString(id));
        }
        values << QString::fromStdString(boost::json::serialize(list));
    }
    sql += u" ORDER BY coalesce(created_at, updated_at), id"_s;
    QSqlQuery q(m_db.connection());
    q.setForwardOnly(true);
    q.prepare(sql);
    for (const QVariant& value : values) {
        q.addBindValue(value);
    }
    if (!q.exec()) {
        return Error{u"cannot read %1: %2"_s.arg(m_db.path(), q.lastError().databaseText())};
    }
    while (q.next()) {
        const QString id = q.value(0).toString();
        const auto session = sessionFromData(q.value(1), u"session %1 in %2"_s.arg(id, m_db.path()));
        if (!session) {
            return Error{u"%1: session %2 is damaged: %3"_s.arg(m_db.path(), id, session.error().message)};
        }
        if (auto error = visit(*session)) {
            return error;
        }
    }
    return std::nullopt;
}

std::optional<QString> HarvestStore::saveCheckpoint(const QString& id, const QString& message, Checkpoint& made)
{
    QSqlQuery q(m_db.connection());
    q.prepare(u"SELECT coalesce(max(number), 0) + 1 FROM checkpoints WHERE session_id = ?"_s);
    q.addBindValue(id);
    if (!q.exec() || !q.next()) {
        return q.lastError().text();
    }
    made.number = q.value(0).toInt();
    made.message = message;
    made.createdAt = QDateTime::currentDateTimeUtc();
    q.finish();
    // The session's messages are its rows in messages_v2, one per message of its JSON.
    q.prepare(u"INSERT INTO checkpoints (session_id, number, message, created_at, data, message_count) "
              "SELECT id, ?, ?, ?, data, (SELECT count(*) FROM messages_v2 WHERE session_id = s.id) "
              "FROM sessions s WHERE id = ?"_s);
    q.addBindValue(made.number);
    q.addBindValue(message.isEmpty() ? QVariant() : QVariant(message));
    q.addBindValue(made.createdAt.toString(Qt::ISODateWithMs));
    q.addBindValue(id);
    if (!q.exec()) {
        return q.lastError().text();
    }
    q.prepare(u"SELECT message_count FROM checkpoints WHERE session_id = ? AND number = ?"_s);
    q.addBindValue(id);
    q.addBindValue(made.number);
    if (!q.exec() || !q.next()) {
        return q.lastError().text();
    }
    made.messageCount = q.value(0).toInt();
    return std::nullopt;
}

Result<HarvestStore::Checkpoint> HarvestStore::checkpoint(const QString& sessionId, const QString& message)
{
    const auto id = resolve(sessionId);
    if (!id) {
        return id.error();
    }
    Checkpoint made;
    if (auto error = atomically([&] { return saveCheckpoint(*id, message, made); })) {
        return *error;
    }
    return made;
}

Result<QList<HarvestStore::Checkpoint>> HarvestStore::checkpoints(const QString& sessionId) const
{
    const auto id = resolve(sessionId);
    if (!id) {
        return id.error();
    }
    QSqlQuery q(m_db.connection());
    q.prepare(u"SELECT number, message, created_at, message_count FROM checkpoints WHERE session_id = ? "
              "ORDER BY number"_s);
    q.addBindValue(*id);
    if (!q.exec()) {
        return Error{u"cannot read %1: %2"_s.arg(m_db.path(), q.lastError().databaseText())};
    }
    QList<Checkpoint> list;
    while (q.next()) {
        list.append({q.value(0).toInt(), q.value(1).toString(),
                     QDateTime::fromString(q.value(2).toString(), Qt::ISODateWithMs), q.value(3).toInt()});
    }
    return list;
}

Result<HarvestStore::Checkpoint> HarvestStore::revert(const QString& sessionId, int number)
{
    const auto id = resolve(sessionId);
    if (!id) {
        return id.error();
    }
    QSqlQuery q(m_db.connection());
    q.prepare(u"SELECT c.data, s.workspace_name, s.workspace, s.source_path, s.format, s.size_bytes "
              "FROM checkpoints c JOIN sessions s ON s.id = c.session_id WHERE c.session_id = ? AND c.number = ?"_s);
    q.addBindValue(*id);
    q.addBindValue(number);
    if (!q.exec()) {
        return Error{u"cannot read %1: %2"_s.arg(m_db.path(), q.lastError().databaseText())};
    }
    if (!q.next()) {
        return Error{
            u"session %1 has no checkpoint %2 (see: chasm harvest checkpoints %1)"_s.arg(*id, QString::number(number))};
    }
    const QByteArray data = q.value(0).toByteArray();
    SessionRef ref;
    ref.workspaceName = q.value(1).toString();
    ref.workspace = q.value(2).toString();
    ref.path = q.value(3).toString();
    ref.format = q.value(4).toString();
    ref.sizeBytes = q.value(5).toLongLong();
    q.finish();
    const QString what = u"checkpoint %1 of %2"_s.arg(QString::number(number), *id);
    const auto json = jsonOf(data);
    const auto session = json ? sessionFromText(*json, what) : Result<Session>(json.error());
    if (!session) {
        return Error{u"%1: checkpoint %2 of %3 is damaged: %4"_s.arg(m_db.path(), QString::number(number), *id,
                                                                     session.error().message)};
    }
    Checkpoint saved;
    const auto error = atomically([&]() -> std::optional<QString> {
        if (auto failed = saveCheckpoint(*id, u"before revert to %1"_s.arg(number), saved)) {
            return failed;
        }
        // The checkpoint's text is put back as it was stored, byte for byte.
        return writeSession(ref, *session, data, hashOf(*json), true);
    });
    if (error) {
        return *error;
    }
    return saved;
}

QString HarvestStore::bracketed(QString snippet)
{
    return snippet.replace(matchStart, u'[').replace(matchEnd, u']');
}

Result<QList<SessionRef>> HarvestStore::list(const QString& provider, const QString& query, int limit) const
{
    QString sql =
        u"SELECT id, provider, native_id, title, workspace, workspace_name, project_path, source_path, format, "
        "created_at, updated_at, message_count, size_bytes FROM sessions s WHERE 1"_s;
    QVariantList values;
    if (!provider.isEmpty()) {
        sql += u" AND provider = ?"_s;
        values << provider;
    }
    if (!query.trimmed().isEmpty()) {
        const auto parsed = SearchQuery::parse(query);
        if (!parsed) {
            return parsed.error();
        }
        sql += u" AND (title LIKE ? OR id IN (SELECT m.session_id FROM messages_fts JOIN messages_v2 m "
               "ON m.id = messages_fts.rowid WHERE messages_fts MATCH ?))"_s;
        values << QString(u'%' + query.trimmed() + u'%') << parsed->fts();
    }
    sql += u" ORDER BY updated_at DESC LIMIT ?"_s;
    values << limit;
    QSqlQuery q(m_db.connection());
    q.prepare(sql);
    for (const QVariant& value : values) {
        q.addBindValue(value);
    }
    if (!q.exec()) {
        return Error{u"cannot read %1: %2"_s.arg(m_db.path(), q.lastError().databaseText())};
    }
    QList<SessionRef> sessions;
    while (q.next()) {
        SessionRef ref;
        ref.id = q.value(0).toString();
        ref.provider = q.value(1).toString();
        ref.nativeId = q.value(2).toString();
        ref.title = q.value(3).toString();
        ref.workspace = q.value(4).toString();
        ref.workspaceName = q.value(5).toString();
        ref.projectPath = q.value(6).toString();
        ref.path = q.value(7).toString();
        ref.format = q.value(8).toString();
        ref.createdAt = QDateTime::fromString(q.value(9).toString(), Qt::ISODateWithMs);
        ref.updatedAt = QDateTime::fromString(q.value(10).toString(), Qt::ISODateWithMs);
        ref.messageCount = q.value(11).toInt();
        ref.sizeBytes = q.value(12).toLongLong();
        sessions.append(ref);
    }
    return sessions;
}

std::optional<Error> HarvestStore::rebuildIndex()
{
    return m_db.execute({u"INSERT INTO messages_fts(messages_fts) VALUES ('rebuild')"_s});
}

std::optional<Error> HarvestStore::recordRun(const QDateTime& started, int created, int updated, int unchanged,
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

Result<HarvestStore::Totals> HarvestStore::totals() const
{
    Totals totals;
    QSqlQuery query(m_db.connection());
    const auto single = [&query](const QString& sql) {
        return query.exec(sql) && query.next() ? query.value(0) : QVariant();
    };
    totals.sessions = single(u"SELECT count(*) FROM sessions"_s).toLongLong();
    totals.messages = single(u"SELECT count(*) FROM messages_v2"_s).toLongLong();
    totals.failures = single(u"SELECT count(*) FROM harvest_sources WHERE result = 'failed'"_s).toLongLong();
    totals.lastRun = single(u"SELECT max(finished_at) FROM harvest_runs"_s).toString();
    if (!query.exec(u"SELECT provider, count(*) FROM sessions GROUP BY provider ORDER BY provider"_s)) {
        return Error{u"cannot read %1: %2"_s.arg(m_db.path(), query.lastError().text())};
    }
    while (query.next()) {
        totals.byProvider.append({query.value(0).toString(), query.value(1).toLongLong()});
    }
    return totals;
}

} // namespace chasm
