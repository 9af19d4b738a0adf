#include "VsCodeProvider.h"

#include "json/Json.h"
#include "vscode/ChatSessionConverter.h"
#include "vscode/ChatSessionFile.h"
#include "vscode/WorkspaceStorage.h"

#include <QFileInfo>

using namespace Qt::StringLiterals;

namespace chasm {

namespace {

Provider::Identity withLaunchers(Provider::Identity identity, const QList<Editor>& editors)
{
    for (const Editor editor : editors) {
        if (!identity.commands.contains(editorInfo(editor).command)) {
            identity.commands << editorInfo(editor).command;
        }
    }
    return identity;
}

} // namespace

VsCodeProvider::VsCodeProvider(Identity identity, QList<Editor> editors)
    : SessionFileProvider(withLaunchers(std::move(identity), editors))
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

QStringList VsCodeProvider::sessionFiles(const Workspace& workspace) const
{
    return workspace.hasChatSessions ? WorkspaceStorage::sessionFiles(workspace.chatSessionsPath) : QStringList();
}

Result<Session> VsCodeProvider::readSession(const QString& path, const Workspace& workspace,
                                            const SessionPreview& preview) const
{
    return read(path, workspace, preview, MutationLog::Detail::Full);
}

Result<Session> VsCodeProvider::readOutline(const QString& path, const Workspace& workspace) const
{
    return read(path, workspace, {}, MutationLog::Detail::Outline);
}

Result<Session> VsCodeProvider::read(const QString& path, const Workspace& workspace, const SessionPreview& preview,
                                     MutationLog::Detail detail) const
{
    const QFileInfo info(path);
    const ChatSessionConverter::Context context{id(), info.completeBaseName(), workspace.hash, workspace.projectPath,
                                                info.lastModified().toUTC()};
    std::function<void(const boost::json::value&)> previewTree;
    if (preview) {
        previewTree = [&](const boost::json::value& tree) { preview(ChatSessionConverter::convert(tree, context)); };
    }
    auto contents = ChatSessionFile::read(path, previewTree, MutationLog::Damage::Read, detail);
    if (!contents) {
        return contents.error();
    }
    Session session = ChatSessionConverter::convert(contents->tree, context);
    session.warnings = contents->warnings;
    return session;
}

Result<QString> VsCodeProvider::nativeRecord(const SessionRef& session, int nativeIndex) const
{
    auto contents = ChatSessionFile::read(session.path);
    if (!contents) {
        return contents.error();
    }
    const boost::json::array& requests = json::arrayAt(contents->tree, "requests");
    if (nativeIndex < 0 || std::size_t(nativeIndex) >= requests.size()) {
        return Error{u"%1 has no request %2 now (it has %3)"_s.arg(session.path).arg(nativeIndex).arg(requests.size())};
    }
    return json::toQString(json::pretty(requests[std::size_t(nativeIndex)]));
}

} // namespace chasm
