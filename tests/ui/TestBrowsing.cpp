// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#include "FixtureHome.h"
#include "GuiSteps.h"
#include "dialogs/GuideDialog.h"
#include "dialogs/ResumeDialog.h"
#include "models/SearchResultModel.h"
#include "models/SessionListModel.h"
#include "models/WorkspaceTreeModel.h"
#include "providers/ProviderRegistry.h"
#include "providers/SessionCatalog.h"
#include "store/Database.h"
#include "util/Settings.h"
#include "views/ConversationView.h"
#include "views/HarvestStatusBar.h"
#include "views/Localization.h"
#include "views/MainWindow.h"
#include "views/SearchPane.h"
#include "views/TimelineView.h"
#include "views/WelcomePane.h"
#include "wizards/MergeWizard.h"
#include "wizards/RecoveryWizard.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QClipboard>
#include <QCryptographicHash>
#include <QDir>
#include <QDockWidget>
#include <QFileInfo>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QPointer>
#include <QPushButton>
#include <QScreen>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTableView>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBrowser>
#include <QTreeView>

using namespace Qt::StringLiterals;
using chasm::test::sessionCell;
using namespace chasm;

namespace {

void click(QAbstractItemView* view, const QModelIndex& index)
{
    view->scrollTo(index);
    QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, view->visualRect(index).center());
}

QPushButton* buttonNamed(const QWidget* parent, const QString& text)
{
    for (QPushButton* button : parent->findChildren<QPushButton*>()) {
        if (button->text() == text) {
            return button;
        }
    }
    return nullptr;
}

QDockWidget* dockOf(QWidget* widget)
{
    for (QWidget* parent = widget; parent; parent = parent->parentWidget()) {
        if (auto* dock = qobject_cast<QDockWidget*>(parent)) {
            return dock;
        }
    }
    return nullptr;
}

// Waits for the window's first listing, shown.
bool openWindow(MainWindow& window)
{
    QSignalSpy loaded(&window, &MainWindow::catalogLoaded);
    window.show();
    return QTest::qWaitForWindowExposed(&window) && (loaded.count() > 0 || loaded.wait(30000));
}

bool harvest(MainWindow& window)
{
    QSignalSpy harvested(window.harvestService(), &HarvestService::finished);
    QSignalSpy loaded(&window, &MainWindow::catalogLoaded);
    window.harvestService()->harvestNow();
    // A harvest that made sessions reads the sources again.
    return harvested.wait(30000) && (loaded.count() > 0 || loaded.wait(30000));
}

} // namespace

