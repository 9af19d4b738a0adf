// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#include "McpClientSetup.h"

#include "store/Database.h"
#include "util/ShellWords.h"
#include "vscode/Editor.h"

#include <QFileInfo>
#include <QHash>
#include <QStandardPaths>

#include <boost/json/serialize.hpp>
#include <boost/json/string.hpp>

using namespace Qt::StringLiterals;

namespace chasm::mcp {

namespace {

// A path as the platform's own programs write it.
QString nativePath(const QString& path, Platform platform)
{
    return platform == Platform::Windows ? QString(path).replace(u'/', u'\\') : path;
}

QString jsonString(const QString& text)
{
    return QString::fromStdString(boost::json::serialize(boost::json::string(text.toStdString())));
}

// A TOML basic string: quote, backslash and the control characters escaped.
QString tomlString(const QString& text)
{
    static const QHash<QChar, QString> escapes{{u'"', u"\\\""_s}, {u'\\', u"\\\\"_s}, {u'\b', u"\\b"_s},
                                               {u'\t', u"\\t"_s}, {u'\n', u"\\n"_s},  {u'\f', u"\\f"_s},
                                               {u'\r', u"\\r"_s}};
    QString quoted = u"\""_s;
    for (const QChar c : text) {
        if (const auto escape = escapes.constFind(c); escape != escapes.cend()) {
            quoted += *escape;
        } else if (c.unicode() < 0x20 || c.unicode() == 0x7f) {
            quoted += u"\\u%1"_s.arg(int(c.unicode()), 4, 16, QChar(u'0'));
        } else {
            quoted += c;
        }
    }
    return quoted + u'"';
}

QString list(const QStringList& words, QString (*quote)(const QString&))
{
    QStringList quoted;
    for (const QString& word : words) {
        quoted << quote(word);
    }
    return u'[' + quoted.join(u", "_s) + u']';
}

// A JSON file whose object `key` holds the server "chasm" (with "type": "stdio" first when `typed`).
QString jsonFile(const QString& key, const McpLaunch& launch, bool typed)
{
    return u"{\n  \"%1\": {\n    \"chasm\": {\n%2      \"command\": %3,\n      \"args\": %4\n    }\n  }\n}\n"_s.arg(
        key, typed ? u"      \"type\": \"stdio\",\n"_s : QString(), jsonString(launch.program),
        list(launch.arguments, jsonString));
}

QString directoryOf(const Environment& environment, const QString& variable, const QString& fallback)
{
    const QString configured = environment.variable(variable);
    return configured.isEmpty() ? fallback : environment.absolutePath(configured);
}

} // namespace

McpLaunch mcpLaunch(const Environment& environment, const QString& executable, const QString& database)
{
    const Platform platform = environment.platform();
    McpLaunch launch{u"chasm"_s, {u"mcp"_s, u"serve"_s}};
    if (!executable.isEmpty()) {
        QString path = environment.variable(u"PATH"_s);
        if (path.isEmpty()) {
            path = environment.variable(u"Path"_s);
        }
        const QString found = QStandardPaths::findExecutable(
            u"chasm"_s, path.split(platform == Platform::Windows ? u';' : u':', Qt::SkipEmptyParts));
        const QString canonical = QFileInfo(executable).canonicalFilePath();
        if (found.isEmpty() || canonical.isEmpty() || QFileInfo(found).canonicalFilePath() != canonical) {
            launch.program = nativePath(environment.absolutePath(executable), platform);
        }
    }
    const QString chosen = Database::resolvePath(environment, database);
    if (chosen != Database::standardPath(environment)) {
        launch.arguments << u"--db"_s << nativePath(chosen, platform);
    }
    return launch;
}

QList<McpClientSetup> mcpClientSetups(const Environment& environment, const McpLaunch& launch)
{
    using Form = McpClientSetup::Form;
    const Platform platform = environment.platform();
    const auto file = [platform](const QString& path) { return nativePath(path, platform); };
    const QString home = environment.home();
    const QString toml = u"[mcp_servers.chasm]\ncommand = %1\nargs = %2\n"_s.arg(tomlString(launch.program),
                                                                                 list(launch.arguments, tomlString));
    const QStringList claudeAdd{u"claude"_s, u"mcp"_s, u"add"_s, u"--scope"_s, u"user"_s, u"chasm"_s, u"--"_s};
    return {
        {u"claude-desktop"_s,
         u"Claude Desktop"_s,
         Form::Json,
         file(environment.configHome() + u"/Claude/claude_desktop_config.json"_s),
         {},
         u"mcpServers"_s,
         jsonFile(u"mcpServers"_s, launch, false)},
        {u"vscode"_s, u"VS Code"_s, Form::Json, file(editorUserDirectory(environment, Editor::Code) + u"/mcp.json"_s),
         file(u".vscode/mcp.json"_s), u"servers"_s, jsonFile(u"servers"_s, launch, true)},
        {u"cursor"_s, u"Cursor"_s, Form::Json, file(home + u"/.cursor/mcp.json"_s), file(u".cursor/mcp.json"_s),
         u"mcpServers"_s, jsonFile(u"mcpServers"_s, launch, false)},
        {u"claude-code"_s,
         u"Claude Code"_s,
         Form::Command,
         {},
         {},
         {},
         shellLine(claudeAdd + QStringList{launch.program} + launch.arguments, platform) + u'\n'},
        {u"codex"_s, u"Codex CLI"_s, Form::Toml,
         file(directoryOf(environment, u"CODEX_HOME"_s, home + u"/.codex"_s) + u"/config.toml"_s),
         file(u".codex/config.toml"_s), u"mcp_servers"_s, toml},
        {u"gemini"_s, u"Gemini CLI"_s, Form::Json,
         file(directoryOf(environment, u"GEMINI_CLI_HOME"_s, home) + u"/.gemini/settings.json"_s),
         file(u".gemini/settings.json"_s), u"mcpServers"_s, jsonFile(u"mcpServers"_s, launch, false)},
    };
}

QStringList mcpClientIds()
{
    return {u"claude-desktop"_s, u"vscode"_s, u"cursor"_s, u"claude-code"_s, u"codex"_s, u"gemini"_s};
}

} // namespace chasm::mcp
