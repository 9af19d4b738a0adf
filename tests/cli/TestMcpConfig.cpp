// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

// chasm mcp config: what to paste into each AI agent so that it starts this chasm's MCP server, printed for one
// client (the text alone on stdout) or for all, in words or as JSON.

#include "CliRun.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace chasm;
using chasm::test::runCli;

class TestMcpConfig : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_dir.isValid());
        QVERIFY(QDir().mkpath(m_dir.filePath(u"home"_s)));
        QVERIFY(QDir().mkpath(m_dir.filePath(u"bin"_s)));
        // The program running the commands in-process, on the PATH as `chasm`, as an installed chasm is.
        QVERIFY(QFile::link(QCoreApplication::applicationFilePath(), m_dir.filePath(u"bin/chasm"_s)));
    }

    // VS Code's text alone on stdout (to redirect into .vscode/mcp.json), where it goes on stderr.
    void oneClientPrintsItsTextOnStdout()
    {
        const test::CliRun run = runCli(environment(true), {u"mcp"_s, u"config"_s, u"--client"_s, u"vscode"_s});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        const QJsonObject chasm =
            QJsonDocument::fromJson(run.out.toUtf8()).object()[u"servers"_s].toObject()[u"chasm"_s].toObject();
        QCOMPARE(chasm[u"type"_s].toString(), u"stdio"_s);
        QCOMPARE(chasm[u"command"_s].toString(), u"chasm"_s);
        QCOMPARE(chasm[u"args"_s].toArray(), (QJsonArray{u"mcp"_s, u"serve"_s}));
        QVERIFY2(run.err.contains(u"File: "_s + home() + u"/.config/Code/User/mcp.json\n"_s), qPrintable(run.err));
        QVERIFY2(run.err.contains(u".vscode/mcp.json in its folder"_s), qPrintable(run.err));
    }

    // Not on the PATH: the client gets the program's absolute path. Another database: --db and its path.
    void programPathAndDatabase()
    {
        const test::CliRun run = runCli(environment(false), {u"--db"_s, u"my data/chasm.db"_s, u"mcp"_s, u"config"_s,
                                                             u"--client"_s, u"claude-code"_s});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        QCOMPARE(run.out, u"claude mcp add --scope user chasm -- %1 mcp serve --db '%2/my data/chasm.db'\n"_s.arg(
                              QCoreApplication::applicationFilePath(), home()));
        QCOMPARE(run.err, u"Run in a terminal:\n"_s);
    }

    // Every client, each under a heading that names its --client.
    void allClientsWithHeadings()
    {
        const test::CliRun run = runCli(environment(true), {u"mcp"_s, u"config"_s});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        for (const QString& heading :
             {u"== Claude Desktop (--client claude-desktop) =="_s, u"== VS Code (--client vscode) =="_s,
              u"== Cursor (--client cursor) =="_s, u"== Claude Code (--client claude-code) =="_s,
              u"== Codex CLI (--client codex) =="_s, u"== Gemini CLI (--client gemini) =="_s}) {
            QVERIFY2(run.out.contains(heading), qPrintable(heading));
        }
        QVERIFY(run.out.contains(u"File: "_s + home() + u"/.config/Claude/claude_desktop_config.json\n"_s));
        QVERIFY(run.out.contains(u"[mcp_servers.chasm]\ncommand = \"chasm\"\nargs = [\"mcp\", \"serve\"]\n"_s));
        QVERIFY(run.out.contains(u"claude mcp add --scope user chasm -- chasm mcp serve\n"_s));
    }

    void json()
    {
        const test::CliRun all = runCli(environment(true), {u"mcp"_s, u"config"_s, u"--json"_s});
        QVERIFY2(all.exitCode == 0, qPrintable(all.err));
        const QJsonArray clients = QJsonDocument::fromJson(all.out.toUtf8()).array();
        QCOMPARE(clients.size(), 6);
        QCOMPARE(clients[0][u"id"_s].toString(), u"claude-desktop"_s);
        QCOMPARE(clients[4][u"form"_s].toString(), u"toml"_s);
        QCOMPARE(clients[4][u"file"_s].toString(), home() + u"/.codex/config.toml"_s);
        const test::CliRun one =
            runCli(environment(true), {u"mcp"_s, u"config"_s, u"--client"_s, u"gemini"_s, u"--json"_s});
        QVERIFY2(one.exitCode == 0, qPrintable(one.err));
        const QJsonObject gemini = QJsonDocument::fromJson(one.out.toUtf8()).object();
        QCOMPARE(gemini[u"servers_key"_s].toString(), u"mcpServers"_s);
        QCOMPARE(gemini[u"project_file"_s].toString(), u".gemini/settings.json"_s);
        const QJsonObject entry = QJsonDocument::fromJson(gemini[u"text"_s].toString().toUtf8())
                                      .object()[u"mcpServers"_s]
                                      .toObject()[u"chasm"_s]
                                      .toObject();
        QCOMPARE(entry[u"command"_s].toString(), u"chasm"_s);
    }

    void unknownClientIsAUsageError()
    {
        const test::CliRun run = runCli(environment(true), {u"mcp"_s, u"config"_s, u"--client"_s, u"emacs"_s});
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.err.contains(u"emacs"_s), qPrintable(run.err));
    }

private:
    QString home() const { return m_dir.filePath(u"home"_s); }

    // A Linux user's environment; `onPath`: with the program on its PATH as chasm.
    Environment environment(bool onPath) const
    {
        return Environment::fromVariables({{u"HOME"_s, home()},
                                           {u"PWD"_s, home()},
                                           {u"PATH"_s, onPath ? m_dir.filePath(u"bin"_s) : u"/nonexistent"_s}},
                                          Platform::Linux);
    }

    QTemporaryDir m_dir;
};

QTEST_GUILESS_MAIN(TestMcpConfig)
#include "TestMcpConfig.moc"
