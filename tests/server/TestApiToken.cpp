// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

// The HTTP API's token kept in the system keychain: `chasm api serve` and `chasm api token` as real child processes
// against a real Secret Service (gnome-keyring in a D-Bus session of the test's own: tests/with-keyring starts this
// test), requests from a real HTTP client on 127.0.0.1.

#include "ChasmProcess.h"
#include "FixtureHome.h"
#include "HttpClient.h"
#include "McpHttpProcess.h"

#include <QProcessEnvironment>
#include <QStandardPaths>
#include <QTest>

#include <memory>

using namespace Qt::StringLiterals;

namespace {

using chasm::test::httpRequest;
using chasm::test::runChasm;
using chasm::test::withKeychain;

// `chasm api serve --port 0` in `home`; its URL and status of requests to it.
class Server
{
public:
    bool start(const QString& home, const QProcessEnvironment& environment, const QStringList& extra = {})
    {
        return m_process.startWith(home, QStringList{u"api"_s, u"serve"_s, u"--port"_s, u"0"_s} + extra, environment);
    }
    int status(const QByteArray& path, const QByteArray& token = {})
    {
        return httpRequest("GET", QUrl(u"http://127.0.0.1:%1"_s.arg(m_process.port()) + QString::fromUtf8(path)), token)
            .status;
    }
    QByteArray err() { return m_process.err(); }

private:
    chasm::test::McpHttpProcess m_process;
};

} // namespace

class TestApiToken : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void firstStart_makesAndKeepsTheToken();
    void regenerate_replacesTheToken();
    void givenToken_comesBeforeTheKeychain();
    void withoutKeychain_refusesToStartWithoutAToken();
    void mcpElsewhereThanLoopback_asksForTheKeptToken();

private:
    std::unique_ptr<chasm::test::FixtureHome> m_home;
};

void TestApiToken::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY2(!qEnvironmentVariableIsEmpty("DBUS_SESSION_BUS_ADDRESS"),
             "this test needs a Secret Service of its own: run it through tests/with-keyring (as CTest does)");
    m_home = std::make_unique<chasm::test::FixtureHome>(u"rest"_s);
    QVERIFY(m_home->isValid());
    const chasm::test::Ran harvest = runChasm(m_home->path(), {u"harvest"_s, u"run"_s});
    QVERIFY2(harvest.exitCode == 0, harvest.describe().constData());
}

void TestApiToken::firstStart_makesAndKeepsTheToken()
{
    QByteArray token;
    {
        Server server;
        QVERIFY2(server.start(m_home->path(), withKeychain()), server.err().constData());
        QVERIFY2(server.err().contains("made a new token and kept it in the system keychain"),
                 server.err().constData());

        const chasm::test::Ran printed = runChasm(m_home->path(), {u"api"_s, u"token"_s}, withKeychain());
        QVERIFY2(printed.exitCode == 0, printed.describe().constData());
        token = printed.out.trimmed();
        // 32 random bytes, base64url.
        QCOMPARE(token.size(), 43);
        QVERIFY(QByteArray::fromBase64Encoding(token,
                                               QByteArray::Base64UrlEncoding | QByteArray::AbortOnBase64DecodingErrors)
                    .decodingStatus == QByteArray::Base64DecodingStatus::Ok);

        QCOMPARE(server.status("/api/v1/health"), 200);
        QCOMPARE(server.status("/api/v1/sessions"), 401);
        QCOMPARE(server.status("/api/v1/sessions", "not-the-token"), 401);
        QCOMPARE(server.status("/api/v1/sessions", token), 200);
        QVERIFY2(!server.err().contains(token), server.err().constData());
    }
    // The next start takes the kept token and makes none.
    Server again;
    QVERIFY2(again.start(m_home->path(), withKeychain()), again.err().constData());
    QVERIFY2(!again.err().contains("made a new token"), again.err().constData());
    QCOMPARE(again.status("/api/v1/stats/overview", token), 200);
    // Kept in the keychain only: not in the settings nor any other file of the user's.
    QCOMPARE(chasm::test::filesHolding(m_home->path(), token), QStringList());
    const chasm::test::Ran json = runChasm(m_home->path(), {u"api"_s, u"token"_s, u"--json"_s}, withKeychain());
    QCOMPARE(json.out.trimmed(), R"({"token":")" + token + R"(","created":false})");
}

