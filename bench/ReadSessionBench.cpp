// Reads a generated VS Code .jsonl session of a given size and reports throughput and peak memory.
//
//   bench_read_session --size-mb 100 [--runs 3] [--dir DIR] [--keep]
//
// The session is written as VS Code writes one: a kind-0 snapshot, then for every request a push of
// the request, streamed pushes of response parts (markdown with code blocks, terminal tool calls with
// their output), an occasional rewrite of a response (push with `i`), and sets of modelState and
// result. Run each size in its own process: peak RSS is per process.

#include "vscode/ChatSessionConverter.h"
#include "vscode/ChatSessionFile.h"

#include "BenchOptions.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>

#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>

#include <sys/resource.h>

#include <algorithm>
#include <cstdio>
#include <random>
#include <string>
#include <vector>

using namespace Qt::StringLiterals;

namespace {

const std::vector<std::string> words = {
    "the",    "function", "returns", "a",      "value",    "when",  "test",     "fails", "because", "server",
    "config", "should",   "we",      "update", "request",  "cache", "thread",   "error", "module",  "build",
    "is",     "not",      "in",      "async",  "database", "query", "response", "path",  "user",    "index",
};

class Generator
{
public:
    explicit Generator(std::uint32_t seed)
        : m_random(seed)
    {}

    // Words drawn with a Zipf-like skew, like prose.
    std::string prose(std::size_t bytes)
    {
        std::string text;
        while (text.size() < bytes) {
            const double u = std::uniform_real_distribution<double>(0.0, 1.0)(m_random);
            text += words[std::size_t(std::pow(u, 2.5) * double(words.size())) % words.size()];
            text += m_random() % 13 == 0 ? ". " : " ";
        }
        return text;
    }

    std::string code(std::size_t bytes)
    {
        std::string text = "```ts\n";
        while (text.size() < bytes) {
            text += "const " + words[m_random() % words.size()] + std::to_string(m_random() % 1000) + " = await " +
                    words[m_random() % words.size()] + "(" + std::to_string(m_random() % 100) + ");\n";
        }
        return text + "```\n";
    }

    std::size_t between(std::size_t low, std::size_t high) { return low + m_random() % (high - low + 1); }

private:
    std::mt19937 m_random;
};

std::string line(const boost::json::value& entry)
{
    return boost::json::serialize(entry) + "\n";
}

void generate(const QString& path, qint64 targetBytes)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        std::fprintf(stderr, "cannot write %s\n", qPrintable(path));
        std::exit(1);
    }
    Generator g(42);
    const std::int64_t start = 1767225600000; // 2026-01-01
    boost::json::object initial{{"version", 3},
                                {"creationDate", start},
                                {"initialLocation", "panel"},
                                {"responderUsername", "GitHub Copilot"},
                                {"sessionId", "bench0000-0000-4000-8000-000000000000"},
                                {"hasPendingEdits", false},
                                {"requests", boost::json::array()},
                                {"pendingRequests", boost::json::array()}};
    qint64 written = file.write(QByteArray::fromStdString(line(boost::json::object{{"kind", 0}, {"v", initial}})));
    for (std::int64_t r = 0; written < targetBytes; ++r) {
        const std::int64_t t = start + r * 90000;
        boost::json::object request{
            {"requestId", "request_" + std::to_string(r)},
            {"timestamp", t},
            {"agent", {{"id", "github.copilot.editsAgent"}}},
            {"modelId", "copilot/claude-sonnet-4"},
            {"message", {{"text", g.prose(g.between(80, 1500))}, {"parts", boost::json::array()}}},
            {"variableData", {{"variables", boost::json::array()}}},
            {"response", boost::json::array()}};
        std::string out = line({{"kind", 2}, {"k", {"requests"}}, {"v", {request}}});
        const boost::json::array responsePath{"requests", r, "response"};
        const std::size_t chunks = g.between(2, 8);
        for (std::size_t c = 0; c < chunks; ++c) {
            boost::json::array parts;
            parts.push_back({{"value", g.prose(g.between(200, 2500))}, {"supportThemeIcons", false}});
            if (c % 3 == 1) {
                parts.push_back({{"value", g.code(g.between(300, 3000))}, {"supportThemeIcons", false}});
            }
            if (c % 4 == 2) {
                const std::string id = "call_" + std::to_string(r) + "_" + std::to_string(c);
                parts.push_back({{"kind", "toolInvocationSerialized"},
                                 {"invocationMessage", {{"value", "Running `npm test`"}}},
                                 {"isConfirmed", {{"type", 1}}},
                                 {"isComplete", true},
                                 {"toolSpecificData",
                                  {{"kind", "terminal"},
                                   {"commandLine", {{"original", "npm test"}}},
                                   {"terminalCommandOutput", {{"text", g.prose(g.between(500, 6000))}}}}},
                                 {"toolCallId", id},
                                 {"toolId", "run_in_terminal"}});
            }
            out += line({{"kind", 2}, {"k", responsePath}, {"v", parts}});
        }
        if (r % 17 == 5) { // the editor rewrites a response it streamed
            out += line({{"kind", 2},
                         {"k", responsePath},
                         {"i", 0},
                         {"v", {{{"value", g.prose(g.between(500, 3000))}, {"supportThemeIcons", false}}}}});
        }
        out += line(
            {{"kind", 1}, {"k", {"requests", r, "modelState"}}, {"v", {{"value", 1}, {"completedAt", t + 30000}}}});
        out += line({{"kind", 1},
                     {"k", {"requests", r, "result"}},
                     {"v",
                      {{"timings", {{"firstProgress", 700}, {"totalElapsed", 30000}}},
                       {"metadata", {{"promptTokens", 3000}, {"outputTokens", 600}}}}}});
        written += file.write(out.data(), qint64(out.size()));
    }
}

