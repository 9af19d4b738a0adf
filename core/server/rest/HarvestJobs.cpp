// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#include "HarvestJobs.h"

#include "json/Json.h"
#include "util/IsoTime.h"

#include <QElapsedTimer>
#include <QRandomGenerator>

#include <algorithm>
#include <exception>

using namespace Qt::StringLiterals;

namespace chasm::rest {

namespace {

QString newJobId()
{
    quint32 words[2];
    QRandomGenerator::system()->fillRange(words);
    return QString::fromLatin1(QByteArray(reinterpret_cast<const char*>(words), sizeof words).toHex());
}

boost::json::value timeOrNull(const QDateTime& time)
{
    return time.isValid() ? boost::json::value(json::fromQString(isoUtc(time, TimePrecision::Seconds)))
                          : boost::json::value(nullptr);
}

} // namespace

HarvestJobs::HarvestJobs(int keepFinished)
    : m_keepFinished(std::max(1, keepFinished))
{
    m_pool.setMaxThreadCount(1);
}

HarvestJobs::~HarvestJobs()
{
    stop();
    m_pool.waitForDone();
}

void HarvestJobs::stop()
{
    m_stop.store(true);
}

HarvestJobs::Started HarvestJobs::start(Run run)
{
    const std::lock_guard lock(m_mutex);
    if (!m_running.isEmpty() || m_stop.load()) {
        return {{}, m_running};
    }
    Job job;
    job.id = newJobId();
    job.startedAt = QDateTime::currentDateTimeUtc();
    m_running = job.id;
    m_jobs.emplace(job.id, job);
    m_pool.start([this, id = job.id, run = std::move(run)] {
        Harvester::Options options;
        options.cancel = &m_stop;
        QElapsedTimer sinceNotice;
        options.progress = [this, &id, &sinceNotice](const Harvester::Progress& progress) {
            std::optional<Job> notice;
            {
                const std::lock_guard lock(m_mutex);
                Job& running = m_jobs.at(id);
                running.progress = progress;
                running.waiting.clear();
                if (m_observer && (!sinceNotice.isValid() || sinceNotice.elapsed() >= 250)) {
                    sinceNotice.start();
                    notice = running;
                }
            }
            if (notice) {
                m_observer(*notice);
            }
        };
        options.waiting = [this, &id](const QString& why) {
            const std::lock_guard lock(m_mutex);
            m_jobs.at(id).waiting = why;
        };
        // Whatever happens in the harvest, the job ends and the next one may start.
        try {
            auto report = run(options);
            finish(id, [&report](Job& done) {
                if (report) {
                    done.state = u"finished"_s;
                    done.report = std::move(report).value();
                } else {
                    done.state = u"failed"_s;
                    done.error = report.error().message;
                }
            });
        } catch (const std::exception& e) {
            const QString what = QString::fromLocal8Bit(e.what());
            finish(id, [&what](Job& done) {
                done.state = u"failed"_s;
                done.error = u"the harvest stopped on an unexpected error: "_s + what;
            });
        } catch (...) {
            finish(id, [](Job& done) {
                done.state = u"failed"_s;
                done.error = u"the harvest stopped on an unexpected error"_s;
            });
        }
    });
    return {job.id, {}};
}

void HarvestJobs::finish(const QString& id, const std::function<void(Job&)>& outcome)
{
    std::unique_lock lock(m_mutex);
    Job& done = m_jobs.at(id);
    done.finishedAt = QDateTime::currentDateTimeUtc();
    done.waiting.clear();
    outcome(done);
    const Job ended = done;
    m_running.clear();
    m_finished.push_back(id);
    while (qsizetype(m_finished.size()) > m_keepFinished) {
        m_jobs.erase(m_finished.front());
        m_finished.pop_front();
    }
    lock.unlock();
    if (m_observer) {
        m_observer(ended);
    }
}

std::optional<HarvestJobs::Job> HarvestJobs::job(const QString& id) const
{
    const std::lock_guard lock(m_mutex);
    const auto found = m_jobs.find(id);
    if (found == m_jobs.end()) {
        return std::nullopt;
    }
    return found->second;
}

boost::json::object toJson(const HarvestJobs::Job& job)
{
    return {{"job", json::fromQString(job.id)},
            {"state", json::fromQString(job.state)},
            {"waiting",
             job.waiting.isEmpty() ? boost::json::value(nullptr) : boost::json::value(json::fromQString(job.waiting))},
            {"started_at", timeOrNull(job.startedAt)},
            {"finished_at", timeOrNull(job.finishedAt)},
            {"progress",
             {{"done", job.progress.done},
              {"total", job.progress.total},
              {"bytes_done", job.progress.bytesDone},
              {"bytes_total", job.progress.bytesTotal}}},
            {"report", job.report ? boost::json::value(*job.report) : boost::json::value(nullptr)},
            {"error",
             job.error.isEmpty() ? boost::json::value(nullptr) : boost::json::value(json::fromQString(job.error))}};
}

} // namespace chasm::rest
