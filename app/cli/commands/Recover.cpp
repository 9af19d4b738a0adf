// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

// chasm recover (restore): find lost sessions and damaged files, salvage, repair, convert, extract, upgrade and
// split session files, bring back what a recording server holds, and list or undo what Chasm changed.

#include "Commands.h"
#include "commands/CommandTable.h"
#include "services/RecoverService.h"
#include "vscode/ChatSessionFile.h"

namespace chasm::cli {

namespace {

struct RecoverOptions
{
    Commands::WriteRequest write;
    std::string manifest;
    bool undoForce = false;
    bool aggressive = false;
    bool unindexed = false;
    bool verifyOrphans = false;
    bool allFormats = false;
    bool includeEdits = false;
    bool includeOld = false;
    bool system = false;
    bool verbose = false;
    std::vector<std::string> upgradePaths;
    std::string upgradeProvider = "auto";
    std::string upgradeFormat = "jsonl";
    int keepRequests = 50;
    std::string file;
    std::string output;
    std::string convertFormat;
    std::string convertCompat = "both";
    std::string provider;
    std::string session;
    std::string databaseFormat = "json";
};

const std::vector<std::string> editorProviders = {"all", "vscode", "copilot", "cursor", "windsurf"};

} // namespace

void addRecoverCommands(CommandTable& table)
{
    RecoverOptions& o = table.options<RecoverOptions>();
    Registrar::Options& options = o.write.options;
    CLI::App* recover = table.app()
                            .add_subcommand("recover", "Recover lost sessions, and list or undo what Chasm changed")
                            ->require_subcommand(1);
    recover->alias("restore");

    CLI::App* sc = recover->add_subcommand("scan", "Find sessions the editors do not show, and damaged files");
    table.oneOf(sc->add_option("--provider", o.provider, "vscode, cursor, windsurf or all"), editorProviders);
    sc->add_flag("--include-old", o.includeOld,
                 "Also sessions kept only in old copies: backup files, state databases from before the editor "
                 "wrote session files");
    sc->add_flag("-v,--verbose", o.verbose, "Also say where it looked: each editor's stores, found or missing");
    table.on(sc, [&o](Commands& c) { c.recoverScan(o.provider, o.includeOld, o.verbose); });

    CLI::App* s = recover->add_subcommand("status", "List Chasm's recovery points and session backups");
    table.oneOf(s->add_option("--provider", o.provider, "vscode, cursor, windsurf or all"), editorProviders);
    s->add_flag("--system", o.system,
                "Also each editor: installed, running now (repairs wait until it is closed), free space, advice");
    table.on(s, [&o](Commands& c) { c.recoverStatus(o.provider, o.system); });

    CLI::App* d = recover->add_subcommand("detect", "Say what a session file is: format, version, damage");
    d->add_option("file", o.file, "A .json or .jsonl session file")->required();
    d->add_flag("--verbose", o.verbose, "Also the reader's warnings and each request: its id, time and message");
    table.on(d, [&o](Commands& c) { c.recoverDetect(o.file, o.verbose); });

    CLI::App* j = recover->add_subcommand("jsonl", "Salvage every complete record of a damaged .jsonl log");
    j->add_option("file", o.file, "The damaged log")->required();
    j->add_option("-o,--output", o.output, "Write the session here (a new file) instead of over the log");
    j->add_flag("--aggressive", o.aggressive,
                "Also skip entries that cannot apply, and look for records inside damaged lines");
    j->add_flag("--dry-run", options.dryRun, "Only say what would change");
    table.on(j, [&o, &options](Commands& c) {
        c.printFileReport(
            RecoverService::salvage(
                {c.pathOrCwd(o.file), o.output.empty() ? QString() : c.pathOrCwd(o.output), o.aggressive, options}),
            options.dryRun);
    });

    CLI::App* r = recover->add_subcommand("repair", "Repair one session file in place (no index is written)");
    r->add_option("path", o.file, "The session file")->required();
    r->add_flag("--dry-run", options.dryRun, "Only say what would change");
    table.on(r, [&o, &options](Commands& c) {
        c.printFileReport(RecoverService::repairFile(c.pathOrCwd(o.file), options), options.dryRun);
    });

    CLI::App* v = recover->add_subcommand("convert", "Write a session file in the other format (json, jsonl)");
    v->add_option("input", o.file, "The session file")->required();
    v->add_option("-o,--output", o.output, "The new file (default: beside the input, other extension)");
    table.oneOf(
        v->add_option("--format", o.convertFormat, "json or jsonl (default: the other one; json for --compat legacy)"),
        {"json", "jsonl"});
    table.oneOf(v->add_option("--compat", o.convertCompat,
                              "The editors to write for: legacy (VS Code 1.99–1.108), modern (≥ 1.109) or both; "
                              "what they need and the session lacks is filled in"),
                {"legacy", "modern", "both"});
    v->add_flag("--dry-run", options.dryRun, "Only say what would change");
    table.on(v, [&o, &options](Commands& c) {
        const auto format = o.convertFormat.empty()      ? std::nullopt
                            : o.convertFormat == "jsonl" ? std::optional(ChatSessionFile::Format::Jsonl)
                                                         : std::optional(ChatSessionFile::Format::Json);
        c.printFileReport(
            RecoverService::convert({c.pathOrCwd(o.file), o.output.empty() ? QString() : c.pathOrCwd(o.output), format,
                                     o.convertCompat == "legacy"   ? SessionCompatibility::Readers::Legacy
                                     : o.convertCompat == "modern" ? SessionCompatibility::Readers::Modern
                                                                   : SessionCompatibility::Readers::Both,
                                     options}),
            options.dryRun);
    });

    CLI::App* db = recover->add_subcommand(
        "database", "Extract sessions from an old state.vscdb (interactive.sessions) or a harvest database");
    db->add_option("backup", o.file, "The database file")->required();
    db->add_option("--session", o.session, "Only this session (id or prefix)");
    db->add_option("-o,--output", o.output, "The folder to write into (default: ./recovered-sessions)");
    table.oneOf(db->add_option("--format", o.databaseFormat, "json, jsonl or md"), {"json", "jsonl", "md"});
    table.on(db, [&o](Commands& c) { c.recoverDatabase(o.file, o.session, o.output, o.databaseFormat); });

    Commands::RecoverRecording& rr = table.options<Commands::RecoverRecording>();
    const CommandTable::Globals& globals = table.globals();
    CLI::App* rec = recover->add_subcommand(
        "recording", "Bring back the sessions a Chasm API server recorded, into the harvest database or a folder");
    rec->add_option("--server", rr.server, "The server: http://HOST:PORT (http://localhost:8787; HOST:PORT will do)");
    rec->add_option("--session", rr.session, "Only this recorded session (its id)");
    rec->add_option("-o,--output", rr.output,
                    "Write each session into this folder as <id>.json (the export's json format) instead of into the "
                    "harvest database");
    rec->add_option("--token-file", rr.tokenFile,
                    "A file holding the server's API token (else $CHASM_API_TOKEN, else the system keychain's)");
    rec->add_option("--timeout", rr.timeout, "Seconds each request may take (30)")->check(atLeast(1));
    rec->footer("Into the harvest database (--db, else $CHASM_DB or the default one) each session is stored as the "
                "recording stores it, a session of provider `recording` that every list, search and export shows; a "
                "session already recorded there up to the server's last event is left unchanged. Into a folder, "
                "a file that is there already is never replaced: the same one is left unchanged, another one is "
                "reported. Exit status 3 when some sessions could not be recovered.");
    table.on(rec, [&rr, &globals](Commands& c) { c.recoverRecording(globals.database, rr); });

    CLI::App* orphans = recover->add_subcommand(
        "orphans", "List sessions the editors cannot show: folder gone, older workspace (and --unindexed)");
    table.oneOf(orphans->add_option("--provider", o.provider, "vscode, cursor, windsurf or all"), editorProviders);
    orphans->add_flag("--unindexed", o.unindexed, "Also session files missing from their workspace's index");
    orphans->add_flag("--verify", o.verifyOrphans, "Read each one and say whether it is intact");
    table.on(orphans, [&o](Commands& c) { c.recoverOrphans(o.provider, o.unindexed, o.verifyOrphans); });

    CLI::App* x = recover->add_subcommand(
        "extract", "Copy every session file of a project's workspaces (all editors) into a new folder");
    x->add_option("path", o.file, "Project folder")->required();
    x->add_option("-o,--output", o.output, "The folder to create (default: ./<project name>-sessions)");
    x->add_flag("--all-formats", o.allFormats, "Also write each session in the other format and as Markdown");
    x->add_flag("--include-edits", o.includeEdits, "Also copy the editor's file-edit records (chatEditingSessions)");
    x->add_flag("--dry-run", options.dryRun, "Only say what would be written");
    table.on(x, [&o, &options](Commands& c) {
        c.recoverExtract(o.file, o.output, o.allFormats, o.includeEdits, options.dryRun);
    });

    CLI::App* g = recover->add_subcommand(
        "upgrade", "Rewrite a project's session files as .jsonl (VS Code ≥ 1.109), or back as .json");
    g->add_option("project_paths", o.upgradePaths, "Project folders")->required();
    table.oneOf(g->add_option("--provider", o.upgradeProvider,
                              "vscode, cursor, windsurf or auto (to .jsonl: VS Code, Insiders and VSCodium, the "
                              "editors known to read it; "
                              "to .json: every editor)"),
                {"auto", "vscode", "copilot", "cursor", "windsurf"});
    table.oneOf(g->add_option("--target-format", o.upgradeFormat, "jsonl (default) or json"), {"json", "jsonl"});
    g->add_flag("--no-backup", options.backupsInRecoveryFolder,
                "Keep no .bak beside the sessions (the recovery point still holds the originals for undo)");
    g->add_flag("-f,--force", options.force, "Rewrite although the editor runs");
    g->add_flag("--dry-run", options.dryRun, "Only say what would change");
    table.on(g, [&o](Commands& c) { c.recoverUpgrade(o.write, o.upgradePaths, o.upgradeProvider, o.upgradeFormat); });

    CLI::App* sp = recover->add_subcommand(
        "split", "Split a session too big to open: its older requests become a session of their own");
    sp->add_option("session", o.file, "The session file, or its id (or a unique prefix)")->required();
    sp->add_option("--keep", o.keepRequests, "Requests the session keeps, the newest (default: 50)")->check(atLeast(1));
    sp->add_flag("-f,--force", options.force, "Write although the editor runs");
    sp->add_flag("--dry-run", options.dryRun, "Only say what would change");
    table.on(sp, [&o](Commands& c) { c.recoverSplit(o.write, o.file, o.keepRequests); });

    CLI::App* u = recover->add_subcommand("undo", "Put every file of a recovery point back as it was");
    u->add_option("manifest", o.manifest, "The recovery point (a .json file in a .chasm_recovery folder)")->required();
    u->add_flag("-f,--force", o.undoForce,
                "Undo although a file changed since (its current content is kept beside it)");
    table.on(u, [&o](Commands& c) { c.recoverUndo(o.manifest, o.undoForce); });
}

} // namespace chasm::cli
