// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#pragma once

#include "services/HarvestService.h"

#include <QStatusBar>

class QAction;
class QLabel;
class QProgressBar;
class QToolButton;

namespace chasm {

class HarvestService;

// The main window's status bar: one line saying what the window is doing or found, a busy bar while the
// window reads in the background or a harvest runs, and the harvest's progress, a button that cancels it
// and the outcome of the run. It keeps the run's failures for failuresAction (Harvest → Show failures).
class HarvestStatusBar final : public QStatusBar
{
    Q_OBJECT

public:
    explicit HarvestStatusBar(HarvestService* harvest, QWidget* parent = nullptr);

    void setStatus(const QString& text);
    QString status() const;
    // The sessions the sessions pane shows, of all those known: "12 of 40 sessions" under a filter or a
    // scope, "40 sessions" otherwise. It stays beside the status line, which says other things meanwhile.
    void setSessionCount(int shown, int total);
    QString sessionCount() const;
    // Where the app's embedded API server runs ("API on 127.0.0.1:8787"), beside the count; empty hides it.
    void setServerStatus(const QString& text);
    QString serverStatus() const;
    // A read in the background, shown as `what` and by the busy bar until every read started has finished.
    void jobStarted(const QString& what);
    void jobFinished();
    bool isBusy() const { return m_pendingJobs > 0; }

    // The files the last harvest could not read, and the sessions it kept as stored because their sources
    // shrank (with why).
    const QList<Harvester::Failure>& failures() const { return m_failures; }
    // "Show failures…", enabled when the last harvest has some; the main window puts it in its Harvest menu.
    QAction* failuresAction() const { return m_failuresAction; }
    void showFailures();

private:
    void harvestStarted();
    void harvestProgressed(const Harvester::Progress& progress);
    void harvestFinished(const Harvester::Summary& summary);
    void harvestFailed(const QString& error);

    HarvestService* m_harvest;
    QLabel* m_status;
    QLabel* m_count;
    QLabel* m_server;
    QProgressBar* m_busy;
    QToolButton* m_cancel;
    QAction* m_failuresAction;
    QList<Harvester::Failure> m_failures;
    int m_pendingJobs = 0;
};

} // namespace chasm
