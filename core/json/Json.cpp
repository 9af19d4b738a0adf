// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#include "Json.h"

#include "util/QtVersions.h"
#include "util/RegularFile.h"

#include <QTimeZone>

#include <boost/json/parser.hpp>
#include <boost/json/serialize.hpp>

#include <cmath>
#include <vector>

using namespace Qt::StringLiterals;

namespace chasm::json {

boost::json::parse_options parseOptions(bool allowComments)
{
    boost::json::parse_options options;
    options.allow_invalid_utf8 = true;
    options.max_depth = 4096;
    options.allow_comments = allowComments;
    options.allow_trailing_commas = allowComments;
    return options;
}

namespace {

struct ParseFailure
{
    boost::system::error_code ec;
    std::size_t offset = 0;
};

std::variant<boost::json::value, ParseFailure> parseOnce(std::string_view text, bool allowComments)
{
    boost::json::parser parser({}, parseOptions(allowComments));
    boost::system::error_code ec;
    const std::size_t consumed = parser.write_some(text.data(), text.size(), ec);
    if (!ec && consumed < text.size()) {
        const std::string_view rest = text.substr(consumed);
        if (rest.find_first_not_of(" \t\r\n") != std::string_view::npos) {
            return ParseFailure{boost::json::error::extra_data, consumed};
        }
    }
    if (ec) {
        return ParseFailure{ec, consumed};
    }
    return parser.release();
}

int hexValue(char c)
{
    if (c >= '0' && c <= '9') {
        return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
        return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'F') {
        return c - 'A' + 10;
    }
    return -1;
}

// The code unit of a \uXXXX escape starting at text[pos] (the backslash), or -1.
int escapedCodeUnit(std::string_view text, std::size_t pos)
{
    if (pos + 6 > text.size() || text[pos] != '\\' || text[pos + 1] != 'u') {
        return -1;
    }
    int unit = 0;
    for (std::size_t i = pos + 2; i < pos + 6; ++i) {
        const int digit = hexValue(text[i]);
        if (digit < 0) {
            return -1;
        }
        unit = unit * 16 + digit;
    }
    return unit;
}

} // namespace

std::string replaceLoneSurrogates(std::string_view text)
{
    std::string out;
    out.reserve(text.size());
    bool inString = false;
    std::size_t i = 0;
    while (i < text.size()) {
        const char c = text[i];
        if (!inString) {
            inString = c == '"';
            out.push_back(c);
            ++i;
            continue;
        }
        if (c == '"') {
            inString = false;
            out.push_back(c);
            ++i;
            continue;
        }
        if (c != '\\') {
            out.push_back(c);
            ++i;
            continue;
        }
        const int unit = escapedCodeUnit(text, i);
        if (unit < 0) {
            // Any other escape: copy the backslash and the escaped character together.
            out.append(text.substr(i, std::min<std::size_t>(2, text.size() - i)));
            i += 2;
            continue;
        }
        if (unit >= 0xD800 && unit <= 0xDBFF) {
            const int next = escapedCodeUnit(text, i + 6);
            if (next >= 0xDC00 && next <= 0xDFFF) {
                out.append(text.substr(i, 12));
                i += 12;
                continue;
            }
            out.append("\\ufffd");
            i += 6;
            continue;
        }
        if (unit >= 0xDC00 && unit <= 0xDFFF) {
            out.append("\\ufffd");
            i += 6;
            continue;
        }
        out.append(text.substr(i, 6));
        i += 6;
    }
    return out;
}

Result<boost::json::value> parse(std::string_view text, const QString& what, bool allowComments)
{
    // Boost.JSON reports syntax as values, but memory runs out as an exception: it stops here, at the
    // reader boundary, as an error naming the file.
    std::variant<boost::json::value, ParseFailure> result;
    try {
        result = parseOnce(text, allowComments);
        if (std::holds_alternative<ParseFailure>(result)) {
            // Boost.JSON rejects lone surrogate escapes, with one of several errors; retry once repaired.
            if (const std::string repaired = replaceLoneSurrogates(text); repaired != text) {
                result = parseOnce(repaired, allowComments);
            }
        }
    } catch (const std::exception& e) {
        return Error{u"%1: too large to read (%2 bytes; %3)"_s.arg(what, QString::number(text.size()),
                                                                   QString::fromLocal8Bit(e.what()))};
    }
    if (auto* failure = std::get_if<ParseFailure>(&result)) {
        return Error{u"%1: not valid JSON: %2 (byte %3)"_s.arg(what, QString::fromStdString(failure->ec.message()),
                                                               QString::number(failure->offset))};
    }
    return std::get<boost::json::value>(std::move(result));
}

std::optional<std::string> closeTruncated(std::string_view text)
{
    struct Frame
    {
        char close;             // '}' or ']'
        bool expectKey = false; // in an object, before a member's key
    };
    std::vector<Frame> stack;
    // The end of the last complete value inside a container, and the closers it then needed.
    std::size_t safeEnd = 0;
    std::string safeClosers;
    const auto completed = [&](std::size_t end) {
        if (stack.empty()) {
            return;
        }
        safeEnd = end;
        safeClosers.clear();
        for (auto it = stack.rbegin(); it != stack.rend(); ++it) {
            safeClosers += it->close;
        }
    };
    std::size_t i = 0;
    while (i < text.size()) {
        const char c = text[i];
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == ':') {
            ++i;
        } else if (c == ',') {
            if (!stack.empty() && stack.back().close == '}') {
                stack.back().expectKey = true;
            }
            ++i;
        } else if (c == '{' || c == '[') {
            stack.push_back({c == '{' ? '}' : ']', c == '{'});
            ++i;
        } else if (c == '}' || c == ']') {
            if (stack.empty() || stack.back().close != c) {
                return std::nullopt; // damaged, not cut off
            }
            stack.pop_back();
            ++i;
            if (stack.empty()) {
                return std::nullopt; // the document is complete
            }
            completed(i);
        } else if (c == '"') {
            std::size_t j = i + 1;
            while (j < text.size() && text[j] != '"') {
                j += text[j] == '\\' ? 2 : 1;
            }
            if (j >= text.size()) {
                break; // cut off inside a string
            }
            i = j + 1;
            if (!stack.empty() && stack.back().expectKey) {
                stack.back().expectKey = false; // a key: its value comes next
            } else {
                completed(i);
            }
        } else {
            // A number or a literal: complete only when something follows it.
            std::size_t j = i;
            while (j < text.size() && std::string_view(",]} \t\r\n").find(text[j]) == std::string_view::npos) {
                ++j;
            }
            if (j >= text.size()) {
                break;
            }
            i = j;
            completed(i);
        }
    }
    if (stack.empty() || safeEnd == 0) {
        return std::nullopt;
    }
    std::string closed(text.substr(0, safeEnd));
    closed += safeClosers;
    return closed;
}