double peakRssMiB()
{
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return double(usage.ru_maxrss) / 1024.0; // kilobytes on Linux
}

} // namespace

int main(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    const auto option = [&args](const QString& name, const QString& fallback) {
        return chasm::bench::option(args, name, fallback);
    };
    const qint64 sizeMb = option(u"--size-mb"_s, u"100"_s).toLongLong();
    const int runs = std::max(1, option(u"--runs"_s, u"3"_s).toInt());
    QTemporaryDir temporary(option(u"--dir"_s, QDir::tempPath()) + u"/chasm-bench-XXXXXX"_s);
    temporary.setAutoRemove(!args.contains(u"--keep"_s));
    const QString path = temporary.filePath(u"bench0000-0000-4000-8000-000000000000.jsonl"_s);

    QElapsedTimer timer;
    timer.start();
    generate(path, sizeMb * 1024 * 1024);
    const double megabytes = double(QFileInfo(path).size()) / (1024.0 * 1024.0);
    std::printf("generated %.1f MB in %.1f s: %s\n", megabytes, double(timer.elapsed()) / 1000.0, qPrintable(path));
    const double rssBefore = peakRssMiB();

    std::vector<double> readSeconds;
    std::vector<double> totalSeconds;
    std::size_t requests = 0;
    int messages = 0;
    double peakAfterRead = 0;
    for (int run = 0; run < runs; ++run) {
        timer.restart();
        auto contents = chasm::ChatSessionFile::read(path);
        if (!contents) {
            std::fprintf(stderr, "%s\n", qPrintable(contents.error().message));
            return 1;
        }
        readSeconds.push_back(double(timer.nsecsElapsed()) / 1e9);
        if (run == 0) {
            peakAfterRead = peakRssMiB();
        }
        const chasm::Session session = chasm::ChatSessionConverter::convert(
            contents->tree, {u"copilot"_s, u"bench"_s, u"bench"_s, u"/bench"_s, {}});
        totalSeconds.push_back(double(timer.nsecsElapsed()) / 1e9);
        requests = contents->tree.at("requests").as_array().size();
        messages = session.conversationMessageCount();
    }
    const double readMedian = chasm::bench::median(readSeconds);
    const double totalMedian = chasm::bench::median(totalSeconds);
    std::printf("%.0f MB session, %zu requests, %d messages, %d run(s)\n", megabytes, requests, messages, runs);
    std::printf("  read + replay:          median %.2f s  %.0f MB/s\n", readMedian, megabytes / readMedian);
    std::printf("  read + replay + convert: median %.2f s  %.0f MB/s\n", totalMedian, megabytes / totalMedian);
    std::printf("  peak RSS: %.0f MiB (%.0f MiB before reading, %.0f MiB after the first read + replay)\n",
                peakRssMiB(), rssBefore, peakAfterRead);
    return 0;
}
