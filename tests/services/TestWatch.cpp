// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

// The watch service as its two front ends use it, the app's tray harvest (HarvestService, in process) and `chasm
// watch` (the real binary): sessions created, appended to and deleted in a fixture HOME, a store folder created after
// the start, deleted and created again, each change searchable in the harvest database within the debounce and a
// margin; the limit of watches told. And `chasm run claude` with a fake `claude` first on PATH.

#include "ChasmProcess.h"
#include "FixtureHome.h"
#include "providers/ProviderRegistry.h"
#include "services/HarvestService.h"
#include "services/WatchService.h"
#include "store/Database.h"
#include "store/HarvestStore.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

#include <signal.h>

using namespace Qt::StringLiterals;
using namespace chasm;

namespace {

constexpr int debounceMs = 1000;
// What a change may take beyond the debounce to be searchable: a harvest of a few sessions, on a loaded machine.
constexpr int marginMs = 4000;

// A line of a Claude Code transcript, as Claude Code writes it.
QByteArray claudeLine(const QString& sessionId, const QString& uuid, const QString& parent, const QString& type,
                      const QString& text)
{
    const QJsonObject message =
        type == u"user"_s
            ? QJsonObject{{u"role"_s, u"user"_s}, {u"content"_s, text}}
            : QJsonObject{{u"role"_s, u"assistant"_s},
                          {u"model"_s, u"claude-sonnet-4-5"_s},
                          {u"content"_s, QJsonArray{QJsonObject{{u"type"_s, u"text"_s}, {u"text"_s, text}}}}};
    const QJsonObject record{{u"parentUuid"_s, parent.isEmpty() ? QJsonValue() : QJsonValue(parent)},
                             {u"isSidechain"_s, false},
                             {u"userType"_s, u"external"_s},
                             {u"cwd"_s, u"/home/dev/projects/web app"_s},
                             {u"sessionId"_s, sessionId},
                             {u"version"_s, u"2.1.197"_s},
                             {u"uuid"_s, uuid},
                             {u"timestamp"_s, u"2026-11-20T10:00:00.000Z"_s},
                             {u"type"_s, type},
                             {u"message"_s, message}};
    return QJsonDocument(record).toJson(QJsonDocument::Compact) + '\n';
}

bool append(const QString& path, const QByteArray& bytes)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile file(path);
    return file.open(QIODevice::Append) && file.write(bytes) == bytes.size();
}

// Whether `harvest search` would find the word in the database.
bool searchable(const QString& database, const QString& word)
{
    if (!QFileInfo::exists(database)) {
        return false;
    }
    auto db = Database::open(database);
    if (!db) {
        return false;
    }
    const auto found = HarvestStore(*db.value()).search(word, {});
    return found && !found->hits.isEmpty();
}

// The store watched and harvested by one of the front ends: the app's HarvestService or a `chasm watch` process.
class Watching
{
public:
    Watching(bool cli, const test::FixtureHome& home, const QString& database)
    {
        if (cli) {
            m_process = std::make_unique<QProcess>();
            test::startChasm(*m_process, home.path(),
                             {u"--db"_s, database, u"watch"_s, u"--debounce"_s, QString::number(debounceMs / 1000)});
        } else {
            m_service =
                std::make_unique<HarvestService>(std::make_shared<const SessionCatalog>(home.environment()), database);
            m_service->setDebounce(std::chrono::milliseconds(debounceMs));
            m_service->setRescanInterval(std::chrono::milliseconds(0));
            m_finished = std::make_unique<QSignalSpy>(m_service.get(), &HarvestService::finished);
            m_service->setWatching(true);
        }
    }
    ~Watching()
    {
        if (m_process) {
            m_process->terminate();
            m_process->waitForFinished(10000);
        }
    }

