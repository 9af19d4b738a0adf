// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#include "PageClient.h"

#include <QEventLoop>
#include <QHostAddress>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace chasm::http {

namespace {

bool isLoopback(const QUrl& url)
{
    const QString host = url.host().toLower();
    return host == u"localhost"_s || QHostAddress(host).isLoopback();
}

bool sameOrigin(const QUrl& a, const QUrl& b)
{
    return a.scheme().compare(b.scheme(), Qt::CaseInsensitive) == 0 &&
           a.host().compare(b.host(), Qt::CaseInsensitive) == 0 && a.port() == b.port();
}

// Where a page may lead: https anywhere; from a page on this machine, nowhere else than its own origin.
bool mayFollow(const QUrl& start, const QUrl& to)
{
    return isLoopback(start) ? sameOrigin(start, to) : to.scheme().compare(u"https"_s, Qt::CaseInsensitive) == 0;
}

} // namespace

Result<HttpAnswer> PageClient::get(const HttpRequest& request)
{
    const QUrl& start = request.url;
    const bool https = start.scheme().compare(u"https"_s, Qt::CaseInsensitive) == 0;
    if (!https && !(start.scheme().compare(u"http"_s, Qt::CaseInsensitive) == 0 && isLoopback(start))) {
        return Error{u"only https is fetched (plain http only from this machine)"_s, ErrorKind::Invalid};
    }
    QNetworkAccessManager manager;
    QNetworkRequest asked(start);
    asked.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::UserVerifiedRedirectPolicy);
    asked.setMaximumRedirectsAllowed(10);
    asked.setHeader(QNetworkRequest::UserAgentHeader, u"Chasm (share link import)"_s);
    asked.setRawHeader("Accept", "text/html, application/json;q=0.9, */*;q=0.8");
    std::unique_ptr<QNetworkReply> reply(manager.get(asked));
    HttpAnswer answer;
    std::optional<Error> failure;
    const auto stop = [&](Error error) {
        if (!failure) {
            failure = std::move(error);
        }
        reply->abort();
    };
    QEventLoop loop;
    QObject::connect(reply.get(), &QNetworkReply::redirected, &loop, [&](const QUrl& to) {
        if (mayFollow(start, to)) {
            emit reply->redirectAllowed();
        } else {
            stop(Error{u"it redirects to %1, which is not followed (%2)"_s.arg(
                           to.toDisplayString(QUrl::RemoveUserInfo | QUrl::RemoveQuery),
                           isLoopback(start) ? u"another origin"_s : u"not https"_s),
                       ErrorKind::Invalid});
        }
    });
    const auto tooLarge = [&] {
        stop(Error{u"the page is larger than %1 MiB"_s.arg(request.maxBytes / (1024 * 1024)), ErrorKind::TooLarge});
    };
    QObject::connect(reply.get(), &QNetworkReply::metaDataChanged, &loop, [&] {
        const QVariant length = reply->header(QNetworkRequest::ContentLengthHeader);
        if (request.maxBytes > 0 && length.isValid() && length.toLongLong() > request.maxBytes &&
            reply->attribute(QNetworkRequest::RedirectionTargetAttribute).isNull()) {
            tooLarge();
        }
    });
    QObject::connect(reply.get(), &QNetworkReply::readyRead, &loop, [&] {
        answer.body += reply->readAll();
        if (request.maxBytes > 0 && answer.body.size() > request.maxBytes) {
            tooLarge();
        }
    });
    QObject::connect(reply.get(), &QNetworkReply::finished, &loop, &QEventLoop::quit);
    QTimer deadline;
    deadline.setSingleShot(true);
    QObject::connect(&deadline, &QTimer::timeout, &loop, [&] {
        stop(Error{u"no whole answer within %1 s"_s.arg(request.timeout.count() / 1000.0), ErrorKind::Unavailable});
    });
    deadline.start(request.timeout);
    if (!reply->isFinished()) {
        loop.exec();
    }
    if (failure) {
        return *failure;
    }
    answer.body += reply->readAll();
    const QVariant status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute);
    if (!status.isValid()) {
        return Error{reply->errorString(), ErrorKind::Unavailable};
    }
    answer.status = status.toInt();
    answer.contentType = reply->rawHeader("Content-Type");
    return answer;
}

} // namespace chasm::http
