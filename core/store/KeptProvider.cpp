// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#include "KeptProvider.h"

#include "store/Database.h"
#include "store/HarvestStore.h"

#include <QFileInfo>

#include <limits>

using namespace Qt::StringLiterals;

namespace chasm {

namespace {

// What changes when the database is written: its file and its write-ahead log.
QString stampOf(const QString& database)
{
    QString stamp;
    for (const QString& file : {database, QString(database + u"-wal"_s)}) {
        const QFileInfo info(file);
        stamp += u"%1:%2;"_s.arg(info.size()).arg(info.exists() ? info.lastModified().toMSecsSinceEpoch() : 0);
    }
    return stamp;
}

} // namespace

KeptSessions::KeptSessions(QString databasePath, QStringList providers)
    : m_database(std::move(databasePath))
    , m_providers(std::move(providers))
{}

QString KeptSessions::databasePath() const
{
    QMutexLocker lock(&m_mutex);
    return m_database;
}

void KeptSessions::setDatabasePath(const QString& path) const
{
    QMutexLocker lock(&m_mutex);
    if (path != m_database) {
        m_database = path;
        m_stamp.clear();
        m_sessions.clear();
    }
}

QList<SessionRef> KeptSessions::of(const QString& provider) const
{
    QMutexLocker lock(&m_mutex);
    if (const QString stamp = stampOf(m_database); stamp != m_stamp) {
        m_sessions.clear();
        for (const QString& kept : std::as_const(m_providers)) {
            QList<SessionRef> sessions = read(m_database, kept);
            for (SessionRef& ref : sessions) {
                ref.workspaceId = kept + u":harvest-database"_s;
            }
            m_sessions.insert(kept, std::move(sessions));
        }
        // Opening may have made the WAL: what is read now is what this stamp stands for.
        m_stamp = stampOf(m_database);
    }
    return m_sessions.value(provider);
}

QList<SessionRef> KeptSessions::ofToolsBut(const QSet<QString>& listed) const
{
    return read(databasePath(), {}, [this, &listed](const SessionRef& ref) {
        return !listed.contains(ref.id) && !m_providers.contains(ref.provider);
    });
}

QList<SessionRef> KeptSessions::read(const QString& path, const QString& provider,
                                     const std::function<bool(const SessionRef&)>& keep) const
{
    if (!QFileInfo(path).isFile()) {
        return {};
    }
    auto database = Database::open(path);
    if (!database) {
        qWarning("%s", qPrintable(database.error().message));
        return {};
    }
    auto sessions = HarvestStore(*database.value()).list(provider, {}, std::numeric_limits<int>::max());
    if (!sessions) {
        qWarning("%s", qPrintable(sessions.error().message));
        return {};
    }
    if (keep) {
        sessions->removeIf([&keep](const SessionRef& ref) { return !keep(ref); });
    }
    for (SessionRef& ref : *sessions) {
        ref.path.clear(); // no file of a tool's: the database keeps it
    }
    return std::move(sessions).value();
}

KeptProvider::KeptProvider(Identity identity, std::shared_ptr<const KeptSessions> sessions)
    : Provider(std::move(identity))
    , m_sessions(std::move(sessions))
{}

QStringList KeptProvider::storageLocations(const Environment&) const
{
    // Nothing for a harvest or a watch to read: the database is where these sessions are.
    return {};
}

QList<Workspace> KeptProvider::workspaces(const Environment&) const
{
    const QFileInfo database(m_sessions->databasePath());
    if (!database.isFile()) {
        return {};
    }
    Workspace workspace;
    workspace.id = id() + u":harvest-database"_s;
    workspace.provider = id();
    workspace.application = displayName();
    workspace.hash = u"harvest-database"_s;
    workspace.kind = Workspace::Kind::Store;
    workspace.storagePath = m_sessions->databasePath();
    workspace.lastModified = database.lastModified();
    return {workspace};
}

QList<SessionRef> KeptProvider::sessions(const QList<Workspace>& workspaces, SessionCache&, Listing) const
{
    const bool listed = std::any_of(workspaces.cbegin(), workspaces.cend(),
                                    [this](const Workspace& workspace) { return workspace.provider == id(); });
    if (!listed || !QFileInfo(m_sessions->databasePath()).isFile()) {
        return {};
    }
    return m_sessions->of(id());
}

Result<Session> KeptProvider::load(const SessionRef& session, const SessionPreview&) const
{
    if (!QFileInfo(m_sessions->databasePath()).isFile()) {
        return Error{u"%1 is kept in the harvest database, and there is none at %2"_s.arg(session.id,
                                                                                          m_sessions->databasePath()),
                     ErrorKind::NotFound};
    }
    auto database = Database::open(m_sessions->databasePath());
    if (!database) {
        return database.error();
    }
    return HarvestStore(*database.value()).session(session.id);
}

} // namespace chasm