// Browsing as a person does it: what the lists show after work changed them, searching as one types,
// the timeline's legend and labels, the first launch, the welcome, the guide and "Open in <tool>".
class TestBrowsing : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        installTranslations(QLocale(QLocale::English));
    }

    // A person harvests in the app; weeks later Claude Code purges the transcript. The session is still in the
    // window, under "Kept only by Chasm" and marked so; it opens from the database; "Restore to Claude Code" puts
    // the transcript back byte for byte, and it is listed in its project again.
    // OpenCode and Cursor's composers keep sessions as rows of a database, of which a harvest keeps no file: a
    // session the tool deleted is kept only by Chasm, opens from the harvest database, and "Restore to <tool>" writes
    // it back into the tool's database, where the window lists it from again, once, under its project.
    void deletedDatabaseSessionIsRestoredIntoItsStore_data()
    {
        QTest::addColumn<QString>("fixture");
        QTest::addColumn<QString>("id");
        QTest::addColumn<QString>("store");
        QTest::addColumn<QStringList>("deletions"); // what the tool does when it deletes the session
        QTest::addColumn<QString>("count");         // the session's rows in the store
        QTest::addColumn<QString>("text");          // a text of its first message
        QTest::addColumn<QString>("tool");
        QTest::newRow("OpenCode") << u"opencode"_s << u"opencode:ses_a1"_s << u".local/share/opencode/opencode.db"_s
                                  << QStringList{u"DELETE FROM part WHERE session_id = 'ses_a1'"_s,
                                                 u"DELETE FROM message WHERE session_id = 'ses_a1'"_s,
                                                 u"DELETE FROM session WHERE id = 'ses_a1'"_s}
                                  << u"SELECT count(*) FROM session WHERE id = 'ses_a1'"_s
                                  << u"The RSS feed has no dates"_s << u"OpenCode"_s;
        QTest::newRow("Cursor") << u"cursor"_s << u"cursor:cmp-1111-aaaa"_s
                                << u".config/Cursor/User/globalStorage/state.vscdb"_s
                                << QStringList{u"DELETE FROM cursorDiskKV WHERE key LIKE '%cmp-1111-aaaa%'"_s}
                                << u"SELECT count(*) FROM cursorDiskKV WHERE key = 'composerData:cmp-1111-aaaa'"_s
                                << u"Split checkout.ts into smaller modules"_s << u"Cursor"_s;
    }

    void deletedDatabaseSessionIsRestoredIntoItsStore()
    {
        QFETCH(QString, fixture);
        QFETCH(QString, id);
        QFETCH(QString, store);
        QFETCH(QStringList, deletions);
        QFETCH(QString, count);
        QFETCH(QString, text);
        QFETCH(QString, tool);
        test::FixtureHome home(fixture);
        QVERIFY(home.isValid());
        const QString nativeId = id.section(u':', 1);
        store = home.file(store);
        const auto rows = [&store](const QString& statement) {
            int result = -1;
            {
                QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"tool"_s);
                db.setDatabaseName(store);
                QSqlQuery query(db);
                if (db.open() && query.exec(statement)) {
                    result = query.next() ? query.value(0).toInt() : query.numRowsAffected();
                }
            }
            QSqlDatabase::removeDatabase(u"tool"_s);
            return result;
        };
        Settings settings(home.file(u"chasm.conf"_s));
        MainWindow window(home.environment(), &settings);
        QVERIFY(openWindow(window));
        QTableView* sessions = window.sessionView();
        const auto listed = [&window, &id] {
            for (int row = 0; row < window.sessionModel()->rowCount(); ++row) {
                if (window.sessionModel()->session(row).id == id) {
                    return window.sessionModel()->session(row);
                }
            }
            return SessionRef();
        };
        QModelIndex cell = sessionCell(sessions, id);
        QVERIFY(cell.isValid());
        const QString project = listed().projectPath;
        QVERIFY(!project.isEmpty());
        QVERIFY(harvest(window));
        QTRY_VERIFY(!window.isBusy());

        for (const QString& statement : deletions) { // the tool deletes the session
            QVERIFY2(rows(statement) > 0, qPrintable(statement));
        }
        QSignalSpy loaded(&window, &MainWindow::catalogLoaded);
        window.reload();
        QVERIFY(loaded.wait(30000));
        cell = sessionCell(sessions, id);
        QVERIFY2(cell.isValid(), "the deleted session is no longer listed");
        QCOMPARE(cell.siblingAtColumn(SessionListModel::HealthColumn).data().toString(), u"kept only by Chasm"_s);
        QSignalSpy shown(&window, &MainWindow::sessionShown);
        click(sessions, cell);
        QTRY_COMPARE_WITH_TIMEOUT(shown.count(), 1, 30000);
        QTRY_VERIFY(window.conversationView()->toPlainText().contains(text));

        auto* restore = window.findChild<QAction*>(u"restoreAction"_s);
        QVERIFY(restore);
        QVERIFY(restore->isEnabled());
        QCOMPARE(restore->text().remove(u'&'), u"Restore to "_s + tool);
        QSignalSpy restored(&window, &MainWindow::restored);
        QSignalSpy reloaded(&window, &MainWindow::catalogLoaded);
        restore->trigger();
        QTRY_COMPARE_WITH_TIMEOUT(restored.count(), 1, 30000);
        QVERIFY2(restored.at(0).at(0).toBool(), qPrintable(restored.at(0).at(1).toString()));
        QCOMPARE(rows(count), 1);
        QTRY_VERIFY_WITH_TIMEOUT(reloaded.count() >= 1, 30000);
        // Listed from the tool's database again, once, under its project.
        QTRY_VERIFY(test::sessionsWithNativeId(window.sessionModel(), nativeId) == 1);
        const SessionRef back = listed();
        QVERIFY(!SessionCatalog::isKeptOnly(back));
        QCOMPARE(back.path, store);
        QCOMPARE(back.projectPath, project);
    }

    void purgedSessionIsKeptAndRestored_data()
    {
        QTest::addColumn<bool>("databaseInSettings");
        QTest::newRow("default database") << false;
        // Chosen in Settings: the group and the restore read that one, not the default.
        QTest::newRow("database chosen in settings") << true;
    }

    void purgedSessionIsKeptAndRestored()
    {
        QFETCH(bool, databaseInSettings);
        test::FixtureHome home(u"claude-code"_s);
        QVERIFY(home.isValid());
        const QString id = u"claude-code:22222222-aaaa-4bbb-8ccc-000000000002"_s;
        const QString transcript =
            home.file(u".claude/projects/-home-dev-projects-web-app/22222222-aaaa-4bbb-8ccc-000000000002.jsonl"_s);
        const auto sha256 = [&transcript] {
            QFile file(transcript);
            QCryptographicHash hash(QCryptographicHash::Sha256);
            return file.open(QIODevice::ReadOnly) && hash.addData(&file) ? hash.result().toHex() : QByteArray();
        };
        const QByteArray written = sha256();
        QVERIFY(!written.isEmpty());
        Settings settings(home.file(u"chasm.conf"_s));
        const QString chosen = home.file(u"elsewhere/history.db"_s);
        if (databaseInSettings) {
            QVERIFY(QDir().mkpath(QFileInfo(chosen).absolutePath()));
            settings.setValue(Settings::Key::DatabasePath, chosen);
        }
        MainWindow window(home.environment(), &settings);
        QVERIFY(openWindow(window));
        QTableView* sessions = window.sessionView();
        QVERIFY(sessionCell(sessions, id).isValid());
        QVERIFY(sessionCell(sessions, id).siblingAtColumn(SessionListModel::HealthColumn).data().toString() !=
                u"kept only by Chasm"_s);
        QVERIFY(harvest(window));
        QTRY_VERIFY(!window.isBusy());

        QVERIFY(QFile::remove(transcript)); // Claude Code's cleanup of old transcripts
        QSignalSpy loaded(&window, &MainWindow::catalogLoaded);
        window.reload();
        QVERIFY(loaded.wait(30000));
        QModelIndex cell = sessionCell(sessions, id);
        QVERIFY2(cell.isValid(), "the purged session is no longer listed");
        QCOMPARE(cell.siblingAtColumn(SessionListModel::HealthColumn).data().toString(), u"kept only by Chasm"_s);
        QVERIFY(cell.siblingAtColumn(SessionListModel::HealthColumn)
                    .data(Qt::ToolTipRole)
                    .toString()
                    .startsWith(u"Claude Code no longer has this session"_s));
        // Its own group in the sources pane, which shows it alone.
        int keptGroup = -1;
        for (int row = 0; row < window.workspaceModel()->rowCount(); ++row) {
            if (window.workspaceModel()->index(row, 0).data().toString().startsWith(u"Kept only by Chasm"_s)) {
                keptGroup = row;
            }
        }
        QVERIFY2(keptGroup >= 0, "no Kept only by Chasm group in the sources pane");
        click(window.workspaceView(), window.workspaceModel()->index(keptGroup, 0));
        QCOMPARE(sessions->model()->rowCount(), 1);
        cell = sessionCell(sessions, id);
        QVERIFY(cell.isValid());
        // Opened, it is read from the database.
        QSignalSpy shown(&window, &MainWindow::sessionShown);
        click(sessions, cell);
        QTRY_COMPARE_WITH_TIMEOUT(shown.count(), 1, 30000);
        QCOMPARE(shown.at(0).at(0).toString(), id);
        QTRY_VERIFY(window.conversationView()->toPlainText().contains(u"The login test is flaky."_s));
        QVERIFY(window.grab().save(u"kept-only-by-chasm.png"_s));

        // Its menu offers to put it back, and not to open it in Claude Code (which has nothing to open).
        auto* restore = window.findChild<QAction*>(u"restoreAction"_s);
        QVERIFY(restore);
        QVERIFY(restore->isEnabled());
        QCOMPARE(restore->text().remove(u'&'), u"Restore to Claude Code"_s);
        QVERIFY(!window.findChild<QAction*>(u"resumeAction"_s)->isEnabled());
        QSignalSpy restored(&window, &MainWindow::restored);
        QSignalSpy reloaded(&window, &MainWindow::catalogLoaded);
        restore->trigger();
        QTRY_COMPARE_WITH_TIMEOUT(restored.count(), 1, 30000);
        QVERIFY2(restored.at(0).at(0).toBool(), qPrintable(restored.at(0).at(1).toString()));
        QCOMPARE(sha256(), written);
        QTRY_VERIFY_WITH_TIMEOUT(reloaded.count() >= 1, 30000);
        // Listed where its tool has it again, and not twice.
        QTRY_VERIFY(test::sessionsWithNativeId(window.sessionModel(), u"22222222-aaaa-4bbb-8ccc-000000000002"_s) == 1);
        int row = 0;
        while (window.sessionModel()->session(row).id != id) {
            ++row;
        }
        QVERIFY(!SessionCatalog::isKeptOnly(window.sessionModel()->session(row)));
        QVERIFY(!window.sessionModel()->session(row).path.isEmpty());
        QCOMPARE(QFileInfo::exists(chosen), databaseInSettings);
        QCOMPARE(QFileInfo::exists(Database::defaultPath(home.environment())), !databaseInSettings);
    }

    // A merge shows in the sessions pane as soon as it is written, the wizard still open, and goes
    // again when the wizard undoes it.
    void mergeShowsInSessionsAtOnce()
    {
        test::FixtureHome home(QStringList{u"vscode"_s, u"claude-code"_s});
        QVERIFY(home.isValid());
        Settings settings(home.file(u"chasm.conf"_s));
        MainWindow window(home.environment(), &settings);
        QVERIFY(openWindow(window));
        QTableView* sessions = window.sessionView();
        sessions->clearSelection();
        for (const QString& id : {u"copilot:bbbb2222-3333-4444-8555-666677778888"_s,
                                  u"claude-code:11111111-aaaa-4bbb-8ccc-000000000001"_s}) {
            const QModelIndex cell = sessionCell(sessions, id);
            QVERIFY2(cell.isValid(), qPrintable(id));
            sessions->selectionModel()->select(cell, QItemSelectionModel::Select | QItemSelectionModel::Rows);
        }
        QPointer<MergeWizard> wizard = window.startMerge();
        QSignalSpy previewed(wizard.data(), &MergeWizard::previewed);
        QSignalSpy written(wizard.data(), &MergeWizard::written);
        wizard->next();
        QTRY_COMPARE_WITH_TIMEOUT(previewed.count(), 1, 30000);
        wizard->next();
        wizard->titleField()->setText(u"Merged for the list"_s);
        wizard->next();
        QTRY_VERIFY_WITH_TIMEOUT(wizard->currentPage()->isComplete(), 30000);
        wizard->next();
        QTRY_COMPARE_WITH_TIMEOUT(written.count(), 1, 30000);
        QVERIFY2(written.at(0).at(0).toBool(), qPrintable(wizard->summaryText()));
        const QString merged = wizard->mergedSessionId();
        QVERIFY(wizard->isVisible());
        QTRY_COMPARE_WITH_TIMEOUT(test::sessionsWithNativeId(window.sessionModel(), merged), 1, 30000);

        QSignalSpy undone(wizard.data(), &MergeWizard::undone);
        wizard->undo();
        QTRY_COMPARE_WITH_TIMEOUT(undone.count(), 1, 30000);
        QVERIFY(undone.at(0).at(0).toBool());
        QTRY_COMPARE_WITH_TIMEOUT(test::sessionsWithNativeId(window.sessionModel(), merged), 0, 30000);
        wizard->close();
    }

    // Sessions the recovery assistant brings back show in the sessions pane at once (Ctrl+Shift+R opens
    // it beside the window, which stays usable), not only after File → Reload.
    void recoveryShowsInSessionsAtOnce()
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
        Settings settings(home.file(u"chasm.conf"_s));
        MainWindow window(home.environment(), &settings);
        QVERIFY(openWindow(window));
        const QString recovered = u"0a0a0a0a-1111-4222-8333-444455556666"_s;
        const auto inActive = [&window, &recovered] {
            int count = 0;
            for (int row = 0; row < window.sessionModel()->rowCount(); ++row) {
                const SessionRef ref = window.sessionModel()->session(row);
                count += ref.nativeId == recovered && ref.workspace == u"5d41402abc4b2a76b9719d911017c592"_s;
            }
            return count;
        };
        QCOMPARE(inActive(), 0);

        QTest::keyClick(&window, Qt::Key_R, Qt::ControlModifier | Qt::ShiftModifier);
        RecoveryWizard* wizard = window.findChild<RecoveryWizard*>();
        QVERIFY(wizard);
        QVERIFY(wizard->isVisible());
        QSignalSpy scanned(wizard, &RecoveryWizard::scanned);
        QSignalSpy applied(wizard, &RecoveryWizard::applied);
        QTRY_COMPARE_WITH_TIMEOUT(scanned.count(), 1, 30000);
        wizard->next();
        wizard->next();
        QTRY_VERIFY_WITH_TIMEOUT(wizard->currentPage()->isComplete(), 30000);
        wizard->next();
        QTRY_COMPARE_WITH_TIMEOUT(applied.count(), 1, 30000);
        QVERIFY2(applied.at(0).at(0).toBool(), qPrintable(wizard->summaryText()));
        QTRY_COMPARE_WITH_TIMEOUT(inActive(), 1, 30000);

        QSignalSpy undone(wizard, &RecoveryWizard::undone);
        wizard->undo();
        QTRY_COMPARE_WITH_TIMEOUT(undone.count(), 1, 30000);
        QTRY_COMPARE_WITH_TIMEOUT(inActive(), 0, 30000);
        wizard->close();
    }

    // A harvest reads the sources again: the project chosen in the sources pane stays chosen, the
    // sessions pane shows its sessions (not the rows of before), and the session selected stays selected.
    void harvestKeepsTheSelection()
    {
        test::FixtureHome home;
        Settings settings(home.file(u"chasm.conf"_s));
        MainWindow window(home.environment(), &settings);
        QVERIFY(openWindow(window));
        QTreeView* tree = window.workspaceView();
        const QModelIndex webApp = test::workspaceRow(window.workspaceModel(), 1, u"web app"_s);
        QVERIFY(webApp.isValid());
        click(tree, webApp);
        QTableView* sessions = window.sessionView();
        QCOMPARE(sessions->model()->rowCount(), 4);
        const QString deploy = u"copilot:bbbb2222-3333-4444-8555-666677778888"_s;
        QSignalSpy shown(&window, &MainWindow::sessionShown);
        click(sessions, sessionCell(sessions, deploy));
        QTRY_COMPARE_WITH_TIMEOUT(shown.count(), 1, 30000);

        QVERIFY(harvest(window));
        QTRY_VERIFY(!window.isBusy());
        QCOMPARE(tree->currentIndex().data().toString(), u"web app"_s);
        QCOMPARE(tree->currentIndex().data(WorkspaceTreeModel::WorkspaceIdRole),
                 webApp.data(WorkspaceTreeModel::WorkspaceIdRole));
        QCOMPARE(sessions->model()->rowCount(), 4);
        QCOMPARE(sessions->currentIndex().data(SessionListModel::SessionIdRole).toString(), deploy);
        const QModelIndexList selected = sessions->selectionModel()->selectedRows();
        QCOMPARE(selected.size(), 1);
        QCOMPARE(selected.first().data(SessionListModel::SessionIdRole).toString(), deploy);
        QCOMPARE(shown.count(), 1); // nothing read again
    }

    // A search hit opened is the session selected in the sessions pane.
    void openedSearchHitIsSelected()
    {
        test::FixtureHome home;
        Settings settings(home.file(u"chasm.conf"_s));
        MainWindow window(home.environment(), &settings);
        QVERIFY(openWindow(window));
        QVERIFY(harvest(window));
        SearchPane* search = window.searchPane();
        QSignalSpy searched(search, &SearchPane::searchFinished);
        QTest::keyClick(&window, Qt::Key_K, Qt::ControlModifier);
        QTest::keyClicks(search->queryField(), u"symlink"_s);
        QTest::keyClick(search->queryField(), Qt::Key_Return);
        QTRY_VERIFY_WITH_TIMEOUT(searched.count() >= 1, 30000);
        QVERIFY(search->resultModel()->rowCount() >= 1);
        const QString id = search->resultModel()->hit(0).sessionId;
        QSignalSpy shown(&window, &MainWindow::sessionShown);
        QTest::keyClick(search->queryField(), Qt::Key_Down);
        QTest::keyClick(search->resultView(), Qt::Key_Return);
        QTRY_COMPARE_WITH_TIMEOUT(shown.count(), 1, 30000);
        QCOMPARE(window.currentSessionId(), id);
        QTRY_COMPARE(window.sessionView()->currentIndex().data(SessionListModel::SessionIdRole).toString(), id);
        QCOMPARE(window.sessionView()->selectionModel()->selectedRows().size(), 1);
        QCOMPARE(window.currentSessionId(), id); // selecting it read nothing over the hit
        QCOMPARE(shown.count(), 1);
    }

    // The status bar's count follows the filter typed, and is said once: on its right, not also on its left.
    void sessionCountFollowsTheFilter()
    {
        test::FixtureHome home;
        Settings settings(home.file(u"chasm.conf"_s));
        MainWindow window(home.environment(), &settings);
        QVERIFY(openWindow(window));
        QCOMPARE(window.harvestStatusBar()->sessionCount(), u"8 sessions"_s);
        QVERIFY2(!window.harvestStatusBar()->status().contains(u"session"_s),
                 qPrintable(window.harvestStatusBar()->status()));
        QLineEdit* filter = window.sessionView()->parentWidget()->findChild<QLineEdit*>();
        QVERIFY(filter);
        QTest::keyClick(&window, Qt::Key_L, Qt::ControlModifier);
        QTRY_VERIFY(filter->hasFocus());
        QTest::keyClicks(filter, u"deploy"_s);
        QCOMPARE(window.sessionView()->model()->rowCount(), 1);
        QCOMPARE(window.harvestStatusBar()->sessionCount(), u"1 of 8 sessions"_s);
        QTest::keyClicks(filter, u"zzz"_s);
        QCOMPARE(window.harvestStatusBar()->sessionCount(), u"0 of 8 sessions"_s);
    }

    // Results come as the user types, without Enter: one search for a word typed at once, a row per
    // session with its number of hits; a word with no match says how to search.
    void searchAsOneTypes()
    {
        test::FixtureHome home;
        Settings settings(home.file(u"chasm.conf"_s));
        MainWindow window(home.environment(), &settings);
        QVERIFY(openWindow(window));
        QVERIFY(harvest(window));
        SearchPane* search = window.searchPane();
        QAbstractItemModelTester tester(search->resultModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy searched(search, &SearchPane::searchFinished);
        QTest::keyClick(&window, Qt::Key_K, Qt::ControlModifier);
        QTest::keyClicks(search->queryField(), u"rollback"_s);
        QTRY_COMPARE_WITH_TIMEOUT(searched.count(), 1, 30000);
        QTest::qWait(2 * SearchPane::typingPauseMs);
        QCOMPARE(searched.count(), 1); // not one per key
        QVERIFY(dockOf(search)->isVisible());
        const int rows = search->resultModel()->rowCount();
        QVERIFY(rows >= 1);
        QSet<QString> ids;
        int hits = 0;
        for (int row = 0; row < rows; ++row) {
            const QModelIndex index = search->resultModel()->index(row);
            ids << index.data(SearchResultModel::SessionIdRole).toString();
            const int count = index.data(SearchResultModel::HitCountRole).toInt();
            QVERIFY(count >= 1);
            hits += count;
            // The facts start with the number of hits ("2 hits · GitHub Copilot · …").
            QVERIFY2(index.data(SearchResultModel::FactsRole).toString().startsWith(QString::number(count) + u" hit"_s),
                     qPrintable(index.data(SearchResultModel::FactsRole).toString()));
        }
        QCOMPARE(ids.size(), rows); // a row per session
        QCOMPARE(searched.at(0).at(0).toInt(), hits);
        QVERIFY(hits > rows); // the deploy review speaks of its rollback more than once

        // More letters: the newer query replaces the older, and nothing matching says how to search.
        QTest::keyClicks(search->queryField(), u"zzq"_s);
        QTRY_COMPARE_WITH_TIMEOUT(searched.count(), 2, 30000);
        QCOMPARE(search->resultModel()->rowCount(), 0);
        const QString status = search->findChild<QLabel*>(u"searchStatus"_s)->text();
        QVERIFY2(status.contains(u"zephyr*"_s) && status.contains(u"OR"_s) && status.contains(u"NOT"_s) &&
                     status.contains(u"phrase"_s),
                 qPrintable(status));
        QVERIFY(!buttonNamed(search, u"&Harvest now"_s)->isVisible()); // the database holds sessions
    }

    // Before the first harvest, search says why it finds nothing and offers to harvest; the harvest
    // done, the search finds.
    void searchOffersAHarvest()
    {
        test::FixtureHome home;
        Settings settings(home.file(u"chasm.conf"_s));
        MainWindow window(home.environment(), &settings);
        QVERIFY(openWindow(window));
        SearchPane* search = window.searchPane();
        QSignalSpy searched(search, &SearchPane::searchFinished);
        QTest::keyClick(&window, Qt::Key_K, Qt::ControlModifier);
        QTest::keyClicks(search->queryField(), u"symlink"_s);
        QTRY_COMPARE_WITH_TIMEOUT(searched.count(), 1, 30000);
        QVERIFY(dockOf(search)->isVisible());
        QVERIFY2(search->findChild<QLabel*>(u"searchStatus"_s)->text().contains(u"harvest them first"_s),
                 qPrintable(search->findChild<QLabel*>(u"searchStatus"_s)->text()));
        QVERIFY(!QFileInfo::exists(window.harvestService()->databasePath())); // searching made no database
        QPushButton* harvestButton = buttonNamed(search, u"&Harvest now"_s);
        QVERIFY(harvestButton);
        QTRY_VERIFY(harvestButton->isVisible());
        QTest::mouseClick(harvestButton, Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(searched.count(), 2, 60000);
        QVERIFY(search->resultModel()->rowCount() >= 1);
        QVERIFY(!harvestButton->isVisible());
    }

    // The timeline names each tool and tells them apart by colour in a legend, says "1 session", and
    // the week view's ticks say the year.
    void timelineLegendAndLabels()
    {
        test::FixtureHome home(QStringList{u"vscode"_s, u"claude-code"_s, u"qwen"_s});
        Settings settings(home.file(u"chasm.conf"_s));
        MainWindow window(home.environment(), &settings);
        QVERIFY(openWindow(window));
        TimelinePane* pane = window.timelinePane();
        QTest::keyClick(&window, Qt::Key_T, Qt::ControlModifier | Qt::ShiftModifier);
        QTRY_VERIFY(pane->isVisible());
        const QString legend = pane->legend().join(u'\n');
        for (const QString& name : {u"GitHub Copilot"_s, u"Claude Code"_s, u"Qwen Code"_s}) {
            QVERIFY2(legend.contains(name), qPrintable(legend));
        }
        QVERIFY2(!legend.contains(u"copilot<"_s) && !legend.contains(u"GitHub Copilot Chat"_s), qPrintable(legend));
        QVERIFY(legend.contains(TimelineView::providerColor(u"claude-code"_s).name()));
        QSet<QRgb> colours;
        for (const Provider* provider : ProviderRegistry::standard().all()) {
            colours << TimelineView::providerColor(provider->id()).rgb();
        }
        QCOMPARE(colours.size(), ProviderRegistry::standard().all().size()); // Claude and Qwen were both orange
        const QString stats = pane->statsText();
        QVERIFY2(stats.contains(u"Claude Code: 3 sessions"_s) && stats.contains(u"GitHub Copilot: 7 sessions"_s),
                 qPrintable(stats));
        QVERIFY2(!stats.contains(u" 1 sessions"_s) && !stats.contains(u" 1 messages"_s), qPrintable(stats));
        QVERIFY2(!stats.contains(u"claude-code"_s), qPrintable(stats));
        // The sessions table names the tools too.
        const QModelIndex claude =
            sessionCell(window.sessionView(), u"claude-code:11111111-aaaa-4bbb-8ccc-000000000001"_s);
        QCOMPARE(claude.siblingAtColumn(SessionListModel::ProviderColumn).data().toString(), u"Claude Code"_s);
        QVERIFY(
            !claude.siblingAtColumn(SessionListModel::ProviderColumn).data(Qt::DecorationRole).value<QIcon>().isNull());

        TimelineView* view = pane->view();
        view->setZoom(TimelineView::Zoom::Week);
        QVERIFY2(view->tickLabel(QDate(2025, 12, 29)).contains(u"2025"_s),
                 qPrintable(view->tickLabel(QDate(2025, 12, 29))));
        QVERIFY(view->tickLabel(QDate(2026, 1, 5)).contains(u"2026"_s));
    }

    // The first launch fits the window to the screen, lists the sessions with room for their titles and
    // keeps the search dock closed until it is used; the next launch has the layout the user left.
    void firstLaunchIsRoomyAndRemembered()
    {
        test::FixtureHome home;
        Settings settings(home.file(u"chasm.conf"_s));
        QRect left;
        {
            MainWindow window(home.environment(), &settings);
            QVERIFY(openWindow(window));
            const QRect screen = window.screen()->availableGeometry();
            QVERIFY2(screen.contains(window.frameGeometry()) || screen.contains(window.geometry()),
                     qPrintable(u"%1x%2 on %3x%4"_s.arg(window.width())
                                    .arg(window.height())
                                    .arg(screen.width())
                                    .arg(screen.height())));
            QVERIFY(window.width() >= screen.width() * 8 / 10);
            QVERIFY(window.height() >= screen.height() * 8 / 10);
            QVERIFY(!dockOf(window.searchPane())->isVisible());
            QTableView* sessions = window.sessionView();
            const int title = sessions->columnWidth(SessionListModel::TitleColumn);
            for (int column = 0; column < SessionListModel::ColumnCount; ++column) {
                if (column != SessionListModel::TitleColumn && !sessions->isColumnHidden(column)) {
                    QVERIFY2(title > sessions->columnWidth(column), qPrintable(QString::number(column)));
                }
            }
            int longest = 0;
            for (int row = 0; row < sessions->model()->rowCount(); ++row) {
                const QString text = sessions->model()->index(row, SessionListModel::TitleColumn).data().toString();
                longest = std::max(longest, sessions->fontMetrics().horizontalAdvance(text));
            }
            QVERIFY2(title >= std::min(longest, sessions->viewport()->width() / 3), qPrintable(QString::number(title)));

            // Used once, the search dock stays open next time, as does the size the user gave.
            QTest::keyClick(&window, Qt::Key_K, Qt::ControlModifier);
            QTRY_VERIFY(dockOf(window.searchPane())->isVisible());
            window.resize(window.width() - 40, window.height() - 30);
            QTRY_COMPARE(window.width(), screen.width() * 9 / 10 - 40);
            left = window.geometry();
        } // the layout is kept as the window goes
        MainWindow next(home.environment(), &settings);
        QVERIFY(openWindow(next));
        QCOMPARE(next.size(), left.size());
        QVERIFY(dockOf(next.searchPane())->isVisible());
    }

    // A first run with nothing found says where Chasm looked and what to do; its buttons harvest and
    // open the recovery assistant.
    void welcomeOnAnEmptyFirstRun()
    {
        QTemporaryDir empty;
        const Environment environment =
            Environment::fromVariables({{u"HOME"_s, empty.path()}, {u"PWD"_s, empty.path()}}, Platform::Linux);
        Settings settings(empty.filePath(u"chasm.conf"_s));
        MainWindow window(environment, &settings);
        QVERIFY(openWindow(window));
        WelcomePane* welcome = window.welcomePane();
        QVERIFY(welcome->isVisible());
        QVERIFY2(welcome->text().contains(u"Chasm found no chat sessions"_s), qPrintable(welcome->text()));
        QVERIFY2(welcome->text().contains(empty.path() + u"/.claude/projects"_s), qPrintable(welcome->text()));
        QPushButton* recover = buttonNamed(welcome, u"Open the &recovery assistant…"_s);
        QVERIFY(recover);
        QTest::mouseClick(recover, Qt::LeftButton);
        RecoveryWizard* wizard = window.findChild<RecoveryWizard*>();
        QVERIFY(wizard);
        QTRY_VERIFY(wizard->isVisible());
        wizard->close();
    }

    // A first run with sessions says how many of which tools; reading one replaces the welcome.
    void welcomeSaysWhatWasFound()
    {
        test::FixtureHome home(QStringList{u"vscode"_s, u"claude-code"_s});
        Settings settings(home.file(u"chasm.conf"_s));
        MainWindow window(home.environment(), &settings);
        QVERIFY(openWindow(window));
        WelcomePane* welcome = window.welcomePane();
        QVERIFY(welcome->isVisible());
        QVERIFY2(
            welcome->text().contains(u"Chasm found 11 sessions: Claude Code (3), Cursor (1), GitHub Copilot (7)."_s),
            qPrintable(welcome->text()));
        QSignalSpy started(window.harvestService(), &HarvestService::started);
        QSignalSpy harvested(window.harvestService(), &HarvestService::finished);
        QTest::mouseClick(buttonNamed(welcome, u"&Harvest now"_s), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(started.count(), 1, 30000);
        QTRY_COMPARE_WITH_TIMEOUT(harvested.count(), 1, 30000);
        QSignalSpy shown(&window, &MainWindow::sessionShown);
        click(window.sessionView(),
              sessionCell(window.sessionView(), u"claude-code:11111111-aaaa-4bbb-8ccc-000000000001"_s));
        QTRY_COMPARE_WITH_TIMEOUT(shown.count(), 1, 30000);
        QVERIFY(!welcome->isVisible());
        QVERIFY(window.conversationView()->isVisible());
    }

    // F1 opens a short guide with the keyboard shortcuts, read from the window's own actions.
    void helpGuideListsTheShortcuts()
    {
        test::FixtureHome home(u"claude-code"_s);
        Settings settings(home.file(u"chasm.conf"_s));
        MainWindow window(home.environment(), &settings);
        QVERIFY(openWindow(window));
        QTest::keyClick(&window, Qt::Key_F1);
        GuideDialog* guide = window.findChild<GuideDialog*>();
        QVERIFY(guide);
        QTRY_VERIFY(guide->isVisible());
        QVERIFY(guide->guide()->toPlainText().contains(u"zephyr*"_s));
        QHash<QString, QString> keys;
        for (int row = 0; row < guide->shortcuts()->rowCount(); ++row) {
            keys.insert(guide->shortcuts()->item(row, 0)->text(), guide->shortcuts()->item(row, 1)->text());
        }
        QCOMPARE(keys.value(u"Search everything"_s),
                 QKeySequence(Qt::CTRL | Qt::Key_K).toString(QKeySequence::NativeText));
        QCOMPARE(keys.value(u"Filter sessions"_s),
                 QKeySequence(Qt::CTRL | Qt::Key_L).toString(QKeySequence::NativeText));
        QVERIFY(keys.contains(u"Recovery assistant…"_s));
        guide->close();
    }

    // "Open in Claude Code": the command that resumes the session in its folder, shown and copied.
    void openInToolShowsAndCopiesTheCommand()
    {
        test::FixtureHome home(QStringList{u"vscode"_s, u"claude-code"_s});
        Settings settings(home.file(u"chasm.conf"_s));
        MainWindow window(home.environment(), &settings);
        QVERIFY(openWindow(window));
        QTableView* sessions = window.sessionView();
        click(sessions, sessionCell(sessions, u"claude-code:11111111-aaaa-4bbb-8ccc-000000000001"_s));
        sessions->setFocus();
        QTest::keyClick(&window, Qt::Key_O, Qt::ControlModifier | Qt::ShiftModifier);
        ResumeDialog* dialog = window.findChild<ResumeDialog*>();
        QVERIFY(dialog);
        QTRY_VERIFY(dialog->isVisible());
        QCOMPARE(dialog->windowTitle(), u"Open in Claude Code"_s);
        const QString line =
            u"cd '/home/dev/projects/web app' && claude --resume 11111111-aaaa-4bbb-8ccc-000000000001"_s;
        QCOMPARE(dialog->commandField()->text(), line);
        QCOMPARE(dialog->runButton()->text(), u"&Run in a terminal"_s);
        QTest::mouseClick(dialog->copyButton(), Qt::LeftButton);
        QCOMPARE(QApplication::clipboard()->text(), line);
        dialog->close();
        QTRY_VERIFY(window.findChildren<ResumeDialog*>().isEmpty());
        window.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&window));

        // A VS Code session opens its workspace folder.
        click(sessions, sessionCell(sessions, u"copilot:bbbb2222-3333-4444-8555-666677778888"_s));
        QTest::keyClick(&window, Qt::Key_O, Qt::ControlModifier | Qt::ShiftModifier);
        ResumeDialog* editor = window.findChild<ResumeDialog*>();
        QVERIFY(editor);
        QCOMPARE(editor->windowTitle(), u"Open in VS Code"_s);
        QVERIFY2(editor->commandField()->text().startsWith(u"code "_s), qPrintable(editor->commandField()->text()));
        QCOMPARE(editor->runButton()->text(), u"&Open in VS Code"_s);
        editor->close();
    }
};

QTEST_MAIN(TestBrowsing)
#include "TestBrowsing.moc"
