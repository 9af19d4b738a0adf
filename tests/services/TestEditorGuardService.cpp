// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#include "FixtureHome.h"
#include "ServiceTestSupport.h"
#include "services/EditorGuardService.h"
#include "vscode/SessionIndex.h"

#include <QFile>
#include <QProcess>
#include <QStandardPaths>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace chasm;

class TestEditorGuardService : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void editorsOf_data()
    {
        QTest::addColumn<QStringList>("editors");
        QTest::addColumn<int>("found");
        QTest::newRow("none") << QStringList() << 0;
        QTest::newRow("one") << QStringList{u"code"_s} << 1;
        QTest::newRow("twice the same") << QStringList{u"code"_s, u"code"_s} << 1;
        QTest::newRow("two") << QStringList{u"code"_s, u"cursor"_s} << 2;
        QTest::newRow("not an editor") << QStringList{QString(), u"code"_s} << 1;
    }
    void editorsOf()
    {
        QFETCH(QStringList, editors);
        QFETCH(int, found);
        QList<Workspace> workspaces;
        for (const QString& editor : editors) {
            Workspace w;
            w.editor = editor;
            workspaces << w;
        }
        QCOMPARE(EditorGuardService::editorsOf(workspaces).size(), found);
    }

    // Every workspace is written, in order, whatever happened to the one before; a failure is reported
    // and counted, not fatal; the totals add the reports up.
    void writesEachWorkspace()
    {
        test::FixtureHome home;
        const QList<Workspace> scope = test::indexedWorkspaces(home, home.path() + u"/dev/projects/web app"_s);
        QCOMPARE(scope.size(), 2);
        QStringList seen;
        const auto report =
            EditorGuardService::run({scope, false, false, true},
                                    [&scope](const Workspace& w) -> Result<Registrar::Report> {
                                        if (w.id == scope.first().id) {
                                            return Error{u"cannot write "_s + w.storagePath};
                                        }
                                        Registrar::Options dry;
                                        dry.dryRun = true;
                                        return Registrar::registerSessions(w, {}, {}, dry);
                                    },
                                    {[](Editor) { QFAIL("a dry run closes nothing"); },
                                     [&seen](const Workspace& w, const Result<Registrar::Report>& written) {
                                         seen << (written ? u"ok "_s : u"failed "_s) + w.editor;
                                     }});
        QVERIFY(report);
        QCOMPARE(seen, (QStringList{u"failed "_s + scope.at(0).editor, u"ok "_s + scope.at(1).editor}));
        QCOMPARE(report->failures, QStringList{u"cannot write "_s + scope.first().storagePath});
        QCOMPARE(report->reports.size(), 1);
        QCOMPARE(report->workspaces, 2);
        QCOMPARE(report->registered, report->reports.first().registered);
        QVERIFY(report->dryRun);
        const boost::json::object shape = toJson(*report);
        QCOMPARE(shape.at("workspaces").as_array().size(), std::size_t(1));
        QVERIFY(shape.at("dry_run").as_bool());
    }

    // No editor of the scope runs: nothing is closed, nothing to start again.
    void nothingToClose()
    {
        test::FixtureHome home;
        const QList<Workspace> scope = test::indexedWorkspaces(home, home.path() + u"/dev/projects/web app"_s);
        int closing = 0;
        const auto report = EditorGuardService::run({scope, true, true, false},
                                                    [](const Workspace& w) {
                                                        Registrar::Report nothing;
                                                        nothing.workspace = w.projectPath;
                                                        return Result<Registrar::Report>(nothing);
                                                    },
                                                    {[&closing](Editor) { ++closing; }, {}});
        QVERIFY(report);
        QCOMPARE(closing, 0);
        QCOMPARE(report->reopenErrors, QStringList());
        QCOMPARE(report->reports.size(), 2);
        // Reopening an editor that keeps none of the workspaces starts nothing.
        QCOMPARE(EditorGuardService::reopen({Editor::Windsurf}, scope), QStringList());
    }

#ifdef Q_OS_LINUX
    // While the editor runs, a write through the guard refuses (the files stay as they were) unless
    // forced, and a dry run only warns; with --close-vscode the guard asks it to quit first.
    void refusesWhileTheEditorRuns_data()
    {
        QTest::addColumn<bool>("force");
        QTest::addColumn<bool>("dryRun");
        QTest::addColumn<bool>("close");
        QTest::addColumn<bool>("written");
        QTest::addColumn<QString>("said");
        QTest::newRow("refused") << false << false << false << false << u"VS Code is running"_s;
        QTest::newRow("forced") << true << false << false << true << u"will overwrite"_s;
        QTest::newRow("dry run") << false << true << false << false << u"VS Code is running"_s;
        QTest::newRow("closed first") << false << false << true << true << QString();
    }
    void refusesWhileTheEditorRuns()
    {
        QFETCH(bool, force);
        QFETCH(bool, dryRun);
        QFETCH(bool, close);
        QFETCH(bool, written);
        QFETCH(QString, said);
        test::FixtureHome home;
        const QString project = home.path() + u"/dev/projects/web app"_s;
        QList<Workspace> scope = test::indexedWorkspaces(home, project);
        scope.removeIf([](const Workspace& w) { return w.editor != u"code"_s; });
        QCOMPARE(scope.size(), 1);
        const QString database = scope.first().stateDatabasePath;
        const QByteArray before = test::readAll(database);

        const QString fake = home.file(u"code"_s);
        QVERIFY(QFile::copy(u"/bin/sleep"_s, fake));
        QProcess editor;
        editor.start(fake, {u"60"_s});
        QVERIFY(editor.waitForStarted());
        QCOMPARE(EditorGuardService::running({Editor::Code}), QList<Editor>{Editor::Code});

        Registrar::Options options;
        options.force = force;
        options.dryRun = dryRun;
        QList<Editor> closing;
        const auto report = EditorGuardService::run(
            {scope, close, false, dryRun},
            [&options](const Workspace& w) { return Registrar::registerSessions(w, {}, {}, options); },
            {[&closing](Editor e) { closing << e; }, {}});
        QVERIFY(report);
        const QString words = report->failures.join(u'\n') +
                              (report->reports.isEmpty() ? QString() : report->reports.first().warnings.join(u'\n'));
        QVERIFY2(said.isEmpty() || words.contains(said), qPrintable(words));
        QCOMPARE(report->failures.isEmpty(), force || dryRun || close);
        QCOMPARE(test::readAll(database) != before, written);
        QCOMPARE(closing, close ? QList<Editor>{Editor::Code} : QList<Editor>());
        if (close) {
            QVERIFY(editor.waitForFinished(5000)); // it was asked to quit, and did
        }
        QCOMPARE(test::runCli(home, {u"register"_s, u"all"_s, u"--path"_s, project}).exitCode,
                 editor.state() == QProcess::Running ? 1 : 0);
        editor.kill();
        editor.waitForFinished();
    }
#endif
};

QTEST_GUILESS_MAIN(TestEditorGuardService)
#include "TestEditorGuardService.moc"
