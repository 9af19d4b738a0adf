// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

// chasm find: workspaces by name, path or hash; sessions by title, id or content.

#include "Commands.h"
#include "commands/CommandTable.h"

namespace chasm::cli {

namespace {

struct FindOptions
{
    std::string pattern;
    Commands::SessionFilter filter;
    bool allProviders = false;
    bool all = false;
};

} // namespace

void addFindCommands(CommandTable& table)
{
    FindOptions& o = table.options<FindOptions>();
    CLI::App* find =
        table.app().add_subcommand("find", "Search workspaces or sessions by text pattern")->require_subcommand(1);

    CLI::App* w = find->add_subcommand("workspace", "Search workspaces by name, path or hash");
    w->alias("ws");
    w->add_option("pattern", o.pattern, "Case-insensitive text (default: the current directory's name)");
    table.on(w, [&o](Commands& c) { c.findWorkspace(o.pattern); });

    CLI::App* s = find->add_subcommand("session", "Search sessions by title, id or content");
    s->alias("s");
    s->add_option("pattern", o.filter.pattern, "Case-insensitive text");
    s->add_option("-w,--workspace", o.filter.workspace, "Only workspaces matching this");
    s->add_flag("-t,--title-only", o.filter.titleOnly, "Only search titles");
    s->add_flag("-c,--content", o.filter.content,
                "Also search message content (through the harvest index for harvested sessions)");
    s->add_option("--after", o.filter.after, "Updated on or after YYYY-MM-DD (or YYYY-MM-DDTHH:MM)")
        ->check(dateOrTime());
    s->add_option("--before", o.filter.before, "Updated on or before YYYY-MM-DD (or YYYY-MM-DDTHH:MM)")
        ->check(dateOrTime());
    s->add_option("--date", o.filter.date,
                  "Only sessions with a message on this day, YYYY-MM-DD (UTC), by the messages' own times")
        ->check(dateOrTime());
    table.suggest(s->add_option("-p,--provider", o.filter.provider, "Only this provider"), CommandTable::providerIds());
    s->add_flag("--all-providers", o.allProviders, "Include every provider (already the default)");
    s->add_flag("-a,--all", o.all, "Search all workspaces (already the default)");
    s->add_option("-n,--limit", o.filter.limit, "At most this many results")->check(atLeast(1));
    table.on(s, [&o](Commands& c) { c.findSession(o.filter); });

    CLI::App* p = find->add_subcommand("path", "Search the sessions of a project path, every tool's, by title or id");
    p->add_option("pattern", o.filter.pattern, "Case-insensitive text (default: every session of the project)");
    p->add_option("--project-path", o.filter.projectPath, "Project folder (default: current directory)");
    table.on(p, [&o](Commands& c) {
        o.filter.inProject = true;
        c.findSession(o.filter);
    });
}

} // namespace chasm::cli
