// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#include "EditorProcess.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QThread>

#ifdef Q_OS_UNIX
#include <csignal>
#include <sys/types.h>
#endif

using namespace Qt::StringLiterals;

namespace chasm {

namespace {

// Linux and Windows: the executable's file name. macOS: the app bundle, whose main executable lives
// in <bundle>/Contents/MacOS/ (its helpers live under Contents/Frameworks/ and do not match).
QStringList executableNames(Editor editor, Platform platform)
{
    switch (platform) {
    case Platform::Linux:
        switch (editor) {
        case Editor::Code:
            return {u"code"_s};
        case Editor::CodeInsiders:
            return {u"code-insiders"_s};
        case Editor::VSCodium:
            return {u"codium"_s, u"vscodium"_s};
        case Editor::Cursor:
            return {u"cursor"_s, u"Cursor"_s};
        case Editor::Windsurf:
            return {u"windsurf"_s, u"Windsurf"_s};
        }
        break;
    case Platform::Windows:
        switch (editor) {
        case Editor::Code:
            return {u"Code.exe"_s};
        case Editor::CodeInsiders:
            return {u"Code - Insiders.exe"_s};
        case Editor::VSCodium:
            return {u"VSCodium.exe"_s};
        case Editor::Cursor:
            return {u"Cursor.exe"_s};
        case Editor::Windsurf:
            return {u"Windsurf.exe"_s};
        }
        break;
    case Platform::MacOS:
        switch (editor) {
        case Editor::Code:
            return {u"Visual Studio Code.app"_s};
        case Editor::CodeInsiders:
            return {u"Visual Studio Code - Insiders.app"_s};
        case Editor::VSCodium:
            return {u"VSCodium.app"_s};
        case Editor::Cursor:
            return {u"Cursor.app"_s};
        case Editor::Windsurf:
            return {u"Windsurf.app"_s};
        }
        break;
    }
    return {};
}

bool matches(const ProcessInfo& process, const QStringList& names, Platform platform)
{
    if (platform == Platform::MacOS) {
        for (const QString& bundle : names) {
            if (process.executable.contains(u'/' + bundle + u"/Contents/MacOS/"_s)) {
                return true;
            }
        }
        return false;
    }
    const QString separators = platform == Platform::Windows ? u"/\\"_s : u"/"_s;
    qsizetype slash = -1;
    for (const QChar separator : separators) {
        slash = std::max(slash, process.executable.lastIndexOf(separator));
    }
    const QString name = process.executable.mid(slash + 1);
    return names.contains(name, platform == Platform::Windows ? Qt::CaseInsensitive : Qt::CaseSensitive);
}

#if defined(Q_OS_LINUX)
Result<QList<ProcessInfo>> listProcesses()
{
    QList<ProcessInfo> processes;
    const QStringList entries = QDir(u"/proc"_s).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    for (const QString& entry : entries) {
        bool number = false;
        const qint64 pid = entry.toLongLong(&number);
        if (!number) {
            continue;
        }
        const QString folder = u"/proc/"_s + entry;
        QFile stat(folder + u"/stat"_s);
        if (stat.open(QIODevice::ReadOnly)) {
            // "pid (name) S ...": a zombie (Z) has exited already, only its parent has not reaped it.
            const QByteArray fields = stat.readAll();
            const qsizetype close = fields.lastIndexOf(')');
            if (close >= 0 && fields.mid(close + 2, 1) == "Z") {
                continue;
            }
        }
        ProcessInfo process{pid, QFileInfo(folder + u"/exe"_s).symLinkTarget(), false};
        QFile cmdline(folder + u"/cmdline"_s);
        if (cmdline.open(QIODevice::ReadOnly)) {
            const QList<QByteArray> arguments = cmdline.readAll().split('\0');
            process.helper = std::any_of(arguments.cbegin(), arguments.cend(),
                                         [](const QByteArray& a) { return a.startsWith("--type="); });
            if (process.executable.isEmpty() && !arguments.isEmpty()) {
                process.executable = QString::fromLocal8Bit(arguments.first());
            }
        }
        if (process.executable.isEmpty()) {
            // Another user's process: only its name (the first 15 bytes) can be read.
            QFile comm(folder + u"/comm"_s);
            if (comm.open(QIODevice::ReadOnly)) {
                process.executable = QString::fromLocal8Bit(comm.readAll().trimmed());
            }
        }
        if (!process.executable.isEmpty()) {
            processes.append(process);
        }
    }
    if (processes.isEmpty()) {
        return Error{u"cannot list the running programs: /proc shows none"_s};
    }
    return processes;
}
#else
// macOS: `ps` gives each executable's full path; Windows: `tasklist` its image name.
Result<QList<ProcessInfo>> listProcesses()
{
    QProcess ps;
#if defined(Q_OS_WIN)
    ps.start(u"tasklist"_s, {u"/fo"_s, u"csv"_s, u"/nh"_s});
#else
    ps.start(u"ps"_s, {u"-axww"_s, u"-o"_s, u"pid=,args="_s});
#endif
    if (!ps.waitForFinished(10000) || ps.exitStatus() != QProcess::NormalExit || ps.exitCode() != 0) {
        return Error{u"cannot list the running programs (%1 failed: %2)"_s.arg(ps.program(), ps.errorString())};
    }
    QList<ProcessInfo> processes;
    const QStringList lines = QString::fromLocal8Bit(ps.readAllStandardOutput()).split(u'\n', Qt::SkipEmptyParts);
    for (const QString& line : lines) {
#if defined(Q_OS_WIN)
        const QStringList fields = line.trimmed().mid(1).chopped(1).split(u"\",\""_s);
        if (fields.size() >= 2) {
            processes.append({fields.at(1).toLongLong(), fields.at(0), false});
        }
#else
        const QString trimmed = line.trimmed();
        const qsizetype space = trimmed.indexOf(u' ');
        const QString arguments = trimmed.mid(space + 1);
        // The executable path may hold spaces ("Visual Studio Code.app"): it ends where options start.
        const qsizetype options = arguments.indexOf(u" -"_s);
        processes.append({trimmed.left(space).toLongLong(), options < 0 ? arguments : arguments.left(options),
                          arguments.contains(u" --type="_s)});
#endif
    }
    return processes;
}
#endif

} // namespace

Result<QList<ProcessInfo>> EditorProcess::all()
{
    return listProcesses();
}

QList<ProcessInfo> EditorProcess::find(Editor editor, Platform platform, const QList<ProcessInfo>& processes)
{
    const QStringList names = executableNames(editor, platform);
    QList<ProcessInfo> found;
    for (const ProcessInfo& process : processes) {
        if (!process.helper && matches(process, names, platform)) {
            found.append(process);
        }
    }
    return found;
}

Result<QList<ProcessInfo>> EditorProcess::running(Editor editor)
{
    auto processes = all();
    if (!processes) {
        return processes.error();
    }
    return find(editor, hostPlatform, *processes);
}

QList<Editor> EditorProcess::mayBeRunning(const QList<Editor>& editors)
{
    const auto processes = all();
    QList<Editor> running;
    for (Editor editor : editors) {
        if (!processes || !find(editor, hostPlatform, *processes).isEmpty()) {
            running.append(editor);
        }
    }
    return running;
}

std::optional<Error> EditorProcess::checkClosed(Editor editor, bool force, QStringList& warnings)
{
    const EditorInfo& info = editorInfo(editor);
    const auto found = running(editor);
    if (!found) {
        const QString message =
            u"Chasm cannot tell whether %1 is running (%2)"_s.arg(info.displayName, found.error().message);
        if (force) {
            warnings << message;
            return std::nullopt;
        }
        return Error{message + u": close it yourself and use --force"_s, ErrorKind::Conflict};
    }
    const QList<ProcessInfo>& processes = *found;
    if (processes.isEmpty()) {
        return std::nullopt;
    }
    if (force) {
        warnings << u"%1 is running (process %2): it keeps the session index in memory and will overwrite "
                    "this change when it quits (--force was given)"_s.arg(info.displayName)
                        .arg(processes.first().pid);
        return std::nullopt;
    }
    return Error{u"%1 is running (process %2, %3): it would overwrite the session index when it quits. Close it "
                 "first, or use --close-vscode (and --reopen), or --force to write anyway"_s.arg(info.displayName)
                     .arg(processes.first().pid)
                     .arg(processes.first().executable),
                 ErrorKind::Conflict};
}

std::optional<Error> EditorProcess::close(Editor editor, std::chrono::milliseconds timeout)
{
    const auto processes = running(editor);
    if (!processes) {
        return processes.error();
    }
    for (const ProcessInfo& process : *processes) {
#if defined(Q_OS_WIN)
        QProcess::execute(u"taskkill"_s, {u"/PID"_s, QString::number(process.pid)});
#else
        ::kill(pid_t(process.pid), SIGTERM);
#endif
    }
    QElapsedTimer timer;
    timer.start();
    for (auto now = running(editor); !now || !now->isEmpty(); now = running(editor)) {
        if (timer.elapsed() > timeout.count()) {
            return Error{
                u"%1 did not quit within %2 s; close it yourself and try again"_s.arg(editorInfo(editor).displayName)
                    .arg(timeout.count() / 1000)};
        }
        QThread::msleep(200);
    }
    return std::nullopt;
}

std::optional<Error> EditorProcess::open(Editor editor, const QString& folder)
{
    const EditorInfo& info = editorInfo(editor);
    if (!QProcess::startDetached(info.command, {folder})) {
        return Error{
            u"cannot start %1 (%2 %3): is its command on the PATH?"_s.arg(info.displayName, info.command, folder)};
    }
    return std::nullopt;
}

} // namespace chasm
