// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

// chasm provider and chasm detect: the providers Chasm reads, and what of them, and of the editors' workspaces,
// a path has.

#include "Commands.h"
#include "commands/CommandTable.h"

namespace chasm::cli {

namespace {

struct DetectOptions
{
    std::string id;
    std::string path;
    Commands::WriteRequest write;
    bool recoverOrphans = false;
    bool withSessions = false;
    bool verbose = false;
};

} // namespace

void addProviderCommands(CommandTable& table)
{
    bool& models = table.options<bool>();
    CLI::App* provider =
        table.app()
            .add_subcommand("provider", "The providers Chasm reads, and the model providers it chats with")
            ->require_subcommand(1);
    CLI::App* l = provider->add_subcommand(
        "list", "List every provider, where it keeps its data and what is there, then the model providers");
    l->add_flag("--models", models, "Only the model providers (chasm run), with their endpoints and keys");
    table.on(l, [&models](Commands& c) {
        if (!models) {
            c.listProviders(false, false);
        }
        // Their JSON is an array of its own, asked for by --models: the readers' array stays as it was.
        if (models || !c.output().json) {
            if (!models) {
                c.output().line();
            }
            listModelProviders(c);
        }
    });
    addModelProviderCommands(table, provider);
    addProviderImportCommand(table, provider);
}

void addDetectCommands(CommandTable& table)
{
    DetectOptions& o = table.options<DetectOptions>();
    CLI::App* detect =
        table.app().add_subcommand("detect", "Detect workspaces and providers for a path")->require_subcommand(1);

    CLI::App* w = detect->add_subcommand("workspace", "Detect the editor workspaces of a path");
    w->add_option("path", o.path, "Project folder (default: current directory)");
    table.on(w, [&o](Commands& c) { c.detectWorkspace(o.path); });

    CLI::App* p = detect->add_subcommand("providers", "Detect which providers have data here");
    p->add_flag("--with-sessions", o.withSessions, "Also list each provider's sessions");
    table.on(p, [&o](Commands& c) { c.listProviders(o.withSessions, false); });

    CLI::App* orphaned = detect->add_subcommand(
        "orphaned", "Find every workspace an editor keeps for a project, and the sessions the active one lacks");
    orphaned->add_option("path", o.write.path, "Project folder (default: current directory)");
    orphaned->add_flag("-r,--recover", o.recoverOrphans,
                       "Copy those sessions into the active workspace and register them");
    orphaned->add_flag("-f,--force", o.write.options.force, "Write the index although the editor runs");
    orphaned->add_flag("--dry-run", o.write.options.dryRun, "Only say what would change");
    table.on(orphaned, [&o](Commands& c) { c.detectOrphaned(o.write, o.recoverOrphans); });

    CLI::App* s = detect->add_subcommand("session", "Detect which provider a session belongs to, and where it is kept");
    s->add_option("session_id", o.id, "Session id, or a unique prefix of it")->required();
    s->add_option("--path", o.path, "Look only in this project's workspaces");
    table.on(s, [&o](Commands& c) { c.detectSession(o.id, o.path); });

    CLI::App* a = detect->add_subcommand("all", "Detect workspaces, providers and sessions of a path");
    a->add_option("path", o.path, "Project folder (default: current directory)");
    a->add_flag("--verbose", o.verbose, "Show where each provider looked, and file sizes");
    table.on(a, [&o](Commands& c) { c.detectAll(o.path, o.verbose); });
}

} // namespace chasm::cli
