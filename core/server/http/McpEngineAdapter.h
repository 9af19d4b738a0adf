// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#pragma once

#include "McpEngine.h"
#include "mcp/McpServer.h"

namespace chasm::http {

// The engine of this process behind the HTTP transport's interface. Header only: compiled into the program that
// owns the engine, never into the transport's module.
class McpEngineAdapter final : public McpEngine
{
public:
    explicit McpEngineAdapter(mcp::McpServer& server)
        : m_server(server)
    {}

    std::unique_ptr<Session> openSession(mcp::McpSession::Send unrelated) override
    {
        return std::make_unique<EngineSession>(m_server, std::move(unrelated));
    }
    mcp::MessageKind messageKind(QByteArrayView message) const override { return mcp::messageKind(message); }
    QStringList supportedVersions() const override { return mcp::supportedVersions(); }

private:
    class EngineSession final : public Session
    {
    public:
        EngineSession(mcp::McpServer& server, mcp::McpSession::Send unrelated)
            : m_session(server, std::move(unrelated))
        {}
        void receive(QByteArrayView message, mcp::McpSession::Exchange exchange) override
        {
            m_session.receive(message, std::move(exchange));
        }
        void cancelAll() override { m_session.cancelAll(); }

    private:
        mcp::McpSession m_session;
    };

    mcp::McpServer& m_server;
};

} // namespace chasm::http
