// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#include "FixtureHome.h"
#include "ServiceTestSupport.h"
#include "json/Json.h"
#include "services/RecoverService.h"
#include "services/UndoService.h"
#include "util/QtVersions.h"
#include "vscode/ChatSessionFile.h"

#include <QDir>
#include <QStandardPaths>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace chasm;

namespace {

namespace bj = boost::json;

const QString webApp = u"/dev/projects/web app"_s;
const QString codeSessions = u".config/Code/User/workspaceStorage/5d41402abc4b2a76b9719d911017c592/chatSessions"_s;

bj::object request(const std::string& id, qint64 time, const std::string& text)
{
    return {{"requestId", id},
            {"timestamp", time},
            {"message", {{"text", text}, {"parts", bj::array()}}},
            {"response", bj::array{bj::object{{"value", "Answered."}}}}};
}

// A session of three requests in VS Code's workspace of "web app", as a one-snapshot log.
QString threeRequests(const test::FixtureHome& home)
{
    const QString path = home.file(codeSessions + u"/5a5a5a5a-1111-4222-8333-444455556666.jsonl"_s);
    const bj::object state{
        {"version", 3},
        {"sessionId", "5a5a5a5a-1111-4222-8333-444455556666"},
        {"creationDate", 1767000000000},
        {"initialLocation", "panel"},
        {"requests", bj::array{request("r1", 1767000100000, "First"), request("r2", 1767000200000, "Second"),
                               request("r3", 1767000300000, "Third")}}};
    test::writeFile(path, QByteArray::fromStdString(bj::serialize(bj::object{{"kind", 0}, {"v", state}})) + '\n');
    return path;
}

QList<Workspace> copilotOf(const test::FixtureHome& home, const QString& project)
{
    QList<Workspace> scope = test::indexedWorkspaces(home, project);
    scope.removeIf([](const Workspace& w) { return w.provider != u"copilot"_s; });
    return scope;
}

} // namespace

