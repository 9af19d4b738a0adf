#include "HarvestService.h"

#include "util/Settings.h"

#include <QDateTime>
#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QSet>

#include <algorithm>
#include <utility>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

namespace chasm {

namespace {

// inotify watches are a per-user resource shared with every other program: stay well below the limits.
constexpr int maxWatchedFolders = 2000;
constexpr int maxWatchedFiles = 256;
// Files written this recently are watched themselves: appending to a log does not touch its folder.
constexpr qint64 activeFileMs = 48ll * 3600 * 1000;

} // namespace

HarvestWorker::HarvestWorker(std::shared_ptr<const SessionCatalog> catalog, std::shared_ptr<std::atomic_bool> cancel)
    : m_catalog(std::move(catalog))
    , m_cancel(std::move(cancel))
{}

void HarvestWorker::run(const QString& databasePath, const QStringList& providerIds)
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
        Q_EMIT done({}, {});
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
    // What a tool deletes within a week and the database lacks is read first.
    const QList<const Provider*> every = m_catalog->providers({}).value();
    QSet<QString> atRisk;
    for (const RetentionService::AtRisk& session :
         RetentionService::check(*m_catalog, every, database->get(), RetentionService::defaultDays, Listing::FilesOnly)
             .unkept()) {
        atRisk.insert(session.session.path);
    }
    options.first = [&atRisk](const SessionRef& ref) { return atRisk.contains(ref.path); };
    if (auto summary = Harvester::run(*m_catalog, providers, *database.value(), options)) {
        Q_EMIT finished(summary.value());
        Q_EMIT retentionChecked(RetentionService::check(*m_catalog, every, database->get(),
                                                        RetentionService::defaultDays, Listing::FilesOnly));
    } else {
        Q_EMIT failed(summary.error().message);
    }

    // Where new sessions would appear: the folders of the tools' stores and of the files already
    // harvested (and the folders above them, where new project folders appear), the active files.
    QSet<QString> folders;
    for (const Provider* provider : providers) {
        for (const QString& location : provider->storageLocations(m_catalog->environment())) {
            if (QFileInfo(location).isDir()) {
                folders.insert(location);
            }
        }
    }
    QList<HarvestStore::SourceFile> sources = HarvestStore(*database.value()).sourceFiles();
    std::sort(sources.begin(), sources.end(), [](const auto& a, const auto& b) { return a.modifiedMs > b.modifiedMs; });
    const qint64 activeSince = QDateTime::currentMSecsSinceEpoch() - activeFileMs;
    QStringList files;
    for (const HarvestStore::SourceFile& source : std::as_const(sources)) {
        if (folders.size() >= maxWatchedFolders) {
            break;
        }
        const QFileInfo file(source.path);
        if (!file.exists()) {
            continue;
        }
        if (source.modifiedMs >= activeSince && files.size() < maxWatchedFiles) {
            files.append(source.path);
        }
        const QString parent = file.absolutePath();
        folders.insert(parent);
        const QString grandparent = QFileInfo(parent).absolutePath();
        if (QFileInfo(grandparent).isDir()) {
            folders.insert(grandparent);
        }
    }
    QStringList sortedFolders(folders.begin(), folders.end());
    sortedFolders.sort();
    Q_EMIT done(sortedFolders, files);
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

    m_debounce.setSingleShot(true);
    m_debounce.setInterval(2s);
    connect(&m_debounce, &QTimer::timeout, this, &HarvestService::harvestNow);
    m_rescan.setInterval(5min);
    connect(&m_rescan, &QTimer::timeout, this, &HarvestService::harvestNow);
    const auto changed = [this] {
        if (m_watching) {
            m_debounce.start();
        }
    };
    connect(&m_watcher, &QFileSystemWatcher::directoryChanged, this, changed);
    connect(&m_watcher, &QFileSystemWatcher::fileChanged, this, changed);
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
}

void HarvestService::setWatching(bool watching)
{
    if (m_watching == watching) {
        return;
    }
    m_watching = watching;
    if (watching) {
        m_rescan.start();
        harvestNow(); // learns what to watch
    } else {
        m_rescan.stop();
        m_debounce.stop();
        watch({}, {});
    }
}

void HarvestService::setRescanInterval(std::chrono::milliseconds interval)
{
    m_rescan.setInterval(interval);
}

void HarvestService::setDebounce(std::chrono::milliseconds delay)
{
    m_debounce.setInterval(delay);
}

QStringList HarvestService::watchedPaths() const
{
    return m_watcher.directories() + m_watcher.files();
}

void HarvestService::harvestNow()
{
    harvest(m_providers);
}

void HarvestService::harvest(const QStringList& providerIds)
{
    m_debounce.stop();
    if (m_running) {
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
        return;
    }
    m_running = true;
    m_again = false;
    m_cancel->store(false);
    Q_EMIT started();
    Q_EMIT runRequested(m_databasePath, providerIds);
}

void HarvestService::cancel()
{
    if (m_running) {
        m_cancel->store(true);
        if (std::exchange(m_again, false)) {
            Q_EMIT dropped();
        }
    }
}

void HarvestService::runFinished(const QStringList& folders, const QStringList& files)
{
    m_running = false;
    if (m_watching) {
        watch(folders, files);
    }
    if (m_again) {
        harvest(m_next);
    }
}

void HarvestService::watch(const QStringList& folders, const QStringList& files)
{
    const QStringList wanted = folders + files;
    const QSet<QString> keep(wanted.begin(), wanted.end());
    QStringList stale;
    for (const QString& path : watchedPaths()) {
        if (!keep.contains(path)) {
            stale.append(path);
        }
    }
    if (!stale.isEmpty()) {
        m_watcher.removePaths(stale);
    }
    QStringList added;
    const QStringList current = watchedPaths();
    const QSet<QString> have(current.begin(), current.end());
    for (const QString& path : wanted) {
        if (!have.contains(path)) {
            added.append(path);
        }
    }
    if (!added.isEmpty()) {
        m_watcher.addPaths(added);
    }
}

} // namespace chasm
