// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

// The desktop app at scale, as a user meets it: how soon a huge VS Code session (or Claude Code transcript, --shape
// claude, or Codex rollout, --shape codex) shows its first screen (and the whole of it) after it is selected, how long
// the GUI thread stalls while it opens, while the reader pages through it and opens the Raw tab, while the window lists
// a large HOME and while a large harvest runs.
//
//   bench_app [--session-mb 1024] [--shape vscode|claude|codex] [--harvest-mb 1024] [--runs 3] [--dir DIR] [--keep]
//
// Runs the real MainWindow on generated HOMEs in a temporary folder, its settings file and harvest
// database there too, so the user's own are never touched; QT_QPA_PLATFORM=offscreen works. Sizes are
// those of the other benchmarks: --session-mb in MiB like bench_read_session's --size-mb, --harvest-mb in
// MB (10^6 bytes) like bench_harvest's --mb. A stall is a gap between consecutive ticks of a 1 ms timer on
// the GUI thread; the target is that none reaches 50 ms. Peak RSS is the process's high-water mark when
// each part ends.

#include "models/SessionListModel.h"
#include "util/Settings.h"
#include "views/ConversationView.h"
#include "views/MainWindow.h"
#include "views/RawRecordView.h"

#include "BenchOptions.h"
#include "Corpus.h"

#include <QApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QFileInfo>
#include <QLabel>
#include <QPlainTextEdit>
#include <QScrollBar>
#include <QSortFilterProxyModel>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTextBrowser>
#include <QThread>
#include <QTimer>

#include <sys/resource.h>

#include <algorithm>
#include <cstdio>
#include <functional>
#include <optional>
#include <vector>

using namespace Qt::StringLiterals;
using namespace chasm;

namespace {

constexpr double stallTargetMs = 50;
// Long enough for a gigabyte to be listed, read or harvested on a slow machine; a wait this long has hung.
constexpr qint64 waitLimitMs = 15 * 60 * 1000;
// Pages scrolled through the huge session.
constexpr int scrollPages = 150;

double peakRssMiB()
{
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return double(usage.ru_maxrss) / 1024.0; // kilobytes on Linux
}

double percentile(std::vector<double> values, double p)
{
    std::sort(values.begin(), values.end());
    return values.empty() ? 0 : values[std::min(values.size() - 1, std::size_t(p * double(values.size())))];
}

double seconds(qint64 nanoseconds)
{
    return double(nanoseconds) / 1e9;
}

double milliseconds(qint64 nanoseconds)
{
    return double(nanoseconds) / 1e6;
}

// The same line scripts/bench prints: cores, memory and CPU model, from /proc.
QString machine()
{
    const auto field = [](const QString& path, const QString& name) {
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly)) {
            return QString();
        }
        for (const QByteArray& line : file.readAll().split('\n')) {
            if (line.startsWith(name.toLatin1())) {
                return QString::fromLatin1(line.mid(line.indexOf(':') + 1)).trimmed();
            }
        }
        return QString();
    };
    const double memoryGiB = field(u"/proc/meminfo"_s, u"MemTotal"_s).section(u' ', 0, 0).toDouble() / 1048576.0;
    return u"machine: %1 cores, %2 GiB, %3"_s.arg(QThread::idealThreadCount())
        .arg(memoryGiB, 0, 'f', 0)
        .arg(field(u"/proc/cpuinfo"_s, u"model name"_s));
}

// Runs the event loop until `done` holds, looking every few milliseconds; false when the wait limit passes
// first. The figures are taken where things happen (signals, the event filter), never here, so how often
// this looks does not change them.
bool runUntil(const std::function<bool()>& done)
{
    if (done()) {
        return true;
    }
    QEventLoop loop;
    QElapsedTimer waited;
    waited.start();
    QTimer poll;
    QObject::connect(&poll, &QTimer::timeout, &loop, [&] {
        if (done()) {
            loop.exit(0);
        } else if (waited.elapsed() > waitLimitMs) {
            loop.exit(1);
        }
    });
    poll.start(5);
    return loop.exec() == 0;
}

