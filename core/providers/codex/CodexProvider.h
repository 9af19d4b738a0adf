// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#pragma once

#include "providers/SessionFileProvider.h"

namespace chasm {

// Codex CLI: ~/.codex/sessions/YYYY/MM/DD/rollout-<time>-<id>.jsonl and ~/.codex/archived_sessions/
// ($CODEX_HOME replaces ~/.codex). Each line is {timestamp, type, payload}: session_meta, turn_context,
// response_item (messages, function calls and their outputs), event_msg (token counts, aborted turns).
// The rollouts of every project share one store; each session knows its own cwd.
class CodexProvider final : public SessionFileProvider
{
public:
    CodexProvider();
    QStringList storageLocations(const Environment& environment) const override;
    QList<Workspace> workspaces(const Environment& environment) const override;

    // Reads one rollout; public for tests.
    static Result<Session> readRollout(const QString& path);

protected:
    QStringList sessionFiles(const Workspace& workspace) const override;
    Result<Session> readSession(const QString& path, const Workspace& workspace,
                                const SessionPreview& preview) const override;
    Result<Session> readOutline(const QString& path, const Workspace& workspace, SessionCache& cache,
                                int& conversationMessages) const override;
    // Streamed: the messages are handed on as soon as no later record can change them.
    std::optional<Error> readSessionParts(const QString& path, const Workspace& workspace, SessionSink& sink,
                                          const SessionCache* checkpoints) const override;
    // Read as readSessionParts() reads it, with where each block of messages comes from, and its blocks read again
    // from there as they are asked for (LogBlockMessages); its first megabytes shown to `preview` first.
    Result<std::shared_ptr<const SessionMessages>> openParts(const QString& path, const Workspace& workspace,
                                                             const SessionPreview& preview,
                                                             const std::function<void(Session&)>& complete,
                                                             const std::function<bool()>& cancelled,
                                                             const SessionCache* checkpoints) const override;
    QString nativeIdOfUnreadable(const QString& path) const override;
};

} // namespace chasm
