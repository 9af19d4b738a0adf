// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#include "RecoverRecordingService.h"

#include "export/ExportFile.h"
#include "export/SessionExport.h"
#include "json/Json.h"
#include "model/ModelJson.h"
#include "services/RecordingService.h"
#include "util/SafePath.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <boost/json/serialize.hpp>

#include <algorithm>
#include <future>
#include <memory>

using namespace Qt::StringLiterals;

namespace chasm {

namespace {

using Item = RecoverRecordingService::Item;
using Outcome = Item::Outcome;

const QString sessionsPath = u"/api/v1/recording/sessions"_s;

// What a RecordingService answers on its writer thread, waited for.
template<typename T>
T waitFor(const std::function<void(std::function<void(T)>)>& start)
{
    const auto promise = std::make_shared<std::promise<T>>();
    std::future<T> answer = promise->get_future();
    start([promise](T value) { promise->set_value(std::move(value)); });
    return answer.get();
}

// Text the server gave (a refused id, an error message), as much of it as is shown: no control characters, at most
// 64 characters.
QString shown(const QString& id)
{
    QString text = id.left(64);
    for (QChar& c : text) {
        if (c.unicode() < 0x20 || c.unicode() == 0x7f) {
            c = QChar::ReplacementCharacter;
        }
    }
    return id.size() > 64 ? text + u"…"_s : text;
}

Result<QUrl> checkedServer(const QUrl& server)
{
    if (!server.isValid() || server.scheme() != u"http"_s || server.host().isEmpty() || server.hasQuery() ||
        server.hasFragment() || !server.userInfo().isEmpty()) {
        return Error{u"the server's address is http://HOST[:PORT] (Chasm serves no https), got '%1'"_s.arg(
                         server.toDisplayString()),
                     ErrorKind::Invalid};
    }
    QUrl base = server;
    QString path = base.path();
    while (path.endsWith(u'/')) {
        path.chop(1);
    }
    base.setPath(path);
    return base;
}

// The server and what asking it takes: the token, the timeout, the bounds.
class Server
{
public:
    Server(const RecoverRecordingService::Request& request, const RecoverRecordingService::Transport& transport,
           QUrl base)
        : m_request(request)
        , m_transport(transport)
        , m_base(std::move(base))
    {}

    QString name() const { return m_base.toDisplayString(); }

