// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

// The watch service as the tray and `chasm watch` run it (HarvestService watching through WatchService), on a HOME of
// Claude Code transcripts, each with its folder of tool output as Claude Code makes it:
//  - latency: from a new transcript written to its words being searchable in the harvest database (read on a
//    connection of its own, every 5 ms), each run; target: at most the debounce + 500 ms;
//  - idle: the CPU time (getrusage, user + system, the whole process) used while nothing changes, in windows of ten
//    seconds over --idle seconds;
//  - the folders watched (inotify watches) for that many files.
//
//   bench_watch [--files N] [--projects P] [--debounce-ms D] [--runs R] [--idle S]
//
// Prints each figure and the medians.

#include "BenchOptions.h"
#include "providers/SessionCatalog.h"
#include "services/HarvestService.h"
#include "store/Database.h"
#include "store/HarvestStore.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QThread>
#include <QTimer>

#include <cstdio>
#include <functional>
#include <vector>

#include <sys/resource.h>

using namespace Qt::StringLiterals;

namespace {

QByteArray transcriptLine(const QString& sessionId, const QString& text)
{
    return R"({"parentUuid":null,"isSidechain":false,"userType":"external","cwd":"/home/dev/project","sessionId":")" +
           sessionId.toUtf8() +
           R"(","version":"2.1.197","uuid":"u1","timestamp":"2026-11-20T10:00:00.000Z","type":"user","message":{"role":"user","content":")" +
           text.toUtf8() + "\"}}\n";
}

QString sessionId(int n)
{
    return u"%1-aaaa-4bbb-8ccc-000000000000"_s.arg(n, 8, 10, QLatin1Char('0'));
}

bool write(const QString& path, const QByteArray& bytes)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(bytes) == bytes.size();
}

double cpuMs()
{
    rusage usage{};
    ::getrusage(RUSAGE_SELF, &usage);
    const auto ms = [](const timeval& t) { return double(t.tv_sec) * 1000 + double(t.tv_usec) / 1000; };
    return ms(usage.ru_utime) + ms(usage.ru_stime);
}

// Runs the event loop until `done` holds, checking every 5 ms; false after `timeoutMs`.
bool spinUntil(const std::function<bool()>& done, int timeoutMs)
{
    QElapsedTimer clock;
    clock.start();
    while (!done()) {
        if (clock.elapsed() > timeoutMs) {
            return false;
        }
        QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
        QThread::msleep(5);
    }
    return true;
}

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    QStandardPaths::setTestModeEnabled(true);
    const QStringList arguments = app.arguments();
    const int files = chasm::bench::option(arguments, u"--files"_s, u"10000"_s).toInt();
    const int projects = chasm::bench::option(arguments, u"--projects"_s, u"200"_s).toInt();
    const int debounceMs = chasm::bench::option(arguments, u"--debounce-ms"_s, u"1000"_s).toInt();
    const int runs = chasm::bench::option(arguments, u"--runs"_s, u"9"_s).toInt();
    const int idleSeconds = chasm::bench::option(arguments, u"--idle"_s, u"60"_s).toInt();
    if (files < 1 || projects < 1 || debounceMs < 0 || runs < 1 || idleSeconds < 10) {
        std::fprintf(stderr,
                     "usage: bench_watch [--files N] [--projects P] [--debounce-ms D] [--runs R] [--idle S>=10]\n");
        return 2;
    }

    QTemporaryDir home;
    const QString store = home.filePath(u".claude/projects"_s);
    for (int p = 0; p < projects; ++p) {
        QDir().mkpath(store + u"/-home-dev-project-%1"_s.arg(p));
    }
    for (int n = 0; n < files; ++n) {
        const QString path = store + u"/-home-dev-project-%1/%2.jsonl"_s.arg(n % projects).arg(sessionId(n));
        // Claude Code keeps a session's tool output in a folder beside its transcript.
        QDir().mkpath(path.chopped(6) + u"/tool-results"_s);
        if (!write(path, transcriptLine(sessionId(n), u"an old question number %1"_s.arg(n)))) {
            std::fprintf(stderr, "cannot write %s\n", qPrintable(path));
            return 1;
        }
    }
    QHash<QString, QString> variables{{u"HOME"_s, home.path()}, {u"PWD"_s, home.path()}};
    const chasm::Environment environment = chasm::Environment::fromVariables(variables, chasm::Platform::Linux);
    const QString databasePath = home.filePath(u"chasm.db"_s);
    chasm::HarvestService harvest(std::make_shared<const chasm::SessionCatalog>(environment), databasePath);
    harvest.setProviders({u"claude-code"_s});
    harvest.setDebounce(std::chrono::milliseconds(debounceMs));
    harvest.setRescanInterval(std::chrono::milliseconds(0));
    bool settled = false;
    QObject::connect(&harvest, &chasm::HarvestService::settled, &app, [&settled] { settled = true; });
    QElapsedTimer first;
    first.start();
    harvest.setWatching(true);
    if (!spinUntil([&settled] { return settled; }, 600000)) {
        std::fprintf(stderr, "the first harvest did not end\n");
        return 1;
    }
    std::printf("%d transcripts in %d projects: first harvest %.1f s, %lld folders watched\n", files, projects,
                double(first.elapsed()) / 1000, qlonglong(harvest.watchedPaths().size()));

    auto database = chasm::Database::open(databasePath);
    if (!database) {
        std::fprintf(stderr, "%s\n", qPrintable(database.error().message));
        return 1;
    }
    const chasm::HarvestStore reader(*database.value());
    const auto searchable = [&reader](const QString& word) {
        const auto found = reader.search(word, {});
        return found && !found->hits.isEmpty();
    };
    std::vector<double> latencies;
    for (int run = 0; run < runs; ++run) {
        const QString word = u"benchword%1x"_s.arg(run);
        const int n = files + run;
        const QString path = store + u"/-home-dev-project-%1/%2.jsonl"_s.arg(n % projects).arg(sessionId(n));
        QElapsedTimer clock;
        clock.start();
        if (!write(path, transcriptLine(sessionId(n), u"a new question about "_s + word))) {
            return 1;
        }
        if (!spinUntil([&] { return searchable(word); }, debounceMs + 60000)) {
            std::fprintf(stderr, "run %d: never searchable\n", run + 1);
            return 1;
        }
        latencies.push_back(double(clock.elapsed()));
        std::printf("latency run %d: %.0f ms\n", run + 1, latencies.back());
        spinUntil([&harvest] { return !harvest.isRunning(); }, 60000);
    }

    // Idle: nothing written; the loop waits for events only.
    std::vector<double> windows;
    double idleTotal = 0;
    for (int w = 0; w < idleSeconds / 10; ++w) {
        const double before = cpuMs();
        QTimer::singleShot(10000, &app, &QCoreApplication::quit);
        QCoreApplication::exec();
        windows.push_back(cpuMs() - before);
        idleTotal += windows.back();
        std::printf("idle window %d: %.1f ms CPU in 10 s\n", w + 1, windows.back());
    }
    std::printf(
        "median latency %.0f ms (target <= %d ms); idle CPU median %.2f ms per 10 s, %.1f ms in %d s (%.4f %% of "
        "a core); %lld folders watched\n",
        chasm::bench::median(latencies), debounceMs + 500, chasm::bench::median(windows), idleTotal,
        int(windows.size()) * 10, idleTotal / (double(windows.size()) * 10000) * 100,
        qlonglong(harvest.watchedPaths().size()));
    return 0;
}
