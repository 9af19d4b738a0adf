#include "RecoveryScan.h"

#include "util/Environment.h"
#include "vscode/SessionIndex.h"

#include <QDir>
#include <QFileInfo>

using namespace Qt::StringLiterals;

namespace chasm {

namespace {

// Workspaces of the same project and editor share this key (paths compared as the system does).
QString projectKey(const Workspace& workspace)
{
    QString path = QDir::cleanPath(QDir::fromNativeSeparators(workspace.projectPath));
    if (hostPlatform != Platform::Linux) {
        path = path.toLower();
    }
    return workspace.editor + u'\n' + path;
}

RecoveryFinding::Item itemFor(const QString& path, const QString& id, const QHash<QString, const SessionRef*>& byPath)
{
    const SessionRef* ref = byPath.value(path);
    RecoveryFinding::Item item{id, ref ? ref->title : QString(), path, {}, 0};
    if (ref) {
        item.updatedAt = ref->updatedAt;
        item.messageCount = ref->messageCount;
    } else {
        item.updatedAt = QFileInfo(path).lastModified();
    }
    if (item.title.isEmpty()) {
        item.title = id;
    }
    return item;
}

// The editor lists no empty session, so there is nothing to bring back.
bool isEmptySession(const QString& path, const QHash<QString, const SessionRef*>& byPath)
{
    const SessionRef* ref = byPath.value(path);
    return ref && ref->error.isEmpty() && ref->messageCount == 0;
}

} // namespace

QList<RecoveryFinding> RecoveryScan::scan(const QList<Workspace>& workspaces, const QList<SessionRef>& sessions)
{
    QHash<QString, const SessionRef*> byPath;
    QHash<QString, QList<SessionRef>> byWorkspace;
    for (const SessionRef& ref : sessions) {
        byPath.insert(ref.path, &ref);
        byWorkspace[ref.workspaceId].append(ref);
    }
    QHash<QString, QList<Workspace>> projects;
    QStringList order;
    for (const Workspace& w : workspaces) {
        if (w.editor.isEmpty() || w.storagePath.isEmpty()) {
            continue;
        }
        const QString key = w.projectPath.isEmpty() ? w.id : projectKey(w);
        if (!projects.contains(key)) {
            order << key;
        }
        projects[key].append(w);
    }
    QList<RecoveryFinding> findings;
    for (const QString& key : std::as_const(order)) {
        const QList<Workspace>& group = projects.value(key);
        Workspace active = group.first();
        for (const Registrar::ProjectWorkspaces& project : Registrar::findOrphanedWorkspaces(group)) {
            active = project.active;
            for (const Registrar::ProjectWorkspaces::Other& other : project.others) {
                if (other.missing.isEmpty()) {
                    continue;
                }
                RecoveryFinding finding{
                    RecoveryFinding::Kind::OlderWorkspace, active.projectPath, active, other.workspace, {}};
                for (const QString& path : other.missing) {
                    if (!isEmptySession(path, byPath)) {
                        finding.items.append(itemFor(path, QFileInfo(path).completeBaseName(), byPath));
                    }
                }
                if (!finding.items.isEmpty()) {
                    findings.append(std::move(finding));
                }
            }
        }
        // The active workspace's own index: what it lacks, and what it gets wrong.
        const QList<SessionRef> files = byWorkspace.value(active.id);
        if (files.isEmpty()) {
            continue;
        }
        // A workspace without a state database has no index at all: every file is missing from it.
        const QString database =
            active.stateDatabasePath.isEmpty() ? active.storagePath + u"/state.vscdb"_s : active.stateDatabasePath;
        const SessionIndex::Inspection inspection =
            QFileInfo::exists(database)
                ? SessionIndex::inspect(database, files)
                : SessionIndex::Inspection{SessionIndex::reconcile(QList<IndexEntry>(), files), {}};
        if (!inspection.error.isEmpty()) {
            continue;
        }
        const QString project = active.projectPath.isEmpty() ? active.storagePath : active.projectPath;
        RecoveryFinding missing{RecoveryFinding::Kind::NotInIndex, project, active, {}, {}};
        RecoveryFinding wrong{RecoveryFinding::Kind::WrongEntry, project, active, {}, {}};
        for (const IndexEntry& entry : inspection.entries) {
            if (entry.file.isEmpty()) {
                continue;
            }
            const auto has = [&entry](const char* code) {
                return std::any_of(entry.problems.cbegin(), entry.problems.cend(),
                                   [code](const IndexProblem& p) { return p.code == QLatin1String(code); });
            };
            if (has("unreadable")) {
                continue; // nothing to register from; `chasm recover` salvages such files
            }
            if (!entry.inIndex && !isEmptySession(entry.file, byPath)) {
                missing.items.append(itemFor(entry.file, entry.sessionId, byPath));
            } else if (has("is_empty_mismatch") || has("cancelled")) {
                wrong.items.append(itemFor(entry.file, entry.sessionId, byPath));
            }
        }
        for (RecoveryFinding* finding : {&missing, &wrong}) {
            if (!finding->items.isEmpty()) {
                findings.append(std::move(*finding));
            }
        }
    }
    return findings;
}

Result<Registrar::Report> RecoveryScan::apply(const RecoveryFinding& finding, const QStringList& ids,
                                              const Registrar::Options& options)
{
    if (finding.kind == RecoveryFinding::Kind::OlderWorkspace) {
        QStringList files;
        for (const RecoveryFinding::Item& item : finding.items) {
            if (ids.contains(item.id)) {
                files << item.path;
            }
        }
        return Registrar::adopt(finding.target, files, options);
    }
    Registrar::Options complete = options;
    complete.complete = true;
    return Registrar::registerSessions(finding.target, ids, {}, complete);
}

} // namespace chasm
