// Harvest and search at scale, against the ceiling and the alternative.
//
//   bench_harvest [--mb 100] [--queries 200] [--rg-queries 20] [--dir DIR] [--keep] [--each]
//   bench_harvest --search DB [--queries 200] [--each]   (search latencies only, over a kept database)
//
// Generates a corpus of about --mb megabytes in a HOME laid out as the tools write it (Claude Code
// transcripts and Codex rollouts side by side): many small sessions, some medium, a few huge; text
// drawn from a Zipf vocabulary with code blocks and tool calls with output. Then reports
//   - a cold harvest (MB/s, sessions/s, peak RSS) and an incremental one with nothing changed;
//   - a bare SQLite FTS5 bulk load of the same message text, in one transaction (the ceiling), and a
//     bare load of every row the harvest stores (the ceiling for this schema);
//   - search latency p50/p95/p99 over mixed queries (words, rare words, AND, phrases, prefixes, OR,
//     a provider filter);
//   - rg over the raw files for the first term of some of the same queries (what a user would do).
// Peak RSS is the process's high-water mark when each phase ends.

#include "ops/Harvester.h"
#include "store/HarvestStore.h"

#include "BenchOptions.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTimeZone>

#include <boost/json/serialize.hpp>
#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/value.hpp>
#include <boost/json/value_ref.hpp>

#include <sys/resource.h>

#include <cmath>
#include <cstdio>
#include <random>

using namespace Qt::StringLiterals;
using chasm::bench::median;
using chasm::bench::option;

namespace {

double peakRssMiB()
{
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return double(usage.ru_maxrss) / 1024.0;
}

// A vocabulary of common words first, then made-up identifiers-like words, drawn with Zipf's law.
class Vocabulary
{
public:
    explicit Vocabulary(std::mt19937& random)
        : m_random(random)
    {
        m_words = {"the",    "to",       "a",        "of",     "and",    "is",     "in",      "that",  "it",
                   "for",    "test",     "function", "error",  "file",   "we",     "this",    "with",  "build",
                   "should", "value",    "return",   "not",    "server", "config", "request", "cache", "thread",
                   "query",  "database", "index",    "module", "async",  "path",   "user"};
        static const char* syllables[] = {"ka",  "lo",  "mi",  "ser", "ton", "vel", "dra", "qui",  "ber", "nex",
                                          "por", "tal", "zen", "fir", "gul", "hap", "jor", "ment", "sta", "wix"};
        for (int i = 0; m_words.size() < 20000; ++i) {
            std::string word;
            for (int n = i; word.size() < 6 || n > 0; n /= 20) {
                word += syllables[n % 20];
            }
            m_words.push_back(word);
        }
        double total = 0;
        for (std::size_t rank = 1; rank <= m_words.size(); ++rank) {
            total += 1.0 / std::pow(double(rank), 1.07);
            m_cumulative.push_back(total);
        }
    }
    const std::string& word()
    {
        const double u = std::uniform_real_distribution<double>(0, m_cumulative.back())(m_random);
        return m_words[std::size_t(std::lower_bound(m_cumulative.begin(), m_cumulative.end(), u) -
                                   m_cumulative.begin())];
    }
    const std::string& at(std::size_t rank) const { return m_words.at(rank); }
    std::string prose(std::size_t bytes)
    {
        std::string text;
        while (text.size() < bytes) {
            text += word();
            text += m_random() % 12 == 0 ? ". " : " ";
        }
        return text;
    }
    std::string code(std::size_t bytes)
    {
        std::string text = "```cpp\n";
        while (text.size() < bytes) {
            text += "auto " + word() + std::to_string(m_random() % 100) + " = " + word() + "(" + word() + ");\n";
        }
        return text + "```";
    }

private:
    std::mt19937& m_random;
    std::vector<std::string> m_words;
    std::vector<double> m_cumulative;
};

struct Corpus
{
    qint64 bytes = 0;
    int sessions = 0;
    qint64 messages = 0;
};

class Writer
{
public:
    Writer(const QString& home, std::mt19937& random, Vocabulary& words)
        : m_home(home)
        , m_random(random)
        , m_words(words)
    {}

