// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#pragma once

#include "providers/Provider.h"

namespace chasm {

// The sessions no tool's store holds, which only the harvest database keeps: the chats of `chasm run` and the
// sessions recorded over the API. A provider like the tools', read from the database ($CHASM_DB, else the default),
// so that listing, showing, exporting, merging and the app's panes have them as they have the tools' sessions. Its
// one workspace is the database; harvests leave it out (they are what fills the database).
class KeptProvider final : public Provider
{
public:
    KeptProvider(Identity identity, QString databasePath);

    QStringList storageLocations(const Environment& environment) const override;
    QList<Workspace> workspaces(const Environment& environment) const override;
    QList<SessionRef> sessions(const QList<Workspace>& workspaces, SessionCache& cache, Listing listing) const override;
    Result<Session> load(const SessionRef& session, const SessionPreview& preview = {}) const override;

private:
    QString m_database;
};

} // namespace chasm
