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

#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include <algorithm>
#include <bit>
#include <cstdint>
#include <cstring>
#include <memory>
#include <string>
#include <vector>

using namespace Qt::StringLiterals;

namespace chasm::json {

namespace {

// What became of a line handed to a reader.
enum class Taken
{
    Record,
    Damaged, // not valid JSON
    Stop,    // a record, after which the reader wants no more
};

// Reads the records of a span of a JSON Lines file: `take` parses one line and hands its record on, or says that the
// line is not valid JSON. The warnings and errors are those of readLines().
Result<LinesRead> readRecords(const QString& path, QFile& file, const Span& span,
                              const std::function<Taken(std::string_view line, const LineAt& at)>& take)
{
    if (!file.seek(span.from)) {
        return Error{u"cannot read %1: %2"_s.arg(path, file.errorString())};
    }
    LinesRead read;
    std::optional<QString> damaged; // the last damaged line, until a later line shows it was not the last
    qint64 damagedAt = 0;
    int lineNumber = span.firstLine - 1;
    int records = 0;
    qint64 end = span.from; // past the last line read
    // A short span is read in chunks of about its size, not of the megabytes a whole file is read in.
    constexpr qint64 chunk = qint64(4) << 20;
    LineReader lines(file,
                     std::size_t(span.until >= 0 ? std::clamp(span.until - span.from + 1, chunk / 64, chunk) : chunk));
    // Where a span ends is known before the line after it is read: a block of records before a huge one is read
    // without it.
    while (span.until < 0 || lines.consumed() < span.until) {
        auto line = lines.next();
        if (!line) {
            break;
        }
        if (span.until >= 0) {
            const qint64 left = span.until - lines.lineOffset();
            if (left <= 0) {
                break;
            }
            *line = line->substr(0, std::size_t(std::min<qint64>(left, qint64(line->size()))));
        }
        ++lineNumber;
        end = span.until >= 0 ? std::min(lines.consumed(), span.until) : lines.consumed();
        if (line->find_first_not_of(" \t\r") == std::string_view::npos) {
            continue;
        }
        if (damaged) {
            read.warnings << *damaged + u"; the line was skipped"_s;
            damaged.reset();
        }
        const Taken taken = take(*line, LineAt{lineNumber, lines.lineOffset(), end});
        if (taken == Taken::Damaged) {
            // The line is named only when it is damaged, not formatted for each of the thousands of good lines.
            damaged = parse(*line, u"%1: line %2"_s.arg(path, QString::number(lineNumber))).error().message;
            damagedAt = lines.lineOffset();
            read.settledLine = lineNumber;
            continue;
        }
        ++records;
        if (taken == Taken::Stop) {
            break;
        }
    }
    if (!lines.error().isEmpty()) {
        return Error{u"cannot read %1: %2"_s.arg(path, lines.error())};
    }
    const bool whole = span.from == 0;
    read.settledWarnings = int(read.warnings.size());
    if (damaged) {
        if (records == 0 && whole) {
            return Error{u"cannot read "_s + *damaged};
        }
        read.warnings << *damaged + u"; the last line is incomplete (cut off by a crash, or still being written) and "
                                    "was ignored"_s;
        read.settled = damagedAt;
    } else {
        read.settled = end;
        read.settledLine = lineNumber + 1;
    }
    if (records == 0 && whole) {
        return Error{u"cannot read %1: the file holds no records"_s.arg(path)};
    }
    return read;
}

// The key paths a reader leaves out, split into keys.
using KeyPaths = std::vector<std::vector<std::string_view>>;

// Where the member `key` of an object leads, when the paths in the bit mask `paths` lead into that object, `depth` keys
// down: whether its value is left out, and the mask of the paths that lead on into it.
struct KeyStep
{
    bool leftOut = false;
    quint32 next = 0;
};
KeyStep step(const KeyPaths& all, quint32 paths, std::size_t depth, std::string_view key)
{
    KeyStep step;
    for (std::size_t p = 0; paths != 0 && p < all.size(); ++p) {
        const auto& keys = all[p];
        if ((paths >> p & 1) != 0 && keys[depth] == key) {
            if (keys.size() == depth + 1) {
                step.leftOut = true;
            } else {
                step.next |= quint32(1) << p;
            }
        }
    }
    return step;
}

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
        const KeyStep next = step(m_paths, object.paths, object.depth, key);
        m_nextPaths = next.next;
        m_skipNext = next.leftOut;
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

// The text of a record with the values at the key paths left out replaced by `null`, for the parser to read fewer
// bytes: most of a transcript is tools' output, which an outline leaves out, and the parser unescapes every string
// it checks, even one the handler drops (two thirds of listing Claude Code transcripts). Every value replaced is
// checked here as the parser would check it (parseOptions(): invalid UTF-8 allowed, no comments), so that a line is
// read, or not, as it was; for anything this does not follow (an escaped key, a long exponent, deep nesting) it gives
// up, and the line is parsed whole.
class LeftOutText
{
public:
    explicit LeftOutText(const KeyPaths& paths)
        : m_paths(paths)
        , m_all(paths.size() >= 32 ? ~quint32(0) : (quint32(1) << paths.size()) - 1)
    {}

