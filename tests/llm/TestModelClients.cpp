// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

// The model clients (core/llm) against a real HTTP server on 127.0.0.1 that speaks the four APIs
// (FakeModelServer), and the stream parsers they read answers with, fed bytes split at every offset.

#include "CliSupport.h"
#include "FakeModelServer.h"
#include "llm/EventStreamParser.h"
#include "llm/JsonLineSplitter.h"
#include "llm/NetworkModelClient.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QProcess>
#include <QSslCertificate>
#include <QSslKey>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTcpServer>
#include <QTest>

#include <thread>

using namespace Qt::StringLiterals;
using namespace chasm;
using chasm::test::FakeModelServer;

Q_DECLARE_METATYPE(chasm::ModelApi)

namespace {

const QByteArray apiKey = "sk-test-SECRET-4711";
const QString systemPrompt = u"You are terse."_s;
const QString longText = u"The quick brown fox jumps over the lazy dog, then naps in the warm afternoon sun."_s;

QString modelFor(ModelApi api)
{
    switch (api) {
    case ModelApi::OpenAi:
        return u"gpt-test"_s;
    case ModelApi::Ollama:
        return u"llama-test"_s;
    case ModelApi::Anthropic:
        return u"claude-test"_s;
    case ModelApi::Gemini:
        return u"gemini-test"_s;
    }
    return {};
}

ModelEndpoint endpointFor(const FakeModelServer& server, ModelApi api)
{
    ModelEndpoint endpoint;
    endpoint.provider = u"testprov"_s;
    endpoint.api = api;
    endpoint.baseUrl = server.baseUrl(api);
    endpoint.apiKey = apiKey;
    endpoint.timeout = std::chrono::milliseconds(5000);
    endpoint.firstBackoff = std::chrono::milliseconds(20);
    endpoint.maxBackoff = std::chrono::milliseconds(200);
    return endpoint;
}

ChatRequest requestFor(ModelApi api, bool stream)
{
    ChatRequest request;
    request.model = modelFor(api);
    request.system = systemPrompt;
    request.turns = {{u"user"_s, u"Hi"_s}, {u"assistant"_s, u"Hello."_s}, {u"user"_s, u"Tell me a story."_s}};
    request.stream = stream;
    return request;
}

void addApis()
{
    QTest::addColumn<ModelApi>("api");
    QTest::newRow("openai") << ModelApi::OpenAi;
    QTest::newRow("ollama") << ModelApi::Ollama;
    QTest::newRow("anthropic") << ModelApi::Anthropic;
    QTest::newRow("gemini") << ModelApi::Gemini;
}

// The turns as the request carried them, whatever the API: (role, text) in order, the system prompt apart.
struct SentContext
{
    QString system;
    QStringList turns; // "role: text"
};

SentContext sentContext(ModelApi api, const QJsonObject& body)
{
    SentContext sent;
    if (api == ModelApi::Gemini) {
        sent.system = body.value(u"systemInstruction"_s)
                          .toObject()
                          .value(u"parts"_s)
                          .toArray()
                          .at(0)
                          .toObject()
                          .value(u"text"_s)
                          .toString();
        for (const QJsonValue& content : body.value(u"contents"_s).toArray()) {
            sent.turns.append(
                content.toObject().value(u"role"_s).toString() + u": "_s +
                content.toObject().value(u"parts"_s).toArray().at(0).toObject().value(u"text"_s).toString());
        }
        return sent;
    }
    if (api == ModelApi::Anthropic) {
        sent.system = body.value(u"system"_s).toString();
    }
    for (const QJsonValue& message : body.value(u"messages"_s).toArray()) {
        const QString role = message.toObject().value(u"role"_s).toString();
        const QString content = message.toObject().value(u"content"_s).toString();
        if (role == u"system"_s && api != ModelApi::Anthropic) {
            sent.system = sent.turns.isEmpty() ? content : u"(after the turns)"_s;
        } else {
            sent.turns.append(role + u": "_s + content);
        }
    }
    return sent;
}

QStringList expectedTurns(ModelApi api)
{
    const QString assistant = api == ModelApi::Gemini ? u"model"_s : u"assistant"_s;
    return {u"user: Hi"_s, assistant + u": Hello."_s, u"user: Tell me a story."_s};
}

// The key where each API wants it, and nowhere else.
void checkKey(ModelApi api, const FakeModelServer::Request& request)
{
    const QHash<QByteArray, QByteArray>& headers = request.headers;
    const QByteArray header = api == ModelApi::Anthropic ? "x-api-key"
                              : api == ModelApi::Gemini  ? "x-goog-api-key"
                                                         : "authorization";
    const QByteArray value = header == "authorization" ? "Bearer " + apiKey : apiKey;
    QCOMPARE(headers.value(header), value);
    for (auto it = headers.cbegin(); it != headers.cend(); ++it) {
        if (it.key() != header) {
            QVERIFY2(!it.value().contains(apiKey), it.key().constData());
        }
    }
    QVERIFY(!request.target.contains(apiKey));
    QVERIFY(!request.body.contains(apiKey));
    if (api == ModelApi::Anthropic) {
        QCOMPARE(headers.value("anthropic-version"), QByteArray("2023-06-01"));
    }
}

QByteArray chatPath(ModelApi api, bool stream)
{
    switch (api) {
    case ModelApi::OpenAi:
        return "/v1/chat/completions";
    case ModelApi::Ollama:
        return "/api/chat";
    case ModelApi::Anthropic:
        return "/v1/messages";
    case ModelApi::Gemini:
        return stream ? "/v1beta/models/gemini-test:streamGenerateContent?alt=sse"
                      : "/v1beta/models/gemini-test:generateContent";
    }
    return {};
}

// What a parser (EventStreamParser, JsonLineSplitter) makes of a stream fed in these chunks.
template<typename Parser>
auto parsed(const QList<QByteArrayView>& chunks)
{
    Parser parser;
    decltype(parser.finish()) units;
    for (const QByteArrayView chunk : chunks) {
        auto more = parser.feed(chunk);
        if (!more) {
            qWarning() << more.error().message;
            return decltype(units)();
        }
        units += *more;
    }
    return units + parser.finish();
}

QList<ServerSentEvent> eventsOf(const QList<QByteArrayView>& chunks)
{
    return parsed<EventStreamParser>(chunks);
}

QList<QByteArray> linesOf(const QList<QByteArrayView>& chunks)
{
    return parsed<JsonLineSplitter>(chunks);
}

// The error of a failed result, for QVERIFY2 (which reads its message even when the check passes).
template<typename T>
QByteArray why(const Result<T>& result)
{
    return result ? QByteArray() : result.error().message.toUtf8();
}

QString describe(const QList<ServerSentEvent>& events)
{
    QStringList text;
    for (const ServerSentEvent& event : events) {
        text.append(QString::fromUtf8(event.type + '=' + event.data));
    }
    return text.join(u" | "_s);
}

} // namespace

