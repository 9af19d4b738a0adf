// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#pragma once

// Work off the GUI thread, in one way: `Background::run` runs a function on a thread pool and hands its
// result to a callback on the GUI thread, and `Latest` drops the result of a request a newer one replaced
// (the user clicked another session before the first was read). The callback never runs once its context
// object is gone.

#include <QFutureWatcher>
#include <QObject>
#include <QPromise>
#include <QThreadPool>
#include <QtConcurrent/QtConcurrentRun>

#include <atomic>
#include <functional>
#include <memory>
#include <type_traits>
#include <utility>

namespace chasm {

// Numbers requests of one kind: `start` begins a new one and makes every earlier one stale.
class Latest
{
public:
    quint64 start() { return ++*m_newest; }
    bool isCurrent(quint64 request) const { return request == *m_newest; }
    // Makes every running request stale without starting one (the view was cleared).
    void cancel() { ++*m_newest; }
    // For the work of `request` on a worker thread: true once it is stale, so that work no longer wanted stops.
    std::function<bool()> stale(quint64 request) const
    {
        return [newest = m_newest, request] { return *newest != request; };
    }

private:
    // Shared with the workers that ask stale().
    std::shared_ptr<std::atomic<quint64>> m_newest = std::make_shared<std::atomic<quint64>>(0);
};

namespace Background {

// Runs `work()` on `pool` and then `done(result)` on `context`'s thread (`done()` when `work` returns
// nothing). `done` does not run when `context` was destroyed first.
template<typename Work, typename Done>
void run(QObject* context, Work work, Done done, QThreadPool* pool = QThreadPool::globalInstance())
{
    using R = std::invoke_result_t<Work>;
    auto* watcher = new QFutureWatcher<R>(context);
    QObject::connect(watcher, &QFutureWatcherBase::finished, context, [watcher, done = std::move(done)]() mutable {
        watcher->deleteLater();
        if constexpr (std::is_void_v<R>) {
            done();
        } else {
            done(watcher->result());
        }
    });
    watcher->setFuture(QtConcurrent::run(pool, std::move(work)));
}

// As `run`, for a request of `latest`'s kind: `done` runs only when no newer request started meanwhile.
// `latest` must live as long as `context` (a member of it).
template<typename Work, typename Done>
void runLatest(QObject* context, Latest& latest, quint64 request, Work work, Done done,
               QThreadPool* pool = QThreadPool::globalInstance())
{
    run(
        context, std::move(work),
        [&latest, request, done = std::move(done)](auto&&... result) mutable {
            if (latest.isCurrent(request)) {
                done(std::forward<decltype(result)>(result)...);
            }
        },
        pool);
}

// Runs `work(promise)`, which may add several results as they come (the beginning of a long session,
// then all of it); `each(result)` runs on `context`'s thread for every result while `request` is still
// the newest, and `finished()` once the work is over, current or not.
template<typename T, typename Work, typename Each, typename Finished>
void stream(QObject* context, Latest& latest, quint64 request, Work work, Each each, Finished finished,
            QThreadPool* pool = QThreadPool::globalInstance())
{
    auto* watcher = new QFutureWatcher<T>(context);
    QObject::connect(watcher, &QFutureWatcherBase::resultReadyAt, context,
                     [watcher, &latest, request, each = std::move(each)](int index) mutable {
                         if (latest.isCurrent(request)) {
                             each(watcher->resultAt(index));
                         }
                     });
    QObject::connect(watcher, &QFutureWatcherBase::finished, context,
                     [watcher, finished = std::move(finished)]() mutable {
                         watcher->deleteLater();
                         finished();
                     });
    watcher->setFuture(QtConcurrent::run(pool, std::move(work)));
}

} // namespace Background

} // namespace chasm
