// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#pragma once

#include "util/Environment.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QString>
#include <QStringList>

#include <atomic>
#include <functional>
#include <memory>
#include <string>

namespace chasm::mcp {

class McpServerPrivate;
class McpSessionPrivate;

// The Model Context Protocol versions Chasm speaks, oldest first. A client that asks for one of them gets it; any
// other request is answered with the newest (latestVersion), never echoed.
const QStringList& supportedVersions();
inline constexpr QStringView latestVersion = u"2025-11-25";

// What every MCP session of one process shares: the harvest database the tools read (kept up to date by a
// harvest in the background, so that sessions not harvested yet are found too), the budget of an answer, and the
// threads that run the tools. Transports (stdio, Streamable HTTP) make one McpServer and one McpSession per client.
class McpServer
{
public:
    struct Options
    {
        QString database;      // as --db names it; empty: $CHASM_DB or the default database
        int maxTokens = 20000; // an answer's budget, estimated as characters / 4
        bool harvest = true;   // bring the database up to date in the background (tests of a fixed database: off)
    };
    McpServer(const Environment& environment, Options options);
    ~McpServer();
    Q_DISABLE_COPY_MOVE(McpServer)

    const Options& options() const;
    // The database path as resolved (for messages and for the HTTP transport's log).
    QString databasePath() const;

private:
    friend class McpSession;
    std::unique_ptr<McpServerPrivate> d;
};

// One client's session: reads its JSON-RPC messages one at a time (receive), answers them. Requests run on the
// server's threads, so that a ping or a cancellation is heard while a search runs; everything a request sends
// (its progress and log notifications, then its response) goes to the exchange it came with.
class McpSession
{
public:
    // One serialized JSON-RPC message, without a line break. Called from any thread, one call at a time per
    // exchange.
    using Send = std::function<void(std::string message)>;
    struct Exchange
    {
        Send send;
        // Nothing more will be sent for this message: after a request's response, at once for a notification
        // or a response from the client, or after an error reply to a message that could not be read. Called once.
        std::function<void()> done;
    };

    // `unrelated` takes what belongs to no request (a log line of the background harvest); it may be empty, and
    // then such messages are dropped.
    McpSession(McpServer& server, Send unrelated = {});
    // Cancels the requests still running and waits for them.
    ~McpSession();
    Q_DISABLE_COPY_MOVE(McpSession)

    // One message as it arrived (a line of stdio, the body of an HTTP POST). Returns at once: the answer goes to
    // `exchange` from one of the server's threads, or from this one for what needs no work (an error, a ping).
    void receive(QByteArrayView message, Exchange exchange);

    // After `initialize` was answered: the version agreed on. Empty before.
    QString protocolVersion() const;
    // Cancels every request still running (their responses are not sent, their exchanges are done) and waits.
    void cancelAll();
    // Waits until every request still running has been answered.
    void finish();

private:
    std::unique_ptr<McpSessionPrivate> d;
};

// What a transport needs to know of a message before it hands it to a session (HTTP: whether it opens a new
// session, whether anything will be answered). Reads only the top level.
struct MessageKind
{
    bool valid = false;      // a JSON object with "jsonrpc": "2.0"
    bool request = false;    // has a method and an id: a response will follow
    bool initialize = false; // the initialize request
};
MessageKind messageKind(QByteArrayView message);

} // namespace chasm::mcp