// How responsive the GUI thread is: a 1 ms precise timer on it, each tick timestamped; a gap between two
// ticks is how long the event loop could not run. 1 ms rather than 0 leaves the second core to the workers.
class StallMeter final : public QObject
{
public:
    struct Gap
    {
        double ms = 0;
        double endSeconds = 0; // from start()
    };

    StallMeter()
    {
        m_timer.setTimerType(Qt::PreciseTimer);
        m_timer.setInterval(1);
        connect(&m_timer, &QTimer::timeout, this, &StallMeter::tick);
    }

    void start()
    {
        m_gaps.clear();
        m_clock.start();
        m_last = 0;
        m_timer.start();
    }
    // The gap up to the stop counts too: a stall can end with what was being waited for.
    void stop()
    {
        tick();
        m_timer.stop();
    }
    // From start() to stop().
    double durationSeconds() const { return seconds(m_last); }
    qint64 elapsedNs() const { return m_clock.nsecsElapsed(); }
    std::size_t ticks() const { return m_gaps.size(); }
    // The `count` longest gaps, longest first.
    std::vector<Gap> longest(std::size_t count) const
    {
        std::vector<Gap> gaps = m_gaps;
        count = std::min(count, gaps.size());
        std::partial_sort(gaps.begin(), gaps.begin() + qsizetype(count), gaps.end(),
                          [](const Gap& a, const Gap& b) { return a.ms > b.ms; });
        gaps.resize(count);
        return gaps;
    }
    double longestMs() const { return m_gaps.empty() ? 0 : longest(1).front().ms; }
    double percentileMs(double p) const
    {
        std::vector<double> ms;
        ms.reserve(m_gaps.size());
        for (const Gap& gap : m_gaps) {
            ms.push_back(gap.ms);
        }
        return percentile(std::move(ms), p);
    }

private:
    void tick()
    {
        const qint64 now = m_clock.nsecsElapsed();
        m_gaps.push_back({milliseconds(now - m_last), seconds(now)});
        m_last = now;
    }

    QTimer m_timer;
    QElapsedTimer m_clock;
    std::vector<Gap> m_gaps;
    qint64 m_last = 0;
};

// "244 ms at 0.25 s, 12 ms at 1.10 s, …": the longest gaps and when each ended.
QString longestGaps(const StallMeter& meter, std::size_t count)
{
    QStringList gaps;
    for (const StallMeter::Gap& gap : meter.longest(count)) {
        gaps << u"%1 ms at %2 s"_s.arg(gap.ms, 0, 'f', 0).arg(gap.endSeconds, 0, 'f', 2);
    }
    return gaps.join(u", "_s);
}

QString verdict(double longestMs)
{
    return longestMs < stallTargetMs ? u"PASS"_s : u"FAIL"_s;
}

void printStalls(const char* what, const StallMeter& meter)
{
    std::printf("  longest stall %s: %.1f ms  %s (target < %.0f ms); p99 gap %.2f ms over %zu ticks; longest: %s\n",
                what, meter.longestMs(), qPrintable(verdict(meter.longestMs())), stallTargetMs,
                meter.percentileMs(0.99), meter.ticks(), qPrintable(longestGaps(meter, 3)));
}

// A session switch as the user sees it: from the selection to the end of the first paint of the
// conversation's viewport that shows the session, and to MainWindow::sessionShown for it.
class SwitchClock final : public QObject
{
public:
    explicit SwitchClock(MainWindow& window)
        : m_window(window)
    {
        window.conversationView()->textView()->viewport()->installEventFilter(this);
        connect(&window, &MainWindow::sessionShown, this, [this](const QString& id) {
            if (id == m_id && m_shownNs < 0) {
                m_shownNs = m_clock.nsecsElapsed();
            }
        });
    }

