// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#include "CodexProvider.h"

#include "json/Json.h"
#include "json/JsonLines.h"
#include "model/SessionSink.h"
#include "providers/LogBlockMessages.h"
#include "providers/SettlingMessages.h"
#include "util/RegularFile.h"

#include <QDir>
#include <QDataStream>
#include <QDirIterator>
#include <QFile>

#include <boost/json/parse.hpp>

#include <algorithm>
#include <iterator>
#include <memory>
#include <initializer_list>
#include <optional>
#include <string_view>

using namespace Qt::StringLiterals;

namespace chasm {

namespace {

// rollout-2026-01-02T03-04-05-<uuid>: the id is the last five dash-separated groups.
QString idInName(const QString& path)
{
    return QFileInfo(path).completeBaseName().section(u'-', -5);
}

QString codexDirectory(const Environment& environment)
{
    const QString configured = environment.variable(u"CODEX_HOME"_s);
    return configured.isEmpty() ? environment.home() + u"/.codex"_s : environment.absolutePath(configured);
}

// Context Codex puts into the conversation as "user" or "developer" messages.
bool isInjected(const QString& text)
{
    static const QStringList prefixes = {
        u"<environment_context>"_s, u"<user_instructions>"_s, u"<INSTRUCTIONS>"_s,       u"# AGENTS.md instructions"_s,
        u"<skills_instructions>"_s, u"<turn_aborted>"_s,      u"<user_shell_command>"_s,
    };
    return startsWithAny(text, prefixes);
}

QString contentText(const boost::json::value* content)
{
    return json::textOrParts(
        content,
        [](const boost::json::value& item) -> std::optional<QString> {
            const QString type = json::string(item, "type");
            if (type.endsWith(u"_text"_s) || type == u"text"_s) {
                return json::string(item, "text");
            }
            if (type.endsWith(u"_image"_s)) {
                return u"[image]"_s;
            }
            return std::nullopt;
        },
        u"\n\n");
}

// How much of a rollout's records a Rollout builds.
enum class Reading
{
    Whole,
    // As far as a listing shows it: its title, times and number of messages, not the messages.
    Outline,
    // No messages, but the header of a whole read and how many outputs each tool call gets: what a streamed read first
    // reads of the rollout.
    Header,
    // Whole, the messages handed on a batch at a time as soon as no later record can change them.
    Streamed,
};

// What an outline and a header do not read of the records: instructions, reasoning, tools' input and output, events'
// messages (in records of their own, or in the payload of one).
const std::initializer_list<std::string_view> leftOut = {"instructions",
                                                         "base_instructions",
                                                         "encrypted_content",
                                                         "arguments",
                                                         "input",
                                                         "output",
                                                         "payload.instructions",
                                                         "payload.base_instructions",
                                                         "payload.encrypted_content",
                                                         "payload.arguments",
                                                         "payload.input",
                                                         "payload.output",
                                                         "payload.action",
                                                         "payload.summary",
                                                         "payload.message"};

// The format of a Codex outline's checkpoint (Rollout::save()).
constexpr char checkpointFormat[] = "chasm codex outline 1";

// Builds the normalized session from the records of one rollout, in file order.
class Rollout
{
public:
    explicit Rollout(Reading reading = Reading::Whole)
        : m_reading(reading)
        , m_messages(reading == Reading::Whole ? SettlingMessages::Mode::Kept : SettlingMessages::Mode::Counted)
    {}
    // A whole read of records from the middle of a rollout, where `model` was the model in use.
    explicit Rollout(QString model)
        : Rollout(Reading::Whole)
    {
        m_model = std::move(model);
    }
    // A Streamed read, given the outputs each call gets (a Header read's results()).
    Rollout(QHash<QString, int> results, SettlingMessages::Batches batches, SettlingMessages::HandOn handOn)
        : m_reading(Reading::Streamed)
        , m_messages(std::move(results), batches, std::move(handOn))
    {}

    // Whether to go on: false once a Streamed read's messages could not be handed on. `at` is where the record is in
    // the file, for a Streamed read.
    bool add(const boost::json::value& record, const json::LineAt& at = {})
    {
        m_messages.beginRecord(at);
        m_at = at;
        read(record);
        return m_messages.endRecord(at.end);
    }

