// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

// Measures HistoryService on a generated harvest database: a page of the sessions listing, windows of the messages
// of one long session (at its start, middle and end, all messages or the user's only), the statistics and a file's
// history. The database is made once (sessions of 20 to 2 000 messages up to --messages, one of them --long
// messages, with tool calls naming files) and kept at --db for the next runs.
//
//   bench_history [--messages 1000000] [--long 200000] [--runs 20] [--db FILE]

#include "services/HistoryService.h"
#include "store/HarvestStore.h"

#include "BenchOptions.h"
#include "Corpus.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QTemporaryDir>

#include <cstdio>
#include <functional>

using namespace Qt::StringLiterals;
using namespace chasm;

namespace {

[[noreturn]] void fail(const QString& message)
{
    std::fprintf(stderr, "%s\n", qPrintable(message));
    std::exit(1);
}

QString fileOf(int n)
{
    return u"/home/me/project/src/module%1/file%2.ts"_s.arg(n % 40).arg(n % 997);
}

Session generated(bench::Vocabulary& words, int n, int messages, const QDateTime& start)
{
    Session s;
    s.provider = n % 3 == 0 ? u"codex"_s : u"claude-code"_s;
    s.nativeId = u"%1-0000-4000-8000-000000000000"_s.arg(n, 8, 10, QChar(u'0'));
    s.id = s.provider + u':' + s.nativeId;
    s.title = u"session %1"_s.arg(n);
    s.projectPath = u"/home/me/project%1"_s.arg(n % 50);
    s.createdAt = start;
    for (int i = 0; i < messages; ++i) {
        Message m;
        m.role = i % 4 == 0 ? Role::User : Role::Assistant;
        m.timestamp = start.addSecs(i * 20);
        const std::size_t bytes = m.role == Role::User ? 200 : 200 + words.random()() % 1500;
        m.content = QString::fromStdString(words.prose(bytes));
        if (m.role == Role::Assistant && i % 3 == 1) {
            ToolCall call;
            call.name = u"Edit"_s;
            call.status = u"completed"_s;
            call.input = uR"({"file_path":"%1","old_string":"%2"})"_s.arg(fileOf(n * 7 + i),
                                                                          QString::fromStdString(words.code(300)));
            m.toolCalls.append(call);
        }
        if (i % 97 == 5) {
            m.content += u" (see "_s + fileOf(n + i) + u')';
        }
        s.messages.append(std::move(m));
    }
    s.updatedAt = s.messages.isEmpty() ? start : s.messages.constLast().timestamp;
    return s;
}

void generate(Database& db, qint64 totalMessages, int longMessages)
{
    bench::Vocabulary words(7);
    HarvestStore store(db);
    QDateTime start = QDateTime::fromString(u"2025-01-01T00:00:00Z"_s, Qt::ISODate);
    qint64 written = 0;
    if (auto error = store.begin()) {
        fail(error->message);
    }
    for (int n = 0; written < totalMessages; ++n) {
        const int count = n == 0 ? longMessages : int(20 + words.random()() % 1980);
        const Session s = generated(words, n, count, start);
        start = start.addSecs(3 * 3600);
        SessionRef ref;
        ref.id = s.id;
        ref.provider = s.provider;
        ref.path = u"/sources/"_s + s.nativeId;
        ref.workspace = u"ws%1"_s.arg(n % 30);
        if (auto stored = store.store(ref, HarvestStore::prepare(s)); !stored) {
            fail(stored.error().message);
        }
        written += count;
        if (n % 20 == 19) {
            if (auto error = store.commit()) {
                fail(error->message);
            }
            if (auto error = store.begin()) {
                fail(error->message);
            }
        }
    }
    if (auto error = store.commit()) {
        fail(error->message);
    }
    store.recordRun(start, 1, 0, 0, 0);
}

// The median and p95 of `runs` calls, in milliseconds.
void measure(const char* what, int runs, const std::function<void()>& call)
{
    std::vector<double> times;
    for (int i = 0; i < runs; ++i) {
        QElapsedTimer timer;
        timer.start();
        call();
        times.push_back(double(timer.nsecsElapsed()) / 1e6);
    }
    std::printf("%-44s median %9.3f ms   p95 %9.3f ms\n", what, bench::median(times), bench::percentile(times, 0.95));
}

template<typename T>
T check(Result<T> result)
{
    if (!result) {
        fail(result.error().message);
    }
    return std::move(result).value();
}

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    const qint64 messages = bench::option(args, u"--messages"_s, u"1000000"_s).toLongLong();
    const int longMessages = bench::option(args, u"--long"_s, u"200000"_s).toInt();
    const int runs = bench::option(args, u"--runs"_s, u"20"_s).toInt();
    QTemporaryDir dir;
    const QString path = bench::option(args, u"--db"_s, dir.filePath(u"history.db"_s));

    const bool made = !QFileInfo::exists(path);
    QElapsedTimer timer;
    timer.start();
    auto opened = Database::open(path, [](const QString& notice) { std::printf("%s\n", qPrintable(notice)); });
    if (!opened) {
        fail(opened.error().message);
    }
    Database& db = **opened;
    std::printf("opened %s in %.1f s\n", qPrintable(path), double(timer.elapsed()) / 1000);
    if (made) {
        timer.start();
        generate(db, messages, longMessages);
        std::printf("generated %lld messages in %.1f s\n", messages, double(timer.elapsed()) / 1000);
    }
    const auto stats = check(HistoryService::stats(db));
    std::printf("%lld sessions, %lld messages, %.0f MB\n", stats.sessions, stats.messages,
                double(stats.sizeBytes) / 1e6);

    measure("sessions: first page", runs, [&] { check(HistoryService::sessions(db, {})); });
    measure("sessions: a project, page 3", runs, [&] {
        HistoryService::SessionsRequest request;
        request.projectPath = u"/home/me/project7"_s;
        request.offset = 100;
        check(HistoryService::sessions(db, request));
    });
    measure("sessions: a provider and workspace", runs, [&] {
        HistoryService::SessionsRequest request;
        request.provider = u"codex"_s;
        request.workspaceId = u"ws3"_s;
        check(HistoryService::sessions(db, request));
    });

    const QString longId = u"codex:00000000"_s; // the first session generated
    for (const int from : {0, longMessages / 2, longMessages - 50}) {
        HistoryService::MessagesRequest request;
        request.sessionId = longId;
        request.from = from;
        measure(qPrintable(u"messages: 50 of %1 from %2"_s.arg(longMessages).arg(from)), runs,
                [&] { check(HistoryService::messages(db, request)); });
        request.roles = {u"user"_s};
        measure(qPrintable(u"messages: 50 user's of %1 from %2"_s.arg(longMessages).arg(from)), runs,
                [&] { check(HistoryService::messages(db, request)); });
    }
    HistoryService::MessagesRequest around;
    around.sessionId = longId;
    around.around = longMessages / 3;
    around.roles = {u"user"_s, u"assistant"_s};
    measure("messages: 50 around, two roles", runs, [&] { check(HistoryService::messages(db, around)); });

    measure("stats", std::max(1, runs / 10), [&] { check(HistoryService::stats(db)); });
    for (const QString& file : {fileOf(123), u"file123.ts"_s}) {
        measure(qPrintable(u"file history: "_s + file), std::max(1, runs / 10),
                [&] { check(HistoryService::fileHistory(db, {file})); });
    }
    return 0;
}
