// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#pragma once

#include "providers/Provider.h"

namespace chasm {

// OpenCode: since 1.2 one SQLite store, ~/.local/share/opencode/opencode.db ($OPENCODE_DB overrides),
// with tables session, message (JSON `data`) and part (JSON `data`: text, reasoning, tool, file,
// step-start/finish, ...); before that a JSON tree in ~/.local/share/opencode/storage/
// (session/<project>/<ses>.json, message/<ses>/<msg>.json, part/<msg>/<prt>.json). Both are read;
// the store is never written (it usually has most of its rows in the -wal file).
class OpenCodeProvider final : public Provider
{
public:
    OpenCodeProvider();
    QStringList storageLocations(const Environment& environment) const override;
    QList<Workspace> workspaces(const Environment& environment) const override;
    QList<SessionRef> sessions(const QList<Workspace>& workspaces, SessionCache& cache, Listing listing) const override;
    Result<Session> load(const SessionRef& session, const SessionPreview& preview = {}) const override;
};

} // namespace chasm
