// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#include "RecordingService.h"

#include "json/Json.h"
#include "model/ModelJson.h"
#include "store/HarvestWriter.h"
#include "util/IsoTime.h"

#include <QDeadlineTimer>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QHash>
#include <QMutex>
#include <QMutexLocker>
#include <QThread>
#include <QWaitCondition>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include <algorithm>
#include <deque>
#include <limits>
#include <map>
#include <set>

using namespace Qt::StringLiterals;

namespace chasm {

namespace {

const QStringList eventTypes = {u"session_start"_s,  u"session_end"_s,    u"message_add"_s,
                                u"message_update"_s, u"message_append"_s, u"heartbeat"_s};
const QStringList roles = {u"user"_s, u"assistant"_s, u"system"_s};
// How an assistant turn ended (Message::status); "interrupted": its answer stopped arriving, the recorder gone.
const QStringList statuses = {u"complete"_s, u"cancelled"_s, u"failed"_s, u"pending"_s, u"interrupted"_s};

// The keys each type of event takes besides type, session_id, seq and timestamp.
QStringList keysOf(const QString& type)
{
    if (type == u"session_start"_s) {
        return {u"title"_s, u"provider"_s, u"project_path"_s, u"model"_s};
    }
    if (type == u"message_add"_s) {
        return {u"role"_s, u"content"_s, u"message_id"_s, u"model"_s, u"status"_s, u"error"_s};
    }
    if (type == u"message_update"_s) {
        return {u"message_id"_s, u"content"_s, u"status"_s, u"error"_s};
    }
    if (type == u"message_append"_s) {
        return {u"message_id"_s, u"content"_s};
    }
    return {};
}

bool isIdCharacter(QChar c)
{
    return (c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z') || (c >= u'0' && c <= u'9') || c == u'.' || c == u'_' ||
           c == u':' || c == u'-';
}

bool hasControl(QStringView text)
{
    return std::any_of(text.begin(), text.end(), [](QChar c) { return c.unicode() < 0x20 || c.unicode() == 0x7f; });
}

// Text a client sent, parsed with Boost.JSON's defaults (valid UTF-8, nesting up to 32 levels), or why not.
Result<boost::json::value> parseRequest(QByteArrayView text)
{
    boost::system::error_code ec;
    boost::json::value value;
    try {
        value = boost::json::parse(std::string_view(text.data(), std::size_t(text.size())), ec);
    } catch (const std::exception& e) {
        return Error{u"cannot read the request: %1"_s.arg(QString::fromLocal8Bit(e.what()))};
    }
    if (ec) {
        return Error{u"not valid JSON: %1"_s.arg(QString::fromStdString(ec.message()))};
    }
    return value;
}

// Reads a string field of `object` into `out`: absent is fine unless `required`; otherwise a string of at most
// `maxBytes` bytes (UTF-8) and, unless `multiline`, no control characters. The error names the field.
std::optional<QString> readText(const boost::json::object& object, std::string_view key, QString& out, bool required,
                                qsizetype maxBytes, bool multiline)
{
    const QString name = QString::fromLatin1(key.data(), qsizetype(key.size()));
    const boost::json::value* value = object.if_contains(key);
    if (!value || value->is_null()) {
        return required ? std::optional<QString>(u"'%1' is required"_s.arg(name)) : std::nullopt;
    }
    if (!value->is_string()) {
        return u"'%1' must be a string"_s.arg(name);
    }
    const boost::json::string& text = value->get_string();
    if (qsizetype(text.size()) > maxBytes) {
        return u"'%1' is longer than %2 bytes"_s.arg(name).arg(maxBytes);
    }
    out = json::toQString(text);
    if (!multiline && hasControl(out)) {
        return u"'%1' holds a control character"_s.arg(name);
    }
    return std::nullopt;
}

std::optional<QString> readId(const boost::json::object& object, std::string_view key, QString& out, bool required)
{
    if (auto error = readText(object, key, out, required, RecordingService::maxIdLength, false)) {
        return error;
    }
    if (!out.isEmpty() || object.contains(key)) {
        if (!RecordingService::isSessionId(out)) {
            return u"'%1' is 1 to %2 characters of A-Z a-z 0-9 . _ : - (not starting with '.'), got '%3'"_s
                .arg(QString::fromLatin1(key.data(), qsizetype(key.size())))
                .arg(RecordingService::maxIdLength)
                .arg(out.left(RecordingService::maxIdLength));
        }
    }
    return std::nullopt;
}

std::optional<QString> readTime(const boost::json::object& object, QDateTime& out)
{
    QString text;
    if (auto error = readText(object, "timestamp", text, false, 64, false)) {
        return error;
    }
    if (text.isEmpty()) {
        return std::nullopt;
    }
    const auto time = readIsoDate(text, false);
    if (!time) {
        return u"'timestamp' is an ISO 8601 date and time (2026-12-05T10:00:00Z), got '%1'"_s.arg(text);
    }
    out = time->toUTC();
    return std::nullopt;
}

std::optional<QString> readSeq(const boost::json::object& object, std::optional<qint64>& out, bool required)
{
    const boost::json::value* value = object.if_contains("seq");
    if (!value || value->is_null()) {
        return required ? std::optional<QString>(u"'seq' is required"_s) : std::nullopt;
    }
    // Whole numbers only, up to what a JavaScript client counts exactly.
    constexpr qint64 maxSeq = (qint64(1) << 53) - 1;
    std::optional<qint64> seq;
    if (value->is_int64()) {
        seq = value->get_int64();
    } else if (value->is_uint64() && value->get_uint64() <= quint64(maxSeq)) {
        seq = qint64(value->get_uint64());
    }
    if (!seq || *seq < 1 || *seq > maxSeq) {
        return u"'seq' must be a whole number from 1 to %1"_s.arg(maxSeq);
    }
    out = seq;
    return std::nullopt;
}

std::optional<QString> checkEvent(const boost::json::value& value, RecordingEvent& event)
{
    const boost::json::object* object = value.if_object();
    if (!object) {
        return u"an event is a JSON object"_s;
    }
    if (auto error = readText(*object, "type", event.type, true, 32, false)) {
        return error;
    }
    if (!eventTypes.contains(event.type)) {
        return u"'type' is one of %1, got '%2'"_s.arg(eventTypes.join(u", "_s), event.type);
    }
    if (auto error = readId(*object, "session_id", event.sessionId, true)) {
        return error;
    }
    std::optional<qint64> seq;
    if (auto error = readSeq(*object, seq, true)) {
        return error;
    }
    event.seq = *seq;
    if (auto error = readTime(*object, event.timestamp)) {
        return error;
    }
    const QStringList allowed = keysOf(event.type);
    for (const auto& [key, member] : *object) {
        const QString name = json::toQString(std::string_view(key));
        if (name != u"type"_s && name != u"session_id"_s && name != u"seq"_s && name != u"timestamp"_s &&
            !allowed.contains(name)) {
            return allowed.isEmpty() ? u"%1 takes no '%2'"_s.arg(event.type, name.left(64))
                                     : u"%1 takes %2, not '%3'"_s.arg(event.type, allowed.join(u", "_s), name.left(64));
        }
    }
    const bool message = event.type.startsWith(u"message_"_s);
    for (const auto& error : {
             readText(*object, "title", event.title, false, RecordingService::maxTextLength, false),
             readText(*object, "provider", event.client, false, 64, false),
             readText(*object, "project_path", event.projectPath, false, RecordingService::maxTextLength, false),
             readText(*object, "model", event.model, false, 256, false),
             readText(*object, "content", event.content, message && event.type != u"message_update"_s,
                      RecordingService::maxContentBytes, true),
             readText(*object, "status", event.status, false, 16, false),
             readText(*object, "error", event.error, false, RecordingService::maxTextLength, true),
             readId(*object, "message_id", event.messageId, message && event.type != u"message_add"_s),
         }) {
        if (error) {
            return error;
        }
    }
    if (!event.client.isEmpty() && !RecordingService::isSessionId(event.client)) {
        return u"'provider' names the recording client with A-Z a-z 0-9 . _ : -, got '%1'"_s.arg(event.client);
    }
    event.hasContent = message && object->contains("content") && !object->at("content").is_null();
    if (!event.status.isEmpty() && !statuses.contains(event.status)) {
        return u"'status' is %1, got '%2'"_s.arg(statuses.join(u", "_s), event.status);
    }
    if (event.type == u"message_update"_s && !object->contains("content") && event.status.isEmpty() &&
        !object->contains("error")) {
        return u"message_update takes 'content', 'status' or 'error'"_s;
    }
    if (event.type == u"message_add"_s) {
        QString role;
        if (auto error = readText(*object, "role", role, true, 16, false)) {
            return error;
        }
        if (!roles.contains(role)) {
            return u"'role' is user, assistant or system, got '%1'"_s.arg(role);
        }
        event.role = role;
    }
    return std::nullopt;
}

// The event as stored: what was checked, with the time the server received it when the client gave none, so that a
// replay makes the same session.
QByteArray storedForm(const RecordingEvent& event)
{
    boost::json::object object{{"type", json::fromQString(event.type)},
                               {"session_id", json::fromQString(event.sessionId)},
                               {"seq", event.seq},
                               {"timestamp", json::fromQString(isoUtc(event.timestamp, TimePrecision::Milliseconds))}};
    const auto put = [&object](std::string_view key, const QString& value) {
        if (!value.isEmpty()) {
            object[key] = json::fromQString(value);
        }
    };
    put("title", event.title);
    put("provider", event.client);
    put("project_path", event.projectPath);
    put("model", event.model);
    put("role", event.role);
    put("message_id", event.messageId);
    put("status", event.status);
    put("error", event.error);
    if (event.type.startsWith(u"message_"_s) && (event.type != u"message_update"_s || event.hasContent)) {
        object["content"] = json::fromQString(event.content);
    }
    return QByteArray::fromStdString(boost::json::serialize(object));
}

// A recorded session as the writer keeps it: its state in the recording tables, the session it makes, and where its
// messages with an id are.
struct Recorded
{
    RecordingStore::SessionState state;
    Session session;
    QString ownTitle;
    QHash<QString, qsizetype> messageAt;
    // Its rows in the harvest tables, as this process last wrote them: the size of the JSON they were written from
    // (0: not yet), when (ms on the writer's clock), and what writing them cost (ms).
    qint64 jsonBytes = 0;
    qint64 rowsWrittenAt = 0;
    qint64 rowsCost = 0;
};

// A session's rows in the harvest tables are written from the whole session: its JSON made, hashed and compressed,
// its messages compared with those stored. With the events of each commit, that cost grew with the session, and a
// long recording grew quadratically (acknowledged events per second of one session fell from 21 500 at 10 000 events
// to 5 500 at 160 000). So the rows of a session whose JSON is bigger than this are written apart from its events,
// later (the events are durable, and acknowledged, as soon as they are committed), at most so often that doing it takes
// a fifth of the writer's time: `rowsLagFactor` times what writing them last cost, and no sooner than `rowsLagMs`
// after. Smaller sessions have their rows written with their events, so that what was acknowledged is found at once.
constexpr qint64 rowsApartAbove = qint64(1) << 20;
constexpr qint64 rowsLagMs = 500;
constexpr qint64 rowsLagFactor = 4;
// After a failed write of a session's rows, before it is tried again.
constexpr qint64 rowsRetryMs = 5000;

void apply(Recorded& recorded, const RecordingEvent& event)
{
    Session& session = recorded.session;
    RecordingStore::SessionState& state = recorded.state;
    const QDateTime time = event.timestamp;
    if (event.type == u"session_start"_s) {
        if (!event.title.isEmpty()) {
            recorded.ownTitle = event.title;
        }
        if (!event.client.isEmpty()) {
            state.client = event.client;
        }
        if (!event.projectPath.isEmpty()) {
            session.projectPath = event.projectPath;
        }
        if (!event.model.isEmpty()) {
            session.model = event.model;
        }
        state.startedAt = time;
        state.endedAt = {};
        if (!session.createdAt.isValid() || time < session.createdAt) {
            session.createdAt = time;
        }
    } else if (event.type == u"session_end"_s) {
        state.endedAt = time;
    } else if (event.type == u"message_add"_s) {
        Message message;
        message.role = event.role == u"assistant"_s ? Role::Assistant
                       : event.role == u"system"_s  ? Role::System
                                                    : Role::User;
        message.content = event.content;
        message.timestamp = time;
        message.model = event.model;
        message.status = event.status;
        message.error = event.error;
        if (!event.model.isEmpty() && message.role == Role::Assistant) {
            session.model = event.model;
        }
        if (!event.messageId.isEmpty()) {
            recorded.messageAt.insert(event.messageId, session.messages.size());
        }
        session.messages.append(std::move(message));
    } else if (event.type == u"message_update"_s || event.type == u"message_append"_s) {
        const auto at = recorded.messageAt.constFind(event.messageId);
        if (at == recorded.messageAt.cend() || *at >= session.messages.size()) {
            session.warnings << u"event %1 (%2) names message '%3', which no message_add gave"_s.arg(
                QString::number(event.seq), event.type, event.messageId);
        } else if (event.type == u"message_update"_s) {
            Message& message = session.messages[*at];
            if (event.hasContent) {
                message.content = event.content;
            }
            if (!event.status.isEmpty()) {
                message.status = event.status;
            }
            if (!event.error.isEmpty()) {
                message.error = event.error;
            }
        } else {
            session.messages[*at].content += event.content;
        }
    }
    if (!session.createdAt.isValid()) {
        session.createdAt = time;
    }
    if (!session.updatedAt.isValid() || time > session.updatedAt) {
        session.updatedAt = time;
    }
    state.updatedAt = QDateTime::currentDateTimeUtc();
    state.lastSeq = event.seq;
    ++state.events;
}

// The snapshot column: the session as shapes::session writes it, with the ids of its messages.
QByteArray snapshotData(const Recorded& recorded)
{
    boost::json::array ids;
    for (qsizetype i = 0; i < recorded.session.messages.size(); ++i) {
        ids.emplace_back(nullptr);
    }
    for (auto it = recorded.messageAt.cbegin(); it != recorded.messageAt.cend(); ++it) {
        if (it.value() < qsizetype(ids.size())) {
            ids[std::size_t(it.value())] = json::fromQString(it.key());
        }
    }
    return QByteArray::fromStdString(
        boost::json::serialize(boost::json::object{{"session", shapes::session(recorded.session)},
                                                   {"title", json::fromQString(recorded.ownTitle)},
                                                   {"message_ids", std::move(ids)}}));
}

Result<Recorded> fromSnapshot(const RecordingStore::SessionState& state)
{
    Recorded recorded;
    recorded.state = state;
    const auto value = parseRequest(state.snapshot);
    if (!value || !value->is_object()) {
        return Error{u"the snapshot of recorded session %1 cannot be read"_s.arg(state.sessionId)};
    }
    const boost::json::object& object = value->get_object();
    const boost::json::value* session = object.if_contains("session");
    auto read = session ? shapes::sessionFromJson(*session) : Result<Session>(Error{u"no session"_s});
    if (!read) {
        return Error{
            u"the snapshot of recorded session %1 cannot be read: %2"_s.arg(state.sessionId, read.error().message)};
    }
    recorded.session = std::move(read).value();
    recorded.ownTitle = json::string(*value, "title");
    qsizetype at = 0;
    for (const boost::json::value& id : json::arrayAt(*value, "message_ids")) {
        if (id.is_string()) {
            recorded.messageAt.insert(json::toQString(id.get_string()), at);
        }
        ++at;
    }
    return recorded;
}

} // namespace

// The one thread that writes the recording: it takes what was handed over since its last commit, applies it and
// commits it at once, then answers.
class RecordingWriter
{
public:
    RecordingWriter(QString databasePath, QString provider)
        : m_databasePath(std::move(databasePath))
        , m_provider(std::move(provider))
    {
        m_status.database = m_databasePath;
        m_thread.reset(QThread::create([this] { run(); }));
        m_thread->start();
    }

