// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#pragma once

#include "util/Result.h"

#include <QStringList>

namespace chasm {

// What a person types into a search box, read into an FTS5 MATCH expression (and a PostgreSQL tsquery). Words,
// "phrases", prefix*, AND/OR/NOT (uppercase), -word and (groups) are ours; nothing typed reaches FTS5 as its syntax:
// every word is quoted, so its punctuation ("foo.bar()", "quokka^", "content:x") splits it as the tokenizer splits the
// text. Dangling or doubled operators are left out, an unclosed quote or group is closed at the end; a query with no
// word to look for, or one that only leaves words out, gets a message saying what to type. A pure function of the text.
class SearchQuery
{
public:
    // The query, or a message in our words ("search: ...") saying what to type instead.
    static Result<SearchQuery> parse(const QString& text);
    // Every word of `text` (runs of letters and digits, nothing read as syntax) as the start of a word of the same
    // message: the words of a pattern matched as `find session --content` matches the files. fts() is empty when
    // `text` holds no word.
    static SearchQuery wordStarts(const QString& text);

    // The FTS5 MATCH expression.
    const QString& fts() const { return m_fts; }
    // The same expression as PostgreSQL's to_tsquery() reads it (& | ! and parentheses; every term quoted, a prefix
    // with :*), for the team database.
    const QString& tsquery() const { return m_tsquery; }
    // The words looked for (not those only left out): what to highlight in a hit, and what a search weighs.
    const QStringList& words() const { return m_words; }
    // The prefixes looked for, without their "*".
    const QStringList& prefixes() const { return m_prefixes; }
    // The phrases of fts() in their order there (as FTS5 numbers them), each an expression of its own: quoted, with
    // its "*" when it is a prefix. Those only left out are among them.
    QStringList phrases() const;
    // The terms of more than one word that every match holds, as typed: "phrases", and words the tokenizer splits
    // (foo.bar), that are no prefix and not in an OR or a NOT. The team database looks them up by their pairs of
    // words side by side (see PostgresSchema, migration 3).
    const QStringList& phrasesInEveryMatch() const { return m_phrasesInEveryMatch; }

private:
    SearchQuery() = default;

    QString m_fts;
    QString m_tsquery;
    QStringList m_words;
    QStringList m_prefixes;
    QStringList m_phrasesInEveryMatch;
};

} // namespace chasm
