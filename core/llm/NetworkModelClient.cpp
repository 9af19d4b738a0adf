// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#include "NetworkModelClient.h"

#include "llm/WireProtocol.h"

#include <QElapsedTimer>
#include <QEventLoop>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QThread>
#include <QTimer>

#include <algorithm>
#include <cmath>

using namespace Qt::StringLiterals;

namespace chasm {

namespace {

// A server's answer, even a hostile one, is read no further than this.
constexpr qint64 maxAnswerBytes = 64 * 1024 * 1024;
// Of an error answer, only the start is kept: its message.
constexpr qint64 maxErrorBodyBytes = 1024 * 1024;
// How often a waiting request looks at the cancel flag and the clock.
constexpr std::chrono::milliseconds pollInterval{20};
// More pages of a models listing than this: the server is looping.
constexpr int maxModelPages = 100;

bool cancelled(const CancelFlag* cancel)
{
    return cancel && cancel->load();
}

QString seconds(std::chrono::milliseconds duration)
{
    return QString::number(double(duration.count()) / 1000.0, 'g', 3) + u" s"_s;
}

// The address as messages show it: no user, password or query.
QString shown(const QUrl& url)
{
    return url.toString(QUrl::RemoveUserInfo | QUrl::RemoveQuery | QUrl::StripTrailingSlash);
}

// How one try of a request ended.
struct Attempt
{
    enum class End
    {
        Answered,  // a 2xx answer, read whole (or as far as the caller wanted)
        Cancelled, // by the caller's flag
        Retry,     // 429, 5xx, refused or reset before any byte of an answer: worth another try
        Failed,
    };
    End end = End::Failed;
    Error error;                                         // Retry, Failed
    std::optional<std::chrono::milliseconds> retryAfter; // Retry: what the server asked for
};

// One model server, one request at a time; the calls block their thread in an event loop of their own.
class NetworkModelClient final : public ModelClient
{
public:
    explicit NetworkModelClient(ModelEndpoint endpoint)
        : m_endpoint(std::move(endpoint))
        , m_protocol(wireProtocol(m_endpoint))
    {}

    Result<ChatAnswer> chat(const ChatRequest& request, const std::function<void(QStringView)>& onText,
                            const CancelFlag* cancel) override
    {
        if (request.model.isEmpty()) {
            return failure(Error{u"no model named: choose one of those the server lists"_s, ErrorKind::Invalid});
        }
        std::unique_ptr<AnswerDecoder> decoder;
        const auto sent = send(
            m_protocol->chat(request), [&] { decoder = m_protocol->decoder(request.stream, onText); },
            [&](QByteArrayView bytes) { return decoder->feed(bytes); }, cancel, request.model);
        if (!sent) {
            return sent.error();
        }
        if (*sent == Attempt::End::Cancelled) {
            ChatAnswer answer = decoder ? decoder->answer() : ChatAnswer{};
            answer.cancelled = true;
            answer.finishReason = u"cancelled"_s;
            if (answer.model.isEmpty()) {
                answer.model = request.model;
            }
            return answer;
        }
        if (const auto error = decoder->finish()) {
            return failure(*error);
        }
        ChatAnswer answer = decoder->answer();
        if (answer.model.isEmpty()) {
            answer.model = request.model;
        }
        return answer;
    }

    Result<QStringList> models(const CancelFlag* cancel) override
    {
        QStringList ids;
        QString token;
        for (int page = 0; page < maxModelPages; ++page) {
            QByteArray body;
            const auto sent = send(
                m_protocol->models(token), [&] { body.clear(); },
                [&](QByteArrayView bytes) {
                    body += bytes;
                    return std::optional<Error>();
                },
                cancel, {});
            if (!sent) {
                return sent.error();
            }
            if (*sent == Attempt::End::Cancelled) {
                return failure(Error{u"cancelled"_s, ErrorKind::Unavailable});
            }
            const auto listed = m_protocol->modelPage(body);
            if (!listed) {
                return failure(listed.error());
            }
            ids += listed->ids;
            token = listed->next;
            if (token.isEmpty()) {
                break;
            }
        }
        ids.removeAll(QString());
        ids.sort();
        ids.removeDuplicates();
        return ids;
    }

private:
    // The request, tried again as the endpoint allows: `start` is called before each try, `body` with the bytes of a
    // 2xx answer as they come (its error ends the request).
    Result<Attempt::End> send(const WireRequest& wire, const std::function<void()>& start,
                              const std::function<std::optional<Error>(QByteArrayView)>& body, const CancelFlag* cancel,
                              const QString& model)
    {
        QNetworkAccessManager network;
        std::chrono::milliseconds backoff = m_endpoint.firstBackoff;
        for (int attempt = 0;; ++attempt) {
            start();
            Attempt tried = once(network, wire, body, cancel, model);
            if (tried.end == Attempt::End::Answered || tried.end == Attempt::End::Cancelled) {
                return tried.end;
            }
            if (tried.end == Attempt::End::Failed || attempt >= m_endpoint.retries) {
                return failure(tried.error);
            }
            const std::chrono::milliseconds wait = std::min(tried.retryAfter.value_or(backoff), m_endpoint.maxBackoff);
            backoff = std::min(backoff * 2, m_endpoint.maxBackoff);
            QElapsedTimer waited;
            waited.start();
            while (waited.elapsed() < wait.count()) {
                if (cancelled(cancel)) {
                    return Attempt::End::Cancelled;
                }
                QThread::msleep(std::min<qint64>(pollInterval.count(), wait.count() - waited.elapsed()));
            }
        }
    }

