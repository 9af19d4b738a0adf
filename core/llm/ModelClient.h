// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#pragma once

#include "util/Result.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>
#include <QUrl>

#include <atomic>
#include <chrono>
#include <functional>
#include <memory>
#include <optional>

namespace chasm {

// The wire protocol a model server speaks: OpenAI's chat completions (OpenAI and every server compatible with it:
// Azure AI Foundry, DeepSeek, Mistral, Groq, LM Studio, vLLM, llama.cpp…), Ollama's native /api/chat, Anthropic's
// Messages, Gemini's generateContent.
enum class ModelApi
{
    OpenAi,
    Ollama,
    Anthropic,
    Gemini,
};

// Where and how to reach one model server.
struct ModelEndpoint
{
    QString provider; // the configured provider's name ("ollama", "openai", "groq"), for messages
    ModelApi api = ModelApi::OpenAi;
    // The API's root as the provider documents it: https://api.openai.com/v1, http://localhost:11434,
    // https://api.anthropic.com, https://generativelanguage.googleapis.com/v1beta. The client appends the paths
    // (/chat/completions, /api/chat, /v1/messages, /models/M:streamGenerateContent).
    QUrl baseUrl;
    QByteArray apiKey; // empty: none sent (local servers)
    // Azure AI Foundry and the like: the key goes in an "api-key" header instead of "Authorization: Bearer".
    bool keyInApiKeyHeader = false;
    // No byte from the server for this long (connecting, waiting for the first token, between two chunks): the
    // request fails with a message saying so.
    std::chrono::milliseconds timeout{60000};
    // How many times a request answered 429 or 5xx, or a connection refused or reset before any byte of an answer
    // arrived, is tried again, with exponential backoff (Retry-After honoured, capped at maxBackoff).
    int retries = 3;
    std::chrono::milliseconds firstBackoff{500};
    std::chrono::milliseconds maxBackoff{8000};
};

struct ChatTurn
{
    QString role; // "user" or "assistant"
    QString content;
};

struct ChatRequest
{
    QString model;  // required
    QString system; // sent as each API takes it (a system message, Anthropic's "system", Gemini's systemInstruction)
    QList<ChatTurn> turns;
    std::optional<int> maxTokens; // Anthropic requires one: 4096 when unset
    std::optional<double> temperature;
    bool stream = true;
};

struct ChatAnswer
{
    QString text;
    QString model;        // as the server named it, else the one asked for
    QString finishReason; // the API's own word (stop, length, end_turn, STOP…); "cancelled" when stopped
    std::optional<qint64> inputTokens;
    std::optional<qint64> outputTokens;
    bool cancelled = false; // stopped by the caller: `text` is what had arrived
};

// Set from any thread (a SIGINT handler's flag, a button) to stop the request under way; the call returns soon
// after (within 50 ms) with what had arrived and `cancelled` set.
using CancelFlag = std::atomic<bool>;

// A client of one model server. Calls block the calling thread (they run their own event loop), so the command
// line calls them as they are and the app and the server from a worker thread. Errors are one line a person can act
// on, naming the provider and, where it matters, the address: "ollama: no server answers at http://localhost:11434
// (is it running?)", "openai: the API key was refused (401): set one with chasm provider config openai --api-key -",
// "anthropic: unknown model 'claude-9' (404)", "groq: no answer for 60 s".
class ModelClient
{
public:
    virtual ~ModelClient() = default;

    // One answer. With request.stream, `onText` is called with each piece of text as it arrives (and at least once
    // with the whole text otherwise); the answer holds it all at the end. A failure after some text arrived is an
    // error too: the caller has had the text through onText.
    virtual Result<ChatAnswer> chat(const ChatRequest& request, const std::function<void(QStringView)>& onText,
                                    const CancelFlag* cancel = nullptr) = 0;
    // The models the server offers (ids, sorted).
    virtual Result<QStringList> models(const CancelFlag* cancel = nullptr) = 0;
};

// What the chasm-llm module offers (QtNetwork and TLS live in it, so that only the commands that talk to a model
// load them; see GitRepository.h for the pattern).
struct ModelLibrary
{
    std::unique_ptr<ModelClient> (*open)(const ModelEndpoint& endpoint);
};

inline constexpr char llmPluginEntry[] = "chasmLlmPlugin";
inline constexpr char llmPluginName[] = "chasm-llm";

} // namespace chasm
