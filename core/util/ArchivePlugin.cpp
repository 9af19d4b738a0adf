// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

// The chasm-archive module's entry: MigrationPackage loads it (QLibrary) when a package is first read or written, so
// that libarchive is loaded by the migration commands only.

#include "TarArchive.h"

extern "C" Q_DECL_EXPORT const chasm::ArchiveLibrary* chasmArchivePlugin()
{
    return &chasm::libArchive();
}
