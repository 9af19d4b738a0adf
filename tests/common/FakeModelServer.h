// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#pragma once

// A model server of the tests' own on 127.0.0.1: a real HTTP/1.1 server that speaks the four APIs of
// llm/ModelClient.h (OpenAI's /v1/chat/completions and /v1/models, Ollama's /api/chat and /api/tags, Anthropic's
// /v1/messages and /v1/models, Gemini's /v1beta/models/M:generateContent, :streamGenerateContent and /v1beta/models),
// streamed or whole as the request asks, and answers as the test scripts it: the text in pieces with a delay between
// them, failures before the answer, an error, a stall, a connection closed mid-stream, a hostile body. It records
// every request. It runs on a thread of its own, since the clients block the test's thread.

#include "llm/ModelClient.h"

#include <QByteArray>
#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QMutex>
#include <QSslConfiguration>
#include <QString>
#include <QStringList>
#include <QUrl>

#include <chrono>
#include <memory>
#include <optional>

namespace chasm::test {

class FakeModelServer final
{
public:
    struct Script
    {
        QString text = QStringLiteral("Hello from the fake model.");
        int pieces = 1;                     // the streamed text in this many pieces (split by characters)
        std::chrono::milliseconds delay{0}; // between two pieces
        QString model;                      // the model the answer names; empty: the one asked for
        qint64 inputTokens = 12;
        qint64 outputTokens = 5;
        // The first `failures` chat requests are answered `failureStatus` (with a Retry-After of `retryAfter` when
        // set) and the API's error body; with a failureStatus of 0, their connection is closed without a byte.
        int failures = 0;
        int failureStatus = 503;
        QByteArray retryAfter;
        // Every chat request answered with this status and body instead (0: none).
        int status = 0;
        QByteArray errorBody;
        // After this many pieces the server sends nothing more and keeps the connection open (-1: never).
        int stallAfter = -1;
        // After this many pieces the server closes the connection (-1: never).
        int closeAfter = -1;
        // A 200 answer whose body is these bytes, as they are (empty: none).
        QByteArray rawBody;
        QStringList models = {QStringLiteral("model-b"), QStringLiteral("model-a")};
        int modelsPerPage = 0; // the listing in pages of this many, where the API pages (0: one page)
    };

    struct Request
    {
        QByteArray method;
        QByteArray target;                     // the path and query, as sent
        QHash<QByteArray, QByteArray> headers; // names in lower case
        QByteArray body;
        QJsonObject json; // the body parsed, if it is a JSON object
    };

    // With `tls` (a certificate and its key), the server speaks HTTPS only.
    explicit FakeModelServer(const std::optional<QSslConfiguration>& tls = std::nullopt);
    ~FakeModelServer();
    Q_DISABLE_COPY_MOVE(FakeModelServer)

    // The root of an API as its provider documents it, on this server (http://127.0.0.1:PORT/v1 for OpenAI…).
    QUrl baseUrl(ModelApi api) const;
    quint16 port() const { return m_port; }

    void setScript(const Script& script);
    QList<Request> requests() const;
    // The chat requests received (not the models listings).
    int chatRequests() const;
    // The API's own error body for `status` with `message`, as each API shapes it.
    static QByteArray errorBody(ModelApi api, int status, const QString& message);

    // For the server's thread.
    struct Shared;

private:
    class Thread;
    std::shared_ptr<Shared> m_shared;
    std::unique_ptr<Thread> m_thread;
    quint16 m_port = 0;
    bool m_tls = false;
};

} // namespace chasm::test
