// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#pragma once

#include <QScopeGuard>
#include <QThread>
#include <QThreadPool>
#include <QtConcurrent/QtConcurrentMap>

namespace chasm {

// `map` applied to each of `items` on the global thread pool, the results in the items' order, as
// QtConcurrent::blockingMapped does, but from any thread. A thread of the pool itself (the app's work in the
// background, or the map of an outer mappedOnPool) gives its place in the pool up while it waits: otherwise the items
// wait for a free thread that never comes once every thread of the pool waits so: a listing that mapped each
// provider's files from the map of the providers hung so on two cores, and test_session_catalog lists from the only
// thread of a pool.
template<typename Result, typename Items, typename Map>
Result mappedOnPool(const Items& items, Map map)
{
    QThreadPool* pool = QThreadPool::globalInstance();
    const bool fromPool = pool->contains(QThread::currentThread());
    if (fromPool) {
        pool->releaseThread();
    }
    const auto reserve = qScopeGuard([pool, fromPool] {
        if (fromPool) {
            pool->reserveThread();
        }
    });
    return QtConcurrent::blockingMapped<Result>(items, std::move(map));
}

} // namespace chasm
