// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#include "RecordingApi.h"

#include "json/Json.h"
#include "model/ModelJson.h"

#include <boost/json/serialize.hpp>

#include <atomic>
#include <memory>

using namespace Qt::StringLiterals;

namespace chasm::rest {

namespace {

// The path after /api/v1 (or /api), without a trailing slash: "/recording/sessions/abc".
QByteArray localPath(const QByteArray& path)
{
    QByteArray local = path;
    for (const QByteArray& prefix : {QByteArray("/api/v1"), QByteArray("/api")}) {
        if (local.startsWith(QByteArray(prefix + "/recording"))) {
            local = local.mid(prefix.size());
            break;
        }
    }
    if (local.endsWith('/')) {
        local.chop(1);
    }
    return local;
}

http::ApiReply json(int status, const boost::json::value& body)
{
    return {status, "application/json", QByteArray::fromStdString(boost::json::serialize(body)), {}, nullptr};
}

http::ApiReply failure(int status, const QString& message)
{
    return {status, "application/json", http::apiErrorBody(status, message), {}, nullptr};
}

QByteArray text(const boost::json::value& value)
{
    return QByteArray::fromStdString(boost::json::serialize(value));
}

// A batch's answer: its acks, and its gaps as errors; 409 when there was a gap (the events before it are stored and
// acknowledged all the same), 503 when nothing could be stored.
http::ApiReply outcomeReply(const RecordingService::Outcome& outcome)
{
    if (outcome.error) {
        // A stale snapshot is the client's to correct; anything else is the database failing.
        return failure(outcome.error->kind == ErrorKind::Conflict ? 409 : 503, outcome.error->message);
    }
    boost::json::object body = RecordingService::toJson(outcome);
    if (outcome.gaps.isEmpty()) {
        return json(200, body);
    }
    const RecordingService::Gap& gap = outcome.gaps.constFirst();
    body["error"] = {{"code", "conflict"},
                     {"message", RecordingService::toJson(gap).at("message")},
                     {"session_id", json::fromQString(gap.sessionId)},
                     {"expected_seq", gap.expectedSeq}};
    return json(409, body);
}

// One WebSocket of /recording/ws.
class RecordingSocket final : public http::ApiSocketSession
{
public:
    // The bytes of event messages a socket may have handed to the writer and not had answered yet: a client that
    // sends faster than the database commits (a window larger than this, or no window) is closed (1008, policy
    // violated: Qt 6.4 takes no 1013) rather than let the writer's queue grow without bound. It resumes after
    // reconnecting.
    static constexpr qint64 maxUnansweredBytes = 16 * 1024 * 1024;

    RecordingSocket(RecordingService& service, std::shared_ptr<http::ApiSocketPeer> peer)
        : m_service(service)
        , m_peer(std::move(peer))
    {
        m_peer->send(text(boost::json::object{{"type", "hello"},
                                              {"server", "chasm"},
                                              {"version", CHASM_VERSION},
                                              {"protocol", 1},
                                              {"max_events_per_message", RecordingService::maxBatchEvents}}));
    }

    void received(const QByteArray& message) override
    {
        auto value = RecordingService::parseJson(message);
        if (!value) {
            refuse(u"invalid_event"_s, value.error().message);
            return;
        }
        if (const boost::json::object* object = value->if_object()) {
            const boost::json::value* type = object->if_contains("type");
            if (type && type->is_string() && type->get_string() == "resume") {
                resume(*object);
                return;
            }
        }
        auto events = RecordingService::parseEvents(*value);
        if (!events) {
            refuse(u"invalid_event"_s, events.error().message);
            return;
        }
        const qint64 bytes = message.size();
        if (m_unanswered->load() + bytes > maxUnansweredBytes) {
            m_peer->close(1008, u"more than %1 MiB of events wait for their acknowledgement: wait for the acks "
                                u"before sending more, then resume"_s.arg(maxUnansweredBytes >> 20));
            return;
        }
        *m_unanswered += bytes;
        m_service.record(std::move(events).value(), [peer = m_peer, unanswered = m_unanswered,
                                                     bytes](const RecordingService::Outcome& outcome) {
            *unanswered -= bytes;
            if (outcome.error) {
                peer->send(text(boost::json::object{{"type", "error"},
                                                    {"code", "unavailable"},
                                                    {"message", json::fromQString(outcome.error->message)}}));
                return;
            }
            for (const RecordingService::Ack& ack : outcome.acks) {
                peer->send(text(RecordingService::toJson(ack)));
            }
            for (const RecordingService::Gap& gap : outcome.gaps) {
                peer->send(text(RecordingService::toJson(gap)));
            }
        });
    }

private:
    void resume(const boost::json::object& object)
    {
        const boost::json::value* id = object.if_contains("session_id");
        const QString sessionId = id && id->is_string() ? json::toQString(id->get_string()) : QString();
        if (object.size() != 2 || !RecordingService::isSessionId(sessionId)) {
            refuse(u"invalid_event"_s, u"resume is {\"type\": \"resume\", \"session_id\": ID}, the id 1 to %1 "
                                       u"characters of A-Z a-z 0-9 . _ : -"_s.arg(RecordingService::maxIdLength));
            return;
        }
        m_service.lastSeq(sessionId, [peer = m_peer, sessionId](const Result<qint64>& last) {
            if (!last) {
                peer->send(text(boost::json::object{
                    {"type", "error"}, {"code", "unavailable"}, {"message", json::fromQString(last.error().message)}}));
                return;
            }
            peer->send(text(boost::json::object{
                {"type", "resume"}, {"session_id", json::fromQString(sessionId)}, {"last_seq", *last}}));
        });
    }

