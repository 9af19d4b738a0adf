// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#pragma once

#include "util/Result.h"

#include <QString>

#include <memory>
#include <optional>

class QIODevice;

namespace chasm {

// A tar compressed with zstd, read or written entry by entry through libarchive (what a migration package is, see
// ops/MigrationPackage.h). libarchive and the compression, XML and crypto libraries it brings cost a process about
// 3 ms at start, so the command line loads them from the module chasm-archive when a package is first read or
// written (MigrationPackage's default); the tests link them in (the library chasm_archive) and say so with
// MigrationPackage::useArchive(libArchive()). The errors hold libarchive's words only: the caller names the file.

// An entry's header, as the archive says it.
struct TarEntry
{
    QString name;
    bool regularFile = false; // not a folder, link or device
    bool sized = false;       // its size is given
    qint64 size = 0;
};

class TarReader
{
public:
    virtual ~TarReader() = default;
    // The next entry's header; nothing at the end of the archive.
    virtual Result<std::optional<TarEntry>> next() = 0;
    // At most `capacity` bytes of the current entry's data into `buffer`: how many, 0 at its end.
    virtual Result<qint64> read(char* buffer, qint64 capacity) = 0;
};

class TarWriter
{
public:
    virtual ~TarWriter() = default;
    // Starts an entry: a regular file of `size` bytes, readable by its owner only, changed at `modified` (seconds
    // since 1970); its data follows with write().
    virtual std::optional<Error> add(const QString& name, qint64 size, qint64 modified) = 0;
    virtual std::optional<Error> write(const char* data, qint64 size) = 0;
    // Ends the archive (the compressed stream is flushed to the device, with no padding after it).
    virtual std::optional<Error> close() = 0;
};

struct ArchiveLibrary
{
    Result<std::unique_ptr<TarReader>> (*openTarZstd)(const QString& path);
    // Written to `out`, which must stay open until close().
    Result<std::unique_ptr<TarWriter>> (*createTarZstd)(QIODevice& out);
};

// The tar over libarchive, in chasm_archive and in the module.
const ArchiveLibrary& libArchive();

// The module's one exported symbol, a function returning libArchive(), is named this.
inline constexpr char archivePluginEntry[] = "chasmArchivePlugin";
// The module's base name: QLibrary adds the platform's prefix and suffix.
inline constexpr char archivePluginName[] = "chasm-archive";

} // namespace chasm
