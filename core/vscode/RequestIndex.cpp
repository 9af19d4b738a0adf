// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#include "RequestIndex.h"

#include "json/Json.h"
#include "model/Session.h"
#include "util/LineReader.h"
#include "util/RegularFile.h"
#include "vscode/MutationLog.h"

#include <QDataStream>
#include <QFile>
#include <QHashFunctions>

#include <boost/json/parse.hpp>
#include <boost/json/parser.hpp>
#include <boost/json/serializer.hpp>

#include <algorithm>
#include <cstring>
#include <string>

using namespace Qt::StringLiterals;

namespace chasm {

namespace {

// A request's fields the outline keeps as they are.
bool isKeptLeaf(std::string_view key)
{
    return key == "timestamp" || key == "modelId" || key == "promptTokens" || key == "completionTokens";
}

// Of an object, only the given keys; anything else as it is.
boost::json::value only(boost::json::value&& value, std::initializer_list<std::string_view> keys)
{
    boost::json::object* object = value.if_object();
    if (!object) {
        return std::move(value);
    }
    boost::json::object kept;
    for (const std::string_view key : keys) {
        if (boost::json::value* item = object->if_contains(key)) {
            kept[key] = std::move(*item);
        }
    }
    return kept;
}

// A prompt's text longer than this many bytes is outlined as what the session's title takes of it (titleLine()):
// a gigabyte log's outline then holds a line of each prompt, not every prompt whole (tens of megabytes, read again
// by every listing of the grown log), and the title it gives is the same.
constexpr std::size_t promptBytesKept = 256;

void outlinePrompt(boost::json::value& text)
{
    if (const boost::json::string* whole = text.if_string(); whole && whole->size() > promptBytesKept) {
        text = titleLine(json::toQString(*whole)).toStdString();
    }
}

boost::json::value outlinedMessage(boost::json::value&& message)
{
    boost::json::value kept = only(std::move(message), {"text"});
    if (boost::json::object* object = kept.if_object()) {
        if (boost::json::value* text = object->if_contains("text")) {
            outlinePrompt(*text);
        }
    } else {
        outlinePrompt(kept);
    }
    return kept;
}

boost::json::value outlinedMetadata(boost::json::value&& metadata)
{
    return only(std::move(metadata), {"promptTokens", "outputTokens"});
}

boost::json::value outlinedResult(boost::json::value&& result)
{
    boost::json::value kept = only(std::move(result), {"metadata"});
    if (boost::json::value* metadata = kept.is_object() ? kept.get_object().if_contains("metadata") : nullptr) {
        *metadata = outlinedMetadata(std::move(*metadata));
    }
    return kept;
}

boost::json::value outlinedRequest(boost::json::value&& request)
{
    boost::json::object* object = request.if_object();
    if (!object) {
        return std::move(request);
    }
    boost::json::object kept;
    for (auto& [key, value] : *object) {
        if (isKeptLeaf(key)) {
            kept[key] = std::move(value);
        } else if (key == "message") {
            kept[key] = outlinedMessage(std::move(value));
        } else if (key == "result") {
            kept[key] = outlinedResult(std::move(value));
        }
    }
    return kept;
}

void outlineEach(boost::json::value* requests)
{
    if (boost::json::array* array = requests ? requests->if_array() : nullptr) {
        for (boost::json::value& request : *array) {
            request = outlinedRequest(std::move(request));
        }
    }
}

bool isKey(const boost::json::value& element, std::string_view key)
{
    return element.is_string() && element.get_string() == key;
}

std::uint32_t checksum(std::string_view bytes)
{
    return std::uint32_t(qHash(QByteArrayView(bytes.data(), qsizetype(bytes.size()))));
}

// A value's bytes in a record's text: [begin, end).
struct Span
{
    std::size_t begin = 0;
    std::size_t end = 0;
};

// Finds values in the text of a record that parsed, so it only skips and checks nothing. It reads the text as the
// parser does: of an object's members with the same key, the last is the one kept.
class RecordText
{
public:
    explicit RecordText(std::string_view text)
        : m_text(text)
    {}
    // The value at a path of keys from the record's root.
    std::optional<Span> at(std::initializer_list<std::string_view> keys) const
    {
        std::optional<Span> found = Span{0, m_text.size()};
        for (const std::string_view key : keys) {
            if (found) {
                found = member(*found, key);
            }
        }
        return found;
    }
    std::vector<Span> elements(Span array) const
    {
        std::vector<Span> found;
        if (array.begin >= m_text.size() || m_text[array.begin] != '[') {
            return found;
        }
        std::size_t i = skipSpace(array.begin + 1);
        while (i < array.end && m_text[i] != ']') {
            const std::size_t end = skipValue(i);
            found.push_back({i, end});
            i = skipSpace(end);
            if (i >= array.end || m_text[i] != ',') {
                break;
            }
            i = skipSpace(i + 1);
        }
        return found;
    }

private:
    std::optional<Span> member(Span object, std::string_view key) const
    {
        if (object.begin >= m_text.size() || m_text[object.begin] != '{') {
            return std::nullopt;
        }
        std::optional<Span> found;
        std::size_t i = skipSpace(object.begin + 1);
        while (i < object.end && m_text[i] == '"') {
            const std::size_t keyEnd = skipString(i);
            const bool same = isKey(m_text.substr(i, keyEnd - i), key);
            const std::size_t value = skipSpace(skipSpace(keyEnd) + 1); // past the colon
            const std::size_t end = skipValue(value);
            if (same) {
                found = Span{value, end};
            }
            i = skipSpace(end);
            if (i >= object.end || m_text[i] != ',') {
                break;
            }
            i = skipSpace(i + 1);
        }
        return found;
    }
    // Whether a quoted key is `key`: as it is, or with its escapes read.
    static bool isKey(std::string_view quoted, std::string_view key)
    {
        const std::string_view raw = quoted.substr(1, quoted.size() - 2);
        if (raw.find('\\') == std::string_view::npos) {
            return raw == key;
        }
        boost::system::error_code ec;
        const boost::json::value read = boost::json::parse(quoted, ec, {}, json::parseOptions());
        return !ec && read.is_string() && read.get_string() == key;
    }
    std::size_t skipSpace(std::size_t i) const
    {
        while (i < m_text.size() && (m_text[i] == ' ' || m_text[i] == '\t' || m_text[i] == '\r' || m_text[i] == '\n')) {
            ++i;
        }
        return i;
    }
    // From an opening quote to past the closing one: the first quote after it that an even number of backslashes
    // comes before. Found with memchr, many bytes at a time: most of a log's bytes are in strings, and a loop over
    // each of them took from a third to half of a cold listing's time, as the build happened to align it.
    std::size_t skipString(std::size_t i) const
    {
        for (std::size_t from = i + 1; from < m_text.size();) {
            const void* found = std::memchr(m_text.data() + from, '"', m_text.size() - from);
            if (!found) {
                break;
            }
            const std::size_t quote = std::size_t(static_cast<const char*>(found) - m_text.data());
            std::size_t backslashes = 0;
            while (quote - backslashes > i + 1 && m_text[quote - 1 - backslashes] == '\\') {
                ++backslashes;
            }
            if (backslashes % 2 == 0) {
                return quote + 1;
            }
            from = quote + 1;
        }
        return m_text.size();
    }
    std::size_t skipValue(std::size_t i) const
    {
        if (i >= m_text.size()) {
            return i;
        }
        if (m_text[i] == '"') {
            return skipString(i);
        }
        if (m_text[i] == '{' || m_text[i] == '[') {
            int depth = 0;
            for (; i < m_text.size(); ++i) {
                const char c = m_text[i];
                if (c == '"') {
                    i = skipString(i) - 1;
                } else if (c == '{' || c == '[') {
                    ++depth;
                } else if ((c == '}' || c == ']') && --depth == 0) {
                    return i + 1;
                }
            }
            return i;
        }
        while (i < m_text.size() && std::string_view(",]} \t\r\n").find(m_text[i]) == std::string_view::npos) {
            ++i; // a number, true, false or null
        }
        return i;
    }