    void start(const QString& id)
    {
        m_id = id;
        m_paintStartNs = m_paintedNs = m_shownNs = -1;
        m_clock.start();
    }
    bool done() const { return m_paintedNs >= 0 && m_shownNs >= 0; }
    qint64 paintStartNs() const { return m_paintStartNs; }
    qint64 paintedNs() const { return m_paintedNs; }
    qint64 shownNs() const { return m_shownNs; }

protected:
    bool eventFilter(QObject* watched, QEvent* event) override
    {
        const Session* shown = m_window.conversationView()->session();
        if (event->type() == QEvent::Paint && m_paintStartNs < 0 && shown && shown->id == m_id) {
            m_paintStartNs = m_clock.nsecsElapsed();
            // The viewport paints after this filter returns, and the window flushes after that: a queued
            // call runs once both are done.
            QMetaObject::invokeMethod(
                this, [this] { m_paintedNs = m_clock.nsecsElapsed(); }, Qt::QueuedConnection);
        }
        return QObject::eventFilter(watched, event);
    }

private:
    MainWindow& m_window;
    QString m_id;
    QElapsedTimer m_clock;
    qint64 m_paintStartNs = -1;
    qint64 m_paintedNs = -1;
    qint64 m_shownNs = -1;
};

// Settings of their own in `folder`, with the harvest database there too and no tray (which would start
// harvesting by itself).
std::unique_ptr<Settings> benchSettings(const QString& folder)
{
    QDir().mkpath(folder);
    auto settings = std::make_unique<Settings>(folder + u"/chasm.conf"_s);
    settings->setValue(Settings::Key::DatabasePath, QString(folder + u"/chasm.db"_s));
    settings->setValue(Settings::Key::TrayEnabled, false);
    return settings;
}

// Shows the window and waits for its catalog (the listing the constructor started), measuring the GUI
// thread's stalls meanwhile when given a meter.
bool loadCatalog(MainWindow& window, StallMeter* meter)
{
    bool loaded = false;
    const QMetaObject::Connection connection =
        QObject::connect(&window, &MainWindow::catalogLoaded, &window, [&loaded] { loaded = true; });
    if (meter) {
        meter->start();
    }
    window.resize(1400, 900);
    window.show();
    const bool ok = runUntil([&loaded] { return loaded; });
    if (meter) {
        meter->stop();
    }
    QObject::disconnect(connection);
    if (!ok) {
        std::fprintf(stderr, "the window did not list its sessions in %lld s\n", waitLimitMs / 1000);
    }
    return ok;
}

QModelIndex rowOf(const MainWindow& window, const QString& id)
{
    const SessionListModel* model = window.sessionModel();
    for (int row = 0; row < model->rowCount(); ++row) {
        if (model->session(row).id == id) {
            const auto* proxy = static_cast<const QSortFilterProxyModel*>(window.sessionView()->model());
            return proxy->mapFromSource(model->index(row, SessionListModel::TitleColumn));
        }
    }
    return {};
}

// The Raw tab on the message at the top: its request's record, read from the log (which Chasm does not do for
// Claude Code's transcripts).
bool rawTab(MainWindow& window, StallMeter& meter)
{
    ConversationView* view = window.conversationView();
    QPlainTextEdit* raw = window.rawView();
    bool rawRead = false;
    const QMetaObject::Connection read =
        QObject::connect(window.rawRecordView(), &RawRecordView::readFinished, view, [&rawRead] { rawRead = true; });
    meter.start();
    window.viewTabs()->setCurrentWidget(window.rawRecordView());
    rawRead = runUntil([&rawRead] { return rawRead; });
    meter.stop();
    QObject::disconnect(read);
    window.viewTabs()->setCurrentWidget(view);
    if (!rawRead || raw->document()->isEmpty()) {
        std::fprintf(stderr, "the Raw tab showed no record: %s\n",
                     qPrintable(window.rawRecordView()->sourceLabel()->text()));
        return false;
    }
    std::printf("  Raw tab: %.0f KB record shown in %.0f ms; longest stalls %s\n",
                double(raw->toPlainText().size()) / 1024.0, meter.durationSeconds() * 1000.0,
                qPrintable(longestGaps(meter, 2)));
    return true;
}

