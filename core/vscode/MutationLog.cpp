// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#include "MutationLog.h"

#include "json/Json.h"

#include <algorithm>
#include <charconv>
#include <cstring>

using namespace Qt::StringLiterals;

namespace chasm {

namespace {

enum class EntryKind
{
    Initial = 0,
    Set = 1,
    Push = 2,
    Delete = 3,
};

constexpr std::size_t maxGrowth = MutationLog::maxGrowth;

} // namespace

// JavaScript indexes arrays with either; "01" or "1.5" would be property names, not indexes.
std::optional<std::size_t> MutationLog::arrayIndex(const boost::json::value& key)
{
    if (!key.is_string()) {
        const auto number = json::integer(key);
        return number && *number >= 0 && *number < 4'294'967'295 ? std::optional<std::size_t>(*number) : std::nullopt;
    }
    const boost::json::string& s = key.get_string();
    if (s.empty() || s.size() > 10 || (s.size() > 1 && s.front() == '0')) {
        return std::nullopt;
    }
    std::size_t index = 0;
    const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), index);
    if (ec != std::errc() || end != s.data() + s.size() || index >= 4'294'967'295) {
        return std::nullopt;
    }
    return index;
}

namespace {

// An object key from a path element: a string, or a number written as JavaScript would.
std::optional<std::string> objectKey(const boost::json::value& key)
{
    if (const boost::json::string* s = key.if_string()) {
        return std::string(*s);
    }
    if (const auto number = json::integer(key)) {
        return std::to_string(*number);
    }
    return std::nullopt;
}

boost::json::value* child(boost::json::value& container, const boost::json::value& key)
{
    if (boost::json::object* object = container.if_object()) {
        const auto name = objectKey(key);
        return name ? object->if_contains(*name) : nullptr;
    }
    if (boost::json::array* array = container.if_array()) {
        const auto index = MutationLog::arrayIndex(key);
        return index && *index < array->size() ? &(*array)[*index] : nullptr;
    }
    return nullptr;
}

QString describePath(const boost::json::array& path)
{
    QString text;
    for (const boost::json::value& element : path) {
        if (element.is_string()) {
            text += u'.' + json::toQString(element.get_string());
        } else {
            text += u'[' + QString::fromStdString(json::serialize(element)) + u']';
        }
    }
    return text.isEmpty() ? u"<root>"_s : text;
}

// Walks to the container that holds the path's last element.
boost::json::value* parentOf(boost::json::value& state, const boost::json::array& path)
{
    boost::json::value* current = &state;
    for (std::size_t i = 0; i + 1 < path.size() && current; ++i) {
        current = child(*current, path[i]);
    }
    return current;
}

// Assigns `value` under `key`; an absent value deletes (an object key disappears, an array slot
// becomes null, as JSON.stringify writes undefined).
bool assign(boost::json::value& container, const boost::json::value& key, std::optional<boost::json::value> value)
{
    if (boost::json::object* object = container.if_object()) {
        const auto name = objectKey(key);
        if (!name) {
            return false;
        }
        if (value) {
            (*object)[*name] = std::move(*value);
        } else {
            object->stable_erase(*name);
        }
        return true;
    }
    if (boost::json::array* array = container.if_array()) {
        const auto index = MutationLog::arrayIndex(key);
        if (!index) {
            return false;
        }
        if (*index >= array->size()) {
            if (!value) {
                return true;
            }
            if (*index - array->size() > maxGrowth) {
                return false;
            }
            array->resize(*index + 1);
        }
        (*array)[*index] = value ? std::move(*value) : boost::json::value(nullptr);
        return true;
    }
    return false;
}

} // namespace

