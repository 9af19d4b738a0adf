// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#pragma once

#include "mcp/McpClientSetup.h"
#include "services/HarvestService.h"
#include "providers/SessionCatalog.h"
#include "services/TimelineService.h"
#include "views/Background.h"

#include <QMainWindow>
#include <QModelIndex>

#include <memory>

class QAction;
class QLineEdit;
class QPlainTextEdit;
class QSplitter;
class QStackedWidget;
class QTabWidget;
class QTableView;
class QTreeView;

namespace chasm {

class ConversationView;
class EmbeddedServer;
class ExportDialog;
class GuideDialog;
class HarvestStatusBar;
class HistoryWindow;
class McpSetupDialog;
class IndexInspector;
class MergeWizard;
class ProjectTreeModel;
class RawRecordView;
class RecoveryWizard;
class ResumeDialog;
class SearchPane;
class SessionFilterProxy;
class SessionListModel;
class Settings;
class SettingsDialog;
class TimelinePane;
class TrayIcon;
class WelcomePane;
class WorkspaceTreeModel;

// Chasm's main window: the sources tree, the session table and the conversation of the selected
// session, with search, the timeline and harvesting around them. Every read runs on a worker thread;
// harvests run on the harvest service's thread. With the tray enabled in the settings the window
// closes to the tray, which keeps harvesting what changes.
class MainWindow final : public QMainWindow
{
    Q_OBJECT

public:
    MainWindow(Environment environment, Settings* settings, QWidget* parent = nullptr);
    ~MainWindow() override;

    // Scans every provider again (also run once at start). The project and the sessions selected stay
    // selected when they are still there.
    void reload();
    // File → Quit: saves the layout and ends the app, also when the tray would keep it running.
    void quit();
    // What a merge, an import, a recovery or its undo calls when it changed the sessions on disk: the
    // sources and sessions panes are read again at once (not only on Reload), keeping the selection.
    void sessionsChanged();
    bool isBusy() const;
    // Opens a session from the harvest database at a message, with the words of a search highlighted.
    void openHarvested(const QString& sessionId, int messageIndex, const QStringList& words);
    // Keeps the search shown in the search pane under a name, in the settings and the sources pane
    // (replacing a saved search of that name); removes the saved search at a position.
    void saveSearch(const QString& name);
    void removeSavedSearch(int index);
    // Opens the merge wizard (not modal) on the sessions selected in the sessions pane. When it has
    // merged, the sources are read again; "Open the merged session" then selects it.
    MergeWizard* startMerge();
    // Opens the recovery assistant (not modal); what it brings back, or undoes, shows in the panes at once.
    RecoveryWizard* startRecovery();
    // Opens the export dialog (not modal) on the sessions selected in the sessions pane.
    ExportDialog* startExport();
    // Opens the History window (Edit → History): every change Chasm made to the user's files, each undoable.
    // An undo there reads the sources again.
    HistoryWindow* showHistory();
    // "Open in <tool>" for the session selected: the command that resumes it, to copy or run (nullptr when
    // its tool cannot resume it).
    ResumeDialog* startResume();
    // "Restore to <tool>": the selected sessions only the database keeps (SessionCatalog::keptOnly) put back into
    // their tools' stores by a sync push, off the GUI thread; `restored` tells how it went, then the lists reload.
    void startRestore();
    // "Continue with…" for the session selected: its messages are read on a worker thread, then a chat window
    // (ChatWindow, objectName "chatWindow") carries it on with a model the person chooses.
    void startContinue();
    // File → Settings (not modal); OK applies what changed (the embedded server starts or stops at once).
    SettingsDialog* showSettings();
    // Help → Getting started: the short guide and every keyboard shortcut.
    GuideDialog* showGuide();
    // Help → Connect AI agents (MCP): each client's configuration for this install, to copy.
    McpSetupDialog* showMcpSetup();
    // Those configurations: this install's chasm, for the database the app harvests into.
    QList<mcp::McpClientSetup> mcpClientSetups() const;

