// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#pragma once

#include "providers/vscode/VsCodeProvider.h"

namespace chasm {

// Windsurf: its VS Code-style chatSessions/ are read as for VS Code. Its Cascade conversations
// (~/.codeium/windsurf/cascade/*.pb) are encrypted protobuf: Chasm lists them so that a person knows
// they exist and where, each marked unreadable with the reason, and does not pretend to read them.
class WindsurfProvider final : public Provider
{
public:
    WindsurfProvider();

    QStringList storageLocations(const Environment& environment) const override;
    QList<Workspace> workspaces(const Environment& environment) const override;
    QList<SessionRef> sessions(const QList<Workspace>& workspaces, SessionCache& cache, Listing listing) const override;
    Result<Session> load(const SessionRef& session, const SessionPreview& preview = {}) const override;
    Result<QString> nativeRecord(const SessionRef& session, int nativeIndex) const override;

private:
    VsCodeProvider m_chatSessions;
};

} // namespace chasm
