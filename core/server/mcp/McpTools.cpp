// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#include "McpTools.h"

#include "json/Json.h"
#include "model/ModelJson.h"
#include "services/CatalogService.h"
#include "services/HistoryService.h"
#include "services/RetentionService.h"
#include "services/SearchService.h"
#include "services/TimelineService.h"
#include "store/postgres/PostgresSearch.h"

#include <QCryptographicHash>
#include <QDir>
#include <QSqlQuery>
#include <QTimeZone>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include <algorithm>
#include <cmath>
#include <limits>

using namespace Qt::StringLiterals;

namespace chasm::mcp {

namespace {

boost::json::object schema(std::string_view text)
{
    return boost::json::parse(text).as_object();
}

QString describe(const boost::json::value& value)
{
    switch (value.kind()) {
    case boost::json::kind::string:
        return u"a string"_s;
    case boost::json::kind::int64:
    case boost::json::kind::uint64:
        return u"an integer"_s;
    case boost::json::kind::double_:
        return u"a number"_s;
    case boost::json::kind::bool_:
        return u"a boolean"_s;
    case boost::json::kind::array:
        return u"an array"_s;
    case boost::json::kind::object:
        return u"an object"_s;
    case boost::json::kind::null:
        return u"null"_s;
    }
    return {};
}

std::optional<qint64> wholeNumber(const boost::json::value& value)
{
    if (value.is_int64()) {
        return value.get_int64();
    }
    if (value.is_uint64() && value.get_uint64() <= uint64_t(std::numeric_limits<qint64>::max())) {
        return qint64(value.get_uint64());
    }
    if (value.is_double()) { // 10.0 is an integer in JSON Schema
        const double d = value.get_double();
        if (std::isfinite(d) && d == std::floor(d) && std::abs(d) < 9e15) {
            return qint64(d);
        }
    }
    return std::nullopt;
}

std::optional<QString> validateValue(const QString& name, const boost::json::object& schema,
                                     const boost::json::value& value)
{
    const std::string_view type = schema.contains("type") && schema.at("type").is_string()
                                      ? std::string_view(schema.at("type").get_string())
                                      : std::string_view();
    if (type == "string") {
        if (!value.is_string()) {
            return u"argument '%1' must be a string, not %2"_s.arg(name, describe(value));
        }
        if (const auto* values = schema.if_contains("enum")) {
            const auto& allowed = values->as_array();
            if (std::find(allowed.begin(), allowed.end(), value) == allowed.end()) {
                QStringList names;
                for (const auto& v : allowed) {
                    names << json::toQString(v.get_string());
                }
                return u"argument '%1' must be one of: %2"_s.arg(name, names.join(u", "_s));
            }
        }
        // Every string has a bound, so that nothing a client sends is echoed back beyond an answer's budget.
        const qint64 maxLength = schema.contains("maxLength") ? schema.at("maxLength").to_number<qint64>() : 4096;
        if (qint64(value.get_string().size()) > maxLength) {
            return u"argument '%1' is too long: at most %2 characters"_s.arg(name).arg(maxLength);
        }
        if (const auto* minLength = schema.if_contains("minLength");
            minLength && qint64(value.get_string().size()) < minLength->to_number<qint64>()) {
            return u"argument '%1' must not be empty"_s.arg(name);
        }
        return std::nullopt;
    }
    if (type == "integer") {
        const auto number = wholeNumber(value);
        if (!number) {
            return u"argument '%1' must be an integer, not %2"_s.arg(name, describe(value));
        }
        const auto* minimum = schema.if_contains("minimum");
        const auto* maximum = schema.if_contains("maximum");
        if ((minimum && *number < minimum->to_number<qint64>()) ||
            (maximum && *number > maximum->to_number<qint64>())) {
            if (minimum && maximum) {
                return u"argument '%1' must be from %2 to %3"_s.arg(name)
                    .arg(minimum->to_number<qint64>())
                    .arg(maximum->to_number<qint64>());
            }
            return minimum ? u"argument '%1' must be at least %2"_s.arg(name).arg(minimum->to_number<qint64>())
                           : u"argument '%1' must be at most %2"_s.arg(name).arg(maximum->to_number<qint64>());
        }
        return std::nullopt;
    }
    if (type == "boolean") {
        if (!value.is_bool()) {
            return u"argument '%1' must be true or false, not %2"_s.arg(name, describe(value));
        }
        return std::nullopt;
    }
    if (type == "array") {
        if (!value.is_array()) {
            return u"argument '%1' must be an array, not %2"_s.arg(name, describe(value));
        }
        if (const auto* items = schema.if_contains("items")) {
            int i = 0;
            for (const auto& item : value.get_array()) {
                if (auto error = validateValue(u"%1[%2]"_s.arg(name).arg(i++), items->as_object(), item)) {
                    return error;
                }
            }
        }
        return std::nullopt;
    }
    if (type == "object") {
        if (!value.is_object()) {
            return name.isEmpty() ? u"the arguments must be an object, not %1"_s.arg(describe(value))
                                  : u"argument '%1' must be an object, not %2"_s.arg(name, describe(value));
        }
        const auto& object = value.get_object();
        const boost::json::object empty;
        const auto* properties = schema.if_contains("properties");
        const auto& known = properties ? properties->as_object() : empty;
        if (const auto* required = schema.if_contains("required")) {
            for (const auto& key : required->as_array()) {
                if (!object.contains(key.get_string())) {
                    return u"argument '%1' is required"_s.arg(json::toQString(key.get_string()));
                }
            }
        }
        for (const auto& [key, item] : object) {
            const auto* property = known.if_contains(key);
            if (!property) {
                QStringList names;
                for (const auto& [k, v] : known) {
                    names << json::toQString(std::string_view(k));
                }
                const QString unknown = json::toQString(std::string_view(key)).left(100);
                return names.isEmpty()
                           ? u"unknown argument '%1': this tool takes none"_s.arg(unknown)
                           : u"unknown argument '%1'; the arguments are: %2"_s.arg(unknown, names.join(u", "_s));
            }
            if (auto error = validateValue(json::toQString(std::string_view(key)), property->as_object(), item)) {
                return error;
            }
        }
        return std::nullopt;
    }
    return std::nullopt;
}

boost::json::array pageOf(const boost::json::array& all, qint64 offset, qint64 limit)
{
    boost::json::array page;
    for (qint64 i = offset; i < qint64(all.size()) && i < offset + limit; ++i) {
        page.push_back(all[std::size_t(i)]);
    }
    return page;
}

// The offset a tool's `cursor` argument names (0 without one).
Result<qint64> offsetOf(const Arguments& arguments, std::string_view tool)
{
    if (!arguments.has("cursor")) {
        return qint64(0);
    }
    return Cursor::decode(arguments.string("cursor"), cursorScope(tool, arguments.object()));
}

// A page of a whole list the service gave: `key` holds items offset..offset+limit, cut to the budget.
boost::json::object listPage(const char* key, const boost::json::array& all, qint64 offset, qint64 limit,
                             const Arguments& arguments, std::string_view tool, CallContext& context)
{
    boost::json::object page;
    page[key] = pageOf(all, offset, limit);
    page["total"] = all.size();
    const qint64 next = offset + limit < qint64(all.size()) ? offset + limit : -1;
    fitToBudget(page, key, offset, next, context.budget(), cursorScope(tool, arguments.object()));
    return page;
}

// How many hits a search lists, read in pages: each page is the same search (the same candidates, grouped the same
// way) of which it shows a slice, so that a page costs the same wherever it is in the list. The candidates are ten
// times as many as the hits: at 1.16 M messages, a list of 200 made search p95 36 ms where 10 hits took 14.
constexpr qint64 maxSearchHits = 50;

const char* const pagingProperties = R"~(
    "cursor": {"type": "string", "description": "next_cursor of the previous page, to go on"},
    "limit": {"type": "integer", "minimum": 1, "maximum": 200, "description": "At most this many items (default 50)"})~";

std::string pagedOutput(std::string_view key, std::string_view extra = {})
{
    return std::string(R"~({"type": "object", "properties": {")~") + std::string(key) +
           R"~(": {"type": "array", "items": {"type": "object"}},
        "total": {"type": "integer"},
        "next_cursor": {"type": ["string", "null"], "description": "Pass as cursor to get the next page; null at the end"},
        "truncated": {"type": "boolean"},
        "note": {"type": "string"})~" +
           std::string(extra) + R"~(}, "required": [")~" + std::string(key) + R"~(", "next_cursor"]})~";
}