    WorkspaceTreeModel* workspaceModel() const { return m_workspaceModel; }
    SessionListModel* sessionModel() const { return m_sessionModel; }
    QTreeView* workspaceView() const { return m_workspaceView; }
    // The sources pane's "Projects" view beside "Tools" (the workspace tree), and its tabs.
    ProjectTreeModel* projectModel() const { return m_projectModel; }
    QTreeView* projectView() const { return m_projectView; }
    QTabWidget* sourceTabs() const { return m_sourceTabs; }
    QLineEdit* sessionFilter() const { return m_sessionFilter; }
    QTableView* sessionView() const { return m_sessionView; }
    ConversationView* conversationView() const { return m_conversationView; }
    // The conversation and the "Raw" tab with the selected message's native record.
    QTabWidget* viewTabs() const { return m_viewTabs; }
    QPlainTextEdit* rawView() const;
    RawRecordView* rawRecordView() const { return m_raw; }
    SearchPane* searchPane() const { return m_searchPane; }
    TimelinePane* timelinePane() const { return m_timeline; }
    IndexInspector* indexInspector() const { return m_inspector; }
    HarvestService* harvestService() const { return m_harvest; }
    HarvestStatusBar* harvestStatusBar() const { return m_statusBar; }
    // The HTTP API served from the app (Settings → Server), off unless the settings turn it on.
    EmbeddedServer* embeddedServer() const { return m_server; }
    TrayIcon* trayIcon() const { return m_tray; }
    // What a first run shows in place of the conversation (visible until a session is read).
    WelcomePane* welcomePane() const { return m_welcome; }
    QString currentSessionId() const { return m_currentSession; }

Q_SIGNALS:
    void catalogLoaded();
    void sessionShown(const QString& id);
    // A message for the user about work done in the background ("3 new Claude Code sessions
    // harvested"): shown by the tray icon when there is one.
    void notified(const QString& title, const QString& message);
    // The end of startRestore: whether every session was put back, and what the status bar says of it.
    void restored(bool ok, const QString& message);

protected:
    void closeEvent(QCloseEvent* event) override;

private:
    void createActions();
    void createDocks();
    void applySettings();
    // Starts, restarts or stops the embedded server as the settings say; the status bar and tray tell where it runs.
    void applyServerSettings();
    void showServerStatus();
    void workspaceSelected();
    void projectSelected();
    void workspaceMenu(const QPoint& position);
    void projectMenu(const QPoint& position);
    void showSavedSearches();
    void showSearchPane();
    void sessionSelected();
    void selectSession(const QString& id);
    void showLoaded(const Result<std::shared_ptr<const SessionMessages>>& session, int messageIndex,
                    const QStringList& words);
    void sessionMenu(const QPoint& position);
    QList<SessionRef> selectedSessions() const;
    // Fills the Raw tab, when it is the one shown, with the current message's record.
    void showRaw();
    // Notifies of the new sessions and reads the sources again when the harvest changed what they hold.
    void harvestFinished(const Harvester::Summary& summary);
    // Tells (through the tray) of sessions their tool is about to delete that Chasm could not keep.
    void warnAtRisk(const QList<RetentionService::AtRisk>& unkept);
    QString emptyStateText() const;
    // The status bar's count of the sessions shown, of all known.
    void showSessionCount();
    // The sources pane's row with a group and workspace (invalid when gone).
    QModelIndex sourceRow(const QString& group, const QString& workspaceId, const QModelIndex& parent = {}) const;
    void saveLayout();
    // False when no layout was saved (the first launch).
    bool restoreLayout();
    // The first launch: the window fits the screen, the panes share it, the search dock waits to be used.
    void firstLaunchLayout();
    // The welcome in place of the conversation while none is read on a first run (the database not made
    // yet) or with no sessions at all.
    void showWelcome();

    // Shared with the worker jobs, so a job that outlives the window still has its catalog.
    std::shared_ptr<const SessionCatalog> m_catalog;
    Settings* m_settings;
    QList<Workspace> m_workspaces;
    QList<SessionRef> m_sessions;
    WorkspaceTreeModel* m_workspaceModel;
    ProjectTreeModel* m_projectModel;
    SessionListModel* m_sessionModel;
    SessionFilterProxy* m_sessionProxy;
    QTreeView* m_workspaceView;
    QTreeView* m_projectView;
    QTabWidget* m_sourceTabs;
    QLineEdit* m_sessionFilter;
    QTableView* m_sessionView;
    ConversationView* m_conversationView;
    QTabWidget* m_viewTabs;
    WelcomePane* m_welcome;
    QStackedWidget* m_reading;
    RawRecordView* m_raw;
    QSplitter* m_mainSplitter;
    QSplitter* m_rightSplitter;
    SearchPane* m_searchPane;
    TimelinePane* m_timeline;
    IndexInspector* m_inspector;
    HarvestService* m_harvest;
    HarvestStatusBar* m_statusBar;
    TrayIcon* m_tray = nullptr;
    EmbeddedServer* m_server;
    QString m_serverServes; // where the server was told to serve (host, port, database), to restart when it changes
    QAction* m_harvestAction = nullptr;
    QString m_currentSession;
    // A session shown replaces one still being read (from its file or the harvest database), which stops; a
    // reload and going back to the session shown stop it too.
    Latest m_sessionReads;
    Latest m_reloads;
    bool m_quitting = false;
};

} // namespace chasm
