// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

// Harvest and search at scale, against the ceiling and the alternative.
//
//   bench_harvest [--mb 100 | --messages N] [--vocabulary identifiers|syllables] [--rounds 3] [--queries 200]
//                 [--rg-queries 20] [--dir DIR] [--keep] [--each] [--one-pass] [--no-originals]
//   bench_harvest --corpus-only DIR [--mb 100 | --messages N] [--vocabulary …]   (the corpus alone, in DIR/home)
//   bench_harvest --search DB [--vocabulary …] [--queries 200] [--each]   (search only, over a kept database)
//   bench_harvest --team postgresql://… [--vocabulary …]   (search only, over a team database a push filled)
//   bench_harvest --cache DIR [--mb 100 | --messages N] [--vocabulary …]   (search only, over a corpus and
//                 database made in DIR by the first run and kept: the benchmark at scale, see scripts/bench)
//
// Generates a corpus of about --mb megabytes (or --messages messages) in a HOME laid out as the tools write it
// (Claude Code transcripts and Codex rollouts side by side, see writeHarvestCorpus in Corpus.h), with words of
// either vocabulary (see Vocabulary::Kind: identifier-like words, or words of a few syllables that share their
// prefixes widely). Then reports
//   - a cold harvest (MB/s, sessions/s, peak RSS) and an incremental one with nothing changed; the space the sessions'
//     files kept byte for byte take (Originals; --no-originals harvests without them, to compare the times), and a
//     harvest after 1 % of the sessions changed (a record appended to each);
//   - a bare SQLite FTS5 bulk load of the same message text, in one transaction (the ceiling), and a
//     bare load of every row the harvest stores (the ceiling for this schema), alternating with cold
//     harvests for --rounds rounds: medians, and each round's ratios;
//   - search latency p50/p95/p99 over mixed queries (common, medium and rare words, AND, phrases, prefixes, OR,
//     a provider filter), over one connection (as the app's search pane keeps), then the same queries each with
//     a provider filter and each with a project filter, and with --search and --cache also each
//     in a new connection (as each `chasm harvest search` is; measured only in a process that did nothing
//     else: a new connection's cost is mostly its page cache's memory, mapped anew each time, which is cheap
//     in a process that freed gigabytes before; with glibc told to keep freed memory, p95 went from 19.6 to
//     13.6 ms at 1.1 M messages);
//   - rg over the raw files for the first term of some of the same queries (what a user would do).
// Peak RSS is the process's high-water mark when each phase ends.

#include "util/Allocator.h"
#include "ops/Harvester.h"
#include "store/HarvestStore.h"
#include "store/Originals.h"
#include "store/postgres/PostgresDatabase.h"
#include "store/postgres/PostgresSearch.h"

#include "BenchOptions.h"
#include "Corpus.h"

#include <QCoreApplication>
#include <QDir>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QUrl>

#include <sys/resource.h>

#include <algorithm>
#include <cstdio>
#include <functional>
#include <random>

using namespace Qt::StringLiterals;
using chasm::bench::benchQueries;
using chasm::bench::median;
using chasm::bench::option;
using chasm::bench::percentile;
using chasm::bench::Vocabulary;

namespace {

double peakRssMiB()
{
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return double(usage.ru_maxrss) / 1024.0;
}

// The kinds of query the search benchmark mixes (see benchQueries).
constexpr int kindCount = chasm::bench::queryKinds;
// What each kind of query is (see benchQueries); the last has a provider filter unless the pass filters them all.
constexpr const char* kindNames[kindCount] = {"common word",   "medium word", "rare word",
                                              "two words",     "phrase",      "prefix",
                                              "common prefix", "OR",          "word + provider filter"};

} // namespace

// How one pass of the search benchmark searches.
struct SearchRun
{
    bool exhaustive = false;
    // Each query in a new connection, as each `chasm harvest search` is: its page cache starts empty, and is
    // allocated anew. Otherwise one connection, as the app keeps one for its searches.
    bool newConnections = false;
    // A filter on every query (otherwise only the "word + provider filter" ones have one).
    QString provider;
    QString workspace;
    bool each = false; // every query's latency, and why it was not ranked

