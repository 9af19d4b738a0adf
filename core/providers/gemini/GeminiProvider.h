// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#pragma once

#include "providers/SessionFileProvider.h"

namespace chasm {

// Gemini CLI: ~/.gemini/tmp/<project>/chats/session-*.jsonl (since 0.39; session-*.json before), where
// <project> is a short name registered in ~/.gemini/projects.json (since 0.29) or the SHA-256 of the
// project root (before). $GEMINI_CLI_HOME replaces the home directory.
class GeminiProvider final : public SessionFileProvider
{
public:
    GeminiProvider();
    QStringList storageLocations(const Environment& environment) const override;
    QList<Workspace> workspaces(const Environment& environment) const override;
    // general.sessionRetention in settings.json (by default on, 30 days).
    RetentionRule retention(const Environment& environment) const override;

protected:
    QStringList sessionFiles(const Workspace& workspace) const override;
    Result<Session> readSession(const QString& path, const Workspace& workspace,
                                const SessionPreview& preview) const override;
    QString nativeIdOfUnreadable(const QString& path) const override;
};

// The chats/ folders of a Gemini-style tmp/ directory as workspaces of `provider` (Gemini CLI, and
// Qwen Code's older layout). `projectsFile` maps project roots to folder names, when there is one.
QList<Workspace> geminiStyleWorkspaces(const SessionFileProvider& provider, const QString& tmpDirectory,
                                       const QString& projectsFile);
QStringList geminiStyleSessionFiles(const Workspace& workspace);

} // namespace chasm
