// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

// chasm merge: join sessions of any tools (by id, of a project, of workspaces, of providers) into one session.

#include "Commands.h"
#include "commands/CommandTable.h"

namespace chasm::cli {

namespace {

struct MergeOptions
{
    Commands::MergeRequest merge;
    bool noBackup = false;
};

} // namespace

void addMergeCommands(CommandTable& table)
{
    MergeOptions& o = table.options<MergeOptions>();
    Commands::MergeRequest& merge = o.merge;
    CLI::App* mergeCommand =
        table.app()
            .add_subcommand("merge", "Join sessions of any tools into one session the editor shows")
            ->require_subcommand(1);

    const auto mergeOptions = [&o, &merge](CLI::App* command, bool withTarget) {
        command->add_option("-t,--title", merge.title,
                            "The merged session's title (default: \"Merged: <project> (N sessions, dates)\")");
        if (withTarget) {
            command->add_option("--target-path", merge.targetPath,
                                "The project whose workspace gets it (default: current directory)");
        }
        command->add_flag("-f,--force", merge.options.force, "Write the index although the editor runs");
        command->add_flag("--no-backup", o.noBackup,
                          "Accepted for compatibility: merge writes a new file, and the index backup undo "
                          "needs is always made");
        command->add_flag("--dry-run", merge.options.dryRun, "Only say what would be written");
    };
    using Kind = Commands::MergeRequest::Kind;
    const auto run = [&table, &merge](CLI::App* command, Kind kind) {
        table.on(command, [&merge, kind](Commands& c) {
            merge.kind = kind;
            c.merge(merge);
        });
    };
    CLI::App* s = mergeCommand->add_subcommand("sessions", "Merge sessions by id (or unique prefix), any tools");
    s->alias("s");
    s->add_option("sessions", merge.names, "Session ids")->required();
    mergeOptions(s, true);
    run(s, Kind::Sessions);

    CLI::App* p = mergeCommand->add_subcommand("path", "Merge every tool's sessions of a project into one");
    p->add_option("project_path", merge.targetPath, "Project folder (default: current directory)");
    mergeOptions(p, false);
    run(p, Kind::Project);

    CLI::App* w = mergeCommand->add_subcommand("workspace", "Merge the sessions of the workspaces matching");
    w->alias("ws");
    w->add_option("workspace_name", merge.names, "Workspace hash prefix, name or project path part")
        ->required()
        ->expected(1);
    mergeOptions(w, true);
    run(w, Kind::Workspaces);

    CLI::App* ws = mergeCommand->add_subcommand("workspaces", "Merge the sessions of workspaces matching any");
    ws->alias("wss");
    ws->add_option("workspace_names", merge.names, "Patterns")->required();
    mergeOptions(ws, true);
    run(ws, Kind::Workspaces);

    CLI::App* pr = mergeCommand->add_subcommand("provider", "Merge one tool's sessions of the project");
    table.suggest(pr->add_option("provider_name", merge.names, "The provider (claudecode, codex, copilot, ...)")
                      ->required()
                      ->expected(1),
                  CommandTable::providerIds());
    pr->add_option("--sessions", merge.sessions, "Only these sessions (ids or prefixes)");
    mergeOptions(pr, true);
    run(pr, Kind::Providers);

    CLI::App* prs = mergeCommand->add_subcommand("providers", "Merge several tools' sessions of the project");
    table.suggest(prs->add_option("providers", merge.names, "The providers")->required(), CommandTable::providerIds());
    prs->add_option("--workspace", merge.workspace, "Sessions of the workspaces matching this instead");
    mergeOptions(prs, true);
    run(prs, Kind::Providers);

    CLI::App* a = mergeCommand->add_subcommand("all", "Merge every tool's sessions of the project");
    a->add_option("--workspace", merge.workspace, "Sessions of the workspaces matching this instead");
    mergeOptions(a, true);
    run(a, Kind::Project);
}

} // namespace chasm::cli