Result<boost::json::object> listWorkspaces(const Arguments& arguments, CallContext& context)
{
    const auto offset = offsetOf(arguments, "chasm_list_workspaces");
    if (!offset) {
        return offset.error();
    }
    auto workspaces = CatalogService(context.catalog()).workspaces(arguments.string("provider"));
    if (!workspaces) {
        return workspaces.error();
    }
    std::sort(workspaces->begin(), workspaces->end(),
              [](const Workspace& a, const Workspace& b) { return a.lastModified > b.lastModified; });
    return listPage("workspaces", toJson(*workspaces), *offset, arguments.integer("limit", 50), arguments,
                    "chasm_list_workspaces", context);
}

Result<boost::json::object> searchSessions(const Arguments& arguments, CallContext& context)
{
    const auto offset = offsetOf(arguments, "chasm_search_sessions");
    if (!offset) {
        return offset.error();
    }
    const qint64 limit = arguments.integer("limit", 10);
    HarvestStore::SearchFilter filter;
    if (arguments.has("provider")) {
        auto chosen = context.catalog().harvestedProviderId(arguments.string("provider"));
        if (!chosen) {
            return chosen.error();
        }
        filter.provider = *chosen;
    }
    filter.projectPath = arguments.string("project_path");
    filter.role = arguments.string("role");
    filter.excludeSession = arguments.string("exclude_session_id");
    const auto after = arguments.time("after");
    const auto before = arguments.time("before", true);
    if (!after || !before) {
        return !after ? after.error() : before.error();
    }
    filter.after = *after;
    filter.before = *before;
    if (*offset >= maxSearchHits) {
        return Error{u"this cursor is not one of this search's: a search lists at most %1 hits"_s.arg(maxSearchHits)};
    }
    filter.limit = int(maxSearchHits);
    filter.skip = int(*offset);
    filter.count = int(limit);
    const QString query = arguments.string("query");
    Result<HarvestSearch::Results> results = Error{};
    if (context.onTeamDatabase()) {
        auto team = context.teamDatabase();
        if (!team) {
            return team.error();
        }
        results = PostgresSearch(**team).search(query, filter);
    } else {
        auto database = context.database();
        if (!database) {
            return database.error();
        }
        results = SearchService::searchHarvest(**database, query, filter);
    }
    if (!results) {
        return results.error();
    }
    boost::json::array hits;
    for (const HarvestStore::SearchHit& hit : results->hits) {
        hits.push_back(toJson(hit));
    }
    boost::json::object page;
    page["query"] = json::fromQString(query);
    page["ranked"] = !results->windowed();
    if (results->windowed()) {
        page["note"] = "Too many messages match to rank them all: these are the newest matches. Add words or "
                       "filters (provider, project_path, after) to rank by relevance.";
    }
    const qint64 next = *offset + limit < results->listed ? *offset + limit : -1;
    if (next < 0 && (results->listed == maxSearchHits || !results->everyMatch)) {
        const QString said = page.contains("note") ? json::toQString(page["note"].as_string()) + u' ' : QString();
        page["note"] = json::fromQString(
            said + u"This is the last page: a search lists at most %1 hits, at most 3 per session, and more messages "
                   u"match. Add words or filters to see others."_s.arg(maxSearchHits));
    }
    page["hits"] = std::move(hits);
    fitToBudget(page, "hits", *offset, next, context.budget(),
                cursorScope("chasm_search_sessions", arguments.object()));
    return page;
}

