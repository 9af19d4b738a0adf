// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#include "FixtureHome.h"
#include "GuiSteps.h"
#include "models/ProjectTreeModel.h"
#include "models/SessionListModel.h"
#include "models/WorkspaceTreeModel.h"
#include "services/RecoverScanService.h"
#include "util/Settings.h"
#include "views/Localization.h"
#include "views/MainWindow.h"
#include "views/TimelineView.h"

#include <QAbstractItemModelTester>
#include <QDir>
#include <QDockWidget>
#include <QFile>
#include <QImage>
#include <QLineEdit>
#include <QScrollBar>
#include <QSignalSpy>
#include <QSplitter>
#include <QStandardPaths>
#include <QTabBar>
#include <QTabWidget>
#include <QTableView>
#include <QTest>
#include <QTimeZone>
#include <QTreeView>

using namespace Qt::StringLiterals;
using namespace chasm;

namespace {

const QString codexApi = u"codex:0199aaaa-1111-7222-8333-444455556666"_s;
const QString codexWebApp = u"codex:0199cccc-1111-7222-8333-444455556666"_s;

// A Codex rollout of the fixture's, copied under another id into `folder` as its project.
bool addCodexSession(const test::FixtureHome& home, const QString& folder)
{
    QByteArray bytes = test::readAll(home.file(
        u".codex/sessions/2026/02/03/rollout-2026-02-03T10-00-00-0199aaaa-1111-7222-8333-444455556666.jsonl"_s));
    bytes.replace("/home/dev/projects/api", folder.toUtf8());
    bytes.replace("0199aaaa", "0199cccc");
    return !bytes.isEmpty() &&
           test::writeFile(
               home.file(
                   u".codex/sessions/2026/02/04/rollout-2026-02-04T10-00-00-0199cccc-1111-7222-8333-444455556666.jsonl"_s),
               bytes);
}

// The fixture's VS Code workspace of "web app" under another hash, holding one session under another id, with a state
// database older than the workspace's: the older workspace of the folder, which VS Code no longer opens.
bool addOlderWorkspace(const test::FixtureHome& home)
{
    const QString storage = home.file(u".config/Code/User/workspaceStorage/"_s);
    const QString from = storage + u"5d41402abc4b2a76b9719d911017c592/"_s;
    const QString to = storage + u"0bd0bd0bd0bd0bd0bd0bd0bd0bd0bd0b/"_s;
    QByteArray session = test::readAll(from + u"chatSessions/aaaa1111-2222-4333-8444-555566667777.json"_s);
    session.replace("aaaa1111-2222-4333-8444-555566667777", "abab1111-2222-4333-8444-555566667777");
    if (session.isEmpty() || !test::writeFile(to + u"workspace.json"_s, test::readAll(from + u"workspace.json"_s)) ||
        !test::writeFile(to + u"chatSessions/abab1111-2222-4333-8444-555566667777.json"_s, session) ||
        !QFile::copy(from + u"state.vscdb"_s, to + u"state.vscdb"_s)) {
        return false;
    }
    QFile database(to + u"state.vscdb"_s);
    return database.open(QIODevice::ReadWrite) &&
           database.setFileTime(QDateTime(QDate(2025, 6, 1), QTime(12, 0), QTimeZone::utc()),
                                QFileDevice::FileModificationTime);
}

// A row of a tree whose name column shows `name`, under `parent`.
QModelIndex rowNamed(const QAbstractItemModel* model, const QString& name, const QModelIndex& parent = {})
{
    for (int row = 0; row < model->rowCount(parent); ++row) {
        if (model->index(row, 0, parent).data().toString() == name) {
            return model->index(row, 0, parent);
        }
    }
    return {};
}

// Every name shown in a two-level tree.
QStringList allNames(const QAbstractItemModel* model)
{
    QStringList names;
    for (int row = 0; row < model->rowCount(); ++row) {
        const QModelIndex top = model->index(row, 0);
        names << top.data().toString();
        for (int child = 0; child < model->rowCount(top); ++child) {
            names << model->index(child, 0, top).data().toString();
        }
    }
    return names;
}

void click(QTreeView* view, const QModelIndex& index)
{
    QVERIFY(index.isValid());
    view->scrollTo(index);
    QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, view->visualRect(index).center());
    QCOMPARE(view->currentIndex(), index);
}

// What the sessions pane shows in a column, one entry per row.
QStringList column(const QTableView* sessions, int column, int role = Qt::DisplayRole)
{
    QStringList values;
    for (int row = 0; row < sessions->model()->rowCount(); ++row) {
        values << sessions->model()->index(row, column).data(role).toString();
    }
    values.sort();
    return values;
}