    ~RecordingWriter()
    {
        {
            QMutexLocker lock(&m_mutex);
            m_stopping = true;
        }
        m_wake.wakeAll();
        m_thread->wait();
    }

    struct Work
    {
        QList<RecordingEvent> events;
        std::optional<RecordingSnapshot> snapshot;
        std::function<void(RecordingService::Outcome)> done;
        // A read, run after the writes handed over before it are committed.
        std::function<void()> read;
    };

    void add(Work work)
    {
        {
            QMutexLocker lock(&m_mutex);
            m_status.eventsReceived += work.events.size();
            m_status.queued += work.events.size();
            m_queue.push_back(std::move(work));
        }
        m_wake.wakeAll();
    }

    RecordingService::Status status() const
    {
        QMutexLocker lock(&m_mutex);
        return m_status;
    }

    // On the writer's thread only (inside a read).
    Result<RecordingStore*> store()
    {
        if (auto opened = open(); !opened) {
            return opened.error();
        }
        return m_store.get();
    }
    // A recorded session as it stands, null when it never was (nor the database).
    Result<std::optional<Recorded>> recorded(const QString& sessionId)
    {
        if (!QFileInfo::exists(m_databasePath)) {
            return std::optional<Recorded>();
        }
        if (auto opened = open(); !opened) {
            return opened.error();
        }
        auto found = load(sessionId);
        if (!found) {
            return found.error();
        }
        // A session whose first event was refused (a gap) was never recorded.
        return *found && (*found)->state.lastSeq > 0 ? std::optional<Recorded>(**found) : std::optional<Recorded>();
    }
    bool databaseExists() const { return QFileInfo::exists(m_databasePath); }
    const QString& provider() const { return m_provider; }

private:
    void run()
    {
        m_clock.start();
        catchUp();
        while (true) {
            std::deque<Work> batch;
            {
                QMutexLocker lock(&m_mutex);
                // Woken by work, or by the turn of a session's rows.
                while (m_queue.empty() && !m_stopping) {
                    if (m_rowsDue.empty()) {
                        m_wake.wait(&m_mutex);
                        continue;
                    }
                    qint64 next = std::numeric_limits<qint64>::max();
                    for (const auto& [id, at] : m_rowsDue) {
                        next = std::min(next, at);
                    }
                    const qint64 wait = next - m_clock.elapsed();
                    if (wait <= 0) {
                        break;
                    }
                    m_wake.wait(&m_mutex, QDeadlineTimer(wait));
                }
                if (m_queue.empty() && m_stopping) {
                    break;
                }
                std::swap(batch, m_queue);
            }
            if (!batch.empty()) {
                process(batch);
            }
            writeRowsDue(false);
        }
        // Every session's rows before the database is closed.
        writeRowsDue(true);
        m_writer.reset();
        m_store.reset();
        m_db.reset();
    }

