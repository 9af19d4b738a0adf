#include "FixtureHome.h"
#include "models/SessionListModel.h"
#include "models/WorkspaceTreeModel.h"
#include "views/ConversationView.h"
#include "views/MainWindow.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTableView>
#include <QStandardPaths>
#include <QTest>
#include <QTreeView>

using namespace Qt::StringLiterals;
using namespace chasm;

class TestMainWindow : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void browseWorkspaceAndSession()
    {
        test::FixtureHome home;
        QVERIFY(home.isValid());
        MainWindow window(home.environment());
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
        QCOMPARE(tree->rowCount(), 2); // VS Code, Cursor
        QCOMPARE(tree->index(0, 0).data().toString(), u"VS Code"_s);
        QCOMPARE(tree->index(0, WorkspaceTreeModel::SessionsColumn).data().toInt(), 7);
        QCOMPARE(window.sessionModel()->rowCount(), 8);

        // Select the "web app" workspace: its four sessions appear.
        QModelIndex webApp;
        for (int row = 0; row < tree->rowCount(tree->index(0, 0)); ++row) {
            const QModelIndex index = tree->index(row, 0, tree->index(0, 0));
            if (index.data().toString() == u"web app"_s) {
                webApp = index;
            }
        }
        QVERIFY(webApp.isValid());
        QCOMPARE(tree->index(webApp.row(), WorkspaceTreeModel::SessionsColumn, webApp.parent()).data().toInt(), 4);
        QTreeView* workspaces = window.workspaceView();
        workspaces->scrollTo(webApp);
        QTest::mouseClick(workspaces->viewport(), Qt::LeftButton, {}, workspaces->visualRect(webApp).center());
        QCOMPARE(workspaces->currentIndex(), webApp);
        QTableView* sessions = window.sessionView();
        QCOMPARE(sessions->model()->rowCount(), 4);

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

        // Sorting by messages through the header keeps every row.
        sessions->sortByColumn(SessionListModel::MessagesColumn, Qt::AscendingOrder);
        QCOMPARE(sessions->model()->index(0, SessionListModel::MessagesColumn).data().toInt(), 0);
    }

    void unreadableSessionExplainsItself()
    {
        test::FixtureHome home;
        MainWindow window(home.environment());
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

    void emptyStateSaysWhereItLooked()
    {
        QTemporaryDir home;
        MainWindow window(Environment::fromVariables({{u"HOME"_s, home.path()}}, Platform::Linux));
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