std::optional<QString> MutationLog::apply(boost::json::value& state, bool& initialized, boost::json::value&& entry)
{
    boost::json::object* object = entry.if_object();
    if (!object) {
        return u"the entry is not a JSON object"_s;
    }
    const auto kind = json::integer(entry, "kind");
    if (!kind || *kind < 0 || *kind > 3) {
        const boost::json::value* given = object->if_contains("kind");
        return u"unknown entry kind "_s + (given ? QString::fromStdString(json::serialize(*given)) : u"(missing)"_s);
    }
    boost::json::value* v = object->if_contains("v");
    if (static_cast<EntryKind>(*kind) == EntryKind::Initial) {
        state = v ? std::move(*v) : boost::json::value();
        initialized = true;
        return std::nullopt;
    }
    if (!initialized) {
        return u"the log is missing an initial entry (kind 0)"_s;
    }
    const boost::json::value* k = object->if_contains("k");
    const boost::json::array* path = k ? k->if_array() : nullptr;
    if (!path) {
        return u"the entry has no key path"_s;
    }

    switch (static_cast<EntryKind>(*kind)) {
    case EntryKind::Set:
    case EntryKind::Delete: {
        if (path->empty()) {
            return std::nullopt; // VS Code ignores a set at the root.
        }
        boost::json::value* parent = parentOf(state, *path);
        std::optional<boost::json::value> value;
        // A set without "v" was written from undefined: like a delete, the key disappears.
        if (static_cast<EntryKind>(*kind) == EntryKind::Set && v) {
            value = std::move(*v);
        }
        if (!parent || !assign(*parent, path->back(), std::move(value))) {
            return u"no value at %1"_s.arg(describePath(*path));
        }
        return std::nullopt;
    }
    case EntryKind::Push: {
        boost::json::value* target = nullptr;
        if (path->empty()) {
            target = &state;
        } else if (boost::json::value* parent = parentOf(state, *path)) {
            target = child(*parent, path->back());
            const bool falsy = !target || target->is_null() || (target->is_bool() && !target->get_bool()) ||
                               (target->is_string() && target->get_string().empty()) ||
                               (target->is_number() && target->to_number<double>() == 0);
            if (falsy) {
                if (!assign(*parent, path->back(), boost::json::array())) {
                    return u"no value at %1"_s.arg(describePath(*path));
                }
                target = child(*parent, path->back());
            }
        }
        boost::json::array* array = target ? target->if_array() : nullptr;
        if (!array) {
            return u"no array at %1"_s.arg(describePath(*path));
        }
        if (const boost::json::value* i = object->if_contains("i")) {
            const auto length = json::integer(*i);
            if (!length || *length < 0 || std::size_t(*length) > array->size() + maxGrowth) {
                return u"invalid push start index at %1"_s.arg(describePath(*path));
            }
            array->resize(static_cast<std::size_t>(*length));
        }
        if (v && v->is_array()) {
            for (boost::json::value& item : v->get_array()) {
                array->push_back(std::move(item));
            }
        } else if (v && !v->is_null()) {
            return u"invalid push payload at %1"_s.arg(describePath(*path));
        }
        return std::nullopt;
    }
    case EntryKind::Initial:
        break;
    }
    return std::nullopt;
}

MutationLog::MutationLog(QString name, Damage damage)
    : m_name(std::move(name))
    , m_damage(damage)
    , m_parser({}, json::parseOptions())
{}

Error MutationLog::fatal(const LineFailure& failure) const
{
    return Error{u"cannot read %1: line %2 is not valid JSON: %3 (byte %4)"_s.arg(
        m_name, QString::number(failure.line), failure.reason, QString::number(failure.offset))};
}

