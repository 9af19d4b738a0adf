#pragma once

#include "providers/SessionCatalog.h"

#include <QMainWindow>

#include <memory>

class QLabel;
class QProgressBar;
class QSortFilterProxyModel;
class QTableView;
class QTreeView;

namespace chasm {

class ConversationView;
class SessionListModel;
class WorkspaceTreeModel;

// Chasm's main window: the workspace tree, the session table and the conversation of the selected
// session. Every read runs on a worker thread; the window shows a busy state meanwhile.
class MainWindow final : public QMainWindow
{
    Q_OBJECT

public:
    explicit MainWindow(Environment environment, QWidget* parent = nullptr);
    ~MainWindow() override;

    // Scans every provider again (also run once at start).
    void reload();
    bool isBusy() const { return m_pendingJobs > 0; }

    WorkspaceTreeModel* workspaceModel() const { return m_workspaceModel; }
    SessionListModel* sessionModel() const { return m_sessionModel; }
    QTreeView* workspaceView() const { return m_workspaceView; }
    QTableView* sessionView() const { return m_sessionView; }
    ConversationView* conversationView() const { return m_conversationView; }

Q_SIGNALS:
    void catalogLoaded();
    void sessionShown(const QString& id);

private:
    void workspaceSelected();
    void sessionSelected();
    void jobStarted(const QString& what);
    void jobFinished();
    QString emptyStateText() const;

    // Shared with the worker jobs, so a job that outlives the window still has its catalog.
    std::shared_ptr<const SessionCatalog> m_catalog;
    QList<Workspace> m_workspaces;
    QList<SessionRef> m_sessions;
    WorkspaceTreeModel* m_workspaceModel;
    SessionListModel* m_sessionModel;
    QSortFilterProxyModel* m_sessionProxy;
    QTreeView* m_workspaceView;
    QTableView* m_sessionView;
    ConversationView* m_conversationView;
    QProgressBar* m_busy;
    QLabel* m_status;
    int m_pendingJobs = 0;
    quint64 m_sessionRequest = 0;
    quint64 m_reloadRequest = 0;
};

} // namespace chasm
