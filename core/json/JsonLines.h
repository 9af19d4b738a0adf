// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#pragma once

#include "util/Result.h"

#include <QStringList>

#include <boost/json/value.hpp>

#include <functional>
#include <initializer_list>
#include <string_view>

class QFile;

namespace chasm::json {

// Reads a JSON Lines file record by record, streamed. Each record stands alone, so a damaged line is
// skipped with a warning rather than failing the file; a damaged last line is reported as cut off by a
// crash (or as still being written). Lone surrogate escapes are repaired as in parse().
// `record` gets each parsed value and its 1-based line number. The result holds the warnings.
Result<QStringList> readLines(const QString& path,
                              const std::function<void(boost::json::value&& record, int line)>& record);

// A part of a JSON Lines file to read: from a line's start to a byte (a line that goes past it is read as cut there).
struct Span
{
    qint64 from = 0;
    qint64 until = -1; // the file's end when negative
    int firstLine = 1; // the number of the line at `from`
};

// What reading a part of a file found: its warnings, and where a read of what is appended to the file later goes on
// from. That is past the last line, unless the last line could not be read (it may be being written: it is read
// again then).
struct LinesRead
{
    QStringList warnings;
    qint64 settled = 0;
    int settledLine = 1;     // the number of the line at `settled`
    int settledWarnings = 0; // how many of the warnings are of lines before `settled`
};

// The same for a reader that needs only part of each record: the values at the key paths `leftOut` are checked as
// JSON but not built. A path names keys from the record's root, separated by dots, arrays passed through:
// "message.content.input" is the "input" of the object at message.content or of any object in that array (32 paths
// at most; more are built). Each
// record is handed over for the time of the call only. A line this cannot read is read as readLines() reads it,
// so that the records it hands over and the warnings are the same, but for what is left out.
Result<QStringList> readLines(const QString& path, std::initializer_list<std::string_view> leftOut,
                              const std::function<void(const boost::json::value& record, int line)>& record);

// Where a record handed over by a read of a span is: its line's number, and the bytes of the line (its newline
// included, and cut at the span's end).
struct LineAt
{
    int number = 0;
    qint64 offset = 0;
    qint64 end = 0;
};

// The same of a span of the file at `path`, opened for reading as `file` (RegularFile::open), whole records or with
// values left out, for a reader that may stop: reading stops when `record` returns false. A span that does not start at
// the file's start may hold no record; its last line is then reported as a warning when it cannot be read, not as an
// error. What reads a file in several spans or passes keeps it open between them: a file put in its place meanwhile is
// not read.
Result<LinesRead> readLines(const QString& path, QFile& file, const Span& span,
                            const std::function<bool(boost::json::value&& record, const LineAt& at)>& record);
Result<LinesRead> readLines(const QString& path, QFile& file, const Span& span,
                            std::initializer_list<std::string_view> leftOut,
                            const std::function<bool(const boost::json::value& record, const LineAt& at)>& record);

} // namespace chasm::json
