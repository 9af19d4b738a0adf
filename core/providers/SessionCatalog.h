// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#pragma once

#include "model/ProviderStatus.h"
#include "providers/ProviderRegistry.h"

#include <memory>

namespace chasm {

class KeptProvider;
class KeptSessions;

// Everything Chasm can list in one environment, across providers: workspaces and sessions, found by
// project path, id prefix or name. The CLI, the GUI and the server ask this rather than the providers.
class SessionCatalog
{
public:
    explicit SessionCatalog(Environment environment, const ProviderRegistry& registry = ProviderRegistry::standard());

    const Environment& environment() const { return m_environment; }

    // One provider by id or alias, or every provider when `name` is empty. An unknown name is an error
    // that lists the valid ones.
    Result<QList<const Provider*>> providers(const QString& name = {}) const;
    const Provider* provider(const QString& id) const;

    // The provider of the sessions recorded over the API (RecordingService): no tool's store holds them, only the
    // harvest database.
    static constexpr QStringView recordedProvider = u"recording";
    // The provider of the chats `chasm run` has with a model (ChatService): kept, like those, in the database only.
    static constexpr QStringView chatProvider = u"chasm";
    // The provider of the conversations imported from share links (ShareImportService): kept in the database only.
    static constexpr QStringView sharedProvider = u"shared";
    // The workspace of the tools' sessions that only the harvest database keeps now: their tool deleted them (Claude
    // Code's purge of old transcripts, say) or no longer lists them. Its sessions keep their tool's provider and are
    // read from the database; `chasm sync --push` puts them back where their tool looks.
    static constexpr QStringView keptOnlyProvider = u"kept";
    static bool isKeptOnly(const SessionRef& session);
    struct KeptOnly
    {
        QList<Workspace> workspaces; // that one workspace, when it has sessions
        QList<SessionRef> sessions;
    };
    // The tools' sessions of the harvest database that are not among `listed` (a listing of every tool's stores).
    KeptOnly keptOnly(const QList<SessionRef>& listed) const;
    // What a person lists, shows, exports and merges: the tools' providers (as providers() names them) and the
    // sessions only the harvest database keeps, chatProvider's, recordedProvider's and sharedProvider's (KeptProvider),
    // which a harvest leaves out.
    Result<QList<const Provider*>> listedProviders(const QString& name = {}) const;

    // The provider id a filter of the harvest database names: a tool's (by id or alias), recordedProvider,
    // chatProvider or sharedProvider; empty
    // for an empty name. An unknown name is an error that lists the valid ones.
    Result<QString> harvestedProviderId(const QString& name) const;

    // `extraFolders` are project folders to look in besides those the providers know (a path the user
    // named), for tools that keep history inside projects.
    QList<Workspace> workspaces(const QList<const Provider*>& providers, const QStringList& extraFolders = {}) const;
    QList<SessionRef> sessions(const QList<const Provider*>& providers, const QList<Workspace>& workspaces) const;
    // Starts reading what the catalog's cache knows, for a caller that lists sessions after finding their
    // workspaces: the two overlap.
    void prepareSessions() const;
    // The same, with what is known of unchanged files taken from (and added to) `cache` instead of the
    // catalog's own, and new files read as far as `listing` asks: how a harvest skips the files an
    // earlier run read and lists the others without reading them twice.
    QList<SessionRef> sessions(const QList<const Provider*>& providers, const QList<Workspace>& workspaces,
                               SessionCache& cache, Listing listing) const;
    // The harvest database the sessions only it keeps are read from (chats, recordings, those no tool has any
    // more): $CHASM_DB, else the default one, until another is set here (the app's, chosen in its settings).
    void setKeptDatabase(const QString& path) const;
    QString keptDatabase() const;
    Result<Session> load(const SessionRef& session, const SessionPreview& preview = {}) const;
    // See Provider::open.
    Result<std::shared_ptr<const SessionMessages>> open(const SessionRef& session, const SessionPreview& preview,
                                                        qint64 partsFrom,
                                                        const std::function<bool()>& cancelled = {}) const;
    // See Provider::read.
    std::optional<Error> read(const SessionRef& session, SessionSink& sink) const;
    // See Provider::originalFiles; none for a session no provider owns.
    QStringList originalFiles(const SessionRef& session) const;
    // See Provider::nativeRecord.
    Result<QString> nativeRecord(const SessionRef& session, int nativeIndex) const;

    // Where each provider keeps its data, what is there (from `workspaces`, which come from
    // workspaces()), and which of its programs are on the PATH.
    QList<ProviderStatus> status(const QList<const Provider*>& providers, const QList<Workspace>& workspaces) const;

    // The workspaces whose project folder (or one of whose folders) is `path`, compared the way the
    // platform compares paths.
    QList<Workspace> workspacesForPath(const QList<Workspace>& workspaces, const QString& path) const;
    // The sessions whose own project folder is `path`, compared the same way: a session's project is its own, not
    // its store's (Codex, Continue and OpenCode keep every project's sessions in one store).
    QList<SessionRef> sessionsForPath(const QList<SessionRef>& sessions, const QString& path) const;
    bool samePath(const QString& a, const QString& b) const;

    // By "<provider>:<native id>", a native id, or a unique prefix of either. Several matches are an
    // error that lists them.
    static Result<SessionRef> resolveSession(const QList<SessionRef>& sessions, const QString& idOrPrefix);
    // By hash, "<editor>:<hash>", a unique prefix of either, or a folder name.
    static Result<Workspace> resolveWorkspace(const QList<Workspace>& workspaces, const QString& nameOrHash);

private:
    Result<const Provider*> ownerOf(const SessionRef& session) const;
    Environment m_environment;
    const ProviderRegistry& m_registry;
    QList<std::shared_ptr<const Provider>> m_kept; // chatProvider's, recordedProvider's
    std::shared_ptr<const KeptSessions> m_keptSessions;
    std::shared_ptr<const KeptProvider> m_keptOnly; // keptOnlyProvider's: not listed, the owner of those sessions
    mutable SessionCache m_cache;
};

} // namespace chasm
