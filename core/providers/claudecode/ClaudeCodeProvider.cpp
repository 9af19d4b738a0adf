// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#include "ClaudeCodeProvider.h"

#include "json/Json.h"
#include "json/JsonLines.h"
#include "providers/AnthropicContent.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace chasm {

namespace {

QString claudeDirectory(const Environment& environment)
{
    const QString configured = environment.variable(u"CLAUDE_CONFIG_DIR"_s);
    return configured.isEmpty() ? environment.home() + u"/.claude"_s : environment.absolutePath(configured);
}

// Text Claude Code wrote into the conversation itself rather than the person: reminders, the output
// of local commands, interruption notices, hook output.
bool isInjected(const QString& text)
{
    static const QStringList prefixes = {
        u"<system-reminder>"_s,
        u"<local-command-stdout>"_s,
        u"<local-command-stderr>"_s,
        u"<local-command-caveat>"_s,
        u"Caveat: The messages below"_s,
        u"[Request interrupted by user"_s,
        u"<user-prompt-submit-hook>"_s,
        u"<bash-stdout>"_s,
        u"<bash-stderr>"_s,
    };
    return startsWithAny(text, prefixes);
}

// Builds the normalized session from the records of one transcript, in file order. In outline, as far as a
// listing shows it: the same messages, roles and times, without assistants' text, tool calls and token counts.
class Transcript
{
public:
    explicit Transcript(bool outline = false)
        : m_outline(outline)
    {}

    void add(const boost::json::value& record)
    {
        const QString type = json::string(record, "type");
        if (type == u"summary"_s) {
            m_summary = json::string(record, "summary");
            return;
        }
        if (type == u"custom-title"_s) {
            m_customTitle = json::string(record, "customTitle");
            return;
        }
        if (type == u"ai-title"_s) {
            m_aiTitle = json::string(record, "aiTitle");
            return;
        }
        if (type != u"user"_s && type != u"assistant"_s) {
            return; // queue operations, attachments, snapshots, progress...: not conversation
        }
        // A resumed session may start a file that repeats earlier records.
        const QString uuid = json::string(record, "uuid");
        if (!uuid.isEmpty()) {
            if (m_seen.contains(uuid)) {
                return;
            }
            m_seen.insert(uuid);
        }
        if (json::boolean(record, "isSidechain").value_or(false)) {
            return; // a subagent's own conversation
        }
        if (m_session.projectPath.isEmpty()) {
            m_session.projectPath = json::string(record, "cwd");
        }
        const QDateTime time = json::dateTime(record, "timestamp");
        if (time.isValid()) {
            if (!m_session.createdAt.isValid()) {
                m_session.createdAt = time;
            }
            m_session.updatedAt = std::max(m_session.updatedAt, time);
        }
        const boost::json::value* message = json::find(record, "message");
        if (!message) {
            return;
        }
        if (type == u"user"_s) {
            addUser(record, *message, time);
        } else {
            addAssistant(record, *message, time);
        }
    }

    Session finish(QStringList warnings)
    {
        const QString firstUser = m_session.firstUserMessage();
        for (const QString& own : {m_customTitle, m_summary, m_aiTitle}) {
            if (!own.trimmed().isEmpty()) {
                m_session.title = sessionTitle(own, {});
                break;
            }
        }
        if (m_session.title.isEmpty()) {
            m_session.title = sessionTitle({}, firstUser);
        }
        if (m_haveTokens) {
            m_session.totalTokens = m_tokens;
        }
        m_session.warnings = std::move(warnings);
        m_session.filesReferenced = m_files.take();
        return std::move(m_session);
    }

private:
    void addUser(const boost::json::value& record, const boost::json::value& message, const QDateTime& time)
    {
        const bool meta = json::boolean(record, "isMeta").value_or(false) ||
                          json::boolean(record, "isCompactSummary").value_or(false);
        const boost::json::value* content = json::find(message, "content");
        QStringList texts;
        if (content && content->is_string()) {
            texts << json::toQString(content->get_string());
        } else if (const boost::json::array* blocks = content ? content->if_array() : nullptr) {
            for (const boost::json::value& block : *blocks) {
                const QString type = json::string(block, "type");
                if (type == u"text"_s) {
                    texts << json::string(block, "text");
                } else if (type == u"image"_s) {
                    texts << u"[image]"_s;
                } else if (type == u"tool_result"_s && !m_outline) {
                    attachResult(block);
                }
            }
        }
        // A user record's text blocks are one message; injected ones go apart as system context.
        QStringList typed;
        for (const QString& text : std::as_const(texts)) {
            if (meta || isInjected(text)) {
                append(Role::System, text, time);
                if (text.trimmed().startsWith(u"[Request interrupted by user"_s)) {
                    markLastAssistant(u"cancelled"_s);
                }
            } else {
                typed << text;
            }
        }
        if (!typed.isEmpty()) {
            append(Role::User, typed.join(u"\n\n"_s), time);
        }
    }