class TestModelClients : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void eventStream_splitAnywhere_data()
    {
        QTest::addColumn<QByteArray>("stream");
        QTest::newRow("LF") << QByteArray(": a comment\nevent: first\ndata: one\n\ndata:two\ndata:  three\nid: 7\n"
                                          "retry: 10\n\ndata\n\nevent: last\ndata: {\"x\": 1}\n\n");
        QTest::newRow("CRLF") << QByteArray(": a comment\r\nevent: first\r\ndata: one\r\n\r\ndata:two\r\ndata:  "
                                            "three\r\nid: 7\r\nretry: 10\r\n\r\ndata\r\n\r\nevent: last\r\ndata: "
                                            "{\"x\": 1}\r\n\r\n");
        QTest::newRow("CR") << QByteArray(": a comment\revent: first\rdata: one\r\rdata:two\rdata:  three\rid: "
                                          "7\rretry: 10\r\rdata\r\revent: last\rdata: {\"x\": 1}\r\r");
        QTest::newRow("mixed") << QByteArray(": a comment\r\nevent: first\rdata: one\n\r\ndata:two\rdata:  "
                                             "three\nid: 7\r\nretry: 10\n\ndata\r\revent: last\ndata: {\"x\": "
                                             "1}\r\n\n");
    }

    void eventStream_splitAnywhere()
    {
        QFETCH(QByteArray, stream);
        const QString expected = u"first=one | message=two\n three | message= | last={\"x\": 1}"_s;
        QCOMPARE(describe(eventsOf({stream})), expected);
        for (qsizetype at = 0; at <= stream.size(); ++at) {
            for (qsizetype second = at; second <= stream.size(); second += 7) {
                const QByteArrayView all(stream);
                QCOMPARE(describe(eventsOf({all.first(at), all.sliced(at, second - at), all.sliced(second)})),
                         expected);
            }
        }
        QList<QByteArrayView> bytes;
        for (qsizetype i = 0; i < stream.size(); ++i) {
            bytes.append(QByteArrayView(stream).sliced(i, 1));
        }
        QCOMPARE(describe(eventsOf(bytes)), expected);
    }

    void eventStream_lastEventWithoutBlankLine()
    {
        QCOMPARE(describe(eventsOf({"data: a\n\ndata: b"})), u"message=a | message=b"_s);
    }

    void eventStream_tooLong()
    {
        EventStreamParser parser(100);
        QVERIFY(parser.feed(QByteArray(60, 'x')));
        const auto line = parser.feed(QByteArray(60, 'x'));
        QVERIFY(!line);
        QCOMPARE(line.error().message, u"a line of the event stream is longer than 100 bytes"_s);

        EventStreamParser events(100);
        const auto event =
            events.feed(QByteArray("data: " + QByteArray(60, 'x') + "\ndata: " + QByteArray(60, 'x') + '\n'));
        QVERIFY(!event);
        QCOMPARE(event.error().message, u"an event of the event stream is longer than 100 bytes"_s);
        QVERIFY(EventStreamParser(100).feed(QByteArray("data: " + QByteArray(90, 'x') + "\n\n")));
    }

    void jsonLines_splitAnywhere()
    {
        const QByteArray stream = "{\"a\":1}\n\n{\"b\":2}\r\n  \n{\"c\":3}";
        const QList<QByteArray> expected{"{\"a\":1}", "{\"b\":2}", "{\"c\":3}"};
        QCOMPARE(linesOf({stream}), expected);
        for (qsizetype at = 0; at <= stream.size(); ++at) {
            for (qsizetype second = at; second <= stream.size(); ++second) {
                const QByteArrayView all(stream);
                QCOMPARE(linesOf({all.first(at), all.sliced(at, second - at), all.sliced(second)}), expected);
            }
        }
    }

    void jsonLines_tooLong()
    {
        JsonLineSplitter splitter(100);
        QVERIFY(splitter.feed(QByteArray(60, 'x')));
        const auto line = splitter.feed(QByteArray(QByteArray(60, 'x') + '\n'));
        QVERIFY(!line);
        QCOMPARE(line.error().message, u"a line of the answer is longer than 100 bytes"_s);
        QCOMPARE(JsonLineSplitter(100).feed(QByteArray(QByteArray(100, 'x') + "\r\n"))->size(), 1);
    }

    void streamed_data() { addApis(); }

    // The text arrives in pieces, in order, as the server sends them, and whole in the answer; the request carries
    // the system prompt, the turns and the key where the API wants them.
    void streamed()
    {
        QFETCH(ModelApi, api);
        FakeModelServer server;
        FakeModelServer::Script script;
        script.text = longText;
        script.pieces = 5;
        script.delay = std::chrono::milliseconds(40);
        script.inputTokens = 31;
        script.outputTokens = 17;
        server.setScript(script);

        const auto client = networkModelLibrary().open(endpointFor(server, api));
        QStringList pieces;
        const auto answer =
            client->chat(requestFor(api, true), [&](QStringView piece) { pieces.append(piece.toString()); });
        QVERIFY2(answer, why(answer).constData());
        QVERIFY2(pieces.size() >= 3, qPrintable(pieces.join(u'|')));
        QCOMPARE(pieces.join(QString()), longText);
        QCOMPARE(answer->text, longText);
        QCOMPARE(answer->inputTokens, std::optional<qint64>(31));
        QCOMPARE(answer->outputTokens, std::optional<qint64>(17));
        QCOMPARE(answer->model, modelFor(api));
        QVERIFY(!answer->finishReason.isEmpty());
        QVERIFY(!answer->cancelled);

        const QList<FakeModelServer::Request> requests = server.requests();
        QCOMPARE(requests.size(), 1);
        const FakeModelServer::Request& sent = requests.constFirst();
        QCOMPARE(sent.method, QByteArray("POST"));
        QCOMPARE(sent.target, chatPath(api, true));
        checkKey(api, sent);
        const SentContext context = sentContext(api, sent.json);
        QCOMPARE(context.system, systemPrompt);
        QCOMPARE(context.turns, expectedTurns(api));
        if (api != ModelApi::Gemini) {
            QCOMPARE(sent.json.value(u"model"_s).toString(), modelFor(api));
            QCOMPARE(sent.json.value(u"stream"_s).toBool(), true);
        }
        if (api == ModelApi::OpenAi) {
            QCOMPARE(sent.json.value(u"stream_options"_s).toObject().value(u"include_usage"_s).toBool(), true);
        }
        if (api == ModelApi::Anthropic) {
            QCOMPARE(sent.json.value(u"max_tokens"_s).toInt(), 4096);
        }
    }

    void whole_data() { addApis(); }

    void whole()
    {
        QFETCH(ModelApi, api);
        FakeModelServer server;
        FakeModelServer::Script script;
        script.text = longText;
        server.setScript(script);
        const auto client = networkModelLibrary().open(endpointFor(server, api));
        ChatRequest request = requestFor(api, false);
        request.maxTokens = 77;
        request.temperature = 0.5;
        QStringList pieces;
        const auto answer = client->chat(request, [&](QStringView piece) { pieces.append(piece.toString()); });
        QVERIFY2(answer, why(answer).constData());
        QCOMPARE(pieces, QStringList{longText});
        QCOMPARE(answer->text, longText);
        QCOMPARE(answer->inputTokens, std::optional<qint64>(12));
        QCOMPARE(answer->outputTokens, std::optional<qint64>(5));
        const FakeModelServer::Request sent = server.requests().constFirst();
        QCOMPARE(sent.target, chatPath(api, false));
        checkKey(api, sent);
        const SentContext context = sentContext(api, sent.json);
        QCOMPARE(context.system, systemPrompt);
        QCOMPARE(context.turns, expectedTurns(api));
        switch (api) {
        case ModelApi::OpenAi:
            QCOMPARE(sent.json.value(u"max_tokens"_s).toInt(), 77);
            QVERIFY(!sent.json.contains(u"stream_options"_s));
            break;
        case ModelApi::Ollama:
            QCOMPARE(sent.json.value(u"options"_s).toObject().value(u"num_predict"_s).toInt(), 77);
            QCOMPARE(sent.json.value(u"stream"_s).toBool(true), false);
            break;
        case ModelApi::Anthropic:
            QCOMPARE(sent.json.value(u"max_tokens"_s).toInt(), 77);
            break;
        case ModelApi::Gemini:
            QCOMPARE(sent.json.value(u"generationConfig"_s).toObject().value(u"maxOutputTokens"_s).toInt(), 77);
            QCOMPARE(sent.json.value(u"generationConfig"_s).toObject().value(u"temperature"_s).toDouble(), 0.5);
            break;
        }
    }

    void keyInApiKeyHeader()
    {
        FakeModelServer server;
        ModelEndpoint endpoint = endpointFor(server, ModelApi::OpenAi);
        endpoint.keyInApiKeyHeader = true;
        const auto answer = networkModelLibrary().open(endpoint)->chat(requestFor(ModelApi::OpenAi, true), {});
        QVERIFY2(answer, why(answer).constData());
        const FakeModelServer::Request sent = server.requests().constFirst();
        QCOMPARE(sent.headers.value("api-key"), apiKey);
        QVERIFY(!sent.headers.contains("authorization"));
    }

    void models_data() { addApis(); }

    void models()
    {
        QFETCH(ModelApi, api);
        FakeModelServer server;
        FakeModelServer::Script script;
        script.models = {u"zeta-2"_s, u"alpha-1"_s, u"mid-7"_s};
        server.setScript(script);
        const auto models = networkModelLibrary().open(endpointFor(server, api))->models();
        QVERIFY2(models, why(models).constData());
        QCOMPARE(*models, (QStringList{u"alpha-1"_s, u"mid-7"_s, u"zeta-2"_s}));
        const FakeModelServer::Request sent = server.requests().constFirst();
        QCOMPARE(sent.method, QByteArray("GET"));
        const QByteArray path = sent.target.split('?').constFirst();
        QCOMPARE(path, QByteArray(api == ModelApi::Ollama   ? "/api/tags"
                                  : api == ModelApi::Gemini ? "/v1beta/models"
                                                            : "/v1/models"));
        checkKey(api, sent);
    }

    void modelsInPages_data() { addApis(); }

    // Anthropic and Gemini list models a page at a time: all pages are read.
    void modelsInPages()
    {
        QFETCH(ModelApi, api);
        FakeModelServer server;
        FakeModelServer::Script script;
        script.models.clear();
        for (int i = 0; i < 7; ++i) {
            script.models.append(u"model-%1"_s.arg(6 - i));
        }
        script.modelsPerPage = 3;
        server.setScript(script);
        const auto models = networkModelLibrary().open(endpointFor(server, api))->models();
        QVERIFY2(models, why(models).constData());
        QCOMPARE(models->size(), 7);
        QCOMPARE(models->constFirst(), u"model-0"_s);
        const bool pages = api == ModelApi::Anthropic || api == ModelApi::Gemini;
        QCOMPARE(server.requests().size(), pages ? 3 : 1);
    }

    void keyRefused_data() { addApis(); }

    void keyRefused()
    {
        QFETCH(ModelApi, api);
        FakeModelServer server;
        FakeModelServer::Script script;
        script.status = 401;
        // A server that echoes the key it refused: it still appears in no message.
        script.errorBody =
            FakeModelServer::errorBody(api, 401, u"Incorrect API key provided: "_s + QString::fromUtf8(apiKey));
        server.setScript(script);
        const auto answer = networkModelLibrary().open(endpointFor(server, api))->chat(requestFor(api, true), {});
        QVERIFY(!answer);
        QCOMPARE(answer.error().message,
                 u"testprov: the API key was refused (401): set one with chasm provider config testprov --api-key -"_s);
        QCOMPARE(server.chatRequests(), 1);
    }

    void keyEchoedInAnError()
    {
        FakeModelServer server;
        FakeModelServer::Script script;
        script.status = 400;
        script.errorBody =
            FakeModelServer::errorBody(ModelApi::OpenAi, 400, u"bad request from key "_s + QString::fromUtf8(apiKey));
        server.setScript(script);
        const auto answer = networkModelLibrary()
                                .open(endpointFor(server, ModelApi::OpenAi))
                                ->chat(requestFor(ModelApi::OpenAi, true), {});
        QVERIFY(!answer);
        QCOMPARE(answer.error().message, u"testprov: the server answered 400: bad request from key [API key]"_s);
    }

    void unknownModel_data() { addApis(); }

    void unknownModel()
    {
        QFETCH(ModelApi, api);
        FakeModelServer server;
        FakeModelServer::Script script;
        script.status = 404;
        script.errorBody = FakeModelServer::errorBody(api, 404, u"model not found"_s);
        server.setScript(script);
        const auto answer = networkModelLibrary().open(endpointFor(server, api))->chat(requestFor(api, true), {});
        QVERIFY(!answer);
        QCOMPARE(answer.error().message, u"testprov: unknown model '%1' (404)"_s.arg(modelFor(api)));
        QCOMPARE(answer.error().kind, ErrorKind::NotFound);
    }

    void serverError_data() { addApis(); }

    // Another status: the API's own message, after the retries.
    void serverError()
    {
        QFETCH(ModelApi, api);
        FakeModelServer server;
        FakeModelServer::Script script;
        script.failures = 100;
        script.failureStatus = 500;
        server.setScript(script);
        ModelEndpoint endpoint = endpointFor(server, api);
        endpoint.retries = 2;
        const auto answer = networkModelLibrary().open(endpoint)->chat(requestFor(api, true), {});
        QVERIFY(!answer);
        QCOMPARE(answer.error().message, u"testprov: the server answered 500: the server is overloaded"_s);
        QCOMPARE(server.chatRequests(), 3);
    }

    void connectionRefused_data() { addApis(); }

    void connectionRefused()
    {
        QFETCH(ModelApi, api);
        quint16 port = 0;
        {
            QTcpServer probe;
            QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
            port = probe.serverPort();
        }
        ModelEndpoint endpoint;
        endpoint.provider = u"local"_s;
        endpoint.api = api;
        endpoint.baseUrl = QUrl(u"http://127.0.0.1:%1"_s.arg(port));
        endpoint.retries = 2;
        endpoint.firstBackoff = std::chrono::milliseconds(100);
        QElapsedTimer clock;
        clock.start();
        const auto client = networkModelLibrary().open(endpoint);
        const auto answer = client->chat(requestFor(api, true), {});
        QVERIFY(!answer);
        QCOMPARE(answer.error().message,
                 u"local: no server answers at http://127.0.0.1:%1 (is it running?)"_s.arg(port));
        QVERIFY2(clock.elapsed() >= 300, "two retries after 100 and 200 ms");
        const auto models = client->models();
        QVERIFY(!models);
        QCOMPARE(models.error().message, answer.error().message);
    }

    void retries_data() { addApis(); }

    // 429 twice, then the answer: three requests reach the server.
    void retries()
    {
        QFETCH(ModelApi, api);
        FakeModelServer server;
        FakeModelServer::Script script;
        script.failures = 2;
        script.failureStatus = 429;
        script.pieces = 3;
        server.setScript(script);
        const auto answer = networkModelLibrary().open(endpointFor(server, api))->chat(requestFor(api, true), {});
        QVERIFY2(answer, why(answer).constData());
        QCOMPARE(answer->text, script.text);
        QCOMPARE(server.chatRequests(), 3);
    }

    // Connections closed without a byte of an answer are tried again too.
    void retriesAfterReset()
    {
        FakeModelServer server;
        FakeModelServer::Script script;
        script.failures = 2;
        script.failureStatus = 0;
        server.setScript(script);
        const auto answer = networkModelLibrary()
                                .open(endpointFor(server, ModelApi::Ollama))
                                ->chat(requestFor(ModelApi::Ollama, true), {});
        QVERIFY2(answer, why(answer).constData());
        QCOMPARE(answer->text, script.text);
        QCOMPARE(server.chatRequests(), 3);

        script.failures = 100;
        server.setScript(script);
        ModelEndpoint endpoint = endpointFor(server, ModelApi::Ollama);
        endpoint.retries = 1;
        const auto failed = networkModelLibrary().open(endpoint)->chat(requestFor(ModelApi::Ollama, true), {});
        QVERIFY(!failed);
        QCOMPARE(failed.error().message, u"testprov: the server at %1 closed the connection without an answer"_s.arg(
                                             endpoint.baseUrl.toString()));
        QVERIFY(server.chatRequests() >= 5);
    }

    void retryAfter()
    {
        FakeModelServer server;
        FakeModelServer::Script script;
        script.failures = 1;
        script.failureStatus = 503;
        script.retryAfter = "1";
        server.setScript(script);
        ModelEndpoint endpoint = endpointFor(server, ModelApi::Anthropic);
        endpoint.maxBackoff = std::chrono::milliseconds(8000);
        QElapsedTimer clock;
        clock.start();
        QVERIFY(networkModelLibrary().open(endpoint)->chat(requestFor(ModelApi::Anthropic, true), {}));
        QVERIFY2(clock.elapsed() >= 1000, "Retry-After: 1 is honoured");

        // A Retry-After beyond maxBackoff waits maxBackoff.
        script.retryAfter = "3600";
        server.setScript(script);
        endpoint.maxBackoff = std::chrono::milliseconds(100);
        clock.restart();
        QVERIFY(networkModelLibrary().open(endpoint)->chat(requestFor(ModelApi::Anthropic, true), {}));
        QVERIFY(clock.elapsed() < 3000);
    }

    void noRetryAfterText_data() { addApis(); }

    // The connection closes after two pieces of text: an error, and no second request.
    void noRetryAfterText()
    {
        QFETCH(ModelApi, api);
        FakeModelServer server;
        FakeModelServer::Script script;
        script.text = longText;
        script.pieces = 6;
        script.closeAfter = 2;
        server.setScript(script);
        QString received;
        const auto answer =
            networkModelLibrary().open(endpointFor(server, api))->chat(requestFor(api, true), [&](QStringView piece) {
                received += piece;
            });
        QVERIFY(!answer);
        QCOMPARE(answer.error().message, u"testprov: the connection closed before the answer was complete"_s);
        QVERIFY(!received.isEmpty());
        QVERIFY(longText.startsWith(received));
        QCOMPARE(server.chatRequests(), 1);
    }

    void timeout_data() { addApis(); }

    // No byte for the timeout, after the first piece and before any: an error saying so, soon.
    void timeout()
    {
        QFETCH(ModelApi, api);
        FakeModelServer server;
        FakeModelServer::Script script;
        script.pieces = 4;
        script.stallAfter = 1;
        server.setScript(script);
        ModelEndpoint endpoint = endpointFor(server, api);
        endpoint.timeout = std::chrono::milliseconds(400);
        const auto client = networkModelLibrary().open(endpoint);
        for (const bool stream : {true, false}) {
            QElapsedTimer clock;
            clock.start();
            const auto answer = client->chat(requestFor(api, stream), {});
            QVERIFY(!answer);
            QCOMPARE(answer.error().message, u"testprov: no answer for 0.4 s"_s);
            QVERIFY(clock.elapsed() >= 400);
            QVERIFY2(clock.elapsed() < 2000, QByteArray::number(clock.elapsed()).constData());
        }
    }

    // Pieces keep the connection alive: a long answer whose pieces come within the timeout succeeds.
    void timeoutResetByEachPiece()
    {
        FakeModelServer server;
        FakeModelServer::Script script;
        script.text = longText;
        script.pieces = 8;
        script.delay = std::chrono::milliseconds(150);
        server.setScript(script);
        ModelEndpoint endpoint = endpointFor(server, ModelApi::Ollama);
        endpoint.timeout = std::chrono::milliseconds(400);
        const auto answer = networkModelLibrary().open(endpoint)->chat(requestFor(ModelApi::Ollama, true), {});
        QVERIFY2(answer, why(answer).constData());
        QCOMPARE(answer->text, longText);
    }

    void cancel_data() { addApis(); }

    // Cancelled from another thread mid-stream: what had arrived, flagged, within 50 ms or so.
    void cancel()
    {
        QFETCH(ModelApi, api);
        FakeModelServer server;
        FakeModelServer::Script script;
        script.text = longText;
        script.pieces = 40;
        script.delay = std::chrono::milliseconds(50);
        server.setScript(script);
        CancelFlag cancel{false};
        QElapsedTimer clock;
        std::atomic<qint64> cancelledAt{0};
        QString received;
        std::thread canceller([&] {
            std::this_thread::sleep_for(std::chrono::milliseconds(400));
            cancelledAt = clock.elapsed();
            cancel = true;
        });
        clock.start();
        const auto answer = networkModelLibrary()
                                .open(endpointFor(server, api))
                                ->chat(
                                    requestFor(api, true), [&](QStringView piece) { received += piece; }, &cancel);
        const qint64 returnedAt = clock.elapsed();
        canceller.join();
        QVERIFY2(answer, why(answer).constData());
        QVERIFY(answer->cancelled);
        QCOMPARE(answer->finishReason, u"cancelled"_s);
        QCOMPARE(answer->text, received);
        QVERIFY(!received.isEmpty());
        QVERIFY(received.size() < longText.size());
        QVERIFY(longText.startsWith(received));
        QVERIFY2(returnedAt - cancelledAt < 250, QByteArray::number(returnedAt - cancelledAt).constData());
    }

    void hostile_data()
    {
        QTest::addColumn<ModelApi>("api");
        QTest::addColumn<bool>("stream");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QString>("message");
        const QByteArray huge(17 * 1024 * 1024, 'x');
        QTest::newRow("openai huge line")
            << ModelApi::OpenAi << true << "data: " + huge << u"a line of the event stream is longer than 16 MiB"_s;
        QTest::newRow("ollama huge line")
            << ModelApi::Ollama << true << huge << u"a line of the answer is longer than 16 MiB"_s;
        QByteArray endless;
        for (const QByteArray comment = ": " + QByteArray(1024 * 1024, 'c') + '\n';
             endless.size() <= 64 * 1024 * 1024;) {
            endless += comment;
        }
        QTest::newRow("openai endless answer")
            << ModelApi::OpenAi << true << endless << u"the answer is larger than 64 MiB"_s;
        QTest::newRow("anthropic invalid event")
            << ModelApi::Anthropic << true << QByteArray("event: message_start\ndata: {\"type\": nope}\n\n")
            << u"event 1 of the answer is not valid JSON (illegal value at byte 11)"_s;
        QTest::newRow("gemini invalid event")
            << ModelApi::Gemini << true
            << QByteArray("data: {\"candidates\": [{\"content\": {\"parts\": [{\"text\": \"a\"}]}}]}\r\n\r\ndata: "
                          "{\"candid\r\n\r\n")
            << u"event 2 of the answer is not valid JSON (unterminated string at byte 9)"_s;
        QTest::newRow("ollama invalid line")
            << ModelApi::Ollama << true << QByteArray("{\"message\": {\"content\": \"a\"}}\n[1,\n")
            << u"line 2 of the answer is not valid JSON (unterminated array at byte 3)"_s;
        QTest::newRow("openai whole not json") << ModelApi::OpenAi << false << QByteArray("<html>Bad gateway</html>")
                                               << u"the answer is not valid JSON (illegal value at byte 1)"_s;
        QTest::newRow("openai error event")
            << ModelApi::OpenAi << true
            << QByteArray("data: {\"error\": {\"message\": \"context length exceeded\"}}\n\n")
            << u"the server reported an error: context length exceeded"_s;
    }

    void hostile()
    {
        QFETCH(ModelApi, api);
        QFETCH(bool, stream);
        QFETCH(QByteArray, body);
        QFETCH(QString, message);
        FakeModelServer server;
        FakeModelServer::Script script;
        script.rawBody = body;
        server.setScript(script);
        const auto answer = networkModelLibrary().open(endpointFor(server, api))->chat(requestFor(api, stream), {});
        QVERIFY(!answer);
        QCOMPARE(answer.error().message, u"testprov: "_s + message);
        QCOMPARE(server.chatRequests(), 1);
    }

    // HTTPS through Qt's TLS backend: a server whose certificate is not trusted is refused with a message saying
    // so; once trusted, the answer streams as over HTTP.
    void https()
    {
        QTemporaryDir folder;
        QVERIFY(folder.isValid());
        const QString keyFile = folder.filePath(u"key.pem"_s);
        const QString certificateFile = folder.filePath(u"certificate.pem"_s);
        QProcess openssl;
        openssl.start(u"openssl"_s, {u"req"_s, u"-x509"_s, u"-newkey"_s, u"rsa:2048"_s, u"-nodes"_s, u"-days"_s, u"2"_s,
                                     u"-subj"_s, u"/CN=127.0.0.1"_s, u"-addext"_s, u"subjectAltName=IP:127.0.0.1"_s,
                                     u"-keyout"_s, keyFile, u"-out"_s, certificateFile});
        if (!openssl.waitForFinished(60000) || openssl.exitCode() != 0) {
            QSKIP("openssl cannot make a certificate here");
        }
        QFile keyText(keyFile);
        QVERIFY(keyText.open(QIODevice::ReadOnly));
        const QList<QSslCertificate> certificates = QSslCertificate::fromPath(certificateFile);
        QCOMPARE(certificates.size(), 1);
        QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
        tls.setLocalCertificate(certificates.constFirst());
        tls.setPrivateKey(QSslKey(&keyText, QSsl::Rsa));
        FakeModelServer server(tls);
        FakeModelServer::Script script;
        script.text = longText;
        script.pieces = 4;
        server.setScript(script);

        const auto untrusted = networkModelLibrary()
                                   .open(endpointFor(server, ModelApi::OpenAi))
                                   ->chat(requestFor(ModelApi::OpenAi, true), {});
        QVERIFY(!untrusted);
        QVERIFY2(untrusted.error().message.startsWith(
                     u"testprov: the TLS connection to https://127.0.0.1:%1/v1 failed: "_s.arg(server.port())),
                 why(untrusted).constData());

        const QSslConfiguration before = QSslConfiguration::defaultConfiguration();
        QSslConfiguration trusting = before;
        trusting.addCaCertificates(certificates);
        QSslConfiguration::setDefaultConfiguration(trusting);
        QString received;
        const auto answer =
            networkModelLibrary()
                .open(endpointFor(server, ModelApi::OpenAi))
                ->chat(requestFor(ModelApi::OpenAi, true), [&](QStringView piece) { received += piece; });
        QSslConfiguration::setDefaultConfiguration(before);
        QVERIFY2(answer, why(answer).constData());
        QCOMPARE(received, longText);
        QCOMPARE(server.requests().constLast().headers.value("authorization"), "Bearer " + apiKey);
    }

    // The chasm-llm module as the program loads it (this test sits beside the program in the build tree).
    void module()
    {
        const auto library = cli::modelLibrary();
        QVERIFY2(library, why(library).constData());
        QVERIFY(*library != &networkModelLibrary());
        FakeModelServer server;
        const auto client = (*library)->open(endpointFor(server, ModelApi::Anthropic));
        QString received;
        const auto answer =
            client->chat(requestFor(ModelApi::Anthropic, true), [&](QStringView piece) { received += piece; });
        QVERIFY2(answer, why(answer).constData());
        QCOMPARE(received, FakeModelServer::Script().text);
        QCOMPARE(server.requests().constFirst().headers.value("x-api-key"), apiKey);
        const auto models = client->models();
        QVERIFY2(models, why(models).constData());
        QCOMPARE(*models, (QStringList{u"model-a"_s, u"model-b"_s}));
    }
};

QTEST_GUILESS_MAIN(TestModelClients)
#include "TestModelClients.moc"
