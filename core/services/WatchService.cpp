// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#include "WatchService.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QSet>

#include <algorithm>
#include <functional>
#include <optional>

#if defined(Q_OS_LINUX)
#include <QSocketNotifier>

#include <cerrno>
#include <cstring>
#include <sys/inotify.h>
#include <unistd.h>
#else
#include <QFileSystemWatcher>
#endif

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

namespace chasm {

// The platform's notifications for a set of folders. A folder is watched as part of a store (everything written in
// it counts) or as an anchor above a store that does not exist yet (only entries created and removed count).
class WatchService::Backend
{
public:
    enum class Kind
    {
        Tree,
        Anchor
    };

    virtual ~Backend() = default;
    // Watches a folder, or changes how it is watched; the reason it cannot, when it cannot because a limit is reached.
    // A folder that went meanwhile or cannot be read is left out without a reason.
    virtual std::optional<QString> add(const QString& folder, Kind kind) = 0;
    virtual void remove(const QString& folder) = 0;
    virtual QHash<QString, Kind> folders() const = 0;

    // A change at a path; `structural`: folders may have appeared or gone (the watches must be planned again).
    std::function<void(const QString& path, bool structural)> heard;
};

namespace {

#if defined(Q_OS_LINUX)

// inotify used directly: a folder's watch also hears of writes to the files in it (QFileSystemWatcher's does not), so
// that appending to a transcript needs no watch of its own.
class InotifyBackend final : public WatchService::Backend
{
public:
    InotifyBackend()
        : m_fd(::inotify_init1(IN_NONBLOCK | IN_CLOEXEC))
    {
        if (m_fd < 0) {
            m_unusable = u"the system's file notifications (inotify) cannot be used: %1"_s.arg(
                QString::fromLocal8Bit(::strerror(errno)));
        } else {
            m_notifier = std::make_unique<QSocketNotifier>(m_fd, QSocketNotifier::Read);
            QObject::connect(m_notifier.get(), &QSocketNotifier::activated, m_notifier.get(), [this] { read(); });
        }
    }
    ~InotifyBackend() override
    {
        m_notifier.reset();
        if (m_fd >= 0) {
            ::close(m_fd);
        }
    }
    Q_DISABLE_COPY_MOVE(InotifyBackend)

    std::optional<QString> add(const QString& folder, Kind kind) override
    {
        if (m_fd < 0) {
            return m_unusable;
        }
        constexpr uint32_t entries =
            IN_CREATE | IN_DELETE | IN_MOVED_FROM | IN_MOVED_TO | IN_DELETE_SELF | IN_MOVE_SELF | IN_ONLYDIR;
        const uint32_t mask = kind == Kind::Tree ? entries | IN_MODIFY | IN_CLOSE_WRITE : entries;
        const int wd = ::inotify_add_watch(m_fd, QFile::encodeName(folder).constData(), mask);
        if (wd < 0) {
            if (errno == ENOSPC) {
                return u"the system allows no more inotify watches (fs.inotify.max_user_watches = %1, shared with "
                       "every other program): raise it, e.g. sudo sysctl fs.inotify.max_user_watches=524288"_s.arg(
                           QString::fromLatin1(readLimit()));
            }
            if (errno == ENOMEM) {
                return u"the kernel has no memory left for more inotify watches"_s;
            }
            return std::nullopt; // gone, or not ours to read
        }
        m_paths.insert(wd, folder);
        m_watches.insert(folder, {wd, kind});
        return std::nullopt;
    }

    void remove(const QString& folder) override
    {
        const auto found = m_watches.constFind(folder);
        if (found == m_watches.constEnd()) {
            return;
        }
        ::inotify_rm_watch(m_fd, found->wd);
        m_paths.remove(found->wd);
        m_watches.erase(found);
    }