    // The JSON object the server answers GET `path` with, or why not. An error of kind Unavailable stops the whole
    // recovery: the server cannot be reached, or refuses the token.
    Result<boost::json::object> get(const QString& path, qint64 maxBytes) const
    {
        QUrl url = m_base;
        url.setPath(m_base.path() + path);
        HttpRequest request;
        request.url = url;
        request.bearerToken = m_request.token;
        request.maxBytes = maxBytes;
        request.timeout = m_request.timeout;
        auto answer = m_transport(request);
        if (!answer) {
            return Error{u"GET %1: %2"_s.arg(path, answer.error().message), answer.error().kind};
        }
        if (answer->status == 401) {
            const QString refused = m_request.token.isEmpty() ? u"the server asks for its API token (401)"_s
                                                              : u"the server refused the API token (401)"_s;
            return Error{m_request.tokenAdvice.isEmpty() ? refused : refused + u": "_s + m_request.tokenAdvice,
                         ErrorKind::Unavailable};
        }
        auto value = RecordingService::parseJson(answer->body);
        const QString type =
            answer->contentType.isEmpty() ? u"no Content-Type"_s : shown(QString::fromLatin1(answer->contentType));
        if (answer->status != 200) {
            const boost::json::value* error = value ? json::find(*value, "error") : nullptr;
            const QString message = error ? json::string(*error, "message") : QString();
            return Error{u"GET %1: the server answered %2%3"_s.arg(path, QString::number(answer->status),
                                                                   message.isEmpty() ? u" (%1)"_s.arg(type)
                                                                                     : u": "_s + shown(message)),
                         answer->status == 404 ? ErrorKind::NotFound : ErrorKind::Invalid};
        }
        if (!value || !value->is_object()) {
            return Error{u"GET %1: the answer is not a JSON object (%2, %3 bytes)"_s.arg(
                             path, type, QString::number(answer->body.size())),
                         ErrorKind::Invalid};
        }
        return std::move(value->get_object());
    }

private:
    const RecoverRecordingService::Request& m_request;
    const RecoverRecordingService::Transport& m_transport;
    const QUrl m_base;
};

// A session the server listed: its id (not yet checked) and its last event.
struct Listed
{
    QString id;
    qint64 lastSeq = 0;
};

Result<QList<Listed>> listedSessions(const boost::json::object& answer)
{
    const boost::json::value* sessions = answer.if_contains("sessions");
    if (!sessions || !sessions->is_array()) {
        return Error{
            u"GET %1: the answer is not a list of recorded sessions ({\"sessions\": [...]})"_s.arg(sessionsPath),
            ErrorKind::Invalid};
    }
    QList<Listed> listed;
    for (const boost::json::value& entry : sessions->get_array()) {
        const boost::json::value* id = entry.is_object() ? entry.get_object().if_contains("session_id") : nullptr;
        listed.append({id && id->is_string() ? json::toQString(id->get_string()) : QString(),
                       json::integer(entry, "last_seq").value_or(0)});
    }
    return listed;
}

// The server's answer for one recorded session as the snapshot a recording client would send, checked as strictly
// as one (RecordingService::parseSnapshot): its last event, its client, the session's title, project, model, start
// and messages.
Result<RecordingSnapshot> snapshotOf(const QString& sessionId, const boost::json::object& answer)
{
    const boost::json::value* session = answer.if_contains("session");
    if (!session || !session->is_object()) {
        return Error{u"the answer holds no session"_s, ErrorKind::Invalid};
    }
    if (json::string(*session, "id") != RecordingService::provider.toString() + u':' + sessionId) {
        return Error{u"the answer is another session's (%1)"_s.arg(shown(json::string(*session, "id"))),
                     ErrorKind::Invalid};
    }
    boost::json::object snapshot{{"session_id", json::fromQString(sessionId)}};
    if (const auto seq = json::integer(answer, "last_seq"); seq && *seq > 0) {
        snapshot["seq"] = *seq;
    }
    const auto copy = [](boost::json::object& to, std::string_view key, const boost::json::value* from,
                         std::string_view fromKey) {
        const boost::json::value* value = from ? json::find(*from, fromKey) : nullptr;
        if (value && !value->is_null()) {
            to[key] = *value;
        }
    };
    if (const boost::json::value* client = answer.if_contains("client"); client && !client->is_null()) {
        snapshot["provider"] = *client;
    }
    copy(snapshot, "title", session, "title");
    copy(snapshot, "project_path", session, "project_path");
    copy(snapshot, "created_at", session, "created_at");
    copy(snapshot, "model", json::find(*session, "metadata"), "model");
    boost::json::array messages;
    for (const boost::json::value& message : json::arrayAt(*session, "messages")) {
        boost::json::object m;
        for (const std::string_view key : {"role", "content", "timestamp", "model"}) {
            copy(m, key, &message, key);
        }
        messages.emplace_back(std::move(m));
    }
    snapshot["messages"] = std::move(messages);
    auto parsed = RecordingService::parseSnapshot(QByteArray::fromStdString(boost::json::serialize(snapshot)));
    if (!parsed) {
        return Error{u"the session is not one a recording can hold: %1"_s.arg(parsed.error().message),
                     ErrorKind::Invalid};
    }
    // The session's last change as the server knows it (a session_end after its last message, say).
    const QDateTime updated = json::dateTime(*session, "updated_at");
    if (updated.isValid() && updated > parsed->session.updatedAt) {
        parsed->session.updatedAt = updated;
    }
    return parsed;
}

// One recovery: the sessions asked of the server, each into the folder or the database.
class Recovery
{
public:
    Recovery(const RecoverRecordingService::Request& request, const Server& server)
        : m_request(request)
        , m_server(server)
    {
        if (request.outputFolder.isEmpty()) {
            m_recording = std::make_unique<RecordingService>(request.database);
        }
    }

