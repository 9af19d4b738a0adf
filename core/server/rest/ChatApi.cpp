// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#include "ChatApi.h"

#include "json/Json.h"
#include "llm/ModelProviders.h"
#include "services/ChatService.h"
#include "services/ModelProviderService.h"
#include "util/Settings.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QDateTime>
#include <QUuid>

#include <boost/json.hpp>

#include <future>
#include <limits>
#include <thread>

using namespace Qt::StringLiterals;

namespace chasm::rest {

namespace {

// The conversations remembered to go on with (a hash and a chat id each: a few hundred kilobytes at most).
constexpr qsizetype maxConversations = 4096;
// Answers streamed at once; more wait for one to end.
constexpr int maxChats = 16;

// The endpoint's segments after /api/v1 or /api; empty when it is none of ours.
QList<QByteArray> segmentsOf(const QByteArray& path)
{
    for (const QByteArray& prefix : {QByteArray("/api/v1/"), QByteArray("/api/")}) {
        if (path.startsWith(prefix)) {
            QByteArray rest = path.mid(prefix.size());
            if (rest.endsWith('/')) {
                rest.chop(1);
            }
            return rest.split('/');
        }
    }
    return {};
}

bool isChat(const QList<QByteArray>& segments)
{
    return segments.size() == 2 && segments[0] == "chat" && segments[1] == "completions";
}

bool isModels(const QList<QByteArray>& segments)
{
    return segments.size() == 3 && segments[0] == "providers" && !segments[1].isEmpty() && segments[2] == "models";
}

QByteArray errorJson(int status, const QString& message)
{
    return http::apiErrorBody(status, message);
}

// A failure of the model server as this server answers it: 404 for a model it does not know, else 502 (the
// server refused the key, is not running, broke off), with its own words.
int upstreamStatus(const Error& error)
{
    return error.kind == ErrorKind::NotFound ? 404 : 502;
}

// OpenAI's finish reasons from each API's own word.
std::string finishReason(const ChatAnswer& answer)
{
    const QString reason = answer.finishReason.toLower();
    if (reason == u"length"_s || reason == u"max_tokens"_s) {
        return "length";
    }
    return "stop";
}

// A message's text: a string, or OpenAI's parts ([{"type": "text", "text": …}], other parts refused).
std::optional<QString> messageText(const boost::json::value& content, QString& why)
{
    if (content.is_string()) {
        return json::toQString(content.get_string());
    }
    if (!content.is_array()) {
        why = u"a message's \"content\" is a string or an array of text parts"_s;
        return std::nullopt;
    }
    QString text;
    for (const boost::json::value& part : content.get_array()) {
        const auto* object = part.if_object();
        const auto* type = object ? object->if_contains("type") : nullptr;
        const auto* value = object ? object->if_contains("text") : nullptr;
        if (!type || !type->is_string() || type->get_string() != "text" || !value || !value->is_string()) {
            why = u"only text parts ({\"type\": \"text\", \"text\": …}) are taken in a message's \"content\""_s;
            return std::nullopt;
        }
        text += json::toQString(value->get_string());
    }
    return text;
}

// Identifies a conversation as a client sends it: its system prompt and turns, in order.
QByteArray conversationKey(const QString& system, const QList<ChatTurn>& turns)
{
    QCryptographicHash hash(QCryptographicHash::Sha256);
    hash.addData(system.toUtf8());
    for (const ChatTurn& turn : turns) {
        hash.addData(QByteArrayView("\0", 1));
        hash.addData(turn.role.toUtf8());
        hash.addData(QByteArrayView("\0", 1));
        hash.addData(turn.content.toUtf8());
    }
    return hash.result();
}

} // namespace

struct ChatApi::Answer
{
    Answer(int status, QByteArray body, QList<std::pair<QByteArray, QByteArray>> headers = {})
        : status(status)
        , body(std::move(body))
        , headers(std::move(headers))
    {}

