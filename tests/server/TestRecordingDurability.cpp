// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

// No acknowledged event is lost: a client streams 10 000 events over the WebSocket of a real `chasm api serve` while
// the server is killed (SIGKILL) at random moments, several times, and started again; after each restart the client
// asks where each session stands (never below what was acknowledged) and resumes. At the end the database holds every
// event exactly once, in order, the sessions they make, and passes SQLite's integrity check.
// CHASM_DURABILITY_SEED replays a run (the seed is printed).

#include "McpHttpProcess.h"
#include "RecordingStreamer.h"

#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace Qt::StringLiterals;

namespace {

const QByteArray Token = "durability-token";
constexpr int Sessions = 2;
constexpr qint64 EventsPerSession = 5000;
constexpr int Kills = 5;
// Words added to each message: the sessions pass a megabyte midway, after which their rows are written apart from
// their events (see RecordingService), so that a kill can come between.
constexpr int Padding = 40;

} // namespace

class TestRecordingDurability : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void acknowledgedEvents_surviveKills();

private:
    std::unique_ptr<chasm::test::McpHttpProcess> startServer();

    QTemporaryDir m_home;
    QString m_database;
};

void TestRecordingDurability::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(m_home.isValid());
    m_database = m_home.filePath(u"chasm.db"_s);
}

std::unique_ptr<chasm::test::McpHttpProcess> TestRecordingDurability::startServer()
{
    auto server = std::make_unique<chasm::test::McpHttpProcess>();
    QProcessEnvironment environment;
    environment.insert(u"CHASM_API_TOKEN"_s, QString::fromLatin1(Token));
    if (!server->startWith(m_home.path(), {u"--db"_s, m_database, u"api"_s, u"serve"_s, u"--port"_s, u"0"_s},
                           environment)) {
        qWarning("the server did not start: %s", server->err().constData());
        return nullptr;
    }
    return server;
}

