#include "HarvestStore.h"

#include "json/Json.h"
#include "model/ModelJson.h"

#include <QCryptographicHash>
#include <QSqlError>
#include <QTimeZone>
#include <QSqlQuery>

#include <boost/json/serialize.hpp>

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
    return time.isValid() ? QVariant(time.toUTC().toString(Qt::ISODateWithMs)) : QVariant();
}

// What identifies the state of a session's source for incremental runs.
qint64 signatureTime(const SessionRef& ref)
{
    return ref.updatedAt.isValid() ? ref.updatedAt.toMSecsSinceEpoch() : 0;
}

// Plain words ("auth-token bug") become quoted terms so that punctuation is not read as FTS5
// syntax; a query that already uses the syntax is passed on as it is.
QString ftsQuery(const QString& query)
{
    static const QStringList operators = {u"\""_s,   u"*"_s,    u"("_s,     u")"_s, u" AND "_s,
                                          u" OR "_s, u"NOT "_s, u"NEAR("_s, u"^"_s};
    if (std::any_of(operators.cbegin(), operators.cend(), [&query](const QString& op) { return query.contains(op); })) {
        return query;
    }
    QStringList terms;
    for (const QString& word : query.split(u' ', Qt::SkipEmptyParts)) {
        terms << u'"' + word + u'"';
    }
    return terms.join(u' ');
}

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
        , insertMessage(db)
        , insertTool(db)
        , insertFile(db)
        , source(db)
    {
        existing.prepare(u"SELECT s.source_hash, s.source_path FROM sessions s WHERE s.id = ?"_s);
        const QString columns = u"provider, native_id, title, workspace_name, workspace, project_path, source_path, "
                                "format, created_at, updated_at, message_count, model, total_tokens, size_bytes, "
                                "source_hash, harvested_at, data"_s;
        insertSession.prepare(
            u"INSERT INTO sessions (%1, id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"_s.arg(
                columns));
        updateSession.prepare(
            u"UPDATE sessions SET (%1) = (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) WHERE id = ?"_s.arg(
                columns));
        deleteMessages.prepare(u"DELETE FROM messages_v2 WHERE session_id = ?"_s);
        deleteTools.prepare(u"DELETE FROM tool_invocations WHERE session_id = ?"_s);
        deleteFiles.prepare(u"DELETE FROM file_changes WHERE session_id = ?"_s);
        insertMessage.prepare(
            u"INSERT INTO messages_v2 (session_id, seq, role, content, timestamp, model) VALUES (?, ?, ?, ?, ?, ?)"_s);
        insertTool.prepare(u"INSERT INTO tool_invocations (session_id, message_seq, call_id, tool_name, input, "
                           "output, status, timestamp) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"_s);
        insertFile.prepare(
            u"INSERT INTO file_changes (session_id, file_path, change_type) VALUES (?, ?, 'referenced')"_s);
        source.prepare(u"INSERT OR REPLACE INTO harvest_sources (session_id, provider, path, size, updated_ms, "
                       "message_count, result, error, harvested_at, file_modified_ms, workspace_id, hash) "
                       "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"_s);
    }

    QSqlQuery existing, insertSession, updateSession, deleteMessages, deleteTools, deleteFiles, insertMessage,
        insertTool, insertFile, source;
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

QVariant nullIfEmpty(const QString& s)
{
    return s.isEmpty() ? QVariant() : QVariant(s);
}

} // namespace

bool HarvestStore::unchanged(const SessionRef& ref)
{
    QSqlQuery query(m_db.connection());
    query.prepare(u"SELECT size, updated_ms, message_count, path, file_modified_ms FROM harvest_sources "
                  "WHERE session_id = ?"_s);
    query.addBindValue(ref.id);
    if (!query.exec() || !query.next()) {
        return false;
    }
    const bool same = query.value(0).toLongLong() == ref.sizeBytes &&
                      query.value(1).toLongLong() == signatureTime(ref) && query.value(2).toInt() == ref.messageCount &&
                      query.value(3).toString() == ref.path;
    const bool touched = ref.fileModifiedMs != 0 && query.value(4).toLongLong() != ref.fileModifiedMs;
    query.finish();
    if (same && touched) {
        query.prepare(u"UPDATE harvest_sources SET file_modified_ms = ?, workspace_id = ? WHERE session_id = ?"_s);
        query.addBindValue(ref.fileModifiedMs);
        query.addBindValue(nullIfEmpty(ref.workspaceId));
        query.addBindValue(ref.id);
        query.exec();
    }
    return same;
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
    QSqlDatabase db = m_db.connection();
    if (!db.transaction()) {
        return Error{u"cannot write %1: %2"_s.arg(m_db.path(), db.lastError().text())};
    }
    return std::nullopt;
}