Result<boost::json::value> parseFile(const QString& path, bool allowComments, qint64 maxBytes)
{
    // Read, not mapped: editors rewrite these files in place, and a mapping of a file truncated under
    // it would crash the reader (SIGBUS) or, on Windows, make the editor's save fail.
    auto bytes = RegularFile::read(path, maxBytes > 0 ? maxBytes : RegularFile::readLimit());
    if (!bytes) {
        return bytes.error();
    }
    if (bytes->isEmpty()) {
        return Error{u"cannot read %1: the file is empty"_s.arg(path)};
    }
    return parse(std::string_view(bytes->constData(), std::size_t(bytes->size())), u"cannot read "_s + path,
                 allowComments);
}

QString toQString(const boost::json::string& s)
{
    return QString::fromUtf8(s.data(), static_cast<qsizetype>(s.size()));
}

QString toQString(std::string_view s)
{
    return QString::fromUtf8(s.data(), static_cast<qsizetype>(s.size()));
}

boost::json::string fromQString(const QString& s)
{
    const QByteArray utf8 = s.toUtf8();
    return boost::json::string(std::string_view(utf8.constData(), static_cast<std::size_t>(utf8.size())));
}

const boost::json::value* find(const boost::json::value& v, std::string_view key)
{
    const boost::json::object* object = v.if_object();
    return object ? object->if_contains(key) : nullptr;
}

const boost::json::array* findArray(const boost::json::value& v, std::string_view key)
{
    const boost::json::value* found = find(v, key);
    return found ? found->if_array() : nullptr;
}

const boost::json::array& arrayAt(const boost::json::value& v, std::string_view key)
{
    static const boost::json::array empty;
    const boost::json::array* found = findArray(v, key);
    return found ? *found : empty;
}

QString string(const boost::json::value& v, std::string_view key)
{
    const boost::json::value* found = find(v, key);
    if (found && found->is_string()) {
        return toQString(found->get_string());
    }
    return {};
}

std::optional<qint64> integer(const boost::json::value& v)
{
    if (v.is_int64()) {
        return v.get_int64();
    }
    if (v.is_uint64() && v.get_uint64() <= static_cast<std::uint64_t>(std::numeric_limits<qint64>::max())) {
        return static_cast<qint64>(v.get_uint64());
    }
    if (v.is_double() && std::isfinite(v.get_double()) && std::abs(v.get_double()) < 9.2e18 &&
        std::trunc(v.get_double()) == v.get_double()) {
        return static_cast<qint64>(v.get_double());
    }
    return std::nullopt;
}

