// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#include "ContinueProvider.h"

#include "json/Json.h"
#include "vscode/WorkspaceUri.h"

#include <QDir>
#include <QTimeZone>

using namespace Qt::StringLiterals;

namespace chasm {

namespace {

QString continueDirectory(const Environment& environment)
{
    const QString configured = environment.variable(u"CONTINUE_GLOBAL_DIR"_s);
    return configured.isEmpty() ? environment.home() + u"/.continue"_s : environment.absolutePath(configured);
}

// Message content: a string, or parts ({type: "text", text}, {type: "imageUrl", ...}).
QString contentText(const boost::json::value* content)
{
    return json::textOrParts(
        content,
        [](const boost::json::value& item) -> std::optional<QString> {
            const QString type = json::string(item, "type");
            return type == u"text"_s ? json::string(item, "text") : u"[%1]"_s.arg(type);
        },
        u"\n\n");
}

QString callStatus(const QString& state)
{
    if (state == u"done"_s) {
        return u"completed"_s;
    }
    if (state == u"errored"_s) {
        return u"error"_s;
    }
    if (state == u"canceled"_s || state == u"cancelled"_s) {
        return u"cancelled"_s;
    }
    return u"pending"_s;
}

// When Continue created a session, as it records it: "dateCreated" (milliseconds since the epoch, as a string or
// a number) in the session's entry of sessions.json, the index beside it, or in the document itself.
QDateTime dateCreated(const boost::json::value& holder)
{
    const boost::json::value* date = json::find(holder, "dateCreated");
    if (!date) {
        return {};
    }
    std::optional<qint64> ms;
    if (date->is_string()) {
        bool ok = false;
        const qint64 parsed = json::toQString(date->get_string()).toLongLong(&ok);
        ms = ok ? std::optional<qint64>(parsed) : std::nullopt;
    } else {
        ms = json::integer(*date);
    }
    return ms && *ms > 0 ? QDateTime::fromMSecsSinceEpoch(*ms, QTimeZone::utc())
                         : json::dateTime(holder, "dateCreated");
}

QDateTime indexedDateCreated(const QString& sessionPath, const QString& sessionId)
{
    const QString indexPath = QFileInfo(sessionPath).absoluteDir().filePath(u"sessions.json"_s);
    if (!QFileInfo::exists(indexPath)) {
        return {};
    }
    auto index = json::parseFile(indexPath);
    if (!index || !index->is_array()) {
        return {};
    }
    for (const boost::json::value& entry : index->get_array()) {
        if (json::string(entry, "sessionId") == sessionId) {
            return dateCreated(entry);
        }
    }
    return {};
}

} // namespace

ContinueProvider::ContinueProvider()
    : SessionFileProvider({u"continue"_s, u"Continue"_s, {u"continuedev"_s, u"cn"_s}, {u"cn"_s}})
{}

QStringList ContinueProvider::storageLocations(const Environment& environment) const
{
    return {continueDirectory(environment) + u"/sessions"_s};
}

QList<Workspace> ContinueProvider::workspaces(const Environment& environment) const
{
    const QString location = storageLocations(environment).constFirst();
    if (!QFileInfo(location).isDir()) {
        return {};
    }
    return {folderWorkspace(u"sessions"_s, Workspace::Kind::Store, location, location, {})};
}

QStringList ContinueProvider::sessionFiles(const Workspace& workspace) const
{
    QStringList files;
    const QDir folder(workspace.storagePath);
    for (const QString& name : folder.entryList({u"*.json"_s}, QDir::Files, QDir::Name)) {
        if (name != u"sessions.json"_s) { // the index
            files << folder.filePath(name);
        }
    }
    return files;
}

Result<Session> ContinueProvider::readDocument(const QString& path)
{
    auto tree = json::parseFile(path);
    if (!tree) {
        return tree.error();
    }
    const boost::json::value& doc = *tree;
    if (!doc.is_object() || !json::find(doc, "history")) {
        return Error{u"cannot read %1: not a Continue session (no \"history\")"_s.arg(path)};
    }
    Session s;
    s.nativeId = json::string(doc, "sessionId");
    if (s.nativeId.isEmpty()) {
        s.nativeId = QFileInfo(path).completeBaseName();
    }
    // The IDE extensions store a URI, the CLI a path.
    const QString directory = json::string(doc, "workspaceDirectory");
    const WorkspaceUri uri(directory);
    s.projectPath = uri.isFile() ? uri.localPath() : directory;

    // Continue records when a session was created (in its index entry); the file's own times are those of a
    // copy or a restore as much as the session's, so they serve only when it does not, and for the last activity
    // (Continue rewrites the file on every turn).
    const QFileInfo info(path);
    s.updatedAt = info.lastModified().toUTC();
    s.createdAt = dateCreated(doc);
    if (!s.createdAt.isValid()) {
        s.createdAt = indexedDateCreated(path, s.nativeId);
    }
    if (!s.createdAt.isValid()) {
        s.createdAt = info.birthTime().isValid() ? info.birthTime().toUTC() : s.updatedAt;
    }
    s.updatedAt = std::max(s.updatedAt, s.createdAt);

    QHash<QString, std::pair<int, int>> calls;
    for (const boost::json::value& item : json::arrayAt(doc, "history")) {
        const boost::json::value* message = json::find(item, "message");
        if (!message) {
            continue;
        }
        const QString role = json::string(*message, "role");
        const QString text = contentText(json::find(*message, "content"));
        if (role == u"tool"_s) {
            const auto found = calls.find(json::string(*message, "toolCallId"));
            if (found != calls.end() && s.messages[found->first].toolCalls[found->second].output.isEmpty()) {
                s.messages[found->first].toolCalls[found->second].output = text;
            }
            continue;
        }
        if (role == u"thinking"_s) {
            continue;
        }
        Message m;
        m.content = text;
        if (role == u"assistant"_s) {
            m.role = Role::Assistant;
            m.status = u"complete"_s;
            if (const boost::json::value* usage = json::find(*message, "usage")) {
                m.model = json::string(*usage, "model");
            }
            s.model = m.model.isEmpty() ? s.model : m.model;
            for (const boost::json::value& call : json::arrayAt(*message, "toolCalls")) {
                ToolCall tool;
                tool.id = json::string(call, "id");
                if (const boost::json::value* function = json::find(call, "function")) {
                    tool.name = json::string(*function, "name");
                    tool.input = json::string(*function, "arguments");
                }
                tool.status = u"pending"_s;
                m.toolCalls.append(tool);
            }
            // The outcome of each call is kept beside the message.
            for (const boost::json::value& state : json::arrayAt(item, "toolCallStates")) {
                const QString callId = json::string(state, "toolCallId");
                for (ToolCall& tool : m.toolCalls) {
                    if (tool.id != callId) {
                        continue;
                    }
                    tool.status = callStatus(json::string(state, "status"));
                    QStringList outputs;
                    for (const boost::json::value& output : json::arrayAt(state, "output")) {
                        outputs << json::string(output, "content");
                    }
                    tool.output = outputs.join(u'\n');
                }
            }
            for (int i = 0; i < m.toolCalls.size(); ++i) {
                calls.insert(m.toolCalls.at(i).id, {int(s.messages.size()), i});
            }
        } else {
            m.role = role == u"user"_s ? Role::User : Role::System;
            for (const boost::json::value& context : json::arrayAt(item, "contextItems")) {
                const boost::json::value* contextUri = json::find(context, "uri");
                const QString reference =
                    contextUri ? json::string(*contextUri, "value") : json::string(context, "name");
                const WorkspaceUri referenceUri(reference);
                if (!reference.isEmpty()) {
                    m.references << (referenceUri.isFile() ? referenceUri.localPath() : reference);
                }
            }
        }
        s.messages.append(m);
    }
    if (const boost::json::value* usage = json::find(doc, "usage")) {
        const auto prompt = json::integer(*usage, "promptTokens");
        const auto completion = json::integer(*usage, "completionTokens");
        if (prompt || completion) {
            s.totalTokens = prompt.value_or(0) + completion.value_or(0);
        }
    }
    const QString firstUser = s.firstUserMessage();
    const QString title = json::string(doc, "title");
    s.title = sessionTitle(title == u"Untitled Session"_s ? QString() : title, firstUser);
    return s;
}

Result<Session> ContinueProvider::readSession(const QString& path, const Workspace& workspace,
                                              const SessionPreview& /*preview*/) const
{
    Q_UNUSED(workspace)
    return readDocument(path);
}

} // namespace chasm
