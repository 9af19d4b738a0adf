// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#include "store/SearchQuery.h"

#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTest>

#include <random>

using namespace Qt::StringLiterals;
using namespace chasm;

namespace {

const QString noWord = u"search: the query has no word to look for: type a word, a \"phrase\" or a prefix like auth*"_s;

QString onlyLeavesOut(const QString& what)
{
    return u"search: NOT %1 only says what to leave out; add a word to look for, as in: koala NOT %1"_s.arg(what);
}

// Groups `depth` deep, each written with the most parentheses a group takes: around the group, around its branch
// that leaves a word out, and around that branch's words.
QString deepest(int depth)
{
    return depth == 0 ? u"x"_s : u"(a OR b c -d %1)"_s.arg(deepest(depth - 1));
}

QString deepestFts(int depth)
{
    const QString inner = depth == 1 ? u"\"x\""_s : u"(%1)"_s.arg(deepestFts(depth - 1));
    return u"\"a\" OR ((\"b\" AND \"c\" AND %1) NOT \"d\")"_s.arg(inner);
}

} // namespace

class TestSearchQuery : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        // An index made as the harvest database makes its own, to run every expression the parser writes.
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"fts"_s);
        db.setDatabaseName(u":memory:"_s);
        QVERIFY(db.open());
        QSqlQuery q(db);
        QVERIFY(
            q.exec(u"CREATE VIRTUAL TABLE t USING fts5(content, tokenize='porter unicode61 remove_diacritics 2')"_s));
    }

    void cleanupTestCase() { QSqlDatabase::removeDatabase(u"fts"_s); }

    // What a person types becomes an FTS5 expression that FTS5 accepts, or our message.
    void parse_data()
    {
        QTest::addColumn<QString>("typed");
        QTest::addColumn<QString>("fts");   // empty when the query is refused
        QTest::addColumn<QString>("error"); // empty when it is read

        const auto read = [](const char* name, const QString& typed, const QString& fts) {
            QTest::newRow(name) << typed << fts << QString();
        };
        const auto refused = [](const char* name, const QString& typed, const QString& error) {
            QTest::newRow(name) << typed << QString() << error;
        };
        read("word", u"quokka"_s, u"\"quokka\""_s);
        read("words", u"auth  token"_s, u"\"auth\" AND \"token\""_s);
        read("lowercase operators are words", u"and or not"_s, u"\"and\" AND \"or\" AND \"not\""_s);
        read("punctuation in a word", u"foo.bar()"_s, u"\"foo.bar()\""_s);
        read("caret", u"quokka^"_s, u"\"quokka^\""_s);
        read("plus", u"a + b"_s, u"\"a\" AND \"b\""_s);
        read("NEAR is a word", u"NEAR(a b)"_s, u"\"NEAR(a\" AND \"b)\""_s);
        read("phrase", u"\"previous symlink\""_s, u"\"previous symlink\""_s);
        read("phrase beside words", u"say\"hello there\"now"_s, u"\"say\" AND \"hello there\" AND \"now\""_s);
        read("unclosed quote is closed", u"a \"b c"_s, u"\"a\" AND \"b c\""_s);
        read("empty phrase", u"quokka \"\""_s, u"\"quokka\""_s);
        read("prefix", u"auth*"_s, u"\"auth\"*"_s);
        read("prefix stars", u"auth***"_s, u"\"auth\"*"_s);
        read("prefix after punctuation", u"foo.ba*"_s, u"\"foo.ba\"*"_s);
        read("phrase prefix", u"\"one tw\"*"_s, u"\"one tw\"*"_s);
        read("star after punctuation", u"foo.* x"_s, u"\"foo.*\" AND \"x\""_s);
        read("star inside", u"a*b"_s, u"\"a*b\""_s);
        read("trailing OR", u"quokka OR"_s, u"\"quokka\""_s);
        read("leading OR", u"OR quokka"_s, u"\"quokka\""_s);
        read("trailing AND", u"quokka AND"_s, u"\"quokka\""_s);
        read("leading AND", u"AND quokka"_s, u"\"quokka\""_s);
        read("doubled OR", u"quokka OR OR wombat"_s, u"\"quokka\" OR \"wombat\""_s);
        read("doubled AND", u"quokka AND AND wombat"_s, u"\"quokka\" AND \"wombat\""_s);
        read("AND before OR", u"quokka wombat OR koala"_s, u"(\"quokka\" AND \"wombat\") OR \"koala\""_s);
        read("AND after OR", u"quokka OR wombat koala"_s, u"\"quokka\" OR (\"wombat\" AND \"koala\")"_s);
        read("group", u"(quokka OR wombat) koala"_s, u"(\"quokka\" OR \"wombat\") AND \"koala\""_s);
        read("unclosed group", u"koala (quokka OR wombat"_s, u"\"koala\" AND (\"quokka\" OR \"wombat\")"_s);
        read("nested groups", u"((quokka OR wombat)"_s, u"\"quokka\" OR \"wombat\""_s);
        read("group of one word", u"(quokka)"_s, u"\"quokka\""_s);
        read("stray closing parenthesis", u"quokka) wombat"_s, u"\"quokka)\" AND \"wombat\""_s);
        read("parentheses of a call", u"(call foo.bar())"_s, u"\"call\" AND \"foo.bar()\""_s);
        read("empty group", u"() quokka"_s, u"\"quokka\""_s);
        read("NOT", u"koala NOT quokka"_s, u"\"koala\" NOT \"quokka\""_s);
        read("minus", u"koala -quokka"_s, u"\"koala\" NOT \"quokka\""_s);
        read("minus first", u"-quokka koala"_s, u"\"koala\" NOT \"quokka\""_s);
        read("two left out", u"koala -quokka NOT wombat"_s, u"\"koala\" NOT \"quokka\" NOT \"wombat\""_s);
        read("NOT after words", u"koala emu -quokka"_s, u"(\"koala\" AND \"emu\") NOT \"quokka\""_s);
        read("doubled NOT", u"koala NOT NOT quokka"_s, u"\"koala\" NOT \"quokka\""_s);
        read("trailing NOT", u"koala NOT"_s, u"\"koala\""_s);
        read("minus phrase", u"koala -\"red panda\""_s, u"\"koala\" NOT \"red panda\""_s);
        read("minus group", u"koala -(quokka OR wombat)"_s, u"\"koala\" NOT (\"quokka\" OR \"wombat\")"_s);
        read("NOT in a group", u"koala (NOT quokka)"_s, u"\"koala\" NOT \"quokka\""_s);
        read("NOT in a branch", u"koala OR emu -quokka"_s, u"\"koala\" OR (\"emu\" NOT \"quokka\")"_s);
        read("a lone minus", u"a - b"_s, u"\"a\" AND \"b\""_s);
        read("double minus is a word", u"rm --force"_s, u"\"rm\" AND \"--force\""_s);
        read("content column", u"content:quokka"_s, u"\"quokka\""_s);
        read("content column uppercase", u"CONTENT:quokka"_s, u"\"quokka\""_s);
        read("content column phrase", u"content:\"red panda\""_s, u"\"red panda\""_s);
        read("other names are text", u"title:quokka std::vector"_s, u"\"title:quokka\" AND \"std::vector\""_s);
        read("accents", u"café"_s, u"\"café\""_s);
        read("ideographs", u"日本語"_s, u"\"日本語\""_s);
        read("beyond the BMP", u"𝒳yz"_s, u"\"𝒳yz\""_s);
        read("tabs and newlines", u"\tquokka\nwombat "_s, u"\"quokka\" AND \"wombat\""_s);
        // FTS5 would read "quokka up to the NUL, an unterminated string.
        read("NUL", QString(u"quokka"_s + QChar(0) + u"wombat \"red"_s + QChar(0) + u"panda\""_s),
             u"\"quokka\" AND \"wombat\" AND \"red panda\""_s);
        read("eight groups deep", deepest(8), deepestFts(8));
        // SQLite takes the unit after a high surrogate for its low one: a lone one swallowed the closing quote.
        read("lone high surrogate", u"koala NOT"_s + QChar(0xd800) + u" x"_s,
             u"\"koala\" AND \"NOT\uFFFD\" AND \"x\""_s);
        read("lone low surrogate", QChar(0xdc00) + u"koala"_s, u"\"\uFFFDkoala\""_s);
        read("surrogate pair", u"a😀b"_s, u"\"a😀b\""_s);

        refused("empty", u""_s, noWord);
        refused("spaces", u"   "_s, noWord);
        refused("star", u"*"_s, noWord);
        refused("stars and dots", u".* **"_s, noWord);
        refused("parentheses", u"()"_s, noWord);
        refused("quotes", u"\"\""_s, noWord);
        refused("operators", u"AND OR NOT"_s, noWord);
        refused("minus", u"-"_s, noWord);
        refused("emoji", u"🎉"_s, noWord);
        refused("lone surrogate", QString(QChar(0xd800)), noWord);
        refused("NOT alone", u"NOT quokka"_s, onlyLeavesOut(u"quokka"_s));
        refused("minus alone", u"-quokka"_s, onlyLeavesOut(u"quokka"_s));
        refused("minus phrase alone", u"-\"red panda\""_s, onlyLeavesOut(u"\"red panda\""_s));
        refused("minus prefix alone", u"-auth*"_s, onlyLeavesOut(u"auth*"_s));
        refused("OR a NOT", u"koala OR -quokka"_s, onlyLeavesOut(u"quokka"_s));
        refused("minus group alone", u"-(quokka OR wombat)"_s, onlyLeavesOut(u"(…)"_s));
        refused("nine groups deep", deepest(9),
                u"search: the query has groups inside groups more than 8 deep: use fewer parentheses"_s);
        refused("a million groups deep", QString(1'000'000, u'('),
                u"search: the query has groups inside groups more than 8 deep: use fewer parentheses"_s);
    }

    void parse()
    {
        QFETCH(QString, typed);
        QFETCH(QString, fts);
        QFETCH(QString, error);
        const auto query = SearchQuery::parse(typed);
        QCOMPARE(query.ok() ? QString() : query.error().message, error);
        if (!query) {
            return;
        }
        QCOMPARE(query->fts(), fts);
        QSqlQuery q(QSqlDatabase::database(u"fts"_s));
        QVERIFY(q.prepare(u"SELECT count(*) FROM t WHERE t MATCH ?"_s));
        q.addBindValue(query->fts());
        QVERIFY2(q.exec(), qPrintable(q.lastError().text()));
    }

    // Whatever is typed, FTS5 accepts what the parser writes: queries made at random of the pieces that matter to
    // FTS5 and to the parser, and of any characters.
    void everyQueryIsValidFts5()
    {
        const QStringList pieces{u"a"_s,
                                 u"bc"_s,
                                 u"\""_s,
                                 u"("_s,
                                 u")"_s,
                                 u"-"_s,
                                 u"*"_s,
                                 u"AND"_s,
                                 u"OR"_s,
                                 u"NOT"_s,
                                 u"NEAR"_s,
                                 u"^"_s,
                                 u":"_s,
                                 u"content:"_s,
                                 u"{"_s,
                                 u"}"_s,
                                 u"+"_s,
                                 u"."_s,
                                 u"''"_s,
                                 u"é"_s,
                                 QString(QChar(0)),
                                 QString(QChar(0xd800)),
                                 QString(QChar(0xdc00)),
                                 u"🎉"_s};
        QSqlQuery q(QSqlDatabase::database(u"fts"_s));
        std::mt19937 random(23);
        for (int i = 0; i < 20000; ++i) {
            QString typed;
            for (int n = int(random() % 30); n > 0; --n) {
                const char32_t any = char32_t(random() % 0x30000);
                typed += random() % 5 == 0 ? QString::fromUcs4(&any, 1) : pieces.at(random() % pieces.size());
                typed += random() % 2 == 0 ? u" "_s : QString();
            }
            const auto query = SearchQuery::parse(typed);
            if (!query) {
                continue;
            }
            QVERIFY(q.prepare(u"SELECT count(*) FROM t WHERE t MATCH ?"_s));
            q.addBindValue(query->fts());
            QVERIFY2(q.exec(), qPrintable(u"%1 → %2: %3"_s.arg(typed, query->fts(), q.lastError().text())));
        }
    }

    // What a hit highlights, and what the search weighs: the words and prefixes looked for, not those left out.
    void wordsAndPrefixes()
    {
        const auto query = SearchQuery::parse(u"koala -quokka auth* \"red panda\" foo.ba* (emu OR NOT wombat) koala"_s);
        QVERIFY(!query.ok()); // (emu OR NOT wombat) only leaves out in a branch
        const auto read = SearchQuery::parse(u"koala -quokka auth* \"red panda\" foo.ba* -(emu OR wombat) koala"_s);
        QVERIFY(read.ok());
        QCOMPARE(read->words(), (QStringList{u"koala"_s, u"red"_s, u"panda"_s, u"foo"_s}));
        QCOMPARE(read->prefixes(), (QStringList{u"auth"_s, u"ba"_s}));
    }

    // The same queries as PostgreSQL's to_tsquery() reads them (the team database): the operators ours, every term
    // quoted (its quotes and backslashes escaped, the team database's word separators spaces), a prefix with :*.
    void tsquery_data()
    {
        QTest::addColumn<QString>("typed");
        QTest::addColumn<QString>("tsquery");
        QTest::newRow("words") << u"koala quokka"_s << u"'koala' & 'quokka'"_s;
        QTest::newRow("phrase and prefix") << u"\"red panda\" auth*"_s << u"'red panda' & 'auth':*"_s;
        QTest::newRow("or, not, groups") << u"(emu OR wombat) koala -quokka NOT dingo"_s
                                         << u"(('emu' | 'wombat') & 'koala') & !'quokka' & !'dingo'"_s;
        QTest::newRow("or of conjunctions") << u"a b OR c NOT d"_s << u"('a' & 'b') | ('c' & !'d')"_s;
        QTest::newRow("separators and escapes") << u"auth.middleware o'brien C:\\path bob@x.org"_s
                                                << u"'auth middleware' & 'o''brien' & 'C  path' & 'bob x org'"_s;
        // "<->" has no word (as in FTS5); "d:*" is no prefix (it ends with no word character).
        QTest::newRow("operators of to_tsquery are text") << u"a&b !c <-> d:*"_s << u"'a&b' & '!c' & 'd *'"_s;
    }
    void tsquery()
    {
        QFETCH(QString, typed);
        QFETCH(QString, tsquery);
        const auto query = SearchQuery::parse(typed);
        QVERIFY2(query.ok(), qPrintable(typed));
        QCOMPARE(query->tsquery(), tsquery);
    }

    // The terms of more than one word that every match holds, which the team database looks up by their pairs of
    // words: not a prefix, nor one in an OR or left out.
    void phrasesInEveryMatch_data()
    {
        QTest::addColumn<QString>("typed");
        QTest::addColumn<QStringList>("phrases");
        QTest::newRow("words") << u"koala quokka"_s << QStringList();
        QTest::newRow("a phrase and a split word")
            << u"koala \"red panda\" auth.middleware"_s << QStringList{u"red panda"_s, u"auth.middleware"_s};
        QTest::newRow("in a group of one conjunction") << u"(\"red panda\" koala) emu"_s << QStringList{u"red panda"_s};
        QTest::newRow("in an OR") << u"\"red panda\" OR koala"_s << QStringList();
        QTest::newRow("in a group with an OR") << u"koala (\"red panda\" OR emu)"_s << QStringList();
        QTest::newRow("left out") << u"koala -\"red panda\" NOT (\"giant panda\" emu)"_s << QStringList();
        QTest::newRow("a prefix") << u"\"red pan\"* koala"_s << QStringList();
    }
    void phrasesInEveryMatch()
    {
        QFETCH(QString, typed);
        QFETCH(QStringList, phrases);
        const auto query = SearchQuery::parse(typed);
        QVERIFY2(query.ok(), qPrintable(typed));
        QCOMPARE(query->phrasesInEveryMatch(), phrases);
    }

    // find session --content: every word of the pattern as the start of a word, nothing read as syntax.
    void wordStarts()
    {
        const SearchQuery starts = SearchQuery::wordStarts(u"foo.bar() -baz \"qu"_s);
        QCOMPARE(starts.fts(), u"\"foo\"* AND \"bar\"* AND \"baz\"* AND \"qu\"*"_s);
        QCOMPARE(starts.prefixes(), (QStringList{u"foo"_s, u"bar"_s, u"baz"_s, u"qu"_s}));
        QVERIFY(starts.words().isEmpty());
        QVERIFY(SearchQuery::wordStarts(u"-- *"_s).fts().isEmpty());
        QCOMPARE(starts.tsquery(), u"'foo':* & 'bar':* & 'baz':* & 'qu':*"_s);
    }
};

QTEST_GUILESS_MAIN(TestSearchQuery)
#include "TestSearchQuery.moc"
