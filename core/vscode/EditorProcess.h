// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#pragma once

#include "util/Environment.h"
#include "util/Result.h"
#include "vscode/Editor.h"

#include <QList>
#include <QString>

#include <chrono>

namespace chasm {

// A process of this machine, as the editor-running check sees it.
struct ProcessInfo
{
    qint64 pid = 0;
    // The executable: its full path where the system tells it, else its name.
    QString executable;
    // Launched as a helper of another process (Electron's --type=renderer, gpu-process, ...).
    bool helper = false;
};

// Whether an editor of the VS Code family runs, by the exact names of its executables on each system
// ("code", "Code.exe", ".../Visual Studio Code.app/Contents/MacOS/Electron"), never by a part of a name:
// "codex" and "Xcode" are not VS Code. An editor keeps its session index in memory and writes it back
// when it quits, so index writes made while it runs are lost: they wait until it is closed.
class EditorProcess
{
public:
    // Every process of this machine that can be seen; an error when the system would not tell.
    static Result<QList<ProcessInfo>> all();
    // The editor's main processes among `processes`, judged by `platform`'s executable names.
    static QList<ProcessInfo> find(Editor editor, Platform platform, const QList<ProcessInfo>& processes);
    // The editor's main processes running now.
    static Result<QList<ProcessInfo>> running(Editor editor);
    // Those of `editors` that run now, reading the process list once; all of them when the processes cannot
    // be listed (when in doubt, as if they ran).
    static QList<Editor> mayBeRunning(const QList<Editor>& editors);

    // The guard before an index write: an error naming the running editor and what to do (or saying that
    // the processes could not be listed), or, with `force`, a warning in `warnings` instead.
    static std::optional<Error> checkClosed(Editor editor, bool force, QStringList& warnings);

    // Asks the editor to quit as its own quit command would (SIGTERM to its main process on Linux and
    // macOS, a close request without /F on Windows) and waits until it is gone.
    static std::optional<Error> close(Editor editor, std::chrono::milliseconds timeout);
    // Starts the editor on a folder, detached.
    static std::optional<Error> open(Editor editor, const QString& folder);
};

} // namespace chasm
