// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#pragma once

#include <QByteArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

#include <atomic>
#include <functional>
#include <memory>
#include <mutex>
#include <utility>

namespace chasm::http {

// One request to the REST API as the transport hands it over (QtCore types only: the controllers live in the
// program, the transport in the chasm-http module). Its Host, Origin and token were checked already.
struct ApiRequest
{
    QByteArray method; // "GET"
    QByteArray path;   // "/api/v1/sessions/abc", undecoded, without the query
    QByteArray query;  // what followed '?', undecoded
    QByteArray body;
};

// A body sent in pieces as they come (Server-Sent Events): the controller writes from its thread and ends it, the
// transport sends what was written as it arrives and tells when the client went away.
class ApiStream
{
public:
    // Queues `data`; false once the client went away (what is written then is dropped).
    bool write(QByteArray data)
    {
        std::unique_lock lock(m_mutex);
        if (m_cancelled) {
            return false;
        }
        m_pending += data;
        notify(lock);
        return true;
    }
    // The body is complete.
    void end()
    {
        std::unique_lock lock(m_mutex);
        m_ended = true;
        notify(lock);
    }
    // Set when the client went away: what a controller polls to stop the work the body comes from.
    const std::atomic<bool>& cancelled() const { return m_cancelled; }

    // The transport's side. `ready` is called, from the writer's thread, when there is something to take.
    void attach(std::function<void()> ready)
    {
        std::unique_lock lock(m_mutex);
        m_ready = std::move(ready);
        if (!m_pending.isEmpty() || m_ended) {
            notify(lock);
        }
    }
    // What was written since the last take, and whether the body ended.
    std::pair<QByteArray, bool> take()
    {
        const std::lock_guard lock(m_mutex);
        m_notified = false;
        return {std::exchange(m_pending, {}), m_ended};
    }
    void cancel()
    {
        const std::lock_guard lock(m_mutex);
        m_cancelled = true;
        m_pending.clear();
    }

private:
    // One call of `ready` per take: writes in between only add to what it will take.
    void notify(std::unique_lock<std::mutex>& lock)
    {
        if (m_notified || !m_ready) {
            return;
        }
        m_notified = true;
        const std::function<void()> ready = m_ready;
        lock.unlock();
        ready();
    }

    std::mutex m_mutex;
    QByteArray m_pending;
    bool m_ended = false;
    bool m_notified = false;
    std::atomic<bool> m_cancelled{false};
    std::function<void()> m_ready;
};

struct ApiReply
{
    int status = 200;
    QByteArray contentType = "application/json";
    QByteArray body;
    QList<std::pair<QByteArray, QByteArray>> headers; // besides Content-Type and Content-Length
    // Set: the body is sent as this stream gives it (chunked), `body` unused.
    std::shared_ptr<ApiStream> stream;
};

// One WebSocket of the API as the controllers see it (the transport's side): text messages to the client, sent in
// the order given, from any thread; once the socket closed, what is sent is dropped.
class ApiSocketPeer
{
public:
    virtual ~ApiSocketPeer() = default;
    virtual void send(QByteArray text) = 0;
    // Closes the socket with a WebSocket close code (1008 policy, 1009 too big, ...) and a short reason.
    virtual void close(int code, QString reason) = 0;
};

// What the controllers make of one WebSocket's messages: called on the transport's thread, one message at a time,
// and destroyed there when the socket closed.
class ApiSocketSession
{
public:
    virtual ~ApiSocketSession() = default;
    virtual void received(const QByteArray& text) = 0;
};

// The REST API's controllers as the HTTP transport drives them (RestApi). handle returns at once; `reply` is
// called once, from any thread.
class ApiEngine
{
public:
    virtual ~ApiEngine() = default;
    virtual void handle(ApiRequest request, std::function<void(ApiReply)> reply) = 0;
    // Whether `path` (as ApiRequest::path) is a WebSocket endpoint: asked of a handshake whose Host, Origin and token
    // were checked, before it is accepted.
    virtual bool servesSocket(const QByteArray& path) const = 0;
    // A WebSocket opened at `path` (one servesSocket accepted), on the transport's thread; null closes it.
    virtual std::unique_ptr<ApiSocketSession> openSocket(const QByteArray& path,
                                                         std::shared_ptr<ApiSocketPeer> peer) = 0;
};

// Where and how `chasm api serve` serves.
struct ApiHttpOptions
{
    QString host = QStringLiteral("127.0.0.1"); // an IP address, or localhost
    quint16 port = 8787;                        // 0: a free port
    // Asked of every request but GET /api/v1/health. Empty only with noAuth, which only a loopback address takes.
    QByteArray token;
    bool noAuth = false;
    qsizetype maxBody = 4 * 1024 * 1024; // a request's body, and a WebSocket's message
    int maxSockets = 64;                 // WebSockets open at once; a handshake past them is answered 503
    // CORS: the origins ("https://app.example:8443") whose pages may call the API from a browser. Empty: none, and
    // a request with any Origin but this server's own is refused (403).
    QStringList allowedOrigins;
    // API requests being answered at once; one more is answered 429 (Retry-After) until one ends.
    int maxInFlight = 64;
};

// The name of an error status in the envelope every API error is answered with.
inline QByteArray apiErrorCode(int status)
{
    switch (status) {
    case 400:
        return "bad_request";
    case 401:
        return "unauthorized";
    case 403:
        return "forbidden";
    case 404:
        return "not_found";
    case 405:
        return "method_not_allowed";
    case 408:
        return "request_timeout";
    case 409:
        return "conflict";
    case 413:
        return "payload_too_large";
    case 422:
        return "unprocessable";
    case 429:
        return "too_many_requests";
    case 431:
        return "headers_too_large";
    case 501:
        return "not_implemented";
    case 502:
        return "bad_gateway";
    case 503:
        return "unavailable";
    default:
        return "internal";
    }
}

// {"error": {"code": "not_found", "message": "..."}}: every API error, whoever answers it (the controllers, the
// transport's checks, the HTTP server's limits).
inline QByteArray apiErrorBody(int status, const QString& message)
{
    const QJsonObject error{{QStringLiteral("code"), QString::fromLatin1(apiErrorCode(status))},
                            {QStringLiteral("message"), message}};
    return QJsonDocument(QJsonObject{{QStringLiteral("error"), error}}).toJson(QJsonDocument::Compact);
}

} // namespace chasm::http
