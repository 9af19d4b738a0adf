// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

// chasm export: write sessions out as files (json, jsonl, md, csv, html or pdf) by project, workspace or id.

#include "Commands.h"
#include "commands/CommandTable.h"

namespace chasm::cli {

namespace {

struct ExportOptions
{
    Commands::ExportRequest exporting;
};

} // namespace

void addExportCommands(CommandTable& table)
{
    ExportOptions& o = table.options<ExportOptions>();
    Commands::ExportRequest& exporting = o.exporting;
    CLI::App* exportCommand =
        table.app()
            .add_subcommand("export", "Write sessions out as files: json, jsonl, md, csv, html or pdf")
            ->require_subcommand(1);

    const auto exportOptions = [&table, &exporting](CLI::App* command) {
        table.oneOf(command->add_option("-f,--format", exporting.format,
                                        "json (the universal session format), jsonl (a message per line), md or html "
                                        "(transcripts), csv (a row per message) or pdf"),
                    {"json", "jsonl", "md", "csv", "html", "pdf"});
        table.suggest(command->add_option("-p,--provider", exporting.provider, "Only this tool's sessions"),
                      CommandTable::providerIds());
    };
    const auto destination = [&exporting](CLI::App* command) {
        command
            ->add_option("destination", exporting.destination,
                         "A folder (one file per session, <date>-<title>-<id>.<ext>), or a file ending in the "
                         "format's extension (all in one)")
            ->required();
    };
    using Kind = Commands::ExportRequest::Kind;
    const auto run = [&table, &exporting](CLI::App* command, Kind kind) {
        table.on(
            command,
            [&exporting, kind](Commands& c) {
                exporting.kind = kind;
                c.exportSessions(exporting);
            },
            [&exporting] { return exporting.format == "pdf"; });
    };
    CLI::App* p = exportCommand->add_subcommand("path", "Every tool's sessions of a project");
    destination(p);
    p->add_option("project_path", exporting.names, "Project folder (default: current directory)")->expected(0, 1);
    exportOptions(p);
    run(p, Kind::Paths);

    CLI::App* w = exportCommand->add_subcommand("workspace", "The sessions of a workspace");
    w->alias("ws");
    destination(w);
    w->add_option("hash", exporting.names, "Workspace hash prefix, name or project path part")->required()->expected(1);
    exportOptions(w);
    run(w, Kind::Workspace);

    CLI::App* s = exportCommand->add_subcommand("sessions", "Sessions by id (or unique prefix), any tools");
    s->alias("s");
    destination(s);
    s->add_option("session_ids", exporting.names, "Session ids")->required();
    s->add_option("--project-path", exporting.projectPath, "Look for the ids among this project's sessions");
    exportOptions(s);
    run(s, Kind::Sessions);

    CLI::App* b = exportCommand->add_subcommand("batch", "Every tool's sessions of several projects");
    destination(b);
    b->add_option("project_paths", exporting.names, "Project folders")->required();
    exportOptions(b);
    run(b, Kind::Paths);
}

} // namespace chasm::cli
