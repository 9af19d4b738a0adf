#include "SessionCache.h"

namespace chasm {

std::optional<SessionRef> SessionCache::find(const QString& path, qint64 size, qint64 modifiedMs,
                                             const QString& workspaceId) const
{
    const QMutexLocker lock(&m_mutex);
    const auto found = m_entries.constFind(path);
    if (found == m_entries.cend() || found->size != size || found->modifiedMs != modifiedMs ||
        found->ref.workspaceId != workspaceId) {
        return std::nullopt;
    }
    return found->ref;
}

void SessionCache::insert(const QString& path, qint64 size, qint64 modifiedMs, const SessionRef& ref)
{
    const QMutexLocker lock(&m_mutex);
    m_entries.insert(path, {size, modifiedMs, ref});
}

qsizetype SessionCache::size() const
{
    const QMutexLocker lock(&m_mutex);
    return m_entries.size();
}

} // namespace chasm