std::optional<Error> HarvestStore::commit()
{
    QSqlDatabase db = m_db.connection();
    if (!db.commit()) {
        return Error{u"cannot write %1: %2"_s.arg(m_db.path(), db.lastError().text())};
    }
    return std::nullopt;
}

void HarvestStore::rollback()
{
    m_db.connection().rollback();
}

std::optional<Error> HarvestStore::recordFailure(const SessionRef& ref, const QString& error)
{
    if (!exec(statements().source, {ref.id, ref.provider, ref.path, ref.sizeBytes, signatureTime(ref), ref.messageCount,
                                    u"failed"_s, error, QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs),
                                    ref.fileModifiedMs ? QVariant(ref.fileModifiedMs) : QVariant(),
                                    nullIfEmpty(ref.workspaceId), QVariant()})) {
        return Error{u"cannot write %1: %2"_s.arg(m_db.path(), statements().source.lastError().text())};
    }
    return std::nullopt;
}

Result<HarvestStore::Outcome> HarvestStore::store(const SessionRef& ref, const Session& session)
{
    Statements& st = statements();
    QSqlQuery control(m_db.connection());
    QSqlQuery* failed = nullptr;
    const auto run = [&failed](QSqlQuery& query, const QVariantList& values) {
        if (!exec(query, values)) {
            failed = &query;
            return false;
        }
        return true;
    };
    if (!control.exec(u"SAVEPOINT chasm_session"_s)) {
        return Error{u"cannot write %1: %2"_s.arg(m_db.path(), control.lastError().text())};
    }

    const std::string data = boost::json::serialize(shapes::session(session));
    const QString hash = QString::fromLatin1(
        QCryptographicHash::hash(QByteArrayView(data.data(), qsizetype(data.size())), QCryptographicHash::Sha1)
            .toHex());
    const QString now = QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs);
    const QVariantList sourceRow{ref.id,
                                 ref.provider,
                                 ref.path,
                                 ref.sizeBytes,
                                 signatureTime(ref),
                                 ref.messageCount,
                                 u"ok"_s,
                                 QVariant(),
                                 now,
                                 ref.fileModifiedMs ? QVariant(ref.fileModifiedMs) : QVariant(),
                                 nullIfEmpty(ref.workspaceId),
                                 hash};

    std::optional<Outcome> outcome;
    if (run(st.existing, {session.id})) {
        const bool existed = st.existing.next();
        const bool same =
            existed && st.existing.value(0).toString() == hash && st.existing.value(1).toString() == ref.path;
        st.existing.finish();
        if (same) {
            if (run(st.source, sourceRow)) {
                outcome = Outcome::Unchanged;
            }
        } else {
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
                                   now,
                                   QString::fromStdString(data),
                                   session.id};
            // Messages, tool calls and file changes are replaced whole: a session is small next to the
            // cost of a diff, and the FTS triggers keep the index in step. The session row itself is
            // updated, not replaced, so that its checkpoints stay.
            bool ok = existed ? run(st.updateSession, row) && run(st.deleteMessages, {session.id}) &&
                                    run(st.deleteTools, {session.id}) && run(st.deleteFiles, {session.id})
                              : run(st.insertSession, row);
            for (qsizetype seq = 0; ok && seq < session.messages.size(); ++seq) {
                const Message& m = session.messages.at(seq);
                ok = run(st.insertMessage, {session.id, seq, roleName(m.role), text(m.content), isoOrNull(m.timestamp),
                                            nullIfEmpty(m.model)});
                for (qsizetype i = 0; ok && i < m.toolCalls.size(); ++i) {
                    const ToolCall& call = m.toolCalls.at(i);
                    ok = run(st.insertTool, {session.id, seq, call.id, text(call.name), call.input, call.output,
                                             call.status, isoOrNull(m.timestamp)});
                }
            }
            for (qsizetype i = 0; ok && i < session.filesReferenced.size(); ++i) {
                ok = run(st.insertFile, {session.id, session.filesReferenced.at(i)});
            }
            if (ok && run(st.source, sourceRow)) {
                outcome = existed ? Outcome::Updated : Outcome::New;
            }
        }
    }
    if (!outcome) {
        const QString message = failed ? failed->lastError().text() : QString();
        control.exec(u"ROLLBACK TO chasm_session"_s);
        control.exec(u"RELEASE chasm_session"_s);
        return Error{u"cannot write %1: %2"_s.arg(m_db.path(), message)};
    }
    if (!control.exec(u"RELEASE chasm_session"_s)) {
        return Error{u"cannot write %1: %2"_s.arg(m_db.path(), control.lastError().text())};
    }
    return *outcome;
}

