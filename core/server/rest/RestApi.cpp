// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#include "RestApi.h"

#include "HarvestJobs.h"
#include "RecordingApi.h"
#include "ServerEvents.h"
#include "export/SessionExport.h"
#include "json/Json.h"
#include "model/ModelJson.h"
#include "providers/SessionCatalog.h"
#include "services/CatalogService.h"
#include "services/HarvestDatabaseService.h"
#include "services/HistoryService.h"
#include "services/MergeService.h"
#include "services/RetentionService.h"
#include "services/SearchService.h"
#include "services/SyncService.h"
#include "services/TeamService.h"
#include "store/Database.h"
#include "store/postgres/PostgresDatabase.h"
#include "store/postgres/PostgresSearch.h"
#include "store/postgres/PostgresUrl.h"
#include "util/IsoTime.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QSysInfo>
#include <QThread>
#include <QThreadPool>
#include <QThreadStorage>
#include <QUrlQuery>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include <algorithm>
#include <limits>
#include <map>
#include <optional>
#include <variant>

using namespace Qt::StringLiterals;

namespace chasm::rest {

namespace {

// What a request asks: its path after /api/v1 (or /api) cut into decoded segments, its parameters.
struct Call
{
    QByteArray method;
    QStringList segments;
    QUrlQuery query;
    QByteArray body;

    QString parameter(const QString& name) const { return query.queryItemValue(name, QUrl::FullyDecoded); }
    bool has(const QString& name) const { return query.hasQueryItem(name); }
    // The path's {id}: the segment after the first.
    const QString& id() const { return segments.at(1); }
};

// An answer: a JSON body and its status (the error envelope from 400 on), or a document of another type.
struct Answer
{
    Answer() = default;
    Answer(int status, boost::json::value json)
        : status(status)
        , json(std::move(json))
    {}