    // Where a Streamed read found the model change, and to what, in order: the model in use where a read from the
    // middle of the rollout starts.
    std::vector<std::pair<qint64, QString>> models() { return std::move(m_models); }

    // Hands on the messages a Streamed read holds still, the read having ended at `end`: false when they could not be.
    bool handOnTheRest(qint64 end) { return m_messages.handOnTheRest(end); }
    // A Header read's count of outputs for each call that got any.
    QHash<QString, int> results() { return m_messages.results(); }
    // The messages so far that are the user's or the assistant's, also those not kept or handed on.
    int conversationMessages() const { return m_conversation; }

    // An Outline read's state, for a checkpoint (SessionFileProvider::readLogOutline()).
    void save(QDataStream& out) const
    {
        out << m_session.nativeId << m_session.projectPath << m_session.createdAt << m_session.updatedAt
            << qint8(m_lastRole ? int(*m_lastRole) : -1) << qint32(m_conversation) << m_haveFirstUser << m_firstUser;
    }
    // Takes up what save() saved: false, and nothing taken up, when it cannot be read.
    bool restore(QDataStream& in)
    {
        Rollout resumed(Reading::Outline);
        qint8 lastRole = -1;
        qint32 conversation = 0;
        in >> resumed.m_session.nativeId >> resumed.m_session.projectPath >> resumed.m_session.createdAt >>
            resumed.m_session.updatedAt >> lastRole >> conversation >> resumed.m_haveFirstUser >> resumed.m_firstUser;
        if (in.status() != QDataStream::Ok || lastRole < -1 || lastRole > qint8(Role::System) || conversation < 0 ||
            !in.atEnd()) {
            return false;
        }
        if (lastRole >= 0) {
            resumed.m_lastRole = Role(lastRole);
        }
        resumed.m_conversation = conversation;
        *this = std::move(resumed);
        return true;
    }

    Session finish(QStringList warnings)
    {
        m_session.title = sessionTitle({}, m_firstUser);
        m_session.warnings = std::move(warnings);
        m_session.messages = m_messages.take();
        return std::move(m_session);
    }

private:
    bool outline() const { return m_reading == Reading::Outline || m_reading == Reading::Header; }

    void read(const boost::json::value& record)
    {
        const QDateTime time = json::dateTime(record, "timestamp");
        if (time.isValid()) {
            if (!m_session.createdAt.isValid()) {
                m_session.createdAt = time;
            }
            m_session.updatedAt = std::max(m_session.updatedAt, time);
        }
        const QString type = json::string(record, "type");
        const boost::json::value* payload = json::find(record, "payload");
        if (type.isEmpty() && json::find(record, "id")) {
            meta(record); // the oldest rollouts begin with a bare {id, timestamp, instructions}
            return;
        }
        if (!payload) {
            // Rollouts before session_meta existed held response items directly, one per line.
            if (json::find(record, "role") || json::find(record, "call_id")) {
                item(record, time);
            }
            return;
        }
        if (type == u"session_meta"_s) {
            meta(*payload);
        } else if (m_reading == Reading::Outline) {
            if (type == u"response_item"_s) {
                item(*payload, time);
            }
        } else if (type == u"turn_context"_s) {
            setModel(json::string(*payload, "model"));
        } else if (type == u"response_item"_s) {
            item(*payload, time);
        } else if (type == u"event_msg"_s) {
            event(*payload);
        }
    }

    void meta(const boost::json::value& meta)
    {
        if (m_session.nativeId.isEmpty()) {
            m_session.nativeId = json::string(meta, "id");
        }
        if (m_session.projectPath.isEmpty()) {
            m_session.projectPath = json::string(meta, "cwd");
        }
        const QDateTime started = json::dateTime(meta, "timestamp");
        if (started.isValid() && (!m_session.createdAt.isValid() || started < m_session.createdAt)) {
            m_session.createdAt = started;
        }
    }

