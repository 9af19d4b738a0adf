// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

// chasm sync (and chasm harvest sync): between the harvest database and the tools' stores.

#include "Commands.h"
#include "commands/CommandTable.h"

namespace chasm::cli {

namespace {

void addSync(CommandTable& table, CLI::App* sync, Commands::SyncRequest& o)
{
    sync->add_option("--path", table.globals().database, "The harvest database (same as --db)");
    sync->add_flag("--push", o.push, "Write sessions of the database back into their tools' stores (restore)");
    sync->add_flag("--pull", o.pull, "Harvest the tools' stores into the database (backup; the same as harvest run)");
    std::vector<std::string> harvested = CommandTable::providerIds();
    harvested.push_back(SessionCatalog::recordedProvider.toString().toStdString());
    harvested.push_back(SessionCatalog::chatProvider.toString().toStdString());
    table.suggest(sync->add_option("--provider", o.provider, "Only this provider"), harvested);
    sync->add_option("--workspace", o.workspace,
                     "Push only sessions of workspaces whose hash, name or project path matches");
    sync->add_option("--sessions", o.sessions, "Push only these sessions (ids or unique prefixes)")->delimiter(',');
    table.oneOf(sync->add_option("--format", o.format,
                                 "The VS Code family's file format to write: auto (as it was kept, the "
                                 "default), jsonl or json (converted)"),
                {"auto", "jsonl", "json"});
    sync->add_flag("-f,--force", o.force,
                   "Replace files that hold other bytes (backed up first), and write while the editor runs");
    sync->add_flag("--dry-run", o.dryRun, "Only say what would be written");
    table.on(sync, [&o, &db = table.globals().database](Commands& c) { c.sync(db, o); });
}

} // namespace

void addSyncCommands(CommandTable& table)
{
    Commands::SyncRequest& o = table.options<Commands::SyncRequest>();
    addSync(table,
            table.app().add_subcommand("sync", "Between the harvest database and the tools' stores: --pull harvests, "
                                               "--push puts sessions back as their tools wrote them"),
            o);
}

void addHarvestSyncCommand(CommandTable& table, CLI::App* harvest)
{
    addSync(table, harvest->add_subcommand("sync", "The same as chasm sync"), table.options<Commands::SyncRequest>());
}

} // namespace chasm::cli