Result<boost::json::object> projectHistory(const Arguments& arguments, CallContext& context)
{
    const auto offset = offsetOf(arguments, "chasm_project_history");
    if (!offset) {
        return offset.error();
    }
    TimelineService::Request request;
    request.path = arguments.string("project_path");
    if (QDir::isRelativePath(request.path)) { // the server's working directory means nothing to a client
        return Error{u"argument 'project_path' must be an absolute path, such as /home/me/projects/app"_s};
    }
    request.gapDays = int(arguments.integer("gap_days", 7));
    auto report = TimelineService(context.catalog()).run(request);
    if (!report) {
        return report.error();
    }
    boost::json::object whole = toJson(*report);
    const qint64 limit = arguments.integer("limit", 50);
    const auto& all = whole["sessions"].as_array();
    boost::json::object page{{"path", whole["path"]}, {"unreadable", whole["unreadable"]}, {"gaps", whole["gaps"]}};
    // The gaps take at most a quarter of the budget (the most recent ones are the last dropped).
    trimToBudget(page, "gaps", context.budget() / 4);
    page["sessions"] = pageOf(all, *offset, limit);
    page["total"] = all.size();
    const qint64 next = *offset + limit < qint64(all.size()) ? *offset + limit : -1;
    fitToBudget(page, "sessions", *offset, next, context.budget(),
                cursorScope("chasm_project_history", arguments.object()));
    return page;
}

// The provider id a `provider` argument names (an alias too); empty without one.
Result<QString> providerId(const Arguments& arguments, CallContext& context)
{
    if (!arguments.has("provider")) {
        return QString();
    }
    return context.catalog().harvestedProviderId(arguments.string("provider"));
}

// A report's page of `listKey` as a tool gives it: its offsets made a cursor, cut to the budget.
boost::json::object servicePage(boost::json::object page, const char* listKey, qint64 offset, qint64 total,
                                const Arguments& arguments, std::string_view tool, CallContext& context)
{
    page.erase("offset");
    page.erase("next_offset");
    const qint64 shown = qint64(page[listKey].as_array().size());
    const qint64 next = offset + shown < total ? offset + shown : -1;
    fitToBudget(page, listKey, offset, next, context.budget(), cursorScope(tool, arguments.object()));
    return page;
}

