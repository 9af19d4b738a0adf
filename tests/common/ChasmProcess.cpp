// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#include "ChasmProcess.h"

#include <QFile>

#if __has_include(<pty.h>)
#include <pty.h>
#include <sys/wait.h>
#include <unistd.h>

#include <vector>
#endif

using namespace Qt::StringLiterals;

namespace chasm::test {

#if __has_include(<pty.h>)
int startChasmOnTerminal(const QString& home, const QStringList& args, const QList<QByteArray>& environment,
                         int columns, int& terminal)
{
    QList<QByteArray> argv{QByteArrayLiteral(CHASM_CLI_BINARY)};
    for (const QString& arg : args) {
        argv << arg.toUtf8();
    }
    QList<QByteArray> env = environment;
    winsize size{};
    size.ws_row = 40;
    size.ws_col = quint16(columns);
    const pid_t pid = forkpty(&terminal, nullptr, nullptr, columns > 0 ? &size : nullptr);
    if (pid == 0) {
        std::vector<char*> a;
        for (QByteArray& arg : argv) {
            a.push_back(arg.data());
        }
        a.push_back(nullptr);
        std::vector<char*> e;
        for (QByteArray& variable : env) {
            e.push_back(variable.data());
        }
        e.push_back(nullptr);
        if (chdir(QFile::encodeName(home).constData()) != 0) {
            _exit(126);
        }
        execve(a[0], a.data(), e.data());
        _exit(127);
    }
    return pid;
}

QByteArray runChasmOnTerminal(const QString& home, const QStringList& args, const QList<QByteArray>& environment,
                              int columns)
{
    int fd = -1;
    const int pid = startChasmOnTerminal(home, args, environment, columns, fd);
    if (pid < 0) {
        return {};
    }
    QByteArray shown;
    char buffer[4096];
    for (;;) {
        const ssize_t n = read(fd, buffer, sizeof buffer);
        if (n <= 0) {
            break;
        }
        shown.append(buffer, n);
    }
    close(fd);
    waitpid(pid, nullptr, 0);
    return shown.replace("\r\n", "\n");
}
#endif

QByteArray Ran::describe() const
{
    const QByteArray how = !started    ? QByteArray("did not start")
                           : !finished ? QByteArray("still running at the time-out")
                           : crashed   ? QByteArray("crashed")
                                       : "exit " + QByteArray::number(exitCode);
    return how + "\nstdout: " + out.right(4000) + "\nstderr: " + err.right(4000);
}

QProcessEnvironment homeEnvironment(const QString& home, QProcessEnvironment environment)
{
    environment.insert(u"HOME"_s, home);
    environment.insert(u"PATH"_s, qEnvironmentVariable("PATH"));
    // Where `chasm api serve` records its answers for the check against docs/api/openapi.yaml, when CTest asks.
    if (qEnvironmentVariableIsSet("CHASM_API_CAPTURE") && !environment.contains(u"CHASM_API_CAPTURE"_s)) {
        environment.insert(u"CHASM_API_CAPTURE"_s, qEnvironmentVariable("CHASM_API_CAPTURE"));
    }
    return environment;
}

QProcessEnvironment withKeychain()
{
    QProcessEnvironment environment;
    environment.insert(u"DBUS_SESSION_BUS_ADDRESS"_s, qEnvironmentVariable("DBUS_SESSION_BUS_ADDRESS"));
    return environment;
}

void startChasm(QProcess& process, const QString& home, const QStringList& args, const QProcessEnvironment& environment)
{
    process.setProcessEnvironment(homeEnvironment(home, environment));
    process.setWorkingDirectory(home);
    process.start(QStringLiteral(CHASM_CLI_BINARY), args);
}

namespace {

Ran finish(QProcess& process, int timeoutMs)
{
    Ran ran;
    ran.started = process.waitForStarted();
    if (!ran.started) {
        ran.err = process.errorString().toUtf8();
        return ran;
    }
    process.closeWriteChannel();
    ran.finished = process.waitForFinished(timeoutMs);
    if (!ran.finished) {
        process.kill();
        process.waitForFinished();
    }
    ran.crashed = process.exitStatus() == QProcess::CrashExit;
    ran.exitCode = process.exitCode();
    ran.out = process.readAllStandardOutput();
    ran.err = process.readAllStandardError();
    return ran;
}

} // namespace

Ran run(const QString& program, const QStringList& args, const QProcessEnvironment& environment, int timeoutMs,
        const QString& workingDirectory)
{
    QProcess process;
    process.setProcessEnvironment(environment);
    if (!workingDirectory.isEmpty()) {
        process.setWorkingDirectory(workingDirectory);
    }
    process.start(program, args);
    return finish(process, timeoutMs);
}

Ran runChasm(const QString& home, const QStringList& args, const QProcessEnvironment& environment, int timeoutMs)
{
    QProcess process;
    startChasm(process, home, args, environment);
    return finish(process, timeoutMs);
}

} // namespace chasm::test
