// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#pragma once

#include "providers/SessionFileProvider.h"

namespace chasm {

// Continue (the IDE extensions and the `cn` CLI): ~/.continue/sessions/<sessionId>.json, one document
// per session rewritten on every turn ({sessionId, title, workspaceDirectory, history[]}), indexed by
// sessions.json. $CONTINUE_GLOBAL_DIR replaces ~/.continue.
class ContinueProvider final : public SessionFileProvider
{
public:
    ContinueProvider();
    QStringList storageLocations(const Environment& environment) const override;
    QList<Workspace> workspaces(const Environment& environment) const override;

    // Reads one session document; public for tests.
    static Result<Session> readDocument(const QString& path);

protected:
    QStringList sessionFiles(const Workspace& workspace) const override;
    Result<Session> readSession(const QString& path, const Workspace& workspace,
                                const SessionPreview& preview) const override;
};

} // namespace chasm
