// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

// chasm team: the team database on PostgreSQL (its schema, roles and policies), and sessions shared in it; chasm
// harvest push, which publishes the harvest database of this machine into it.

#include "Commands.h"
#include "commands/CommandTable.h"
#include "services/TeamService.h"
#include "store/Database.h"
#include "store/postgres/PostgresPush.h"
#include "store/postgres/PostgresUrl.h"

using namespace Qt::StringLiterals;

namespace chasm::cli {

namespace {

struct TeamOptions
{
    std::vector<std::string> sessions;
    std::string project;
    std::string role;
};

// The team database: --db, else $CHASM_DB; a PostgreSQL URL either way.
QString teamDatabase(const Commands& c, const std::string& database)
{
    const QString named = database.empty() ? c.catalog().environment().variable(u"CHASM_DB"_s) : q(database);
    if (named.isEmpty()) {
        throw CommandError{u"chasm team needs the team database: --db postgresql://USER@HOST[:PORT]/DATABASE"_s};
    }
    if (!PostgresUrl::isPostgres(named)) {
        throw CommandError{u"chasm team works on a team database on PostgreSQL (--db postgresql://USER@HOST/DATABASE), "
                           "not on an SQLite file: %1"_s.arg(named)};
    }
    return named;
}

void init(const Commands& c, const std::string& database)
{
    const TeamService::InitReport report = take(TeamService().init(teamDatabase(c, database)));
    const Output& o = c.output();
    if (o.json) {
        o.print(toJson(report));
        return;
    }
    if (report.fromVersion == report.version) {
        o.line(u"%1 is up to date (schema version %2): nothing changed"_s.arg(report.database,
                                                                              QString::number(report.version)));
    } else if (report.fromVersion == 0) {
        o.line(u"%1: team database created (schema version %2), row-level security on"_s.arg(
            report.database, QString::number(report.version)));
    } else {
        o.line(u"%1: schema upgraded from version %2 to %3"_s.arg(report.database, QString::number(report.fromVersion),
                                                                  QString::number(report.version)));
    }
    for (const QString& role : report.createdRoles) {
        o.line(u"role created: %1 (grant it to every person's login role)"_s.arg(role));
    }
}

void changeShares(const Commands& c, const std::string& database, const TeamOptions& options, bool add)
{
    if (options.sessions.empty() == options.project.empty()) {
        throw CommandError{u"give either sessions or --project, one of the two"_s};
    }
    TeamService::ShareRequest request;
    request.url = teamDatabase(c, database);
    for (const std::string& id : options.sessions) {
        request.sessions << q(id);
    }
    if (!options.project.empty()) {
        request.project = c.catalog().environment().absolutePath(q(options.project));
    }
    request.role = q(options.role);
    const TeamService service;
    const TeamService::ShareReport report = take(add ? service.share(request) : service.unshare(request));
    const Output& o = c.output();
    if (o.json) {
        o.print(toJson(report));
        return;
    }
    const qsizetype count = report.sessions.size();
    const QString sessions = u"%1 session%2"_s.arg(QString::number(count), count == 1 ? QString() : u"s"_s);
    const QString what =
        report.project.isEmpty() ? sessions : u"the project %1 (%2 now)"_s.arg(report.project, sessions);
    if (report.changed == 0) {
        o.line(add ? u"%1 already shared with %2"_s.arg(what, report.role)
                   : u"%1 not shared with %2: nothing changed"_s.arg(what, report.role));
    } else {
        o.line((add ? u"shared %1 with %2"_s : u"unshared %1 from %2"_s).arg(what, report.role));
    }
    if (report.project.isEmpty()) {
        for (const QString& id : report.sessions) {
            o.line(u"  "_s + id);
        }
    }
}

struct PushOptions
{
    std::string to;
    std::string origin;
    bool dryRun = false;
};

void push(const Commands& c, const std::string& database, const PushOptions& options)
{
    const Environment& environment = c.catalog().environment();
    TeamService::PushRequest request;
    request.url = q(options.to);
    if (!PostgresUrl::isPostgres(request.url)) {
        throw CommandError{
            u"--to names the team database: postgresql://USER@HOST[:PORT]/DATABASE, not %1"_s.arg(request.url)};
    }
    request.database = Database::resolvePath(environment, q(database));
    // $CHASM_DB naming the team database leaves the harvest database on this machine the standard one.
    if (database.empty() && PostgresUrl::isPostgres(request.database)) {
        request.database = Database::standardPath(environment);
    }
    if (PostgresUrl::isPostgres(request.database)) {
        throw CommandError{u"harvest push copies the harvest database of this machine (--db PATH, an SQLite file) "
                           "into the team database of --to; --db names a team database: %1"_s.arg(
                               TeamService::shown(request.database))};
    }
    request.origin = options.origin.empty() ? PostgresPush::origin(environment) : q(options.origin);
    request.dryRun = options.dryRun;
    const Output& o = c.output();
    ProgressBar bar(o.err);
    if (o.progress) {
        request.progress = [&bar](qint64 done, qint64 total) { bar.show({int(done), int(total), 0, 0}); };
    }
    const TeamService::PushReport report = take(TeamService().push(request));
    bar.clear();
    if (o.json) {
        o.print(toJson(report));
        return;
    }
    const PostgresPush::Report& pushed = report.pushed;
    o.line((report.dryRun ? u"would push %1 into %2 as %3: %4 (dry run: nothing sent)"_s
                          : u"pushed %1 into %2 as %3: %4"_s)
               .arg(report.database, report.to, pushed.origin, pushedCounts(pushed)));
}

} // namespace

void addHarvestPushCommand(CommandTable& table, CLI::App* harvest)
{
    PushOptions& o = table.options<PushOptions>();
    std::string& db = table.globals().database;
    CLI::App* p = harvest->add_subcommand(
        "push", "Copy the sessions of this machine's harvest database into a team database on PostgreSQL "
                "(only those new or changed since the last push; each as yours, under this machine's origin)");
    p->add_option("--path", db, "The harvest database (same as --db)");
    p->add_option("--to", o.to, "The team database: postgresql://USER@HOST[:PORT]/DATABASE")->required();
    p->add_option("--origin", o.origin, "Who harvested where (default: USER@HOSTNAME)");
    p->add_flag("--dry-run", o.dryRun, "Count what would be sent, send nothing");
    table.on(p, [&db, &o](Commands& c) { push(c, db, o); });
}

void addTeamCommands(CommandTable& table)
{
    TeamOptions& o = table.options<TeamOptions>();
    CLI::App* team =
        table.app()
            .add_subcommand("team", "The team database on PostgreSQL (--db postgresql://USER@HOST/DATABASE): its "
                                    "schema, roles and row-level security, and sessions shared with a team")
            ->require_subcommand(1);
    std::string& db = table.globals().database;

    CLI::App* i = team->add_subcommand(
        "init", "Create or upgrade the team database's schema, the chasm_users group role and the row-level security "
                "policies (an administrator; running it again changes nothing)");
    table.on(i, [&db](Commands& c) { init(c, db); });

    const auto shareOptions = [&o](CLI::App* command) {
        command->add_option("sessions", o.sessions, "Your sessions (ids or unique prefixes)");
        command->add_option("--project", o.project, "Every session of yours of this project folder, later ones too");
        command->add_option("--with", o.role, "The role (a person's, or a team's group role)")->required();
    };
    CLI::App* s = team->add_subcommand("share", "Let a role read sessions of yours");
    shareOptions(s);
    table.on(s, [&db, &o](Commands& c) { changeShares(c, db, o, true); });

    CLI::App* u = team->add_subcommand("unshare", "Take back a share made with team share");
    shareOptions(u);
    table.on(u, [&db, &o](Commands& c) { changeShares(c, db, o, false); });
}

} // namespace chasm::cli
