// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#include "SearchQuery.h"

#include "postgres/PostgresSchema.h"

#include <algorithm>
#include <optional>

using namespace Qt::StringLiterals;

namespace chasm {

namespace {

// A character the index's tokenizer (unicode61) keeps in a word: letters, digits and private-use characters.
// Anything else separates words, so a quoted term without one of these would be an empty phrase, which FTS5
// matches nowhere.
bool isWordCharacter(char32_t c)
{
    return QChar::isLetterOrNumber(c) || QChar::category(c) == QChar::Other_PrivateUse;
}

// The code point that starts at `i`, and how many UTF-16 units it takes (a lone surrogate is a character of its own,
// and no word character).
char32_t codePointAt(QStringView text, qsizetype i, qsizetype& length)
{
    const QChar c = text.at(i);
    if (c.isHighSurrogate() && i + 1 < text.size() && text.at(i + 1).isLowSurrogate()) {
        length = 2;
        return QChar::surrogateToUcs4(c, text.at(i + 1));
    }
    length = 1;
    return c.unicode();
}

// The runs of word characters of `text`: the words the tokenizer makes of it.
QStringList wordsOf(QStringView text)
{
    QStringList words;
    qsizetype start = -1;
    for (qsizetype i = 0; i <= text.size();) {
        qsizetype length = 1;
        const bool inWord = i < text.size() && isWordCharacter(codePointAt(text, i, length));
        if (inWord && start < 0) {
            start = i;
        } else if (!inWord && start >= 0) {
            words << text.sliced(start, i - start).toString();
            start = -1;
        }
        i += length;
    }
    return words;
}

bool startsWithWordCharacter(QStringView text)
{
    qsizetype length = 1;
    return !text.isEmpty() && isWordCharacter(codePointAt(text, 0, length));
}

bool endsWithWordCharacter(QStringView text)
{
    if (text.isEmpty()) {
        return false;
    }
    const qsizetype last =
        text.size() >= 2 && text.back().isLowSurrogate() && text.at(text.size() - 2).isHighSurrogate()
            ? text.size() - 2
            : text.size() - 1;
    qsizetype length = 1;
    return isWordCharacter(codePointAt(text, last, length));
}

// The text as FTS5 can read it. FTS5 reads its expression up to a NUL, which is no word character: it separates
// words as a space does. SQLite takes the UTF-16 unit after a high surrogate for its low one, so a lone one would
// swallow the quote that ends a word: it becomes U+FFFD, no word character either.
QString readable(const QString& text)
{
    QString result = text;
    for (qsizetype i = 0; i < result.size(); ++i) {
        const QChar c = result.at(i);
        if (c.isNull()) {
            result[i] = u' ';
        } else if (c.isHighSurrogate() && i + 1 < result.size() && result.at(i + 1).isLowSurrogate()) {
            ++i;
        } else if (c.isSurrogate()) {
            result[i] = QChar::ReplacementCharacter;
        }
    }
    return result;
}

struct Token
{
    enum class Kind
    {
        Term,
        Open,
        Close,
        And,
        Or,
        Not, // NOT, or the "-" of -word
    };
    Kind kind = Kind::Term;
    QString text; // a term as typed, a phrase without its quotes, a prefix without its "*"
    bool phrase = false;
    bool prefix = false;
};

Token term(QString text, bool phrase, bool prefix)
{
    return {Token::Kind::Term, std::move(text), phrase, prefix};
}

Token op(Token::Kind kind)
{
    return {kind, {}, false, false};
}

// Groups inside groups, at most. FTS5's parser has a stack of its own, which an expression nested 33 deep fills
// ("parser stack overflow"), and each group can take three levels of parentheses in the expression written.
constexpr int maxDepth = 8;

// The tokens of a query, or nothing when its groups nest deeper than maxDepth. Groups are balanced here: a ")" that
// closes no group is punctuation, and the parser closes the groups still open at the end.
std::optional<QList<Token>> tokensOf(const QString& text)
{
    using Kind = Token::Kind;
    QList<Token> tokens;
    int depth = 0;
    const qsizetype n = text.size();
    for (qsizetype i = 0; i < n;) {
        if (text.at(i).isSpace()) {
            ++i;
            continue;
        }
        if (text.at(i) == u'"') {
            // An unclosed quote is closed at the end. "a phrase"* ends with a prefix.
            const qsizetype close = text.indexOf(u'"', i + 1);
            const qsizetype end = close < 0 ? n : close;
            Token phrase = term(text.mid(i + 1, end - i - 1), true, false);
            i = close < 0 ? n : close + 1;
            if (i < n && text.at(i) == u'*') {
                while (i < n && text.at(i) == u'*') {
                    ++i;
                }
                phrase.prefix = endsWithWordCharacter(phrase.text);
            }
            if (!wordsOf(phrase.text).isEmpty()) {
                tokens << phrase;
            }
            continue;
        }
        qsizetype end = i;
        while (end < n && !text.at(end).isSpace() && text.at(end) != u'"') {
            ++end;
        }
        QStringView bare = QStringView(text).sliced(i, end - i);
        const bool beforeQuote = end < n && text.at(end) == u'"';
        i = end;

        // Groups opened, and "-" leaving out what follows: -word, -"a phrase", -(a group), (-word.
        while (!bare.isEmpty()) {
            if (bare.front() == u'(') {
                tokens << op(Kind::Open);
                if (++depth > maxDepth) {
                    return std::nullopt;
                }
                bare = bare.sliced(1);
            } else if (bare.front() == u'-' &&
                       (bare.size() == 1 ? beforeQuote
                                         : bare.at(1) == u'(' || startsWithWordCharacter(bare.sliced(1)))) {
                tokens << op(Kind::Not);
                bare = bare.sliced(1);
            } else {
                break;
            }
        }
        // Groups closed: the ")" at the end that the word does not open itself, as foo.bar() does.
        qsizetype closing = 0;
        while (closing < bare.size() && bare.at(bare.size() - 1 - closing) == u')') {
            ++closing;
        }
        const QStringView inner = bare.chopped(closing);
        const qsizetype ownOpen = std::max<qsizetype>(0, inner.count(u'(') - inner.count(u')'));
        const int closers = int(std::min<qsizetype>(std::max<qsizetype>(0, closing - ownOpen), depth));
        QStringView word = bare.chopped(closers);

        if (word == u"AND"_s) {
            tokens << op(Kind::And);
        } else if (word == u"OR"_s) {
            tokens << op(Kind::Or);
        } else if (word == u"NOT"_s) {
            tokens << op(Kind::Not);
        } else {
            // The messages' text is the only column: a filter on it filters nothing. Other "name:" are text.
            if (word.startsWith(u"content:"_s, Qt::CaseInsensitive)) {
                word = word.sliced(8);
            }
            qsizetype stars = 0;
            while (stars < word.size() && word.at(word.size() - 1 - stars) == u'*') {
                ++stars;
            }
            const bool prefix = stars > 0 && endsWithWordCharacter(word.chopped(stars));
            const QStringView searched = prefix ? word.chopped(stars) : word;
            if (!wordsOf(searched).isEmpty()) {
                tokens << term(searched.toString(), false, prefix);
            }
        }
        for (int c = 0; c < closers; ++c) {
            tokens << op(Kind::Close);
            --depth;
        }
    }
    return tokens;
}

// A piece of the expression, as FTS5 reads it and as PostgreSQL's to_tsquery() does; a compound one is put in
// parentheses where it is an operand.
struct Part
{
    QString fts;
    QString ts;
    bool compound = false;
    QString phrase; // a term of more than one word, no prefix: the words every match of the part holds side by side

