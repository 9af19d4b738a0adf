// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#include "MainWindow.h"

#include "dialogs/ExportDialog.h"
#include "dialogs/GuideDialog.h"
#include "dialogs/HistoryWindow.h"
#include "dialogs/McpSetupDialog.h"
#include "dialogs/ChatWindow.h"
#include "dialogs/ResumeDialog.h"
#include "dialogs/SettingsDialog.h"
#include "models/ProjectTreeModel.h"
#include "models/SessionFilterProxy.h"
#include "models/SessionListModel.h"
#include "models/WorkspaceTreeModel.h"
#include "server/EmbeddedServer.h"
#include "services/CatalogService.h"
#include "services/HarvestDatabaseService.h"
#include "services/OrphanService.h"
#include "llm/NetworkModelClient.h"
#include "services/ResumeCommand.h"
#include "services/SyncService.h"
#include "store/SavedSearch.h"
#include "util/Settings.h"
#include "views/BadgeDelegate.h"
#include "views/ConversationView.h"
#include "views/HarvestStatusBar.h"
#include "views/IndexInspector.h"
#include "views/KeyboardContextMenu.h"
#include "views/RawRecordView.h"
#include "views/SearchPane.h"
#include "views/Theme.h"
#include "views/TimelineView.h"
#include "views/ToolLook.h"
#include "views/TrayIcon.h"
#include "views/WelcomePane.h"
#include "wizards/MergeWizard.h"
#include "wizards/RecoveryWizard.h"

#include <QFutureWatcher>
#include <QtConcurrent/QtConcurrentRun>
#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QCloseEvent>
#include <QDateTime>
#include <QDesktopServices>
#include <QDockWidget>
#include <QFileInfo>
#include <QHeaderView>
#include <QInputDialog>
#include <QLineEdit>
#include <QLocale>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QScreen>
#include <QSplitter>
#include <QStackedWidget>
#include <QStyle>
#include <QTabWidget>
#include <QTableView>
#include <QToolBar>
#include <QTreeView>
#include <QUrl>
#include <QVBoxLayout>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace chasm {

namespace {

// A session read on the thread pool: the beginning of a huge one first, then the whole (held, or read from its
// file as the viewer asks for its messages).
struct SessionRead
{
    Result<std::shared_ptr<const SessionMessages>> session;
    bool complete = true;
};

struct CatalogSnapshot
{
    QList<Workspace> workspaces;
    QList<SessionRef> sessions;
    QList<TimelineService::Project> projects;
};

CatalogSnapshot scan(const SessionCatalog& catalog)
{
    CatalogService::Overview overview = CatalogService(catalog, CatalogService::Kept::Listed).overview();
    OrphanService::countOrphans(overview.workspaces, overview.sessions);
    QList<TimelineService::Project> projects =
        TimelineService::projects(overview.workspaces, overview.sessions, catalog.environment().platform());
    return {std::move(overview.workspaces), std::move(overview.sessions), std::move(projects)};
}

QString databasePathOf(const Settings& settings, const Environment& environment)
{
    return settings.databasePath().isEmpty() ? Database::defaultPath(environment) : settings.databasePath();
}

// The `chasm` installed with this app: beside it, or in the bin folder beside a macOS bundle; empty when neither
// is there (clients then start plain `chasm` from their PATH).
QString installedCli()
{
#if defined(Q_OS_WIN)
    const QString name = u"chasm.exe"_s;
#else
    const QString name = u"chasm"_s;
#endif
    const QString here = QCoreApplication::applicationDirPath();
    for (const QString& candidate : QStringList{here + u'/' + name, here + u"/../../../bin/"_s + name}) {
        if (QFileInfo(candidate).isExecutable()) {
            return QFileInfo(candidate).canonicalFilePath();
        }
    }
    return {};
}

// The tool that "Restore to" names for `sessions`: empty unless every one of them is kept only by Chasm.
QString restoreTarget(const QList<SessionRef>& sessions)
{
    if (sessions.isEmpty() || !std::all_of(sessions.cbegin(), sessions.cend(), SessionCatalog::isKeptOnly)) {
        return {};
    }
    const bool oneTool = std::all_of(sessions.cbegin(), sessions.cend(), [&sessions](const SessionRef& ref) {
        return ref.provider == sessions.first().provider;
    });
    return oneTool ? ToolLook::name(sessions.first().provider) : MainWindow::tr("their tools");
}

} // namespace

