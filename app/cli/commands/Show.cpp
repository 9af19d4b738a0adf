// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

// chasm show (info): a session, an agent session's edits, a workspace, the editor's index, a timeline, a path.

#include "Commands.h"
#include "commands/CommandTable.h"

namespace chasm::cli {

namespace {

struct ShowOptions
{
    std::string id;
    std::string projectPath;
    std::string path;
    std::string provider;
    bool all = false;
    bool everyTool = false;
    int gapDays = 7;
};

} // namespace

void addShowCommands(CommandTable& table)
{
    ShowOptions& o = table.options<ShowOptions>();
    CLI::App* show = table.app()
                         .add_subcommand("show", "Show details of a session, workspace, index or path")
                         ->require_subcommand(1);
    show->alias("info");

    CLI::App* s = show->add_subcommand("session", "Show a session's messages and metadata");
    s->alias("s");
    s->add_option("session_id", o.id, "Session id, or a unique prefix of it")->required();
    s->add_option("--project-path", o.projectPath, "Look only in this project's workspaces");
    table.on(s, [&o, &db = table.globals().database](Commands& c) { c.showSession(o.id, o.projectPath, db); });

    CLI::App* a = show->add_subcommand(
        "agent", "Show what an agent or edit session changed: files, their review state, requests, checkpoints");
    a->alias("a");
    a->add_option("session_id", o.id, "Session id, or a unique prefix of it")->required();
    a->add_option("--project-path", o.projectPath, "Look only in this project's workspaces");
    table.on(a, [&o](Commands& c) { c.showAgent(o.id, o.projectPath); });

    CLI::App* w = show->add_subcommand("workspace", "Show a workspace's details and sessions");
    w->alias("ws");
    w->add_option("workspace", o.id, "Workspace name, hash or a unique hash prefix")->required();
    table.on(w, [&o](Commands& c) { c.showWorkspace(o.id); });

    CLI::App* i = show->add_subcommand("index", "Show the editor's session index beside the files on disk");
    i->alias("idx");
    i->add_option("--path", o.path, "Project folder (default: current directory)");
    i->add_flag("-a,--all", o.all, "Every workspace");
    table.on(i, [&o](Commands& c) { c.showIndex(o.path, o.all); });

    CLI::App* t = show->add_subcommand("timeline", "Show a project's sessions over time, every tool, with the gaps");
    t->add_option("path", o.path, "Project folder (default: current directory)");
    t->add_option("--gap-days", o.gapDays, "Call a pause of this many days a gap (default: 7)")->check(atLeast(1));
    table.suggest(t->add_option("-p,--provider", o.provider, "Only this provider's sessions"),
                  CommandTable::providerIds());
    t->add_flag("-a,--agents", o.everyTool, "Include the agent CLIs' sessions (already the default)");
    t->add_flag("--all-providers", o.everyTool, "Include every provider (already the default)");
    table.on(t, [&o](Commands& c) { c.showTimeline(o.path, o.gapDays, o.provider); });

    CLI::App* p = show->add_subcommand("path", "Show the chat history timeline of a project path");
    p->add_option("project_path", o.path, "Project folder (default: current directory)");
    table.on(p, [&o](Commands& c) { c.showPath(o.path); });
}

} // namespace chasm::cli
