// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#include "RecordingStreamer.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkRequest>

#include <algorithm>
#include <numeric>

using namespace Qt::StringLiterals;

namespace chasm::test {

RecordingStreamer::RecordingStreamer(Options options, QObject* parent)
    : QObject(parent)
    , m_options(std::move(options))
    , m_random(m_options.seed)
    , m_acked(std::size_t(m_options.sessions), 0)
    , m_next(std::size_t(m_options.sessions), 1)
    , m_resumed(std::size_t(m_options.sessions), false)
{}

RecordingStreamer::~RecordingStreamer()
{
    if (m_socket) {
        m_socket->disconnect(this);
    }
}

QString RecordingStreamer::sessionId(int session) const
{
    return u"durable-%1"_s.arg(session);
}

QJsonObject RecordingStreamer::eventOf(const QString& sessionId, qint64 seq, int padding)
{
    if (seq == 1) {
        return {{u"type"_s, u"session_start"_s},
                {u"session_id"_s, sessionId},
                {u"seq"_s, seq},
                {u"title"_s, u"Durable %1"_s.arg(sessionId)},
                {u"provider"_s, u"chasm-test"_s}};
    }
    if (seq % 10 == 0) {
        return {{u"type"_s, u"message_append"_s},
                {u"session_id"_s, sessionId},
                {u"seq"_s, seq},
                {u"message_id"_s, u"m%1"_s.arg(seq - 1)},
                {u"content"_s, u" +%1"_s.arg(seq)}};
    }
    return {{u"type"_s, u"message_add"_s},
            {u"session_id"_s, sessionId},
            {u"seq"_s, seq},
            {u"message_id"_s, u"m%1"_s.arg(seq)},
            {u"role"_s, seq % 2 ? u"assistant"_s : u"user"_s},
            {u"content"_s, QString(u"%1 event %2 word%2x"_s.arg(sessionId).arg(seq) + u" filler"_s.repeated(padding))}};
}

QStringList RecordingStreamer::contentsAfter(const QString& sessionId, qint64 events, int padding)
{
    QStringList contents;
    for (qint64 seq = 2; seq <= events; ++seq) {
        const QJsonObject event = eventOf(sessionId, seq, padding);
        if (event.value(u"type"_s).toString() == u"message_add"_s) {
            contents << event.value(u"content"_s).toString();
        } else {
            contents.last() += event.value(u"content"_s).toString();
        }
    }
    return contents;
}

void RecordingStreamer::connectTo(const QUrl& url)
{
    ++m_reconnections;
    m_streaming = false;
    std::fill(m_resumed.begin(), m_resumed.end(), false);
    // A socket whose server was killed may not know it yet: it is let go (what it sent and was not acknowledged is
    // sent again), and a new one opened.
    if (m_socket) {
        m_socket->disconnect(this);
        m_socket->abort();
        m_socket.release()->deleteLater();
        closed();
    }
    m_socket = std::make_unique<QWebSocket>();
    connect(m_socket.get(), &QWebSocket::connected, this, &RecordingStreamer::opened);
    connect(m_socket.get(), &QWebSocket::textMessageReceived, this, &RecordingStreamer::received);
    connect(m_socket.get(), &QWebSocket::disconnected, this, &RecordingStreamer::closed);
    QNetworkRequest request(url);
    request.setRawHeader("Authorization", "Bearer " + m_options.token);
    m_socket->open(request);
}

bool RecordingStreamer::finished() const
{
    return std::all_of(m_acked.cbegin(), m_acked.cend(),
                       [this](qint64 acked) { return acked >= m_options.eventsPerSession; });
}

qint64 RecordingStreamer::acknowledged() const
{
    return std::accumulate(m_acked.cbegin(), m_acked.cend(), qint64(0));
}

void RecordingStreamer::opened()
{
    for (int s = 0; s < m_options.sessions; ++s) {
        const QJsonObject resume{{u"type"_s, u"resume"_s}, {u"session_id"_s, sessionId(s)}};
        m_socket->sendTextMessage(QString::fromUtf8(QJsonDocument(resume).toJson(QJsonDocument::Compact)));
    }
}

void RecordingStreamer::received(const QString& text)
{
    const QJsonObject message = QJsonDocument::fromJson(text.toUtf8()).object();
    const QString type = message.value(u"type"_s).toString();
    const QString id = message.value(u"session_id"_s).toString();
    int session = -1;
    for (int s = 0; s < m_options.sessions; ++s) {
        if (sessionId(s) == id) {
            session = s;
        }
    }
    if (type == u"hello"_s) {
        return;
    }
    if (session < 0) {
        m_violations << u"unexpected message: %1"_s.arg(text.left(300));
        return;
    }
    const auto index = std::size_t(session);
    if (type == u"resume"_s) {
        // Every event acknowledged before the server went is still there.
        const auto last = qint64(message.value(u"last_seq"_s).toDouble());
        if (last < m_acked[index]) {
            m_violations << u"%1: the server resumes at %2 but had acknowledged %3"_s.arg(id).arg(last).arg(
                m_acked[index]);
        }
        m_acked[index] = std::max(m_acked[index], last);
        m_next[index] = m_acked[index] + 1;
        m_resumed[index] = true;
        m_streaming = std::all_of(m_resumed.cbegin(), m_resumed.cend(), [](bool r) { return r; });
    } else if (type == u"ack"_s) {
        const auto seq = qint64(message.value(u"seq"_s).toDouble());
        if (seq >= m_next[index]) {
            m_violations << u"%1: acknowledged %2, which was not sent yet"_s.arg(id).arg(seq);
        }
        m_acked[index] = std::max(m_acked[index], seq);
    } else {
        m_violations << u"error: %1"_s.arg(text.left(300));
    }
    if (finished()) {
        emit allAcknowledged();
        return;
    }
    pump();
}

void RecordingStreamer::pump()
{
    if (!m_streaming || !m_socket || m_socket->state() != QAbstractSocket::ConnectedState) {
        return;
    }
    const auto outstanding = [this] {
        qint64 total = 0;
        for (std::size_t s = 0; s < m_next.size(); ++s) {
            total += m_next[s] - 1 - m_acked[s];
        }
        return total;
    };
    while (outstanding() < m_options.window) {
        // The next session with events left, in turn.
        int session = -1;
        for (int i = 0; i < m_options.sessions && session < 0; ++i) {
            const int s = (m_turn + i) % m_options.sessions;
            if (m_next[std::size_t(s)] <= m_options.eventsPerSession) {
                session = s;
            }
        }
        if (session < 0) {
            return;
        }
        m_turn = session + 1;
        const auto index = std::size_t(session);
        const qint64 count = std::min<qint64>(m_random.bounded(1, m_options.maxBatch + 1),
                                              m_options.eventsPerSession - m_next[index] + 1);
        QJsonArray batch;
        for (qint64 i = 0; i < count; ++i) {
            batch.append(eventOf(sessionId(session), m_next[index] + i, m_options.padding));
        }
        m_next[index] += count;
        m_socket->sendTextMessage(QString::fromUtf8(QJsonDocument(batch).toJson(QJsonDocument::Compact)));
    }
}

void RecordingStreamer::closed()
{
    // What was sent and not acknowledged is sent again after the reconnection, from where the server stands.
    m_streaming = false;
    for (std::size_t s = 0; s < m_next.size(); ++s) {
        m_next[s] = m_acked[s] + 1;
    }
}

} // namespace chasm::test
