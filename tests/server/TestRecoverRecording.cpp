// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

// `chasm recover recording` against a real `chasm api serve` on 127.0.0.1 holding two recorded sessions: into a
// folder (the export's json, named after the ids, never over another file) and into a fresh harvest database (as
// sessions of provider `recording` that list and export show), each twice; and against small servers of the test's
// own that misbehave (an id that climbs out of the folder, an answer that is not JSON, too large, or never comes),
// a port where nothing listens and a wrong token: each a clear one-line error naming the server.

#include "ChasmProcess.h"
#include "PathServer.h"
#include "McpHttpProcess.h"
#include "export/SessionExport.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using chasm::Message;
using chasm::Role;
using chasm::Session;
using chasm::SessionExport;

namespace {

const QByteArray Token = "recover-recording-token";

QJsonObject recordingEvent(const QString& type, const QString& session, qint64 seq, const QString& time)
{
    return {{u"type"_s, type}, {u"session_id"_s, session}, {u"seq"_s, seq}, {u"timestamp"_s, time}};
}

QJsonObject message(const QString& session, qint64 seq, const QString& time, const QString& role,
                    const QString& content, const QString& messageId = {})
{
    QJsonObject e = recordingEvent(u"message_add"_s, session, seq, time);
    e.insert(u"role"_s, role);
    e.insert(u"content"_s, content);
    if (!messageId.isEmpty()) {
        e.insert(u"message_id"_s, messageId);
    }
    return e;
}

QByteArray httpAnswer(int status, const QByteArray& type, const QByteArray& body)
{
    return "HTTP/1.1 " + QByteArray::number(status) + " X\r\nContent-Type: " + type +
           "\r\nContent-Length: " + QByteArray::number(body.size()) + "\r\n\r\n" + body;
}

// The same body in chunks of `size` bytes (Transfer-Encoding: chunked), as a server streams it.
QByteArray chunkedAnswer(const QByteArray& body, qsizetype size)
{
    QByteArray answer = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n";
    for (qsizetype at = 0; at < body.size(); at += size) {
        const QByteArray chunk = body.mid(at, size);
        answer += QByteArray::number(chunk.size(), 16) + "\r\n" + chunk + "\r\n";
    }
    return answer + "0\r\n\r\n";
}

// What a server of the test's own answers for a path it does not know.
QByteArray notFound()
{
    return httpAnswer(404, "application/json", R"({"error":{"code":"not_found","message":"no"}})");
}

// The sessions of the json files in `folder`, by id.
QHash<QString, Session> sessionsIn(const QString& folder)
{
    QHash<QString, Session> sessions;
    for (const QString& name : QDir(folder).entryList({u"*.json"_s}, QDir::Files)) {
        const auto read = SessionExport::readJson(QDir(folder).filePath(name));
        if (read) {
            for (const Session& session : *read) {
                sessions.insert(session.id, session);
            }
        }
    }
    return sessions;
}

QStringList contents(const Session& session)
{
    QStringList list;
    for (const Message& m : session.messages) {
        list << (m.role == Role::User ? u"user: "_s : u"assistant: "_s) + m.content;
    }
    return list;
}

QByteArray readAll(const QString& path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

} // namespace

class TestRecoverRecording : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void intoFolder_writesEachSessionOnce();
    void intoDatabase_storesRecordingSessionsOnce();
    void oneSession_isAskedByItsId();
    void wrongToken_isRefusedSayingHowToGiveIt();
    void unreachableServer_isNamed();
    void hostileIds_areRefused();
    void badAnswers_areClearErrors_data();
    void badAnswers_areClearErrors();
    void afterARestart_theServerGivesWholeSessions();
    void program_doesNotLinkQtNetwork();

private:
    chasm::test::Ran recover(const QStringList& extra, const QString& server = {});
    QTemporaryDir m_home;
    QString m_tokenFile;
    QString m_server;
    chasm::test::McpHttpProcess m_process;
};

