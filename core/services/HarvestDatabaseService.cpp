// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#include "HarvestDatabaseService.h"

#include "store/Originals.h"
#include "util/Settings.h"

#include "json/Json.h"
#include "model/ModelJson.h"
#include "services/RecoverService.h"
#include "services/TeamService.h"
#include "store/postgres/PostgresDatabase.h"
#include "store/postgres/PostgresReader.h"
#include "store/postgres/PostgresUrl.h"

#include <QFileInfo>
#include <QTemporaryDir>

using namespace Qt::StringLiterals;

namespace chasm {

QString HarvestDatabaseService::databasePath(const QString& database) const
{
    return Database::resolvePath(m_catalog.catalog().environment(), database);
}

Result<std::unique_ptr<Database>> HarvestDatabaseService::open(const QString& database, const Notice& notice) const
{
    return Database::open(databasePath(database), notice);
}

namespace {

// The sessions of a harvest database (HarvestStore) or of a team database (PostgresReader), read alike.
class Shelf
{
public:
    using Visit = std::function<std::optional<Error>(const Session&)>;

    static Result<Shelf> open(const QString& path, const HarvestDatabaseService::Notice& notice)
    {
        Shelf shelf;
        if (PostgresUrl::isPostgres(path)) {
            auto team = TeamService().open(path);
            if (!team) {
                return team.error();
            }
            shelf.m_team = std::move(team).value();
        } else {
            auto local = Database::open(path, notice);
            if (!local) {
                return local.error();
            }
            shelf.m_local = std::move(local).value();
        }
        return shelf;
    }

