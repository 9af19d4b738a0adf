// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

// chasm provider (the model providers, their keys in a real Secret Service: tests/with-keyring starts this test) and
// chasm run PROVIDER, as real child processes against a fake model server on 127.0.0.1.

#include "ChasmProcess.h"
#include "FakeModelServer.h"
#include "FixtureHome.h"
#include "llm/ModelProviders.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMap>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTest>

#include <QElapsedTimer>

#include <algorithm>
#include <memory>

#include <csignal>
#include <sys/wait.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace {

using chasm::test::Ran;
using chasm::test::runChasm;
using chasm::test::withKeychain;

// `chasm ARGS…` with `input` on its standard input.
Ran runWithInput(const QString& home, const QStringList& args, const QByteArray& input,
                 const QProcessEnvironment& environment)
{
    QProcess process;
    chasm::test::startChasm(process, home, args, environment);
    Ran ran;
    ran.started = process.waitForStarted();
    process.write(input);
    process.closeWriteChannel();
    ran.finished = process.waitForFinished(30000);
    if (!ran.finished) {
        process.kill();
        process.waitForFinished();
    }
    ran.exitCode = process.exitCode();
    ran.crashed = process.exitStatus() == QProcess::CrashExit;
    ran.out = process.readAllStandardOutput();
    ran.err = process.readAllStandardError();
    return ran;
}

QJsonObject jsonObject(const Ran& ran)
{
    return QJsonDocument::fromJson(ran.out).object();
}

// The id a chat was recorded under, from what `chasm run` said on stderr ("recorded as chasm:…").
QString recordedId(const QByteArray& err)
{
    const qsizetype at = err.indexOf("recorded as chasm:");
    if (at < 0) {
        return {};
    }
    const QByteArray rest = err.mid(at + qsizetype(strlen("recorded as ")));
    return QString::fromUtf8(rest.left(rest.indexOf('\n')).trimmed()).section(u' ', 0, 0).remove(u'.');
}

// A recorded chat as `chasm show session ID --json` prints it.
QJsonObject shownSession(const QString& home, const QString& id)
{
    const Ran shown = runChasm(home, {u"show"_s, u"session"_s, id, u"--json"_s});
    if (shown.exitCode != 0) {
        qWarning() << shown.describe();
    }
    return QJsonDocument::fromJson(shown.out).object();
}

// `chasm ARGS…` on a pseudo-terminal, as a person at a terminal runs it.
class Terminal
{
public:
    bool start(const QStringList& args, const QProcessEnvironment& environment, const QString& home)
    {
        QList<QByteArray> env;
        const QProcessEnvironment all = chasm::test::homeEnvironment(home, environment);
        for (const QString& key : all.keys()) {
            env << (key + u'=' + all.value(key)).toUtf8();
        }
        env << QByteArrayLiteral("TERM=dumb");
        m_pid = chasm::test::startChasmOnTerminal(home, args, env, 0, m_fd);
        return m_pid > 0;
    }
    ~Terminal()
    {
        if (m_pid > 0 && !m_exited) {
            kill(m_pid, SIGKILL);
            waitpid(m_pid, nullptr, 0);
        }
        if (m_fd >= 0) {
            close(m_fd);
        }
    }
    void type(const QByteArray& keys) { QCOMPARE_GE(write(m_fd, keys.constData(), size_t(keys.size())), 0); }
    // Reads until what was shown holds `text` (true) or `timeoutMs` passed.
    bool waitFor(const QByteArray& text, int timeoutMs = 15000)
    {
        QElapsedTimer timer;
        timer.start();
        while (!m_shown.contains(text) && timer.elapsed() < timeoutMs) {
            fd_set read;
            FD_ZERO(&read);
            FD_SET(m_fd, &read);
            timeval wait{0, 50000};
            if (select(m_fd + 1, &read, nullptr, nullptr, &wait) > 0) {
                char buffer[4096];
                const ssize_t n = ::read(m_fd, buffer, sizeof buffer);
                if (n <= 0) {
                    break;
                }
                m_shown.append(buffer, n);
            }
        }
        return m_shown.contains(text);
    }
    // The exit status, once it ended within `timeoutMs` (-1 otherwise).
    int exitCode(int timeoutMs = 15000)
    {
        QElapsedTimer timer;
        timer.start();
        while (timer.elapsed() < timeoutMs) {
            waitFor("\x01never\x01", 50);
            int status = 0;
            if (waitpid(m_pid, &status, WNOHANG) == m_pid) {
                m_exited = true;
                return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
            }
        }
        return -1;
    }
    const QByteArray& shown() const { return m_shown; }

private:
    pid_t m_pid = -1;
    int m_fd = -1;
    bool m_exited = false;
    QByteArray m_shown;
};

} // namespace

