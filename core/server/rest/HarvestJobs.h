// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#pragma once

#include "ops/Harvester.h"
#include "util/Result.h"

#include <QDateTime>
#include <QString>
#include <QThreadPool>

#include <boost/json/object.hpp>

#include <atomic>
#include <deque>
#include <functional>
#include <map>
#include <mutex>
#include <optional>

namespace chasm::rest {

// The harvests started over HTTP (POST /harvest): one at a time, each known by an id, with its progress while it
// runs and its report (the JSON of `chasm harvest run --json`) or its error once it ended. It runs on a thread of
// its own; the last `keepFinished` jobs that ended are kept, older ones are forgotten.
class HarvestJobs
{
public:
    explicit HarvestJobs(int keepFinished = 100);
    // Stops the running harvest (it stores what it read) and waits for it.
    ~HarvestJobs();
    Q_DISABLE_COPY_MOVE(HarvestJobs)

    struct Job
    {
        QString id;
        QString state = QStringLiteral("running"); // running, finished, failed
        QString waiting;                           // why it waits (another harvest of the database), while it does
        QDateTime startedAt;
        QDateTime finishedAt;
        Harvester::Progress progress;
        std::optional<boost::json::object> report;
        QString error;
    };
    struct Started
    {
        QString id;      // the new job's
        QString running; // instead: the job that runs already
    };
    // The harvest itself, given the progress and cancel hooks it must use: its report as `harvest run --json`
    // prints it, or its error. What it throws fails the job with the exception's text.
    using Run = std::function<Result<boost::json::object>(const Harvester::Options& options)>;
    // Starts `run` as a new job unless one runs (or the jobs were stopped: then neither id is set).
    Started start(Run run);
    std::optional<Job> job(const QString& id) const;
    // Asks the running harvest to stop (it stores what it read, and rolls back the session it was in) and refuses
    // new ones; the destructor waits for it.
    void stop();
    // Hears of the running job's progress (a few times a second at most) and of its end, on the job's thread. Set
    // before the first start().
    void setObserver(std::function<void(const Job&)> observer) { m_observer = std::move(observer); }

private:
    void finish(const QString& id, const std::function<void(Job&)>& outcome);

    const int m_keepFinished;
    mutable std::mutex m_mutex;
    std::map<QString, Job> m_jobs;
    std::deque<QString> m_finished; // oldest first
    QString m_running;
    std::atomic_bool m_stop{false};
    std::function<void(const Job&)> m_observer;
    QThreadPool m_pool;
};

// {"job", "state", "waiting", "started_at", "finished_at", "progress": {"done", "total", "bytes_done",
//  "bytes_total"}, "report": {as harvest run --json} | null, "error": null | "..."}
boost::json::object toJson(const HarvestJobs::Job& job);

} // namespace chasm::rest