void TestApiToken::regenerate_replacesTheToken()
{
    const chasm::test::Ran before = runChasm(m_home->path(), {u"api"_s, u"token"_s}, withKeychain());
    QVERIFY2(before.exitCode == 0, before.describe().constData());
    const chasm::test::Ran regenerated =
        runChasm(m_home->path(), {u"api"_s, u"token"_s, u"--regenerate"_s}, withKeychain());
    QVERIFY2(regenerated.exitCode == 0, regenerated.describe().constData());
    const QByteArray oldToken = before.out.trimmed();
    const QByteArray newToken = regenerated.out.trimmed();
    QCOMPARE(newToken.size(), 43);
    QVERIFY(newToken != oldToken);
    QCOMPARE(runChasm(m_home->path(), {u"api"_s, u"token"_s}, withKeychain()).out.trimmed(), newToken);

    Server server;
    QVERIFY2(server.start(m_home->path(), withKeychain()), server.err().constData());
    QCOMPARE(server.status("/api/v1/sessions", oldToken), 401);
    QCOMPARE(server.status("/api/v1/sessions", newToken), 200);
    QCOMPARE(chasm::test::filesHolding(m_home->path(), newToken), QStringList());
}

void TestApiToken::givenToken_comesBeforeTheKeychain()
{
    const QByteArray kept = runChasm(m_home->path(), {u"api"_s, u"token"_s}, withKeychain()).out.trimmed();
    QProcessEnvironment environment = withKeychain();
    environment.insert(u"CHASM_API_TOKEN"_s, u"from-the-environment"_s);
    Server server;
    QVERIFY2(server.start(m_home->path(), environment), server.err().constData());
    QCOMPARE(server.status("/api/v1/sessions", "from-the-environment"), 200);
    QCOMPARE(server.status("/api/v1/sessions", kept), 401);
    // `api token` says which one a server would use.
    const chasm::test::Ran printed = runChasm(m_home->path(), {u"api"_s, u"token"_s}, environment);
    QCOMPARE(printed.out.trimmed(), kept);
    QVERIFY2(printed.err.contains("CHASM_API_TOKEN is set"), printed.err.constData());
}

void TestApiToken::withoutKeychain_refusesToStartWithoutAToken()
{
    // No session bus: no keychain to reach.
    const chasm::test::Ran refused = runChasm(m_home->path(), {u"api"_s, u"serve"_s, u"--port"_s, u"0"_s});
    QCOMPARE(refused.exitCode, 1);
    const QList<QByteArray> lines = refused.err.trimmed().split('\n');
    QVERIFY2(lines.first().startsWith("chasm api: no token kept: the system keychain is unavailable"),
             refused.err.constData());
    QVERIFY2(lines.last().contains("--token-file FILE or CHASM_API_TOKEN"), refused.err.constData());

    const chasm::test::Ran token = runChasm(m_home->path(), {u"api"_s, u"token"_s});
    QCOMPARE(token.exitCode, 1);
    QVERIFY2(token.err.contains("the system keychain is unavailable"), token.err.constData());
    QVERIFY(token.out.isEmpty());

    // --no-auth on loopback, or a token given, still serves.
    Server open;
    QVERIFY2(open.start(m_home->path(), {}, {u"--no-auth"_s}), open.err().constData());
    QCOMPARE(open.status("/api/v1/sessions"), 200);
}

void TestApiToken::mcpElsewhereThanLoopback_asksForTheKeptToken()
{
    // `chasm mcp serve --http` on an address that is not loopback, given no token: the keychain's, as `api serve`.
    const QByteArray kept = runChasm(m_home->path(), {u"api"_s, u"token"_s}, withKeychain()).out.trimmed();
    QCOMPARE(kept.size(), 43);
    chasm::test::McpHttpProcess server;
    QVERIFY2(server.startWith(m_home->path(),
                              {u"mcp"_s, u"serve"_s, u"--http"_s, u"--host"_s, u"0.0.0.0"_s, u"--port"_s, u"0"_s},
                              withKeychain()),
             server.err().constData());
    const QUrl url(u"http://127.0.0.1:%1/mcp"_s.arg(server.port()));
    const QByteArray initialize =
        R"({"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-11-25","capabilities":{},)"
        R"("clientInfo":{"name":"test_api_token","version":"1"}}})";
    QCOMPARE(httpRequest("POST", url, {}, initialize).status, 401);
    QCOMPARE(httpRequest("POST", url, "not-the-token", initialize).status, 401);
    const chasm::test::HttpReply answered = httpRequest("POST", url, kept, initialize);
    QCOMPARE(answered.status, 200);
    QVERIFY2(answered.body.contains("\"serverInfo\""), answered.body.constData());
    QVERIFY2(!server.err().contains(kept), server.err().constData());

    // Without a keychain, it says why it does not start.
    const chasm::test::Ran refused =
        runChasm(m_home->path(), {u"mcp"_s, u"serve"_s, u"--http"_s, u"--host"_s, u"0.0.0.0"_s, u"--port"_s, u"0"_s});
    QVERIFY2(refused.exitCode != 0, refused.describe().constData());
    QVERIFY2(refused.err.contains("needs a token, and none is kept: the system keychain is unavailable"),
             refused.err.constData());
}

QTEST_GUILESS_MAIN(TestApiToken)
#include "TestApiToken.moc"
