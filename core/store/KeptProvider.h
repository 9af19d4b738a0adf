// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#pragma once

#include "providers/Provider.h"

#include <QHash>
#include <QSet>
#include <QMutex>

#include <functional>
#include <memory>

namespace chasm {

// The sessions of the kept providers, read from the database once for all of them and kept while its files stay
// as they were: a listing asks each kept provider in turn, and opening the database is most of what that costs.
// Safe to ask from several threads.
class KeptSessions final
{
public:
    KeptSessions(QString databasePath, QStringList providers);

    QString databasePath() const;
    // Reads another database from now on (the app's, chosen in its settings).
    void setDatabasePath(const QString& path) const;
    QList<SessionRef> of(const QString& provider) const;
    // The database's sessions of the tools (of no kept provider) that `listed` does not hold, newest first: read at
    // each call and not kept, as only the app's lists ask for them, once a reload.
    QList<SessionRef> ofToolsBut(const QSet<QString>& listed) const;

private:
    // The database's sessions, `provider`'s (every one when empty) that `keep` keeps, or nothing when it cannot be
    // read (a warning).
    QList<SessionRef> read(const QString& database, const QString& provider,
                           const std::function<bool(const SessionRef&)>& keep = nullptr) const;

    mutable QString m_database;
    QStringList m_providers;
    mutable QMutex m_mutex;
    mutable QString m_stamp; // the sizes and times of the database and its WAL when the sessions were read
    mutable QHash<QString, QList<SessionRef>> m_sessions;
};

// The sessions no tool's store holds, which only the harvest database keeps: the chats of `chasm run` and the
// sessions recorded over the API. A provider like the tools', read from the database ($CHASM_DB, else the default,
// or the app's: see SessionCatalog::setKeptDatabase), so that listing, showing, exporting, merging and the app's panes
// have them as they have the tools' sessions. Its one workspace is the database; harvests leave it out (they are
// what fills the database).
class KeptProvider final : public Provider
{
public:
    KeptProvider(Identity identity, std::shared_ptr<const KeptSessions> sessions);

    QStringList storageLocations(const Environment& environment) const override;
    QList<Workspace> workspaces(const Environment& environment) const override;
    QList<SessionRef> sessions(const QList<Workspace>& workspaces, SessionCache& cache, Listing listing) const override;
    Result<Session> load(const SessionRef& session, const SessionPreview& preview = {}) const override;

private:
    std::shared_ptr<const KeptSessions> m_sessions;
};

} // namespace chasm
