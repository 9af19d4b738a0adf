// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#include "Fts5Rank.h"

#include <sqlite3.h>

#include <algorithm>
#include <cmath>
#include <functional>
#include <queue>
#include <vector>

namespace chasm {

namespace {

constexpr double k1 = 1.2;
constexpr double b = 0.75;

// The state of one statement's calls, kept by FTS5 for the statement (its "auxiliary data").
struct Statement
{
    double averageLength = 0;
    std::vector<double> weights;
    std::vector<double> frequencies;
    // With `best`: the highest scores so far, the lowest on top, at most `best` of them.
    std::size_t best = 0;
    std::priority_queue<double, std::vector<double>, std::greater<>> highest;

    // bm25()'s sum over the phrases for a message of `length` tokens, its terms in bm25()'s order, so that the
    // sums are the same to the last bit. It does not grow with the length.
    double score(double length) const
    {
        double sum = 0.0;
        for (size_t i = 0; i < frequencies.size(); ++i) {
            const double f = frequencies[i];
            sum += weights[i] * ((f * (k1 + 1.0)) / (f + k1 * (1 - b + b * length / averageLength)));
        }
        return sum;
    }
};

void bm25(const Fts5ExtensionApi* api, Fts5Context* fts, sqlite3_context* context, int argc, sqlite3_value** argv)
{
    auto* rank = static_cast<Fts5Rank*>(api->xUserData(fts));
    auto* statement = static_cast<Statement*>(api->xGetAuxdata(fts, 0));
    if (!statement) {
        sqlite3_int64 rows = 0;
        sqlite3_int64 tokens = 0;
        if (api->xRowCount(fts, &rows) != SQLITE_OK || api->xColumnTotalSize(fts, -1, &tokens) != SQLITE_OK) {
            sqlite3_result_error(context, "chasm_bm25: cannot read the index's totals", -1);
            return;
        }
        const int phrases = api->xPhraseCount(fts);
        if (argc != 2 && argc != phrases + 2) {
            sqlite3_result_error(context, "chasm_bm25: one number of matching messages for each phrase", -1);
            return;
        }
        auto made = std::make_unique<Statement>();
        made->averageLength = rows > 0 ? double(tokens) / double(rows) : 1.0;
        made->best = size_t(std::max<sqlite3_int64>(0, sqlite3_value_int64(argv[1])));
        made->weights.assign(size_t(phrases), 1.0);
        for (int i = 0; argc > 2 && i < phrases; ++i) {
            const sqlite3_int64 matching = sqlite3_value_int64(argv[i + 2]);
            made->weights[size_t(i)] = matching < 0 ? 1.0 : Fts5Rank::weight(matching, rows);
        }
        made->frequencies.assign(size_t(phrases), 0.0);
        statement = made.get();
        if (api->xSetAuxdata(fts, made.release(), [](void* p) { delete static_cast<Statement*>(p); }) != SQLITE_OK) {
            sqlite3_result_error_nomem(context);
            return;
        }
        rank->begin(rows);
    }
    if (!rank->count(argc > 0 ? sqlite3_value_int64(argv[0]) : 0)) {
        const QByteArray message = QStringView(Fts5Rank::tooManyMatches).toUtf8();
        sqlite3_result_error(context, message.constData(), int(message.size()));
        return;
    }
    if (const std::vector<qint64>* eligible = rank->eligible();
        eligible && !std::binary_search(eligible->cbegin(), eligible->cend(), api->xRowid(fts))) {
        sqlite3_result_null(context);
        return;
    }
    std::fill(statement->frequencies.begin(), statement->frequencies.end(), 0.0);
    // The message holds at least as many tokens as the last match's offset says.
    int instances = 0;
    int shortest = 0;
    int rc = api->xInstCount(fts, &instances);
    for (int i = 0; rc == SQLITE_OK && i < instances; ++i) {
        int phrase = 0;
        int column = 0;
        int offset = 0;
        rc = api->xInst(fts, i, &phrase, &column, &offset);
        if (rc == SQLITE_OK && phrase >= 0 && size_t(phrase) < statement->frequencies.size()) {
            statement->frequencies[size_t(phrase)] += 1.0;
            shortest = std::max(shortest, offset + 1);
        }
    }
    if (rc != SQLITE_OK) {
        sqlite3_result_error_code(context, rc);
        return;
    }
    // Reading the message's length (a look-up in the index's table of lengths, the costly part of scoring) is
    // skipped when even that shortest length scores below the best already found: NULL.
    if (statement->highest.size() == statement->best && statement->best > 0 &&
        statement->score(double(shortest)) < statement->highest.top()) {
        sqlite3_result_null(context);
        return;
    }
    int length = 0;
    rc = api->xColumnSize(fts, -1, &length);
    if (rc != SQLITE_OK) {
        sqlite3_result_error_code(context, rc);
        return;
    }
    const double score = statement->score(double(length));
    if (statement->best > 0) {
        if (statement->highest.size() < statement->best) {
            statement->highest.push(score);
        } else if (score > statement->highest.top()) {
            statement->highest.pop();
            statement->highest.push(score);
        }
    }
    sqlite3_result_double(context, score);
}

// chasm_eligible(rowid): whether a message is among those the connection scores (all when it has no list).
void eligibleMessage(sqlite3_context* context, int, sqlite3_value** argv)
{
    const std::vector<qint64>* eligible = static_cast<Fts5Rank*>(sqlite3_user_data(context))->eligible();
    sqlite3_result_int(context, !eligible || std::binary_search(eligible->cbegin(), eligible->cend(),
                                                                qint64(sqlite3_value_int64(argv[0]))));
}

} // namespace

std::unique_ptr<Fts5Rank> Fts5Rank::install(sqlite3* db)
{
    if (!db) {
        return nullptr;
    }
    fts5_api* fts5 = nullptr;
    sqlite3_stmt* statement = nullptr;
    if (sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &statement, nullptr) != SQLITE_OK) {
        return nullptr;
    }
    sqlite3_bind_pointer(statement, 1, static_cast<void*>(&fts5), "fts5_api_ptr", nullptr);
    sqlite3_step(statement);
    sqlite3_finalize(statement);
    if (!fts5 || fts5->iVersion < 2) {
        return nullptr;
    }
    std::unique_ptr<Fts5Rank> rank(new Fts5Rank(db));
    if (fts5->xCreateFunction(fts5, "chasm_bm25", rank.get(), bm25, nullptr) != SQLITE_OK ||
        sqlite3_create_function_v2(db, "chasm_eligible", 1, SQLITE_UTF8, rank.get(), eligibleMessage, nullptr, nullptr,
                                   nullptr) != SQLITE_OK) {
        return nullptr;
    }
    return rank;
}