    Attempt once(QNetworkAccessManager& network, const WireRequest& wire,
                 const std::function<std::optional<Error>(QByteArrayView)>& body, const CancelFlag* cancel,
                 const QString& model)
    {
        QNetworkRequest request(wire.url);
        for (const auto& [name, value] : wire.headers) {
            request.setRawHeader(name, value);
        }
        request.setHeader(QNetworkRequest::UserAgentHeader, QByteArray("chasm"));
        // The key goes with the request's headers: a redirect to another server would hand it over.
        request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::SameOriginRedirectPolicy);
        const std::unique_ptr<QNetworkReply> reply(wire.body.isEmpty() ? network.get(request)
                                                                       : network.post(request, wire.body));
        QEventLoop loop;
        QElapsedTimer quiet; // since the last byte
        quiet.start();
        bool wasCancelled = false;
        bool timedOut = false;
        bool delivered = false;
        qint64 received = 0;
        QByteArray errorBody;
        std::optional<Error> bodyError;

        const auto read = [&] {
            if (bodyError || !reply->isOpen()) {
                return;
            }
            const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
            const QByteArray bytes = reply->readAll();
            if (bytes.isEmpty()) {
                return;
            }
            quiet.restart();
            if (status < 200 || status >= 300) {
                errorBody += bytes.first(std::min<qint64>(bytes.size(), maxErrorBodyBytes - errorBody.size()));
                return;
            }
            received += bytes.size();
            if (received > maxAnswerBytes) {
                bodyError = Error{u"the answer is larger than %1 MiB"_s.arg(maxAnswerBytes / (1024 * 1024)),
                                  ErrorKind::TooLarge};
            } else {
                delivered = true;
                bodyError = body(bytes);
            }
            if (bodyError) {
                reply->abort();
            }
        };
        QObject::connect(reply.get(), &QNetworkReply::readyRead, &loop, read);
        QObject::connect(reply.get(), &QNetworkReply::metaDataChanged, &loop, [&] { quiet.restart(); });
        QObject::connect(reply.get(), &QNetworkReply::finished, &loop, &QEventLoop::quit);
        QTimer poll;
        poll.setInterval(pollInterval);
        QObject::connect(&poll, &QTimer::timeout, &loop, [&] {
            if (cancelled(cancel)) {
                wasCancelled = true;
                reply->abort();
            } else if (quiet.elapsed() >= m_endpoint.timeout.count()) {
                timedOut = true;
                reply->abort();
            }
        });
        poll.start();
        if (!reply->isFinished()) {
            loop.exec();
        }
        poll.stop();
        if (!wasCancelled && !timedOut) {
            read();
        }

