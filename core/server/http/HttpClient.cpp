// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#include "HttpClient.h"

#include <QDeadlineTimer>
#include <QSslSocket>
#include <QTcpSocket>

#include <optional>

using namespace Qt::StringLiterals;

namespace chasm::http {

namespace {

constexpr qsizetype maxHeadBytes = 64 * 1024;
constexpr qsizetype maxChunkLineBytes = 1024;
constexpr qint64 readPiece = 1024 * 1024;

QString sizeText(qint64 bytes)
{
    return bytes >= 1024 * 1024 && bytes % (1024 * 1024) == 0 ? u"%1 MiB"_s.arg(bytes / (1024 * 1024))
                                                              : u"%1 bytes"_s.arg(bytes);
}

Error notHttp(const QString& why)
{
    return Error{u"the answer is not HTTP: %1"_s.arg(why), ErrorKind::Invalid};
}

Error tooLarge(qint64 maxBytes)
{
    return Error{u"the answer is larger than %1"_s.arg(sizeText(maxBytes)), ErrorKind::TooLarge};
}

// An answer as it comes in, a piece at a time: the head, then the body in whichever framing the head says.
class AnswerReader
{
public:
    explicit AnswerReader(qint64 maxBytes)
        : m_maxBytes(maxBytes)
    {}

    std::optional<Error> take(const QByteArray& bytes)
    {
        m_pending += bytes;
        while (m_stage != Stage::Done) {
            const auto progress = step();
            if (!progress) {
                return progress.error();
            }
            if (!*progress) {
                break;
            }
        }
        return std::nullopt;
    }

    // At the end of the connection: whether what came is a whole answer.
    std::optional<Error> end()
    {
        if (m_stage == Stage::Body && m_untilClose) {
            m_stage = Stage::Done;
        }
        if (m_stage != Stage::Done) {
            return Error{u"the connection closed before the whole answer came"_s, ErrorKind::Unavailable};
        }
        return std::nullopt;
    }

    bool done() const { return m_stage == Stage::Done; }
    HttpAnswer& answer() { return m_answer; }

private:
    enum class Stage
    {
        Head,
        Body,
        ChunkSize,
        ChunkData,
        ChunkEnd,
        Trailer,
        Done,
    };

    // One step over what is pending: whether it went on (false: more bytes are needed).
    Result<bool> step()
    {
        switch (m_stage) {
        case Stage::Head:
            return head();
        case Stage::Body:
        case Stage::ChunkData: {
            const qint64 n = m_untilClose ? m_pending.size() : std::min<qint64>(m_remaining, m_pending.size());
            if (n == 0 && (m_untilClose || m_remaining > 0)) {
                return false;
            }
            if (m_answer.body.size() + n > m_maxBytes) {
                return tooLarge(m_maxBytes);
            }
            m_answer.body += m_pending.first(n);
            m_pending.remove(0, n);
            if (!m_untilClose) {
                m_remaining -= n;
                if (m_remaining == 0) {
                    m_stage = m_stage == Stage::Body ? Stage::Done : Stage::ChunkEnd;
                }
            }
            return true;
        }
        case Stage::ChunkEnd:
            if (m_pending.size() < 2) {
                return false;
            }
            if (!m_pending.startsWith("\r\n")) {
                return notHttp(u"a chunk does not end where its size says"_s);
            }
            m_pending.remove(0, 2);
            m_stage = Stage::ChunkSize;
            return true;
        case Stage::ChunkSize:
        case Stage::Trailer: {
            const qsizetype eol = m_pending.indexOf("\r\n");
            if (eol < 0) {
                if (m_pending.size() > maxChunkLineBytes) {
                    return notHttp(u"a chunk's size line is too long"_s);
                }
                return false;
            }
            const QByteArray line = m_pending.first(eol);
            m_pending.remove(0, eol + 2);
            if (m_stage == Stage::Trailer) {
                if (line.isEmpty()) {
                    m_stage = Stage::Done;
                }
                return true;
            }
            bool ok = false;
            const qint64 size = line.split(';').constFirst().trimmed().toLongLong(&ok, 16);
            if (!ok || size < 0) {
                return notHttp(u"a chunk's size is not a hexadecimal number"_s);
            }
            if (size == 0) {
                m_stage = Stage::Trailer;
            } else if (m_answer.body.size() + size > m_maxBytes) {
                return tooLarge(m_maxBytes);
            } else {
                m_remaining = size;
                m_stage = Stage::ChunkData;
            }
            return true;
        }
        case Stage::Done:
            return false;
        }
        return false;
    }

