// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

// chasm telemetry as a person uses it (the real binary, a fixture HOME, the test's own Secret Service): Chasm notes
// its commands locally and nothing else about them; events of one's own are recorded, filtered, exported and
// cleared; and nothing leaves the machine until an endpoint is configured and enabled, then sync posts each event
// once to a collector of the test's own on 127.0.0.1.

#include "ChasmProcess.h"
#include "FixtureHome.h"
#include "json/Json.h"

#include <QDate>
#include <QFile>
#include <QFileInfo>
#include <QMutex>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>

#include <atomic>
#include <thread>

using namespace Qt::StringLiterals;
using namespace chasm;
using chasm::test::Ran;
using chasm::test::runChasm;
using chasm::test::withKeychain;

namespace {

// An endpoint on 127.0.0.1 that keeps every request and answers each with `status`, on a thread of its own (the test
// waits for chasm meanwhile).
class Collector
{
public:
    struct Request
    {
        QByteArray head;
        QByteArray body;
        QByteArray header(const QByteArray& name) const
        {
            for (const QByteArray& line : head.split('\n')) {
                const qsizetype colon = line.indexOf(':');
                if (colon > 0 && line.left(colon).trimmed().compare(name, Qt::CaseInsensitive) == 0) {
                    return line.mid(colon + 1).trimmed();
                }
            }
            return {};
        }
    };

    Collector()
    {
        m_thread = std::thread([this] { serve(); });
        while (m_port.load() == 0) {
            std::this_thread::yield();
        }
    }
    ~Collector()
    {
        m_stop = true;
        m_thread.join();
    }
    QString url() const { return u"http://127.0.0.1:%1/collect"_s.arg(m_port.load()); }
    void setStatus(int status) { m_status = status; }
    QList<Request> requests() const
    {
        QMutexLocker lock(&m_mutex);
        return m_requests;
    }
    // The events of every request so far, in the order they came.
    QList<boost::json::object> events() const
    {
        QList<boost::json::object> all;
        for (const Request& r : requests()) {
            auto payload = json::parse(r.body.toStdString(), u"payload"_s);
            if (payload && payload->is_object() && payload->as_object().contains("events")) {
                for (const auto& e : payload->as_object().at("events").as_array()) {
                    all << e.as_object();
                }
            }
        }
        return all;
    }

private:
    void serve()
    {
        QTcpServer server;
        server.listen(QHostAddress::LocalHost);
        m_port = server.serverPort();
        while (!m_stop) {
            if (!server.waitForNewConnection(50)) {
                continue;
            }
            std::unique_ptr<QTcpSocket> socket(server.nextPendingConnection());
            QByteArray data;
            qsizetype end = -1;
            while ((end = data.indexOf("\r\n\r\n")) < 0 && socket->waitForReadyRead(2000)) {
                data += socket->readAll();
            }
            Request request{data.left(end), {}};
            const qsizetype length = request.header("Content-Length").toLongLong();
            request.body = data.mid(end + 4);
            while (request.body.size() < length && socket->waitForReadyRead(2000)) {
                request.body += socket->readAll();
            }
            {
                QMutexLocker lock(&m_mutex);
                m_requests << request;
            }
            const QByteArray body = m_status.load() == 200 ? "{\"ok\":true}" : "{\"error\":\"collector down\"}";
            socket->write("HTTP/1.1 " + QByteArray::number(m_status.load()) +
                          " X\r\nContent-Type: application/json\r\nConnection: close\r\nContent-Length: " +
                          QByteArray::number(body.size()) + "\r\n\r\n" + body);
            socket->waitForBytesWritten(2000);
            socket->disconnectFromHost();
            if (socket->state() != QAbstractSocket::UnconnectedState) {
                socket->waitForDisconnected(1000);
            }
        }
    }

    std::thread m_thread;
    std::atomic<quint16> m_port{0};
    std::atomic<bool> m_stop{false};
    std::atomic<int> m_status{200};
    mutable QMutex m_mutex;
    QList<Request> m_requests;
};

boost::json::value parsed(const Ran& ran)
{
    auto value = json::parse(ran.out.toStdString(), u"output"_s);
    return value ? *value : boost::json::value();
}

} // namespace

