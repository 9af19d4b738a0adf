#include "RequestIndex.h"

#include "json/Json.h"
#include "util/LineReader.h"
#include "util/RegularFile.h"
#include "vscode/MutationLog.h"

#include <QFile>

#include <boost/json/parser.hpp>

#include <algorithm>
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
            kept[key] = only(std::move(value), {"text"});
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

} // namespace

Result<RequestIndex> RequestIndex::build(const QString& path)
{
    QFile file;
    if (auto error = RegularFile::open(file, path)) {
        return *error;
    }
    RequestIndex index(path);
    index.m_size = file.size();
    MutationLog log(path);
    log.setEntryFilter([&index, &log](boost::json::value& entry, const MutationLog::Record& record) {
        return index.index(entry, record.offset, record.length, record.line, log.state());
    });
    LineReader lines(file);
    while (const auto line = lines.next()) {
        if (auto error = log.addLine(*line, lines.lineOffset())) {
            return *error;
        }
    }
    if (!lines.error().isEmpty()) {
        return Error{u"cannot read %1: %2"_s.arg(path, lines.error())};
    }
    auto replay = log.finish();
    if (!replay) {
        return replay.error();
    }
    if (!replay->state.is_object()) {
        return Error{u"cannot read %1: the session is not a JSON object"_s.arg(path)};
    }
    index.m_outline = std::move(replay->state);
    index.m_warnings = std::move(replay->warnings);
    const boost::json::value* requests = json::find(index.m_outline, "requests");
    if (!requests || !requests->is_array()) {
        index.m_requests.clear(); // a session whose requests are not an array has none
    }
    return index;
}