    // Opens the database, making the recording tables unless they must exist already (`create` false): true when
    // open, false when the tables are not there.
    Result<bool> open(bool create = true)
    {
        if (m_db) {
            return true;
        }
        auto opened = Database::open(m_databasePath);
        if (!opened) {
            return opened.error();
        }
        std::unique_ptr<Database> db = std::move(opened).value();
        auto store = std::make_unique<RecordingStore>(*db);
        if (!create) {
            const auto present = store->exists();
            if (!present || !*present) {
                return present;
            }
        }
        if (auto error = store->prepareForWriting()) {
            return *error;
        }
        m_db = std::move(db);
        m_store = std::move(store);
        m_writer = std::make_unique<HarvestWriter>(*m_db);
        return true;
    }

    // The session as recorded so far (from the database the first time), or null when it never was.
    Result<Recorded*> load(const QString& sessionId)
    {
        if (const auto it = m_sessions.find(sessionId); it != m_sessions.end()) {
            return &it->second;
        }
        auto state = m_store->session(sessionId);
        if (!state) {
            return state.error();
        }
        if (!*state) {
            return static_cast<Recorded*>(nullptr);
        }
        // One table holds the sessions of every recorder (the recording API's, chasm run's chats): a session id is
        // one recorder's.
        if ((*state)->provider != m_provider) {
            return Error{u"session %1 is recorded as a %2 session, not a %3 one"_s.arg(sessionId, (*state)->provider,
                                                                                       m_provider),
                         ErrorKind::Conflict};
        }
        Recorded recorded;
        if (!(*state)->snapshot.isNull()) {
            auto restored = fromSnapshot(**state);
            if (!restored) {
                return restored.error();
            }
            recorded = std::move(restored).value();
        } else {
            recorded.state = **state;
            recorded.state.lastSeq = 0;
            recorded.state.events = 0;
        }
        const qint64 lastSeq = (*state)->lastSeq;
        const qint64 events = (*state)->events;
        auto stored = m_store->events(sessionId, recorded.state.snapshotSeq);
        if (!stored) {
            return stored.error();
        }
        for (const RecordingStore::Event& event : std::as_const(*stored)) {
            auto parsed = parseRequest(event.json);
            auto checked = parsed ? RecordingService::parseEvent(*parsed) : Result<RecordingEvent>(parsed.error());
            if (!checked) {
                return Error{u"recorded event %1 of session %2 cannot be read: %3"_s.arg(
                    QString::number(event.seq), sessionId, checked.error().message)};
            }
            apply(recorded, *checked);
        }
        recorded.state = **state; // as stored (times, counts), the snapshot aside
        recorded.state.lastSeq = lastSeq;
        recorded.state.events = events;
        // Its id, provider and title, as a write gives them: a session read back after a restart is asked for
        // (GET /recording/sessions/{id}) before anything is written to it.
        finish(recorded);
        if (recorded.state.stale) {
            m_rowsDue.emplace(sessionId, 0); // now, unless a failed write put it off
        }
        return &m_sessions.emplace(sessionId, std::move(recorded)).first->second;
    }