    static SearchRun filtered(const QString& provider, const QString& workspace)
    {
        SearchRun run;
        run.provider = provider;
        run.workspace = workspace;
        return run;
    }
    static SearchRun eachInNewConnection()
    {
        SearchRun run;
        run.newConnections = true;
        return run;
    }
    static SearchRun exhaustively()
    {
        SearchRun run;
        run.exhaustive = true;
        return run;
    }
};

// A search of the database benchmarked, in a connection of its own when asked (see SearchRun::newConnections).
using Search = std::function<chasm::Result<chasm::HarvestSearch::Results>(
    const QString& query, const chasm::HarvestSearch::Filter& filter, bool newConnection)>;

// The search of a harvest database (SQLite).
Search sqliteSearch(const chasm::Database& db)
{
    return [&db](const QString& query, const chasm::HarvestSearch::Filter& filter,
                 bool newConnection) -> chasm::Result<chasm::HarvestSearch::Results> {
        if (!newConnection) {
            return chasm::HarvestStore(db).search(query, filter);
        }
        auto own = chasm::Database::open(db.path());
        if (!own) {
            return own.error();
        }
        return chasm::HarvestStore(**own).search(query, filter);
    };
}

// The search of a team database (PostgreSQL), whose URL has the password if one is needed.
Search teamSearch(const chasm::PostgresDatabase& db)
{
    return [&db](const QString& query, const chasm::HarvestSearch::Filter& filter,
                 bool newConnection) -> chasm::Result<chasm::HarvestSearch::Results> {
        if (!newConnection) {
            return chasm::PostgresSearch(db).search(query, filter);
        }
        auto own = chasm::PostgresDatabase::open(db.url(), db.url().password());
        if (!own) {
            return own.error();
        }
        return chasm::PostgresSearch(**own).search(query, filter);
    };
}

// Search latency over the benchmark's queries: p50/p95/p99 and per kind (and each query's with `each`). Returns
// the p50.
std::optional<double> searchBench(const Search& search, const QStringList& queries, qint64 messages,
                                  const SearchRun& run)
{
    std::vector<double> latencies;
    using Unranked = chasm::HarvestStore::Unranked;
    int unranked[4] = {};
    for (int i = 0; i < queries.size(); ++i) {
        chasm::HarvestStore::SearchFilter filter;
        filter.provider = run.provider;
        filter.workspace = run.workspace;
        if (i % kindCount == kindCount - 1 && run.provider.isEmpty() && run.workspace.isEmpty()) {
            filter.provider = u"codex"_s;
        }
        filter.exhaustive = run.exhaustive;
        QElapsedTimer t;
        t.start();
        const auto results = search(queries.at(i), filter, run.newConnections);
        latencies.push_back(double(t.nsecsElapsed()) / 1e6);
        if (run.each) {
            std::printf("  %-40s %6.1f ms%s\n", qPrintable(queries.at(i)), latencies.back(),
                        !results                                           ? ""
                        : results->unranked == Unranked::CommonWords       ? "  (only common words)"
                        : results->unranked == Unranked::ManyPrefixMatches ? "  (prefix, many matches)"
                        : results->windowed()                              ? "  (too many matches)"
                                                                           : "");
        }
        if (!results) {
            std::fprintf(stderr, "query %s: %s\n", qPrintable(queries.at(i)), qPrintable(results.error().message));
            return std::nullopt;
        }
        ++unranked[int(results->unranked)];
    }
    const QString filtered = !run.provider.isEmpty()    ? u", provider %1"_s.arg(run.provider)
                             : !run.workspace.isEmpty() ? u", project %1"_s.arg(run.workspace)
                                                        : QString();
    std::printf("search%s%s (%lld messages, %d queries; not ranked: %d with more than %d matches, %d of common words "
                "only, %d prefixes with many matches): p50 %.1f ms  p95 %.1f ms  p99 %.1f ms\n",
                run.exhaustive       ? ", exhaustive"
                : run.newConnections ? ", each in a new connection"
                                     : "",
                qPrintable(filtered), messages, int(latencies.size()), unranked[int(Unranked::ManyMatches)],
                chasm::HarvestStore::rankWindow, unranked[int(Unranked::CommonWords)],
                unranked[int(Unranked::ManyPrefixMatches)], percentile(latencies, 0.5), percentile(latencies, 0.95),
                percentile(latencies, 0.99));
    for (int kind = 0; kind < kindCount; ++kind) {
        std::vector<double> ofKind;
        for (std::size_t i = std::size_t(kind); i < latencies.size(); i += kindCount) {
            ofKind.push_back(latencies.at(i));
        }
        std::printf("  %-24s p50 %6.1f ms  max %6.1f ms\n",
                    kind == kindCount - 1 && !filtered.isEmpty() ? "word" : kindNames[kind], percentile(ofKind, 0.5),
                    percentile(ofKind, 1.0));
    }
    return percentile(latencies, 0.5);
}

