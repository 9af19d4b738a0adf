// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#include "CliSupport.h"

#include <QTest>

#include <sstream>

using namespace chasm::cli;

// The bars `harvest run` draws on a terminal: the harvest's, then, into a team database, the push's on the same line.
class TestProgressBar : public QObject
{
    Q_OBJECT

    static int count(const std::string& text, const std::string& part)
    {
        int found = 0;
        for (std::size_t at = text.find(part); at != std::string::npos; at = text.find(part, at + part.size())) {
            ++found;
        }
        return found;
    }

private Q_SLOTS:
    // The harvest's bar is erased once when the push starts (not at each session pushed, which would blank the line
    // between the push's redraws), and the push's bar says how long is left, reckoned from its own start.
    void pushAfterHarvest()
    {
        std::ostringstream err;
        ProgressBar harvest(err);
        ProgressBar push(err);
        harvest.show({10, 10, 1000, 1000});
        for (int done = 1; done <= 20; ++done) {
            harvest.clear();
            push.show({done, 20, 0, 0});
        }
        push.clear();
        const std::string drawn = err.str();
        QCOMPARE(count(drawn, "\r\x1b[K"), 2); // the harvest's bar, then the push's
        QVERIFY2(drawn.find("] 10/10 sessions  0.0/0.0 MB") != std::string::npos, drawn.c_str());
        QVERIFY2(drawn.find("] 1/20 sessions  ETA 0:0") != std::string::npos, drawn.c_str());
        QVERIFY2(drawn.find("] 20/20 sessions") != std::string::npos, drawn.c_str());

        // A bar cleared and shown again draws at once.
        err.str({});
        push.show({1, 20, 0, 0});
        QVERIFY2(err.str().find("] 1/20 sessions") != std::string::npos, err.str().c_str());
    }
};

QTEST_GUILESS_MAIN(TestProgressBar)
#include "TestProgressBar.moc"
