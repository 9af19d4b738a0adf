#include "MainWindow.h"

#include "models/SessionListModel.h"
#include "models/WorkspaceTreeModel.h"
#include "views/ConversationView.h"

#include <QAction>
#include <QApplication>
#include <QFutureWatcher>
#include <QHeaderView>
#include <QLabel>
#include <QMenuBar>
#include <QProgressBar>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QStatusBar>
#include <QTableView>
#include <QTreeView>
#include <QtConcurrent/QtConcurrentRun>

using namespace Qt::StringLiterals;

namespace chasm {

namespace {

struct CatalogSnapshot
{
    QList<Workspace> workspaces;
    QList<SessionRef> sessions;
};

CatalogSnapshot scan(const SessionCatalog& catalog)
{
    const auto providers = catalog.providers();
    CatalogSnapshot snapshot;
    snapshot.workspaces = catalog.workspaces(providers.value());
    snapshot.sessions = catalog.sessions(providers.value(), snapshot.workspaces);
    return snapshot;
}

// Shows the sessions of the selected workspace, or of every workspace of the selected application.
class SessionFilterProxy final : public QSortFilterProxyModel
{
public:
    using QSortFilterProxyModel::QSortFilterProxyModel;

    void setScope(const QString& group, const QString& workspaceId)
    {
        m_group = group;
        m_workspaceId = workspaceId;
        invalidateFilter();
    }

protected:
    bool filterAcceptsRow(int row, const QModelIndex& parent) const override
    {
        const QModelIndex index = sourceModel()->index(row, 0, parent);
        if (!m_workspaceId.isEmpty()) {
            return index.data(SessionListModel::WorkspaceIdRole).toString() == m_workspaceId;
        }
        return m_group.isEmpty() || index.data(SessionListModel::GroupRole).toString() == m_group;
    }

private:
    QString m_group;
    QString m_workspaceId;
};

} // namespace

MainWindow::MainWindow(Environment environment, QWidget* parent)
    : QMainWindow(parent)
    , m_catalog(std::make_shared<const SessionCatalog>(std::move(environment)))
    , m_workspaceModel(new WorkspaceTreeModel(this))
    , m_sessionModel(new SessionListModel(this))
    , m_sessionProxy(new SessionFilterProxy(this))
    , m_workspaceView(new QTreeView(this))
    , m_sessionView(new QTableView(this))
    , m_conversationView(new ConversationView(this))
    , m_busy(new QProgressBar(this))
    , m_status(new QLabel(this))
{
    setWindowTitle(tr("Chasm"));
    resize(1280, 800);

    m_workspaceView->setModel(m_workspaceModel);
    m_workspaceView->setUniformRowHeights(true);
    m_workspaceView->header()->setStretchLastSection(false);
    m_workspaceView->header()->setSectionResizeMode(WorkspaceTreeModel::NameColumn, QHeaderView::Stretch);
    m_workspaceView->header()->setSectionResizeMode(WorkspaceTreeModel::SessionsColumn, QHeaderView::ResizeToContents);

    m_sessionProxy->setSourceModel(m_sessionModel);
    m_sessionProxy->setSortRole(SessionListModel::SortRole);
    m_sessionView->setModel(m_sessionProxy);
    m_sessionView->setSortingEnabled(true);
    m_sessionView->sortByColumn(SessionListModel::LastActivityColumn, Qt::DescendingOrder);
    m_sessionView->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_sessionView->setSelectionMode(QAbstractItemView::SingleSelection);
    m_sessionView->verticalHeader()->hide();
    m_sessionView->setWordWrap(false);
    m_sessionView->verticalHeader()->setDefaultSectionSize(m_sessionView->fontMetrics().height() + 8);
    m_sessionView->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_sessionView->horizontalHeader()->setSectionResizeMode(SessionListModel::TitleColumn, QHeaderView::Stretch);

    auto* right = new QSplitter(Qt::Vertical, this);
    right->addWidget(m_sessionView);
    right->addWidget(m_conversationView);
    right->setSizes({300, 500});
    auto* main = new QSplitter(Qt::Horizontal, this);
    main->addWidget(m_workspaceView);
    main->addWidget(right);
    main->setStretchFactor(1, 3);
    main->setSizes({320, 960});
    setCentralWidget(main);

    m_busy->setRange(0, 0);
    m_busy->setMaximumWidth(160);
    m_busy->hide();
    statusBar()->addWidget(m_status, 1);
    statusBar()->addPermanentWidget(m_busy);

    QMenu* fileMenu = menuBar()->addMenu(tr("&File"));
    QAction* reloadAction = fileMenu->addAction(QIcon::fromTheme(u"view-refresh"_s), tr("&Reload"));
    reloadAction->setShortcut(QKeySequence::Refresh);
    connect(reloadAction, &QAction::triggered, this, &MainWindow::reload);
    fileMenu->addSeparator();
    QAction* quitAction = fileMenu->addAction(QIcon::fromTheme(u"application-exit"_s), tr("&Quit"));
    quitAction->setShortcut(QKeySequence::Quit);
    connect(quitAction, &QAction::triggered, this, &QWidget::close);

    connect(m_workspaceView->selectionModel(), &QItemSelectionModel::currentChanged, this,
            &MainWindow::workspaceSelected);
    connect(m_sessionView->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &MainWindow::sessionSelected);

    reload();
}

MainWindow::~MainWindow() = default;

void MainWindow::jobStarted(const QString& what)
{
    ++m_pendingJobs;
    m_status->setText(what);
    m_busy->show();
    QApplication::setOverrideCursor(Qt::BusyCursor);
}

void MainWindow::jobFinished()
{
    --m_pendingJobs;
    QApplication::restoreOverrideCursor();
    if (m_pendingJobs == 0) {
        m_busy->hide();
    }
}

void MainWindow::reload()
{
    const quint64 request = ++m_reloadRequest;
    ++m_sessionRequest; // a session read started before this reload is no longer wanted
    jobStarted(tr("Looking for chat sessions…"));
    m_conversationView->showNote(tr("Looking for chat sessions…"));
    auto* watcher = new QFutureWatcher<CatalogSnapshot>(this);
    connect(watcher, &QFutureWatcher<CatalogSnapshot>::finished, this, [this, watcher, request] {
        watcher->deleteLater();
        if (request != m_reloadRequest) {
            jobFinished();
            return; // a newer reload is on its way
        }
        CatalogSnapshot snapshot = watcher->result();
        m_workspaces = snapshot.workspaces;
        m_sessions = snapshot.sessions;
        m_workspaceModel->setWorkspaces(m_workspaces);
        m_sessionModel->setSessions(m_sessions);
        m_workspaceView->expandAll();
        jobFinished();
        m_status->setText(tr("%n session(s)", nullptr, int(m_sessions.size())));
        m_conversationView->showNote(m_sessions.isEmpty() ? emptyStateText() : tr("Select a session to read it."));
        Q_EMIT catalogLoaded();
    });
    watcher->setFuture(QtConcurrent::run([catalog = m_catalog] { return scan(*catalog); }));
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

void MainWindow::workspaceSelected()
{
    const QModelIndex current = m_workspaceView->currentIndex();
    auto* proxy = static_cast<SessionFilterProxy*>(m_sessionProxy);
    proxy->setScope(current.data(WorkspaceTreeModel::GroupRole).toString(),
                    current.data(WorkspaceTreeModel::WorkspaceIdRole).toString());
    m_status->setText(tr("%n session(s)", nullptr, m_sessionProxy->rowCount()));
}

void MainWindow::sessionSelected()
{
    const QModelIndex current = m_sessionProxy->mapToSource(m_sessionView->currentIndex());
    if (!current.isValid()) {
        return;
    }
    const SessionRef ref = m_sessionModel->session(current.row());
    const quint64 request = ++m_sessionRequest;
    jobStarted(tr("Reading %1…").arg(ref.title));
    auto* watcher = new QFutureWatcher<Result<Session>>(this);
    connect(watcher, &QFutureWatcher<Result<Session>>::finished, this, [this, watcher, request] {
        watcher->deleteLater();
        jobFinished();
        if (request != m_sessionRequest) {
            return; // another session was selected meanwhile
        }
        const Result<Session> session = watcher->result();
        if (!session) {
            m_conversationView->showNote(u"## "_s + tr("This session cannot be read") + u"\n\n"_s +
                                         session.error().message);
            m_status->setText(session.error().message);
            return;
        }
        m_conversationView->showSession(session.value());
        m_status->setText(tr("%n message(s)", nullptr, session->conversationMessageCount()));
        Q_EMIT sessionShown(session->id);
    });
    watcher->setFuture(QtConcurrent::run([catalog = m_catalog, ref] { return catalog->load(ref); }));
}

} // namespace chasm
