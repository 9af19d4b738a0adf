// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#pragma once

// A recording client as an editor extension would be one: it streams the events of a few sessions over the
// WebSocket /api/v1/recording/ws, a batch at a time with a window of events not yet acknowledged, and after a
// reconnection asks for each session's last acknowledged seq and resumes after it. For the durability test and the
// recording benchmark. Each event follows from its session and seq (eventOf), so that what a database holds can be
// compared with what was sent.

#include <QByteArray>
#include <QJsonObject>
#include <QObject>
#include <QRandomGenerator>
#include <QString>
#include <QStringList>
#include <QUrl>
#include <QWebSocket>

#include <memory>
#include <vector>

namespace chasm::test {

class RecordingStreamer final : public QObject
{
    Q_OBJECT

public:
    struct Options
    {
        int sessions = 1;
        qint64 eventsPerSession = 1000;
        int maxBatch = 50;    // events in one message: from 1 to this, drawn
        qint64 window = 2000; // events sent and not yet acknowledged, at most
        QByteArray token;
        quint32 seed = 1;
        // Words added to each message's content, so that sessions grow big.
        int padding = 0;
    };
    explicit RecordingStreamer(Options options, QObject* parent = nullptr);
    // The socket, closed as it is destroyed, no longer tells this object (whose state is gone by then).
    ~RecordingStreamer() override;

    // The session ids ("durable-0", ...) and the event `seq` of session `session`, as sent (with `padding` words).
    QString sessionId(int session) const;
    static QJsonObject eventOf(const QString& sessionId, qint64 seq, int padding = 0);
    // The messages' contents a session of `events` events holds once all are applied, in order.
    static QStringList contentsAfter(const QString& sessionId, qint64 events, int padding = 0);

    // Connects to `url` (ws://HOST:PORT/api/v1/recording/ws), asks where each session stands, then streams.
    void connectTo(const QUrl& url);
    bool finished() const;
    // Connected, and every session resumed.
    bool streaming() const { return m_streaming; }
    qint64 acknowledged() const; // events acknowledged, over all sessions
    // What went against the protocol: a resume below an acknowledged seq, a gap, an error.
    const QStringList& violations() const { return m_violations; }
    int reconnections() const { return m_reconnections; }

signals:
    void allAcknowledged();

private:
    void opened();
    void received(const QString& text);
    void closed();
    void pump();

    Options m_options;
    QRandomGenerator m_random;
    std::unique_ptr<QWebSocket> m_socket; // one per connection
    std::vector<qint64> m_acked;
    std::vector<qint64> m_next;
    std::vector<bool> m_resumed;
    bool m_streaming = false;
    int m_turn = 0;
    int m_reconnections = -1;
    QStringList m_violations;
};

} // namespace chasm::test
