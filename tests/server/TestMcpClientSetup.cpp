// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

// What a user pastes into an MCP client to start `chasm mcp serve`: JSON that the client reads back with the
// command and arguments as they are, TOML and shell lines that keep paths with spaces, quotes and backslashes
// whole, and the files where each client looks on each platform.

#include "mcp/McpClientSetup.h"
#include "store/Database.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace chasm;
using namespace chasm::mcp;

namespace {

Environment linuxHome(const QString& home, const QString& path = {})
{
    QHash<QString, QString> variables{{u"HOME"_s, home}, {u"PWD"_s, home}};
    if (!path.isEmpty()) {
        variables.insert(u"PATH"_s, path);
    }
    return Environment::fromVariables(variables, Platform::Linux);
}

McpClientSetup setupOf(const QList<McpClientSetup>& setups, const QString& id)
{
    for (const McpClientSetup& setup : setups) {
        if (setup.id == id) {
            return setup;
        }
    }
    return {};
}

// The server entry "chasm" of a client's JSON text, as a JSON reader reads it; empty when the text is not JSON.
QJsonObject chasmEntry(const McpClientSetup& setup)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(setup.text.toUtf8(), &error);
    if (error.error != QJsonParseError::NoError) {
        qWarning().noquote() << setup.id << error.errorString() << setup.text;
        return {};
    }
    return document.object().value(setup.serversKey).toObject().value(u"chasm"_s).toObject();
}

QStringList strings(const QJsonValue& array)
{
    QStringList list;
    for (const QJsonValue& value : array.toArray()) {
        list << value.toString();
    }
    return list;
}

// A launch whose program and database have every character JSON, TOML or a shell treats specially.
const McpLaunch awkward{u"/opt/my \"tools\"/back\\slash/it's $HOME/chasm"_s,
                        {u"mcp"_s, u"serve"_s, u"--db"_s, u"/home/dev/data base/new\nline\t`tab`.db"_s}};

} // namespace

