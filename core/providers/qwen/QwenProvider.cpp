// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#include "QwenProvider.h"

#include "json/Json.h"
#include "json/JsonLines.h"
#include "providers/gemini/GeminiChat.h"
#include "providers/gemini/GeminiProvider.h"

#include <QDir>

using namespace Qt::StringLiterals;

namespace chasm {

namespace {

QString qwenDirectory(const Environment& environment)
{
    return environment.home() + u"/.qwen"_s;
}

class Chat
{
public:
    void add(const boost::json::value& record)
    {
        const QString uuid = json::string(record, "uuid");
        if (!uuid.isEmpty()) {
            if (m_seen.contains(uuid)) {
                return;
            }
            m_seen.insert(uuid);
        }
        if (m_session.projectPath.isEmpty()) {
            m_session.projectPath = json::string(record, "cwd");
        }
        const QDateTime time = json::dateTime(record, "timestamp");
        if (time.isValid()) {
            m_session.createdAt = m_session.createdAt.isValid() ? std::min(m_session.createdAt, time) : time;
            m_session.updatedAt = std::max(m_session.updatedAt, time);
        }
        const QString type = json::string(record, "type");
        const boost::json::value* message = json::find(record, "message");
        if (!message || (type != u"user"_s && type != u"assistant"_s && type != u"tool_result"_s)) {
            return; // system records: telemetry and attribution snapshots
        }
        QStringList texts;
        Message m;
        m.timestamp = time;
        for (const boost::json::value& part : json::arrayAt(*message, "parts")) {
            if (json::boolean(part, "thought").value_or(false)) {
                continue;
            }
            if (const boost::json::value* text = json::find(part, "text"); text && text->is_string()) {
                texts << json::toQString(text->get_string());
            } else if (const boost::json::value* call = json::find(part, "functionCall")) {
                ToolCall tool;
                tool.id = json::string(*call, "id");
                tool.name = json::string(*call, "name");
                if (const boost::json::value* args = json::find(*call, "args")) {
                    tool.input = QString::fromStdString(json::serialize(*args));
                }
                tool.status = u"pending"_s;
                // The parts are in the order they were streamed: the call sits after the text so far.
                tool.at = texts.isEmpty() ? 0 : texts.join(u"\n\n"_s).size();
                m.toolCalls.append(tool);
            } else if (const boost::json::value* response = json::find(part, "functionResponse")) {
                attach(*response, json::find(record, "toolCallResult"));
            }
        }
        m.content = texts.join(u"\n\n"_s);
        if (type == u"assistant"_s) {
            m.role = Role::Assistant;
            m.model = json::string(record, "model");
            m.status = u"complete"_s;
            if (!m.model.isEmpty()) {
                m_session.model = m.model;
            }
            if (const boost::json::value* usage = json::find(record, "usageMetadata")) {
                if (const auto total = json::integer(*usage, "totalTokenCount")) {
                    m_tokens += *total;
                    m_haveTokens = true;
                }
            }
            for (int i = 0; i < m.toolCalls.size(); ++i) {
                m_calls.insert(m.toolCalls.at(i).id, {int(m_session.messages.size()), i});
            }
        } else if (texts.isEmpty()) {
            return; // a tool result, now attached to its call
        } else {
            m.role = GeminiChat::isInjected(m.content) ? Role::System : Role::User;
        }
        m_session.messages.append(m);
    }

    Session finish(QStringList warnings)
    {
        const QString firstUser = m_session.firstUserMessage();
        m_session.title = sessionTitle({}, firstUser);
        if (m_haveTokens) {
            m_session.totalTokens = m_tokens;
        }
        m_session.warnings = std::move(warnings);
        return std::move(m_session);
    }

private:
    void attach(const boost::json::value& response, const boost::json::value* result)
    {
        const auto found = m_calls.find(json::string(response, "id"));
        if (found == m_calls.end()) {
            return;
        }
        ToolCall& call = m_session.messages[found->first].toolCalls[found->second];
        const boost::json::value* inner = json::find(response, "response");
        const boost::json::value* output = inner ? json::find(*inner, "output") : nullptr;
        call.output = output && output->is_string()
                          ? json::toQString(output->get_string())
                          : (inner ? QString::fromStdString(json::serialize(*inner)) : QString());
        const QString status = result ? json::string(*result, "status") : QString();
        call.status = status == u"error"_s ? u"error"_s : (status == u"cancelled"_s ? u"cancelled"_s : u"completed"_s);
    }

    Session m_session;
    QSet<QString> m_seen;
    QHash<QString, std::pair<int, int>> m_calls;
    qint64 m_tokens = 0;
    bool m_haveTokens = false;
};

} // namespace

QwenProvider::QwenProvider()
    : SessionFileProvider({u"qwen"_s, u"Qwen Code"_s, {u"qwen-code"_s, u"qwencode"_s}, {u"qwen"_s}})
{}

RetentionRule QwenProvider::retention(const Environment& environment) const
{
    Q_UNUSED(environment)
    // QwenLM/qwen-code, packages/cli/src/utils/housekeeping/scheduler.ts and cleanup.ts: general.cleanupPeriodDays
    // (default 30) sweeps file-history backups and background subagent transcripts; Gemini CLI's sessionRetention
    // is not there, and the chats are not swept.
    RetentionRule rule;
    rule.note = u"chats are kept; general.cleanupPeriodDays deletes only file-history backups and subagent "
                "transcripts"_s;
    return rule;
}

QStringList QwenProvider::storageLocations(const Environment& environment) const
{
    const QString base = qwenDirectory(environment);
    return {base + u"/projects"_s, base + u"/tmp"_s};
}

QList<Workspace> QwenProvider::workspaces(const Environment& environment) const
{
    const QString base = qwenDirectory(environment);
    QList<Workspace> result;
    const QDir projects(base + u"/projects"_s);
    for (const QFileInfo& folder : projects.entryInfoList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name)) {
        // The folder name is lossy ("/" became "-"): the records know the real path.
        const QString chats = folder.absoluteFilePath() + u"/chats"_s;
        result.append(logFolderWorkspace(folder.fileName(), folder.absoluteFilePath(), chats, "cwd"));
    }
    result.append(geminiStyleWorkspaces(*this, base + u"/tmp"_s, base + u"/projects.json"_s));
    return result;
}

QStringList QwenProvider::sessionFiles(const Workspace& workspace) const
{
    return geminiStyleSessionFiles(workspace);
}

Result<Session> QwenProvider::readChat(const QString& path)
{
    Chat chat;
    return readLogNamedByFile(path, chat);
}

Result<Session> QwenProvider::readSession(const QString& path, const Workspace& workspace,
                                          const SessionPreview& /*preview*/) const
{
    Q_UNUSED(workspace)
    // The older layout's files are Gemini CLI's: session-<time>-<id>.json(l).
    if (QFileInfo(path).fileName().startsWith(u"session-"_s)) {
        return GeminiChat::read(path);
    }
    return readChat(path);
}

QString QwenProvider::nativeIdOfUnreadable(const QString& path) const
{
    // The older layout is Gemini CLI's; the current one names a file by its session id.
    return QFileInfo(path).fileName().startsWith(u"session-"_s) ? GeminiChat::declaredId(path)
                                                                : SessionFileProvider::nativeIdOfUnreadable(path);
}

} // namespace chasm
