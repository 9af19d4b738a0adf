// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#pragma once

#include "ops/Harvester.h"
#include "services/RetentionService.h"
#include "services/WatchService.h"

#include <QElapsedTimer>
#include <QObject>
#include <QSet>
#include <QThread>
#include <QTimer>

#include <atomic>
#include <chrono>
#include <memory>

namespace chasm {

class HarvestWorker;

// Keeps the harvest database up to date in the background: it harvests when asked and, while watching,
// the providers whose stores changed (WatchService, debounced) and every few minutes for what a watcher may not
// see (folders beyond its limit). Harvests run one at a time on the service's own thread, the database's one
// writer, never on the watching one; asking during a harvest runs one more after it. Unchanged files are never read
// again (see Harvester). A harvest the service starts by itself (a change, a rescan) waits after the last one ended
// for three times as long as that one took, ten minutes at most (paced()): watching keeps the harvest to a quarter of
// the time, however much a change costs to read (a gigabyte log that its tool appends to every few seconds takes a
// harvest of seconds each time). A harvest asked for starts at once, with what waited. The sessions a tool deletes
// within a week (RetentionService) are read first, and those it could not keep are told once. With a team database to
// publish to (setPublishTo), the database is pushed into it after each harvest (TeamService::push).
class HarvestService final : public QObject
{
    Q_OBJECT

public:
    HarvestService(std::shared_ptr<const SessionCatalog> catalog, QString databasePath, QObject* parent = nullptr);
    // Cancels a harvest under way and waits for it to store what it read.
    ~HarvestService() override;

    QString databasePath() const { return m_databasePath; }
    void setDatabasePath(const QString& path);
    // Provider ids to harvest; empty: every provider.
    void setProviders(const QStringList& ids);
    // Folders or files to watch instead of the providers' stores; a change there harvests every chosen provider.
    void setWatchedPaths(const QStringList& paths);
    void setWatching(bool watching);
    bool isWatching() const { return m_watching; }
    // 0: no periodic harvest.
    void setRescanInterval(std::chrono::milliseconds interval);
    // The team database (a postgresql:// URL) each harvest is then pushed into; empty: none.
    void setPublishTo(const QString& team) { m_publishTo = team; }
    // How long the stores must be quiet after a change before a harvest starts.
    void setDebounce(std::chrono::milliseconds delay);
    bool isRunning() const { return m_running; }
    // Whether a harvest asked for during the one under way waits to run after it.
    bool hasNext() const { return m_again; }
    // The folders watched now.
    QStringList watchedPaths() const;
    // What watches the stores: its limits, and its signals for a log (noticed, limitReached).
    WatchService& watcher() { return m_watch; }

    void harvestNow();
    // A harvest of these providers only (empty: every one), now or, while one runs, right after it (asked again
    // meanwhile, the next run reads what each asker named). started() tells when it begins.
    void harvest(const QStringList& providerIds);
    // Stops starting new reads; what was read is stored, and finished() reports `cancelled`. A harvest asked for
    // meanwhile, or waiting for its pace, does not run either: dropped() tells.
    void cancel();

Q_SIGNALS:
    void started();
    void progressed(const chasm::Harvester::Progress& progress);
    // Another harvest (another process's) is running on the database: this one waits for it to finish.
    void waiting(const QString& message);
    void finished(const chasm::Harvester::Summary& summary);
    void failed(const QString& error);
    // The harvest asked for during the one under way will not run: that one was cancelled.
    void dropped();
    // The harvests asked for are over: none runs, none waits.
    void settled();
    // A harvest the service starts by itself waits `waitMs` before it starts: the last one took `lastRunMs`.
    void paced(qint64 waitMs, qint64 lastRunMs);
    // After a harvest asked for (harvest(), harvestNow(), the start of watching and the rescans; not one of a store
    // that just changed): sessions their tool deletes within a week that the database does not keep, each told once.
    void sessionsAtRisk(const QList<chasm::RetentionService::AtRisk>& unkept);
    // After a harvest, the push into the team database (`team`: its URL, password masked): what it sent, or why it
    // could not (the harvest itself stands).
    void published(const QString& team, int created, int updated);
    void publishFailed(const QString& team, const QString& error);
    // Internal: asks the worker for a run.
    void runRequested(const QString& databasePath, const QStringList& providers, bool checkRetention,
                      const QStringList& changedPaths, const QString& publishTo);

private:
    // Whether a run is asked for (it starts at once) or one the service starts by itself (it keeps the pace).
    enum class Start
    {
        Asked,
        Paced
    };
    // A run, or one more after the one under way or the pace; `checkRetention`: the sessions at risk are read first and
    // told after (not for the harvest of a store that just changed); `changedPaths`: only the workspaces holding them
    // are read (empty: every one).
    void request(const QStringList& providerIds, bool checkRetention, const QStringList& changedPaths, Start start);
    void run(const QStringList& providerIds, bool checkRetention, const QStringList& changedPaths);
    // Starts the run that waited, now.
    void runNext();
    void runFinished();
    // How long a paced run still has to wait.
    qint64 paceLeftMs() const;
    void watchStores();

    std::shared_ptr<const SessionCatalog> m_catalog;
    QString m_databasePath;
    QString m_publishTo;
    QStringList m_providers;
    QStringList m_watchedPaths;
    QThread m_thread;
    HarvestWorker* m_worker;
    std::shared_ptr<std::atomic_bool> m_cancel;
    WatchService m_watch;
    QTimer m_rescan;
    QTimer m_pace;            // until a paced run that waits starts
    QElapsedTimer m_runClock; // since the last run started, or ended once it did
    qint64 m_lastRunMs = -1;  // how long the last run took (-1: none ran)
    bool m_watching = false;
    bool m_running = false;
    bool m_again = false;
    bool m_nextAsked = false; // the run that waits was asked for
    QStringList m_next;       // the providers of that next run
    bool m_nextChecksRetention = false;
    QStringList m_nextPaths;
    QSet<QString> m_told; // the sessions sessionsAtRisk() named
};

// The service's thread: one harvest per request.
class HarvestWorker final : public QObject
{
    Q_OBJECT

public:
    HarvestWorker(std::shared_ptr<const SessionCatalog> catalog, std::shared_ptr<std::atomic_bool> cancel);

    // `changedPaths`: only the workspaces that hold one of them, or are in one (a provider none of whose workspaces
    // does is read whole); empty: every workspace. `publishTo`: the team database pushed into after (empty: none).
    void run(const QString& databasePath, const QStringList& providers, bool checkRetention,
             const QStringList& changedPaths, const QString& publishTo);

Q_SIGNALS:
    void progressed(const chasm::Harvester::Progress& progress);
    void waiting(const QString& message);
    void finished(const chasm::Harvester::Summary& summary);
    void failed(const QString& error);
    // After a run that did not fail: the sessions at risk, as the database has them now.
    void retentionChecked(const chasm::RetentionService::Report& report);
    void published(const QString& team, int created, int updated);
    void publishFailed(const QString& team, const QString& error);
    // After every run, failed or not.
    void done();

private:
    void publish(const QString& databasePath, const QString& team);

    std::shared_ptr<const SessionCatalog> m_catalog;
    std::shared_ptr<std::atomic_bool> m_cancel;
};

} // namespace chasm
