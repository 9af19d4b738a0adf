#include "SessionCache.h"

#include <QDataStream>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>

#include <sys/stat.h>

using namespace Qt::StringLiterals;

namespace chasm {

namespace {

// The file's first bytes; a file of another version is ignored (and rewritten at the next save).
constexpr quint32 magic = 0x43534331; // "CSC1"

QDataStream& operator<<(QDataStream& out, const SessionRef& r)
{
    return out << r.id << r.provider << r.editor << r.nativeId << r.title << r.workspaceId << r.workspace
               << r.projectPath << r.workspaceName << r.path << r.format << r.createdAt << r.updatedAt
               << qint32(r.messageCount) << r.sizeBytes << r.fileModifiedMs << r.error << r.warnings << r.described;
}

QDataStream& operator>>(QDataStream& in, SessionRef& r)
{
    qint32 messageCount = 0;
    in >> r.id >> r.provider >> r.editor >> r.nativeId >> r.title >> r.workspaceId >> r.workspace >> r.projectPath >>
        r.workspaceName >> r.path >> r.format >> r.createdAt >> r.updatedAt >> messageCount >> r.sizeBytes >>
        r.fileModifiedMs >> r.error >> r.warnings >> r.described;
    r.messageCount = messageCount;
    return in;
}

} // namespace

SessionCache::FileStamp SessionCache::FileStamp::of(const QString& path)
{
    FileStamp stamp;
#ifdef Q_OS_WIN
    const QFileInfo info(path);
    if (info.exists()) {
        stamp.size = info.size();
        stamp.modifiedNs = info.lastModified().toMSecsSinceEpoch() * 1'000'000;
    }
#else
    struct stat status
    {};
    if (::stat(QFile::encodeName(path).constData(), &status) == 0) {
        stamp.size = qint64(status.st_size);
#ifdef Q_OS_MACOS
        stamp.modifiedNs = qint64(status.st_mtimespec.tv_sec) * 1'000'000'000 + status.st_mtimespec.tv_nsec;
#else
        stamp.modifiedNs = qint64(status.st_mtim.tv_sec) * 1'000'000'000 + status.st_mtim.tv_nsec;
#endif
        stamp.inode = quint64(status.st_ino);
    }
#endif
    return stamp;
}

SessionCache::SessionCache(QString file)
    : m_file(std::move(file))
{}

QString SessionCache::workspaceKey(const Workspace& workspace)
{
    return workspace.id + u'\n' + workspace.displayName() + u'\n' + workspace.projectPath + u'\n' + workspace.editor;
}

void SessionCache::loadLocked() const
{
    if (m_loaded) {
        return;
    }
    m_loaded = true;
    QFile file(m_file);
    if (m_file.isEmpty() || !file.open(QIODevice::ReadOnly)) {
        return;
    }
    QDataStream in(&file);
    in.setVersion(QDataStream::Qt_6_4);
    quint32 version = 0;
    qint64 count = 0;
    in >> version >> count;
    if (version != magic || count < 0) {
        return;
    }
    QHash<QString, Entry> entries;
    for (qint64 i = 0; i < count && in.status() == QDataStream::Ok; ++i) {
        QString path;
        Entry entry;
        in >> path >> entry.stamp.size >> entry.stamp.modifiedNs >> entry.stamp.inode >> entry.workspace >> entry.ref;
        entries.insert(path, std::move(entry));
    }
    if (in.status() == QDataStream::Ok) {
        m_entries.insert(entries); // what this process learnt before loading wins
    }
}

std::optional<SessionRef> SessionCache::find(const QString& path, const FileStamp& stamp,
                                             const Workspace& workspace) const
{
    const QMutexLocker lock(&m_mutex);
    loadLocked();
    const auto found = m_entries.constFind(path);
    if (found == m_entries.cend()) {
        return std::nullopt;
    }
    const bool same = found->harvested ? found->stamp.size == stamp.size &&
                                             found->stamp.modifiedNs == stamp.modifiedNs / 1'000'000 &&
                                             found->ref.workspaceId == workspace.id
                                       : found->stamp == stamp && found->workspace == workspaceKey(workspace);
    return same ? std::optional(found->ref) : std::nullopt;
}

void SessionCache::insert(const QString& path, const FileStamp& stamp, const Workspace& workspace,
                          const SessionRef& ref)
{
    const QMutexLocker lock(&m_mutex);
    m_entries.insert(path, {stamp, workspaceKey(workspace), false, ref});
    m_dirty = true;
}

void SessionCache::insertHarvested(const QString& path, qint64 size, qint64 modifiedMs, const SessionRef& ref)
{
    const QMutexLocker lock(&m_mutex);
    m_entries.insert(path, {{size, modifiedMs /* compared in milliseconds */, 0}, {}, true, ref});
}

qsizetype SessionCache::size() const
{
    const QMutexLocker lock(&m_mutex);
    return m_entries.size();
}

void SessionCache::save()
{
    const QMutexLocker lock(&m_mutex);
    if (m_file.isEmpty() || !m_dirty) {
        return;
    }
    loadLocked();
    m_entries.removeIf(
        [](QHash<QString, Entry>::iterator entry) { return entry->harvested || !QFileInfo::exists(entry.key()); });
    if (!QDir().mkpath(QFileInfo(m_file).absolutePath())) {
        return;
    }
    QSaveFile file(m_file);
    if (!file.open(QIODevice::WriteOnly)) {
        return;
    }
    QDataStream out(&file);
    out.setVersion(QDataStream::Qt_6_4);
    out << magic << qint64(m_entries.size());
    for (auto it = m_entries.cbegin(); it != m_entries.cend(); ++it) {
        out << it.key() << it->stamp.size << it->stamp.modifiedNs << it->stamp.inode << it->workspace << it->ref;
    }
    if (out.status() == QDataStream::Ok && file.commit()) {
        m_dirty = false;
    }
}

} // namespace chasm
