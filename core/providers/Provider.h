// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#pragma once

#include "model/RetentionRule.h"
#include "model/Session.h"
#include "model/SessionMessages.h"
#include "model/SessionSink.h"
#include "model/SessionRef.h"
#include "model/Workspace.h"
#include "providers/SessionCache.h"
#include "util/Environment.h"
#include "util/Result.h"

#include <QList>
#include <QStringList>

#include <functional>
#include <memory>

namespace chasm {

// Receives, during a long read, the session as far as it has been read: its first messages, in order,
// so that a viewer can show the start of a huge session while the rest is read. The final session may
// still change them (a later record can edit an earlier turn). Called on the reading thread.
using SessionPreview = std::function<void(Session&& partial)>;

// One tool whose chat history Chasm reads: where it keeps its data, how to list its workspaces and
// sessions, and how to load a session into the normalized form. Implementations are stateless and
// safe to call from several threads at once.
class Provider
{
public:
    // Who a provider is, for people and for the command line.
    struct Identity
    {
        // The id used in session ids and on the command line ("copilot", "claude-code", ...).
        QString id;
        QString displayName;
        QStringList aliases;
        // The programs a person runs that write this provider's sessions ("claude", "codex", "code", ...).
        QStringList commands;
    };

    explicit Provider(Identity identity)
        : m_identity(std::move(identity))
    {}
    virtual ~Provider() = default;
    Q_DISABLE_COPY_MOVE(Provider)

    QString id() const { return m_identity.id; }
    QString displayName() const { return m_identity.displayName; }
    QStringList aliases() const { return m_identity.aliases; }
    QStringList commands() const { return m_identity.commands; }

    // The folders this provider reads in an environment, whether or not they exist.
    virtual QStringList storageLocations(const Environment& environment) const = 0;
    // How many levels of folders below those locations hold its sessions (0: the locations themselves), so that a
    // watch leaves out the folders deeper down (a session's own folder of tool output); -1: any depth.
    virtual int storageDepth() const { return -1; }
    // How the tool deletes its own sessions in an environment, as its settings say. Tools that delete none (the
    // default) say nothing more.
    virtual RetentionRule retention(const Environment& environment) const
    {
        Q_UNUSED(environment)
        return {};
    }
    virtual QList<Workspace> workspaces(const Environment& environment) const = 0;
    // For tools that keep their history inside project folders (Aider): the workspaces found in the
    // given folders, which the catalog gathers from the other providers. Others have none there.
    virtual QList<Workspace> workspacesIn(const Environment& environment, const QStringList& projectFolders) const
    {
        Q_UNUSED(environment)
        Q_UNUSED(projectFolders)
        return {};
    }
    // Every session of the given workspaces (which come from workspaces()), read as far as `listing`
    // asks. Files unchanged since `cache` saw them are not read again. Providers that list every
    // session with one read of a database or history file describe them all whatever `listing` says.
    virtual QList<SessionRef> sessions(const QList<Workspace>& workspaces, SessionCache& cache,
                                       Listing listing) const = 0;
    // Reads a session whole. Readers of formats that can be read in order may hand `preview` the
    // beginning of a large session first.
    virtual Result<Session> load(const SessionRef& session, const SessionPreview& preview = {}) const = 0;
    // Reads a session in parts, in order (see SessionSink): how a session of any size is shown, exported and
    // harvested without holding it whole. Readers that cannot read a format in parts load it whole and hand it on
    // a batch at a time. `checkpoints`, the listing cache of the caller's catalog, may hold where the last listing
    // stopped reading a file that only grew since (SessionCache::checkpoint), for a reader to go on from there.
    virtual std::optional<Error> read(const SessionRef& session, SessionSink& sink,
                                      const SessionCache* checkpoints = nullptr) const
    {
        Q_UNUSED(checkpoints)
        auto whole = load(session);
        return whole ? SessionSink::feed(std::move(whole).value(), sink) : whole.error();
    }
    // Opens a session for a reader that takes a few messages at a time (SessionMessages): a session file of
    // `partsFrom` bytes or more is read from its file as its messages are asked for where the format allows it
    // (VS Code's logs), so that what is held stays the same whatever its size; anything else is loaded whole
    // (handing `preview` its beginning as load() does). A `cancelled` that turns true may stop the opening with an
    // error. `checkpoints` as for read().
    virtual Result<std::shared_ptr<const SessionMessages>> open(const SessionRef& session,
                                                                const SessionPreview& preview, qint64 partsFrom,
                                                                const std::function<bool()>& cancelled = {},
                                                                const SessionCache* checkpoints = nullptr) const
    {
        Q_UNUSED(partsFrom)
        Q_UNUSED(cancelled)
        Q_UNUSED(checkpoints)
        auto whole = load(session, preview);
        return whole ? SessionMessages::whole(std::move(whole).value())
                     : Result<std::shared_ptr<const SessionMessages>>(whole.error());
    }
    // The tool's own record a message came from (Message::nativeIndex), as indented JSON in the tool's
    // key order. Readers that cannot point back to their records say so.
    virtual Result<QString> nativeRecord(const SessionRef& session, int nativeIndex) const
    {
        Q_UNUSED(nativeIndex)
        return Error{QStringLiteral("Chasm does not show %1's raw records yet (%2)").arg(displayName(), session.path)};
    }

    // The files a session is made of as its tool wrote them, which a harvest keeps byte for byte (Originals) so that
    // the session can be put back exactly: a session file's own; none for a session kept among others (in a tool's
    // database, or a history file of many sessions).
    virtual QStringList originalFiles(const SessionRef& session) const
    {
        Q_UNUSED(session)
        return {};
    }

private:
    Identity m_identity;
};

} // namespace chasm
