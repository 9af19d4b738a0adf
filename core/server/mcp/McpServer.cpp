// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#include "McpServer.h"

#include "McpCompletions.h"
#include "McpPrompts.h"
#include "McpResources.h"
#include "McpTools.h"
#include "json/Json.h"
#include "services/HarvestDatabaseService.h"
#include "services/TeamService.h"
#include "store/NativeSqlite.h"
#include "store/postgres/PostgresUrl.h"

#include <QFileInfo>
#include <QSqlQuery>
#include <QHash>
#include <QThread>
#include <QThreadPool>
#include <QThreadStorage>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include <sqlite3.h>

#include <array>
#include <set>
#include <chrono>
#include <condition_variable>
#include <map>
#include <mutex>

using namespace Qt::StringLiterals;

namespace chasm::mcp {

namespace {

// JSON-RPC's error codes.
constexpr int ParseError = -32700;
constexpr int InvalidRequest = -32600;
constexpr int MethodNotFound = -32601;

// The log levels of logging/setLevel (syslog's), least severe first.
constexpr std::array<std::string_view, 8> levelNames = {"debug", "info",     "notice", "warning",
                                                        "error", "critical", "alert",  "emergency"};
using Level = LogLevel;

// How often the database is brought up to date while clients ask: a harvest of unchanged stores only lists them,
// but listing thousands of sessions still takes a second or more.
constexpr auto refreshInterval = std::chrono::seconds(60);

const char* const instructions =
    "Chasm keeps the chat histories of AI coding assistants (VS Code Copilot, Cursor, Windsurf, Claude Code, "
    "Codex, Gemini CLI, OpenCode and more) in one searchable database, including sessions the tools themselves "
    "have deleted. Start with chasm_search_sessions to find where something was discussed, then read the "
    "conversation around a hit with chasm_get_session (session_id and around = the hit's message_index). "
    "chasm_list_sessions and chasm_project_history list sessions of a project; chasm_file_history finds sessions "
    "that touched a file. Long answers come in pages: pass next_cursor back as cursor.";

// What a request that answers with an object gives as its result.
RequestResult<boost::json::value> asValue(RequestResult<boost::json::object> result)
{
    if (auto* error = std::get_if<RequestError>(&result)) {
        return std::move(*error);
    }
    return boost::json::value(std::get<boost::json::object>(std::move(result)));
}

std::string serialized(const boost::json::object& message)
{
    return boost::json::serialize(message);
}

std::string response(const boost::json::value& id, boost::json::value result)
{
    return serialized({{"jsonrpc", "2.0"}, {"id", id}, {"result", std::move(result)}});
}

std::string errorResponse(const boost::json::value& id, int code, const QString& message)
{
    return serialized(
        {{"jsonrpc", "2.0"}, {"id", id}, {"error", {{"code", code}, {"message", json::fromQString(message)}}}});
}

std::string notification(std::string_view method, boost::json::object params)
{
    return serialized({{"jsonrpc", "2.0"}, {"method", method}, {"params", std::move(params)}});
}

std::string logMessage(Level level, const QString& text)
{
    return notification(
        "notifications/message",
        {{"level", levelNames[std::size_t(level)]}, {"logger", "chasm"}, {"data", json::fromQString(text)}});
}

// Versions that know tool output schemas, structured content and titles (2025-06-18 and later).
bool knowsStructuredContent(const QString& version)
{
    return version >= u"2025-06-18"_s;
}

} // namespace

const QStringList& supportedVersions()
{
    static const QStringList versions = {u"2024-11-05"_s, u"2025-03-26"_s, u"2025-06-18"_s, latestVersion.toString()};
    return versions;
}

MessageKind messageKind(QByteArrayView message)
{
    boost::system::error_code ec;
    const boost::json::value value =
        boost::json::parse(std::string_view(message.data(), std::size_t(message.size())), ec);
    MessageKind kind;
    const auto* object = ec ? nullptr : value.if_object();
    if (!object || !object->contains("jsonrpc") || object->at("jsonrpc") != "2.0") {
        return kind;
    }
    kind.valid = true;
    const auto* method = object->if_contains("method");
    kind.request = method && method->is_string() && object->contains("id");
    kind.initialize = kind.request && method->get_string() == "initialize";
    return kind;
}

class McpServerPrivate
{
public:
    McpServerPrivate(const Environment& environment, McpServer::Options options)
        : options(std::move(options))
        , catalog(environment)
        , databasePath(Database::resolvePath(environment, this->options.database))
        , team(PostgresUrl::isPostgres(databasePath))
    {
        pool.setMaxThreadCount(std::max(4, QThread::idealThreadCount()));
        pool.setExpiryTimeout(-1); // each thread keeps its database connection
    }
    ~McpServerPrivate()
    {
        stopHarvest.store(true);
        pool.waitForDone();
    }