    Recorded& loadOrStart(const QString& sessionId, Recorded* found)
    {
        if (found) {
            return *found;
        }
        Recorded recorded;
        recorded.state.sessionId = sessionId;
        recorded.state.provider = m_provider;
        return m_sessions.emplace(sessionId, std::move(recorded)).first->second;
    }

    static SessionRef refOf(const Recorded& recorded)
    {
        const Session& session = recorded.session;
        SessionRef ref;
        ref.id = session.id;
        ref.provider = session.provider;
        ref.nativeId = session.nativeId;
        ref.title = session.title;
        ref.projectPath = session.projectPath;
        // The recording client, where other providers name a workspace; no file: the session is the database's.
        ref.workspaceName = recorded.state.client;
        ref.path = u"recording://"_s + recorded.state.sessionId;
        ref.createdAt = session.createdAt;
        ref.updatedAt = session.updatedAt;
        ref.messageCount = session.conversationMessageCount();
        return ref;
    }

    void finish(Recorded& recorded)
    {
        Session& session = recorded.session;
        session.id = recorded.state.provider + u':' + recorded.state.sessionId;
        session.nativeId = recorded.state.sessionId;
        session.provider = recorded.state.provider;
        session.title = sessionTitle(recorded.ownTitle, session.firstUserMessage());
    }