    void addAssistant(const boost::json::value& record, const boost::json::value& message, const QDateTime& time)
    {
        const QString messageId = json::string(message, "id");
        QString model = json::string(message, "model");
        if (model == u"<synthetic>"_s) {
            model.clear(); // Claude Code's own notices (API errors, interruptions)
        }
        // One API message may be written as several records (text, then tool_use): they join.
        const bool continues = !messageId.isEmpty() && messageId == m_lastAssistantId &&
                               !m_session.messages.isEmpty() && m_session.messages.last().role == Role::Assistant;
        if (!continues) {
            append(Role::Assistant, {}, time);
            m_session.messages.last().status = u"complete"_s;
        }
        m_lastAssistantId = messageId;
        if (m_outline) {
            return;
        }
        Message& target = m_session.messages.last();
        if (!model.isEmpty()) {
            target.model = model;
            m_session.model = model;
        }
        const boost::json::value* content = json::find(message, "content");
        if (content && content->is_string()) {
            appendText(target.content, json::toQString(content->get_string()));
        } else if (const boost::json::array* blocks = content ? content->if_array() : nullptr) {
            for (const boost::json::value& block : *blocks) {
                const QString type = json::string(block, "type");
                if (type == u"text"_s) {
                    appendText(target.content, json::string(block, "text"));
                } else if (type == u"tool_use"_s || type == u"server_tool_use"_s) {
                    ToolCall call = anthropic::toolUse(block, m_files);
                    call.at = target.content.size(); // after the text so far, before what follows
                    m_calls.insert(call.id, {int(m_session.messages.size() - 1), int(target.toolCalls.size())});
                    target.toolCalls.append(call);
                }
            }
        }
        if (json::boolean(record, "isApiErrorMessage").value_or(false)) {
            target.status = u"failed"_s;
            target.error = target.content;
        }
        const boost::json::value* usage = json::find(message, "usage");
        if (usage && !m_counted.contains(messageId)) {
            m_counted.insert(messageId);
            for (const char* key :
                 {"input_tokens", "output_tokens", "cache_creation_input_tokens", "cache_read_input_tokens"}) {
                if (const auto n = json::integer(*usage, key)) {
                    m_tokens += *n;
                    m_haveTokens = true;
                }
            }
        }
    }

    void attachResult(const boost::json::value& block)
    {
        const auto found = m_calls.find(json::string(block, "tool_use_id"));
        if (found == m_calls.end()) {
            return;
        }
        ToolCall& call = m_session.messages[found->first].toolCalls[found->second];
        call.output = anthropic::resultText(json::find(block, "content"));
        call.status = anthropic::resultStatus(block);
    }

    void markLastAssistant(const QString& status)
    {
        for (auto it = m_session.messages.rbegin(); it != m_session.messages.rend(); ++it) {
            if (it->role == Role::Assistant) {
                it->status = status;
                return;
            }
        }
    }

    void append(Role role, const QString& text, const QDateTime& time)
    {
        Message m;
        m.role = role;
        m.content = text;
        m.timestamp = time;
        m_session.messages.append(m);
        if (role != Role::Assistant) {
            m_lastAssistantId.clear();
        }
    }

    static void appendText(QString& content, const QString& text)
    {
        if (text.isEmpty()) {
            return;
        }
        content += content.isEmpty() ? text : u"\n\n"_s + text;
    }

    Session m_session;
    ReferencedFiles m_files;
    QSet<QString> m_seen;
    QHash<QString, std::pair<int, int>> m_calls; // tool_use id → (message, call)
    QSet<QString> m_counted;
    QString m_lastAssistantId;
    QString m_summary;
    QString m_customTitle;
    QString m_aiTitle;
    qint64 m_tokens = 0;
    bool m_haveTokens = false;
    const bool m_outline;
};

} // namespace

ClaudeCodeProvider::ClaudeCodeProvider()
    : SessionFileProvider({u"claude-code"_s, u"Claude Code"_s, {u"claudecode"_s, u"claude"_s}, {u"claude"_s}})
{}

