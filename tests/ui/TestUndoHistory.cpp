// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#include "CliRun.h"
#include "FixtureHome.h"
#include "GuiSteps.h"
#include "dialogs/HistoryWindow.h"
#include "json/Json.h"
#include "models/IndexEntryModel.h"
#include "models/SessionListModel.h"
#include "models/WorkspaceTreeModel.h"
#include "util/Settings.h"
#include "views/IndexInspector.h"
#include "views/Localization.h"
#include "views/MainWindow.h"
#include "vscode/SessionIndex.h"
#include "wizards/MergeWizard.h"
#include "wizards/RecoveryWizard.h"

#include <QAbstractButton>
#include <QCheckBox>
#include <QDir>
#include <QDockWidget>
#include <QLabel>
#include <QMenuBar>
#include <QPointer>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableView>
#include <QTest>
#include <QTreeView>
#include <QTreeWidget>

#include <boost/json.hpp>

using namespace Qt::StringLiterals;
using namespace chasm;

// Undo for everything: the History window (Edit → History) lists every recovery point, made by the app
// or the command line, and undoes each; the wizards write only once Commit is pressed; a merge made
// twice is noticed; the index inspector undoes fix after fix and takes out entries without a file.
// Each test is a person's path through real widgets.

namespace {

const QString webAppStorage = u".config/Code/User/workspaceStorage/5d41402abc4b2a76b9719d911017c592"_s;
const QString claudeSession = u"claude-code:11111111-aaaa-4bbb-8ccc-000000000001"_s;
const QString ghost = u"cccc3333-4444-4555-8666-777788889999"_s;

// Every file of the HOME but Chasm's own record of what it did and the app's settings.
QMap<QString, QByteArray> userFiles(const test::FixtureHome& home)
{
    auto tree = test::fileTree(home.path());
    // Chasm's own files are left out: its settings, its journal of recovery folders.
    tree.removeIf([](const auto& file) {
        return file.key().contains(u".chasm_recovery/"_s) || file.key() == u"chasm.conf"_s ||
               file.key().endsWith(u"chasm/recovery-folders"_s);
    });
    return tree;
}

QStringList differences(const QMap<QString, QByteArray>& a, const QMap<QString, QByteArray>& b)
{
    QStringList names;
    for (auto it = a.cbegin(); it != a.cend(); ++it) {
        if (!b.contains(it.key()) || b.value(it.key()) != it.value()) {
            names << it.key();
        }
    }
    for (auto it = b.cbegin(); it != b.cend(); ++it) {
        if (!a.contains(it.key())) {
            names << it.key();
        }
    }
    return names;
}

QModelIndex workspaceRow(const WorkspaceTreeModel* tree, const QString& name)
{
    for (int group = 0; group < tree->rowCount(); ++group) {
        const QModelIndex parent = tree->index(group, 0);
        for (int row = 0; row < tree->rowCount(parent); ++row) {
            if (tree->index(row, 0, parent).data().toString() == name) {
                return tree->index(row, 0, parent);
            }
        }
    }
    return {};
}

// Selects in the sessions pane the Copilot session "Deploy script review" and a Claude Code one.
void selectTwoSessions(QTableView* sessions)
{
    sessions->clearSelection();
    for (int row = 0; row < sessions->model()->rowCount(); ++row) {
        const QModelIndex index = sessions->model()->index(row, 0);
        if (index.data().toString() == u"Deploy script review"_s ||
            index.data(SessionListModel::SessionIdRole).toString() == claudeSession) {
            sessions->selectionModel()->select(index, QItemSelectionModel::Select | QItemSelectionModel::Rows);
        }
    }
}

QPushButton* buttonNamed(const QWidget* parent, const QString& text)
{
    const QList<QPushButton*> buttons = parent->findChildren<QPushButton*>();
    for (QPushButton* button : buttons) {
        if (button->text() == text) {
            return button;
        }
    }
    return nullptr;
}

void click(QAbstractButton* button)
{
    QVERIFY(button);
    QVERIFY2(button->isVisible() && button->isEnabled(), qPrintable(button->text()));
    QTest::mouseClick(button, Qt::LeftButton);
}

// Next (or Commit) once the page lets the user go on.
void forward(QWizard* wizard)
{
    QAbstractButton* commit = wizard->button(QWizard::CommitButton);
    QAbstractButton* next = wizard->button(QWizard::NextButton);
    QTRY_VERIFY_WITH_TIMEOUT((commit->isVisible() && commit->isEnabled()) || (next->isVisible() && next->isEnabled()),
                             30000);
    click(commit->isVisible() ? commit : next);
}

// Through the merge wizard to its Done page: choose (as selected), preview, target, check, Commit.
void mergeToTheEnd(MergeWizard* wizard)
{
    QSignalSpy written(wizard, &MergeWizard::written);
    while (wizard->currentId() != MergeWizard::DonePage) {
        forward(wizard);
        if (wizard->currentId() == MergeWizard::WritePage) {
            QTRY_COMPARE_WITH_TIMEOUT(written.count(), 1, 30000);
            QVERIFY2(written.at(0).at(0).toBool(), qPrintable(wizard->summaryText()));
        }
    }
}

QString recoveryPointOf(const test::CliRun& run)
{
    const boost::json::value shape = boost::json::parse(run.out.toStdString());
    for (const auto& w : shape.at("workspaces").as_array()) {
        if (w.at("recovery_point").is_string()) {
            return json::string(w, "recovery_point");
        }
    }
    return {};
}

// An older workspace of the web app project holding one session the active one lacks, as the recovery
// assistant finds it.
void addOlderWorkspace(const test::FixtureHome& home)
{
    const QString active = home.file(webAppStorage);
    const QString older = home.file(u".config/Code/User/workspaceStorage/00000000000000000000000000000001"_s);
    QVERIFY(QDir().mkpath(older + u"/chatSessions"_s));
    QVERIFY(QFile::copy(active + u"/workspace.json"_s, older + u"/workspace.json"_s));
    QVERIFY(test::FixtureHome::writeStateDatabase(older + u"/state.vscdb"_s, "{\"version\":1,\"entries\":{}}"));
    QVERIFY(QFile::copy(active + u"/chatSessions/aaaa1111-2222-4333-8444-555566667777.json"_s,
                        older + u"/chatSessions/0a0a0a0a-1111-4222-8333-444455556666.json"_s));
    QFile state(older + u"/state.vscdb"_s);
    QVERIFY(state.open(QIODevice::ReadWrite));
    QVERIFY(state.setFileTime(QDateTime::currentDateTime().addDays(-60), QFileDevice::FileModificationTime));
}

// The app's window on a fixture HOME, shown.
struct App
{
    explicit App(const test::FixtureHome& home)
        : settings(home.file(u"chasm.conf"_s))
        , window(home.environment(), &settings)
        , loaded(&window, &MainWindow::catalogLoaded)
    {
        window.show();
    }
    // Whether the sources were read, as at start.
    bool started()
    {
        return QTest::qWaitFor([this] { return loaded.count() == 1; }, 30000);
    }

