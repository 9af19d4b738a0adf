// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#include "ops/Harvester.h"
#include "store/HarvestStore.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QLockFile>
#include <QProcess>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <array>

using namespace Qt::StringLiterals;
using namespace chasm;

namespace {

constexpr int sessionCount = 1000;

// Claude Code transcripts, enough of them that a harvest takes a while.
void generate(const QString& home)
{
    const QString folder = home + u"/.claude/projects/-home-me-app"_s;
    QDir().mkpath(folder);
    for (int n = 0; n < sessionCount; ++n) {
        QByteArray log;
        for (int turn = 0; turn < 20; ++turn) {
            const QByteArray id = QByteArray::number(n) + '-' + QByteArray::number(turn);
            log += "{\"type\":\"user\",\"uuid\":\"u" + id +
                   "\",\"cwd\":\"/home/me/app\",\"timestamp\":\"2026-01-01T10:00:00.000Z\","
                   "\"message\":{\"role\":\"user\",\"content\":\"question " +
                   id +
                   " about the parser and its tests\"}}\n"
                   "{\"type\":\"assistant\",\"uuid\":\"a" +
                   id +
                   "\",\"timestamp\":\"2026-01-01T10:00:01.000Z\","
                   "\"message\":{\"id\":\"m" +
                   id +
                   "\",\"role\":\"assistant\",\"model\":\"claude-sonnet-4-5\","
                   "\"content\":[{\"type\":\"text\",\"text\":\"answer " +
                   id + " with a longer explanation of the fix\"}]}}\n";
        }
        QFile file(folder + u"/%1.jsonl"_s.arg(n, 8, 10, QChar(u'0')));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(log);
    }
}

// What `chasm` runs with: HOME, and PATH.
QProcessEnvironment environmentOf(const QString& home)
{
    QProcessEnvironment environment;
    environment.insert(u"HOME"_s, home);
    environment.insert(u"PATH"_s, qEnvironmentVariable("PATH"));
    return environment;
}

qint64 single(const Database& db, const QString& sql)
{
    QSqlQuery query(db.connection());
    return query.exec(sql) && query.next() ? query.value(0).toLongLong() : -1;
}

} // namespace

// kill -9 during a harvest, for real: the database stays sound, holds only whole sessions, and the
// next run completes it.
class TestHarvestCrash : public QObject
{
    Q_OBJECT

private:
    // One series of kills into `dbPath`, at fractions of `wholeMs`; checks the database after each, and
    // counts in `partial` those that left it partly harvested.
    void killedSeries(const QProcessEnvironment& environment, const QString& dbPath, qint64 wholeMs, int& partial)
    {
        for (const double fraction : {0.1, 0.4, 0.55, 0.7, 0.85, 1.0}) {
            QProcess harvest;
            harvest.setProcessEnvironment(environment);
            harvest.start(QStringLiteral(CHASM_CLI_BINARY), {u"--db"_s, dbPath, u"harvest"_s, u"run"_s});
            QVERIFY(harvest.waitForStarted());
            QTest::qWait(int(fraction * double(wholeMs)));
            if (harvest.state() != QProcess::NotRunning) {
                harvest.kill(); // SIGKILL
                QVERIFY(harvest.waitForFinished(30000));
            }

            const auto db = Database::open(dbPath);
            QVERIFY2(db.ok(), db.ok() ? "" : qPrintable(db.error().message));
            QSqlQuery check((*db)->connection());
            QVERIFY(check.exec(u"PRAGMA integrity_check"_s) && check.next());
            QCOMPARE(check.value(0).toString(), u"ok"_s);
            // Every stored session is whole: its rows match the messages of its stored JSON.
            const HarvestStore store(**db);
            QVERIFY(!store.forEachSession({}, {}, [&](const Session& session) -> std::optional<Error> {
                const qint64 rows =
                    single(**db, u"SELECT count(*) FROM messages_v2 WHERE session_id = '%1'"_s.arg(session.id));
                return rows == session.messages.size() ? std::nullopt
                                                       : std::optional<Error>(Error{session.id + u" is not whole"_s});
            }));
            QCOMPARE(single(**db, u"SELECT count(*) FROM messages_fts"_s),
                     single(**db, u"SELECT count(*) FROM messages_v2"_s));
            const qint64 stored = single(**db, u"SELECT count(*) FROM sessions"_s);
            if (stored > 0 && stored < sessionCount) {
                ++partial;
            }
        }
    }

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void killedMidHarvest()
    {
        QTemporaryDir home;
        generate(home.path());
        const QProcessEnvironment environment = environmentOf(home.path());

        // Kills timed from the listing to the last commits, each series on a new database. A series can land
        // every kill after the end when the machine is faster during it than during the timed run (another
        // program's load went away): then another series, timed again.
        QString dbPath;
        int partial = 0;
        for (int series = 0; series < 4 && partial == 0; ++series) {
            dbPath = home.filePath(u"harvest-%1.db"_s.arg(series));
            QElapsedTimer timer;
            timer.start();
            {
                QProcess whole;
                whole.setProcessEnvironment(environment);
                whole.start(QStringLiteral(CHASM_CLI_BINARY),
                            {u"--db"_s, home.filePath(u"scratch-%1.db"_s.arg(series)), u"harvest"_s, u"run"_s});
                QVERIFY(whole.waitForFinished(120000));
                QCOMPARE(whole.exitCode(), 0);
            }
            const qint64 wholeMs = timer.elapsed();
            killedSeries(environment, dbPath, wholeMs, partial);
            if (QTest::currentTestFailed()) {
                return;
            }
        }
        QVERIFY2(partial > 0, "no kill landed in the middle of a harvest; the corpus is too small for this machine");

        // The next run completes what the killed ones left.
        SessionCatalog catalog(Environment::fromVariables({{u"HOME"_s, home.path()}}, Platform::Linux));
        const auto db = Database::open(dbPath);
        const auto summary = Harvester::run(catalog, catalog.providers(u"claude-code"_s).value(), **db);
        QVERIFY(summary.ok());
        QCOMPARE(summary->sessionsTotal, sessionCount);
        QCOMPARE(summary->failed, 0);
        QCOMPARE(summary->created + summary->unchanged, sessionCount);
        QCOMPARE(single(**db, u"SELECT count(*) FROM messages_v2"_s), qint64(sessionCount) * 40);
    }