class TestChat : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void providerKey_goesToTheKeychainOnly();
    void providerKey_fallsBackToTheEnvironment();
    void providerOfOnesOwn_needsAnEndpoint();
    void withoutKeychain_theKeyIsRefusedAndNothingChanges();
    void oneAnswer_isPrintedAndRecorded_withTheKeychainsKey();
    void recordedChat_isListedShownAndExportedWithTheToolsSessions();
    void promptOnStdin_isAnsweredOnce();
    void killedMidAnswer_leavesThePromptAndWhatArrived();
    void ctrlCMidAnswer_stopsItExits130AndKeepsWhatArrived();
    void continueClaudeCodeSession_sendsItsTurnsAsContext();
    void continueWithASmallWindow_leavesTheOldestOut();
    void terminal_chatsStopsAnAnswerAndKeepsGoing();
    void failures_sayWhatIsWrong();

private:
    // A provider of the test's own ("fake") at the fake server, speaking `api`, its key in the keychain.
    void configureFake(chasm::ModelApi api, const QString& name = u"fake"_s);
    // `chasm run fake -p "count to twelve"` answered a word every 150 ms, read until `until` was printed: what was.
    QByteArray countToTwelve(QProcess& process, const QByteArray& until);
    std::unique_ptr<chasm::test::FixtureHome> m_home;
    std::unique_ptr<chasm::test::FakeModelServer> m_server;
};

void TestChat::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY2(!qEnvironmentVariableIsEmpty("DBUS_SESSION_BUS_ADDRESS"),
             "this test needs a Secret Service of its own: run it through tests/with-keyring (as CTest does)");
    m_home = std::make_unique<chasm::test::FixtureHome>(u"claude-code"_s);
    QVERIFY(m_home->isValid());
    m_server = std::make_unique<chasm::test::FakeModelServer>();
}

const QByteArray fakeKey = "sk-fake-0b1c2d3e4f";

void TestChat::configureFake(chasm::ModelApi api, const QString& name)
{
    const QString apiName = chasm::modelApiName(api);
    const Ran config = runWithInput(m_home->path(),
                                    {u"provider"_s, u"config"_s, name, u"--endpoint"_s,
                                     m_server->baseUrl(api).toString(), u"--api"_s, apiName, u"--api-key"_s, u"-"_s},
                                    fakeKey + '\n', withKeychain());
    QVERIFY2(config.exitCode == 0, config.describe().constData());
}