    // Applies the writes of `batch` in one transaction. Each work's outcome is filled in; on failure, the sessions
    // are as they were before and the error is returned.
    std::optional<Error> write(std::deque<Work>& batch, std::vector<RecordingService::Outcome>& outcomes)
    {
        // The sessions the batch used: if the commit fails, they are forgotten, and read again from the database (as
        // the rollback left it) when next needed. Copied to be put back instead, every session was copied whole at
        // each commit (its first change after the copy made its own list of messages).
        std::set<QString> used;
        std::set<QString> touched;
        std::set<QString> snapshotted;
        if (auto error = m_writer->begin()) {
            return error;
        }
        std::optional<QString> failed;
        for (std::size_t w = 0; w < batch.size() && !failed; ++w) {
            Work& work = batch[w];
            RecordingService::Outcome& outcome = outcomes[w];
            if (work.snapshot) {
                used.insert(work.snapshot->sessionId);
                failed = writeSnapshot(*work.snapshot, outcome);
                if (!outcome.error) {
                    touched.insert(work.snapshot->sessionId);
                    snapshotted.insert(work.snapshot->sessionId);
                }
                continue;
            }
            // Per session: the seq acknowledged, and a gap once met (the rest of the batch's events for it dropped).
            std::map<QString, std::size_t> gapOf;
            std::map<QString, qint64> ackOf;
            for (const RecordingEvent& event : std::as_const(work.events)) {
                auto found = load(event.sessionId);
                if (!found) {
                    failed = found.error().message;
                    break;
                }
                Recorded& recorded = loadOrStart(event.sessionId, *found);
                used.insert(event.sessionId);
                const qint64 last = recorded.state.lastSeq;
                if (const auto gap = gapOf.find(event.sessionId); gap != gapOf.end()) {
                    ++outcome.gaps[qsizetype(gap->second)].dropped;
                    continue;
                }
                if (event.seq <= last) {
                    ++m_duplicates;
                } else if (event.seq > last + 1) {
                    gapOf.emplace(event.sessionId, std::size_t(outcome.gaps.size()));
                    outcome.gaps.append({event.sessionId, event.seq, last + 1, 1});
                    ++m_gaps;
                    continue; // acknowledged only for what came before it
                } else {
                    if (auto error = m_store->addEvent(event.sessionId, event.seq, event.type, storedForm(event))) {
                        failed = *error;
                        break;
                    }
                    apply(recorded, event);
                    touched.insert(event.sessionId);
                    ++m_stored;
                }
                ackOf[event.sessionId] = recorded.state.lastSeq;
            }
            for (const auto& [id, seq] : ackOf) {
                if (seq > 0) {
                    outcome.acks.append({id, seq});
                }
            }
        }
        for (auto it = touched.cbegin(); it != touched.cend() && !failed; ++it) {
            Recorded& recorded = m_sessions.at(*it);
            finish(recorded);
            // Its rows now, or apart (see rowsApartAbove); once apart, until they are written.
            recorded.state.stale = recorded.jsonBytes > rowsApartAbove || m_rowsDue.count(*it);
            if (!recorded.state.stale) {
                failed = writeRows(recorded);
            }
            if (!failed) {
                failed = m_store->saveState(recorded.state, snapshotted.count(*it));
            }
        }
        if (!failed) {
            if (auto error = m_writer->commit()) {
                failed = error->message;
            }
        }
        if (failed) {
            m_writer->rollback();
            for (const QString& id : used) {
                m_sessions.erase(id);
            }
            return Error{u"cannot record in %1: %2"_s.arg(m_databasePath, *failed)};
        }
        for (const QString& id : touched) {
            const Recorded& recorded = m_sessions.at(id);
            if (recorded.state.stale) {
                m_rowsDue.emplace(id, recorded.rowsWrittenAt + std::max(rowsLagMs, rowsLagFactor * recorded.rowsCost));
            } else {
                m_changed << m_provider + u':' + id;
            }
        }
        return std::nullopt;
    }

    // Writes the session's rows in the harvest tables (inside the caller's transaction): nothing, or the error.
    std::optional<QString> writeRows(Recorded& recorded)
    {
        QElapsedTimer clock;
        clock.start();
        qint64 jsonBytes = 0;
        {
            const HarvestWriter::Prepared prepared = HarvestWriter::prepare(recorded.session);
            jsonBytes = prepared.jsonBytes;
            if (auto stored = m_writer->store(refOf(recorded), prepared); !stored) {
                return stored.error().message;
            }
        }
        recorded.jsonBytes = jsonBytes;
        recorded.rowsWrittenAt = m_clock.elapsed();
        recorded.rowsCost = clock.elapsed();
        return std::nullopt;
    }

    // Writes the rows of the sessions whose turn came (of all of them, `all`), in one transaction. A failure is kept
    // as the status's last error, and those sessions are tried again later.
    void writeRowsDue(bool all)
    {
        const qint64 now = m_clock.elapsed();
        QStringList due;
        for (const auto& [id, at] : m_rowsDue) {
            if (all || at <= now) {
                due << id;
            }
        }
        if (due.isEmpty()) {
            return;
        }
        std::optional<QString> failed;
        if (auto error = m_writer->begin()) {
            failed = error->message;
        }
        for (qsizetype i = 0; i < due.size() && !failed; ++i) {
            auto found = load(due.at(i));
            if (!found) {
                failed = found.error().message;
            } else if (*found) {
                Recorded& recorded = **found;
                finish(recorded);
                recorded.state.stale = false;
                (failed = writeRows(recorded)) || (failed = m_store->saveState(recorded.state, false));
            }
        }
        if (!failed) {
            if (auto error = m_writer->commit()) {
                failed = error->message;
            }
        }
        QStringList changed;
        if (failed) {
            m_writer->rollback();
            for (const QString& id : std::as_const(due)) {
                m_sessions.erase(id);
                m_rowsDue[id] = now + rowsRetryMs;
            }
        } else {
            for (const QString& id : std::as_const(due)) {
                m_rowsDue.erase(id);
                changed << m_provider + u':' + id;
            }
        }
        {
            QMutexLocker lock(&m_mutex);
            if (failed) {
                m_status.lastError = u"cannot write the recorded sessions %1 in %2: %3"_s.arg(due.join(u", "_s),
                                                                                              m_databasePath, *failed);
            }
            m_status.sessionsBehind = int(m_rowsDue.size());
            m_status.sessions = int(m_sessions.size());
        }
        if (!changed.isEmpty() && observer) {
            observer(changed);
        }
    }

