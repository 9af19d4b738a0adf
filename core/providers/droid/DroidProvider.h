// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#pragma once

#include "providers/SessionFileProvider.h"

namespace chasm {

// Factory's droid: ~/.factory/sessions/<project folder, "/" as "-">/<id>.jsonl with a
// <id>.settings.json beside it (model, token usage). Records: session_start (title, cwd), message
// (an Anthropic-shaped message with content blocks), agent_turn_outcome.
class DroidProvider final : public SessionFileProvider
{
public:
    DroidProvider();
    QStringList storageLocations(const Environment& environment) const override;
    QList<Workspace> workspaces(const Environment& environment) const override;

    // Reads one session and its settings file; public for tests.
    static Result<Session> readSessionFile(const QString& path);

protected:
    QStringList sessionFiles(const Workspace& workspace) const override;
    Result<Session> readSession(const QString& path, const Workspace& workspace,
                                const SessionPreview& preview) const override;
};

} // namespace chasm