std::optional<qint64> integer(const boost::json::value& v, std::string_view key)
{
    const boost::json::value* found = find(v, key);
    return found ? integer(*found) : std::nullopt;
}

std::optional<bool> boolean(const boost::json::value& v, std::string_view key)
{
    const boost::json::value* found = find(v, key);
    if (found && found->is_bool()) {
        return found->get_bool();
    }
    return std::nullopt;
}

namespace {

// "2026-01-02T03:04:05.678Z", the form every JSON Lines log writes its times in, read as
// QDateTime::fromString(Qt::ISODateWithMs) reads it (to a UTC time) but without its splitting and
// conversions, which a listing paid for every record. Anything else is left to fromString.
QDateTime utcTime(std::string_view text)
{
    if (text.size() != 24 || text[4] != '-' || text[7] != '-' || text[10] != 'T' || text[13] != ':' ||
        text[16] != ':' || text[19] != '.' || text[23] != 'Z') {
        return {};
    }
    bool digits = true;
    const auto number = [&text, &digits](std::size_t at, std::size_t length) {
        int value = 0;
        for (std::size_t i = at; i < at + length; ++i) {
            digits = digits && text[i] >= '0' && text[i] <= '9';
            value = value * 10 + (text[i] - '0');
        }
        return value;
    };
    const QDate date(number(0, 4), number(5, 2), number(8, 2));
    const QTime time(number(11, 2), number(14, 2), number(17, 2), number(20, 3));
    if (!digits || !date.isValid() || !time.isValid()) {
        return {};
    }
    return utcDateTime(date, time);
}

} // namespace

QDateTime dateTime(const boost::json::value& v, std::string_view key)
{
    const boost::json::value* found = find(v, key);
    if (!found) {
        return {};
    }
    if (found->is_string()) {
        if (QDateTime time = utcTime(found->get_string()); time.isValid()) {
            return time;
        }
        const QString text = toQString(found->get_string());
        QDateTime time = QDateTime::fromString(text, Qt::ISODateWithMs);
        if (!time.isValid()) {
            bool isNumber = false;
            const qint64 number = text.toLongLong(&isNumber);
            return isNumber ? dateTime(boost::json::object{{"t", number}}, "t") : QDateTime();
        }
        return time.toUTC();
    }
    const auto number = integer(*found);
    if (!number || *number <= 0) {
        return {};
    }
    // Seconds until the year 5138, milliseconds after.
    const qint64 ms = *number < 100'000'000'000 ? *number * 1000 : *number;
    return QDateTime::fromMSecsSinceEpoch(ms, QTimeZone::utc());
}

QString textOrParts(const boost::json::value* content,
                    const std::function<std::optional<QString>(const boost::json::value& part)>& partText,
                    QStringView separator)
{
    if (!content) {
        return {};
    }
    if (content->is_string()) {
        return toQString(content->get_string());
    }
    QStringList parts;
    if (const boost::json::array* items = content->if_array()) {
        for (const boost::json::value& item : *items) {
            if (auto text = partText(item)) {
                parts << *text;
            }
        }
    }
    return parts.join(separator);
}

std::string serialize(const boost::json::value& v)
{
    return boost::json::serialize(v);
}

namespace {

void appendPretty(std::string& out, const boost::json::value& v, int depth)
{
    const auto newline = [&out](int level) {
        out += '\n';
        out.append(std::size_t(level) * 2, ' ');
    };
    if (const boost::json::object* object = v.if_object(); object && !object->empty()) {
        out += '{';
        bool first = true;
        for (const auto& member : *object) {
            out += first ? "" : ",";
            first = false;
            newline(depth + 1);
            out += boost::json::serialize(boost::json::string_view(member.key()));
            out += ": ";
            appendPretty(out, member.value(), depth + 1);
        }
        newline(depth);
        out += '}';
    } else if (const boost::json::array* array = v.if_array(); array && !array->empty()) {
        out += '[';
        for (std::size_t i = 0; i < array->size(); ++i) {
            out += i ? "," : "";
            newline(depth + 1);
            appendPretty(out, (*array)[i], depth + 1);
        }
        newline(depth);
        out += ']';
    } else {
        out += boost::json::serialize(v);
    }
}

} // namespace

std::string pretty(const boost::json::value& v)
{
    std::string out;
    appendPretty(out, v, 0);
    return out;
}

} // namespace chasm::json
