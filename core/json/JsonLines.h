// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#pragma once

#include "util/Result.h"

#include <QStringList>

#include <boost/json/value.hpp>

#include <functional>
#include <initializer_list>
#include <string_view>

namespace chasm::json {

// Reads a JSON Lines file record by record, streamed. Each record stands alone, so a damaged line is
// skipped with a warning rather than failing the file; a damaged last line is reported as cut off by a
// crash (or as still being written). Lone surrogate escapes are repaired as in parse().
// `record` gets each parsed value and its 1-based line number. The result holds the warnings.
Result<QStringList> readLines(const QString& path,
                              const std::function<void(boost::json::value&& record, int line)>& record);

// The same for a reader that needs only part of each record: the values at the key paths `leftOut` are checked as
// JSON but not built. A path names keys from the record's root, separated by dots, arrays passed through:
// "message.content.input" is the "input" of the object at message.content or of any object in that array (32 paths
// at most; more are built). Each
// record is handed over for the time of the call only. A line this cannot read is read as readLines() reads it,
// so that the records it hands over and the warnings are the same, but for what is left out.
Result<QStringList> readLines(const QString& path, std::initializer_list<std::string_view> leftOut,
                              const std::function<void(const boost::json::value& record, int line)>& record);

} // namespace chasm::json