    QHash<QString, Kind> folders() const override
    {
        QHash<QString, Kind> result;
        for (auto it = m_watches.cbegin(); it != m_watches.cend(); ++it) {
            result.insert(it.key(), it->kind);
        }
        return result;
    }

private:
    struct Watch
    {
        int wd = -1;
        Kind kind = Kind::Tree;
    };

    static QByteArray readLimit()
    {
        QFile file(u"/proc/sys/fs/inotify/max_user_watches"_s);
        return file.open(QIODevice::ReadOnly) ? file.readAll().trimmed() : QByteArray("?");
    }

    void read()
    {
        alignas(inotify_event) char buffer[16384];
        for (;;) {
            const ssize_t length = ::read(m_fd, buffer, sizeof buffer);
            if (length <= 0) {
                return;
            }
            for (ssize_t offset = 0; offset < length;) {
                const auto* event = reinterpret_cast<const inotify_event*>(buffer + offset);
                offset += ssize_t(sizeof(inotify_event) + event->len);
                if (event->mask & IN_Q_OVERFLOW) {
                    heard({}, true); // events were lost: anything may have changed
                    continue;
                }
                const QString folder = m_paths.value(event->wd);
                if (folder.isEmpty()) {
                    continue;
                }
                if (event->mask & IN_IGNORED) { // the folder went, or its watch was removed
                    m_paths.remove(event->wd);
                    m_watches.remove(folder);
                    heard(folder, true);
                    continue;
                }
                const QString path = event->len > 0 ? folder + u'/' + QFile::decodeName(event->name) : folder;
                const bool structural = (event->mask & (IN_ISDIR | IN_DELETE_SELF | IN_MOVE_SELF)) ||
                                        m_watches.value(folder).kind == Kind::Anchor;
                heard(path, structural);
            }
        }
    }

    int m_fd = -1;
    QString m_unusable; // why inotify cannot be used, when it cannot
    std::unique_ptr<QSocketNotifier> m_notifier;
    QHash<int, QString> m_paths;
    QHash<QString, Watch> m_watches;
};

using PlatformBackend = InotifyBackend;

#else

// Elsewhere, QFileSystemWatcher: a folder's watch hears of files created, removed or renamed in it, not of appends,
// which are seen with the next such change.
class FileSystemWatcherBackend final : public WatchService::Backend
{
public:
    FileSystemWatcherBackend()
    {
        QObject::connect(&m_watcher, &QFileSystemWatcher::directoryChanged, &m_watcher,
                         [this](const QString& folder) { heard(folder, true); });
    }

    std::optional<QString> add(const QString& folder, Kind kind) override
    {
        if (!m_kinds.contains(folder) && !m_watcher.addPath(folder)) {
            if (QFileInfo(folder).isDir()) {
                return u"the system refused to watch more folders"_s;
            }
            return std::nullopt;
        }
        m_kinds.insert(folder, kind);
        return std::nullopt;
    }

    void remove(const QString& folder) override
    {
        if (m_kinds.remove(folder)) {
            m_watcher.removePath(folder);
        }
    }