    std::string_view m_text;
};

// Bytes read again, parsed as MutationLog parses them (lone surrogates repaired when they do not parse as they
// are); nothing when they are not the bytes the checksum was taken of.
std::optional<boost::json::value> reread(boost::json::parser& parser, std::string& bytes, std::uint32_t expected)
{
    for (const bool repair : {false, true}) {
        if (repair) {
            bytes = json::replaceLoneSurrogates(bytes);
        }
        parser.reset();
        boost::system::error_code ec;
        parser.write(bytes.data(), bytes.size(), ec);
        if (!ec) {
            return checksum(bytes) == expected ? std::optional(parser.release()) : std::nullopt;
        }
    }
    return std::nullopt;
}

// A checkpoint's format (see RequestIndex::checkpoint()).
constexpr char checkpointMagic[] = "chasm request index";
constexpr quint32 checkpointVersion = 2; // 2: prompts outlined as their title line
// What checksum() gives for these bytes in the program that made a checkpoint: its steps' checksums are this
// program's only when this one gives the same (Qt's hash differs between its versions and processors).
constexpr std::string_view checksumProbe = "chasm: are checksums made as they were?";

} // namespace

RequestIndex::RequestIndex(QString path)
    : m_path(std::move(path))
{}
RequestIndex::RequestIndex(RequestIndex&&) noexcept = default;
RequestIndex& RequestIndex::operator=(RequestIndex&&) noexcept = default;
RequestIndex::~RequestIndex() = default;

Result<RequestIndex> RequestIndex::build(const QString& path, const std::function<bool()>& cancelled,
                                         QByteArrayView checkpoint)
{
    RequestIndex index(path);
    index.m_file = std::make_unique<QFile>();
    if (auto error = RegularFile::open(*index.m_file, path)) {
        return *error;
    }
    MutationLog log(path);
    log.setEntryFilter([&index, &log](boost::json::value& entry, const MutationLog::Record& record) {
        return index.index(entry, record.offset, record.text, record.line, log.state());
    });
    if (checkpoint.isEmpty() || !index.resume(checkpoint, log)) {
        index.m_file->seek(0);
    }
    LineReader lines(*index.m_file);
    while (const auto line = lines.next()) {
        if (cancelled && cancelled()) {
            return index.cancellation();
        }
        if (auto error = log.addLine(*line, lines.lineOffset())) {
            return *error;
        }
    }
    if (!lines.error().isEmpty()) {
        return Error{u"cannot read %1: %2"_s.arg(path, lines.error())};
    }
    const qint64 end = lines.consumed();
    auto replay = log.finish();
    if (!replay) {
        return replay.error();
    }
    index.m_end =
        End{FileMark::of(*index.m_file, end), log.lines(), replay->entries, replay->concatenatedRecords, false};
    char last = 0;
    index.m_end.resumable = !replay->truncatedTail && end > 0 && !index.m_end.mark.head.isEmpty() &&
                            !index.m_end.mark.tail.isEmpty() && index.m_file->seek(end - 1) &&
                            index.m_file->getChar(&last) && last == '\n';
    if (!replay->state.is_object()) {
        return Error{u"cannot read %1: the session is not a JSON object"_s.arg(path)};
    }
    index.m_outline = std::move(replay->state);
    index.m_warnings = std::move(replay->warnings);
    const boost::json::value* requests = json::find(index.m_outline, "requests");
    if (!requests || !requests->is_array()) {
        index.m_requests.clear(); // a session whose requests are not an array has none
    }
    if (auto error = index.check(cancelled, index.m_resumedFrom)) {
        return *error;
    }
    return index;
}

QByteArray RequestIndex::checkpoint() const
{
    if (!m_end.resumable || !m_outline.is_object()) {
        return {};
    }
    QByteArray bytes;
    QDataStream out(&bytes, QIODevice::WriteOnly);
    out.setVersion(QDataStream::Qt_6_0);
    out << QByteArray(checkpointMagic) << checkpointVersion << checksum(checksumProbe) << m_end.mark
        << qint32(m_end.lines) << qint32(m_end.entries) << qint32(m_end.concatenatedRecords)
        << quint64(m_requests.size());
    for (const Steps& steps : m_requests) {
        out << quint32(steps.size());
        for (const Step& step : steps) {
            out << step.offset << step.length << qint32(step.line) << step.checksum << quint8(step.kind);
        }
    }
    // Then the outline's JSON, to the hash: written in place, a gigabyte log's is tens of megabytes.
    boost::json::serializer serializer;
    serializer.reset(&m_outline);
    constexpr qsizetype part = 1 << 20;
    while (!serializer.done()) {
        const qsizetype at = bytes.size();
        bytes.resize(at + part);
        bytes.resize(at + qsizetype(serializer.read(bytes.data() + at, std::size_t(part)).size()));
    }
    return sealed(std::move(bytes));
}

bool RequestIndex::resume(QByteArrayView checkpoint, MutationLog& log)
{
    // Made by checkpoint() and whole (its hash is Qt's, which the probe below says is made as it was then).
    const std::optional<QByteArray> bytes = unsealed(checkpoint);
    if (!bytes) {
        return false;
    }
    QDataStream in(*bytes);
    in.setVersion(QDataStream::Qt_6_0);
    QByteArray magic;
    quint32 version = 0;
    std::uint32_t probe = 0;
    End end;
    qint32 lines = 0;
    qint32 entries = 0;
    qint32 concatenated = 0;
    quint64 requests = 0;
    in >> magic >> version >> probe >> end.mark >> lines >> entries >> concatenated >> requests;
    if (in.status() != QDataStream::Ok || magic != checkpointMagic || version != checkpointVersion ||
        probe != checksum(checksumProbe) || lines <= 0 || !end.mark.holds(*m_file)) {
        return false;
    }
    // Each request takes at least the 4 bytes of its number of steps: a count past that is not one it holds.
    std::vector<Steps> steps;
    steps.reserve(std::size_t(std::min<quint64>(requests, quint64(bytes->size()) / 4)));
    for (quint64 request = 0; request < requests && in.status() == QDataStream::Ok; ++request) {
        quint32 count = 0;
        in >> count;
        Steps& made = steps.emplace_back();
        for (quint32 i = 0; i < count && in.status() == QDataStream::Ok; ++i) {
            Step step;
            qint32 line = 0;
            quint8 kind = 0;
            in >> step.offset >> step.length >> line >> step.checksum >> kind;
            if (step.offset < 0 || step.length < 0 || step.offset > end.mark.offset - step.length ||
                kind > quint8(Step::Kind::DeepEdit)) {
                return false;
            }
            step.line = line;
            step.kind = Step::Kind(kind);
            made.push_back(step);
        }
    }
    if (in.status() != QDataStream::Ok) {
        return false;
    }
    const qint64 outlineAt = in.device()->pos();
    boost::system::error_code ec;
    boost::json::value outline =
        boost::json::parse(std::string_view(bytes->constData() + outlineAt, std::size_t(bytes->size() - outlineAt)), ec,
                           {}, json::parseOptions());
    if (ec || !outline.is_object() || !m_file->seek(end.mark.offset)) {
        return false;
    }
    m_requests = std::move(steps);
    log.resume(std::move(outline), lines, entries, concatenated);
    m_resumedFrom = end.mark.offset;
    return true;
}

std::optional<QString> RequestIndex::index(boost::json::value& entry, qint64 offset, std::string_view text, int line,
                                           const boost::json::value& state)
{
    // Whatever does not apply is left as it is, for MutationLog::apply to report.
    boost::json::object* object = entry.if_object();
    const auto kind = json::integer(entry, "kind");
    if (!object || !kind) {
        return std::nullopt;
    }
    const RecordText record(text);
    const auto step = [&](Span span, Step::Kind kind) {
        const std::string_view bytes = text.substr(span.begin, span.end - span.begin);
        return Step{offset + qint64(span.begin), qint64(bytes.size()), line, checksum(bytes), kind};
    };
    // A request for each element of the array at `at`, which parsed as `count` elements.
    const auto origins = [&](std::optional<Span> at, std::size_t count) -> std::optional<QString> {
        const std::vector<Span> elements = at ? record.elements(*at) : std::vector<Span>();
        if (elements.size() != count) {
            return u"the requests were not followed (%1 found, %2 parsed)"_s.arg(elements.size()).arg(count);
        }
        for (const Span& element : elements) {
            m_requests.push_back(Steps{step(element, Step::Kind::Origin)});
        }
        return std::nullopt;
    };
    boost::json::value* v = object->if_contains("v");
    if (*kind == 0) {
        m_requests.clear();
        boost::json::value* requests = v && v->is_object() ? v->get_object().if_contains("requests") : nullptr;
        if (requests && requests->is_array()) {
            if (auto problem = origins(record.at({"v", "requests"}), requests->get_array().size())) {
                return problem;
            }
        }
        outlineEach(requests);
        return std::nullopt;
    }
    const boost::json::value* k = object->if_contains("k");
    const boost::json::array* path = k ? k->if_array() : nullptr;
    if (!path || path->empty() || !isKey(path->front(), "requests")) {
        return std::nullopt;
    }
    const boost::json::value* current = json::find(state, "requests");
    const std::size_t size = current && current->is_array() ? current->get_array().size() : 0;
    if (path->size() == 1) {
        if (*kind == 2 && (!current || !current->is_array())) {
            m_requests.clear(); // pushing onto what is not an array fails, or makes it one
        }
        if (*kind == 1 || *kind == 3) {
            m_requests.clear();
        } else if (const boost::json::value* start = object->if_contains("i")) {
            const auto at = json::integer(*start);
            if (!at || *at < 0 || std::size_t(*at) > size + MutationLog::maxGrowth) {
                return std::nullopt;
            }
            m_requests.resize(std::size_t(*at));
        }
        if (*kind != 3 && v && v->is_array()) {
            if (auto problem = origins(record.at({"v"}), v->get_array().size())) {
                return problem;
            }
            outlineEach(v);
        }
        return std::nullopt;
    }
    const auto index = MutationLog::arrayIndex((*path)[1]);
    if (!current || !current->is_array() || !index) {
        return std::nullopt;
    }
    if (m_requests.size() != size) {
        return u"the requests were not followed (%1 known, %2 replayed)"_s.arg(m_requests.size()).arg(size);
    }
    const std::size_t request = *index;
    const Span whole{0, text.size()};
    if (path->size() == 2) {
        if (request >= size && (*kind == 3 || (*kind == 1 && !v))) {
            return std::nullopt; // deleting what is not there changes nothing
        }
        if (request >= size) {
            if (request - size > MutationLog::maxGrowth) {
                return std::nullopt;
            }
            m_requests.resize(request + 1);
        }
        if (*kind == 1 && v) {
            const std::optional<Span> value = record.at({"v"});
            if (!value) {
                return u"the requests were not followed (no value found)"_s;
            }
            m_requests[request] = Steps{step(*value, Step::Kind::Origin)};
            *v = outlinedRequest(std::move(*v));
        } else if (*kind == 1 || *kind == 3) {
            m_requests[request].clear();
        } else {
            // Pushing into a request: not a request any more (or a failure), which sessions skip.
            m_requests[request].push_back(step(whole, Step::Kind::Edit));
            if (v && v->is_array()) {
                v->get_array().clear();
            }
        }
        return std::nullopt;
    }
    if (request >= size) {
        return std::nullopt; // "no value at": apply says so
    }
    m_requests[request].push_back(step(whole, Step::Kind::Edit));
    const boost::json::value& outlined = current->get_array()[request];
    const boost::json::value& key = (*path)[2];
    if (!outlined.is_object() || !key.is_string() || isKeptLeaf(key.get_string())) {
        return std::nullopt; // applies to the outline as to the whole state
    }
    const std::size_t depth = path->size();
    if (isKey(key, "message")) {
        if (depth == 3 && *kind == 1 && v) {
            *v = outlinedMessage(std::move(*v));
            return std::nullopt;
        }
        if (depth == 4 && isKey((*path)[3], "text") && *kind == 1 && v) {
            outlinePrompt(*v);
            return std::nullopt;
        }
        if (depth == 3 || (depth == 4 && isKey((*path)[3], "text"))) {
            return std::nullopt;
        }
    } else if (isKey(key, "result")) {
        const bool metadata = depth >= 4 && isKey((*path)[3], "metadata");
        if (*kind == 1 && v && (depth == 3 || (depth == 4 && metadata))) {
            *v = depth == 3 ? outlinedResult(std::move(*v)) : outlinedMetadata(std::move(*v));
            return std::nullopt;
        }
        if (depth == 3 || (depth == 4 && metadata) ||
            (depth == 5 && metadata && (isKey((*path)[4], "promptTokens") || isKey((*path)[4], "outputTokens")))) {
            return std::nullopt;
        }
    }
    // Below what the outline keeps: the whole replay applies it when the request is made again.
    m_requests[request].back().kind = Step::Kind::DeepEdit;
    entry = nullptr;
    return std::nullopt;
}

std::size_t RequestIndex::batchEnd(std::size_t first, qint64 maxBytes, std::size_t maxRequests) const
{
    qint64 bytes = 0;
    std::size_t last = first;
    while (last < m_requests.size() && last - first < maxRequests) {
        qint64 own = 0;
        for (const Step& step : m_requests[last]) {
            own += step.length;
        }
        if (last > first && bytes + own > maxBytes) {
            break;
        }
        bytes += own;
        ++last;
    }
    return last;
}

Result<std::vector<boost::json::value>> RequestIndex::requests(std::size_t first, std::size_t last)
{
    last = std::min(last, m_requests.size());
    std::vector<std::size_t> which;
    for (std::size_t request = std::min(first, last); request < last; ++request) {
        which.push_back(request);
    }
    return make(which);
}

Result<QString> RequestIndex::record(int nativeIndex)
{
    if (nativeIndex < 0 || std::size_t(nativeIndex) >= requestCount()) {
        return Error{u"%1 has no request %2 now (it has %3)"_s.arg(m_path).arg(nativeIndex).arg(requestCount())};
    }
    auto request = requests(std::size_t(nativeIndex), std::size_t(nativeIndex) + 1);
    if (!request) {
        return request.error();
    }
    return json::toQString(json::pretty(request->front()));
}

Error RequestIndex::cancellation() const
{
    return Error{u"reading %1 was cancelled"_s.arg(m_path)};
}

std::optional<Error> RequestIndex::check(const std::function<bool()>& cancelled, qint64 from)
{
    std::vector<std::size_t> batch;
    qint64 bytes = 0;
    const auto make = [&]() -> std::optional<Error> {
        const auto made = this->make(batch);
        batch.clear();
        bytes = 0;
        return made ? std::nullopt : std::optional(made.error());
    };
    for (std::size_t request = 0; request < m_requests.size(); ++request) {
        const Steps& steps = m_requests[request];
        if (std::none_of(steps.begin(), steps.end(),
                         [from](const Step& s) { return s.kind == Step::Kind::DeepEdit && s.offset >= from; })) {
            continue; // the first pass applied all there is to it, or a build before the checkpoint checked it
        }
        qint64 own = 0;
        for (const Step& step : steps) {
            own += step.length;
        }
        if (!batch.empty() && (bytes + own > batchBytes || batch.size() == batchRequests)) {
            if (cancelled && cancelled()) {
                return cancellation();
            }
            if (auto error = make()) {
                return error;
            }
        }
        batch.push_back(request);
        bytes += own;
    }
    return batch.empty() ? std::nullopt : make();
}

Result<std::vector<boost::json::value>> RequestIndex::make(const std::vector<std::size_t>& which)
{
    struct Use
    {
        const Step* step;
        std::size_t made; // its place in `which`
    };
    std::vector<Use> uses;
    for (std::size_t made = 0; made < which.size(); ++made) {
        for (const Step& step : m_requests[which[made]]) {
            uses.push_back({&step, made});
        }
    }
    // Each record read once, in the log's order; a request's steps stay in theirs.
    std::stable_sort(uses.begin(), uses.end(),
                     [](const Use& a, const Use& b) { return a.step->offset < b.step->offset; });

    // Each request is made in a state of its own, {"requests": {"<index>": request}}: the log's entries apply to it
    // by their own paths (an object takes an index as its key), with the whole replay's semantics and messages.
    std::vector<boost::json::value> states;
    states.reserve(which.size());
    for (const std::size_t request : which) {
        states.emplace_back(boost::json::object{{"requests", boost::json::object{{std::to_string(request), nullptr}}}});
    }
    const auto slot = [&](std::size_t made) -> boost::json::value& {
        return states[made].get_object()["requests"].get_object()[std::to_string(which[made])];
    };
    const auto changed = [this](int line) {
        return Error{u"cannot read %1: it changed while it was read (line %2 is not what it was)"_s.arg(
            m_path, QString::number(line))};
    };
    boost::json::parser parser({}, json::parseOptions());
    std::string bytes;
    for (const Use& use : uses) {
        const Step& step = *use.step;
        bytes.resize(std::size_t(step.length));
        if (!m_file->seek(step.offset) || m_file->read(bytes.data(), step.length) != step.length) {
            return changed(step.line);
        }
        std::optional<boost::json::value> read = reread(parser, bytes, step.checksum);
        if (!read) {
            return changed(step.line);
        }
        if (step.kind == Step::Kind::Origin) {
            slot(use.made) = std::move(*read);
            continue;
        }
        bool initialized = true;
        if (auto problem = MutationLog::apply(states[use.made], initialized, std::move(*read))) {
            return Error{u"cannot read %1: line %2: %3"_s.arg(m_path, QString::number(step.line), *problem)};
        }
    }
    std::vector<boost::json::value> made;
    made.reserve(which.size());
    for (std::size_t m = 0; m < which.size(); ++m) {
        made.push_back(std::move(slot(m)));
    }
    return made;
}

} // namespace chasm