    // The sessions whose rows a crash left behind their events, from the start: their rows are written at once.
    void catchUp()
    {
        if (!databaseExists()) {
            return;
        }
        auto opened = open(false);
        std::optional<QString> failed;
        if (!opened) {
            failed = opened.error().message;
        } else if (*opened) {
            const auto stale = m_store->staleSessions(m_provider);
            if (!stale) {
                failed = stale.error().message;
            }
            for (qsizetype i = 0; stale && i < stale->size() && !failed; ++i) {
                if (auto found = load(stale->at(i)); !found) {
                    failed = found.error().message;
                }
            }
        }
        QMutexLocker lock(&m_mutex);
        if (failed) {
            m_status.lastError = *failed;
        }
        m_status.sessionsBehind = int(m_rowsDue.size());
    }

    // Applies a snapshot (outcome.error when it is refused): nothing, or the error that stops the batch.
    std::optional<QString> writeSnapshot(const RecordingSnapshot& snapshot, RecordingService::Outcome& outcome)
    {
        auto found = load(snapshot.sessionId);
        if (!found) {
            return found.error().message;
        }
        Recorded& recorded = loadOrStart(snapshot.sessionId, *found);
        // A snapshot older than the events recorded since would drop them: refused, nothing of it stored.
        if (snapshot.seq && *snapshot.seq < recorded.state.lastSeq) {
            outcome.error = Error{u"session %1: the snapshot covers the events up to %2, but %3 are recorded; send the "
                                  u"session as it is now (seq %3 or later)"_s.arg(snapshot.sessionId)
                                      .arg(*snapshot.seq)
                                      .arg(recorded.state.lastSeq),
                                  ErrorKind::Conflict};
            return std::nullopt;
        }
        const qint64 covers = std::max(recorded.state.lastSeq, snapshot.seq.value_or(0));
        const QDateTime updatedBefore = recorded.session.updatedAt;
        recorded.session = snapshot.session;
        // Never earlier than what is stored: the harvest keeps a session whose source seems to go back in time.
        if (updatedBefore.isValid() && updatedBefore > recorded.session.updatedAt) {
            recorded.session.updatedAt = updatedBefore;
        }
        recorded.ownTitle = snapshot.session.title;
        recorded.messageAt.clear();
        for (qsizetype i = 0; i < snapshot.messageIds.size(); ++i) {
            if (!snapshot.messageIds[i].isEmpty()) {
                recorded.messageAt.insert(snapshot.messageIds[i], i);
            }
        }
        if (!snapshot.client.isEmpty()) {
            recorded.state.client = snapshot.client;
        }
        recorded.state.lastSeq = covers;
        recorded.state.snapshotSeq = covers;
        recorded.state.updatedAt = QDateTime::currentDateTimeUtc();
        if (!recorded.state.startedAt.isValid()) {
            recorded.state.startedAt = snapshot.session.createdAt;
        }
        finish(recorded);
        recorded.state.snapshot = snapshotData(recorded);
        if (covers > 0) {
            outcome.acks.append({snapshot.sessionId, covers});
        }
        return std::nullopt;
    }

    void process(std::deque<Work>& batch)
    {
        std::vector<RecordingService::Outcome> outcomes(batch.size());
        qint64 events = 0;
        bool writes = false;
        for (const Work& work : batch) {
            events += work.events.size();
            writes = writes || !work.read;
        }
        m_duplicates = m_gaps = m_stored = 0;
        m_changed.clear();
        std::optional<Error> error;
        if (writes) {
            if (auto opened = open(); !opened) {
                error = opened.error();
            } else {
                error = write(batch, outcomes);
            }
        }
        {
            QMutexLocker lock(&m_mutex);
            m_status.queued -= events;
            if (writes && !error) {
                ++m_status.commits;
                m_status.eventsStored += m_stored;
                m_status.duplicates += m_duplicates;
                m_status.gaps += m_gaps;
                m_status.lastCommit = QDateTime::currentDateTimeUtc();
            }
            if (error) {
                m_status.lastError = error->message;
            }
            m_status.sessions = int(m_sessions.size());
            m_status.sessionsBehind = int(m_rowsDue.size());
        }
        if (!error && !m_changed.isEmpty() && observer) {
            observer(m_changed);
        }
        for (std::size_t w = 0; w < batch.size(); ++w) {
            Work& work = batch[w];
            if (work.read) {
                work.read();
                continue;
            }
            if (error) {
                outcomes[w] = {{}, {}, error};
            }
            work.done(std::move(outcomes[w]));
        }
    }

