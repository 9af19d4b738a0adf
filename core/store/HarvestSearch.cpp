// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#include "HarvestSearch.h"

#include "Fts5Rank.h"
#include "ProjectFolder.h"
#include "SearchQuery.h"
#include "util/IsoTime.h"

#include <QElapsedTimer>
#include <QHash>
#include <QSet>
#include <QSqlError>
#include <QSqlQuery>

#include <algorithm>
#include <cmath>
#include <limits>
#include <optional>

using namespace Qt::StringLiterals;

namespace chasm {

namespace {

// How many of the newest messages tell whether a word is common (in one message in ten).
constexpr int commonSample = 2000;

// While it lives, the connection's ranking scores only `eligible` messages, and chasm_eligible() passes only them
// (see Fts5Rank::eligibleMessages); all of them when null.
class EligibleOnly
{
public:
    EligibleOnly(Fts5Rank* rank, std::shared_ptr<const std::vector<qint64>> eligible)
        : m_rank(rank)
    {
        if (m_rank) {
            m_rank->setEligible(std::move(eligible));
        }
    }
    ~EligibleOnly()
    {
        if (m_rank) {
            m_rank->setEligible(nullptr);
        }
    }
    EligibleOnly(const EligibleOnly&) = delete;
    EligibleOnly& operator=(const EligibleOnly&) = delete;

private:
    Fts5Rank* m_rank;
};

// The statements of one search, over one query object: counts that choose the strategy, and the candidates. The
// best candidates by BM25 come from the index alone (FTS5 orders by rank itself and makes snippets only for the
// rows it returns); filters join first, so that the candidates are all eligible.
class Candidates
{
public:
    Candidates(const Database& db, const QString& query, const SearchQuery& parsed, HarvestSearch::FilterSql filter,
               int limit)
        : m_q(db.connection())
        , m_run(db.connection())
        , m_rank(db.rank())
        , m_query(query)
        , m_phrases(parsed.phrases())
        , m_where(std::move(filter.where))
        , m_sessionWhere(std::move(filter.sessionWhere))
        , m_sessionValues(std::move(filter.sessionValues))
        , m_values(QVariantList{parsed.fts()} + filter.values)
        , m_limit(int(std::clamp<qint64>(qint64(limit) * 10, 200, 1000000)))
    {
        m_q.setForwardOnly(true);
        m_run.setForwardOnly(true);
    }

    // Whether ranking reads the matches once (see Fts5Rank), and so can count them as it ranks (all of them, as
    // when they are counted: filters do not count).
    bool ranksInOnePass() const { return m_rank != nullptr; }

    // How many candidates a search fetches.
    int limit() const { return m_limit; }

    // The first column of the first row of a statement that counts.
    Result<qint64> count(const QString& sql, const QVariantList& bound)
    {
        if (auto error = exec(sql, bound)) {
            return *error;
        }
        const qint64 n = m_q.next() ? m_q.value(0).toLongLong() : 0;
        m_q.finish();
        return n;
    }

