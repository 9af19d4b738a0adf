// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#include "TeamService.h"

#include "json/Json.h"
#include "store/postgres/PostgresDatabase.h"
#include "store/postgres/PostgresSchema.h"
#include "store/postgres/PostgresReader.h"
#include "store/postgres/PostgresSearch.h"
#include "store/Database.h"

#include <QFileInfo>
#include <QUrl>

#include <QSet>
#include <QSqlError>
#include <QSqlQuery>
#include <QThreadStorage>

#include <map>

using namespace Qt::StringLiterals;

namespace chasm {

namespace {

// A query's error on one line.
QString said(const QSqlQuery& query)
{
    return query.lastError().databaseText().simplified();
}

} // namespace

TeamService::TeamService(SecretStore store)
    : m_store(std::move(store))
{}

Result<std::unique_ptr<PostgresDatabase>> TeamService::open(const QString& text, bool current) const
{
    const Result<PostgresUrl> url = PostgresUrl::parse(text);
    if (!url) {
        return url.error();
    }
    std::optional<QString> password = url->password();
    // The keychain is asked only for a URL without a password, and a keychain that cannot be reached is no error:
    // libpq then looks for the password itself.
    if (!password) {
        if (const Result<SecretStore::Found> kept = m_store.read(url->keychainKey()); kept && kept->has_value()) {
            password = QString::fromUtf8(**kept);
        }
    }
    Result<std::unique_ptr<PostgresDatabase>> db = PostgresDatabase::open(*url, password);
    if (!db || !current) {
        return db;
    }
    const Result<int> version = (*db)->version();
    if (!version) {
        return version.error();
    }
    if (*version > PostgresDatabase::schemaVersion) {
        return Error{u"%1 holds the team database of a newer Chasm (schema %2, this one knows up to %3): upgrade "
                     "Chasm to use it"_s.arg(url->shown(), QString::number(*version),
                                             QString::number(PostgresDatabase::schemaVersion))};
    }
    if (*version != PostgresDatabase::schemaVersion) {
        return Error{u"%1 holds no team database of this Chasm (schema %2, this one's is %3): an administrator runs "
                     "`chasm team init --db URL` first"_s.arg(url->shown(), QString::number(*version),
                                                              QString::number(PostgresDatabase::schemaVersion))};
    }
    return db;
}

Result<PostgresDatabase*> TeamService::threadConnection(const QString& url) const
{
    using Connections = std::map<QString, std::unique_ptr<PostgresDatabase>>;
    // Closed as the thread finishes, before Qt Sql is torn down (a thread_local would close them later).
    static QThreadStorage<Connections*> storage;
    if (!storage.hasLocalData()) {
        storage.setLocalData(new Connections);
    }
    std::unique_ptr<PostgresDatabase>& kept = (*storage.localData())[url];
    if (!kept) {
        Result<std::unique_ptr<PostgresDatabase>> opened = open(url);
        if (!opened) {
            return opened.error();
        }
        kept = std::move(opened).value();
    }
    return kept.get();
}

Result<TeamService::InitReport> TeamService::init(const QString& url) const
{
    Result<std::unique_ptr<PostgresDatabase>> opened = open(url, false);
    if (!opened) {
        return opened.error();
    }
    PostgresDatabase& db = **opened;
    InitReport report;
    report.database = db.url().shown();
    // The group role is the cluster's, shared by its databases: made once, by the first init.
    QSqlQuery query(db.connection());
    const QString users = PostgresSchema::usersRole.toString();
    query.prepare(u"SELECT 1 FROM pg_roles WHERE rolname = ?"_s);
    query.addBindValue(users);
    if (!query.exec()) {
        return db.error(u"cannot read"_s, said(query));
    }
    if (!query.next()) {
        if (auto error = db.execute({u"CREATE ROLE %1 NOLOGIN"_s.arg(users)})) {
            return *error;
        }
        report.createdRoles << users;
    }
    const Result<int> from = db.migrate();
    if (!from) {
        return from.error();
    }
    report.fromVersion = *from;
    report.version = PostgresDatabase::schemaVersion;
    return report;
}

Result<TeamService::ShareReport> TeamService::share(const ShareRequest& request) const
{
    return changeShares(request, true);
}

Result<TeamService::ShareReport> TeamService::unshare(const ShareRequest& request) const
{
    return changeShares(request, false);
}

Result<TeamService::ShareReport> TeamService::changeShares(const ShareRequest& request, bool add) const
{
    Result<std::unique_ptr<PostgresDatabase>> opened = open(request.url, true);
    if (!opened) {
        return opened.error();
    }
    PostgresDatabase& db = **opened;
    ShareReport report;
    report.database = db.url().shown();
    report.role = request.role;
    report.project = request.project;
    QSqlQuery query(db.connection());
    query.prepare(u"SELECT 1 FROM pg_roles WHERE rolname = ?"_s);
    query.addBindValue(request.role);
    if (!query.exec()) {
        return db.error(u"cannot read"_s, said(query));
    }
    if (!query.next()) {
        return Error{
            u"%1 has no role %2 (an administrator makes it: CREATE ROLE)"_s.arg(report.database, request.role)};
    }
    if (!request.project.isEmpty()) {
        query.prepare(u"SELECT id FROM sessions WHERE owner_role = current_user AND project_path = ? ORDER BY id"_s);
        query.addBindValue(request.project);
        if (!query.exec()) {
            return db.error(u"cannot read"_s, said(query));
        }
        while (query.next()) {
            report.sessions << query.value(0).toString();
        }
        query.prepare(add ? u"INSERT INTO project_shares (project_path, grantee) VALUES (?, ?) ON CONFLICT DO NOTHING"_s
                          : u"DELETE FROM project_shares WHERE owner_role = current_user AND project_path = ? "
                            "AND grantee = ?"_s);
        query.addBindValue(request.project);
        query.addBindValue(request.role);
        if (!query.exec()) {
            return db.error(u"cannot write"_s, said(query));
        }
        report.changed = query.numRowsAffected();
        return report;
    }
    // Each id is one of the person's own sessions, named whole or by a prefix only it has (on every origin it was
    // harvested from).
    QList<std::pair<QString, QString>> keys; // origin, id
    for (const QString& wanted : request.sessions) {
        query.prepare(u"SELECT origin, id, id = ? FROM sessions WHERE owner_role = current_user "
                      "AND starts_with(id, ?) ORDER BY id = ? DESC, id"_s);
        query.addBindValue(wanted);
        query.addBindValue(wanted);
        query.addBindValue(wanted);
        if (!query.exec()) {
            return db.error(u"cannot read"_s, said(query));
        }
        QList<std::pair<QString, QString>> found;
        QSet<QString> ids;
        bool exact = false;
        while (query.next()) {
            const bool whole = query.value(2).toBool();
            if (exact && !whole) {
                break;
            }
            exact = whole;
            found.append({query.value(0).toString(), query.value(1).toString()});
            ids.insert(query.value(1).toString());
        }
        if (found.isEmpty()) {
            return Error{u"%1 holds no session of yours with the id %2"_s.arg(report.database, wanted)};
        }
        if (ids.size() > 1) {
            QStringList sorted = ids.values();
            sorted.sort();
            return Error{u"%1 is the start of several of your sessions' ids: %2"_s.arg(wanted, sorted.join(u", "_s))};
        }
        keys += found;
        report.sessions << found.first().second;
    }
    QSqlDatabase connection = db.connection();
    if (!connection.transaction()) {
        return db.error(u"cannot write"_s, connection.lastError().databaseText().simplified());
    }
    QSqlQuery write(connection);
    const bool prepared =
        write.prepare(add ? u"INSERT INTO session_shares (origin, session_id, grantee) VALUES (?, ?, ?) "
                            "ON CONFLICT DO NOTHING"_s
                          : u"DELETE FROM session_shares WHERE origin = ? AND session_id = ? AND grantee = ? "
                            "AND shared_by = current_user"_s);
    for (const auto& [origin, id] : std::as_const(keys)) {
        write.addBindValue(origin);
        write.addBindValue(id);
        write.addBindValue(request.role);
        if (!prepared || !write.exec()) {
            const Error failed = db.error(u"cannot write"_s, said(write));
            connection.rollback();
            return failed;
        }
        report.changed += write.numRowsAffected();
    }
    if (!connection.commit()) {
        return db.error(u"cannot write"_s, connection.lastError().databaseText().simplified());
    }
    return report;
}

boost::json::object toJson(const TeamService::InitReport& report)
{
    boost::json::array roles;
    for (const QString& role : report.createdRoles) {
        roles.emplace_back(json::fromQString(role));
    }
    return {{"database", json::fromQString(report.database)},
            {"from_version", report.fromVersion},
            {"version", report.version},
            {"created_roles", std::move(roles)}};
}

boost::json::object toJson(const TeamService::ShareReport& report)
{
    boost::json::array sessions;
    for (const QString& id : report.sessions) {
        sessions.emplace_back(json::fromQString(id));
    }
    boost::json::object object{{"database", json::fromQString(report.database)},
                               {"role", json::fromQString(report.role)},
                               {"sessions", std::move(sessions)},
                               {"changed", report.changed}};
    if (!report.project.isEmpty()) {
        object["project"] = json::fromQString(report.project);
    }
    return object;
}

Result<TeamService::PushReport> TeamService::push(const PushRequest& request) const
{
    // A push reads a harvest database; it makes none (an empty one would publish nothing, and stay behind).
    if (!QFileInfo::exists(request.database)) {
        return Error{
            u"there is no harvest database at %1: run `chasm harvest run` first, then push"_s.arg(request.database),
            ErrorKind::NotFound};
    }
    Result<std::unique_ptr<Database>> local = Database::open(request.database);
    if (!local) {
        return local.error();
    }
    Result<std::unique_ptr<PostgresDatabase>> team = open(request.url, true);
    if (!team) {
        return team.error();
    }
    PostgresPush::Options options;
    options.origin = request.origin;
    options.dryRun = request.dryRun;
    options.progress = request.progress;
    Result<PostgresPush::Report> pushed = PostgresPush::push(**local, **team, options);
    if (!pushed) {
        return pushed.error();
    }
    return PushReport{(*local)->path(), (*team)->url().shown(), request.dryRun, *pushed};
}

Result<HarvestDatabaseService::StatusReport> TeamService::status(const QString& url) const
{
    Result<std::unique_ptr<PostgresDatabase>> team = open(url, true);
    if (!team) {
        return team.error();
    }
    const PostgresReader reader(**team);
    Result<HarvestReader::Totals> totals = reader.totals();
    if (!totals) {
        return totals.error();
    }
    Result<qint64> size = reader.sizeBytes();
    if (!size) {
        return size.error();
    }
    HarvestDatabaseService::StatusReport report;
    report.database = (*team)->url().shown();
    report.sizeBytes = *size;
    report.totals = *totals;
    return report;
}

Result<QList<SessionRef>> TeamService::list(const QString& url, const QString& provider, const QString& search,
                                            int limit) const
{
    Result<std::unique_ptr<PostgresDatabase>> team = open(url, true);
    if (!team) {
        return team.error();
    }
    return PostgresReader(**team).list(provider, search, limit);
}

Result<HarvestSearch::Results> TeamService::search(const QString& url, const QString& query,
                                                   const HarvestSearch::Filter& filter) const
{
    Result<std::unique_ptr<PostgresDatabase>> team = open(url, true);
    if (!team) {
        return team.error();
    }
    return PostgresSearch(**team).search(query, filter);
}

QString TeamService::shown(const QString& url)
{
    const Result<PostgresUrl> parsed = PostgresUrl::parse(url);
    return parsed ? parsed->shown() : QUrl(url).toDisplayString(QUrl::RemovePassword);
}

boost::json::object toJson(const TeamService::PushReport& report)
{
    return {{"database", json::fromQString(report.database)},
            {"to", json::fromQString(report.to)},
            {"origin", json::fromQString(report.pushed.origin)},
            {"dry_run", report.dryRun},
            {"created", report.pushed.created},
            {"updated", report.pushed.updated},
            {"unchanged", report.pushed.unchanged},
            {"messages", report.pushed.messages}};
}

} // namespace chasm