// rg over the raw files for the first term of some of the queries (what a user would do): its latencies.
std::vector<double> rgBench(const QStringList& queries, int count, const QString& home)
{
    std::vector<double> rg;
    for (int i = 0; i < std::min(count, int(queries.size())); ++i) {
        QString term = queries.at(i).section(u' ', 0, 0);
        term.remove(u'"').remove(u'*');
        QElapsedTimer t;
        t.start();
        QProcess process;
        process.setStandardOutputFile(QProcess::nullDevice());
        process.start(u"rg"_s, {u"-uu"_s, u"-l"_s, u"-i"_s, u"-w"_s, term, home}); // -uu: the stores are hidden folders
        if (!process.waitForStarted()) {
            std::printf("rg: not installed, skipped\n");
            break;
        }
        process.waitForFinished(-1);
        rg.push_back(double(t.nsecsElapsed()) / 1e6);
    }
    if (!rg.empty()) {
        std::printf("rg -uu -l -i -w (first term) over the raw files: median %.0f ms  p95 %.0f ms  (%d queries)\n",
                    median(rg), percentile(rg, 0.95), int(rg.size()));
    }
    return rg;
}

// Each query as a new `chasm harvest search -n 20` process, as a person or a script runs it: whole-process wall
// time, start-up and the first reads of a new connection included. Returns false when the program cannot run.
bool processBench(const QStringList& queries, const QString& chasm, const QString& dbPath)
{
    std::vector<double> latencies;
    std::vector<double> ofKind[kindCount];
    for (int i = 0; i < queries.size(); ++i) {
        QStringList arguments{u"harvest"_s, u"search"_s, u"--db"_s, dbPath, u"-n"_s, u"20"_s};
        if (i % kindCount == kindCount - 1) {
            arguments << u"--provider"_s << u"codex"_s;
        }
        arguments << u"--"_s << queries.at(i).split(u' ');
        QProcess process;
        process.setStandardOutputFile(QProcess::nullDevice());
        QElapsedTimer t;
        t.start();
        process.start(chasm, arguments);
        if (!process.waitForFinished(-1) || process.exitStatus() != QProcess::NormalExit || process.exitCode() != 0) {
            std::fprintf(stderr, "%s %s: %s\n", qPrintable(chasm), qPrintable(arguments.join(u' ')),
                         process.readAllStandardError().trimmed().constData());
            return false;
        }
        latencies.push_back(double(t.nsecsElapsed()) / 1e6);
        ofKind[i % kindCount].push_back(latencies.back());
    }
    std::printf("search, each a new chasm process (%d queries, -n 20, whole-process wall time): p50 %.1f ms  p95 %.1f "
                "ms  p99 %.1f ms\n",
                int(latencies.size()), percentile(latencies, 0.5), percentile(latencies, 0.95),
                percentile(latencies, 0.99));
    for (int kind = 0; kind < kindCount; ++kind) {
        std::printf("  %-24s p50 %6.1f ms  max %6.1f ms\n", kindNames[kind], percentile(ofKind[kind], 0.5),
                    percentile(ofKind[kind], 1.0));
    }
    return true;
}

