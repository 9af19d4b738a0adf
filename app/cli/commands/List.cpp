// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

// chasm list (ls): workspaces, sessions, a path's sessions, edit sessions, orphaned sessions, agents.

#include "Commands.h"
#include "commands/CommandTable.h"

namespace chasm::cli {

namespace {

struct ListOptions
{
    std::string projectPath;
    std::string provider;
    std::string path;
    bool allProviders = false;
    bool withSize = false;
    bool all = false;
};

} // namespace

void addListCommands(CommandTable& table)
{
    ListOptions& o = table.options<ListOptions>();
    CLI::App* list = table.app().add_subcommand("list", "List workspaces, sessions, or paths")->require_subcommand(1);
    list->alias("ls");

    CLI::App* ws = list->add_subcommand("workspaces", "List all editor workspaces that have chat sessions");
    ws->alias("ws");
    table.on(ws, [](Commands& c) { c.listWorkspaces({}); });

    CLI::App* s = list->add_subcommand("sessions", "List chat sessions across workspaces");
    s->alias("s");
    s->add_option("--project-path", o.projectPath, "Only sessions of this project folder");
    table.suggest(s->add_option("-p,--provider", o.provider, "Only this provider (copilot, cursor, windsurf)"),
                  CommandTable::providerIds());
    s->add_flag("--all-providers", o.allProviders, "Include every provider (already the default)");
    s->add_flag("-s,--size", o.withSize, "Show file sizes and formats");
    table.on(s, [&o](Commands& c) { c.listSessions(o.projectPath, o.provider, o.withSize); });

    CLI::App* p = list->add_subcommand("path", "List the sessions of a project path (default: current directory)");
    p->add_option("project_path", o.path, "Project folder");
    table.on(p, [&o](Commands& c) { c.listPath(o.path); });

    CLI::App* e =
        list->add_subcommand("edits", "List agent and edit sessions: the files they changed (chatEditingSessions)");
    e->alias("e");
    e->add_option("--project-path", o.projectPath, "Only this project's workspaces");
    table.suggest(e->add_option("-p,--provider", o.provider, "Only this provider (copilot, cursor, windsurf)"),
                  CommandTable::providerIds());
    e->add_flag("-s,--size", o.withSize, "Show their size on disk");
    table.on(e, [&o](Commands& c) { c.listEdits(o.projectPath, o.provider, o.withSize); });

    CLI::App* orphaned =
        list->add_subcommand("orphaned", "List sessions on disk that the editor's index does not show");
    orphaned->add_option("--path", o.path, "Project folder (default: current directory)");
    orphaned->add_flag("-a,--all", o.all, "Every workspace");
    table.on(orphaned, [&o](Commands& c) { c.listOrphaned(o.path, o.all); });

    CLI::App* agents = list->add_subcommand("agents", "List the AI coding agents: installed or not, and their stores");
    agents->alias("a");
    table.on(agents, [](Commands& c) { c.listProviders(false, true); });
}

} // namespace chasm::cli
