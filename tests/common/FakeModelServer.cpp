// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#include "FakeModelServer.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QMutexLocker>
#include <QSslServer>
#include <QTcpServer>
#include <QTcpSocket>
#include <QThread>
#include <QTimer>
#include <QUrlQuery>

#include <future>

using namespace Qt::StringLiterals;

namespace chasm::test {

struct FakeModelServer::Shared
{
    mutable QMutex mutex;
    Script script;
    int failuresLeft = 0;
    QList<Request> requests;
};

namespace {

QByteArray json(const QJsonObject& object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

QByteArray head(int status, const QByteArray& contentType, qint64 length = -1, const QByteArray& extra = {})
{
    QByteArray text = "HTTP/1.1 " + QByteArray::number(status) + (status == 200 ? " OK" : " Error") + "\r\n";
    text += "Content-Type: " + contentType + "\r\nConnection: close\r\n";
    if (length >= 0) {
        text += "Content-Length: " + QByteArray::number(length) + "\r\n";
    }
    return text + extra + "\r\n";
}

QByteArray whole(int status, const QByteArray& body, const QByteArray& extra = {})
{
    return head(status, "application/json", body.size(), extra) + body;
}

// The text in `count` pieces of about the same length.
QStringList piecesOf(const QString& text, int count)
{
    QStringList pieces;
    const qsizetype size = std::max<qsizetype>(1, (text.size() + count - 1) / std::max(1, count));
    for (qsizetype at = 0; at < text.size(); at += size) {
        pieces.append(text.mid(at, size));
    }
    return pieces;
}

QByteArray sse(const QJsonObject& object, const QByteArray& event = {}, const QByteArray& end = "\n")
{
    QByteArray frame = event.isEmpty() ? QByteArray() : "event: " + event + end;
    return frame + "data: " + json(object) + end + end;
}

// What the server sends for one streamed answer: the head and what comes before the text, one frame per piece, and
// what ends it.
struct Stream
{
    QByteArray start;
    QList<QByteArray> pieces;
    QByteArray end;
};

Stream openAiStream(const QStringList& pieces, const QString& model, const FakeModelServer::Script& script, bool usage)
{
    Stream stream{head(200, "text/event-stream"), {}, {}};
    const auto chunk = [&](const QJsonObject& delta, const QJsonValue& reason) {
        return QJsonObject{{u"id"_s, u"chatcmpl-1"_s},
                           {u"object"_s, u"chat.completion.chunk"_s},
                           {u"model"_s, model},
                           {u"choices"_s, QJsonArray{QJsonObject{
                                              {u"index"_s, 0}, {u"delta"_s, delta}, {u"finish_reason"_s, reason}}}}};
    };
    stream.start += sse(chunk({{u"role"_s, u"assistant"_s}, {u"content"_s, u""_s}}, QJsonValue::Null));
    for (const QString& piece : pieces) {
        stream.pieces.append(sse(chunk({{u"content"_s, piece}}, QJsonValue::Null)));
    }
    stream.end = sse(chunk({}, u"stop"_s));
    if (usage) {
        stream.end += sse(QJsonObject{{u"id"_s, u"chatcmpl-1"_s},
                                      {u"model"_s, model},
                                      {u"choices"_s, QJsonArray{}},
                                      {u"usage"_s, QJsonObject{{u"prompt_tokens"_s, script.inputTokens},
                                                               {u"completion_tokens"_s, script.outputTokens}}}});
    }
    stream.end += "data: [DONE]\n\n";
    return stream;
}

Stream ollamaStream(const QStringList& pieces, const QString& model, const FakeModelServer::Script& script)
{
    Stream stream{head(200, "application/x-ndjson"), {}, {}};
    for (const QString& piece : pieces) {
        stream.pieces.append(json({{u"model"_s, model},
                                   {u"message"_s, QJsonObject{{u"role"_s, u"assistant"_s}, {u"content"_s, piece}}},
                                   {u"done"_s, false}}) +
                             '\n');
    }
    stream.end = json({{u"model"_s, model},
                       {u"message"_s, QJsonObject{{u"role"_s, u"assistant"_s}, {u"content"_s, u""_s}}},
                       {u"done"_s, true},
                       {u"done_reason"_s, u"stop"_s},
                       {u"prompt_eval_count"_s, script.inputTokens},
                       {u"eval_count"_s, script.outputTokens}}) +
                 '\n';
    return stream;
}

Stream anthropicStream(const QStringList& pieces, const QString& model, const FakeModelServer::Script& script)
{
    Stream stream{head(200, "text/event-stream"), {}, {}};
    stream.start += sse({{u"type"_s, u"message_start"_s},
                         {u"message"_s, QJsonObject{{u"id"_s, u"msg_1"_s},
                                                    {u"type"_s, u"message"_s},
                                                    {u"role"_s, u"assistant"_s},
                                                    {u"model"_s, model},
                                                    {u"content"_s, QJsonArray{}},
                                                    {u"usage"_s, QJsonObject{{u"input_tokens"_s, script.inputTokens},
                                                                             {u"output_tokens"_s, 1}}}}}},
                        "message_start");
    stream.start += sse({{u"type"_s, u"content_block_start"_s},
                         {u"index"_s, 0},
                         {u"content_block"_s, QJsonObject{{u"type"_s, u"text"_s}, {u"text"_s, u""_s}}}},
                        "content_block_start");
    stream.start += "event: ping\ndata: {\"type\": \"ping\"}\n\n";
    for (const QString& piece : pieces) {
        stream.pieces.append(sse({{u"type"_s, u"content_block_delta"_s},
                                  {u"index"_s, 0},
                                  {u"delta"_s, QJsonObject{{u"type"_s, u"text_delta"_s}, {u"text"_s, piece}}}},
                                 "content_block_delta"));
    }
    stream.end = sse({{u"type"_s, u"content_block_stop"_s}, {u"index"_s, 0}}, "content_block_stop") +
                 sse({{u"type"_s, u"message_delta"_s},
                      {u"delta"_s, QJsonObject{{u"stop_reason"_s, u"end_turn"_s}, {u"stop_sequence"_s, QJsonValue()}}},
                      {u"usage"_s, QJsonObject{{u"output_tokens"_s, script.outputTokens}}}},
                     "message_delta") +
                 sse({{u"type"_s, u"message_stop"_s}}, "message_stop");
    return stream;
}

QJsonObject geminiChunk(const QString& text, const QString& model, const FakeModelServer::Script& script, bool last)
{
    QJsonObject candidate{
        {u"content"_s, QJsonObject{{u"parts"_s, QJsonArray{QJsonObject{{u"text"_s, text}}}}, {u"role"_s, u"model"_s}}},
        {u"index"_s, 0}};
    if (last) {
        candidate.insert(u"finishReason"_s, u"STOP"_s);
    }
    return {{u"candidates"_s, QJsonArray{candidate}},
            {u"usageMetadata"_s, QJsonObject{{u"promptTokenCount"_s, script.inputTokens},
                                             {u"candidatesTokenCount"_s, script.outputTokens},
                                             {u"totalTokenCount"_s, script.inputTokens + script.outputTokens}}},
            {u"modelVersion"_s, model}};
}

// Gemini's events end their lines in CRLF.
Stream geminiStream(const QStringList& pieces, const QString& model, const FakeModelServer::Script& script)
{
    Stream stream{head(200, "text/event-stream"), {}, {}};
    for (const QString& piece : pieces) {
        stream.pieces.append(sse(geminiChunk(piece, model, script, false), {}, "\r\n"));
    }
    stream.end = sse(geminiChunk(u""_s, model, script, true), {}, "\r\n");
    return stream;
}

QByteArray wholeAnswer(ModelApi api, const QString& model, const FakeModelServer::Script& script)
{
    switch (api) {
    case ModelApi::OpenAi:
        return json({{u"id"_s, u"chatcmpl-1"_s},
                     {u"object"_s, u"chat.completion"_s},
                     {u"model"_s, model},
                     {u"choices"_s, QJsonArray{QJsonObject{{u"index"_s, 0},
                                                           {u"message"_s, QJsonObject{{u"role"_s, u"assistant"_s},
                                                                                      {u"content"_s, script.text}}},
                                                           {u"finish_reason"_s, u"stop"_s}}}},
                     {u"usage"_s, QJsonObject{{u"prompt_tokens"_s, script.inputTokens},
                                              {u"completion_tokens"_s, script.outputTokens}}}});
    case ModelApi::Ollama:
        return json({{u"model"_s, model},
                     {u"message"_s, QJsonObject{{u"role"_s, u"assistant"_s}, {u"content"_s, script.text}}},
                     {u"done"_s, true},
                     {u"done_reason"_s, u"stop"_s},
                     {u"prompt_eval_count"_s, script.inputTokens},
                     {u"eval_count"_s, script.outputTokens}});
    case ModelApi::Anthropic:
        return json({{u"id"_s, u"msg_1"_s},
                     {u"type"_s, u"message"_s},
                     {u"role"_s, u"assistant"_s},
                     {u"model"_s, model},
                     {u"content"_s, QJsonArray{QJsonObject{{u"type"_s, u"text"_s}, {u"text"_s, script.text}}}},
                     {u"stop_reason"_s, u"end_turn"_s},
                     {u"usage"_s, QJsonObject{{u"input_tokens"_s, script.inputTokens},
                                              {u"output_tokens"_s, script.outputTokens}}}});
    case ModelApi::Gemini:
        return json(geminiChunk(script.text, model, script, true));
    }
    return {};
}

// Sends the pieces one after the other, `delay` apart, then the end and closes; or stalls, or closes early.
void sendPieces(QTcpSocket* socket, const Stream& stream, const FakeModelServer::Script& script, int next)
{
    if (next == script.stallAfter) {
        return;
    }
    if (next == script.closeAfter) {
        socket->disconnectFromHost();
        return;
    }
    if (next >= stream.pieces.size()) {
        socket->write(stream.end);
        socket->disconnectFromHost();
        return;
    }
    socket->write(stream.pieces.at(next));
    QTimer::singleShot(script.delay, socket,
                       [socket, stream, script, next] { sendPieces(socket, stream, script, next + 1); });
}

struct Route
{
    bool chat = false;
    bool stream = false;
    ModelApi api = ModelApi::OpenAi;
    QString model;
};

std::optional<Route> chatRoute(const FakeModelServer::Request& request)
{
    const QByteArray path = request.target.split('?').constFirst();
    const QString model = request.json.value(u"model"_s).toString();
    if (request.method != "POST") {
        return std::nullopt;
    }
    if (path == "/v1/chat/completions") {
        return Route{true, request.json.value(u"stream"_s).toBool(), ModelApi::OpenAi, model};
    }
    if (path == "/api/chat") {
        return Route{true, request.json.value(u"stream"_s).toBool(true), ModelApi::Ollama, model};
    }
    if (path == "/v1/messages") {
        return Route{true, request.json.value(u"stream"_s).toBool(), ModelApi::Anthropic, model};
    }
    if (path.startsWith("/v1beta/models/")) {
        const QString call = QString::fromUtf8(path.mid(15));
        const qsizetype colon = call.lastIndexOf(u':');
        return Route{true, call.mid(colon + 1) == u"streamGenerateContent"_s, ModelApi::Gemini, call.left(colon)};
    }
    return std::nullopt;
}

// The models, a page at a time when the script says so and the API pages (Anthropic: after_id, has_more, last_id;
// Gemini: pageToken, nextPageToken, here the index of the page's first model).
QByteArray modelsAnswer(const FakeModelServer::Request& request, const FakeModelServer::Script& script)
{
    const QByteArray path = request.target.split('?').constFirst();
    const QUrlQuery query(QString::fromUtf8(request.target.mid(path.size() + 1)));
    qsizetype first = 0;
    if (query.hasQueryItem(u"after_id"_s)) {
        first = script.models.indexOf(query.queryItemValue(u"after_id"_s)) + 1;
    } else if (query.hasQueryItem(u"pageToken"_s)) {
        first = query.queryItemValue(u"pageToken"_s).toLongLong();
    }
    const bool paged =
        script.modelsPerPage > 0 && (query.hasQueryItem(u"limit"_s) || query.hasQueryItem(u"pageSize"_s));
    const QStringList page = paged ? script.models.mid(first, script.modelsPerPage) : script.models;
    const bool more = paged && first + page.size() < script.models.size();
    QJsonArray list;
    if (path == "/v1/models") { // OpenAI's and Anthropic's
        for (const QString& id : page) {
            list.append(QJsonObject{{u"id"_s, id}, {u"object"_s, u"model"_s}, {u"type"_s, u"model"_s}});
        }
        return whole(200, json({{u"object"_s, u"list"_s},
                                {u"data"_s, list},
                                {u"has_more"_s, more},
                                {u"last_id"_s, page.value(page.size() - 1)}}));
    }
    if (path == "/api/tags") {
        for (const QString& id : page) {
            list.append(QJsonObject{{u"name"_s, id}, {u"model"_s, id}});
        }
        return whole(200, json({{u"models"_s, list}}));
    }
    if (path == "/v1beta/models") {
        for (const QString& id : page) {
            list.append(QJsonObject{{u"name"_s, QString(u"models/"_s + id)}});
        }
        QJsonObject answer{{u"models"_s, list}};
        if (more) {
            answer.insert(u"nextPageToken"_s, QString::number(first + page.size()));
        }
        return whole(200, json(answer));
    }
    return whole(404, json({{u"error"_s, u"no such endpoint"_s}}));
}

// A whole request read from `buffer`, which keeps what follows it; nullopt while incomplete.
std::optional<FakeModelServer::Request> takeRequest(QByteArray& buffer)
{
    const qsizetype end = buffer.indexOf("\r\n\r\n");
    if (end < 0) {
        return std::nullopt;
    }
    FakeModelServer::Request request;
    const QList<QByteArray> lines = buffer.first(end).split('\n');
    const QList<QByteArray> first = lines.constFirst().trimmed().split(' ');
    request.method = first.value(0);
    request.target = first.value(1);
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const qsizetype colon = lines.at(i).indexOf(':');
        if (colon > 0) {
            request.headers.insert(lines.at(i).first(colon).trimmed().toLower(), lines.at(i).mid(colon + 1).trimmed());
        }
    }
    const qsizetype length = request.headers.value("content-length", "0").toLongLong();
    if (buffer.size() < end + 4 + length) {
        return std::nullopt;
    }
    request.body = buffer.mid(end + 4, length);
    buffer.remove(0, end + 4 + length);
    request.json = QJsonDocument::fromJson(request.body).object();
    return request;
}

} // namespace

class FakeModelServer::Thread final : public QThread
{
public:
    Thread(std::shared_ptr<Shared> shared, const std::optional<QSslConfiguration>& tls)
        : m_shared(std::move(shared))
        , m_tls(tls)
    {}
    ~Thread() override
    {
        quit();
        wait();
    }
    Q_DISABLE_COPY_MOVE(Thread)