    void event(const boost::json::value& payload)
    {
        const QString type = json::string(payload, "type");
        if (type == u"token_count"_s) {
            const boost::json::value* info = json::find(payload, "info");
            const boost::json::value* total = info ? json::find(*info, "total_token_usage") : nullptr;
            if (const auto tokens = total ? json::integer(*total, "total_tokens") : std::nullopt) {
                m_session.totalTokens = *tokens; // running total: the last one counts
            }
        } else if (type == u"thread_settings_applied"_s) {
            const boost::json::value* settings = json::find(payload, "thread_settings");
            setModel(settings ? json::string(*settings, "model") : QString());
        } else if (type == u"turn_aborted"_s) {
            if (Message* last = m_messages.lastAssistant()) {
                last->status = u"cancelled"_s;
            }
        }
    }

    void item(const boost::json::value& payload, const QDateTime& time)
    {
        const QString type = json::string(payload, "type");
        if (type == u"message"_s) {
            const QString role = json::string(payload, "role");
            const QString text =
                outline() && role != u"user"_s ? QString() : contentText(json::find(payload, "content"));
            Message m;
            m.timestamp = time;
            m.content = text;
            if (role == u"assistant"_s) {
                m.role = Role::Assistant;
                m.model = m_model;
                m.status = u"complete"_s;
                if (!m_model.isEmpty()) {
                    m_session.model = m_model;
                }
            } else {
                m.role = role == u"user"_s && !isInjected(text) ? Role::User : Role::System;
            }
            append(std::move(m));
        } else if (type == u"function_call"_s || type == u"custom_tool_call"_s || type == u"local_shell_call"_s ||
                   type == u"web_search_call"_s) {
            QString id = json::string(payload, "call_id");
            if (id.isEmpty()) {
                id = json::string(payload, "id");
            }
            if (outline()) {
                if (m_lastRole != Role::Assistant) {
                    Message m;
                    m.role = Role::Assistant;
                    m.timestamp = time;
                    append(std::move(m));
                }
                if (m_reading == Reading::Header) {
                    m_messages.addCall(id, -1, -1);
                }
                return;
            }
            ToolCall call;
            call.id = id;
            call.name = json::string(payload, "name");
            const boost::json::value* input = json::find(payload, "arguments");
            if (!input) {
                input = json::find(payload, "input");
            }
            if (!input) {
                input = json::find(payload, "action");
            }
            if (call.name.isEmpty()) {
                call.name = type == u"local_shell_call"_s ? u"local_shell"_s : u"web_search"_s;
            }
            call.input = input && input->is_string()
                             ? json::toQString(input->get_string())
                             : (input ? QString::fromStdString(json::serialize(*input)) : QString());
            call.status = type == u"web_search_call"_s ? u"completed"_s : u"pending"_s;
            // A call belongs to the assistant turn it follows; a turn that starts with a call gets one.
            if (m_lastRole != Role::Assistant) {
                Message m;
                m.role = Role::Assistant;
                m.timestamp = time;
                m.model = m_model;
                m.status = u"complete"_s;
                append(std::move(m));
            }
            m_messages.addCall(call.id, m_messages.next() - 1, int(m_messages.last().toolCalls.size()));
            m_messages.last().toolCalls.append(call);
        } else if (m_reading == Reading::Outline) {
            return;
        } else if (type == u"function_call_output"_s || type == u"custom_tool_call_output"_s ||
                   type == u"local_shell_call_output"_s) {
            ToolCall* found = m_messages.resultFor(json::string(payload, "call_id"));
            if (!found) {
                return;
            }
            ToolCall& call = *found;
            call.status = u"completed"_s;
            const boost::json::value* output = json::find(payload, "output");
            call.output = contentText(output);
            // Older versions wrapped the output as JSON text: {"output": "...", "metadata": {"exit_code": n}}.
            if (output && output->is_string() && output->get_string().starts_with("{")) {
                boost::system::error_code ec;
                const boost::json::value wrapped = boost::json::parse(output->get_string(), ec);
                if (!ec && json::find(wrapped, "output")) {
                    call.output = contentText(json::find(wrapped, "output"));
                    const boost::json::value* metadata = json::find(wrapped, "metadata");
                    if (metadata && json::integer(*metadata, "exit_code").value_or(0) != 0) {
                        call.status = u"error"_s;
                    }
                }
            }
        }
        // reasoning (often encrypted), compaction and unknown items carry no transcript text.
    }

