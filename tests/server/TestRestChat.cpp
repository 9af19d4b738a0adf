// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

// POST /api/v1/chat/completions and GET /api/v1/providers/{id}/models of the real `chasm api serve`, against a
// fake model server on 127.0.0.1, the provider's key in a real Secret Service (tests/with-keyring starts this test):
// answers whole and streamed, recorded as chats of provider `chasm`, a conversation going on in its recorded
// session, a client that goes away mid-stream, and the errors a client gets.

#include "ChasmProcess.h"
#include "FakeModelServer.h"
#include "FixtureHome.h"
#include "McpHttpProcess.h"
#include "llm/ModelProviders.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QStandardPaths>
#include <QTcpSocket>
#include <QTest>

#include <memory>

using namespace Qt::StringLiterals;

namespace {

using chasm::test::Ran;
using chasm::test::runChasm;
using chasm::test::withKeychain;

const QByteArray fakeKey = "sk-fake-rest-5a6b7c";

// One HTTP/1.1 exchange on a socket of its own, read as it comes (the chunks of a stream as they arrive).
class Exchange
{
public:
    bool send(quint16 port, const QByteArray& method, const QByteArray& path, const QByteArray& body = {})
    {
        m_socket.connectToHost(u"127.0.0.1"_s, port);
        if (!m_socket.waitForConnected(5000)) {
            return false;
        }
        QByteArray request = method + ' ' + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + QByteArray::number(port) +
                             "\r\nConnection: close\r\n";
        if (!body.isNull()) {
            request += "Content-Type: application/json\r\nContent-Length: " + QByteArray::number(body.size()) + "\r\n";
        }
        m_socket.write(request + "\r\n" + body);
        return m_socket.waitForBytesWritten(5000);
    }
    // Reads until `enough` holds for the body decoded so far, or the connection closed, or `timeoutMs` passed.
    bool readUntil(const std::function<bool(const QByteArray&)>& enough, int timeoutMs = 30000)
    {
        QElapsedTimer timer;
        timer.start();
        while (timer.elapsed() < timeoutMs) {
            decode();
            if (m_headersDone && enough(m_body)) {
                return true;
            }
            if (m_socket.state() != QAbstractSocket::ConnectedState && m_socket.bytesAvailable() == 0) {
                decode();
                return m_headersDone && enough(m_body);
            }
            m_socket.waitForReadyRead(50);
        }
        return false;
    }
    bool readAll(int timeoutMs = 30000)
    {
        return readUntil([this](const QByteArray&) { return m_ended; }, timeoutMs);
    }
    void abort() { m_socket.abort(); }

    int status() const { return m_status; }
    QByteArray header(const QByteArray& name) const { return m_headers.value(name.toLower()); }
    const QByteArray& body() const { return m_body; }
    QJsonObject json() const { return QJsonDocument::fromJson(m_body).object(); }
    // The data of each Server-Sent Event so far.
    QList<QByteArray> events() const
    {
        QList<QByteArray> events;
        for (const QByteArray& block : m_body.split('\n')) {
            if (block.startsWith("data: ")) {
                events << block.mid(6);
            }
        }
        return events;
    }

private:
    void decode()
    {
        m_raw += m_socket.readAll();
        if (!m_headersDone) {
            const qsizetype end = m_raw.indexOf("\r\n\r\n");
            if (end < 0) {
                return;
            }
            const QList<QByteArray> lines = m_raw.left(end).split('\n');
            m_status = lines.constFirst().split(' ').value(1).toInt();
            for (const QByteArray& line : lines.mid(1)) {
                const qsizetype colon = line.indexOf(':');
                m_headers.insert(line.left(colon).trimmed().toLower(), line.mid(colon + 1).trimmed());
            }
            m_raw.remove(0, end + 4);
            m_headersDone = true;
            m_chunked = m_headers.value("transfer-encoding") == "chunked";
        }
        if (!m_chunked) {
            m_body += std::exchange(m_raw, {});
            m_ended = m_body.size() >= m_headers.value("content-length").toLongLong();
            return;
        }
        while (!m_ended) {
            const qsizetype line = m_raw.indexOf("\r\n");
            if (line < 0) {
                return;
            }
            const qsizetype size = m_raw.left(line).toLongLong(nullptr, 16);
            if (m_raw.size() < line + 2 + size + 2) {
                return;
            }
            m_body += m_raw.mid(line + 2, size);
            m_raw.remove(0, line + 2 + size + 2);
            m_ended = size == 0;
        }
    }

