// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

// Recorded events acknowledged per second over the WebSocket of a real `chasm api serve`, every acknowledgement durable
// (committed with synchronous=FULL before it is sent): a client (tests/common/RecordingStreamer) streams the events of
// a few sessions a batch at a time, with a window of events not yet acknowledged, into a fresh database each run.
//
//   bench_recording [--events N] [--sessions S] [--batch B] [--window W] [--padding WORDS] [--runs R]
//
// --padding adds words to each message, so that sessions grow big (a session past a megabyte has its rows written
// apart from its events).
//
// Prints each run's events per second and their median.

#include "BenchOptions.h"
#include "McpHttpProcess.h"
#include "RecordingStreamer.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTimer>

#include <cstdio>
#include <vector>

using namespace Qt::StringLiterals;

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    const QStringList arguments = app.arguments();
    const qint64 events = chasm::bench::option(arguments, u"--events"_s, u"40000"_s).toLongLong();
    const int sessions = chasm::bench::option(arguments, u"--sessions"_s, u"4"_s).toInt();
    const int batch = chasm::bench::option(arguments, u"--batch"_s, u"50"_s).toInt();
    const qint64 window = chasm::bench::option(arguments, u"--window"_s, u"5000"_s).toLongLong();
    const int padding = chasm::bench::option(arguments, u"--padding"_s, u"0"_s).toInt();
    const int runs = chasm::bench::option(arguments, u"--runs"_s, u"3"_s).toInt();
    if (events < 1 || sessions < 1 || batch < 1 || window < 1 || padding < 0 || runs < 1) {
        std::fprintf(stderr, "usage: bench_recording [--events N] [--sessions S] [--batch B] [--window W] "
                             "[--padding WORDS] [--runs R]\n");
        return 2;
    }
    const QByteArray token = "bench-recording-token";
    std::vector<double> rates;
    for (int run = 0; run < runs; ++run) {
        QTemporaryDir home;
        chasm::test::McpHttpProcess server;
        QProcessEnvironment environment;
        environment.insert(u"CHASM_API_TOKEN"_s, QString::fromLatin1(token));
        if (!server.startWith(home.path(),
                              {u"--db"_s, home.filePath(u"chasm.db"_s), u"api"_s, u"serve"_s, u"--port"_s, u"0"_s},
                              environment)) {
            std::fprintf(stderr, "the server did not start: %s\n", server.err().constData());
            return 1;
        }
        chasm::test::RecordingStreamer::Options options;
        options.sessions = sessions;
        options.eventsPerSession = (events + sessions - 1) / sessions;
        options.maxBatch = batch;
        options.window = window;
        options.token = token;
        options.seed = quint32(run + 1);
        options.padding = padding;
        chasm::test::RecordingStreamer streamer(options);
        QElapsedTimer clock;
        QObject::connect(&streamer, &chasm::test::RecordingStreamer::allAcknowledged, &app, [&app] { app.quit(); });
        QTimer::singleShot(600000, &app, [&app] { app.exit(1); });
        clock.start();
        streamer.connectTo(QUrl(u"ws://127.0.0.1:%1/api/v1/recording/ws"_s.arg(server.port())));
        if (app.exec() != 0 || !streamer.violations().isEmpty()) {
            std::fprintf(stderr, "run %d failed: %lld acknowledged; %s\n", run + 1,
                         static_cast<long long>(streamer.acknowledged()),
                         qPrintable(streamer.violations().join(u"; "_s)));
            return 1;
        }
        const double seconds = double(clock.nsecsElapsed()) / 1e9;
        const double rate = double(streamer.acknowledged()) / seconds;
        rates.push_back(rate);
        std::printf("run %d: %lld events acknowledged in %.2f s: %.0f events/s\n", run + 1,
                    static_cast<long long>(streamer.acknowledged()), seconds, rate);
    }
    std::printf(
        "median of %d runs: %.0f acknowledged events/s (%lld events, %d sessions, batches of 1-%d, window %lld, "
        "padding %d words)\n",
        runs, chasm::bench::median(rates), static_cast<long long>(events), sessions, batch,
        static_cast<long long>(window), padding);
    return 0;
}