Result<boost::json::object> listSessions(const Arguments& arguments, CallContext& context)
{
    const auto offset = offsetOf(arguments, "chasm_list_sessions");
    const auto provider = providerId(arguments, context);
    const auto after = arguments.time("after");
    const auto before = arguments.time("before", true);
    for (const Error* error : {offset ? nullptr : &offset.error(), provider ? nullptr : &provider.error(),
                               after ? nullptr : &after.error(), before ? nullptr : &before.error()}) {
        if (error) {
            return *error;
        }
    }
    HistoryService::SessionsRequest request;
    // A workspace's id ("code:<hash>", as chasm_list_workspaces gives it) or its hash.
    const QString workspace = arguments.string("workspace_id");
    request.workspaceId = workspace.contains(u':') ? workspace.section(u':', 1) : workspace;
    request.projectPath = arguments.string("project_path");
    request.provider = *provider;
    request.after = *after;
    request.before = *before;
    request.offset = int(std::min<qint64>(*offset, std::numeric_limits<int>::max()));
    request.limit = int(arguments.integer("limit", 50));
    auto database = context.history();
    if (!database) {
        return database.error();
    }
    auto report = HistoryService::sessions(*database, request);
    if (!report) {
        return report.error();
    }
    return servicePage(toJson(*report), "sessions", *offset, report->total, arguments, "chasm_list_sessions", context);
}

Result<boost::json::object> getSession(const Arguments& arguments, CallContext& context)
{
    HistoryService::MessagesRequest request;
    request.sessionId = arguments.string("session_id");
    request.from = int(arguments.integer("from", 0));
    request.limit = int(arguments.integer("limit", 50));
    if (arguments.has("around")) {
        request.around = int(arguments.integer("around", 0));
    }
    request.roles = arguments.strings("roles");
    request.maxCharsPerMessage = int(arguments.integer("max_chars_per_message", 2000));
    request.fromChar = arguments.integer("from_char", 0);
    auto database = context.history();
    if (!database) {
        return database.error();
    }
    auto report = HistoryService::messages(*database, request);
    if (!report) {
        return report.error();
    }
    boost::json::object page = toJson(*report);
    const int room = std::max(context.budget() - 400, 1000);
    const qsizetype dropped = trimToBudget(page, "messages", room);
    auto& messages = page["messages"].as_array();
    if (dropped > 0) {
        page["next_from"] = report->messages.at(report->messages.size() - dropped).index;
    }
    // One message alone longer than the budget: its text cut to fit, the rest read from next_char on.
    bool cutMessage = false;
    if (const std::size_t size = boost::json::serialize(page).size(); size > std::size_t(room) && !messages.empty()) {
        auto& message = messages.front().as_object();
        QString text = json::toQString(message["text"].as_string());
        text.truncate(std::max<qsizetype>(0, text.size() - qsizetype(size - std::size_t(room)) - 64));
        if (!text.isEmpty() && text.back().isHighSurrogate()) {
            text.chop(1);
        }
        const qint64 kept = codePoints(text);
        message["text"] = json::fromQString(text);
        message["truncated"] = true;
        if (kept > 0) { // else its tool calls alone fill the answer: the next page starts at the next message
            page["next_from"] = report->messages.constFirst().index;
            page["next_char"] = report->messages.constFirst().fromChar + kept;
        }
        cutMessage = true;
    }
    if (dropped > 0 || cutMessage) {
        page["truncated"] = true;
        page["note"] = json::fromQString(
            page.contains("next_char")
                ? u"This message is longer than one answer may be: its text is cut (full_length gives its length); "
                  u"call again with from = next_from and from_char = next_char for the rest."_s
            : dropped > 0
                ? u"Cut to fit the answer budget: %1 of the %2 messages asked for are shown; call again with "
                  u"from = next_from for the rest, or with a smaller max_chars_per_message."_s.arg(messages.size())
                      .arg(messages.size() + std::size_t(dropped))
                : u"This message's tool calls alone fill the answer: its text is left out; call again with from = "
                  u"next_from for the messages after it."_s);
    }
    return page;
}

Result<boost::json::object> getStats(const Arguments&, CallContext& context)
{
    auto database = context.history();
    if (!database) {
        return database.error();
    }
    auto report = HistoryService::stats(*database, context.cancel());
    if (!report) {
        return report.error();
    }
    boost::json::object stats = toJson(*report);
    trimToBudget(stats, "months", std::max(context.budget() - 400, 1000));
    return stats;
}

Result<boost::json::object> fileHistory(const Arguments& arguments, CallContext& context)
{
    const auto offset = offsetOf(arguments, "chasm_file_history");
    if (!offset) {
        return offset.error();
    }
    HistoryService::FileHistoryRequest request;
    request.path = arguments.string("path");
    request.offset = int(std::min<qint64>(*offset, std::numeric_limits<int>::max()));
    request.limit = int(arguments.integer("limit", 50));
    auto database = context.history();
    if (!database) {
        return database.error();
    }
    auto report = HistoryService::fileHistory(*database, request, context.cancel());
    if (!report) {
        return report.error();
    }
    return servicePage(toJson(*report), "sessions", *offset, report->total, arguments, "chasm_file_history", context);
}