    // The best candidates, or the newest matches when unranked, without their snippets (see withSnippets). Ranked
    // with ranksInOnePass(), a search with more than `cap` matches stops there, with no hits: nullopt.
    Result<std::optional<QList<HarvestSearch::Hit>>> fetch(bool ranked, int cap = 0)
    {
        const QString columns = u"m.id, m.session_id, s.provider, s.title, s.project_path, m.seq, m.role, "
                                "coalesce(m.timestamp, s.updated_at)"_s;
        // Higher is better: BM25 (FTS5's rank is its negation), or the same for all when unranked.
        QString score = ranked ? u"-rank"_s : u"1.0"_s;
        QString order = ranked ? u"rank"_s : u"messages_fts.rowid DESC"_s;
        QVariantList scoring;
        if (ranked && m_rank) {
            // Unfiltered, only the `m_limit` best are kept (see Fts5Rank): the others need not be scored.
            score = u"chasm_bm25(messages_fts, ?, ?"_s;
            scoring << cap << (m_where.isEmpty() ? m_limit : 0);
            // The weight of a lone phrase is applied to the scores afterwards (see Fts5Rank).
            for (qsizetype i = 0; m_phrases.size() > 1 && i < m_phrases.size(); ++i) {
                const auto matching = m_rank->phraseMatches(m_phrases.at(i));
                if (!matching) {
                    return Error{u"search: cannot count the messages that hold %1"_s.arg(m_phrases.at(i))};
                }
                score += u", ?"_s;
                scoring << *matching;
            }
            score += u')';
            order = u"score DESC"_s;
            m_rank->reset();
        }
        // Without filters the candidates come from the index alone and only they are joined. With filters, ranked in
        // one pass: every match is scored from the index alone, then the best are joined in their order until enough
        // are eligible (a filter that most messages pass joins few more than it shows). Otherwise every match is
        // joined, to tell whether it is eligible, before it is scored.
        QString sql;
        if (m_where.isEmpty()) {
            sql = u"WITH hits AS (SELECT rowid, %1 AS score FROM messages_fts WHERE messages_fts MATCH ? ORDER BY %2 "
                  "LIMIT ?) SELECT %3, hits.score FROM hits JOIN messages_v2 m ON m.id = hits.rowid "
                  "JOIN sessions s ON s.id = m.session_id"_s.arg(score, order, columns);
        } else if (ranked && m_rank) {
            // CROSS JOIN keeps `hits` the outer loop, so its rows are joined best first. The messages of sessions the
            // filter leaves out are not scored (NULL) when this connection knows them (see Fts5Rank), nor joined.
            sql = u"WITH hits AS (SELECT rowid, %1 AS score FROM messages_fts WHERE messages_fts MATCH ? ORDER BY %2 "
                  "LIMIT -1) "
                  "SELECT %3, hits.score FROM hits CROSS JOIN messages_v2 m ON m.id = hits.rowid CROSS JOIN sessions s "
                  "ON s.id = m.session_id WHERE hits.score IS NOT NULL%4 LIMIT ?"_s.arg(score, order, columns, m_where);
        } else {
            sql = u"SELECT %1, %2 AS score FROM messages_fts JOIN messages_v2 m ON m.id = messages_fts.rowid "
                  "JOIN sessions s ON s.id = m.session_id WHERE messages_fts MATCH ?%3 ORDER BY %4 LIMIT ?"_s.arg(
                      columns, score, m_where, order);
        }
        const EligibleOnly eligibleOnly(m_rank, eligibleMessages());
        if (auto error = exec(sql, scoring + m_values + QVariantList{m_limit})) {
            if (m_rank && m_q.lastError().databaseText().contains(Fts5Rank::tooManyMatches)) {
                return std::optional<QList<HarvestSearch::Hit>>();
            }
            return *error;
        }
        QList<HarvestSearch::Hit> hits;
        while (m_q.next()) {
            HarvestSearch::Hit hit{m_q.value(1).toString(),
                                   m_q.value(2).toString(),
                                   m_q.value(3).toString(),
                                   m_q.value(4).toString(),
                                   m_q.value(5).toInt(),
                                   m_q.value(6).toString(),
                                   m_q.value(7).toString(),
                                   QString(),
                                   m_q.value(8).toDouble(),
                                   m_q.value(0).toLongLong(),
                                   QString()};
            hits.append(std::move(hit));
        }
        m_q.finish();
        double weight = 1.0;
        if (ranked && m_rank && m_phrases.size() == 1) {
            // Every match was scored, eligible or not: they are the messages that hold the phrase.
            weight = Fts5Rank::weight(m_rank->scored(), m_rank->messages());
        }
        for (HarvestSearch::Hit& hit : hits) {
            hit.score = HarvestSearch::boosted(weight * hit.score,
                                               QDateTime::fromString(hit.timestamp, Qt::ISODateWithMs), m_now);
        }
        return std::optional(std::move(hits));
    }