    QString operand() const { return compound ? u'(' + fts + u')' : fts; }
    QString tsOperand() const { return compound ? u'(' + ts + u')' : ts; }
};

// A term as to_tsquery() reads it: its text quoted, so that the configuration's parser splits it into words as it
// splits the messages (several words in a row are a phrase; the characters the team database's text is searched
// without are spaces here too), and nothing in it is read as an operator.
QString tsTerm(QString text, bool prefix)
{
    for (const QChar c : PostgresSchema::wordSeparatorCharacters) {
        text.replace(c, u' ');
    }
    text.replace(u'\\', u"\\\\"_s).replace(u'\'', u"''"_s);
    return u'\'' + text + u'\'' + (prefix ? u":*"_s : QString());
}

// Words all looked for (AND, or side by side), and what to leave out (NOT, -).
struct Conjunction
{
    QList<Part> include;
    QList<Part> exclude;
    QString firstExcluded; // as the message shows it
};

// Reads the tokens by precedence, as FTS5 does: NOT binds closest, then AND, then OR. No operator is out of place:
// one with nothing on a side is left out, as is a NOT with nothing after it.
class Parser
{
public:
    explicit Parser(QList<Token> tokens)
        : m_tokens(std::move(tokens))
    {}

    // The expression, or nothing with error() set or, when the query has no word, not set.
    std::optional<Part> parse()
    {
        const QList<Conjunction> top = branches();
        if (top.size() == 1) {
            for (const Part& part : top.constFirst().include) {
                if (!part.phrase.isEmpty()) {
                    m_phrasesInEveryMatch << part.phrase;
                }
            }
        }
        return m_error || top.isEmpty() ? std::nullopt : render(top);
    }