    // The session's item; an error stops the recovery (the server cannot be reached, the database written).
    Result<Item> recover(const Listed& listed)
    {
        Item item;
        item.sessionId = listed.id;
        item.lastSeq = listed.lastSeq;
        if (!RecordingService::isSessionId(listed.id)) {
            item.sessionId = shown(listed.id);
            item.error = u"refused: '%1' is not a recorded session's id (1 to %2 of A-Z a-z 0-9 . _ : -, not "
                         u"starting with '.')"_s.arg(item.sessionId, QString::number(RecordingService::maxIdLength));
            return item;
        }
        if (m_recording && listed.lastSeq > 0) {
            auto local = localLastSeq(listed.id);
            if (!local) {
                return local.error();
            }
            if (*local >= listed.lastSeq) {
                item.outcome = Outcome::Unchanged;
                return item;
            }
        }
        auto answer = m_server.get(sessionsPath + u'/' + listed.id, RecoverRecordingService::maxSessionBytes);
        if (!answer) {
            if (answer.error().kind == ErrorKind::Unavailable) {
                return answer.error();
            }
            item.error = answer.error().message;
            return item;
        }
        auto snapshot = snapshotOf(listed.id, *answer);
        if (!snapshot) {
            item.error = snapshot.error().message;
            return item;
        }
        item.title = snapshot->session.title;
        item.messages = snapshot->session.messages.size();
        item.lastSeq = snapshot->seq.value_or(0);
        if (m_recording) {
            return store(std::move(item), std::move(snapshot).value());
        }
        return write(std::move(item), answer->at("session"));
    }

private:
    Result<qint64> localLastSeq(const QString& sessionId) const
    {
        return waitFor<Result<qint64>>(
            [this, &sessionId](std::function<void(Result<qint64>)> done) { m_recording->lastSeq(sessionId, done); });
    }

    Result<Item> store(Item item, RecordingSnapshot snapshot) const
    {
        auto local = localLastSeq(item.sessionId);
        if (!local) {
            return local.error();
        }
        if (item.lastSeq > 0 && *local >= item.lastSeq) {
            item.outcome = Outcome::Unchanged;
            return item;
        }
        const RecordingService::Outcome stored =
            waitFor<RecordingService::Outcome>([this, &snapshot](std::function<void(RecordingService::Outcome)> done) {
                m_recording->snapshot(std::move(snapshot), done);
            });
        if (stored.error) {
            return *stored.error;
        }
        item.outcome = Outcome::Stored;
        return item;
    }

    // The session as a file of the export's json format, named after its id (checked: no separators, no "..";
    // ':' becomes '_'), never over a file that is not the same.
    Result<Item> write(Item item, const boost::json::value& answered) const
    {
        auto session = shapes::sessionFromJson(answered);
        auto bytes = session ? SessionExport::render(*session, SessionExport::Format::Json)
                             : Result<QByteArray>(session.error());
        if (!bytes) {
            item.error = bytes.error().message;
            return item;
        }
        QString name = item.sessionId;
        name.replace(u':', u'_');
        auto path = SafePath::child(m_request.outputFolder, name + u".json"_s);
        if (!path) {
            item.error = path.error().message;
            return item;
        }
        item.file = *path;
        if (ExportFile::taken(*path)) {
            QFile existing(*path);
            const QFileInfo info(*path);
            if (info.isFile() && !info.isSymLink() && info.size() == bytes->size() &&
                existing.open(QIODevice::ReadOnly) && existing.readAll() == *bytes) {
                item.outcome = Outcome::Unchanged;
            } else {
                item.error =
                    u"%1 is there already and is not this session as the server has it: left as it is"_s.arg(*path);
            }
            return item;
        }
        ExportFile file(*path, ExportFile::Naming::Exact);
        std::optional<Error> error = file.open();
        if (!error) {
            error = file.write(*bytes);
        }
        if (!error) {
            auto committed = file.commit();
            if (!committed) {
                error = committed.error();
            }
        }
        if (error) {
            item.error = error->message;
            return item;
        }
        item.outcome = Outcome::Written;
        return item;
    }

