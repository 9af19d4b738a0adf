// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#pragma once

#include <QSqlDatabase>

struct sqlite3;

namespace chasm {

// The sqlite3 connection behind a QSQLITE QSqlDatabase, for what Qt's API does not offer (incremental blob I/O,
// sqlite3_interrupt, functions of our own): only when the Qt SQLite driver uses the very SQLite library Chasm links
// (the system's libsqlite3), since a connection handed to another copy of SQLite's code would corrupt its state.
// That is checked once per process: the driver's plugin is found from its object's virtual table (dladdr), and the
// sqlite3_libversion it resolves must be ours. A Qt that bundles its own SQLite, another driver, a connection not
// open, and Windows (where the plugin bundles SQLite) give nullptr: the caller then keeps to Qt's API.
// The pointer is the connection's, valid while it is open, and used on the connection's thread only.
sqlite3* nativeSqlite(const QSqlDatabase& db);

} // namespace chasm
