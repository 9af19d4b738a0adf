#pragma once

#include "model/SessionRef.h"

#include <QHash>
#include <QMutex>

namespace chasm {

// What listing learnt about each session file, keyed by path and valid while the file's size and
// modification time stay the same: a second listing reads only files that changed. Shared by the
// threads of one listing and by successive listings of one catalog (the GUI's reloads, a server).
class SessionCache
{
public:
    SessionCache() = default;
    Q_DISABLE_COPY_MOVE(SessionCache)

    std::optional<SessionRef> find(const QString& path, qint64 size, qint64 modifiedMs,
                                   const QString& workspaceId) const;
    void insert(const QString& path, qint64 size, qint64 modifiedMs, const SessionRef& ref);
    qsizetype size() const;

private:
    struct Entry
    {
        qint64 size = 0;
        qint64 modifiedMs = 0;
        SessionRef ref;
    };
    mutable QMutex m_mutex;
    QHash<QString, Entry> m_entries;
};

} // namespace chasm