Result<QList<HarvestStore::SearchHit>> HarvestStore::search(const QString& query, const SearchFilter& filter) const
{
    if (query.trimmed().isEmpty()) {
        return Error{u"search: the query is empty"_s};
    }
    // The best candidates by BM25 come from the index alone (FTS5 orders by rank itself and makes
    // snippets only for the rows it returns); they are then re-ranked with a mild recency boost and
    // grouped per session. Filters join first, so that the candidates are all eligible.
    const int candidates = std::max(filter.limit * 10, 200);
    const QString snippet = u"snippet(messages_fts, 0, char(2), char(3), '…', 16)"_s;
    QStringList conditions;
    QVariantList values{ftsQuery(query)};
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
        values << filter.after.toUTC().toString(Qt::ISODateWithMs);
    }
    if (filter.before.isValid()) {
        conditions << u"coalesce(m.timestamp, s.updated_at) <= ?"_s;
        values << filter.before.toUTC().toString(Qt::ISODateWithMs);
    }
    const QString columns = u"m.session_id, s.provider, s.title, s.project_path, m.seq, m.role, "
                            "coalesce(m.timestamp, s.updated_at)"_s;
    QString sql;
    if (conditions.isEmpty()) {
        sql = u"WITH hits AS (SELECT rowid, %1 AS snippet, rank FROM messages_fts WHERE messages_fts MATCH ? "
              "ORDER BY rank LIMIT ?) SELECT %2, hits.snippet, hits.rank FROM hits "
              "JOIN messages_v2 m ON m.id = hits.rowid JOIN sessions s ON s.id = m.session_id"_s.arg(snippet, columns);
    } else {
        sql = u"SELECT %1, %2, rank FROM messages_fts JOIN messages_v2 m ON m.id = messages_fts.rowid "
              "JOIN sessions s ON s.id = m.session_id WHERE messages_fts MATCH ? AND %3 ORDER BY rank LIMIT ?"_s.arg(
                  columns, snippet, conditions.join(u" AND "_s));
    }
    values << candidates;

    QSqlQuery q(m_db.connection());
    q.setForwardOnly(true);
    q.prepare(sql);
    for (const QVariant& value : values) {
        q.addBindValue(value);
    }
    if (!q.exec()) {
        return Error{u"search: the query \"%1\" is not valid: %2"_s.arg(query, q.lastError().databaseText())};
    }
    const QDateTime now = QDateTime::currentDateTimeUtc();
    QList<SearchHit> hits;
    while (q.next()) {
        SearchHit hit{q.value(0).toString(), q.value(1).toString(), q.value(2).toString(),
                      q.value(3).toString(), q.value(4).toInt(),    q.value(5).toString(),
                      q.value(6).toString(), q.value(7).toString(), -q.value(8).toDouble()};
        // Up to a fifth more for today's messages, halving every 30 days: among equally good matches
        // the recent one wins, but a much better old match still beats a weak new one.
        const QDateTime time = QDateTime::fromString(hit.timestamp, Qt::ISODateWithMs);
        const double ageDays = time.isValid() ? std::max<double>(0, double(time.secsTo(now)) / 86400.0) : 365.0;
        hit.score *= 1.0 + 0.2 * std::exp2(-ageDays / 30.0);
        hits.append(std::move(hit));
    }

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
    return grouped;
}

Result<QSet<QString>> HarvestStore::sessionsContaining(const QString& text) const
{
    QStringList terms;
    for (QString word : text.split(u' ', Qt::SkipEmptyParts)) {
        terms << u'"' + word.replace(u'"', u"\"\""_s) + u"\"*"_s;
    }
    QSet<QString> ids;
    if (terms.isEmpty()) {
        return ids;
    }
    QSqlQuery q(m_db.connection());
    q.setForwardOnly(true);
    q.prepare(u"SELECT DISTINCT m.session_id FROM messages_fts JOIN messages_v2 m ON m.id = messages_fts.rowid "
              "WHERE messages_fts MATCH ?"_s);
    q.addBindValue(terms.join(u' '));
    if (!q.exec()) {
        return Error{u"cannot read %1: %2"_s.arg(m_db.path(), q.lastError().databaseText())};
    }
    while (q.next()) {
        ids.insert(q.value(0).toString());
    }
    return ids;
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
        sql += u" AND (title LIKE ? OR id IN (SELECT m.session_id FROM messages_fts JOIN messages_v2 m "
               "ON m.id = messages_fts.rowid WHERE messages_fts MATCH ?))"_s;
        values << QString(u'%' + query.trimmed() + u'%') << ftsQuery(query);
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
    for (const QVariant& value :
         QVariantList{started.toString(Qt::ISODateWithMs), QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs),
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