    quint16 listen()
    {
        std::future<quint16> port = m_port.get_future();
        start();
        return port.get();
    }

protected:
    void run() override
    {
        std::unique_ptr<QTcpServer> listener;
        if (m_tls) {
            auto tls = std::make_unique<QSslServer>();
            tls->setSslConfiguration(*m_tls);
            listener = std::move(tls);
        } else {
            listener = std::make_unique<QTcpServer>();
        }
        QTcpServer& server = *listener;
        server.listen(QHostAddress::LocalHost, 0);
        QObject::connect(&server, &QTcpServer::pendingConnectionAvailable, &server, [this, &server] {
            while (QTcpSocket* socket = server.nextPendingConnection()) {
                QObject::connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
                QObject::connect(socket, &QTcpSocket::readyRead, socket, [this, socket] {
                    QByteArray buffer = socket->property("buffer").toByteArray() + socket->readAll();
                    const auto request = takeRequest(buffer);
                    socket->setProperty("buffer", buffer);
                    if (request) {
                        answer(socket, *request);
                    }
                });
            }
        });
        m_port.set_value(server.serverPort());
        exec();
    }

private:
    void answer(QTcpSocket* socket, const Request& request)
    {
        const auto route = chatRoute(request);
        Script script;
        bool fail = false;
        {
            QMutexLocker lock(&m_shared->mutex);
            m_shared->requests.append(request);
            script = m_shared->script;
            if (route && m_shared->failuresLeft > 0) {
                --m_shared->failuresLeft;
                fail = true;
            }
        }
        if (!route) {
            socket->write(modelsAnswer(request, script));
            socket->disconnectFromHost();
            return;
        }
        if (fail && script.failureStatus == 0) {
            socket->disconnectFromHost();
            return;
        }
        if (fail) {
            const QByteArray retryAfter =
                script.retryAfter.isEmpty() ? QByteArray() : "Retry-After: " + script.retryAfter + "\r\n";
            socket->write(whole(script.failureStatus,
                                errorBody(route->api, script.failureStatus, u"the server is overloaded"_s),
                                retryAfter));
            socket->disconnectFromHost();
            return;
        }
        if (script.status != 0) {
            socket->write(whole(script.status, script.errorBody));
            socket->disconnectFromHost();
            return;
        }
        if (!script.rawBody.isEmpty()) {
            socket->write(head(200, route->stream ? "text/event-stream" : "application/json") + script.rawBody);
            socket->disconnectFromHost();
            return;
        }
        const QString model = script.model.isEmpty() ? route->model : script.model;
        if (!route->stream) {
            if (script.stallAfter < 0) {
                socket->write(whole(200, wholeAnswer(route->api, model, script)));
                socket->disconnectFromHost();
            }
            return;
        }
        const QStringList pieces = piecesOf(script.text, script.pieces);
        Stream stream;
        switch (route->api) {
        case ModelApi::OpenAi:
            stream =
                openAiStream(pieces, model, script,
                             request.json.value(u"stream_options"_s).toObject().value(u"include_usage"_s).toBool());
            break;
        case ModelApi::Ollama:
            stream = ollamaStream(pieces, model, script);
            break;
        case ModelApi::Anthropic:
            stream = anthropicStream(pieces, model, script);
            break;
        case ModelApi::Gemini:
            stream = geminiStream(pieces, model, script);
            break;
        }
        socket->write(stream.start);
        sendPieces(socket, stream, script, 0);
    }

