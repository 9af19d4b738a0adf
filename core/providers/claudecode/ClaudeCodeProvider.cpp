// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#include "ClaudeCodeProvider.h"

#include "json/Json.h"
#include "json/JsonLines.h"
#include "model/SessionSink.h"
#include "providers/AnthropicContent.h"
#include "providers/LogBlockMessages.h"
#include "providers/SettlingMessages.h"
#include "util/RegularFile.h"

#include <QDataStream>
#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <algorithm>
#include <functional>
#include <initializer_list>
#include <memory>
#include <optional>
#include <string_view>
#include <type_traits>
#include <unordered_set>
#include <utility>

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

// The uuids of the records read: 16 bytes each when they are UUIDs written as Claude Code writes them (lower case), the
// text otherwise. A gigabyte transcript has hundreds of thousands.
class SeenIds
{
public:
    // Whether `id` was not seen before; it is seen from now on.
    bool insert(const QString& id)
    {
        if (const auto key = uuidKey(id)) {
            return !std::binary_search(m_taken.begin(), m_taken.end(), *key) && m_uuids.insert(*key).second;
        }
        if (m_others.contains(id)) {
            return false;
        }
        m_others.insert(id);
        return true;
    }

    // In a checkpoint: the uuids in order, 16 bytes each, then the other ids.
    void write(QDataStream& out) const
    {
        std::vector<Key> all(m_taken);
        all.insert(all.end(), m_uuids.begin(), m_uuids.end());
        std::sort(all.begin(), all.end());
        out << quint64(all.size());
        out.writeRawData(reinterpret_cast<const char*>(all.data()), int(all.size() * sizeof(Key)));
        out << QStringList(m_others.cbegin(), m_others.cend());
    }
    // Takes up what write() wrote, the uuids as they are (looked up in order): false when it cannot be read.
    bool read(QDataStream& in)
    {
        quint64 count = 0;
        in >> count;
        const qint64 bytes = qint64(count * sizeof(Key));
        if (in.status() != QDataStream::Ok || count > quint64(in.device()->bytesAvailable()) / sizeof(Key)) {
            return false;
        }
        m_taken.resize(std::size_t(count));
        QStringList others;
        if (in.readRawData(reinterpret_cast<char*>(m_taken.data()), int(bytes)) != bytes) {
            return false;
        }
        in >> others;
        if (in.status() != QDataStream::Ok) {
            return false;
        }
        m_uuids.clear();
        m_others = QSet<QString>(others.cbegin(), others.cend());
        return std::is_sorted(m_taken.begin(), m_taken.end());
    }

private:
    struct Key // a UUID's 128 bits, copied as bytes into a checkpoint and out of one
    {
        quint64 first = 0;
        quint64 second = 0;
        auto operator<=>(const Key&) const = default;
    };
    static_assert(std::is_trivially_copyable_v<Key> && sizeof(Key) == 16);
    struct KeyHash
    {
        std::size_t operator()(const Key& key) const
        {
            return std::size_t(key.first ^ (key.second * 0x9E3779B97F4A7C15));
        }
    };
    static std::optional<Key> uuidKey(const QString& id)
    {
        if (id.size() != 36) {
            return std::nullopt;
        }
        Key key{0, 0};
        int digits = 0;
        for (qsizetype i = 0; i < id.size(); ++i) {
            const char16_t c = id.at(i).unicode();
            if (i == 8 || i == 13 || i == 18 || i == 23) {
                if (c != u'-') {
                    return std::nullopt;
                }
                continue;
            }
            const int value = c >= u'0' && c <= u'9' ? c - u'0' : (c >= u'a' && c <= u'f' ? c - u'a' + 10 : -1);
            if (value < 0) {
                return std::nullopt;
            }
            quint64& half = digits < 16 ? key.first : key.second;
            half = half << 4 | quint64(value);
            ++digits;
        }
        return key;
    }

    std::vector<Key> m_taken; // from a checkpoint, in order
    std::unordered_set<Key, KeyHash> m_uuids;
    QSet<QString> m_others;
};

// The format of a Claude Code outline's checkpoint (Transcript::save()).
constexpr char checkpointFormat[] = "chasm claude code outline 2";

// How much of a transcript's records a Transcript builds.
enum class Reading
{
    Whole,
    // As far as a listing shows it: the title, times and number of messages, not the messages.
    Outline,
    // The outline with the session's model and token count, and how many results each tool call gets: what a
    // streamed read first reads of the transcript, for its header and for knowing when a message is complete.
    Header,
    // Whole, the messages handed on a batch at a time as soon as no later record can change them.
    Streamed,
};