    QHash<QString, Kind> folders() const override { return m_kinds; }

private:
    QFileSystemWatcher m_watcher;
    QHash<QString, Kind> m_kinds;
};

using PlatformBackend = FileSystemWatcherBackend;

#endif

// The folders of a store down to `maxDepth` levels (-1: all), breadth first, each with its depth; symbolic links
// inside are not followed (a link to a folder above would loop).
void collectTree(const QString& root, int maxDepth, QList<std::pair<int, QString>>& folders)
{
    QList<QString> level{root};
    for (int depth = 0; !level.isEmpty(); ++depth) {
        QList<QString> next;
        for (const QString& folder : std::as_const(level)) {
            folders.append({depth, folder});
            if (depth == maxDepth) {
                continue;
            }
            const QDir dir(folder);
            for (const QString& name :
                 dir.entryList(QDir::Dirs | QDir::NoDotAndDotDot | QDir::Hidden | QDir::NoSymLinks, QDir::Name)) {
                next.append(folder + u'/' + name);
            }
        }
        level = std::move(next);
    }
}

// What the stores need watched: the nearest existing folder above a store that does not exist yet, the folder of a
// store that is a file, and every folder of a store that is one, the shallowest first (the anchors before them).
QList<std::pair<QString, WatchService::Backend::Kind>> wantedFolders(const QList<WatchService::Store>& stores)
{
    using Kind = WatchService::Backend::Kind;
    QList<QString> anchors;
    QList<std::pair<int, QString>> trees;
    for (const WatchService::Store& store : stores) {
        const QFileInfo info(store.path);
        if (info.isDir()) {
            collectTree(store.path, store.depth, trees);
        } else if (info.exists()) {
            trees.append({0, info.absolutePath()});
        } else {
            QString above = info.absolutePath();
            while (!QFileInfo(above).isDir() && !QDir(above).isRoot()) {
                above = QFileInfo(above).absolutePath();
            }
            anchors.append(above);
        }
    }
    std::stable_sort(trees.begin(), trees.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    QList<std::pair<QString, Kind>> wanted;
    QSet<QString> seen;
    for (const auto& [depth, folder] : std::as_const(trees)) {
        if (!seen.contains(folder)) {
            seen.insert(folder);
            wanted.append({folder, Kind::Tree});
        }
    }
    for (const QString& folder : std::as_const(anchors)) {
        if (!seen.contains(folder)) {
            seen.insert(folder);
            wanted.prepend({folder, Kind::Anchor}); // few, and without them a new store goes unseen
        }
    }
    return wanted;
}

} // namespace

WatchService::WatchService(QObject* parent)
    : QObject(parent)
    , m_backend(std::make_unique<PlatformBackend>())
{
    m_backend->heard = [this](const QString& path, bool structural) { heard(path, structural); };
    m_debounce.setSingleShot(true);
    m_debounce.setInterval(3s);
    connect(&m_debounce, &QTimer::timeout, this, [this] {
        QStringList providers(m_changed.begin(), m_changed.end());
        providers.sort();
        QStringList paths;
        if (!m_lost) {
            paths = QStringList(m_changedPaths.begin(), m_changedPaths.end());
            paths.sort();
        }
        m_changed.clear();
        m_changedPaths.clear();
        m_lost = false;
        if (!providers.isEmpty()) {
            Q_EMIT changed(providers, paths);
        }
    });
    // Folders come in bursts (mkdir -p, an unpacked archive): planned once the burst is over.
    m_replan.setSingleShot(true);
    m_replan.setInterval(20ms);
    connect(&m_replan, &QTimer::timeout, this, &WatchService::plan);
}

WatchService::~WatchService() = default;

QList<WatchService::Store> WatchService::storesOf(const QList<const Provider*>& providers,
                                                  const Environment& environment)
{
    QList<Store> stores;
    for (const Provider* provider : providers) {
        for (const QString& location : provider->storageLocations(environment)) {
            stores.append({provider->id(), QDir::cleanPath(location), provider->storageDepth()});
        }
    }
    return stores;
}

void WatchService::setStores(const QList<Store>& stores)
{
    m_stores = stores;
    for (Store& store : m_stores) {
        store.path = QDir::cleanPath(QFileInfo(store.path).absoluteFilePath());
    }
    if (m_watching) {
        plan();
    }
}

void WatchService::setDebounce(std::chrono::milliseconds delay)
{
    m_debounce.setInterval(delay);
}

void WatchService::setMaxWatches(int count)
{
    m_maxWatches = std::max(1, count);
    if (m_watching) {
        plan();
    }
}

void WatchService::start()
{
    if (m_watching) {
        return;
    }
    m_watching = true;
    m_planned = false;
    m_shortfall.clear();
    plan();
}

void WatchService::stop()
{
    m_watching = false;
    m_debounce.stop();
    m_replan.stop();
    m_changed.clear();
    m_changedPaths.clear();
    m_lost = false;
    const QHash<QString, Backend::Kind> watched = m_backend->folders();
    for (auto it = watched.cbegin(); it != watched.cend(); ++it) {
        m_backend->remove(it.key());
    }
}

qsizetype WatchService::foldersNeeded(const QList<Store>& stores)
{
    return wantedFolders(stores).size();
}

QStringList WatchService::watchedFolders() const
{
    const QHash<QString, Backend::Kind> watched = m_backend->folders();
    QStringList folders(watched.keyBegin(), watched.keyEnd());
    folders.sort();
    return folders;
}

void WatchService::plan()
{
    if (!m_watching) {
        return;
    }
    const QList<std::pair<QString, Backend::Kind>> wanted = wantedFolders(m_stores);
    QHash<QString, Backend::Kind> kinds;
    for (const auto& [folder, kind] : wanted) {
        kinds.insert(folder, kind);
    }
    QHash<QString, Backend::Kind> watched = m_backend->folders();
    for (auto it = watched.cbegin(); it != watched.cend(); ++it) {
        const auto want = kinds.constFind(it.key());
        if (want == kinds.constEnd()) {
            m_backend->remove(it.key());
        }
    }
    watched = m_backend->folders();
    int count = int(watched.size());
    QString refused;
    bool appeared = false;
    for (const auto& [folder, kind] : std::as_const(wanted)) {
        const auto have = watched.constFind(folder);
        if (have != watched.constEnd() && *have == kind) {
            continue;
        }
        const bool isNew = have == watched.constEnd();
        if (isNew && count >= m_maxWatches) {
            continue;
        }
        if (const std::optional<QString> error = m_backend->add(folder, kind)) {
            refused = *error;
            break;
        }
        if (isNew) {
            ++count;
        }
        // Files may have been written in a folder before it was watched: its store counts as changed. (Not at the
        // start: whoever starts watching reads the stores then.)
        if (kind == Backend::Kind::Tree && m_planned) {
            appeared = touch(folder) || appeared;
        }
    }
    const int watchedNow = int(m_backend->folders().size());
    QString shortfall;
    if (watchedNow < wanted.size()) {
        const QString because =
            refused.isEmpty() ? u"the limit of %1 watches is reached (--max-watches)"_s.arg(m_maxWatches) : refused;
        shortfall = u"watching %1 of %2 folders: %3; changes in the %4 others are seen only when a watched folder "
                    "changes"_s.arg(watchedNow)
                        .arg(wanted.size())
                        .arg(because)
                        .arg(wanted.size() - watchedNow);
    }
    if (shortfall != m_shortfall && !shortfall.isEmpty()) {
        Q_EMIT limitReached(shortfall);
    }
    m_shortfall = shortfall;
    m_planned = true;
    if (appeared) {
        m_debounce.start();
    }
}

void WatchService::heard(const QString& path, bool structural)
{
    if (!m_watching) {
        return;
    }
    if (structural) {
        m_replan.start();
    }
    if (path.isEmpty()) { // events were lost
        m_lost = true;
        for (const Store& store : std::as_const(m_stores)) {
            m_changed.insert(store.providerId);
        }
        m_debounce.start();
        return;
    }
    if (touch(path)) {
        Q_EMIT noticed(path);
        m_debounce.start();
    }
}

bool WatchService::touch(const QString& path)
{
    bool any = false;
    for (const Store& store : std::as_const(m_stores)) {
        // A tool's database counts with its journal and write-ahead log beside it (opencode.db-wal).
        if (path == store.path || path.startsWith(store.path + u'/') ||
            (path.startsWith(store.path) && path.at(store.path.size()) == u'-')) {
            m_changed.insert(store.providerId);
            any = true;
        }
    }
    if (any) {
        m_changedPaths.insert(path);
    }
    return any;
}

} // namespace chasm