    // Logs of no request (the background harvest's) go to every open session that asked for their level, as
    // messages of no request: over HTTP on the session's GET stream.
    void logToSessions(Level level, const QString& text);

    // This thread's connection to the database (each thread has its own, as Qt Sql requires). Kept in a
    // QThreadStorage, which closes them as the thread finishes, before the pool's destructor has waited for it (a
    // thread_local would close them later, while the process may be tearing Qt Sql down).
    Result<Database*> connection()
    {
        auto& open = connections()[databasePath];
        if (!open) {
            auto opened = Database::open(databasePath);
            if (!opened) {
                return opened.error();
            }
            open = std::move(opened).value();
        }
        return open.get();
    }

    // After a statement of this thread was interrupted (sqlite3_interrupt): SQLite clears the interruption as the
    // connection's next statement starts with none running, which a statement run now does. Should one still run
    // (a query left active), that statement fails too, and the connection is closed, to be opened anew.
    void afterInterrupt()
    {
        auto& open = connections()[databasePath];
        if (open && !QSqlQuery(open->connection()).exec(u"SELECT 1"_s)) {
            open.reset();
        }
    }

    // The database before a call reads it: made by a harvest when there is none (the call waits, and hears its
    // progress), otherwise brought up to date in the background at most once a minute.
    std::optional<Error> prepare(CallContext& context)
    {
        std::unique_lock lock(harvestMutex);
        // A team database is not made here: a harvest into it (the refresh below) is one into this machine's
        // database, then pushed.
        if (!team && !QFileInfo::exists(databasePath)) {
            if (!options.harvest) {
                return Error{
                    u"there is no harvest database at %1 yet: run `chasm harvest run` to make one"_s.arg(databasePath)};
            }
            while (harvesting) { // another call is making it
                harvestDone.wait_for(lock, std::chrono::milliseconds(100));
                if (context.cancelled()) {
                    return Error{u"cancelled"_s};
                }
            }
            if (!QFileInfo::exists(databasePath)) {
                harvesting = true;
                lock.unlock();
                context.log(LogLevel::Info, u"There is no harvest database yet: harvesting every tool's chat "
                                            u"sessions into %1 first"_s.arg(databasePath));
                auto made = harvest(&context);
                lock.lock();
                harvesting = false;
                harvestDone.notify_all();
                if (made) {
                    return made;
                }
            }
            return std::nullopt;
        }
        const auto now = std::chrono::steady_clock::now();
        if (options.harvest && !harvesting && (!lastHarvest || now - *lastHarvest >= refreshInterval)) {
            harvesting = true;
            lastHarvest = now;
            pool.start([this] {
                // A failed refresh leaves the database as it was; the next call tries again a minute later.
                if (const auto failed = harvest(nullptr)) {
                    logToSessions(LogLevel::Warning,
                                  u"Bringing the harvest database up to date in the background failed: %1"_s.arg(
                                      failed->message));
                }
                const std::lock_guard done(harvestMutex);
                harvesting = false;
                harvestDone.notify_all();
            });
        }
        return std::nullopt;
    }