Fts5Rank::~Fts5Rank() = default;

double Fts5Rank::weight(qint64 matching, qint64 messages)
{
    // As bm25(): the IDF of Wikipedia's BM25, at least 1e-6 (a word in more than half the messages).
    const double idf = std::log((double(messages) - double(matching) + 0.5) / (double(matching) + 0.5));
    return idf <= 0.0 ? 1e-6 : idf;
}

std::pair<qint64, qint64> Fts5Rank::version() const
{
    qint64 data = -1;
    sqlite3_stmt* statement = nullptr;
    if (sqlite3_prepare_v2(m_db, "PRAGMA data_version", -1, &statement, nullptr) == SQLITE_OK &&
        sqlite3_step(statement) == SQLITE_ROW) {
        data = sqlite3_column_int64(statement, 0);
    }
    sqlite3_finalize(statement);
    return {data, qint64(sqlite3_total_changes(m_db))};
}

void Fts5Rank::forgetIfChanged()
{
    if (const auto now = version(); now != m_countedAt) {
        m_phraseMatches.clear();
        m_filters.clear();
        m_countedAt = now;
    }
}

std::shared_ptr<const std::vector<qint64>>
Fts5Rank::eligibleMessages(const QString& filter, const std::function<std::optional<std::vector<qint64>>()>& read)
{
    forgetIfChanged();
    if (m_filters.size() >= 32 && !m_filters.contains(filter)) {
        m_filters.clear(); // bounded: a connection searched with many filters keeps the ids of the latest
    }
    Filter& kept = m_filters[filter];
    if (++kept.searches == 2) {
        // At most a few filters' ids, up to maxEligible each: a fifth takes the others' place.
        if (knownFilters() >= 4) {
            for (Filter& other : m_filters) {
                if (&other != &kept) {
                    other = Filter{};
                }
            }
        }
        if (auto ids = read()) {
            std::sort(ids->begin(), ids->end());
            kept.ids = std::make_shared<const std::vector<qint64>>(std::move(*ids));
        }
    }
    return kept.ids;
}

qsizetype Fts5Rank::knownFilters() const
{
    return std::count_if(m_filters.cbegin(), m_filters.cend(), [](const Filter& filter) { return filter.ids; });
}

std::optional<qint64> Fts5Rank::phraseMatches(const QString& phrase)
{
    forgetIfChanged();
    if (const auto known = m_phraseMatches.constFind(phrase); known != m_phraseMatches.cend()) {
        return *known;
    }
    sqlite3_stmt* statement = nullptr;
    const QByteArray text = phrase.toUtf8();
    std::optional<qint64> matching;
    if (sqlite3_prepare_v2(m_db, "SELECT count(*) FROM messages_fts WHERE messages_fts MATCH ?1", -1, &statement,
                           nullptr) == SQLITE_OK &&
        sqlite3_bind_text(statement, 1, text.constData(), int(text.size()), SQLITE_TRANSIENT) == SQLITE_OK &&
        sqlite3_step(statement) == SQLITE_ROW) {
        matching = sqlite3_column_int64(statement, 0);
        m_phraseMatches.insert(phrase, *matching);
    }
    sqlite3_finalize(statement);
    return matching;
}

} // namespace chasm