// Builds the normalized session from the records of one transcript, in file order.
class Transcript
{
public:
    explicit Transcript(Reading reading = Reading::Whole)
        : m_reading(reading)
        , m_messages(reading == Reading::Whole ? SettlingMessages::Mode::Kept : SettlingMessages::Mode::Counted)
    {}
    // A Streamed read, given the results each call gets (a Header read's results()).
    Transcript(QHash<QString, int> results, SettlingMessages::Batches batches, SettlingMessages::HandOn handOn)
        : m_reading(Reading::Streamed)
        , m_messages(std::move(results), batches, std::move(handOn))
    {}

    // Whether to go on: false once a Streamed read's messages could not be handed on. `at` is where the record is in
    // the file, for a Streamed read.
    bool add(const boost::json::value& record, const json::LineAt& at = {})
    {
        m_messages.beginRecord(at);
        read(record, at);
        return m_messages.endRecord(at.end);
    }

    // Hands on the messages a Streamed read holds still, the read having ended at `end`: false when they could not be.
    bool handOnTheRest(qint64 end) { return m_messages.handOnTheRest(end); }

    // Where a Streamed read found records whose uuid an earlier record has (which are left out), in order.
    std::vector<qint64> repeatedRecords() { return std::move(m_repeated); }

    // A Header read's count of results for each tool call that got any.
    QHash<QString, int> results() { return m_messages.results(); }
    // The messages so far that are the user's or the assistant's, also those not kept (Outline, Header) or handed on.
    int conversationMessages() const { return m_conversation; }

    // An Outline read's state, for a checkpoint (SessionFileProvider::readLogOutline()).
    void save(QDataStream& out) const
    {
        out << m_session.projectPath << m_session.createdAt << m_session.updatedAt << m_summary << m_customTitle
            << m_aiTitle << m_lastAssistantId << qint8(m_lastRole ? int(*m_lastRole) : -1) << qint32(m_conversation)
            << bool(m_firstUser) << m_firstUser.value_or(QString());
        m_seen.write(out);
    }
    // Takes up what save() saved: false, and nothing taken up, when it cannot be read.
    bool restore(QDataStream& in)
    {
        Transcript resumed(Reading::Outline);
        qint8 lastRole = -1;
        qint32 conversation = 0;
        bool haveFirstUser = false;
        QString firstUser;
        in >> resumed.m_session.projectPath >> resumed.m_session.createdAt >> resumed.m_session.updatedAt >>
            resumed.m_summary >> resumed.m_customTitle >> resumed.m_aiTitle >> resumed.m_lastAssistantId >> lastRole >>
            conversation >> haveFirstUser >> firstUser;
        if (in.status() != QDataStream::Ok || lastRole < -1 || lastRole > qint8(Role::System) || conversation < 0 ||
            !resumed.m_seen.read(in) || !in.atEnd()) {
            return false;
        }
        if (lastRole >= 0) {
            resumed.m_lastRole = Role(lastRole);
        }
        resumed.m_conversation = conversation;
        if (haveFirstUser) {
            resumed.m_firstUser = firstUser;
        }
        *this = std::move(resumed);
        return true;
    }