MainWindow::MainWindow(Environment environment, Settings* settings, QWidget* parent)
    : QMainWindow(parent)
    , m_catalog(std::make_shared<const SessionCatalog>(std::move(environment)))
    , m_settings(settings)
    , m_workspaceModel(new WorkspaceTreeModel(this))
    , m_projectModel(new ProjectTreeModel(this))
    , m_sessionModel(new SessionListModel(this))
    , m_sessionProxy(new SessionFilterProxy(this))
    , m_workspaceView(new QTreeView(this))
    , m_projectView(new QTreeView(this))
    , m_sourceTabs(new QTabWidget(this))
    , m_sessionFilter(new QLineEdit(this))
    , m_sessionView(new QTableView(this))
    , m_conversationView(new ConversationView(this))
    , m_viewTabs(new QTabWidget(this))
    , m_welcome(new WelcomePane(this))
    , m_reading(new QStackedWidget(this))
    , m_raw(new RawRecordView(m_catalog, this))
    , m_mainSplitter(new QSplitter(Qt::Horizontal, this))
    , m_rightSplitter(new QSplitter(Qt::Vertical, this))
    , m_searchPane(new SearchPane(this))
    , m_timeline(new TimelinePane(this))
    , m_inspector(new IndexInspector(this))
    , m_harvest(new HarvestService(m_catalog, databasePathOf(*settings, m_catalog->environment()), this))
    , m_statusBar(new HarvestStatusBar(m_harvest, this))
    , m_server(new EmbeddedServer(m_catalog, m_harvest, this))
{
    setWindowTitle(tr("Chasm"));

    // Both views of the sources (name with badges, then the session count) share their columns' layout.
    for (const auto& [view, model] : {std::pair<QTreeView*, QAbstractItemModel*>{m_workspaceView, m_workspaceModel},
                                      std::pair<QTreeView*, QAbstractItemModel*>{m_projectView, m_projectModel}}) {
        view->setModel(model);
        view->setItemDelegateForColumn(WorkspaceTreeModel::NameColumn, new BadgeDelegate(view));
        view->setUniformRowHeights(true);
        view->header()->setStretchLastSection(false);
        view->header()->setSectionResizeMode(WorkspaceTreeModel::NameColumn, QHeaderView::Stretch);
        view->header()->setSectionResizeMode(WorkspaceTreeModel::SessionsColumn, QHeaderView::ResizeToContents);
    }
    m_sourceTabs->setDocumentMode(true);
    m_sourceTabs->addTab(m_workspaceView, tr("Tools"));
    m_sourceTabs->addTab(m_projectView, tr("Projects"));

    m_sessionProxy->setSourceModel(m_sessionModel);
    m_sessionView->setModel(m_sessionProxy);
    m_sessionView->setSortingEnabled(true);
    m_sessionView->sortByColumn(SessionListModel::LastActivityColumn, Qt::DescendingOrder);
    m_sessionView->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_sessionView->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_sessionView->setContextMenuPolicy(Qt::CustomContextMenu);
    m_sessionView->verticalHeader()->hide();
    m_sessionView->setWordWrap(false);
    m_sessionView->verticalHeader()->setDefaultSectionSize(m_sessionView->fontMetrics().height() + 8);
    m_sessionView->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
    m_sessionView->horizontalHeader()->setSectionResizeMode(SessionListModel::TitleColumn, QHeaderView::Stretch);
    m_sessionFilter->setPlaceholderText(tr("Filter sessions by title, project, tool or id"));
    m_sessionFilter->setClearButtonEnabled(true);
    connect(m_sessionFilter, &QLineEdit::textChanged, m_sessionProxy, &SessionFilterProxy::setText);
    // The count in the status bar follows the filter and the scope as they change what the table shows.
    connect(m_sessionProxy, &QAbstractItemModel::rowsInserted, this, &MainWindow::showSessionCount);
    connect(m_sessionProxy, &QAbstractItemModel::rowsRemoved, this, &MainWindow::showSessionCount);
    connect(m_sessionProxy, &QAbstractItemModel::modelReset, this, &MainWindow::showSessionCount);
    connect(m_sessionProxy, &QAbstractItemModel::layoutChanged, this, &MainWindow::showSessionCount);

    auto* sessionsPane = new QWidget(this);
    auto* sessionsLayout = new QVBoxLayout(sessionsPane);
    sessionsLayout->setContentsMargins(0, 0, 0, 0);
    sessionsLayout->setSpacing(2);
    sessionsLayout->addWidget(m_sessionFilter);
    sessionsLayout->addWidget(m_sessionView, 1);
    m_viewTabs->setDocumentMode(true);
    m_viewTabs->addTab(m_conversationView, tr("Conversation"));
    // The selected message as the tool wrote it, read from its file when the tab is shown.
    m_viewTabs->addTab(m_raw, tr("Raw"));
    connect(m_viewTabs, &QTabWidget::currentChanged, this, &MainWindow::showRaw);
    connect(m_conversationView, &ConversationView::messageSelected, this, &MainWindow::showRaw);
    connect(m_raw, &RawRecordView::readStarted, m_statusBar, &HarvestStatusBar::jobStarted);
    connect(m_raw, &RawRecordView::readFinished, m_statusBar, &HarvestStatusBar::jobFinished);
    m_rightSplitter->addWidget(sessionsPane);
    m_reading->addWidget(m_viewTabs);
    m_reading->addWidget(m_welcome);
    m_rightSplitter->addWidget(m_reading);
    m_rightSplitter->setSizes({300, 500});
    m_mainSplitter->addWidget(m_sourceTabs);
    m_mainSplitter->addWidget(m_rightSplitter);
    // The sources pane keeps its width when the window grows or shrinks; the sessions and the reading pane
    // take the difference.
    m_mainSplitter->setStretchFactor(0, 0);
    m_mainSplitter->setStretchFactor(1, 1);
    m_mainSplitter->setSizes({360, 920});
    setCentralWidget(m_mainSplitter);

    setStatusBar(m_statusBar);

    createDocks();
    createActions();

    connect(m_workspaceView->selectionModel(), &QItemSelectionModel::currentChanged, this,
            &MainWindow::workspaceSelected);
    connect(m_projectView->selectionModel(), &QItemSelectionModel::currentChanged, this, &MainWindow::projectSelected);
    // Each view of the sources keeps its selection: switching views shows the sessions of the one shown.
    connect(m_sourceTabs, &QTabWidget::currentChanged, this, [this] {
        if (m_sourceTabs->currentWidget() == m_projectView && m_projectView->currentIndex().isValid()) {
            projectSelected();
        } else if (m_sourceTabs->currentWidget() == m_workspaceView) {
            workspaceSelected();
        }
    });
    connect(m_sessionView->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &MainWindow::sessionSelected);
    connect(m_sessionView, &QWidget::customContextMenuRequested, this, &MainWindow::sessionMenu);
    m_workspaceView->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(m_workspaceView, &QWidget::customContextMenuRequested, this, &MainWindow::workspaceMenu);
    KeyboardContextMenu::install(m_sessionView);
    KeyboardContextMenu::install(m_workspaceView);
    m_projectView->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(m_projectView, &QWidget::customContextMenuRequested, this, &MainWindow::projectMenu);
    KeyboardContextMenu::install(m_projectView);
    connect(m_searchPane, &SearchPane::hitActivated, this, &MainWindow::openHarvested);
    connect(m_searchPane, &SearchPane::harvestRequested, m_harvest, &HarvestService::harvestNow);
    connect(m_harvest, &HarvestService::finished, m_searchPane, &SearchPane::harvested);
    // A fix in the index inspector changes what the sources pane says (orphans, badges).
    connect(m_inspector, &IndexInspector::fixFinished, this, [this](bool changed) {
        if (changed) {
            reload();
        }
    });
    connect(m_inspector, &IndexInspector::historyRequested, this, &MainWindow::showHistory);
    connect(m_timeline->view(), &TimelineView::sessionClicked, this, &MainWindow::selectSession);
    // The status bar shows the harvest's progress and outcome; connected to the service before these, it has
    // shown the outcome when harvestFinished reads the sources again.
    connect(m_harvest, &HarvestService::started, this, [this] { m_harvestAction->setEnabled(false); });
    connect(m_harvest, &HarvestService::finished, this, &MainWindow::harvestFinished);
    connect(m_harvest, &HarvestService::sessionsAtRisk, this, &MainWindow::warnAtRisk);
    connect(m_harvest, &HarvestService::published, this, [this](const QString& team, int created, int updated) {
        m_statusBar->setStatus(
            created + updated == 0
                ? tr("The team database %1 has every session of yours").arg(team)
                : tr("Published to the team database %1: %n new session(s), %2 updated", nullptr, created)
                      .arg(team)
                      .arg(updated));
    });
    connect(m_harvest, &HarvestService::publishFailed, this, [this](const QString& team, const QString& error) {
        m_statusBar->setStatus(tr("Not published to the team database %1: %2").arg(team, error));
        Q_EMIT notified(tr("Chasm"), tr("Not published to the team database: %1").arg(error));
    });
    connect(m_harvest, &HarvestService::failed, this, [this] { m_harvestAction->setEnabled(true); });
    connect(m_server, &EmbeddedServer::stateChanged, this, &MainWindow::showServerStatus);
    connect(m_settings, &Settings::changed, this, [this](Settings::Key key) {
        if (key == Settings::Key::Theme) {
            applyTheme(m_settings->theme());
        }
        if (key == Settings::Key::SavedSearches) {
            showSavedSearches();
        }
        applySettings();
    });

    QList<std::pair<QString, QString>> providers;
    for (const Provider* provider : m_catalog->providers().value()) {
        providers.append({provider->id(), ToolLook::name(provider->id())});
    }
    m_searchPane->setProviders(providers);
    m_searchPane->setDatabasePath(m_harvest->databasePath());
    m_searchPane->setTeamDatabase(m_settings->teamDatabase());
    showSavedSearches();

    connect(m_welcome, &WelcomePane::harvestRequested, m_harvest, &HarvestService::harvestNow);
    connect(m_welcome, &WelcomePane::recoveryRequested, this, &MainWindow::startRecovery);
    connect(m_welcome, &WelcomePane::guideRequested, this, &MainWindow::showGuide);
    // A session read replaces the welcome.
    connect(this, &MainWindow::sessionShown, m_reading, [this] { m_reading->setCurrentWidget(m_viewTabs); });

    if (!restoreLayout()) {
        firstLaunchLayout();
    }
    applySettings();
    reload();
}

MainWindow::~MainWindow()
{
    saveLayout();
    // Before the harvest service it hands harvests to.
    delete m_server;
    m_server = nullptr;
}

bool MainWindow::isBusy() const
{
    return m_statusBar->isBusy();
}

QPlainTextEdit* MainWindow::rawView() const
{
    return m_raw->textView();
}

