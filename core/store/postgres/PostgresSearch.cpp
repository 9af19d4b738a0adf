// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#include "PostgresSearch.h"

#include "PostgresDatabase.h"
#include "PostgresSchema.h"
#include "store/SearchQuery.h"

#include <QHash>
#include <QSqlError>
#include <QSqlQuery>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace chasm {

namespace {

class Statements
{
public:
    Statements(const PostgresDatabase& db, const QString& query)
        : m_db(db)
        , m_q(db.connection())
        , m_query(query)
    {
        m_q.setForwardOnly(true);
    }

    std::optional<Error> exec(const QString& sql, const QVariantList& bound)
    {
        m_q.prepare(sql);
        for (const QVariant& value : bound) {
            m_q.addBindValue(value);
        }
        if (!m_q.exec()) {
            // 42601 and 22xxx: a tsquery the server could not read (which a translated one should never be).
            const QString code = m_q.lastError().nativeErrorCode();
            const QString said = m_q.lastError().databaseText().simplified();
            if (code == u"42601"_s || code.startsWith(u"22"_s)) {
                return Error{u"search: the query \"%1\" is not valid: %2"_s.arg(m_query, said), ErrorKind::Invalid};
            }
            return m_db.error(u"cannot search"_s, said);
        }
        return std::nullopt;
    }

    QSqlQuery& q() { return m_q; }

private:
    const PostgresDatabase& m_db;
    QSqlQuery m_q;
    const QString m_query;
};

// How many sessions a filter may choose for their messages to be looked up by session (see search()).
constexpr qsizetype fewSessions = 2000;

// The hashes of the pairs of adjacent words of the phrases, as messages_v2's index of them holds them (see
// PostgresSchema, migration 3): made by the server, with the configuration and function the index was made with.
Result<QStringList> phrasePairs(Statements& statements, const QStringList& phrases)
{
    QStringList pairs;
    QSqlQuery& q = statements.q();
    for (const QString& phrase : phrases) {
        if (auto error = statements.exec(u"SELECT %1(to_tsvector('%2', %3))"_s.arg(
                                             PostgresSchema::wordPairs, PostgresSchema::stemmedConfiguration,
                                             PostgresSchema::searchedText(u"CAST(? AS TEXT)"_s)),
                                         {phrase})) {
            return *error;
        }
        if (q.next()) {
            const QString hashes = q.value(0).toString(); // {1,2,3}
            pairs << hashes.mid(1, hashes.size() - 2).split(u',', Qt::SkipEmptyParts);
        }
        q.finish();
    }
    pairs.removeDuplicates();
    return pairs;
}

// A PostgreSQL array of texts, written as its input syntax reads it: each element quoted, its quotes and backslashes
// escaped (session ids come from files anyone may have written). Bound as one value that the planner reads, unlike
// HarvestReader::inList's list from a subquery: with the sessions' ids from a subquery (ARRAY(SELECT …)) PostgreSQL
// did not intersect the two indexes (252 ms against 56 ms).
QString arrayLiteral(const QStringList& texts)
{
    QStringList quoted;
    quoted.reserve(texts.size());
    for (QString text : texts) {
        quoted << u'"' + text.replace(u'\\', u"\\\\"_s).replace(u'"', u"\\\""_s) + u'"';
    }
    return u'{' + quoted.join(u',') + u'}';
}

} // namespace

PostgresSearch::PostgresSearch(const PostgresDatabase& database)
    : m_db(database)
{}