QStringList ClaudeCodeProvider::storageLocations(const Environment& environment) const
{
    return {claudeDirectory(environment) + u"/projects"_s};
}

RetentionRule ClaudeCodeProvider::retention(const Environment& environment) const
{
    // Claude Code's source is not public. What it does, from its CHANGELOG.md (anthropics/claude-code) and
    // code.claude.com/docs/en/settings: at start it deletes the transcripts (projects/<project>/<session>.jsonl,
    // with their session folders) whose file was last modified more than cleanupPeriodDays ago; the default is
    // 30; 0 is refused with a validation error since 2.1 (before, it turned transcripts off).
    constexpr qint64 defaultDays = 30;
    constexpr qint64 dayMs = 24ll * 3600 * 1000;
    // More days than this are never (and would overflow milliseconds).
    constexpr qint64 maxDays = 10'000'000;
    RetentionRule rule;
    rule.enabled = true;
    rule.maxAgeMs = defaultDays * dayMs;
    rule.basis = RetentionRule::Basis::FileModified;
    rule.note = u"when Claude Code starts, transcripts whose file was last modified more than the period ago"_s;
    const QString file = claudeDirectory(environment) + u"/settings.json"_s;
    if (!QFileInfo::exists(file)) {
        return rule;
    }
    const auto fallBack = [&rule, &file](const QString& why) {
        rule.error =
            u"%1: %2; Claude Code's default of %3 days is assumed"_s.arg(file, why, QString::number(defaultDays));
        return rule;
    };
    auto settings = json::parseFile(file, false, json::descriptorBytes);
    if (!settings) {
        rule.error = settings.error().message + u"; Claude Code's default of %1 days is assumed"_s.arg(defaultDays);
        return rule;
    }
    if (!settings->is_object()) {
        return fallBack(u"not a JSON object"_s);
    }
    const boost::json::value* days = json::find(*settings, "cleanupPeriodDays");
    if (!days) {
        return rule;
    }
    const std::optional<qint64> value = json::integer(*days);
    if (!value || *value < 1) {
        return fallBack(u"cleanupPeriodDays must be a whole number of days of at least 1, not %1"_s.arg(
            QString::fromStdString(json::serialize(*days)).left(40)));
    }
    rule.maxAgeMs = std::min(*value, maxDays) * dayMs;
    rule.source = file;
    return rule;
}

QList<Workspace> ClaudeCodeProvider::workspaces(const Environment& environment) const
{
    QList<Workspace> result;
    const QDir projects(claudeDirectory(environment) + u"/projects"_s);
    for (const QFileInfo& folder : projects.entryInfoList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name)) {
        // The folder name is lossy (every non-alphanumeric character became "-"): the records know.
        result.append(
            logFolderWorkspace(folder.fileName(), folder.absoluteFilePath(), folder.absoluteFilePath(), "cwd"));
    }
    return result;
}

QStringList ClaudeCodeProvider::sessionFiles(const Workspace& workspace) const
{
    QStringList files;
    const QDir folder(workspace.storagePath);
    for (const QString& name : folder.entryList({u"*.jsonl"_s}, QDir::Files, QDir::Name)) {
        if (!name.startsWith(u"agent-"_s)) { // subagent transcripts belong to their parent session
            files << folder.filePath(name);
        }
    }
    return files;
}

Result<Session> ClaudeCodeProvider::readTranscript(const QString& path)
{
    // The file name is the session id; records copied into a resumed session's new file still carry
    // the old session's id.
    Transcript transcript;
    return readLogNamedByFile(path, transcript);
}

Result<Session> ClaudeCodeProvider::readOutline(const QString& path, const Workspace& workspace,
                                                SessionCache& /*cache*/) const
{
    Q_UNUSED(workspace)
    Transcript transcript(true);
    // What an outline does not read: tools' input and output (twice: in the message and in toolUseResult),
    // assistants' thinking, images, file-history snapshots, progress records' data.
    return readLogNamedByFile(path, transcript,
                              {"toolUseResult", "snapshot", "data", "message.content.content", "message.content.input",
                               "message.content.thinking", "message.content.signature", "message.content.source"});
}

Result<Session> ClaudeCodeProvider::readSession(const QString& path, const Workspace& workspace,
                                                const SessionPreview& /*preview*/) const
{
    Q_UNUSED(workspace)
    return readTranscript(path);
}

} // namespace chasm