// The passes of the search benchmark over a database: one connection, a provider filter on every query, a project
// filter on every query, and each query in a new connection or exhaustive ones when asked. Returns the p50 of the
// first pass, for the ratio to rg's.
std::optional<double> searchPasses(const Search& search, const QStringList& queries, qint64 messages,
                                   std::vector<SearchRun> more, bool each, bool firstOnly)
{
    std::vector<SearchRun> runs{{}, SearchRun::filtered(u"codex"_s, {}), SearchRun::filtered({}, u"project7"_s)};
    runs.insert(runs.end(), more.begin(), more.end());
    std::optional<double> first;
    for (SearchRun& run : runs) {
        run.each = each;
        const auto p50 = searchBench(search, queries, messages, run);
        if (!p50) {
            return std::nullopt;
        }
        first = first.value_or(*p50);
        if (firstOnly) {
            break;
        }
    }
    return first;
}

// The ratio of search's p50 to rg's median.
void compareWithRg(double searchP50, const std::vector<double>& rg)
{
    if (!rg.empty() && searchP50 > 0) {
        std::printf("rg median / search p50 (one connection): %.0fx\n", median(rg) / searchP50);
    }
}

int main(int argc, char* argv[])
{
    chasm::tuneAllocator(); // as the programs do
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    const qint64 targetBytes = option(args, u"--mb"_s, u"100"_s).toLongLong() * 1'000'000;
    const qint64 targetMessages = option(args, u"--messages"_s, u"0"_s).toLongLong();
    const int queryCount = option(args, u"--queries"_s, u"200"_s).toInt();
    const int rgCount = option(args, u"--rg-queries"_s, u"20"_s).toInt();
    const bool each = args.contains(u"--each"_s);          // every query's latency, and why it was not ranked
    const bool firstOnly = args.contains(u"--one-pass"_s); // only the pass over one connection
    chasm::Harvester::Options harvestOptions;
    harvestOptions.keepOriginals = !args.contains(u"--no-originals"_s);
    // --cli PATH: also each query as a new process of this `chasm` (with --search and --cache).
    const QString cli = option(args, u"--cli"_s, QString());
    const auto kind = Vocabulary::kindNamed(option(args, u"--vocabulary"_s, u"identifiers"_s));
    if (!kind) {
        std::fprintf(stderr, "--vocabulary: identifiers or syllables\n");
        return 1;
    }
    // The words the corpus is written with, for the queries.
    const Vocabulary words(42, *kind);
    const QStringList queries = benchQueries(words, queryCount);
    // --print-queries: the queries as the query strings of the REST API's search (`q=…&limit=20`, the filtered kind
    // with `&provider=codex`), one a line, for a load of HTTP requests (scripts/bench-rest).
    if (args.contains(u"--print-queries"_s)) {
        for (int i = 0; i < queries.size(); ++i) {
            std::printf("q=%s&limit=20%s\n", QUrl::toPercentEncoding(queries.at(i)).constData(),
                        i % kindCount == kindCount - 1 ? "&provider=codex" : "");
        }
        return 0;
    }
    const auto messageCount = [](const chasm::Database& db) {
        QSqlQuery count(db.connection());
        count.exec(u"SELECT count(*) FROM messages_v2"_s);
        return count.next() ? count.value(0).toLongLong() : 0;
    };
    // --corpus-only DIR: only the corpus, in DIR/home, for measuring `chasm harvest run` on it (at 9 GB, the
    // database of --cache would take 12 GB more of the disk).
    if (const QString dir = option(args, u"--corpus-only"_s, QString()); !dir.isEmpty()) {
        QElapsedTimer timer;
        timer.start();
        const auto corpus = chasm::bench::writeHarvestCorpus(dir + u"/home"_s, targetMessages > 0 ? 0 : targetBytes,
                                                             *kind, targetMessages);
        std::printf("corpus: %.0f MB, %d sessions, ~%lld messages (generated in %.1f s) in %s/home\n",
                    double(corpus.bytes) / 1e6, corpus.sessions, corpus.messages, double(timer.elapsed()) / 1000.0,
                    qPrintable(dir));
        return 0;
    }
    // --search DB: only the search latencies, over a database an earlier --keep run left.
    if (const QString existing = option(args, u"--search"_s, QString()); !existing.isEmpty()) {
        auto db = chasm::Database::open(existing);
        if (!db) {
            std::fprintf(stderr, "%s\n", qPrintable(db.error().message));
            return 1;
        }
        if (!searchPasses(sqliteSearch(**db), queries, messageCount(**db),
                          {SearchRun::eachInNewConnection(), SearchRun::exhaustively()}, each, firstOnly)) {
            return 1;
        }
        return cli.isEmpty() || processBench(queries, cli, existing) ? 0 : 1;
    }
    // --team URL: the same over a team database on PostgreSQL that `chasm harvest push` filled (from a database of
    // --cache, say).
    if (const QString team = option(args, u"--team"_s, QString()); !team.isEmpty()) {
        const auto url = chasm::PostgresUrl::parse(team);
        auto db = url ? chasm::PostgresDatabase::open(*url, url->password())
                      : chasm::Result<std::unique_ptr<chasm::PostgresDatabase>>(url.error());
        if (!db) {
            std::fprintf(stderr, "%s\n", qPrintable(db.error().message));
            return 1;
        }
        QSqlQuery count((*db)->connection());
        count.exec(u"SELECT count(*) FROM messages_v2"_s);
        const qint64 messages = count.next() ? count.value(0).toLongLong() : 0;
        count.finish();
        return searchPasses(teamSearch(**db), queries, messages, {SearchRun::eachInNewConnection()}, each, firstOnly)
                   ? 0
                   : 1;
    }
    // --cache DIR: the corpus of --messages messages (or --mb) and its harvest are made once in DIR and kept; every
    // run then measures search alone (and rg over the same files), as at scale a corpus takes longer to make than to
    // search. A folder left by a run that did not finish is made again.
    if (const QString cache = option(args, u"--cache"_s, QString()); !cache.isEmpty()) {
        const QString done = cache + u"/complete"_s;
        const QString dbPath = cache + u"/chasm.db"_s;
        if (!QFileInfo::exists(done)) {
            QDir(cache).removeRecursively();
            QDir().mkpath(cache);
            QElapsedTimer timer;
            timer.start();
            const auto corpus = chasm::bench::writeHarvestCorpus(
                cache + u"/home"_s, targetMessages > 0 ? 0 : targetBytes, *kind, targetMessages);
            std::printf("corpus: %.0f MB, %d sessions, ~%lld messages (generated in %.1f s)\n",
                        double(corpus.bytes) / 1e6, corpus.sessions, corpus.messages, double(timer.elapsed()) / 1000.0);
            const chasm::Environment environment =
                chasm::Environment::fromVariables({{u"HOME"_s, cache + u"/home"_s}}, chasm::Platform::Linux);
            const chasm::SessionCatalog catalog(environment);
            auto db = chasm::Database::open(dbPath);
            if (!db) {
                std::fprintf(stderr, "%s\n", qPrintable(db.error().message));
                return 1;
            }
            timer.restart();
            const auto harvest = chasm::Harvester::run(catalog, catalog.providers().value(), **db);
            if (!harvest || harvest->failed > 0) {
                std::fprintf(stderr, "harvest failed\n");
                return 1;
            }
            const double seconds = double(timer.elapsed()) / 1000.0;
            std::printf("harvest cold: %.1f s  %.1f MB/s  peak RSS %.0f MiB\n", seconds,
                        double(corpus.bytes) / 1e6 / seconds, peakRssMiB());
            QFile marker(done);
            marker.open(QIODevice::WriteOnly);
        }
        auto db = chasm::Database::open(dbPath);
        if (!db) {
            std::fprintf(stderr, "%s\n", qPrintable(db.error().message));
            return 1;
        }
        std::printf("database: %.0f MB, in %s\n",
                    double(QFileInfo(dbPath).size() + QFileInfo(dbPath + u"-wal"_s).size()) / 1e6, qPrintable(cache));
        const auto p50 = searchPasses(sqliteSearch(**db), queries, messageCount(**db),
                                      {SearchRun::eachInNewConnection()}, each, firstOnly);
        if (!p50 || (!cli.isEmpty() && !processBench(queries, cli, dbPath))) {
            return 1;
        }
        compareWithRg(*p50, rgBench(queries, rgCount, cache + u"/home"_s));
        return 0;
    }
    QTemporaryDir temporary(option(args, u"--dir"_s, QDir::tempPath()) + u"/chasm-harvest-bench-XXXXXX"_s);
    const QString home = temporary.path() + u"/home"_s;
    temporary.setAutoRemove(!args.contains(u"--keep"_s)); // --keep: leave the corpus and databases for inspection
    if (args.contains(u"--keep"_s)) {
        std::printf("kept in %s\n", qPrintable(temporary.path()));
    }

    QElapsedTimer timer;
    timer.start();
    const chasm::bench::Corpus corpus =
        chasm::bench::writeHarvestCorpus(home, targetMessages > 0 ? 0 : targetBytes, *kind, targetMessages);
    std::printf("corpus: %.0f MB, %d sessions, ~%lld messages (generated in %.1f s)\n", double(corpus.bytes) / 1e6,
                corpus.sessions, corpus.messages, double(timer.elapsed()) / 1000.0);

    // Harvests and the loads they are compared with alternate, round after round (--rounds, 3 by default), each
    // round into new databases: this machine's speed drifts by a fifth within minutes, so one harvest against one
    // load says little. Each round's ratios are shown and their medians taken. The last round's database is the
    // one run again and searched (its pages are the ones the system still caches); the first round's harvest
    // alone gives the peak RSS (the loads hold all the text in memory).
    const int rounds = std::max(1, option(args, u"--rounds"_s, u"3"_s).toInt());
    const chasm::Environment environment =
        chasm::Environment::fromVariables({{u"HOME"_s, home}}, chasm::Platform::Linux);
    const auto providers = chasm::SessionCatalog(environment).providers().value();
    const QString dbPath = temporary.path() + u"/chasm.db"_s;
    std::unique_ptr<chasm::Database> db;
    const auto removeDatabase = [&temporary](const QString& name) {
        for (const QString& end : {u".db"_s, u".db-wal"_s, u".db-shm"_s}) {
            QFile::remove(temporary.path() + u'/' + name + end);
        }
    };

    // The ceiling: the same message text into a bare FTS5 table, one transaction, prepared insert; once with
    // SQLite's defaults and once with the page size and cache the store uses (see Database::open).
    QStringList texts;
    qint64 textBytes = 0;
    const auto bareLoad = [&](const QString& name, const QStringList& pragmas) {
        QSqlDatabase bare = QSqlDatabase::addDatabase(u"QSQLITE"_s, name);
        bare.setDatabaseName(temporary.path() + u'/' + name + u".db"_s);
        bare.open();
        QSqlQuery setup(bare);
        for (const QString& pragma : pragmas + QStringList{u"journal_mode=WAL"_s, u"synchronous=NORMAL"_s}) {
            setup.exec(u"PRAGMA "_s + pragma);
        }
        setup.exec(u"CREATE VIRTUAL TABLE t USING fts5(content, tokenize='porter unicode61 remove_diacritics 2')"_s);
        QElapsedTimer load;
        load.start();
        bare.transaction();
        QSqlQuery insert(bare);
        insert.prepare(u"INSERT INTO t (content) VALUES (?)"_s);
        for (const QString& text : std::as_const(texts)) {
            insert.bindValue(0, text);
            insert.exec();
        }
        bare.commit();
        const double seconds = double(load.elapsed()) / 1000.0;
        setup.finish();
        insert.finish();
        bare.close();
        bare = QSqlDatabase();
        QSqlDatabase::removeDatabase(name);
        return seconds;
    };
    // A second ceiling, for the schema rather than for the index alone: every row the harvest stores (session
    // JSON, messages, tool calls) copied into plain tables, plus the same FTS5 load, all in one transaction of
    // INSERT ... SELECT from the harvest's database (no parsing, no triggers).
    const auto rowsLoad = [&](const QString& name, const QString& harvested) -> std::optional<double> {
        std::optional<double> seconds;
        {
            QSqlDatabase rows = QSqlDatabase::addDatabase(u"QSQLITE"_s, name);
            rows.setDatabaseName(temporary.path() + u'/' + name + u".db"_s);
            rows.open();
            QSqlQuery q(rows);
            q.exec(u"PRAGMA journal_mode=WAL"_s);
            q.exec(u"PRAGMA synchronous=NORMAL"_s);
            q.exec(u"ATTACH DATABASE '%1' AS h"_s.arg(harvested));
            const QStringList tables{u"sessions"_s, u"messages_v2"_s, u"tool_invocations"_s};
            for (const QString& table : tables) {
                q.exec(u"CREATE TABLE %1 AS SELECT * FROM h.%1 WHERE 0"_s.arg(table));
            }
            q.exec(u"CREATE VIRTUAL TABLE t USING fts5(content, tokenize='porter unicode61 remove_diacritics 2')"_s);
            QElapsedTimer load;
            load.start();
            rows.transaction();
            bool ok = true;
            for (const QString& table : tables) {
                ok = ok && q.exec(u"INSERT INTO %1 SELECT * FROM h.%1"_s.arg(table));
            }
            ok = ok && q.exec(u"INSERT INTO t (content) SELECT content FROM h.messages_v2"_s) && rows.commit();
            if (ok) {
                seconds = double(load.elapsed()) / 1000.0;
            } else {
                std::fprintf(stderr, "bare load of the rows failed: %s\n", qPrintable(q.lastError().text()));
            }
        }
        QSqlDatabase::removeDatabase(name);
        return seconds;
    };

    std::vector<double> harvests, bares, tuneds, rowLoads, toBare, toTuned, toRows;
    qint64 messages = 0;
    qint64 rowsBytes = 0;
    for (int round = 0; round < rounds; ++round) {
        db.reset(); // the previous round's is closed before its files go
        for (const QString& name : {u"chasm"_s, u"bare"_s, u"bare-tuned"_s, u"rows"_s}) {
            removeDatabase(name);
        }
        auto opened = chasm::Database::open(dbPath);
        if (!opened) {
            std::fprintf(stderr, "%s\n", qPrintable(opened.error().message));
            return 1;
        }
        db = std::move(*opened);
        const chasm::SessionCatalog catalog(environment);
        timer.restart();
        const auto cold = chasm::Harvester::run(catalog, providers, *db, harvestOptions);
        const double coldSeconds = double(timer.elapsed()) / 1000.0;
        if (!cold || cold->failed > 0) {
            std::fprintf(stderr, "harvest failed: %s\n",
                         cold ? qPrintable(cold->errors.value(0).error) : qPrintable(cold.error().message));
            return 1;
        }
        harvests.push_back(coldSeconds);
        if (round == 0) {
            std::printf("harvest cold:        %.2f s  %.1f MB/s  %.0f sessions/s  peak RSS %.0f MiB\n", coldSeconds,
                        double(corpus.bytes) / 1e6 / coldSeconds, double(cold->created) / coldSeconds, peakRssMiB());
            QSqlQuery read(db->connection());
            read.setForwardOnly(true);
            read.exec(u"SELECT content FROM messages_v2"_s);
            while (read.next()) {
                texts << read.value(0).toString();
                textBytes += texts.constLast().size();
            }
            messages = texts.size();
        }
        bares.push_back(bareLoad(u"bare"_s, {}));
        tuneds.push_back(bareLoad(u"bare-tuned"_s, {u"page_size=16384"_s, u"cache_size=-65536"_s}));
        const auto rowsSeconds = rowsLoad(u"rows"_s, dbPath);
        if (!rowsSeconds) {
            return 1;
        }
        rowLoads.push_back(*rowsSeconds);
        rowsBytes = QFileInfo(temporary.path() + u"/rows.db"_s).size();
        toBare.push_back(coldSeconds / bares.back());
        toTuned.push_back(coldSeconds / tuneds.back());
        toRows.push_back(coldSeconds / rowLoads.back());
        std::printf("round %d: harvest %.2f s  bare FTS5 load %.2f s (%.2fx)  with 16 KiB pages %.2f s (%.2fx)  "
                    "all rows %.2f s (%.2fx)\n",
                    round + 1, coldSeconds, bares.back(), toBare.back(), tuneds.back(), toTuned.back(), rowLoads.back(),
                    toRows.back());
    }
    std::printf("harvest cold, median of %d: %.2f s\n", rounds, median(harvests));
    std::printf("bare FTS5 load:      %.2f s for %lld messages (%.0f MB of text); harvest/bare = %.2fx\n",
                median(bares), messages, double(textBytes) / 1e6, median(toBare));
    std::printf("  with the store's 16 KiB pages and 64 MiB cache: %.2f s; harvest/that = %.2fx\n", median(tuneds),
                median(toTuned));
    std::printf("bare load, all rows: %.2f s (session JSON, messages, tool calls + FTS5, %.0f MB); "
                "harvest/that = %.2fx\n",
                median(rowLoads), double(rowsBytes) / 1e6, median(toRows));
    std::printf("(medians of %d rounds, each ratio within its round)\n", rounds);
    texts.clear();
    std::vector<double> incremental;
    for (int run = 0; run < 3; ++run) {
        const chasm::SessionCatalog fresh(environment);
        timer.restart();
        const auto again = chasm::Harvester::run(fresh, providers, *db, harvestOptions);
        incremental.push_back(double(timer.elapsed()) / 1000.0);
        if (!again || again->unchanged != corpus.sessions) {
            std::fprintf(stderr, "incremental run changed something\n");
            return 1;
        }
    }
    std::printf("harvest incremental: %.3f s for %d unchanged sessions (median of 3)\n", median(incremental),
                corpus.sessions);
    if (const auto kept = chasm::Originals(*db).totals(); kept && kept->files > 0) {
        std::printf("originals: %lld files, %.0f MB, stored in %.0f MB (%.1f %% of the corpus's %.0f MB)\n",
                    kept->files, double(kept->bytes) / 1e6, double(kept->stored) / 1e6,
                    100.0 * double(kept->stored) / double(corpus.bytes), double(corpus.bytes) / 1e6);
    }
    // 1 % of the sessions change: each gets its last record again at its end (the tools append).
    QStringList files;
    for (QDirIterator it(home, {u"*.jsonl"_s}, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
         it.hasNext();) {
        files << it.next();
    }
    files.sort();
    int changed = 0;
    for (int i = 0; i < files.size(); i += 100, ++changed) {
        QFile file(files.at(i));
        if (!file.open(QIODevice::ReadWrite)) {
            std::fprintf(stderr, "cannot change %s\n", qPrintable(files.at(i)));
            return 1;
        }
        const QByteArray bytes = file.readAll();
        const qsizetype start = bytes.lastIndexOf('\n', bytes.size() - 2) + 1;
        file.write(bytes.mid(start));
    }
    {
        const chasm::SessionCatalog fresh(environment);
        timer.restart();
        const auto again = chasm::Harvester::run(fresh, providers, *db, harvestOptions);
        if (!again || again->failed > 0) {
            std::fprintf(stderr, "harvest after changes failed\n");
            return 1;
        }
        std::printf("harvest after 1 %% of the sessions changed: %.2f s (%d of %d files appended to; %d updated, %d "
                    "found unchanged; originals kept for %d)\n",
                    double(timer.elapsed()) / 1000.0, changed, int(files.size()), again->updated,
                    again->unchanged - (corpus.sessions - changed), again->originalsKept);
    }

    // Searched through a connection of its own, as the app's search pane has: the harvest's connection holds
    // what it wrote in its page cache, and searches through it took half as long again.
    auto searcher = chasm::Database::open(dbPath);
    if (!searcher) {
        std::fprintf(stderr, "%s\n", qPrintable(searcher.error().message));
        return 1;
    }
    const auto p50 =
        searchPasses(sqliteSearch(**searcher), queries, messages, {SearchRun::exhaustively()}, each, firstOnly);
    if (!p50) {
        return 1;
    }
    compareWithRg(*p50, rgBench(queries, rgCount, home));
    std::printf("database: %.0f MB\n", double(QFileInfo(dbPath).size() + QFileInfo(dbPath + u"-wal"_s).size()) / 1e6);
    return 0;
}