std::optional<Error> MutationLog::addLine(std::string_view line, qint64 offset)
{
    ++m_lineNumber;
    std::size_t pos = line.find_first_not_of(" \t\r");
    if (pos == std::string_view::npos) {
        return std::nullopt; // VS Code skips empty lines
    }
    if (m_failure) {
        return fatal(*m_failure); // the damaged line was not the last one
    }
    bool triedRepair = false;
    bool firstRecord = true;
    while (pos != std::string_view::npos && pos < line.size()) {
        m_parser.reset();
        boost::system::error_code ec;
        const std::size_t consumed = m_parser.write_some(line.data() + pos, line.size() - pos, ec);
        if (ec && !triedRepair) {
            // Boost.JSON rejects lone surrogate escapes; retry the rest of the line once with them
            // repaired (records before them on the line are already applied).
            triedRepair = true;
            std::string rest = json::replaceLoneSurrogates(line.substr(pos));
            if (rest != line.substr(pos)) {
                // The repair keeps every escape six bytes long, so offsets stay those of the file.
                m_repaired = std::string(line.substr(0, pos)) + rest;
                line = m_repaired;
                continue;
            }
        }
        if (ec && m_damage != Damage::Read) {
            if (m_result.skippedLines.isEmpty() || m_result.skippedLines.constLast() != m_lineNumber) {
                m_result.skippedLines.append(m_lineNumber);
            }
            // Aggressively: the next record that starts on this line, after the damage.
            const std::size_t next = m_damage == Damage::SalvageAggressively
                                         ? line.find("{\"kind\":", pos + std::max<std::size_t>(consumed, 1))
                                         : std::string_view::npos;
            pos = next;
            continue;
        }
        if (ec) {
            m_failure =
                LineFailure{m_lineNumber, QString::fromStdString(ec.message()), offset + qint64(pos + consumed)};
            return std::nullopt;
        }
        if (!firstRecord) {
            ++m_result.concatenatedRecords;
        }
        firstRecord = false;
        boost::json::value entry = m_parser.release();
        std::optional<QString> problem;
        if (m_filter) {
            problem = m_filter(
                entry, Record{offset + qint64(pos), qint64(consumed), m_lineNumber, line.substr(pos, consumed)});
        }
        if (!problem && !entry.is_null()) {
            problem = apply(m_result.state, m_initialized, std::move(entry));
        }
        if (problem) {
            if (m_damage != Damage::SalvageAggressively) {
                return Error{u"cannot read %1: line %2: %3"_s.arg(m_name, QString::number(m_lineNumber), *problem)};
            }
            ++m_result.skippedEntries;
        } else {
            ++m_result.entries;
        }
        pos = line.find_first_not_of(" \t\r", pos + consumed);
    }
    return std::nullopt;
}

void MutationLog::resume(boost::json::value state, int lines, int entries, int concatenatedRecords)
{
    Q_ASSERT(m_damage == Damage::Read && m_lineNumber == 0);
    m_result.state = std::move(state);
    m_result.entries = entries;
    m_result.concatenatedRecords = concatenatedRecords;
    m_initialized = true;
    m_lineNumber = lines;
}

Result<MutationLog::Replay> MutationLog::finish()
{
    if (!m_result.skippedLines.isEmpty() || m_result.skippedEntries > 0) {
        QStringList lines;
        for (const int line : std::as_const(m_result.skippedLines)) {
            lines << QString::number(line);
        }
        m_result.warnings << u"%1: salvaged: %2 damaged line(s) skipped (%3), %4 entr(ies) that could not apply "
                             "skipped"_s.arg(m_name)
                                 .arg(m_result.skippedLines.size())
                                 .arg(lines.isEmpty() ? u"none"_s : lines.join(u", "_s))
                                 .arg(m_result.skippedEntries);
    }
    if (m_failure) {
        m_result.truncatedTail = true;
        m_result.warnings << u"%1: line %2 is incomplete or damaged (%3, byte %4): it was cut off by a crash, or is "
                             "still being written; it was ignored"_s.arg(m_name, QString::number(m_failure->line),
                                                                         m_failure->reason,
                                                                         QString::number(m_failure->offset));
    }
    if (!m_initialized) {
        if (m_result.truncatedTail) {
            return fatal(*m_failure);
        }
        return Error{u"cannot read %1: the log is empty"_s.arg(m_name)};
    }
    if (m_result.concatenatedRecords > 0) {
        m_result.warnings << u"%1: %2 record(s) were joined to the previous one without a newline; they were split"_s
                                 .arg(m_name, QString::number(m_result.concatenatedRecords));
    }
    return std::move(m_result);
}

Result<MutationLog::Replay> MutationLog::replay(std::string_view content, const QString& name)
{
    MutationLog log(name);
    std::size_t start = 0;
    while (start < content.size()) {
        const std::size_t newline = content.find('\n', start);
        const std::size_t end = newline == std::string_view::npos ? content.size() : newline;
        if (auto error = log.addLine(content.substr(start, end - start), qint64(start))) {
            return *error;
        }
        start = end + 1;
    }
    return log.finish();
}

} // namespace chasm