void TestChat::providerKey_goesToTheKeychainOnly()
{
    const QByteArray key = "sk-test-7f3a9c1e5b2d4f6a8c0e";
    const Ran config = runWithInput(
        m_home->path(), {u"provider"_s, u"config"_s, u"openai"_s, u"--api-key"_s, u"-"_s, u"--model"_s, u"gpt-test"_s},
        key + '\n', withKeychain());
    QVERIFY2(config.exitCode == 0, config.describe().constData());
    QVERIFY2(config.out.contains("key kept in the system keychain"), config.out.constData());
    QVERIFY2(!config.err.contains("process list"), config.err.constData()); // read from stdin: no warning

    const Ran info = runChasm(m_home->path(), {u"provider"_s, u"info"_s, u"openai"_s, u"--json"_s}, withKeychain());
    QVERIFY2(info.exitCode == 0, info.describe().constData());
    QCOMPARE(jsonObject(info).value(u"key"_s).toString(), u"keychain"_s);
    QCOMPARE(jsonObject(info).value(u"model"_s).toString(), u"gpt-test"_s);
    // Nowhere in a file: not the settings, not a log, not a cache.
    QCOMPARE(chasm::test::filesHolding(m_home->path(), key), QStringList());
    QVERIFY(!chasm::test::filesHolding(m_home->path(), "gpt-test").isEmpty()); // the settings were written

    // The alias names the same provider; an empty key removes it.
    const Ran removed =
        runChasm(m_home->path(), {u"provider"_s, u"config"_s, u"chatgpt"_s, u"--api-key"_s, u""_s}, withKeychain());
    QVERIFY2(removed.exitCode == 0, removed.describe().constData());
    QVERIFY2(removed.out.contains("key removed"), removed.out.constData());
    const Ran after = runChasm(m_home->path(), {u"provider"_s, u"info"_s, u"openai"_s, u"--json"_s}, withKeychain());
    QCOMPARE(jsonObject(after).value(u"key"_s).toString(), u"missing"_s);
}

void TestChat::providerKey_fallsBackToTheEnvironment()
{
    QProcessEnvironment environment = withKeychain();
    environment.insert(u"ANTHROPIC_API_KEY"_s, u"sk-ant-from-environment"_s);
    const Ran info = runChasm(m_home->path(), {u"provider"_s, u"info"_s, u"anthropic"_s}, environment);
    QVERIFY2(info.exitCode == 0, info.describe().constData());
    QVERIFY2(info.out.contains("key:       from ANTHROPIC_API_KEY"), info.out.constData());
    QVERIFY2(!info.out.contains("sk-ant-from-environment"), info.out.constData());

    // The keychain's comes first.
    const Ran config =
        runWithInput(m_home->path(), {u"provider"_s, u"config"_s, u"anthropic"_s, u"--api-key"_s, u"-"_s},
                     "sk-ant-from-keychain\n", environment);
    QVERIFY2(config.exitCode == 0, config.describe().constData());
    const Ran list = runChasm(m_home->path(), {u"provider"_s, u"list"_s, u"--models"_s, u"--json"_s}, environment);
    QVERIFY2(list.exitCode == 0, list.describe().constData());
    bool seen = false;
    for (const QJsonValue& provider : QJsonDocument::fromJson(list.out).array()) {
        if (provider[u"name"_s].toString() == u"anthropic"_s) {
            QCOMPARE(provider[u"key"_s].toString(), u"keychain"_s);
            seen = true;
        }
    }
    QVERIFY(seen);
}

void TestChat::providerOfOnesOwn_needsAnEndpoint()
{
    const Ran bare = runChasm(m_home->path(), {u"provider"_s, u"config"_s, u"lab-box"_s}, withKeychain());
    QCOMPARE(bare.exitCode, 1);
    QVERIFY2(bare.err.contains("give its --endpoint"), bare.err.constData());

    const Ran bad =
        runChasm(m_home->path(), {u"provider"_s, u"config"_s, u"lab-box"_s, u"--endpoint"_s, u"ftp://lab-box/v1"_s},
                 withKeychain());
    QCOMPARE(bad.exitCode, 1);
    QVERIFY2(bad.err.contains("not an http:// or https:// address"), bad.err.constData());

    const Ran made = runChasm(m_home->path(),
                              {u"provider"_s, u"config"_s, u"lab-box"_s, u"--endpoint"_s, u"http://127.0.0.1:9/api"_s,
                               u"--api"_s, u"ollama"_s, u"--model"_s, u"qwen3"_s},
                              withKeychain());
    QVERIFY2(made.exitCode == 0, made.describe().constData());
    const Ran info = runChasm(m_home->path(), {u"provider"_s, u"info"_s, u"lab-box"_s, u"--json"_s}, withKeychain());
    QVERIFY2(info.exitCode == 0, info.describe().constData());
    const QJsonObject provider = jsonObject(info);
    QCOMPARE(provider[u"api"_s].toString(), u"ollama"_s);
    QCOMPARE(provider[u"endpoint"_s].toString(), u"http://127.0.0.1:9/api"_s);
    QCOMPARE(provider[u"known"_s].toBool(), false);

    // A known provider's protocol is its own.
    const Ran api =
        runChasm(m_home->path(), {u"provider"_s, u"config"_s, u"groq"_s, u"--api"_s, u"anthropic"_s}, withKeychain());
    QCOMPARE(api.exitCode, 1);
    QVERIFY2(api.err.contains("--api is for providers of your own"), api.err.constData());
}

