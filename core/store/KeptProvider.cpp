// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#include "KeptProvider.h"

#include "store/Database.h"
#include "store/HarvestStore.h"

#include <QFileInfo>

#include <limits>

using namespace Qt::StringLiterals;

namespace chasm {

KeptProvider::KeptProvider(Identity identity, QString databasePath)
    : Provider(std::move(identity))
    , m_database(std::move(databasePath))
{}

QStringList KeptProvider::storageLocations(const Environment&) const
{
    // Nothing for a harvest or a watch to read: the database is where these sessions are.
    return {};
}

QList<Workspace> KeptProvider::workspaces(const Environment&) const
{
    const QFileInfo database(m_database);
    if (!database.isFile()) {
        return {};
    }
    Workspace workspace;
    workspace.id = id() + u":harvest-database"_s;
    workspace.provider = id();
    workspace.application = displayName();
    workspace.hash = u"harvest-database"_s;
    workspace.kind = Workspace::Kind::Store;
    workspace.storagePath = m_database;
    workspace.lastModified = database.lastModified();
    return {workspace};
}

QList<SessionRef> KeptProvider::sessions(const QList<Workspace>& workspaces, SessionCache&, Listing) const
{
    const bool listed = std::any_of(workspaces.cbegin(), workspaces.cend(),
                                    [this](const Workspace& workspace) { return workspace.provider == id(); });
    if (!listed || !QFileInfo(m_database).isFile()) {
        return {};
    }
    auto database = Database::open(m_database);
    if (!database) {
        qWarning("%s", qPrintable(database.error().message));
        return {};
    }
    auto sessions = HarvestStore(*database.value()).list(id(), {}, std::numeric_limits<int>::max());
    if (!sessions) {
        qWarning("%s", qPrintable(sessions.error().message));
        return {};
    }
    for (SessionRef& ref : *sessions) {
        ref.workspaceId = id() + u":harvest-database"_s;
        ref.path.clear(); // no file of a tool's: the database keeps it
    }
    return std::move(sessions).value();
}

Result<Session> KeptProvider::load(const SessionRef& session, const SessionPreview&) const
{
    if (!QFileInfo(m_database).isFile()) {
        return Error{u"%1 is kept in the harvest database, and there is none at %2"_s.arg(session.id, m_database),
                     ErrorKind::NotFound};
    }
    auto database = Database::open(m_database);
    if (!database) {
        return database.error();
    }
    return HarvestStore(*database.value()).session(session.id);
}

} // namespace chasm
