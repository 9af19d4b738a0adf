// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#pragma once

// Programs the tests run as a user runs them, as child processes: `chasm` itself (the real binary,
// CHASM_CLI_BINARY, which each test that compiles this defines) in a HOME of the test's own, and the tools around it.

#include <QByteArray>
#include <QProcess>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>

namespace chasm::test {

// What a program run to its end did.
struct Ran
{
    bool started = false;
    bool finished = false; // false: still running at the time-out, and killed
    bool crashed = false;
    int exitCode = -1;
    QByteArray out;
    QByteArray err; // or why it did not start
    // How it ended and the end of what it wrote, for a failed check.
    QByteArray describe() const;
};

// `environment` with HOME = `home`, this process's PATH, and its CHASM_API_CAPTURE when set (tests/CMakeLists.txt).
QProcessEnvironment homeEnvironment(const QString& home, QProcessEnvironment environment = {});

// An environment holding where the test's Secret Service is: the session bus tests/with-keyring started (the tests
// that keep secrets run through it).
QProcessEnvironment withKeychain();

// Starts `chasm ARGS…` in `process` with homeEnvironment(home, environment), in `home`.
void startChasm(QProcess& process, const QString& home, const QStringList& args,
                const QProcessEnvironment& environment = {});

// Starts `chasm ARGS…` in `home` with exactly `environment` (NAME=value each), its standard input, output and error a
// new pseudo-terminal `columns` wide and 40 rows high (0: the system's default size), as a person at a terminal starts
// it. Its pid, and in `terminal` the other side of the pseudo-terminal, which the caller reads, writes and closes; -1
// when it could not start.
int startChasmOnTerminal(const QString& home, const QStringList& args, const QList<QByteArray>& environment,
                         int columns, int& terminal);
// `chasm ARGS…` as startChasmOnTerminal starts it, run to its end: all it showed on the terminal ("\r\n" read as
// "\n").
QByteArray runChasmOnTerminal(const QString& home, const QStringList& args, const QList<QByteArray>& environment,
                              int columns);

// Runs `program ARGS…` under `environment` (in `workingDirectory` when given), its standard input closed, until it
// ends or `timeoutMs` passed (then it is killed).
Ran run(const QString& program, const QStringList& args, const QProcessEnvironment& environment, int timeoutMs,
        const QString& workingDirectory = {});

// `chasm ARGS…` as startChasm starts it, run to its end as run() runs a program.
Ran runChasm(const QString& home, const QStringList& args, const QProcessEnvironment& environment = {},
             int timeoutMs = 30000);

} // namespace chasm::test
