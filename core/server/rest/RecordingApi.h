// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#pragma once

#include "http/ApiEngine.h"
#include "services/RecordingService.h"

#include <QByteArray>
#include <QString>

#include <functional>
#include <memory>

namespace chasm::rest {

// The recording endpoints of the REST API (under /api/v1 and /api): POST /recording/events (a batch, answered with
// its acks), POST /recording/snapshot, GET /recording/sessions, /recording/sessions/{id}, /recording/status, and the
// WebSocket /recording/ws, all over one RecordingService. On the WebSocket the server first says hello; a client
// sends events (one, an array, or {"events": [...]}) and gets {"type":"ack"} for each session of each message, or
// {"type":"error"} (a gap names the expected seq); {"type":"resume","session_id":ID} asks for the last seq
// acknowledged of a session.
class RecordingApi
{
public:
    explicit RecordingApi(QString databasePath);
    Q_DISABLE_COPY_MOVE(RecordingApi)

    // Whether `path` (as ApiRequest::path) is one of the recording's.
    static bool claims(const QByteArray& path);
    // Answers a request claims() took, from any thread; `reply` is called once, from any thread.
    void handle(const http::ApiRequest& request, std::function<void(http::ApiReply)> reply);

    static bool servesSocket(const QByteArray& path);
    std::unique_ptr<http::ApiSocketSession> openSocket(std::shared_ptr<http::ApiSocketPeer> peer);
    RecordingService& service() { return m_service; }

private:
    RecordingService m_service;
};

} // namespace chasm::rest
