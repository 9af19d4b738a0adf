// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#include "ChasmProcess.h"

using namespace Qt::StringLiterals;

namespace chasm::test {

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