void TestChat::withoutKeychain_theKeyIsRefusedAndNothingChanges()
{
    QProcessEnvironment noBus;
    noBus.insert(u"DBUS_SESSION_BUS_ADDRESS"_s, u"unix:path=%1/no-such-bus"_s.arg(m_home->path()));
    const QMap<QString, QByteArray> before = chasm::test::fileTree(m_home->path());
    const Ran config = runWithInput(
        m_home->path(),
        {u"provider"_s, u"config"_s, u"mistral"_s, u"--api-key"_s, u"-"_s, u"--model"_s, u"mistral-large"_s},
        "sk-mistral-never-kept\n", noBus);
    QCOMPARE(config.exitCode, 1);
    QVERIFY2(config.err.contains("system keychain is unavailable"), config.err.constData());
    QCOMPARE(chasm::test::filesHolding(m_home->path(), "sk-mistral-never-kept"), QStringList());
    QCOMPARE(chasm::test::fileTree(m_home->path()).keys(), before.keys());
}

void TestChat::oneAnswer_isPrintedAndRecorded_withTheKeychainsKey()
{
    for (const chasm::ModelApi api :
         {chasm::ModelApi::OpenAi, chasm::ModelApi::Ollama, chasm::ModelApi::Anthropic, chasm::ModelApi::Gemini}) {
        configureFake(api);
        chasm::test::FakeModelServer::Script script;
        script.text = u"Four, as it was last week."_s;
        script.pieces = 5;
        m_server->setScript(script);
        const qsizetype before = m_server->requests().size();
        const Ran ran = runChasm(
            m_home->path(),
            {u"run"_s, u"fake"_s, u"-m"_s, u"model-a"_s, u"--system"_s, u"Be brief."_s, u"-p"_s, u"What is 2 + 2?"_s},
            withKeychain());
        QVERIFY2(ran.exitCode == 0, ran.describe().constData());
        // Only the answer on stdout: a script takes it as it is.
        QCOMPARE(ran.out, QByteArray("Four, as it was last week.\n"));
        const QList<chasm::test::FakeModelServer::Request> requests = m_server->requests().mid(before);
        QCOMPARE(requests.size(), 1);
        const QByteArray sent = requests.first().body;
        QVERIFY2(sent.contains("What is 2 + 2?") && sent.contains("Be brief."), sent.constData());
        const auto& headers = requests.first().headers;
        const bool keySent = headers.value("authorization") == "Bearer " + fakeKey ||
                             headers.value("x-api-key") == fakeKey || headers.value("x-goog-api-key") == fakeKey;
        QVERIFY2(keySent || api == chasm::ModelApi::Ollama, requests.first().target.constData());

        const QString id = recordedId(ran.err);
        QVERIFY2(id.startsWith(u"chasm:"_s), ran.err.constData());
        const QJsonObject session = shownSession(m_home->path(), id);
        QCOMPARE(session[u"provider"_s].toString(), u"chasm"_s);
        const QJsonArray messages = session[u"messages"_s].toArray();
        QCOMPARE(messages.size(), 2);
        QCOMPARE(messages[0][u"role"_s].toString(), u"user"_s);
        QCOMPARE(messages[0][u"content"_s].toString(), u"What is 2 + 2?"_s);
        QCOMPARE(messages[1][u"content"_s].toString(), u"Four, as it was last week."_s);
        QCOMPARE(messages[1][u"status"_s].toString(), u"complete"_s);
        QCOMPARE(messages[1][u"model"_s].toString(), u"model-a"_s);
    }
    // Searchable with every other session.
    const Ran found = runChasm(m_home->path(), {u"harvest"_s, u"search"_s, u"\"last week\""_s, u"--json"_s});
    QVERIFY2(found.exitCode == 0 && found.out.contains("chasm:"), found.describe().constData());
}

