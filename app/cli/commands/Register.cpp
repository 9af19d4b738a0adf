// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

// chasm register: add on-disk sessions to the editor's index (all, by id or title, recursively), or repair them.

#include "Commands.h"
#include "commands/CommandTable.h"

namespace chasm::cli {

namespace {

struct RegisterOptions
{
    Commands::WriteRequest write;
    bool mergeFirst = false;
    std::vector<std::string> ids;
    std::vector<std::string> titles;
};

// The options of a command that writes editors' indexes.
void addWriteOptions(CLI::App* command, Commands::WriteRequest& write, bool withAll)
{
    command->add_option("--path", write.path, "Project folder (default: current directory)");
    if (withAll) {
        command->add_flag("-a,--all", write.all, "Every workspace of every VS Code-family editor");
    }
    command->add_flag("-f,--force", write.options.force,
                      "Write the index although the editor runs (it overwrites the index when it quits)");
    command->add_flag("--close-vscode", write.closeEditor, "Ask the editor to quit first, and wait");
    command->add_flag("--reopen", write.reopen, "Start the editor again on the project after (implies --close-vscode)");
    command->add_flag("--dry-run", write.options.dryRun, "Only say what would change");
}

} // namespace

void addRegisterCommands(CommandTable& table)
{
    RegisterOptions& o = table.options<RegisterOptions>();
    CLI::App* registerCommand =
        table.app()
            .add_subcommand("register", "Add on-disk sessions to the editor's index, so its chat history shows them")
            ->require_subcommand(1);

    CLI::App* a = registerCommand->add_subcommand("all", "Register every session file the index lacks");
    addWriteOptions(a, o.write, true);
    a->add_flag("-m,--merge", o.mergeFirst, "First merge each workspace's sessions into one new session");
    table.on(a, [&o](Commands& c) { c.registerSessions(o.write, {}, {}, o.mergeFirst); });

    CLI::App* s = registerCommand->add_subcommand("session", "Register sessions by id (or prefix) or title");
    s->alias("s");
    s->add_option("ids", o.ids, "Session ids or unique prefixes");
    s->add_option("-t,--title", o.titles, "Sessions whose title contains this (case-insensitive)");
    addWriteOptions(s, o.write, false);
    table.on(s, [&o](Commands& c) {
        if (o.ids.empty() && o.titles.empty()) {
            throw CLI::ValidationError("register session", "name at least one session id or --title");
        }
        c.registerSessions(o.write, o.ids, o.titles);
    });

    CLI::App* rec =
        registerCommand->add_subcommand("recursive", "Register the orphaned sessions of every project under a folder");
    rec->alias("r");
    rec->add_option("path", o.write.path, "The folder (default: current directory)");
    rec->add_option("-d,--depth", o.write.depth, "At most this many folders down (default: any)")->check(atLeast(0));
    rec->add_option("-x,--exclude", o.write.exclude, "Leave out projects whose path matches (wildcards: *, ?)");
    rec->add_flag("-f,--force", o.write.options.force, "Write the index although the editor runs");
    rec->add_flag("--dry-run", o.write.options.dryRun, "Only say what would change");
    table.on(rec, [&o](Commands& c) {
        o.write.recursive = true;
        c.registerSessions(o.write, {}, {});
    });

    CLI::App* r = registerCommand->add_subcommand(
        "repair", "Compact and fix session files, and rebuild their index entries (isEmpty, lastResponseState)");
    r->alias("fix");
    addWriteOptions(r, o.write, true);
    table.on(r, [&o](Commands& c) { c.repair(o.write); });
}

} // namespace chasm::cli