    void setModel(const QString& model)
    {
        if (model.isEmpty() || model == m_model) {
            return;
        }
        m_model = model;
        if (m_reading == Reading::Streamed) {
            m_models.emplace_back(m_at.offset, model);
        }
    }

    void append(Message m)
    {
        m_lastRole = m.role;
        if (m.role != Role::System) {
            ++m_conversation;
        }
        if (m.role == Role::User && !m_haveFirstUser) {
            m_firstUser = titleLine(m.content);
            m_haveFirstUser = true;
        }
        m_messages.append(std::move(m));
    }

    Reading m_reading;
    Session m_session;
    SettlingMessages m_messages;
    QString m_model;
    std::vector<std::pair<qint64, QString>> m_models; // see models()
    json::LineAt m_at;                                // the record being read
    std::optional<Role> m_lastRole;
    int m_conversation = 0;
    QString m_firstUser; // its titleLine()
    bool m_haveFirstUser = false;
};

} // namespace

CodexProvider::CodexProvider()
    : SessionFileProvider({u"codex"_s, u"Codex CLI"_s, {u"codexcli"_s, u"codex-cli"_s}, {u"codex"_s}})
{}

QStringList CodexProvider::storageLocations(const Environment& environment) const
{
    const QString base = codexDirectory(environment);
    return {base + u"/sessions"_s, base + u"/archived_sessions"_s};
}

QList<Workspace> CodexProvider::workspaces(const Environment& environment) const
{
    QList<Workspace> result;
    const QStringList locations = storageLocations(environment);
    for (const QString& location : locations) {
        if (!QFileInfo(location).isDir()) {
            continue;
        }
        // "sessions" or "archived_sessions": every project's rollouts side by side
        result.append(folderWorkspace(QFileInfo(location).fileName(), Workspace::Kind::Store, location, location, {}));
    }
    return result;
}

QStringList CodexProvider::sessionFiles(const Workspace& workspace) const
{
    QStringList files;
    QDirIterator it(workspace.storagePath, {u"rollout-*.jsonl"_s}, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        files << it.next();
    }
    files.sort();
    return files;
}

Result<Session> CodexProvider::readRollout(const QString& path)
{
    Rollout rollout;
    auto read = readLog(path, rollout);
    if (!read) {
        return read;
    }
    Session session = std::move(read.value());
    if (session.nativeId.isEmpty()) {
        session.nativeId = idInName(path);
    }
    return session;
}

std::optional<Error> CodexProvider::readSessionParts(const QString& path, const Workspace& workspace, SessionSink& sink,
                                                     const SessionCache* /*checkpoints*/) const
{
    Q_UNUSED(workspace)
    // Read twice, as Claude Code's transcripts are: first for the header and for how many outputs each call gets, then
    // whole, the messages handed on as they are, the file as the first read found it.
    QFile file;
    if (auto error = RegularFile::open(file, path)) {
        return *error;
    }
    Rollout first(Reading::Header);
    auto read =
        json::readLines(path, file, {}, leftOut,
                        [&first](const boost::json::value& record, const json::LineAt&) { return first.add(record); });
    if (!read) {
        return read.error();
    }
    Session header = first.finish(std::move(read->warnings));
    if (header.nativeId.isEmpty()) {
        header.nativeId = idInName(path);
    }
    const int conversationMessages = first.conversationMessages();
    if (auto error = sink.begin(header, conversationMessages)) {
        return error;
    }
    SinkFeed feed(sink);
    Rollout whole(first.results(), {}, feed.handOn());
    const auto again =
        json::readLines(path, file, {0, read->settled}, [&whole](boost::json::value&& record, const json::LineAt& at) {
            return whole.add(record, at);
        });
    if (auto error = feed.finish(
            path, again, [&] { return whole.handOnTheRest(read->settled); }, conversationMessages)) {
        return error;
    }
    return sink.end({});
}

Result<std::shared_ptr<const SessionMessages>> CodexProvider::openParts(const QString& path, const Workspace& workspace,
                                                                        const SessionPreview& preview,
                                                                        const std::function<void(Session&)>& complete,
                                                                        const std::function<bool()>& cancelled,
                                                                        const SessionCache* /*checkpoints*/) const
{
    Q_UNUSED(workspace)
    auto file = std::make_unique<QFile>();
    if (auto error = RegularFile::open(*file, path)) {
        return *error;
    }
    const auto withId = [&path](Session session) {
        if (session.nativeId.isEmpty()) {
            session.nativeId = idInName(path);
        }
        return session;
    };
    if (preview) {
        // Its first megabytes read whole: a viewer shows them while the rest is read.
        Rollout beginning;
        const auto read = json::readLines(
            path, *file, {0, LogBlockMessages::previewBytes},
            [&beginning](boost::json::value&& record, const json::LineAt&) { return beginning.add(record); });
        if (read) { // (nothing to show when they hold no whole record)
            preview(withId(beginning.finish(read->warnings)));
        }
    }
    // Then read as readSessionParts() reads it, the messages not kept but where each block of them comes from.
    Rollout first(Reading::Header);
    auto read = json::readLines(path, *file, {}, leftOut, [&](const boost::json::value& record, const json::LineAt&) {
        return first.add(record) && !(cancelled && cancelled());
    });
    if (!read) {
        return read.error();
    }
    if (cancelled && cancelled()) {
        return Error{u"reading %1 was cancelled"_s.arg(path)};
    }
    Session header = withId(first.finish(std::move(read->warnings)));
    complete(header);
    LogBlockMessages::Collector blocks(cancelled);
    Rollout whole(first.results(), LogBlockMessages::Collector::batches(), blocks.handOn());
    const auto again =
        json::readLines(path, *file, {0, read->settled}, [&whole](boost::json::value&& record, const json::LineAt& at) {
            return whole.add(record, at);
        });
    // A block is read again from its first record with the model in use there.
    const auto replay = [path, models = whole.models()](QFile& log, const json::Span& span) -> Result<QList<Message>> {
        const auto after = std::lower_bound(models.begin(), models.end(), span.from,
                                            [](const auto& change, qint64 offset) { return change.first < offset; });
        Rollout rollout(after == models.begin() ? QString() : std::prev(after)->second);
        const auto read =
            json::readLines(path, log, span, [&rollout](boost::json::value&& record, const json::LineAt&) {
                return rollout.add(record);
            });
        return read ? Result<QList<Message>>(rollout.finish({}).messages) : read.error();
    };
    return blocks.finish(
        path, std::move(file), read->settled, again, [&] { return whole.handOnTheRest(read->settled); },
        std::move(header), first.conversationMessages(), replay);
}

Result<Session> CodexProvider::readOutline(const QString& path, const Workspace& workspace, SessionCache& cache,
                                           int& conversationMessages) const
{
    Q_UNUSED(workspace)
    // A rollout that only grew since the last listing is read from where that one stopped.
    Rollout rollout(Reading::Outline);
    const auto warnings = readLogOutline(path, cache, checkpointFormat, leftOut,
                                         {[&rollout](const boost::json::value& record) { return rollout.add(record); },
                                          [&rollout](QDataStream& out) { rollout.save(out); },
                                          [&rollout](QDataStream& in) { return rollout.restore(in); }});
    if (!warnings) {
        return warnings.error();
    }
    conversationMessages = rollout.conversationMessages();
    Session session = rollout.finish(warnings.value());
    if (session.nativeId.isEmpty()) {
        session.nativeId = idInName(path);
    }
    return session;
}

QString CodexProvider::nativeIdOfUnreadable(const QString& path) const
{
    return idInName(path);
}

Result<Session> CodexProvider::readSession(const QString& path, const Workspace& workspace,
                                           const SessionPreview& /*preview*/) const
{
    Q_UNUSED(workspace)
    return readRollout(path);
}

} // namespace chasm