    int status = 200;
    boost::json::value json;
    QByteArray contentType; // set: `document` is the body
    QByteArray document;
    QList<std::pair<QByteArray, QByteArray>> headers;
};

Answer failure(int status, const QString& message)
{
    return {status, boost::json::object{{"error",
                                         {{"code", http::apiErrorCode(status).toStdString()},
                                          {"message", json::fromQString(message)}}}}};
}

// A parameter's value checked, or the 400 that says what was wrong with it.
template<typename T>
using Checked = std::variant<T, Answer>;

template<typename T>
const Answer* refused(const Checked<T>& checked)
{
    return std::get_if<Answer>(&checked);
}

// The longest id or name a path segment may be.
constexpr qsizetype maxSegment = 1024;
// The most items a page holds.
constexpr int maxPage = 1000;
// The most characters of message text one page of messages holds, and one export: answers are built whole in
// memory (the exporters write whole documents), so a larger one is refused (422) rather than built.
constexpr qint64 maxPageChars = 16 << 20;
constexpr qint64 maxExportChars = 64 << 20;

// An id or a name as a path segment or a body may give it: no slash, backslash or control character, not too long.
bool isPlainName(const QString& name)
{
    const bool control = std::any_of(name.cbegin(), name.cend(), [](QChar c) {
        return c.unicode() < 0x20 || c.unicode() == 0x7f || c == u'/' || c == u'\\';
    });
    return !control && name.size() <= maxSegment;
}

// An integer parameter within [low, high], `fallback` when absent.
Checked<int> integer(const Call& call, const QString& name, int fallback, int low, int high)
{
    if (!call.has(name)) {
        return fallback;
    }
    bool ok = false;
    const int value = call.parameter(name).toInt(&ok);
    if (!ok || value < low || value > high) {
        return failure(400, u"parameter '%1' must be a whole number from %2 to %3 (got '%4')"_s.arg(
                                name, QString::number(low), QString::number(high), call.parameter(name)));
    }
    return value;
}

// A page's cursor: the opaque text a previous page gave as next_cursor (the offset it stopped at).
Checked<int> cursor(const Call& call)
{
    if (!call.has(u"cursor"_s)) {
        return 0;
    }
    bool ok = false;
    const int value = call.parameter(u"cursor"_s).toInt(&ok);
    if (!ok || value < 0) {
        return failure(400, u"cursor '%1' is not one this server gave: pass a page's next_cursor as it is"_s.arg(
                                call.parameter(u"cursor"_s)));
    }
    return value;
}

// A date or a date and time (YYYY-MM-DD, YYYY-MM-DDTHH:MM[:SS][Z|±HH:MM]); a day's end with `endOfDay`.
Checked<QDateTime> time(const Call& call, const QString& name, bool endOfDay)
{
    if (!call.has(name)) {
        return QDateTime();
    }
    if (const auto parsed = readIsoDate(call.parameter(name), endOfDay)) {
        return *parsed;
    }
    return failure(400, u"parameter '%1' expects a date as YYYY-MM-DD or a date and time as "
                        u"YYYY-MM-DDTHH:MM[:SS][Z|±HH:MM], got '%2'"_s.arg(name, call.parameter(name)));
}

Checked<bool> flag(const Call& call, const QString& name)
{
    if (!call.has(name)) {
        return false;
    }
    const QString value = call.parameter(name);
    if (value == u"true"_s || value == u"1"_s || value.isEmpty()) {
        return true;
    }
    if (value == u"false"_s || value == u"0"_s) {
        return false;
    }
    return failure(400, u"parameter '%1' is true or false (got '%2')"_s.arg(name, value));
}

// A request body: a JSON object of `keys` only (nothing at all is an empty one), or the 400 that says what it takes.
Checked<boost::json::object> bodyObject(const Call& call, std::initializer_list<std::string_view> keys,
                                        const QString& expected)
{
    if (call.body.trimmed().isEmpty()) {
        return boost::json::object();
    }
    boost::system::error_code ec;
    boost::json::value body = boost::json::parse(std::string_view(call.body.data(), call.body.size()), ec);
    if (ec || !body.is_object()) {
        return failure(400, u"the body is a JSON object, %1, or nothing"_s.arg(expected));
    }
    for (const auto& [key, value] : body.as_object()) {
        if (std::find(keys.begin(), keys.end(), std::string_view(key)) == keys.end()) {
            return failure(400,
                           u"the body takes %1 (got \"%2\")"_s.arg(expected, json::toQString(std::string_view(key))));
        }
    }
    return std::move(body.as_object());
}

// A member of a body: a string (empty when absent), a boolean (false when absent), or the 400 naming what it is.
Checked<QString> bodyText(const boost::json::object& body, std::string_view key)
{
    const boost::json::value* value = body.if_contains(key);
    if (!value) {
        return QString();
    }
    if (!value->is_string()) {
        return failure(400, u"\"%1\" in the body is a string"_s.arg(json::toQString(key)));
    }
    return json::toQString(value->get_string());
}

Checked<bool> bodyFlag(const boost::json::object& body, std::string_view key)
{
    const boost::json::value* value = body.if_contains(key);
    if (!value) {
        return false;
    }
    if (!value->is_bool()) {
        return failure(400, u"\"%1\" in the body is true or false"_s.arg(json::toQString(key)));
    }
    return value->get_bool();
}

// The session ids (or unique prefixes) a body names under "sessions": from `least` to `most` of them; none when it
// is absent and `least` is 0.
Checked<QStringList> bodySessionIds(const boost::json::object& body, qsizetype least, qsizetype most)
{
    const boost::json::value* ids = body.if_contains("sessions");
    if (!ids && least == 0) {
        return QStringList();
    }
    if (!ids || !ids->is_array() || ids->as_array().size() < std::size_t(least) ||
        ids->as_array().size() > std::size_t(most)) {
        return failure(400,
                       u"\"sessions\" is a list of %1 to %2 session ids (or unique prefixes)"_s.arg(least).arg(most));
    }
    QStringList names;
    for (const boost::json::value& id : ids->as_array()) {
        const QString text = id.is_string() ? json::toQString(id.get_string()).trimmed() : QString();
        if (text.isEmpty() || !isPlainName(text) || text == u"."_s || text == u".."_s) {
            return failure(400, u"\"sessions\" holds session ids, each a string without slashes or control "
                                u"characters"_s);
        }
        names << text;
    }
    return names;
}

// A path a body names: absolute, clean, without control characters; refused (400) otherwise. It is only compared
// with the editors' workspaces and read, never written to as it is.
Checked<QString> absolutePath(const QString& path, const QString& name)
{
    const bool control = std::any_of(path.cbegin(), path.cend(), [](QChar c) { return c.unicode() < 0x20; });
    if (path.isEmpty() || control || !QDir::isAbsolutePath(path) || QDir::cleanPath(path) != path ||
        path.size() > 4096) {
        return failure(
            400, u"\"%1\" is an absolute path, without '.', '..' or control characters (got '%2')"_s.arg(name, path));
    }
    return path;
}

// The status of each kind of service error: the one place where a service's failure becomes an HTTP status.
int statusOf(const Error& error)
{
    switch (error.kind) {
    case ErrorKind::NotFound:
        return 404;
    case ErrorKind::Invalid:
        return 400;
    case ErrorKind::Conflict:
        return 409;
    case ErrorKind::Unavailable:
        return 503;
    case ErrorKind::TooLarge:
        return 422;
    case ErrorKind::Internal:
        break;
    }
    return 500;
}

Answer serviceFailure(const Error& error)
{
    return failure(statusOf(error), error.message);
}

boost::json::array jsonArray(const QStringList& texts)
{
    boost::json::array array;
    for (const QString& text : texts) {
        array.emplace_back(json::fromQString(text));
    }
    return array;
}

boost::json::value optionalText(const QString& text)
{
    return text.isEmpty() ? boost::json::value(nullptr) : boost::json::value(json::fromQString(text));
}

} // namespace

class RestApiPrivate
{
public:
    RestApiPrivate(const Environment& environment, RestApi::Options options)
        : catalog(environment)
        , databasePath(Database::resolvePath(environment, options.database))
        , harvestRunner(options.harvest ? std::move(options.harvest)
                                        : [this](const HarvestDatabaseService::RunRequest&
                                                     request) { return HarvestDatabaseService(catalog).run(request); })
        , chat(environment, databasePath, std::move(options.models))
    {
        pool.setMaxThreadCount(std::max(4, QThread::idealThreadCount()));
        pool.setExpiryTimeout(-1); // each thread keeps its database connection
        uptime.start();
    }

    using Handler = Answer (RestApiPrivate::*)(const Call&);
    struct Route
    {
        QByteArray method;
        QStringList pattern; // literal segments, and "{}" for an id
        QStringList parameters;
        Handler handler;
    };
    static const QList<Route>& routes();

    Answer answer(const http::ApiRequest& request);

    // The team database (--db postgresql://…) each thread reads with a connection of its own, as database(); a
    // 503 when it cannot be reached. The search endpoints read it, and those that read through history().
    Checked<PostgresDatabase*> teamDatabase()
    {
        auto team = TeamService().threadConnection(databasePath);
        if (!team) {
            return failure(503, team.error().message);
        }
        return *team;
    }

    // This machine's database (never a team database's URL), which every thread reads with a connection of its own
    // (QThreadStorage closes them as the pool's threads finish, before Qt Sql is torn down), or the 503 that says
    // there is none yet.
    Checked<Database*> database()
    {
        if (!QFileInfo::exists(databasePath)) {
            return failure(503, u"there is no harvest database at %1 yet: run `chasm harvest run` to make one"_s.arg(
                                    databasePath));
        }
        static QThreadStorage<std::map<QString, std::unique_ptr<Database>>*> storage;
        if (!storage.hasLocalData()) {
            storage.setLocalData(new std::map<QString, std::unique_ptr<Database>>);
        }
        auto& open = (*storage.localData())[databasePath];
        if (!open) {
            auto opened = Database::open(databasePath);
            if (!opened) {
                return failure(503, opened.error().message);
            }
            open = std::move(opened).value();
        }
        return open.get();
    }

