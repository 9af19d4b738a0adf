// chasm provider (the model providers, their keys in a real Secret Service: tests/with-keyring starts this test) and
// chasm run PROVIDER, as real child processes against a fake model server on 127.0.0.1.

#include "ChasmProcess.h"
#include "FixtureHome.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QStandardPaths>
#include <QTest>

#include <memory>

using namespace Qt::StringLiterals;

namespace {

using chasm::test::Ran;
using chasm::test::runChasm;

// Where this test's Secret Service is: the session bus tests/with-keyring started.
QProcessEnvironment withKeychain()
{
    QProcessEnvironment environment;
    environment.insert(u"DBUS_SESSION_BUS_ADDRESS"_s, qEnvironmentVariable("DBUS_SESSION_BUS_ADDRESS"));
    return environment;
}

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

private:
    std::unique_ptr<chasm::test::FixtureHome> m_home;
};

void TestChat::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY2(!qEnvironmentVariableIsEmpty("DBUS_SESSION_BUS_ADDRESS"),
             "this test needs a Secret Service of its own: run it through tests/with-keyring (as CTest does)");
    m_home = std::make_unique<chasm::test::FixtureHome>(u"claude-code"_s);
    QVERIFY(m_home->isValid());
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

QTEST_GUILESS_MAIN(TestChat)
#include "TestChat.moc"