class TestRecoverService : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    // recover detect --json prints the service's shape, for a readable file of each format and a damaged one.
    void detect_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("format");
        QTest::addColumn<bool>("readable");
        QTest::newRow("json") << u"aaaa1111-2222-4333-8444-555566667777.json"_s << u"json"_s << true;
        QTest::newRow("jsonl") << u"bbbb2222-3333-4444-8555-666677778888.jsonl"_s << u"jsonl"_s << true;
        QTest::newRow("cut off") << u"ffff6666-7777-4888-8999-aaaabbbbcccc.json"_s << u"json"_s << false;
    }
    void detect()
    {
        QFETCH(QString, file);
        QFETCH(QString, format);
        QFETCH(bool, readable);
        test::FixtureHome home;
        const QString path = home.file(codeSessions + u'/' + file);
        const SessionFileRecovery::Detection detection = RecoverService::detect(path);
        QCOMPARE(detection.format, format);
        QCOMPARE(detection.error.isEmpty(), readable);
        const test::CliRun cli = test::runCli(home, {u"recover"_s, u"detect"_s, path, u"--json"_s});
        QCOMPARE(cli.exitCode, 0);
        QCOMPARE(cli.out, test::printed(toJson(detection)));
    }

    // recover detect --verbose: each request with its id, time and message, and the reader's warnings.
    void detectVerbose()
    {
        test::FixtureHome home;
        const QString path = home.file(codeSessions + u"/bbbb2222-3333-4444-8555-666677778888.jsonl"_s);
        const SessionFileRecovery::Detection detection = RecoverService::detect(path);
        QCOMPARE(detection.requestList.size(), detection.requests);
        QVERIFY(detection.requests > 0);
        const SessionFileRecovery::Detection::Request& first = detection.requestList.first();
        QVERIFY(!first.id.isEmpty());
        QCOMPARE(first.time, chasm::utcFromMs(1768557660000));
        QVERIFY(!first.message.isEmpty());

        const test::CliRun plain = test::runCli(home, {u"recover"_s, u"detect"_s, path});
        QVERIFY(!plain.out.contains(u"request:"_s));
        const test::CliRun text = test::runCli(home, {u"recover"_s, u"detect"_s, path, u"--verbose"_s});
        QCOMPARE(text.exitCode, 0);
        QVERIFY2(text.out.contains(u"  request:  "_s) && text.out.contains(first.id), qPrintable(text.out));
        const test::CliRun json = test::runCli(home, {u"recover"_s, u"detect"_s, path, u"--verbose"_s, u"--json"_s});
        QCOMPARE(json.out, test::printed(toVerboseJson(detection)));
        QCOMPARE(json.json().at("request_list").as_array().size(), std::size_t(detection.requests));
    }

    // recover status --json, after a write: the recovery point it made, newest first.
    void status()
    {
        test::FixtureHome home;
        const RecoverService::StatusReport none = RecoverService::status(test::indexedWorkspaces(home));
        QVERIFY(none.points.isEmpty());
        QCOMPARE(test::runCli(home, {u"register"_s, u"all"_s, u"--path"_s, home.path() + webApp}).exitCode, 0);
        const RecoverService::StatusReport report = RecoverService::status(test::indexedWorkspaces(home));
        QCOMPARE(report.points.size(), 1);
        QCOMPARE(report.points.first().operation, u"register"_s);
        const test::CliRun cli = test::runCli(home, {u"recover"_s, u"status"_s, u"--json"_s});
        QCOMPARE(cli.exitCode, 0);
        QCOMPARE(cli.out, test::printed(toJson(report)));
    }

    // recover extract --dry-run --json: the files every workspace of the project would give.
    void extract()
    {
        test::FixtureHome home;
        const QString project = home.path() + webApp;
        const QString out = home.file(u"extracted"_s);
        const test::CliRun cli =
            test::runCli(home, {u"recover"_s, u"extract"_s, project, u"-o"_s, out, u"--dry-run"_s, u"--json"_s});
        QVERIFY2(cli.exitCode == 0, qPrintable(cli.err));
        const auto report =
            RecoverService::extract({project, test::indexedWorkspaces(home, project), out, false, false, true});
        QVERIFY(report);
        QCOMPARE(report->workspaces, 2);
        QVERIFY(report->extraction.sessions > 0);
        QCOMPARE(cli.out, test::printed(toJson(*report)));
        QVERIFY(!QFileInfo::exists(out));

        const auto nowhere = RecoverService::extract({home.file(u"elsewhere"_s), {}, out, false, false, true});
        QVERIFY(!nowhere);
        QCOMPARE(nowhere.error().message, u"no editor workspace is known for "_s + home.file(u"elsewhere"_s));
    }

    // recover upgrade --dry-run --json: what would be rewritten as .jsonl in VS Code's workspace.
    void upgrade()
    {
        test::FixtureHome home;
        const QString project = home.path() + webApp;
        const auto before = test::fileTree(home.path());
        const test::CliRun cli = test::runCli(home, {u"recover"_s, u"upgrade"_s, project, u"--dry-run"_s, u"--json"_s});
        QVERIFY2(cli.exitCode == 0, qPrintable(cli.err));
        RecoverService::UpgradeRequest request;
        request.scope = copilotOf(home, project);
        request.options.dryRun = true;
        const auto report = RecoverService::upgrade(request);
        QVERIFY(report);
        QVERIFY(report->repaired > 0); // the .json files
        QCOMPARE(cli.out, test::printed(toJson(*report)));
        QCOMPARE(test::fileTree(home.path()), before);
    }

    // recover split: the older requests move into a new session; the CLI prints the service's shape
    // (the new session's id aside, fresh each time).
    void split_data()
    {
        QTest::addColumn<int>("keep");
        QTest::addColumn<bool>("splits");
        QTest::newRow("keep one") << 1 << true;
        QTest::newRow("keep two") << 2 << true;
        QTest::newRow("keep all") << 3 << false;
    }
    void split()
    {
        QFETCH(int, keep);
        QFETCH(bool, splits);
        test::FixtureHome home;
        const QString path = threeRequests(home);
        const test::CliRun cli = test::runCli(
            home, {u"recover"_s, u"split"_s, path, u"--keep"_s, QString::number(keep), u"--dry-run"_s, u"--json"_s});
        RecoverService::SplitRequest request;
        request.workspaces = test::indexedWorkspaces(home);
        request.path = path;
        request.keep = keep;
        request.options.dryRun = true;
        const auto report = RecoverService::split(request);
        QVERIFY(report);
        QCOMPARE(report->failures.isEmpty(), splits);
        QCOMPARE(cli.exitCode, splits ? 0 : 1);
        QCOMPARE(test::withoutUuids(cli.out), test::withoutUuids(test::printed(toJson(*report))));

        request.options.dryRun = false;
        const auto done = RecoverService::split(request);
        QVERIFY(done);
        if (splits) {
            QCOMPARE(ChatSessionFile::read(path)->tree.at("requests").as_array().size(), std::size_t(keep));
        }

        request.path = home.file(u"elsewhere.jsonl"_s);
        const auto outside = RecoverService::split(request);
        QVERIFY(!outside);
        QVERIFY(outside.error().message.contains(u"is not in an editor workspace's chatSessions folder"_s));
    }

    // recover repair FILE --json (one file, no index): the report with "dry_run", as Registrar::repairFile
    // gives it.
    void repairFile_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<int>("repaired");
        QTest::newRow("a log of several entries") << u"bbbb2222-3333-4444-8555-666677778888.jsonl"_s << 1;
        QTest::newRow("cut off mid-write") << u"ffff6666-7777-4888-8999-aaaabbbbcccc.json"_s << 1;
    }
    void repairFile()
    {
        QFETCH(QString, file);
        QFETCH(int, repaired);
        test::FixtureHome home;
        const QString path = home.file(codeSessions + u'/' + file);
        const test::CliRun cli = test::runCli(home, {u"recover"_s, u"repair"_s, path, u"--dry-run"_s, u"--json"_s});
        QVERIFY2(cli.exitCode == 0, qPrintable(cli.err));
        Registrar::Options dry;
        dry.dryRun = true;
        const auto report = Registrar::repairFile(path, dry);
        QVERIFY(report);
        QCOMPARE(report->repaired, repaired);
        QCOMPARE(cli.out, test::printed(toJson(*report, true)));
    }

    // A session file repaired where it lies, outside every workspace (one saved in Downloads), is listed by
    // `recover status` with the others, as the journal of recovery folders knows it, and undone from there.
    void repairOutsideWorkspacesIsListed()
    {
        test::FixtureHome home;
        const QString path = home.file(u"Downloads/rescued.json"_s);
        QVERIFY(QDir().mkpath(QFileInfo(path).absolutePath()));
        QVERIFY(QFile::copy(home.file(codeSessions + u"/ffff6666-7777-4888-8999-aaaabbbbcccc.json"_s), path));
        const QByteArray before = test::readAll(path);
        const test::CliRun repair = test::runCli(home, {u"recover"_s, u"repair"_s, path});
        QVERIFY2(repair.exitCode == 0, qPrintable(repair.err));
        QVERIFY(test::readAll(path) != before);

        const RecoverService::StatusReport report = RecoverService::status(test::indexedWorkspaces(home));
        QCOMPARE(report.points.size(), 1);
        QCOMPARE(QFileInfo(report.points.first().manifest).absolutePath(),
                 QFileInfo(home.file(u"Downloads/.chasm_recovery"_s)).absoluteFilePath());
        const test::CliRun status = test::runCli(home, {u"recover"_s, u"status"_s, u"--json"_s});
        QCOMPARE(status.out, test::printed(toJson(report)));

        const auto undone = UndoService::run({{report.points.first().manifest}});
        QVERIFY2(undone, qPrintable(undone ? QString() : undone.error().message));
        QCOMPARE(test::readAll(path), before);
        QVERIFY(RecoverService::status(test::indexedWorkspaces(home)).points.isEmpty());
    }

    // recover database --json: the sessions of an old state database, written as files.
    void database()
    {
        test::FixtureHome home;
        const QString old = home.file(u"old-state.vscdb"_s);
        QVERIFY(test::FixtureHome::runScript(
            old, "CREATE TABLE ItemTable (key TEXT UNIQUE ON CONFLICT REPLACE, value BLOB);"
                 "INSERT INTO ItemTable VALUES ('interactive.sessions', '[{\"version\":2,\"sessionId\":\"old-1\","
                 "\"creationDate\":1650000000000,\"requests\":[{\"message\":{\"text\":\"How do I parse argv?\"},"
                 "\"response\":[{\"value\":\"Use getopt.\"}]}]},{\"sessionId\":\"../up\",\"requests\":[]}]');"));
        QCOMPARE(RecoverService::isHarvestDatabase(old).value(), false);
        const QString out = home.file(u"out"_s);
        const test::CliRun cli = test::runCli(home, {u"recover"_s, u"database"_s, old, u"-o"_s, out, u"--json"_s});
        QVERIFY2(cli.exitCode == 0, qPrintable(cli.err));
        QVERIFY(cli.err.contains(u"cannot name a file"_s));
        QVERIFY(QDir(out).removeRecursively());

        QStringList warnings;
        const auto report = RecoverService::sessionsFromDatabase(
            {old, {}, out, u"json"_s, [&warnings](const QString& warning) { warnings << warning; }});
        QVERIFY(report);
        QCOMPARE(report->files.size(), 2);
        QCOMPARE(warnings.size(), 1);
        QCOMPARE(test::withoutUuids(cli.out), test::withoutUuids(test::printed(toJson(*report))));

        const auto again = RecoverService::sessionsFromDatabase({old, u"old-1"_s, out, u"json"_s, {}});
        QVERIFY(!again); // never overwrites
        QVERIFY(again.error().message.contains(u"exists already"_s));
    }
};

QTEST_GUILESS_MAIN(TestRecoverService)
#include "TestRecoverService.moc"
