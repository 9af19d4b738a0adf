// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#include "HarvestService.h"

#include "services/TeamService.h"
#include "util/Settings.h"

#include <QElapsedTimer>
#include <QSet>

#include <algorithm>
#include <utility>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

namespace chasm {

HarvestWorker::HarvestWorker(std::shared_ptr<const SessionCatalog> catalog, std::shared_ptr<std::atomic_bool> cancel)
    : m_catalog(std::move(catalog))
    , m_cancel(std::move(cancel))
{}

void HarvestWorker::run(const QString& databasePath, const QStringList& providerIds, bool checkRetention,
                        const QStringList& changedPaths, const QString& publishTo)
{
    QList<const Provider*> providers;
    for (const QString& id : providerIds.isEmpty() ? QStringList{QString()} : providerIds) {
        if (auto chosen = m_catalog->providers(id)) {
            providers += chosen.value();
        }
    }
    auto database = Database::open(databasePath);
    if (!database) {
        Q_EMIT failed(database.error().message);
        Q_EMIT done();
        return;
    }
    QElapsedTimer throttle;
    throttle.start();
    Harvester::Options options;
    options.cancel = m_cancel.get();
    options.keepOriginals = Settings(Settings::defaultFile(m_catalog->environment())).keepOriginals();
    options.waiting = [this](const QString& message) { Q_EMIT waiting(message); };
    options.progress = [this, &throttle](const Harvester::Progress& progress) {
        // Ten updates a second are plenty for a progress bar.
        if (throttle.elapsed() >= 100 || progress.done == progress.total) {
            throttle.restart();
            Q_EMIT progressed(progress);
        }
    };
    // What a tool deletes within a week and the database lacks is read first. (The check lists every provider's
    // sessions: it would take most of the time of a harvest of what just changed.)
    const QList<const Provider*> every = m_catalog->providers({}).value();
    QSet<QString> atRisk;
    if (checkRetention) {
        for (const RetentionService::AtRisk& session :
             RetentionService::check(*m_catalog, every, database->get(), RetentionService::defaultDays,
                                     Listing::FilesOnly)
                 .unkept()) {
            atRisk.insert(session.session.path);
        }
    }
    options.first = [&atRisk](const SessionRef& ref) { return atRisk.contains(ref.path); };
    const auto holdsChange = [&changedPaths](const Workspace& workspace) {
        const QString& folder = workspace.storagePath;
        return !folder.isEmpty() &&
               std::any_of(changedPaths.begin(), changedPaths.end(), [&folder](const QString& path) {
                   return path == folder || path.startsWith(folder + u'/') || folder.startsWith(path + u'/');
               });
    };
    QSet<QString> touched; // the providers with a workspace that holds a change
    if (!changedPaths.isEmpty()) {
        for (const Workspace& workspace : m_catalog->workspaces(providers)) {
            if (holdsChange(workspace)) {
                touched.insert(workspace.provider);
            }
        }
        options.workspaces = [&touched, &holdsChange](const Workspace& workspace) {
            return !touched.contains(workspace.provider) || holdsChange(workspace);
        };
    }
    if (auto summary = Harvester::run(*m_catalog, providers, *database.value(), options)) {
        Q_EMIT finished(summary.value());
        if (checkRetention) {
            Q_EMIT retentionChecked(RetentionService::check(*m_catalog, every, database->get(),
                                                            RetentionService::defaultDays, Listing::FilesOnly));
        }
        // Published after a harvest asked for (which sends what an earlier push that failed did not), and after one
        // of a store that changed when it stored something.
        if (!publishTo.isEmpty() && (summary->created > 0 || summary->updated > 0 || checkRetention) &&
            !m_cancel->load()) {
            publish(databasePath, publishTo);
        }
    } else {
        Q_EMIT failed(summary.error().message);
    }
    Q_EMIT done();
}

void HarvestWorker::publish(const QString& databasePath, const QString& team)
{
    TeamService::PushRequest request;
    request.url = team;
    request.database = databasePath;
    request.origin = PostgresPush::origin(m_catalog->environment());
    const Result<TeamService::PushReport> pushed = TeamService().push(request);
    if (!pushed) {
        Q_EMIT publishFailed(TeamService::shown(team), pushed.error().message);
        return;
    }
    Q_EMIT published(pushed->to, pushed->pushed.created, pushed->pushed.updated);
}

HarvestService::HarvestService(std::shared_ptr<const SessionCatalog> catalog, QString databasePath, QObject* parent)
    : QObject(parent)
    , m_catalog(std::move(catalog))
    , m_databasePath(std::move(databasePath))
    , m_cancel(std::make_shared<std::atomic_bool>(false))
{
    m_thread.setObjectName(u"chasm-harvest"_s);
    m_worker = new HarvestWorker(m_catalog, m_cancel);
    m_worker->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    connect(this, &HarvestService::runRequested, m_worker, &HarvestWorker::run);
    connect(m_worker, &HarvestWorker::progressed, this, &HarvestService::progressed);
    connect(m_worker, &HarvestWorker::waiting, this, &HarvestService::waiting);
    connect(m_worker, &HarvestWorker::finished, this, &HarvestService::finished);
    connect(m_worker, &HarvestWorker::failed, this, &HarvestService::failed);
    connect(m_worker, &HarvestWorker::done, this, &HarvestService::runFinished);
    connect(m_worker, &HarvestWorker::published, this, &HarvestService::published);
    connect(m_worker, &HarvestWorker::publishFailed, this, &HarvestService::publishFailed);
    connect(m_worker, &HarvestWorker::retentionChecked, this, [this](const RetentionService::Report& report) {
        QList<RetentionService::AtRisk> untold;
        for (RetentionService::AtRisk& session : report.unkept()) {
            if (!m_told.contains(session.session.id)) {
                m_told.insert(session.session.id);
                untold.append(std::move(session));
            }
        }
        if (!untold.isEmpty()) {
            Q_EMIT sessionsAtRisk(untold);
        }
    });
    m_thread.start();

    m_watch.setDebounce(2s);
    m_rescan.setInterval(5min);
    connect(&m_rescan, &QTimer::timeout, this, [this] { request(m_providers, true, {}, Start::Paced); });
    connect(&m_watch, &WatchService::changed, this, [this](const QStringList& providerIds, const QStringList& paths) {
        // A path the user named (an empty id) may hold any chosen provider's sessions.
        request(providerIds.contains(QString()) ? m_providers : providerIds, false, paths, Start::Paced);
    });
    m_pace.setSingleShot(true);
    connect(&m_pace, &QTimer::timeout, this, &HarvestService::runNext);
}

HarvestService::~HarvestService()
{
    m_cancel->store(true);
    m_thread.quit();
    m_thread.wait();
}

void HarvestService::setDatabasePath(const QString& path)
{
    m_databasePath = path;
}

void HarvestService::setProviders(const QStringList& ids)
{
    m_providers = ids;
    watchStores();
}

void HarvestService::setWatchedPaths(const QStringList& paths)
{
    m_watchedPaths = paths;
    watchStores();
}

void HarvestService::watchStores()
{
    QList<WatchService::Store> stores;
    if (!m_watchedPaths.isEmpty()) {
        for (const QString& path : std::as_const(m_watchedPaths)) {
            stores.append({QString(), path});
        }
    } else {
        QList<const Provider*> providers;
        for (const QString& id : m_providers.isEmpty() ? QStringList{QString()} : m_providers) {
            if (auto chosen = m_catalog->providers(id)) {
                providers += chosen.value();
            }
        }
        stores = WatchService::storesOf(providers, m_catalog->environment());
    }
    m_watch.setStores(stores);
}

void HarvestService::setWatching(bool watching)
{
    if (m_watching == watching) {
        return;
    }
    m_watching = watching;
    if (watching) {
        if (m_rescan.interval() > 0) {
            m_rescan.start();
        }
        watchStores();
        m_watch.start();
        harvestNow(); // what changed while nobody watched
    } else {
        m_rescan.stop();
        m_watch.stop();
    }
}

void HarvestService::setRescanInterval(std::chrono::milliseconds interval)
{
    m_rescan.setInterval(interval);
    if (interval.count() <= 0) {
        m_rescan.stop();
    } else if (m_watching) {
        m_rescan.start();
    }
}

void HarvestService::setDebounce(std::chrono::milliseconds delay)
{
    m_watch.setDebounce(delay);
}

QStringList HarvestService::watchedPaths() const
{
    return m_watch.watchedFolders();
}

void HarvestService::harvestNow()
{
    harvest(m_providers);
}

void HarvestService::harvest(const QStringList& providerIds)
{
    request(providerIds, true, {}, Start::Asked);
}

void HarvestService::request(const QStringList& providerIds, bool checkRetention, const QStringList& changedPaths,
                             Start start)
{
    const bool waits = m_running || m_again || (start == Start::Paced && paceLeftMs() > 0);
    if (waits) {
        m_nextChecksRetention = (m_again && m_nextChecksRetention) || checkRetention;
        // No paths: every workspace, which two askers' lists together may need.
        if (!m_again) {
            m_nextPaths = changedPaths;
        } else if (!m_nextPaths.isEmpty() && !changedPaths.isEmpty()) {
            m_nextPaths.append(changedPaths);
            m_nextPaths.removeDuplicates();
        } else {
            m_nextPaths.clear();
        }
        // Empty names every provider: the union of two askers' lists.
        if (!m_again) {
            m_next = providerIds;
        } else if (m_next.isEmpty() || providerIds.isEmpty()) {
            m_next.clear();
        } else {
            m_next.append(providerIds);
            m_next.removeDuplicates();
        }
        m_again = true;
        m_nextAsked = m_nextAsked || start == Start::Asked;
        if (m_running) {
            return;
        }
        if (m_nextAsked) {
            runNext();
        } else if (!m_pace.isActive()) {
            m_pace.start(int(paceLeftMs()));
            Q_EMIT paced(m_pace.interval(), m_lastRunMs);
        }
        return;
    }
    run(providerIds, checkRetention, changedPaths);
}

void HarvestService::run(const QStringList& providerIds, bool checkRetention, const QStringList& changedPaths)
{
    m_running = true;
    m_runClock.start();
    m_cancel->store(false);
    Q_EMIT started();
    Q_EMIT runRequested(m_databasePath, providerIds, checkRetention, changedPaths, m_publishTo);
}

void HarvestService::runNext()
{
    m_pace.stop();
    m_again = false;
    m_nextAsked = false;
    run(std::exchange(m_next, {}), std::exchange(m_nextChecksRetention, false), std::exchange(m_nextPaths, {}));
}

qint64 HarvestService::paceLeftMs() const
{
    if (m_running || m_lastRunMs < 0) {
        return 0;
    }
    constexpr qint64 most = 10 * 60 * 1000;
    return std::max<qint64>(0, std::min(3 * m_lastRunMs, most) - m_runClock.elapsed());
}

void HarvestService::cancel()
{
    if (m_running) {
        m_cancel->store(true);
    }
    if (std::exchange(m_again, false)) {
        m_nextAsked = false;
        Q_EMIT dropped();
        if (!m_running) { // it waited for its pace
            m_pace.stop();
            Q_EMIT settled();
        }
    }
}

void HarvestService::runFinished()
{
    m_running = false;
    m_lastRunMs = m_runClock.restart();
    if (!m_again) {
        Q_EMIT settled();
    } else if (m_nextAsked || paceLeftMs() == 0) {
        runNext();
    } else {
        m_pace.start(int(paceLeftMs()));
        Q_EMIT paced(m_pace.interval(), m_lastRunMs);
    }
}

} // namespace chasm