    Result<bool> head()
    {
        const qsizetype end = m_pending.indexOf("\r\n\r\n");
        if (end < 0) {
            if (m_pending.size() > maxHeadBytes) {
                return notHttp(u"its head is larger than %1"_s.arg(sizeText(maxHeadBytes)));
            }
            if (!m_pending.isEmpty() &&
                !QByteArray("HTTP/").startsWith(m_pending.first(std::min<qsizetype>(5, m_pending.size())))) {
                return notHttp(u"it does not start with HTTP/"_s);
            }
            return false;
        }
        const QList<QByteArray> lines = m_pending.first(end).split('\n');
        m_pending.remove(0, end + 4);
        const QList<QByteArray> status = lines.constFirst().trimmed().split(' ');
        bool ok = false;
        m_answer.status = status.size() >= 2 ? status.at(1).toInt(&ok) : 0;
        if (!status.constFirst().startsWith("HTTP/1.") || !ok || m_answer.status < 100 || m_answer.status > 599) {
            return notHttp(u"its status line is not one"_s);
        }
        std::optional<qint64> length;
        bool chunked = false;
        for (qsizetype i = 1; i < lines.size(); ++i) {
            const QByteArray& line = lines.at(i);
            const qsizetype colon = line.indexOf(':');
            if (colon <= 0) {
                return notHttp(u"a header line has no name"_s);
            }
            const QByteArray name = line.first(colon).trimmed().toLower();
            const QByteArray value = line.mid(colon + 1).trimmed();
            if (name == "content-type") {
                m_answer.contentType = value;
            } else if (name == "content-length") {
                length = value.toLongLong(&ok);
                if (!ok || *length < 0) {
                    return notHttp(u"its Content-Length is not a number"_s);
                }
            } else if (name == "transfer-encoding") {
                chunked = value.toLower().endsWith("chunked");
            }
        }
        if (m_answer.status < 200) { // an interim answer (100 Continue): the real one follows
            m_answer = {};
            return true;
        }
        if (chunked) {
            m_stage = Stage::ChunkSize;
        } else if (m_answer.status == 204 || m_answer.status == 304) {
            m_stage = Stage::Done;
        } else if (length) {
            if (*length > m_maxBytes) {
                return tooLarge(m_maxBytes);
            }
            m_remaining = *length;
            m_stage = *length == 0 ? Stage::Done : Stage::Body;
        } else {
            m_untilClose = true;
            m_stage = Stage::Body;
        }
        return true;
    }

