// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#include "FixtureHome.h"
#include "ServiceTestSupport.h"
#include "json/Json.h"
#include "services/RegisterService.h"
#include "vscode/SessionIndex.h"

#include <QDir>
#include <QStandardPaths>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace chasm;

namespace {

const QString webApp = u"/dev/projects/web app"_s;
const QString codeStorage = u".config/Code/User/workspaceStorage/5d41402abc4b2a76b9719d911017c592"_s;

} // namespace

class TestRegisterService : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    // The command line's --json is the service's toJson, byte for byte, for each way of registering and
    // repairing (dry runs: both see the same files).
    void cliPrintsTheServiceShape_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<int>("action");
        QTest::addColumn<QStringList>("ids");
        QTest::addColumn<bool>("recursive");
        QTest::newRow("register all") << QStringList{u"register"_s, u"all"_s} << 0 << QStringList() << false;
        QTest::newRow("register session")
            << QStringList{u"register"_s, u"session"_s, u"dddd4444"_s} << 0 << QStringList{u"dddd4444"_s} << false;
        QTest::newRow("register recursive") << QStringList{u"register"_s, u"recursive"_s} << 0 << QStringList() << true;
        QTest::newRow("repair") << QStringList{u"register"_s, u"repair"_s} << 1 << QStringList() << false;
    }
    void cliPrintsTheServiceShape()
    {
        QFETCH(QStringList, args);
        QFETCH(int, action);
        QFETCH(QStringList, ids);
        QFETCH(bool, recursive);
        test::FixtureHome home;
        const QString project = home.path() + webApp;
        const QString root = home.path() + u"/dev"_s;
        const auto before = test::fileTree(home.path());

        const test::CliRun cli =
            test::runCli(home, args + (recursive ? QStringList{root} : QStringList{u"--path"_s, project}) +
                                   QStringList{u"--dry-run"_s, u"--json"_s});
        QVERIFY2(cli.exitCode == 0, qPrintable(cli.err));

        RegisterService::Request request;
        request.action = RegisterService::Request::Action(action);
        request.scope = recursive ? RegisterService::under(test::indexedWorkspaces(home), root, -1, {})
                                  : test::indexedWorkspaces(home, project);
        request.ids = ids;
        request.options.dryRun = true;
        const auto report = RegisterService(request).run();
        QVERIFY(report);
        QCOMPARE(cli.out, test::printed(toJson(*report)));
        QVERIFY(report->written.workspaces > 0);
        QCOMPARE(test::fileTree(home.path()), before); // a dry run writes nothing
    }

    // What register does, as the service reports it: the one orphan of "web app" is registered (in the
    // VS Code workspace; Cursor's has nothing to add), and the index then lists it.
    void registersTheOrphans()
    {
        test::FixtureHome home;
        const QString project = home.path() + webApp;
        RegisterService::Request request;
        request.scope = test::indexedWorkspaces(home, project);
        QCOMPARE(request.scope.size(), 2);
        QList<QString> progress;
        const auto report = RegisterService(request).run(
            {{}, [&progress](const Workspace& w, const Result<Registrar::Report>&) { progress << w.editor; }});
        QVERIFY(report);
        QCOMPARE(report->written.registered, 1);
        QCOMPARE(report->written.failures, QStringList());
        QCOMPARE(progress.size(), 2);
        bool listed = false;
        for (const IndexEntry& entry : SessionIndex::read(home.file(codeStorage + u"/state.vscdb"_s)).value()) {
            listed = listed || entry.sessionId == u"dddd4444-5555-4666-8777-888899990000"_s;
        }
        QVERIFY(listed);
        QVERIFY(!report->written.reports.at(0).recoveryPoint.isEmpty() ||
                !report->written.reports.at(1).recoveryPoint.isEmpty());
    }

    // An id is looked for in every workspace of the scope: unmatched only when none has it.
    void unmatchedIds_data()
    {
        QTest::addColumn<QStringList>("ids");
        QTest::addColumn<QStringList>("unmatched");
        QTest::newRow("found") << QStringList{u"dddd4444"_s} << QStringList();
        QTest::newRow("cursor's") << QStringList{u"c0c0c0c0"_s} << QStringList();
        QTest::newRow("nowhere") << QStringList{u"zzzz"_s} << QStringList{u"zzzz"_s};
        QTest::newRow("one of two") << QStringList{u"dddd4444"_s, u"zzzz"_s} << QStringList{u"zzzz"_s};
    }
    void unmatchedIds()
    {
        QFETCH(QStringList, ids);
        QFETCH(QStringList, unmatched);
        test::FixtureHome home;
        RegisterService::Request request;
        request.scope = test::indexedWorkspaces(home, home.path() + webApp);
        request.ids = ids;
        request.options.dryRun = true;
        const auto report = RegisterService(request).run();
        QVERIFY(report);
        QCOMPARE(report->unmatched, unmatched);
    }

    // register --merge: the merge runs first, in the same workspace, and its changes lead the report.
    void mergeFirst()
    {
        test::FixtureHome home;
        RegisterService::Request request;
        request.scope = test::indexedWorkspaces(home, home.path() + webApp);
        request.options.dryRun = true;
        QStringList merged;
        request.mergeFirst = [&merged](const Workspace& w) -> Result<Registrar::Report> {
            merged << w.editor;
            Registrar::Report report;
            report.changes << u"would merge"_s;
            report.undoCommand = u"chasm recover undo X"_s;
            report.registered = 1;
            return report;
        };
        const auto report = RegisterService(request).run();
        QVERIFY(report);
        QCOMPARE(merged.size(), 2);
        const Registrar::Report& first = report->written.reports.at(0);
        QCOMPARE(first.changes.value(0), u"would merge"_s);
        QCOMPARE(first.changes.value(1), u"to undo the merge: chasm recover undo X"_s);
        QCOMPARE(report->written.registered, 3); // the merge's two, and the orphan

        request.mergeFirst = [](const Workspace&) -> Result<Registrar::Report> { return Error{u"cannot merge"_s}; };
        const auto failed = RegisterService(request).run();
        QVERIFY(failed);
        QCOMPARE(failed->written.failures, (QStringList{u"cannot merge"_s, u"cannot merge"_s}));
        QVERIFY(failed->written.reports.isEmpty());
    }

    // register recursive: the projects under a folder, within a depth, outside the excluded patterns.
    void under_data()
    {
        QTest::addColumn<QString>("root");
        QTest::addColumn<int>("depth");
        QTest::addColumn<QStringList>("exclude");
        QTest::addColumn<int>("found");
        QTest::newRow("any depth") << u"/dev"_s << -1 << QStringList() << 3;
        QTest::newRow("one down") << u"/dev"_s << 1 << QStringList() << 0;
        QTest::newRow("two down") << u"/dev"_s << 2 << QStringList() << 3;
        QTest::newRow("the project itself") << webApp << 0 << QStringList() << 2;
        QTest::newRow("excluded") << u"/dev"_s << -1 << QStringList{u"*web app*"_s} << 1;
        QTest::newRow("elsewhere") << u"/srv"_s << -1 << QStringList() << 0;
    }
    void under()
    {
        QFETCH(QString, root);
        QFETCH(int, depth);
        QFETCH(QStringList, exclude);
        QFETCH(int, found);
        test::FixtureHome home;
        const QList<Workspace> all = test::indexedWorkspaces(home);
        const QList<Workspace> scope = RegisterService::under(all, home.path() + root, depth, exclude);
        QStringList projects;
        for (const Workspace& w : scope) {
            projects << w.projectPath;
        }
        QVERIFY2(scope.size() == found, qPrintable(projects.join(u", "_s)));
    }
};

QTEST_GUILESS_MAIN(TestRegisterService)
#include "TestRegisterService.moc"
