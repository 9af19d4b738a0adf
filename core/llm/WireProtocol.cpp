// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#include "WireProtocol.h"

#include "llm/EventStreamParser.h"
#include "llm/JsonLineSplitter.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>
#include <QUrlQuery>

using namespace Qt::StringLiterals;

namespace chasm {

namespace {

constexpr int anthropicDefaultMaxTokens = 4096;
constexpr qsizetype maxApiMessage = 300;

Error notJson(const QString& where, const QJsonParseError& error)
{
    return Error{u"%1 is not valid JSON (%2 at byte %3)"_s.arg(where, error.errorString()).arg(error.offset),
                 ErrorKind::Invalid};
}

Result<QJsonObject> parseObject(QByteArrayView bytes, const QString& where)
{
    QJsonParseError error{};
    const QJsonDocument document = QJsonDocument::fromJson(bytes.toByteArray(), &error);
    if (error.error != QJsonParseError::NoError) {
        return notJson(where, error);
    }
    if (!document.isObject()) {
        return Error{u"%1 is not a JSON object"_s.arg(where), ErrorKind::Invalid};
    }
    return document.object();
}

std::optional<qint64> count(const QJsonValue& value)
{
    if (!value.isDouble()) {
        return std::nullopt;
    }
    return value.toInteger();
}

// An error the server reports inside an answer that began well (an event "error", an "error" member).
std::optional<Error> reportedError(const QJsonObject& object)
{
    if (!object.contains(u"error"_s) || object.value(u"error"_s).isNull()) {
        return std::nullopt;
    }
    const QString message = apiErrorMessage(QJsonDocument(object).toJson(QJsonDocument::Compact));
    return Error{u"the server reported an error: %1"_s.arg(message.isEmpty() ? u"(no message)"_s : message),
                 ErrorKind::Unavailable};
}

QUrl withPath(QUrl base, const QString& path)
{
    QString root = base.path();
    while (root.endsWith(u'/')) {
        root.chop(1);
    }
    base.setPath(root + path);
    return base;
}

QByteArray compact(const QJsonObject& object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

// What a decoder knows while it reads: the answer so far and whether it is complete.
struct DecodeState
{
    ChatAnswer answer;
    bool complete = false;
    std::function<void(QStringView)> onText;

    void text(const QString& piece)
    {
        if (piece.isEmpty()) {
            return;
        }
        answer.text += piece;
        if (onText) {
            onText(piece);
        }
    }
};

// Reads one JSON object of an answer (a whole body, an event's data, a line) into the state.
using ObjectReader = std::function<std::optional<Error>(const QJsonObject& object, DecodeState& state)>;

// A body read whole when it has ended.
class WholeDecoder final : public AnswerDecoder
{
public:
    WholeDecoder(ObjectReader reader, std::function<void(QStringView)> onText)
        : m_reader(std::move(reader))
        , m_onText(std::move(onText))
    {}

    std::optional<Error> feed(QByteArrayView bytes) override
    {
        m_body += bytes;
        return std::nullopt;
    }
    std::optional<Error> finish() override
    {
        const auto object = parseObject(m_body, u"the answer"_s);
        if (!object) {
            return object.error();
        }
        if (const auto error = m_reader(*object, m_state)) {
            return error;
        }
        if (m_onText) {
            m_onText(m_state.answer.text);
        }
        return std::nullopt;
    }
    const ChatAnswer& answer() const override { return m_state.answer; }

private:
    ObjectReader m_reader;
    std::function<void(QStringView)> m_onText;
    QByteArray m_body;
    DecodeState m_state;
};

// The framings of a streamed body: Server-Sent Events whose data are JSON objects (OpenAI, Anthropic, Gemini), or
// JSON lines (Ollama).
struct EventFraming
{
    static constexpr char16_t unit[] = u"event";
    EventStreamParser parser;

    Result<QList<ServerSentEvent>> feed(QByteArrayView bytes) { return parser.feed(bytes); }
    QList<ServerSentEvent> finish() { return parser.finish(); }
    static const QByteArray& data(const ServerSentEvent& event) { return event.data; }
};

struct LineFraming
{
    static constexpr char16_t unit[] = u"line";
    JsonLineSplitter splitter;

    Result<QList<QByteArray>> feed(QByteArrayView bytes) { return splitter.feed(bytes); }
    QList<QByteArray> finish() { return splitter.finish(); }
    static const QByteArray& data(const QByteArray& line) { return line; }
};

// A streamed body, read a unit (an event, a line) at a time; "[DONE]" (OpenAI's last event) completes it.
template<typename Framing>
class StreamDecoder final : public AnswerDecoder
{
public:
    StreamDecoder(ObjectReader reader, std::function<void(QStringView)> onText)
        : m_reader(std::move(reader))
    {
        m_state.onText = std::move(onText);
    }

    std::optional<Error> feed(QByteArrayView bytes) override
    {
        auto units = m_framing.feed(bytes);
        if (!units) {
            return units.error();
        }
        return read(*units);
    }
    std::optional<Error> finish() override
    {
        if (const auto error = read(m_framing.finish())) {
            return error;
        }
        if (!m_state.complete) {
            return Error{u"the connection closed before the answer was complete"_s, ErrorKind::Unavailable};
        }
        return std::nullopt;
    }
    const ChatAnswer& answer() const override { return m_state.answer; }

private:
    std::optional<Error> read(const auto& units)
    {
        for (const auto& unit : units) {
            ++m_units;
            if (Framing::data(unit) == "[DONE]") {
                m_state.complete = true;
                continue;
            }
            const auto object =
                parseObject(Framing::data(unit), u"%1 %2 of the answer"_s.arg(QStringView(Framing::unit)).arg(m_units));
            if (!object) {
                return object.error();
            }
            if (const auto error = m_reader(*object, m_state)) {
                return error;
            }
        }
        return std::nullopt;
    }

    ObjectReader m_reader;
    Framing m_framing;
    DecodeState m_state;
    int m_units = 0;
};

using EventStreamDecoder = StreamDecoder<EventFraming>;
using JsonLinesDecoder = StreamDecoder<LineFraming>;

// The ids in a models listing: the member `idKey` of each object in the array `listKey`, without `prefix`.
Result<ModelPage> readModelPage(const QByteArray& body, const QString& listKey, const QString& idKey,
                                QStringView prefix = {})
{
    const auto object = parseObject(body, u"the models listing"_s);
    if (!object) {
        return object.error();
    }
    ModelPage page;
    for (const QJsonValue& model : object->value(listKey).toArray()) {
        QString id = model.toObject().value(idKey).toString();
        if (!prefix.isEmpty() && id.startsWith(prefix)) {
            id.remove(0, prefix.size());
        }
        page.ids.append(id);
    }
    return page;
}

// A listing's URL with its page size and, after the first page, the token of the page wanted.
QUrl pageUrl(QUrl url, const QString& sizeKey, const QString& tokenKey, const QString& token)
{
    QUrlQuery query;
    query.addQueryItem(sizeKey, u"1000"_s);
    if (!token.isEmpty()) {
        query.addQueryItem(tokenKey, token);
    }
    url.setQuery(query);
    return url;
}

std::unique_ptr<AnswerDecoder> streamOrWhole(bool stream, bool lines, const ObjectReader& streamed,
                                             const ObjectReader& whole, const std::function<void(QStringView)>& onText)
{
    if (!stream) {
        return std::make_unique<WholeDecoder>(whole, onText);
    }
    if (lines) {
        return std::make_unique<JsonLinesDecoder>(streamed, onText);
    }
    return std::make_unique<EventStreamDecoder>(streamed, onText);
}

QJsonArray chatMessages(const ChatRequest& request)
{
    QJsonArray messages;
    if (!request.system.isEmpty()) {
        messages.append(QJsonObject{{u"role"_s, u"system"_s}, {u"content"_s, request.system}});
    }
    for (const ChatTurn& turn : request.turns) {
        messages.append(QJsonObject{{u"role"_s, turn.role}, {u"content"_s, turn.content}});
    }
    return messages;
}

QList<std::pair<QByteArray, QByteArray>> jsonHeaders(bool stream)
{
    return {{"Content-Type", "application/json"},
            {"Accept", stream ? QByteArray("text/event-stream") : QByteArray("application/json")}};
}

// OpenAI's chat completions, and the many servers that speak it.
class OpenAiProtocol final : public WireProtocol
{
public:
    explicit OpenAiProtocol(const ModelEndpoint& endpoint)
        : m_endpoint(endpoint)
    {}

    WireRequest chat(const ChatRequest& request) const override
    {
        QJsonObject body{
            {u"model"_s, request.model}, {u"messages"_s, chatMessages(request)}, {u"stream"_s, request.stream}};
        if (request.stream) {
            body.insert(u"stream_options"_s, QJsonObject{{u"include_usage"_s, true}});
        }
        if (request.maxTokens) {
            body.insert(u"max_tokens"_s, *request.maxTokens);
        }
        if (request.temperature) {
            body.insert(u"temperature"_s, *request.temperature);
        }
        WireRequest wire{withPath(m_endpoint.baseUrl, u"/chat/completions"_s), jsonHeaders(request.stream),
                         compact(body)};
        authorize(wire);
        return wire;
    }

    std::unique_ptr<AnswerDecoder> decoder(bool stream, const std::function<void(QStringView)>& onText) const override
    {
        return streamOrWhole(stream, false, &readChunk, &readWhole, onText);
    }

    WireRequest models(const QString&) const override
    {
        WireRequest wire{withPath(m_endpoint.baseUrl, u"/models"_s), {{"Accept", "application/json"}}, {}};
        authorize(wire);
        return wire;
    }

    Result<ModelPage> modelPage(const QByteArray& body) const override
    {
        return readModelPage(body, u"data"_s, u"id"_s);
    }

private:
    void authorize(WireRequest& wire) const
    {
        if (m_endpoint.apiKey.isEmpty()) {
            return;
        }
        if (m_endpoint.keyInApiKeyHeader) {
            wire.headers.emplaceBack(QByteArray("api-key"), m_endpoint.apiKey);
        } else {
            wire.headers.emplaceBack(QByteArray("Authorization"), "Bearer " + m_endpoint.apiKey);
        }
    }

    static void readUsage(const QJsonObject& object, DecodeState& state)
    {
        const QJsonObject usage = object.value(u"usage"_s).toObject();
        if (const auto input = count(usage.value(u"prompt_tokens"_s))) {
            state.answer.inputTokens = input;
        }
        if (const auto output = count(usage.value(u"completion_tokens"_s))) {
            state.answer.outputTokens = output;
        }
        if (const QString model = object.value(u"model"_s).toString(); !model.isEmpty()) {
            state.answer.model = model;
        }
    }

    static std::optional<Error> readChunk(const QJsonObject& object, DecodeState& state)
    {
        if (const auto error = reportedError(object)) {
            return error;
        }
        readUsage(object, state);
        const QJsonObject choice = object.value(u"choices"_s).toArray().at(0).toObject();
        state.text(choice.value(u"delta"_s).toObject().value(u"content"_s).toString());
        // A finish reason ends the text: a server that then closes without "[DONE]" has still answered whole.
        if (const QString reason = choice.value(u"finish_reason"_s).toString(); !reason.isEmpty()) {
            state.answer.finishReason = reason;
            state.complete = true;
        }
        return std::nullopt;
    }

    static std::optional<Error> readWhole(const QJsonObject& object, DecodeState& state)
    {
        if (const auto error = reportedError(object)) {
            return error;
        }
        readUsage(object, state);
        const QJsonObject choice = object.value(u"choices"_s).toArray().at(0).toObject();
        if (!choice.value(u"message"_s).isObject()) {
            return Error{u"the answer holds no message (choices[0].message)"_s, ErrorKind::Invalid};
        }
        state.answer.text = choice.value(u"message"_s).toObject().value(u"content"_s).toString();
        state.answer.finishReason = choice.value(u"finish_reason"_s).toString();
        state.complete = true;
        return std::nullopt;
    }

    ModelEndpoint m_endpoint;
};

// Ollama's native /api/chat.
class OllamaProtocol final : public WireProtocol
{
public:
    explicit OllamaProtocol(const ModelEndpoint& endpoint)
        : m_endpoint(endpoint)
    {}

    WireRequest chat(const ChatRequest& request) const override
    {
        QJsonObject body{
            {u"model"_s, request.model}, {u"messages"_s, chatMessages(request)}, {u"stream"_s, request.stream}};
        QJsonObject options;
        if (request.maxTokens) {
            options.insert(u"num_predict"_s, *request.maxTokens);
        }
        if (request.temperature) {
            options.insert(u"temperature"_s, *request.temperature);
        }
        if (!options.isEmpty()) {
            body.insert(u"options"_s, options);
        }
        WireRequest wire{withPath(m_endpoint.baseUrl, u"/api/chat"_s),
                         {{"Content-Type", "application/json"}, {"Accept", "application/x-ndjson"}},
                         compact(body)};
        authorize(wire);
        return wire;
    }

    std::unique_ptr<AnswerDecoder> decoder(bool stream, const std::function<void(QStringView)>& onText) const override
    {
        return streamOrWhole(stream, true, &read, &read, onText);
    }

    WireRequest models(const QString&) const override
    {
        WireRequest wire{withPath(m_endpoint.baseUrl, u"/api/tags"_s), {{"Accept", "application/json"}}, {}};
        authorize(wire);
        return wire;
    }

    Result<ModelPage> modelPage(const QByteArray& body) const override
    {
        return readModelPage(body, u"models"_s, u"name"_s);
    }

private:
    // Ollama itself takes no key; a proxy in front of it (or Ollama's cloud) takes a bearer token.
    void authorize(WireRequest& wire) const
    {
        if (!m_endpoint.apiKey.isEmpty()) {
            wire.headers.emplaceBack(QByteArray("Authorization"), "Bearer " + m_endpoint.apiKey);
        }
    }

    static std::optional<Error> read(const QJsonObject& object, DecodeState& state)
    {
        if (const auto error = reportedError(object)) {
            return error;
        }
        if (const QString model = object.value(u"model"_s).toString(); !model.isEmpty()) {
            state.answer.model = model;
        }
        state.text(object.value(u"message"_s).toObject().value(u"content"_s).toString());
        if (object.value(u"done"_s).toBool()) {
            state.complete = true;
            state.answer.finishReason = object.value(u"done_reason"_s).toString();
            state.answer.inputTokens = count(object.value(u"prompt_eval_count"_s));
            state.answer.outputTokens = count(object.value(u"eval_count"_s));
        }
        return std::nullopt;
    }

    ModelEndpoint m_endpoint;
};

// Anthropic's Messages.
class AnthropicProtocol final : public WireProtocol
{
public:
    explicit AnthropicProtocol(const ModelEndpoint& endpoint)
        : m_endpoint(endpoint)
    {}

    WireRequest chat(const ChatRequest& request) const override
    {
        QJsonArray messages;
        for (const ChatTurn& turn : request.turns) {
            messages.append(QJsonObject{{u"role"_s, turn.role}, {u"content"_s, turn.content}});
        }
        QJsonObject body{{u"model"_s, request.model},
                         {u"messages"_s, messages},
                         {u"max_tokens"_s, request.maxTokens.value_or(anthropicDefaultMaxTokens)},
                         {u"stream"_s, request.stream}};
        if (!request.system.isEmpty()) {
            body.insert(u"system"_s, request.system);
        }
        if (request.temperature) {
            body.insert(u"temperature"_s, *request.temperature);
        }
        WireRequest wire{withPath(m_endpoint.baseUrl, u"/v1/messages"_s), jsonHeaders(request.stream), compact(body)};
        authorize(wire);
        return wire;
    }

    std::unique_ptr<AnswerDecoder> decoder(bool stream, const std::function<void(QStringView)>& onText) const override
    {
        return streamOrWhole(stream, false, &readEvent, &readWhole, onText);
    }

    WireRequest models(const QString& pageToken) const override
    {
        WireRequest wire{pageUrl(withPath(m_endpoint.baseUrl, u"/v1/models"_s), u"limit"_s, u"after_id"_s, pageToken),
                         {{"Accept", "application/json"}},
                         {}};
        authorize(wire);
        return wire;
    }

    Result<ModelPage> modelPage(const QByteArray& body) const override
    {
        auto page = readModelPage(body, u"data"_s, u"id"_s);
        if (page && parseObject(body, {})->value(u"has_more"_s).toBool()) {
            page->next = page->ids.value(page->ids.size() - 1);
        }
        return page;
    }

private:
    void authorize(WireRequest& wire) const
    {
        wire.headers.emplaceBack(QByteArray("anthropic-version"), "2023-06-01");
        if (!m_endpoint.apiKey.isEmpty()) {
            wire.headers.emplaceBack(QByteArray("x-api-key"), m_endpoint.apiKey);
        }
    }

    static void readUsage(const QJsonObject& usage, DecodeState& state)
    {
        if (const auto input = count(usage.value(u"input_tokens"_s))) {
            state.answer.inputTokens = input;
        }
        if (const auto output = count(usage.value(u"output_tokens"_s))) {
            state.answer.outputTokens = output;
        }
    }

    static std::optional<Error> readEvent(const QJsonObject& object, DecodeState& state)
    {
        const QString type = object.value(u"type"_s).toString();
        if (type == u"error"_s) {
            return reportedError(object);
        }
        if (type == u"message_start"_s) {
            const QJsonObject message = object.value(u"message"_s).toObject();
            state.answer.model = message.value(u"model"_s).toString();
            readUsage(message.value(u"usage"_s).toObject(), state);
        } else if (type == u"content_block_delta"_s) {
            const QJsonObject delta = object.value(u"delta"_s).toObject();
            if (delta.value(u"type"_s).toString() == u"text_delta"_s) {
                state.text(delta.value(u"text"_s).toString());
            }
        } else if (type == u"message_delta"_s) {
            if (const QString reason = object.value(u"delta"_s).toObject().value(u"stop_reason"_s).toString();
                !reason.isEmpty()) {
                state.answer.finishReason = reason;
            }
            readUsage(object.value(u"usage"_s).toObject(), state);
        } else if (type == u"message_stop"_s) {
            state.complete = true;
        }
        return std::nullopt;
    }

    static std::optional<Error> readWhole(const QJsonObject& object, DecodeState& state)
    {
        if (object.value(u"type"_s).toString() == u"error"_s) {
            return reportedError(object);
        }
        for (const QJsonValue& block : object.value(u"content"_s).toArray()) {
            if (block.toObject().value(u"type"_s).toString() == u"text"_s) {
                state.answer.text += block.toObject().value(u"text"_s).toString();
            }
        }
        state.answer.model = object.value(u"model"_s).toString();
        state.answer.finishReason = object.value(u"stop_reason"_s).toString();
        readUsage(object.value(u"usage"_s).toObject(), state);
        state.complete = true;
        return std::nullopt;
    }

    ModelEndpoint m_endpoint;
};

// Gemini's generateContent and streamGenerateContent.
class GeminiProtocol final : public WireProtocol
{
public:
    explicit GeminiProtocol(const ModelEndpoint& endpoint)
        : m_endpoint(endpoint)
    {}

    WireRequest chat(const ChatRequest& request) const override
    {
        QJsonArray contents;
        for (const ChatTurn& turn : request.turns) {
            contents.append(QJsonObject{{u"role"_s, turn.role == u"assistant"_s ? u"model"_s : turn.role},
                                        {u"parts"_s, QJsonArray{QJsonObject{{u"text"_s, turn.content}}}}});
        }
        QJsonObject body{{u"contents"_s, contents}};
        if (!request.system.isEmpty()) {
            body.insert(u"systemInstruction"_s,
                        QJsonObject{{u"parts"_s, QJsonArray{QJsonObject{{u"text"_s, request.system}}}}});
        }
        QJsonObject config;
        if (request.maxTokens) {
            config.insert(u"maxOutputTokens"_s, *request.maxTokens);
        }
        if (request.temperature) {
            config.insert(u"temperature"_s, *request.temperature);
        }
        if (!config.isEmpty()) {
            body.insert(u"generationConfig"_s, config);
        }
        QString model = request.model;
        if (model.startsWith(u"models/"_s)) {
            model.remove(0, 7);
        }
        QUrl url =
            withPath(m_endpoint.baseUrl,
                     u"/models/"_s + model + (request.stream ? u":streamGenerateContent"_s : u":generateContent"_s));
        if (request.stream) {
            url.setQuery(u"alt=sse"_s);
        }
        WireRequest wire{url, jsonHeaders(request.stream), compact(body)};
        authorize(wire);
        return wire;
    }

    std::unique_ptr<AnswerDecoder> decoder(bool stream, const std::function<void(QStringView)>& onText) const override
    {
        return streamOrWhole(stream, false, &read, &read, onText);
    }

    WireRequest models(const QString& pageToken) const override
    {
        WireRequest wire{pageUrl(withPath(m_endpoint.baseUrl, u"/models"_s), u"pageSize"_s, u"pageToken"_s, pageToken),
                         {{"Accept", "application/json"}},
                         {}};
        authorize(wire);
        return wire;
    }

    Result<ModelPage> modelPage(const QByteArray& body) const override
    {
        auto page = readModelPage(body, u"models"_s, u"name"_s, u"models/");
        if (page) {
            page->next = parseObject(body, {})->value(u"nextPageToken"_s).toString();
        }
        return page;
    }

private:
    void authorize(WireRequest& wire) const
    {
        if (!m_endpoint.apiKey.isEmpty()) {
            wire.headers.emplaceBack(QByteArray("x-goog-api-key"), m_endpoint.apiKey);
        }
    }

    static std::optional<Error> read(const QJsonObject& object, DecodeState& state)
    {
        if (const auto error = reportedError(object)) {
            return error;
        }
        const QJsonObject usage = object.value(u"usageMetadata"_s).toObject();
        if (const auto input = count(usage.value(u"promptTokenCount"_s))) {
            state.answer.inputTokens = input;
        }
        if (const auto output = count(usage.value(u"candidatesTokenCount"_s))) {
            state.answer.outputTokens = output;
        }
        if (const QString model = object.value(u"modelVersion"_s).toString(); !model.isEmpty()) {
            state.answer.model = model;
        }
        const QJsonArray candidates = object.value(u"candidates"_s).toArray();
        if (candidates.isEmpty()) {
            const QString blocked = object.value(u"promptFeedback"_s).toObject().value(u"blockReason"_s).toString();
            if (!blocked.isEmpty()) {
                return Error{u"the prompt was blocked (%1)"_s.arg(blocked), ErrorKind::Invalid};
            }
            return std::nullopt;
        }
        const QJsonObject candidate = candidates.at(0).toObject();
        for (const QJsonValue& part : candidate.value(u"content"_s).toObject().value(u"parts"_s).toArray()) {
            if (!part.toObject().value(u"thought"_s).toBool()) { // a thinking model's thoughts are not the answer
                state.text(part.toObject().value(u"text"_s).toString());
            }
        }
        if (const QString reason = candidate.value(u"finishReason"_s).toString(); !reason.isEmpty()) {
            state.answer.finishReason = reason;
            state.complete = true;
        }
        return std::nullopt;
    }

    ModelEndpoint m_endpoint;
};

} // namespace

std::unique_ptr<WireProtocol> wireProtocol(const ModelEndpoint& endpoint)
{
    switch (endpoint.api) {
    case ModelApi::OpenAi:
        return std::make_unique<OpenAiProtocol>(endpoint);
    case ModelApi::Ollama:
        return std::make_unique<OllamaProtocol>(endpoint);
    case ModelApi::Anthropic:
        return std::make_unique<AnthropicProtocol>(endpoint);
    case ModelApi::Gemini:
        return std::make_unique<GeminiProtocol>(endpoint);
    }
    return std::make_unique<OpenAiProtocol>(endpoint);
}

QString apiErrorMessage(QByteArrayView body)
{
    const QJsonDocument document = QJsonDocument::fromJson(body.toByteArray());
    // Gemini answers some errors as an array of one.
    const QJsonObject object = document.isArray() ? document.array().at(0).toObject() : document.object();
    QString message;
    const QJsonValue error = object.value(u"error"_s);
    if (error.isString()) {
        message = error.toString();
    } else if (error.isObject()) {
        message = error.toObject().value(u"message"_s).toString();
        const QString type = error.toObject().value(u"type"_s).toString(); // Anthropic's, OpenAI's
        if (message.isEmpty()) {
            message = type;
        }
    }
    for (const QString& key : {u"message"_s, u"detail"_s}) {
        if (message.isEmpty() && object.value(key).isString()) {
            message = object.value(key).toString();
        }
    }
    message = message.simplified();
    if (message.size() > maxApiMessage) {
        message = message.first(maxApiMessage) + u'…';
    }
    return message;
}

} // namespace chasm
