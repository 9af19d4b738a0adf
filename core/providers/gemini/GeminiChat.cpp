// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#include "GeminiChat.h"

#include "json/Json.h"
#include "model/ReferencedFiles.h"
#include "json/JsonLines.h"
#include "util/RegularFile.h"

#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace chasm {

namespace {

QString responseText(const boost::json::value& response)
{
    const boost::json::value* inner = json::find(response, "response");
    if (!inner) {
        return {};
    }
    for (const char* key : {"output", "error", "content"}) {
        if (const boost::json::value* value = json::find(*inner, key); value && value->is_string()) {
            return json::toQString(value->get_string());
        }
    }
    return QString::fromStdString(json::serialize(*inner));
}

// The conversation as Gemini CLI keeps it: messages in order, replaced by id.
class Log
{
public:
    void add(boost::json::value&& record)
    {
        boost::json::object* object = record.if_object();
        if (!object) {
            return;
        }
        if (boost::json::value* set = object->if_contains("$set"); set && set->is_object()) {
            header(*set);
            if (boost::json::value* messages = set->get_object().if_contains("messages");
                messages && messages->is_array()) {
                m_messages.clear();
                m_index.clear();
                for (boost::json::value& message : messages->get_array()) {
                    addMessage(std::move(message));
                }
            }
            return;
        }
        if (const boost::json::value* rewind = object->if_contains("$rewindTo")) {
            const auto found = m_index.find(rewind->is_string() ? json::toQString(rewind->get_string()) : QString());
            if (found != m_index.end()) {
                const int from = found.value();
                m_messages.resize(from);
                for (auto it = m_index.begin(); it != m_index.end();) {
                    it = it.value() >= from ? m_index.erase(it) : std::next(it);
                }
            }
            return;
        }
        if (object->contains("type") && object->contains("id")) {
            addMessage(std::move(record));
            return;
        }
        header(record); // {sessionId, projectHash, startTime, lastUpdated, kind}, or a whole legacy file
        if (boost::json::value* messages = object->if_contains("messages"); messages && messages->is_array()) {
            for (boost::json::value& message : messages->get_array()) {
                addMessage(std::move(message));
            }
        }
    }

