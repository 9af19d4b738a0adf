// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

// The start-up of the command-line program: `chasm` started as a new process, as a shell, a script or an editor
// integration starts it for each query, from its start to its exit.
//
//   bench_startup [--chasm PATH] [--runs 50] [--mb 2]
//
// Generates a HOME of about --mb megabytes (Claude Code transcripts and Codex rollouts, see writeHarvestCorpus in
// Corpus.h), harvests it once with the program into a database, then starts, in turn, --runs times each:
//   chasm --version                                   (start-up and exit, nothing else)
//   chasm harvest search WORD -n 20 --db DB           (a common word of the corpus: 20 ranked hits)
//   chasm list sessions                               (every session of the HOME)
// and reports each command's median, p95 and largest wall time. The commands alternate, so that a change in
// the machine's speed during the run reaches all of them alike.

#include "BenchOptions.h"
#include "Corpus.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QProcess>
#include <QTemporaryDir>

#include <cstdio>
#include <vector>

using namespace Qt::StringLiterals;
using chasm::bench::median;
using chasm::bench::option;
using chasm::bench::percentile;

namespace {

struct Command
{
    QString name;
    QStringList arguments;
    std::vector<double> milliseconds;
};

// Runs the program once with `arguments` under `environment`, its output thrown away: the wall time in ms, or
// a negative value when it did not start or did not exit with 0.
double run(const QString& program, const QStringList& arguments, const QProcessEnvironment& environment)
{
    QProcess process;
    process.setProcessEnvironment(environment);
    process.setStandardOutputFile(QProcess::nullDevice());
    process.setStandardErrorFile(QProcess::nullDevice());
    QElapsedTimer timer;
    timer.start();
    process.start(program, arguments);
    if (!process.waitForFinished(-1) || process.exitStatus() != QProcess::NormalExit || process.exitCode() != 0) {
        return -1;
    }
    return double(timer.nsecsElapsed()) / 1e6;
}

} // namespace

int main(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    const QStringList arguments = QCoreApplication::arguments();
    const QString chasm = option(arguments, u"--chasm"_s, QStringLiteral(CHASM_CLI_BINARY));
    const int runs = std::max(1, option(arguments, u"--runs"_s, u"50"_s).toInt());
    const qint64 megabytes = std::max(1, option(arguments, u"--mb"_s, u"2"_s).toInt());

    QTemporaryDir home;
    const chasm::bench::Corpus corpus = chasm::bench::writeHarvestCorpus(home.path(), megabytes * 1000 * 1000);
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(u"HOME"_s, home.path());
    environment.insert(u"XDG_CONFIG_HOME"_s, home.filePath(u".config"_s));
    environment.insert(u"XDG_DATA_HOME"_s, home.filePath(u".local/share"_s));
    environment.insert(u"XDG_CACHE_HOME"_s, home.filePath(u".cache"_s));
    const QString database = home.filePath(u"chasm.db"_s);
    // A first listing, unmeasured, as a user's earlier runs: the files are in the page cache for the runs below.
    if (run(chasm, {u"harvest"_s, u"run"_s, u"--db"_s, database}, environment) < 0 ||
        run(chasm, {u"list"_s, u"sessions"_s}, environment) < 0) {
        std::fprintf(stderr, "%s cannot harvest or list the generated HOME\n", qPrintable(chasm));
        return 1;
    }
    const QString word = QString::fromStdString(chasm::bench::Vocabulary(42).at(20));
    std::vector<Command> commands{
        {u"--version"_s, {u"--version"_s}, {}},
        {u"harvest search %1 -n 20"_s.arg(word),
         {u"harvest"_s, u"search"_s, word, u"-n"_s, u"20"_s, u"--db"_s, database},
         {}},
        {u"list sessions"_s, {u"list"_s, u"sessions"_s}, {}},
    };
    for (int i = 0; i < runs; ++i) {
        for (Command& command : commands) {
            const double ms = run(chasm, command.arguments, environment);
            if (ms < 0) {
                std::fprintf(stderr, "chasm %s failed\n", qPrintable(command.name));
                return 1;
            }
            command.milliseconds.push_back(ms);
        }
    }
    std::printf("chasm started as a new process, %d runs of each, alternating (%d sessions, %.1f MB in the HOME)\n",
                runs, corpus.sessions, double(corpus.bytes) / 1e6);
    for (const Command& command : commands) {
        std::printf("  %-32s median %5.1f ms  p95 %5.1f ms  max %5.1f ms\n", qPrintable(command.name),
                    median(command.milliseconds), percentile(command.milliseconds, 0.95),
                    percentile(command.milliseconds, 1.0));
    }
    return 0;
}