    // Session sizes: most a few KB, some hundreds of KB, one in a thousand tens of MB.
    std::size_t sessionBytes()
    {
        const unsigned pick = m_random() % 1000;
        if (pick == 0) {
            return 8'000'000 + m_random() % 16'000'000;
        }
        if (pick < 60) {
            return 50'000 + m_random() % 400'000;
        }
        return 2'000 + m_random() % 16'000;
    }

    // A message: mostly short; sometimes long with a code block.
    std::string text()
    {
        const unsigned pick = m_random() % 10;
        if (pick < 6) {
            return m_words.prose(40 + m_random() % 200);
        }
        if (pick < 9) {
            return m_words.prose(200 + m_random() % 600);
        }
        return m_words.prose(100 + m_random() % 300) + "\n\n" + m_words.code(200 + m_random() % 1200);
    }

    void session(Corpus& corpus, std::size_t target)
    {
        const int n = corpus.sessions++;
        const bool claude = n % 5 < 3;
        const std::string id = QString(u"%1-0000-4000-8000-000000000000"_s.arg(n, 8, 10, QChar(u'0'))).toStdString();
        const std::string project = "/home/me/project" + std::to_string(n % 40);
        std::string log;
        qint64 time = 1'735'689'600'000 + qint64(n) * 600'000;
        const auto stamp = [&time] {
            time += 7000;
            return QDateTime::fromMSecsSinceEpoch(time, QTimeZone::utc()).toString(Qt::ISODateWithMs).toStdString();
        };
        if (!claude) {
            log +=
                line({{"timestamp", stamp()},
                      {"type", "session_meta"},
                      {"payload", {{"id", id}, {"timestamp", stamp()}, {"cwd", project}, {"cli_version", "0.160.0"}}}});
        }
        for (int turn = 0; log.size() < target; ++turn) {
            const std::string question = text();
            const std::string answer = text();
            const std::string call = "call_" + std::to_string(turn);
            const std::string output = m_words.prose(100 + m_random() % 700);
            if (claude) {
                const std::string uuid = id + "-" + std::to_string(turn);
                log += line({{"type", "user"},
                             {"uuid", "u" + uuid},
                             {"sessionId", id},
                             {"cwd", project},
                             {"timestamp", stamp()},
                             {"message", {{"role", "user"}, {"content", question}}}});
                log += line({{"type", "assistant"},
                             {"uuid", "a" + uuid},
                             {"sessionId", id},
                             {"timestamp", stamp()},
                             {"message",
                              {{"id", "msg_" + uuid},
                               {"role", "assistant"},
                               {"model", "claude-sonnet-4-5"},
                               {"content", boost::json::array{{{"type", "text"}, {"text", answer}},
                                                              {{"type", "tool_use"},
                                                               {"id", call},
                                                               {"name", "Bash"},
                                                               {"input", {{"command", "make test"}}}}}}}}});
                log += line(
                    {{"type", "user"},
                     {"uuid", "t" + uuid},
                     {"sessionId", id},
                     {"timestamp", stamp()},
                     {"message",
                      {{"role", "user"},
                       {"content",
                        boost::json::array{{{"type", "tool_result"}, {"tool_use_id", call}, {"content", output}}}}}}});
            } else {
                log += line({{"timestamp", stamp()},
                             {"type", "event_msg"},
                             {"payload", {{"type", "user_message"}, {"message", question}}}});
                log += line({{"timestamp", stamp()},
                             {"type", "response_item"},
                             {"payload",
                              {{"type", "message"},
                               {"role", "user"},
                               {"content", boost::json::array{{{"type", "input_text"}, {"text", question}}}}}}});
                log += line({{"timestamp", stamp()},
                             {"type", "response_item"},
                             {"payload",
                              {{"type", "function_call"},
                               {"name", "shell"},
                               {"arguments", "{\"command\":[\"bash\",\"-lc\",\"make test\"]}"},
                               {"call_id", call}}}});
                log += line({{"timestamp", stamp()},
                             {"type", "response_item"},
                             {"payload", {{"type", "function_call_output"}, {"call_id", call}, {"output", output}}}});
                log += line({{"timestamp", stamp()},
                             {"type", "response_item"},
                             {"payload",
                              {{"type", "message"},
                               {"role", "assistant"},
                               {"content", boost::json::array{{{"type", "output_text"}, {"text", answer}}}}}}});
            }
            corpus.messages += 2;
        }
        const QDateTime day = QDateTime::fromMSecsSinceEpoch(time, QTimeZone::utc());
        const QString path =
            claude ? m_home +
                         u"/.claude/projects/-home-me-project%1/%2.jsonl"_s.arg(n % 40).arg(QString::fromStdString(id))
                   : m_home + u"/.codex/sessions/%1/rollout-%2-%3.jsonl"_s.arg(day.toString(u"yyyy/MM/dd"_s),
                                                                               day.toString(u"yyyy-MM-ddTHH-mm-ss"_s),
                                                                               QString::fromStdString(id));
        QDir().mkpath(QFileInfo(path).absolutePath());
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly) || file.write(log.data(), qint64(log.size())) != qint64(log.size())) {
            std::fprintf(stderr, "cannot write %s\n", qPrintable(path));
            std::exit(1);
        }
        corpus.bytes += qint64(log.size());
    }