void MainWindow::createDocks()
{
    auto* searchDock = new QDockWidget(tr("Search"), this);
    searchDock->setObjectName(u"searchDock"_s);
    searchDock->setWidget(m_searchPane);
    addDockWidget(Qt::RightDockWidgetArea, searchDock);
    auto* timelineDock = new QDockWidget(tr("Timeline"), this);
    timelineDock->setObjectName(u"timelineDock"_s);
    timelineDock->setWidget(m_timeline);
    addDockWidget(Qt::BottomDockWidgetArea, timelineDock);
    auto* inspectorDock = new QDockWidget(tr("Index inspector"), this);
    inspectorDock->setObjectName(u"inspectorDock"_s);
    inspectorDock->setWidget(m_inspector);
    addDockWidget(Qt::BottomDockWidgetArea, inspectorDock);
    tabifyDockWidget(timelineDock, inspectorDock);
    timelineDock->hide();
    inspectorDock->hide();
}

void MainWindow::createActions()
{
    QToolBar* toolbar = addToolBar(tr("Main"));
    toolbar->setObjectName(u"mainToolbar"_s);
    toolbar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);

    QMenu* fileMenu = menuBar()->addMenu(tr("&File"));
    QAction* reloadAction = fileMenu->addAction(QIcon::fromTheme(u"view-refresh"_s), tr("&Reload"));
    reloadAction->setShortcut(QKeySequence::Refresh);
    connect(reloadAction, &QAction::triggered, this, &MainWindow::reload);
    QAction* exportAction =
        fileMenu->addAction(QIcon::fromTheme(u"document-export"_s), tr("&Export selected sessions…"));
    exportAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_E));
    exportAction->setEnabled(false);
    connect(exportAction, &QAction::triggered, this, &MainWindow::startExport);
    connect(m_sessionView->selectionModel(), &QItemSelectionModel::selectionChanged, exportAction,
            [this, exportAction] { exportAction->setEnabled(m_sessionView->selectionModel()->hasSelection()); });
    // "Continue with…" a model, for one selected session.
    QAction* continueAction = fileMenu->addAction(QIcon::fromTheme(u"mail-reply-sender"_s), tr("&Continue with…"));
    continueAction->setObjectName(u"continueAction"_s);
    continueAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_C));
    continueAction->setEnabled(false);
    connect(continueAction, &QAction::triggered, this, &MainWindow::startContinue);
    connect(m_sessionView->selectionModel(), &QItemSelectionModel::selectionChanged, continueAction,
            [this, continueAction] { continueAction->setEnabled(selectedSessions().size() == 1); });
    // "Open in <tool>" for one selected session whose tool can carry it on.
    QAction* resumeAction = fileMenu->addAction(QIcon::fromTheme(u"utilities-terminal"_s), tr("&Open in its tool…"));
    resumeAction->setObjectName(u"resumeAction"_s);
    resumeAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_O));
    resumeAction->setEnabled(false);
    connect(resumeAction, &QAction::triggered, this, &MainWindow::startResume);
    connect(m_sessionView->selectionModel(), &QItemSelectionModel::selectionChanged, resumeAction,
            [this, resumeAction] {
                const QList<SessionRef> chosen = selectedSessions();
                const auto command = chosen.size() == 1 ? resumeCommand(chosen.first()) : std::nullopt;
                resumeAction->setEnabled(command.has_value());
                resumeAction->setText(command ? tr("&Open in %1…").arg(command->tool) : tr("&Open in its tool…"));
            });
    // "Restore to <tool>" for selected sessions their tools no longer have.
    QAction* restoreAction = fileMenu->addAction(QIcon::fromTheme(u"document-revert"_s), tr("Res&tore to its tool"));
    restoreAction->setObjectName(u"restoreAction"_s);
    restoreAction->setEnabled(false);
    connect(restoreAction, &QAction::triggered, this, &MainWindow::startRestore);
    connect(m_sessionView->selectionModel(), &QItemSelectionModel::selectionChanged, restoreAction,
            [this, restoreAction] {
                const QString tool = restoreTarget(selectedSessions());
                restoreAction->setEnabled(!tool.isEmpty());
                restoreAction->setText(tool.isEmpty() ? tr("Res&tore to its tool") : tr("Res&tore to %1").arg(tool));
            });
    QAction* settingsAction = fileMenu->addAction(QIcon::fromTheme(u"preferences-system"_s), tr("&Settings…"));
    settingsAction->setShortcut(QKeySequence::Preferences);
    if (settingsAction->shortcut().isEmpty()) {
        settingsAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Comma));
    }
    connect(settingsAction, &QAction::triggered, this, &MainWindow::showSettings);
    fileMenu->addSeparator();
    QAction* quitAction = fileMenu->addAction(QIcon::fromTheme(u"application-exit"_s), tr("&Quit"));
    quitAction->setShortcut(QKeySequence::Quit);
    connect(quitAction, &QAction::triggered, this, &MainWindow::quit);

    QMenu* editMenu = menuBar()->addMenu(tr("&Edit"));
    QAction* historyAction = editMenu->addAction(QIcon::fromTheme(u"edit-undo-history"_s), tr("&History…"));
    historyAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Z));
    historyAction->setToolTip(tr("Every change Chasm made to your files, each with an Undo"));
    connect(historyAction, &QAction::triggered, this, &MainWindow::showHistory);

    QMenu* harvestMenu = menuBar()->addMenu(tr("&Harvest"));
    m_harvestAction = harvestMenu->addAction(QIcon::fromTheme(u"document-save"_s), tr("&Harvest now"));
    m_harvestAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_H));
    m_harvestAction->setToolTip(
        tr("Copy every new or changed session into Chasm's database (%1)").arg(m_harvest->databasePath()));
    connect(m_harvestAction, &QAction::triggered, m_harvest, &HarvestService::harvestNow);
    QAction* cancelAction = harvestMenu->addAction(tr("&Cancel harvest"));
    cancelAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Period));
    connect(cancelAction, &QAction::triggered, m_harvest, &HarvestService::cancel);
    harvestMenu->addAction(m_statusBar->failuresAction());

    QMenu* viewMenu = menuBar()->addMenu(tr("&View"));
    QAction* searchAction = viewMenu->addAction(QIcon::fromTheme(u"edit-find"_s), tr("&Search everything"));
    searchAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_K));
    connect(searchAction, &QAction::triggered, this, [this] {
        showSearchPane();
        m_searchPane->queryField()->setFocus();
        m_searchPane->queryField()->selectAll();
    });
    connect(m_searchPane->queryField(), &QLineEdit::returnPressed, this, &MainWindow::showSearchPane);
    viewMenu->addAction(m_searchPane->saveAction());
    connect(m_searchPane->saveAction(), &QAction::triggered, this, [this] {
        bool ok = false;
        const QString name = QInputDialog::getText(this, tr("Save search"), tr("Name:"), QLineEdit::Normal,
                                                   m_searchPane->savedSearch({}).query, &ok);
        if (ok && !name.trimmed().isEmpty()) {
            saveSearch(name);
        }
    });
    // Delete on a saved search in the sources pane forgets it.
    auto* removeSearch = new QAction(tr("Remove saved search"), m_workspaceView);
    removeSearch->setShortcut(QKeySequence::Delete);
    removeSearch->setShortcutContext(Qt::WidgetShortcut);
    m_workspaceView->addAction(removeSearch);
    connect(removeSearch, &QAction::triggered, this, [this] {
        const QVariant saved = m_workspaceView->currentIndex().data(WorkspaceTreeModel::SavedSearchRole);
        if (saved.isValid() && saved.toInt() >= 0) {
            removeSavedSearch(saved.toInt());
        }
    });
    // The conversation's own action: a second Ctrl+F here made both ambiguous, and neither ran.
    QAction* findAction = m_conversationView->findAction();
    viewMenu->addAction(findAction);
    connect(findAction, &QAction::triggered, m_viewTabs, [this] {
        if (m_viewTabs->currentWidget() != m_conversationView) {
            m_viewTabs->setCurrentWidget(m_conversationView);
            m_conversationView->showFindBar();
        }
    });
    QAction* rawAction = viewMenu->addAction(tr("&Raw record"));
    rawAction->setToolTip(tr("Switch between the conversation and the selected message as the tool wrote it"));
    rawAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_U));
    connect(rawAction, &QAction::triggered, m_viewTabs,
            [this] { m_viewTabs->setCurrentIndex(m_viewTabs->currentIndex() == 0 ? 1 : 0); });
    QAction* focusSessions = viewMenu->addAction(tr("Go to s&essions"));
    focusSessions->setShortcut(QKeySequence(Qt::ALT | Qt::Key_2));
    connect(focusSessions, &QAction::triggered, m_sessionView, [this] { m_sessionView->setFocus(); });
    QAction* focusSources = viewMenu->addAction(tr("Go to s&ources"));
    focusSources->setShortcut(QKeySequence(Qt::ALT | Qt::Key_1));
    connect(focusSources, &QAction::triggered, m_workspaceView, [this] { m_workspaceView->setFocus(); });
    QAction* focusConversation = viewMenu->addAction(tr("Go to &conversation"));
    focusConversation->setShortcut(QKeySequence(Qt::ALT | Qt::Key_3));
    connect(focusConversation, &QAction::triggered, m_conversationView, [this] {
        m_reading->setCurrentWidget(m_viewTabs);
        m_viewTabs->setCurrentWidget(m_conversationView);
        m_conversationView->setFocus();
    });
    QAction* filterAction = viewMenu->addAction(tr("Fi&lter sessions"));
    filterAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_L));
    connect(filterAction, &QAction::triggered, m_sessionFilter, [this] {
        m_sessionFilter->setFocus();
        m_sessionFilter->selectAll();
    });
    viewMenu->addSeparator();
    const QList<QDockWidget*> docks = findChildren<QDockWidget*>();
    const QList<QKeySequence> dockKeys{QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_F),
                                       QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_T),
                                       QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_I)};
    for (int i = 0; i < docks.size(); ++i) {
        QAction* toggle = docks.at(i)->toggleViewAction();
        toggle->setShortcut(dockKeys.value(i));
        viewMenu->addAction(toggle);
    }

    QMenu* toolsMenu = menuBar()->addMenu(tr("&Tools"));
    QAction* recoverAction = toolsMenu->addAction(QIcon::fromTheme(u"edit-undo-history"_s), tr("&Recovery assistant…"));
    recoverAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_R));
    recoverAction->setToolTip(tr("Find sessions your editors no longer show, and bring them back"));
    connect(recoverAction, &QAction::triggered, this, &MainWindow::startRecovery);

    QAction* mergeAction = toolsMenu->addAction(QIcon::fromTheme(u"merge"_s), tr("&Merge sessions…"));
    mergeAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_M));
    mergeAction->setToolTip(tr("Join sessions of any tools into one session your editor can open"));
    connect(mergeAction, &QAction::triggered, this, &MainWindow::startMerge);

    toolsMenu->addSeparator();
    QAction* copyMcpAction = toolsMenu->addAction(QIcon::fromTheme(u"edit-copy"_s), tr("Copy MCP &configuration"));
    copyMcpAction->setToolTip(tr("Copy the Claude Desktop configuration that starts Chasm's MCP server"));
    connect(copyMcpAction, &QAction::triggered, this, [this] {
        const mcp::McpClientSetup desktop = mcpClientSetups().constFirst();
        QApplication::clipboard()->setText(desktop.text);
        m_statusBar->setStatus(
            tr("Copied the Claude Desktop configuration of Chasm's MCP server: paste it into %1").arg(desktop.file));
    });

    QMenu* helpMenu = menuBar()->addMenu(tr("&Help"));
    QAction* guideAction =
        helpMenu->addAction(QIcon::fromTheme(u"help-contents"_s), tr("&Getting started and shortcuts"));
    guideAction->setShortcut(QKeySequence::HelpContents);
    connect(guideAction, &QAction::triggered, this, &MainWindow::showGuide);
    QAction* mcpAction = helpMenu->addAction(tr("Connect AI &agents (MCP)…"));
    mcpAction->setToolTip(tr("How Claude, VS Code, Cursor, Codex or Gemini search your history through Chasm"));
    connect(mcpAction, &QAction::triggered, this, &MainWindow::showMcpSetup);
    QAction* aboutAction = helpMenu->addAction(tr("&About Chasm"));
    connect(aboutAction, &QAction::triggered, this, [this] {
        QMessageBox::about(this, tr("About Chasm"),
                           tr("<b>Chasm %1</b><p>Finds, keeps and searches the chat histories of AI coding "
                              "assistants.</p><p>Database: %2</p>")
                               .arg(QApplication::applicationVersion(), m_harvest->databasePath().toHtmlEscaped()));
    });

    toolbar->addAction(reloadAction);
    toolbar->addAction(m_harvestAction);
    toolbar->addSeparator();
    m_searchPane->queryField()->setMaximumWidth(480);
    toolbar->addWidget(m_searchPane->queryField());
}

