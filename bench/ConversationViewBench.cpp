// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

// How fast the conversation view shows a huge session that is already loaded: the first screen, a jump
// to a message near the end, scrolling (each step that brings in more messages) and find in session.
//
//   bench_conversation_view [--turns 20000] [--turn-kb 50] [--runs 5]
//
// Loading the session (reading and parsing its file) comes before this and is measured by
// bench_read_session. Runs under QT_QPA_PLATFORM=offscreen as well as on a desktop.

#include "views/ConversationView.h"

#include "BenchOptions.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QScrollBar>
#include <QTextBrowser>
#include <QTimeZone>
#include <QTimer>

#include <cstdio>
#include <random>

using namespace Qt::StringLiterals;
using namespace chasm;

namespace {

std::shared_ptr<const Session> hugeSession(int turns, int turnBytes)
{
    static const QStringList words{u"the"_s,   u"parser"_s, u"returns"_s, u"a"_s,      u"value"_s, u"when"_s,
                                   u"test"_s,  u"fails"_s,  u"server"_s,  u"config"_s, u"cache"_s, u"thread"_s,
                                   u"error"_s, u"module"_s, u"build"_s,   u"query"_s,  u"index"_s, u"path"_s};
    std::mt19937 random(7);
    auto session = std::make_shared<Session>();
    session->title = u"Huge session"_s;
    const QDateTime start(QDate(2026, 1, 1), QTime(9, 0), QTimeZone::utc());
    for (int i = 0; i < turns; ++i) {
        Message m;
        m.role = i % 2 ? Role::Assistant : Role::User;
        m.timestamp = start.addSecs(i * 60);
        QString text;
        while (text.size() < turnBytes) {
            text += words.at(random() % words.size());
            text += random() % 15 == 0 ? u". "_s : u" "_s;
            if (random() % 400 == 0) {
                text += u"\n\n```cpp\nint value = parse(input);\nreturn value;\n```\n\n"_s;
            }
        }
        m.content = text;
        if (i % 5 == 1) {
            m.toolCalls.append({u"c"_s, u"run_in_terminal"_s, u"make test"_s, text.left(2000), u"completed"_s});
        }
        session->messages.append(m);
    }
    return session;
}

double ms(const QElapsedTimer& timer)
{
    return double(timer.nsecsElapsed()) / 1e6;
}

} // namespace

int main(int argc, char* argv[])
{
    QApplication app(argc, argv);
    const QStringList args = QApplication::arguments();
    const int turns = bench::option(args, u"--turns"_s, u"20000"_s).toInt();
    const int turnBytes = bench::option(args, u"--turn-kb"_s, u"50"_s).toInt() * 1000;
    const int runs = bench::option(args, u"--runs"_s, u"5"_s).toInt();

    QElapsedTimer timer;
    timer.start();
    const auto session = hugeSession(turns, turnBytes);
    qint64 characters = 0;
    for (const Message& m : session->messages) {
        characters += m.content.size();
    }
    std::printf("session: %d turns, %.0f M characters of text (built in %.1f s)\n", turns, characters / 1e6,
                ms(timer) / 1000);

    std::vector<double> first, jump, scroll, find, findStall;
    for (int run = 0; run < runs; ++run) {
        ConversationView view;
        view.resize(1000, 800);
        view.show();
        QApplication::processEvents();
        // First screen: render the window, lay it out and paint the viewport.
        timer.restart();
        view.showSession(SessionMessages::whole(*session));
        view.textView()->viewport()->grab();
        first.push_back(ms(timer));
        // Scrolling: each step to the bottom brings in the next messages.
        QScrollBar* bar = view.textView()->verticalScrollBar();
        std::vector<double> steps;
        for (int i = 0; i < 20; ++i) {
            timer.restart();
            bar->setValue(bar->maximum());
            view.textView()->viewport()->grab();
            steps.push_back(ms(timer));
        }
        scroll.push_back(*std::max_element(steps.begin(), steps.end()));
        timer.restart();
        view.showMessage(turns - 100, {u"parser"_s});
        view.textView()->viewport()->grab();
        jump.push_back(ms(timer));
        // Find counts on a worker thread: the time until the answer, and the longest the GUI thread
        // was busy meanwhile (a timer that should fire every millisecond measures the gaps).
        QEventLoop loop;
        QObject::connect(&view, &ConversationView::findFinished, &loop, &QEventLoop::quit);
        QElapsedTimer gap;
        double longestGap = 0;
        QTimer ticker;
        ticker.setInterval(1);
        QObject::connect(&ticker, &QTimer::timeout, &ticker, [&] {
            longestGap = std::max(longestGap, ms(gap));
            gap.restart();
        });
        timer.restart();
        gap.start();
        ticker.start();
        view.find(u"zzz-not-there"_s);
        loop.exec();
        find.push_back(ms(timer));
        findStall.push_back(std::max(longestGap, ms(gap)));
    }
    std::printf("first screen:              median %7.1f ms\n", bench::median(first));
    std::printf("scroll step (worst of 20): median %7.1f ms\n", bench::median(scroll));
    std::printf("jump to message %d:     median %7.1f ms\n", turns - 100, bench::median(jump));
    std::printf("find in session (no hit):  median %7.1f ms until the answer, GUI thread busy at most %.1f ms\n",
                bench::median(find), bench::median(findStall));
    return 0;
}
