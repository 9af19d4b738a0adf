// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#include "HttpClient.h"

#include <QNetworkAccessManager>
#include <QNetworkRequest>
#include <QSignalSpy>

#include <memory>

namespace chasm::test {

HttpReply httpRequest(const QByteArray& method, const QUrl& url, const QByteArray& token, const QByteArray& body,
                      int timeoutMs)
{
    QNetworkAccessManager manager;
    QNetworkRequest request(url);
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    if (!token.isEmpty()) {
        request.setRawHeader("Authorization", "Bearer " + token);
    }
    if (!body.isEmpty()) {
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    }
    const std::unique_ptr<QNetworkReply> reply(manager.sendCustomRequest(request, method, body));
    QSignalSpy finished(reply.get(), &QNetworkReply::finished);
    HttpReply answer;
    if (!reply->isFinished() && !finished.wait(timeoutMs)) {
        answer.error = QNetworkReply::TimeoutError;
        return answer;
    }
    answer.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    answer.error = reply->error();
    answer.body = reply->readAll();
    return answer;
}

} // namespace chasm::test