void TestRecoverRecording::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(m_home.isValid());
    m_tokenFile = m_home.filePath(u"token"_s);
    QFile token(m_tokenFile);
    QVERIFY(token.open(QIODevice::WriteOnly));
    token.write(Token + '\n');
    token.close();
    QVERIFY2(m_process.startWith(m_home.path(), {u"--db"_s, m_home.filePath(u"server.db"_s), u"api"_s, u"serve"_s,
                                                 u"--port"_s, u"0"_s, u"--token-file"_s, m_tokenFile}),
             m_process.err().constData());
    m_server = u"http://127.0.0.1:%1"_s.arg(m_process.port());

    // Two recorded sessions: one with a title, a streamed answer and an end; one without a title, its id with a ':'.
    QJsonObject start = recordingEvent(u"session_start"_s, u"alpha-1"_s, 1, u"2026-12-05T09:00:00Z"_s);
    start.insert(u"title"_s, u"Alpha plans"_s);
    start.insert(u"provider"_s, u"vscode-recorder"_s);
    start.insert(u"project_path"_s, u"/home/dev/web"_s);
    QJsonObject append = recordingEvent(u"message_append"_s, u"alpha-1"_s, 4, u"2026-12-05T09:00:03Z"_s);
    append.insert(u"message_id"_s, u"m2"_s);
    append.insert(u"content"_s, u" then deploy"_s);
    const QJsonArray events{
        start,
        message(u"alpha-1"_s, 2, u"2026-12-05T09:00:01Z"_s, u"user"_s, u"How do we ship quokkas?"_s),
        message(u"alpha-1"_s, 3, u"2026-12-05T09:00:02Z"_s, u"assistant"_s, u"Build"_s, u"m2"_s),
        append,
        message(u"alpha-1"_s, 5, u"2026-12-05T09:00:04Z"_s, u"user"_s, u"Thanks"_s),
        recordingEvent(u"session_end"_s, u"alpha-1"_s, 6, u"2026-12-05T09:00:05Z"_s),
        message(u"beta:2"_s, 1, u"2026-12-05T10:00:00Z"_s, u"user"_s, u"Second session question"_s),
        message(u"beta:2"_s, 2, u"2026-12-05T10:00:01Z"_s, u"assistant"_s, u"Second session answer"_s),
    };
    QNetworkAccessManager network;
    QNetworkRequest request(QUrl(m_server + u"/api/v1/recording/events"_s));
    request.setRawHeader("Authorization", "Bearer " + Token);
    request.setHeader(QNetworkRequest::ContentTypeHeader, u"application/json"_s);
    QNetworkReply* reply = network.post(request, QJsonDocument(events).toJson(QJsonDocument::Compact));
    QSignalSpy done(reply, &QNetworkReply::finished);
    QVERIFY(reply->isFinished() || done.wait(30000));
    QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
    reply->deleteLater();
}

chasm::test::Ran TestRecoverRecording::recover(const QStringList& extra, const QString& server)
{
    return chasm::test::runChasm(m_home.path(),
                                 QStringList{u"recover"_s, u"recording"_s, u"--server"_s,
                                             server.isEmpty() ? m_server : server, u"--token-file"_s, m_tokenFile} +
                                     extra);
}

