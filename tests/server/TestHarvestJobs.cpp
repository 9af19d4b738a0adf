// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

// HarvestJobs, the harvests POST /api/v1/harvest starts, in-process: one at a time, a job whose harvest throws ends
// failed (and the next may start), and only the last jobs that ended are kept.

#include "rest/HarvestJobs.h"

#include <QStandardPaths>
#include <QTest>
#include <QThread>

#include <atomic>
#include <stdexcept>

using namespace Qt::StringLiterals;
using chasm::Result;
using chasm::rest::HarvestJobs;

namespace {

HarvestJobs::Run reporting(int created)
{
    return [created](const chasm::Harvester::Options&) {
        return Result<boost::json::object>(boost::json::object{{"created", created}});
    };
}

} // namespace

class TestHarvestJobs : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void aHarvestThatThrows_failsItsJobAndFreesTheNext()
    {
        HarvestJobs jobs;
        const HarvestJobs::Started thrown =
            jobs.start([](const chasm::Harvester::Options&) -> Result<boost::json::object> {
                throw std::runtime_error("out of cheese");
            });
        QVERIFY(!thrown.id.isEmpty());
        QTRY_COMPARE(jobs.job(thrown.id)->state, u"failed"_s);
        QCOMPARE(jobs.job(thrown.id)->error, u"the harvest stopped on an unexpected error: out of cheese"_s);
        QVERIFY(jobs.job(thrown.id)->finishedAt.isValid());
        const HarvestJobs::Started next = jobs.start(reporting(1));
        QVERIFY(!next.id.isEmpty());
        QVERIFY(next.running.isEmpty());
        QTRY_COMPARE(jobs.job(next.id)->state, u"finished"_s);
    }

    void oneAtATime()
    {
        HarvestJobs jobs;
        std::atomic_bool release{false};
        const HarvestJobs::Started first = jobs.start([&release](const chasm::Harvester::Options& options) {
            while (!release.load() && !options.cancel->load()) {
                QThread::msleep(5);
            }
            return Result<boost::json::object>(boost::json::object{});
        });
        const HarvestJobs::Started second = jobs.start(reporting(2));
        QVERIFY(second.id.isEmpty());
        QCOMPARE(second.running, first.id);
        release = true;
        QTRY_COMPARE(jobs.job(first.id)->state, u"finished"_s);
        // Stopped, no job starts any more.
        jobs.stop();
        const HarvestJobs::Started refused = jobs.start(reporting(3));
        QVERIFY(refused.id.isEmpty());
        QVERIFY(refused.running.isEmpty());
    }

    void onlyTheLastFinishedAreKept()
    {
        HarvestJobs jobs(2);
        QStringList ids;
        for (int i = 0; i < 3; ++i) {
            const HarvestJobs::Started started = jobs.start(reporting(i));
            QVERIFY(!started.id.isEmpty());
            QTRY_VERIFY(jobs.job(started.id) && jobs.job(started.id)->state == u"finished"_s);
            ids << started.id;
        }
        QVERIFY(!jobs.job(ids.at(0)));
        QCOMPARE(jobs.job(ids.at(1))->report->at("created").as_int64(), 1);
        QCOMPARE(jobs.job(ids.at(2))->report->at("created").as_int64(), 2);
    }
};

QTEST_GUILESS_MAIN(TestHarvestJobs)
#include "TestHarvestJobs.moc"