    const RecoverRecordingService::Request& m_request;
    const Server& m_server;
    std::unique_ptr<RecordingService> m_recording;
};

} // namespace

Result<RecoverRecordingService::Report> RecoverRecordingService::run(const Request& request, const Transport& transport)
{
    auto base = checkedServer(request.server);
    if (!base) {
        return base.error();
    }
    const Server server(request, transport, *base);
    const auto failed = [&server](const Error& error) {
        return Error{u"cannot recover from %1: %2"_s.arg(server.name(), error.message), error.kind};
    };
    Report report;
    report.server = server.name();
    report.intoDatabase = request.outputFolder.isEmpty();
    report.destination = report.intoDatabase ? request.database : request.outputFolder;
    QList<Listed> listed;
    if (!request.sessionId.isEmpty()) {
        if (!RecordingService::isSessionId(request.sessionId)) {
            return Error{u"'%1' is not a recorded session's id: 1 to %2 of A-Z a-z 0-9 . _ : -, not starting with "
                         u"'.'"_s.arg(shown(request.sessionId), QString::number(RecordingService::maxIdLength)),
                         ErrorKind::Invalid};
        }
        listed.append({request.sessionId, 0});
    } else {
        auto list = server.get(sessionsPath, maxListBytes);
        auto sessions = list ? listedSessions(*list) : Result<QList<Listed>>(list.error());
        if (!sessions) {
            return failed(sessions.error());
        }
        listed = std::move(sessions).value();
    }
    if (!report.intoDatabase && !QDir().mkpath(request.outputFolder)) {
        return Error{u"cannot make the folder %1"_s.arg(request.outputFolder)};
    }
    Recovery recovery(request, server);
    for (const Listed& session : std::as_const(listed)) {
        auto item = recovery.recover(session);
        if (!item) {
            return failed(item.error());
        }
        if (!request.sessionId.isEmpty() && item->outcome == Item::Outcome::Failed) {
            return failed(Error{item->error, ErrorKind::NotFound});
        }
        report.sessions.append(std::move(item).value());
    }
    return report;
}

int RecoverRecordingService::Report::count(Item::Outcome outcome) const
{
    return int(std::count_if(sessions.cbegin(), sessions.cend(),
                             [outcome](const Item& item) { return item.outcome == outcome; }));
}

QString RecoverRecordingService::outcomeName(Item::Outcome outcome)
{
    switch (outcome) {
    case Item::Outcome::Stored:
        return u"stored"_s;
    case Item::Outcome::Written:
        return u"written"_s;
    case Item::Outcome::Unchanged:
        return u"unchanged"_s;
    case Item::Outcome::Failed:
        return u"failed"_s;
    }
    return {};
}

boost::json::object toJson(const RecoverRecordingService::Report& report)
{
    using Item = RecoverRecordingService::Item;
    const auto orNull = [](const QString& text) {
        return text.isEmpty() ? boost::json::value(nullptr) : boost::json::value(json::fromQString(text));
    };
    boost::json::array sessions;
    for (const Item& item : report.sessions) {
        sessions.emplace_back(boost::json::object{
            {"session_id", json::fromQString(item.sessionId)},
            {"id", item.outcome == Item::Outcome::Failed && !RecordingService::isSessionId(item.sessionId)
                       ? boost::json::value(nullptr)
                       : boost::json::value(
                             json::fromQString(RecordingService::provider.toString() + u':' + item.sessionId))},
            {"title", orNull(item.title)},
            {"messages", item.messages ? boost::json::value(*item.messages) : boost::json::value(nullptr)},
            {"last_seq", item.lastSeq},
            {"outcome", json::fromQString(RecoverRecordingService::outcomeName(item.outcome))},
            {"file", orNull(item.file)},
            {"error", orNull(item.error)}});
    }
    return {
        {"server", json::fromQString(report.server)},          {"destination", json::fromQString(report.destination)},
        {"into", report.intoDatabase ? "database" : "folder"}, {"sessions", std::move(sessions)},
        {"stored", report.count(Item::Outcome::Stored)},       {"written", report.count(Item::Outcome::Written)},
        {"unchanged", report.count(Item::Outcome::Unchanged)}, {"failed", report.count(Item::Outcome::Failed)}};
}

} // namespace chasm