    // The harvests done so far.
    int harvests()
    {
        if (!m_process) {
            return int(m_finished->count());
        }
        m_out += m_process->readAllStandardOutput();
        return int(m_out.count("harvested:"));
    }
    QByteArray describe() { return m_process ? m_out + m_process->readAllStandardError() : QByteArray("in process"); }

private:
    std::unique_ptr<QProcess> m_process;
    QByteArray m_out;
    std::unique_ptr<HarvestService> m_service;
    std::unique_ptr<QSignalSpy> m_finished;
};

const QString project = u".claude/projects/-home-dev-projects-web-app/"_s;
const QString newId = u"55555555-aaaa-4bbb-8ccc-000000000005"_s;

// The fake `claude`: writes a transcript in $HOME as Claude Code does, says hello on stdout, waits for the test's go
// (the file `go` in its working directory), appends the answer and exits with 7.
QByteArray fakeClaude()
{
    const QByteArray first = claudeLine(newId, u"u1"_s, {}, u"user"_s, u"the first quokka prompt"_s).trimmed();
    const QByteArray last = claudeLine(newId, u"a1"_s, u"u1"_s, u"assistant"_s, u"the last wombat answer"_s).trimmed();
    return "#!/bin/sh\n"
           "store=\"$HOME/.claude/projects/-home-dev-projects-web-app\"\n"
           "mkdir -p \"$store\"\n"
           "printf '%s\\n' '" +
           first + "' > \"$store/" + newId.toUtf8() +
           ".jsonl\"\n"
           "echo \"fake claude in $(pwd) with $*\"\n"
           "i=0; while [ ! -e go ] && [ $i -lt 600 ]; do sleep 0.1; i=$((i+1)); done\n"
           "printf '%s\\n' '" +
           last + "' >> \"$store/" + newId.toUtf8() +
           ".jsonl\"\n"
           "exit 7\n";
}

} // namespace