    const std::optional<QString>& error() const { return m_error; }
    const QStringList& words() const { return m_words; }
    const QStringList& prefixes() const { return m_prefixes; }
    const QStringList& phrasesInEveryMatch() const { return m_phrasesInEveryMatch; }

private:
    using Kind = Token::Kind;

    bool at(Kind kind) const { return m_at < m_tokens.size() && m_tokens.at(m_at).kind == kind; }

    // Conjunctions separated by OR, up to the ")" of the group being read or the end; empty ones left out.
    QList<Conjunction> branches()
    {
        QList<Conjunction> found;
        while (!m_error) {
            Conjunction c = conjunction();
            if (!c.include.isEmpty() || !c.exclude.isEmpty()) {
                found << std::move(c);
            }
            if (!at(Kind::Or)) {
                break;
            }
            ++m_at;
        }
        return found;
    }

    Conjunction conjunction()
    {
        Conjunction c;
        bool leaveOut = false;
        const auto add = [&c, &leaveOut](Part part, const QString& shown) {
            if (leaveOut) {
                c.firstExcluded = c.exclude.isEmpty() ? shown : c.firstExcluded;
                c.exclude << std::move(part);
            } else {
                c.include << std::move(part);
            }
            leaveOut = false;
        };
        while (m_at < m_tokens.size() && !m_error && !at(Kind::Or) && !(at(Kind::Close) && m_depth > 0)) {
            const Token& token = m_tokens.at(m_at++);
            switch (token.kind) {
            case Kind::And:
            case Kind::Or: // not reached: an OR ends the conjunction
            case Kind::Close:
                break;
            case Kind::Not:
                leaveOut = true; // NOT NOT is one NOT
                break;
            case Kind::Term: {
                if (!leaveOut && m_excluded == 0) {
                    QStringList words = wordsOf(token.text);
                    if (token.prefix) {
                        m_prefixes << words.takeLast();
                    }
                    m_words << words;
                }
                QString quoted = token.text;
                quoted = u'"' + quoted.replace(u'"', u"\"\""_s) + u'"' + (token.prefix ? u"*"_s : QString());
                const bool phrase = !token.prefix && wordsOf(token.text).size() > 1;
                add({quoted, tsTerm(token.text, token.prefix), false, phrase ? token.text : QString()},
                    token.phrase ? QString(u'"' + token.text + u'"')
                                 : QString(token.text + (token.prefix ? u"*"_s : u""_s)));
                break;
            }
            case Kind::Open: {
                m_excluded += leaveOut ? 1 : 0;
                ++m_depth;
                QList<Conjunction> group = branches();
                --m_depth;
                m_excluded -= leaveOut ? 1 : 0;
                if (at(Kind::Close)) {
                    ++m_at;
                }
                if (m_error || group.isEmpty()) {
                    leaveOut = false;
                } else if (group.size() == 1 && !leaveOut) {
                    // (a NOT b) among other words is a NOT b among them.
                    Conjunction& inner = group.first();
                    if (c.exclude.isEmpty()) {
                        c.firstExcluded = inner.firstExcluded;
                    }
                    c.include << inner.include;
                    c.exclude << inner.exclude;
                } else if (const std::optional<Part> part = render(group)) {
                    add(*part, u"(…)"_s);
                }
                break;
            }
            }
        }
        return c;
    }