    void refuse(const QString& code, const QString& message)
    {
        m_peer->send(text(boost::json::object{
            {"type", "error"}, {"code", json::fromQString(code)}, {"message", json::fromQString(message)}}));
    }

    RecordingService& m_service;
    std::shared_ptr<http::ApiSocketPeer> m_peer;
    std::shared_ptr<std::atomic<qint64>> m_unanswered = std::make_shared<std::atomic<qint64>>(0);
};

} // namespace

RecordingApi::RecordingApi(QString databasePath)
    : m_service(std::move(databasePath))
{}

bool RecordingApi::claims(const QByteArray& path)
{
    const QByteArray local = localPath(path);
    return local == "/recording" || local.startsWith("/recording/");
}

bool RecordingApi::servesSocket(const QByteArray& path)
{
    return path == "/api/v1/recording/ws" || path == "/api/recording/ws";
}

std::unique_ptr<http::ApiSocketSession> RecordingApi::openSocket(std::shared_ptr<http::ApiSocketPeer> peer)
{
    return std::make_unique<RecordingSocket>(m_service, std::move(peer));
}

void RecordingApi::handle(const http::ApiRequest& request, std::function<void(http::ApiReply)> reply)
{
    const QByteArray path = localPath(request.path);
    if (!request.query.isEmpty()) {
        reply(failure(400, u"the recording's endpoints take no parameters"_s));
        return;
    }
    const auto only = [&](const QByteArray& method) {
        if (request.method == method) {
            return true;
        }
        reply(failure(405, u"%1 is not served at %2"_s.arg(QString::fromLatin1(request.method),
                                                           QString::fromUtf8(request.path))));
        return false;
    };
    if (path == "/recording/events") {
        if (!only("POST")) {
            return;
        }
        auto events = RecordingService::parseEvents(request.body);
        if (!events) {
            // Too many events is the batch's size, as a body past the limit is.
            reply(failure(events.error().kind == ErrorKind::TooLarge ? 413 : 400, events.error().message));
            return;
        }
        m_service.record(std::move(events).value(),
                         [reply](const RecordingService::Outcome& outcome) { reply(outcomeReply(outcome)); });
    } else if (path == "/recording/snapshot") {
        if (!only("POST")) {
            return;
        }
        auto snapshot = RecordingService::parseSnapshot(request.body);
        if (!snapshot) {
            reply(failure(snapshot.error().kind == ErrorKind::TooLarge ? 413 : 400, snapshot.error().message));
            return;
        }
        m_service.snapshot(std::move(snapshot).value(),
                           [reply](const RecordingService::Outcome& outcome) { reply(outcomeReply(outcome)); });
    } else if (path == "/recording/sessions") {
        if (!only("GET")) {
            return;
        }
        m_service.sessions([reply](const Result<QList<RecordingStore::SessionState>>& sessions) {
            if (!sessions) {
                reply(failure(503, sessions.error().message));
                return;
            }
            boost::json::array list;
            for (const RecordingStore::SessionState& state : *sessions) {
                list.emplace_back(RecordingService::toJson(state));
            }
            reply(json(200, boost::json::object{{"sessions", std::move(list)}}));
        });
    } else if (path.startsWith("/recording/sessions/") && path.count('/') == 3) {
        if (!only("GET")) {
            return;
        }
        const QString id = QString::fromUtf8(QByteArray::fromPercentEncoding(path.mid(20)));
        if (!RecordingService::isSessionId(id)) {
            reply(failure(400, u"a recorded session's id is 1 to %1 characters of A-Z a-z 0-9 . _ : - (not starting "
                               u"with '.')"_s.arg(RecordingService::maxIdLength)));
            return;
        }
        m_service.session(id, [reply, id](const Result<std::optional<RecordingService::SessionReport>>& report) {
            if (!report) {
                reply(failure(503, report.error().message));
                return;
            }
            if (!*report) {
                reply(failure(404, u"no recorded session '%1'"_s.arg(id)));
                return;
            }
            boost::json::object body = RecordingService::toJson((*report)->state);
            body["session"] = shapes::session((*report)->session);
            reply(json(200, body));
        });
    } else if (path == "/recording/status") {
        if (only("GET")) {
            reply(json(200, RecordingService::toJson(m_service.status())));
        }
    } else if (path == "/recording/ws") {
        reply(failure(400, u"/recording/ws is a WebSocket: connect with `Upgrade: websocket` and the bearer token"_s));
    } else {
        reply(failure(404, u"no such endpoint: %1 (the recording serves /recording/events, /recording/snapshot, "
                           u"/recording/sessions, /recording/status and the WebSocket /recording/ws)"_s.arg(
                               QString::fromUtf8(request.path))));
    }
}

} // namespace chasm::rest
