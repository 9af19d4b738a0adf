// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#pragma once

#include "http/ApiEngine.h"

#include <boost/json/object.hpp>

#include <functional>
#include <map>
#include <memory>
#include <mutex>

namespace chasm::rest {

// The real-time events of the WebSocket /api/v1/ws: every socket open there gets every event published, from any
// thread, as one JSON text message ({"type": "harvest_progress" | "harvest_end" | "sessions_changed" | "status",
// ...}), in the order published. A socket first gets the server's status.
class ServerEvents
{
public:
    explicit ServerEvents(std::function<boost::json::object()> status);
    Q_DISABLE_COPY_MOVE(ServerEvents)

    static bool servesSocket(const QByteArray& path);
    std::unique_ptr<http::ApiSocketSession> open(std::shared_ptr<http::ApiSocketPeer> peer);
    void publish(const boost::json::object& event);

private:
    class Subscription;
    std::function<boost::json::object()> m_status;
    std::mutex m_mutex;
    std::map<quint64, std::shared_ptr<http::ApiSocketPeer>> m_peers;
    quint64 m_next = 0;
};

} // namespace chasm::rest