    QTcpSocket m_socket;
    QByteArray m_raw;
    QByteArray m_body;
    QHash<QByteArray, QByteArray> m_headers;
    int m_status = 0;
    bool m_headersDone = false;
    bool m_chunked = false;
    bool m_ended = false;
};

QByteArray chatBody(const QJsonArray& messages, bool stream, const QString& model = u"fake/model-a"_s)
{
    return QJsonDocument(QJsonObject{{u"model"_s, model}, {u"messages"_s, messages}, {u"stream"_s, stream}})
        .toJson(QJsonDocument::Compact);
}

chasm::test::FakeModelServer::Script answering(const QString& text, int pieces = 1,
                                               std::chrono::milliseconds delay = std::chrono::milliseconds(0))
{
    chasm::test::FakeModelServer::Script script;
    script.text = text;
    script.pieces = pieces;
    script.delay = delay;
    return script;
}

QJsonObject message(const QString& role, const QString& content)
{
    return {{u"role"_s, role}, {u"content"_s, content}};
}

} // namespace

class TestRestChat : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void wholeAnswer_isOpenAisShapeAndRecorded();
    void conversationSentAgain_goesOnInItsRecordedSession();
    void streamedAnswer_comesAsEventsAndIsRecorded();
    void clientGoneMidStream_stopsTheAnswerAndRecordsIt();
    void models_areListedAsChatTakesThem();
    void errors_sayWhatIsWrong();
    void everyPlaceTaken_healthIsStillAnswered();

private:
    QJsonObject shownSession(const QString& id);
    // The model server's last chat request.
    QJsonObject lastChatRequest() const;
    std::unique_ptr<chasm::test::FixtureHome> m_home;
    std::unique_ptr<chasm::test::FakeModelServer> m_models;
    std::unique_ptr<chasm::test::McpHttpProcess> m_server;
};

void TestRestChat::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY2(!qEnvironmentVariableIsEmpty("DBUS_SESSION_BUS_ADDRESS"),
             "this test needs a Secret Service of its own: run it through tests/with-keyring (as CTest does)");
    m_home = std::make_unique<chasm::test::FixtureHome>(u"claude-code"_s);
    QVERIFY(m_home->isValid());
    m_models = std::make_unique<chasm::test::FakeModelServer>();

    // A provider of the test's own at the fake server, its key given on stdin into the keychain.
    QProcess config;
    chasm::test::startChasm(config, m_home->path(),
                            {u"provider"_s, u"config"_s, u"fake"_s, u"--endpoint"_s,
                             m_models->baseUrl(chasm::ModelApi::OpenAi).toString(), u"--api-key"_s, u"-"_s},
                            withKeychain());
    QVERIFY(config.waitForStarted());
    config.write(fakeKey + '\n');
    config.closeWriteChannel();
    QVERIFY(config.waitForFinished(30000));
    QVERIFY2(config.exitCode() == 0, config.readAllStandardError().constData());
    // One that nothing answers at.
    const Ran down =
        runChasm(m_home->path(), {u"provider"_s, u"config"_s, u"down"_s, u"--endpoint"_s, u"http://127.0.0.1:9/v1"_s},
                 withKeychain());
    QVERIFY2(down.exitCode == 0, down.describe().constData());
    const Ran harvest = runChasm(m_home->path(), {u"harvest"_s, u"run"_s});
    QVERIFY2(harvest.exitCode == 0, harvest.describe().constData());

    m_server = std::make_unique<chasm::test::McpHttpProcess>();
    QVERIFY2(m_server->startWith(m_home->path(), {u"api"_s, u"serve"_s, u"--port"_s, u"0"_s, u"--no-auth"_s},
                                 withKeychain()),
             m_server->err().constData());
}

QJsonObject TestRestChat::shownSession(const QString& id)
{
    const Ran shown = runChasm(m_home->path(), {u"show"_s, u"session"_s, id, u"--json"_s});
    if (shown.exitCode != 0) {
        qWarning() << shown.describe();
    }
    return QJsonDocument::fromJson(shown.out).object();
}

QJsonObject TestRestChat::lastChatRequest() const
{
    const auto requests = m_models->requests();
    for (auto it = requests.crbegin(); it != requests.crend(); ++it) {
        if (it->target.contains("/chat/completions")) {
            return it->json;
        }
    }
    return {};
}

