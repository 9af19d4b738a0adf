#include "HarvestJobs.h"

#include "json/Json.h"
#include "services/HarvestDatabaseService.h"
#include "util/IsoTime.h"

#include <QElapsedTimer>
#include <QRandomGenerator>

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

HarvestJobs::HarvestJobs(const SessionCatalog& catalog, QString database)
    : m_catalog(catalog)
    , m_database(std::move(database))
{
    m_pool.setMaxThreadCount(1);
}

HarvestJobs::~HarvestJobs()
{
    m_stop.store(true);
    m_pool.waitForDone();
}

HarvestJobs::Started HarvestJobs::start(const QString& only, const QString& exclude)
{
    const std::lock_guard lock(m_mutex);
    if (!m_running.isEmpty()) {
        return {{}, m_running};
    }
    Job job;
    job.id = newJobId();
    job.startedAt = QDateTime::currentDateTimeUtc();
    m_running = job.id;
    m_jobs.emplace(job.id, job);
    m_pool.start([this, id = job.id, only, exclude] {
        HarvestDatabaseService::RunRequest request;
        request.database = m_database;
        request.only = only;
        request.exclude = exclude;
        request.options.cancel = &m_stop;
        QElapsedTimer sinceNotice;
        request.options.progress = [this, &id, &sinceNotice](const Harvester::Progress& progress) {
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
        request.options.waiting = [this, &id](const QString& why) {
            const std::lock_guard lock(m_mutex);
            m_jobs.at(id).waiting = why;
        };
        const auto report = HarvestDatabaseService(m_catalog).run(request);
        std::unique_lock lock(m_mutex);
        Job& done = m_jobs.at(id);
        done.finishedAt = QDateTime::currentDateTimeUtc();
        done.waiting.clear();
        if (report) {
            done.state = u"finished"_s;
            done.report = toJson(*report);
        } else {
            done.state = u"failed"_s;
            done.error = report.error().message;
        }
        m_running.clear();
        const Job ended = done;
        lock.unlock();
        if (m_observer) {
            m_observer(ended);
        }
    });
    return {job.id, {}};
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
