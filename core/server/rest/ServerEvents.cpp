// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#include "ServerEvents.h"

#include <boost/json/serialize.hpp>

namespace chasm::rest {

namespace {

QByteArray text(const boost::json::object& event)
{
    return QByteArray::fromStdString(boost::json::serialize(event));
}

} // namespace

// One socket's subscription, for as long as the socket is open. What a client sends here is answered with an error:
// this socket only tells.
class ServerEvents::Subscription final : public http::ApiSocketSession
{
public:
    Subscription(ServerEvents& events, quint64 id, std::shared_ptr<http::ApiSocketPeer> peer)
        : m_events(events)
        , m_id(id)
        , m_peer(std::move(peer))
    {}
    ~Subscription() override
    {
        const std::lock_guard lock(m_events.m_mutex);
        m_events.m_peers.erase(m_id);
    }
    void received(const QByteArray&) override
    {
        m_peer->send(text({{"type", "error"},
                           {"code", "bad_request"},
                           {"message", "/ws only sends events; record over /api/v1/recording/ws"}}));
    }

private:
    ServerEvents& m_events;
    quint64 m_id;
    std::shared_ptr<http::ApiSocketPeer> m_peer;
};

ServerEvents::ServerEvents(std::function<boost::json::object()> status)
    : m_status(std::move(status))
{}

bool ServerEvents::servesSocket(const QByteArray& path)
{
    return path == "/api/v1/ws" || path == "/api/ws";
}

std::unique_ptr<http::ApiSocketSession> ServerEvents::open(std::shared_ptr<http::ApiSocketPeer> peer)
{
    boost::json::object status = m_status();
    status["type"] = "status";
    // Under the lock, so that no event published meanwhile comes before the status.
    const std::lock_guard lock(m_mutex);
    peer->send(text(status));
    const quint64 id = m_next++;
    m_peers.emplace(id, peer);
    return std::make_unique<Subscription>(*this, id, std::move(peer));
}

void ServerEvents::publish(const boost::json::object& event)
{
    const QByteArray message = text(event);
    const std::lock_guard lock(m_mutex);
    for (const auto& [id, peer] : m_peers) {
        peer->send(message);
    }
}

} // namespace chasm::rest