        if (bodyError) {
            return {Attempt::End::Failed, *bodyError, {}};
        }
        if (wasCancelled) {
            return {Attempt::End::Cancelled, {}, {}};
        }
        if (timedOut) {
            return {Attempt::End::Failed,
                    Error{u"no answer for %1"_s.arg(seconds(m_endpoint.timeout)), ErrorKind::Unavailable},
                    {}};
        }
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        const QNetworkReply::NetworkError broke = reply->error();
        if (status == 0) {
            return unanswered(broke, reply->errorString(), wire.url);
        }
        if (status >= 200 && status < 300) {
            // A connection closed after some of the answer: whether that is all of it, the decoder tells (QtNetwork
            // takes a close that ends an answer without a length for an error once it has resent the request).
            if (broke == QNetworkReply::NoError || broke == QNetworkReply::OperationCanceledError ||
                (delivered && broke == QNetworkReply::RemoteHostClosedError)) {
                return {Attempt::End::Answered, {}, {}};
            }
            if (!delivered && broke == QNetworkReply::RemoteHostClosedError) {
                return {Attempt::End::Retry,
                        Error{u"the server closed the connection without an answer"_s, ErrorKind::Unavailable},
                        {}};
            }
            return {Attempt::End::Failed,
                    Error{u"the answer broke off: %1"_s.arg(reply->errorString()), ErrorKind::Unavailable},
                    {}};
        }
        Attempt answered{status == 429 || status >= 500 ? Attempt::End::Retry : Attempt::End::Failed,
                         statusError(status, errorBody, model,
                                     reply->attribute(QNetworkRequest::HttpReasonPhraseAttribute).toString()),
                         {}};
        bool ok = false;
        const qint64 retryAfter = reply->rawHeader("Retry-After").trimmed().toLongLong(&ok);
        if (ok && retryAfter >= 0) {
            answered.retryAfter = std::chrono::seconds(retryAfter);
        }
        return answered;
    }

    // No HTTP answer at all.
    Attempt unanswered(QNetworkReply::NetworkError network, const QString& why, const QUrl& url) const
    {
        const QString at = shown(m_endpoint.baseUrl);
        switch (network) {
        case QNetworkReply::ConnectionRefusedError:
            return {Attempt::End::Retry,
                    Error{u"no server answers at %1 (is it running?)"_s.arg(at), ErrorKind::Unavailable},
                    {}};
        case QNetworkReply::RemoteHostClosedError:
            return {
                Attempt::End::Retry,
                Error{u"the server at %1 closed the connection without an answer"_s.arg(at), ErrorKind::Unavailable},
                {}};
        case QNetworkReply::HostNotFoundError:
            return {
                Attempt::End::Failed,
                Error{u"cannot find the host %1 (check the address %2)"_s.arg(url.host(), at), ErrorKind::Unavailable},
                {}};
        case QNetworkReply::SslHandshakeFailedError:
            return {Attempt::End::Failed,
                    Error{u"the TLS connection to %1 failed: %2"_s.arg(at, why), ErrorKind::Unavailable},
                    {}};
        default:
            return {Attempt::End::Failed, Error{u"cannot reach %1: %2"_s.arg(at, why), ErrorKind::Unavailable}, {}};
        }
    }

    Error statusError(int status, const QByteArray& body, const QString& model, const QString& reason) const
    {
        if (status == 401 || status == 403) {
            return Error{(m_endpoint.apiKey.isEmpty() ? u"the server wants an API key (%1): set one with chasm "
                                                        u"provider config %2 --api-key -"_s
                                                      : u"the API key was refused (%1): set one with chasm provider "
                                                        u"config %2 --api-key -"_s)
                             .arg(status)
                             .arg(m_endpoint.provider),
                         ErrorKind::Invalid};
        }
        if (status == 404 && !model.isEmpty()) {
            return Error{u"unknown model '%1' (404)"_s.arg(model), ErrorKind::NotFound};
        }
        QString message = apiErrorMessage(body);
        if (message.isEmpty()) {
            message = reason.isEmpty() ? u"no message"_s : reason;
        }
        if (status == 404) {
            return Error{
                u"nothing answers at %1 (404: %2): check the address"_s.arg(shown(m_endpoint.baseUrl), message),
                ErrorKind::NotFound};
        }
        return Error{u"the server answered %1: %2"_s.arg(status).arg(message),
                     status == 429 || status >= 500 ? ErrorKind::Unavailable : ErrorKind::Invalid};
    }

    // An error as the caller gets it: naming the provider, never holding the key.
    Error failure(Error error) const
    {
        QString message = m_endpoint.provider.isEmpty() ? error.message : m_endpoint.provider + u": "_s + error.message;
        const QString key = QString::fromUtf8(m_endpoint.apiKey);
        if (!key.isEmpty()) {
            message.replace(key, u"[API key]"_s);
        }
        return Error{message, error.kind};
    }

    ModelEndpoint m_endpoint;
    std::unique_ptr<WireProtocol> m_protocol;
};

std::unique_ptr<ModelClient> openNetworkModelClient(const ModelEndpoint& endpoint)
{
    return std::make_unique<NetworkModelClient>(endpoint);
}

} // namespace

const ModelLibrary& networkModelLibrary()
{
    static const ModelLibrary library{&openNetworkModelClient};
    return library;
}

} // namespace chasm