QString cell(const QTableView* sessions, const QString& id, int column)
{
    for (int row = 0; row < sessions->model()->rowCount(); ++row) {
        const QModelIndex index = sessions->model()->index(row, column);
        if (index.data(SessionListModel::SessionIdRole).toString() == id) {
            return index.data().toString();
        }
    }
    return {};
}

// The badge pills drawn in a row of the tree, as runs of their colour across the row: [first x, last x].
QList<std::pair<int, int>> pills(QTreeView* view, const QModelIndex& index)
{
    const QRect rect = view->visualRect(index);
    const QImage image = view->viewport()->grab().toImage();
    QList<std::pair<int, int>> runs;
    for (int x = 0; x < image.width(); ++x) {
        bool badge = false;
        for (int y = rect.top(); y <= rect.bottom() && !badge; ++y) {
            const QColor c = image.pixelColor(x, y);
            badge = std::abs(c.red() - 0xd9) < 6 && std::abs(c.green() - 0x7a) < 6 && c.blue() < 8;
        }
        if (badge && !runs.isEmpty() && runs.last().second == x - 1) {
            runs.last().second = x;
        } else if (badge) {
            runs.append({x, x});
        }
    }
    return runs;
}

} // namespace

// Projects first (issue 25): a session's project is its own, in the table, the trees, the timeline and the filter;
// the sources tree's badges agree with the recovery assistant; dates are the sessions' own.
class TestProjects : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        installTranslations(QLocale(QLocale::English));
    }

    // Codex, Continue and OpenCode keep every project's sessions in one store; each session names its folder, and
    // that is its project in the table, the tools tree, the timeline and the filter (not "(all projects)").
    void storeSessionsKeepTheirProject()
    {
        test::FixtureHome home(QStringList{u"vscode"_s, u"codex"_s, u"continue"_s, u"opencode"_s});
        QVERIFY(home.isValid());
        QVERIFY(addCodexSession(home, home.path() + u"/dev/projects/web app"_s));
        Settings settings(home.file(u"chasm.conf"_s));
        MainWindow window(home.environment(), &settings);
        QAbstractItemModelTester treeTester(window.workspaceModel(),
                                            QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy loaded(&window, &MainWindow::catalogLoaded);
        window.resize(1400, 900);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QTRY_COMPARE_WITH_TIMEOUT(loaded.count(), 1, 30000);

        QTableView* sessions = window.sessionView();
        QCOMPARE(cell(sessions, codexApi, SessionListModel::ProjectColumn), u"api"_s);
        QCOMPARE(cell(sessions, codexWebApp, SessionListModel::ProjectColumn), u"web app"_s);
        QCOMPARE(cell(sessions, u"continue:c1c1c1c1-0000-4000-8000-000000000001"_s, SessionListModel::ProjectColumn),
                 u"my site"_s);
        QCOMPARE(cell(sessions, u"opencode:ses_a1"_s, SessionListModel::ProjectColumn), u"blog"_s);

        // The tools tree shows a store's sessions by project.
        WorkspaceTreeModel* tree = window.workspaceModel();
        QVERIFY2(!allNames(tree).contains(u"(all projects)"_s), qPrintable(allNames(tree).join(u", "_s)));
        const QModelIndex codex = rowNamed(tree, u"Codex CLI"_s);
        QVERIFY(codex.isValid());
        const QModelIndex api = rowNamed(tree, u"api"_s, codex);
        QCOMPARE(tree->index(api.row(), WorkspaceTreeModel::SessionsColumn, codex).data().toInt(), 2);
        click(window.workspaceView(), api);
        QCOMPARE(column(sessions, SessionListModel::TitleColumn, SessionListModel::SessionIdRole),
                 (QStringList{codexApi, u"codex:0199bbbb-1111-7222-8333-444455556666"_s}));

        // The filter finds them by their project as the user types.
        click(window.workspaceView(), tree->index(0, 0)); // All sessions
        QTest::keyClicks(window.sessionFilter(), u"api"_s);
        const QStringList found = column(sessions, SessionListModel::TitleColumn, SessionListModel::SessionIdRole);
        QVERIFY2(found.contains(codexApi) && found.contains(u"codex:0199bbbb-1111-7222-8333-444455556666"_s),
                 qPrintable(found.join(u", "_s)));
        for (const QString& project : column(sessions, SessionListModel::ProjectColumn)) {
            QVERIFY2(project.contains(u"api"_s), qPrintable(project)); // "api", and the remote "buildbox: api"
        }

        // The timeline has a row per project, as the projects view: the Codex session of "web app" is in its row.
        QCOMPARE(window.timelinePane()->view()->rowCount(), window.projectModel()->rowCount());
    }

    // The badge of a workspace counts what the recovery assistant offers to add to its index: a workspace without an
    // index (the multi-root "mono", the remote one) included. "2 not in index" is drawn whole, beside a long name.
    void badgesAgreeWithRecoveryAssistant()
    {
        test::FixtureHome home;
        QVERIFY(home.isValid());
        const QString chatSessions =
            home.file(u".config/Code/User/workspaceStorage/5d41402abc4b2a76b9719d911017c592/chatSessions/"_s);
        // Two sessions with requests that the index does not list (the fixture's own orphan is empty: the editor
        // would not list it anyway, and the assistant leaves it).
        for (const QString& id :
             {u"a1a11111-2222-4333-8444-555566667777"_s, u"a2a21111-2222-4333-8444-555566667777"_s}) {
            QByteArray orphan = test::readAll(chatSessions + u"aaaa1111-2222-4333-8444-555566667777.json"_s);
            orphan.replace("aaaa1111-2222-4333-8444-555566667777", id.toUtf8());
            QVERIFY(test::writeFile(chatSessions + id + u".json"_s, orphan));
        }
        Settings settings(home.file(u"chasm.conf"_s));
        MainWindow window(home.environment(), &settings);
        QSignalSpy loaded(&window, &MainWindow::catalogLoaded);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QTRY_COMPARE_WITH_TIMEOUT(loaded.count(), 1, 30000);

        // What the recovery assistant finds missing from each index.
        const SessionCatalog catalog(home.environment());
        const auto scan = RecoverScanService(catalog).run({});
        QVERIFY(scan.ok());
        QHash<QString, int> missing;
        for (const RecoverScanService::Finding& f : scan->findings) {
            if (f.finding.kind == RecoveryFinding::Kind::NotInIndex) {
                missing[f.finding.target.id] += int(f.finding.items.size());
            }
        }
        QCOMPARE(missing.value(u"code:5d41402abc4b2a76b9719d911017c592"_s), 2);
        QCOMPARE(missing.value(u"code:7b8b965ad4bca0e41ab51de7b31363a1"_s), 1); // mono: no index at all
        WorkspaceTreeModel* tree = window.workspaceModel();
        int flagged = 0;
        for (int group = 1; group < tree->rowCount(); ++group) {
            const QModelIndex parent = tree->index(group, 0);
            for (int row = 0; row < tree->rowCount(parent); ++row) {
                const QModelIndex index = tree->index(row, 0, parent);
                const QString id = index.data(WorkspaceTreeModel::WorkspaceIdRole).toString();
                const QStringList badges = index.data(WorkspaceTreeModel::ProblemsRole).toStringList();
                const QStringList counted = badges.filter(u"not in index"_s);
                const int count = missing.value(id);
                QCOMPARE(counted, count > 0 ? QStringList{u"%1 not in index"_s.arg(count)} : QStringList());
                flagged += count > 0 ? 1 : 0;
            }
        }
        QCOMPARE(flagged, missing.size());

        // Both badges of "web app" are drawn whole inside its row, the sources pane narrowed to 300 pixels.
        auto* splitter = qobject_cast<QSplitter*>(window.sourceTabs()->parentWidget());
        QVERIFY(splitter);
        splitter->setSizes({300, splitter->width() - 300});
        QTreeView* view = window.workspaceView();
        QTRY_VERIFY(view->width() <= 300);
        const QModelIndex webApp = rowNamed(tree, u"web app"_s, rowNamed(tree, u"VS Code"_s));
        QCOMPARE(webApp.data(WorkspaceTreeModel::ProblemsRole).toStringList(),
                 (QStringList{u"folder missing"_s, u"2 not in index"_s}));
        view->scrollTo(webApp);
        const QRect row = view->visualRect(webApp);
        const QList<std::pair<int, int>> drawn = pills(view, webApp);
        QCOMPARE(drawn.size(), 2);
        const QFontMetrics metrics(view->font());
        QVERIFY2(drawn.last().second < row.right() - 1 && drawn.last().second < view->viewport()->width() - 1,
                 qPrintable(u"the last pill ends at %1, the row at %2"_s.arg(drawn.last().second).arg(row.right())));
        // A pill holds its text: about as wide as the text in the badges' smaller font, and more.
        QVERIFY(drawn.last().second - drawn.last().first > metrics.horizontalAdvance(u"2 not in index"_s) * 0.8);
    }

    // Continue records when it created a session: "Started" shows that, not the time the file was copied.
    void continueStartedIsItsOwn()
    {
        test::FixtureHome home(u"continue"_s);
        QVERIFY(home.isValid());
        Settings settings(home.file(u"chasm.conf"_s));
        MainWindow window(home.environment(), &settings);
        QSignalSpy loaded(&window, &MainWindow::catalogLoaded);
        window.show();
        QTRY_COMPARE_WITH_TIMEOUT(loaded.count(), 1, 30000);
        const QDateTime created = QDateTime::fromMSecsSinceEpoch(1767225600000, QTimeZone::utc());
        QCOMPARE(cell(window.sessionView(), u"continue:c1c1c1c1-0000-4000-8000-000000000001"_s,
                      SessionListModel::FirstActivityColumn),
                 QLocale().toString(created.toLocalTime(), QLocale::ShortFormat));
    }

    // A file that cannot be read has no bar: its modification time (months after the project's sessions) does not
    // stretch the timeline.
    void unreadableFileDoesNotStretchTimeline()
    {
        test::FixtureHome home(QStringList{u"claude-code"_s, u"continue"_s});
        QVERIFY(home.isValid());
        QFile broken(home.file(u".continue/sessions/c3c3c3c3-0000-4000-8000-000000000003.json"_s));
        QVERIFY(broken.open(QIODevice::ReadWrite));
        QVERIFY(broken.setFileTime(QDateTime::currentDateTimeUtc().addDays(200), QFileDevice::FileModificationTime));
        broken.close();
        Settings settings(home.file(u"chasm.conf"_s));
        MainWindow window(home.environment(), &settings);
        QSignalSpy loaded(&window, &MainWindow::catalogLoaded);
        window.resize(1400, 900);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QTRY_COMPARE_WITH_TIMEOUT(loaded.count(), 1, 30000);
        TimelinePane* pane = window.timelinePane();
        pane->parentWidget()->show(); // the dock
        QTRY_VERIFY(pane->isVisible());
        TimelineView* timeline = pane->view();
        timeline->setZoom(TimelineView::Zoom::Day);

        // The same view with the same sessions but the unreadable one spans the same days.
        const int shown = timeline->horizontalScrollBar()->maximum();
        const int rows = timeline->rowCount();
        QList<SessionRef> readable;
        for (int row = 0; row < window.sessionModel()->rowCount(); ++row) {
            if (window.sessionModel()->session(row).error.isEmpty()) {
                readable << window.sessionModel()->session(row);
            }
        }
        QVERIFY(readable.size() < window.sessionModel()->rowCount());
        timeline->setSessions(readable);
        QCOMPARE(shown, timeline->horizontalScrollBar()->maximum());
        QCOMPARE(rows, timeline->rowCount());
    }

    // Projects first: the "Projects" view beside "Tools" lists each folder with its workspaces and stores, two
    // workspaces of one editor told apart (hash, last used, "older"); choosing a project shows its sessions of every
    // tool; the filter box matches title, project path, tool and id as the user types.
    void projectsView()
    {
        test::FixtureHome home(QStringList{u"vscode"_s, u"codex"_s});
        QVERIFY(home.isValid());
        const QString webAppPath = home.path() + u"/dev/projects/web app"_s;
        QVERIFY(addCodexSession(home, webAppPath));
        QVERIFY(addOlderWorkspace(home));
        Settings settings(home.file(u"chasm.conf"_s));
        MainWindow window(home.environment(), &settings);
        QAbstractItemModelTester projectTester(window.projectModel(),
                                               QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy loaded(&window, &MainWindow::catalogLoaded);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QTRY_COMPARE_WITH_TIMEOUT(loaded.count(), 1, 30000);

        QTabWidget* tabs = window.sourceTabs();
        QCOMPARE(tabs->tabText(0), u"Tools"_s);
        QCOMPARE(tabs->tabText(1), u"Projects"_s);
        QTest::mouseClick(tabs->tabBar(), Qt::LeftButton, {}, tabs->tabBar()->tabRect(1).center());
        QCOMPARE(tabs->currentWidget(), window.projectView());

        ProjectTreeModel* projects = window.projectModel();
        const QModelIndex webApp = rowNamed(projects, u"web app"_s);
        QVERIFY2(webApp.isValid(), qPrintable(allNames(projects).join(u", "_s)));
        QCOMPARE(projects->index(webApp.row(), ProjectTreeModel::SessionsColumn).data().toInt(), 7);
        QVERIFY(webApp.data(Qt::ToolTipRole).toString().startsWith(webAppPath));
        QStringList places;
        QModelIndex older;
        QModelIndex active;
        for (int row = 0; row < projects->rowCount(webApp); ++row) {
            const QModelIndex place = projects->index(row, 0, webApp);
            places << place.data().toString();
            const QStringList badges = place.data(WorkspaceTreeModel::ProblemsRole).toStringList();
            if (place.data().toString().startsWith(u"VS Code · 0bd0bd0b"_s)) {
                older = place;
                QVERIFY(badges.contains(u"older"_s));
            } else if (place.data().toString().startsWith(u"VS Code · 5d41402a"_s)) {
                active = place;
                QVERIFY(!badges.contains(u"older"_s));
            }
        }
        QVERIFY2(older.isValid() && active.isValid(), qPrintable(places.join(u" | "_s)));
        QCOMPARE(places.size(), 4); // VS Code twice, Cursor, Codex
        // Each with the day it was last used (the Codex session's is 3 February 2026); the folder's state is the
        // project's.
        const QDateTime codexDay(QDate(2026, 2, 3), QTime(10, 0), QTimeZone::utc());
        QCOMPARE(
            places.filter(u"Codex CLI · "_s + QLocale().toString(codexDay.toLocalTime().date(), QLocale::ShortFormat))
                .size(),
            1);
        QCOMPARE(webApp.data(WorkspaceTreeModel::ProblemsRole).toStringList(), QStringList{u"folder missing"_s});
        QCOMPARE(places.filter(u"Codex CLI"_s).size(), 1);
        QCOMPARE(places.filter(u"Cursor · c4ca4238"_s).size(), 1);

        // Choosing the project: all its sessions, every tool.
        QTableView* sessions = window.sessionView();
        click(window.projectView(), webApp);
        QCOMPARE(sessions->model()->rowCount(), 7);
        QStringList tools = column(sessions, SessionListModel::ProviderColumn);
        tools.removeDuplicates();
        QCOMPARE(tools, (QStringList{u"Codex CLI"_s, u"Cursor"_s, u"GitHub Copilot"_s})); // by their names
        // One of its workspaces: that one's sessions.
        click(window.projectView(), older);
        QCOMPARE(column(sessions, SessionListModel::TitleColumn, SessionListModel::SessionIdRole),
                 QStringList{u"copilot:abab1111-2222-4333-8444-555566667777"_s});

        // The filter, as the user types, within the chosen project: the tool, the id, the project's path.
        click(window.projectView(), webApp);
        QLineEdit* filter = window.sessionFilter();
        QTest::keyClicks(filter, u"codex"_s);
        QCOMPARE(column(sessions, SessionListModel::TitleColumn, SessionListModel::SessionIdRole),
                 QStringList{codexWebApp});
        filter->clear();
        QTest::keyClicks(filter, u"abab11"_s);
        QCOMPARE(sessions->model()->rowCount(), 1);
        filter->clear();
        QTest::keyClicks(filter, u"dev/projects/web"_s);
        QCOMPARE(sessions->model()->rowCount(), 7);
        filter->clear();

        // From the keyboard: the project's menu chooses all its sessions, for an export or a merge.
        window.projectView()->setFocus();
        window.projectView()->setCurrentIndex(webApp);
        QStringList items;
        test::whenOpened([&items](QWidget* menu) {
            items = test::actionTexts(menu);
            for (QAction* action : menu->actions()) {
                if (action->text() == u"&Select its sessions"_s) {
                    action->trigger();
                }
            }
            menu->close();
        });
        QTest::keyClick(window.projectView(), Qt::Key_F10, Qt::ShiftModifier);
        QTRY_VERIFY2(items.contains(u"Copy the folder's &path"_s), qPrintable(items.join(u", "_s)));
        QVERIFY2(!items.filter(u"E&xport its 7 session"_s).isEmpty(), qPrintable(items.join(u", "_s)));
        QTRY_COMPARE(sessions->selectionModel()->selectedRows().size(), 7);

        // Back to the tools: their selection (none: every session) is what the sessions pane shows.
        QTest::mouseClick(tabs->tabBar(), Qt::LeftButton, {}, tabs->tabBar()->tabRect(0).center());
        QCOMPARE(sessions->model()->rowCount(), window.sessionModel()->rowCount());
        QTest::keyClicks(filter, u"dev/projects/api"_s);
        QCOMPARE(sessions->model()->rowCount(), 2);
    }
};

QTEST_MAIN(TestProjects)
#include "TestProjects.moc"
