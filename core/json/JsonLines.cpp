// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#include "JsonLines.h"

#include "json/Json.h"
#include "util/LineReader.h"
#include "util/RegularFile.h"

#include <QFile>

#include <boost/json/basic_parser_impl.hpp>
#include <boost/json/monotonic_resource.hpp>
#include <boost/json/value_stack.hpp>

#include <algorithm>
#include <memory>
#include <string>
#include <vector>

using namespace Qt::StringLiterals;

namespace chasm::json {

namespace {

// Reads the records of a JSON Lines file: `take` parses one line and hands its record on, or says that the line is
// not valid JSON. The warnings and errors are those of readLines().
Result<QStringList> readRecords(const QString& path, const std::function<bool(std::string_view line, int number)>& take)
{
    QFile file;
    if (auto error = RegularFile::open(file, path)) {
        return *error;
    }
    QStringList warnings;
    std::optional<QString> damaged; // the last damaged line, until a later line shows it was not the last
    int lineNumber = 0;
    int records = 0;
    LineReader lines(file);
    while (const auto line = lines.next()) {
        ++lineNumber;
        if (line->find_first_not_of(" \t\r") == std::string_view::npos) {
            continue;
        }
        if (damaged) {
            warnings << *damaged + u"; the line was skipped"_s;
            damaged.reset();
        }
        if (!take(*line, lineNumber)) {
            // The line is named only when it is damaged, not formatted for each of the thousands of good lines.
            damaged = parse(*line, u"%1: line %2"_s.arg(path, QString::number(lineNumber))).error().message;
            continue;
        }
        ++records;
    }
    if (!lines.error().isEmpty()) {
        return Error{u"cannot read %1: %2"_s.arg(path, lines.error())};
    }
    if (damaged) {
        if (records == 0) {
            return Error{u"cannot read "_s + *damaged};
        }
        warnings << *damaged + u"; the last line is incomplete (cut off by a crash, or still being written) and "
                               "was ignored"_s;
    }
    if (records == 0) {
        return Error{u"cannot read %1: the file holds no records"_s.arg(path)};
    }
    return warnings;
}

// The key paths a reader leaves out, split into keys.
using KeyPaths = std::vector<std::vector<std::string_view>>;

// Builds a record as boost::json::parser's own handler does, on the same value_stack, but for the values at the key
// paths left out, which the parser checks and this drops. Which paths a value may still lead into is a bit mask
// kept with each open object and array (an array passes its own on to its elements).
class PruningHandler
{
public:
    static constexpr std::size_t max_object_size = boost::json::object::max_size();
    static constexpr std::size_t max_array_size = boost::json::array::max_size();
    static constexpr std::size_t max_key_size = boost::json::string::max_size();
    static constexpr std::size_t max_string_size = boost::json::string::max_size();

    explicit PruningHandler(const KeyPaths& paths)
        : m_paths(paths)
        , m_all(paths.size() >= 32 ? ~quint32(0) : (quint32(1) << paths.size()) - 1)
    {}

    boost::json::value_stack st;

    void reset(boost::json::storage_ptr storage)
    {
        st.reset(std::move(storage));
        m_frames.clear();
        m_key.clear();
        m_skipped = 0;
        m_skipNext = false;
    }

    bool on_document_begin(boost::json::error_code&) { return true; }
    bool on_document_end(boost::json::error_code&) { return true; }
    bool on_object_begin(boost::json::error_code&) { return open(true); }
    bool on_object_end(std::size_t, boost::json::error_code&)
    {
        if (m_skipped > 0) {
            return skippedEnd();
        }
        st.push_object(m_frames.back().size);
        return close();
    }
    bool on_array_begin(boost::json::error_code&) { return open(false); }
    bool on_array_end(std::size_t, boost::json::error_code&)
    {
        if (m_skipped > 0) {
            return skippedEnd();
        }
        st.push_array(m_frames.back().size);
        return close();
    }
    bool on_key_part(boost::json::string_view s, std::size_t, boost::json::error_code&)
    {
        if (m_skipped == 0) {
            m_key.append(s.data(), s.size());
        }
        return true;
    }
    bool on_key(boost::json::string_view s, std::size_t, boost::json::error_code&)
    {
        if (m_skipped > 0) {
            return true;
        }
        std::string_view key(s.data(), s.size());
        if (!m_key.empty()) {
            m_key.append(s.data(), s.size());
            key = m_key;
        }
        const Frame& object = m_frames.back();
        m_nextPaths = 0;
        m_skipNext = false;
        for (std::size_t p = 0; p < m_paths.size(); ++p) {
            const auto& keys = m_paths[p];
            if ((object.paths >> p & 1) != 0 && keys[object.depth] == key) {
                if (keys.size() == object.depth + 1) {
                    m_skipNext = true;
                } else {
                    m_nextPaths |= quint32(1) << p;
                }
            }
        }
        if (!m_skipNext) {
            st.push_key(key);
        }
        m_key.clear();
        return true;
    }
    bool on_string_part(boost::json::string_view s, std::size_t, boost::json::error_code&)
    {
        if (!leftOut()) {
            st.push_chars(s);
        }
        return true;
    }
    bool on_string(boost::json::string_view s, std::size_t, boost::json::error_code&)
    {
        return scalar([&] { st.push_string(s); });
    }
    bool on_number_part(boost::json::string_view, boost::json::error_code&) { return true; }
    bool on_int64(std::int64_t i, boost::json::string_view, boost::json::error_code&)
    {
        return scalar([&] { st.push_int64(i); });
    }
    bool on_uint64(std::uint64_t u, boost::json::string_view, boost::json::error_code&)
    {
        return scalar([&] { st.push_uint64(u); });
    }
    bool on_double(double d, boost::json::string_view, boost::json::error_code&)
    {
        return scalar([&] { st.push_double(d); });
    }
    bool on_bool(bool b, boost::json::error_code&)
    {
        return scalar([&] { st.push_bool(b); });
    }
    bool on_null(boost::json::error_code&)
    {
        return scalar([&] { st.push_null(); });
    }
    bool on_comment_part(boost::json::string_view, boost::json::error_code&) { return true; }
    bool on_comment(boost::json::string_view, boost::json::error_code&) { return true; }

private:
    struct Frame
    {
        quint32 paths;     // the paths left out that its members or elements may lead into
        std::size_t depth; // how many keys lead to it
        std::size_t size = 0;
        bool object = true;
    };