void TestChat::recordedChat_isListedShownAndExportedWithTheToolsSessions()
{
    configureFake(chasm::ModelApi::OpenAi);
    chasm::test::FakeModelServer::Script script;
    script.text = u"Teal, like the sea at dusk."_s;
    m_server->setScript(script);
    const Ran ran = runChasm(m_home->path(), {u"run"_s, u"fake"_s, u"-m"_s, u"model-a"_s, u"-p"_s, u"Name a colour"_s},
                             withKeychain());
    QVERIFY2(ran.exitCode == 0, ran.describe().constData());
    const QString id = recordedId(ran.err);

    // Among every tool's sessions, and on its own with --provider chasm.
    const auto listed = [this](const QStringList& extra) {
        const Ran list = runChasm(m_home->path(), QStringList{u"list"_s, u"sessions"_s, u"--json"_s} + extra);
        QMap<QString, QString> providers;
        for (const QJsonValue& session : QJsonDocument::fromJson(list.out).array()) {
            providers.insert(session[u"id"_s].toString(), session[u"provider"_s].toString());
        }
        return providers;
    };
    const auto all = listed({});
    QCOMPARE(all.value(id), u"chasm"_s);
    QVERIFY2(std::any_of(all.cbegin(), all.cend(), [](const QString& p) { return p == u"claude-code"_s; }),
             qPrintable(all.keys().join(u' ')));
    const auto chats = listed({u"--provider"_s, u"chasm"_s});
    QVERIFY(chats.contains(id));
    QVERIFY(std::all_of(chats.cbegin(), chats.cend(), [](const QString& p) { return p == u"chasm"_s; }));
    QVERIFY(!listed({u"--provider"_s, u"claude-code"_s}).contains(id));

    // Shown without the note of a session its tool deleted, and exported as any session is.
    const Ran shown = runChasm(m_home->path(), {u"show"_s, u"session"_s, id});
    QVERIFY2(shown.exitCode == 0 && shown.out.contains("Teal, like the sea at dusk."), shown.describe().constData());
    QVERIFY2(!shown.err.contains("no longer in its tool's store"), shown.err.constData());
    const QString out = QDir(m_home->path()).filePath(u"chat.md"_s);
    const Ran exported =
        runChasm(m_home->path(), {u"export"_s, u"sessions"_s, out, id.left(14), u"--format"_s, u"md"_s});
    QVERIFY2(exported.exitCode == 0, exported.describe().constData());
    QFile file(out);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray markdown = file.readAll();
    QVERIFY2(markdown.contains("Name a colour") && markdown.contains("Teal, like the sea at dusk."),
             markdown.constData());

    // A harvest leaves the chats as they are: they are the database's own.
    const Ran harvest = runChasm(m_home->path(), {u"harvest"_s, u"run"_s, u"--json"_s});
    QVERIFY2(harvest.exitCode == 0, harvest.describe().constData());
    QVERIFY2(!harvest.out.contains("\"chasm\""), harvest.out.constData());
    QCOMPARE(shownSession(m_home->path(), id)[u"messages"_s].toArray().size(), 2);
}

void TestChat::promptOnStdin_isAnsweredOnce()
{
    configureFake(chasm::ModelApi::OpenAi);
    chasm::test::FakeModelServer::Script script;
    script.text = u"From a pipe."_s;
    m_server->setScript(script);
    const Ran ran =
        runWithInput(m_home->path(), {u"run"_s, u"fake"_s, u"-m"_s, u"model-b"_s}, "summarise this\n", withKeychain());
    QVERIFY2(ran.exitCode == 0, ran.describe().constData());
    QCOMPARE(ran.out, QByteArray("From a pipe.\n"));
    QVERIFY(m_server->requests().constLast().body.contains("summarise this"));
}