    int status = 200;
    QByteArray body; // JSON; empty: answered already (a stream)
    QList<std::pair<QByteArray, QByteArray>> headers;
};

ChatApi::ChatApi(Environment environment, QString databasePath, ModelLibraryLoader models)
    : m_environment(std::move(environment))
    , m_database(std::move(databasePath))
    , m_loader(std::move(models))
{
    m_pool.setMaxThreadCount(maxChats);
}

ChatApi::~ChatApi()
{
    m_stopping = true;
    m_pool.waitForDone();
}

bool ChatApi::claims(const QByteArray& path)
{
    const QList<QByteArray> segments = segmentsOf(path);
    return isChat(segments) || isModels(segments);
}

void ChatApi::handle(const http::ApiRequest& request, std::function<void(http::ApiReply)> reply)
{
    m_pool.start([this, request, reply = std::move(reply)] {
        const Answer answer = this->answer(request, reply);
        if (!answer.body.isEmpty()) {
            reply({answer.status, "application/json", answer.body, answer.headers, nullptr});
        }
    });
}

ChatApi::Answer ChatApi::answer(const http::ApiRequest& request, const std::function<void(http::ApiReply)>& reply)
{
    const QList<QByteArray> segments = segmentsOf(request.path);
    const QByteArray method = isChat(segments) ? "POST" : "GET";
    if (request.method != method) {
        return {405, errorJson(405, u"%1 is not served at %2"_s.arg(QString::fromLatin1(request.method),
                                                                    QString::fromUtf8(request.path)))};
    }
    if (!request.query.isEmpty()) {
        return {400, errorJson(400, u"this endpoint takes no parameters"_s)};
    }
    if (isChat(segments)) {
        return chat(request.body, reply);
    }
    const QString provider = QString::fromUtf8(QByteArray::fromPercentEncoding(segments[1]));
    return models(provider);
}

Result<const ModelLibrary*> ChatApi::library()
{
    QMutexLocker lock(&m_mutex);
    if (!m_library) {
        m_library =
            m_loader
                ? m_loader()
                : Result<const ModelLibrary*>(Error{u"this server has no model clients"_s, ErrorKind::Unavailable});
    }
    return *m_library;
}

Result<ModelEndpoint> ChatApi::endpoint(const QString& name, QString* model)
{
    Settings settings(Settings::defaultFile(m_environment));
    const ModelProviderService service(m_environment, settings);
    const auto provider = service.provider(name);
    if (!provider) {
        return provider.error();
    }
    if (!provider->enabled) {
        return Error{
            u"the model provider %1 is turned off (chasm provider config %1 --enabled true)"_s.arg(provider->info.name),
            ErrorKind::Conflict};
    }
    if (model && model->isEmpty()) {
        *model = provider->model;
    }
    // The keychain is asked on the application's thread only; this one waits, and gives up when the server stops.
    auto found = std::make_shared<std::promise<Result<ModelEndpoint>>>();
    std::future<Result<ModelEndpoint>> answer = found->get_future();
    QMetaObject::invokeMethod(
        QCoreApplication::instance(),
        [service, provider = *provider, found] {
            service.endpointLater(provider, {}, QCoreApplication::instance(),
                                  [found](Result<ModelEndpoint> endpoint) { found->set_value(std::move(endpoint)); });
        },
        Qt::QueuedConnection);
    while (answer.wait_for(std::chrono::milliseconds(100)) != std::future_status::ready) {
        if (m_stopping) {
            return Error{u"the server is shutting down"_s, ErrorKind::Unavailable};
        }
    }
    return answer.get();
}

ChatApi::Answer ChatApi::models(const QString& name)
{
    QString unused;
    const auto endpoint = this->endpoint(name, &unused);
    if (!endpoint) {
        const int status = endpoint.error().kind == ErrorKind::NotFound ? 404 : 503;
        return {status, errorJson(status, endpoint.error().message)};
    }
    const auto models = library();
    if (!models) {
        return {501, errorJson(501, models.error().message)};
    }
    const auto listed = (*models)->open(*endpoint)->models(&m_stopping);
    if (!listed) {
        const int status = upstreamStatus(listed.error());
        return {status, errorJson(status, u"%1: %2"_s.arg(endpoint->provider, listed.error().message))};
    }
    boost::json::array data;
    for (const QString& model : *listed) {
        data.push_back({{"id", json::fromQString(endpoint->provider + u'/' + model)},
                        {"object", "model"},
                        {"model", json::fromQString(model)},
                        {"owned_by", json::fromQString(endpoint->provider)}});
    }
    const boost::json::object body{
        {"object", "list"}, {"provider", json::fromQString(endpoint->provider)}, {"data", std::move(data)}};
    return {200, QByteArray::fromStdString(boost::json::serialize(body))};
}

QString ChatApi::conversation(const QByteArray& key)
{
    QMutexLocker lock(&m_mutex);
    return m_conversations.value(key);
}

void ChatApi::remember(const QByteArray& key, const QString& nativeId)
{
    QMutexLocker lock(&m_mutex);
    if (!m_conversations.contains(key)) {
        m_remembered.push_back(key);
    }
    m_conversations.insert(key, nativeId);
    while (qsizetype(m_remembered.size()) > maxConversations) {
        m_conversations.remove(m_remembered.front());
        m_remembered.pop_front();
    }
}

ChatApi::Answer ChatApi::chat(const QByteArray& body, const std::function<void(http::ApiReply)>& reply)
{
    const QString expected =
        u"{\"model\": \"PROVIDER/MODEL\", \"messages\": [{\"role\": \"user\", \"content\": \"…\"}], \"stream\": "
        u"true|false} (or \"provider\" beside \"model\")"_s;
    const auto bad = [&expected](const QString& why) {
        return Answer{400, errorJson(400, u"%1; the body is %2"_s.arg(why, expected))};
    };
    boost::system::error_code ec;
    const boost::json::value parsed = boost::json::parse(std::string_view(body.data(), body.size()), ec);
    const boost::json::object* request = parsed.if_object();
    if (ec || !request) {
        return bad(u"the body is not a JSON object"_s);
    }
    const auto text = [request](std::string_view key) -> std::optional<QString> {
        const boost::json::value* value = request->if_contains(key);
        if (!value || value->is_null()) {
            return QString();
        }
        return value->is_string() ? std::optional(json::toQString(value->get_string())) : std::nullopt;
    };
    const auto modelText = text("model");
    const auto providerText = text("provider");
    if (!modelText || !providerText) {
        return bad(u"\"model\" and \"provider\" are strings"_s);
    }
    bool stream = false;
    if (const auto* value = request->if_contains("stream"); value && !value->is_null()) {
        if (!value->is_bool()) {
            return bad(u"\"stream\" is true or false"_s);
        }
        stream = value->get_bool();
    }
    if (const auto* n = request->if_contains("n"); n && !n->is_null() && !(n->is_int64() && n->get_int64() == 1)) {
        return bad(u"only one answer is made (\"n\": 1)"_s);
    }

    // Which provider: "provider", else the model's first part when it names one ("ollama/llama3.2").
    QString providerName = *providerText;
    QString model = *modelText;
    if (providerName.isEmpty()) {
        const qsizetype slash = model.indexOf(u'/');
        providerName = slash < 0 ? model : model.left(slash);
        model = slash < 0 ? QString() : model.mid(slash + 1);
    }
    if (providerName.isEmpty()) {
        return bad(u"no model provider named"_s);
    }

    ChatService::Options options;
    if (const auto* value = request->if_contains("temperature"); value && value->is_number()) {
        options.temperature = value->to_number<double>();
    }
    for (const char* key : {"max_completion_tokens", "max_tokens"}) {
        if (const auto* value = request->if_contains(key); value && value->is_int64() && value->get_int64() > 0 &&
                                                           value->get_int64() <= std::numeric_limits<int>::max()) {
            options.maxTokens = int(value->get_int64());
            break;
        }
    }

    const boost::json::value* messages = request->if_contains("messages");
    if (!messages || !messages->is_array() || messages->get_array().empty()) {
        return bad(u"\"messages\" is a non-empty array"_s);
    }
    QList<ChatTurn> turns;
    QStringList system;
    for (const boost::json::value& message : messages->get_array()) {
        const auto* object = message.if_object();
        const auto* role = object ? object->if_contains("role") : nullptr;
        const auto* content = object ? object->if_contains("content") : nullptr;
        if (!role || !role->is_string() || !content) {
            return bad(u"each message has a \"role\" and a \"content\""_s);
        }
        QString why;
        const auto words = messageText(*content, why);
        if (!words) {
            return bad(why);
        }
        const std::string_view name = role->get_string();
        if (name == "system" || name == "developer") {
            system << *words;
        } else if (name == "user" || name == "assistant") {
            turns.append({json::toQString(name), *words});
        } else {
            return bad(u"a message's role is system, developer, user or assistant (tools are not run here), got "
                       u"\"%1\""_s.arg(json::toQString(name)));
        }
    }
    if (turns.isEmpty() || turns.constLast().role != u"user"_s) {
        return bad(u"the last message is the user's"_s);
    }
    const QString prompt = turns.takeLast().content;
    options.system = system.join(u"\n\n"_s);

    const auto endpoint = this->endpoint(providerName, &model);
    if (!endpoint) {
        const int status = endpoint.error().kind == ErrorKind::NotFound ? 404 : 503;
        return {status, errorJson(status, endpoint.error().message)};
    }
    const auto library = this->library();
    if (!library) {
        return {501, errorJson(501, library.error().message)};
    }
    const std::unique_ptr<ModelClient> client = (*library)->open(*endpoint);
    if (model.isEmpty()) {
        const auto listed = client->models(&m_stopping);
        if (!listed || listed->isEmpty()) {
            return {404, errorJson(404, u"%1 names no model: ask for one as %1/MODEL"_s.arg(endpoint->provider))};
        }
        model = listed->constFirst();
    }
    options.provider = endpoint->provider;
    options.model = model;
    options.api = endpoint->api;
    options.localServer = endpoint->baseUrl.host() == u"localhost"_s || endpoint->baseUrl.host() == u"127.0.0.1"_s;

    // A conversation this server answered before goes on in its recorded chat; any other is recorded anew.
    ChatService chat(m_database);
    const QString known = conversation(conversationKey(options.system, turns));
    if (known.isEmpty()) {
        chat.start(options);
        chat.seed(turns);
    } else {
        chat.resume(options, known, turns);
    }

    const QByteArray id = "chatcmpl-" + QUuid::createUuid().toByteArray(QUuid::Id128);
    const qint64 created = QDateTime::currentSecsSinceEpoch();
    const std::string modelName = QString(endpoint->provider + u'/' + model).toStdString();
    const QList<std::pair<QByteArray, QByteArray>> headers{{"X-Chasm-Session", chat.sessionId().toUtf8()}};
    const auto chunk = [&](boost::json::object delta, boost::json::value finish) -> QByteArray {
        const boost::json::object event{
            {"id", id.toStdString()},
            {"object", "chat.completion.chunk"},
            {"created", created},
            {"model", modelName},
            {"chasm_session_id", chat.sessionId().toStdString()},
            {"choices", boost::json::array{{{"index", 0}, {"delta", std::move(delta)}, {"finish_reason", finish}}}}};
        return "data: " + QByteArray::fromStdString(boost::json::serialize(event)) + "\n\n";
    };

    // A stream's answer is sent with the first piece of text, so that a failure before it has its own status.
    const std::shared_ptr<http::ApiStream> events = stream ? std::make_shared<http::ApiStream>() : nullptr;
    bool began = false;
    const auto begin = [&] {
        if (began) {
            return;
        }
        began = true;
        reply({200,
               "text/event-stream",
               {},
               headers + QList<std::pair<QByteArray, QByteArray>>{{"Cache-Control", "no-cache"}},
               events});
        events->write(chunk({{"role", "assistant"}, {"content", ""}}, nullptr));
    };
    const auto onText = [&](QStringView piece) {
        if (!stream) {
            return;
        }
        begin();
        events->write(chunk({{"content", json::fromQString(piece.toString())}}, nullptr));
    };
    // The client's stop (it closed the connection) and the server's reach the model client through one flag.
    CancelFlag cancelled{false};
    std::atomic<bool> watching{true};
    std::thread watcher([&] {
        while (watching) {
            if (m_stopping || (events && events->cancelled())) {
                cancelled = true;
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
        }
    });
    const auto answer = chat.ask(*client, prompt, onText, &cancelled);
    watching = false;
    watcher.join();
    const auto recorded = chat.flush();
    if (answer && !answer->cancelled) {
        remember(conversationKey(options.system,
                                 turns + QList<ChatTurn>{{u"user"_s, prompt}, {u"assistant"_s, answer->text}}),
                 chat.sessionId().section(u':', 1));
    }

    if (began) {
        if (answer) {
            events->write(chunk({}, json::fromQString(QString::fromStdString(finishReason(*answer)))));
        } else {
            const boost::json::object error{
                {"error",
                 {{"code", http::apiErrorCode(upstreamStatus(answer.error())).toStdString()},
                  {"message", json::fromQString(endpoint->provider + u": "_s + answer.error().message)}}}};
            events->write("data: " + QByteArray::fromStdString(boost::json::serialize(error)) + "\n\n");
        }
        events->write("data: [DONE]\n\n");
        events->end();
        return {200, {}};
    }
    if (!answer) {
        const int status = upstreamStatus(answer.error());
        return {status, errorJson(status, u"%1: %2"_s.arg(endpoint->provider, answer.error().message)), headers};
    }
    if (recorded) {
        return {500, errorJson(500, u"the answer came but its recording failed: %1"_s.arg(recorded->message)), headers};
    }
    if (stream) { // an empty answer, streamed
        begin();
        events->write(chunk({}, json::fromQString(QString::fromStdString(finishReason(*answer)))));
        events->write("data: [DONE]\n\n");
        events->end();
        return {200, {}};
    }
    boost::json::object completion{
        {"id", id.toStdString()},
        {"object", "chat.completion"},
        {"created", created},
        {"model", modelName},
        {"chasm_session_id", chat.sessionId().toStdString()},
        {"choices",
         boost::json::array{{{"index", 0},
                             {"message", {{"role", "assistant"}, {"content", json::fromQString(answer->text)}}},
                             {"finish_reason", finishReason(*answer)}}}}};
    if (answer->inputTokens || answer->outputTokens) {
        const qint64 input = answer->inputTokens.value_or(0);
        const qint64 output = answer->outputTokens.value_or(0);
        completion["usage"] = {
            {"prompt_tokens", input}, {"completion_tokens", output}, {"total_tokens", input + output}};
    }
    return {200, QByteArray::fromStdString(boost::json::serialize(completion)), headers};
}

} // namespace chasm::rest