    // Whether the value that starts or goes on now is left out.
    bool leftOut() const { return m_skipped > 0 || m_skipNext; }

    template<typename Push>
    bool scalar(const Push& push)
    {
        if (m_skipped > 0) {
            return true;
        }
        if (m_skipNext) {
            m_skipNext = false;
            return true;
        }
        push();
        if (!m_frames.empty()) {
            ++m_frames.back().size;
        }
        return true;
    }

    bool open(bool object)
    {
        if (m_skipped > 0 || m_skipNext) {
            ++m_skipped;
            m_skipNext = false;
            return true;
        }
        Frame frame{m_all, 0};
        if (!m_frames.empty()) {
            const Frame& parent = m_frames.back();
            // An object's member leads where its key did; an array's element where the array does.
            frame = parent.object ? Frame{m_nextPaths, parent.depth + 1} : Frame{parent.paths, parent.depth};
        }
        frame.object = object;
        m_frames.push_back(frame);
        return true;
    }

    bool close()
    {
        m_frames.pop_back();
        if (!m_frames.empty()) {
            ++m_frames.back().size;
        }
        return true;
    }

    bool skippedEnd()
    {
        --m_skipped;
        return true;
    }

    const KeyPaths& m_paths;
    const quint32 m_all;
    std::vector<Frame> m_frames;
    std::string m_key;       // a key read in parts
    quint32 m_nextPaths = 0; // where the value after the last key may lead
    int m_skipped = 0;       // the depth inside a value left out
    bool m_skipNext = false; // the value after the last key is left out
};

// One record as parseOnce() reads it (the same parser, options and checks), built in `memory` without the values
// left out; nothing when the line is not one valid JSON value.
std::optional<boost::json::value> parsePruned(boost::json::basic_parser<PruningHandler>& parser, std::string_view line,
                                              boost::json::memory_resource* memory)
{
    parser.reset();
    parser.handler().reset(memory);
    boost::json::error_code ec;
    const std::size_t consumed = parser.write_some(false, line.data(), line.size(), ec);
    if (ec || !parser.done() || line.substr(consumed).find_first_not_of(" \t\r\n") != std::string_view::npos) {
        return std::nullopt;
    }
    return parser.handler().st.release();
}

} // namespace

Result<QStringList> readLines(const QString& path,
                              const std::function<void(boost::json::value&& record, int line)>& record)
{
    return readRecords(path, [&record](std::string_view line, int number) {
        auto value = parse(line, {});
        if (!value) {
            return false;
        }
        record(std::move(value.value()), number);
        return true;
    });
}

Result<QStringList> readLines(const QString& path, std::initializer_list<std::string_view> leftOut,
                              const std::function<void(const boost::json::value& record, int line)>& record)
{
    KeyPaths paths;
    for (const std::string_view dotted : leftOut) {
        std::vector<std::string_view> keys;
        std::size_t from = 0;
        for (std::size_t dot = dotted.find('.'); dot != std::string_view::npos; dot = dotted.find('.', from)) {
            keys.push_back(dotted.substr(from, dot - from));
            from = dot + 1;
        }
        keys.push_back(dotted.substr(from));
        paths.push_back(std::move(keys));
    }
    paths.resize(std::min<std::size_t>(paths.size(), 32)); // the masks' bits
    boost::json::basic_parser<PruningHandler> parser(parseOptions(), paths);
    // Each record is built in one block of memory, used again for the next: no allocation per value, and nothing
    // to free value by value.
    constexpr std::size_t blockSize = std::size_t(64) << 10;
    const auto block = std::make_unique_for_overwrite<unsigned char[]>(blockSize);
    // As parse() does: a line that cannot be read is read again with its lone surrogate escapes repaired.
    const auto take = [&](std::string_view line, int number) {
        boost::json::monotonic_resource memory(block.get(), blockSize);
        std::optional<boost::json::value> value;
        try {
            value = parsePruned(parser, line, &memory);
            if (!value) {
                if (const std::string repaired = replaceLoneSurrogates(line); repaired != line) {
                    value = parsePruned(parser, repaired, &memory);
                }
            }
        } catch (const std::exception&) {
            // Out of memory: readRecords() names the line, as readLines() does.
        }
        parser.handler().reset({}); // what a damaged line left built goes while its memory is still there
        if (!value) {
            return false;
        }
        record(*value, number);
        return true;
    };
    return readRecords(path, take);
}

} // namespace chasm::json