QByteArray TestChat::countToTwelve(QProcess& process, const QByteArray& until)
{
    configureFake(chasm::ModelApi::OpenAi);
    chasm::test::FakeModelServer::Script script;
    script.text = u"one two three four five six seven eight nine ten eleven twelve"_s;
    script.pieces = 12;
    script.delay = std::chrono::milliseconds(150);
    m_server->setScript(script);
    chasm::test::startChasm(process, m_home->path(),
                            {u"run"_s, u"fake"_s, u"-m"_s, u"model-a"_s, u"-p"_s, u"count to twelve"_s},
                            withKeychain());
    QByteArray out;
    if (!process.waitForStarted()) {
        return out;
    }
    QElapsedTimer timer;
    timer.start();
    while (!out.contains(until) && timer.elapsed() < 15000) {
        process.waitForReadyRead(100);
        out += process.readAllStandardOutput();
    }
    return out;
}

void TestChat::killedMidAnswer_leavesThePromptAndWhatArrived()
{
    QProcess process;
    const QByteArray out = countToTwelve(process, "four");
    QVERIFY2(out.contains("four"), out.constData());
    QTest::qWait(200); // what arrived is committed within a few milliseconds of arriving
    ::kill(pid_t(process.processId()), SIGKILL);
    QVERIFY(process.waitForFinished());
    const QString id = recordedId(process.readAllStandardError());
    QVERIFY(!id.isEmpty());

    const QJsonObject session = shownSession(m_home->path(), id);
    const QJsonArray messages = session[u"messages"_s].toArray();
    QCOMPARE(messages.size(), 2);
    QCOMPARE(messages[0][u"content"_s].toString(), u"count to twelve"_s);
    const QString partial = messages[1][u"content"_s].toString();
    QVERIFY2(partial.startsWith(u"one two three four"_s), qPrintable(partial));
    QVERIFY2(!partial.contains(u"twelve"_s), qPrintable(partial));
    QCOMPARE(messages[1][u"status"_s].toString(), u"interrupted"_s);
}

void TestChat::ctrlCMidAnswer_stopsItExits130AndKeepsWhatArrived()
{
    QProcess process;
    const QByteArray out = countToTwelve(process, "three");
    QVERIFY2(out.contains("three"), out.constData());
    ::kill(pid_t(process.processId()), SIGINT);
    QVERIFY(process.waitForFinished(10000));
    QCOMPARE(process.exitStatus(), QProcess::NormalExit);
    QCOMPARE(process.exitCode(), 130);
    const QByteArray err = process.readAllStandardError();
    QVERIFY2(err.contains("[stopped]"), err.constData());

    const QJsonArray messages = shownSession(m_home->path(), recordedId(err))[u"messages"_s].toArray();
    QCOMPARE(messages.size(), 2);
    QCOMPARE(messages[1][u"status"_s].toString(), u"cancelled"_s);
    const QString partial = messages[1][u"content"_s].toString();
    QVERIFY2(partial.startsWith(u"one two three"_s) && !partial.contains(u"twelve"_s), qPrintable(partial));
}