// Part one: first paint and whole display of a huge VS Code session (or, by `shape`, a Claude Code transcript or a
// Codex rollout), switching to it from a tiny VS Code session.
bool sessionBench(const QString& folder, qint64 sessionMb, const QString& shape, int runs)
{
    const QString home = folder + u"/home"_s;
    const QString workspace = home + u"/.config/Code/User/workspaceStorage/5d41402abc4b2a76b9719d911017c592"_s;
    const QString big = u"0b1e55ed-0000-4000-8000-000000000001"_s;
    const QString tiny = u"0b1e55ed-0000-4000-8000-000000000002"_s;
    QDir().mkpath(workspace + u"/chatSessions"_s);
    QFile folderFile(workspace + u"/workspace.json"_s);
    if (!folderFile.open(QIODevice::WriteOnly) || folderFile.write(R"({"folder":"file:///home/me/bench"})") < 0) {
        std::fprintf(stderr, "cannot write %s\n", qPrintable(folderFile.fileName()));
        return false;
    }
    folderFile.close();
    QElapsedTimer timer;
    timer.start();
    const qint64 bytes = sessionMb * 1024 * 1024;
    const bool vscode = shape != u"claude"_s && shape != u"codex"_s;
    const QString bigPath = shape == u"claude"_s  ? bench::writeClaudeCodeHome(home, bytes)
                            : shape == u"codex"_s ? bench::writeCodexHome(home, bytes)
                                                  : workspace + u"/chatSessions/"_s + big + u".jsonl"_s;
    if (vscode) {
        bench::writeVsCodeSession(bigPath, bytes);
    }
    bench::writeVsCodeSession(workspace + u"/chatSessions/"_s + tiny + u".jsonl"_s, 4096);
    std::printf("huge session: %.0f MB %s and a 4 KB VS Code log (generated in %.1f s)\n",
                double(QFileInfo(bigPath).size()) / 1048576.0, qPrintable(vscode ? u"VS Code log"_s : shape),
                double(timer.elapsed()) / 1000.0);

    const auto settings = benchSettings(folder);
    timer.restart();
    MainWindow window(Environment::fromVariables({{u"HOME"_s, home}}, Platform::Linux), settings.get());
    if (!loadCatalog(window, nullptr)) {
        return false;
    }
    // A listing describes a session it has not seen by reading it whole, on the thread pool.
    std::printf("  listing: %.1f s from the window's construction, %d sessions\n", double(timer.elapsed()) / 1000.0,
                window.sessionModel()->rowCount());
    const QString bigId = shape == u"claude"_s  ? u"claude-code:"_s + QString::fromLatin1(bench::claudeCodeSessionId)
                          : shape == u"codex"_s ? u"codex:"_s + QString::fromLatin1(bench::codexSessionId)
                                                : u"copilot:"_s + big;
    const QString tinyId = u"copilot:"_s + tiny;
    const QModelIndex bigRow = rowOf(window, bigId);
    const QModelIndex tinyRow = rowOf(window, tinyId);
    if (!bigRow.isValid() || !tinyRow.isValid()) {
        std::fprintf(stderr, "the window does not list %s and %s\n", qPrintable(bigId), qPrintable(tinyId));
        return false;
    }

    SwitchClock clock(window);
    StallMeter meter;
    // Switching away from the huge session frees it on the GUI thread: its stalls are measured too.
    std::vector<double> awayStalls;
    const auto showTiny = [&](bool away) {
        bool tinyShown = false;
        const QMetaObject::Connection connection =
            QObject::connect(&window, &MainWindow::sessionShown, &window,
                             [&tinyShown, &tinyId](const QString& id) { tinyShown = tinyShown || id == tinyId; });
        meter.start();
        window.sessionView()->setCurrentIndex(tinyRow);
        const bool shown = runUntil([&tinyShown] { return tinyShown; });
        meter.stop();
        QObject::disconnect(connection);
        if (!shown) {
            std::fprintf(stderr, "the tiny session was not shown\n");
        } else if (away) {
            awayStalls.push_back(meter.longestMs());
            std::printf("  switching away to the tiny session: longest stall %s\n", qPrintable(longestGaps(meter, 1)));
        }
        return shown;
    };
    std::vector<double> firstPaint;
    std::vector<double> wholeShown;
    std::vector<double> stalls;
    for (int run = 0; run < runs; ++run) {
        if (!showTiny(run > 0)) {
            return false;
        }
        clock.start(bigId);
        meter.start();
        window.sessionView()->setCurrentIndex(bigRow);
        const bool shown = runUntil([&clock] { return clock.done(); });
        meter.stop();
        if (!shown) {
            std::fprintf(stderr, "the huge session was not shown in %lld s\n", waitLimitMs / 1000);
            return false;
        }
        firstPaint.push_back(milliseconds(clock.paintedNs()));
        wholeShown.push_back(seconds(clock.shownNs()));
        stalls.push_back(meter.longestMs());
        std::printf("  run %d: first paint %.0f ms (paint began at %.0f ms), whole session shown %.2f s, "
                    "longest stalls %s\n",
                    run + 1, firstPaint.back(), milliseconds(clock.paintStartNs()), wholeShown.back(),
                    qPrintable(longestGaps(meter, 2)));
    }
    const SessionMessages* session = window.conversationView()->messages().get();
    std::printf("  %d messages in the session\n", session ? session->conversationMessageCount() : 0);
    // What a reader does in it next: jump to its last message, then Ctrl+F a word through all of it.
    ConversationView* view = window.conversationView();
    double scrollStall = 0;
    if (session && session->count() > 0) {
        meter.start();
        QElapsedTimer step;
        step.start();
        view->showMessage(session->count() - 1);
        std::printf("  jump to the last message: %.0f ms\n", milliseconds(step.nsecsElapsed()));
        int matches = -1;
        const QMetaObject::Connection counted =
            QObject::connect(view, &ConversationView::findFinished, view, [&matches](int n) { matches = n; });
        step.restart();
        view->find(u"the"_s);
        const bool found = runUntil([&matches] { return matches >= 0; });
        const qint64 findNs = step.nsecsElapsed();
        meter.stop();
        QObject::disconnect(counted);
        if (!found) {
            std::fprintf(stderr, "find did not finish\n");
            return false;
        }
        std::printf("  find \"the\" in the whole session: %d matches in %.2f s, at match %d; longest stalls %s\n",
                    matches, seconds(findNs), view->currentMatch(), qPrintable(longestGaps(meter, 2)));
        view->find(QString());

        // Page Down held from the middle of the session, a page every 30 ms: messages far from any read so far.
        view->showMessage(session->count() / 2);
        QScrollBar* bar = view->textView()->verticalScrollBar();
        const int from = bar->value();
        meter.start();
        for (int page = 0; page < scrollPages; ++page) {
            bar->setValue(bar->value() + bar->pageStep());
            QElapsedTimer held;
            held.start();
            runUntil([&held] { return held.elapsed() >= 30; });
        }
        meter.stop();
        scrollStall = meter.longestMs();
        // How far it went: the window grows as the messages after it are read, so a page can find the end.
        std::printf("  Page Down %d times from message %d: %.0f pages down after %.1f s, %d placeholders in view; "
                    "longest stalls %s\n",
                    scrollPages, session->count() / 2, double(bar->value() - from) / double(bar->pageStep()),
                    meter.durationSeconds(), int(view->toPlainText().count(u"Reading message"_s)),
                    qPrintable(longestGaps(meter, 2)));

        if (vscode && !rawTab(window, meter)) {
            return false;
        }
    }
    if (!showTiny(true)) {
        return false;
    }
    const auto worst = [](const std::vector<double>& values) {
        return *std::max_element(values.begin(), values.end());
    };
    std::printf("  time to first paint:        median %7.0f ms\n", bench::median(firstPaint));
    std::printf("  whole session shown:        median %7.2f s\n", bench::median(wholeShown));
    std::printf("  longest stall switching to: median %7.0f ms  %s (target < %.0f ms)\n", bench::median(stalls),
                qPrintable(verdict(worst(stalls))), stallTargetMs);
    std::printf("  longest stall switching away: median %5.0f ms  %s (target < %.0f ms)\n", bench::median(awayStalls),
                qPrintable(verdict(worst(awayStalls))), stallTargetMs);
    std::printf("  longest stall scrolling:    %7.0f ms  %s (target < %.0f ms)\n", scrollStall,
                qPrintable(verdict(scrollStall)), stallTargetMs);
    std::printf("  peak RSS: %.0f MiB\n", peakRssMiB());
    return true;
}

// Part two: the GUI thread's longest stalls while the window lists a large HOME and while it harvests it.
bool harvestBench(const QString& folder, qint64 harvestMb)
{
    const QString home = folder + u"/home"_s;
    QElapsedTimer timer;
    timer.start();
    const bench::Corpus corpus = bench::writeHarvestCorpus(home, harvestMb * 1'000'000);
    std::printf("harvest corpus: %.0f MB, %d sessions, ~%lld messages (generated in %.1f s)\n",
                double(corpus.bytes) / 1e6, corpus.sessions, corpus.messages, double(timer.elapsed()) / 1000.0);

    const auto settings = benchSettings(folder);
    timer.restart();
    MainWindow window(Environment::fromVariables({{u"HOME"_s, home}}, Platform::Linux), settings.get());
    std::printf("  window constructed in %.0f ms\n", double(timer.nsecsElapsed()) / 1e6);
    StallMeter meter;
    if (!loadCatalog(window, &meter)) {
        return false;
    }
    std::printf("  catalog load: %.1f s after the construction, %d sessions listed\n", meter.durationSeconds(),
                window.sessionModel()->rowCount());
    printStalls("during the catalog load", meter);
    const double listingStall = meter.longestMs();

    std::optional<Harvester::Summary> summary;
    QString failure;
    qint64 finishedNs = -1;
    qint64 reloadedNs = -1;
    HarvestService* service = window.harvestService();
    QObject context;
    QObject::connect(service, &HarvestService::finished, &context, [&](const Harvester::Summary& result) {
        summary = result;
        finishedNs = meter.elapsedNs();
    });
    QObject::connect(service, &HarvestService::failed, &context, [&failure](const QString& error) { failure = error; });
    QObject::connect(&window, &MainWindow::catalogLoaded, &context, [&] {
        if (summary) {
            reloadedNs = meter.elapsedNs();
        }
    });
    // MainWindow::harvestFinished lists the stores again when the harvest created or updated sessions.
    const auto settled = [&] {
        return !failure.isEmpty() || (summary && (reloadedNs >= 0 || (summary->created == 0 && summary->updated == 0)));
    };
    meter.start();
    service->harvestNow();
    const bool done = runUntil(settled);
    meter.stop();
    if (!done || !failure.isEmpty()) {
        std::fprintf(stderr, "harvest failed: %s\n",
                     failure.isEmpty() ? "no result within the wait limit" : qPrintable(failure));
        return false;
    }
    const double harvestSeconds = seconds(finishedNs);
    std::printf("  harvest: %.1f s, %.1f MB/s, %d sessions created, %d failed; window reloaded %s\n", harvestSeconds,
                double(corpus.bytes) / 1e6 / harvestSeconds, summary->created, summary->failed,
                reloadedNs >= 0 ? qPrintable(u"%1 s after"_s.arg(seconds(reloadedNs - finishedNs), 0, 'f', 1))
                                : "not needed");
    printStalls("harvesting (until reloaded)", meter);
    std::printf("  peak RSS: %.0f MiB\n", peakRssMiB());
    const double longest = std::max(listingStall, meter.longestMs());
    std::printf("longest GUI stall, catalog load and harvest: %.1f ms  %s (target < %.0f ms)\n", longest,
                qPrintable(verdict(longest)), stallTargetMs);
    return true;
}

} // namespace

int main(int argc, char* argv[])
{
    QApplication app(argc, argv);
    const QStringList args = QApplication::arguments();
    const auto option = [&args](const QString& name, const QString& fallback) {
        return bench::option(args, name, fallback);
    };
    const qint64 sessionMb = option(u"--session-mb"_s, u"1024"_s).toLongLong();
    const qint64 harvestMb = option(u"--harvest-mb"_s, u"1024"_s).toLongLong();
    const int runs = std::max(1, option(u"--runs"_s, u"3"_s).toInt());
    QTemporaryDir temporary(option(u"--dir"_s, QDir::tempPath()) + u"/chasm-app-bench-XXXXXX"_s);
    temporary.setAutoRemove(!args.contains(u"--keep"_s)); // --keep: leave the HOMEs and databases for inspection
    if (args.contains(u"--keep"_s)) {
        std::printf("kept in %s\n", qPrintable(temporary.path()));
    }

    std::printf("%s\n", qPrintable(machine()));
    const bool ok =
        sessionBench(temporary.filePath(u"session"_s), sessionMb, option(u"--shape"_s, u"vscode"_s), runs) &&
        harvestBench(temporary.filePath(u"harvest"_s), harvestMb);
    return ok ? 0 : 1;
}