    // The line without its values left out (in a buffer kept for the next line), the line itself when it has none,
    // or nothing when this gave up.
    std::optional<std::string_view> cut(std::string_view line)
    {
        m_text = line;
        m_out.clear();
        m_copied = 0;
        std::size_t i = space(0);
        if (!value(i, m_all, 0, false, 0) || space(i) != line.size()) {
            return std::nullopt;
        }
        if (m_copied == 0) {
            return line;
        }
        m_out.append(line.substr(m_copied));
        return std::string_view(m_out);
    }

private:
    static constexpr int maxDepth = 1000; // the parser's is 4096: deeper, the line is parsed whole

    std::size_t space(std::size_t i) const
    {
        while (i < m_text.size() && (m_text[i] == ' ' || m_text[i] == '\t' || m_text[i] == '\n' || m_text[i] == '\r')) {
            ++i;
        }
        return i;
    }
    static bool isHex(char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }
    // The UTF-16 unit of the four hex digits at `i`, when there are four.
    std::optional<unsigned> hex4(std::size_t i) const
    {
        if (i + 4 > m_text.size()) {
            return std::nullopt;
        }
        unsigned unit = 0;
        for (std::size_t k = i; k < i + 4; ++k) {
            const char c = m_text[k];
            if (!isHex(c)) {
                return std::nullopt;
            }
            unit = unit * 16 + unsigned(c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10);
        }
        return unit;
    }
    // Past the bytes from `i` on that a string holds as they are (not a quote, a backslash or a control character),
    // sixteen at a time where SSE2 is there, then eight: a byte at a time, this took as long as the parser's reading.
    std::size_t ordinaryRun(std::size_t i) const
    {
        const char* text = m_text.data();
#ifdef __SSE2__
        const __m128i quote = _mm_set1_epi8('"');
        const __m128i backslash = _mm_set1_epi8('\\');
        const __m128i control = _mm_set1_epi8(0x1f);
        for (; i + 16 <= m_text.size(); i += 16) {
            const __m128i bytes = _mm_loadu_si128(reinterpret_cast<const __m128i*>(text + i));
            const __m128i special =
                _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(bytes, quote), _mm_cmpeq_epi8(bytes, backslash)),
                             _mm_cmpeq_epi8(_mm_max_epu8(bytes, control), control)); // at most 0x1f, unsigned
            if (const int mask = _mm_movemask_epi8(special); mask != 0) {
                return i + std::size_t(std::countr_zero(unsigned(mask)));
            }
        }
#endif
        // The rest (or all of it, without SSE2) eight at a time.
        constexpr std::uint64_t ones = 0x0101010101010101;
        constexpr std::uint64_t highs = 0x8080808080808080;
        const auto hasZero = [](std::uint64_t v) { return (v - ones) & ~v & highs; };
        for (; i + 8 <= m_text.size(); i += 8) {
            std::uint64_t word;
            std::memcpy(&word, text + i, sizeof word);
            // A byte below 0x20 (of those below 0x80), a quote or a backslash in the word.
            if ((((word - ones * 0x20) & ~word & highs) | hasZero(word ^ (ones * '"')) |
                 hasZero(word ^ (ones * '\\'))) != 0) {
                break;
            }
        }
        return i;
    }
    // A string from its opening quote: `i` past its closing one; `escaped` when it holds an escape.
    bool string(std::size_t& i, bool& escaped) const
    {
        escaped = false;
        for (++i; i < m_text.size();) {
            i = ordinaryRun(i);
            if (i >= m_text.size()) {
                break;
            }
            const auto c = static_cast<unsigned char>(m_text[i]);
            if (c == '"') {
                ++i;
                return true;
            }
            if (c < 0x20) {
                return false;
            }
            if (c != '\\') {
                ++i;
                continue;
            }
            escaped = true;
            if (i + 1 >= m_text.size()) {
                return false;
            }
            const char e = m_text[i + 1];
            if (e != 'u') {
                if (std::string_view("\"\\/bfnrt").find(e) == std::string_view::npos) {
                    return false;
                }
                i += 2;
                continue;
            }
            const auto unit = hex4(i + 2);
            if (!unit || (*unit >= 0xDC00 && *unit <= 0xDFFF)) {
                return false; // a trailing surrogate first: the parser refuses it
            }
            i += 6;
            if (*unit >= 0xD800 && *unit <= 0xDBFF) {
                if (i + 1 >= m_text.size() || m_text[i] != '\\' || m_text[i + 1] != 'u') {
                    return false;
                }
                const auto trailing = hex4(i + 2);
                if (!trailing || *trailing < 0xDC00 || *trailing > 0xDFFF) {
                    return false;
                }
                i += 6;
            }
        }
        return false;
    }
    bool digits(std::size_t& i, std::size_t least) const
    {
        const std::size_t from = i;
        while (i < m_text.size() && m_text[i] >= '0' && m_text[i] <= '9') {
            ++i;
        }
        return i - from >= least;
    }
    bool number(std::size_t& i) const
    {
        if (m_text[i] == '-') {
            ++i;
        }
        if (i < m_text.size() && m_text[i] == '0') {
            ++i;
        } else if (!digits(i, 1)) {
            return false;
        }
        if (i < m_text.size() && m_text[i] == '.' && !digits(++i, 1)) {
            return false;
        }
        if (i < m_text.size() && (m_text[i] == 'e' || m_text[i] == 'E')) {
            ++i;
            if (i < m_text.size() && (m_text[i] == '+' || m_text[i] == '-')) {
                ++i;
            }
            const std::size_t from = i;
            if (!digits(i, 1) || i - from > 4) {
                return false; // an exponent the parser may find too large
            }
        }
        return i >= m_text.size() || std::string_view(" \t\r\n,]}").find(m_text[i]) != std::string_view::npos;
    }
    bool literal(std::size_t& i, std::string_view word) const
    {
        if (m_text.substr(i, word.size()) != word) {
            return false;
        }
        i += word.size();
        return true;
    }
    // The value at `i`, which the paths in `paths` may lead into (`depth` keys down; `inArray`, an array's element):
    // `i` past it. A value left out is copied as null.
    bool value(std::size_t& i, quint32 paths, std::size_t keys, bool leftOut, int depth)
    {
        if (i >= m_text.size() || depth > maxDepth) {
            return false;
        }
        const std::size_t start = i;
        bool escaped = false;
        bool read = false;
        switch (m_text[i]) {
        case '{':
            read = object(i, leftOut ? 0 : paths, keys, depth + 1);
            break;
        case '[':
            read = array(i, leftOut ? 0 : paths, keys, depth + 1);
            break;
        case '"':
            read = string(i, escaped);
            break;
        case 't':
            read = literal(i, "true");
            break;
        case 'f':
            read = literal(i, "false");
            break;
        case 'n':
            read = literal(i, "null");
            break;
        default:
            read = number(i);
        }
        if (read && leftOut) {
            m_out.append(m_text.substr(m_copied, start - m_copied)).append("null");
            m_copied = i;
        }
        return read;
    }
    enum class After
    {
        More,
        Closed,
        Wrong
    };
    // After a member or an element: past a comma, or past `close`.
    After separator(std::size_t& i, char close) const
    {
        i = space(i);
        if (i < m_text.size() && (m_text[i] == ',' || m_text[i] == close)) {
            const bool more = m_text[i] == ',';
            i = space(i + 1);
            return more ? After::More : After::Closed;
        }
        return After::Wrong;
    }
    // Past an opening bracket and the space after it; also past `close` when the object or array is empty.
    bool opensEmpty(std::size_t& i, char close) const
    {
        i = space(i + 1);
        const bool empty = i < m_text.size() && m_text[i] == close;
        i += empty ? 1 : 0;
        return empty;
    }
    bool object(std::size_t& i, quint32 paths, std::size_t keys, int depth)
    {
        if (opensEmpty(i, '}')) {
            return true;
        }
        for (;;) {
            if (i >= m_text.size() || m_text[i] != '"') {
                return false;
            }
            const std::size_t keyStart = i + 1;
            bool escaped = false;
            if (!string(i, escaped) || escaped) {
                return false; // an escaped key is compared unescaped: the parser does that
            }
            const KeyStep next = step(m_paths, paths, keys, m_text.substr(keyStart, i - 1 - keyStart));
            i = space(i);
            if (i >= m_text.size() || m_text[i] != ':') {
                return false;
            }
            i = space(i + 1);
            if (!value(i, next.leftOut ? 0 : next.next, keys + 1, next.leftOut, depth)) {
                return false;
            }
            if (const After after = separator(i, '}'); after != After::More) {
                return after == After::Closed;
            }
        }
    }
    bool array(std::size_t& i, quint32 paths, std::size_t keys, int depth)
    {
        if (opensEmpty(i, ']')) {
            return true;
        }
        for (;;) {
            if (!value(i, paths, keys, false, depth)) {
                return false;
            }
            if (const After after = separator(i, ']'); after != After::More) {
                return after == After::Closed;
            }
        }
    }