    struct Newest
    {
        QList<HarvestSearch::Hit> hits;
        bool everyMatch = true; // every eligible match was looked at
        int read = 0;           // how many matches were read
    };
    // The newest matches, at most maxHitsPerSession of each session, until `wanted` are found: a word common in a
    // long session would otherwise fill the candidates with that session's messages. The matches are read newest
    // first. Past a session's last hit the rest of its matches are read past; when a batch of them has been, and the
    // session's remaining messages are one run of ids (as a harvest stores them), they are skipped at once by a new
    // statement if reading them would take longer than the last statement took to start (FTS5 merges the lists of
    // every word with a prefix, for each statement that uses it: 0.3 s for "a*" in a million messages). At least
    // `atLeast` matches are read (or all) before any is skipped or the reading stops, so that they can be counted.
    // At most `budget` matches are read, not counting those of a run that could be skipped, so that the hits do
    // not depend on how long statements take.
    Result<Newest> newest(int wanted, int budget, int atLeast = 0)
    {
        const QString columns = u"m.id, m.session_id, s.provider, s.title, s.project_path, m.seq, m.role, "
                                "coalesce(m.timestamp, s.updated_at)"_s;
        // Matches of sessions the filter leaves out are passed over before they are joined, when the connection knows
        // them (see eligibleMessages()).
        const EligibleOnly eligibleOnly(m_rank, eligibleMessages());
        const QString sql =
            u"SELECT %1 FROM messages_fts JOIN messages_v2 m ON m.id = messages_fts.rowid JOIN "
            "sessions s ON s.id = m.session_id WHERE messages_fts MATCH ? AND messages_fts.rowid < ?%2%3 "
            "ORDER BY messages_fts.rowid DESC"_s.arg(
                columns, m_rank ? u" AND chasm_eligible(messages_fts.rowid)"_s : QString(), m_where);
        Newest found;
        int counted = 0;
        QHash<QString, int> taken;
        QHash<QString, bool> oneRun; // sessions shown in full: whether their remaining messages are one run of ids
        qint64 below = std::numeric_limits<qint64>::max();
        for (;;) {
            QElapsedTimer clock;
            clock.start();
            QVariantList bound{m_values.constFirst(), below};
            bound << m_values.mid(1);
            if (auto error = exec(sql, bound)) {
                return *error;
            }
            qint64 startNs = -1; // how long the statement took to its first row
            int rows = 0;
            int readPast = 0; // matches in a row of sessions shown in full
            bool stopped = false;
            std::optional<qint64> skipTo;
            while (m_q.next()) {
                if (startNs < 0) {
                    startNs = clock.nsecsElapsed();
                }
                ++rows;
                ++found.read;
                const qint64 id = m_q.value(0).toLongLong();
                below = id;
                const QString session = m_q.value(1).toString();
                int& ofSession = taken[session];
                if (ofSession < HarvestSearch::maxHitsPerSession) {
                    readPast = 0;
                    ++counted;
                    if (found.hits.size() < wanted) {
                        ++ofSession;
                        found.hits.append(HarvestSearch::Hit{session, m_q.value(2).toString(), m_q.value(3).toString(),
                                                             m_q.value(4).toString(), m_q.value(5).toInt(),
                                                             m_q.value(6).toString(), m_q.value(7).toString(),
                                                             QString(), 1.0, id, QString()});
                    }
                } else if (const auto known = oneRun.constFind(session); known != oneRun.cend()) {
                    counted += *known ? 0 : 1;
                } else {
                    ++counted;
                    if (++readPast >= m_limit && found.read >= atLeast) {
                        const auto run = remainingRun(session, id);
                        if (!run) {
                            return run.error();
                        }
                        oneRun.insert(session, run->has_value());
                        const qint64 remaining = run->has_value() ? id - **run : 0;
                        const double perRowNs = double(clock.nsecsElapsed() - startNs) / rows;
                        if (remaining * perRowNs > double(startNs)) {
                            skipTo = **run;
                            break;
                        }
                    }
                }
                if ((found.hits.size() == wanted && found.read >= atLeast) || counted >= budget) {
                    stopped = true; // more may match
                    break;
                }
            }
            m_q.finish();
            if (!skipTo) {
                found.everyMatch = !stopped;
                break;
            }
            below = *skipTo;
        }
        for (HarvestSearch::Hit& hit : found.hits) {
            hit.score =
                HarvestSearch::boosted(hit.score, QDateTime::fromString(hit.timestamp, Qt::ISODateWithMs), m_now);
        }
        return found;
    }