    // The database the server reads, this machine's or a team database, as HistoryService reads it.
    Checked<HistoryStore> history()
    {
        if (PostgresUrl::isPostgres(databasePath)) {
            auto team = teamDatabase();
            if (const Answer* error = refused(team)) {
                return *error;
            }
            return HistoryStore(*std::get<PostgresDatabase*>(team));
        }
        auto local = database();
        if (const Answer* error = refused(local)) {
            return *error;
        }
        return HistoryStore(*std::get<Database*>(local));
    }

    // The provider id a `provider` parameter names (an alias too); empty without one.
    Checked<QString> providerId(const Call& call) const
    {
        if (!call.has(u"provider"_s)) {
            return QString();
        }
        auto chosen = catalog.harvestedProviderId(call.parameter(u"provider"_s));
        if (!chosen) {
            return serviceFailure(chosen.error());
        }
        return *chosen;
    }

    Answer health(const Call& call);
    Answer systemInfo(const Call& call);
    Answer workspaces(const Call& call);
    Answer workspace(const Call& call);
    Answer discoverWorkspaces(const Call& call);
    Answer mergeSessions(const Call& call);
    Answer pushSessions(const Call& call);
    Answer sessions(const Call& call);
    Answer session(const Call& call);
    Answer messages(const Call& call);
    Answer exportSession(const Call& call);
    Answer search(const Call& call);
    Answer searchSessions(const Call& call);
    Answer semanticSearch(const Call& call);
    Answer statsOverview(const Call& call);
    Answer statsProviders(const Call& call);
    Answer statsTimeline(const Call& call);
    Answer providers(const Call& call);
    Answer retention(const Call& call);
    Answer providerHealth(const Call& call);
    Answer settings(const Call& call);
    Answer startHarvest(const Call& call);
    Answer harvestJob(const Call& call);
    Answer openApi(const Call& call);

    // The search a call asks for, on the harvest database or the team database.
    Checked<HarvestStore::SearchResults> runSearch(const Call& call);
    Checked<HistoryService::StatsReport> stats();

    SessionCatalog catalog;
    QString databasePath;
    QThreadPool pool;
    QElapsedTimer uptime;
    http::ApiHttpOptions serving;
    quint16 port = 0;
    const RestApi::HarvestRunner harvestRunner;
    // Declared before what publishes to it, which goes first.
    ServerEvents events{[this] { return serverStatus(); }};
    HarvestJobs jobs;
    RecordingApi recording{databasePath};
    ChatApi chat;