void TestRecordingDurability::acknowledgedEvents_surviveKills()
{
    const QByteArray given = qgetenv("CHASM_DURABILITY_SEED");
    const quint32 seed = given.isEmpty() ? QRandomGenerator::global()->generate() : given.toUInt();
    qInfo("seed %u (CHASM_DURABILITY_SEED=%u replays it)", seed, seed);
    QRandomGenerator random(seed);

    chasm::test::RecordingStreamer::Options options;
    options.sessions = Sessions;
    options.eventsPerSession = EventsPerSession;
    options.maxBatch = 40;
    options.window = 1500;
    options.token = Token;
    options.seed = seed;
    options.padding = Padding;
    chasm::test::RecordingStreamer streamer(options);
    QSignalSpy done(&streamer, &chasm::test::RecordingStreamer::allAcknowledged);
    const auto url = [](const chasm::test::McpHttpProcess& server) {
        return QUrl(u"ws://127.0.0.1:%1/api/v1/recording/ws"_s.arg(server.port()));
    };

    auto server = startServer();
    QVERIFY(server);
    streamer.connectTo(url(*server));
    int kills = 0;
    QList<qint64> killedAt;
    // Each kill at a random count of acknowledged events in its own part of the stream (the server may be committing,
    // answering, or between). The client streams only while this thread's events are processed, so the count is
    // reached before the stream can end: killing after a random time instead, a fast run sometimes finished the
    // stream before the third kill.
    const qint64 total = Sessions * EventsPerSession;
    while (kills < Kills && !streamer.finished()) {
        const qint64 part = total / (Kills + 1);
        const qint64 at = part * kills + qint64(random.bounded(quint32(part / 4), quint32(part)));
        QVERIFY(QTest::qWaitFor([&] { return streamer.acknowledged() >= at || streamer.finished(); }, 60000));
        if (streamer.finished()) {
            break;
        }
        server->process().kill(); // SIGKILL
        QVERIFY(server->process().waitForFinished(10000));
        killedAt << streamer.acknowledged();
        ++kills;
        server = startServer();
        QVERIFY(server);
        streamer.connectTo(url(*server));
    }
    QVERIFY2(done.count() > 0 || done.wait(180000),
             qPrintable(u"acknowledged %1 of %2"_s.arg(streamer.acknowledged()).arg(Sessions * EventsPerSession)));
    QVERIFY2(streamer.violations().isEmpty(), qPrintable(streamer.violations().join(u'\n')));
    QStringList moments;
    for (const qint64 at : std::as_const(killedAt)) {
        moments << QString::number(at);
    }
    qInfo("killed %d times (with %s events acknowledged), %d reconnections", kills, qPrintable(moments.join(u", "_s)),
          streamer.reconnections());
    QVERIFY2(kills >= 3, "the server was killed fewer than 3 times before the stream ended");
    server->process().kill();
    QVERIFY(server->process().waitForFinished(10000));
    // The kill most likely came before the rows of the last events were written; a restart writes them, and is killed
    // in turn.
    const auto behind = [this] {
        qint64 count = -1;
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"behind"_s);
            db.setDatabaseName(m_database);
            QSqlQuery query(db);
            if (db.open() && query.exec(u"SELECT count(*) FROM recording_sessions WHERE stale"_s) && query.next()) {
                count = query.value(0).toLongLong();
            }
        }
        QSqlDatabase::removeDatabase(u"behind"_s);
        return count;
    };
    qInfo("sessions behind their events after the last kill: %lld", static_cast<long long>(behind()));
    server = startServer();
    QVERIFY(server);
    QVERIFY(QTest::qWaitFor([&] { return behind() == 0; }, 30000));
    server->process().kill();
    QVERIFY(server->process().waitForFinished(10000));

    // What the database holds, read as it was left by the last kill.
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"check"_s);
        db.setDatabaseName(m_database);
        QVERIFY(db.open());
        QSqlQuery query(db);
        QVERIFY(query.exec(u"PRAGMA integrity_check"_s));
        QVERIFY(query.next());
        QCOMPARE(query.value(0).toString(), u"ok"_s);
        for (int s = 0; s < Sessions; ++s) {
            const QString id = streamer.sessionId(s);
            // Every event once, in order, as sent.
            query.prepare(u"SELECT seq, event FROM recording_events WHERE session_id = ? ORDER BY seq"_s);
            query.addBindValue(id);
            QVERIFY(query.exec());
            qint64 expected = 1;
            while (query.next()) {
                QCOMPARE(query.value(0).toLongLong(), expected);
                QJsonObject stored = QJsonDocument::fromJson(query.value(1).toString().toUtf8()).object();
                stored.remove(u"timestamp"_s); // the server's time of receipt
                QCOMPARE(stored, chasm::test::RecordingStreamer::eventOf(id, expected, Padding));
                ++expected;
            }
            QCOMPARE(expected - 1, EventsPerSession);
            query.prepare(u"SELECT last_seq, events FROM recording_sessions WHERE session_id = ?"_s);
            query.addBindValue(id);
            QVERIFY(query.exec() && query.next());
            QCOMPARE(query.value(0).toLongLong(), EventsPerSession);
            QCOMPARE(query.value(1).toLongLong(), EventsPerSession);
            // The harvested session they make: its messages, appends applied.
            query.prepare(u"SELECT content FROM messages_v2 WHERE session_id = ? ORDER BY seq"_s);
            query.addBindValue(QString(u"recording:"_s + id));
            QVERIFY(query.exec());
            QStringList contents;
            while (query.next()) {
                contents << query.value(0).toString();
            }
            QCOMPARE(contents, chasm::test::RecordingStreamer::contentsAfter(id, EventsPerSession, Padding));
        }
    }
    QSqlDatabase::removeDatabase(u"check"_s);
}

QTEST_GUILESS_MAIN(TestRecordingDurability)
#include "TestRecordingDurability.moc"