    // The hits with their snippets. FTS5 makes a snippet from the message's text and the query alone, but for a
    // row of the whole index it costs about 20 µs, and the candidates are ten times as many as the hits shown:
    // so the shown messages are copied into a small index of their own (in memory, made on this connection's
    // first search) and their snippets made there, in well under a millisecond.
    Result<QList<HarvestSearch::Hit>> withSnippets(QList<HarvestSearch::Hit> hits)
    {
        if (hits.isEmpty()) {
            return hits;
        }
        QStringList ids;
        QHash<qint64, qsizetype> hitOfId;
        for (qsizetype i = 0; i < hits.size(); ++i) {
            ids << QString::number(hits.at(i).messageId);
            hitOfId.insert(hits.at(i).messageId, i);
        }
        const QString create = u"CREATE VIRTUAL TABLE IF NOT EXISTS temp.shown_messages USING fts5(content, "
                               "tokenize='%1')"_s.arg(Database::messageTokenizer);
        const QString copy = u"INSERT INTO temp.shown_messages(rowid, content) SELECT id, content FROM messages_v2 "
                             "WHERE id IN (%1)"_s.arg(ids.join(u','));
        const auto before = m_rank ? m_rank->version() : std::pair<qint64, qint64>();
        for (const QString& sql : {create, u"DELETE FROM temp.shown_messages"_s, copy}) {
            if (auto error = exec(sql, {})) {
                return *error;
            }
        }
        if (m_rank) {
            m_rank->changedTemporaryTablesSince(before);
        }
        if (auto error = exec(u"SELECT rowid, snippet(shown_messages, 0, char(2), char(3), '…', 16) FROM "
                              "temp.shown_messages WHERE shown_messages MATCH ?"_s,
                              {m_values.constFirst()})) {
            return *error;
        }
        while (m_q.next()) {
            if (const auto i = hitOfId.constFind(m_q.value(0).toLongLong()); i != hitOfId.cend()) {
                hits[*i].snippet = m_q.value(1).toString();
            }
        }
        m_q.finish();
        return hits;
    }

private:
    // The first id of a session's messages up to `id` when they are one run of ids (as many as the ids), on a
    // statement of its own so that the reading one goes on.
    Result<std::optional<qint64>> remainingRun(const QString& session, qint64 id)
    {
        m_run.prepare(u"SELECT min(id), count(*) FROM messages_v2 WHERE session_id = ? AND id <= ?"_s);
        m_run.addBindValue(session);
        m_run.addBindValue(id);
        if (!m_run.exec() || !m_run.next()) {
            return Error{u"search: cannot read the harvest database: %1"_s.arg(m_run.lastError().databaseText())};
        }
        const qint64 first = m_run.value(0).toLongLong();
        const bool one = m_run.value(1).toLongLong() == id - first + 1;
        m_run.finish();
        return one ? std::optional(first) : std::nullopt;
    }

    // The ids of the messages of the sessions the filter keeps, when this connection has them (Fts5Rank): asked once
    // a search. Without them (null) every match is joined to its session to be told apart.
    std::shared_ptr<const std::vector<qint64>> eligibleMessages()
    {
        if (!m_eligible) {
            QString key = m_sessionWhere;
            for (const QVariant& value : m_sessionValues) {
                key += u'\x1f' + value.toString();
            }
            m_eligible = m_rank && !m_sessionWhere.isEmpty()
                             ? m_rank->eligibleMessages(key, [this] { return readEligible(); })
                             : nullptr;
        }
        return *m_eligible;
    }
    std::optional<std::vector<qint64>> readEligible()
    {
        const auto run = [this](const QString& sql, const QVariantList& more) {
            m_run.prepare(sql);
            for (const QVariant& value : m_sessionValues + more) {
                m_run.addBindValue(value);
            }
            return m_run.exec();
        };
        // How many messages first, from the sessions' index (schema 12): a filter that keeps more is not worth it.
        const bool few = run(u"SELECT total(s.message_count) FROM sessions s WHERE 1%1"_s.arg(m_sessionWhere), {}) &&
                         m_run.next() && m_run.value(0).toDouble() <= double(Fts5Rank::maxEligible);
        m_run.finish();
        // CROSS JOIN: the sessions are found first, then their messages by the index of their rows.
        if (!few ||
            !run(u"SELECT m.id FROM sessions s CROSS JOIN messages_v2 m ON m.session_id = s.id WHERE 1%1 LIMIT ?"_s.arg(
                     m_sessionWhere),
                 {Fts5Rank::maxEligible + 1})) {
            return std::nullopt;
        }
        std::vector<qint64> ids;
        while (m_run.next()) {
            ids.push_back(m_run.value(0).toLongLong());
        }
        m_run.finish();
        return qsizetype(ids.size()) > Fts5Rank::maxEligible ? std::nullopt : std::optional(std::move(ids));
    }