Result<boost::json::object> retention(const Arguments& arguments, CallContext& context)
{
    if (context.onTeamDatabase()) {
        return Error{u"chasm_retention reads this machine's tools and its own harvest database, not a team database"_s};
    }
    auto provider = providerId(arguments, context);
    if (!provider) {
        return provider.error();
    }
    auto providers = context.catalog().providers(*provider);
    if (!providers) {
        return providers.error();
    }
    auto database = context.database();
    if (!database) {
        return database.error();
    }
    const auto report =
        RetentionService::check(context.catalog(), *providers, *database,
                                int(arguments.integer("days", RetentionService::defaultDays)), Listing::Described);
    boost::json::object answer = toJson(report);
    // Each tool's first `limit` sessions at risk (soonest first), with how many there are.
    const auto limit = std::size_t(arguments.integer("limit", 20));
    for (boost::json::value& tool : answer["tools"].as_array()) {
        boost::json::array& atRisk = tool.as_object()["at_risk"].as_array();
        tool.as_object()["at_risk_total"] = atRisk.size();
        if (atRisk.size() > limit) {
            atRisk.resize(limit);
        }
    }
    return answer;
}

std::vector<Tool> makeTools()
{
    std::vector<Tool> tools;
    tools.push_back(
        {"chasm_list_workspaces", "List workspaces",
         "List the workspaces (project folders opened in VS Code, Cursor, Windsurf and the other editors, and each "
         "CLI agent's project stores) that hold AI chat sessions on this machine, most recently used first. Use the "
         "id or hash of one as workspace_id in chasm_list_sessions.",
         schema(std::string(R"~({"type": "object", "additionalProperties": false, "properties": {
            "provider": {"type": "string", "minLength": 1, "description": "Only this tool's workspaces: copilot (VS Code), cursor, windsurf, claude-code, codex, gemini, opencode, ..."},)~") +
                pagingProperties + "}}"),
         schema(pagedOutput("workspaces")), listWorkspaces});
    tools.push_back(
        {"chasm_search_sessions", "Search the chat history",
         "Full-text search over every harvested AI chat message (Copilot, Cursor, Claude Code, Codex, Gemini and "
         "more), best matches first (by relevance, with a boost for recent messages), at most 3 hits per "
         "session. Query syntax: words (all must match; English stemming, so 'fix' finds 'fixed'), \"exact "
         "phrases\", prefix*, OR, NOT or -word, parentheses. Each hit gives the session id, the message_index "
         "(pass it as around to chasm_get_session to read the conversation there) and a snippet with matches in "
         "[brackets].",
         schema(R"~({"type": "object", "additionalProperties": false, "required": ["query"], "properties": {
            "query": {"type": "string", "minLength": 1, "maxLength": 1000, "description": "What to look for, e.g. auth middleware \"rate limit\" -test"},
            "limit": {"type": "integer", "minimum": 1, "maximum": 50, "description": "At most this many hits (default 10)"},
            "provider": {"type": "string", "minLength": 1, "description": "Only this tool's sessions (copilot, cursor, claude-code, codex, gemini, ..., or recording: those recorded over the API)"},
            "project_path": {"type": "string", "description": "Only sessions of this project folder (or a folder inside it)"},
            "role": {"type": "string", "enum": ["user", "assistant", "system"], "description": "Only messages of this role"},
            "after": {"type": "string", "description": "Only messages on or after this date (YYYY-MM-DD or ISO 8601)"},
            "before": {"type": "string", "description": "Only messages on or before this date (YYYY-MM-DD or ISO 8601)"},
            "exclude_session_id": {"type": "string", "description": "Leave out this session (e.g. the current one)"},
            "cursor": {"type": "string", "description": "next_cursor of the previous page, to go on"}}})~"),
         schema(R"~({"type": "object", "properties": {
            "query": {"type": "string"},
            "ranked": {"type": "boolean", "description": "false when the hits are the newest matches, not the best"},
            "hits": {"type": "array", "items": {"type": "object", "properties": {
                "session_id": {"type": "string"}, "provider": {"type": "string"}, "title": {"type": "string"},
                "project_path": {"type": ["string", "null"]}, "message_index": {"type": "integer"},
                "role": {"type": "string"}, "timestamp": {"type": ["string", "null"]}, "snippet": {"type": "string"},
                "score": {"type": "number"},
                "origin": {"type": "string", "description": "In a team database: who harvested the session where (user@machine)"}}}},
            "next_cursor": {"type": ["string", "null"]},
            "truncated": {"type": "boolean"},
            "note": {"type": "string"}}, "required": ["query", "hits", "next_cursor"]})~"),
         searchSessions});
    tools.push_back(
        {"chasm_list_sessions", "List sessions",
         "List the harvested AI chat sessions of every tool, newest first, optionally of one workspace, project "
         "folder or tool, or active in a time range. Each session has its id (for chasm_get_session), title, "
         "project_path, created_at, updated_at and message_count.",
         schema(std::string(R"~({"type": "object", "additionalProperties": false, "properties": {
            "workspace_id": {"type": "string", "description": "A workspace's id or hash from chasm_list_workspaces"},
            "project_path": {"type": "string", "description": "Only sessions of this project folder (or a folder inside it)"},
            "provider": {"type": "string", "minLength": 1, "description": "Only this tool's sessions (copilot, cursor, claude-code, codex, gemini, ..., or recording: those recorded over the API)"},
            "after": {"type": "string", "description": "Active on or after this date (YYYY-MM-DD or ISO 8601)"},
            "before": {"type": "string", "description": "Active on or before this date (YYYY-MM-DD or ISO 8601)"},)~") +
                pagingProperties + "}}"),
         schema(pagedOutput("sessions")), listSessions});
    tools.push_back(
        {"chasm_get_session", "Read a session",
         "Read a window of one session's messages (a page at a time: whole sessions can be megabytes). Give from "
         "(a message index) or around (e.g. a search hit's message_index, to read the conversation there); "
         "next_from says where the next page starts (null at the end). Long messages are cut to "
         "max_chars_per_message (truncated and full_length say so); from_char reads a message's text from a "
         "character on (a message longer than one answer comes with next_char: call again with from = next_from and "
         "from_char = next_char). Tool calls are summarized. roles keeps only some roles, e.g. [\"user\"] to see "
         "what was asked.",
         schema(R"~({"type": "object", "additionalProperties": false, "required": ["session_id"], "properties": {
            "session_id": {"type": "string", "minLength": 1, "description": "A session id (or a unique prefix) from a search hit or a listing"},
            "from": {"type": "integer", "minimum": 0, "maximum": 100000000, "description": "The index of the first message (default 0)"},
            "around": {"type": "integer", "minimum": 0, "maximum": 100000000, "description": "Centre the window on this message index instead"},
            "limit": {"type": "integer", "minimum": 1, "maximum": 200, "description": "At most this many messages (default 50)"},
            "roles": {"type": "array", "items": {"type": "string", "enum": ["user", "assistant", "system"]}, "description": "Only messages of these roles"},
            "max_chars_per_message": {"type": "integer", "minimum": 0, "maximum": 1000000, "description": "Cut each message's text after this many characters (default 2000; 0: whole texts, still within the answer budget)"},
            "from_char": {"type": "integer", "minimum": 0, "maximum": 2000000000, "description": "The text of the message at from starts at this character (0-based, in Unicode code points): to read a long message in parts, as next_char gives (with from, not around)"}}})~"),
         schema(R"~({"type": "object", "properties": {
            "session": {"type": "object", "properties": {"id": {"type": "string"}, "provider": {"type": "string"},
                "title": {"type": "string"}, "project_path": {"type": ["string", "null"]}, "message_count": {"type": "integer"},
                "origin": {"type": "string", "description": "In a team database: who harvested the session where (user@machine)"}}},
            "messages": {"type": "array", "items": {"type": "object", "properties": {
                "index": {"type": "integer"}, "role": {"type": "string"}, "timestamp": {"type": ["string", "null"]},
                "text": {"type": "string"}, "truncated": {"type": "boolean"}, "full_length": {"type": "integer"},
                "from_char": {"type": "integer", "description": "Where text starts in the whole text, when not at 0"},
                "tool_calls": {"type": "array", "items": {"type": "object"}}}}},
            "next_from": {"type": ["integer", "null"], "description": "Pass as from for the next page; null at the end"},
            "next_char": {"type": "integer", "description": "The first message was cut for the budget: pass as from_char, with from = next_from, for the rest of its text"},
            "total": {"type": "integer"},
            "truncated": {"type": "boolean"},
            "note": {"type": "string"}}, "required": ["session", "messages", "next_from"]})~"),
         getSession});
    tools.push_back(
        {"chasm_get_stats", "History statistics",
         "How much history Chasm holds: sessions and messages in all, per tool and per month, the database's size and "
         "when it was last harvested.",
         schema(R"~({"type": "object", "additionalProperties": false, "properties": {}})~"),
         schema(R"~({"type": "object", "properties": {
            "database": {"type": "string"}, "sessions": {"type": "integer"}, "messages": {"type": "integer"},
            "providers": {"type": "array", "items": {"type": "object"}},
            "months": {"type": "array", "items": {"type": "object"}},
            "size_bytes": {"type": "integer"},
            "last_harvest": {"type": ["object", "null"]}}, "required": ["sessions", "messages", "providers", "months"]})~"),
         getStats});
    tools.push_back(
        {"chasm_file_history", "Sessions that touched a file",
         "The sessions whose tool calls changed or read a file, or whose messages mention it, newest first: what "
         "was done to a file and why. Give an absolute path, a path inside the project (src/auth/middleware.ts) or "
         "a file name.",
         schema(std::string(R"~({"type": "object", "additionalProperties": false, "required": ["path"], "properties": {
            "path": {"type": "string", "minLength": 1, "description": "The file: absolute, relative to its project, or its name"},)~") +
                pagingProperties + "}}"),
         schema(pagedOutput("sessions", R"~(, "path": {"type": "string"})~")), fileHistory});
    tools.push_back(
        {"chasm_project_history", "A project's history across tools",
         "Every AI chat session of one project folder, from every tool (Copilot, Cursor, Claude Code, Codex, "
         "Gemini, ...), oldest first, with the gaps of 7 days or more between them (where history may be missing "
         "or work paused). Read from the tools' own stores as they are now.",
         schema(std::string(
                    R"~({"type": "object", "additionalProperties": false, "required": ["project_path"], "properties": {
            "project_path": {"type": "string", "minLength": 1, "description": "The project folder, absolute"},
            "gap_days": {"type": "integer", "minimum": 1, "maximum": 3650, "description": "Report gaps of at least this many days (default 7)"},)~") +
                pagingProperties + "}}"),
         schema(pagedOutput("sessions",
                            R"~(, "path": {"type": "string"}, "gaps": {"type": "array", "items": {"type": "object"}},
            "unreadable": {"type": "integer"})~")),
         projectHistory});
    tools.push_back(
        {"chasm_retention", "What the tools are about to delete",
         "The tools' own rules for deleting their chat history (Claude Code deletes transcripts older than its "
         "cleanupPeriodDays, 30 days by default; Gemini CLI has its session retention), read from their settings, and "
         "the sessions each deletes within the next days, soonest first, each marked whether Chasm's database keeps "
         "it as it is now (in_database false: harvest before it goes).",
         schema(R"~({"type": "object", "additionalProperties": false, "properties": {
            "provider": {"type": "string", "minLength": 1, "description": "Only this tool (claude-code, gemini, ...)"},
            "days": {"type": "integer", "minimum": 0, "maximum": 36500, "description": "The sessions deleted within this many days (default 7)"},
            "limit": {"type": "integer", "minimum": 1, "maximum": 50, "description": "At most this many sessions per tool (default 20); at_risk_total says how many there are"}}})~"),
         schema(R"~({"type": "object", "properties": {
            "database": {"type": "string"}, "days": {"type": "integer"}, "checked_at": {"type": ["string", "null"]},
            "tools": {"type": "array", "items": {"type": "object", "properties": {
                "provider": {"type": "string"}, "name": {"type": "string"},
                "rule": {"type": "object", "description": "kind (none, max_age, max_count, max_age_and_count), enabled, days, max_count, basis, source, error, note"},
                "at_risk": {"type": "array", "items": {"type": "object", "properties": {
                    "session_id": {"type": "string"}, "title": {"type": "string"}, "project_path": {"type": "string"},
                    "source_path": {"type": "string"}, "purge_at": {"type": ["string", "null"]},
                    "in_database": {"type": "boolean"}}}},
                "at_risk_total": {"type": "integer"}}}}}, "required": ["days", "tools"]})~"),
         retention});
    return tools;
}

} // namespace