void TestRestChat::wholeAnswer_isOpenAisShapeAndRecorded()
{
    m_models->setScript(answering(u"Paris, since 508."_s));
    Exchange exchange;
    QVERIFY(exchange.send(m_server->port(), "POST", "/api/v1/chat/completions",
                          chatBody({message(u"system"_s, u"Answer in one line."_s),
                                    message(u"user"_s, u"What is the capital of France?"_s)},
                                   false)));
    QVERIFY(exchange.readAll());
    QCOMPARE(exchange.status(), 200);
    const QJsonObject answer = exchange.json();
    QCOMPARE(answer[u"object"_s].toString(), u"chat.completion"_s);
    QCOMPARE(answer[u"model"_s].toString(), u"fake/model-a"_s);
    const QJsonObject choice = answer[u"choices"_s].toArray().first().toObject();
    QCOMPARE(choice[u"message"_s][u"content"_s].toString(), u"Paris, since 508."_s);
    QCOMPARE(choice[u"finish_reason"_s].toString(), u"stop"_s);
    QCOMPARE(answer[u"usage"_s][u"total_tokens"_s].toInt(), 17);
    const QString id = answer[u"chasm_session_id"_s].toString();
    QVERIFY2(id.startsWith(u"chasm:"_s), qPrintable(id));
    QCOMPARE(exchange.header("X-Chasm-Session"), id.toUtf8());

    // The model server got the key from the keychain, the model, the system prompt and the question.
    const auto requests = m_models->requests();
    QCOMPARE(requests.constLast().headers.value("authorization"), "Bearer " + fakeKey);
    const QJsonObject sent = lastChatRequest();
    QCOMPARE(sent[u"model"_s].toString(), u"model-a"_s);
    const QJsonArray sentMessages = sent[u"messages"_s].toArray();
    QCOMPARE(sentMessages.first()[u"content"_s].toString(), u"Answer in one line."_s);
    QCOMPARE(sentMessages.last()[u"content"_s].toString(), u"What is the capital of France?"_s);
    QVERIFY2(!m_server->err().contains(fakeKey), m_server->err().constData());

    // Recorded as `chasm run` records a chat: the question and the whole answer, complete.
    const QJsonObject session = shownSession(id);
    QCOMPARE(session[u"provider"_s].toString(), u"chasm"_s);
    const QJsonArray messages = session[u"messages"_s].toArray();
    QCOMPARE(messages.size(), 2);
    QCOMPARE(messages[0][u"content"_s].toString(), u"What is the capital of France?"_s);
    QCOMPARE(messages[1][u"content"_s].toString(), u"Paris, since 508."_s);
    QCOMPARE(messages[1][u"status"_s].toString(), u"complete"_s);
}

void TestRestChat::conversationSentAgain_goesOnInItsRecordedSession()
{
    m_models->setScript(answering(u"Blue."_s));
    const QJsonArray first{message(u"user"_s, u"Sky colour?"_s)};
    Exchange one;
    QVERIFY(one.send(m_server->port(), "POST", "/api/v1/chat/completions", chatBody(first, false)));
    QVERIFY(one.readAll());
    QCOMPARE(one.status(), 200);
    const QString id = one.json()[u"chasm_session_id"_s].toString();

    // The client sends the conversation again with its next prompt, as OpenAI's clients do.
    m_models->setScript(answering(u"Green, mostly."_s));
    Exchange two;
    QVERIFY(two.send(m_server->port(), "POST", "/api/chat/completions",
                     chatBody({message(u"user"_s, u"Sky colour?"_s), message(u"assistant"_s, u"Blue."_s),
                               message(u"user"_s, u"And grass?"_s)},
                              false)));
    QVERIFY(two.readAll());
    QCOMPARE(two.status(), 200);
    QCOMPARE(two.json()[u"chasm_session_id"_s].toString(), id);
    // The model got the whole conversation.
    QCOMPARE(lastChatRequest()[u"messages"_s].toArray().size(), 3);

    const QJsonArray messages = shownSession(id)[u"messages"_s].toArray();
    QStringList contents;
    for (const QJsonValue& recorded : messages) {
        contents << recorded[u"content"_s].toString();
    }
    QCOMPARE(contents, (QStringList{u"Sky colour?"_s, u"Blue."_s, u"And grass?"_s, u"Green, mostly."_s}));

    // Another conversation (a different first prompt) is a session of its own.
    Exchange other;
    QVERIFY(other.send(m_server->port(), "POST", "/api/v1/chat/completions",
                       chatBody({message(u"user"_s, u"Sea colour?"_s), message(u"assistant"_s, u"Blue."_s),
                                 message(u"user"_s, u"And grass?"_s)},
                                false)));
    QVERIFY(other.readAll());
    const QString otherId = other.json()[u"chasm_session_id"_s].toString();
    QVERIFY(!otherId.isEmpty());
    QVERIFY(otherId != id);
    QCOMPARE(shownSession(otherId)[u"messages"_s].toArray().size(), 4);
}

