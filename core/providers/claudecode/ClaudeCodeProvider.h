// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#pragma once

#include "providers/SessionFileProvider.h"

namespace chasm {

// Claude Code: ~/.claude/projects/<project folder, every non-alphanumeric character as "-">/<id>.jsonl
// ($CLAUDE_CONFIG_DIR replaces ~/.claude). Each line is a record; user and assistant records carry an
// Anthropic Messages API message, tool results come back as user records with tool_result blocks.
class ClaudeCodeProvider final : public SessionFileProvider
{
public:
    ClaudeCodeProvider();
    QStringList storageLocations(const Environment& environment) const override;
    // projects/<project>/<session>.jsonl; the session folders beside them hold tool output and subagents' transcripts.
    int storageDepth() const override { return 1; }
    QList<Workspace> workspaces(const Environment& environment) const override;
    // cleanupPeriodDays in settings.json (default 30 days).
    RetentionRule retention(const Environment& environment) const override;

    // Reads one transcript; public for tests.
    static Result<Session> readTranscript(const QString& path);

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
    // from there as they are asked for; its first megabytes shown to `preview` first.
    Result<std::shared_ptr<const SessionMessages>> openParts(const QString& path, const Workspace& workspace,
                                                             const SessionPreview& preview,
                                                             const std::function<void(Session&)>& complete,
                                                             const std::function<bool()>& cancelled,
                                                             const SessionCache* checkpoints) const override;
};

} // namespace chasm