class TestMcpClientSetup : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    // Every client, in the README's order; each JSON text parses, and names `chasm mcp serve`.
    void jsonTextsParseWithTheCommand()
    {
        const Environment environment = linuxHome(u"/home/dev"_s);
        const QList<McpClientSetup> setups = mcpClientSetups(environment, mcpLaunch(environment, {}, {}));
        QStringList ids;
        for (const McpClientSetup& setup : setups) {
            ids << setup.id;
        }
        QCOMPARE(ids, mcpClientIds());
        QCOMPARE(ids, (QStringList{u"claude-desktop"_s, u"vscode"_s, u"cursor"_s, u"claude-code"_s, u"codex"_s,
                                   u"gemini"_s}));
        int json = 0;
        for (const McpClientSetup& setup : setups) {
            if (setup.form != McpClientSetup::Form::Json) {
                continue;
            }
            ++json;
            const QJsonObject entry = chasmEntry(setup);
            QCOMPARE(entry.value(u"command"_s).toString(), u"chasm"_s);
            QCOMPARE(strings(entry.value(u"args"_s)), (QStringList{u"mcp"_s, u"serve"_s}));
        }
        QCOMPARE(json, 4);
        // VS Code wants the type of a server; the others take command and args alone.
        QCOMPARE(chasmEntry(setupOf(setups, u"vscode"_s)).value(u"type"_s).toString(), u"stdio"_s);
        QCOMPARE(setupOf(setups, u"vscode"_s).serversKey, u"servers"_s);
        QCOMPARE(setupOf(setups, u"claude-desktop"_s).text,
                 u"{\n  \"mcpServers\": {\n    \"chasm\": {\n      \"command\": \"chasm\",\n"
                 "      \"args\": [\"mcp\", \"serve\"]\n    }\n  }\n}\n"_s);
        QCOMPARE(setupOf(setups, u"claude-code"_s).text, u"claude mcp add --scope user chasm -- chasm mcp serve\n"_s);
        QCOMPARE(setupOf(setups, u"codex"_s).text,
                 u"[mcp_servers.chasm]\ncommand = \"chasm\"\nargs = [\"mcp\", \"serve\"]\n"_s);
    }

    // Spaces, quotes, backslashes, a dollar, a newline and a tab come back from the JSON as they went in.
    void jsonKeepsAwkwardPaths()
    {
        const Environment environment = linuxHome(u"/home/dev"_s);
        for (const McpClientSetup& setup : mcpClientSetups(environment, awkward)) {
            if (setup.form == McpClientSetup::Form::Json) {
                const QJsonObject entry = chasmEntry(setup);
                QCOMPARE(entry.value(u"command"_s).toString(), awkward.program);
                QCOMPARE(strings(entry.value(u"args"_s)), awkward.arguments);
            }
        }
    }

    // TOML basic strings: the quote and the backslash escaped, control characters as escapes.
    void tomlEscapes()
    {
        const McpClientSetup codex = setupOf(mcpClientSetups(linuxHome(u"/home/dev"_s), awkward), u"codex"_s);
        QCOMPARE(codex.text,
                 u"[mcp_servers.chasm]\n"
                 "command = \"/opt/my \\\"tools\\\"/back\\\\slash/it's $HOME/chasm\"\n"
                 "args = [\"mcp\", \"serve\", \"--db\", \"/home/dev/data base/new\\nline\\t`tab`.db\"]\n"_s);
        const McpClientSetup windows = setupOf(
            mcpClientSetups(Environment::fromVariables({{u"USERPROFILE"_s, u"C:\\Users\\dev"_s}}, Platform::Windows),
                            McpLaunch{u"C:\\Program Files\\Chasm\\chasm.exe"_s, {u"mcp"_s, u"serve"_s}}),
            u"codex"_s);
        QVERIFY2(windows.text.contains(u"command = \"C:\\\\Program Files\\\\Chasm\\\\chasm.exe\"\n"_s),
                 qPrintable(windows.text));
    }

    // The Claude Code line, run by sh, passes claude every word whole.
    void shellLineKeepsEveryWord()
    {
        const QString sh = QStandardPaths::findExecutable(u"sh"_s);
        if (sh.isEmpty()) {
            QSKIP("no sh here");
        }
        const QString line = setupOf(mcpClientSetups(linuxHome(u"/home/dev"_s), awkward), u"claude-code"_s).text;
        QProcess shell;
        // A `claude` that prints each of its arguments followed by a NUL.
        shell.start(sh, {u"-c"_s, u"claude() { printf '%s\\0' \"$@\"; }\n"_s + line});
        QVERIFY(shell.waitForFinished(10000));
        QCOMPARE(shell.exitCode(), 0);
        QStringList words = QString::fromUtf8(shell.readAllStandardOutput()).split(QChar(0));
        QCOMPARE(words.takeLast(), QString());
        QCOMPARE(words, (QStringList{u"mcp"_s, u"add"_s, u"--scope"_s, u"user"_s, u"chasm"_s, u"--"_s} +
                         QStringList{awkward.program} + awkward.arguments));
    }

    // On Windows: double quotes, a quote inside as \", and the backslashes before a quote (the closing one too)
    // doubled, as a program's own reading of its command line takes them.
    void windowsCommandLine()
    {
        const Environment windows =
            Environment::fromVariables({{u"USERPROFILE"_s, u"C:\\Users\\dev"_s}}, Platform::Windows);
        const McpLaunch launch{u"C:\\Program Files\\Chasm\\chasm.exe"_s,
                               {u"mcp"_s, u"serve"_s, u"--db"_s, u"D:\\my data\\"_s, u"a\"b"_s}};
        QCOMPARE(setupOf(mcpClientSetups(windows, launch), u"claude-code"_s).text,
                 u"claude mcp add --scope user chasm -- \"C:\\Program Files\\Chasm\\chasm.exe\" mcp serve --db "
                 "\"D:\\my data\\\\\" \"a\\\"b\"\n"_s);
    }

    // Where each client reads its configuration, on each platform, through the user's variables.
    void files()
    {
        const QList<McpClientSetup> linux =
            mcpClientSetups(Environment::fromVariables({{u"HOME"_s, u"/home/dev"_s},
                                                        {u"XDG_CONFIG_HOME"_s, u"/home/dev/conf"_s},
                                                        {u"CODEX_HOME"_s, u"/srv/codex"_s}},
                                                       Platform::Linux),
                            awkward);
        QCOMPARE(setupOf(linux, u"claude-desktop"_s).file, u"/home/dev/conf/Claude/claude_desktop_config.json"_s);
        QCOMPARE(setupOf(linux, u"vscode"_s).file, u"/home/dev/conf/Code/User/mcp.json"_s);
        QCOMPARE(setupOf(linux, u"vscode"_s).projectFile, u".vscode/mcp.json"_s);
        QCOMPARE(setupOf(linux, u"cursor"_s).file, u"/home/dev/.cursor/mcp.json"_s);
        QCOMPARE(setupOf(linux, u"codex"_s).file, u"/srv/codex/config.toml"_s);
        QCOMPARE(setupOf(linux, u"gemini"_s).file, u"/home/dev/.gemini/settings.json"_s);
        QVERIFY(setupOf(linux, u"claude-code"_s).file.isEmpty());

        const QList<McpClientSetup> mac =
            mcpClientSetups(Environment::fromVariables({{u"HOME"_s, u"/Users/dev"_s}}, Platform::MacOS), awkward);
        QCOMPARE(setupOf(mac, u"claude-desktop"_s).file,
                 u"/Users/dev/Library/Application Support/Claude/claude_desktop_config.json"_s);
        QCOMPARE(setupOf(mac, u"vscode"_s).file, u"/Users/dev/Library/Application Support/Code/User/mcp.json"_s);
        QCOMPARE(setupOf(mac, u"codex"_s).file, u"/Users/dev/.codex/config.toml"_s);

        const QList<McpClientSetup> windows =
            mcpClientSetups(Environment::fromVariables({{u"USERPROFILE"_s, u"C:\\Users\\dev"_s},
                                                        {u"APPDATA"_s, u"C:\\Users\\dev\\AppData\\Roaming"_s}},
                                                       Platform::Windows),
                            awkward);
        QCOMPARE(setupOf(windows, u"claude-desktop"_s).file,
                 u"C:\\Users\\dev\\AppData\\Roaming\\Claude\\claude_desktop_config.json"_s);
        QCOMPARE(setupOf(windows, u"vscode"_s).file, u"C:\\Users\\dev\\AppData\\Roaming\\Code\\User\\mcp.json"_s);
        QCOMPARE(setupOf(windows, u"vscode"_s).projectFile, u".vscode\\mcp.json"_s);
        QCOMPARE(setupOf(windows, u"cursor"_s).file, u"C:\\Users\\dev\\.cursor\\mcp.json"_s);
    }

    // The program is plain `chasm` when the PATH finds this very program, its absolute path otherwise.
    void programIsChasmWhenThePathFindsIt()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        QVERIFY(QDir().mkpath(dir.filePath(u"bin"_s)));
        QVERIFY(QDir().mkpath(dir.filePath(u"other"_s)));
        const QString program = QCoreApplication::applicationFilePath();
        QVERIFY(QFile::link(program, dir.filePath(u"bin/chasm"_s)));
        QVERIFY(QFile::copy(program, dir.filePath(u"other/chasm"_s)));
        const QString home = dir.filePath(u"home"_s);
        QCOMPARE(mcpLaunch(linuxHome(home, dir.filePath(u"bin"_s)), program, {}).program, u"chasm"_s);
        // Another chasm first on the PATH: this one by its path.
        QCOMPARE(
            mcpLaunch(linuxHome(home, dir.filePath(u"other"_s) + u':' + dir.filePath(u"bin"_s)), program, {}).program,
            program);
        QCOMPARE(mcpLaunch(linuxHome(home, u"/nonexistent"_s), program, {}).program, program);
        QCOMPARE(mcpLaunch(linuxHome(home), {}, {}).program, u"chasm"_s);
    }

    // --db for any database but the standard one, absolute: a client does not see the user's $CHASM_DB.
    void databaseArgument()
    {
        const Environment plain = linuxHome(u"/home/dev"_s);
        const QStringList serve{u"mcp"_s, u"serve"_s};
        QCOMPARE(mcpLaunch(plain, {}, {}).arguments, serve);
        QCOMPARE(mcpLaunch(plain, {}, Database::standardPath(plain)).arguments, serve);
        QCOMPARE(mcpLaunch(plain, {}, u"../x/my.db"_s).arguments, (serve + QStringList{u"--db"_s, u"/home/x/my.db"_s}));
        const Environment named = Environment::fromVariables(
            {{u"HOME"_s, u"/home/dev"_s}, {u"PWD"_s, u"/home/dev"_s}, {u"CHASM_DB"_s, u"/data/chasm.db"_s}},
            Platform::Linux);
        QCOMPARE(mcpLaunch(named, {}, {}).arguments, (serve + QStringList{u"--db"_s, u"/data/chasm.db"_s}));
    }
};

QTEST_GUILESS_MAIN(TestMcpClientSetup)
#include "TestMcpClientSetup.moc"
