// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#include "RecoveryScan.h"

#include "json/Json.h"
#include "ops/SessionFileRecovery.h"
#include "ops/SessionMerge.h"
#include "util/Environment.h"
#include "vscode/ChatSessionConverter.h"
#include "vscode/ChatSessionFile.h"
#include "vscode/SessionIndex.h"
#include "vscode/WorkspaceStorage.h"

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

// A session as an old copy holds it, described as the editor would list it.
RecoveryFinding::Item oldItem(const boost::json::value& tree, const Workspace& workspace, const QString& id,
                              const QString& path, const QDateTime& modified)
{
    const Session session = ChatSessionConverter::convert(
        tree, {workspace.provider, id, workspace.displayName(), workspace.projectPath, modified});
    return {id, session.title.isEmpty() ? id : session.title, path, session.updatedAt,
            session.conversationMessageCount()};
}

// Sessions kept only in old copies in the workspace's storage, whose ids no workspace has any more:
// backup files in its chatSessions folder (of several backups of a session, the one holding the most)
// and its state databases' interactive.sessions, one finding per database.
QList<RecoveryFinding> oldCopies(const Workspace& workspace, const Workspace& target, const QString& project,
                                 const QSet<QString>& live)
{
    QList<RecoveryFinding> findings;
    const auto keep = [](QList<RecoveryFinding::Item>& items, RecoveryFinding::Item item) {
        if (item.messageCount == 0) {
            return; // the editor lists no empty session
        }
        const auto same = std::find_if(items.begin(), items.end(),
                                       [&item](const RecoveryFinding::Item& other) { return other.id == item.id; });
        if (same == items.end()) {
            items.append(std::move(item));
        } else if (item.messageCount > same->messageCount) {
            *same = std::move(item);
        }
    };
    RecoveryFinding backups{RecoveryFinding::Kind::OldBackup, project, target, workspace, {}};
    if (!workspace.chatSessionsPath.isEmpty()) {
        const QFileInfoList files =
            QDir(workspace.chatSessionsPath)
                .entryInfoList({u"*.json.bak*"_s, u"*.jsonl.bak*"_s}, QDir::Files | QDir::Hidden, QDir::Name);
        for (const QFileInfo& info : files) {
            const QString path = info.absoluteFilePath();
            const QString id = ChatSessionFile::idOf(path);
            if (!ChatSessionFile::formatOf(path) || live.contains(id)) {
                continue;
            }
            if (auto contents = ChatSessionFile::read(path)) {
                keep(backups.items, oldItem(contents->tree, workspace, id, path, info.lastModified()));
            }
        }
    }
    if (!backups.items.isEmpty()) {
        findings.append(std::move(backups));
    }
    // VS Code keeps the previous state database beside the current one.
    for (const QString& name : {u"state.vscdb"_s, u"state.vscdb.backup"_s}) {
        const QString database = workspace.storagePath + u'/' + name;
        if (!QFileInfo::exists(database)) {
            continue;
        }
        auto sessions = SessionFileRecovery::sessionsInStateDatabase(database);
        if (!sessions) {
            continue; // today's databases hold only the index
        }
        RecoveryFinding old{RecoveryFinding::Kind::OldDatabase, project, target, workspace, {}};
        const QDateTime modified = QFileInfo(database).lastModified();
        for (const boost::json::value& tree : std::as_const(*sessions)) {
            const QString id = json::string(tree, "sessionId");
            if (!id.isEmpty() && !live.contains(id)) {
                keep(old.items, oldItem(tree, workspace, id, database, modified));
            }
        }
        if (!old.items.isEmpty()) {
            findings.append(std::move(old));
        }
    }
    return findings;
}

} // namespace

QList<RecoveryFinding> RecoveryScan::scan(const QList<Workspace>& workspaces, const QList<SessionRef>& sessions,
                                          bool includeOld)
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
    QSet<QString> live; // the ids of every session file of every workspace
    if (includeOld) {
        for (const Workspace& w : workspaces) {
            for (const QString& path : WorkspaceStorage::sessionFiles(w.chatSessionsPath)) {
                live.insert(ChatSessionFile::idOf(path));
            }
        }
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
        if (includeOld) {
            const QString project = active.projectPath.isEmpty() ? active.storagePath : active.projectPath;
            for (const Workspace& w : group) {
                findings.append(oldCopies(w, active, project, live));
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
    if (finding.kind == RecoveryFinding::Kind::OldDatabase) {
        auto sessions = SessionFileRecovery::sessionsInStateDatabase(finding.items.value(0).path);
        if (!sessions) {
            return sessions.error();
        }
        QList<boost::json::value> chosen;
        for (const boost::json::value& tree : std::as_const(*sessions)) {
            if (ids.contains(json::string(tree, "sessionId"))) {
                chosen.append(tree);
            }
        }
        return Registrar::addSessions(finding.target, chosen, SessionMerge::formatFor(finding.target),
                                      u"recover old sessions"_s, options);
    }
    if (finding.kind == RecoveryFinding::Kind::OlderWorkspace || finding.kind == RecoveryFinding::Kind::OldBackup) {
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
