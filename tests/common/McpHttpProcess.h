// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#pragma once

// `chasm mcp serve --http --port 0 …` as a real child process, for the tests that talk to it over HTTP.

#include <QByteArray>
#include <QProcess>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>

namespace chasm::test {

class McpHttpProcess
{
public:
    // The server is stopped (SIGTERM, then killed) when this goes.
    McpHttpProcess() = default;
    ~McpHttpProcess();
    Q_DISABLE_COPY_MOVE(McpHttpProcess)

    // Starts `chasm mcp serve --http --port 0 EXTRA…` as startChasm does (in `home`, with `environment`), and waits
    // until it says where it serves. False when it did not (err() tells why).
    bool start(const QString& home, const QStringList& extra = {}, const QProcessEnvironment& environment = {});
    // The same with other arguments (`api serve --port 0 …`, which serves /mcp too).
    bool startWith(const QString& home, const QStringList& arguments, const QProcessEnvironment& environment = {});

    QString url() const { return m_url; } // http://127.0.0.1:PORT/mcp
    quint16 port() const { return m_port; }
    // Its standard error so far.
    QByteArray err();
    QProcess& process() { return m_process; }

private:
    QProcess m_process;
    QByteArray m_err;
    QString m_url;
    quint16 m_port = 0;
};

} // namespace chasm::test
