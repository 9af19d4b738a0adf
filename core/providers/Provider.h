#pragma once

#include "model/Session.h"
#include "model/SessionRef.h"
#include "model/Workspace.h"
#include "providers/SessionCache.h"
#include "util/Environment.h"
#include "util/Result.h"

#include <QList>
#include <QStringList>

namespace chasm {

// One tool whose chat history Chasm reads: where it keeps its data, how to list its workspaces and
// sessions, and how to load a session into the normalized form. Implementations are stateless and
// safe to call from several threads at once.
class Provider
{
public:
    virtual ~Provider() = default;

    // The id used in session ids and on the command line ("copilot", "cursor", ...).
    virtual QString id() const = 0;
    virtual QStringList aliases() const = 0;
    virtual QString displayName() const = 0;
    // The programs a person runs that write this provider's sessions ("claude", "codex", "code", ...).
    virtual QStringList commands() const = 0;

    // The folders this provider reads in an environment, whether or not they exist.
    virtual QStringList storageLocations(const Environment& environment) const = 0;
    virtual QList<Workspace> workspaces(const Environment& environment) const = 0;
    // For tools that keep their history inside project folders (Aider): the workspaces found in the
    // given folders, which the catalog gathers from the other providers. Others have none there.
    virtual QList<Workspace> workspacesIn(const Environment& environment, const QStringList& projectFolders) const
    {
        Q_UNUSED(environment)
        Q_UNUSED(projectFolders)
        return {};
    }
    // Every session of the given workspaces (which come from workspaces()), read enough to list them.
    // Files unchanged since `cache` saw them are not read again.
    virtual QList<SessionRef> sessions(const QList<Workspace>& workspaces, SessionCache& cache) const = 0;
    virtual Result<Session> load(const SessionRef& session) const = 0;
};

} // namespace chasm