void TestChat::continueClaudeCodeSession_sendsItsTurnsAsContext()
{
    configureFake(chasm::ModelApi::Anthropic);
    m_server->setScript({});
    const Ran list =
        runChasm(m_home->path(), {u"list"_s, u"sessions"_s, u"--provider"_s, u"claude-code"_s, u"--json"_s});
    QVERIFY2(list.exitCode == 0, list.describe().constData());
    const QJsonArray sessions = QJsonDocument::fromJson(list.out).array();
    QVERIFY(!sessions.isEmpty());
    // The longest conversation of the fixture.
    QString claudeId;
    int most = 0;
    for (const QJsonValue& session : sessions) {
        if (session[u"message_count"_s].toInt() > most) {
            most = session[u"message_count"_s].toInt();
            claudeId = session[u"id"_s].toString();
        }
    }
    const QJsonObject original = shownSession(m_home->path(), claudeId);
    QStringList turns;
    for (const QJsonValue& message : original[u"messages"_s].toArray()) {
        const QString role = message[u"role"_s].toString();
        if ((role == u"user"_s || role == u"assistant"_s) && !message[u"content"_s].toString().trimmed().isEmpty()) {
            turns << message[u"content"_s].toString();
        }
    }
    QVERIFY(turns.size() >= 2);

    const Ran ran = runChasm(
        m_home->path(),
        {u"run"_s, u"fake"_s, u"-m"_s, u"model-a"_s, u"--continue"_s, claudeId, u"-p"_s, u"And now the tests?"_s},
        withKeychain());
    QVERIFY2(ran.exitCode == 0, ran.describe().constData());
    QVERIFY2(ran.err.contains("sent as context"), ran.err.constData());
    const QJsonObject body = m_server->requests().constLast().json;
    const QJsonArray sent = body[u"messages"_s].toArray();
    QCOMPARE(sent.size(), turns.size() + 1);
    for (qsizetype i = 0; i < turns.size(); ++i) {
        const QJsonValue content = sent[i][u"content"_s];
        const QString text = content.isString() ? content.toString() : content[0][u"text"_s].toString();
        QCOMPARE(text, turns[i]);
    }
    QVERIFY(QJsonDocument(sent.last().toObject()).toJson().contains("And now the tests?"));
    QVERIFY2(body[u"system"_s].toString().contains(u"claude-code"_s), qPrintable(body[u"system"_s].toString()));

    // A session of its own that names the one it continues; the original is untouched.
    const QJsonObject chat = shownSession(m_home->path(), recordedId(ran.err));
    const QJsonArray messages = chat[u"messages"_s].toArray();
    QCOMPARE(messages.size(), 3);
    QCOMPARE(messages[0][u"role"_s].toString(), u"system"_s);
    QVERIFY2(messages[0][u"content"_s].toString().contains(claudeId), qPrintable(messages[0][u"content"_s].toString()));
    QCOMPARE(shownSession(m_home->path(), claudeId)[u"messages"_s].toArray().size(),
             original[u"messages"_s].toArray().size());
}

void TestChat::continueWithASmallWindow_leavesTheOldestOut()
{
    configureFake(chasm::ModelApi::OpenAi);
    m_server->setScript({});
    // A session of the test's own with 40 long turns, recorded by an earlier chat: continued with a 2 000-token
    // window, only the newest fit.
    chasm::test::FakeModelServer::Script script;
    script.text = QString(u"answer "_s).repeated(300);
    m_server->setScript(script);
    const Ran first = runChasm(
        m_home->path(), {u"run"_s, u"fake"_s, u"-m"_s, u"model-a"_s, u"-p"_s, QString(u"question "_s).repeated(300)},
        withKeychain());
    QVERIFY2(first.exitCode == 0, first.describe().constData());
    const QString earlier = recordedId(first.err);
    const Ran second = runChasm(m_home->path(),
                                {u"run"_s, u"fake"_s, u"-m"_s, u"model-a"_s, u"--continue"_s, earlier,
                                 u"--context-tokens"_s, u"1200"_s, u"-p"_s, u"short"_s},
                                withKeychain());
    QVERIFY2(second.exitCode == 0, second.describe().constData());
    QVERIFY2(second.err.contains("oldest left out"), second.err.constData());
    const QJsonArray sent = m_server->requests().constLast().json[u"messages"_s].toArray();
    // The system prompt (which names the session by its title), the newest turn (the answer) and the prompt; not
    // the question.
    QCOMPARE(sent.size(), 3);
    QCOMPARE(sent[0][u"role"_s].toString(), u"system"_s);
    QVERIFY2(sent[0][u"content"_s].toString().contains(u"1 oldest messages are left out"_s),
             qPrintable(sent[0][u"content"_s].toString()));
    QCOMPARE(sent[1][u"role"_s].toString(), u"assistant"_s);
    QVERIFY(sent[1][u"content"_s].toString().startsWith(u"answer answer"_s));
    QCOMPARE(sent[2][u"content"_s].toString(), u"short"_s);
}