class TestTelemetry : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<test::FixtureHome> m_home;

    Ran chasm(const QStringList& args, const QProcessEnvironment& environment = withKeychain())
    {
        return runChasm(m_home->path(), args, environment);
    }
    QList<boost::json::object> shown(const QStringList& filter = {})
    {
        const Ran ran =
            chasm(QStringList{u"telemetry"_s, u"show"_s, u"-n"_s, u"0"_s, u"--format"_s, u"json"_s} + filter);
        if (ran.exitCode != 0) {
            qWarning() << ran.describe();
            return {};
        }
        QList<boost::json::object> events;
        const boost::json::value shown = parsed(ran);
        for (const auto& e : shown.as_array()) {
            events << e.as_object();
        }
        return events;
    }
    QString logFile() const { return m_home->file(u".local/share/chasm/telemetry.jsonl"_s); }

private Q_SLOTS:
    void init()
    {
        m_home = std::make_unique<test::FixtureHome>(u"vscode"_s);
        QVERIFY(m_home->isValid());
    }

    // A person runs commands; the log says which, how they ended and how long they took, and nothing about what
    // they were run on.
    void notesEachCommandAndNothingPrivate()
    {
        // Off until the person opts in: a command writes nothing it was not asked to.
        const Ran info = chasm({u"telemetry"_s, u"info"_s, u"--json"_s});
        QCOMPARE(info.exitCode, 0);
        const auto status = parsed(info);
        QCOMPARE(json::boolean(status, "enabled"), false);
        QCOMPARE(json::integer(status, "events"), 0);
        QCOMPARE(json::boolean(*json::find(status, "remote"), "enabled"), false);
        QCOMPARE(chasm({u"list"_s, u"sessions"_s}).exitCode, 0);
        QVERIFY(!QFileInfo::exists(logFile()));
        QCOMPARE(chasm({u"telemetry"_s, u"opt-in"_s}).exitCode, 0);

        const Ran listed = chasm({u"list"_s, u"sessions"_s, u"--json"_s});
        QCOMPARE(listed.exitCode, 0);
        QVERIFY(listed.out.contains("Deploy script review"));
        const Ran failed = chasm({u"show"_s, u"session"_s, u"no-such-session-anywhere"_s});
        QCOMPARE(failed.exitCode, 1);

        const auto events = shown();
        QCOMPARE(events.size(), 2); // the telemetry commands note nothing
        QCOMPARE(json::string(events[0], "source"), u"chasm"_s);
        QCOMPARE(json::string(events[0], "category"), u"usage"_s);
        QCOMPARE(json::string(events[0], "event"), u"command"_s);
        const auto& data = events[0].at("data");
        QCOMPARE(json::string(data, "command"), u"list sessions"_s);
        QCOMPARE(json::integer(data, "exit_code"), 0);
        QVERIFY(json::integer(data, "duration_ms").value_or(-1) >= 0);
        QCOMPARE(json::string(events[1], "category"), u"error"_s);
        QCOMPARE(json::string(events[1].at("data"), "command"), u"show session"_s);
        QCOMPARE(json::integer(events[1].at("data"), "exit_code"), 1);

        QFile log(logFile());
        QVERIFY(log.open(QIODevice::ReadOnly));
        const QByteArray text = log.readAll();
        QCOMPARE(text.count('\n'), 2);
        QVERIFY(!text.contains(m_home->path().toUtf8()));
        QVERIFY(!text.contains("no-such-session"));
        QVERIFY(!text.contains("Deploy"));
    }

    // Turned off by the switch or by the environment, Chasm notes nothing; turned on again, it does.
    void optOutAndDoNotTrack()
    {
        QCOMPARE(chasm({u"telemetry"_s, u"opt-out"_s}).exitCode, 0);
        QCOMPARE(chasm({u"list"_s, u"sessions"_s}).exitCode, 0);
        QCOMPARE(shown().size(), 0);
        const Ran info = chasm({u"telemetry"_s, u"status"_s});
        QVERIFY2(info.out.contains("off: Chasm notes none"), info.out);

        QCOMPARE(chasm({u"telemetry"_s, u"enable"_s}).exitCode, 0);
        QProcessEnvironment dnt = withKeychain();
        dnt.insert(u"DO_NOT_TRACK"_s, u"1"_s);
        QCOMPARE(chasm({u"list"_s, u"sessions"_s}, dnt).exitCode, 0);
        QCOMPARE(shown().size(), 0);
        const Ran blocked = chasm({u"telemetry"_s, u"info"_s, u"--json"_s}, dnt);
        QCOMPARE(json::string(parsed(blocked), "blocked_by"), u"DO_NOT_TRACK=1"_s);
        QCOMPARE(json::boolean(parsed(blocked), "records_commands"), false);

        QCOMPARE(chasm({u"list"_s, u"workspaces"_s}).exitCode, 0);
        QCOMPARE(shown().size(), 1);
    }

    // Events of one's own: typed data, tags, context; filtered; bad input refused with a reason.
    void recordsAndFiltersOwnEvents()
    {
        QCOMPARE(chasm({u"telemetry"_s, u"opt-out"_s}).exitCode, 0);
        Ran ran = chasm({u"telemetry"_s, u"record"_s,      u"-e"_s,        u"build.done"_s,
                         u"-c"_s,        u"performance"_s, u"-d"_s,        uR"({"target":"app","steps":[1,2]})"_s,
                         u"-k"_s,        u"files=3"_s,     u"-k"_s,        u"ok=true"_s,
                         u"-k"_s,        u"branch=main"_s, u"-t"_s,        u"ci"_s,
                         u"-t"_s,        u"nightly"_s,     u"--context"_s, u"release week"_s});
        QVERIFY2(ran.exitCode == 0, ran.describe());
        ran = chasm({u"telemetry"_s, u"log"_s, u"-e"_s, u"review"_s, u"-t"_s, u"ci"_s, u"--context"_s});
        QVERIFY2(ran.exitCode == 0, ran.describe());
        ran = chasm({u"telemetry"_s, u"record"_s, u"-e"_s, u"lunch"_s, u"-c"_s, u"workflow"_s});
        QVERIFY2(ran.exitCode == 0, ran.describe());

        const auto all = shown();
        QCOMPARE(all.size(), 3); // opted out: Chasm's own commands are not among them
        const auto& build = all[0];
        QCOMPARE(json::string(build, "source"), u"user"_s);
        QCOMPARE(json::string(build, "category"), u"performance"_s);
        const auto& data = build.at("data");
        QCOMPARE(json::string(data, "target"), u"app"_s);
        QCOMPARE(json::integer(data, "files"), 3);
        QCOMPARE(json::boolean(data, "ok"), true);
        QCOMPARE(json::string(data, "branch"), u"main"_s);
        QCOMPARE(build.at("tags").as_array().size(), 2u);
        QCOMPARE(json::string(build.at("context"), "note"), u"release week"_s);
        QCOMPARE(json::string(build.at("context"), "chasm_version"), QStringLiteral(CHASM_VERSION));
        QCOMPARE(json::string(all[1], "category"), u"custom"_s);
        QVERIFY(all[1].at("context").is_object());
        QVERIFY(!json::find(all[1].at("context"), "note"));
        QVERIFY(all[2].at("context").is_null());

        QCOMPARE(shown({u"-c"_s, u"performance"_s}).size(), 1);
        QCOMPARE(shown({u"-t"_s, u"ci"_s}).size(), 2);
        QCOMPARE(shown({u"-e"_s, u"lunch"_s}).size(), 1);
        const QString tomorrow = QDate::currentDate().addDays(2).toString(Qt::ISODate);
        QCOMPARE(shown({u"--after"_s, tomorrow}).size(), 0);
        QCOMPARE(shown({u"--before"_s, tomorrow}).size(), 3);
        ran = chasm({u"telemetry"_s, u"show"_s, u"-n"_s, u"1"_s, u"-f"_s, u"jsonl"_s});
        QCOMPARE(ran.out.count('\n'), 1);
        QVERIFY(ran.out.contains("\"lunch\""));
        ran = chasm({u"telemetry"_s, u"show"_s});
        QVERIFY2(ran.out.startsWith("TIME") && ran.out.contains("build.done"), ran.out);

        QCOMPARE(chasm({u"telemetry"_s, u"record"_s, u"-e"_s, u"x"_s, u"-c"_s, u"gossip"_s}).exitCode, 2);
        ran = chasm({u"telemetry"_s, u"record"_s, u"-e"_s, u"two words"_s});
        QCOMPARE(ran.exitCode, 1);
        QVERIFY2(ran.err.contains("event name"), ran.err);
        ran = chasm({u"telemetry"_s, u"record"_s, u"-e"_s, u"x"_s, u"-d"_s, u"[1,2"_s});
        QCOMPARE(ran.exitCode, 1);
        QVERIFY2(ran.err.contains("--data"), ran.err);
        QCOMPARE(shown().size(), 3);
    }

    // Exports for analysis in the three formats, with the installation id when asked; clearing asks for --force,
    // keeps what it cannot read, and --older-than keeps the recent.
    void exportsAndClears()
    {
        QCOMPARE(chasm({u"telemetry"_s, u"opt-out"_s}).exitCode, 0);
        for (const QString& name : {u"a"_s, u"b"_s, u"c"_s}) {
            QCOMPARE(chasm({u"telemetry"_s, u"record"_s, u"-e"_s, name, u"-k"_s, u"note=x,\"y\""_s}).exitCode, 0);
        }
        const QString id = json::string(parsed(chasm({u"telemetry"_s, u"info"_s, u"--json"_s})), "installation_id");
        QVERIFY(!id.isEmpty());

        QCOMPARE(chasm({u"telemetry"_s, u"export"_s, m_home->file(u"events.csv"_s)}).exitCode, 0);
        QFile csv(m_home->file(u"events.csv"_s));
        QVERIFY(csv.open(QIODevice::ReadOnly));
        const QList<QByteArray> rows = csv.readAll().split('\n');
        QVERIFY(rows[0].startsWith("id,time,category,event,source,tags,data,context"));
        QCOMPARE(rows.size(), 5); // the header, three events, the end
        QVERIFY2(rows[1].contains(R"("{""note"":""x,\""y\""""}")"), rows[1]);

        Ran ran = chasm({u"telemetry"_s, u"export"_s, u"out.data"_s, u"-f"_s, u"json"_s, u"--with-metadata"_s});
        QVERIFY2(ran.exitCode == 0, ran.describe());
        auto exported = json::parseFile(m_home->file(u"out.data"_s));
        QVERIFY(exported);
        QCOMPARE(json::string(*json::find(*exported, "metadata"), "installation_id"), id);
        QCOMPARE(json::arrayAt(*exported, "events").size(), 3u);
        ran = chasm({u"telemetry"_s, u"export"_s, u"-"_s});
        QCOMPARE(ran.out.count('\n'), 3);

        // A line a crash cut short: counted, never shown, kept by clear.
        QFile log(logFile());
        QVERIFY(log.open(QIODevice::Append));
        log.write("{\"id\":\"cut-short\",\"ti");
        log.close();
        QCOMPARE(json::integer(parsed(chasm({u"telemetry"_s, u"info"_s, u"--json"_s})), "unreadable_lines"), 1);
        QCOMPARE(chasm({u"telemetry"_s, u"record"_s, u"-e"_s, u"after.cut"_s}).exitCode, 0);
        QCOMPARE(shown().size(), 4);

        ran = chasm({u"telemetry"_s, u"clear"_s});
        QCOMPARE(ran.exitCode, 1);
        QVERIFY2(ran.err.contains("--force"), ran.err);
        QCOMPARE(shown().size(), 4);
        ran = chasm({u"telemetry"_s, u"clear"_s, u"--older-than"_s, u"1"_s, u"--force"_s, u"--json"_s});
        QCOMPARE(json::integer(parsed(ran), "removed"), 0);
        ran = chasm({u"telemetry"_s, u"clear"_s, u"-f"_s, u"--json"_s});
        QCOMPARE(json::integer(parsed(ran), "removed"), 4);
        QCOMPARE(shown().size(), 0);
        QVERIFY(log.open(QIODevice::ReadOnly));
        QVERIFY(log.readAll().contains("cut-short"));
    }

    // Nothing is sent until an endpoint is configured and enabled; then each event once, with the key from the
    // keychain; a failing endpoint loses nothing.
    void syncSendsOnlyWhenEnabled()
    {
        Collector collector;
        QCOMPARE(chasm({u"telemetry"_s, u"opt-out"_s}).exitCode, 0);
        for (int i = 0; i < 3; ++i) {
            QCOMPARE(chasm({u"telemetry"_s, u"record"_s, u"-e"_s, u"e%1"_s.arg(i)}).exitCode, 0);
        }
        Ran ran = chasm({u"telemetry"_s, u"sync"_s});
        QCOMPARE(ran.exitCode, 1);
        QVERIFY2(ran.err.contains("remote sending is off"), ran.err);
        ran = chasm({u"telemetry"_s, u"config"_s, u"--enable-remote"_s});
        QCOMPARE(ran.exitCode, 1);
        QVERIFY2(ran.err.contains("endpoint"), ran.err);
        for (const QString& offMachine : {u"http://example.com/collect"_s, u"http://127.0.0.1.nip.io/collect"_s}) {
            ran = chasm({u"telemetry"_s, u"config"_s, u"--endpoint"_s, offMachine});
            QCOMPARE(ran.exitCode, 1);
            QVERIFY2(ran.err.contains("https"), ran.err);
        }

        ran = chasm(
            {u"telemetry"_s, u"config"_s, u"--endpoint"_s, collector.url(), u"--api-key"_s, u"telemetry-key-123"_s});
        QVERIFY2(ran.exitCode == 0, ran.describe());
        QVERIFY2(ran.out.contains("nothing leaves this machine"), ran.out);
        QCOMPARE(chasm({u"telemetry"_s, u"sync"_s}).exitCode, 1);
        QCOMPARE(collector.requests().size(), 0);

        ran = chasm({u"telemetry"_s, u"test"_s});
        QVERIFY2(ran.exitCode == 0, ran.describe());
        QVERIFY2(ran.out.contains("answered HTTP 200"), ran.out);
        QCOMPARE(collector.requests().size(), 1);
        QVERIFY(collector.requests()[0].body.contains("\"test\":true"));
        QCOMPARE(collector.events().size(), 0);

        QCOMPARE(chasm({u"telemetry"_s, u"config"_s, u"--enable-remote"_s}).exitCode, 0);
        ran = chasm({u"telemetry"_s, u"sync"_s, u"-n"_s, u"2"_s, u"--json"_s});
        QVERIFY2(ran.exitCode == 0, ran.describe());
        QCOMPARE(json::integer(parsed(ran), "sent"), 2);
        QCOMPARE(json::integer(parsed(ran), "left"), 1);
        const Collector::Request request = collector.requests().constLast();
        QVERIFY(request.head.startsWith("POST /collect HTTP/1.1"));
        QCOMPARE(request.header("Authorization"), QByteArray("Bearer telemetry-key-123"));
        QCOMPARE(request.header("Content-Type"), QByteArray("application/json"));
        const QString id = json::string(parsed(chasm({u"telemetry"_s, u"info"_s, u"--json"_s})), "installation_id");
        QVERIFY(request.body.contains(id.toUtf8()));

        // The endpoint fails: the event stays unsent, and goes with the next sync.
        collector.setStatus(503);
        QCOMPARE(chasm({u"telemetry"_s, u"record"_s, u"-e"_s, u"e3"_s}).exitCode, 0);
        ran = chasm({u"telemetry"_s, u"sync"_s});
        QCOMPARE(ran.exitCode, 1);
        QVERIFY2(ran.err.contains("HTTP 503") && ran.err.contains("collector down"), ran.err);
        collector.setStatus(200);
        ran = chasm({u"telemetry"_s, u"sync"_s, u"--clear-after"_s, u"--json"_s});
        QVERIFY2(ran.exitCode == 0, ran.describe());
        QCOMPARE(json::integer(parsed(ran), "sent"), 2);
        QCOMPARE(json::integer(parsed(ran), "cleared"), 4);
        QStringList sent;
        for (const auto& e : collector.events()) {
            sent << json::string(e, "event");
        }
        // e2 and e3 came twice: with the request the collector refused (503), and again.
        QCOMPARE(sent, (QStringList{u"e0"_s, u"e1"_s, u"e2"_s, u"e3"_s, u"e2"_s, u"e3"_s}));
        QCOMPARE(shown().size(), 0);
        ran = chasm({u"telemetry"_s, u"sync"_s, u"--json"_s});
        QCOMPARE(json::integer(parsed(ran), "sent"), 0);

        // The key is in the keychain, never in the settings file.
        QFile settings(m_home->file(u".config/chasm/chasm.conf"_s));
        QVERIFY(settings.open(QIODevice::ReadOnly));
        QVERIFY(!settings.readAll().contains("telemetry-key-123"));
    }
};

QTEST_GUILESS_MAIN(TestTelemetry)
#include "TestTelemetry.moc"
