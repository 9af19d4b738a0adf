// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#include "VsCodeProvider.h"

#include "json/Json.h"
#include "vscode/ChatSessionConverter.h"
#include "providers/vscode/RequestLogMessages.h"
#include "vscode/ChatSessionFile.h"
#include "vscode/RequestIndex.h"
#include "vscode/WorkspaceStorage.h"

#include <QFileInfo>

#include <algorithm>

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
    const ChatSessionConverter::Context context = this->context(path, workspace);
    std::function<void(const boost::json::value&)> previewTree;
    if (preview) {
        previewTree = [&](const boost::json::value& tree) { preview(ChatSessionConverter::convert(tree, context)); };
    }
    auto contents = ChatSessionFile::read(path, previewTree, MutationLog::Damage::Read);
    if (!contents) {
        return contents.error();
    }
    Session session = ChatSessionConverter::convert(contents->tree, context);
    session.warnings = contents->warnings;
    return session;
}

Result<Session> VsCodeProvider::readOutline(const QString& path, const Workspace& workspace, SessionCache& cache,
                                            int& conversationMessages) const
{
    if (ChatSessionFile::formatOf(path) != ChatSessionFile::Format::Jsonl) {
        return readSession(path, workspace, {});
    }
    // A log that only grew since the last listing is read from where that one stopped.
    QByteArray checkpoint = cache.checkpoint(path);
    auto index = RequestIndex::build(path, {}, checkpoint);
    const qsizetype kept = checkpoint.size();
    checkpoint = {}; // tens of megabytes for a gigabyte log, no longer needed
    if (!index) {
        return index.error();
    }
    keepCheckpoint(cache, path, index->bytesRead(), index->resumedFrom(), kept,
                   [&index] { return index->checkpoint(); });
    // Counted, not kept: a listing shows how many there are, and a gigabyte log has tens of thousands.
    return outlineOf(*index, context(path, workspace), conversationMessages);
}

Session VsCodeProvider::outlineOf(const RequestIndex& index, const ChatSessionConverter::Context& context,
                                  int& conversationMessages)
{
    Session session;
    ChatSessionConverter::Requests requests;
    QList<Message> messages;
    const boost::json::array& outlined = json::arrayAt(index.outline(), "requests");
    conversationMessages = 0;
    for (std::size_t request = 0; request < outlined.size(); ++request) {
        messages.clear();
        requests.add(outlined[request], int(request), messages);
        conversationMessages += int(
            std::count_if(messages.cbegin(), messages.cend(), [](const Message& m) { return m.role != Role::System; }));
    }
    requests.finish(session, index.outline(), context);
    session.warnings = index.warnings();
    return session;
}

ChatSessionConverter::Context VsCodeProvider::context(const QString& path, const Workspace& workspace) const
{
    const QFileInfo info(path);
    return {id(), info.completeBaseName(), workspace.hash, workspace.projectPath, info.lastModified().toUTC()};
}

Result<RequestIndex> VsCodeProvider::indexOf(const QString& path, const SessionCache* checkpoints,
                                             const std::function<bool()>& cancelled)
{
    return RequestIndex::build(path, cancelled, checkpoints ? checkpoints->checkpoint(path) : QByteArray());
}

std::optional<Error> VsCodeProvider::readSessionParts(const QString& path, const Workspace& workspace,
                                                      SessionSink& sink, const SessionCache* checkpoints) const
{
    if (ChatSessionFile::formatOf(path) != ChatSessionFile::Format::Jsonl) {
        return SessionFileProvider::readSessionParts(path, workspace, sink, checkpoints);
    }
    auto index = indexOf(path, checkpoints);
    if (!index) {
        return index.error();
    }
    const ChatSessionConverter::Context context = this->context(path, workspace);
    // The header from the outline, whose requests hold what it takes of them.
    int conversationMessages = 0;
    Session header = outlineOf(*index, context, conversationMessages);
    header.filesReferenced.clear();
    if (auto error = sink.begin(header, conversationMessages)) {
        return error;
    }
    // Then the requests made again a batch at a time: a few megabytes of the log each. The index found any record
    // that cannot apply, so only a log changed in place since then fails here.
    ChatSessionConverter::Requests requests;
    for (std::size_t first = 0; first < index->requestCount();) {
        const std::size_t last = index->batchEnd(first);
        QList<Message> messages;
        {
            const auto batch = index->requests(first, last);
            if (!batch) {
                return batch.error();
            }
            for (std::size_t request = first; request < last; ++request) {
                requests.add((*batch)[request - first], int(request), messages);
            }
        }
        if (auto error = sink.add(std::move(messages))) {
            return error;
        }
        first = last;
    }
    Session whole;
    requests.finish(whole, index->outline(), context);
    return sink.end(whole.filesReferenced);
}

Result<std::shared_ptr<const SessionMessages>>
VsCodeProvider::openParts(const QString& path, const Workspace& workspace, const SessionPreview& preview,
                          const std::function<void(Session&)>& complete, const std::function<bool()>& cancelled,
                          const SessionCache* checkpoints) const
{
    if (ChatSessionFile::formatOf(path) != ChatSessionFile::Format::Jsonl) {
        return std::shared_ptr<const SessionMessages>();
    }
    const ChatSessionConverter::Context context = this->context(path, workspace);
    if (preview) {
        // Only the log's first megabytes: a viewer shows them while the whole log is indexed.
        auto beginning = ChatSessionFile::beginning(path);
        if (!beginning) {
            return beginning.error();
        }
        preview(ChatSessionConverter::convert(*beginning, context));
    }
    auto index = indexOf(path, checkpoints, cancelled);
    if (!index) {
        return index.error();
    }
    int conversationMessages = 0;
    Session header = outlineOf(*index, context, conversationMessages);
    header.filesReferenced.clear();
    complete(header);
    return RequestLogMessages::open(std::move(index).value(), std::move(header), conversationMessages, cancelled);
}

Result<QString> VsCodeProvider::nativeRecord(const SessionRef& session, int nativeIndex) const
{
    if (ChatSessionFile::formatOf(session.path) == ChatSessionFile::Format::Jsonl) {
        // Only the records of that request are read again: a gigabyte log is never held.
        auto index = RequestIndex::build(session.path);
        return index ? index->record(nativeIndex) : Result<QString>(index.error());
    }
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