void TestRecoverRecording::intoFolder_writesEachSessionOnce()
{
    const QString folder = m_home.filePath(u"out"_s);
    chasm::test::Ran ran = recover({u"-o"_s, folder, u"--json"_s});
    QVERIFY2(ran.exitCode == 0, ran.describe().constData());
    QJsonObject report = QJsonDocument::fromJson(ran.out).object();
    QCOMPARE(report.value(u"written"_s).toInt(), 2);
    QCOMPARE(report.value(u"into"_s).toString(), u"folder"_s);

    // Named after the ids (':' is no file name character), in the export's json format.
    QCOMPARE(QDir(folder).entryList(QDir::Files, QDir::Name), (QStringList{u"alpha-1.json"_s, u"beta_2.json"_s}));
    const QHash<QString, Session> sessions = sessionsIn(folder);
    const Session alpha = sessions.value(u"recording:alpha-1"_s);
    QCOMPARE(alpha.title, u"Alpha plans"_s);
    QCOMPARE(alpha.provider, u"recording"_s);
    QCOMPARE(alpha.projectPath, u"/home/dev/web"_s);
    QCOMPARE(contents(alpha),
             (QStringList{u"user: How do we ship quokkas?"_s, u"assistant: Build then deploy"_s, u"user: Thanks"_s}));
    const Session beta = sessions.value(u"recording:beta:2"_s);
    QCOMPARE(beta.title, u"Second session question"_s);
    QCOMPARE(contents(beta), (QStringList{u"user: Second session question"_s, u"assistant: Second session answer"_s}));

    // Again: the same files, left as they are.
    const QByteArray before = readAll(QDir(folder).filePath(u"alpha-1.json"_s));
    ran = recover({u"-o"_s, folder, u"--json"_s});
    QVERIFY2(ran.exitCode == 0, ran.describe().constData());
    report = QJsonDocument::fromJson(ran.out).object();
    QCOMPARE(report.value(u"unchanged"_s).toInt(), 2);
    QCOMPARE(report.value(u"written"_s).toInt(), 0);
    QCOMPARE(readAll(QDir(folder).filePath(u"alpha-1.json"_s)), before);

    // Another file under a session's name is never replaced: reported, exit status 3, the other session written.
    QFile other(QDir(folder).filePath(u"beta_2.json"_s));
    QVERIFY(other.open(QIODevice::WriteOnly | QIODevice::Truncate));
    other.write("my own notes\n");
    other.close();
    QVERIFY(QFile::remove(QDir(folder).filePath(u"alpha-1.json"_s)));
    ran = recover({u"-o"_s, folder});
    QVERIFY2(ran.exitCode == 3, ran.describe().constData());
    QVERIFY2(ran.err.contains("beta:2") && ran.err.contains("left as it is"), ran.err.constData());
    QCOMPARE(readAll(QDir(folder).filePath(u"beta_2.json"_s)), QByteArray("my own notes\n"));
    QCOMPARE(readAll(QDir(folder).filePath(u"alpha-1.json"_s)), before);
}

