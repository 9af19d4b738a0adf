#pragma once

#include "ops/Harvester.h"
#include "providers/SessionCatalog.h"

#include <QDateTime>
#include <QString>
#include <QThreadPool>

#include <boost/json/object.hpp>

#include <atomic>
#include <functional>
#include <map>
#include <mutex>
#include <optional>

namespace chasm::rest {

// The harvests started over HTTP (POST /harvest): one at a time, each known by an id, with its progress while it
// runs and its report (the JSON of `chasm harvest run --json`) or its error once it ended. It runs on a thread of
// its own; the jobs are kept for as long as the server runs.
class HarvestJobs
{
public:
    HarvestJobs(const SessionCatalog& catalog, QString database);
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
    // Starts a harvest of the providers `only` names (comma-separated; empty: every one) but those of `exclude`.
    Started start(const QString& only, const QString& exclude);
    std::optional<Job> job(const QString& id) const;
    // Hears of the running job's progress (a few times a second at most) and of its end, on the job's thread. Set
    // before the first start().
    void setObserver(std::function<void(const Job&)> observer) { m_observer = std::move(observer); }

private:
    const SessionCatalog& m_catalog;
    const QString m_database;
    mutable std::mutex m_mutex;
    std::map<QString, Job> m_jobs;
    QString m_running;
    std::atomic_bool m_stop{false};
    std::function<void(const Job&)> m_observer;
    QThreadPool m_pool;
};

// {"job", "state", "waiting", "started_at", "finished_at", "progress": {"done", "total", "bytes_done",
//  "bytes_total"}, "report": {as harvest run --json} | null, "error": null | "..."}
boost::json::object toJson(const HarvestJobs::Job& job);

} // namespace chasm::rest