private:
    static std::string line(const boost::json::value& v) { return boost::json::serialize(v) + '\n'; }

    QString m_home;
    std::mt19937& m_random;
    Vocabulary& m_words;
};

double percentile(std::vector<double> values, double p)
{
    std::sort(values.begin(), values.end());
    return values.empty() ? 0 : values[std::min(values.size() - 1, std::size_t(p * double(values.size())))];
}

} // namespace

// Search latency over mixed queries, from common words to rare ones: p50/p95/p99 and per kind (and each
// query's with `each`). The queries are returned for the rg comparison.
std::optional<QStringList> searchBench(const chasm::Database& db, const Vocabulary& words, qint64 messages,
                                       int queryCount, bool exhaustive, bool each)
{
    const chasm::HarvestStore store(db);
    std::vector<double> latencies;
    QStringList queries;
    std::mt19937 pick(7);
    for (int i = 0; i < queryCount; ++i) {
        const auto w = [&](std::size_t low, std::size_t high) {
            return QString::fromStdString(words.at(low + pick() % (high - low)));
        };
        switch (i % 7) {
        case 0:
            queries << w(0, 50);
            break; // a common word
        case 1:
            queries << w(1000, 15000);
            break; // a rare word
        case 2:
            queries << w(20, 500) + u' ' + w(200, 3000);
            break; // two words
        case 3:
            queries << u'"' + w(0, 30) + u' ' + w(0, 30) + u'"';
            break; // a phrase
        case 4:
            queries << w(100, 3000).left(4) + u'*';
            break; // a prefix
        case 5:
            queries << w(500, 5000) + u" OR "_s + w(500, 5000);
            break; // OR
        default:
            queries << w(50, 2000);
            break; // with a filter below
        }
    }
    using Unranked = chasm::HarvestStore::Unranked;
    int unranked[4] = {};
    for (int i = 0; i < queries.size(); ++i) {
        chasm::HarvestStore::SearchFilter filter;
        if (i % 7 == 6) {
            filter.provider = u"codex"_s;
        }
        filter.exhaustive = exhaustive;
        QElapsedTimer t;
        t.start();
        const auto results = store.search(queries.at(i), filter);
        latencies.push_back(double(t.nsecsElapsed()) / 1e6);
        if (each) {
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
    std::printf("search%s (%lld messages, %d queries; not ranked: %d with more than %d matches, %d of common words "
                "only, %d prefixes with many matches): p50 %.1f ms  p95 %.1f ms  p99 %.1f ms\n",
                exhaustive ? ", exhaustive" : "", messages, int(latencies.size()), unranked[int(Unranked::ManyMatches)],
                chasm::HarvestStore::rankWindow, unranked[int(Unranked::CommonWords)],
                unranked[int(Unranked::ManyPrefixMatches)], percentile(latencies, 0.5), percentile(latencies, 0.95),
                percentile(latencies, 0.99));
    static const char* const kinds[] = {"common word",           "rare word", "two words", "phrase", "prefix", "OR",
                                        "word + provider filter"};
    for (int kind = 0; kind < 7; ++kind) {
        std::vector<double> ofKind;
        for (std::size_t i = std::size_t(kind); i < latencies.size(); i += 7) {
            ofKind.push_back(latencies.at(i));
        }
        std::printf("  %-24s p50 %6.1f ms  max %6.1f ms\n", kinds[kind], percentile(ofKind, 0.5),
                    percentile(ofKind, 1.0));
    }

    return queries;
}

int main(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    const qint64 targetBytes = option(args, u"--mb"_s, u"100"_s).toLongLong() * 1'000'000;
    const int queryCount = option(args, u"--queries"_s, u"200"_s).toInt();
    const int rgCount = option(args, u"--rg-queries"_s, u"20"_s).toInt();
    const bool each = args.contains(u"--each"_s); // every query's latency, and why it was not ranked
    QTemporaryDir temporary(option(args, u"--dir"_s, QDir::tempPath()) + u"/chasm-harvest-bench-XXXXXX"_s);
    const QString home = temporary.path() + u"/home"_s;
    temporary.setAutoRemove(!args.contains(u"--keep"_s)); // --keep: leave the corpus and databases for inspection
    if (args.contains(u"--keep"_s)) {
        std::printf("kept in %s\n", qPrintable(temporary.path()));
    }

    std::mt19937 random(42);
    Vocabulary words(random);
    // --search DB: only the search latencies, over a database an earlier --keep run left.
    if (const QString existing = option(args, u"--search"_s, QString()); !existing.isEmpty()) {
        auto db = chasm::Database::open(existing);
        if (!db) {
            std::fprintf(stderr, "%s\n", qPrintable(db.error().message));
            return 1;
        }
        QSqlQuery count((*db)->connection());
        count.exec(u"SELECT count(*) FROM messages_v2"_s);
        count.next();
        const qint64 messages = count.value(0).toLongLong();
        return searchBench(**db, words, messages, queryCount, false, each) &&
                       searchBench(**db, words, messages, queryCount, true, each)
                   ? 0
                   : 1;
    }
    Writer writer(home, random, words);
    Corpus corpus;
    QElapsedTimer timer;
    timer.start();
    while (corpus.bytes < targetBytes) {
        writer.session(corpus,
                       std::min<std::size_t>(writer.sessionBytes(), std::size_t(targetBytes - corpus.bytes) + 1000));
    }
    std::printf("corpus: %.0f MB, %d sessions, ~%lld messages (generated in %.1f s)\n", double(corpus.bytes) / 1e6,
                corpus.sessions, corpus.messages, double(timer.elapsed()) / 1000.0);

    const chasm::SessionCatalog catalog(chasm::Environment::fromVariables({{u"HOME"_s, home}}, chasm::Platform::Linux));
    const auto providers = catalog.providers().value();
    const QString dbPath = temporary.path() + u"/chasm.db"_s;
    auto db = chasm::Database::open(dbPath);
    if (!db) {
        std::fprintf(stderr, "%s\n", qPrintable(db.error().message));
        return 1;
    }
    timer.restart();
    const auto cold = chasm::Harvester::run(catalog, providers, **db);
    const double coldSeconds = double(timer.elapsed()) / 1000.0;
    if (!cold || cold->failed > 0) {
        std::fprintf(stderr, "harvest failed: %s\n",
                     cold ? qPrintable(cold->errors.value(0).error) : qPrintable(cold.error().message));
        return 1;
    }
    std::printf("harvest cold:        %.2f s  %.1f MB/s  %.0f sessions/s  peak RSS %.0f MiB\n", coldSeconds,
                double(corpus.bytes) / 1e6 / coldSeconds, double(cold->created) / coldSeconds, peakRssMiB());
    std::vector<double> incremental;
    for (int run = 0; run < 3; ++run) {
        const chasm::SessionCatalog fresh(
            chasm::Environment::fromVariables({{u"HOME"_s, home}}, chasm::Platform::Linux));
        timer.restart();
        const auto again = chasm::Harvester::run(fresh, providers, **db);
        incremental.push_back(double(timer.elapsed()) / 1000.0);
        if (!again || again->unchanged != corpus.sessions) {
            std::fprintf(stderr, "incremental run changed something\n");
            return 1;
        }
    }
    std::printf("harvest incremental: %.3f s for %d unchanged sessions (median of 3)\n", median(incremental),
                corpus.sessions);

    // The ceiling: the same message text into a bare FTS5 table, one transaction, prepared insert.
    qint64 messages = 0;
    qint64 textBytes = 0;
    {
        const QString barePath = temporary.path() + u"/bare.db"_s;
        QSqlDatabase bare = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"bare"_s);
        bare.setDatabaseName(barePath);
        bare.open();
        QSqlQuery setup(bare);
        setup.exec(u"PRAGMA journal_mode=WAL"_s);
        setup.exec(u"PRAGMA synchronous=NORMAL"_s);
        setup.exec(u"CREATE VIRTUAL TABLE t USING fts5(content, tokenize='porter unicode61 remove_diacritics 2')"_s);
        QStringList texts;
        QSqlQuery read((*db)->connection());
        read.setForwardOnly(true);
        read.exec(u"SELECT content FROM messages_v2"_s);
        while (read.next()) {
            texts << read.value(0).toString();
            textBytes += texts.constLast().size();
        }
        messages = texts.size();
        timer.restart();
        bare.transaction();
        QSqlQuery insert(bare);
        insert.prepare(u"INSERT INTO t (content) VALUES (?)"_s);
        for (const QString& text : std::as_const(texts)) {
            insert.bindValue(0, text);
            insert.exec();
        }
        bare.commit();
        const double bareSeconds = double(timer.elapsed()) / 1000.0;
        std::printf("bare FTS5 load:      %.2f s for %lld messages (%.0f MB of text); harvest/bare = %.2fx\n",
                    bareSeconds, messages, double(textBytes) / 1e6, coldSeconds / bareSeconds);
    }
    QSqlDatabase::removeDatabase(u"bare"_s);
    // A second ceiling, for the schema rather than for the index alone: every row the harvest stores
    // (session JSON, messages, tool calls) copied into plain tables, plus the same FTS5 load, all in
    // one transaction of INSERT ... SELECT from the harvest's database (no parsing, no triggers).
    {
        QSqlDatabase rows = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"rows"_s);
        rows.setDatabaseName(temporary.path() + u"/rows.db"_s);
        rows.open();
        QSqlQuery q(rows);
        q.exec(u"PRAGMA journal_mode=WAL"_s);
        q.exec(u"PRAGMA synchronous=NORMAL"_s);
        q.exec(u"ATTACH DATABASE '%1' AS h"_s.arg(dbPath));
        const QStringList tables{u"sessions"_s, u"messages_v2"_s, u"tool_invocations"_s};
        for (const QString& table : tables) {
            q.exec(u"CREATE TABLE %1 AS SELECT * FROM h.%1 WHERE 0"_s.arg(table));
        }
        q.exec(u"CREATE VIRTUAL TABLE t USING fts5(content, tokenize='porter unicode61 remove_diacritics 2')"_s);
        timer.restart();
        rows.transaction();
        bool ok = true;
        for (const QString& table : tables) {
            ok = ok && q.exec(u"INSERT INTO %1 SELECT * FROM h.%1"_s.arg(table));
        }
        ok = ok && q.exec(u"INSERT INTO t (content) SELECT content FROM h.messages_v2"_s) && rows.commit();
        const double rowsSeconds = double(timer.elapsed()) / 1000.0;
        if (!ok) {
            std::fprintf(stderr, "bare load of the rows failed: %s\n", qPrintable(q.lastError().text()));
            return 1;
        }
        std::printf("bare load, all rows: %.2f s (session JSON, messages, tool calls + FTS5, %.0f MB); "
                    "harvest/that = %.2fx\n",
                    rowsSeconds, double(QFileInfo(temporary.path() + u"/rows.db"_s).size()) / 1e6,
                    coldSeconds / rowsSeconds);
    }
    QSqlDatabase::removeDatabase(u"rows"_s);

    const auto queries = searchBench(**db, words, messages, queryCount, false, each);
    if (!queries || !searchBench(**db, words, messages, queryCount, true, each)) {
        return 1;
    }

    std::vector<double> rg;
    for (int i = 0; i < std::min(rgCount, int(queries->size())); ++i) {
        QString term = queries->at(i).section(u' ', 0, 0);
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
    std::printf("database: %.0f MB\n", double(QFileInfo(dbPath).size() + QFileInfo(dbPath + u"-wal"_s).size()) / 1e6);
    return 0;
}
