// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

// chasm fetch, import and move: bring sessions into a project's workspace from other workspaces, from files and
// folders, or move them out of where they are.

#include "Commands.h"
#include "commands/CommandTable.h"
#include "services/TransferService.h"

namespace chasm::cli {

namespace {

struct TransferOptions
{
    Commands::WriteRequest write;
    std::string targetPath;
    std::string targetEditor;
    std::vector<std::string> ids;
    std::string pattern;
    std::string source;
    std::string hash;
    std::string from;
    std::string to;
};

// --target-path, --editor and the write options of a command that brings sessions into a workspace.
void addTargetOptions(CommandTable& table, CLI::App* command, TransferOptions& o, bool targetPathOption)
{
    if (targetPathOption) {
        command->add_option("--target-path", o.targetPath,
                            "The project to bring them into (default: current directory)");
    }
    table.suggest(command->add_option("--editor", o.targetEditor,
                                      "code, code-insiders, vscodium, cursor or windsurf (default: "
                                      "the first that keeps the project)"),
                  {"code", "code-insiders", "vscodium", "cursor", "windsurf"});
    command->add_flag("-f,--force", o.write.options.force, "Write the index although the editor runs");
    command->add_flag("--no-register", o.write.options.skipIndex,
                      "Copy the files only; leave the editor's index alone");
    command->add_flag("--dry-run", o.write.options.dryRun, "Only say what would change");
}

} // namespace

void addProviderImportCommand(CommandTable& table, CLI::App* provider)
{
    TransferOptions& o = table.options<TransferOptions>();
    CLI::App* i = provider->add_subcommand(
        "import", "Bring a tool's sessions of the project into its VS Code-family workspace (converted as a merge "
                  "converts them), registered there");
    table.suggest(i->add_option("--from", o.from, "The tool whose sessions to bring in (claudecode, codex, chasm, ...)")
                      ->required(),
                  CommandTable::providerIds());
    i->add_option("--path", o.targetPath, "The project (default: current directory)");
    i->add_option("--session", o.source, "Only this session (an id or unique prefix; of any project)");
    addTargetOptions(table, i, o, false);
    table.on(i, [&o](Commands& c) {
        const TransferService::Report report = take(
            TransferService(c.catalog())
                .importFromProvider({q(o.from), q(o.targetPath), q(o.source), q(o.targetEditor), o.write.options}));
        c.printBrought(report.written, report.offered, report.verb, report.dryRun);
    });
}

void addFetchCommands(CommandTable& table)
{
    TransferOptions& o = table.options<TransferOptions>();
    Registrar::Options& options = o.write.options;
    CLI::App* fetch = table.app()
                          .add_subcommand("fetch", "Bring sessions of other workspaces into a project's workspace")
                          ->require_subcommand(1);

    CLI::App* s = fetch->add_subcommand("session", "Sessions by id (or unique prefix), from any workspace");
    s->alias("s");
    s->add_option("ids", o.ids, "Session ids")->required();
    addTargetOptions(table, s, o, true);
    table.on(s, [&o](Commands& c) { c.fetchSessions(o.ids, o.targetPath, o.targetEditor, o.write.options); });

    CLI::App* w = fetch->add_subcommand("workspace", "Every session of the workspaces matching a pattern");
    w->alias("ws");
    w->add_option("pattern", o.pattern, "Workspace hash prefix, name or project path part")->required();
    addTargetOptions(table, w, o, true);
    table.on(w, [&o](Commands& c) { c.fetchWorkspace(o.pattern, o.targetPath, o.targetEditor, o.write.options); });

    CLI::App* p = fetch->add_subcommand(
        "path", "The sessions other workspaces of the project hold and its active workspace lacks");
    p->add_option("project_path", o.write.path, "Project folder (default: current directory)");
    p->add_flag("-f,--force", options.force, "Write the index although the editor runs");
    p->add_flag("--no-register", options.skipIndex, "Copy the files only; leave the editor's index alone");
    p->add_flag("--dry-run", options.dryRun, "Only say what would change");
    table.on(p, [&o](Commands& c) { c.detectOrphaned(o.write, true); });
}

void addImportCommands(CommandTable& table)
{
    TransferOptions& o = table.options<TransferOptions>();
    Registrar::Options& options = o.write.options;
    CLI::App* import =
        table.app().add_subcommand("import", "Bring session files into a project's workspace")->require_subcommand(1);

    CLI::App* s = import->add_subcommand("sessions", "Session files (.json, .jsonl, their .bak) from anywhere, or the "
                                                     "sessions an old state.vscdb holds: checked, copied, registered");
    s->alias("s");
    s->add_option("files", o.ids, "The files")->required();
    addTargetOptions(table, s, o, true);
    s->add_option("--workspace", o.hash, "Into this workspace (hash or unique prefix) instead of a project's");
    table.on(s, [&o](Commands& c) { c.importSessions(o.ids, o.targetPath, o.targetEditor, o.hash, o.write.options); });

    CLI::App* p = import->add_subcommand(
        "path", "The session files of a folder (or of its chatSessions folder) into a project's workspace");
    p->add_option("source", o.source, "The folder")->required();
    p->add_option("target_path", o.targetPath, "The project (default: current directory)");
    addTargetOptions(table, p, o, false);
    table.on(p, [&o](Commands& c) { c.importFolder(o.source, o.targetPath, o.targetEditor, {}, o.write.options); });

    CLI::App* w = import->add_subcommand(
        "workspace", "The session files of a folder (or of its chatSessions folder) into the workspace HASH");
    w->alias("ws");
    w->add_option("source", o.source, "The folder")->required();
    w->add_option("hash", o.hash, "The workspace: hash or unique prefix")->required();
    w->add_flag("-f,--force", options.force, "Write the index although the editor runs");
    w->add_flag("--no-register", options.skipIndex, "Copy the files only; leave the editor's index alone");
    w->add_flag("--dry-run", options.dryRun, "Only say what would change");
    table.on(w, [&o](Commands& c) { c.importFolder(o.source, {}, {}, o.hash, o.write.options); });
}

void addMoveCommands(CommandTable& table)
{
    TransferOptions& o = table.options<TransferOptions>();
    Registrar::Options& options = o.write.options;
    CLI::App* move =
        table.app()
            .add_subcommand("move", "Move sessions between workspaces, or history after a project folder moved")
            ->require_subcommand(1);
    move->alias("mv");

    CLI::App* p = move->add_subcommand(
        "path", "Copy the chat history of OLD to NEW: VS Code-family workspaces (registered) and Claude Code projects");
    p->add_option("old", o.from, "Where the project was")->required();
    p->add_option("new", o.to, "Where it is now")->required();
    p->add_flag("-f,--force", options.force, "Write the index although the editor runs");
    p->add_flag("--dry-run", options.dryRun, "Only say what would change");
    table.on(p, [&o](Commands& c) { c.movePath(o.from, o.to, o.write.options); });

    const auto moveOptions = [&options](CLI::App* command) {
        command->add_flag("-f,--force", options.force, "Write the indexes although the editor runs");
        command->add_flag("--dry-run", options.dryRun, "Only say what would change");
    };
    CLI::App* s = move->add_subcommand(
        "sessions", "Move sessions (ids or unique prefixes) into a project's workspace, out of where they are");
    s->alias("s");
    // CLI11 gives every word to a list positional, so the target is taken off its end.
    s->add_option("ids_then_target", o.ids, "Session ids (or unique prefixes), then the project")
        ->required()
        ->expected(2, -1)
        ->type_name("ID... PROJECT");
    moveOptions(s);
    table.on(s, [&o](Commands& c) {
        const std::string target = o.ids.back();
        o.ids.pop_back();
        c.fetchSessions(o.ids, target, {}, o.write.options, true);
    });

    CLI::App* w = move->add_subcommand("workspace", "Move every session of a workspace into another");
    w->alias("ws");
    w->add_option("source_hash", o.from, "The workspace: hash or unique prefix")->required();
    w->add_option("target", o.to, "A project folder, or a workspace hash")->required();
    moveOptions(w);
    table.on(w, [&o](Commands& c) { c.moveWorkspace(o.from, o.to, o.write.options); });
}

} // namespace chasm::cli
