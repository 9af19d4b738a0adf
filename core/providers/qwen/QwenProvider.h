// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#pragma once

#include "providers/SessionFileProvider.h"

namespace chasm {

// Qwen Code: ~/.qwen/projects/<project folder, "/" as "-">/chats/<sessionId>.jsonl, records with a
// uuid chain and Gemini-style message parts (text, functionCall, functionResponse). Older versions
// kept Gemini CLI's layout under ~/.qwen/tmp/, which is read as Gemini CLI's.
class QwenProvider final : public SessionFileProvider
{
public:
    QwenProvider();
    QStringList storageLocations(const Environment& environment) const override;
    QList<Workspace> workspaces(const Environment& environment) const override;
    // None for chats (its cleanupPeriodDays sweeps other files).
    RetentionRule retention(const Environment& environment) const override;

    // Reads one chat of the current layout; public for tests.
    static Result<Session> readChat(const QString& path);

protected:
    QStringList sessionFiles(const Workspace& workspace) const override;
    Result<Session> readSession(const QString& path, const Workspace& workspace,
                                const SessionPreview& preview) const override;
    QString nativeIdOfUnreadable(const QString& path) const override;
};

} // namespace chasm