    Session finish(QStringList warnings) const
    {
        Session s;
        s.nativeId = m_sessionId;
        s.createdAt = m_started;
        s.updatedAt = m_updated;
        QHash<QString, std::pair<int, int>> calls;
        ReferencedFiles files;
        qint64 tokens = 0;
        bool haveTokens = false;
        for (const boost::json::value& record : m_messages) {
            const QString type = json::string(record, "type");
            Message m;
            m.timestamp = json::dateTime(record, "timestamp");
            if (m.timestamp.isValid()) {
                s.createdAt = s.createdAt.isValid() ? std::min(s.createdAt, m.timestamp) : m.timestamp;
                s.updatedAt = std::max(s.updatedAt, m.timestamp);
            }
            const boost::json::value* content = json::find(record, "content");
            QStringList texts;
            if (content && content->is_string()) {
                texts << json::toQString(content->get_string());
            } else if (const boost::json::array* parts = content ? content->if_array() : nullptr) {
                for (const boost::json::value& part : *parts) {
                    if (const boost::json::value* text = json::find(part, "text"); text && text->is_string()) {
                        texts << json::toQString(text->get_string());
                    } else if (const boost::json::value* response = json::find(part, "functionResponse")) {
                        const auto found = calls.find(json::string(*response, "id"));
                        if (found != calls.end()) {
                            ToolCall& call = s.messages[found->first].toolCalls[found->second];
                            if (call.output.isEmpty()) {
                                call.output = responseText(*response);
                            }
                        }
                    } else if (json::find(part, "inlineData") || json::find(part, "fileData")) {
                        texts << u"[attachment]"_s;
                    }
                }
            }
            m.content = texts.join(u"\n\n"_s);
            if (type == u"user"_s) {
                if (texts.isEmpty()) {
                    continue; // only tool results, now attached to their calls
                }
                m.role = GeminiChat::isInjected(m.content) ? Role::System : Role::User;
            } else if (type == u"gemini"_s || type == u"error"_s) {
                m.role = Role::Assistant;
                m.model = json::string(record, "model");
                m.status = type == u"error"_s ? u"failed"_s : u"complete"_s;
                if (type == u"error"_s) {
                    m.error = m.content;
                }
                if (!m.model.isEmpty()) {
                    s.model = m.model;
                }
                if (const boost::json::value* usage = json::find(record, "tokens")) {
                    if (const auto total = json::integer(*usage, "total")) {
                        tokens += *total;
                        haveTokens = true;
                    }
                }
                for (const boost::json::value& entry : json::arrayAt(record, "toolCalls")) {
                    ToolCall call;
                    call.id = json::string(entry, "id");
                    call.name = json::string(entry, "name");
                    if (const boost::json::value* args = json::find(entry, "args")) {
                        call.input = QString::fromStdString(json::serialize(*args));
                    }
                    QStringList outputs;
                    for (const boost::json::value& result : json::arrayAt(entry, "result")) {
                        if (const boost::json::value* response = json::find(result, "functionResponse")) {
                            outputs << responseText(*response);
                        }
                    }
                    call.output = outputs.join(u'\n');
                    const QString status = json::string(entry, "status");
                    call.status = status == u"success"_s     ? u"completed"_s
                                  : status == u"error"_s     ? u"error"_s
                                  : status == u"cancelled"_s ? u"cancelled"_s
                                                             : (status.isEmpty() ? u"completed"_s : status);
                    for (const char* key : {"file_path", "absolute_path", "path"}) {
                        const boost::json::value* args = json::find(entry, "args");
                        files.add(args ? json::string(*args, key) : QString());
                    }
                    calls.insert(call.id, {int(s.messages.size()), int(m.toolCalls.size())});
                    m.toolCalls.append(call);
                }
            } else {
                m.role = Role::System; // info, warning
            }
            s.messages.append(m);
        }
        if (haveTokens) {
            s.totalTokens = tokens;
        }
        const QString firstUser = s.firstUserMessage();
        s.title = sessionTitle(m_summary, firstUser);
        s.warnings = std::move(warnings);
        s.filesReferenced = files.take();
        return s;
    }

private:
    void header(const boost::json::value& fields)
    {
        const QString id = json::string(fields, "sessionId");
        m_sessionId = id.isEmpty() ? m_sessionId : id;
        const QDateTime started = json::dateTime(fields, "startTime");
        if (started.isValid() && (!m_started.isValid() || started < m_started)) {
            m_started = started;
        }
        m_updated = std::max(m_updated, json::dateTime(fields, "lastUpdated"));
        const QString summary = json::string(fields, "summary");
        m_summary = summary.isEmpty() ? m_summary : summary;
    }

    void addMessage(boost::json::value&& message)
    {
        const QString id = json::string(message, "id");
        const auto found = m_index.find(id);
        if (!id.isEmpty() && found != m_index.end()) {
            m_messages[found.value()] = std::move(message);
            return;
        }
        if (!id.isEmpty()) {
            m_index.insert(id, int(m_messages.size()));
        }
        m_messages.push_back(std::move(message));
    }

    std::vector<boost::json::value> m_messages;
    QHash<QString, int> m_index;
    QString m_sessionId;
    QString m_summary;
    QDateTime m_started;
    QDateTime m_updated;
};

} // namespace

bool GeminiChat::isInjected(const QString& text)
{
    static const QStringList prefixes = {u"<session_context>"_s, u"<system-reminder>"_s};
    return startsWithAny(text, prefixes);
}

Result<Session> GeminiChat::read(const QString& path)
{
    Log log;
    QStringList warnings;
    if (path.endsWith(u".json"_s)) {
        auto tree = json::parseFile(path);
        if (!tree) {
            return tree.error();
        }
        log.add(std::move(tree.value()));
    } else {
        auto lineWarnings =
            json::readLines(path, [&log](boost::json::value&& record, int) { log.add(std::move(record)); });
        if (!lineWarnings) {
            return lineWarnings.error();
        }
        warnings = lineWarnings.value();
    }
    Session session = log.finish(warnings);
    if (session.nativeId.isEmpty()) {
        session.nativeId = QFileInfo(path).completeBaseName();
    }
    return session;
}

QString GeminiChat::declaredId(const QString& path)
{
    static const QRegularExpression sessionId(u"\"sessionId\"\\s*:\\s*\"([A-Za-z0-9._-]{1,128})\""_s);
    QFile file;
    if (!RegularFile::open(file, path)) {
        const auto match = sessionId.match(QString::fromUtf8(file.read(64 * 1024)));
        if (match.hasMatch()) {
            return match.captured(1);
        }
    }
    return QFileInfo(path).completeBaseName();
}

} // namespace chasm