void TestRestChat::streamedAnswer_comesAsEventsAndIsRecorded()
{
    m_models->setScript(answering(u"one two three four five"_s, 5, std::chrono::milliseconds(30)));
    Exchange exchange;
    QVERIFY(exchange.send(m_server->port(), "POST", "/api/v1/chat/completions",
                          chatBody({message(u"user"_s, u"Count to five"_s)}, true)));
    QVERIFY2(exchange.readAll(), m_server->err().constData());
    QCOMPARE(exchange.status(), 200);
    QVERIFY2(exchange.header("Content-Type").startsWith("text/event-stream"), exchange.header("Content-Type"));
    const QList<QByteArray> events = exchange.events();
    QVERIFY2(events.size() >= 7, exchange.body().constData()); // the role, five pieces, the end, [DONE]
    QCOMPARE(events.constLast(), QByteArray("[DONE]"));
    QString text;
    QString finish;
    QString id;
    for (const QByteArray& event : events.mid(0, events.size() - 1)) {
        const QJsonObject chunk = QJsonDocument::fromJson(event).object();
        QCOMPARE(chunk[u"object"_s].toString(), u"chat.completion.chunk"_s);
        const QJsonObject choice = chunk[u"choices"_s].toArray().first().toObject();
        text += choice[u"delta"_s][u"content"_s].toString();
        if (!choice[u"finish_reason"_s].isNull()) {
            finish = choice[u"finish_reason"_s].toString();
        }
        id = chunk[u"chasm_session_id"_s].toString();
    }
    QCOMPARE(text, u"one two three four five"_s);
    QCOMPARE(finish, u"stop"_s);
    QCOMPARE(lastChatRequest()[u"stream"_s].toBool(), true);

    const QJsonArray messages = shownSession(id)[u"messages"_s].toArray();
    QCOMPARE(messages.size(), 2);
    QCOMPARE(messages[1][u"content"_s].toString(), text);
    QCOMPARE(messages[1][u"status"_s].toString(), u"complete"_s);
}

void TestRestChat::clientGoneMidStream_stopsTheAnswerAndRecordsIt()
{
    QStringList words;
    for (int i = 1; i <= 60; ++i) {
        words << u"w%1"_s.arg(i);
    }
    m_models->setScript(answering(words.join(u' '), 60, std::chrono::milliseconds(100)));
    Exchange exchange;
    QVERIFY(exchange.send(m_server->port(), "POST", "/api/v1/chat/completions",
                          chatBody({message(u"user"_s, u"Say sixty words slowly"_s)}, true)));
    // The first pieces arrive; then the client goes away.
    QVERIFY(exchange.readUntil([](const QByteArray& body) { return body.contains("w3"); }));
    const QString id =
        QJsonDocument::fromJson(exchange.events().constFirst()).object()[u"chasm_session_id"_s].toString();
    QVERIFY(!id.isEmpty());
    exchange.abort();

    // The answer stops well before its six seconds and is recorded as far as it came, cancelled.
    QJsonObject answer;
    QElapsedTimer waited;
    waited.start();
    while (waited.elapsed() < 4000) {
        const QJsonArray messages = shownSession(id)[u"messages"_s].toArray();
        if (messages.size() == 2 && messages[1][u"status"_s].toString() != u"interrupted"_s) {
            answer = messages[1].toObject();
            break;
        }
        QTest::qWait(100);
    }
    QCOMPARE(answer[u"status"_s].toString(), u"cancelled"_s);
    const QString partial = answer[u"content"_s].toString();
    QVERIFY2(partial.startsWith(u"w1 w2 w3"_s), qPrintable(partial));
    QVERIFY2(!partial.contains(u"w60"_s), qPrintable(partial));
}

