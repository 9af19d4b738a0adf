// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#include "store/Database.h"
#include "store/Fts5Rank.h"
#include "store/HarvestSearch.h"
#include "store/NativeSqlite.h"
#include "store/SearchQuery.h"

#include <QRandomGenerator>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace chasm;

namespace {

// Messages of words from a small vocabulary, some more common than others, in sessions of ten.
void fill(const Database& db, int messages, quint32 seed)
{
    const QStringList vocabulary{u"koala"_s, u"quokka"_s, u"wombat"_s, u"numbat"_s,
                                 u"dingo"_s, u"bilby"_s,  u"emu"_s,    u"possum"_s};
    // Each in about one message in a hundred, and the pair in one in fifty.
    const QStringList rare{u"echidna"_s, u"wallaby"_s, u"cassowary"_s, u"platypus"_s};
    QRandomGenerator random(seed);
    QSqlQuery q(db.connection());
    QVERIFY(db.execute({u"BEGIN"_s}) == std::nullopt);
    for (int s = 0; s < messages / 10; ++s) {
        // Every other session is Codex's.
        const QString provider = s % 2 ? u"codex"_s : u"claude-code"_s;
        QVERIFY(q.exec(u"INSERT INTO sessions(id, provider, native_id, title, harvested_at, data) VALUES "
                       "('%2:s%1', '%2', 's%1', 'Session %1', '2026-12-01T00:00:00Z', '')"_s.arg(s)
                           .arg(provider)));
        for (int m = 0; m < 10; ++m) {
            QStringList words;
            const int length = 3 + int(random.bounded(40));
            for (int w = 0; w < length; ++w) {
                // Skewed: the first words are far more common.
                const double x = random.generateDouble();
                words << vocabulary.at(int(x * x * x * vocabulary.size()));
            }
            if (random.bounded(100) < 4) {
                words.insert(int(random.bounded(words.size())), rare.at(int(random.bounded(rare.size()))));
            }
            if (random.bounded(50) == 0) {
                words << u"platypus"_s << u"cassowary"_s;
            }
            q.prepare(u"INSERT INTO messages_v2(session_id, seq, role, content, timestamp) VALUES (?, ?, 'user', ?, "
                      "'2026-12-01T00:00:00Z')"_s);
            q.addBindValue(u"%1:s%2"_s.arg(provider).arg(s));
            q.addBindValue(m);
            q.addBindValue(words.join(u' '));
            QVERIFY2(q.exec(), qPrintable(q.lastError().text()));
        }
    }
    QVERIFY(db.execute({u"COMMIT"_s}) == std::nullopt);
}

// rowid -> score for every match of `fts`, by the statement given (its MATCH bound first, then `before`).
QHash<qint64, double> scores(const Database& db, const QString& sql, const QVariantList& before, const QString& fts)
{
    QHash<qint64, double> found;
    QSqlQuery q(db.connection());
    q.prepare(sql);
    for (const QVariant& value : before) {
        q.addBindValue(value);
    }
    q.addBindValue(fts);
    if (!q.exec()) {
        qWarning() << q.lastError().text();
        return {};
    }
    while (q.next()) {
        found.insert(q.value(0).toLongLong(), q.value(1).toDouble());
    }
    return found;
}

} // namespace