    std::shared_ptr<Shared> m_shared;
    std::optional<QSslConfiguration> m_tls;
    std::promise<quint16> m_port;
};

FakeModelServer::FakeModelServer(const std::optional<QSslConfiguration>& tls)
    : m_shared(std::make_shared<Shared>())
    , m_thread(std::make_unique<Thread>(m_shared, tls))
    , m_tls(tls.has_value())
{
    m_port = m_thread->listen();
}

FakeModelServer::~FakeModelServer() = default;

QUrl FakeModelServer::baseUrl(ModelApi api) const
{
    const QString root = (m_tls ? u"https://127.0.0.1:%1"_s : u"http://127.0.0.1:%1"_s).arg(m_port);
    switch (api) {
    case ModelApi::OpenAi:
        return QUrl(root + u"/v1"_s);
    case ModelApi::Gemini:
        return QUrl(root + u"/v1beta"_s);
    case ModelApi::Ollama:
    case ModelApi::Anthropic:
        break;
    }
    return QUrl(root);
}

void FakeModelServer::setScript(const Script& script)
{
    QMutexLocker lock(&m_shared->mutex);
    m_shared->script = script;
    m_shared->failuresLeft = script.failures;
}

QList<FakeModelServer::Request> FakeModelServer::requests() const
{
    QMutexLocker lock(&m_shared->mutex);
    return m_shared->requests;
}

int FakeModelServer::chatRequests() const
{
    QMutexLocker lock(&m_shared->mutex);
    return int(std::count_if(m_shared->requests.cbegin(), m_shared->requests.cend(),
                             [](const Request& request) { return chatRoute(request).has_value(); }));
}

QByteArray FakeModelServer::errorBody(ModelApi api, int status, const QString& message)
{
    switch (api) {
    case ModelApi::OpenAi:
        return json({{u"error"_s, QJsonObject{{u"message"_s, message},
                                              {u"type"_s, u"invalid_request_error"_s},
                                              {u"code"_s, QJsonValue()}}}});
    case ModelApi::Ollama:
        return json({{u"error"_s, message}});
    case ModelApi::Anthropic:
        return json(
            {{u"type"_s, u"error"_s}, {u"error"_s, QJsonObject{{u"type"_s, u"api_error"_s}, {u"message"_s, message}}}});
    case ModelApi::Gemini:
        return json(
            {{u"error"_s, QJsonObject{{u"code"_s, status}, {u"message"_s, message}, {u"status"_s, u"UNAVAILABLE"_s}}}});
    }
    return {};
}

} // namespace chasm::test
