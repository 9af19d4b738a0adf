// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#include "DroidProvider.h"

#include "json/Json.h"
#include "json/JsonLines.h"
#include "providers/AnthropicContent.h"

#include <QDir>

using namespace Qt::StringLiterals;

namespace chasm {

namespace {

class DroidSession
{
public:
    void add(const boost::json::value& record)
    {
        const QString type = json::string(record, "type");
        if (type == u"session_start"_s) {
            m_title = json::string(record, "title");
            m_session.projectPath = json::string(record, "cwd");
            return;
        }
        if (type == u"agent_turn_outcome"_s) {
            const QString reason = json::string(record, "reason");
            if (!reason.isEmpty() && reason != u"completed"_s) {
                for (auto it = m_session.messages.rbegin(); it != m_session.messages.rend(); ++it) {
                    if (it->role == Role::Assistant) {
                        it->status = reason == u"error"_s ? u"failed"_s : reason;
                        break;
                    }
                }
            }
            return;
        }
        const boost::json::value* message = json::find(record, "message");
        if (type != u"message"_s || !message) {
            return;
        }
        const QDateTime time = json::dateTime(record, "timestamp");
        if (time.isValid()) {
            m_session.createdAt = m_session.createdAt.isValid() ? std::min(m_session.createdAt, time) : time;
            m_session.updatedAt = std::max(m_session.updatedAt, time);
        }
        const bool assistant = json::string(*message, "role") == u"assistant"_s;
        Message m;
        m.timestamp = time;
        QStringList texts;
        const boost::json::value* content = json::find(*message, "content");
        if (content && content->is_string()) {
            texts << json::toQString(content->get_string());
        }
        for (const boost::json::value& block : content && content->is_array() ? content->get_array() : m_none) {
            const QString kind = json::string(block, "type");
            if (kind == u"text"_s) {
                texts << json::string(block, "text");
            } else if (kind == u"image"_s) {
                texts << u"[image]"_s;
            } else if (kind == u"tool_use"_s) {
                ToolCall call = anthropic::toolUse(block, m_files);
                call.at = texts.isEmpty() ? 0 : texts.join(u"\n\n"_s).size(); // after the text before it
                m.toolCalls.append(call);
            } else if (kind == u"tool_result"_s) {
                const auto found = m_calls.find(json::string(block, "tool_use_id"));
                if (found != m_calls.end()) {
                    ToolCall& call = m_session.messages[found->first].toolCalls[found->second];
                    call.output = anthropic::resultText(json::find(block, "content"));
                    call.status = anthropic::resultStatus(block);
                }
            }
        }
        m.content = texts.join(u"\n\n"_s);
        if (assistant) {
            m.role = Role::Assistant;
            m.model = json::string(*message, "modelId");
            m.status = u"complete"_s;
            for (int i = 0; i < m.toolCalls.size(); ++i) {
                m_calls.insert(m.toolCalls.at(i).id, {int(m_session.messages.size()), i});
            }
            if (!m.model.isEmpty()) {
                m_session.model = m.model;
            }
        } else if (texts.isEmpty()) {
            return; // only tool results, now attached to their calls
        } else {
            // droid opens each session with an injected <system-reminder> listing its tools.
            const bool injected = json::string(record, "id").startsWith(u"context-"_s) ||
                                  m.content.trimmed().startsWith(u"<system-reminder>"_s);
            m.role = injected ? Role::System : Role::User;
        }
        m_session.messages.append(m);
    }

    Session finish(QStringList warnings)
    {
        const QString firstUser = m_session.firstUserMessage();
        m_session.title = sessionTitle(m_title, firstUser);
        m_session.warnings = std::move(warnings);
        m_session.filesReferenced = m_files.take();
        return std::move(m_session);
    }

    Session& session() { return m_session; }

private:
    Session m_session;
    ReferencedFiles m_files;
    QString m_title;
    QHash<QString, std::pair<int, int>> m_calls;
    const boost::json::array m_none;
};

} // namespace

DroidProvider::DroidProvider()
    : SessionFileProvider({u"droid"_s, u"Factory droid"_s, {u"droidcli"_s, u"droid-cli"_s, u"factory"_s}, {u"droid"_s}})
{}

QStringList DroidProvider::storageLocations(const Environment& environment) const
{
    return {environment.home() + u"/.factory/sessions"_s};
}

QList<Workspace> DroidProvider::workspaces(const Environment& environment) const
{
    QList<Workspace> result;
    const QDir sessions(storageLocations(environment).constFirst());
    for (const QFileInfo& folder : sessions.entryInfoList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name)) {
        result.append(
            logFolderWorkspace(folder.fileName(), folder.absoluteFilePath(), folder.absoluteFilePath(), "cwd"));
    }
    return result;
}

QStringList DroidProvider::sessionFiles(const Workspace& workspace) const
{
    QStringList files;
    const QDir folder(workspace.storagePath);
    for (const QString& name : folder.entryList({u"*.jsonl"_s}, QDir::Files, QDir::Name)) {
        files << folder.filePath(name);
    }
    return files;
}

Result<Session> DroidProvider::readSessionFile(const QString& path)
{
    DroidSession reader;
    auto warnings = json::readLines(path, [&reader](boost::json::value&& record, int) { reader.add(record); });
    if (!warnings) {
        return warnings.error();
    }
    // Token usage and the model live in the settings file beside the log.
    QString settingsPath = path;
    settingsPath.replace(settingsPath.size() - int(sizeof(".jsonl") - 1), int(sizeof(".jsonl") - 1),
                         u".settings.json"_s);
    if (QFileInfo::exists(settingsPath)) {
        if (auto settings = json::parseFile(settingsPath, false, json::descriptorBytes); settings) {
            if (const boost::json::value* usage = json::find(*settings, "tokenUsage")) {
                qint64 total = 0;
                for (const char* key : {"inputTokens", "outputTokens", "cacheCreationTokens", "cacheReadTokens"}) {
                    total += json::integer(*usage, key).value_or(0);
                }
                reader.session().totalTokens = total;
            }
            if (reader.session().model.isEmpty()) {
                reader.session().model = json::string(*settings, "model");
            }
        } else {
            warnings->append(settings.error().message);
        }
    }
    Session session = reader.finish(warnings.value());
    session.nativeId = QFileInfo(path).completeBaseName();
    return session;
}

Result<Session> DroidProvider::readSession(const QString& path, const Workspace& workspace,
                                           const SessionPreview& /*preview*/) const
{
    Q_UNUSED(workspace)
    return readSessionFile(path);
}

} // namespace chasm