void TestRecoverRecording::intoDatabase_storesRecordingSessionsOnce()
{
    const QString database = m_home.filePath(u"fresh.db"_s);
    chasm::test::Ran ran = recover({u"--db"_s, database, u"--json"_s});
    QVERIFY2(ran.exitCode == 0, ran.describe().constData());
    QJsonObject report = QJsonDocument::fromJson(ran.out).object();
    QCOMPARE(report.value(u"stored"_s).toInt(), 2);
    QCOMPARE(report.value(u"destination"_s).toString(), database);

    // Sessions of provider `recording` that list, search and export show.
    const auto listed = [&] {
        const chasm::test::Ran list =
            chasm::test::runChasm(m_home.path(), {u"--db"_s, database, u"harvest"_s, u"list"_s, u"--json"_s});
        QStringList ids;
        const QJsonDocument json = QJsonDocument::fromJson(list.out);
        const QJsonArray sessions = json.isArray() ? json.array() : json.object().value(u"sessions"_s).toArray();
        for (const QJsonValue& session : sessions) {
            ids << session.toObject().value(u"provider"_s).toString() + u" "_s +
                       session.toObject().value(u"id"_s).toString() + u" "_s +
                       session.toObject().value(u"title"_s).toString();
        }
        ids.sort();
        return ids;
    };
    const QStringList expected{u"recording recording:alpha-1 Alpha plans"_s,
                               u"recording recording:beta:2 Second session question"_s};
    QCOMPARE(listed(), expected);
    const chasm::test::Ran search = chasm::test::runChasm(
        m_home.path(), {u"--db"_s, database, u"harvest"_s, u"search"_s, u"quokkas"_s, u"--json"_s});
    QVERIFY2(search.out.contains("recording:alpha-1"), search.describe().constData());
    const auto exported = [&](const QString& name) {
        const QString folder = m_home.filePath(name);
        const chasm::test::Ran ran = chasm::test::runChasm(
            m_home.path(), {u"--db"_s, database, u"harvest"_s, u"export"_s, folder, u"--format"_s, u"json"_s});
        return ran.exitCode == 0 ? sessionsIn(folder) : QHash<QString, Session>();
    };
    QHash<QString, Session> sessions = exported(u"export-1"_s);
    QCOMPARE(contents(sessions.value(u"recording:alpha-1"_s)),
             (QStringList{u"user: How do we ship quokkas?"_s, u"assistant: Build then deploy"_s, u"user: Thanks"_s}));
    QCOMPARE(contents(sessions.value(u"recording:beta:2"_s)),
             (QStringList{u"user: Second session question"_s, u"assistant: Second session answer"_s}));
    QCOMPARE(sessions.value(u"recording:alpha-1"_s).projectPath, u"/home/dev/web"_s);

    // Again: nothing to do, nothing doubled.
    ran = recover({u"--db"_s, database, u"--json"_s});
    QVERIFY2(ran.exitCode == 0, ran.describe().constData());
    report = QJsonDocument::fromJson(ran.out).object();
    QCOMPARE(report.value(u"unchanged"_s).toInt(), 2);
    QCOMPARE(report.value(u"stored"_s).toInt(), 0);
    QCOMPARE(listed(), expected);
    sessions = exported(u"export-2"_s);
    QCOMPARE(sessions.size(), 2);
    QCOMPARE(contents(sessions.value(u"recording:alpha-1"_s)).size(), 3);

    // In words: a line per session and what was done.
    ran = recover({u"--db"_s, database});
    QVERIFY2(ran.exitCode == 0, ran.describe().constData());
    QVERIFY2(ran.out.contains("unchanged  alpha-1") &&
                 ran.out.contains(QByteArray("2 recorded session(s) from " + m_server.toUtf8() + " into")),
             ran.out.constData());
}

void TestRecoverRecording::oneSession_isAskedByItsId()
{
    const QString database = m_home.filePath(u"one.db"_s);
    chasm::test::Ran ran = recover({u"--db"_s, database, u"--session"_s, u"beta:2"_s, u"--json"_s});
    QVERIFY2(ran.exitCode == 0, ran.describe().constData());
    const QJsonArray sessions = QJsonDocument::fromJson(ran.out).object().value(u"sessions"_s).toArray();
    QCOMPARE(sessions.size(), 1);
    QCOMPARE(sessions.at(0).toObject().value(u"id"_s).toString(), u"recording:beta:2"_s);
    QCOMPARE(sessions.at(0).toObject().value(u"outcome"_s).toString(), u"stored"_s);

    // One the server does not have, and one that is no id: errors.
    ran = recover({u"--db"_s, database, u"--session"_s, u"gamma-3"_s});
    QCOMPARE(ran.exitCode, 1);
    QVERIFY2(ran.err.contains("no recorded session 'gamma-3'"), ran.err.constData());
    ran = recover({u"-o"_s, m_home.filePath(u"one"_s), u"--session"_s, u"../../etc"_s});
    QCOMPARE(ran.exitCode, 1);
    QVERIFY2(ran.err.contains("is not a recorded session's id"), ran.err.constData());
    QVERIFY(!QFileInfo::exists(m_home.filePath(u"one"_s)));
}

void TestRecoverRecording::wrongToken_isRefusedSayingHowToGiveIt()
{
    const QString wrong = m_home.filePath(u"wrong-token"_s);
    QFile file(wrong);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("not-the-token");
    file.close();
    const QString folder = m_home.filePath(u"refused"_s);
    const chasm::test::Ran ran =
        chasm::test::runChasm(m_home.path(), {u"recover"_s, u"recording"_s, u"--server"_s, m_server, u"--token-file"_s,
                                              wrong, u"-o"_s, folder});
    QCOMPARE(ran.exitCode, 1);
    QCOMPARE(ran.err.count('\n'), 1);
    QVERIFY2(ran.err.contains(m_server.toUtf8()) && ran.err.contains("refused the API token (401)") &&
                 ran.err.contains("--token-file"),
             ran.err.constData());
    QVERIFY(!QFileInfo::exists(folder));
}

