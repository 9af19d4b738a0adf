// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#pragma once

#include "ChatApi.h"
#include "HarvestJobs.h"
#include "http/ApiEngine.h"
#include "services/HarvestDatabaseService.h"
#include "util/Environment.h"

#include <QString>

#include <functional>
#include <memory>

namespace chasm::rest {

class RestApiPrivate;

// The REST API's controllers (/api/v1 and its unversioned /api aliases): each request's path, parameters and ids
// checked (400, 404, 405), then translated into one service call on the harvest database, answered with the JSON
// the CLI's --json prints for the same thing, or with the error envelope. Requests run on threads of their own,
// each with its own connection to the database. The transport (ApiHttpServer) checks Host, Origin and the token
// before.
class RestApi final : public http::ApiEngine
{
public:
    // Runs one harvest until it ends, reporting progress through the request's options and returning soon after
    // their cancel flag is set: the app hands its harvest service's runs, so that the window shows them.
    using HarvestRunner =
        std::function<Result<HarvestDatabaseService::RunReport>(const HarvestDatabaseService::RunRequest&)>;
    struct Options
    {
        QString database; // as --db names it; empty: $CHASM_DB or the default database
        // What runs a harvest started by POST /harvest (empty: this program's own HarvestDatabaseService).
        HarvestRunner harvest;
        // The model clients of /chat/completions and /providers/{name}/models (empty: those answer 501).
        ChatApi::ModelLibraryLoader models;
    };
    RestApi(const Environment& environment, Options options);
    // Waits for the requests still running.
    ~RestApi() override;
    Q_DISABLE_COPY_MOVE(RestApi)

    // What GET /settings tells of the server, once it listens.
    void setServing(const http::ApiHttpOptions& options, quint16 port);
    QString databasePath() const;
    // The server stops: a harvest running is asked to stop (what it read is stored, its temporary files removed)
    // and no other starts. The destructor waits for it.
    void stop();

    void handle(http::ApiRequest request, std::function<void(http::ApiReply)> reply) override;
    // The recording's WebSocket (RecordingApi) and the real-time events of /ws (ServerEvents).
    bool servesSocket(const QByteArray& path) const override;
    std::unique_ptr<http::ApiSocketSession> openSocket(const QByteArray& path,
                                                       std::shared_ptr<http::ApiSocketPeer> peer) override;

private:
    std::unique_ptr<RestApiPrivate> d;
};

} // namespace chasm::rest
