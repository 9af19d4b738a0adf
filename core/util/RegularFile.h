// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#pragma once

#include "util/Result.h"

#include <QByteArray>
#include <QString>

#include <optional>

class QFile;

namespace chasm {

// Opens the files Chasm reads only when they are regular files of a size it is willing to read. A FIFO, a
// socket or a device (or a link to one) put where a session file is expected would otherwise block a
// listing forever in open(), or feed it endless bytes. The type is checked on the opened descriptor (opened
// without blocking, then fstat), so a file swapped between a check and the open cannot pass.
class RegularFile
{
public:
    // The most Chasm reads from one file, in bytes: CHASM_MAX_FILE_MB megabytes, 4096 by default.
    static qint64 readLimit();

    // Opens `path` for reading into `file` (which must not be open) if it is a regular file no larger than
    // `limit` bytes; otherwise the error names the file and what it is.
    static std::optional<Error> open(QFile& file, const QString& path, qint64 limit = readLimit());
    // Whether `path` is a regular file (links followed) that can be opened: the check above, for files a
    // library opens by name (SQLite). A missing file is an error too.
    static std::optional<Error> check(const QString& path);
    // The whole file, if it is regular and holds at most `limit` bytes (also when it grows while read).
    static Result<QByteArray> read(const QString& path, qint64 limit = readLimit());
    // Why a file over `limit` bytes is not read ("it is larger than …").
    static QString tooLarge(qint64 limit);
};

} // namespace chasm
