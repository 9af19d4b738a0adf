// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#include "PipelinedSink.h"

#include <condition_variable>
#include <deque>
#include <exception>
#include <functional>
#include <mutex>
#include <thread>

namespace chasm {

// Runs the parts in the order they come; the first error or exception stops the rest.
class PipelinedSink::Worker
{
public:
    using Part = std::function<std::optional<Error>()>;

    Worker()
        : m_thread([this] { work(); })
    {}
    ~Worker()
    {
        {
            const std::lock_guard lock(m_mutex);
            m_closing = true;
            m_parts.clear();
        }
        m_changed.notify_all();
        m_thread.join();
    }
    Q_DISABLE_COPY_MOVE(Worker)

    // Queues a part, once there is room: the error that stopped an earlier one, if one did.
    std::optional<Error> post(Part part)
    {
        std::unique_lock lock(m_mutex);
        m_changed.wait(lock, [this] { return m_parts.size() < maxWaiting || stopped(); });
        if (stopped()) {
            return failure();
        }
        m_parts.push_back(std::move(part));
        m_changed.notify_all();
        return std::nullopt;
    }
    // Waits until every part queued ran: the error that stopped one, if one did.
    std::optional<Error> finish()
    {
        std::unique_lock lock(m_mutex);
        m_changed.wait(lock, [this] { return (m_parts.empty() && !m_running) || stopped(); });
        return stopped() ? failure() : std::nullopt;
    }

private:
    static constexpr std::size_t maxWaiting = 2;

    bool stopped() const { return m_error || m_exception; }
    // The failure stays: every call after it fails too, so that nothing more reaches a sink that missed a part (a
    // reader that went on after an exception would otherwise end a session with a batch missing).
    std::optional<Error> failure() const
    {
        if (m_exception) {
            std::rethrow_exception(m_exception);
        }
        return m_error;
    }
    void work()
    {
        std::unique_lock lock(m_mutex);
        while (true) {
            m_changed.wait(lock, [this] { return !m_parts.empty() || m_closing; });
            if (m_parts.empty()) {
                return;
            }
            Part part = std::move(m_parts.front());
            m_parts.pop_front();
            m_running = true;
            lock.unlock();
            std::optional<Error> error;
            std::exception_ptr exception;
            try {
                error = part();
            } catch (...) {
                exception = std::current_exception();
            }
            part = nullptr; // what it held is freed here, not under the lock
            lock.lock();
            m_running = false;
            if (error || exception) {
                m_error = std::move(error);
                m_exception = exception;
                m_parts.clear();
            }
            m_changed.notify_all();
        }
    }

    std::mutex m_mutex;
    std::condition_variable m_changed;
    std::deque<Part> m_parts;
    bool m_running = false;
    bool m_closing = false;
    std::optional<Error> m_error;
    std::exception_ptr m_exception;
    std::thread m_thread; // last: it starts once the rest is made
};

PipelinedSink::PipelinedSink(SessionSink& sink)
    : m_sink(sink)
    , m_worker(std::make_unique<Worker>())
{}

PipelinedSink::~PipelinedSink() = default;

std::optional<Error> PipelinedSink::begin(const Session& header, int conversationMessages)
{
    return m_worker->post([this, header, conversationMessages] { return m_sink.begin(header, conversationMessages); });
}

std::optional<Error> PipelinedSink::add(QList<Message>&& messages)
{
    return m_worker->post([this, batch = std::move(messages)]() mutable { return m_sink.add(std::move(batch)); });
}

std::optional<Error> PipelinedSink::end(const QStringList& filesReferenced)
{
    if (auto error = m_worker->post([this, filesReferenced] { return m_sink.end(filesReferenced); })) {
        return error;
    }
    return m_worker->finish();
}

} // namespace chasm
