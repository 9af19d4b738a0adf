// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#include "WorkspaceStorage.h"

#include "json/Json.h"
#include "providers/SessionCache.h"
#include "util/QtVersions.h"
#include "vscode/WorkspaceUri.h"

#include <QDir>
#include <QDirIterator>
#include <QFileInfo>

using namespace Qt::StringLiterals;

namespace chasm {

namespace {

// Folders of a .code-workspace file: {"folders": [{"path": "relative/or/absolute"}, {"uri": "..."}]}.
QStringList multiRootFolders(const QString& workspaceFile)
{
    QStringList folders;
    auto tree = json::parseFile(workspaceFile, /*allowComments=*/true, json::descriptorBytes);
    if (!tree) {
        return folders;
    }
    const boost::json::array* entries = json::findArray(*tree, "folders");
    if (!entries) {
        return folders;
    }
    const QString base = QFileInfo(workspaceFile).absolutePath();
    for (const boost::json::value& entry : *entries) {
        const QString path = json::string(entry, "path");
        const QString uri = json::string(entry, "uri");
        if (!path.isEmpty()) {
            folders << QDir::cleanPath(QDir::isAbsolutePath(path) ? path : base + u'/' + path);
        } else if (!uri.isEmpty()) {
            const WorkspaceUri parsed(uri);
            folders << (parsed.isFile() ? parsed.localPath() : uri);
        }
    }
    return folders;
}

void readSessionStats(Workspace& workspace)
{
    using Stamp = SessionCache::FileStamp;
    workspace.hasChatSessions = QFileInfo(workspace.chatSessionsPath).isDir();
    std::optional<qint64> newest;
    if (workspace.hasChatSessions) {
        QStringList paths = WorkspaceStorage::sessionFiles(workspace.chatSessionsPath);
        workspace.sessionCount = int(paths.size());
        newest = Stamp::newestModifiedMs(paths << workspace.chatSessionsPath);
    }
    if (!newest) {
        newest = Stamp::modifiedMs(workspace.storagePath);
    }
    workspace.lastModified = newest ? utcFromMs(*newest) : QDateTime();
}

} // namespace

QStringList WorkspaceStorage::sessionFiles(const QString& chatSessionsPath)
{
    if (chatSessionsPath.isEmpty()) {
        return {}; // QDir would take "" for the current directory
    }
    const QDir dir(chatSessionsPath);
    const QFileInfoList entries =
        dir.entryInfoList({u"*.json"_s, u"*.jsonl"_s}, QDir::Files | QDir::Hidden, QDir::Name);
    QStringList files;
    QSet<QString> withLog;
    for (const QFileInfo& entry : entries) {
        if (entry.suffix() == u"jsonl"_s) {
            withLog.insert(entry.completeBaseName());
        }
    }
    for (const QFileInfo& entry : entries) {
        if (entry.suffix() == u"json"_s && withLog.contains(entry.completeBaseName())) {
            continue;
        }
        files << entry.absoluteFilePath();
    }
    return files;
}

Workspace WorkspaceStorage::readWorkspace(const QString& storagePath, const EditorInfo& editor)
{
    Workspace workspace;
    workspace.provider = editor.provider;
    workspace.editor = editor.id;
    workspace.application = editor.displayName;
    workspace.hash = QFileInfo(storagePath).fileName();
    workspace.id = editor.id + u':' + workspace.hash;
    workspace.storagePath = QDir::cleanPath(storagePath);
    workspace.chatSessionsPath = workspace.storagePath + u"/chatSessions"_s;
    workspace.stateDatabasePath = workspace.storagePath + u"/state.vscdb"_s;

    const QString descriptor = workspace.storagePath + u"/workspace.json"_s;
    if (workspace.hash == u"no-workspace"_s) {
        workspace.kind = Workspace::Kind::Empty;
    } else if (!QFileInfo::exists(descriptor)) {
        workspace.error = u"%1 is missing"_s.arg(descriptor);
    } else if (auto tree = json::parseFile(descriptor, /*allowComments=*/true, json::descriptorBytes); !tree) {
        workspace.error = tree.error().message;
    } else {
        const QString folder = json::string(*tree, "folder");
        const QString multiRoot = json::string(*tree, "workspace");
        workspace.uri = folder.isEmpty() ? multiRoot : folder;
        const WorkspaceUri uri(workspace.uri);
        if (workspace.uri.isEmpty()) {
            workspace.error = u"%1 names neither a folder nor a workspace"_s.arg(descriptor);
        } else if (!uri.isFile()) {
            workspace.kind = Workspace::Kind::Remote;
            workspace.remoteAuthority = uri.authority().isEmpty() ? uri.scheme() : uri.authority();
            workspace.remotePath = uri.path();
        } else if (!folder.isEmpty()) {
            workspace.kind = Workspace::Kind::Folder;
            workspace.projectPath = uri.localPath();
            workspace.folders = {workspace.projectPath};
        } else {
            workspace.kind = Workspace::Kind::MultiRoot;
            workspace.projectPath = uri.localPath();
            workspace.folders = multiRootFolders(workspace.projectPath);
        }
    }
    readSessionStats(workspace);
    return workspace;
}

QList<Workspace> WorkspaceStorage::scan(const Environment& environment, Editor editor)
{
    const EditorInfo& info = editorInfo(editor);
    const QString userDir = editorUserDirectory(environment, editor);
    QList<Workspace> workspaces;

    const QDir storage(userDir + u"/workspaceStorage"_s);
    const QFileInfoList folders = storage.entryInfoList(QDir::Dirs | QDir::NoDotAndDotDot | QDir::Hidden, QDir::Name);
    for (const QFileInfo& folder : folders) {
        workspaces.append(readWorkspace(folder.absoluteFilePath(), info));
    }

    const QString emptyWindow = userDir + u"/globalStorage/emptyWindowChatSessions"_s;
    if (QFileInfo(emptyWindow).isDir()) {
        Workspace workspace;
        workspace.provider = info.provider;
        workspace.editor = info.id;
        workspace.application = info.displayName;
        workspace.hash = u"empty-window"_s;
        workspace.id = info.id + u":empty-window"_s;
        workspace.kind = Workspace::Kind::Empty;
        workspace.storagePath = QDir::cleanPath(emptyWindow);
        workspace.chatSessionsPath = workspace.storagePath;
        // Empty-window sessions are indexed in the profile-wide database.
        workspace.stateDatabasePath = userDir + u"/globalStorage/state.vscdb"_s;
        readSessionStats(workspace);
        workspaces.append(workspace);
    }
    return workspaces;
}

} // namespace chasm