    // One harvest run into the database; with `context`, its progress goes to the call that waits for it.
    std::optional<Error> harvest(CallContext* context)
    {
        HarvestDatabaseService::RunRequest request;
        request.database = databasePath;
        request.options.cancel = &stopHarvest;
        if (context) {
            request.options.progress = [context](const Harvester::Progress& progress) {
                context->progress(
                    progress.done, progress.total,
                    u"Harvesting chat sessions into a new database: %1 of %2"_s.arg(progress.done).arg(progress.total));
            };
        }
        auto report = HarvestDatabaseService(catalog).run(request);
        if (!report) {
            return report.error();
        }
        const Harvester::Summary& summary = report->summary;
        if (context) {
            context->log(LogLevel::Info, u"Harvested %1 sessions in %2 s (%3 unreadable)"_s.arg(summary.sessionsTotal)
                                             .arg(summary.seconds, 0, 'f', 1)
                                             .arg(summary.failed));
        } else if (summary.created + summary.updated + summary.failed > 0) {
            logToSessions(LogLevel::Info, u"The harvest database was brought up to date in the background: %1 new "
                                          u"and %2 changed sessions in %3 s (%4 unreadable)"_s.arg(summary.created)
                                              .arg(summary.updated)
                                              .arg(summary.seconds, 0, 'f', 1)
                                              .arg(summary.failed));
        }
        const std::lock_guard lock(harvestMutex);
        lastHarvest = std::chrono::steady_clock::now();
        return std::nullopt;
    }

    // This thread's connections, by database path.
    static std::map<QString, std::unique_ptr<Database>>& connections()
    {
        using Connections = std::map<QString, std::unique_ptr<Database>>;
        static QThreadStorage<Connections*> storage;
        if (!storage.hasLocalData()) {
            storage.setLocalData(new Connections);
        }
        return *storage.localData();
    }

    McpServer::Options options;
    SessionCatalog catalog;
    QString databasePath;
    bool team = false; // databasePath is a team database's URL
    QThreadPool pool;

    std::mutex harvestMutex;
    std::condition_variable harvestDone;
    bool harvesting = false;
    std::optional<std::chrono::steady_clock::time_point> lastHarvest;
    std::atomic_bool stopHarvest = false;

    std::mutex sessionsMutex;
    std::set<McpSessionPrivate*> sessions;
};

McpServer::McpServer(const Environment& environment, Options options)
    : d(std::make_unique<McpServerPrivate>(environment, std::move(options)))
{}

McpServer::~McpServer() = default;

const McpServer::Options& McpServer::options() const
{
    return d->options;
}

QString McpServer::databasePath() const
{
    return d->databasePath;
}

// How a cancellation reaches a running request: a flag its work checks between steps and, while the work runs,
// sqlite3_interrupt on its thread's database connection, which stops the statement running there (the statement
// fails with SQLITE_INTERRUPT; see McpServerPrivate::afterInterrupt). Only where Chasm's SQLite library is the one
// Qt's driver uses (NativeSqlite.h); elsewhere a query runs to its end, and the work stops at its next check.
class Cancellation
{
public:
    const std::atomic_bool* flag() const { return &m_cancelled; }
    bool cancelled() const { return m_cancelled.load(); }
    void cancel()
    {
        const std::lock_guard lock(m_mutex);
        m_cancelled.store(true);
        interrupt();
    }
    // The connection the request's work reads from now on (null: none that can be interrupted).
    void attach(sqlite3* connection)
    {
        const std::lock_guard lock(m_mutex);
        m_connection = connection;
        if (m_cancelled.load()) {
            interrupt();
        }
    }
    // The work has ended: no interruption reaches the connection any more. Whether one was sent to it.
    bool detach()
    {
        const std::lock_guard lock(m_mutex);
        m_connection = nullptr;
        return m_interrupted;
    }

private:
    void interrupt()
    {
        if (m_connection) {
            sqlite3_interrupt(m_connection);
            m_interrupted = true;
        }
    }

    std::atomic_bool m_cancelled = false;
    std::mutex m_mutex;
    sqlite3* m_connection = nullptr;
    bool m_interrupted = false;
};

class McpSessionPrivate
{
public:
    McpSessionPrivate(McpServerPrivate& server, McpSession::Send unrelated)
        : server(server)
        , unrelated(std::move(unrelated))
    {
        const std::lock_guard lock(server.sessionsMutex);
        server.sessions.insert(this);
    }
    ~McpSessionPrivate()
    {
        const std::lock_guard lock(server.sessionsMutex);
        server.sessions.erase(this);
    }

    // A request running on the server's threads.
    struct Running
    {
        std::shared_ptr<Cancellation> cancel;
    };