bool Arguments::has(std::string_view name) const
{
    const auto* value = m_object.if_contains(name);
    return value && !value->is_null();
}

QString Arguments::string(std::string_view name) const
{
    const auto* value = m_object.if_contains(name);
    return value && value->is_string() ? json::toQString(value->get_string()) : QString();
}

qint64 Arguments::integer(std::string_view name, qint64 fallback) const
{
    const auto* value = m_object.if_contains(name);
    return value ? wholeNumber(*value).value_or(fallback) : fallback;
}

std::optional<bool> Arguments::boolean(std::string_view name) const
{
    const auto* value = m_object.if_contains(name);
    return value && value->is_bool() ? std::optional<bool>(value->get_bool()) : std::nullopt;
}

QStringList Arguments::strings(std::string_view name) const
{
    QStringList list;
    if (const auto* value = m_object.if_contains(name); value && value->is_array()) {
        for (const auto& item : value->get_array()) {
            if (item.is_string()) {
                list << json::toQString(item.get_string());
            }
        }
    }
    return list;
}

Result<QDateTime> Arguments::time(std::string_view name, bool endOfDay) const
{
    const QString text = string(name).trimmed();
    if (text.isEmpty()) {
        return QDateTime();
    }
    const QDate date = QDate::fromString(text, Qt::ISODate);
    if (date.isValid() && text.size() == 10) {
        return QDateTime(date, endOfDay ? QTime(23, 59, 59, 999) : QTime(0, 0), QTimeZone::utc());
    }
    QDateTime time = QDateTime::fromString(text, Qt::ISODateWithMs);
    if (!time.isValid()) {
        return Error{
            u"argument '%1' is not a date: give YYYY-MM-DD or an ISO 8601 time such as 2026-05-01T14:30:00Z"_s.arg(
                json::toQString(name))};
    }
    if (time.timeSpec() == Qt::LocalTime) { // no zone given: UTC, as every time Chasm shows
        time.setTimeZone(QTimeZone::utc());
    }
    return time;
}