void TestRecoverRecording::unreachableServer_isNamed()
{
    QTcpServer closed;
    QVERIFY(closed.listen(QHostAddress::LocalHost, 0));
    const QString server = u"http://127.0.0.1:%1"_s.arg(closed.serverPort());
    closed.close();
    const chasm::test::Ran ran = recover({u"-o"_s, m_home.filePath(u"nowhere"_s)}, server);
    QCOMPARE(ran.exitCode, 1);
    QCOMPARE(ran.err.count('\n'), 1);
    QVERIFY2(ran.err.contains(QByteArray("cannot recover from " + server.toUtf8())) &&
                 ran.err.contains("connection refused"),
             ran.err.constData());
}

void TestRecoverRecording::hostileIds_areRefused()
{
    const QByteArray session =
        R"({"session_id":"ok-1","last_seq":2,"client":null,"session":{"id":"recording:ok-1","native_id":"ok-1",)"
        R"("title":"Fine","provider":"recording","created_at":"2026-12-05T10:00:00Z","updated_at":"2026-12-05T10:01:00Z",)"
        R"("messages":[{"role":"user","content":"hello there","timestamp":"2026-12-05T10:00:00Z"},)"
        R"({"role":"assistant","content":"general kenobi","timestamp":"2026-12-05T10:01:00Z"}]}})";
    const QByteArray other = R"({"session_id":"sly-2","last_seq":1,"session":{"id":"recording:ok-1","messages":[]}})";
    chasm::test::PathServer fake(
        notFound(), {{"/api/v1/recording/sessions",
                      httpAnswer(200, "application/json",
                                 R"({"sessions":[{"session_id":"../../escape","last_seq":1},)"
                                 R"({"session_id":"/etc/passwd","last_seq":1},{"session_id":"ok-1","last_seq":2},)"
                                 R"({"session_id":"sly-2","last_seq":1}]})")},
                     {"/api/v1/recording/sessions/ok-1", chunkedAnswer(session, 7)},
                     {"/api/v1/recording/sessions/sly-2", httpAnswer(200, "application/json", other)}});
    const QString server = fake.listen();
    const QString folder = m_home.filePath(u"deep/er/hostile"_s);
    const chasm::test::Ran ran = recover({u"-o"_s, folder}, server);
    QVERIFY2(ran.exitCode == 3, ran.describe().constData());
    QVERIFY2(ran.err.contains("refused: '../../escape' is not a recorded session's id"), ran.err.constData());
    QVERIFY2(ran.err.contains("refused: '/etc/passwd' is not a recorded session's id"), ran.err.constData());
    QVERIFY2(ran.err.contains("the answer is another session's (recording:ok-1)"), ran.err.constData());
    // Only the good one, whole (it came in chunks of 7 bytes), in the folder; nothing asked for the others.
    QCOMPARE(QDir(folder).entryList(QDir::Files | QDir::Hidden), QStringList{u"ok-1.json"_s});
    QCOMPARE(contents(sessionsIn(folder).value(u"recording:ok-1"_s)),
             (QStringList{u"user: hello there"_s, u"assistant: general kenobi"_s}));
    QVERIFY(!QFileInfo::exists(m_home.filePath(u"deep/escape.json"_s)));
    QCOMPARE(fake.paths(), (QList<QByteArray>{"/api/v1/recording/sessions", "/api/v1/recording/sessions/ok-1",
                                              "/api/v1/recording/sessions/sly-2"}));
}

