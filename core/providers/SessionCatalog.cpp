// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#include "SessionCatalog.h"

#include "store/Database.h"
#include "store/KeptProvider.h"
#include "util/PoolMap.h"

#include <QDir>
#include <QFileInfo>
#include <QStandardPaths>

using namespace Qt::StringLiterals;

namespace chasm {

namespace {

template<typename T, typename Describe>
Error ambiguity(const QString& what, const QString& query, const QList<const T*>& matches, Describe describe)
{
    QStringList lines;
    for (const T* match : matches) {
        lines << u"  "_s + describe(*match);
    }
    return Error{u"%1 '%2' is ambiguous; it matches:\n%3"_s.arg(what, query, lines.join(u'\n')), ErrorKind::Invalid};
}

} // namespace

SessionCatalog::SessionCatalog(Environment environment, const ProviderRegistry& registry)
    : m_environment(std::move(environment))
    , m_registry(registry)
    , m_cache(m_environment.cacheHome() + u"/chasm/sessions.cache"_s)
{
    const QString database = Database::resolvePath(m_environment, {});
    // One reading of the database for all of them (KeptSessions).
    const auto sessions = std::make_shared<const KeptSessions>(
        database, QStringList{chatProvider.toString(), recordedProvider.toString(), sharedProvider.toString()});
    m_keptSessions = sessions;
    m_keptOnly = std::make_shared<const KeptProvider>(
        Provider::Identity{keptOnlyProvider.toString(), u"Kept only by Chasm"_s, {}, {}}, sessions);
    m_kept << std::make_shared<KeptProvider>(
                  Provider::Identity{chatProvider.toString(), u"Chasm chats"_s, {}, {u"chasm"_s}}, sessions)
           << std::make_shared<KeptProvider>(
                  Provider::Identity{recordedProvider.toString(), u"Recorded over the API"_s, {}, {}}, sessions)
           << std::make_shared<KeptProvider>(Provider::Identity{sharedProvider.toString(), u"Shared by link"_s, {}, {}},
                                             sessions);
}

Result<QList<const Provider*>> SessionCatalog::listedProviders(const QString& name) const
{
    QList<const Provider*> kept;
    for (const auto& provider : m_kept) {
        if (name.isEmpty() || name.compare(provider->id(), Qt::CaseInsensitive) == 0) {
            kept << provider.get();
        }
    }
    if (!name.isEmpty() && !kept.isEmpty()) {
        return kept;
    }
    if (!name.isEmpty()) {
        // An unknown name is an error that names the kept providers too.
        const auto known = harvestedProviderId(name);
        if (!known) {
            return known.error();
        }
        return providers(*known);
    }
    return m_registry.all() + kept;
}

Result<QList<const Provider*>> SessionCatalog::providers(const QString& name) const
{
    if (name.isEmpty()) {
        return m_registry.all();
    }
    if (const Provider* found = m_registry.find(name)) {
        return QList<const Provider*>{found};
    }
    return Error{u"unknown provider '%1'; valid providers: %2"_s.arg(name, m_registry.describeNames()),
                 ErrorKind::Invalid};
}

Result<QString> SessionCatalog::harvestedProviderId(const QString& name) const
{
    if (name.isEmpty()) {
        return QString();
    }
    for (const QStringView kept : {recordedProvider, chatProvider, sharedProvider}) {
        if (name.compare(kept, Qt::CaseInsensitive) == 0) {
            return kept.toString();
        }
    }
    if (const Provider* found = m_registry.find(name)) {
        return found->id();
    }
    return Error{u"unknown provider '%1'; valid providers: %2, %3 (sessions recorded over the API), %4 (chats of "
                 u"chasm run), %5 (conversations imported from share links)"_s.arg(
                     name, m_registry.describeNames(), recordedProvider, chatProvider, sharedProvider),
                 ErrorKind::Invalid};
}

const Provider* SessionCatalog::provider(const QString& id) const
{
    return m_registry.find(id);
}

QList<Workspace> SessionCatalog::workspaces(const QList<const Provider*>& providers,
                                            const QStringList& extraFolders) const
{
    // Each provider's stores are read on a thread of the pool, side by side: most of it is waiting on readdir() and
    // stat() (a third of listing 20 000 unchanged sessions, read one provider after another).
    const auto workspacesOf = [this](const QList<const Provider*>& some) {
        QList<Workspace> all;
        for (QList<Workspace>& one : mappedOnPool<QList<QList<Workspace>>>(
                 some, [this](const Provider* provider) { return provider->workspaces(m_environment); })) {
            all.append(std::move(one));
        }
        return all;
    };
    QList<Workspace> result = workspacesOf(providers);
    // Project folders every provider knows of (even ones not asked for), for the tools that keep
    // their history inside the projects themselves.
    QStringList folders = extraFolders;
    const auto addFolders = [&folders](const QList<Workspace>& workspaces) {
        for (const Workspace& w : workspaces) {
            for (const QString& folder : w.folders) {
                if (!folders.contains(folder)) {
                    folders << folder;
                }
            }
        }
    };
    addFolders(result);
    QList<const Provider*> others = m_registry.all();
    others.removeIf([&providers](const Provider* other) { return providers.contains(other); });
    addFolders(workspacesOf(others));
    for (const Provider* provider : providers) {
        for (Workspace& w : provider->workspacesIn(m_environment, folders)) {
            if (std::none_of(result.cbegin(), result.cend(), [&w](const Workspace& r) { return r.id == w.id; })) {
                result.append(std::move(w));
            }
        }
    }
    for (Workspace& w : result) {
        w.folderMissing = (w.kind == Workspace::Kind::Folder || w.kind == Workspace::Kind::MultiRoot) &&
                          !w.projectPath.isEmpty() && !QFileInfo::exists(w.projectPath);
    }
    return result;
}

void SessionCatalog::prepareSessions() const
{
    m_cache.preload();
}

QList<SessionRef> SessionCatalog::sessions(const QList<const Provider*>& providers,
                                           const QList<Workspace>& workspaces) const
{
    QList<SessionRef> result = sessions(providers, workspaces, m_cache, Listing::Described);
    m_cache.save();
    return result;
}

QList<SessionRef> SessionCatalog::sessions(const QList<const Provider*>& providers, const QList<Workspace>& workspaces,
                                           SessionCache& cache, Listing listing) const
{
    // Side by side on the pool, as workspaces() reads them: listing one provider's folders does not wait for another's
    // files to be looked up.
    QList<SessionRef> result;
    for (QList<SessionRef>& some : mappedOnPool<QList<QList<SessionRef>>>(
             providers, [&](const Provider* provider) { return provider->sessions(workspaces, cache, listing); })) {
        result.append(std::move(some));
    }
    return result;
}

void SessionCatalog::setKeptDatabase(const QString& path) const
{
    m_keptSessions->setDatabasePath(path);
}

QString SessionCatalog::keptDatabase() const
{
    return m_keptSessions->databasePath();
}

bool SessionCatalog::isKeptOnly(const SessionRef& session)
{
    return session.workspaceId == keptOnlyProvider + u":harvest-database"_s;
}

SessionCatalog::KeptOnly SessionCatalog::keptOnly(const QList<SessionRef>& listed) const
{
    QSet<QString> ids;
    ids.reserve(listed.size());
    for (const SessionRef& ref : listed) {
        ids.insert(ref.id);
    }
    KeptOnly kept;
    kept.sessions = m_keptSessions->ofToolsBut(ids);
    for (SessionRef& ref : kept.sessions) {
        ref.workspaceId = keptOnlyProvider + u":harvest-database"_s;
    }
    if (!kept.sessions.isEmpty()) {
        kept.workspaces = m_keptOnly->workspaces(m_environment);
        for (Workspace& workspace : kept.workspaces) {
            workspace.sessionCount = int(kept.sessions.size());
        }
    }
    return kept;
}

Result<const Provider*> SessionCatalog::ownerOf(const SessionRef& session) const
{
    if (isKeptOnly(session)) {
        return m_keptOnly.get();
    }
    if (const Provider* owner = m_registry.find(session.provider)) {
        return owner;
    }
    for (const auto& kept : m_kept) {
        if (kept->id() == session.provider) {
            return kept.get();
        }
    }
    return Error{u"unknown provider '%1' for session %2"_s.arg(session.provider, session.id)};
}

Result<Session> SessionCatalog::load(const SessionRef& session, const SessionPreview& preview) const
{
    auto owner = ownerOf(session);
    return owner ? (*owner)->load(session, preview) : Result<Session>(owner.error());
}

Result<std::shared_ptr<const SessionMessages>> SessionCatalog::open(const SessionRef& session,
                                                                    const SessionPreview& preview, qint64 partsFrom,
                                                                    const std::function<bool()>& cancelled) const
{
    auto owner = ownerOf(session);
    return owner ? (*owner)->open(session, preview, partsFrom, cancelled, &m_cache)
                 : Result<std::shared_ptr<const SessionMessages>>(owner.error());
}

std::optional<Error> SessionCatalog::read(const SessionRef& session, SessionSink& sink) const
{
    auto owner = ownerOf(session);
    return owner ? (*owner)->read(session, sink, &m_cache) : owner.error();
}

QStringList SessionCatalog::originalFiles(const SessionRef& session) const
{
    const auto owner = ownerOf(session);
    return owner ? (*owner)->originalFiles(session) : QStringList();
}

Result<QString> SessionCatalog::nativeRecord(const SessionRef& session, int nativeIndex) const
{
    auto owner = ownerOf(session);
    return owner ? (*owner)->nativeRecord(session, nativeIndex) : Result<QString>(owner.error());
}

QList<ProviderStatus> SessionCatalog::status(const QList<const Provider*>& providers,
                                             const QList<Workspace>& workspaces) const
{
    const QChar separator = m_environment.platform() == Platform::Windows ? u';' : u':';
    const QStringList searchPath = m_environment.variable(u"PATH"_s).split(separator, Qt::SkipEmptyParts);
    QList<ProviderStatus> result;
    for (const Provider* provider : providers) {
        ProviderStatus status;
        status.id = provider->id();
        status.name = provider->displayName();
        status.aliases = provider->aliases();
        for (const QString& location : provider->storageLocations(m_environment)) {
            status.locations.append({location, QFileInfo::exists(location)});
        }
        for (const QString& command : provider->commands()) {
            status.commands.append(
                {command, searchPath.isEmpty() ? QString() : QStandardPaths::findExecutable(command, searchPath)});
        }
        for (const Workspace& w : workspaces) {
            if (w.provider == provider->id()) {
                ++status.workspaceCount;
                status.sessionCount += w.sessionCount;
            }
        }
        result.append(status);
    }
    return result;
}

bool SessionCatalog::samePath(const QString& a, const QString& b) const
{
    const auto normalize = [](QString path) {
        path = QDir::cleanPath(QDir::fromNativeSeparators(path));
        return path;
    };
    const Qt::CaseSensitivity cs =
        m_environment.platform() == Platform::Linux ? Qt::CaseSensitive : Qt::CaseInsensitive;
    return !a.isEmpty() && normalize(a).compare(normalize(b), cs) == 0;
}

QList<Workspace> SessionCatalog::workspacesForPath(const QList<Workspace>& workspaces, const QString& path) const
{
    const QString wanted = m_environment.absolutePath(path);
    const QString canonical = QFileInfo(wanted).canonicalFilePath();
    QList<Workspace> result;
    for (const Workspace& workspace : workspaces) {
        QStringList candidates = workspace.folders;
        candidates << workspace.projectPath;
        const bool match = std::any_of(candidates.cbegin(), candidates.cend(), [&](const QString& folder) {
            return samePath(folder, wanted) || (!canonical.isEmpty() && samePath(folder, canonical));
        });
        if (match) {
            result.append(workspace);
        }
    }
    return result;
}

QList<SessionRef> SessionCatalog::sessionsForPath(const QList<SessionRef>& sessions, const QString& path) const
{
    const QString wanted = m_environment.absolutePath(path);
    const QString canonical = QFileInfo(wanted).canonicalFilePath();
    QList<SessionRef> result;
    for (const SessionRef& session : sessions) {
        if (samePath(session.projectPath, wanted) ||
            (!canonical.isEmpty() && samePath(session.projectPath, canonical))) {
            result.append(session);
        }
    }
    return result;
}

Result<SessionRef> SessionCatalog::resolveSession(const QList<SessionRef>& sessions, const QString& idOrPrefix)
{
    if (idOrPrefix.isEmpty()) {
        return Error{u"no session id given"_s, ErrorKind::Invalid};
    }
    QList<const SessionRef*> exact;
    QList<const SessionRef*> prefixed;
    for (const SessionRef& session : sessions) {
        if (session.id == idOrPrefix || session.nativeId == idOrPrefix) {
            exact.append(&session);
        } else if (session.id.startsWith(idOrPrefix) || session.nativeId.startsWith(idOrPrefix)) {
            prefixed.append(&session);
        }
    }
    const QList<const SessionRef*>& matches = exact.isEmpty() ? prefixed : exact;
    if (matches.size() == 1) {
        return *matches.first();
    }
    if (matches.isEmpty()) {
        return Error{u"no session matches '%1' (try `chasm list sessions`)"_s.arg(idOrPrefix), ErrorKind::NotFound};
    }
    return ambiguity<SessionRef>(u"session id"_s, idOrPrefix, matches, [](const SessionRef& s) -> QString {
        return s.id + u"  "_s + s.title + u"  ("_s + s.path + u')';
    });
}

Result<Workspace> SessionCatalog::resolveWorkspace(const QList<Workspace>& workspaces, const QString& nameOrHash)
{
    if (nameOrHash.isEmpty()) {
        return Error{u"no workspace name or hash given"_s, ErrorKind::Invalid};
    }
    QList<const Workspace*> exact;
    QList<const Workspace*> prefixed;
    for (const Workspace& workspace : workspaces) {
        if (workspace.hash == nameOrHash || workspace.id == nameOrHash ||
            workspace.displayName().compare(nameOrHash, Qt::CaseInsensitive) == 0) {
            exact.append(&workspace);
        } else if (workspace.hash.startsWith(nameOrHash) || workspace.id.startsWith(nameOrHash)) {
            prefixed.append(&workspace);
        }
    }
    const QList<const Workspace*>& matches = exact.isEmpty() ? prefixed : exact;
    if (matches.size() == 1) {
        return *matches.first();
    }
    if (matches.isEmpty()) {
        return Error{u"no workspace matches '%1' (try `chasm list workspaces`)"_s.arg(nameOrHash), ErrorKind::NotFound};
    }
    return ambiguity<Workspace>(u"workspace"_s, nameOrHash, matches, [](const Workspace& w) -> QString {
        return w.id + u"  "_s + (w.projectPath.isEmpty() ? w.displayName() : w.projectPath);
    });
}

} // namespace chasm