    Session finish(QStringList warnings)
    {
        for (const QString& own : {m_customTitle, m_summary, m_aiTitle}) {
            if (!own.trimmed().isEmpty()) {
                m_session.title = sessionTitle(own, {});
                break;
            }
        }
        if (m_session.title.isEmpty()) {
            m_session.title = sessionTitle({}, m_firstUser.value_or(QString()));
        }
        if (m_haveTokens) {
            m_session.totalTokens = m_tokens;
        }
        m_session.warnings = std::move(warnings);
        m_session.filesReferenced = m_files.take();
        m_session.messages = m_messages.take();
        return std::move(m_session);
    }

private:
    void read(const boost::json::value& record, const json::LineAt& at)
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
        if (!uuid.isEmpty() && !m_seen.insert(uuid)) {
            if (m_reading == Reading::Streamed) {
                m_repeated.push_back(at.offset);
            }
            return;
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
                } else if (type == u"tool_result"_s && m_reading != Reading::Outline) {
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
        const bool continues = !messageId.isEmpty() && messageId == m_lastAssistantId && m_lastRole == Role::Assistant;
        if (!continues) {
            append(Role::Assistant, {}, time);
        }
        m_lastAssistantId = messageId;
        if (m_reading == Reading::Outline) {
            return;
        }
        if (!model.isEmpty()) {
            m_session.model = model;
        }
        const boost::json::value* content = json::find(message, "content");
        if (m_messages.keeps()) {
            Message& last = m_messages.last();
            addContent(last, model, content);
            if (json::boolean(record, "isApiErrorMessage").value_or(false)) {
                last.status = u"failed"_s;
                last.error = last.content;
            }
        } else if (const boost::json::array* blocks = content ? content->if_array() : nullptr) {
            for (const boost::json::value& block : *blocks) { // a Header read's: the calls, to count their results
                const QString type = json::string(block, "type");
                if (type == u"tool_use"_s || type == u"server_tool_use"_s) {
                    m_messages.addCall(json::string(block, "id"), -1, -1);
                }
            }
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

    // An assistant record's content, added to its message.
    void addContent(Message& target, const QString& model, const boost::json::value* content)
    {
        if (!model.isEmpty()) {
            target.model = model;
        }
        const int index = m_messages.next() - 1;
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
                    m_messages.addCall(call.id, index, int(target.toolCalls.size()));
                    target.toolCalls.append(call);
                }
            }
        }
    }

    void attachResult(const boost::json::value& block)
    {
        if (ToolCall* call = m_messages.resultFor(json::string(block, "tool_use_id"))) {
            call->output = anthropic::resultText(json::find(block, "content"));
            call->status = anthropic::resultStatus(block);
        }
    }

    void markLastAssistant(const QString& status)
    {
        if (Message* last = m_messages.lastAssistant()) {
            last->status = status;
        }
    }

    void append(Role role, const QString& text, const QDateTime& time)
    {
        m_lastRole = role;
        if (role != Role::System) {
            ++m_conversation;
        }
        if (role == Role::User && !m_firstUser) {
            m_firstUser = titleLine(text);
        }
        if (role != Role::Assistant) {
            m_lastAssistantId.clear();
        }
        Message m;
        m.role = role;
        m.content = text;
        m.timestamp = time;
        if (role == Role::Assistant) {
            m.status = u"complete"_s;
        }
        m_messages.append(std::move(m));
    }

    static void appendText(QString& content, const QString& text)
    {
        if (text.isEmpty()) {
            return;
        }
        content += content.isEmpty() ? text : u"\n\n"_s + text;
    }

    Reading m_reading;
    Session m_session;
    ReferencedFiles m_files;
    SeenIds m_seen;
    SettlingMessages m_messages;
    std::vector<qint64> m_repeated; // see repeatedRecords()
    std::optional<Role> m_lastRole;
    int m_conversation = 0;
    std::optional<QString> m_firstUser; // its titleLine()
    QSet<QString> m_counted;
    QString m_lastAssistantId;
    QString m_summary;
    QString m_customTitle;
    QString m_aiTitle;
    qint64 m_tokens = 0;
    bool m_haveTokens = false;
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

namespace {

// What an Outline or a Header read does not read of the records: tools' input and output (twice: in the message and in
// toolUseResult), assistants' thinking, images, file-history snapshots, progress records' data.
const std::initializer_list<std::string_view> outlineLeftOut = {"toolUseResult",
                                                                "snapshot",
                                                                "data",
                                                                "message.content.content",
                                                                "message.content.input",
                                                                "message.content.thinking",
                                                                "message.content.signature",
                                                                "message.content.source"};

// Reads a span of the transcript open as `file` as an Outline or a Header `transcript` reads it. A `cancelled` that
// turns true stops the read.
Result<json::LinesRead> readOutlineRecords(const QString& path, QFile& file, const json::Span& span,
                                           Transcript& transcript, const std::function<bool()>& cancelled = {})
{
    return json::readLines(path, file, span, outlineLeftOut,
                           [&](const boost::json::value& record, const json::LineAt&) {
                               return transcript.add(record) && !(cancelled && cancelled());
                           });
}

} // namespace

Result<Session> ClaudeCodeProvider::readOutline(const QString& path, const Workspace& workspace, SessionCache& cache,
                                                int& conversationMessages) const
{
    Q_UNUSED(workspace)
    // A transcript that only grew since the last listing is read from where that one stopped.
    Transcript transcript(Reading::Outline);
    const auto warnings =
        readLogOutline(path, cache, checkpointFormat, outlineLeftOut,
                       {[&transcript](const boost::json::value& record) { return transcript.add(record); },
                        [&transcript](QDataStream& out) { transcript.save(out); },
                        [&transcript](QDataStream& in) { return transcript.restore(in); }});
    if (!warnings) {
        return warnings.error();
    }
    conversationMessages = transcript.conversationMessages();
    Session session = transcript.finish(warnings.value());
    session.nativeId = QFileInfo(path).completeBaseName();
    return session;
}

