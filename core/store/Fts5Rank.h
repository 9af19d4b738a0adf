// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#pragma once

#include <QHash>
#include <QString>
#include <QStringList>

#include <functional>
#include <memory>
#include <optional>
#include <vector>

struct sqlite3;

namespace chasm {

// BM25 as FTS5's bm25() scores a message (k1 1.2, b 0.75, one column), in one pass over the matches, as the
// SQL function chasm_bm25(messages_fts, cap, best, matching…) of one connection:
//   - `cap`: with more matches than this (0: no cap) the statement fails, with tooManyMatches in its error,
//     as soon as it has read one more;
//   - `best` (0: every match is scored): only the statement's `best` highest scores are wanted. A match that
//     cannot be among them is NULL, without reading its length (the costly part of scoring): its score, were the
//     message as short as the offsets of its matches allow, is below the `best` highest found before it. The
//     rows with the `best` highest scores, ties included, are scored as without it;
//   - each phrase's weight (IDF) comes from the number of messages that hold it (`matching`, given in the
//     order of the phrases in the MATCH expression; see phraseMatches()), rather than from reading all of
//     them, as bm25() does for every statement. A phrase given -1 is weighed 1.
// A query of one phrase needs no number: its weight scales every score alike, so it does not change the order;
// the caller applies it afterwards, from the number of matches the function scored (all of them, eligible or not).
// One object per connection, used on that connection's thread.
class Fts5Rank
{
public:
    // Registers the function on the connection: null when FTS5's API cannot be had from it.
    static std::unique_ptr<Fts5Rank> install(sqlite3* db);
    ~Fts5Rank();
    static constexpr QStringView tooManyMatches = u"chasm_bm25: too many matches";

    // The weight of a phrase held by `matching` of the `messages` of the index, as bm25() computes it.
    static double weight(qint64 matching, qint64 messages);
    // Of the last statement that called the function: how many matches it scored, and how many messages the index
    // held.
    qint64 scored() const { return m_scored; }
    qint64 messages() const { return m_messages; }
    // How many messages hold a phrase (an FTS5 MATCH expression of one phrase): counted once, then kept until
    // the database changes. Nullopt when it cannot be counted.
    std::optional<qint64> phraseMatches(const QString& phrase);
    // How many phrases' numbers are kept.
    qsizetype known() const { return m_phraseMatches.size(); }
    // What tells whether the database changed (its data version, and this connection's changes, temporary tables
    // included).
    std::pair<qint64, qint64> version() const;
    // The changes since `before` were this connection's to its temporary tables only: the numbers kept stay.
    void changedTemporaryTablesSince(std::pair<qint64, qint64> before)
    {
        if (m_countedAt == before) {
            m_countedAt = version();
        }
    }

    // The ids of the messages that a filter of sessions keeps, sorted, for searches that repeat the filter on this
    // connection (as the app, the API and MCP keep one): the function then scores only those, and the others are
    // never joined to their session to be told apart, which at 10 M messages cost a read of their row and their
    // session's each (a rare word in one project: 2 261 matches, 58 eligible, 5 865 reads). `read` makes the ids
    // (nullopt when there are more than maxEligible, and for an error), at the second search with the same `filter`
    // (a search seen once is not worth it), and they are kept until the database changes, for four filters at most.
    // Null when not made.
    static constexpr qsizetype maxEligible = 1'000'000;
    std::shared_ptr<const std::vector<qint64>>
    eligibleMessages(const QString& filter, const std::function<std::optional<std::vector<qint64>>()>& read);
    // How many filters' ids are kept.
    qsizetype knownFilters() const;
    // For one statement: only these messages are scored (the others are NULL); null for all of them.
    void setEligible(std::shared_ptr<const std::vector<qint64>> ids) { m_eligible = std::move(ids); }
    const std::vector<qint64>* eligible() const { return m_eligible.get(); }

    // Before a statement: nothing scored yet.
    void reset() { begin(0); }
    // For the function: a new statement begins, over an index of `messages`.
    void begin(qint64 messages)
    {
        m_scored = 0;
        m_messages = messages;
    }
    // For the function: one more match; false when that is more than `cap`.
    bool count(qint64 cap) { return ++m_scored <= cap || cap <= 0; }

private:
    explicit Fts5Rank(sqlite3* db)
        : m_db(db)
    {}

    sqlite3* m_db;
    qint64 m_scored = 0;
    qint64 m_messages = 0;
    // What was counted or read is kept while the database is as it was then (see version()).
    void forgetIfChanged();

    std::pair<qint64, qint64> m_countedAt{-1, -1};
    QHash<QString, qint64> m_phraseMatches;
    struct Filter
    {
        int searches = 0;
        std::shared_ptr<const std::vector<qint64>> ids; // null: not made, or too many
    };
    QHash<QString, Filter> m_filters;
    std::shared_ptr<const std::vector<qint64>> m_eligible;
};

} // namespace chasm
