// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

// Takes the README's screenshots of the real main window on the test fixtures' HOME, in the light
// and the dark palette: the window with a conversation, the search, the timeline and the index
// inspector at 1440×900; the window with a conversation at 1000×700 (a laptop's window), and in German.
// Run by scripts/screenshots under Xvfb; writes PNG files into the folder it is given.
//
//   chasm_screenshots OUTPUT_DIR

#include "FixtureHome.h"
#include "models/SessionListModel.h"
#include "models/WorkspaceTreeModel.h"
#include "services/HarvestService.h"
#include "util/Settings.h"
#include "views/ConversationView.h"
#include "views/IndexInspector.h"
#include "views/Localization.h"
#include "views/MainWindow.h"
#include "views/SearchPane.h"
#include "views/Theme.h"
#include "views/TimelineView.h"

#include <QAbstractItemModel>
#include <QApplication>
#include <QDir>
#include <QDockWidget>
#include <QLineEdit>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableView>
#include <QTest>
#include <QTreeView>

#include <cstdio>

using namespace Qt::StringLiterals;
using namespace chasm;

namespace {

bool fail(const char* what)
{
    std::fprintf(stderr, "chasm_screenshots: %s\n", what);
    return false;
}

QDockWidget* dockOf(QWidget* pane)
{
    return qobject_cast<QDockWidget*>(pane->parentWidget());
}

bool save(QWidget& window, const QString& path)
{
    QTest::qWait(300); // let queued layout and painting settle
    if (!window.grab().save(path)) {
        return fail("cannot write a screenshot");
    }
    std::printf("%s\n", qPrintable(path));
    return true;
}

// Selects VS Code's "web app" project in the sources tree and the session in it with the most messages.
bool openRichestSession(MainWindow& window)
{
    WorkspaceTreeModel* tree = window.workspaceModel();
    QModelIndex webApp;
    for (int top = 0; top < tree->rowCount(); ++top) {
        const QModelIndex provider = tree->index(top, 0);
        for (int row = 0; provider.data().toString() == u"VS Code"_s && row < tree->rowCount(provider); ++row) {
            if (tree->index(row, 0, provider).data().toString() == u"web app"_s) {
                webApp = tree->index(row, 0, provider);
            }
        }
    }
    if (!webApp.isValid()) {
        return fail("the fixtures have no VS Code \"web app\" project");
    }
    window.workspaceView()->expand(webApp.parent());
    window.workspaceView()->setCurrentIndex(webApp);
    QAbstractItemModel* sessions = window.sessionView()->model();
    int richest = -1;
    for (int row = 0; row < sessions->rowCount(); ++row) {
        const auto weight = [sessions](int r) {
            return std::pair(
                sessions->index(r, SessionListModel::MessagesColumn).data().toInt(),
                sessions->index(r, SessionListModel::SizeColumn).data(SessionListModel::SortRole).toLongLong());
        };
        if (richest < 0 || weight(row) > weight(richest)) {
            richest = row;
        }
    }
    if (richest < 0) {
        return fail("the \"web app\" project lists no sessions");
    }
    QSignalSpy shown(&window, &MainWindow::sessionShown);
    window.sessionView()->setCurrentIndex(sessions->index(richest, SessionListModel::TitleColumn));
    return shown.wait(30000) || fail("the session did not open");
}

struct Shot
{
    Settings::Theme theme;
    QString suffix;  // of each file name: main-<suffix>.png
    QSize size;      // of the window
    bool everything; // also the search, the timeline and the inspector
};

bool shoot(const QString& folder, const Shot& shot)
{
    const Settings::Theme theme = shot.theme;
    const QString& suffix = shot.suffix;
    const bool everything = shot.everything;
    applyTheme(theme);
    const test::FixtureHome home(
        QStringList{u"vscode"_s, u"claude-code"_s, u"codex"_s, u"gemini"_s, u"opencode"_s, u"continue"_s});
    if (!home.isValid()) {
        return fail("cannot build the fixture HOME");
    }
    Settings settings(home.file(u"chasm.conf"_s));
    settings.setValue(Settings::Key::DatabasePath, home.file(u"chasm.db"_s));
    MainWindow window(home.environment(), &settings);
    QSignalSpy loaded(&window, &MainWindow::catalogLoaded);
    window.resize(shot.size);
    window.show();
    if (!QTest::qWaitForWindowExposed(&window) || !(loaded.count() > 0 || loaded.wait(30000))) {
        return fail("the window did not load the fixtures");
    }
    QSignalSpy harvested(window.harvestService(), &HarvestService::finished);
    window.harvestService()->harvestNow();
    if (!harvested.wait(60000)) {
        return fail("the harvest did not finish");
    }
    dockOf(window.searchPane())->hide();
    if (!openRichestSession(window) || !save(window, folder + u"/main-"_s + suffix + u".png"_s)) {
        return false;
    }
    if (!everything) {
        return true;
    }

    SearchPane* search = window.searchPane();
    dockOf(search)->show();
    QSignalSpy searched(search, &SearchPane::searchFinished);
    search->queryField()->setText(u"rollback OR deploy*"_s);
    search->search(search->queryField()->text());
    if (!searched.wait(30000) || !save(window, folder + u"/search-"_s + suffix + u".png"_s)) {
        return fail("the search did not finish");
    }
    dockOf(search)->hide();

    QDockWidget* timeline = dockOf(window.timelinePane());
    timeline->show();
    timeline->raise();
    window.timelinePane()->view()->setZoom(TimelineView::Zoom::Month);
    if (!save(window, folder + u"/timeline-"_s + suffix + u".png"_s)) {
        return false;
    }

    QDockWidget* inspector = dockOf(window.indexInspector());
    inspector->show();
    inspector->raise();
    if (!window.indexInspector()->summary().startsWith(u"web app"_s)) {
        QSignalSpy inspected(window.indexInspector(), &IndexInspector::inspected);
        if (!inspected.wait(30000)) {
            return fail("the index inspector did not read the index");
        }
    }
    return save(window, folder + u"/inspector-"_s + suffix + u".png"_s);
}

} // namespace

int main(int argc, char* argv[])
{
    QApplication app(argc, argv);
    if (argc != 2) {
        std::fprintf(stderr, "usage: chasm_screenshots OUTPUT_DIR\n");
        return 2;
    }
    QStandardPaths::setTestModeEnabled(true); // never the user's own settings or database
    installTranslations(QLocale(QLocale::English));
    const QString folder = QDir(QString::fromLocal8Bit(argv[1])).absolutePath();
    if (!QDir().mkpath(folder)) {
        return fail("cannot create the output folder") ? 0 : 1;
    }
    const QSize large(1440, 900), small(1000, 700);
    using Theme = Settings::Theme;
    for (const Shot& shot :
         {Shot{Theme::Light, u"light"_s, large, true}, Shot{Theme::Dark, u"dark"_s, large, true},
          Shot{Theme::Light, u"light-1000x700"_s, small, false}, Shot{Theme::Dark, u"dark-1000x700"_s, small, false}}) {
        if (!shoot(folder, shot)) {
            return 1;
        }
    }
    // German last: its translator, installed after the English one, is the one asked first from then on.
    installTranslations(QLocale(QLocale::German));
    QLocale::setDefault(QLocale(QLocale::German)); // dates and numbers too, as the app sets them
    return shoot(folder, {Theme::Light, u"light-de"_s, large, true}) ? 0 : 1;
}