    // Branches joined by OR; each must look for something: FTS5 has no "everything but".
    std::optional<Part> render(const QList<Conjunction>& branches)
    {
        QStringList parts;
        QStringList tsParts;
        Part last;
        for (const Conjunction& c : branches) {
            if (c.include.isEmpty()) {
                m_error =
                    u"search: NOT %1 only says what to leave out; add a word to look for, as in: koala NOT %1"_s.arg(
                        c.firstExcluded);
                return std::nullopt;
            }
            QStringList included;
            QStringList tsIncluded;
            for (const Part& part : c.include) {
                included << part.operand();
                tsIncluded << part.tsOperand();
            }
            last = c.include.size() == 1 ? c.include.first()
                                         : Part{included.join(u" AND "_s), tsIncluded.join(u" & "_s), true, {}};
            if (!c.exclude.isEmpty()) {
                QString fts = last.operand();
                QString ts = last.tsOperand();
                for (const Part& part : c.exclude) {
                    fts += u" NOT "_s + part.operand();
                    ts += u" & !"_s + part.tsOperand();
                }
                last = {fts, ts, true, {}};
            }
            parts << last.operand();
            tsParts << last.tsOperand();
        }
        return branches.size() == 1 ? last : Part{parts.join(u" OR "_s), tsParts.join(u" | "_s), true, {}};
    }

    QList<Token> m_tokens;
    qsizetype m_at = 0;
    int m_depth = 0;
    int m_excluded = 0; // inside a group left out
    std::optional<QString> m_error;
    QStringList m_words;
    QStringList m_prefixes;
    QStringList m_phrasesInEveryMatch;
};

} // namespace

Result<SearchQuery> SearchQuery::parse(const QString& text)
{
    std::optional<QList<Token>> tokens = tokensOf(readable(text));
    if (!tokens) {
        return Error{
            u"search: the query has groups inside groups more than %1 deep: use fewer parentheses"_s.arg(maxDepth),
            ErrorKind::Invalid};
    }
    Parser parser(std::move(*tokens));
    const std::optional<Part> expression = parser.parse();
    if (parser.error()) {
        return Error{*parser.error(), ErrorKind::Invalid};
    }
    if (!expression) {
        return Error{u"search: the query has no word to look for: type a word, a \"phrase\" or a prefix like auth*"_s,
                     ErrorKind::Invalid};
    }
    SearchQuery query;
    query.m_fts = expression->fts;
    query.m_tsquery = expression->ts;
    query.m_words = parser.words();
    query.m_words.removeDuplicates();
    query.m_prefixes = parser.prefixes();
    query.m_prefixes.removeDuplicates();
    query.m_phrasesInEveryMatch = parser.phrasesInEveryMatch();
    return query;
}

SearchQuery SearchQuery::wordStarts(const QString& text)
{
    SearchQuery query;
    query.m_prefixes = wordsOf(text);
    query.m_prefixes.removeDuplicates();
    QStringList terms;
    QStringList tsTerms;
    for (const QString& word : std::as_const(query.m_prefixes)) {
        terms << u'"' + word + u"\"*"_s;
        tsTerms << tsTerm(word, true);
    }
    query.m_fts = terms.join(u" AND "_s);
    query.m_tsquery = tsTerms.join(u" & "_s);
    return query;
}

QStringList SearchQuery::phrases() const
{
    // Every phrase is quoted (a quote inside doubled), and nothing else is.
    QStringList found;
    for (qsizetype i = m_fts.indexOf(u'"'); i >= 0; i = m_fts.indexOf(u'"', i)) {
        qsizetype end = i + 1;
        while (end < m_fts.size() &&
               !(m_fts.at(end) == u'"' && (end + 1 == m_fts.size() || m_fts.at(end + 1) != u'"'))) {
            end += m_fts.at(end) == u'"' ? 2 : 1;
        }
        end = std::min(end + 1, m_fts.size());
        if (end < m_fts.size() && m_fts.at(end) == u'*') {
            ++end;
        }
        found << m_fts.mid(i, end - i);
        i = end;
    }
    return found;
}

} // namespace chasm
