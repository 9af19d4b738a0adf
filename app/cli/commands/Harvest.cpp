// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

// chasm harvest: collect every session into one database and search, list, export, import and version what it
// holds; chasm retention: what the tools are about to delete, and whether the database keeps it.

#include "Commands.h"
#include "commands/CommandTable.h"
#include "services/RetentionService.h"

namespace chasm::cli {

namespace {

struct HarvestOptions
{
    std::string onlyProviders;
    std::string excludeProviders;
    bool incremental = false;
    bool noOriginals = false;
    std::string provider;
    std::string id;
    std::string searchQuery;
    std::string searchRole;
    std::string searchWorkspace;
    std::string after;
    std::string before;
    std::string exportOutput;
    std::string exportFormat = "json";
    std::string checkpointMessage;
    std::vector<std::string> exportSessions;
    std::vector<std::string> importFiles;
    std::vector<std::string> searchWords;
    int checkpointNumber = 0;
    int searchLimit = 20;
    bool exhaustive = false;
    int listLimit = 20;
    bool withSessions = false;
    bool verbose = false;
    bool web = false;
    int webTimeout = 5;
    bool git = false;
    bool commit = false;
    Commands::HarvestShare share;
    std::string shareStatus;
    int shareLimit = 20;
    std::string message;
    std::string gitCommit;
    int gitLimit = 10;
};

} // namespace

void addHarvestCommands(CommandTable& table)
{
    HarvestOptions& o = table.options<HarvestOptions>();
    // --db before the command, or --path after it: the same setting.
    std::string& db = table.globals().database;
    CLI::App* harvest =
        table.app()
            .add_subcommand("harvest", "Collect every session into one database, kept after the tools delete them")
            ->require_subcommand(1);
    const auto pathOption = [&db](CLI::App* command) {
        command->add_option("--path", db, "The harvest database (same as --db)");
    };
    const std::vector<std::string> providers = CommandTable::providerIds();
    // What the database holds: the tools' sessions and those recorded over the API.
    std::vector<std::string> harvested = providers;
    harvested.push_back(SessionCatalog::recordedProvider.toString().toStdString());
    harvested.push_back(SessionCatalog::chatProvider.toString().toStdString());
    harvested.push_back(SessionCatalog::sharedProvider.toString().toStdString());

    CLI::App* i = harvest->add_subcommand("init", "Create the harvest database");
    pathOption(i);
    i->add_flag("--git", o.git, "Make its git repository too (see harvest git)");
    table.on(i, [&o, &db](Commands& c) { c.harvestInit(db, o.git); });

    CLI::App* r = harvest->add_subcommand("run", "Collect new and changed sessions from every provider");
    pathOption(r);
    table.suggest(r->add_option("--providers", o.onlyProviders, "Only these providers (comma-separated)"), providers);
    table.suggest(r->add_option("--exclude", o.excludeProviders, "Not these providers (comma-separated)"), providers);
    r->add_flag("--incremental", o.incremental, "Only new and changed sessions (always the case)");
    r->add_flag("--no-originals", o.noOriginals,
                "Do not keep the sessions' files as their tools wrote them (kept by default, for sync --push; the "
                "setting harvest/keepOriginals=false does the same)");
    r->add_flag("--commit", o.commit, "Then commit the database to its git repository (harvest git commit)");
    r->add_option("-m,--message", o.message, "The commit's message");
    table.on(r, [&o, &db](Commands& c) {
        c.harvestRun(db, o.onlyProviders, o.excludeProviders, !o.noOriginals, o.commit, o.message);
    });

    CLI::App* f = harvest->add_subcommand("search", "Full-text search over every harvested message");
    pathOption(f);
    // The words of the query may come as several arguments; after "--", one that starts with "-" is a word
    // left out (-quokka), not an option.
    f->add_option("query", o.searchWords,
                  "Words, \"a phrase\", prefix*, AND, OR, NOT or -word, (groups); put -- before a query that "
                  "starts with -")
        ->required();
    table.hintDashedWords(f, "A query that starts with - comes after --, as in: chasm harvest search -- -word\n");
    table.suggest(
        f->add_option("--provider", o.provider, "Only this provider (recording: sessions recorded over the API)"),
        harvested);
    f->add_option("--workspace,-w", o.searchWorkspace, "Only workspaces whose hash, name or project path matches");
    table.oneOf(f->add_option("--role", o.searchRole, "Only user, assistant or system messages"),
                {"user", "assistant", "system"});
    f->add_option("--after", o.after, "On or after YYYY-MM-DD (or YYYY-MM-DDTHH:MM)")->check(dateOrTime());
    f->add_option("--before", o.before, "On or before YYYY-MM-DD (or YYYY-MM-DDTHH:MM)")->check(dateOrTime());
    f->add_option("--limit,-n", o.searchLimit, "At most this many hits")->check(atLeast(1));
    f->add_flag("--exhaustive", o.exhaustive,
                "Rank by relevance however many messages match (by default a query matching more than " +
                    std::to_string(HarvestStore::rankWindow) +
                    " messages, made only of words found in one message in ten, or with a prefix that many "
                    "messages match, shows the newest matches)");
    table.on(f, [&o, &db](Commands& c) {
        std::string query;
        for (const std::string& word : o.searchWords) {
            query += (query.empty() ? "" : " ") + word;
        }
        c.harvestSearch(db, query, o.provider, o.searchWorkspace, o.searchRole, o.after, o.before, o.searchLimit,
                        o.exhaustive);
    });

    CLI::App* l = harvest->add_subcommand("list", "List harvested sessions, newest first");
    pathOption(l);
    table.suggest(
        l->add_option("--provider", o.provider, "Only this provider (recording: sessions recorded over the API)"),
        harvested);
    l->add_option("--search", o.searchQuery, "Only sessions whose title or messages match");
    l->add_option("--limit,-n", o.listLimit, "At most this many sessions")->check(atLeast(1));
    table.on(l, [&o, &db](Commands& c) { c.harvestList(db, o.provider, o.searchQuery, o.listLimit); });

    CLI::App* sc = harvest->add_subcommand("scan", "Show what a run would collect, per provider");
    pathOption(sc);
    sc->add_flag("--sessions", o.withSessions, "Also list each session and what a run would do with it");
    sc->add_flag("-v,--verbose", o.verbose, "Also where each provider looked, found or missing");
    sc->add_flag("--web", o.web,
                 "Also whether the web chat services (ChatGPT, Claude, Gemini: the share links `harvest share` takes) "
                 "can be reached from here: one HEAD request for each home page, all at once; nothing else is sent");
    sc->add_option("--timeout", o.webTimeout, "With --web: how long each service has to answer, in seconds")
        ->default_val(5)
        ->check(atLeast(1));
    table.on(sc, [&o, &db](Commands& c) { c.harvestScan(db, o.withSessions, o.verbose, o.web ? o.webTimeout : 0); });

    CLI::App* e = harvest->add_subcommand("export", "Write harvested sessions out as files");
    pathOption(e);
    e->add_option("output", o.exportOutput,
                  "A folder (one file per session), or a file ending in the format's extension (all in one)")
        ->required();
    table.oneOf(e->add_option("--format,-f", o.exportFormat,
                              "json (the session format), jsonl (a message per line), md, csv, html or pdf"),
                {"json", "jsonl", "md", "csv", "html", "pdf"});
    table.suggest(e->add_option("--provider", o.provider,
                                "Only this provider's sessions (recording: those recorded over the API)"),
                  harvested);
    e->add_option("--sessions", o.exportSessions, "Only these sessions (ids or unique prefixes, comma-separated)");
    table.on(
        e,
        [&o, &db](Commands& c) { c.harvestExport(db, o.exportOutput, o.exportFormat, o.provider, o.exportSessions); },
        [&o] { return o.exportFormat == "pdf"; });

    CLI::App* im = harvest->add_subcommand("import", "Bring sessions exported as json back into the database");
    pathOption(im);
    im->add_option("files", o.importFiles, "Files written by export or harvest export with --format json")
        ->required()
        ->check(CLI::ExistingFile);
    table.on(im, [&o, &db](Commands& c) { c.harvestImport(db, o.importFiles); });

    CLI::App* sh = harvest->add_subcommand(
        "share", "Import a conversation shared by link (ChatGPT, Claude) as a session of provider shared");
    pathOption(sh);
    sh->add_option("url", o.share.url,
                   "https://chatgpt.com/share/ID, https://claude.ai/share/ID (Gemini links are recorded as failed)")
        ->required();
    sh->add_option("--name", o.share.name, "The session's title (default: the conversation's own)");
    sh->add_option("--workspace", o.share.workspace, "A workspace name to file the session under");
    table.oneOf(sh->add_option("--service", o.share.service,
                               "Whose share page it is; needed for a link on this machine (127.0.0.1)"),
                {"chatgpt", "claude", "gemini"});
    sh->add_option("--timeout", o.share.timeout, "Seconds to wait for the page (default 30)")->check(atLeast(1));
    sh->footer("Every link tried is recorded with how it ended (harvest shares); a link tried again replaces its "
               "session. Only https links are fetched, plain http only from this machine.");
    table.on(sh, [&o, &db](Commands& c) { c.harvestShare(db, o.share); });

    CLI::App* shs = harvest->add_subcommand("shares", "List the share links tried, newest first");
    pathOption(shs);
    table.oneOf(shs->add_option("--status", o.shareStatus, "Only the links of this status"),
                {"pending", "imported", "failed", "expired"});
    shs->add_option("--limit,-n", o.shareLimit, "At most this many links")->check(atLeast(1));
    table.on(shs, [&o, &db](Commands& c) { c.harvestShares(db, o.shareStatus, o.shareLimit); });

    CLI::App* cp = harvest->add_subcommand("checkpoint", "Save a version of a session's content in the database");
    pathOption(cp);
    cp->add_option("session", o.id, "Session id, or a unique prefix of it")->required();
    cp->add_option("--message,-m", o.checkpointMessage, "What this version is");
    table.on(cp, [&o, &db](Commands& c) { c.harvestCheckpoint(db, o.id, o.checkpointMessage); });

    CLI::App* cps = harvest->add_subcommand("checkpoints", "List the saved versions of a session");
    pathOption(cps);
    cps->add_option("session", o.id, "Session id, or a unique prefix of it")->required();
    table.on(cps, [&o, &db](Commands& c) { c.harvestCheckpoints(db, o.id); });

    CLI::App* rv =
        harvest->add_subcommand("revert", "Put a saved version of a session back (the current content is saved first)");
    pathOption(rv);
    rv->add_option("session", o.id, "Session id, or a unique prefix of it")->required();
    rv->add_option("checkpoint", o.checkpointNumber, "The checkpoint's number")->required()->check(atLeast(1));
    table.on(rv, [&o, &db](Commands& c) { c.harvestRevert(db, o.id, o.checkpointNumber); });

    CLI::App* b = harvest->add_subcommand("rebuild", "Re-create the full-text index");
    pathOption(b);
    table.on(b, [&db](Commands& c) { c.harvestRebuild(db); });

    CLI::App* s = harvest->add_subcommand("status", "Show what the harvest database holds");
    pathOption(s);
    table.on(s, [&db](Commands& c) { c.harvestStatus(db); });

    CLI::App* g = harvest
                      ->add_subcommand("git", "Version the database in a git repository beside it (<database>.git): "
                                              "one JSON file per session, sessions/<provider>/<id>.json, not the "
                                              "SQLite file")
                      ->require_subcommand(1);
    CLI::App* gi = g->add_subcommand("init", "Make the repository");
    pathOption(gi);
    table.on(gi, [&db](Commands& c) { c.harvestGitInit(db); });
    CLI::App* gc = g->add_subcommand("commit", "Export the sessions that changed and commit");
    pathOption(gc);
    gc->add_option("-m,--message", o.message, "The commit's message");
    table.on(gc, [&o, &db](Commands& c) { c.harvestGitCommit(db, o.message); });
    CLI::App* gl = g->add_subcommand("log", "The repository's commits, newest first");
    pathOption(gl);
    gl->add_option("-n,--count,--limit", o.gitLimit, "At most this many commits")->check(atLeast(1));
    table.on(gl, [&o, &db](Commands& c) { c.harvestGitLog(db, o.gitLimit); });
    CLI::App* gd = g->add_subcommand(
        "diff", "What changed in messages since the last commit, or (--commit) what a commit changed");
    pathOption(gd);
    gd->add_option("--commit", o.gitCommit, "The commit (an id or prefix, a tag, HEAD~1)");
    table.on(gd, [&o, &db](Commands& c) { c.harvestGitDiff(db, o.gitCommit); });
    CLI::App* gr = g->add_subcommand("restore", "Put the sessions of a commit back into the database (each one "
                                                "replaced is checkpointed first; sessions it lacks stay)");
    pathOption(gr);
    gr->add_option("commit", o.gitCommit, "The commit (an id or prefix, a tag, HEAD~1)")->required();
    table.on(gr, [&o, &db](Commands& c) { c.harvestGitRestore(db, o.gitCommit); });
    addHarvestSyncCommand(table, harvest);
    addHarvestPushCommand(table, harvest);
}

void addRetentionCommands(CommandTable& table)
{
    struct RetentionOptions
    {
        int days = RetentionService::defaultDays;
        std::string provider;
    };
    RetentionOptions& o = table.options<RetentionOptions>();
    std::string& db = table.globals().database;
    CLI::App* r = table.app().add_subcommand(
        "retention", "Show each tool's rule for deleting its sessions, and the sessions it deletes soon");
    r->add_option(
         "--days", o.days,
         "The sessions deleted within this many days (default: " + std::to_string(RetentionService::defaultDays) + ")")
        ->check(atLeast(0));
    table.suggest(r->add_option("--provider", o.provider, "Only this provider"), CommandTable::providerIds());
    r->add_option("--path", db, "The harvest database (same as --db)");
    table.on(r, [&o, &db](Commands& c) { c.retention(db, o.provider, o.days); });
}

} // namespace chasm::cli
