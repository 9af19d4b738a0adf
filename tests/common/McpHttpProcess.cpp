// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#include "McpHttpProcess.h"

#include "ChasmProcess.h"

#include <QDeadlineTimer>
#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace chasm::test {

McpHttpProcess::~McpHttpProcess()
{
    if (m_process.state() != QProcess::NotRunning) {
        m_process.terminate();
        if (!m_process.waitForFinished(10000)) {
            m_process.kill();
            m_process.waitForFinished();
        }
    }
}

bool McpHttpProcess::start(const QString& home, const QStringList& extra, const QProcessEnvironment& environment)
{
    return startWith(home, QStringList{u"mcp"_s, u"serve"_s, u"--http"_s, u"--port"_s, u"0"_s} + extra, environment);
}

bool McpHttpProcess::startWith(const QString& home, const QStringList& arguments,
                               const QProcessEnvironment& environment)
{
    startChasm(m_process, home, arguments, environment);
    if (!m_process.waitForStarted()) {
        m_err = m_process.errorString().toUtf8();
        return false;
    }
    // The address it serves is on its standard error once it listens.
    static const QRegularExpression served(uR"(http://[^\s/]+:(\d+)/mcp)"_s);
    QDeadlineTimer deadline(20000);
    while (!deadline.hasExpired()) {
        m_err += m_process.readAllStandardError();
        if (const auto match = served.match(QString::fromUtf8(m_err)); match.hasMatch()) {
            m_url = match.captured();
            m_port = quint16(match.captured(1).toUInt());
            return true;
        }
        if (m_process.state() == QProcess::NotRunning) {
            return false;
        }
        m_process.waitForReadyRead(200);
    }
    return false;
}

QByteArray McpHttpProcess::err()
{
    m_err += m_process.readAllStandardError();
    return m_err;
}

} // namespace chasm::test
