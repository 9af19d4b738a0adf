// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#include "FixtureHome.h"
#include "GuiSteps.h"
#include "PdfRenderer.h"
#include "dialogs/ExportDialog.h"
#include "models/IndexEntryModel.h"
#include "models/SearchResultModel.h"
#include "models/SessionListModel.h"
#include "models/WorkspaceTreeModel.h"
#include "views/ConversationView.h"
#include "views/HarvestStatusBar.h"
#include "views/IndexInspector.h"
#include "util/Settings.h"
#include "views/Localization.h"
#include "views/MainWindow.h"
#include "views/RawRecordView.h"
#include "views/SearchPane.h"
#include "views/TimelineView.h"
#include "views/TrayIcon.h"
#include "store/HarvestStore.h"
#include "wizards/MergeWizard.h"
#include "wizards/RecoveryWizard.h"
#include "json/Json.h"
#include "vscode/ChatSessionFile.h"

#include <QAbstractItemModelTester>
#include <QComboBox>
#include <QDateTime>
#include <QFile>
#include <QLocale>
#include <QMenu>
#include <QProgressBar>
#include <QScopeGuard>
#include <QToolButton>
#include <QTranslator>
#include <QLabel>
#include <QStatusBar>
#include <QRadioButton>
#include <QLineEdit>
#include <QPushButton>
#include <QPlainTextEdit>
#include <QTabWidget>
#include <QLineEdit>
#include <QListView>
#include <QTextBrowser>
#include <QScrollBar>
#include <QTextEdit>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTest>
#include <QTreeView>
#include <QTreeWidget>
#include "vscode/SessionIndex.h"

using namespace Qt::StringLiterals;
using chasm::test::sessionCell;
using namespace chasm;

namespace {

// Selects, in the sessions pane, the sessions whose title or id `wanted` accepts: their ids.
QStringList selectSessions(QTableView* sessions, const std::function<bool(const QString&, const QString&)>& wanted)
{
    sessions->clearSelection();
    QStringList ids;
    for (int row = 0; row < sessions->model()->rowCount(); ++row) {
        const QModelIndex index = sessions->model()->index(row, 0);
        const QString id = index.data(SessionListModel::SessionIdRole).toString();
        if (wanted(index.data().toString(), id)) {
            sessions->selectionModel()->select(index, QItemSelectionModel::Select | QItemSelectionModel::Rows);
            ids << id;
        }
    }
    return ids;
}

void clickSession(QTableView* sessions, const QString& id)
{
    const QModelIndex cell = sessionCell(sessions, id);
    QVERIFY2(cell.isValid(), qPrintable(id));
    sessions->scrollTo(cell);
    QTest::mouseClick(sessions->viewport(), Qt::LeftButton, {}, sessions->visualRect(cell).center());
}

QHash<QString, QStringList> problemsByIds(const IndexInspector* inspector)
{
    QHash<QString, QStringList> problems;
    for (int row = 0; row < inspector->model()->rowCount(); ++row) {
        const QModelIndex index = inspector->model()->index(row, IndexEntryModel::ProblemsColumn);
        problems.insert(inspector->model()->entry(row).sessionId,
                        index.data(IndexEntryModel::ProblemCodesRole).toStringList());
    }
    return problems;
}

} // namespace

