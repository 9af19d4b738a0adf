// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#include "ResumeCommand.h"

#include "providers/SessionCatalog.h"
#include "util/ShellWords.h"
#include "vscode/Editor.h"

#include <QHash>

#include <functional>

using namespace Qt::StringLiterals;

namespace chasm {

namespace {

ResumeCommand inProject(const SessionRef& session, const QString& tool, const QString& program,
                        const QStringList& arguments)
{
    return {tool, program, arguments, session.projectPath, false};
}

std::optional<ResumeCommand> claudeCode(const SessionRef& session)
{
    return inProject(session, u"Claude Code"_s, u"claude"_s, {u"--resume"_s, session.nativeId});
}

std::optional<ResumeCommand> codex(const SessionRef& session)
{
    return inProject(session, u"Codex CLI"_s, u"codex"_s, {u"resume"_s, session.nativeId});
}

std::optional<ResumeCommand> gemini(const SessionRef& session)
{
    return inProject(session, u"Gemini CLI"_s, u"gemini"_s, {u"--resume"_s, session.nativeId});
}

// VS Code, Cursor, Windsurf: the chat lives in the workspace, which opens with its folder.
std::optional<ResumeCommand> editor(const SessionRef& session)
{
    const std::optional<Editor> editor = editorById(session.editor);
    if (!editor || session.projectPath.isEmpty()) {
        return std::nullopt;
    }
    const EditorInfo& info = editorInfo(*editor);
    return ResumeCommand{info.displayName, info.command, {session.projectPath}, {}, true};
}

} // namespace

QString ResumeCommand::shellLine() const
{
    // Quoted for a POSIX shell: sh runs it in the terminals opened on Linux and macOS.
    const QString command = chasm::shellLine(QStringList{program} + arguments, Platform::Linux);
    return workingDirectory.isEmpty() ? command
                                      : u"cd "_s + shellQuoted(workingDirectory, Platform::Linux) + u" && "_s + command;
}

std::optional<ResumeCommand> resumeCommand(const SessionRef& session)
{
    using Builder = std::function<std::optional<ResumeCommand>(const SessionRef&)>;
    static const QHash<QString, Builder> builders{
        {u"claude-code"_s, claudeCode}, {u"codex"_s, codex},   {u"gemini"_s, gemini},
        {u"copilot"_s, editor},         {u"cursor"_s, editor}, {u"windsurf"_s, editor},
    };
    const auto builder = builders.constFind(session.provider);
    // A session its tool no longer has cannot be opened there until it is put back (sync --push).
    if (builder == builders.cend() || session.nativeId.isEmpty() || SessionCatalog::isKeptOnly(session)) {
        return std::nullopt;
    }
    return (*builder)(session);
}

} // namespace chasm