class TestFts5Rank : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void phrasesInOrder_data()
    {
        QTest::addColumn<QString>("query");
        QTest::addColumn<QStringList>("phrases");
        QTest::newRow("word") << u"koala"_s << QStringList{u"\"koala\""_s};
        QTest::newRow("words and a phrase")
            << u"koala \"dingo emu\" wom*"_s << QStringList{u"\"koala\""_s, u"\"dingo emu\""_s, u"\"wom\"*"_s};
        QTest::newRow("or, not and a group")
            << u"(koala OR emu) -dingo"_s << QStringList{u"\"koala\""_s, u"\"emu\""_s, u"\"dingo\""_s};
        QTest::newRow("a phrase beside a word")
            << u"koala\"dingo emu"_s << QStringList{u"\"koala\""_s, u"\"dingo emu\""_s};
    }

    void phrasesInOrder()
    {
        QFETCH(QString, query);
        QFETCH(QStringList, phrases);
        const auto parsed = SearchQuery::parse(query);
        QVERIFY(parsed.ok());
        QCOMPARE(parsed->phrases(), phrases);
    }

    // The function scores every match as bm25() does, to the last bit, given the number of messages holding each
    // phrase; a lone phrase's weight applied afterwards gives bm25()'s score too.
    void scoresAsBm25()
    {
        QTemporaryDir dir;
        auto db = Database::open(dir.filePath(u"chasm.db"_s));
        QVERIFY(db.ok());
        QVERIFY2(nativeSqlite((*db)->connection()), "Qt's SQLite driver uses the system library on this build");
        Fts5Rank* rank = (*db)->rank();
        QVERIFY(rank);
        fill(**db, 600, 7);
        const QString builtIn = u"SELECT rowid, -bm25(messages_fts) FROM messages_fts WHERE messages_fts MATCH ?"_s;
        for (const QString& query : {u"numbat"_s, u"\"koala quokka\""_s, u"wombat numbat"_s, u"emu OR platypus"_s,
                                     u"koala -dingo"_s, u"wom* bilby"_s, u"(possum OR wallaby) koala"_s}) {
            const auto parsed = SearchQuery::parse(query);
            QVERIFY(parsed.ok());
            const QStringList phrases = parsed->phrases();
            QString call = u"chasm_bm25(messages_fts, 0, 0"_s;
            QVariantList matching;
            for (const QString& phrase : phrases) {
                if (phrases.size() > 1) {
                    const auto n = rank->phraseMatches(phrase);
                    QVERIFY(n);
                    QCOMPARE(*n, qint64(scores(**db, builtIn, {}, phrase).size()));
                    call += u", ?"_s;
                    matching << *n;
                }
            }
            const auto expected = scores(**db, builtIn, {}, parsed->fts());
            QVERIFY2(!expected.isEmpty(), qPrintable(query));
            rank->reset();
            auto ours = scores(**db, u"SELECT rowid, %1) FROM messages_fts WHERE messages_fts MATCH ?"_s.arg(call),
                               matching, parsed->fts());
            QCOMPARE(rank->scored(), qint64(expected.size()));
            QCOMPARE(rank->messages(), 600);
            if (phrases.size() == 1) {
                for (double& score : ours) {
                    score *= Fts5Rank::weight(rank->scored(), rank->messages());
                }
            }
            QCOMPARE(ours.keys().size(), expected.size());
            for (auto i = expected.cbegin(); i != expected.cend(); ++i) {
                QVERIFY2(ours.value(i.key()) == i.value(),
                         qPrintable(u"%1: message %2: %3, bm25() %4"_s.arg(query, QString::number(i.key()))
                                        .arg(ours.value(i.key()), 0, 'g', 17)
                                        .arg(i.value(), 0, 'g', 17)));
            }
        }
    }

    // Asked for the best scores only, the function gives the same best rows with the same scores, and skips
    // (NULL) matches that cannot be among them.
    void bestScoresAreKept()
    {
        QTemporaryDir dir;
        auto db = Database::open(dir.filePath(u"chasm.db"_s));
        QVERIFY(db.ok());
        Fts5Rank* rank = (*db)->rank();
        QVERIFY(rank);
        fill(**db, 2000, 5);
        qint64 skipped = 0;
        for (const QString& query : {u"numbat"_s, u"echidna"_s, u"wombat numbat"_s, u"emu OR platypus"_s,
                                     u"\"koala quokka\""_s, u"wom* bilby"_s}) {
            const auto parsed = SearchQuery::parse(query);
            QVERIFY(parsed.ok());
            for (const int best : {1, 10, 200}) {
                const QString sql = u"SELECT rowid, chasm_bm25(messages_fts, 0, ?) AS score FROM messages_fts "
                                    "WHERE messages_fts MATCH ? ORDER BY score DESC, rowid LIMIT %1"_s.arg(best);
                QList<std::pair<qint64, double>> all;
                QList<std::pair<qint64, double>> kept;
                for (auto* rows : {&all, &kept}) {
                    QSqlQuery q((*db)->connection());
                    q.prepare(sql);
                    q.addBindValue(rows == &all ? 0 : best);
                    q.addBindValue(parsed->fts());
                    QVERIFY2(q.exec(), qPrintable(q.lastError().text()));
                    while (q.next()) {
                        rows->append({q.value(0).toLongLong(), q.value(1).toDouble()});
                    }
                }
                QVERIFY2(!all.isEmpty(), qPrintable(query));
                QCOMPARE(kept, all);
                QSqlQuery nulls((*db)->connection());
                nulls.prepare(u"SELECT count(*) FROM (SELECT chasm_bm25(messages_fts, 0, ?) AS score FROM "
                              "messages_fts WHERE messages_fts MATCH ?) WHERE score IS NULL"_s);
                nulls.addBindValue(best);
                nulls.addBindValue(parsed->fts());
                QVERIFY(nulls.exec() && nulls.next());
                skipped += nulls.value(0).toLongLong();
            }
        }
        QVERIFY2(skipped > 0, "no match was skipped");
    }

    // With a cap, a statement with more matches fails once it has read one more; the numbers of matching messages
    // kept are counted again once the database changes.
    void capsAndCounts()
    {
        QTemporaryDir dir;
        auto db = Database::open(dir.filePath(u"chasm.db"_s));
        QVERIFY(db.ok());
        Fts5Rank* rank = (*db)->rank();
        QVERIFY(rank);
        fill(**db, 300, 11);
        const qint64 koalas =
            scores(**db, u"SELECT rowid, 0 FROM messages_fts WHERE messages_fts MATCH ?"_s, {}, u"koala"_s).size();
        QVERIFY(koalas > 20);
        QSqlQuery q((*db)->connection());
        q.prepare(u"SELECT rowid, chasm_bm25(messages_fts, ?, 0) AS score FROM messages_fts WHERE messages_fts MATCH "
                  "'koala' ORDER BY score DESC LIMIT 5"_s);
        q.addBindValue(koalas - 1);
        QVERIFY(!q.exec());
        QVERIFY2(q.lastError().databaseText().contains(Fts5Rank::tooManyMatches), qPrintable(q.lastError().text()));
        QCOMPARE(rank->scored(), koalas);
        q.finish();
        q.prepare(u"SELECT rowid, chasm_bm25(messages_fts, ?, 0) AS score FROM messages_fts WHERE messages_fts MATCH "
                  "'koala' ORDER BY score DESC LIMIT 5"_s);
        q.addBindValue(koalas);
        QVERIFY2(q.exec(), qPrintable(q.lastError().text()));
        int rows = 0;
        while (q.next()) {
            ++rows;
        }
        QCOMPARE(rows, 5);
        q.finish();

        QCOMPARE(rank->phraseMatches(u"\"koala\""_s), std::optional(koalas));
        QVERIFY(q.exec(u"INSERT INTO messages_v2(session_id, seq, role, content) VALUES ('claude-code:s0', 99, "
                       "'user', 'a koala again')"_s));
        QCOMPARE(rank->phraseMatches(u"\"koala\""_s), std::optional(koalas + 1));
        // A change made through another connection is seen too.
        auto other = Database::open(dir.filePath(u"chasm.db"_s));
        QVERIFY(other.ok());
        QVERIFY((*other)->execute({u"DELETE FROM messages_v2 WHERE session_id = 'claude-code:s0' AND seq = 99"_s}) ==
                std::nullopt);
        QCOMPARE(rank->phraseMatches(u"\"koala\""_s), std::optional(koalas));
    }

    // With a filter, the best matches are those of the same search without it that pass the filter, in the same
    // order.
    void filteredAsUnfiltered()
    {
        QTemporaryDir dir;
        auto db = Database::open(dir.filePath(u"chasm.db"_s));
        QVERIFY(db.ok());
        QVERIFY((*db)->rank());
        fill(**db, 2000, 5);
        HarvestSearch search(**db);
        for (const QString& query : {u"cassowary"_s, u"\"platypus cassowary\""_s, u"platypus koala"_s}) {
            HarvestSearch::Filter all;
            all.limit = 1000;
            HarvestSearch::Filter codex = all;
            codex.provider = u"codex"_s;
            const auto everywhere = search.search(query, all);
            QVERIFY(everywhere.ok());
            QList<qint64> expected;
            for (const HarvestSearch::Hit& hit : everywhere->hits) {
                if (hit.provider == u"codex"_s) {
                    expected << hit.messageId;
                }
            }
            // Twice: the second search knows the messages of the filter's sessions, and scores only those.
            for (int time = 0; time < 2; ++time) {
                const auto inCodex = search.search(query, codex);
                QVERIFY(inCodex.ok());
                QVERIFY(!inCodex->windowed());
                QList<qint64> found;
                for (const HarvestSearch::Hit& hit : inCodex->hits) {
                    found << hit.messageId;
                }
                QVERIFY2(!found.isEmpty() && found.size() < everywhere->hits.size(), qPrintable(query));
                QCOMPARE(found, expected);
            }
            QCOMPARE((*db)->rank()->knownFilters(), 1);
        }
        // With more eligible matches than a search takes as candidates, it takes the best of them.
        HarvestSearch::Filter all;
        all.limit = 1000;
        all.exhaustive = true;
        HarvestSearch::Filter codex;
        codex.limit = 5;
        codex.exhaustive = true;
        codex.provider = u"codex"_s;
        const auto everywhere = search.search(u"koala"_s, all);
        const auto inCodex = search.search(u"koala"_s, codex);
        QVERIFY(everywhere.ok() && inCodex.ok());
        QVERIFY(everywhere->hits.size() > 200);
        const auto best = std::find_if(everywhere->hits.cbegin(), everywhere->hits.cend(),
                                       [](const HarvestSearch::Hit& hit) { return hit.provider == u"codex"_s; });
        QVERIFY(best != everywhere->hits.cend());
        QCOMPARE(inCodex->hits.constFirst().messageId, best->messageId);
    }

    // The messages a filter keeps, known to a connection from its second search with the filter, are read again
    // once the database changed: a message written since, by this connection or another, is found.
    void eligibleMessagesFollowChanges()
    {
        QTemporaryDir dir;
        auto db = Database::open(dir.filePath(u"chasm.db"_s));
        QVERIFY(db.ok());
        Fts5Rank* rank = (*db)->rank();
        QVERIFY(rank);
        fill(**db, 400, 21);
        HarvestSearch search(**db);
        HarvestSearch::Filter codex;
        codex.limit = 1000;
        codex.provider = u"codex"_s;
        const auto ids = [&search, &codex](const QString& query) {
            QList<qint64> found;
            const auto results = search.search(query, codex);
            for (const HarvestSearch::Hit& hit : results.ok() ? results->hits : QList<HarvestSearch::Hit>()) {
                found << hit.messageId;
            }
            return found;
        };
        QVERIFY(ids(u"cassowary"_s).size() > 0);
        QCOMPARE(rank->knownFilters(), 0); // one search is not worth it
        const QList<qint64> before = ids(u"cassowary"_s);
        QCOMPARE(rank->knownFilters(), 1);
        QVERIFY(before.size() > 0);
        // The filter's sessions get a message with a word no other has.
        auto other = Database::open(dir.filePath(u"chasm.db"_s));
        QVERIFY(other.ok());
        QVERIFY((*other)->execute({u"INSERT INTO messages_v2(session_id, seq, role, content) VALUES ('codex:s1', 100, "
                                   "'user', 'a lone lyrebird')"_s}) == std::nullopt);
        for (int time = 0; time < 3; ++time) {
            const QList<qint64> lyrebird = ids(u"lyrebird"_s);
            QCOMPARE(lyrebird.size(), 1);
        }
        QCOMPARE(ids(u"cassowary"_s), before);
        QCOMPARE(rank->knownFilters(), 1);
        // A session the filter leaves out keeps its messages out, however often it is asked.
        QVERIFY((*db)->execute({u"INSERT INTO messages_v2(session_id, seq, role, content) VALUES ('claude-code:s0', "
                                "100, 'user', 'another lyrebird')"_s}) == std::nullopt);
        for (int time = 0; time < 3; ++time) {
            QCOMPARE(ids(u"lyrebird"_s).size(), 1);
        }
        // The ids of a few filters are kept, not of every one a connection was asked.
        for (int leftOut = 1; leftOut <= 5; ++leftOut) {
            codex.excludeSession = u"codex:s%1"_s.arg(leftOut * 2 + 1);
            QCOMPARE(ids(u"cassowary"_s), ids(u"cassowary"_s));
            QCOMPARE(rank->knownFilters(), leftOut < 4 ? leftOut + 1 : leftOut == 4 ? 1 : 2);
        }
    }

    // The numbers of matching messages outlive a search, which writes only its own temporary table of snippets.
    void countsOutliveSearches()
    {
        QTemporaryDir dir;
        auto db = Database::open(dir.filePath(u"chasm.db"_s));
        QVERIFY(db.ok());
        Fts5Rank* rank = (*db)->rank();
        QVERIFY(rank);
        fill(**db, 600, 13);
        HarvestSearch search(**db);
        QVERIFY(search.search(u"platypus cassowary"_s, {}).ok());
        QCOMPARE(rank->known(), 2);
        const auto second = search.search(u"echidna wallaby"_s, {});
        QVERIFY(second.ok());
        QCOMPARE(rank->known(), 4);
    }

    // A query of two words with more than rankWindow matches stops ranking at one more, and shows the newest
    // matches, saying so; an exhaustive search ranks them all.
    void manyMatchesShowTheNewest()
    {
        QTemporaryDir dir;
        auto db = Database::open(dir.filePath(u"chasm.db"_s));
        QVERIFY(db.ok());
        QVERIFY((*db)->rank());
        QVERIFY((*db)->execute({u"BEGIN"_s,
                                u"INSERT INTO sessions(id, provider, native_id, title, harvested_at, data) VALUES "
                                "('codex:s', 'codex', 's', 'S', '2026-12-01T00:00:00Z', '')"_s}) == std::nullopt);
        QSqlQuery q((*db)->connection());
        const int matching = HarvestSearch::rankWindow + 100;
        for (int i = 0; i < matching + 3000; ++i) {
            q.prepare(u"INSERT INTO messages_v2(session_id, seq, role, content, timestamp) VALUES ('codex:s', ?, "
                      "'user', ?, '2026-12-01T00:00:00Z')"_s);
            q.addBindValue(i);
            // The newest messages hold neither word, so neither is common among them.
            q.addBindValue(i < matching ? u"alpha beta %1"_s.arg(i) : u"gamma %1"_s.arg(i));
            QVERIFY2(q.exec(), qPrintable(q.lastError().text()));
        }
        QVERIFY((*db)->execute({u"COMMIT"_s}) == std::nullopt);
        HarvestSearch search(**db);
        HarvestSearch::Filter filter;
        filter.limit = 3;
        const auto newest = search.search(u"alpha beta"_s, filter);
        QVERIFY(newest.ok());
        QCOMPARE(newest->unranked, HarvestSearch::Unranked::ManyMatches);
        QCOMPARE((*db)->rank()->scored(), qint64(HarvestSearch::rankWindow + 1));
        QCOMPARE(newest->hits.size(), 3);
        QCOMPARE(newest->hits.constFirst().messageIndex, matching - 1);
        filter.exhaustive = true;
        const auto all = search.search(u"alpha beta"_s, filter);
        QVERIFY(all.ok());
        QVERIFY(!all->windowed());
        QCOMPARE((*db)->rank()->scored(), qint64(matching));
    }

    // The newest matches of a filter's sessions, when there are too many to rank, are the same whether the connection
    // knows the filter's messages (from its second search) or joins every match to its session.
    void manyMatchesOfAFilterShowTheNewest()
    {
        QTemporaryDir dir;
        auto db = Database::open(dir.filePath(u"chasm.db"_s));
        QVERIFY(db.ok());
        Fts5Rank* rank = (*db)->rank();
        QVERIFY(rank);
        QVERIFY((*db)->execute({u"BEGIN"_s}) == std::nullopt);
        QSqlQuery q((*db)->connection());
        // Sessions of ten messages, one in five Codex's, each message holding the word.
        const int sessions = (HarvestSearch::rankWindow + 1000) / 10;
        for (int s = 0; s < sessions; ++s) {
            const QString provider = s % 5 ? u"claude-code"_s : u"codex"_s;
            QVERIFY(q.exec(u"INSERT INTO sessions(id, provider, native_id, title, harvested_at, data) VALUES "
                           "('%2:s%1', '%2', 's%1', 'S', '2026-12-01T00:00:00Z', '')"_s.arg(s)
                               .arg(provider)));
            for (int m = 0; m < 10; ++m) {
                q.prepare(u"INSERT INTO messages_v2(session_id, seq, role, content) VALUES (?, ?, 'user', ?)"_s);
                q.addBindValue(u"%1:s%2"_s.arg(provider).arg(s));
                q.addBindValue(m);
                q.addBindValue(u"alpha %1"_s.arg(s));
                QVERIFY2(q.exec(), qPrintable(q.lastError().text()));
            }
        }
        QVERIFY((*db)->execute({u"COMMIT"_s}) == std::nullopt);
        HarvestSearch search(**db);
        HarvestSearch::Filter codex;
        codex.limit = 30;
        codex.provider = u"codex"_s;
        QList<QString> first;
        for (int time = 0; time < 3; ++time) {
            const auto newest = search.search(u"alpha"_s, codex);
            QVERIFY(newest.ok());
            QVERIFY(newest->windowed()); // a word in every message
            QList<QString> found;
            for (const HarvestSearch::Hit& hit : newest->hits) {
                QCOMPARE(hit.provider, u"codex"_s);
                found << hit.sessionId + u'/' + QString::number(hit.messageIndex);
            }
            QCOMPARE(found.size(), 30);
            if (time == 0) {
                first = found;
            }
            QCOMPARE(found, first);
        }
        QCOMPARE(rank->knownFilters(), 1);
    }

    // A search ranked in one pass finds what bm25() ranks first, in the same order, with the same scores.
    void searchRanksAsBm25()
    {
        QTemporaryDir dir;
        auto db = Database::open(dir.filePath(u"chasm.db"_s));
        QVERIFY(db.ok());
        fill(**db, 2000, 3);
        HarvestSearch search(**db);
        for (const QString& query :
             {u"cassowary"_s, u"\"platypus cassowary\""_s, u"platypus echidna"_s, u"wallaby OR cassowary"_s}) {
            HarvestSearch::Filter filter;
            filter.limit = 1000;
            const auto found = search.search(query, filter);
            QVERIFY2(found.ok(), qPrintable(query));
            QVERIFY(!found->windowed());
            const auto parsed = SearchQuery::parse(query);
            const auto expected =
                scores(**db, u"SELECT rowid, -bm25(messages_fts) FROM messages_fts WHERE messages_fts MATCH ?"_s, {},
                       parsed->fts());
            QVERIFY(!found->hits.isEmpty());
            double best = 0;
            for (const double score : expected) {
                best = std::max(best, score);
            }
            QCOMPARE(expected.value(found->hits.constFirst().messageId), best);
            for (const HarvestSearch::Hit& hit : found->hits) {
                // Every message has the same time: the same boost.
                const double boost = hit.score / expected.value(hit.messageId);
                QVERIFY2(std::abs(boost - found->hits.constFirst().score /
                                              expected.value(found->hits.constFirst().messageId)) < 1e-12,
                         qPrintable(query));
            }
        }
    }
};

QTEST_GUILESS_MAIN(TestFts5Rank)
#include "TestFts5Rank.moc"