    const KeyPaths& m_paths;
    const quint32 m_all;
    std::string_view m_text;
    std::string m_out;
    std::size_t m_copied = 0; // how much of the text is in m_out, or skipped
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

Result<LinesRead> readLines(const QString& path, QFile& file, const Span& span,
                            const std::function<bool(boost::json::value&& record, const LineAt& at)>& record)
{
    return readRecords(path, file, span, [&record](std::string_view line, const LineAt& at) {
        auto value = parse(line, {});
        if (!value) {
            return Taken::Damaged;
        }
        return record(std::move(value.value()), at) ? Taken::Record : Taken::Stop;
    });
}

Result<LinesRead> readLines(const QString& path, QFile& file, const Span& span,
                            std::initializer_list<std::string_view> leftOut,
                            const std::function<bool(const boost::json::value& record, const LineAt& at)>& record)
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
    LeftOutText leftOutText(paths);
    // As parse() does: a line that cannot be read is read again with its lone surrogate escapes repaired.
    const auto take = [&](std::string_view line, const LineAt& at) {
        boost::json::monotonic_resource memory(block.get(), blockSize);
        std::optional<boost::json::value> value;
        try {
            if (const auto shorter = leftOutText.cut(line)) {
                value = parsePruned(parser, *shorter, &memory);
            }
            if (!value) {
                value = parsePruned(parser, line, &memory);
            }
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
            return Taken::Damaged;
        }
        return record(*value, at) ? Taken::Record : Taken::Stop;
    };
    return readRecords(path, file, span, take);
}

Result<QStringList> readLines(const QString& path,
                              const std::function<void(boost::json::value&& record, int line)>& record)
{
    QFile file;
    if (auto error = RegularFile::open(file, path)) {
        return *error;
    }
    auto read = readLines(path, file, Span{}, [&record](boost::json::value&& value, const LineAt& at) {
        record(std::move(value), at.number);
        return true;
    });
    if (!read) {
        return read.error();
    }
    return std::move(read->warnings);
}

Result<QStringList> readLines(const QString& path, std::initializer_list<std::string_view> leftOut,
                              const std::function<void(const boost::json::value& record, int line)>& record)
{
    QFile file;
    if (auto error = RegularFile::open(file, path)) {
        return *error;
    }
    auto read = readLines(path, file, Span{}, leftOut, [&record](const boost::json::value& value, const LineAt& at) {
        record(value, at.number);
        return true;
    });
    if (!read) {
        return read.error();
    }
    return std::move(read->warnings);
}

} // namespace chasm::json