void TestChat::terminal_chatsStopsAnAnswerAndKeepsGoing()
{
    configureFake(chasm::ModelApi::Ollama);
    chasm::test::FakeModelServer::Script script;
    script.text = u"A long answer that goes on and on, piece after piece, until someone stops it."_s;
    script.pieces = 40;
    script.delay = std::chrono::milliseconds(100);
    m_server->setScript(script);
    Terminal terminal;
    QVERIFY(terminal.start({u"run"_s, u"fake"_s, u"-m"_s, u"model-a"_s},
                           chasm::test::homeEnvironment(m_home->path(), withKeychain()), m_home->path()));
    QVERIFY2(terminal.waitFor("> "), terminal.shown().constData());
    terminal.type("tell me everything\r");
    QVERIFY2(terminal.waitFor("piece after"), terminal.shown().constData());
    terminal.type("\x03"); // Ctrl+C: the answer stops, the chat goes on
    QVERIFY2(terminal.waitFor("[stopped]"), terminal.shown().constData());
    QVERIFY(!terminal.shown().contains("someone stops it."));

    script.pieces = 1;
    script.delay = {};
    script.text = u"Short this time."_s;
    m_server->setScript(script);
    terminal.type("/title Terminal chat\r");
    QVERIFY2(terminal.waitFor("Titled"), terminal.shown().constData());
    terminal.type("and briefly?\r");
    QVERIFY2(terminal.waitFor("Short this time."), terminal.shown().constData());
    terminal.type("/save\r");
    QVERIFY2(terminal.waitFor("Saved as chasm:"), terminal.shown().constData());
    terminal.type("/quit\r");
    QCOMPARE(terminal.exitCode(), 0);

    const QRegularExpressionMatch saved =
        QRegularExpression(u"Saved as (chasm:[0-9a-f-]{36})"_s).match(QString::fromUtf8(terminal.shown()));
    QVERIFY(saved.hasMatch());
    const QString id = saved.captured(1);
    const QJsonObject session = shownSession(m_home->path(), id);
    QCOMPARE(session[u"title"_s].toString(), u"Terminal chat"_s);
    const QJsonArray messages = session[u"messages"_s].toArray();
    QCOMPARE(messages.size(), 4);
    QCOMPARE(messages[1][u"status"_s].toString(), u"cancelled"_s);
    QCOMPARE(messages[3][u"content"_s].toString(), u"Short this time."_s);
    // The second prompt went with the first turn: the conversation goes on.
    QVERIFY(m_server->requests().constLast().body.contains("tell me everything"));
}

void TestChat::failures_sayWhatIsWrong()
{
    configureFake(chasm::ModelApi::OpenAi);
    chasm::test::FakeModelServer::Script script;
    script.status = 404;
    script.errorBody =
        chasm::test::FakeModelServer::errorBody(chasm::ModelApi::OpenAi, 404, u"The model 'nope' does not exist"_s);
    m_server->setScript(script);
    const Ran unknown =
        runChasm(m_home->path(), {u"run"_s, u"fake"_s, u"-m"_s, u"nope"_s, u"-p"_s, u"hi"_s}, withKeychain());
    QCOMPARE(unknown.exitCode, 1);
    QVERIFY2(unknown.err.contains("nope"), unknown.err.constData());
    QVERIFY(!unknown.err.contains(fakeKey));

    const Ran down =
        runChasm(m_home->path(),
                 {u"run"_s, u"fake"_s, u"-m"_s, u"x"_s, u"--endpoint"_s, u"http://127.0.0.1:9/v1"_s, u"-p"_s, u"hi"_s},
                 withKeychain());
    QCOMPARE(down.exitCode, 1);
    QVERIFY2(down.err.contains("no server answers at http://127.0.0.1:9"), down.err.constData());

    const Ran unknownProvider = runChasm(m_home->path(), {u"run"_s, u"nosuch"_s, u"-p"_s, u"hi"_s}, withKeychain());
    QCOMPARE(unknownProvider.exitCode, 1);
    QVERIFY2(unknownProvider.err.contains("unknown model provider 'nosuch'"), unknownProvider.err.constData());
    m_server->setScript({});
}

QTEST_GUILESS_MAIN(TestChat)
#include "TestChat.moc"