std::optional<QString> RequestIndex::index(boost::json::value& entry, qint64 offset, qint64 length, int line,
                                           const boost::json::value& state)
{
    // Whatever does not apply is left as it is, for MutationLog::apply to report.
    boost::json::object* object = entry.if_object();
    const auto kind = json::integer(entry, "kind");
    if (!object || !kind) {
        return std::nullopt;
    }
    const auto origin = [&](Step::Kind from, std::size_t element) {
        return Steps{Step{offset, length, line, std::uint32_t(element), from}};
    };
    boost::json::value* v = object->if_contains("v");
    if (*kind == 0) {
        m_requests.clear();
        boost::json::value* requests = v && v->is_object() ? v->get_object().if_contains("requests") : nullptr;
        if (requests && requests->is_array()) {
            for (std::size_t e = 0; e < requests->get_array().size(); ++e) {
                m_requests.push_back(origin(Step::Kind::FromInitial, e));
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
            for (std::size_t e = 0; e < v->get_array().size(); ++e) {
                m_requests.push_back(origin(Step::Kind::FromArray, e));
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
            m_requests[request] = origin(Step::Kind::FromValue, 0);
            *v = outlinedRequest(std::move(*v));
        } else if (*kind == 1 || *kind == 3) {
            m_requests[request].clear();
        } else {
            // Pushing into a request: not a request any more (or a failure), which sessions skip.
            m_requests[request].push_back(Step{offset, length, line, 0, Step::Kind::Edit});
            if (v && v->is_array()) {
                v->get_array().clear();
            }
        }
        return std::nullopt;
    }
    if (request >= size) {
        return std::nullopt; // "no value at": apply says so
    }
    m_requests[request].push_back(Step{offset, length, line, 0, Step::Kind::Edit});
    const boost::json::value& outlined = current->get_array()[request];
    const boost::json::value& key = (*path)[2];
    if (!outlined.is_object() || !key.is_string() || isKeptLeaf(key.get_string())) {
        return std::nullopt; // applies to the outline as to the whole state
    }
    const std::size_t depth = path->size();
    if (isKey(key, "message")) {
        if (depth == 3 && *kind == 1 && v) {
            *v = only(std::move(*v), {"text"});
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
    entry = nullptr;
    return std::nullopt;
}

std::size_t RequestIndex::batchEnd(std::size_t first, qint64 maxBytes, std::size_t maxRequests) const
{
    qint64 bytes = 0;
    std::vector<qint64> shared; // records that made several requests, counted once
    std::size_t last = first;
    while (last < m_requests.size() && last - first < maxRequests) {
        qint64 own = 0;
        for (const Step& step : m_requests[last]) {
            const bool many = step.kind == Step::Kind::FromInitial || step.kind == Step::Kind::FromArray;
            if (many && std::find(shared.begin(), shared.end(), step.offset) != shared.end()) {
                continue;
            }
            if (many) {
                shared.push_back(step.offset);
            }
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

Result<std::vector<boost::json::value>> RequestIndex::requests(std::size_t first, std::size_t last) const
{
    last = std::min(last, m_requests.size());
    first = std::min(first, last);
    struct Use
    {
        const Step* step;
        std::size_t request;
    };
    std::vector<Use> uses;
    for (std::size_t request = first; request < last; ++request) {
        for (const Step& step : m_requests[request]) {
            uses.push_back({&step, request});
        }
    }
    // Each record read once, in the log's order; a request's steps stay in theirs.
    std::stable_sort(uses.begin(), uses.end(),
                     [](const Use& a, const Use& b) { return a.step->offset < b.step->offset; });

    // Each request is made in a state of its own, {"requests": {"<index>": request}}: the log's entries apply to it
    // by their own paths (an object takes an index as its key), with the whole replay's semantics and messages.
    std::vector<boost::json::value> states;
    states.reserve(last - first);
    for (std::size_t request = first; request < last; ++request) {
        states.emplace_back(boost::json::object{{"requests", boost::json::object{{std::to_string(request), nullptr}}}});
    }
    const auto slot = [&](std::size_t request) -> boost::json::value& {
        return states[request - first].get_object()["requests"].get_object()[std::to_string(request)];
    };

    QFile file;
    if (auto error = RegularFile::open(file, m_path)) {
        return *error;
    }
    const auto changed = [this](int line) {
        return Error{u"cannot read %1: it changed while it was read (line %2 is not what it was)"_s.arg(
            m_path, QString::number(line))};
    };
    if (file.size() < m_size) {
        return changed(0);
    }
    boost::json::parser parser({}, json::parseOptions());
    std::string bytes;
    for (std::size_t u = 0; u < uses.size();) {
        const Step& record = *uses[u].step;
        bytes.resize(std::size_t(record.length));
        if (!file.seek(record.offset) || file.read(bytes.data(), record.length) != record.length) {
            return changed(record.line);
        }
        boost::json::value entry;
        for (const bool repair : {false, true}) {
            // Boost.JSON rejects lone surrogate escapes, which MutationLog repairs the same way.
            const std::string repaired = repair ? json::replaceLoneSurrogates(bytes) : std::string();
            const std::string_view text = repair ? std::string_view(repaired) : std::string_view(bytes);
            parser.reset();
            boost::system::error_code ec;
            parser.write(text.data(), text.size(), ec);
            if (!ec) {
                entry = parser.release();
                break;
            }
        }
        boost::json::value* v = entry.is_object() ? entry.get_object().if_contains("v") : nullptr;
        for (; u < uses.size() && uses[u].step->offset == record.offset; ++u) {
            const Step& step = *uses[u].step;
            boost::json::value* from = v;
            if (step.kind == Step::Kind::FromInitial) {
                from = v && v->is_object() ? v->get_object().if_contains("requests") : nullptr;
            }
            if (step.kind == Step::Kind::FromInitial || step.kind == Step::Kind::FromArray) {
                boost::json::array* items = from ? from->if_array() : nullptr;
                from = items && step.element < items->size() ? &(*items)[step.element] : nullptr;
            }
            if (step.kind != Step::Kind::Edit) {
                if (!from) {
                    return changed(step.line);
                }
                slot(uses[u].request) = std::move(*from);
                continue;
            }
            if (!entry.is_object()) {
                return changed(step.line);
            }
            bool initialized = true;
            if (auto problem = MutationLog::apply(states[uses[u].request - first], initialized, std::move(entry))) {
                return Error{u"cannot read %1: line %2: %3"_s.arg(m_path, QString::number(step.line), *problem)};
            }
        }
    }
    std::vector<boost::json::value> made;
    made.reserve(last - first);
    for (std::size_t request = first; request < last; ++request) {
        made.push_back(std::move(slot(request)));
    }
    return made;
}

} // namespace chasm
