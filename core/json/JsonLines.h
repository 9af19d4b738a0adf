#pragma once

#include "util/Result.h"

#include <QStringList>

#include <boost/json/value.hpp>

#include <functional>

namespace chasm::json {

// Reads a JSON Lines file record by record, streamed. Each record stands alone, so a damaged line is
// skipped with a warning rather than failing the file; a damaged last line is reported as cut off by a
// crash (or as still being written). Lone surrogate escapes are repaired as in parse().
// `record` gets each parsed value and its 1-based line number. The result holds the warnings.
Result<QStringList> readLines(const QString& path,
                              const std::function<void(boost::json::value&& record, int line)>& record);

} // namespace chasm::json
