// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#pragma once

#include "providers/SessionFileProvider.h"
#include "vscode/ChatSessionConverter.h"
#include "vscode/Editor.h"
#include "vscode/RequestIndex.h"

namespace chasm {

// Sessions of the VS Code family's chat view (chatSessions/*.json and *.jsonl) for the editors that
// report to one provider id: Copilot in VS Code, Insiders and VSCodium; Cursor; Windsurf.
class VsCodeProvider final : public SessionFileProvider
{
public:
    // The editors' launchers are the provider's commands.
    VsCodeProvider(Identity identity, QList<Editor> editors);
    QStringList storageLocations(const Environment& environment) const override;
    QList<Workspace> workspaces(const Environment& environment) const override;
    // A message's request, from the file as it is now.
    Result<QString> nativeRecord(const SessionRef& session, int nativeIndex) const override;

protected:
    QStringList sessionFiles(const Workspace& workspace) const override;
    Result<Session> readSession(const QString& path, const Workspace& workspace,
                                const SessionPreview& preview) const override;
    // A log through the first pass of a RequestIndex, which keeps of each request only what the header takes: a
    // gigabyte session is listed in megabytes. A .json document is read whole.
    Result<Session> readOutline(const QString& path, const Workspace& workspace, SessionCache& cache,
                                int& conversationMessages) const override;
    // A log a few requests at a time (RequestIndex): a gigabyte session is read in megabytes.
    std::optional<Error> readSessionParts(const QString& path, const Workspace& workspace, SessionSink& sink,
                                          const SessionCache* checkpoints) const override;
    // A log: its beginning to `preview` at once, then RequestLogMessages.
    Result<std::shared_ptr<const SessionMessages>> openParts(const QString& path, const Workspace& workspace,
                                                             const SessionPreview& preview,
                                                             const std::function<void(Session&)>& complete,
                                                             const std::function<bool()>& cancelled,
                                                             const SessionCache* checkpoints) const override;

private:
    ChatSessionConverter::Context context(const QString& path, const Workspace& workspace) const;
    // The log's index, gone on from where the last listing stopped reading it (the checkpoint `checkpoints` keeps,
    // see readOutline()) when it only grew since.
    static Result<RequestIndex> indexOf(const QString& path, const SessionCache* checkpoints,
                                        const std::function<bool()>& cancelled = {});
    // The session as far as the outline of `index` holds it: its own fields and its warnings, without its messages,
    // which are counted in `conversationMessages` (the user's and the assistant's).
    static Session outlineOf(const RequestIndex& index, const ChatSessionConverter::Context& context,
                             int& conversationMessages);

    QList<Editor> m_editors;
};

} // namespace chasm
