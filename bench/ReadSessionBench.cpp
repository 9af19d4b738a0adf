// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

// Reads a generated VS Code .jsonl session of a given size and reports throughput and peak memory.
//
//   bench_read_session --size-mb 100 [--shape streamed|whole|compacted] [--runs 3] [--dir DIR] [--keep]
//   bench_read_session --size-mb 1024 --shape whole|compacted|claude|codex --home DIR
//
// The session is written as VS Code writes one (see writeVsCodeSession in Corpus.h). Run each size in
// its own process: peak RSS is per process. With --home the session is only written, into a VS Code
// home at DIR (or with --shape claude a Claude Code transcript, see writeClaudeCodeHome; with --shape codex a Codex
// rollout, see writeCodexHome), for timing the chasm commands on it (scripts/bench-big-session).

#include "vscode/ChatSessionConverter.h"
#include "vscode/ChatSessionFile.h"

#include "BenchOptions.h"
#include "Corpus.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QDir>
#include <QFileInfo>
#include <QTemporaryDir>

#include <boost/json/value.hpp>

#include <sys/resource.h>

#include <algorithm>
#include <cstdio>
#include <vector>

using namespace Qt::StringLiterals;

namespace {

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
    const QString shapeName = option(u"--shape"_s, u"streamed"_s);
    const auto shape = shapeName == u"whole"_s       ? chasm::bench::VsCodeShape::WholeRequests
                       : shapeName == u"compacted"_s ? chasm::bench::VsCodeShape::Compacted
                                                     : chasm::bench::VsCodeShape::Streamed;
    if (const QString home = option(u"--home"_s, {}); !home.isEmpty()) {
        const qint64 bytes = sizeMb * 1024 * 1024;
        const QString written = shapeName == u"claude"_s  ? chasm::bench::writeClaudeCodeHome(home, bytes)
                                : shapeName == u"codex"_s ? chasm::bench::writeCodexHome(home, bytes)
                                                          : chasm::bench::writeVsCodeHome(home, bytes, shape);
        std::printf("%s\n", qPrintable(written));
        return 0;
    }
    QTemporaryDir temporary(option(u"--dir"_s, QDir::tempPath()) + u"/chasm-bench-XXXXXX"_s);
    temporary.setAutoRemove(!args.contains(u"--keep"_s));
    const QString path = temporary.filePath(QString::fromLatin1(chasm::bench::vsCodeSessionId) + u".jsonl"_s);

    QElapsedTimer timer;
    timer.start();
    chasm::bench::writeVsCodeSession(path, sizeMb * 1024 * 1024, shape);
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
