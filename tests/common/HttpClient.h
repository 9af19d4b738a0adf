// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#pragma once

// Requests sent the way an HTTP client program sends them (Qt's QNetworkAccessManager), for the tests that talk to
// `chasm api serve` or to the app's embedded server. The request is waited for while this thread's events run, so
// a server in this very process (the app's) answers too.

#include <QByteArray>
#include <QNetworkReply>
#include <QUrl>

namespace chasm::test {

struct HttpReply
{
    int status = 0; // 0: no answer (the connection was refused, or the time ran out)
    QNetworkReply::NetworkError error = QNetworkReply::NoError;
    QByteArray body;
};

// `method` to `url` with `Authorization: Bearer TOKEN` when `token` is not empty, and `body` as JSON.
HttpReply httpRequest(const QByteArray& method, const QUrl& url, const QByteArray& token = {},
                      const QByteArray& body = {}, int timeoutMs = 30000);

} // namespace chasm::test
