// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#pragma once

#include "store/Database.h"

#include <QDateTime>
#include <QList>
#include <QSet>
#include <QString>
#include <QStringList>
#include <QVariantList>

namespace chasm {

// Full-text search over the harvested messages: builds the filter's SQL, chooses between ranking by relevance and
// showing the newest matches, fetches the candidates from the index, and groups them per session (a pure step,
// grouped()). Reads only.
class HarvestSearch
{
public:
    explicit HarvestSearch(const Database& database);

    struct Filter
    {
        QString provider;
        // A workspace hash, or part of a workspace's name or project path.
        QString workspace;
        // A project folder: sessions whose project is this folder or one inside it.
        QString projectPath;
        // Leave out this session's messages (the one an agent is in).
        QString excludeSession;
        QString role;
        QDateTime after;
        QDateTime before;
        int limit = 20;
        // Only the hits from `skip` on, `count` of them (-1: all), of the `limit` the search lists, get their snippets
        // and are returned: a page of the list. Every page of a list is the same search with the same limit, since
        // the limit chooses how the matches are found and grouped (a larger one can group and even order them
        // otherwise), so that pages neither repeat a hit nor leave one out.
        int skip = 0;
        int count = -1;
        // Rank by relevance however many messages match (see rankWindow).
        bool exhaustive = false;
    };
    struct Hit
    {
        QString sessionId;
        QString provider;
        QString title;
        QString projectPath;
        int messageIndex = 0;
        QString role;
        QString timestamp;
        QString snippet;      // matches between matchStart and matchEnd
        double score = 0;     // higher is better: BM25 (1 when unranked) with a mild boost for recent messages
        qint64 messageId = 0; // the message's row in messages_v2
        // The machine and user it was harvested on ("alice@laptop"), in a team database; empty in SQLite.
        QString origin;
    };
    static constexpr QChar matchStart = QChar(2);
    static constexpr QChar matchEnd = QChar(3);
    static constexpr int maxHitsPerSession = 3;
    // A snippet with its matches marked by "[" and "]" (the JSON shape).
    static QString bracketed(QString snippet);
    // A query with more matches than this is too common to rank quickly (or usefully): unless the search
    // is exhaustive, its newest matches are shown, unranked (see Unranked for the other such queries).
    static constexpr int rankWindow = 5000;
    // How many matches a search that shows the newest reads at most, looking for enough sessions to show.
    static constexpr int newestBudget = 4 * rankWindow;
    // Why a search shows the newest matches rather than the best ones.
    enum class Unranked
    {
        No,
        ManyMatches,      // more than rankWindow
        CommonWords,      // every word of the query is in one message in ten
        ManyPrefixMatches // a prefix query with at least as many eligible matches as a search shows
    };
    struct Results
    {
        QList<Hit> hits;
        Unranked unranked = Unranked::No;
        // How many hits the whole list holds (at most the filter's limit), `hits` being those from skip on.
        int listed = 0;
        // Whether the list was made from every eligible match, not from the best (or newest) of them only: when not,
        // more messages match than the list shows.
        bool everyMatch = true;
        // The hits are the newest matches, all with the same base score.
        bool windowed() const { return unranked != Unranked::No; }
    };
    // `query` is what a person types, read by SearchQuery (words, "phrases", prefix*, AND/OR/NOT, -word, groups): a
    // query it cannot read is an error in its words. Hits are grouped per session (see grouped()), best first.
    Result<Results> search(const QString& query, const Filter& filter) const;
    // The words of a query, and the starts of its prefix terms: what to highlight in a hit's message.
    static QStringList queryWords(const QString& query);

    // The sessions with a message that holds every word of `text` (words, or the starts of words).
    Result<QSet<QString>> sessionsContaining(const QString& text) const;

    // The candidates grouped per session: sessions in the order of their best hit, each session's hits best
    // first (equal scores in the order given), at most maxHitsPerSession of each, at most `limit` in all.
    static QList<Hit> grouped(QList<Hit> candidates, int limit);
    // A candidate's score with its boost for recency: up to a fifth more for a message of `now`, halving every 30
    // days; a message without a valid time counts as a year old.
    static double boosted(double score, const QDateTime& time, const QDateTime& now);

    // The filter as SQL conditions over messages_v2 `m` joined to sessions `s` (" AND …", or empty without a
    // filter), with the values they bind in order, for SQLite or PostgreSQL (whose LIKE minds case, and whose text
    // comparisons follow the database's collation unless told to compare code points as SQLite does).
    struct FilterSql
    {
        QString where;
        QVariantList values;
        // The conditions on sessions alone (provider, workspace, project, a session left out), over `s`: a part of
        // `where` that chooses whole sessions.
        QString sessionWhere;
        QVariantList sessionValues;
    };
    enum class Dialect
    {
        Sqlite,
        Postgres,
    };
    static FilterSql filterSql(const Filter& filter, Dialect dialect = Dialect::Sqlite);

private:
    const Database& m_db;
};

} // namespace chasm