    const qint64 m_maxBytes;
    Stage m_stage = Stage::Head;
    QByteArray m_pending;
    qint64 m_remaining = 0;
    bool m_untilClose = false;
    HttpAnswer m_answer;
};

QString seconds(std::chrono::milliseconds timeout)
{
    return timeout.count() % 1000 == 0 ? u"%1 s"_s.arg(timeout.count() / 1000) : u"%1 ms"_s.arg(timeout.count());
}

Error socketError(const QTcpSocket& socket, const HttpRequest& request)
{
    switch (socket.error()) {
    case QAbstractSocket::ConnectionRefusedError:
        return Error{u"connection refused (is the server running?)"_s, ErrorKind::Unavailable};
    case QAbstractSocket::HostNotFoundError:
        return Error{u"host %1 not found"_s.arg(request.url.host()), ErrorKind::Unavailable};
    case QAbstractSocket::SocketTimeoutError:
        return Error{u"no answer within %1"_s.arg(seconds(request.timeout)), ErrorKind::Unavailable};
    case QAbstractSocket::RemoteHostClosedError:
        return Error{u"the connection closed before the whole answer came"_s, ErrorKind::Unavailable};
    default:
        return Error{socket.errorString(), ErrorKind::Unavailable};
    }
}

QByteArray requestHead(const HttpRequest& request)
{
    const QUrl& url = request.url;
    QByteArray target = url.path(QUrl::FullyEncoded).toLatin1();
    if (target.isEmpty()) {
        target = "/";
    }
    if (url.hasQuery()) {
        target += '?' + url.query(QUrl::FullyEncoded).toLatin1();
    }
    QByteArray host = url.host(QUrl::FullyEncoded).toLatin1();
    if (host.contains(':')) {
        host = '[' + host + ']';
    }
    if (url.port() != -1) {
        host += ':' + QByteArray::number(url.port());
    }
    QByteArray head = request.method + ' ' + target + " HTTP/1.1\r\nHost: " + host +
                      "\r\nAccept: application/json\r\nConnection: close\r\nUser-Agent: chasm/" CHASM_VERSION "\r\n";
    if (!request.bearerToken.isEmpty()) {
        head += "Authorization: Bearer " + request.bearerToken + "\r\n";
    }
    if (!request.body.isEmpty() || request.method == "POST") {
        head += "Content-Type: " +
                (request.contentType.isEmpty() ? QByteArray("application/octet-stream") : request.contentType) +
                "\r\nContent-Length: " + QByteArray::number(request.body.size()) + "\r\n";
    }
    return head + "\r\n";
}

} // namespace

Result<HttpAnswer> HttpClient::send(const HttpRequest& request)
{
    const QUrl& url = request.url;
    const bool tls = url.scheme() == QLatin1StringView("https");
    if ((!tls && url.scheme() != QLatin1StringView("http")) || url.host().isEmpty()) {
        return Error{u"the server's address is http[s]://HOST[:PORT][/PATH], not %1"_s.arg(url.toDisplayString()),
                     ErrorKind::Invalid};
    }
    if (request.method != "GET" && request.method != "POST") {
        return Error{u"the method %1 is not one the client sends"_s.arg(QString::fromLatin1(request.method)),
                     ErrorKind::Invalid};
    }
    for (const QByteArray* field : {&request.bearerToken, &request.contentType}) {
        if (field->contains('\r') || field->contains('\n')) {
            return Error{u"a header value holds a line break"_s, ErrorKind::Invalid};
        }
    }
    if (tls && !QSslSocket::supportsSsl()) {
        return Error{u"https needs TLS, which this Qt cannot load (%1)"_s.arg(QSslSocket::activeBackend()),
                     ErrorKind::Unavailable};
    }
    const QDeadlineTimer deadline(request.timeout);
    const auto left = [&deadline] { return int(std::max<qint64>(1, deadline.remainingTime())); };
    QSslSocket socket;
    if (tls) {
        // The certificate is checked against the system's authorities and the host's name (QSslSocket's default).
        socket.connectToHostEncrypted(url.host(), quint16(url.port(443)));
        if (!socket.waitForEncrypted(left())) {
            if (!socket.sslHandshakeErrors().isEmpty()) {
                return Error{u"the server's certificate was refused: %1"_s.arg(
                                 socket.sslHandshakeErrors().constFirst().errorString()),
                             ErrorKind::Unavailable};
            }
            return socketError(socket, request);
        }
    } else {
        socket.connectToHost(url.host(), quint16(url.port(80)));
        if (!socket.waitForConnected(left())) {
            return socketError(socket, request);
        }
    }
    socket.write(requestHead(request) + request.body);
    while (socket.bytesToWrite() > 0) {
        if (!socket.waitForBytesWritten(left())) {
            return socketError(socket, request);
        }
    }
    AnswerReader reader(request.maxBytes);
    while (!reader.done()) {
        if (socket.bytesAvailable() == 0 && !socket.waitForReadyRead(left())) {
            if (socket.error() == QAbstractSocket::RemoteHostClosedError ||
                socket.state() == QAbstractSocket::UnconnectedState) {
                if (auto error = reader.end()) {
                    return *error;
                }
                break;
            }
            return socketError(socket, request);
        }
        if (deadline.hasExpired()) {
            return Error{u"no whole answer within %1"_s.arg(seconds(request.timeout)), ErrorKind::Unavailable};
        }
        if (auto error = reader.take(socket.read(std::min(socket.bytesAvailable(), readPiece)))) {
            return *error;
        }
    }
    return std::move(reader.answer());
}

HttpProbeResult HttpClient::head(const HttpProbe& probe)
{
    using Failure = HttpProbeResult::Failure;
    const QUrl& url = probe.url;
    const bool tls = url.scheme() == QLatin1StringView("https");
    const QDeadlineTimer deadline(probe.timeout);
    const auto left = [&deadline] { return int(std::max<qint64>(1, deadline.remainingTime())); };
    QSslSocket socket;
    const auto failed = [&]() -> HttpProbeResult {
        if (deadline.hasExpired() || socket.error() == QAbstractSocket::SocketTimeoutError) {
            return {0, Failure::Timeout, u"no answer within %1"_s.arg(seconds(probe.timeout))};
        }
        switch (socket.error()) {
        case QAbstractSocket::HostNotFoundError:
            return {0, Failure::Dns, u"host %1 not found"_s.arg(url.host())};
        case QAbstractSocket::ConnectionRefusedError:
            return {0, Failure::Refused, u"connection refused"_s};
        case QAbstractSocket::SslHandshakeFailedError:
        case QAbstractSocket::SslInternalError:
        case QAbstractSocket::SslInvalidUserDataError: {
            QStringList errors;
            for (const QSslError& error : socket.sslHandshakeErrors()) {
                errors << error.errorString();
            }
            return {0, Failure::Tls, errors.isEmpty() ? socket.errorString() : errors.join(u"; "_s)};
        }
        default:
            return {0, Failure::Other, socket.errorString()};
        }
    };
    const quint16 port = quint16(url.port(tls ? 443 : 80));
    if (tls) {
        socket.connectToHostEncrypted(url.host(), port);
        if (!socket.waitForEncrypted(left())) {
            return failed();
        }
    } else {
        socket.connectToHost(url.host(), port);
        if (!socket.waitForConnected(left())) {
            return failed();
        }
    }
    QByteArray host = url.host(QUrl::FullyEncoded).toLatin1();
    if (url.port() != -1) {
        host += ':' + QByteArray::number(url.port());
    }
    socket.write("HEAD / HTTP/1.1\r\nHost: " + host +
                 "\r\nConnection: close\r\nUser-Agent: chasm/" CHASM_VERSION "\r\n\r\n");
    if (!socket.waitForBytesWritten(left())) {
        return failed();
    }
    QByteArray head;
    while (!head.contains("\r\n")) {
        if (socket.bytesAvailable() == 0 && !socket.waitForReadyRead(left())) {
            return failed();
        }
        head += socket.read(std::min<qint64>(socket.bytesAvailable(), maxHeadBytes));
        if (head.size() > maxHeadBytes) {
            break;
        }
    }
    const QList<QByteArray> status = head.left(head.indexOf("\r\n")).split(' ');
    bool ok = false;
    const int code = status.size() >= 2 && status.constFirst().startsWith("HTTP/") ? status.at(1).toInt(&ok) : 0;
    if (!ok || code < 100 || code > 599) {
        return {0, Failure::Other, u"the answer is not HTTP"_s};
    }
    return {code, Failure::None, {}};
}

} // namespace chasm::http