    const QString m_databasePath;
    std::unique_ptr<QThread> m_thread;
    mutable QMutex m_mutex;
    QWaitCondition m_wake;
    std::deque<Work> m_queue;
    bool m_stopping = false;
    RecordingService::Status m_status;
    // The writer thread's own.
    std::unique_ptr<Database> m_db;
    std::unique_ptr<RecordingStore> m_store;
    std::unique_ptr<HarvestWriter> m_writer;
    std::map<QString, Recorded> m_sessions;
    // The sessions whose rows are to be written apart from their events (stale), and when (ms on m_clock).
    std::map<QString, qint64> m_rowsDue;
    QElapsedTimer m_clock;
    qint64 m_duplicates = 0;
    qint64 m_gaps = 0;
    qint64 m_stored = 0;
    QStringList m_changed;
    QString m_provider;

public:
    std::function<void(const QStringList&)> observer;
};

RecordingService::RecordingService(QString databasePath, QString provider)
    : m_writer(std::make_unique<RecordingWriter>(std::move(databasePath), std::move(provider)))
{}

RecordingService::~RecordingService() = default;

bool RecordingService::isSessionId(QStringView id)
{
    return !id.isEmpty() && id.size() <= maxIdLength && !id.startsWith(u'.') &&
           std::all_of(id.begin(), id.end(), isIdCharacter);
}

Result<RecordingEvent> RecordingService::parseEvent(const boost::json::value& value)
{
    RecordingEvent event;
    if (auto error = checkEvent(value, event)) {
        return Error{*error};
    }
    if (!event.timestamp.isValid()) {
        event.timestamp = QDateTime::currentDateTimeUtc();
    }
    return event;
}

Result<boost::json::value> RecordingService::parseJson(QByteArrayView text)
{
    return parseRequest(text);
}

Result<QList<RecordingEvent>> RecordingService::parseEvents(QByteArrayView text)
{
    auto value = parseRequest(text);
    if (!value) {
        return value.error();
    }
    return parseEvents(*value);
}

Result<QList<RecordingEvent>> RecordingService::parseEvents(const boost::json::value& value)
{
    const boost::json::array* array = value.if_array();
    if (const boost::json::object* object = value.if_object(); object && object->contains("events")) {
        if (object->size() != 1 || !(array = object->at("events").if_array())) {
            return Error{u"a batch is {\"events\": [...]} and nothing else"_s};
        }
    }
    QList<RecordingEvent> events;
    if (!array) {
        auto event = parseEvent(value);
        if (!event) {
            return event.error();
        }
        events.append(std::move(event).value());
        return events;
    }
    if (array->empty()) {
        return Error{u"the batch holds no events"_s};
    }
    if (qsizetype(array->size()) > maxBatchEvents) {
        return Error{u"a batch holds at most %1 events, this one %2"_s.arg(maxBatchEvents).arg(array->size()),
                     ErrorKind::TooLarge};
    }
    events.reserve(qsizetype(array->size()));
    for (std::size_t i = 0; i < array->size(); ++i) {
        auto event = parseEvent((*array)[i]);
        if (!event) {
            return Error{u"event %1: %2"_s.arg(i + 1).arg(event.error().message)};
        }
        events.append(std::move(event).value());
    }
    return events;
}

Result<RecordingSnapshot> RecordingService::parseSnapshot(QByteArrayView text)
{
    auto value = parseRequest(text);
    if (!value) {
        return value.error();
    }
    const boost::json::object* object = value->if_object();
    if (!object) {
        return Error{u"a snapshot is a JSON object: {\"session_id\", \"messages\": [...], ...}"_s};
    }
    static const QStringList keys = {u"session_id"_s,   u"seq"_s,   u"title"_s,      u"provider"_s,
                                     u"project_path"_s, u"model"_s, u"created_at"_s, u"messages"_s};
    for (const auto& [key, member] : *object) {
        if (!keys.contains(json::toQString(std::string_view(key)))) {
            return Error{u"a snapshot takes %1, not '%2'"_s.arg(keys.join(u", "_s),
                                                                json::toQString(std::string_view(key)).left(64))};
        }
    }
    RecordingSnapshot snapshot;
    Session& session = snapshot.session;
    QString createdAt;
    for (const auto& error : {
             readId(*object, "session_id", snapshot.sessionId, true),
             readSeq(*object, snapshot.seq, false),
             readText(*object, "title", session.title, false, maxTextLength, false),
             readText(*object, "provider", snapshot.client, false, 64, false),
             readText(*object, "project_path", session.projectPath, false, maxTextLength, false),
             readText(*object, "model", session.model, false, 256, false),
             readText(*object, "created_at", createdAt, false, 64, false),
         }) {
        if (error) {
            return Error{*error};
        }
    }
    if (!snapshot.client.isEmpty() && !isSessionId(snapshot.client)) {
        return Error{
            u"'provider' names the recording client with A-Z a-z 0-9 . _ : -, got '%1'"_s.arg(snapshot.client)};
    }
    if (!createdAt.isEmpty()) {
        const auto time = readIsoDate(createdAt, false);
        if (!time) {
            return Error{u"'created_at' is an ISO 8601 date and time, got '%1'"_s.arg(createdAt)};
        }
        session.createdAt = time->toUTC();
    }
    const boost::json::value* messages = object->if_contains("messages");
    if (!messages || !messages->is_array()) {
        return Error{u"'messages' is required: an array of {\"role\", \"content\", \"message_id\"?, "
                     u"\"timestamp\"?, \"model\"?}"_s};
    }
    if (qsizetype(messages->get_array().size()) > maxSnapshotMessages) {
        return Error{u"a snapshot holds at most %1 messages"_s.arg(maxSnapshotMessages), ErrorKind::TooLarge};
    }
    std::set<QString> ids;
    qsizetype index = 0;
    for (const boost::json::value& item : messages->get_array()) {
        ++index;
        // A message is checked as the message_add that would have added it.
        RecordingEvent event;
        boost::json::object asEvent{{"type", "message_add"}, {"session_id", "s"}, {"seq", 1}};
        if (const boost::json::object* fields = item.if_object()) {
            for (const auto& [key, member] : *fields) {
                asEvent[key] = member;
            }
        } else {
            return Error{u"message %1: a message is a JSON object"_s.arg(index)};
        }
        if (auto error = checkEvent(asEvent, event)) {
            return Error{u"message %1: %2"_s.arg(index).arg(*error)};
        }
        if (!event.messageId.isEmpty() && !ids.insert(event.messageId).second) {
            return Error{u"message %1: 'message_id' %2 is given twice"_s.arg(index).arg(event.messageId)};
        }
        Message message;
        message.role = event.role == u"assistant"_s ? Role::Assistant
                       : event.role == u"system"_s  ? Role::System
                                                    : Role::User;
        message.content = event.content;
        message.timestamp = event.timestamp;
        message.model = event.model;
        message.status = event.status;
        message.error = event.error;
        session.messages.append(std::move(message));
        snapshot.messageIds.append(event.messageId);
    }
    const QDateTime now = QDateTime::currentDateTimeUtc();
    if (!session.createdAt.isValid()) {
        session.createdAt = session.messages.isEmpty() || !session.messages.constFirst().timestamp.isValid()
                                ? now
                                : session.messages.constFirst().timestamp;
    }
    session.updatedAt = session.messages.isEmpty() || !session.messages.constLast().timestamp.isValid()
                            ? now
                            : session.messages.constLast().timestamp;
    return snapshot;
}

void RecordingService::record(QList<RecordingEvent> events, std::function<void(Outcome)> done)
{
    m_writer->add({std::move(events), std::nullopt, std::move(done), {}});
}

void RecordingService::snapshot(RecordingSnapshot snapshot, std::function<void(Outcome)> done)
{
    m_writer->add({{}, std::move(snapshot), std::move(done), {}});
}

void RecordingService::lastSeq(const QString& sessionId, std::function<void(Result<qint64>)> done)
{
    RecordingWriter* writer = m_writer.get();
    m_writer->add({{}, std::nullopt, {}, [writer, sessionId, done = std::move(done)] {
                       auto recorded = writer->recorded(sessionId);
                       if (!recorded) {
                           done(recorded.error());
                           return;
                       }
                       done(*recorded ? (*recorded)->state.lastSeq : qint64(0));
                   }});
}

void RecordingService::sessions(std::function<void(Result<QList<RecordingStore::SessionState>>)> done)
{
    RecordingWriter* writer = m_writer.get();
    m_writer->add({{}, std::nullopt, {}, [writer, done = std::move(done)] {
                       if (!writer->databaseExists()) {
                           done(QList<RecordingStore::SessionState>());
                           return;
                       }
                       auto store = writer->store();
                       if (!store) {
                           done(store.error());
                           return;
                       }
                       auto sessions = (*store)->sessions();
                       if (sessions) {
                           sessions->removeIf([writer](const RecordingStore::SessionState& state) {
                               return state.provider != writer->provider();
                           });
                       }
                       done(std::move(sessions));
                   }});
}

void RecordingService::session(const QString& sessionId, std::function<void(Result<std::optional<SessionReport>>)> done)
{
    RecordingWriter* writer = m_writer.get();
    m_writer->add({{}, std::nullopt, {}, [writer, sessionId, done = std::move(done)] {
                       auto recorded = writer->recorded(sessionId);
                       if (!recorded) {
                           done(recorded.error());
                           return;
                       }
                       if (!*recorded) {
                           done(std::optional<SessionReport>());
                           return;
                       }
                       SessionReport report{(*recorded)->state, (*recorded)->session};
                       report.state.snapshot.clear();
                       done(std::optional<SessionReport>(std::move(report)));
                   }});
}

RecordingService::Status RecordingService::status() const
{
    return m_writer->status();
}

void RecordingService::setObserver(std::function<void(const QStringList&)> observer)
{
    m_writer->observer = std::move(observer);
}

boost::json::object RecordingService::toJson(const Ack& ack)
{
    return {{"type", "ack"}, {"session_id", json::fromQString(ack.sessionId)}, {"seq", ack.seq}};
}

boost::json::object RecordingService::toJson(const Gap& gap)
{
    return {{"type", "error"},
            {"code", "gap"},
            {"session_id", json::fromQString(gap.sessionId)},
            {"seq", gap.seq},
            {"expected_seq", gap.expectedSeq},
            {"dropped", gap.dropped},
            {"message", json::fromQString(u"session %1: event %2 came before %3; it and the %4 after it in this batch "
                                          u"were not recorded: send from seq %3"_s.arg(gap.sessionId)
                                              .arg(gap.seq)
                                              .arg(gap.expectedSeq)
                                              .arg(gap.dropped - 1))}};
}

boost::json::object RecordingService::toJson(const RecordingStore::SessionState& state)
{
    const auto time = [](const QDateTime& t) { return shapes::isoTime(t); };
    return {{"session_id", json::fromQString(state.sessionId)},
            {"id", json::fromQString(state.provider + u':' + state.sessionId)},
            {"client", state.client.isEmpty() ? boost::json::value(nullptr)
                                              : boost::json::value(json::fromQString(state.client))},
            {"last_seq", state.lastSeq},
            {"events", state.events},
            {"started_at", time(state.startedAt)},
            {"updated_at", time(state.updatedAt)},
            {"ended_at", time(state.endedAt)},
            {"recording", !state.endedAt.isValid()},
            {"snapshot_seq", state.snapshotSeq}};
}

boost::json::object RecordingService::toJson(const Status& status)
{
    return {{"database", json::fromQString(status.database)},
            {"events_received", status.eventsReceived},
            {"events_stored", status.eventsStored},
            {"duplicates_ignored", status.duplicates},
            {"gaps", status.gaps},
            {"commits", status.commits},
            {"queued", status.queued},
            {"sessions_in_memory", status.sessions},
            {"sessions_behind", status.sessionsBehind},
            {"last_commit", shapes::isoTime(status.lastCommit)},
            {"last_error", status.lastError.isEmpty() ? boost::json::value(nullptr)
                                                      : boost::json::value(json::fromQString(status.lastError))},
            {"durability", "an event is acknowledged once committed (WAL, synchronous=FULL)"}};
}

boost::json::object RecordingService::toJson(const Outcome& outcome)
{
    boost::json::array acks;
    for (const Ack& ack : outcome.acks) {
        acks.emplace_back(toJson(ack));
    }
    boost::json::array errors;
    for (const Gap& gap : outcome.gaps) {
        errors.emplace_back(toJson(gap));
    }
    return {{"acks", std::move(acks)}, {"errors", std::move(errors)}};
}

} // namespace chasm
