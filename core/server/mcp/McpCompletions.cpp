// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#include "McpCompletions.h"

#include "McpPrompts.h"
#include "McpResources.h"
#include "json/Json.h"
#include "services/CatalogService.h"
#include "services/HistoryService.h"

#include <QRegularExpression>

#include <boost/json/serialize.hpp>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace chasm::mcp {

namespace {

// The most values one answer holds (the specification's limit).
constexpr int maxValues = 100;

const boost::json::string* stringAt(const boost::json::object& object, std::string_view key)
{
    const auto* value = object.if_contains(key);
    return value && value->is_string() ? &value->get_string() : nullptr;
}

// The names of the arguments `ref` can complete (a prompt's arguments, a template's variables), or why none.
RequestResult<QStringList> argumentsOf(const boost::json::object& ref)
{
    const auto* type = stringAt(ref, "type");
    if (type && *type == "ref/prompt") {
        const auto* name = stringAt(ref, "name");
        const Prompt* prompt = name ? findPrompt(*name) : nullptr;
        if (!prompt) {
            return RequestError{InvalidParams, name ? u"Unknown prompt: %1 (prompts/list names the prompts)"_s.arg(
                                                          json::toQString(*name).left(100))
                                                    : u"Invalid params: a ref/prompt needs the prompt's name"_s};
        }
        QStringList names;
        for (const Prompt::Argument& argument : prompt->arguments) {
            names << QString::fromStdString(argument.name);
        }
        return names;
    }
    if (type && *type == "ref/resource") {
        const auto* uri = stringAt(ref, "uri");
        for (const auto& item : resources::templates()) {
            if (uri && item.as_object().at("uriTemplate").as_string() == *uri) {
                static const QRegularExpression variable(u"\\{(\\w+)\\}"_s);
                QStringList names;
                for (const auto& match : variable.globalMatch(json::toQString(*uri))) {
                    names << match.captured(1);
                }
                return names;
            }
        }
        return RequestError{InvalidParams, u"Invalid params: a ref/resource's uri must be the uriTemplate of a "
                                           u"resource template (resources/templates/list names them)"_s};
    }
    return RequestError{InvalidParams, u"Invalid params: ref must be a ref/prompt or a ref/resource"_s};
}

RequestResult<HistoryService::Completions>
fromDatabase(CallContext& context,
             Result<HistoryService::Completions> (*find)(const HistoryStore&, const QString&, int),
             const QString& value)
{
    auto db = context.history();
    if (!db) {
        return RequestError{InternalError, db.error().message};
    }
    auto found = find(*db, value, maxValues);
    if (!found) {
        return RequestError{InternalError, found.error().message};
    }
    return std::move(found).value();
}

// Workspace ids (whole, or their hash) that start with `value`, most recently used first.
RequestResult<HistoryService::Completions> workspaceIds(CallContext& context, const QString& value)
{
    auto workspaces = CatalogService(context.catalog()).workspaces(QString());
    if (!workspaces) {
        return RequestError{InternalError, workspaces.error().message};
    }
    std::sort(workspaces->begin(), workspaces->end(),
              [](const Workspace& a, const Workspace& b) { return a.lastModified > b.lastModified; });
    HistoryService::Completions found;
    for (const Workspace& workspace : std::as_const(*workspaces)) {
        if (workspace.id.startsWith(value) || workspace.id.section(u':', 1).startsWith(value)) {
            if (found.values.size() < maxValues) {
                found.values << workspace.id;
            }
            ++found.total;
        }
    }
    return found;
}

} // namespace

RequestResult<boost::json::object> complete(const boost::json::object& params, CallContext& context)
{
    const auto* ref = params.if_contains("ref");
    const auto* argument = params.if_contains("argument");
    const auto* name = argument && argument->is_object() ? stringAt(argument->get_object(), "name") : nullptr;
    const auto* typed = argument && argument->is_object() ? stringAt(argument->get_object(), "value") : nullptr;
    if (!ref || !ref->is_object() || !name || !typed) {
        return RequestError{InvalidParams, u"Invalid params: completion/complete needs a ref and an argument with "
                                           u"its name and value"_s};
    }
    if (typed->size() > 4096) {
        return RequestError{InvalidParams, u"Invalid params: the argument's value is too long to complete"_s};
    }
    auto names = argumentsOf(ref->get_object());
    if (auto* error = std::get_if<RequestError>(&names)) {
        return std::move(*error);
    }
    const QString argumentName = json::toQString(*name);
    if (!std::get<QStringList>(names).contains(argumentName)) {
        return RequestError{InvalidParams, u"Invalid params: %1 has no argument %2 (its arguments: %3)"_s.arg(
                                               json::toQString(boost::json::serialize(*ref)).left(200),
                                               argumentName.left(100), std::get<QStringList>(names).join(u", "_s))};
    }
    const QString value = json::toQString(*typed);
    RequestResult<HistoryService::Completions> found = HistoryService::Completions();
    if (argumentName == u"session_id"_s) {
        found = fromDatabase(context, HistoryService::sessionIdsStarting, value);
    } else if (argumentName == u"project_path"_s) {
        found = fromDatabase(context, HistoryService::projectPathsStarting, value);
    } else if (argumentName == u"workspace_id"_s) {
        found = workspaceIds(context, value);
    }
    if (auto* error = std::get_if<RequestError>(&found)) {
        return std::move(*error);
    }
    const auto& completions = std::get<HistoryService::Completions>(found);
    boost::json::array values;
    for (const QString& each : completions.values) {
        values.emplace_back(json::fromQString(each));
    }
    return boost::json::object{{"completion",
                                {{"values", std::move(values)},
                                 {"total", completions.total},
                                 {"hasMore", completions.total > completions.values.size()}}}};
}

} // namespace chasm::mcp