    void handleRequest(const boost::json::value& id, const std::string& method, const boost::json::object& params,
                       const McpSession::Exchange& exchange);
    void handleNotification(const std::string& method, const boost::json::object& params);
    // Runs `work` on the server's threads as the request `id`; its result or error is sent unless the request was
    // cancelled.
    void start(const boost::json::value& id, const boost::json::object& params, const McpSession::Exchange& exchange,
               std::function<RequestResult<boost::json::value>(CallContext&)> work);
    boost::json::object promptsList() const;
    boost::json::object toolsList() const;
    boost::json::value callTool(const boost::json::object& params, CallContext& context) const;

    McpServerPrivate& server;
    McpSession::Send unrelated;

    QString agreedVersion() const
    {
        const std::lock_guard lock(mutex);
        return version;
    }

    mutable std::mutex mutex;
    std::condition_variable idle;
    QHash<QByteArray, Running> running; // by the request id as serialized
    QString version;
    std::atomic_int level = int(Level::Warning);
};

void McpServerPrivate::logToSessions(Level level, const QString& text)
{
    const std::string message = logMessage(level, text);
    const std::lock_guard lock(sessionsMutex);
    for (McpSessionPrivate* session : sessions) {
        if (int(level) >= session->level.load() && session->unrelated) {
            session->unrelated(message);
        }
    }
}

namespace {

// The context of one request on a server thread: progress goes to the request's exchange when the client gave a
// progress token.
class RequestContext final : public CallContext
{
public:
    RequestContext(McpServerPrivate& server, const std::atomic_int& level, std::shared_ptr<Cancellation> cancel,
                   boost::json::value progressToken, McpSession::Send send)
        : m_server(server)
        , m_level(level)
        , m_cancel(std::move(cancel))
        , m_progressToken(std::move(progressToken))
        , m_send(std::move(send))
    {}