    std::optional<Error> exec(const QString& sql, const QVariantList& bound)
    {
        m_q.prepare(sql);
        for (const QVariant& value : bound) {
            m_q.addBindValue(value);
        }
        if (!m_q.exec()) {
            // SQLite says SQLITE_ERROR (1) of a query FTS5 cannot read; anything else (a corrupt or unreadable file,
            // a full disk, a lock) is the database's.
            const QSqlError error = m_q.lastError();
            if (error.nativeErrorCode() == u"1"_s && error.databaseText().startsWith(u"fts5:"_s)) {
                return Error{u"search: the query \"%1\" is not valid: %2"_s.arg(m_query, error.databaseText()),
                             ErrorKind::Invalid};
            }
            return Error{u"search: cannot read the harvest database: %1"_s.arg(error.databaseText())};
        }
        return std::nullopt;
    }

    QSqlQuery m_q;
    QSqlQuery m_run; // beside m_q, while it reads
    Fts5Rank* const m_rank;
    const QString m_query;
    const QStringList m_phrases;
    const QString m_where;
    const QString m_sessionWhere; // the part of m_where on sessions alone
    const QVariantList m_sessionValues;
    std::optional<std::shared_ptr<const std::vector<qint64>>> m_eligible; // see eligibleMessages()
    const QVariantList m_values;                                          // the MATCH expression, then the filter's
    const int m_limit;
    const QDateTime m_now = QDateTime::currentDateTimeUtc();
};

// How a search finds its hits: ranked, or the newest matches (and either, when choosing found them already).
struct Strategy
{
    HarvestSearch::Unranked unranked = HarvestSearch::Unranked::No;
    std::optional<QList<HarvestSearch::Hit>> found;
    std::optional<Candidates::Newest> newest;
};

// BM25 weighs each word by how few messages hold it, which FTS5 finds by reading every message that
// holds it, and then scores every match: tens of milliseconds for a word in most of a million
// messages, a second with the scoring, for a ranking that says little. So, unless the search is
// exhaustive, the newest matches are shown, unranked, for a query
//   - whose every word is in at least one message in ten (looked up among the newest messages; a
//     rare phrase of such words still costs the reading);
//   - with a prefix and as many eligible matches as a search shows: the newest matches are read
//     first, and counted as they are read (in one statement: from the index's list of the prefix
//     when it has two to four letters, see schema 8; for other lengths FTS5 merges the lists of
//     every word with the prefix, for each statement that uses it, 0.3 s for "a*" in a million
//     messages), and ranking would score every match;
//   - with more than `rankWindow` matches (counted newest first, stopping there; filters do not
//     count, since BM25 scores every match). Where the matches can be ranked in one pass (Fts5Rank),
//     those of a query of more than one word are counted as they are ranked, stopping at one more.
// Message ids grow with time: harvests store sessions oldest first, and a changed session is
// stored again.
Result<Strategy> choose(Candidates& candidates, const SearchQuery& parsed, int wanted)
{
    using Unranked = HarvestSearch::Unranked;
    Strategy strategy;
    const auto newest = candidates.count(u"SELECT max(id) FROM messages_v2"_s, {});
    if (!newest) {
        return newest.error();
    }
    const QStringList& words = parsed.words();
    bool everyWordCommon = !words.isEmpty() && parsed.prefixes().isEmpty();
    for (qsizetype i = 0; everyWordCommon && i < words.size(); ++i) {
        const auto recent =
            candidates.count(u"SELECT count(*) FROM (SELECT rowid FROM messages_fts WHERE messages_fts "
                             "MATCH ? AND rowid > ? ORDER BY rowid DESC LIMIT ?)"_s,
                             {QString(u'"' + words.at(i) + u'"'), *newest - commonSample, commonSample / 10});
        if (!recent) {
            return recent.error();
        }
        everyWordCommon = *recent == commonSample / 10;
    }
    if (everyWordCommon) {
        strategy.unranked = Unranked::CommonWords;
    } else if (!parsed.prefixes().isEmpty()) {
        auto newest = candidates.newest(wanted, HarvestSearch::newestBudget, candidates.limit());
        if (!newest) {
            return newest.error();
        }
        if (newest->read >= candidates.limit()) {
            strategy.unranked = Unranked::ManyPrefixMatches;
            strategy.newest = std::move(newest).value();
        }
    } else if (candidates.ranksInOnePass() && parsed.words().size() > 1) {
        // Counting the matches of more than one word (or a phrase) costs about as much as ranking them: they are
        // ranked as they are counted.
        auto hits = candidates.fetch(true, HarvestSearch::rankWindow);
        if (!hits) {
            return hits.error();
        }
        if (*hits) {
            strategy.found = std::move(**hits);
        } else {
            strategy.unranked = Unranked::ManyMatches;
        }
    } else {
        const auto matches =
            candidates.count(u"SELECT count(*) FROM (SELECT rowid FROM messages_fts WHERE messages_fts MATCH ? "
                             "ORDER BY rowid DESC LIMIT ?)"_s,
                             {parsed.fts(), HarvestSearch::rankWindow + 1});
        if (!matches) {
            return matches.error();
        }
        strategy.unranked = *matches > HarvestSearch::rankWindow ? Unranked::ManyMatches : Unranked::No;
    }
    return strategy;
}

} // namespace

HarvestSearch::HarvestSearch(const Database& database)
    : m_db(database)
{}

Result<HarvestSearch::Results> HarvestSearch::search(const QString& query, const Filter& filter) const
{
    if (query.trimmed().isEmpty()) {
        return Error{u"search: the query is empty"_s, ErrorKind::Invalid};
    }
    const auto parsed = SearchQuery::parse(query);
    if (!parsed) {
        return parsed.error();
    }
    Candidates candidates(m_db, query, *parsed, filterSql(filter), filter.limit);
    Strategy strategy;
    if (!filter.exhaustive) {
        auto chosen = choose(candidates, *parsed, filter.limit);
        if (!chosen) {
            return chosen.error();
        }
        strategy = std::move(chosen).value();
    }
    Results results;
    results.unranked = strategy.unranked;
    if (results.windowed()) {
        if (!strategy.newest) {
            auto newest = candidates.newest(filter.limit, newestBudget);
            if (!newest) {
                return newest.error();
            }
            strategy.newest = std::move(newest).value();
        }
        strategy.found = std::move(strategy.newest->hits);
        results.everyMatch = strategy.newest->everyMatch;
    } else {
        if (!strategy.found) {
            auto hits = candidates.fetch(true);
            if (!hits) {
                return hits.error();
            }
            strategy.found = std::move(**hits);
        }
        results.everyMatch = strategy.found->size() < candidates.limit();
    }
    QList<Hit> list = grouped(std::move(*strategy.found), filter.limit);
    results.listed = int(list.size());
    const qsizetype skip = std::clamp<qsizetype>(filter.skip, 0, list.size());
    const qsizetype count =
        filter.count < 0 ? list.size() - skip : std::min<qsizetype>(filter.count, list.size() - skip);
    auto shown = candidates.withSnippets(list.mid(skip, count));
    if (!shown) {
        return shown.error();
    }
    results.hits = std::move(shown).value();
    return results;
}

HarvestSearch::FilterSql HarvestSearch::filterSql(const Filter& filter, Dialect dialect)
{
    const bool postgres = dialect == Dialect::Postgres;
    const QString like = postgres ? u"ILIKE"_s : u"LIKE"_s;
    const QString codePoints = postgres ? u" COLLATE \"C\""_s : QString();
    QStringList conditions;
    FilterSql sql;
    if (!filter.provider.isEmpty()) {
        conditions << u"s.provider = ?"_s;
        sql.values << filter.provider;
    }
    if (!filter.workspace.isEmpty()) {
        conditions << u"(s.workspace = ? OR s.workspace_name %1 ? OR s.project_path %1 ?)"_s.arg(like);
        const QString part = u'%' + filter.workspace + u'%';
        sql.values << filter.workspace << part << part;
    }
    if (const auto folder = projectFolderCondition(u"s.project_path"_s + codePoints, filter.projectPath);
        !folder.sql.isEmpty()) {
        conditions << folder.sql;
        sql.values << folder.values;
    }
    if (!filter.excludeSession.isEmpty()) {
        conditions << u"s.id <> ?"_s;
        sql.values << filter.excludeSession;
    }
    if (!conditions.isEmpty()) {
        sql.sessionWhere = u" AND "_s + conditions.join(u" AND "_s);
        sql.sessionValues = sql.values;
    }
    if (!filter.role.isEmpty()) {
        conditions << u"m.role = ?"_s;
        sql.values << filter.role;
    }
    if (filter.after.isValid()) {
        conditions << u"coalesce(m.timestamp, s.updated_at)%1 >= ?"_s.arg(codePoints);
        sql.values << isoUtc(filter.after, TimePrecision::Milliseconds);
    }
    if (filter.before.isValid()) {
        conditions << u"coalesce(m.timestamp, s.updated_at)%1 <= ?"_s.arg(codePoints);
        sql.values << isoUtc(filter.before, TimePrecision::Milliseconds);
    }
    sql.where = conditions.isEmpty() ? QString() : u" AND "_s + conditions.join(u" AND "_s);
    return sql;
}

double HarvestSearch::boosted(double score, const QDateTime& time, const QDateTime& now)
{
    // Among equally good matches the recent one wins, but a much better old match still beats a weak new one.
    const double ageDays = time.isValid() ? std::max<double>(0, double(time.secsTo(now)) / 86400.0) : 365.0;
    return score * (1.0 + 0.2 * std::exp2(-ageDays / 30.0));
}

QList<HarvestSearch::Hit> HarvestSearch::grouped(QList<Hit> candidates, int limit)
{
    std::stable_sort(candidates.begin(), candidates.end(),
                     [](const Hit& a, const Hit& b) { return a.score > b.score; });
    // A session is its id and, in a team database, the origin it was harvested on.
    const auto session = [](const Hit& hit) { return std::pair(hit.origin, hit.sessionId); };
    QHash<std::pair<QString, QString>, int> rankOfSession;
    QHash<std::pair<QString, QString>, int> shown;
    QList<Hit> grouped;
    for (const Hit& hit : std::as_const(candidates)) {
        if (!rankOfSession.contains(session(hit))) {
            rankOfSession.insert(session(hit), int(rankOfSession.size()));
        }
    }
    for (const Hit& hit : std::as_const(candidates)) {
        if (shown[session(hit)]++ < maxHitsPerSession) {
            grouped.append(hit);
        }
    }
    std::stable_sort(grouped.begin(), grouped.end(), [&rankOfSession, &session](const Hit& a, const Hit& b) {
        return rankOfSession.value(session(a)) < rankOfSession.value(session(b));
    });
    if (grouped.size() > std::max(limit, 0)) {
        grouped.resize(std::max(limit, 0));
    }
    return grouped;
}

QStringList HarvestSearch::queryWords(const QString& query)
{
    const auto parsed = SearchQuery::parse(query);
    if (!parsed) {
        return {};
    }
    QStringList words = parsed->words() + parsed->prefixes();
    words.removeDuplicates();
    return words;
}

QString HarvestSearch::bracketed(QString snippet)
{
    return snippet.replace(matchStart, u'[').replace(matchEnd, u']');
}

Result<QSet<QString>> HarvestSearch::sessionsContaining(const QString& text) const
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

} // namespace chasm
