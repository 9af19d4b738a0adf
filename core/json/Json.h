// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#pragma once

#include "util/Result.h"

#include <QDateTime>
#include <QString>

#include <boost/json/parse_options.hpp>
#include <boost/json/value.hpp>

#include <functional>
#include <optional>
#include <string_view>

// Boost.JSON helpers shared by every reader and writer of session files: parsing that survives what
// real files contain (lone UTF-16 surrogate escapes, invalid UTF-8, deep nesting), typed look-ups and
// UTF-8/QString conversion.
namespace chasm::json {

// Parses one JSON text. Lone surrogate escapes are replaced by U+FFFD; invalid UTF-8 is kept as it is.
// `allowComments` accepts JSONC (comments and trailing commas), as in .code-workspace files.
// On failure the error message is `what` followed by the reason and the byte offset.
Result<boost::json::value> parse(std::string_view text, const QString& what, bool allowComments = false);

// The most a small descriptor file (workspace.json, a settings or index file) may hold: anything larger
// is not one, and is refused rather than read.
inline constexpr qint64 descriptorBytes = 1 << 20;

// Parses a whole file, if it is a regular file of at most `maxBytes` (RegularFile::readLimit() when 0).
// Errors name the file.
Result<boost::json::value> parseFile(const QString& path, bool allowComments = false, qint64 maxBytes = 0);

// Rewrites lone UTF-16 surrogate escapes (\uD83D without its pair, or a stray low surrogate) inside
// JSON strings as \uFFFD. Everything else is copied byte for byte.
std::string replaceLoneSurrogates(std::string_view text);

// A JSON document cut off mid-write (a crash, a full disk), closed after its last complete value: the
// incomplete end is dropped and the open arrays and objects are closed. Empty when the text is not a
// cut-off document (complete, or damaged some other way) or nothing complete is left.
std::optional<std::string> closeTruncated(std::string_view text);

// Parser options for session files: invalid UTF-8 is kept as it is, nesting up to 4096 levels.
boost::json::parse_options parseOptions(bool allowComments = false);

QString toQString(const boost::json::string& s);
QString toQString(std::string_view s);
boost::json::string fromQString(const QString& s);

// Typed look-ups that return a default when the key is missing or of another type.
const boost::json::value* find(const boost::json::value& v, std::string_view key);
const boost::json::array* findArray(const boost::json::value& v, std::string_view key);
// The array at `key`, or an empty one: for iterating what may be missing, without copying.
const boost::json::array& arrayAt(const boost::json::value& v, std::string_view key);
QString string(const boost::json::value& v, std::string_view key);
// Integers, or floats with an integral value (JavaScript numbers), as int64; fractions are not integers.
std::optional<qint64> integer(const boost::json::value& v, std::string_view key);
std::optional<qint64> integer(const boost::json::value& v);
std::optional<bool> boolean(const boost::json::value& v, std::string_view key);
// A time stored as an ISO 8601 string, or as a number of milliseconds (or seconds, when small) since
// the epoch, in UTC; invalid when missing or unreadable.
QDateTime dateTime(const boost::json::value& v, std::string_view key);

// Message content as the chat APIs write it: a string, or an array of parts joined by `separator`, each
// part's text given by `partText` (no value: the part is left out).
QString textOrParts(const boost::json::value* content,
                    const std::function<std::optional<QString>(const boost::json::value& part)>& partText,
                    QStringView separator);

// Serializes compactly (key order preserved).
std::string serialize(const boost::json::value& v);
// Serializes for people to read: two-space indentation, one member or element per line, key order
// preserved (unlike QJsonDocument, which sorts keys).
std::string pretty(const boost::json::value& v);

} // namespace chasm::json