    const SessionCatalog& catalog() const override { return m_server.catalog; }
    Result<Database*> database() override
    {
        if (auto error = m_server.prepare(*this)) {
            return *error;
        }
        auto db = m_server.connection();
        if (db) {
            m_cancel->attach(nativeSqlite((*db)->connection()));
        }
        return db;
    }
    bool onTeamDatabase() const override { return m_server.team; }
    Result<PostgresDatabase*> teamDatabase() override
    {
        if (auto error = m_server.prepare(*this)) {
            return *error;
        }
        return TeamService().threadConnection(m_server.databasePath);
    }
    const std::atomic_bool* cancel() const override { return m_cancel->flag(); }
    void progress(double done, double total, const QString& message) override
    {
        if (m_progressToken.is_null() || done <= m_lastProgress) { // progress only ever grows
            return;
        }
        m_lastProgress = done;
        boost::json::object params{{"progressToken", m_progressToken}, {"progress", done}};
        if (total > 0) {
            params["total"] = total;
        }
        if (!message.isEmpty()) {
            params["message"] = json::fromQString(message);
        }
        m_send(notification("notifications/progress", std::move(params)));
    }
    void log(LogLevel level, const QString& message) override
    {
        if (int(level) >= m_level.load()) {
            m_send(logMessage(level, message));
        }
    }
    int budget() const override { return m_server.options.maxTokens * 4; }

private:
    McpServerPrivate& m_server;
    const std::atomic_int& m_level;
    std::shared_ptr<Cancellation> m_cancel;
    boost::json::value m_progressToken;
    McpSession::Send m_send;
    double m_lastProgress = -1;
};

QByteArray idKey(const boost::json::value& id)
{
    return QByteArray::fromStdString(boost::json::serialize(id));
}

} // namespace

McpSession::McpSession(McpServer& server, Send unrelated)
    : d(std::make_unique<McpSessionPrivate>(*server.d, std::move(unrelated)))
{}

McpSession::~McpSession()
{
    cancelAll();
}

QString McpSession::protocolVersion() const
{
    const std::lock_guard lock(d->mutex);
    return d->version;
}

void McpSession::cancelAll()
{
    std::unique_lock lock(d->mutex);
    for (const auto& request : std::as_const(d->running)) {
        request.cancel->cancel();
    }
    d->idle.wait(lock, [this] { return d->running.isEmpty(); });
}

void McpSession::finish()
{
    std::unique_lock lock(d->mutex);
    d->idle.wait(lock, [this] { return d->running.isEmpty(); });
}

void McpSession::receive(QByteArrayView message, Exchange exchange)
{
    boost::system::error_code ec;
    boost::json::value value = boost::json::parse(std::string_view(message.data(), std::size_t(message.size())), ec);
    if (ec) {
        exchange.send(errorResponse(
            nullptr, ParseError,
            u"Parse error: the message is not valid JSON (%1)"_s.arg(QString::fromStdString(ec.message()))));
        exchange.done();
        return;
    }
    if (value.is_array()) {
        exchange.send(errorResponse(nullptr, InvalidRequest,
                                    u"Invalid request: batches are not supported; send one message at a time"_s));
        exchange.done();
        return;
    }
    auto* object = value.if_object();
    const boost::json::value* id = object ? object->if_contains("id") : nullptr;
    const bool validId = id && (id->is_string() || id->is_int64() || id->is_uint64());
    const boost::json::value replyId = validId ? *id : boost::json::value(nullptr);
    if (!object || !object->contains("jsonrpc") || object->at("jsonrpc") != "2.0") {
        exchange.send(errorResponse(replyId, InvalidRequest, u"Invalid request: not a JSON-RPC 2.0 message"_s));
        exchange.done();
        return;
    }
    const auto* method = object->if_contains("method");
    if (!method) {
        // A response to a request of ours (Chasm sends none) or an error for one: nothing to answer.
        if (!id || !(object->contains("result") || object->contains("error"))) {
            exchange.send(errorResponse(replyId, InvalidRequest, u"Invalid request: no method"_s));
        }
        exchange.done();
        return;
    }
    const auto* params = object->if_contains("params");
    if (!method->is_string() || (params && !params->is_object()) || (id && !validId)) {
        if (id) {
            exchange.send(errorResponse(replyId, InvalidRequest,
                                        !method->is_string() ? u"Invalid request: the method must be a string"_s
                                        : !validId ? u"Invalid request: the id must be a string or an integer"_s
                                                   : u"Invalid request: params must be an object"_s));
        }
        exchange.done();
        return;
    }
    const std::string name(method->get_string());
    static const boost::json::object noParams;
    const boost::json::object& parameters = params ? params->get_object() : noParams;
    if (!id) {
        d->handleNotification(name, parameters);
        exchange.done();
        return;
    }
    d->handleRequest(*id, name, parameters, exchange);
}

void McpSessionPrivate::handleNotification(const std::string& method, const boost::json::object& params)
{
    if (method == "notifications/cancelled") {
        if (const auto* request = params.if_contains("requestId")) {
            const std::lock_guard lock(mutex);
            if (const auto found = running.constFind(idKey(*request)); found != running.cend()) {
                found->cancel->cancel();
            }
        }
    }
    // notifications/initialized and every other notification need nothing.
}

void McpSessionPrivate::handleRequest(const boost::json::value& id, const std::string& method,
                                      const boost::json::object& params, const McpSession::Exchange& exchange)
{
    const auto reply = [&](boost::json::value result) {
        exchange.send(response(id, std::move(result)));
        exchange.done();
    };
    const auto fail = [&](int code, const QString& message) {
        exchange.send(errorResponse(id, code, message));
        exchange.done();
    };
    if (method == "initialize") {
        const auto* asked = params.if_contains("protocolVersion");
        const QString wanted = asked && asked->is_string() ? json::toQString(asked->get_string()) : QString();
        const QString agreed = supportedVersions().contains(wanted) ? wanted : latestVersion.toString();
        {
            const std::lock_guard lock(mutex);
            version = agreed;
        }
        reply(boost::json::object{{"protocolVersion", json::fromQString(agreed)},
                                  {"capabilities",
                                   {{"tools", {{"listChanged", false}}},
                                    {"resources", {{"subscribe", false}, {"listChanged", false}}},
                                    {"prompts", {{"listChanged", false}}},
                                    {"completions", boost::json::object()},
                                    {"logging", boost::json::object()}}},
                                  {"serverInfo", {{"name", "chasm"}, {"title", "Chasm"}, {"version", CHASM_VERSION}}},
                                  {"instructions", instructions}});
        return;
    }
    if (method == "ping") {
        reply(boost::json::object());
        return;
    }
    if (method == "logging/setLevel") {
        const auto* asked = params.if_contains("level");
        const auto found = asked && asked->is_string()
                               ? std::find(levelNames.begin(), levelNames.end(), std::string_view(asked->get_string()))
                               : levelNames.end();
        if (found == levelNames.end()) {
            fail(InvalidParams, u"Invalid params: level must be one of debug, info, notice, warning, error, "
                                u"critical, alert, emergency"_s);
            return;
        }
        level.store(int(found - levelNames.begin())); // above error, nothing Chasm sends passes
        reply(boost::json::object());
        return;
    }
    if (method == "tools/list") {
        reply(toolsList());
        return;
    }
    if (method == "tools/call") {
        const auto* name = params.if_contains("name");
        if (!name || !name->is_string()) {
            fail(InvalidParams, u"Invalid params: tools/call needs the tool's name"_s);
            return;
        }
        if (!findTool(name->get_string())) {
            fail(InvalidParams,
                 u"Unknown tool: %1 (tools/list names the tools)"_s.arg(json::toQString(name->get_string())));
            return;
        }
        const auto* arguments = params.if_contains("arguments");
        if (arguments && !arguments->is_object()) {
            fail(InvalidParams, u"Invalid params: the arguments of a tool call must be an object"_s);
            return;
        }
        start(id, params, exchange, [this, params](CallContext& context) -> RequestResult<boost::json::value> {
            return callTool(params, context);
        });
        return;
    }
    if (method == "resources/list") {
        const auto* cursor = params.if_contains("cursor");
        const QString given = cursor && cursor->is_string() ? json::toQString(cursor->get_string()) : QString();
        start(id, params, exchange, [given](CallContext& context) { return asValue(resources::list(given, context)); });
        return;
    }
    if (method == "resources/templates/list") {
        reply(boost::json::object{{"resourceTemplates", resources::templates()}});
        return;
    }
    if (method == "resources/read") {
        const auto* uri = params.if_contains("uri");
        if (!uri || !uri->is_string()) {
            fail(InvalidParams, u"Invalid params: resources/read needs the resource's uri"_s);
            return;
        }
        const QString given = json::toQString(uri->get_string());
        start(id, params, exchange, [given](CallContext& context) { return asValue(resources::read(given, context)); });
        return;
    }
    if (method == "prompts/list") {
        reply(promptsList());
        return;
    }
    if (method == "prompts/get") {
        const auto* name = params.if_contains("name");
        const Prompt* prompt = name && name->is_string() ? findPrompt(name->get_string()) : nullptr;
        if (!prompt) {
            fail(InvalidParams,
                 name && name->is_string()
                     ? u"Unknown prompt: %1 (prompts/list names the prompts)"_s.arg(json::toQString(name->get_string()))
                     : u"Invalid params: prompts/get needs the prompt's name"_s);
            return;
        }
        QHash<QString, QString> arguments;
        if (const auto* given = params.if_contains("arguments"); given && given->is_object()) {
            for (const auto& [key, value] : given->get_object()) {
                arguments.insert(json::toQString(std::string_view(key)),
                                 value.is_string() ? json::toQString(value.get_string())
                                                   : json::toQString(boost::json::serialize(value)));
            }
        }
        for (const Prompt::Argument& argument : prompt->arguments) {
            if (argument.required && arguments.value(QString::fromStdString(argument.name)).trimmed().isEmpty()) {
                fail(InvalidParams, u"Invalid params: the prompt %1 needs the argument %2"_s.arg(
                                        QString::fromStdString(prompt->name), QString::fromStdString(argument.name)));
                return;
            }
        }
        start(id, params, exchange, [prompt, arguments](CallContext& context) -> RequestResult<boost::json::value> {
            auto text = prompt->text(arguments, context);
            if (auto* error = std::get_if<RequestError>(&text)) {
                return std::move(*error);
            }
            return boost::json::value(boost::json::object{
                {"description", prompt->description},
                {"messages",
                 {boost::json::object{
                     {"role", "user"},
                     {"content", {{"type", "text"}, {"text", json::fromQString(std::get<QString>(text))}}}}}}});
        });
        return;
    }
    if (method == "completion/complete") {
        start(id, params, exchange, [params](CallContext& context) { return asValue(complete(params, context)); });
        return;
    }
    fail(MethodNotFound, u"Method not found: %1"_s.arg(QString::fromStdString(method)));
}

boost::json::object McpSessionPrivate::promptsList() const
{
    const bool titles = knowsStructuredContent(agreedVersion());
    boost::json::array list;
    for (const Prompt& prompt : prompts()) {
        boost::json::array arguments;
        for (const Prompt::Argument& argument : prompt.arguments) {
            arguments.push_back(
                {{"name", argument.name}, {"description", argument.description}, {"required", argument.required}});
        }
        boost::json::object entry{
            {"name", prompt.name}, {"description", prompt.description}, {"arguments", std::move(arguments)}};
        if (titles) {
            entry["title"] = prompt.title;
        }
        list.push_back(std::move(entry));
    }
    return {{"prompts", std::move(list)}};
}

void McpSessionPrivate::start(const boost::json::value& id, const boost::json::object& params,
                              const McpSession::Exchange& exchange,
                              std::function<RequestResult<boost::json::value>(CallContext&)> work)
{
    const QByteArray key = idKey(id);
    auto cancel = std::make_shared<Cancellation>();
    {
        const std::lock_guard lock(mutex);
        if (running.contains(key)) {
            exchange.send(
                errorResponse(id, InvalidRequest, u"Invalid request: a request with this id is still running"_s));
            exchange.done();
            return;
        }
        running.insert(key, Running{cancel});
    }
    boost::json::value token;
    if (const auto* meta = params.if_contains("_meta"); meta && meta->is_object()) {
        if (const auto* given = meta->get_object().if_contains("progressToken");
            given && (given->is_string() || given->is_int64() || given->is_uint64())) {
            token = *given;
        }
    }
    server.pool.start([this, id, key, cancel, token, exchange, work = std::move(work)] {
        RequestContext context(server, level, cancel, token, exchange.send);
        // Cancelled while it waited for a thread: not started at all.
        auto result = cancel->cancelled()
                          ? RequestResult<boost::json::value>(RequestError{InternalError, u"cancelled"_s})
                          : work(context);
        if (cancel->detach()) {
            server.afterInterrupt();
        }
        if (!cancel->cancelled()) { // a cancelled request is not answered
            const auto* error = std::get_if<RequestError>(&result);
            exchange.send(error ? errorResponse(id, error->code, error->message)
                                : response(id, std::get<boost::json::value>(std::move(result))));
        }
        exchange.done();
        const std::lock_guard lock(mutex);
        running.remove(key);
        idle.notify_all();
    });
}

boost::json::object McpSessionPrivate::toolsList() const
{
    const bool structured = knowsStructuredContent(agreedVersion());
    boost::json::array list;
    for (const Tool& tool : tools()) {
        boost::json::object entry{{"name", tool.name},
                                  {"description", tool.description},
                                  {"inputSchema", tool.inputSchema},
                                  {"annotations",
                                   {{"title", tool.title},
                                    {"readOnlyHint", true},
                                    {"destructiveHint", false},
                                    {"idempotentHint", true},
                                    {"openWorldHint", false}}}};
        if (structured) {
            entry["title"] = tool.title;
            entry["outputSchema"] = tool.outputSchema;
        }
        list.push_back(std::move(entry));
    }
    return {{"tools", std::move(list)}};
}

boost::json::value McpSessionPrivate::callTool(const boost::json::object& params, CallContext& context) const
{
    const Tool& tool = *findTool(params.at("name").get_string());
    static const boost::json::value noArguments = boost::json::object();
    const auto* given = params.if_contains("arguments");
    const boost::json::value& arguments = given ? *given : noArguments;
    const auto failure = [](const QString& message) {
        return boost::json::object{
            {"content", {boost::json::object{{"type", "text"}, {"text", json::fromQString(message)}}}},
            {"isError", true}};
    };
    if (auto invalid = validate(tool.inputSchema, arguments)) {
        return boost::json::value(failure(*invalid + u" (see the tool's inputSchema)"_s));
    }
    auto result = tool.run(Arguments(arguments.get_object()), context);
    if (!result) {
        return boost::json::value(failure(result.error().message));
    }
    boost::json::object answer{
        {"content", {boost::json::object{{"type", "text"}, {"text", boost::json::serialize(*result)}}}},
        {"isError", false}};
    if (knowsStructuredContent(agreedVersion())) {
        answer["structuredContent"] = std::move(result).value();
    }
    return boost::json::value(std::move(answer));
}

} // namespace chasm::mcp
