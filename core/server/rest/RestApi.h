#pragma once

#include "http/ApiEngine.h"
#include "util/Environment.h"

#include <QString>

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
    struct Options
    {
        QString database; // as --db names it; empty: $CHASM_DB or the default database
    };
    RestApi(const Environment& environment, Options options);
    // Waits for the requests still running.
    ~RestApi() override;
    Q_DISABLE_COPY_MOVE(RestApi)

    // What GET /settings tells of the server, once it listens.
    void setServing(const http::ApiHttpOptions& options, quint16 port);
    QString databasePath() const;

    void handle(http::ApiRequest request, std::function<void(http::ApiReply)> reply) override;
    // The recording's WebSocket (RecordingApi) and the real-time events of /ws (ServerEvents).
    bool servesSocket(const QByteArray& path) const override;
    std::unique_ptr<http::ApiSocketSession> openSocket(const QByteArray& path,
                                                       std::shared_ptr<http::ApiSocketPeer> peer) override;

private:
    std::unique_ptr<RestApiPrivate> d;
};

} // namespace chasm::rest