void TestRecoverRecording::badAnswers_areClearErrors_data()
{
    QTest::addColumn<QByteArray>("answer");
    QTest::addColumn<QByteArray>("error");
    QTest::newRow("html") << httpAnswer(200, "text/html", "<html><body>a proxy's page</body></html>")
                          << QByteArray("GET /api/v1/recording/sessions: the answer is not a JSON object (text/html");
    QTest::newRow("not http") << QByteArray("SSH-2.0-OpenSSH_9.6\r\n")
                              << QByteArray("GET /api/v1/recording/sessions: the answer is not HTTP");
    QTest::newRow("too large") << QByteArray("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: "
                                             "900000000\r\n\r\n{\"sessions\":[")
                               << QByteArray("the answer is larger than 16 MiB");
    QTest::newRow("too large, chunked") << chunkedAnswer(QByteArray(17 * 1024 * 1024, ' '), 1024 * 1024)
                                        << QByteArray("the answer is larger than 16 MiB");
    QTest::newRow("silent") << QByteArray() << QByteArray("no answer within 1 s");
    QTest::newRow("not chasm") << httpAnswer(200, "application/json", R"({"hello":"world"})")
                               << QByteArray("the answer is not a list of recorded sessions");
}

void TestRecoverRecording::badAnswers_areClearErrors()
{
    QFETCH(QByteArray, answer);
    QFETCH(QByteArray, error);
    chasm::test::PathServer fake(notFound(), {{"/api/v1/recording/sessions", answer}});
    const QString server = fake.listen();
    QElapsedTimer timer;
    timer.start();
    const chasm::test::Ran ran = recover({u"-o"_s, m_home.filePath(u"bad"_s), u"--timeout"_s, u"1"_s}, server);
    QVERIFY2(timer.elapsed() < 15000, ran.describe().constData());
    QCOMPARE(ran.exitCode, 1);
    QCOMPARE(ran.err.count('\n'), 1);
    QVERIFY2(ran.err.startsWith(QByteArray("chasm: cannot recover from " + server.toUtf8() + ": ")),
             ran.err.constData());
    QVERIFY2(ran.err.contains(error), ran.err.constData());
}

void TestRecoverRecording::afterARestart_theServerGivesWholeSessions()
{
    // The server stopped and started again on its database: the sessions it reads back are whole (id, title).
    m_process.process().terminate();
    QVERIFY(m_process.process().waitForFinished(10000));
    chasm::test::McpHttpProcess restarted;
    QVERIFY2(restarted.startWith(m_home.path(), {u"--db"_s, m_home.filePath(u"server.db"_s), u"api"_s, u"serve"_s,
                                                 u"--port"_s, u"0"_s, u"--token-file"_s, m_tokenFile}),
             restarted.err().constData());
    const QString folder = m_home.filePath(u"after-restart"_s);
    const chasm::test::Ran ran = recover({u"-o"_s, folder}, u"http://127.0.0.1:%1"_s.arg(restarted.port()));
    QVERIFY2(ran.exitCode == 0, ran.describe().constData());
    const QHash<QString, Session> sessions = sessionsIn(folder);
    QCOMPARE(sessions.value(u"recording:alpha-1"_s).title, u"Alpha plans"_s);
    QCOMPARE(contents(sessions.value(u"recording:alpha-1"_s)),
             (QStringList{u"user: How do we ship quokkas?"_s, u"assistant: Build then deploy"_s, u"user: Thanks"_s}));
    QCOMPARE(sessions.value(u"recording:beta:2"_s).title, u"Second session question"_s);
}

void TestRecoverRecording::program_doesNotLinkQtNetwork()
{
#ifdef Q_OS_LINUX
    // The HTTP client is in the chasm-http module, loaded by the commands that talk HTTP only.
    const chasm::test::Ran ldd =
        chasm::test::run(u"ldd"_s, {QStringLiteral(CHASM_CLI_BINARY)}, QProcessEnvironment::systemEnvironment(), 30000);
    QVERIFY2(ldd.exitCode == 0, ldd.describe().constData());
    QVERIFY2(ldd.out.contains("libQt6Core"), ldd.out.constData());
    QVERIFY2(!ldd.out.contains("libQt6Network"), ldd.out.constData());
#else
    QSKIP("ldd is a Linux tool");
#endif
}

QTEST_GUILESS_MAIN(TestRecoverRecording)
#include "TestRecoverRecording.moc"