void MainWindow::applySettings()
{
    const QString database = databasePathOf(*m_settings, m_catalog->environment());
    m_harvest->setDatabasePath(database);
    // The sessions only the database keeps (chats, recordings, those their tools no longer have) come from the same
    // one; the lists follow another database at once (at the start, the first reload reads them).
    const bool otherDatabase = m_catalog->keptDatabase() != database;
    m_catalog->setKeptDatabase(database);
    if (otherDatabase && isVisible()) {
        reload();
    }
    m_searchPane->setDatabasePath(m_harvest->databasePath());
    m_searchPane->setTeamDatabase(m_settings->teamDatabase());
    m_harvest->setPublishTo(m_settings->teamPublish() ? m_settings->teamDatabase() : QString());
    m_harvest->setProviders(m_settings->watchedProviders());
    m_harvest->setRescanInterval(std::chrono::minutes(m_settings->rescanMinutes()));
    const bool tray = m_settings->trayEnabled();
    if (tray && !m_tray && QSystemTrayIcon::isSystemTrayAvailable()) {
        m_tray = new TrayIcon(this, m_harvest);
        connect(m_tray, &TrayIcon::quitRequested, this, &MainWindow::quit);
        connect(this, &MainWindow::notified, m_tray,
                [this](const QString& title, const QString& message) { m_tray->showMessage(title, message); });
        m_tray->show();
        m_tray->setServerStatus(m_server->statusText());
    } else if (!tray && m_tray) {
        delete m_tray;
        m_tray = nullptr;
    }
    m_harvest->setWatching(tray);
    applyServerSettings();
}

void MainWindow::applyServerSettings()
{
    if (!m_settings->serverEnabled()) {
        m_serverServes.clear();
        if (m_server->state() != EmbeddedServer::State::Stopped) {
            m_server->stop();
        }
        return;
    }
    const QString serves = m_settings->serverHost() + u'\n' + QString::number(m_settings->serverPort()) + u'\n' +
                           m_harvest->databasePath() + u'\n' + m_settings->serverAllowedOrigins().join(u' ');
    const EmbeddedServer::State state = m_server->state();
    if (serves == m_serverServes &&
        (state == EmbeddedServer::State::Running || state == EmbeddedServer::State::Starting)) {
        return;
    }
    m_serverServes = serves;
    m_server->start(m_settings->serverHost(), m_settings->serverPort(), m_settings->serverAllowedOrigins());
}

void MainWindow::showServerStatus()
{
    const QString text = m_server->statusText();
    m_statusBar->setServerStatus(text);
    if (m_tray) {
        m_tray->setServerStatus(text);
    }
}