    // The real-time events of /ws: a harvest's progress and end, the sessions a harvest or a recording changed.
    void publishEvents()
    {
        jobs.setObserver([this](const HarvestJobs::Job& job) {
            boost::json::object event = toJson(job);
            const bool ended = job.state != u"running"_s;
            event["type"] = ended ? "harvest_end" : "harvest_progress";
            events.publish(event);
            if (ended && job.report) {
                events.publish(
                    {{"type", "sessions_changed"}, {"source", "harvest"}, {"job", json::fromQString(job.id)}});
            }
        });
        recording.service().setObserver([this](const QStringList& ids) {
            boost::json::array sessions;
            for (const QString& id : ids) {
                sessions.emplace_back(json::fromQString(id));
            }
            events.publish({{"type", "sessions_changed"}, {"source", "recording"}, {"sessions", std::move(sessions)}});
        });
    }
    boost::json::object serverStatus()
    {
        return {{"status", QFileInfo::exists(databasePath) ? "healthy" : "degraded"},
                {"version", CHASM_VERSION},
                {"uptime_seconds", uptime.elapsed() / 1000},
                {"recording", RecordingService::toJson(recording.service().status())}};
    }
};

const QList<RestApiPrivate::Route>& RestApiPrivate::routes()
{
    using R = RestApiPrivate;
    const QStringList search{u"q"_s,     u"provider"_s, u"workspace"_s, u"role"_s,
                             u"after"_s, u"before"_s,   u"limit"_s,     u"exhaustive"_s};
    static const QList<Route> table = {
        {"GET", {u"health"_s}, {}, &R::health},
        {"GET", {u"system"_s, u"info"_s}, {}, &R::systemInfo},
        {"GET", {u"workspaces"_s}, {u"provider"_s}, &R::workspaces},
        {"GET", {u"workspaces"_s, u"{}"_s}, {}, &R::workspace},
        {"POST", {u"workspaces"_s, u"discover"_s}, {}, &R::discoverWorkspaces},
        {"GET",
         {u"sessions"_s},
         {u"provider"_s, u"project_path"_s, u"workspace"_s, u"after"_s, u"before"_s, u"limit"_s, u"cursor"_s},
         &R::sessions},
        {"GET", {u"sessions"_s, u"{}"_s}, {}, &R::session},
        {"POST", {u"sessions"_s, u"merge"_s}, {}, &R::mergeSessions},
        {"GET", {u"sessions"_s, u"{}"_s, u"export"_s}, {u"format"_s}, &R::exportSession},
        {"GET",
         {u"sessions"_s, u"{}"_s, u"messages"_s},
         {u"cursor"_s, u"limit"_s, u"around"_s, u"role"_s, u"max_chars_per_message"_s},
         &R::messages},
        {"GET", {u"search"_s}, search, &R::search},
        {"GET", {u"search"_s, u"sessions"_s}, search, &R::searchSessions},
        {"GET", {u"search"_s, u"semantic"_s}, {u"q"_s, u"limit"_s}, &R::semanticSearch},
        {"GET", {u"stats"_s}, {}, &R::statsOverview}, // the seed's unversioned /api/stats
        {"GET", {u"stats"_s, u"overview"_s}, {}, &R::statsOverview},
        {"GET", {u"stats"_s, u"providers"_s}, {}, &R::statsProviders},
        {"GET", {u"stats"_s, u"timeline"_s}, {u"period"_s}, &R::statsTimeline},
        {"GET", {u"providers"_s}, {}, &R::providers},
        {"GET", {u"providers"_s, u"{}"_s, u"health"_s}, {}, &R::providerHealth},
        {"GET", {u"retention"_s}, {u"provider"_s, u"days"_s}, &R::retention},
        {"POST", {u"sync"_s, u"push"_s}, {}, &R::pushSessions},
        {"GET", {u"settings"_s}, {}, &R::settings},
        {"POST", {u"harvest"_s}, {}, &R::startHarvest},
        {"GET", {u"harvest"_s, u"{}"_s}, {}, &R::harvestJob},
        {"GET", {u"openapi.yaml"_s}, {}, &R::openApi},
    };
    return table;
}

Answer RestApiPrivate::answer(const http::ApiRequest& request)
{
    QByteArray path = request.path;
    for (const QByteArray& prefix : {QByteArray("/api/v1"), QByteArray("/api")}) {
        if (path == prefix || path.startsWith(QByteArray(prefix + '/'))) {
            path = path.mid(prefix.size());
            break;
        }
    }
    if (path.endsWith('/')) {
        path.chop(1);
    }
    Call call;
    call.method = request.method;
    for (const QByteArray& raw : path.mid(1).split('/')) {
        const QString segment = QString::fromUtf8(QByteArray::fromPercentEncoding(raw));
        if (segment == u"."_s || segment == u".."_s) {
            return failure(400, u"'.' and '..' are refused in a path: name the resource itself"_s);
        }
        if (!isPlainName(segment)) {
            return failure(400, u"a path segment holds a slash, a backslash or a control character, or is longer "
                                u"than %1 characters"_s.arg(maxSegment));
        }
        call.segments << segment;
    }
    // Form encoding writes a space as '+'.
    QByteArray query = request.query;
    query.replace('+', "%20");
    call.query = QUrlQuery(QString::fromUtf8(query));
    call.body = request.body;

    bool pathKnown = false;
    for (const Route& route : routes()) {
        if (route.pattern.size() != call.segments.size()) {
            continue;
        }
        bool matches = true;
        for (qsizetype i = 0; i < route.pattern.size() && matches; ++i) {
            matches = route.pattern[i] == u"{}"_s ? !call.segments[i].isEmpty() : route.pattern[i] == call.segments[i];
        }
        if (!matches) {
            continue;
        }
        pathKnown = true;
        if (route.method != call.method) {
            continue;
        }
        for (const auto& [name, value] : call.query.queryItems()) {
            if (!route.parameters.contains(name)) {
                return failure(400, route.parameters.isEmpty()
                                        ? u"this endpoint takes no parameters (got '%1')"_s.arg(name)
                                        : u"unknown parameter '%1' (this endpoint takes %2)"_s.arg(
                                              name, route.parameters.join(u", "_s)));
            }
        }
        return (this->*route.handler)(call);
    }
    if (pathKnown) {
        return failure(
            405, u"%1 is not served at %2"_s.arg(QString::fromLatin1(request.method), QString::fromUtf8(request.path)));
    }
    return failure(404, u"no such endpoint: %1 (see GET /api/v1/health, /sessions, /search, /stats/overview)"_s.arg(
                            QString::fromUtf8(request.path)));
}

Answer RestApiPrivate::health(const Call&)
{
    // Degraded before the first harvest (nothing to serve yet), unhealthy when the database (or the team database)
    // cannot be read.
    QString status = u"healthy"_s;
    int code = 200;
    if (PostgresUrl::isPostgres(databasePath)) {
        if (refused(teamDatabase())) {
            status = u"unhealthy"_s;
            code = 503;
        }
    } else if (!QFileInfo::exists(databasePath)) {
        status = u"degraded"_s;
    } else if (refused(database())) {
        status = u"unhealthy"_s;
        code = 503;
    }
    return {code, boost::json::object{{"status", json::fromQString(status)},
                                      {"version", CHASM_VERSION},
                                      {"uptime_seconds", uptime.elapsed() / 1000}}};
}

Answer RestApiPrivate::systemInfo(const Call&)
{
    const QFileInfo file(databasePath);
    return {200, boost::json::object{
                     {"version", CHASM_VERSION},
                     {"qt_version", qVersion()},
                     {"os", json::fromQString(QSysInfo::prettyProductName())},
                     {"kernel", json::fromQString(QSysInfo::kernelType() + u' ' + QSysInfo::kernelVersion())},
                     {"cpu_architecture", json::fromQString(QSysInfo::currentCpuArchitecture())},
                     {"database", json::fromQString(databasePath)},
                     {"database_exists", file.exists()},
                     {"database_size_bytes", file.exists() ? file.size() : 0},
                     {"uptime_seconds", uptime.elapsed() / 1000},
                 }};
}

Answer RestApiPrivate::workspaces(const Call& call)
{
    const auto provider = providerId(call);
    if (const Answer* error = refused(provider)) {
        return *error;
    }
    auto found = CatalogService(catalog).workspaces(std::get<QString>(provider));
    if (!found) {
        return serviceFailure(found.error());
    }
    std::sort(found->begin(), found->end(),
              [](const Workspace& a, const Workspace& b) { return a.lastModified > b.lastModified; });
    return {200, toJson(*found)};
}

Answer RestApiPrivate::workspace(const Call& call)
{
    auto report = CatalogService(catalog).showWorkspace(call.id());
    if (!report) {
        return serviceFailure(report.error());
    }
    return {200, toJson(*report)};
}

Answer RestApiPrivate::discoverWorkspaces(const Call& call)
{
    // {"provider": "code"}: the editors' workspaces as `chasm list workspaces --json` lists them, found again now;
    // {"path": "/abs/project"}: a project's, as `chasm detect workspace PATH --json` tells them.
    const auto body = bodyObject(call, {"provider", "path"}, u"{\"provider\": \"code\"} or {\"path\": \"/project\"}"_s);
    if (const Answer* error = refused(body)) {
        return *error;
    }
    const auto& object = std::get<boost::json::object>(body);
    const auto provider = bodyText(object, "provider");
    const auto path = bodyText(object, "path");
    for (const Answer* error : {refused(provider), refused(path)}) {
        if (error) {
            return *error;
        }
    }
    if (object.contains("path")) {
        if (object.contains("provider")) {
            return failure(400, u"the body takes \"provider\" or \"path\", not both"_s);
        }
        const auto project = absolutePath(std::get<QString>(path), u"path"_s);
        if (const Answer* error = refused(project)) {
            return *error;
        }
        auto report = CatalogService(catalog).detectWorkspace(std::get<QString>(project));
        if (!report) {
            return serviceFailure(report.error());
        }
        return {200, detectWorkspaceJson(*report)};
    }
    auto found = CatalogService(catalog).workspaces(std::get<QString>(provider));
    if (!found) {
        return serviceFailure(found.error());
    }
    return {200, toJson(*found)};
}

Answer RestApiPrivate::mergeSessions(const Call& call)
{
    // As `chasm merge sessions ID… --target-path P [--title T] [--force] --json`, a dry run unless "apply".
    const QString expected = u"{\"sessions\": [\"id\", …], \"target_path\": \"/project\", \"title\", \"apply\", "
                             u"\"force\"}"_s;
    const auto body = bodyObject(call, {"sessions", "target_path", "title", "apply", "force"}, expected);
    if (const Answer* error = refused(body)) {
        return *error;
    }
    const auto& object = std::get<boost::json::object>(body);
    const auto title = bodyText(object, "title");
    const auto target = bodyText(object, "target_path");
    const auto apply = bodyFlag(object, "apply");
    const auto force = bodyFlag(object, "force");
    for (const Answer* error : {refused(title), refused(target), refused(apply), refused(force)}) {
        if (error) {
            return *error;
        }
    }
    const auto targetPath = absolutePath(std::get<QString>(target), u"target_path"_s);
    if (const Answer* error = refused(targetPath)) {
        return *error;
    }
    const auto names = bodySessionIds(object, 2, maxPage);
    if (const Answer* error = refused(names)) {
        return *error;
    }
    MergeService::Request request;
    request.kind = MergeService::Request::Kind::Sessions;
    request.names = std::get<QStringList>(names);
    request.title = std::get<QString>(title);
    request.targetPath = std::get<QString>(targetPath);
    request.options.dryRun = !std::get<bool>(apply);
    request.options.force = std::get<bool>(force);
    auto report = MergeService(catalog).run(request);
    if (!report) {
        return serviceFailure(report.error());
    }
    return {std::get<bool>(apply) ? 201 : 200, toJson(*report)};
}

Answer RestApiPrivate::pushSessions(const Call& call)
{
    // As `chasm sync --push [--sessions IDS] [--provider P] [--workspace W] [--format F] [--force] --json`: sessions
    // back into their tools' stores from the harvest database, a dry run unless "apply".
    const QString expected = u"{\"sessions\": [\"id\", …], \"provider\", \"workspace\", \"format\": "
                             u"\"auto|jsonl|json\", \"apply\", \"force\"}"_s;
    const auto body = bodyObject(call, {"sessions", "provider", "workspace", "format", "apply", "force"}, expected);
    if (const Answer* error = refused(body)) {
        return *error;
    }
    const auto& object = std::get<boost::json::object>(body);
    const auto names = bodySessionIds(object, 0, maxPage);
    const auto provider = bodyText(object, "provider");
    const auto workspace = bodyText(object, "workspace");
    const auto format = bodyText(object, "format");
    const auto apply = bodyFlag(object, "apply");
    const auto force = bodyFlag(object, "force");
    for (const Answer* error :
         {refused(names), refused(provider), refused(workspace), refused(format), refused(apply), refused(force)}) {
        if (error) {
            return *error;
        }
    }
    SyncService::PushRequest request;
    request.database = databasePath;
    request.sessions = std::get<QStringList>(names);
    request.provider = std::get<QString>(provider);
    request.workspace = std::get<QString>(workspace);
    request.format = std::get<QString>(format).isEmpty() ? u"auto"_s : std::get<QString>(format);
    if (!QStringList{u"auto"_s, u"jsonl"_s, u"json"_s}.contains(request.format)) {
        return failure(400, u"\"format\" is \"auto\", \"jsonl\" or \"json\""_s);
    }
    request.dryRun = !std::get<bool>(apply);
    request.force = std::get<bool>(force);
    auto report = SyncService(catalog).push(request);
    if (!report) {
        return serviceFailure(report.error());
    }
    return {std::get<bool>(apply) ? 201 : 200, toJson(*report)};
}

Answer RestApiPrivate::sessions(const Call& call)
{
    const auto provider = providerId(call);
    const auto after = time(call, u"after"_s, false);
    const auto before = time(call, u"before"_s, true);
    const auto limit = integer(call, u"limit"_s, 50, 1, maxPage);
    const auto offset = cursor(call);
    for (const Answer* error : {refused(provider), refused(after), refused(before), refused(limit), refused(offset)}) {
        if (error) {
            return *error;
        }
    }
    HistoryService::SessionsRequest request;
    // A workspace's id ("code:<hash>", as /workspaces gives it) or its hash.
    const QString workspace = call.parameter(u"workspace"_s);
    request.workspaceId = workspace.contains(u':') ? workspace.section(u':', 1) : workspace;
    request.projectPath = call.parameter(u"project_path"_s);
    request.provider = std::get<QString>(provider);
    request.after = std::get<QDateTime>(after);
    request.before = std::get<QDateTime>(before);
    request.offset = std::get<int>(offset);
    request.limit = std::get<int>(limit);
    auto db = history();
    if (const Answer* error = refused(db)) {
        return *error;
    }
    auto report = HistoryService::sessions(std::get<HistoryStore>(db), request);
    if (!report) {
        return serviceFailure(report.error());
    }
    boost::json::object page = toJson(*report);
    const qint64 next = report->offset + report->sessions.size();
    page["next_cursor"] = next < report->total ? boost::json::value(std::to_string(next)) : nullptr;
    return {200, std::move(page)};
}

Answer RestApiPrivate::session(const Call& call)
{
    auto db = history();
    if (const Answer* error = refused(db)) {
        return *error;
    }
    HistoryService::MessagesRequest request;
    request.sessionId = call.id();
    request.limit = 1;
    auto report = HistoryService::messages(std::get<HistoryStore>(db), request);
    if (!report) {
        return serviceFailure(report.error());
    }
    boost::json::object whole = toJson(*report);
    return {200, std::move(whole["session"])};
}

Answer RestApiPrivate::messages(const Call& call)
{
    const auto from = cursor(call);
    const auto limit = integer(call, u"limit"_s, 50, 1, maxPage);
    const auto around = integer(call, u"around"_s, -1, 0, std::numeric_limits<int>::max());
    const auto maxChars = integer(call, u"max_chars_per_message"_s, 0, 0, std::numeric_limits<int>::max());
    for (const Answer* error : {refused(from), refused(limit), refused(around), refused(maxChars)}) {
        if (error) {
            return *error;
        }
    }
    HistoryService::MessagesRequest request;
    request.sessionId = call.id();
    request.from = std::get<int>(from);
    request.limit = std::get<int>(limit);
    if (call.has(u"around"_s)) {
        request.around = std::get<int>(around);
    }
    if (call.has(u"role"_s)) {
        request.roles = call.parameter(u"role"_s).split(u',', Qt::SkipEmptyParts);
    }
    request.maxCharsPerMessage = std::get<int>(maxChars);
    request.maxWindowChars = maxPageChars;
    auto db = history();
    if (const Answer* error = refused(db)) {
        return *error;
    }
    auto report = HistoryService::messages(std::get<HistoryStore>(db), request);
    if (!report) {
        return serviceFailure(report.error());
    }
    boost::json::object page = toJson(*report);
    page["next_cursor"] = report->nextFrom ? boost::json::value(std::to_string(*report->nextFrom)) : nullptr;
    return {200, std::move(page)};
}

Answer RestApiPrivate::exportSession(const Call& call)
{
    const QString name = call.has(u"format"_s) ? call.parameter(u"format"_s) : u"json"_s;
    const auto format = SessionExport::formatNamed(name);
    if (!format) {
        return failure(400, u"parameter 'format' is json, jsonl, markdown, html, csv or pdf (got '%1')"_s.arg(name));
    }
    if (*format == SessionExport::Format::Pdf) {
        // Typesetting needs Qt's GUI module, which the server does not load.
        return failure(501, u"PDF is not served over HTTP: `chasm export sessions DEST ID --format pdf` writes it"_s);
    }
    const auto db = history();
    if (const Answer* error = refused(db)) {
        return *error;
    }
    const auto chars = HistoryService::textLength(std::get<HistoryStore>(db), call.id());
    if (!chars) {
        return serviceFailure(chars.error());
    }
    if (*chars > maxExportChars) {
        return failure(
            422, u"this session holds %1 characters of text, more than the server exports in one answer "
                 u"(%2): `chasm harvest export` writes it to a file, and /messages reads it in pages"_s.arg(*chars)
                     .arg(maxExportChars));
    }
    auto session = HarvestDatabaseService(catalog).session(databasePath, call.id());
    if (!session) {
        return serviceFailure(session.error());
    }
    auto document = SessionExport::render(*session, *format);
    if (!document) {
        return serviceFailure(document.error());
    }
    static const std::map<SessionExport::Format, QByteArray> types = {
        {SessionExport::Format::Json, "application/json"},
        {SessionExport::Format::Jsonl, "application/x-ndjson"},
        {SessionExport::Format::Markdown, "text/markdown; charset=utf-8"},
        {SessionExport::Format::Csv, "text/csv; charset=utf-8"},
        {SessionExport::Format::Html, "text/html; charset=utf-8"},
    };
    Answer answer;
    answer.contentType = types.at(*format);
    answer.document = std::move(document).value();
    const QByteArray fileName = QUrl::toPercentEncoding(SessionExport::fileName(*session, *format));
    answer.headers = {{"Content-Disposition", QByteArray("attachment; filename*=UTF-8''" + fileName)}};
    if (*format == SessionExport::Format::Html) {
        // Shown as it is, the page may use its own style sheet and pictures written into it, and nothing else: no
        // script, nothing fetched from elsewhere, no frame around it.
        answer.headers.emplaceBack("Content-Security-Policy",
                                   "default-src 'none'; style-src 'unsafe-inline'; img-src data:; "
                                   "frame-ancestors 'none'; base-uri 'none'; form-action 'none'");
    }
    return answer;
}

Checked<HarvestStore::SearchResults> RestApiPrivate::runSearch(const Call& call)
{
    const QString query = call.parameter(u"q"_s).trimmed();
    if (query.isEmpty()) {
        return failure(400, u"parameter 'q' is required: the words to search for"_s);
    }
    const auto provider = providerId(call);
    const auto after = time(call, u"after"_s, false);
    const auto before = time(call, u"before"_s, true);
    const auto limit = integer(call, u"limit"_s, 20, 1, maxPage);
    const auto exhaustive = flag(call, u"exhaustive"_s);
    for (const Answer* error :
         {refused(provider), refused(after), refused(before), refused(limit), refused(exhaustive)}) {
        if (error) {
            return *error;
        }
    }
    HarvestStore::SearchFilter filter;
    filter.provider = std::get<QString>(provider);
    filter.workspace = call.parameter(u"workspace"_s);
    filter.role = call.parameter(u"role"_s);
    if (!filter.role.isEmpty() && !QStringList{u"user"_s, u"assistant"_s, u"system"_s}.contains(filter.role)) {
        return failure(400, u"parameter 'role' is user, assistant or system (got '%1')"_s.arg(filter.role));
    }
    filter.after = std::get<QDateTime>(after);
    filter.before = std::get<QDateTime>(before);
    filter.limit = std::get<int>(limit);
    filter.exhaustive = std::get<bool>(exhaustive);
    Result<HarvestSearch::Results> results = Error{};
    if (PostgresUrl::isPostgres(databasePath)) {
        auto team = teamDatabase();
        if (const Answer* error = refused(team)) {
            return *error;
        }
        results = PostgresSearch(*std::get<PostgresDatabase*>(team)).search(query, filter);
    } else {
        auto db = database();
        if (const Answer* error = refused(db)) {
            return *error;
        }
        results = SearchService::searchHarvest(*std::get<Database*>(db), query, filter);
    }
    if (!results) {
        return serviceFailure(results.error());
    }
    return std::move(results).value();
}

Answer RestApiPrivate::search(const Call& call)
{
    auto results = runSearch(call);
    if (const Answer* error = refused(results)) {
        return *error;
    }
    const QString searched =
        PostgresUrl::isPostgres(databasePath) ? TeamService::shown(databasePath) : QFileInfo(databasePath).filePath();
    return {200, toJson(SearchService::HarvestReport{searched, std::get<HarvestStore::SearchResults>(results)})};
}

Answer RestApiPrivate::searchSessions(const Call& call)
{
    auto results = runSearch(call);
    if (const Answer* error = refused(results)) {
        return *error;
    }
    // The hits grouped by session, the sessions in the order of their best hit.
    boost::json::array sessions;
    std::map<QString, std::size_t> index;
    for (const HarvestStore::SearchHit& hit : std::get<HarvestStore::SearchResults>(results).hits) {
        auto [at, added] = index.try_emplace(hit.origin + u'\n' + hit.sessionId, sessions.size());
        if (added) {
            boost::json::object session{{"session_id", json::fromQString(hit.sessionId)},
                                        {"provider", json::fromQString(hit.provider)},
                                        {"title", json::fromQString(hit.title)},
                                        {"project_path", optionalText(hit.projectPath)},
                                        {"hits", boost::json::array()}};
            if (!hit.origin.isEmpty()) { // a team database's: who harvested it where
                session["origin"] = json::fromQString(hit.origin);
            }
            sessions.emplace_back(std::move(session));
        }
        sessions.at(at->second).as_object()["hits"].as_array().emplace_back(toJson(hit));
    }
    return {200, boost::json::object{{"query", json::fromQString(call.parameter(u"q"_s))},
                                     {"sessions", std::move(sessions)}}};
}

Answer RestApiPrivate::semanticSearch(const Call&)
{
    return failure(501, u"semantic search is not configured on this server: use /api/v1/search for full-text "
                        u"search"_s);
}

Checked<HistoryService::StatsReport> RestApiPrivate::stats()
{
    auto db = history();
    if (const Answer* error = refused(db)) {
        return *error;
    }
    auto report = HistoryService::stats(std::get<HistoryStore>(db));
    if (!report) {
        return serviceFailure(report.error());
    }
    return std::move(report).value();
}

Answer RestApiPrivate::statsOverview(const Call&)
{
    const auto report = stats();
    if (const Answer* error = refused(report)) {
        return *error;
    }
    return {200, toJson(std::get<HistoryService::StatsReport>(report))};
}

Answer RestApiPrivate::statsProviders(const Call&)
{
    const auto report = stats();
    if (const Answer* error = refused(report)) {
        return *error;
    }
    boost::json::object whole = toJson(std::get<HistoryService::StatsReport>(report));
    return {200, boost::json::object{{"providers", std::move(whole["providers"])}}};
}

Answer RestApiPrivate::statsTimeline(const Call& call)
{
    const QString name = call.has(u"period"_s) ? call.parameter(u"period"_s) : u"month"_s;
    const auto period = HistoryService::periodNamed(name);
    if (!period) {
        return failure(400, u"parameter 'period' is day, week, month or year (got '%1')"_s.arg(name));
    }
    auto db = history();
    if (const Answer* error = refused(db)) {
        return *error;
    }
    auto report = HistoryService::timeline(std::get<HistoryStore>(db), *period);
    if (!report) {
        return serviceFailure(report.error());
    }
    return {200, toJson(*report)};
}

Answer RestApiPrivate::providers(const Call&)
{
    auto report = CatalogService(catalog).providerStatuses({});
    if (!report) {
        return serviceFailure(report.error());
    }
    return {200, toJson(*report)};
}

Answer RestApiPrivate::retention(const Call& call)
{
    // As `chasm retention --json`: each tool's rule for deleting its sessions, and those it deletes within `days`.
    const auto provider = providerId(call);
    const auto days = integer(call, u"days"_s, RetentionService::defaultDays, 0, 36500);
    for (const Answer* error : {refused(provider), refused(days)}) {
        if (error) {
            return *error;
        }
    }
    RetentionService::Request request;
    request.database = databasePath;
    request.provider = std::get<QString>(provider);
    request.days = std::get<int>(days);
    auto report = RetentionService(catalog).report(request);
    if (!report) {
        return serviceFailure(report.error());
    }
    return {200, toJson(*report)};
}

Answer RestApiPrivate::providerHealth(const Call& call)
{
    auto chosen = catalog.providers(call.id());
    if (!chosen) {
        return failure(404, chosen.error().message);
    }
    auto report = CatalogService(catalog).providerStatuses({});
    if (!report) {
        return serviceFailure(report.error());
    }
    const QString id = chosen->constFirst()->id();
    const auto status = std::find_if(report->statuses.cbegin(), report->statuses.cend(),
                                     [&id](const ProviderStatus& s) { return s.id == id; });
    if (status == report->statuses.cend()) {
        return failure(404, u"no provider '%1'"_s.arg(id));
    }
    // Its store: found where it looks, readable there, how many sessions, and what stands in the way.
    boost::json::object health = shapes::providerStatus(*status);
    bool readable = true;
    boost::json::array errors;
    for (const ProviderStatus::Location& location : status->locations) {
        if (location.exists && !QFileInfo(location.path).isReadable()) {
            readable = false;
            errors.emplace_back(json::fromQString(u"cannot read %1"_s.arg(location.path)));
        }
    }
    health["found"] = status->hasData();
    health["readable"] = status->hasData() && readable;
    health["sessions"] = status->sessionCount;
    health["errors"] = std::move(errors);
    return {200, std::move(health)};
}

Answer RestApiPrivate::settings(const Call&)
{
    return {200, boost::json::object{
                     {"host", json::fromQString(serving.host)},
                     {"port", port},
                     {"auth", serving.noAuth ? "none" : "token"},
                     {"database", json::fromQString(databasePath)},
                     {"max_body_bytes", serving.maxBody},
                     {"cors_allowed_origins", jsonArray(serving.allowedOrigins)},
                     {"max_in_flight", serving.maxInFlight},
                     {"mcp_endpoint", "/mcp"},
                 }};
}

Answer RestApiPrivate::startHarvest(const Call& call)
{
    // The body: nothing, or {"providers": "copilot,cursor", "exclude": "codex"} as `harvest run` takes them.
    const auto body =
        bodyObject(call, {"providers", "exclude"},
                   u"{\"providers\": \"a,b\", \"exclude\": \"c\"} (provider names separated by commas)"_s);
    if (const Answer* error = refused(body)) {
        return *error;
    }
    const auto providers = bodyText(std::get<boost::json::object>(body), "providers");
    const auto excluded = bodyText(std::get<boost::json::object>(body), "exclude");
    for (const Answer* error : {refused(providers), refused(excluded)}) {
        if (error) {
            return *error;
        }
    }
    const QString only = std::get<QString>(providers);
    const QString exclude = std::get<QString>(excluded);
    if (auto chosen = HarvestDatabaseService(catalog).chosenProviders(only, exclude); !chosen) {
        return serviceFailure(chosen.error());
    }
    const HarvestJobs::Started started = jobs.start([this, only, exclude](const Harvester::Options& options) {
        HarvestDatabaseService::RunRequest request;
        request.database = databasePath;
        request.only = only;
        request.exclude = exclude;
        request.options = options;
        auto report = harvestRunner(request);
        return report ? Result<boost::json::object>(toJson(*report)) : Result<boost::json::object>(report.error());
    });
    if (!started.running.isEmpty()) {
        return failure(
            409, u"a harvest is running (job %1): GET /api/v1/harvest/%1 tells when it ends"_s.arg(started.running));
    }
    if (started.id.isEmpty()) {
        return failure(503, u"the server is shutting down: it starts no harvest"_s);
    }
    return {202, toJson(*jobs.job(started.id))};
}

Answer RestApiPrivate::harvestJob(const Call& call)
{
    const auto job = jobs.job(call.id());
    if (!job) {
        return failure(404, u"no harvest job '%1' on this server"_s.arg(call.id()));
    }
    return {200, toJson(*job)};
}

Answer RestApiPrivate::openApi(const Call&)
{
    // docs/api/openapi.yaml, built in (core/server/rest/CMakeLists.txt).
    QFile file(u":/chasm/api/openapi.yaml"_s);
    if (!file.open(QIODevice::ReadOnly)) {
        return failure(500, u"the API's specification is not built into this server"_s);
    }
    Answer answer;
    answer.contentType = "application/yaml";
    answer.document = file.readAll();
    return answer;
}

RestApi::RestApi(const Environment& environment, Options options)
    : d(std::make_unique<RestApiPrivate>(environment, std::move(options)))
{
    d->publishEvents();
}

RestApi::~RestApi()
{
    d->pool.waitForDone();
}

void RestApi::stop()
{
    d->jobs.stop();
}

void RestApi::setServing(const http::ApiHttpOptions& options, quint16 port)
{
    d->serving = options;
    d->port = port;
}

QString RestApi::databasePath() const
{
    return d->databasePath;
}

void RestApi::handle(http::ApiRequest request, std::function<void(http::ApiReply)> reply)
{
    if (ChatApi::claims(request.path)) {
        d->chat.handle(request, std::move(reply));
        return;
    }
    d->pool.start([this, request = std::move(request), reply = std::move(reply)] {
        if (RecordingApi::claims(request.path)) {
            d->recording.handle(request, reply);
            return;
        }
        const Answer answer = d->answer(request);
        if (!answer.contentType.isEmpty()) {
            reply({answer.status, answer.contentType, answer.document, answer.headers, nullptr});
            return;
        }
        reply({answer.status, "application/json", QByteArray::fromStdString(boost::json::serialize(answer.json)),
               answer.headers, nullptr});
    });
}

bool RestApi::servesSocket(const QByteArray& path) const
{
    return RecordingApi::servesSocket(path) || ServerEvents::servesSocket(path);
}

std::unique_ptr<http::ApiSocketSession> RestApi::openSocket(const QByteArray& path,
                                                            std::shared_ptr<http::ApiSocketPeer> peer)
{
    if (RecordingApi::servesSocket(path)) {
        return d->recording.openSocket(std::move(peer));
    }
    return ServerEvents::servesSocket(path) ? d->events.open(std::move(peer)) : nullptr;
}

} // namespace chasm::rest