Result<HarvestSearch::Results> PostgresSearch::search(const QString& query, const HarvestSearch::Filter& filter) const
{
    using Hit = HarvestSearch::Hit;
    if (query.trimmed().isEmpty()) {
        return Error{u"search: the query is empty"_s, ErrorKind::Invalid};
    }
    const auto parsed = SearchQuery::parse(query);
    if (!parsed) {
        return parsed.error();
    }
    const QString tsquery = parsed->tsquery();
    Statements statements(m_db, query);
    QSqlQuery& q = statements.q();

    // Stemmed, as SQLite's index is (see PostgresSchema, migration 2).
    const QString configuration = PostgresSchema::stemmedConfiguration.toString();
    const QString vector = u"m.content_english"_s;
    QString matching = u"%1 @@ to_tsquery('%2', ?)"_s.arg(vector, configuration);
    QVariantList matchingValues{tsquery};
    // A phrase every match holds is looked up by its pairs of words side by side (see PostgresSchema, migration 3),
    // and only the messages that hold them are matched against the query: with ts_match_vq, the function of @@, which
    // the words' index does not answer. Otherwise PostgreSQL would read that index too, to intersect the two, and
    // then recompute each candidate's pairs to recheck it (9 s for "the of").
    const Result<QStringList> pairs = phrasePairs(statements, parsed->phrasesInEveryMatch());
    if (!pairs) {
        return pairs.error();
    }
    if (!pairs->isEmpty()) {
        matching = u"%1(%2) @> CAST(? AS INTEGER[]) AND ts_match_vq(%2, to_tsquery('%3', ?))"_s.arg(
            PostgresSchema::wordPairs, vector, configuration);
        matchingValues.prepend(QString(u'{' + pairs->join(u',') + u'}'));
    }

    HarvestSearch::Results results;
    const int candidates = int(std::clamp<qint64>(qint64(filter.limit) * 10, 200, 1000000));
    const HarvestSearch::FilterSql where = HarvestSearch::filterSql(filter, HarvestSearch::Dialect::Postgres);
    // A filter that chooses a few sessions (a project, a workspace) is looked up first, and their messages are then
    // found by their sessions' index as well as by their words: PostgreSQL intersects the two, instead of reading
    // every message that holds the words to keep those of the sessions (a common word in one project of 600 sessions
    // among 24 000: 193 ms, then 56 ms). Not for many sessions, whose list costs more to plan than it saves.
    HarvestSearch::Filter ofSessions;
    ofSessions.provider = filter.provider;
    ofSessions.workspace = filter.workspace;
    ofSessions.projectPath = filter.projectPath;
    if (const HarvestSearch::FilterSql chosen = HarvestSearch::filterSql(ofSessions, HarvestSearch::Dialect::Postgres);
        !chosen.where.isEmpty()) {
        if (auto error = statements.exec(u"SELECT s.origin, s.id FROM sessions s WHERE true%1 LIMIT %2"_s.arg(
                                             chosen.where, QString::number(fewSessions + 1)),
                                         chosen.values)) {
            return *error;
        }
        QStringList origins;
        QStringList ids;
        while (q.next()) {
            const QString origin = q.value(0).toString();
            if (!origins.contains(origin)) {
                origins << origin;
            }
            ids << q.value(1).toString();
        }
        q.finish();
        if (ids.isEmpty()) {
            return results; // no session of the filter's: nothing matches
        }
        if (ids.size() <= fewSessions) {
            matching += u" AND m.origin = ANY(CAST(? AS TEXT[])) AND m.session_id = ANY(CAST(? AS TEXT[]))"_s;
            matchingValues << arrayLiteral(origins) << arrayLiteral(ids);
        }
    }
    const QString join = u"JOIN sessions s ON s.origin = m.origin AND s.id = m.session_id"_s;
    const QString columns = u"m.id, m.session_id, s.provider, s.title, s.project_path, m.seq, m.role, "
                            "coalesce(m.timestamp, s.updated_at)"_s;
    // Ranked in one statement: the eligible matches are counted up to rankWindow + 1 (without reading their words),
    // and when there are no more than rankWindow (or the search is exhaustive) they are scored and the best
    // `candidates` joined to their sessions, so that a search of a few matches does not read the sessions table
    // (PostgreSQL would hash all of it). Ties in the order the messages were stored, as SQLite breaks them.
    const QString cap = filter.exhaustive ? QString() : u" LIMIT %1"_s.arg(HarvestSearch::rankWindow + 1);
    const QString few =
        filter.exhaustive ? u"true"_s : u"(SELECT count(*) FROM matches) <= %1"_s.arg(HarvestSearch::rankWindow);
    if (auto error = statements.exec(
            u"WITH matches AS MATERIALIZED (SELECT m.id FROM messages_v2 m %1 WHERE %2%3%4), ranked AS MATERIALIZED "
            "(SELECT m.id, m.origin, m.session_id, m.seq, m.role, m.timestamp, ts_rank_cd(m.content_english, "
            "to_tsquery('%5', ?), 1) AS score FROM matches x JOIN messages_v2 m ON m.id = x.id WHERE %6 ORDER BY "
            "score DESC, m.id LIMIT ?) SELECT %7, m.score, m.origin FROM ranked m %8 ORDER BY m.score DESC, m.id"_s.arg(
                where.where.isEmpty() ? QString() : join, matching, where.where, cap, configuration, few, columns,
                join),
            matchingValues + where.values + QVariantList{tsquery, candidates})) {
        return *error;
    }
    const auto read = [&q](QList<Hit>& hits) {
        while (q.next()) {
            hits.append(Hit{q.value(1).toString(), q.value(2).toString(), q.value(3).toString(), q.value(4).toString(),
                            q.value(5).toInt(), q.value(6).toString(), q.value(7).toString(), QString(),
                            q.value(8).toDouble(), q.value(0).toLongLong(), q.value(9).toString()});
        }
        q.finish();
    };
    QList<Hit> found;
    read(found);
    // None ranked: no match, or too many to rank usefully; then the newest, as in SQLite.
    if (found.isEmpty() && !filter.exhaustive) {
        if (auto error = statements.exec(u"SELECT %1, 1.0, m.origin FROM messages_v2 m %2 WHERE %3%4 ORDER BY m.id "
                                         "DESC LIMIT ?"_s.arg(columns, join, matching, where.where),
                                         matchingValues + where.values + QVariantList{candidates})) {
            return *error;
        }
        read(found);
        results.unranked = found.isEmpty() ? HarvestSearch::Unranked::No : HarvestSearch::Unranked::ManyMatches;
    }
    const QDateTime now = QDateTime::currentDateTimeUtc();
    for (Hit& hit : found) {
        hit.score = HarvestSearch::boosted(hit.score, QDateTime::fromString(hit.timestamp, Qt::ISODateWithMs), now);
    }
    // The newest of too many are not every match; the best of few are, unless more were eligible than fetched.
    results.everyMatch = !results.windowed() && found.size() < candidates;

    QList<Hit> list = HarvestSearch::grouped(std::move(found), filter.limit);
    results.listed = int(list.size());
    const qsizetype skip = std::clamp<qsizetype>(filter.skip, 0, list.size());
    const qsizetype count =
        filter.count < 0 ? list.size() - skip : std::min<qsizetype>(filter.count, list.size() - skip);
    results.hits = list.mid(skip, count);
    if (results.hits.isEmpty()) {
        return results;
    }

    // The snippets of the hits shown only: ts_headline reads the whole message. It reads the text as it is searched
    // (its separators spaces, so that "middleware" is marked in "auth.middleware"): the snippet is found in that text
    // and its characters taken from the message, which has as many. An ellipsis marks text left out at either end,
    // as SQLite's snippets do.
    QStringList ids;
    QHash<qint64, qsizetype> hitOfId;
    for (qsizetype i = 0; i < results.hits.size(); ++i) {
        ids << QString::number(results.hits.at(i).messageId);
        hitOfId.insert(results.hits.at(i).messageId, i);
    }
    const QString options =
        u"StartSel=%1, StopSel=%2, MaxWords=16, MinWords=8"_s.arg(HarvestSearch::matchStart, HarvestSearch::matchEnd);
    const QString searched = PostgresSchema::searchedText(u"m.content"_s);
    if (auto error = statements.exec(
            u"SELECT id, h, position(plain IN t), length(t), length(plain), substr(content, position(plain IN t), "
            "length(plain)) FROM (SELECT m.id, m.content, %1 AS t, h, translate(h, ?, '') AS plain FROM messages_v2 m, "
            "ts_headline('%2', %1, to_tsquery('%2', ?), ?) AS h WHERE m.id IN (%3)) AS shown"_s.arg(
                searched, configuration, ids.join(u',')),
            QVariantList{QString(QString(HarvestSearch::matchStart) + HarvestSearch::matchEnd), tsquery, options})) {
        return *error;
    }
    while (q.next()) {
        const auto i = hitOfId.constFind(q.value(0).toLongLong());
        if (i == hitOfId.cend()) {
            continue;
        }
        QString snippet = q.value(1).toString();
        const qint64 at = q.value(2).toLongLong();
        const QString original = q.value(5).toString();
        if (at > 0) {
            // The separators swapped for spaces are single UTF-16 units: the texts match unit for unit.
            qsizetype next = 0;
            for (QChar& c : snippet) {
                if (c != HarvestSearch::matchStart && c != HarvestSearch::matchEnd && next < original.size()) {
                    c = original.at(next++);
                }
            }
            if (at > 1) {
                snippet.prepend(u'…');
            }
            if (at - 1 + q.value(4).toLongLong() < q.value(3).toLongLong()) {
                snippet.append(u'…');
            }
        }
        results.hits[*i].snippet = snippet;
    }
    q.finish();
    return results;
}

} // namespace chasm