SettingsDialog* MainWindow::showSettings()
{
    auto* dialog = new SettingsDialog(m_settings, m_catalog->providers().value(), m_server, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
    return dialog;
}

void MainWindow::quit()
{
    m_quitting = true;
    close();
}

void MainWindow::closeEvent(QCloseEvent* event)
{
    if (m_tray && !m_quitting) {
        hide(); // keeps harvesting in the tray
        event->ignore();
        return;
    }
    saveLayout();
    event->accept();
    QApplication::quit();
}

void MainWindow::saveLayout()
{
    m_settings->setValue(Settings::Key::WindowGeometry, saveGeometry());
    m_settings->setValue(Settings::Key::WindowState, saveState());
    m_settings->setValue(Settings::Key::SplitterState,
                         QList<QVariant>{m_mainSplitter->saveState(), m_rightSplitter->saveState(),
                                         m_sessionView->horizontalHeader()->saveState()});
}

bool MainWindow::restoreLayout()
{
    const QByteArray geometry = m_settings->value(Settings::Key::WindowGeometry).toByteArray();
    if (geometry.isEmpty()) {
        return false;
    }
    restoreGeometry(geometry);
    restoreState(m_settings->value(Settings::Key::WindowState).toByteArray());
    const QList<QVariant> splitters = m_settings->value(Settings::Key::SplitterState).toList();
    if (splitters.size() == 3) {
        m_mainSplitter->restoreState(splitters.at(0).toByteArray());
        m_rightSplitter->restoreState(splitters.at(1).toByteArray());
        m_sessionView->horizontalHeader()->restoreState(splitters.at(2).toByteArray());
    }
    return true;
}

void MainWindow::firstLaunchLayout()
{
    const QScreen* screen = this->screen() ? this->screen() : QGuiApplication::primaryScreen();
    const QRect available = screen ? screen->availableGeometry() : QRect(0, 0, 1280, 800);
    // Most of the screen, whatever its size (a window larger than the screen hides its own edges).
    const QSize size(available.width() * 9 / 10, available.height() * 9 / 10);
    resize(size);
    move(available.center() - QPoint(size.width() / 2, size.height() / 2));
    // Room for a project's name beside its badges, whatever the screen.
    const int sources = std::clamp(size.width() / 4, 300, 420);
    m_mainSplitter->setSizes({sources, size.width() - sources});
    m_rightSplitter->setSizes({size.height() * 2 / 5, size.height() * 3 / 5});
    // The search dock opens when it is used (Ctrl+K, Enter in the search field, a saved search).
    for (QDockWidget* dock : findChildren<QDockWidget*>()) {
        dock->hide();
    }
    // Once the sessions are listed, the other columns take what their contents need and the title what it
    // needs, at least what they leave and up to half the table; the table scrolls sideways when that is more
    // than it has.
    connect(
        this, &MainWindow::catalogLoaded, this,
        [this] {
            QHeaderView* header = m_sessionView->horizontalHeader();
            int others = 0;
            for (int column = 0; column < m_sessionModel->columnCount(); ++column) {
                if (column != SessionListModel::TitleColumn) {
                    m_sessionView->resizeColumnToContents(column);
                    others += header->sectionSize(column);
                }
            }
            const int table = m_sessionView->viewport()->width();
            int needed = 0;
            for (const SessionRef& ref : std::as_const(m_sessions)) {
                needed = std::max(needed, m_sessionView->fontMetrics().horizontalAdvance(ref.title));
            }
            needed += 2 * m_sessionView->style()->pixelMetric(QStyle::PM_FocusFrameHMargin, nullptr, m_sessionView) + 8;
            header->setSectionResizeMode(SessionListModel::TitleColumn, QHeaderView::Interactive);
            header->resizeSection(SessionListModel::TitleColumn, std::max(std::min(needed, table / 2), table - others));
        },
        Qt::SingleShotConnection);
}

void MainWindow::reload()
{
    const quint64 request = m_reloads.start();
    m_sessionReads.cancel(); // a session read started before this reload is no longer wanted
    m_statusBar->jobStarted(tr("Looking for chat sessions…"));
    if (m_currentSession.isEmpty()) {
        m_conversationView->showNote(tr("Looking for chat sessions…"));
    }
    Background::run(
        this, [catalog = m_catalog] { return scan(*catalog); },
        [this, request](const CatalogSnapshot& snapshot) {
            if (!m_reloads.isCurrent(request)) {
                m_statusBar->jobFinished();
                return; // a newer reload is on its way
            }
            // What is selected now is selected again in what was read: the project in the sources pane (and so
            // the sessions the table shows), and the sessions in the table.
            const QModelIndex source = m_workspaceView->currentIndex();
            const QString group = source.data(WorkspaceTreeModel::GroupRole).toString();
            const QString workspaceId = source.data(WorkspaceTreeModel::WorkspaceIdRole).toString();
            const bool hadSource = source.isValid() && !source.data(WorkspaceTreeModel::SavedSearchRole).isValid();
            QStringList selected;
            for (const SessionRef& ref : selectedSessions()) {
                selected << ref.id;
            }
            const QString current = m_sessionView->currentIndex().data(SessionListModel::SessionIdRole).toString();

            m_workspaces = snapshot.workspaces;
            m_sessions = snapshot.sessions;
            m_workspaceModel->setWorkspaces(m_workspaces, snapshot.projects);
            m_projectModel->setProjects(snapshot.projects);
            m_sessionModel->setSessions(m_sessions, snapshot.projects);
            m_timeline->setSessions(m_sessions, snapshot.projects);
            m_workspaceView->expandAll();
            {
                // Selecting the session shown again reads nothing (sessionSelected).
                const QModelIndex again = hadSource ? sourceRow(group, workspaceId) : QModelIndex();
                {
                    // The same project again: the index inspector needs no new look (a fix it made re-reads it).
                    const QSignalBlocker blocker(m_workspaceView->selectionModel());
                    m_workspaceView->setCurrentIndex(again);
                }
                m_workspaceView->viewport()->update();
                m_sessionProxy->setScope(again.data(WorkspaceTreeModel::GroupRole).toString(),
                                         again.data(WorkspaceTreeModel::WorkspaceIdRole).toString());
                for (int row = 0; row < m_sessionProxy->rowCount(); ++row) {
                    const QModelIndex index = m_sessionProxy->index(row, 0);
                    const QString id = index.data(SessionListModel::SessionIdRole).toString();
                    if (id == current) {
                        m_sessionView->selectionModel()->setCurrentIndex(index, QItemSelectionModel::NoUpdate);
                    }
                    if (selected.contains(id)) {
                        m_sessionView->selectionModel()->select(index, QItemSelectionModel::Select |
                                                                           QItemSelectionModel::Rows);
                    }
                }
            }
            m_statusBar->jobFinished();
            // The count is on the right of the status bar; the left says what happened last.
            m_statusBar->setStatus({});
            showSessionCount();
            if (m_currentSession.isEmpty()) {
                m_conversationView->showNote(m_sessions.isEmpty() ? emptyStateText()
                                                                  : tr("Select a session to read it."));
                showWelcome();
            }
            Q_EMIT catalogLoaded();
        });
}

void MainWindow::showWelcome()
{
    const bool firstRun = !QFileInfo::exists(m_harvest->databasePath());
    if (!m_sessions.isEmpty() && !firstRun) {
        m_reading->setCurrentWidget(m_viewTabs);
        return;
    }
    QStringList lookedIn;
    for (const Provider* provider : m_catalog->providers().value()) {
        lookedIn << provider->storageLocations(m_catalog->environment());
    }
    m_welcome->setFound(m_sessions, lookedIn);
    m_reading->setCurrentWidget(m_welcome);
}

void MainWindow::sessionsChanged()
{
    reload();
}

QModelIndex MainWindow::sourceRow(const QString& group, const QString& workspaceId, const QModelIndex& parent) const
{
    for (int row = 0; row < m_workspaceModel->rowCount(parent); ++row) {
        const QModelIndex index = m_workspaceModel->index(row, 0, parent);
        if (index.data(WorkspaceTreeModel::GroupRole).toString() == group &&
            index.data(WorkspaceTreeModel::WorkspaceIdRole).toString() == workspaceId &&
            !index.data(WorkspaceTreeModel::SavedSearchRole).isValid()) {
            return index;
        }
        if (const QModelIndex below = sourceRow(group, workspaceId, index); below.isValid()) {
            return below;
        }
    }
    return {};
}

void MainWindow::showSessionCount()
{
    m_statusBar->setSessionCount(m_sessionProxy->rowCount(), int(m_sessions.size()));
}

QString MainWindow::emptyStateText() const
{
    QString text = tr("## No sessions found\n\nChasm looked in:\n\n");
    for (const Provider* provider : m_catalog->providers().value()) {
        for (const QString& location : provider->storageLocations(m_catalog->environment())) {
            text += u"- `"_s + location + u"`\n"_s;
        }
    }
    text += tr("\nChat with an assistant in any of these tools, then use File → Reload.");
    return text;
}

void MainWindow::showSearchPane()
{
    for (QDockWidget* dock : findChildren<QDockWidget*>()) {
        if (dock->widget() == m_searchPane) {
            dock->show();
            dock->raise();
        }
    }
}

void MainWindow::showSavedSearches()
{
    QList<WorkspaceTreeModel::SavedSearchRow> rows;
    for (const SavedSearch& search : savedSearchesFrom(m_settings->savedSearches())) {
        rows.append({search.name, m_searchPane->describe(search)});
    }
    m_workspaceModel->setSavedSearches(rows);
    m_workspaceView->expand(m_workspaceModel->savedSearchesIndex());
}

void MainWindow::saveSearch(const QString& name)
{
    const SavedSearch search = m_searchPane->savedSearch(name);
    if (search.name.isEmpty() || search.query.isEmpty()) {
        return;
    }
    m_settings->setValue(Settings::Key::SavedSearches,
                         savedSearchLines(withSearch(savedSearchesFrom(m_settings->savedSearches()), search)));
    m_statusBar->setStatus(tr("Saved the search “%1” in the sources pane").arg(search.name));
}

void MainWindow::removeSavedSearch(int index)
{
    QList<SavedSearch> searches = savedSearchesFrom(m_settings->savedSearches());
    if (index < 0 || index >= searches.size()) {
        return;
    }
    const QString name = searches.takeAt(index).name;
    m_settings->setValue(Settings::Key::SavedSearches, savedSearchLines(searches));
    m_statusBar->setStatus(tr("Removed the saved search “%1”").arg(name));
}

void MainWindow::workspaceMenu(const QPoint& position)
{
    const QModelIndex index = m_workspaceView->indexAt(position);
    const QVariant saved = index.data(WorkspaceTreeModel::SavedSearchRole);
    if (!saved.isValid() || saved.toInt() < 0) {
        return;
    }
    QMenu menu(this);
    menu.addAction(QIcon::fromTheme(u"edit-find"_s), tr("&Run"), this, [this, index] {
        m_workspaceView->setCurrentIndex(index);
        workspaceSelected();
    });
    menu.addAction(QIcon::fromTheme(u"edit-delete"_s), tr("Re&move"), this,
                   [this, row = saved.toInt()] { removeSavedSearch(row); });
    menu.exec(m_workspaceView->viewport()->mapToGlobal(position));
}

void MainWindow::projectMenu(const QPoint& position)
{
    const QModelIndex index = m_projectView->indexAt(position);
    const TimelineService::Project* project = m_projectModel->project(index);
    if (!project) {
        return;
    }
    m_projectView->setCurrentIndex(index);
    QMenu menu(this);
    // All its sessions chosen in the list, for Export, Merge or Copy ids.
    menu.addAction(tr("&Select its sessions"), this, [this] {
        m_sessionView->selectAll();
        m_sessionView->setFocus();
    });
    if (!project->path.isEmpty()) {
        menu.addAction(tr("Copy the folder's &path"), this,
                       [path = project->path] { QApplication::clipboard()->setText(path); });
        QAction* open = menu.addAction(tr("Open the &folder"), this, [path = project->path] {
            QDesktopServices::openUrl(QUrl::fromLocalFile(path));
        });
        open->setEnabled(QFileInfo(project->path).isDir());
    }
    menu.addSeparator();
    menu.addAction(QIcon::fromTheme(u"document-export"_s),
                   tr("E&xport its %n session(s)…", nullptr, int(m_sessionProxy->rowCount())), this, [this] {
                       m_sessionView->selectAll();
                       startExport();
                   });
    menu.exec(m_projectView->viewport()->mapToGlobal(position));
}

void MainWindow::workspaceSelected()
{
    const QModelIndex current = m_workspaceView->currentIndex();
    if (const QVariant saved = current.data(WorkspaceTreeModel::SavedSearchRole); saved.isValid()) {
        // A saved search runs in the search pane; the sessions shown stay as they are.
        const QList<SavedSearch> searches = savedSearchesFrom(m_settings->savedSearches());
        if (saved.toInt() >= 0 && saved.toInt() < searches.size()) {
            showSearchPane();
            m_searchPane->run(searches.at(saved.toInt()));
        }
        return;
    }
    const QVariant project = current.data(WorkspaceTreeModel::ProjectKeyRole);
    m_sessionProxy->setScope(current.data(WorkspaceTreeModel::GroupRole).toString(),
                             current.data(WorkspaceTreeModel::WorkspaceIdRole).toString(),
                             project.isValid() ? std::optional<QString>(project.toString()) : std::nullopt);
    if (const Workspace* workspace = m_workspaceModel->workspace(current)) {
        QList<SessionRef> files;
        for (const SessionRef& ref : std::as_const(m_sessions)) {
            if (ref.workspaceId == workspace->id) {
                files.append(ref);
            }
        }
        m_inspector->inspect(*workspace, files);
    }
}

void MainWindow::projectSelected()
{
    const QModelIndex current = m_projectView->currentIndex();
    if (!current.isValid()) {
        return;
    }
    // A project: all its sessions, every tool; one of its workspaces: that workspace's sessions of it.
    m_sessionProxy->setScope({}, current.data(ProjectTreeModel::WorkspaceIdRole).toString(),
                             current.data(ProjectTreeModel::ProjectKeyRole).toString());
}

void MainWindow::selectSession(const QString& id)
{
    const auto select = [this, &id] {
        for (int row = 0; row < m_sessionProxy->rowCount(); ++row) {
            const QModelIndex index = m_sessionProxy->index(row, 0);
            if (index.data(SessionListModel::SessionIdRole).toString() == id) {
                m_sessionView->setCurrentIndex(index);
                m_sessionView->scrollTo(index);
                return true;
            }
        }
        return false;
    };
    const bool known =
        std::any_of(m_sessions.cbegin(), m_sessions.cend(), [&id](const SessionRef& ref) { return ref.id == id; });
    if (known && !select()) {
        // Not in the current scope: show every session, then select it.
        m_workspaceView->setCurrentIndex({});
        m_projectView->setCurrentIndex({});
        m_sessionProxy->setScope({}, {});
        m_sessionFilter->clear();
        select();
    }
}

void MainWindow::sessionSelected()
{
    const QModelIndex current = m_sessionProxy->mapToSource(m_sessionView->currentIndex());
    if (!current.isValid()) {
        return;
    }
    const SessionRef ref = m_sessionModel->session(current.row());
    if (const Session* inView = m_conversationView->session();
        ref.id == m_currentSession && inView && inView->id == ref.id) {
        // Back to the session shown while another was being read: that read is no longer wanted. (When the other's
        // beginning took its place in the view, the session is read again below.)
        m_sessionReads.cancel();
        m_timeline->view()->setSelectedSession(ref.id);
        return;
    }
    const quint64 request = m_sessionReads.start();
    m_statusBar->jobStarted(tr("Reading %1…").arg(ref.title));
    m_timeline->view()->setSelectedSession(ref.id);
    // A huge session's beginning shows while the rest is read. A read that another replaced, or that a reload or
    // going back made stale, stops (an open of a huge session goes twice through all of it).
    Background::stream<SessionRead>(
        this, m_sessionReads, request,
        [catalog = m_catalog, ref, partsFrom = m_settings->viewInPartsFrom(),
         stale = m_sessionReads.stale(request)](QPromise<SessionRead>& promise) {
            auto session = catalog->open(
                ref,
                [&promise](Session&& beginning) {
                    promise.addResult(SessionRead{SessionMessages::whole(std::move(beginning)), false});
                },
                partsFrom, stale);
            if (!stale()) {
                promise.addResult(SessionRead{std::move(session), true});
            }
        },
        [this](const SessionRead& read) {
            if (read.complete) {
                showLoaded(read.session, -1, {});
            } else if (read.session) {
                m_reading->setCurrentWidget(m_viewTabs);
                m_conversationView->showSession(read.session.value(), ConversationView::Completeness::Beginning);
            }
        },
        [this] { m_statusBar->jobFinished(); });
}

void MainWindow::openHarvested(const QString& sessionId, int messageIndex, const QStringList& words)
{
    const quint64 request = m_sessionReads.start();
    m_statusBar->jobStarted(tr("Opening %1…").arg(sessionId));
    // The harvested copy: the one the search found (on this computer or in the team database), and the one that
    // remains when the tool deleted it.
    Background::run(
        this,
        [catalog = m_catalog, path = m_searchPane->searchedDatabase(), sessionId] {
            return HarvestDatabaseService(*catalog).session(path, sessionId);
        },
        [this, request, messageIndex, words](const Result<Session>& session) {
            m_statusBar->jobFinished();
            if (m_sessionReads.isCurrent(request)) {
                showLoaded(session ? Result(SessionMessages::whole(session.value()))
                                   : Result<std::shared_ptr<const SessionMessages>>(session.error()),
                           messageIndex, words);
                if (session) {
                    // The session opened is the one selected in the sessions pane (selecting the session shown
                    // reads nothing again).
                    selectSession(session->id);
                    m_conversationView->setFocus();
                }
            }
        });
}

void MainWindow::showLoaded(const Result<std::shared_ptr<const SessionMessages>>& session, int messageIndex,
                            const QStringList& words)
{
    m_reading->setCurrentWidget(m_viewTabs);
    if (!session) {
        m_currentSession.clear();
        m_conversationView->showNote(u"## "_s + tr("This session cannot be read") + u"\n\n"_s +
                                     session.error().message);
        m_statusBar->setStatus(session.error().message);
        return;
    }
    m_currentSession = session.value()->header().id;
    m_conversationView->showSession(session.value());
    if (messageIndex >= 0) {
        m_conversationView->showMessage(messageIndex, words);
        m_conversationView->setFocus();
    }
    m_statusBar->setStatus(tr("%n message(s)", nullptr, session.value()->conversationMessageCount()));
    showRaw();
    Q_EMIT sessionShown(m_currentSession);
}

void MainWindow::showRaw()
{
    if (m_viewTabs->currentWidget() == m_raw) {
        m_raw->showMessage(m_conversationView->messages(), m_conversationView->currentMessage(), m_sessions);
    }
}

QList<SessionRef> MainWindow::selectedSessions() const
{
    QList<SessionRef> chosen;
    for (const QModelIndex& row : m_sessionView->selectionModel()->selectedRows()) {
        chosen.append(m_sessionModel->session(m_sessionProxy->mapToSource(row).row()));
    }
    return chosen;
}

MergeWizard* MainWindow::startMerge()
{
    QStringList selected;
    for (const SessionRef& ref : selectedSessions()) {
        selected << ref.id;
    }
    auto* wizard = new MergeWizard(m_catalog, m_workspaces, m_sessions, selected, this);
    wizard->setAttribute(Qt::WA_DeleteOnClose);
    connect(wizard, &MergeWizard::openRequested, this, [this](const QString& nativeId) {
        // A session listed already (the same merge, made before) is shown now; a new one once read.
        for (const SessionRef& ref : std::as_const(m_sessions)) {
            if (ref.nativeId == nativeId && !ref.editor.isEmpty()) {
                selectSession(ref.id);
                m_conversationView->setFocus();
                return;
            }
        }
        connect(
            this, &MainWindow::catalogLoaded, this,
            [this, nativeId] {
                for (const SessionRef& ref : std::as_const(m_sessions)) {
                    if (ref.nativeId == nativeId && !ref.editor.isEmpty()) {
                        selectSession(ref.id);
                        m_conversationView->setFocus();
                        return;
                    }
                }
            },
            Qt::SingleShotConnection);
    });
    // The merged session shows in the sources and sessions panes as soon as it is written, and goes when
    // it is undone; "Open the merged session" reads them once more to select it.
    connect(wizard, &MergeWizard::written, this, [this](bool ok) {
        if (ok) {
            sessionsChanged();
        }
    });
    connect(wizard, &MergeWizard::undone, this, &MainWindow::sessionsChanged);
    connect(wizard, &QWizard::finished, this, [this, wizard] {
        if (wizard->changedFiles()) {
            sessionsChanged();
        }
    });
    wizard->show();
    return wizard;
}

ResumeDialog* MainWindow::startResume()
{
    const QList<SessionRef> chosen = selectedSessions();
    const auto command = chosen.size() == 1 ? resumeCommand(chosen.first()) : std::nullopt;
    if (!command) {
        return nullptr;
    }
    auto* dialog = new ResumeDialog(chosen.first(), *command, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &ResumeDialog::reported, m_statusBar, &HarvestStatusBar::setStatus);
    dialog->show();
    return dialog;
}

void MainWindow::startContinue()
{
    const QList<SessionRef> chosen = selectedSessions();
    if (chosen.size() != 1) {
        return;
    }
    m_statusBar->setStatus(tr("Reading “%1”…").arg(chosen.first().title));
    auto* watcher = new QFutureWatcher<Result<Session>>(this);
    connect(watcher, &QFutureWatcher<Result<Session>>::finished, this, [this, watcher] {
        watcher->deleteLater();
        Result<Session> session = watcher->result();
        if (!session) {
            m_statusBar->setStatus(session.error().message);
            return;
        }
        m_statusBar->setStatus({});
        auto* window = new ChatWindow(std::move(session).value(), m_harvest->databasePath(), m_catalog->environment(),
                                      *m_settings, networkModelLibrary().open, this);
        connect(window, &ChatWindow::answered, m_statusBar,
                [this](bool, const QString& message) { m_statusBar->setStatus(message); });
        window->show();
    });
    watcher->setFuture(QtConcurrent::run([catalog = m_catalog, ref = chosen.first()] { return catalog->load(ref); }));
}

void MainWindow::startRestore()
{
    const QList<SessionRef> chosen = selectedSessions();
    if (restoreTarget(chosen).isEmpty()) {
        return;
    }
    SyncService::PushRequest request;
    request.database = m_harvest->databasePath();
    for (const SessionRef& ref : chosen) {
        request.sessions << ref.id;
    }
    m_statusBar->setStatus(tr("Restoring %n session(s)…", nullptr, int(chosen.size())));
    auto* watcher = new QFutureWatcher<Result<SyncService::PushReport>>(this);
    connect(watcher, &QFutureWatcher<Result<SyncService::PushReport>>::finished, this, [this, watcher] {
        watcher->deleteLater();
        const Result<SyncService::PushReport> report = watcher->result();
        QString message;
        bool ok = report.ok();
        if (!report) {
            message = tr("Nothing was restored: %1").arg(report.error().message);
        } else {
            // What a push leaves undone is named: a file there with other bytes, or a session with nothing to write.
            QStringList left;
            for (const SyncService::Pushed& file : report->files) {
                if (file.action == u"conflict"_s || file.action == u"skipped"_s) {
                    left << u"%1: %2"_s.arg(file.path.isEmpty() ? file.sessionId : file.path,
                                            file.reason.isEmpty() ? file.action : file.reason);
                }
            }
            ok = left.isEmpty();
            message = tr("Restored %n file(s) to their tools; Edit → History can undo it.", nullptr,
                         report->count(u"restored"_s));
            if (!ok) {
                message += u' ' + tr("Not restored: %1").arg(left.join(u"; "_s));
            }
        }
        m_statusBar->setStatus(message);
        if (!ok) {
            QMessageBox::warning(this, tr("Restore"), message);
        }
        Q_EMIT restored(ok, message);
        reload();
    });
    watcher->setFuture(
        QtConcurrent::run([catalog = m_catalog, request] { return SyncService(*catalog).push(request); }));
}

QList<mcp::McpClientSetup> MainWindow::mcpClientSetups() const
{
    const Environment& environment = m_catalog->environment();
    return mcp::mcpClientSetups(environment, mcp::mcpLaunch(environment, installedCli(), m_harvest->databasePath()));
}

McpSetupDialog* MainWindow::showMcpSetup()
{
    auto* dialog = new McpSetupDialog(mcpClientSetups(), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &McpSetupDialog::reported, m_statusBar, &HarvestStatusBar::setStatus);
    dialog->show();
    return dialog;
}

GuideDialog* MainWindow::showGuide()
{
    QList<QAction*> actions;
    for (QAction* menu : menuBar()->actions()) {
        if (menu->menu()) {
            for (QAction* action : menu->menu()->actions()) {
                actions << action;
            }
        }
    }
    auto* dialog = new GuideDialog(actions, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->show();
    return dialog;
}

RecoveryWizard* MainWindow::startRecovery()
{
    auto* wizard = new RecoveryWizard(m_catalog, this);
    wizard->setAttribute(Qt::WA_DeleteOnClose);
    // Sessions came back (or went again): the sources pane, its badges and the sessions pane change.
    connect(wizard, &RecoveryWizard::applied, this, [this](bool ok) {
        if (ok) {
            sessionsChanged();
        }
    });
    connect(wizard, &RecoveryWizard::undone, this, &MainWindow::sessionsChanged);
    wizard->show();
    return wizard;
}

HistoryWindow* MainWindow::showHistory()
{
    const bool opened = findChild<HistoryWindow*>(QString(), Qt::FindDirectChildrenOnly);
    HistoryWindow* history = HistoryWindow::open(m_catalog, this);
    if (!opened) {
        connect(history, &HistoryWindow::undone, this, [this](bool) { reload(); });
    }
    return history;
}

ExportDialog* MainWindow::startExport()
{
    auto* dialog = new ExportDialog(m_catalog, selectedSessions(), m_settings, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->show();
    return dialog;
}

void MainWindow::sessionMenu(const QPoint& position)
{
    const QModelIndexList rows = m_sessionView->selectionModel()->selectedRows();
    if (rows.isEmpty()) {
        return;
    }
    const QList<SessionRef> chosen = selectedSessions();
    QMenu menu(this);
    if (chosen.size() == 1) {
        menu.addAction(tr("&Open"), this, [this, row = rows.first()] {
            m_sessionView->setCurrentIndex(row);
            m_conversationView->setFocus();
        });
    }
    menu.addAction(tr("Show file in the file &manager"), this, [chosen] {
        for (const SessionRef& ref : chosen) {
            QDesktopServices::openUrl(QUrl::fromLocalFile(QFileInfo(ref.path).absolutePath()));
        }
    });
    menu.addAction(tr("&Copy id(s)", nullptr, int(chosen.size())), this, [chosen] {
        QStringList ids;
        for (const SessionRef& ref : chosen) {
            ids << ref.id;
        }
        QApplication::clipboard()->setText(ids.join(u'\n'));
    });
    if (chosen.size() == 1) {
        if (const auto command = resumeCommand(chosen.first())) {
            menu.addAction(QIcon::fromTheme(u"utilities-terminal"_s), tr("Open in %1…").arg(command->tool), this,
                           &MainWindow::startResume);
        }
    }
    if (chosen.size() == 1) {
        menu.addAction(QIcon::fromTheme(u"mail-reply-sender"_s), tr("Con&tinue with…"), this,
                       &MainWindow::startContinue);
    }
    if (const QString tool = restoreTarget(chosen); !tool.isEmpty()) {
        menu.addAction(QIcon::fromTheme(u"document-revert"_s), tr("&Restore to %1").arg(tool), this,
                       &MainWindow::startRestore);
    }
    menu.addSeparator();
    menu.addAction(QIcon::fromTheme(u"document-export"_s), tr("E&xport %n session(s)…", nullptr, int(chosen.size())),
                   this, &MainWindow::startExport);
    menu.addAction(QIcon::fromTheme(u"merge"_s), tr("&Merge %n session(s)…", nullptr, int(chosen.size())), this,
                   &MainWindow::startMerge);
    menu.addAction(m_harvestAction);
    menu.exec(m_sessionView->viewport()->mapToGlobal(position));
}

void MainWindow::harvestFinished(const Harvester::Summary& summary)
{
    m_harvestAction->setEnabled(true);
    QStringList parts;
    for (auto it = summary.createdByProvider.cbegin(); it != summary.createdByProvider.cend(); ++it) {
        const Provider* provider = m_catalog->provider(it.key());
        const QString name = provider ? provider->displayName() : it.key();
        parts << tr("%n new %1 session(s) harvested", nullptr, it.value()).arg(name);
    }
    if (!parts.isEmpty()) {
        Q_EMIT notified(tr("Chasm"), parts.join(u"\n"_s));
    }
    if (summary.created > 0 || summary.updated > 0) {
        reload(); // the stores changed since the sessions pane was filled
    }
}

void MainWindow::warnAtRisk(const QList<RetentionService::AtRisk>& unkept)
{
    constexpr int shown = 5;
    QStringList lines;
    for (const RetentionService::AtRisk& session : unkept.mid(0, shown)) {
        const Provider* provider = m_catalog->provider(session.session.provider);
        // A session that could not be read has no title: its id names it, as in `chasm retention`.
        const QString name = session.session.title.isEmpty() ? session.session.id : session.session.title;
        const QString when =
            session.purgeAt <= QDateTime::currentDateTimeUtc()
                ? tr("when it next starts")
                : tr("on %1").arg(QLocale().toString(session.purgeAt.toLocalTime().date(), QLocale::ShortFormat));
        lines << tr("%1 deletes \u201c%2\u201d %3")
                     .arg(provider ? provider->displayName() : session.session.provider, name, when);
    }
    if (unkept.size() > shown) {
        lines << tr("and %n more", nullptr, int(unkept.size() - shown));
    }
    lines << tr("Chasm has not kept them: see `chasm retention`.");
    Q_EMIT notified(tr("%n session(s) about to be deleted", nullptr, int(unkept.size())), lines.join(u"\n"_s));
}

} // namespace chasm
