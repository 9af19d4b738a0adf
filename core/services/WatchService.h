// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#pragma once

#include "providers/Provider.h"

#include <QHash>
#include <QObject>
#include <QSet>
#include <QStringList>
#include <QTimer>

#include <chrono>
#include <memory>

namespace chasm {

// Watches the tools' stores with the platform's file notifications and tells, once they have been quiet for the
// debounce delay, which providers' stores changed. Folders are watched, never files (a folder's watch hears of
// writes to the files in it on Linux, where inotify is used directly): every folder of a store, breadth first up to
// a number of watches, and, for a store that does not exist yet, the nearest folder above it that does, so that a
// store created later, or deleted and created again, is watched as soon as it appears. Nothing is read or polled
// while nothing happens. Shared by `chasm watch`, `chasm run` and the app's tray harvest (HarvestService).
class WatchService final : public QObject
{
    Q_OBJECT

public:
    // A folder or a file (a tool's database) whose changes mean a provider's sessions changed.
    struct Store
    {
        QString providerId; // empty: any provider may keep sessions there (a path the user named)
        QString path;
        int depth = -1; // the levels of folders below `path` to watch; -1: every one
    };
    // The folders inotify watches for one user on most systems (fs.inotify.max_user_watches is often 8192), shared
    // with every other program: stay well below.
    static constexpr int defaultMaxWatches = 4096;

    explicit WatchService(QObject* parent = nullptr);
    ~WatchService() override;

    // The stores of these providers in an environment (their storageLocations).
    static QList<Store> storesOf(const QList<const Provider*>& providers, const Environment& environment);

    // The platform's notifications (WatchService.cpp).
    class Backend;

    // Replaces what is watched (while watching, at once).
    void setStores(const QList<Store>& stores);
    QList<Store> stores() const { return m_stores; }
    // How long the stores must be quiet after a change before changed() tells.
    void setDebounce(std::chrono::milliseconds delay);
    // At most this many folders are watched; the others are left out (limitReached() tells).
    void setMaxWatches(int count);

    void start();
    void stop();
    bool isWatching() const { return m_watching; }
    // The folders watched now, sorted.
    QStringList watchedFolders() const;
    // How many folders watching these stores takes now (each one watch, as inotify counts them).
    static qsizetype foldersNeeded(const QList<Store>& stores);

Q_SIGNALS:
    // The providers whose stores changed since the last time (an empty id: a store of any provider), after the quiet
    // delay, and the files and folders the system told of; no paths when it lost some (anything may have changed).
    void changed(const QStringList& providerIds, const QStringList& paths);
    // A change as the system told it (a file written, a folder created), before the delay: for a verbose log.
    void noticed(const QString& path);
    // Not every folder could be watched: the message says how many were left out, why, and what to do. Told once
    // each time the shortfall changes.
    void limitReached(const QString& message);

private:
    // Watches what the stores need now: adds and removes watches as folders appeared and went.
    void plan();
    void heard(const QString& path, bool structural);
    // The providers a change at `path` concerns; whether it concerns any.
    bool touch(const QString& path);

    std::unique_ptr<Backend> m_backend;
    QList<Store> m_stores;
    QTimer m_debounce;
    QTimer m_replan;
    QSet<QString> m_changed;
    QSet<QString> m_changedPaths;
    bool m_lost = false; // events were lost since changed() last told
    QString m_shortfall; // the last message limitReached() told
    int m_maxWatches = defaultMaxWatches;
    bool m_watching = false;
    bool m_planned = false; // since start(): folders that appear later count as changes
};

} // namespace chasm