qint64 codePoints(const QString& text)
{
    return text.size() - std::count_if(text.cbegin(), text.cend(), [](QChar c) { return c.isLowSurrogate(); });
}

std::string cursorScope(std::string_view tool, const boost::json::object& arguments)
{
    boost::json::object rest;
    for (const auto& [key, value] : arguments) {
        if (key != "cursor" && key != "limit") {
            rest[key] = value;
        }
    }
    // Keys sorted, so that the same arguments in another order make the same scope.
    std::vector<std::pair<std::string, std::string>> sorted;
    for (const auto& [key, value] : rest) {
        sorted.emplace_back(std::string(key), boost::json::serialize(value));
    }
    std::sort(sorted.begin(), sorted.end());
    std::string text(tool);
    for (const auto& [key, value] : sorted) {
        text += '\n' + key + '=' + value;
    }
    return QCryptographicHash::hash(QByteArrayView(text.data(), qsizetype(text.size())), QCryptographicHash::Sha256)
        .toHex()
        .left(16)
        .toStdString();
}

std::string Cursor::encode(qint64 offset, const std::string& scope)
{
    const QByteArray text = QByteArray::number(offset) + ':' + QByteArray::fromStdString(scope);
    return text.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals).toStdString();
}

Result<qint64> Cursor::decode(const QString& cursor, const std::string& scope)
{
    const auto decoded = QByteArray::fromBase64Encoding(cursor.toLatin1(), QByteArray::Base64UrlEncoding |
                                                                               QByteArray::AbortOnBase64DecodingErrors);
    const qsizetype colon = decoded ? decoded.decoded.indexOf(':') : -1;
    bool ok = false;
    const qint64 offset = colon > 0 ? decoded.decoded.left(colon).toLongLong(&ok) : 0;
    if (!ok || offset < 0 || offset > maxOffset || cursor.size() > 200) {
        return Error{u"the cursor is not one this server gave: pass next_cursor from the previous answer as it is, "
                     u"or leave cursor out to start from the beginning"_s};
    }
    if (decoded.decoded.mid(colon + 1).toStdString() != scope) {
        return Error{u"the cursor belongs to a call with other arguments: repeat the previous call's arguments "
                     u"with it, or leave cursor out to start again"_s};
    }
    return offset;
}