    Result<QString> resolve(const QString& idOrPrefix) const
    {
        return m_team ? PostgresReader(*m_team).resolve(idOrPrefix) : HarvestStore(*m_local).resolve(idOrPrefix);
    }
    Result<Session> session(const QString& idOrPrefix) const
    {
        return m_team ? PostgresReader(*m_team).session(idOrPrefix) : HarvestStore(*m_local).session(idOrPrefix);
    }
    std::optional<Error> forEachSession(const QString& provider, const QStringList& ids, const Visit& visit) const
    {
        return m_team ? PostgresReader(*m_team).forEachSession(provider, ids, visit)
                      : HarvestStore(*m_local).forEachSession(provider, ids, visit);
    }

private:
    std::unique_ptr<Database> m_local;
    std::unique_ptr<PostgresDatabase> m_team;
};

} // namespace

bool HarvestDatabaseService::isTeam(const QString& database) const
{
    return PostgresUrl::isPostgres(databasePath(database));
}

Result<Session> HarvestDatabaseService::session(const QString& database, const QString& sessionId,
                                                const Notice& notice) const
{
    auto shelf = Shelf::open(databasePath(database), notice);
    if (!shelf) {
        return shelf.error();
    }
    return shelf->session(sessionId);
}

Result<HarvestDatabaseService::KeptSession> HarvestDatabaseService::keptSession(const QString& database,
                                                                                const QString& sessionId) const
{
    const QString path = databasePath(database);
    if (!isTeam(database) && !QFileInfo::exists(path)) {
        return Error{u"no session matches '%1', and there is no harvest database (%2)"_s.arg(sessionId, path),
                     ErrorKind::NotFound};
    }
    auto found = session(database, sessionId);
    if (!found) {
        return found.error();
    }
    KeptSession kept{{}, std::move(found).value()};
    const Session& s = kept.session;
    kept.ref.id = s.id;
    kept.ref.provider = s.provider;
    kept.ref.nativeId = s.nativeId;
    kept.ref.title = s.title;
    kept.ref.projectPath = s.projectPath;
    kept.ref.createdAt = s.createdAt;
    kept.ref.updatedAt = s.updatedAt;
    kept.ref.messageCount = s.conversationMessageCount();
    return kept;
}

Result<ExportService::Report> HarvestDatabaseService::exportSessions(const ExportRequest& request) const
{
    auto shelf = Shelf::open(databasePath(request.database), request.notice);
    if (!shelf) {
        return shelf.error();
    }
    QStringList wanted;
    for (const QString& id : request.sessions) {
        auto resolved = shelf->resolve(id.trimmed()); // read once, by forEachSession below
        if (!resolved) {
            return resolved.error();
        }
        wanted << *resolved;
    }
    QString providerId;
    if (!request.provider.isEmpty()) {
        auto named = m_catalog.catalog().harvestedProviderId(request.provider);
        if (!named) {
            return named.error();
        }
        providerId = *named;
    }
    ExportService::Report report;
    report.destination = m_catalog.catalog().environment().absolutePath(request.destination);
    auto out = SessionExport::open(report.destination, request.format);
    if (!out) {
        return out.error();
    }
    if (auto error = shelf->forEachSession(providerId, wanted, [&out, &report](const Session& session) {
            ++report.sessions;
            return out.value()->add(session);
        })) {
        return *error;
    }
    auto files = out.value()->finish();
    if (!files) {
        return files.error();
    }
    report.files = std::move(files).value();
    return report;
}

Result<ExportService::Report> HarvestDatabaseService::exportFromBackup(const ExportRequest& request) const
{
    QTemporaryDir copy;
    if (!copy.isValid()) {
        return Error{u"cannot make a temporary folder to read %1 from: %2"_s.arg(request.database, copy.errorString())};
    }
    ExportRequest fromCopy = request;
    fromCopy.database = copy.filePath(u"backup.db"_s);
    if (auto error = RecoverService::copyHarvestDatabase(databasePath(request.database), fromCopy.database)) {
        return *error;
    }
    return exportSessions(fromCopy);
}

Result<QList<const Provider*>> HarvestDatabaseService::chosenProviders(const QString& only,
                                                                       const QString& exclude) const
{
    QList<const Provider*> chosen;
    if (only.isEmpty()) {
        chosen = m_catalog.providers({}).value();
    } else {
        for (const QString& name : only.split(u',', Qt::SkipEmptyParts)) {
            auto named = m_catalog.providers(name.trimmed());
            if (!named) {
                return named.error();
            }
            chosen.append(*named);
        }
    }
    for (const QString& name : exclude.split(u',', Qt::SkipEmptyParts)) {
        auto excluded = m_catalog.providers(name.trimmed());
        if (!excluded) {
            return excluded.error();
        }
        chosen.removeIf([&excluded](const Provider* p) { return excluded->contains(p); });
    }
    return chosen;
}

Result<HarvestDatabaseService::InitReport> HarvestDatabaseService::init(const QString& database,
                                                                        const Notice& notice) const
{
    auto db = open(database, notice);
    if (!db) {
        return db.error();
    }
    return InitReport{(*db)->path()};
}

Result<HarvestDatabaseService::RunReport> HarvestDatabaseService::run(const RunRequest& request) const
{
    if (isTeam(request.database)) {
        return runIntoTeam(request);
    }
    auto chosen = chosenProviders(request.only, request.exclude);
    if (!chosen) {
        return chosen.error();
    }
    auto db = open(request.database, request.notice);
    if (!db) {
        return db.error();
    }
    Harvester::Options options = request.options;
    options.keepOriginals =
        options.keepOriginals && Settings(Settings::defaultFile(m_catalog.catalog().environment())).keepOriginals();
    auto summary = Harvester::run(m_catalog.catalog(), *chosen, **db, options);
    if (!summary) {
        return summary.error();
    }
    RunReport report;
    report.database = (*db)->path();
    report.summary = std::move(summary).value();
    return report;
}

// A harvest into a team database: into the harvest database on this machine (the standard one), which keeps what a
// harvest knows of the files it read, then pushed, as `harvest push` does. Stopped at any point, the team database
// holds whole sessions, and the next run sends the rest.
Result<HarvestDatabaseService::RunReport> HarvestDatabaseService::runIntoTeam(const RunRequest& request) const
{
    const Environment& environment = m_catalog.catalog().environment();
    // A team database that cannot be reached, or holds no schema of ours, is said before anything is harvested.
    if (auto team = TeamService().open(databasePath(request.database)); !team) {
        return team.error();
    }
    RunRequest local = request;
    local.database = Database::standardPath(environment);
    Result<RunReport> report = run(local);
    if (!report) {
        return report;
    }
    TeamService::PushRequest push;
    push.url = databasePath(request.database);
    push.database = report->database;
    push.origin = PostgresPush::origin(environment);
    push.progress = request.pushProgress;
    Result<TeamService::PushReport> pushed = TeamService().push(push);
    if (!pushed) {
        return pushed.error();
    }
    report->team = pushed->to;
    report->pushed = pushed->pushed;
    return report;
}

Result<HarvestDatabaseService::StatusReport> HarvestDatabaseService::status(const QString& database,
                                                                            const Notice& notice) const
{
    if (isTeam(database)) {
        return TeamService().status(databasePath(database));
    }
    auto db = open(database, notice);
    if (!db) {
        return db.error();
    }
    auto totals = HarvestStore(**db).totals();
    if (!totals) {
        return totals.error();
    }
    auto originals = Originals(**db).totals();
    if (!originals) {
        return originals.error();
    }
    const QString path = (*db)->path();
    return StatusReport{path, QFileInfo(path).size() + QFileInfo(path + u"-wal"_s).size(), std::move(totals).value(),
                        *originals};
}

const QStringList& HarvestDatabaseService::scanStates()
{
    static const QStringList states{u"new"_s, u"changed"_s, u"unchanged"_s, u"unreadable"_s, u"failed"_s};
    return states;
}

QString HarvestDatabaseService::stateName(const Harvester::Planned& p)
{
    if (p.state == HarvestStore::SourceState::Unchanged) {
        return p.ref.error.isEmpty() ? u"unchanged"_s : u"failed"_s;
    }
    if (!p.ref.error.isEmpty()) {
        return u"unreadable"_s;
    }
    return p.state == HarvestStore::SourceState::New ? u"new"_s : u"changed"_s;
}

Result<HarvestDatabaseService::ScanReport> HarvestDatabaseService::scan(const QString& database, bool withSessions,
                                                                        const Notice& notice) const
{
    auto db = open(database, notice);
    if (!db) {
        return db.error();
    }
    HarvestStore store(**db);
    const QList<const Provider*> all = m_catalog.providers({}).value();
    ScanReport report{
        (*db)->path(), Harvester::plan(m_catalog.catalog(), all, store, Listing::Described), {}, withSessions};
    for (const Provider* provider : all) {
        QHash<QString, int> byState;
        for (const Harvester::Planned& p : std::as_const(report.planned)) {
            if (p.ref.provider == provider->id()) {
                ++byState[stateName(p)];
            }
        }
        report.counts.append({provider->id(), byState});
    }
    return report;
}

Result<HarvestDatabaseService::ImportReport>
HarvestDatabaseService::importExports(const QString& database, const QStringList& files, const Notice& notice) const
{
    QStringList paths;
    for (const QString& file : files) {
        paths << m_catalog.catalog().environment().absolutePath(file);
    }
    auto db = open(database, notice);
    if (!db) {
        return db.error();
    }
    auto imported = Harvester::importExports(**db, paths);
    if (!imported) {
        return imported.error();
    }
    return ImportReport{(*db)->path(), std::move(imported).value()};
}

Result<HarvestStore::Checkpoint> HarvestDatabaseService::checkpoint(const QString& database, const QString& sessionId,
                                                                    const QString& message, const Notice& notice) const
{
    auto db = open(database, notice);
    if (!db) {
        return db.error();
    }
    return HarvestStore(**db).checkpoint(sessionId, message);
}

Result<QList<HarvestStore::Checkpoint>>
HarvestDatabaseService::checkpoints(const QString& database, const QString& sessionId, const Notice& notice) const
{
    auto db = open(database, notice);
    if (!db) {
        return db.error();
    }
    return HarvestStore(**db).checkpoints(sessionId);
}

Result<HarvestDatabaseService::RevertReport> HarvestDatabaseService::revert(const QString& database,
                                                                            const QString& sessionId, int number,
                                                                            const Notice& notice) const
{
    auto db = open(database, notice);
    if (!db) {
        return db.error();
    }
    auto saved = HarvestStore(**db).revert(sessionId, number);
    if (!saved) {
        return saved.error();
    }
    return RevertReport{number, std::move(saved).value()};
}

Result<HarvestDatabaseService::RebuildReport> HarvestDatabaseService::rebuildIndex(const QString& database,
                                                                                   const Notice& notice) const
{
    auto db = open(database, notice);
    if (!db) {
        return db.error();
    }
    HarvestStore store(**db);
    if (auto error = store.rebuildIndex()) {
        return *error;
    }
    auto totals = store.totals();
    if (!totals) {
        return totals.error();
    }
    return RebuildReport{(*db)->path(), totals->messages};
}

Result<QList<SessionRef>> HarvestDatabaseService::list(const ListRequest& request) const
{
    QString id;
    if (!request.provider.isEmpty()) {
        auto chosen = m_catalog.catalog().harvestedProviderId(request.provider);
        if (!chosen) {
            return chosen.error();
        }
        id = *chosen;
    }
    if (isTeam(request.database)) {
        return TeamService().list(databasePath(request.database), id, request.search, request.limit);
    }
    auto db = open(request.database, request.notice);
    if (!db) {
        return db.error();
    }
    return HarvestStore(**db).list(id, request.search, request.limit);
}

boost::json::object toJson(const HarvestDatabaseService::InitReport& report)
{
    return {{"database", json::fromQString(report.database)}, {"schema_version", Database::schemaVersion}};
}

boost::json::object toJson(const HarvestDatabaseService::RunReport& report)
{
    const Harvester::Summary& s = report.summary;
    boost::json::array errors, shrunk;
    for (const Harvester::Failure& f : s.errors) {
        errors.emplace_back(
            boost::json::object{{"path", json::fromQString(f.path)}, {"error", json::fromQString(f.error)}});
    }
    for (const Harvester::ShrunkSource& k : s.shrunk) {
        shrunk.emplace_back(boost::json::object{{"session_id", json::fromQString(k.sessionId)},
                                                {"path", json::fromQString(k.path)},
                                                {"stored_messages", k.shrink.storedMessages},
                                                {"source_messages", k.shrink.sourceMessages},
                                                {"checkpoint", k.shrink.checkpoint},
                                                {"message", json::fromQString(k.shrink.reason)}});
    }
    boost::json::array missed;
    for (const Harvester::Failure& f : s.originalsMissed) {
        missed.emplace_back(
            boost::json::object{{"path", json::fromQString(f.path)}, {"error", json::fromQString(f.error)}});
    }
    boost::json::object object{{"new", s.created},
                               {"updated", s.updated},
                               {"unchanged", s.unchanged},
                               {"failed", s.failed},
                               {"sessions_total", s.sessionsTotal},
                               {"seconds", s.seconds},
                               {"bytes_read", s.bytesRead},
                               {"errors", std::move(errors)},
                               {"shrunk", s.shrunk.size()},
                               {"shrunk_sessions", std::move(shrunk)},
                               {"originals_kept", s.originalsKept},
                               {"originals_missed", std::move(missed)}};
    if (report.pushed) {
        const PostgresPush::Report& p = *report.pushed;
        object["push"] = boost::json::object{{"to", json::fromQString(report.team)},
                                             {"origin", json::fromQString(p.origin)},
                                             {"created", p.created},
                                             {"updated", p.updated},
                                             {"unchanged", p.unchanged},
                                             {"messages", p.messages}};
    }
    return object;
}

boost::json::object toJson(const HarvestDatabaseService::StatusReport& report)
{
    const HarvestStore::Totals& t = report.totals;
    boost::json::object byProvider;
    for (const auto& [provider, count] : t.byProvider) {
        byProvider[json::fromQString(provider)] = count;
    }
    return {{"database", json::fromQString(report.database)},
            {"size_bytes", report.sizeBytes},
            {"sessions", t.sessions},
            {"messages", t.messages},
            {"by_provider", std::move(byProvider)},
            {"last_run",
             t.lastRun.isEmpty() ? boost::json::value(nullptr) : boost::json::value(json::fromQString(t.lastRun))},
            {"failures", t.failures},
            {"originals",
             {{"files", report.originals.files},
              {"sessions", report.originals.sessions},
              {"bytes", report.originals.bytes},
              {"stored_bytes", report.originals.stored}}}};
}

boost::json::object toJson(const HarvestDatabaseService::ScanReport& report)
{
    boost::json::array list;
    for (const auto& [provider, byState] : report.counts) {
        boost::json::object o{{"provider", json::fromQString(provider)}};
        int total = 0;
        for (const QString& state : HarvestDatabaseService::scanStates()) {
            o[state.toStdString()] = byState.value(state);
            total += byState.value(state);
        }
        o["sessions"] = total;
        list.emplace_back(std::move(o));
    }
    boost::json::object result{{"database", json::fromQString(report.database)}, {"providers", std::move(list)}};
    if (report.withSessions) {
        boost::json::array sessions;
        for (const Harvester::Planned& p : report.planned) {
            boost::json::object o = shapes::sessionSummary(p.ref);
            o["state"] = json::fromQString(HarvestDatabaseService::stateName(p));
            sessions.emplace_back(std::move(o));
        }
        result["sessions"] = std::move(sessions);
    }
    return result;
}

boost::json::object toJson(const HarvestDatabaseService::ImportReport& report)
{
    const Harvester::Imported& imported = report.imported;
    boost::json::array ids, renamed;
    for (const QString& id : imported.ids) {
        ids.emplace_back(json::fromQString(id));
    }
    for (const QString& change : imported.renamed) {
        renamed.emplace_back(json::fromQString(change));
    }
    return {{"new", imported.created},
            {"unchanged", imported.unchanged},
            {"renamed", std::move(renamed)},
            {"sessions", std::move(ids)}};
}

boost::json::object toJson(const HarvestStore::Checkpoint& c)
{
    return {{"number", c.number},
            {"message", c.message.isEmpty() ? boost::json::value(nullptr) : json::fromQString(c.message)},
            {"created_at", shapes::isoTime(c.createdAt)},
            {"message_count", c.messageCount}};
}

boost::json::array toJson(const QList<HarvestStore::Checkpoint>& checkpoints)
{
    boost::json::array array;
    for (const HarvestStore::Checkpoint& c : checkpoints) {
        array.emplace_back(toJson(c));
    }
    return array;
}

boost::json::object toJson(const HarvestDatabaseService::RevertReport& report)
{
    return {{"reverted_to", report.revertedTo}, {"saved_as", toJson(report.savedAs)}};
}

boost::json::object toJson(const HarvestDatabaseService::RebuildReport& report)
{
    return {{"database", json::fromQString(report.database)}, {"messages_indexed", report.messagesIndexed}};
}

} // namespace chasm
