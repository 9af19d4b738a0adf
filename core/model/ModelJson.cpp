// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#include "ModelJson.h"

#include "json/Json.h"
#include "util/IsoTime.h"

using namespace Qt::StringLiterals;

namespace chasm::shapes {

namespace {

boost::json::value text(const QString& s)
{
    if (s.isNull()) {
        return nullptr;
    }
    return json::fromQString(s);
}

boost::json::array strings(const QStringList& list)
{
    boost::json::array array;
    array.reserve(std::size_t(list.size()));
    for (const QString& s : list) {
        array.emplace_back(json::fromQString(s));
    }
    return array;
}

// Empty strings are reported as null: "no value" rather than "an empty value".
boost::json::value optionalText(const QString& s)
{
    return s.isEmpty() ? boost::json::value(nullptr) : boost::json::value(json::fromQString(s));
}

} // namespace

boost::json::value isoTime(const QDateTime& time)
{
    if (!time.isValid()) {
        return nullptr;
    }
    return json::fromQString(isoUtc(time, TimePrecision::Seconds));
}

boost::json::object sessionSummary(const SessionRef& s)
{
    boost::json::object o;
    o["id"] = json::fromQString(s.id);
    o["provider"] = json::fromQString(s.provider);
    o["editor"] = optionalText(s.editor);
    o["native_id"] = json::fromQString(s.nativeId);
    o["title"] = json::fromQString(s.title);
    o["workspace"] = optionalText(s.workspace);
    o["workspace_id"] = optionalText(s.workspaceId);
    o["workspace_name"] = optionalText(s.workspaceName);
    o["project_path"] = optionalText(s.projectPath);
    o["path"] = json::fromQString(s.path);
    o["format"] = optionalText(s.format);
    o["created_at"] = isoTime(s.createdAt);
    o["updated_at"] = isoTime(s.updatedAt);
    o["message_count"] = s.messageCount;
    o["size_bytes"] = s.sizeBytes;
    o["error"] = optionalText(s.error);
    o["warnings"] = strings(s.warnings);
    if (!s.origin.isEmpty()) {
        o["origin"] = json::fromQString(s.origin);
    }
    return o;
}

boost::json::object message(const Message& m)
{
    boost::json::object message;
    message["role"] = json::fromQString(roleName(m.role));
    message["content"] = json::fromQString(m.content);
    message["timestamp"] = isoTime(m.timestamp);
    message["model"] = optionalText(m.model);
    boost::json::array calls;
    for (const ToolCall& call : m.toolCalls) {
        boost::json::object c;
        c["id"] = optionalText(call.id);
        c["name"] = json::fromQString(call.name);
        c["input"] = text(call.input.isNull() ? u""_s : call.input);
        c["output"] = optionalText(call.output);
        c["status"] = optionalText(call.status);
        if (call.at >= 0) { // where in the content the call was made; absent when the reader did not know
            c["at"] = call.at;
        }
        calls.emplace_back(std::move(c));
    }
    message["tool_calls"] = std::move(calls);
    message["references"] = strings(m.references);
    message["agent"] = optionalText(m.agent);
    message["status"] = optionalText(m.status);
    message["error"] = optionalText(m.error);
    return message;
}

boost::json::object sessionHead(const Session& s)
{
    boost::json::object o;
    o["id"] = json::fromQString(s.id);
    o["native_id"] = json::fromQString(s.nativeId);
    o["title"] = json::fromQString(s.title);
    o["provider"] = json::fromQString(s.provider);
    o["workspace"] = optionalText(s.workspace);
    o["project_path"] = optionalText(s.projectPath);
    o["created_at"] = isoTime(s.createdAt);
    o["updated_at"] = isoTime(s.updatedAt);
    return o;
}

boost::json::object sessionTail(const Session& s)
{
    boost::json::object o;
    boost::json::object metadata;
    metadata["model"] = optionalText(s.model);
    metadata["total_tokens"] = s.totalTokens ? boost::json::value(*s.totalTokens) : boost::json::value(nullptr);
    metadata["files_referenced"] = strings(s.filesReferenced);
    o["metadata"] = std::move(metadata);
    o["warnings"] = strings(s.warnings);
    return o;
}

boost::json::object session(const Session& s)
{
    boost::json::object o = sessionHead(s);
    boost::json::array messages;
    messages.reserve(std::size_t(s.messages.size()));
    for (const Message& m : s.messages) {
        messages.emplace_back(message(m));
    }
    o["messages"] = std::move(messages);
    for (auto& field : sessionTail(s)) {
        o[field.key()] = std::move(field.value());
    }
    return o;
}

Result<Session> sessionFromJson(const boost::json::value& value)
{
    if (!value.is_object() || !json::find(value, "id") || !json::findArray(value, "messages")) {
        return Error{u"not a Chasm session: it needs an \"id\" and a \"messages\" array"_s};
    }
    const auto strings = [](const boost::json::value& v, std::string_view key) {
        QStringList list;
        for (const boost::json::value& item : json::arrayAt(v, key)) {
            if (item.is_string()) {
                list << json::toQString(item.get_string());
            }
        }
        return list;
    };
    Session s;
    s.id = json::string(value, "id");
    s.nativeId = json::string(value, "native_id");
    s.title = json::string(value, "title");
    s.provider = json::string(value, "provider");
    s.workspace = json::string(value, "workspace");
    s.projectPath = json::string(value, "project_path");
    s.createdAt = json::dateTime(value, "created_at");
    s.updatedAt = json::dateTime(value, "updated_at");
    for (const boost::json::value& item : json::arrayAt(value, "messages")) {
        Message m;
        const QString role = json::string(item, "role");
        m.role = role == u"assistant"_s ? Role::Assistant : role == u"system"_s ? Role::System : Role::User;
        m.content = json::string(item, "content");
        m.timestamp = json::dateTime(item, "timestamp");
        m.model = json::string(item, "model");
        for (const boost::json::value& c : json::arrayAt(item, "tool_calls")) {
            ToolCall call{json::string(c, "id"), json::string(c, "name"), json::string(c, "input"),
                          json::string(c, "output"), json::string(c, "status")};
            if (const auto at = json::integer(c, "at"); at && *at >= 0) {
                call.at = qsizetype(*at);
            }
            m.toolCalls.append(std::move(call));
        }
        m.references = strings(item, "references");
        m.agent = json::string(item, "agent");
        m.status = json::string(item, "status");
        m.error = json::string(item, "error");
        s.messages.append(std::move(m));
    }
    if (const boost::json::value* metadata = json::find(value, "metadata")) {
        s.model = json::string(*metadata, "model");
        s.totalTokens = json::integer(*metadata, "total_tokens");
        s.filesReferenced = strings(*metadata, "files_referenced");
    }
    s.warnings = strings(value, "warnings");
    return s;
}

boost::json::object workspace(const Workspace& w)
{
    boost::json::object o;
    o["id"] = json::fromQString(w.id);
    o["provider"] = json::fromQString(w.provider);
    o["editor"] = optionalText(w.editor);
    o["application"] = optionalText(w.application);
    o["hash"] = json::fromQString(w.hash);
    o["project_path"] = optionalText(w.projectPath);
    o["uri"] = optionalText(w.uri);
    o["storage_path"] = json::fromQString(w.storagePath);
    o["session_count"] = w.sessionCount;
    o["has_chat_sessions"] = w.hasChatSessions;
    o["last_modified"] = isoTime(w.lastModified);
    o["name"] = json::fromQString(w.displayName());
    o["kind"] = json::fromQString(w.kindName());
    o["folders"] = strings(w.folders);
    o["remote_authority"] = optionalText(w.remoteAuthority);
    o["remote_path"] = optionalText(w.remotePath);
    o["error"] = optionalText(w.error);
    return o;
}

boost::json::object indexEntry(const IndexEntry& e)
{
    boost::json::object o = e.raw;
    if (!e.inIndex) {
        o["sessionId"] = json::fromQString(e.sessionId);
        o["title"] = json::fromQString(e.title);
        if (e.lastMessageDate.isValid()) {
            o["lastMessageDate"] = e.lastMessageDate.toMSecsSinceEpoch();
        }
    }
    o["in_index"] = e.inIndex;
    o["file"] = optionalText(e.file);
    boost::json::array problems;
    for (const IndexProblem& problem : e.problems) {
        problems.emplace_back(boost::json::object{{"code", json::fromQString(problem.code)},
                                                  {"message", json::fromQString(problem.message)}});
    }
    o["problems"] = std::move(problems);
    return o;
}

boost::json::object providerStatus(const ProviderStatus& p)
{
    boost::json::object o;
    o["id"] = json::fromQString(p.id);
    o["name"] = json::fromQString(p.name);
    o["aliases"] = strings(p.aliases);
    boost::json::array locations;
    for (const ProviderStatus::Location& location : p.locations) {
        locations.emplace_back(
            boost::json::object{{"path", json::fromQString(location.path)}, {"exists", location.exists}});
    }
    o["storage_locations"] = std::move(locations);
    o["has_data"] = p.hasData();
    o["workspace_count"] = p.workspaceCount;
    o["session_count"] = p.sessionCount;
    boost::json::array commands;
    for (const ProviderStatus::Command& command : p.commands) {
        commands.emplace_back(
            boost::json::object{{"command", json::fromQString(command.name)}, {"path", optionalText(command.path)}});
    }
    o["commands"] = std::move(commands);
    o["installed"] = p.installed();
    return o;
}

} // namespace chasm::shapes