    // Two `chasm harvest run` at once on a new database, for real: both finish, one after the other, and the second
    // finds stored what the first stored. The second failed after a quarter of a second ("database is locked", or
    // "table sessions already exists" while both made the schema).
    void twoHarvestsAtOnce()
    {
        QTemporaryDir home;
        generate(home.path());
        const QString dbPath = home.filePath(u"harvest.db"_s);
        const QProcessEnvironment environment = environmentOf(home.path());
        std::array<QProcess, 2> harvests;
        for (QProcess& harvest : harvests) {
            harvest.setProcessEnvironment(environment);
            harvest.start(QStringLiteral(CHASM_CLI_BINARY), {u"--db"_s, dbPath, u"harvest"_s, u"run"_s});
        }
        QStringList outputs;
        for (QProcess& harvest : harvests) {
            QVERIFY(harvest.waitForFinished(120000));
            const QString errors = QString::fromUtf8(harvest.readAllStandardError());
            QVERIFY2(harvest.exitStatus() == QProcess::NormalExit && harvest.exitCode() == 0, qPrintable(errors));
            outputs << QString::fromUtf8(harvest.readAllStandardOutput());
        }
        outputs.sort(); // "0 new, …" before "1000 new, …"
        QVERIFY2(outputs.at(0).startsWith(u"0 new, 0 updated, 1000 unchanged, 0 failed"_s), qPrintable(outputs.at(0)));
        QVERIFY2(outputs.at(1).startsWith(u"1000 new, 0 updated, 0 unchanged, 0 failed"_s), qPrintable(outputs.at(1)));
        QVERIFY(!QFileInfo::exists(dbPath + u".harvest-lock"_s));
        const auto db = Database::open(dbPath);
        QVERIFY(db.ok());
        QCOMPARE(single(**db, u"SELECT count(*) FROM sessions"_s), sessionCount);
        QCOMPARE(single(**db, u"SELECT count(*) FROM messages_v2"_s), qint64(sessionCount) * 40);
    }

    // While another harvest runs on the database (here, its lock held by this test), `chasm harvest run` says so on
    // stderr and waits; it runs once the other is done.
    void harvestWaitsForTheOther()
    {
        QTemporaryDir home;
        const QString folder = home.filePath(u".claude/projects/-home-me-app"_s);
        QVERIFY(QDir().mkpath(folder));
        QFile transcript(folder + u"/00000001.jsonl"_s);
        QVERIFY(transcript.open(QIODevice::WriteOnly));
        transcript.write(R"({"type":"user","uuid":"u1","cwd":"/home/me/app","timestamp":"2026-01-01T10:00:00.000Z",)"
                         R"("message":{"role":"user","content":"a question"}})"
                         "\n");
        transcript.close();
        const QString dbPath = home.filePath(u"harvest.db"_s);
        QLockFile other(dbPath + u".harvest-lock"_s);
        QVERIFY(other.tryLock(0));

        const QProcessEnvironment environment = environmentOf(home.path());
        QProcess harvest;
        harvest.setProcessEnvironment(environment);
        harvest.start(QStringLiteral(CHASM_CLI_BINARY), {u"--db"_s, dbPath, u"harvest"_s, u"run"_s});
        QString said;
        QElapsedTimer waited;
        waited.start();
        while (!said.contains(u'\n') && waited.elapsed() < 30000 && harvest.state() != QProcess::NotRunning) {
            harvest.waitForReadyRead(1000);
            said += QString::fromUtf8(harvest.readAllStandardError());
        }
        QCOMPARE(said, u"another harvest is running on %1 (%2, process %3); waiting for it to finish…\n"_s.arg(
                           dbPath, QFileInfo(QCoreApplication::applicationFilePath()).fileName(),
                           QString::number(QCoreApplication::applicationPid())));
        QVERIFY(!harvest.waitForFinished(500)); // it waits
        other.unlock();
        QVERIFY(harvest.waitForFinished(60000));
        QCOMPARE(harvest.exitCode(), 0);
        QVERIFY2(harvest.readAllStandardOutput().startsWith("1 new, 0 updated, 0 unchanged, 0 failed"),
                 qPrintable(QString::fromUtf8(harvest.readAllStandardError())));
    }
};

QTEST_GUILESS_MAIN(TestHarvestCrash)
#include "TestHarvestCrash.moc"