    Settings settings;
    MainWindow window;
    QSignalSpy loaded;
};

} // namespace

class TestUndoHistory : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        installTranslations(QLocale(QLocale::English));
    }

    // Merge in the wizard, "Open the merged session" (the wizard closes), then Ctrl+Shift+Z: History lists
    // the merge first; its Undo puts every file back byte for byte, and the window reads the sources again.
    void historyUndoesAMergeAfterItsWizardClosed()
    {
        test::FixtureHome home(QStringList{u"vscode"_s, u"claude-code"_s});
        QVERIFY(home.isValid());
        App app(home);
        QVERIFY(app.started());
        MainWindow& window = app.window;
        const auto before = userFiles(home);

        selectTwoSessions(window.sessionView());
        QPointer<MergeWizard> wizard = window.startMerge();
        mergeToTheEnd(wizard);
        const QString merged = wizard->mergedSessionId();
        QVERIFY(!merged.isEmpty());
        click(buttonNamed(wizard, u"&Open the merged session"_s));
        QTRY_VERIFY(wizard.isNull());
        // The window reads the sources again after the merge (the list follows what the wizard wrote).
        QTRY_VERIFY_WITH_TIMEOUT(test::sessionsWithNativeId(window.sessionModel(), merged) > 0, 30000);
        QVERIFY(userFiles(home) != before);

        window.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&window));
        QTest::keyClick(&window, Qt::Key_Z, Qt::ControlModifier | Qt::ShiftModifier);
        HistoryWindow* history = nullptr;
        QTRY_VERIFY((history = window.findChild<HistoryWindow*>()) != nullptr);
        QVERIFY(history->isVisible());
        QTRY_VERIFY_WITH_TIMEOUT(!history->points().isEmpty(), 30000);
        QTreeWidgetItem* newest = history->pointsView()->topLevelItem(0);
        QCOMPARE(newest->text(1), u"merge"_s);
        QCOMPARE(newest->text(2), u"web app"_s); // the workspace, by name
        history->pointsView()->scrollToItem(newest);
        QTest::mouseClick(history->pointsView()->viewport(), Qt::LeftButton, {},
                          history->pointsView()->visualItemRect(newest).center());
        QVERIFY2(history->detailsText().contains(merged), qPrintable(history->detailsText()));

        QSignalSpy undone(history, &HistoryWindow::undone);
        QSignalSpy listed(history, &HistoryWindow::loaded);
        click(history->undoButton());
        QTRY_COMPARE_WITH_TIMEOUT(undone.count(), 1, 30000);
        QVERIFY2(undone.at(0).at(0).toBool(), qPrintable(history->statusText()));
        QTRY_COMPARE_WITH_TIMEOUT(listed.count(), 1, 30000);
        QVERIFY2(history->statusText().startsWith(u"Undone: merge"_s), qPrintable(history->statusText()));
        QCOMPARE(differences(userFiles(home), before), QStringList());
        QVERIFY(std::none_of(history->points().cbegin(), history->points().cend(),
                             [](const RecoveryPoint& p) { return p.operation == u"merge"_s; }));
        QTRY_COMPARE_WITH_TIMEOUT(test::sessionsWithNativeId(window.sessionModel(), merged), 0,
                                  30000); // the merged session leaves the lists
    }

    // A recovery point the command line made (chasm register) is listed too, and undone from the window.
    void historyListsWhatTheCommandLineDid()
    {
        test::FixtureHome home;
        const auto before = userFiles(home);
        const test::CliRun registered =
            test::runCli(home.environment(),
                         {u"register"_s, u"all"_s, u"--path"_s, home.path() + u"/dev/projects/web app"_s, u"--json"_s});
        QVERIFY2(registered.exitCode == 0, qPrintable(registered.err));
        const QString manifest = recoveryPointOf(registered);
        QVERIFY(!manifest.isEmpty());

        App app(home);
        QVERIFY(app.started());
        MainWindow& window = app.window;
        QAction* historyAction = nullptr;
        for (QAction* menu : window.menuBar()->actions()) {
            if (menu->text() == u"&Edit"_s) {
                for (QAction* action : menu->menu()->actions()) {
                    if (action->text() == u"&History…"_s) {
                        historyAction = action;
                    }
                }
            }
        }
        QVERIFY(historyAction);
        QCOMPARE(historyAction->shortcut(), QKeySequence(u"Ctrl+Shift+Z"_s));
        historyAction->trigger();
        HistoryWindow* history = window.findChild<HistoryWindow*>();
        QVERIFY(history);
        QTRY_VERIFY_WITH_TIMEOUT(!history->points().isEmpty(), 30000);
        QCOMPARE(history->points().first().manifest, manifest);
        QCOMPARE(history->pointsView()->topLevelItem(0)->text(1), u"register"_s);
        QSignalSpy undone(history, &HistoryWindow::undone);
        click(history->undoButton()); // the newest is selected
        QTRY_COMPARE_WITH_TIMEOUT(undone.count(), 1, 30000);
        QVERIFY2(undone.at(0).at(0).toBool(), qPrintable(history->statusText()));
        QCOMPARE(differences(userFiles(home), before), QStringList());
        const test::CliRun status = test::runCli(home.environment(), {u"recover"_s, u"status"_s, u"--json"_s});
        QVERIFY(!status.out.contains(QFileInfo(manifest).fileName()));

        // What was undone stays in sight on demand, greyed, with the day it was undone; it cannot be undone twice.
        QTRY_VERIFY(history->showUndoneBox()->isEnabled());
        QSignalSpy loaded(history, &HistoryWindow::loaded);
        history->showUndoneBox()->click();
        QTRY_COMPARE_WITH_TIMEOUT(loaded.count(), 1, 30000);
        QCOMPARE(history->points().size(), 1);
        QVERIFY(history->points().first().undone.isValid());
        QVERIFY(history->points().first().undone >= history->points().first().created);
        const QString what = history->pointsView()->topLevelItem(0)->text(1);
        QVERIFY2(what.startsWith(u"register (undone "_s), qPrintable(what));
        QVERIFY(!history->undoButton()->isEnabled());
        QVERIFY2(history->detailsText().contains(u"Undone on "_s), qPrintable(history->detailsText()));
    }

    // Back then Next on the write page wrote the merge again ("is in the workspace already: not
    // written") and left Open and Undo disabled: once committed, the write page has no way back, and Undo
    // and Open stay offered.
    void backOnTheWritePageKeepsTheMergeUndoable()
    {
        test::FixtureHome home(QStringList{u"vscode"_s, u"claude-code"_s});
        App app(home);
        QVERIFY(app.started());
        MainWindow& window = app.window;
        selectTwoSessions(window.sessionView());
        QPointer<MergeWizard> wizard = window.startMerge();
        QSignalSpy written(wizard.data(), &MergeWizard::written);
        while (wizard->currentId() != MergeWizard::WritePage) {
            forward(wizard);
        }
        QTRY_COMPARE_WITH_TIMEOUT(written.count(), 1, 30000);
        QTRY_VERIFY(wizard->button(QWizard::NextButton)->isEnabled());
        QAbstractButton* back = wizard->button(QWizard::BackButton);
        if (back->isVisible() && back->isEnabled()) { // the way back the user took
            click(back);
            forward(wizard);
            QTRY_COMPARE_WITH_TIMEOUT(written.count(), 2, 30000);
        }
        forward(wizard);
        QCOMPARE(wizard->currentId(), int(MergeWizard::DonePage));
        QVERIFY2(!wizard->summaryText().contains(u"not written"_s), qPrintable(wizard->summaryText()));
        QVERIFY(buttonNamed(wizard, u"&Undo the merge"_s)->isEnabled());
        QVERIFY(buttonNamed(wizard, u"&Open the merged session"_s)->isEnabled());
        QVERIFY(buttonNamed(wizard, u"&History…"_s));
        QVERIFY(!wizard->mergedSessionId().isEmpty());
        wizard->close();
    }

    // The same merge again: the target page says the workspace holds it already and offers to open it;
    // going on needs "Write another copy anyway". Opening it shows the first copy, and writes nothing.
    void theSameMergeTwiceIsNoticed()
    {
        test::FixtureHome home(QStringList{u"vscode"_s, u"claude-code"_s});
        App app(home);
        QVERIFY(app.started());
        MainWindow& window = app.window;
        QSignalSpy& loaded = app.loaded;
        selectTwoSessions(window.sessionView());
        QPointer<MergeWizard> first = window.startMerge();
        mergeToTheEnd(first);
        const QString merged = first->mergedSessionId();
        first->close();
        QTRY_COMPARE_WITH_TIMEOUT(loaded.count(), 2, 30000);
        const auto once = userFiles(home);

        selectTwoSessions(window.sessionView());
        QPointer<MergeWizard> again = window.startMerge();
        while (again->currentId() != MergeWizard::TargetPage) {
            forward(again);
        }
        QTRY_VERIFY_WITH_TIMEOUT(!again->existingText().isEmpty(), 30000);
        QVERIFY2(again->existingText().startsWith(u"This workspace holds a merge of the same sessions already"_s),
                 qPrintable(again->existingText()));
        QVERIFY(!again->button(QWizard::NextButton)->isEnabled());
        QCheckBox* anyway = nullptr;
        for (QCheckBox* box : again->findChildren<QCheckBox*>()) {
            if (box->text() == u"Write &another copy anyway"_s) {
                anyway = box;
            }
        }
        QVERIFY(anyway && anyway->isVisible());
        click(anyway);
        QVERIFY(again->button(QWizard::NextButton)->isEnabled());
        click(anyway);
        QVERIFY(!again->button(QWizard::NextButton)->isEnabled());

        QSignalSpy shown(&window, &MainWindow::sessionShown);
        click(buttonNamed(again, u"Open the &existing one"_s));
        QTRY_VERIFY(again.isNull() || !again->isVisible());
        QTRY_VERIFY_WITH_TIMEOUT(window.currentSessionId().endsWith(merged), 30000);
        QCOMPARE(differences(userFiles(home), once), QStringList());

        // The command line says so too: "existing_merge" in --json, a note in words.
        const QStringList args{u"merge"_s, u"sessions"_s,      u"aaaa"_s,
                               u"bbbb"_s,  u"--target-path"_s, home.path() + u"/dev/projects/web app"_s};
        const test::CliRun cliFirst = test::runCli(home.environment(), args + QStringList{u"--json"_s});
        QVERIFY2(cliFirst.exitCode == 0, qPrintable(cliFirst.err));
        const boost::json::value firstShape = boost::json::parse(cliFirst.out.toStdString());
        QVERIFY(firstShape.at("existing_merge").is_null());
        const test::CliRun cliAgain = test::runCli(home.environment(), args + QStringList{u"--json"_s});
        const boost::json::value againShape = boost::json::parse(cliAgain.out.toStdString());
        QCOMPARE(json::string(againShape.at("existing_merge"), "session_id"), json::string(firstShape, "session_id"));
        const test::CliRun words = test::runCli(home.environment(), args);
        QVERIFY2(words.out.contains(u"note: the workspace holds the same merge already"_s), qPrintable(words.out));
    }

    // The merge wizard and the recovery assistant: nothing is on disk before Commit is pressed, on every
    // page; Commit is on the check page, and then the files change.
    void wizardsWriteNothingBeforeCommit()
    {
        test::FixtureHome home(QStringList{u"vscode"_s, u"claude-code"_s});
        addOlderWorkspace(home);
        App app(home);
        QVERIFY(app.started());
        MainWindow& window = app.window;
        const auto before = userFiles(home);

        const auto walk = [&before, &home](auto* wizard, int checkPage, auto writtenSignal) {
            QSignalSpy written(wizard, writtenSignal);
            QAbstractButton* commit = wizard->button(QWizard::CommitButton);
            for (int step = 0; !commit->isVisible(); ++step) {
                QVERIFY(step < 10);
                QTRY_VERIFY_WITH_TIMEOUT(wizard->currentPage()->isComplete(), 30000);
                QCOMPARE(differences(userFiles(home), before), QStringList());
                click(wizard->button(QWizard::NextButton));
            }
            QTRY_VERIFY_WITH_TIMEOUT(commit->isEnabled(), 30000);
            QCOMPARE(differences(userFiles(home), before), QStringList()); // while Commit is offered
            QCOMPARE(wizard->currentId(), checkPage);
            QCOMPARE(written.count(), 0);
            click(commit);
            QTRY_COMPARE_WITH_TIMEOUT(written.count(), 1, 30000);
            QVERIFY(written.at(0).at(0).toBool());
            QVERIFY(userFiles(home) != before);
            QVERIFY(!wizard->button(QWizard::BackButton)->isEnabled());
        };

        selectTwoSessions(window.sessionView());
        QPointer<MergeWizard> merge = window.startMerge();
        walk(merge.data(), MergeWizard::CheckPage, &MergeWizard::written);
        QSignalSpy mergeUndone(merge.data(), &MergeWizard::undone);
        merge->undo();
        QTRY_COMPARE_WITH_TIMEOUT(mergeUndone.count(), 1, 30000);
        QCOMPARE(differences(userFiles(home), before), QStringList());
        merge->close();

        RecoveryWizard recovery(std::make_shared<const SessionCatalog>(home.environment()));
        recovery.show();
        walk(&recovery, RecoveryWizard::CheckPage, &RecoveryWizard::applied);
        QSignalSpy recoveryUndone(&recovery, &RecoveryWizard::undone);
        recovery.undo();
        QTRY_COMPARE_WITH_TIMEOUT(recoveryUndone.count(), 1, 30000);
        QCOMPARE(differences(userFiles(home), before), QStringList());
    }

    // The index inspector: Repair all, Fix selected on a session and on a ghost (an entry without a
    // file, which is taken out of the index), then Undo three times: every file as it was, no .jsonl.bak
    // left behind.
    void inspectorUndoesEveryFixAndRemovesGhosts()
    {
        test::FixtureHome home;
        App app(home);
        QVERIFY(app.started());
        MainWindow& window = app.window;
        QSignalSpy& loaded = app.loaded;
        const auto before = userFiles(home);
        const QString database = home.file(webAppStorage + u"/state.vscdb"_s);
        window.workspaceView()->setCurrentIndex(workspaceRow(window.workspaceModel(), u"web app"_s));
        IndexInspector* inspector = window.indexInspector();
        QTRY_VERIFY_WITH_TIMEOUT(inspector->summary().startsWith(u"web app: "_s), 30000);
        // View → Index inspector: its dock opens.
        QDockWidget* dock = nullptr;
        for (QWidget* parent = inspector->parentWidget(); parent && !dock; parent = parent->parentWidget()) {
            dock = qobject_cast<QDockWidget*>(parent);
        }
        QVERIFY(dock);
        if (!dock->isVisible()) {
            dock->toggleViewAction()->trigger();
        }
        QTRY_VERIFY(inspector->isVisible());
        QSignalSpy fixed(inspector, &IndexInspector::fixFinished);
        const auto settle = [&](int fixes) {
            QTRY_COMPARE_WITH_TIMEOUT(fixed.count(), fixes, 30000);
            QVERIFY2(fixed.last().at(0).toBool(), qPrintable(inspector->fixReport()));
            QTRY_VERIFY_WITH_TIMEOUT(inspector->summary().startsWith(u"web app: "_s), 30000);
            QTRY_COMPARE_WITH_TIMEOUT(loaded.count(), fixes + 1, 30000);
            QTRY_VERIFY_WITH_TIMEOUT(inspector->summary().startsWith(u"web app: "_s), 30000);
        };
        const auto selectOnly = [inspector](const QString& idPrefix) {
            inspector->view()->clearSelection();
            for (int row = 0; row < inspector->model()->rowCount(); ++row) {
                if (inspector->model()->entry(row).sessionId.startsWith(idPrefix)) {
                    inspector->view()->selectionModel()->select(
                        inspector->model()->index(row, 0), QItemSelectionModel::Select | QItemSelectionModel::Rows);
                }
            }
        };
        const auto indexed = [&database] {
            QStringList ids;
            for (const IndexEntry& entry : SessionIndex::read(database).value()) {
                ids << entry.sessionId;
            }
            return ids;
        };

        click(buttonNamed(inspector, u"&Repair all"_s));
        settle(1);
        // The log was compacted, its original kept beside it.
        QVERIFY(QFileInfo::exists(
            home.file(webAppStorage + u"/chatSessions/bbbb2222-3333-4444-8555-666677778888.jsonl.bak"_s)));

        selectOnly(u"dddd4444"_s);
        click(buttonNamed(inspector, u"&Fix selected"_s));
        settle(2);

        QVERIFY(indexed().contains(ghost));
        selectOnly(ghost);
        click(buttonNamed(inspector, u"&Fix selected"_s)); // a ghost alone: it was skipped, the button disabled
        settle(3);
        QVERIFY2(inspector->fixReport().contains(u"removed the entry \"A session whose file was deleted\""_s),
                 qPrintable(inspector->fixReport()));
        QVERIFY(!indexed().contains(ghost));

        QPushButton* undo = buttonNamed(inspector, u"&Undo"_s);
        for (int n = 4; n <= 6; ++n) {
            QTRY_VERIFY_WITH_TIMEOUT(undo->isEnabled(), 30000);
            click(undo);
            settle(n);
        }
        QVERIFY(!undo->isEnabled());
        QVERIFY(indexed().contains(ghost));
        QCOMPARE(differences(userFiles(home), before), QStringList()); // no .jsonl.bak either
        // Its link to every change Chasm made: the History window opens.
        click(buttonNamed(inspector, u"Histor&y…"_s));
        QTRY_VERIFY(window.findChild<HistoryWindow*>() && window.findChild<HistoryWindow*>()->isVisible());
    }
};

QTEST_MAIN(TestUndoHistory)
#include "TestUndoHistory.moc"
