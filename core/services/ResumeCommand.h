// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#pragma once

#include "model/SessionRef.h"

#include <QString>
#include <QStringList>

#include <optional>

namespace chasm {

// How to carry on a session in the tool that made it: the command that resumes it by its id in its
// project folder (`claude --resume ID`, `codex resume ID`, `gemini --resume ID`), or, for the editors
// (VS Code, Cursor, Windsurf), the command that opens its workspace folder, where the chat is.
struct ResumeCommand
{
    QString tool;             // the tool's name for people: "Claude Code", "VS Code"
    QString program;          // "claude"
    QStringList arguments;    // {"--resume", "ID"}
    QString workingDirectory; // the project folder; empty when the session names none
    // True when the command opens the workspace rather than the session itself.
    bool opensWorkspace = false;

    // The command as typed in a POSIX shell: `cd` into the folder first when there is one, every word
    // quoted where the shell would split or expand it.
    QString shellLine() const;
};

// The command for a session, one small function per tool; nothing for a tool that cannot resume a
// session by its id (or an editor session with no folder).
std::optional<ResumeCommand> resumeCommand(const SessionRef& session);

} // namespace chasm
