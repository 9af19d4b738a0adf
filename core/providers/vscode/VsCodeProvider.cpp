#include "VsCodeProvider.h"

#include "vscode/ChatSessionConverter.h"
#include "vscode/ChatSessionFile.h"
#include "vscode/WorkspaceStorage.h"

#include <QFileInfo>
#include <QtConcurrent/QtConcurrentMap>

using namespace Qt::StringLiterals;

namespace chasm {

namespace {

struct SessionFile
{
    QString path;
    const Workspace* workspace;
};

ChatSessionConverter::Context contextFor(const SessionRef& ref)
{
    return {ref.provider, ref.nativeId, ref.workspace, ref.projectPath, ref.updatedAt};
}

SessionRef describe(const QString& provider, const SessionFile& file)
{
    const QFileInfo info(file.path);
    SessionRef ref;
    ref.provider = provider;
    ref.editor = file.workspace->editor;
    ref.nativeId = info.completeBaseName();
    ref.id = provider + u':' + ref.nativeId;
    ref.workspaceId = file.workspace->id;
    ref.workspace = file.workspace->hash;
    ref.projectPath = file.workspace->projectPath;
    ref.workspaceName = file.workspace->displayName();
    ref.path = info.absoluteFilePath();
    ref.sizeBytes = info.size();
    ref.updatedAt = info.lastModified().toUTC();
    ref.createdAt = ref.updatedAt;
    if (const auto format = ChatSessionFile::formatOf(file.path)) {
        ref.format = ChatSessionFile::formatName(*format);
    }

    auto contents = ChatSessionFile::read(file.path);
    if (!contents) {
        ref.title = ref.nativeId;
        ref.error = contents.error().message;
        return ref;
    }
    const Session session = ChatSessionConverter::convert(contents->tree, contextFor(ref));
    ref.title = session.title;
    ref.createdAt = session.createdAt;
    ref.updatedAt = session.updatedAt;
    ref.messageCount = session.conversationMessageCount();
    ref.warnings = contents->warnings;
    return ref;
}

} // namespace

VsCodeProvider::VsCodeProvider(QString id, QString displayName, QStringList aliases, QList<Editor> editors)
    : m_id(std::move(id))
    , m_displayName(std::move(displayName))
    , m_aliases(std::move(aliases))
    , m_editors(std::move(editors))
{}

QStringList VsCodeProvider::storageLocations(const Environment& environment) const
{
    QStringList locations;
    for (const Editor editor : m_editors) {
        locations << editorUserDirectory(environment, editor);
    }
    return locations;
}

QList<Workspace> VsCodeProvider::workspaces(const Environment& environment) const
{
    QList<Workspace> result;
    for (const Editor editor : m_editors) {
        result.append(WorkspaceStorage::scan(environment, editor));
    }
    return result;
}

QList<SessionRef> VsCodeProvider::sessions(const QList<Workspace>& workspaces) const
{
    QList<SessionFile> files;
    for (const Workspace& workspace : workspaces) {
        if (workspace.provider != m_id || !workspace.hasChatSessions) {
            continue;
        }
        for (const QString& path : WorkspaceStorage::sessionFiles(workspace.chatSessionsPath)) {
            files.append({path, &workspace});
        }
    }
    const QString provider = m_id;
    return QtConcurrent::blockingMapped<QList<SessionRef>>(
        files, [provider](const SessionFile& file) { return describe(provider, file); });
}

Result<Session> VsCodeProvider::load(const SessionRef& ref) const
{
    auto contents = ChatSessionFile::read(ref.path);
    if (!contents) {
        return contents.error();
    }
    Session session = ChatSessionConverter::convert(contents->tree, contextFor(ref));
    session.warnings = contents->warnings;
    return session;
}

} // namespace chasm