class TestMainWindow : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        installTranslations(QLocale(QLocale::English));
        pdf::install(); // as chasm-gui does
    }

    void browseWorkspaceAndSession()
    {
        test::FixtureHome home;
        QVERIFY(home.isValid());
        Settings settings(home.file(u"chasm.conf"_s));
        MainWindow window(home.environment(), &settings);
        QAbstractItemModelTester workspaceTester(window.workspaceModel(),
                                                 QAbstractItemModelTester::FailureReportingMode::QtTest);
        QAbstractItemModelTester sessionTester(window.sessionModel(),
                                               QAbstractItemModelTester::FailureReportingMode::QtTest);
        QAbstractItemModelTester proxyTester(window.sessionView()->model(),
                                             QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy loaded(&window, &MainWindow::catalogLoaded);
        window.show();
        QVERIFY(window.isBusy());
        QTRY_COMPARE_WITH_TIMEOUT(loaded.count(), 1, 30000);
        QVERIFY(!window.isBusy());

        WorkspaceTreeModel* tree = window.workspaceModel();
        QCOMPARE(tree->rowCount(), 3); // All sessions, VS Code, Cursor
        QCOMPARE(tree->index(0, 0).data().toString(), u"All sessions"_s);
        QCOMPARE(tree->index(0, WorkspaceTreeModel::SessionsColumn).data().toInt(), 8);
        const QModelIndex vsCode = tree->index(1, 0);
        QCOMPARE(vsCode.data().toString(), u"VS Code"_s);
        QCOMPARE(tree->index(1, WorkspaceTreeModel::SessionsColumn).data().toInt(), 7);
        QCOMPARE(window.sessionModel()->rowCount(), 8);

        // Select the "web app" workspace: its four sessions appear. Its folder is not in the fixture
        // HOME: a badge says so. The file missing from its index is an empty session, which the recovery assistant
        // does not offer to bring back, so no badge counts it; the multi-root "mono" has no index at all, and its
        // session is missing from it, as the assistant says (test_projects checks the two agree).
        const QModelIndex webApp = test::workspaceRow(tree, vsCode.row(), u"web app"_s);
        const QModelIndex mono = test::workspaceRow(tree, vsCode.row(), u"mono"_s);
        QVERIFY(webApp.isValid());
        QCOMPARE(webApp.data(WorkspaceTreeModel::ProblemsRole).toStringList(), QStringList{u"folder missing"_s});
        QCOMPARE(mono.data(WorkspaceTreeModel::ProblemsRole).toStringList(), QStringList{u"1 not in index"_s});
        QVERIFY(mono.data(Qt::ToolTipRole).toString().contains(u"not in the editor's index"_s));
        QCOMPARE(tree->index(webApp.row(), WorkspaceTreeModel::SessionsColumn, webApp.parent()).data().toInt(), 4);
        QTreeView* workspaces = window.workspaceView();
        workspaces->scrollTo(webApp);
        QTest::mouseClick(workspaces->viewport(), Qt::LeftButton, {}, workspaces->visualRect(webApp).center());
        QCOMPARE(workspaces->currentIndex(), webApp);
        QTableView* sessions = window.sessionView();
        QCOMPARE(sessions->model()->rowCount(), 4);

        // The index inspector compares the workspace's index with its files, in plain words.
        IndexInspector* inspector = window.indexInspector();
        QAbstractItemModelTester indexTester(inspector->model(),
                                             QAbstractItemModelTester::FailureReportingMode::QtTest);
        QTRY_VERIFY_WITH_TIMEOUT(inspector->summary().startsWith(u"web app: "_s), 30000);
        const QHash<QString, QStringList> problems = problemsByIds(inspector);
        QCOMPARE(problems.value(u"cccc3333-4444-4555-8666-777788889999"_s), QStringList{u"missing_file"_s});
        QVERIFY(problems.value(u"dddd4444-5555-4666-8777-888899990000"_s).contains(u"not_in_index"_s));
        QVERIFY(problems.value(u"bbbb2222-3333-4444-8555-666677778888"_s).contains(u"is_empty_mismatch"_s));
        QCOMPARE(problems.value(u"aaaa1111-2222-4333-8444-555566667777"_s), QStringList());

        // Open "Deploy script review": its messages render.
        int deployRow = -1;
        for (int row = 0; row < sessions->model()->rowCount(); ++row) {
            if (sessions->model()->index(row, 0).data().toString() == u"Deploy script review"_s) {
                deployRow = row;
            }
        }
        QVERIFY(deployRow >= 0);
        QSignalSpy shown(&window, &MainWindow::sessionShown);
        const QModelIndex cell = sessions->model()->index(deployRow, SessionListModel::TitleColumn);
        QTest::mouseClick(sessions->viewport(), Qt::LeftButton, {}, sessions->visualRect(cell).center());
        QTRY_COMPARE_WITH_TIMEOUT(shown.count(), 1, 30000);
        QCOMPARE(shown.at(0).at(0).toString(), u"copilot:bbbb2222-3333-4444-8555-666677778888"_s);
        const QString text = window.conversationView()->toPlainText();
        QVERIFY2(text.contains(u"Review deploy.sh for mistakes"_s), qPrintable(text));
        QVERIFY(text.contains(u"The rollback restores the previous symlink but never restarts the service."_s));
        QVERIFY(text.contains(u"line 10 is incomplete"_s));

        // Ctrl+U shows the selected message as VS Code keeps it: its request, in VS Code's key order.
        window.conversationView()->showMessage(2);
        QTest::keyClick(&window, Qt::Key_U, Qt::ControlModifier);
        QCOMPARE(window.viewTabs()->currentIndex(), 1);
        QTRY_VERIFY_WITH_TIMEOUT(window.rawView()->toPlainText().contains(u"And the rollback step?"_s), 30000);
        const QString raw = window.rawView()->toPlainText();
        QVERIFY2(raw.startsWith(u"{\n  \"requestId\": \"request_b2\",\n  \"timestamp\": "_s), qPrintable(raw));
        QTest::keyClick(&window, Qt::Key_U, Qt::ControlModifier);
        QCOMPARE(window.viewTabs()->currentIndex(), 0);

        // Sorting by messages through the header keeps every row.
        sessions->sortByColumn(SessionListModel::MessagesColumn, Qt::AscendingOrder);
        QCOMPARE(sessions->model()->index(0, SessionListModel::MessagesColumn).data().toInt(), 0);
    }

    // The index inspector's Fix registers an orphan and corrects a wrong entry; Undo puts the index
    // back byte for byte.
    void inspectorFixesAndUndoes()
    {
        test::FixtureHome home;
        Settings settings(home.file(u"chasm.conf"_s));
        MainWindow window(home.environment(), &settings);
        QSignalSpy loaded(&window, &MainWindow::catalogLoaded);
        QTRY_COMPARE_WITH_TIMEOUT(loaded.count(), 1, 30000);
        const QString database =
            home.file(u".config/Code/User/workspaceStorage/5d41402abc4b2a76b9719d911017c592/state.vscdb"_s);
        const QByteArray original = test::readAll(database);
        window.workspaceView()->setCurrentIndex(test::workspaceRow(window.workspaceModel(), 1, u"web app"_s));
        IndexInspector* inspector = window.indexInspector();
        QTRY_VERIFY_WITH_TIMEOUT(inspector->summary().startsWith(u"web app: "_s), 30000);

        QItemSelectionModel* selection = inspector->view()->selectionModel();
        for (int row = 0; row < inspector->model()->rowCount(); ++row) {
            const QString id = inspector->model()->entry(row).sessionId;
            if (id.startsWith(u"dddd4444"_s) || id.startsWith(u"bbbb2222"_s)) {
                selection->select(inspector->model()->index(row, 0),
                                  QItemSelectionModel::Select | QItemSelectionModel::Rows);
            }
        }
        QSignalSpy fixed(inspector, &IndexInspector::fixFinished);
        QSignalSpy inspected(inspector, &IndexInspector::inspected);
        inspector->fixSelected();
        QTRY_COMPARE_WITH_TIMEOUT(fixed.count(), 1, 30000);
        QVERIFY2(fixed.at(0).at(0).toBool(), qPrintable(inspector->fixReport()));
        QVERIFY(inspector->fixReport().contains(u"registered \"New Chat\" (dddd4444"_s));
        QTRY_COMPARE_WITH_TIMEOUT(inspected.count(), 1, 30000);
        const QHash<QString, QStringList> problems = problemsByIds(inspector);
        QCOMPARE(problems.value(u"dddd4444-5555-4666-8777-888899990000"_s), QStringList());
        QCOMPARE(problems.value(u"bbbb2222-3333-4444-8555-666677778888"_s), QStringList());
        // The main window rescans: the orphan badge is gone.
        QTRY_COMPARE_WITH_TIMEOUT(loaded.count(), 2, 30000);
        QCOMPARE(test::workspaceRow(window.workspaceModel(), 1, u"web app"_s)
                     .data(WorkspaceTreeModel::ProblemsRole)
                     .toStringList(),
                 QStringList{u"folder missing"_s});

        inspector->undo();
        QTRY_COMPARE_WITH_TIMEOUT(fixed.count(), 2, 30000);
        QVERIFY2(fixed.at(1).at(0).toBool(), qPrintable(inspector->fixReport()));
        QCOMPARE(test::readAll(database), original);
    }

    // The recovery assistant brings the sessions of an older workspace of a project into the active
    // one end to end; Undo restores every original file byte for byte.
    void recoveryAssistantRecoversAnOrphanedWorkspace()
    {
        test::FixtureHome home;
        const QString active = home.file(u".config/Code/User/workspaceStorage/5d41402abc4b2a76b9719d911017c592"_s);
        const QString older = home.file(u".config/Code/User/workspaceStorage/00000000000000000000000000000001"_s);
        QVERIFY(QDir().mkpath(older + u"/chatSessions"_s));
        QVERIFY(QFile::copy(active + u"/workspace.json"_s, older + u"/workspace.json"_s));
        QVERIFY(test::FixtureHome::writeStateDatabase(older + u"/state.vscdb"_s, "{\"version\":1,\"entries\":{}}"));
        QVERIFY(QFile::copy(active + u"/chatSessions/aaaa1111-2222-4333-8444-555566667777.json"_s,
                            older + u"/chatSessions/0a0a0a0a-1111-4222-8333-444455556666.json"_s));
        {
            QFile state(older + u"/state.vscdb"_s);
            QVERIFY(state.open(QIODevice::ReadWrite));
            QVERIFY(state.setFileTime(QDateTime::currentDateTime().addDays(-60), QFileDevice::FileModificationTime));
        }
        const auto files = [&home] {
            auto tree = test::fileTree(home.path());
            // Chasm's own record of what it did stays.
            tree.removeIf([](const auto& file) { return file.key().contains(u".chasm_recovery/"_s); });
            return tree;
        };
        const auto before = files();

        RecoveryWizard wizard(std::make_shared<const SessionCatalog>(home.environment()));
        QSignalSpy scanned(&wizard, &RecoveryWizard::scanned);
        wizard.show();
        QTRY_COMPARE_WITH_TIMEOUT(scanned.count(), 1, 30000);
        const auto older_ = std::find_if(wizard.findings().cbegin(), wizard.findings().cend(),
                                         [](const auto& f) { return f.kind == RecoveryFinding::Kind::OlderWorkspace; });
        QVERIFY(older_ != wizard.findings().cend());
        QCOMPARE(older_->items.size(), 1);
        QCOMPARE(older_->items.first().id, u"0a0a0a0a-1111-4222-8333-444455556666"_s);
        QCOMPARE(older_->target.storagePath, active);
        // In plain words, under the project.
        QTreeWidgetItem* project = wizard.findingsView()->topLevelItem(0);
        QVERIFY(project->text(0).endsWith(u"/dev/projects/web app"_s));
        bool worded = false;
        for (int i = 0; i < project->childCount(); ++i) {
            worded |= project->child(i)->text(0).startsWith(u"1 session in an older workspace of this project"_s);
        }
        QVERIFY(worded);

        QSignalSpy applied(&wizard, &RecoveryWizard::applied);
        wizard.next(); // choose: everything is chosen
        QCOMPARE(wizard.currentId(), int(RecoveryWizard::ChoosePage));
        wizard.next(); // checks: no editor runs here
        QCOMPARE(wizard.currentId(), int(RecoveryWizard::CheckPage));
        QVERIFY(!wizard.currentPage()->isComplete()); // until the processes are listed, off the GUI thread
        QTRY_VERIFY(wizard.currentPage()->isComplete());
        wizard.next(); // apply
        QTRY_COMPARE_WITH_TIMEOUT(applied.count(), 1, 30000);
        QVERIFY2(applied.at(0).at(0).toBool(), qPrintable(wizard.summaryText()));
        wizard.next();
        QCOMPARE(wizard.currentId(), int(RecoveryWizard::SummaryPage));
        QVERIFY2(wizard.summaryText().contains(u"copied \"Why does `npm test` fail with ECONNREFUSED here?\" from "_s),
                 qPrintable(wizard.summaryText()));
        QVERIFY(wizard.changedFiles());
        QCOMPARE(
            test::readAll(active + u"/chatSessions/0a0a0a0a-1111-4222-8333-444455556666.json"_s),
            before.value(QDir(home.path())
                             .relativeFilePath(older + u"/chatSessions/0a0a0a0a-1111-4222-8333-444455556666.json"_s)));
        const auto index = SessionIndex::read(active + u"/state.vscdb"_s);
        QVERIFY(std::any_of(index->cbegin(), index->cend(), [](const IndexEntry& e) {
            return e.sessionId == u"0a0a0a0a-1111-4222-8333-444455556666"_s;
        }));

        QSignalSpy undone(&wizard, &RecoveryWizard::undone);
        wizard.undo();
        QTRY_COMPARE_WITH_TIMEOUT(undone.count(), 1, 30000);
        QVERIFY2(undone.at(0).at(0).toBool(), qPrintable(wizard.summaryText()));
        QCOMPARE(files(), before);
        QVERIFY(!wizard.changedFiles());
    }

    // The merge wizard, from the sessions pane's selection (a VS Code session and a Claude Code one) to
    // the merged session shown in the sessions pane; then, once more, Undo puts every file back.
    void mergeWizardMergesSelectedSessions()
    {
        test::FixtureHome home(QStringList{u"vscode"_s, u"claude-code"_s});
        QVERIFY(home.isValid());
        const QString webApp = home.file(u".config/Code/User/workspaceStorage/5d41402abc4b2a76b9719d911017c592"_s);
        const auto files = [&home] {
            auto tree = test::fileTree(home.path());
            tree.removeIf([](const auto& file) {
                return file.key().contains(u".chasm_recovery/"_s) || file.key() == u"chasm.conf"_s;
            });
            return tree;
        };
        Settings settings(home.file(u"chasm.conf"_s));
        MainWindow window(home.environment(), &settings);
        QSignalSpy loaded(&window, &MainWindow::catalogLoaded);
        window.show();
        QTRY_COMPARE_WITH_TIMEOUT(loaded.count(), 1, 30000);

        // Select the two sessions in the sessions pane.
        QTableView* sessions = window.sessionView();
        const auto wanted = [](const QString& title, const QString& id) {
            return title == u"Deploy script review"_s || id == u"claude-code:11111111-aaaa-4bbb-8ccc-000000000001"_s;
        };
        QStringList chosen = selectSessions(sessions, wanted);
        QCOMPARE(chosen.size(), 2);
        QPointer<MergeWizard> wizard = window.startMerge();
        QVERIFY(wizard->isVisible());
        QStringList preselected = wizard->chosenIds();
        preselected.sort();
        chosen.sort();
        QCOMPARE(preselected, chosen);

        QSignalSpy previewed(wizard.data(), &MergeWizard::previewed);
        wizard->next();
        QCOMPARE(wizard->currentId(), int(MergeWizard::PreviewPage));
        QTRY_COMPARE_WITH_TIMEOUT(previewed.count(), 1, 30000);
        QVERIFY2(previewed.at(0).at(0).toBool(), qPrintable(wizard->previewText()));
        QVERIFY2(wizard->previewText().contains(u"from 2 session(s)"_s), qPrintable(wizard->previewText()));
        const int requests = wizard->timelineView()->topLevelItemCount();
        QVERIFY(requests >= 3);
        for (int i = 0; i < requests; ++i) {
            QVERIFY(!wizard->timelineView()->topLevelItem(i)->text(2).isEmpty());
        }

        wizard->next();
        QCOMPARE(wizard->currentId(), int(MergeWizard::TargetPage));
        QVERIFY(wizard->titleField()->text().startsWith(u"Merged: "_s));
        QCOMPARE(wizard->targetBox()->currentData(Qt::ToolTipRole).toString(), webApp); // the project's workspace
        wizard->titleField()->setText(u"Pause key, both tools"_s);
        wizard->next();
        QCOMPARE(wizard->currentId(), int(MergeWizard::CheckPage));
        QVERIFY(!wizard->currentPage()->isComplete());    // until the processes are listed, off the GUI thread
        QTRY_VERIFY(wizard->currentPage()->isComplete()); // no editor runs here
        QSignalSpy written(wizard.data(), &MergeWizard::written);
        wizard->next();
        QTRY_COMPARE_WITH_TIMEOUT(written.count(), 1, 30000);
        QVERIFY2(written.at(0).at(0).toBool(), qPrintable(wizard->summaryText()));
        wizard->next();
        QCOMPARE(wizard->currentId(), int(MergeWizard::DonePage));
        QVERIFY2(wizard->summaryText().contains(u"Backups: "_s), qPrintable(wizard->summaryText()));
        const QString merged = wizard->mergedSessionId();
        const QStringList written_ = QDir(webApp + u"/chatSessions"_s).entryList({merged + u".*"_s});
        QCOMPARE(written_.size(), 1);
        const auto file = ChatSessionFile::read(webApp + u"/chatSessions/"_s + written_.first());
        QVERIFY(file);
        QCOMPARE(json::string(file->tree, "customTitle"), u"Pause key, both tools"_s);
        const boost::json::array& merged_ = json::arrayAt(file->tree, "requests");
        QCOMPARE(int(merged_.size()), requests);
        QSet<QString> sources;
        for (std::size_t i = 0; i < merged_.size(); ++i) {
            QVERIFY(i == 0 ||
                    json::integer(merged_.at(i), "timestamp") >= json::integer(merged_.at(i - 1), "timestamp"));
            sources << json::string(merged_.at(i).at("chasm"), "source_session");
        }
        QCOMPARE(sources.size(), 2); // both sessions' requests, each saying where it came from
        QVERIFY(sources.contains(u"claude-code:11111111-aaaa-4bbb-8ccc-000000000001"_s));

        // "Open the merged session": the window reads the sources again and shows it.
        QSignalSpy shown(&window, &MainWindow::sessionShown);
        const QList<QPushButton*> buttons = wizard->findChildren<QPushButton*>();
        const auto open = std::find_if(buttons.cbegin(), buttons.cend(),
                                       [](const QPushButton* b) { return b->text() == u"&Open the merged session"_s; });
        QVERIFY(open != buttons.cend());
        QTest::mouseClick(*open, Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(loaded.count(), 2, 30000);
        QTRY_COMPARE_WITH_TIMEOUT(shown.count(), 1, 30000);
        QVERIFY2(window.currentSessionId().endsWith(merged), qPrintable(window.currentSessionId()));
        bool listed = false;
        for (int row = 0; row < window.sessionModel()->rowCount(); ++row) {
            listed |= window.sessionModel()->session(row).nativeId == merged &&
                      window.sessionModel()->session(row).title == u"Pause key, both tools"_s;
        }
        QVERIFY(listed);
        QTRY_VERIFY(wizard.isNull()); // it closed

        // Again, then Undo: every file as it was.
        selectSessions(sessions, wanted);
        const auto before = files();
        QPointer<MergeWizard> again = window.startMerge();
        QSignalSpy againPreviewed(again.data(), &MergeWizard::previewed);
        QSignalSpy againWritten(again.data(), &MergeWizard::written);
        again->next();
        QTRY_COMPARE_WITH_TIMEOUT(againPreviewed.count(), 1, 30000);
        again->next();
        again->next();
        again->next();
        QTRY_COMPARE_WITH_TIMEOUT(againWritten.count(), 1, 30000);
        QVERIFY(again->changedFiles());
        QSignalSpy undone(again.data(), &MergeWizard::undone);
        again->undo();
        QTRY_COMPARE_WITH_TIMEOUT(undone.count(), 1, 30000);
        QVERIFY2(undone.at(0).at(0).toBool(), qPrintable(again->summaryText()));
        QVERIFY(!again->changedFiles());
        QCOMPARE(files(), before);
        again->close();
    }

    // Export from the sessions pane's selection: a file per session into a folder (the unreadable one
    // named), all in one file, never over an existing file, and PDF typeset on the worker thread.
    void exportDialogWritesTheSelection()
    {
        test::FixtureHome home;
        Settings settings(home.file(u"chasm.conf"_s));
        MainWindow window(home.environment(), &settings);
        QSignalSpy loaded(&window, &MainWindow::catalogLoaded);
        window.show();
        QTRY_COMPARE_WITH_TIMEOUT(loaded.count(), 1, 30000);
        const QStringList selected = selectSessions(window.sessionView(), [](const QString& title, const QString& id) {
            return title == u"Deploy script review"_s || id.contains(u"aaaa1111"_s) || id.contains(u"ffff6666"_s);
        });
        QCOMPARE(selected.size(), 3);
        const auto run = [](ExportDialog* dialog) {
            QSignalSpy exported(dialog, &ExportDialog::exported);
            dialog->start();
            return exported.wait(30000) ? exported.at(0).at(0).toBool() : false;
        };

        QPointer<ExportDialog> dialog = window.startExport();
        QVERIFY(dialog->windowTitle().contains(u"3 sessions"_s));
        dialog->formatBox()->setCurrentIndex(dialog->formatBox()->findData(u"html"_s));
        const QString folder = home.file(u"exported"_s);
        dialog->destinationField()->setText(folder);
        QVERIFY2(run(dialog), qPrintable(dialog->resultText()));
        QCOMPARE(dialog->writtenFiles().size(), 2);
        QVERIFY2(dialog->resultText().contains(u"Left out, as they cannot be read:"_s) &&
                     dialog->resultText().contains(u"ffff6666"_s),
                 qPrintable(dialog->resultText()));
        QByteArray html;
        for (const QString& file : dialog->writtenFiles()) {
            QVERIFY(file.startsWith(folder + u'/') && file.endsWith(u".html"_s));
            html += test::readAll(file);
        }
        QVERIFY(html.startsWith("<!DOCTYPE html>"));
        QVERIFY(html.contains("Deploy script review"));

        // All in one file: the name follows the format.
        dialog->oneFileButton()->setChecked(true);
        dialog->formatBox()->setCurrentIndex(dialog->formatBox()->findData(u"md"_s));
        const QString oneFile = dialog->destinationField()->text();
        QVERIFY2(oneFile.startsWith(folder + u"/chasm-export-"_s) && oneFile.endsWith(u".md"_s), qPrintable(oneFile));
        QVERIFY2(run(dialog), qPrintable(dialog->resultText()));
        QCOMPARE(dialog->writtenFiles(), QStringList{oneFile});
        const QByteArray markdown = test::readAll(oneFile);
        QVERIFY(markdown.contains("# Deploy script review"));
        QCOMPARE(settings.value(Settings::Key::ExportFormat).toString(), u"md"_s);
        QCOMPARE(settings.value(Settings::Key::ExportFolder).toString(), folder);
        // The same file again is refused; it stays as it was.
        QVERIFY(!run(dialog));
        QVERIFY2(dialog->resultText().startsWith(u"The export stopped: "_s), qPrintable(dialog->resultText()));
        QCOMPARE(test::readAll(oneFile), markdown);

        // PDF, typeset off the GUI thread.
        dialog->formatBox()->setCurrentIndex(dialog->formatBox()->findData(u"pdf"_s));
        QVERIFY2(run(dialog), qPrintable(dialog->resultText()));
        QCOMPARE(dialog->writtenFiles().size(), 1);
        QVERIFY(test::readAll(dialog->writtenFiles().first()).startsWith("%PDF-"));
        dialog->close();
        QTRY_VERIFY(dialog.isNull());
    }

    // A single session exported into one file is offered the name its file would get in a folder: its
    // date, title and id; the name follows the format.
    void exportOfOneSessionIsNamedAfterIt()
    {
        test::FixtureHome home;
        Settings settings(home.file(u"chasm.conf"_s));
        MainWindow window(home.environment(), &settings);
        QSignalSpy loaded(&window, &MainWindow::catalogLoaded);
        window.show();
        QTRY_COMPARE_WITH_TIMEOUT(loaded.count(), 1, 30000);
        const QStringList selected = selectSessions(window.sessionView(), [](const QString& title, const QString&) {
            return title == u"Deploy script review"_s;
        });
        QCOMPARE(selected.size(), 1);
        QPointer<ExportDialog> dialog = window.startExport();
        const QString folder = home.file(u"exported"_s);
        dialog->destinationField()->setText(folder);
        dialog->formatBox()->setCurrentIndex(dialog->formatBox()->findData(u"md"_s));
        dialog->oneFileButton()->setChecked(true);
        static const QRegularExpression named(u"^\\d{4}-\\d{2}-\\d{2}-deploy-script-review-[a-z0-9-]{1,8}\\.md$"_s);
        const QString markdown = dialog->destinationField()->text();
        QCOMPARE(QFileInfo(markdown).path(), folder);
        QVERIFY2(named.match(QFileInfo(markdown).fileName()).hasMatch(), qPrintable(markdown));
        dialog->formatBox()->setCurrentIndex(dialog->formatBox()->findData(u"html"_s));
        QCOMPARE(dialog->destinationField()->text(), markdown.chopped(3) + u".html"_s);
        QSignalSpy exported(dialog, &ExportDialog::exported);
        dialog->start();
        QVERIFY(exported.wait(30000));
        QVERIFY2(exported.at(0).at(0).toBool(), qPrintable(dialog->resultText()));
        QCOMPARE(dialog->writtenFiles(), QStringList{markdown.chopped(3) + u".html"_s});
        dialog->close();
        QTRY_VERIFY(dialog.isNull());
    }

    void unreadableSessionExplainsItself()
    {
        test::FixtureHome home;
        Settings settings(home.file(u"chasm.conf"_s));
        MainWindow window(home.environment(), &settings);
        QSignalSpy loaded(&window, &MainWindow::catalogLoaded);
        QTRY_COMPARE_WITH_TIMEOUT(loaded.count(), 1, 30000);
        QTableView* sessions = window.sessionView();
        for (int row = 0; row < sessions->model()->rowCount(); ++row) {
            if (sessions->model()->index(row, 0).data(Qt::ToolTipRole).toString().contains(u"incomplete JSON"_s)) {
                sessions->setCurrentIndex(sessions->model()->index(row, 0));
            }
        }
        QTRY_VERIFY_WITH_TIMEOUT(window.conversationView()->toPlainText().contains(u"This session cannot be read"_s),
                                 30000);
        QVERIFY(window.conversationView()->toPlainText().contains(u"ffff6666-7777-4888-8999-aaaabbbbcccc.json"_s));
    }

    void searchOpensSessionAtHit()
    {
        test::FixtureHome home;
        Settings settings(home.file(u"chasm.conf"_s));
        MainWindow window(home.environment(), &settings);
        QSignalSpy loaded(&window, &MainWindow::catalogLoaded);
        QTRY_COMPARE_WITH_TIMEOUT(loaded.count(), 1, 30000);
        QSignalSpy harvested(window.harvestService(), &HarvestService::finished);
        window.harvestService()->harvestNow();
        QTRY_COMPARE_WITH_TIMEOUT(harvested.count(), 1, 30000);
        QVERIFY(harvested.at(0).at(0).value<Harvester::Summary>().created >= 7);

        // Ctrl+K focuses the search field; typing a word and Enter lists the hits.
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        SearchPane* search = window.searchPane();
        QSignalSpy searched(search, &SearchPane::searchFinished);
        QTest::keyClick(&window, Qt::Key_K, Qt::ControlModifier);
        QTRY_VERIFY(search->queryField()->hasFocus());
        QTest::keyClicks(search->queryField(), u"symlink"_s);
        QTest::keyClick(search->queryField(), Qt::Key_Return);
        QTRY_COMPARE_WITH_TIMEOUT(searched.count(), 1, 30000);
        QVERIFY(searched.at(0).at(0).toInt() >= 1);
        const QModelIndex first = search->resultModel()->index(0);
        QCOMPARE(first.data(SearchResultModel::SessionIdRole).toString(),
                 u"copilot:bbbb2222-3333-4444-8555-666677778888"_s);
        QVERIFY(first.data(SearchResultModel::SnippetRole).toString().contains(HarvestStore::matchStart));
        const int hitMessage = first.data(SearchResultModel::MessageIndexRole).toInt();

        // Enter on the hit opens its session at the message, the word highlighted there.
        QSignalSpy shown(&window, &MainWindow::sessionShown);
        QTest::keyClick(search->queryField(), Qt::Key_Down);
        QVERIFY(search->resultView()->hasFocus());
        QCOMPARE(search->resultView()->currentIndex(), first);
        QTest::keyClick(search->resultView(), Qt::Key_Return);
        QTRY_COMPARE_WITH_TIMEOUT(shown.count(), 1, 30000);
        QCOMPARE(shown.at(0).at(0).toString(), u"copilot:bbbb2222-3333-4444-8555-666677778888"_s);
        ConversationView* view = window.conversationView();
        QCOMPARE(view->currentMessage(), hitMessage);
        const QList<QTextEdit::ExtraSelection> marks = view->textView()->extraSelections();
        QVERIFY(!marks.isEmpty());
        for (const QTextEdit::ExtraSelection& mark : marks) {
            QCOMPARE(mark.cursor.selectedText().toLower(), u"symlink"_s);
        }

        // A query that cannot be searched says what to type instead, in the CLI's words.
        search->search(u"-symlink"_s);
        QTRY_COMPARE_WITH_TIMEOUT(searched.count(), 2, 30000);
        QCOMPARE(search->resultModel()->rowCount(), 0);
        QCOMPARE(
            search->findChild<QLabel*>(u"searchStatus"_s)->text(),
            u"search: NOT symlink only says what to leave out; add a word to look for, as in: koala NOT symlink"_s);

        // A search saved under a name, with its filters, shows in the sources pane of the next window.
        search->search(u"symlink"_s);
        QTRY_COMPARE_WITH_TIMEOUT(searched.count(), 3, 30000);
        QVERIFY(search->saveAction()->isEnabled());
        QComboBox* role = nullptr; // the filter that offers the assistant's messages
        for (QComboBox* box : search->findChildren<QComboBox*>()) {
            role = box->findData(u"assistant"_s) >= 0 ? box : role;
        }
        QVERIFY(role);
        role->setCurrentIndex(role->findData(u"assistant"_s));
        QTRY_COMPARE_WITH_TIMEOUT(searched.count(), 4, 30000);
        const int assistantHits = search->resultModel()->rowCount();
        window.saveSearch(u"Symlink answers"_s);
        QCOMPARE(settings.savedSearches().size(), 1);
        QVERIFY(window.workspaceModel()->savedSearchesIndex().isValid());

        MainWindow next(home.environment(), &settings);
        QSignalSpy nextLoaded(&next, &MainWindow::catalogLoaded);
        QTRY_COMPARE_WITH_TIMEOUT(nextLoaded.count(), 1, 30000);
        next.show();
        QVERIFY(QTest::qWaitForWindowExposed(&next));
        WorkspaceTreeModel* tree = next.workspaceModel();
        const QModelIndex group = tree->savedSearchesIndex();
        QVERIFY(group.isValid());
        QCOMPARE(group.row(), tree->rowCount() - 1); // after the tools
        QCOMPARE(tree->rowCount(group), 1);
        const QModelIndex saved = tree->index(0, 0, group);
        QCOMPARE(saved.data().toString(), u"Symlink answers"_s);
        QVERIFY(saved.data(Qt::ToolTipRole).toString().contains(u"Assistant"_s));

        // Selecting it runs it, filters included, and leaves the sessions shown alone.
        const int sessionsShown = next.sessionView()->model()->rowCount();
        QSignalSpy nextSearched(next.searchPane(), &SearchPane::searchFinished);
        next.workspaceView()->setFocus();
        next.workspaceView()->setCurrentIndex(saved);
        QTRY_COMPARE_WITH_TIMEOUT(nextSearched.count(), 1, 30000);
        QCOMPARE(next.searchPane()->queryField()->text(), u"symlink"_s);
        QCOMPARE(next.searchPane()->resultModel()->rowCount(), assistantHits);
        for (int row = 0; row < assistantHits; ++row) {
            QCOMPARE(next.searchPane()->resultModel()->hit(row).role, u"assistant"_s);
        }
        QCOMPARE(next.sessionView()->model()->rowCount(), sessionsShown);

        // Delete forgets it, in the settings and in both windows.
        QTest::keyClick(next.workspaceView(), Qt::Key_Delete);
        QVERIFY(settings.savedSearches().isEmpty());
        QVERIFY(!tree->savedSearchesIndex().isValid());
        QVERIFY(!window.workspaceModel()->savedSearchesIndex().isValid());
    }

    // The pane keeps one connection between searches: it sees what a harvest stored since, follows a change of
    // database or a database made anew at the same path, and is closed on its own thread when the pane goes (Qt
    // warns of a connection used elsewhere).
    void searchKeepsItsConnection()
    {
        QTemporaryDir dir;
        const auto store = [&dir](const QString& file, const QString& id, const QString& text) {
            const auto db = Database::open(dir.filePath(file));
            QVERIFY(db.ok());
            Session session;
            session.provider = u"codex"_s;
            session.nativeId = id;
            session.id = u"codex:"_s + id;
            session.title = id;
            session.messages.append({Role::User, text, {}, {}, {}, {}, {}, {}, {}});
            SessionRef ref;
            ref.id = session.id;
            ref.provider = session.provider;
            ref.path = u"/x/"_s + id;
            QVERIFY(HarvestStore(**db).store(ref, HarvestStore::prepare(session)).ok());
        };
        store(u"a.db"_s, u"one"_s, u"the alpha release"_s);
        store(u"b.db"_s, u"two"_s, u"the beta release"_s);

        QTest::failOnWarning(QRegularExpression(u"QSql"_s));
        auto pane = std::make_unique<SearchPane>();
        QSignalSpy searched(pane.get(), &SearchPane::searchFinished);
        const auto hits = [&](const QString& query) {
            const qsizetype before = searched.count();
            pane->search(query);
            return QTest::qWaitFor([&] { return searched.count() > before; }, 30000) ? searched.last().at(0).toInt()
                                                                                     : -1;
        };
        pane->setDatabasePath(dir.filePath(u"a.db"_s));
        QCOMPARE(hits(u"alpha"_s), 1);
        store(u"a.db"_s, u"three"_s, u"alpha again"_s);
        QCOMPARE(hits(u"alpha"_s), 2);
        pane->setDatabasePath(dir.filePath(u"b.db"_s));
        QCOMPARE(hits(u"alpha"_s), 0);
        QCOMPARE(hits(u"beta"_s), 1);
        // The database deleted under the pane and made anew: the pane reads the new one.
        for (const QString& end : {u""_s, u"-wal"_s, u"-shm"_s}) {
            QFile::remove(dir.filePath(u"b.db"_s + end));
        }
        store(u"b.db"_s, u"four"_s, u"the gamma release"_s);
        QCOMPARE(hits(u"gamma"_s), 1);
        QCOMPARE(hits(u"beta"_s), 0);
        pane.reset();
    }

    void timelineClickSelectsSession()
    {
        test::FixtureHome home(u"claude-code"_s);
        Settings settings(home.file(u"chasm.conf"_s));
        MainWindow window(home.environment(), &settings);
        QSignalSpy loaded(&window, &MainWindow::catalogLoaded);
        QTRY_COMPARE_WITH_TIMEOUT(loaded.count(), 1, 30000);
        window.resize(1400, 900);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        TimelinePane* pane = window.timelinePane();
        pane->parentWidget()->show(); // the dock
        QTRY_VERIFY(pane->isVisible());
        TimelineView* timeline = pane->view();
        QCOMPARE(timeline->rowCount(), 1); // one project
        QVERIFY(pane->statsText().contains(u"Claude Code: 3 sessions"_s));

        // The newest session's bar is in view (the timeline opens on the present); click it.
        SessionRef newest = window.sessionModel()->session(0);
        for (int row = 1; row < window.sessionModel()->rowCount(); ++row) {
            if (window.sessionModel()->session(row).updatedAt > newest.updatedAt) {
                newest = window.sessionModel()->session(row);
            }
        }
        const QRect bar = timeline->barRect(newest.id);
        QVERIFY2(!bar.isEmpty(), qPrintable(newest.id));
        QSignalSpy shown(&window, &MainWindow::sessionShown);
        QTest::mouseClick(timeline->viewport(), Qt::LeftButton, {}, bar.center());
        QTRY_COMPARE_WITH_TIMEOUT(shown.count(), 1, 30000);
        QCOMPARE(shown.at(0).at(0).toString(), newest.id);
        QCOMPARE(window.sessionView()->currentIndex().data(SessionListModel::SessionIdRole).toString(), newest.id);

        // Zooming keeps every bar; the month view is narrower than the day view.
        timeline->setZoom(TimelineView::Zoom::Day);
        const int dayWidth = timeline->horizontalScrollBar()->maximum();
        timeline->setZoom(TimelineView::Zoom::Month);
        QVERIFY(timeline->horizontalScrollBar()->maximum() < dayWidth);
        QCOMPARE(pane->findChild<QComboBox*>()->currentText(), u"Month"_s); // the zoom box follows
        QTest::keyClick(pane->findChild<QComboBox*>(), Qt::Key_Up);
        QCOMPARE(timeline->zoom(), TimelineView::Zoom::Week);
    }

    // A harvest that kept sessions as stored because their sources shrank says so in the status bar, and lists
    // them with the failures.
    void harvestReportsShrunkSources()
    {
        test::FixtureHome home(u"claude-code"_s);
        Settings settings(home.file(u"chasm.conf"_s));
        MainWindow window(home.environment(), &settings);
        QSignalSpy harvested(window.harvestService(), &HarvestService::finished);
        window.harvestService()->harvestNow();
        QTRY_COMPARE_WITH_TIMEOUT(harvested.count(), 1, 30000);
        const QString transcript =
            home.file(u".claude/projects/-home-dev-projects-web-app/11111111-aaaa-4bbb-8ccc-000000000001.jsonl"_s);
        const QByteArray bytes = test::readAll(transcript);
        QVERIFY(test::writeFile(transcript, bytes.left(bytes.size() * 40 / 100)));
        window.harvestService()->harvestNow();
        QTRY_COMPARE_WITH_TIMEOUT(harvested.count(), 2, 30000);
        QCOMPARE(harvested.at(1).at(0).value<Harvester::Summary>().shrunk.size(), 1);
        QStringList texts;
        for (const QLabel* label : window.statusBar()->findChildren<QLabel*>()) {
            texts << label->text();
        }
        const QString status = texts.filter(u"Harvested:"_s).value(0);
        QVERIFY2(status.contains(u"1 session kept as stored: its source shrank — see Harvest → Show failures"_s),
                 qPrintable(texts.join(u" | "_s)));
    }

    void trayHarvestsNewSessionsAndNotifies()
    {
        test::FixtureHome home(u"claude-code"_s);
        Settings settings(home.file(u"chasm.conf"_s));
        settings.setValue(Settings::Key::TrayEnabled, true);
        MainWindow window(home.environment(), &settings);
        QSignalSpy notified(&window, &MainWindow::notified);
        QSignalSpy harvested(window.harvestService(), &HarvestService::finished);
        window.harvestService()->setDebounce(std::chrono::milliseconds(50));
        QVERIFY(window.harvestService()->isWatching());
        // Watching starts with a harvest of what is there.
        QTRY_COMPARE_WITH_TIMEOUT(harvested.count(), 1, 30000);
        QTRY_COMPARE_WITH_TIMEOUT(notified.count(), 1, 30000);
        QCOMPARE(notified.at(0).at(1).toString(), u"3 new Claude Code sessions harvested"_s);
        const QString project = home.file(u".claude/projects/-home-dev-projects-web-app"_s);
        QTRY_VERIFY(window.harvestService()->watchedPaths().contains(project));

        // Claude Code starts a new session: it is harvested without anyone asking.
        QFile file(project + u"/55555555-aaaa-4bbb-8ccc-000000000005.jsonl"_s);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(
            R"({"parentUuid":null,"isSidechain":false,"userType":"external","cwd":"/home/dev/projects/web app","sessionId":"55555555-aaaa-4bbb-8ccc-000000000005","version":"2.1.197","uuid":"e1","timestamp":"2026-11-20T10:00:00.000Z","type":"user","message":{"role":"user","content":"Why does the build cache miss?"}})"
            "\n");
        file.close();
        QTRY_COMPARE_WITH_TIMEOUT(notified.count(), 2, 30000);
        QCOMPARE(notified.at(1).at(1).toString(), u"1 new Claude Code session harvested"_s);
        const auto summary = harvested.last().at(0).value<Harvester::Summary>();
        QCOMPARE(summary.created, 1);
        QCOMPARE(summary.unchanged, 3); // the others were not read again

        // A paused watcher harvests nothing.
        window.harvestService()->setWatching(false);
        QVERIFY(window.harvestService()->watchedPaths().isEmpty());
    }

    // Sessions their tool deletes within a week: the tray harvest keeps those it can read without a word, and tells
    // once of one it cannot keep, however often it harvests; one that comes at risk later is told on its own.
    void trayWarnsOnceOfSessionsAboutToGo()
    {
        test::FixtureHome home(u"claude-code"_s);
        const QString project = home.file(u".claude/projects/-home-dev-projects-web-app/"_s);
        // Claude Code deletes transcripts 30 days after they were last written.
        const auto writtenDaysAgo = [](const QString& path, int days) {
            QFile file(path);
            return file.open(QIODevice::ReadWrite) &&
                   file.setFileTime(QDateTime::currentDateTimeUtc().addDays(-days), QFileDevice::FileModificationTime);
        };
        QVERIFY(writtenDaysAgo(project + u"11111111-aaaa-4bbb-8ccc-000000000001.jsonl"_s, 25));
        const QString damaged = project + u"44444444-aaaa-4bbb-8ccc-000000000004.jsonl"_s;
        QVERIFY(test::writeFile(damaged, "{\"type\":\"user\",\n"));
        QVERIFY(writtenDaysAgo(damaged, 25));
        Settings settings(home.file(u"chasm.conf"_s));
        settings.setValue(Settings::Key::TrayEnabled, true);
        MainWindow window(home.environment(), &settings);
        QSignalSpy notified(&window, &MainWindow::notified);
        HarvestService* harvest = window.harvestService();
        QSignalSpy harvested(harvest, &HarvestService::finished);
        QTRY_COMPARE_WITH_TIMEOUT(harvested.count(), 1, 30000);
        QTRY_VERIFY_WITH_TIMEOUT(!harvest->isRunning(), 30000);
        QCOMPARE(notified.count(), 2);
        QCOMPARE(notified.at(0).at(1).toString(), u"3 new Claude Code sessions harvested"_s);
        QCOMPARE(notified.at(1).at(0).toString(), u"1 session about to be deleted"_s);
        const QString purge =
            QLocale().toString(QDateTime::currentDateTimeUtc().addDays(5).toLocalTime().date(), QLocale::ShortFormat);
        QCOMPARE(notified.at(1).at(1).toString(),
                 u"Claude Code deletes \u201cclaude-code:44444444-aaaa-4bbb-8ccc-000000000004\u201d on %1\n"
                 "Chasm has not kept them: see `chasm retention`."_s.arg(purge));

        // Harvested again (a rescan, a change elsewhere): told already.
        harvest->harvestNow();
        QTRY_COMPARE_WITH_TIMEOUT(harvested.count(), 2, 30000);
        QTRY_VERIFY_WITH_TIMEOUT(!harvest->isRunning(), 30000);
        QCOMPARE(notified.count(), 2);

        // Another transcript it cannot read, due already: told alone.
        const QString other = project + u"55555555-aaaa-4bbb-8ccc-000000000005.jsonl"_s;
        QVERIFY(test::writeFile(other, "not a transcript\n"));
        QVERIFY(writtenDaysAgo(other, 31));
        harvest->harvestNow();
        QTRY_COMPARE_WITH_TIMEOUT(harvested.count(), 3, 30000);
        QTRY_VERIFY_WITH_TIMEOUT(!harvest->isRunning(), 30000);
        QCOMPARE(notified.count(), 3);
        QCOMPARE(
            notified.at(2).at(1).toString(),
            u"Claude Code deletes \u201cclaude-code:55555555-aaaa-4bbb-8ccc-000000000005\u201d when it next starts\n"
            "Chasm has not kept them: see `chasm retention`."_s);
    }

    // What someone does in the window, through the pieces it is assembled from: opens a session, reads a message
    // as the tool wrote it in the Raw tab, clicks two sessions in quick succession (only the second shows: the
    // read of the first is dropped), harvests and reads the outcome in the status bar.
    void readRawSwitchSessionsAndHarvest()
    {
        test::FixtureHome home;
        Settings settings(home.file(u"chasm.conf"_s));
        MainWindow window(home.environment(), &settings);
        QSignalSpy loaded(&window, &MainWindow::catalogLoaded);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QTRY_COMPARE_WITH_TIMEOUT(loaded.count(), 1, 30000);
        QTableView* sessions = window.sessionView();
        QSignalSpy shown(&window, &MainWindow::sessionShown);

        // Open "Deploy script review", select its third message, and Ctrl+U: the Raw tab reads it from its file.
        const QString deploy = u"copilot:bbbb2222-3333-4444-8555-666677778888"_s;
        clickSession(sessions, deploy);
        QTRY_COMPARE_WITH_TIMEOUT(shown.count(), 1, 30000);
        QCOMPARE(shown.at(0).at(0).toString(), deploy);
        window.conversationView()->showMessage(2);
        QTest::keyClick(&window, Qt::Key_U, Qt::ControlModifier);
        QCOMPARE(window.viewTabs()->currentWidget(), window.rawRecordView());
        const QLabel* source = window.rawRecordView()->sourceLabel();
        QTRY_VERIFY_WITH_TIMEOUT(source->text().endsWith(u" (read now)"_s), 30000);
        QCOMPARE(source->text(),
                 u"Message 3 as the tool keeps it in "_s +
                     home.file(u".config/Code/User/workspaceStorage/5d41402abc4b2a76b9719d911017c592/chatSessions/"
                               "bbbb2222-3333-4444-8555-666677778888.jsonl"_s) +
                     u" (read now)"_s);
        QVERIFY2(window.rawView()->toPlainText().startsWith(u"{\n  \"requestId\": \"request_b2\""_s),
                 qPrintable(window.rawView()->toPlainText()));
        // The next message replaces it.
        window.conversationView()->showMessage(0);
        QTRY_VERIFY_WITH_TIMEOUT(source->text().startsWith(u"Message 1 as the tool keeps it in "_s), 30000);
        QVERIFY(!window.rawView()->toPlainText().contains(u"request_b2"_s));
        QTest::keyClick(&window, Qt::Key_U, Qt::ControlModifier);
        QCOMPARE(window.viewTabs()->currentWidget(), window.conversationView());
        QTRY_VERIFY_WITH_TIMEOUT(!window.isBusy(), 30000);

        // Two other sessions clicked one right after the other: the second shows, and the first, read meanwhile,
        // never replaces it.
        const QString npm = u"copilot:aaaa1111-2222-4333-8444-555566667777"_s;
        const QString cursor = u"cursor:c0c0c0c0-1111-4222-8333-444455556666"_s;
        clickSession(sessions, npm);
        clickSession(sessions, cursor);
        QTRY_COMPARE_WITH_TIMEOUT(shown.count(), 2, 30000);
        QTRY_VERIFY_WITH_TIMEOUT(!window.isBusy(), 30000);
        QTest::qWait(50); // anything still queued for the first read arrives
        QCOMPARE(shown.count(), 2);
        QCOMPARE(shown.at(1).at(0).toString(), cursor);
        QCOMPARE(window.currentSessionId(), cursor);
        QCOMPARE(window.conversationView()->session()->id, cursor);
        QVERIFY(!window.conversationView()->toPlainText().contains(u"ECONNREFUSED"_s));

        // Another session clicked, then the shown one again before the other is read: the shown one stays, and
        // the other, read meanwhile, does not replace it while the list points at the first.
        clickSession(sessions, npm);
        clickSession(sessions, cursor);
        QTRY_VERIFY_WITH_TIMEOUT(!window.isBusy(), 30000);
        QTest::qWait(50);
        QCOMPARE(shown.count(), 2);
        QCOMPARE(window.currentSessionId(), cursor);
        QCOMPARE(window.conversationView()->session()->id, cursor);

        // A harvest: the busy bar and Cancel show while it runs; the outcome stays in the status bar after.
        HarvestStatusBar* status = window.harvestStatusBar();
        QCOMPARE(window.statusBar(), status);
        auto* busy = status->findChild<QProgressBar*>();
        auto* cancel = status->findChild<QToolButton*>();
        QVERIFY(busy && cancel);
        QVERIFY(!busy->isVisible() && !cancel->isVisible());
        bool shownWhileRunning = false;
        connect(window.harvestService(), &HarvestService::started, this,
                [&] { shownWhileRunning = busy->isVisible() && cancel->isVisible(); });
        QSignalSpy harvested(window.harvestService(), &HarvestService::finished);
        window.harvestService()->harvestNow();
        QTRY_COMPARE_WITH_TIMEOUT(harvested.count(), 1, 30000);
        QVERIFY(shownWhileRunning);
        QVERIFY(harvested.at(0).at(0).value<Harvester::Summary>().created >= 7);
        QTRY_COMPARE_WITH_TIMEOUT(loaded.count(), 2, 30000); // new sessions: the sources are read again
        // Harvesting again finds everything unchanged, and says so.
        window.harvestService()->harvestNow();
        QTRY_COMPARE_WITH_TIMEOUT(harvested.count(), 2, 30000);
        const auto summary = harvested.at(1).at(0).value<Harvester::Summary>();
        QCOMPARE(summary.created, 0);
        QCOMPARE(status->status(), u"Harvested: 0 new, 0 updated, %1 unchanged, %2 failed in %3 s (%4 sessions in "
                                   "the database)"_s.arg(summary.unchanged)
                                           .arg(summary.failed)
                                           .arg(summary.seconds, 0, 'f', 1)
                                           .arg(summary.sessionsTotal) +
                                       (summary.errors.isEmpty() ? QString() : u" — see Harvest → Show failures"_s));
        QVERIFY(!busy->isVisible() && !cancel->isVisible());
        QCOMPARE(status->failuresAction()->isEnabled(), !summary.errors.isEmpty());
    }

    // The messages of the status bar, the Raw tab and the tray kept their translations when they moved out of
    // the main window.
    void movedMessagesStayTranslated()
    {
        QTranslator german;
        QVERIFY(german.load(u":/i18n/chasm_de.qm"_s));
        QCoreApplication::installTranslator(&german);
        const auto english = qScopeGuard([&german] { QCoreApplication::removeTranslator(&german); });
        test::FixtureHome home;
        Settings settings(home.file(u"chasm.conf"_s));
        MainWindow window(home.environment(), &settings);
        QSignalSpy loaded(&window, &MainWindow::catalogLoaded);
        QTRY_COMPARE_WITH_TIMEOUT(loaded.count(), 1, 30000);
        QCOMPARE(window.harvestStatusBar()->failuresAction()->text(), u"&Fehler anzeigen…"_s);
        QCOMPARE(window.harvestStatusBar()->findChild<QToolButton*>()->text(), u"Abbrechen"_s);
        QSignalSpy harvested(window.harvestService(), &HarvestService::finished);
        window.harvestService()->harvestNow();
        QTRY_COMPARE_WITH_TIMEOUT(harvested.count(), 1, 30000);
        QTRY_COMPARE_WITH_TIMEOUT(loaded.count(), 2, 30000);
        window.harvestService()->harvestNow();
        QTRY_COMPARE_WITH_TIMEOUT(harvested.count(), 2, 30000);
        QVERIFY2(window.harvestStatusBar()->status().startsWith(u"Gesammelt: 0 neu, 0 aktualisiert"_s),
                 qPrintable(window.harvestStatusBar()->status()));

        window.viewTabs()->setCurrentWidget(window.rawRecordView());
        QCOMPARE(window.rawRecordView()->sourceLabel()->text(),
                 u"Öffnen Sie eine Sitzung und wählen Sie eine Nachricht, um sie so zu sehen, wie das Werkzeug sie "
                 "geschrieben hat."_s);
        TrayIcon tray(&window, window.harvestService());
        QCOMPARE(tray.toolTip(), u"Chasm"_s);
        QStringList items;
        for (const QAction* action : tray.contextMenu()->actions()) {
            if (action->isVisible()) { // the server's line shows only while it serves
                items << action->text();
            }
        }
        QCOMPARE(items, (QStringList{u"Chasm ö&ffnen"_s, u"&Jetzt sammeln"_s, u"Überwachung &pausieren"_s, QString(),
                                     u"&Beenden"_s}));
    }

    void emptyStateSaysWhereItLooked()
    {
        QTemporaryDir home;
        Settings settings(home.filePath(u"chasm.conf"_s));
        MainWindow window(Environment::fromVariables({{u"HOME"_s, home.path()}}, Platform::Linux), &settings);
        QSignalSpy loaded(&window, &MainWindow::catalogLoaded);
        QTRY_COMPARE_WITH_TIMEOUT(loaded.count(), 1, 30000);
        QCOMPARE(window.workspaceModel()->rowCount(), 0);
        const QString text = window.conversationView()->toPlainText();
        QVERIFY2(text.contains(u"No sessions found"_s), qPrintable(text));
        QVERIFY(text.contains(home.path() + u"/.config/Code/User"_s));
        QVERIFY(text.contains(home.path() + u"/.config/Cursor/User"_s));
    }
};

QTEST_MAIN(TestMainWindow)
#include "TestMainWindow.moc"