class TestWatch : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void frontEnds_data()
    {
        QTest::addColumn<bool>("cli");
        QTest::newRow("HarvestService") << false;
        QTest::newRow("chasm watch") << true;
    }

    // Sessions created, appended to, deleted, and a project folder made: each change is searchable soon after.
    void createAppendDelete_data() { frontEnds_data(); }
    void createAppendDelete()
    {
        QFETCH(bool, cli);
        test::FixtureHome home(u"claude-code"_s);
        QVERIFY(home.isValid());
        const QString database = home.file(u"chasm.db"_s);
        Watching watching(cli, home, database);
        QTRY_VERIFY2_WITH_TIMEOUT(watching.harvests() >= 1, watching.describe(), 30000);

        const QString session = home.file(project + newId + u".jsonl"_s);
        QVERIFY(append(session, claudeLine(newId, u"u1"_s, {}, u"user"_s, u"a quokka question"_s)));
        QTRY_VERIFY2_WITH_TIMEOUT(searchable(database, u"quokka"_s), watching.describe(), debounceMs + marginMs);

        QVERIFY(append(session, claudeLine(newId, u"a1"_s, u"u1"_s, u"assistant"_s, u"a wombat answer"_s)));
        QTRY_VERIFY2_WITH_TIMEOUT(searchable(database, u"wombat"_s), watching.describe(), debounceMs + marginMs);

        // Deleted by its tool: harvested again, and kept.
        const int before = watching.harvests();
        QVERIFY(QFile::remove(session));
        QTRY_VERIFY2_WITH_TIMEOUT(watching.harvests() > before, watching.describe(), debounceMs + marginMs);
        QVERIFY(searchable(database, u"wombat"_s));

        // A project folder that was not there at the start.
        const QString other = u"66666666-aaaa-4bbb-8ccc-000000000006"_s;
        QVERIFY(append(home.file(u".claude/projects/-home-dev-other/"_s + other + u".jsonl"_s),
                       claudeLine(other, u"u2"_s, {}, u"user"_s, u"a platypus question"_s)));
        QTRY_VERIFY2_WITH_TIMEOUT(searchable(database, u"platypus"_s), watching.describe(), debounceMs + marginMs);
    }

    // The store does not exist at the start; it is made, then deleted and made again.
    void storeMadeLaterAndAgain_data() { frontEnds_data(); }
    void storeMadeLaterAndAgain()
    {
        QFETCH(bool, cli);
        test::FixtureHome home(u"claude-code"_s);
        QVERIFY(QDir(home.file(u".claude"_s)).removeRecursively());
        const QString database = home.file(u"chasm.db"_s);
        Watching watching(cli, home, database);
        QTRY_VERIFY2_WITH_TIMEOUT(watching.harvests() >= 1, watching.describe(), 30000);

        QVERIFY(append(home.file(project + newId + u".jsonl"_s),
                       claudeLine(newId, u"u1"_s, {}, u"user"_s, u"a quokka question"_s)));
        QTRY_VERIFY2_WITH_TIMEOUT(searchable(database, u"quokka"_s), watching.describe(), debounceMs + marginMs);

        QVERIFY(QDir(home.file(u".claude/projects"_s)).removeRecursively());
        const QString other = u"66666666-aaaa-4bbb-8ccc-000000000006"_s;
        QVERIFY(append(home.file(project + other + u".jsonl"_s),
                       claudeLine(other, u"u2"_s, {}, u"user"_s, u"a platypus question"_s)));
        QTRY_VERIFY2_WITH_TIMEOUT(searchable(database, u"platypus"_s), watching.describe(), debounceMs + marginMs);
        QVERIFY(searchable(database, u"quokka"_s)); // kept after its store went
    }

    // A person leaves the app harvesting in the tray while a tool appends to a long transcript: each harvest the
    // service starts by itself waits three times as long as the last one took, so that watching takes a quarter of the
    // time at most; the change is harvested once that wait is over. "Harvest now" does not wait, nor does it leave a
    // run waiting; a change while it runs waits after it; a cancel drops the run that waits.
    void aCostlyHarvestIsPaced()
    {
        test::FixtureHome home(u"claude-code"_s);
        const QString session = home.file(project + newId + u".jsonl"_s);
        QByteArray transcript;
        const QString words = u"the harvest of a long transcript takes a while to read and to index "_s.repeated(20);
        for (int turn = 0; turn < 1500; ++turn) {
            transcript += claudeLine(newId, u"u%1"_s.arg(turn), turn ? u"a%1"_s.arg(turn - 1) : QString(), u"user"_s,
                                     words + QString::number(turn));
            transcript += claudeLine(newId, u"a%1"_s.arg(turn), u"u%1"_s.arg(turn), u"assistant"_s, words);
        }
        QVERIFY(append(session, transcript));
        const QString database = home.file(u"chasm.db"_s);
        QElapsedTimer clock;
        qint64 pacedAt = -1;
        qint64 startedAt = -1;
        HarvestService service(std::make_shared<const SessionCatalog>(home.environment()), database);
        service.setDebounce(std::chrono::milliseconds(0));
        service.setRescanInterval(std::chrono::milliseconds(0));
        QSignalSpy started(&service, &HarvestService::started);
        QSignalSpy finished(&service, &HarvestService::finished);
        QSignalSpy paced(&service, &HarvestService::paced);
        QSignalSpy dropped(&service, &HarvestService::dropped);
        QSignalSpy settled(&service, &HarvestService::settled);
        clock.start();
        connect(&service, &HarvestService::paced, this, [&] { pacedAt = clock.elapsed(); });
        connect(&service, &HarvestService::started, this, [&] { startedAt = clock.elapsed(); });
        service.setWatching(true);
        // (a run ends after its summary, when it settles)
        QTRY_VERIFY_WITH_TIMEOUT(settled.count() == 1, 60000);
        const qint64 firstRun = clock.elapsed();
        QCOMPARE(finished.count(), 1);
        QVERIFY(searchable(database, u"harvest"_s));

        // Appended to right after: the change waits for its pace, then is harvested.
        QVERIFY(append(session, claudeLine(newId, u"u-late"_s, u"a1499"_s, u"user"_s, u"a quokka question"_s)));
        QTRY_VERIFY_WITH_TIMEOUT(paced.count() == 1, 10000);
        const qint64 wait = paced.at(0).at(0).toLongLong();
        const qint64 lastRun = paced.at(0).at(1).toLongLong();
        QVERIFY2(lastRun > 0 && lastRun <= firstRun, qPrintable(u"%1 of %2 ms"_s.arg(lastRun).arg(firstRun)));
        QVERIFY2(wait > 0 && wait <= 3 * lastRun, qPrintable(u"waits %1 ms after %2"_s.arg(wait).arg(lastRun)));
        QVERIFY(!service.isRunning());
        QVERIFY(service.hasNext());
        QCOMPARE(started.count(), 1);
        QTRY_VERIFY_WITH_TIMEOUT(started.count() == 2, 3 * lastRun + 10000);
        // (a coarse timer may fire up to 5 % early)
        QVERIFY2(startedAt - pacedAt >= wait * 95 / 100,
                 qPrintable(u"started %1 ms after waiting %2"_s.arg(startedAt - pacedAt).arg(wait)));
        QTRY_VERIFY_WITH_TIMEOUT(finished.count() == 2, 60000);
        QVERIFY(searchable(database, u"quokka"_s));

        // Changed again: the run waits; "Harvest now" starts it at once, with the change.
        QVERIFY(append(session, claudeLine(newId, u"u-later"_s, u"u-late"_s, u"user"_s, u"a wombat question"_s)));
        QTRY_VERIFY_WITH_TIMEOUT(paced.count() == 2, 10000);
        QCOMPARE(started.count(), 2);
        service.harvestNow();
        QCOMPARE(started.count(), 3);
        QVERIFY(!service.hasNext());
        // Changed while that harvest runs: the next one waits for its pace after it.
        QVERIFY(append(session, claudeLine(newId, u"u-while"_s, u"u-later"_s, u"user"_s, u"a numbat question"_s)));
        QTRY_VERIFY_WITH_TIMEOUT(finished.count() >= 3, 60000);
        QVERIFY(searchable(database, u"wombat"_s));
        QTRY_VERIFY_WITH_TIMEOUT(paced.count() == 3, 10000);
        QCOMPARE(started.count(), 3);
        QTRY_VERIFY_WITH_TIMEOUT(finished.count() == 4, 3 * lastRun + 60000);
        QVERIFY(searchable(database, u"numbat"_s));

        // Changed again and cancelled while it waits: dropped, and nothing runs once the wait is over.
        QVERIFY(append(session, claudeLine(newId, u"u-last"_s, u"u-while"_s, u"user"_s, u"a platypus question"_s)));
        QTRY_VERIFY_WITH_TIMEOUT(paced.count() == 4, 10000);
        service.cancel();
        QCOMPARE(dropped.count(), 1);
        QVERIFY(!service.hasNext());
        QTest::qWait(int(paced.at(3).at(0).toLongLong()) + 200);
        QCOMPARE(started.count(), 4);
        QVERIFY(!searchable(database, u"platypus"_s));
    }

    // Folders, never files, and only as deep as the tool keeps sessions: Claude Code's session folders of tool output
    // are left out.
    void watchesTheFoldersOfSessions()
    {
        test::FixtureHome home(u"claude-code"_s);
        QVERIFY(QDir().mkpath(home.file(project + u"11111111-aaaa-4bbb-8ccc-000000000001/tool-results"_s)));
        WatchService watch;
        watch.setStores(WatchService::storesOf({ProviderRegistry::standard().find(u"claude"_s)}, home.environment()));
        watch.start();
        QCOMPARE(watch.watchedFolders(),
                 QStringList({home.file(u".claude/projects"_s), home.file(project.chopped(1))}));
    }

    // More folders than watches allowed: the service says so, and so does `chasm watch`.
    void limitIsTold()
    {
        test::FixtureHome home(u"claude-code"_s);
        for (int i = 0; i < 5; ++i) {
            QVERIFY(QDir().mkpath(home.file(u".claude/projects/p%1"_s.arg(i))));
        }
        WatchService watch;
        watch.setStores({{u"claude-code"_s, home.file(u".claude/projects"_s)}});
        watch.setMaxWatches(3);
        QSignalSpy limit(&watch, &WatchService::limitReached);
        watch.start();
        QCOMPARE(limit.count(), 1);
        QCOMPARE(limit.at(0).at(0).toString(),
                 u"watching 3 of 7 folders: the limit of 3 watches is reached (--max-watches); changes in the 4 "
                 "others are seen only when a watched folder changes"_s);
        QCOMPARE(watch.watchedFolders().size(), 3);
        QVERIFY(watch.watchedFolders().contains(home.file(u".claude/projects"_s))); // the shallowest first

        QProcess process;
        test::startChasm(process, home.path(), {u"watch"_s, u"--agent"_s, u"claude"_s, u"--max-watches"_s, u"3"_s});
        QByteArray err;
        QTRY_VERIFY2_WITH_TIMEOUT((err += process.readAllStandardError()).contains("watching 3 folders"), err, 30000);
        QVERIFY2(err.startsWith("chasm watch: watching 3 of 7 folders: the limit of 3 watches is reached"), err);
        process.terminate();
        QVERIFY(process.waitForFinished(10000));
        QCOMPARE(process.exitStatus(), QProcess::NormalExit);
        QCOMPARE(process.exitCode(), 0);
    }

    // `chasm run claude`: the fake's session is searchable while it runs, complete once chasm exits with its code.
    void runClaude()
    {
        test::FixtureHome home(u"claude-code"_s);
        QVERIFY(QDir(home.file(u".claude"_s)).removeRecursively());
        QTemporaryDir bin;
        QVERIFY(test::writeFile(bin.filePath(u"claude"_s), fakeClaude()));
        QVERIFY(
            QFile::setPermissions(bin.filePath(u"claude"_s), QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner));
        QTemporaryDir workspace;
        const QString database = home.file(u"chasm.db"_s);

        QProcess process;
        process.setProcessEnvironment(environment(home, bin.path() + u':' + qEnvironmentVariable("PATH")));
        process.start(QStringLiteral(CHASM_CLI_BINARY), {u"--db"_s, database, u"run"_s, u"claude"_s, u"--workspace"_s,
                                                         workspace.path(), u"--"_s, u"--resume"_s, u"last"_s});
        QVERIFY(process.waitForStarted());
        QTRY_VERIFY_WITH_TIMEOUT(searchable(database, u"quokka"_s), 30000);
        QCOMPARE(process.state(), QProcess::Running); // harvested while it runs
        QVERIFY(!searchable(database, u"wombat"_s));
        QVERIFY(test::writeFile(workspace.filePath(u"go"_s), {}));
        QVERIFY(process.waitForFinished(30000));
        QCOMPARE(process.exitStatus(), QProcess::NormalExit);
        QCOMPARE(process.exitCode(), 7);
        QVERIFY(searchable(database, u"wombat"_s)); // what it wrote last, read before chasm exited
        // Its output went through, from its working directory, with its arguments.
        QCOMPARE(process.readAllStandardOutput(),
                 "fake claude in " + workspace.path().toUtf8() + " with --resume last\n");
    }

    // A signal sent to chasm goes to the program, whose end by it becomes chasm's status, as a shell tells it.
    void runPassesSignals()
    {
        test::FixtureHome home(u"claude-code"_s);
        QTemporaryDir bin;
        QVERIFY(test::writeFile(bin.filePath(u"claude"_s), fakeClaude()));
        QVERIFY(
            QFile::setPermissions(bin.filePath(u"claude"_s), QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner));
        QProcess process;
        process.setProcessEnvironment(environment(home, bin.path() + u':' + qEnvironmentVariable("PATH")));
        process.setWorkingDirectory(home.path());
        process.start(QStringLiteral(CHASM_CLI_BINARY), {u"run"_s, u"claude"_s, u"--no-save"_s});
        QVERIFY(process.waitForStarted());
        QByteArray out;
        QTRY_VERIFY_WITH_TIMEOUT((out += process.readAllStandardOutput()).contains("fake claude"), 30000);
        QCOMPARE(::kill(pid_t(process.processId()), SIGTERM), 0);
        QVERIFY(process.waitForFinished(30000));
        QCOMPARE(process.exitStatus(), QProcess::NormalExit);
        QCOMPARE(process.exitCode(), 128 + SIGTERM);
    }

    void runWithoutSaving()
    {
        test::FixtureHome home(u"claude-code"_s);
        QTemporaryDir bin;
        QVERIFY(test::writeFile(bin.filePath(u"claude"_s), fakeClaude()));
        QVERIFY(
            QFile::setPermissions(bin.filePath(u"claude"_s), QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner));
        QVERIFY(test::writeFile(home.file(u"go"_s), {}));
        const QString database = home.file(u"chasm.db"_s);
        const test::Ran ran = test::run(
            QStringLiteral(CHASM_CLI_BINARY), {u"--db"_s, database, u"run"_s, u"claude-code"_s, u"--no-save"_s},
            environment(home, bin.path() + u':' + qEnvironmentVariable("PATH")), 30000, home.path());
        QCOMPARE(ran.exitCode, 7);
        QVERIFY(ran.out.startsWith("fake claude"));
        QVERIFY(QFileInfo::exists(home.file(project + newId + u".jsonl"_s)));
        QVERIFY2(!QFileInfo::exists(database), "nothing harvested, no database made");
    }

    void runNotInstalled_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QByteArray>("message");
        QTest::newRow("claude") << u"claude"_s
                                << QByteArray("chasm: Claude Code is not installed (no 'claude' on PATH): install it "
                                              "with `npm install -g @anthropic-ai/claude-code`\n");
        QTest::newRow("codex-cli") << u"codex-cli"_s
                                   << QByteArray("chasm: Codex CLI is not installed (no 'codex' on PATH): install it "
                                                 "with `npm install -g @openai/codex`\n");
        QTest::newRow("gemini") << u"gemini"_s
                                << QByteArray("chasm: Gemini CLI is not installed (no 'gemini' on PATH): install it "
                                              "with `npm install -g @google/gemini-cli`\n");
        QTest::newRow("qwen") << u"qwen"_s
                              << QByteArray("chasm: Qwen Code is not installed (no 'qwen' on PATH): install it with "
                                            "`npm install -g @qwen-code/qwen-code`\n");
        QTest::newRow("open") << u"open"_s
                              << QByteArray("chasm: OpenCode is not installed (no 'opencode' on PATH): install it with "
                                            "`npm install -g opencode-ai`\n");
    }
    void runNotInstalled()
    {
        QFETCH(QString, name);
        QFETCH(QByteArray, message);
        test::FixtureHome home(u"claude-code"_s);
        QTemporaryDir empty;
        const test::Ran ran =
            test::run(QStringLiteral(CHASM_CLI_BINARY), {u"run"_s, name}, environment(home, empty.path()), 30000);
        QCOMPARE(ran.exitCode, 1);
        QCOMPARE(ran.err, message);
        QCOMPARE(ran.out, QByteArray());
    }

private:
    static QProcessEnvironment environment(const test::FixtureHome& home, const QString& path)
    {
        QProcessEnvironment environment;
        environment.insert(u"HOME"_s, home.path());
        environment.insert(u"PATH"_s, path);
        return environment;
    }
};

QTEST_GUILESS_MAIN(TestWatch)
#include "TestWatch.moc"
