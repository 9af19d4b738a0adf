// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#pragma once

#include "util/Environment.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace chasm::mcp {

// How an MCP client starts Chasm's server: the program (plain `chasm` when the PATH finds it) and its arguments,
// `mcp serve` and, for a database other than the default one, `--db` and its path.
struct McpLaunch
{
    QString program;
    QStringList arguments;
};

// What a user pastes into an MCP client (Claude Desktop, VS Code, Cursor, Claude Code, Codex CLI, Gemini CLI) to
// give it Chasm's history, and where: the one source of `chasm mcp config`, the app's Help and the README's forms.
struct McpClientSetup
{
    enum class Form
    {
        Json,    // a JSON file
        Toml,    // a TOML file
        Command, // a command to run in a terminal
    };
    QString id;   // "claude-desktop", "vscode", "cursor", "claude-code", "codex", "gemini"
    QString name; // "Claude Desktop"
    Form form = Form::Json;
    // The file the text goes into for every project, as this platform writes it; empty for a command.
    QString file;
    // The file of the same form for one project only, relative to its folder; empty when the client has none.
    QString projectFile;
    // The object (JSON) or table (TOML) that lists the file's servers: where the "chasm" entry goes in a file
    // that exists already. Empty for a command.
    QString serversKey;
    // What to paste: a whole file (the "chasm" entry under serversKey), or a command line.
    QString text;
};

// The launch of `chasm mcp serve` by the program at `executable` (empty: unknown), for the database the user
// named (as --db takes it; empty: $CHASM_DB or the default one). The program is plain `chasm` when the PATH of
// `environment` finds that same file, else its absolute path. `--db` is given for any database but
// <data home>/chasm/chasm.db: a client starts the server without the user's shell variables ($CHASM_DB).
McpLaunch mcpLaunch(const Environment& environment, const QString& executable, const QString& database);

// Every client, in the order the README lists them: Claude Desktop, VS Code, Cursor, Claude Code, Codex CLI,
// Gemini CLI. Files are resolved for the platform of `environment`.
QList<McpClientSetup> mcpClientSetups(const Environment& environment, const McpLaunch& launch);
// The ids of those clients, in that order.
QStringList mcpClientIds();

} // namespace chasm::mcp