void TestRestChat::models_areListedAsChatTakesThem()
{
    Exchange exchange;
    QVERIFY(exchange.send(m_server->port(), "GET", "/api/v1/providers/fake/models"));
    QVERIFY(exchange.readAll());
    QCOMPARE(exchange.status(), 200);
    const QJsonObject list = exchange.json();
    QCOMPARE(list[u"provider"_s].toString(), u"fake"_s);
    QStringList ids;
    for (const QJsonValue& model : list[u"data"_s].toArray()) {
        ids << model[u"id"_s].toString();
    }
    QCOMPARE(ids, (QStringList{u"fake/model-a"_s, u"fake/model-b"_s}));
}

void TestRestChat::errors_sayWhatIsWrong()
{
    struct Case
    {
        QByteArray method;
        QByteArray path;
        QByteArray body;
        int status;
        QByteArray words;
    };
    const QList<Case> cases = {
        {"POST", "/api/v1/chat/completions", "not json", 400, "not a JSON object"},
        {"POST", "/api/v1/chat/completions", chatBody({}, false), 400, "\\\"messages\\\" is a non-empty array"},
        {"POST", "/api/v1/chat/completions", chatBody({message(u"assistant"_s, u"hi"_s)}, false), 400,
         "the last message is the user's"},
        {"POST", "/api/v1/chat/completions", chatBody({message(u"tool"_s, u"42"_s)}, false), 400,
         "tools are not run here"},
        {"POST", "/api/v1/chat/completions", chatBody({message(u"user"_s, u"hi"_s)}, false, u"nosuch/m"_s), 404,
         "nosuch"},
        {"POST", "/api/v1/chat/completions", chatBody({message(u"user"_s, u"hi"_s)}, false, u"down/m"_s), 502,
         "no server answers at"},
        {"GET", "/api/v1/chat/completions", {}, 405, "not served"},
        {"GET", "/api/v1/providers/nosuch/models", {}, 404, "nosuch"},
    };
    for (const Case& c : cases) {
        Exchange exchange;
        QVERIFY(exchange.send(m_server->port(), c.method, c.path, c.body));
        QVERIFY(exchange.readAll());
        QVERIFY2(exchange.status() == c.status,
                 QByteArray(c.path + ' ' + c.body + " -> " + exchange.body()).constData());
        QVERIFY2(exchange.body().contains(c.words), QByteArray(c.body + " -> " + exchange.body()).constData());
        QVERIFY2(exchange.json()[u"error"_s][u"code"_s].isString(), exchange.body().constData());
    }
}

void TestRestChat::everyPlaceTaken_healthIsStillAnswered()
{
    // One request at a time, and that place held by a chat whose model answers slowly (twenty pieces, 100 ms apart).
    chasm::test::McpHttpProcess server;
    QVERIFY2(server.startWith(m_home->path(),
                              {u"api"_s, u"serve"_s, u"--port"_s, u"0"_s, u"--no-auth"_s, u"--max-in-flight"_s, u"1"_s},
                              withKeychain()),
             server.err().constData());
    QStringList words;
    for (int i = 1; i <= 20; ++i) {
        words << u"s%1"_s.arg(i);
    }
    m_models->setScript(answering(words.join(u' '), 20, std::chrono::milliseconds(100)));
    const int before = m_models->chatRequests();
    Exchange chat;
    QVERIFY(chat.send(server.port(), "POST", "/api/v1/chat/completions",
                      chatBody({message(u"user"_s, u"Twenty words, slowly"_s)}, false)));
    QTRY_COMPARE_WITH_TIMEOUT(m_models->chatRequests(), before + 1, 10000);

    // While the model writes, any other request is told to come back; the health check is answered.
    const auto ask = [&server](const QByteArray& path) {
        Exchange exchange;
        return exchange.send(server.port(), "GET", path) && exchange.readAll(5000) ? exchange.status() : 0;
    };
    QCOMPARE(ask("/api/v1/stats/overview"), 429);
    QCOMPARE(ask("/api/v1/health"), 200);
    QCOMPARE(ask("/api/health"), 200);
    QCOMPARE(ask("/api/v1/stats/overview"), 429);

    QVERIFY(chat.readAll());
    QCOMPARE(chat.status(), 200);
    const QString answer = chat.json()[u"choices"_s][0][u"message"_s][u"content"_s].toString();
    QVERIFY2(answer.endsWith(u"s20"_s), qPrintable(answer));
    QCOMPARE(ask("/api/v1/stats/overview"), 200);
}

QTEST_GUILESS_MAIN(TestRestChat)
#include "TestRestChat.moc"
