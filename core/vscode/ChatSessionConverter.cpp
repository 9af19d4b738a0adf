// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#include "ChatSessionConverter.h"

#include "json/Json.h"
#include "vscode/WorkspaceUri.h"

#include <QTimeZone>

using namespace Qt::StringLiterals;

namespace chasm {

namespace {

using json::find;
using json::findArray;

QDateTime fromMilliseconds(std::optional<qint64> ms)
{
    if (!ms || *ms <= 0) {
        return {};
    }
    return QDateTime::fromMSecsSinceEpoch(*ms, QTimeZone::utc());
}

// Markdown strings are serialized as IMarkdownString objects ({value, isTrusted, ...}) or plain text.
QString markdownText(const boost::json::value* value)
{
    if (!value) {
        return {};
    }
    if (value->is_string()) {
        return json::toQString(value->get_string());
    }
    return json::string(*value, "value");
}

const boost::json::array& emptyArray()
{
    static const boost::json::array empty;
    return empty;
}

void appendUnique(QStringList& list, const QString& item)
{
    if (!item.isEmpty() && !list.contains(item)) {
        list.append(item);
    }
}

// Text of a tool's result details: {input, output: [{type, value, isText, mimeType}], isError}, or a
// list of URIs / locations.
QString toolOutputText(const boost::json::value& details)
{
    QStringList parts;
    if (const boost::json::array* output = findArray(details, "output")) {
        for (const boost::json::value& item : *output) {
            if (item.is_string()) {
                parts << json::toQString(item.get_string());
                continue;
            }
            const QString type = json::string(item, "type");
            const QString mime = json::string(item, "mimeType");
            const bool text = json::boolean(item, "isText").value_or(false) || mime.startsWith(u"text/"_s) ||
                              (type == u"embed"_s && mime.isEmpty());
            if (type == u"ref"_s) {
                parts << ChatSessionConverter::referenceText(find(item, "uri"));
            } else if (text) {
                parts << json::string(item, "value");
            } else if (!mime.isEmpty()) {
                parts << u"(%1 data)"_s.arg(mime);
            }
        }
    } else if (const boost::json::value* output = find(details, "output"); output && output->is_object()) {
        const QString mime = json::string(*output, "mimeType");
        parts << u"(%1 data)"_s.arg(mime.isEmpty() ? u"binary"_s : mime);
    } else if (const boost::json::array* uris = details.if_array()) {
        for (const boost::json::value& uri : *uris) {
            parts << ChatSessionConverter::referenceText(uri);
        }
    }
    parts.removeAll(QString());
    return parts.join(u'\n');
}

ToolCall toolCallFromPart(const boost::json::value& part)
{
    ToolCall call;
    call.id = json::string(part, "toolCallId");
    call.name = json::string(part, "toolId");
    const boost::json::value* details = find(part, "resultDetails");
    if (details) {
        call.input = json::string(*details, "input");
        call.output = toolOutputText(*details);
    }
    if (const boost::json::value* specific = find(part, "toolSpecificData"); specific && specific->is_object()) {
        const boost::json::value& data = *specific;
        if (json::string(data, "kind") == u"terminal"_s) {
            if (call.input.isEmpty()) {
                const boost::json::value* commandLine = find(data, "commandLine");
                call.input = commandLine && commandLine->is_object() ? json::string(*commandLine, "original")
                                                                     : json::string(data, "command");
            }
            if (call.output.isEmpty()) {
                if (const boost::json::value* output = find(data, "terminalCommandOutput")) {
                    call.output = json::string(*output, "text");
                }
            }
        } else if (call.input.isEmpty()) {
            call.input = QString::fromStdString(json::serialize(data));
        }
    }
    if (call.input.isEmpty()) {
        call.input = markdownText(find(part, "invocationMessage"));
    }
    if (call.output.isEmpty()) {
        call.output = markdownText(find(part, "pastTenseMessage"));
    }
    const bool complete = json::boolean(part, "isComplete").value_or(true);
    const boost::json::value* confirmed = find(part, "isConfirmed");
    if (details && json::boolean(*details, "isError").value_or(false)) {
        call.status = u"error"_s;
    } else if (confirmed && confirmed->is_bool() && !confirmed->get_bool()) {
        call.status = u"cancelled"_s;
    } else {
        call.status = complete ? u"completed"_s : u"pending"_s;
    }
    return call;
}

// Agent-mode requests record the model's tool calls and their results in result.metadata; they fill
// in what the serialized parts leave out (the arguments, the raw result).
void addToolCallRounds(const boost::json::value& metadata, QList<ToolCall>& calls)
{
    const boost::json::value* resultsValue = find(metadata, "toolCallResults");
    const boost::json::object* results = resultsValue ? resultsValue->if_object() : nullptr;
    const boost::json::array* rounds = findArray(metadata, "toolCallRounds");
    if (!rounds) {
        return;
    }
    for (const boost::json::value& round : *rounds) {
        const boost::json::array* roundCalls = findArray(round, "toolCalls");
        if (!roundCalls) {
            continue;
        }
        for (const boost::json::value& roundCall : *roundCalls) {
            const QString id = json::string(roundCall, "id");
            auto existing = std::find_if(calls.begin(), calls.end(),
                                         [&id](const ToolCall& c) { return !id.isEmpty() && c.id == id; });
            if (existing == calls.end()) {
                ToolCall call;
                call.id = id;
                call.name = json::string(roundCall, "name");
                call.status = u"completed"_s;
                calls.append(call);
                existing = calls.end() - 1;
            }
            const QString arguments = json::string(roundCall, "arguments");
            if (!arguments.isEmpty()) {
                existing->input = arguments;
            }
            if (results && !id.isEmpty()) {
                const boost::json::value* result = results->if_contains(json::fromQString(id));
                QStringList texts;
                for (const boost::json::value& item : result ? json::arrayAt(*result, "content") : emptyArray()) {
                    const QString text =
                        item.is_string() ? json::toQString(item.get_string()) : json::string(item, "value");
                    if (!text.isEmpty()) {
                        texts << text;
                    }
                }
                if (!texts.isEmpty()) {
                    existing->output = texts.join(u'\n');
                }
            }
        }
    }
}

// Response part kinds that carry no text of their own for a transcript.
bool isSilentKind(const QString& kind)
{
    static const QStringList silent = {
        u"codeblockUri"_s,
        u"textEditGroup"_s,
        u"notebookEditGroup"_s,
        u"undoStop"_s,
        u"progressMessage"_s,
        u"progressTask"_s,
        u"progressTaskSerialized"_s,
        u"prepareToolInvocation"_s,
        u"thinking"_s,
        u"codeCitation"_s,
        u"multiDiffData"_s,
        u"markdownVuln"_s,
        u"treeData"_s,
        u"mcpServersStarting"_s,
        u"references"_s,
        u"extensions"_s,
    };
    return silent.contains(kind);
}

struct AssistantTurn
{
    QString text;
    QList<ToolCall> toolCalls;
    QStringList references;
};

void appendBlock(QString& text, const QString& block)
{
    if (block.isEmpty()) {
        return;
    }
    if (!text.isEmpty() && !text.endsWith(u"\n\n"_s)) {
        text += text.endsWith(u'\n') ? u"\n"_s : u"\n\n"_s;
    }
    text += block;
}

AssistantTurn assistantTurn(const boost::json::value* response)
{
    AssistantTurn turn;
    if (!response) {
        return turn;
    }
    if (response->is_string()) { // very old sessions stored the answer as one string
        turn.text = json::toQString(response->get_string());
        return turn;
    }
    const boost::json::array* parts = response->if_array();
    if (!parts) {
        return turn;
    }
    bool afterBlock = false; // the previous part was not inline text
    for (const boost::json::value& part : *parts) {
        if (part.is_null()) {
            continue;
        }
        const QString kind = json::string(part, "kind");
        if (kind.isEmpty() || kind == u"markdownContent"_s) {
            const QString value = kind.isEmpty() ? json::string(part, "value") : markdownText(find(part, "content"));
            if (afterBlock) {
                appendBlock(turn.text, value);
            } else {
                turn.text += value;
            }
            afterBlock = false;
        } else if (kind == u"inlineReference"_s) {
            QString name = json::string(part, "name");
            const boost::json::value* reference = find(part, "inlineReference");
            const QString target = ChatSessionConverter::referenceText(reference);
            if (name.isEmpty()) {
                name = reference ? json::string(*reference, "name") : QString();
            }
            if (name.isEmpty()) {
                name = target.section(u'/', -1).section(u'\\', -1);
            }
            turn.text += name;
            appendUnique(turn.references, target);
        } else if (kind == u"toolInvocationSerialized"_s || kind == u"toolInvocation"_s) {
            ToolCall call = toolCallFromPart(part);
            call.at = turn.text.size(); // between the text before and after it
            turn.toolCalls.append(call);
            afterBlock = true;
        } else if (kind == u"codeblockUri"_s || kind == u"textEditGroup"_s || kind == u"notebookEditGroup"_s) {
            appendUnique(turn.references, ChatSessionConverter::referenceText(find(part, "uri")));
        } else if (kind == u"warning"_s) {
            appendBlock(turn.text, u"Warning: "_s + markdownText(find(part, "content")));
            afterBlock = true;
        } else if (kind == u"confirmation"_s) {
            appendBlock(turn.text, json::string(part, "title") + u": "_s + markdownText(find(part, "message")));
            afterBlock = true;
        } else if (kind == u"command"_s) {
            const boost::json::value* command = find(part, "command");
            appendBlock(turn.text, u"["_s + (command ? json::string(*command, "title") : QString()) + u"]"_s);
            afterBlock = true;
        } else if (!isSilentKind(kind)) {
            appendBlock(turn.text, u"(unsupported part: %1)"_s.arg(kind));
            afterBlock = true;
        }
    }
    return turn;
}

// Token counts the Copilot extension records in result.metadata, or newer editors on the request.
std::optional<qint64> requestTokens(const boost::json::value& request, const boost::json::value* metadata)
{
    for (const auto& [source, prompt, output] : {std::tuple{metadata, "promptTokens", "outputTokens"},
                                                 std::tuple{&request, "promptTokens", "completionTokens"}}) {
        if (!source) {
            continue;
        }
        const auto in = json::integer(*source, prompt);
        const auto out = json::integer(*source, output);
        if (in || out) {
            return in.value_or(0) + out.value_or(0);
        }
    }
    return std::nullopt;
}

QString responseStatus(const boost::json::value& request)
{
    if (const boost::json::value* modelState = find(request, "modelState")) {
        switch (json::integer(*modelState, "value").value_or(-1)) {
        case 0:
            return u"pending"_s;
        case 1:
            return u"complete"_s;
        case 2:
            return u"cancelled"_s;
        case 3:
            return u"failed"_s;
        case 4:
            return u"needs input"_s;
        default:
            break;
        }
    }
    if (json::boolean(request, "isCanceled").value_or(false)) {
        return u"cancelled"_s;
    }
    if (const boost::json::value* result = find(request, "result"); result && result->is_object()) {
        return result->get_object().contains("errorDetails") ? u"failed"_s : u"complete"_s;
    }
    return {};
}

// Context the editor attached by itself (instruction files and their text) rather than the person.
std::optional<Message> injectedContext(const boost::json::value& request, QStringList& references)
{
    const boost::json::value* variableData = find(request, "variableData");
    const boost::json::array* variables = variableData ? findArray(*variableData, "variables") : nullptr;
    if (!variables) {
        return std::nullopt;
    }
    QStringList injected;
    for (const boost::json::value& variable : *variables) {
        const QString kind = json::string(variable, "kind");
        const boost::json::value* value = find(variable, "value");
        if (kind == u"promptText"_s) {
            injected << (value && value->is_string() ? json::toQString(value->get_string())
                                                     : json::string(variable, "name"));
        } else if (kind == u"promptFile"_s || kind == u"instructions"_s) {
            injected << u"Instructions: "_s + (value ? ChatSessionConverter::referenceText(*value) : QString());
        } else if (value) {
            appendUnique(references, ChatSessionConverter::referenceText(*value));
        }
    }
    if (injected.isEmpty()) {
        return std::nullopt;
    }
    Message message;
    message.role = Role::System;
    message.content = injected.join(u"\n\n"_s);
    return message;
}

} // namespace

QString ChatSessionConverter::referenceText(const boost::json::value* value)
{
    return value ? referenceText(*value) : QString();
}

QString ChatSessionConverter::referenceText(const boost::json::value& value)
{
    if (value.is_string()) {
        const WorkspaceUri uri(json::toQString(value.get_string()));
        return uri.isFile() ? uri.localPath() : uri.uri();
    }
    if (!value.is_object()) {
        return {};
    }
    if (const boost::json::value* uri = find(value, "uri")) {
        return referenceText(*uri);
    }
    if (const boost::json::value* location = find(value, "location")) {
        return referenceText(*location);
    }
    const QString scheme = json::string(value, "scheme");
    const QString fsPath = json::string(value, "fsPath");
    if (!fsPath.isEmpty() && (scheme.isEmpty() || scheme == u"file"_s)) {
        return fsPath;
    }
    const QString external = json::string(value, "external");
    if (!external.isEmpty()) {
        const WorkspaceUri uri(external);
        return uri.isFile() ? uri.localPath() : external;
    }
    // The object's path is already decoded: build the URI from its parts rather than re-parse it.
    const WorkspaceUri uri = WorkspaceUri::fromParts(scheme.isEmpty() ? u"file"_s : scheme,
                                                     json::string(value, "authority"), json::string(value, "path"));
    return uri.isFile() ? uri.localPath() : uri.scheme() + u"://"_s + uri.authority() + uri.path();
}

void ChatSessionConverter::Requests::add(const boost::json::value& request, int requestIndex, QList<Message>& messages)
{
    if (!request.is_object()) {
        return;
    }
    const QDateTime timestamp = fromMilliseconds(json::integer(request, "timestamp"));
    if (timestamp.isValid()) {
        m_lastRequest = std::max(m_lastRequest, timestamp);
    }
    const QString model = json::string(request, "modelId");
    QString agent;
    if (const boost::json::value* agentData = find(request, "agent")) {
        agent = json::string(*agentData, "id");
    }
    if (const boost::json::value* mode = find(request, "modeInfo")) {
        const QString modeId = json::string(*mode, "modeId");
        agent = modeId.isEmpty() ? agent : modeId;
    }

    Message user;
    user.role = Role::User;
    user.timestamp = timestamp;
    user.nativeIndex = requestIndex;
    user.agent = agent;
    if (const boost::json::value* message = find(request, "message")) {
        user.content = message->is_string() ? json::toQString(message->get_string()) : json::string(*message, "text");
    }
    if (auto system = injectedContext(request, user.references)) {
        system->timestamp = timestamp;
        system->nativeIndex = requestIndex;
        messages.append(*system);
    }
    if (m_firstUserText.isEmpty()) {
        m_firstUserText = user.content;
    }
    for (const QString& reference : std::as_const(user.references)) {
        appendUnique(m_filesReferenced, reference);
    }
    messages.append(user);

    AssistantTurn turn = assistantTurn(find(request, "response"));
    Message assistant;
    assistant.role = Role::Assistant;
    assistant.content = turn.text;
    assistant.model = model;
    assistant.agent = agent;
    assistant.status = responseStatus(request);
    assistant.references = turn.references;
    assistant.toolCalls = turn.toolCalls;
    assistant.timestamp = timestamp;
    assistant.nativeIndex = requestIndex;
    if (const boost::json::value* modelState = find(request, "modelState")) {
        const QDateTime completed = fromMilliseconds(json::integer(*modelState, "completedAt"));
        assistant.timestamp = completed.isValid() ? completed : timestamp;
    }
    const boost::json::value* result = find(request, "result");
    const boost::json::value* metadata = result ? find(*result, "metadata") : nullptr;
    if (const boost::json::value* error = result ? find(*result, "errorDetails") : nullptr) {
        assistant.error = json::string(*error, "message");
    }
    if (metadata) {
        addToolCallRounds(*metadata, assistant.toolCalls);
    }
    if (const auto count = requestTokens(request, metadata)) {
        m_tokens += *count;
        m_haveTokens = true;
    }
    for (const QString& reference : std::as_const(assistant.references)) {
        appendUnique(m_filesReferenced, reference);
    }
    if (!model.isEmpty()) {
        m_model = model;
    }
    messages.append(assistant);
}

void ChatSessionConverter::Requests::finish(Session& session, const boost::json::value& root,
                                            const Context& context) const
{
    session.provider = context.provider;
    session.nativeId = context.nativeId;
    session.id = context.provider + u':' + context.nativeId;
    session.workspace = context.workspace;
    session.projectPath = context.projectPath;
    session.createdAt = fromMilliseconds(json::integer(root, "creationDate"));
    session.updatedAt = fromMilliseconds(json::integer(root, "lastMessageDate"));
    session.model = m_model;
    session.totalTokens = m_haveTokens ? std::optional<qint64>(m_tokens) : std::nullopt;
    session.filesReferenced = m_filesReferenced;
    if (const boost::json::array* contentReferences = findArray(root, "contentReferences")) {
        for (const boost::json::value& reference : *contentReferences) {
            appendUnique(session.filesReferenced, referenceText(reference));
        }
    }

    if (!session.updatedAt.isValid()) {
        session.updatedAt = m_lastRequest.isValid() ? m_lastRequest : session.createdAt;
    }
    if (!session.createdAt.isValid()) {
        session.createdAt = session.updatedAt;
    }
    if (!session.updatedAt.isValid()) {
        session.updatedAt = context.fileModified.toUTC();
        session.createdAt = session.updatedAt;
    }
    session.title = sessionTitle(json::string(root, "customTitle"), m_firstUserText);
}

Session ChatSessionConverter::convert(const boost::json::value& tree, const Context& context)
{
    Session session;
    Requests requests;
    int requestIndex = -1;
    for (const boost::json::value& request : json::arrayAt(tree, "requests")) {
        requests.add(request, ++requestIndex, session.messages);
    }
    requests.finish(session, tree, context);
    return session;
}

} // namespace chasm
