// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#pragma once

#include "ops/Registrar.h"

#include <QHash>

namespace chasm {

// The Registrar's index writer: the entries an editor's session index (state.vscdb) holds, written
// through a transaction, and `register`, which adds or corrects them from the session files.
class IndexWriter
{
public:
    // See Registrar::registerSessions.
    static Result<Registrar::Report> registerSessions(const Workspace& workspace, const QStringList& ids,
                                                      const QStringList& titles, const Registrar::Options& options);

    // The index's entries by session id, as stored; none when there is no index yet.
    static Result<QHash<QString, boost::json::object>> stored(const QString& database);
    // Backs the database up and writes the entries (the editor was checked before anything was written).
    static std::optional<Error> write(const Workspace& workspace, const QList<boost::json::object>& entries,
                                      const Registrar::Options& options, FileTransaction& transaction);
    // Warns when the index now lists more sessions than the editor keeps.
    static void warnAboutLimit(const QString& database, Registrar::Report& report);
};

} // namespace chasm
