// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#include "ResponseCapture.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>

namespace chasm::http {

std::shared_ptr<ResponseCapture> ResponseCapture::fromEnvironment()
{
    const QString file = qEnvironmentVariable("CHASM_API_CAPTURE");
    return file.isEmpty() ? nullptr : std::make_shared<ResponseCapture>(file);
}

ResponseCapture::ResponseCapture(QString file)
    : m_file(std::move(file))
{
    QDir().mkpath(QFileInfo(m_file).absolutePath());
}

void ResponseCapture::record(const HttpRequest& request, int status, const HttpHeaders& headers, const QByteArray& body)
{
    QJsonObject sent;
    for (const auto& [name, value] : headers) {
        sent.insert(QString::fromLatin1(name).toLower(), QString::fromLatin1(value));
    }
    const QJsonObject line{{QStringLiteral("method"), QString::fromLatin1(request.method)},
                           {QStringLiteral("path"), QString::fromUtf8(request.path)},
                           {QStringLiteral("query"), QString::fromUtf8(request.query)},
                           {QStringLiteral("status"), status},
                           {QStringLiteral("content_type"), sent.value(QStringLiteral("content-type"))},
                           {QStringLiteral("headers"), sent},
                           {QStringLiteral("body"), QString::fromUtf8(body)}};
    // One unbuffered write per line: the servers of a test append to the same file at once.
    const std::lock_guard lock(m_mutex);
    QFile file(m_file);
    if (file.open(QIODevice::WriteOnly | QIODevice::Append | QIODevice::Unbuffered)) {
        file.write(QJsonDocument(line).toJson(QJsonDocument::Compact) + '\n');
    }
}

} // namespace chasm::http