Result<HistoryStore> CallContext::history()
{
    if (onTeamDatabase()) {
        auto team = teamDatabase();
        if (!team) {
            return team.error();
        }
        return HistoryStore(**team);
    }
    auto local = database();
    if (!local) {
        return local.error();
    }
    return HistoryStore(**local);
}

RequestError notFoundOr(const HistoryStore& store, const Error& error, int code)
{
    QSqlQuery probe(store.connection());
    return RequestError{probe.exec(u"SELECT 1 FROM sessions LIMIT 1"_s) ? code : InternalError, error.message};
}

qsizetype trimToBudget(boost::json::object& object, std::string_view listKey, int budget)
{
    auto& items = object[listKey].as_array();
    std::size_t size = boost::json::serialize(object).size();
    qsizetype dropped = 0;
    while (size > std::size_t(budget) && items.size() > 1) {
        size -= boost::json::serialize(items.back()).size() + 1;
        items.pop_back();
        ++dropped;
    }
    return dropped;
}

void fitToBudget(boost::json::object& page, std::string_view listKey, qint64 offset, qint64 nextOffset, int budget,
                 const std::string& scope)
{
    page["next_cursor"] = nullptr;
    const qint64 given = qint64(page[listKey].as_array().size());
    // Room for the cursor and the note that follow a cut.
    const bool cut = trimToBudget(page, listKey, std::max(budget - 400, 1000)) > 0;
    const auto& items = page[listKey].as_array();
    const qint64 next = cut ? offset + qint64(items.size()) : nextOffset;
    if (next >= 0) {
        page["next_cursor"] = Cursor::encode(next, scope);
    }
    if (cut) {
        page["truncated"] = true;
        const QString said = page.contains("note") ? json::toQString(page["note"].as_string()) + u' ' : QString();
        page["note"] = json::fromQString(
            said + u"Cut to fit the answer budget (%1 of %2 items shown): call again with next_cursor to see the rest, "
                   u"or ask for fewer items with limit."_s.arg(items.size())
                       .arg(given));
    }
}

std::optional<QString> validate(const boost::json::object& schema, const boost::json::value& value)
{
    return validateValue(QString(), schema, value);
}

const std::vector<Tool>& tools()
{
    static const std::vector<Tool> all = makeTools();
    return all;
}

const Tool* findTool(std::string_view name)
{
    for (const Tool& tool : tools()) {
        if (tool.name == name) {
            return &tool;
        }
    }
    return nullptr;
}

} // namespace chasm::mcp
