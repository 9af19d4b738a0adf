// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#pragma once

#include "http/ApiEngine.h"
#include "llm/ModelClient.h"
#include "util/Environment.h"
#include "util/Result.h"

#include <QHash>
#include <QMutex>
#include <QString>
#include <QThreadPool>

#include <atomic>
#include <deque>
#include <functional>

namespace chasm::rest {

// The model providers over HTTP, as `chasm run PROVIDER` and `chasm provider list --models` reach them:
// POST /api/v1/chat/completions (OpenAI's chat completions, streamed as Server-Sent Events or not) with any provider
// Chasm chats with, every exchange recorded as a chat of provider `chasm` the way `chasm run` records it; and
// GET /api/v1/providers/{name}/models. A client that sends the conversation again with each prompt (as OpenAI's
// clients do) goes on in the chat recorded for it, as long as this server runs.
class ChatApi final
{
public:
    // The model clients, loaded when the first request needs them (the chasm-llm module), or why there are none.
    using ModelLibraryLoader = std::function<Result<const ModelLibrary*>()>;
    ChatApi(Environment environment, QString databasePath, ModelLibraryLoader models);
    // Stops the answers being streamed (each recorded as cancelled) and waits for them.
    ~ChatApi();
    Q_DISABLE_COPY_MOVE(ChatApi)

    // Whether `path` (as ApiRequest::path) is one of these endpoints.
    static bool claims(const QByteArray& path);
    // Answers on a thread of its own: a chat may stream for minutes without holding the API's other requests.
    void handle(const http::ApiRequest& request, std::function<void(http::ApiReply)> reply);

private:
    struct Answer;
    Answer answer(const http::ApiRequest& request, const std::function<void(http::ApiReply)>& reply);
    Answer models(const QString& provider);
    Answer chat(const QByteArray& body, const std::function<void(http::ApiReply)>& reply);
    // The provider's endpoint with its key (asked of the keychain on the application's thread).
    Result<ModelEndpoint> endpoint(const QString& provider, QString* model);
    Result<const ModelLibrary*> library();

    // The recorded chat whose conversation, as a client would send it again, hashes to `key`.
    QString conversation(const QByteArray& key);
    void remember(const QByteArray& key, const QString& nativeId);

    const Environment m_environment;
    const QString m_database;
    const ModelLibraryLoader m_loader;
    QMutex m_mutex;
    std::optional<Result<const ModelLibrary*>> m_library;
    QHash<QByteArray, QString> m_conversations;
    std::deque<QByteArray> m_remembered; // oldest first, to forget the oldest past a bound
    std::atomic<bool> m_stopping{false};
    QThreadPool m_pool;
};

} // namespace chasm::rest