std::optional<Error> ClaudeCodeProvider::readSessionParts(const QString& path, const Workspace& workspace,
                                                          SessionSink& sink, const SessionCache* /*checkpoints*/) const
{
    Q_UNUSED(workspace)
    // Read twice: first for the header (the title may come last) and for what tells when a message is complete,
    // then whole, handing the messages on as they are. Both read the file as the first found it, though it grows, and
    // the same file, though another is put in its place.
    QFile file;
    if (auto error = RegularFile::open(file, path)) {
        return *error;
    }
    Transcript first(Reading::Header);
    auto read = readOutlineRecords(path, file, {}, first);
    if (!read) {
        return read.error();
    }
    Session header = first.finish(std::move(read->warnings));
    header.nativeId = QFileInfo(path).completeBaseName();
    const int conversationMessages = first.conversationMessages();
    header.filesReferenced.clear();
    if (auto error = sink.begin(header, conversationMessages)) {
        return error;
    }
    SinkFeed feed(sink);
    Transcript whole(first.results(), {}, feed.handOn());
    const auto again =
        json::readLines(path, file, {0, read->settled}, [&whole](boost::json::value&& record, const json::LineAt& at) {
            return whole.add(record, at);
        });
    if (auto error = feed.finish(
            path, again, [&] { return whole.handOnTheRest(read->settled); }, conversationMessages)) {
        return error;
    }
    return sink.end(whole.finish({}).filesReferenced);
}

Result<std::shared_ptr<const SessionMessages>>
ClaudeCodeProvider::openParts(const QString& path, const Workspace& workspace, const SessionPreview& preview,
                              const std::function<void(Session&)>& complete, const std::function<bool()>& cancelled,
                              const SessionCache* /*checkpoints*/) const
{
    Q_UNUSED(workspace)
    auto file = std::make_unique<QFile>();
    if (auto error = RegularFile::open(*file, path)) {
        return *error;
    }
    const QString nativeId = QFileInfo(path).completeBaseName();
    if (preview) {
        // Its first megabytes read whole: a viewer shows them while the rest is read.
        Transcript beginning;
        auto read = json::readLines(
            path, *file, {0, LogBlockMessages::previewBytes},
            [&beginning](boost::json::value&& record, const json::LineAt&) { return beginning.add(record); });
        if (read) { // (nothing to show when they hold no whole record)
            Session session = beginning.finish(std::move(read->warnings));
            session.nativeId = nativeId;
            preview(std::move(session));
        }
    }
    // Then read as readSessionParts() reads it, the messages not kept but where each block of them comes from.
    Transcript first(Reading::Header);
    auto read = readOutlineRecords(path, *file, {}, first, cancelled);
    if (!read) {
        return read.error();
    }
    if (cancelled && cancelled()) {
        return Error{u"reading %1 was cancelled"_s.arg(path)};
    }
    Session header = first.finish(std::move(read->warnings));
    header.nativeId = nativeId;
    header.filesReferenced.clear();
    complete(header);
    const int conversationMessages = first.conversationMessages();
    LogBlockMessages::Collector blocks(cancelled);
    Transcript whole(first.results(), LogBlockMessages::Collector::batches(), blocks.handOn());
    const auto again =
        json::readLines(path, *file, {0, read->settled}, [&whole](boost::json::value&& record, const json::LineAt& at) {
            return whole.add(record, at);
        });
    // A block is read again from its first record, leaving out the records found repeated.
    const auto replay = [path, repeated = whole.repeatedRecords()](QFile& log,
                                                                   const json::Span& span) -> Result<QList<Message>> {
        Transcript transcript;
        const auto read = json::readLines(path, log, span, [&](boost::json::value&& record, const json::LineAt& at) {
            return std::binary_search(repeated.begin(), repeated.end(), at.offset) || transcript.add(record);
        });
        return read ? Result<QList<Message>>(transcript.finish({}).messages) : read.error();
    };
    return blocks.finish(
        path, std::move(file), read->settled, again, [&] { return whole.handOnTheRest(read->settled); },
        std::move(header), conversationMessages, replay);
}

Result<Session> ClaudeCodeProvider::readSession(const QString& path, const Workspace& workspace,
                                                const SessionPreview& /*preview*/) const
{
    Q_UNUSED(workspace)
    return readTranscript(path);
}

} // namespace chasm
