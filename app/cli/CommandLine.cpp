#include "CommandLine.h"

#include "CliSupport.h"
#include "Commands.h"
#include "ops/SessionFileRecovery.h"
#include "vscode/ChatSessionFile.h"

#include <CLI/CLI.hpp>

#include <algorithm>
#include <charconv>
#include <functional>
#include <limits>

using namespace Qt::StringLiterals;

namespace chasm::cli {

namespace {

// A whole number of at least `minimum`, refused in our words: "--limit: must be at least 1, got '0'".
CLI::Validator atLeast(int minimum)
{
    return CLI::Validator(
        [minimum](std::string& text) {
            int value = 0;
            const char* end = text.data() + text.size();
            const auto [stop, error] = std::from_chars(text.data(), end, value);
            if (error == std::errc::result_out_of_range && stop == end) {
                return "must be at most " + std::to_string(std::numeric_limits<int>::max()) + ", got '" + text + "'";
            }
            if (error != std::errc() || stop != end) {
                return "must be a whole number of at least " + std::to_string(minimum) + ", got '" + text + "'";
            }
            return value < minimum ? "must be at least " + std::to_string(minimum) + ", got '" + text + "'"
                                   : std::string();
        },
        ">= " + std::to_string(minimum));
}

// --after, --before: a date or an ISO 8601 date and time, with nothing after it (readDate).
CLI::Validator dateOrTime()
{
    return CLI::Validator([](std::string& text) { return readDate(text, false) ? std::string() : dateExpected(text); },
                          "DATE");
}

} // namespace

int run(int argc, const char* const* argv, const Environment& environment, std::ostream& out, std::ostream& err,
        Terminal terminal)
{
    CLI::App app{"Chasm: find, recover, repair, merge, search and export the chat histories of AI coding "
                 "assistants.",
                 "chasm"};
    app.set_version_flag("-V,--version", std::string("chasm ") + CHASM_VERSION);
    app.require_subcommand(1);
    app.fallthrough();
    Output output{out, err};
    output.progress = terminal.err;
    app.add_flag("--json", output.json, "Print the result as JSON (stable keys)");

    std::function<void(Commands&)> action;
    const auto on = [&action](CLI::App* command, std::function<void(Commands&)> run) {
        command->callback([&action, run = std::move(run)] { action = run; });
    };

    // Options are shared by several commands; CLI11 binds each to a variable.
    std::string projectPath, provider, path, id, pattern;
    bool allProviders = false, withSize = false, all = false, verbose = false, withSessions = false;
    int gapDays = 7;

    CLI::App* list = app.add_subcommand("list", "List workspaces, sessions, or paths")->require_subcommand(1);
    list->alias("ls");
    {
        CLI::App* ws = list->add_subcommand("workspaces", "List all editor workspaces that have chat sessions");
        ws->alias("ws");
        on(ws, [&](Commands& c) { c.listWorkspaces({}); });

        CLI::App* s = list->add_subcommand("sessions", "List chat sessions across workspaces");
        s->alias("s");
        s->add_option("--project-path", projectPath, "Only sessions of this project folder");
        s->add_option("-p,--provider", provider, "Only this provider (copilot, cursor, windsurf)");
        s->add_flag("--all-providers", allProviders, "Include every provider (already the default)");
        s->add_flag("-s,--size", withSize, "Show file sizes and formats");
        on(s, [&](Commands& c) { c.listSessions(projectPath, provider, withSize); });

        CLI::App* p = list->add_subcommand("path", "List the sessions of a project path (default: current directory)");
        p->add_option("project_path", path, "Project folder");
        on(p, [&](Commands& c) { c.listPath(path); });

        CLI::App* e =
            list->add_subcommand("edits", "List agent and edit sessions: the files they changed (chatEditingSessions)");
        e->alias("e");
        e->add_option("--project-path", projectPath, "Only this project's workspaces");
        e->add_option("-p,--provider", provider, "Only this provider (copilot, cursor, windsurf)");
        e->add_flag("-s,--size", withSize, "Show their size on disk");
        on(e, [&](Commands& c) { c.listEdits(projectPath, provider, withSize); });

        CLI::App* o = list->add_subcommand("orphaned", "List sessions on disk that the editor's index does not show");
        o->add_option("--path", path, "Project folder (default: current directory)");
        o->add_flag("-a,--all", all, "Every workspace");
        on(o, [&](Commands& c) { c.listOrphaned(path, all); });
    }

    {
        CLI::App* agents =
            list->add_subcommand("agents", "List the AI coding agents: installed or not, and their stores");
        agents->alias("a");
        on(agents, [&](Commands& c) { c.listProviders(false, true); });
    }

    CLI::App* providerCommand = app.add_subcommand("provider", "The providers Chasm reads")->require_subcommand(1);
    {
        CLI::App* l =
            providerCommand->add_subcommand("list", "List every provider, where it keeps its data and what is there");
        on(l, [&](Commands& c) { c.listProviders(false, false); });
    }

    CLI::App* show =
        app.add_subcommand("show", "Show details of a session, workspace, index or path")->require_subcommand(1);
    show->alias("info");
    {
        CLI::App* s = show->add_subcommand("session", "Show a session's messages and metadata");
        s->alias("s");
        s->add_option("session_id", id, "Session id, or a unique prefix of it")->required();
        s->add_option("--project-path", projectPath, "Look only in this project's workspaces");
        on(s, [&](Commands& c) { c.showSession(id, projectPath); });

        CLI::App* a = show->add_subcommand(
            "agent", "Show what an agent or edit session changed: files, their review state, requests, checkpoints");
        a->alias("a");
        a->add_option("session_id", id, "Session id, or a unique prefix of it")->required();
        a->add_option("--project-path", projectPath, "Look only in this project's workspaces");
        on(a, [&](Commands& c) { c.showAgent(id, projectPath); });

        CLI::App* w = show->add_subcommand("workspace", "Show a workspace's details and sessions");
        w->alias("ws");
        w->add_option("workspace", id, "Workspace name, hash or a unique hash prefix")->required();
        on(w, [&](Commands& c) { c.showWorkspace(id); });

        CLI::App* i = show->add_subcommand("index", "Show the editor's session index beside the files on disk");
        i->alias("idx");
        i->add_option("--path", path, "Project folder (default: current directory)");
        i->add_flag("-a,--all", all, "Every workspace");
        on(i, [&](Commands& c) { c.showIndex(path, all); });

        CLI::App* t =
            show->add_subcommand("timeline", "Show a project's sessions over time, every tool, with the gaps");
        t->add_option("path", path, "Project folder (default: current directory)");
        t->add_option("--gap-days", gapDays, "Call a pause of this many days a gap (default: 7)")->check(atLeast(1));
        on(t, [&](Commands& c) { c.showTimeline(path, gapDays); });

        CLI::App* p = show->add_subcommand("path", "Show the chat history timeline of a project path");
        p->add_option("project_path", path, "Project folder (default: current directory)");
        on(p, [&](Commands& c) { c.showPath(path); });
    }

    Commands::SessionFilter filter;
    CLI::App* find = app.add_subcommand("find", "Search workspaces or sessions by text pattern")->require_subcommand(1);
    {
        CLI::App* w = find->add_subcommand("workspace", "Search workspaces by name, path or hash");
        w->alias("ws");
        w->add_option("pattern", pattern, "Case-insensitive text (default: the current directory's name)");
        on(w, [&](Commands& c) { c.findWorkspace(pattern); });

        CLI::App* s = find->add_subcommand("session", "Search sessions by title, id or content");
        s->alias("s");
        s->add_option("pattern", filter.pattern, "Case-insensitive text");
        s->add_option("-w,--workspace", filter.workspace, "Only workspaces matching this");
        s->add_flag("-t,--title-only", filter.titleOnly, "Only search titles");
        s->add_flag("-c,--content", filter.content,
                    "Also search message content (through the harvest index for harvested sessions)");
        s->add_option("--after", filter.after, "Updated on or after YYYY-MM-DD (or YYYY-MM-DDTHH:MM)")
            ->check(dateOrTime());
        s->add_option("--before", filter.before, "Updated on or before YYYY-MM-DD (or YYYY-MM-DDTHH:MM)")
            ->check(dateOrTime());
        s->add_option("-p,--provider", filter.provider, "Only this provider");
        s->add_flag("--all-providers", allProviders, "Include every provider (already the default)");
        s->add_flag("-a,--all", all, "Search all workspaces (already the default)");
        s->add_option("-n,--limit", filter.limit, "At most this many results")->check(atLeast(1));
        on(s, [&](Commands& c) { c.findSession(filter); });
    }

    Commands::WriteRequest write;
    bool mergeFirst = false;
    std::vector<std::string> ids, titles;
    const auto writeOptions = [&write](CLI::App* command, bool withAll) {
        command->add_option("--path", write.path, "Project folder (default: current directory)");
        if (withAll) {
            command->add_flag("-a,--all", write.all, "Every workspace of every VS Code-family editor");
        }
        command->add_flag("-f,--force", write.options.force,
                          "Write the index although the editor runs (it overwrites the index when it quits)");
        command->add_flag("--close-vscode", write.closeEditor, "Ask the editor to quit first, and wait");
        command->add_flag("--reopen", write.reopen,
                          "Start the editor again on the project after (implies --close-vscode)");
        command->add_flag("--dry-run", write.options.dryRun, "Only say what would change");
    };
    CLI::App* registerCommand =
        app.add_subcommand("register", "Add on-disk sessions to the editor's index, so its chat history shows them")
            ->require_subcommand(1);
    {
        CLI::App* a = registerCommand->add_subcommand("all", "Register every session file the index lacks");
        writeOptions(a, true);
        a->add_flag("-m,--merge", mergeFirst, "First merge each workspace's sessions into one new session");
        on(a, [&](Commands& c) { c.registerSessions(write, {}, {}, mergeFirst); });

        CLI::App* s = registerCommand->add_subcommand("session", "Register sessions by id (or prefix) or title");
        s->alias("s");
        s->add_option("ids", ids, "Session ids or unique prefixes");
        s->add_option("-t,--title", titles, "Sessions whose title contains this (case-insensitive)");
        writeOptions(s, false);
        on(s, [&](Commands& c) {
            if (ids.empty() && titles.empty()) {
                throw CLI::ValidationError("register session", "name at least one session id or --title");
            }
            c.registerSessions(write, ids, titles);
        });

        CLI::App* rec = registerCommand->add_subcommand(
            "recursive", "Register the orphaned sessions of every project under a folder");
        rec->alias("r");
        rec->add_option("path", write.path, "The folder (default: current directory)");
        rec->add_option("-d,--depth", write.depth, "At most this many folders down (default: any)")->check(atLeast(0));
        rec->add_option("-x,--exclude", write.exclude, "Leave out projects whose path matches (wildcards: *, ?)");
        rec->add_flag("-f,--force", write.options.force, "Write the index although the editor runs");
        rec->add_flag("--dry-run", write.options.dryRun, "Only say what would change");
        on(rec, [&](Commands& c) {
            write.recursive = true;
            c.registerSessions(write, {}, {});
        });

        CLI::App* r = registerCommand->add_subcommand(
            "repair", "Compact and fix session files, and rebuild their index entries (isEmpty, lastResponseState)");
        r->alias("fix");
        writeOptions(r, true);
        on(r, [&](Commands& c) { c.repair(write); });
    }

    std::string manifest;
    bool recoverOrphans = false, undoForce = false, aggressive = false, unindexed = false, verifyOrphans = false,
         allFormats = false, includeEdits = false, includeOld = false;
    std::vector<std::string> upgradePaths;
    std::string upgradeProvider = "auto", upgradeFormat = "jsonl";
    int keepRequests = 50;
    std::string recoverFile, recoverOutput, convertFormat, convertCompat = "both", recoverProvider, recoverSession,
                                                           recoverFormat = "json";
    CLI::App* recover = app.add_subcommand("recover", "Recover lost sessions, and list or undo what Chasm changed")
                            ->require_subcommand(1);
    recover->alias("restore");
    {
        CLI::App* sc = recover->add_subcommand("scan", "Find sessions the editors do not show, and damaged files");
        sc->add_option("--provider", recoverProvider, "vscode, cursor, windsurf or all")
            ->check(CLI::IsMember({"all", "vscode", "copilot", "cursor", "windsurf"}));
        sc->add_flag("--include-old", includeOld,
                     "Also sessions kept only in old copies: backup files, state databases from before the editor "
                     "wrote session files");
        on(sc, [&](Commands& c) { c.recoverScan(recoverProvider, includeOld); });

        CLI::App* s = recover->add_subcommand("status", "List Chasm's recovery points and session backups");
        on(s, [&](Commands& c) { c.recoverStatus(); });

        CLI::App* d = recover->add_subcommand("detect", "Say what a session file is: format, version, damage");
        d->add_option("file", recoverFile, "A .json or .jsonl session file")->required();
        on(d, [&](Commands& c) { c.recoverDetect(recoverFile); });

        CLI::App* j = recover->add_subcommand("jsonl", "Salvage every complete record of a damaged .jsonl log");
        j->add_option("file", recoverFile, "The damaged log")->required();
        j->add_option("-o,--output", recoverOutput, "Write the session here (a new file) instead of over the log");
        j->add_flag("--aggressive", aggressive,
                    "Also skip entries that cannot apply, and look for records inside damaged lines");
        j->add_flag("--dry-run", write.options.dryRun, "Only say what would change");
        on(j, [&](Commands& c) {
            c.printFileReport(
                SessionFileRecovery::salvage(c.pathOrCwd(recoverFile),
                                             recoverOutput.empty() ? QString() : c.pathOrCwd(recoverOutput), aggressive,
                                             write.options),
                write.options.dryRun);
        });

        CLI::App* r = recover->add_subcommand("repair", "Repair one session file in place (no index is written)");
        r->add_option("path", recoverFile, "The session file")->required();
        r->add_flag("--dry-run", write.options.dryRun, "Only say what would change");
        on(r, [&](Commands& c) {
            c.printFileReport(Registrar::repairFile(c.pathOrCwd(recoverFile), write.options), write.options.dryRun);
        });

        CLI::App* v = recover->add_subcommand("convert", "Write a session file in the other format (json, jsonl)");
        v->add_option("input", recoverFile, "The session file")->required();
        v->add_option("-o,--output", recoverOutput, "The new file (default: beside the input, other extension)");
        v->add_option("--format", convertFormat, "json or jsonl (default: the other one; json for --compat legacy)")
            ->check(CLI::IsMember({"json", "jsonl"}));
        v->add_option("--compat", convertCompat,
                      "The editors to write for: legacy (VS Code 1.99–1.108), modern (≥ 1.109) or both; what they "
                      "need and the session lacks is filled in")
            ->check(CLI::IsMember({"legacy", "modern", "both"}));
        v->add_flag("--dry-run", write.options.dryRun, "Only say what would change");
        on(v, [&](Commands& c) {
            const auto format = convertFormat.empty()      ? std::nullopt
                                : convertFormat == "jsonl" ? std::optional(ChatSessionFile::Format::Jsonl)
                                                           : std::optional(ChatSessionFile::Format::Json);
            c.printFileReport(
                SessionFileRecovery::convert(c.pathOrCwd(recoverFile),
                                             recoverOutput.empty() ? QString() : c.pathOrCwd(recoverOutput), format,
                                             convertCompat == "legacy"   ? SessionCompatibility::Readers::Legacy
                                             : convertCompat == "modern" ? SessionCompatibility::Readers::Modern
                                                                         : SessionCompatibility::Readers::Both,
                                             write.options),
                write.options.dryRun);
        });

        CLI::App* db = recover->add_subcommand(
            "database", "Extract sessions from an old state.vscdb (interactive.sessions) or a harvest database");
        db->add_option("backup", recoverFile, "The database file")->required();
        db->add_option("--session", recoverSession, "Only this session (id or prefix)");
        db->add_option("-o,--output", recoverOutput, "The folder to write into (default: ./recovered-sessions)");
        db->add_option("--format", recoverFormat, "json, jsonl or md")->check(CLI::IsMember({"json", "jsonl", "md"}));
        on(db, [&](Commands& c) { c.recoverDatabase(recoverFile, recoverSession, recoverOutput, recoverFormat); });

        CLI::App* o = recover->add_subcommand(
            "orphans", "List sessions the editors cannot show: folder gone, older workspace (and --unindexed)");
        o->add_option("--provider", recoverProvider, "vscode, cursor, windsurf or all")
            ->check(CLI::IsMember({"all", "vscode", "copilot", "cursor", "windsurf"}));
        o->add_flag("--unindexed", unindexed, "Also session files missing from their workspace's index");
        o->add_flag("--verify", verifyOrphans, "Read each one and say whether it is intact");
        on(o, [&](Commands& c) { c.recoverOrphans(recoverProvider, unindexed, verifyOrphans); });

        CLI::App* x = recover->add_subcommand(
            "extract", "Copy every session file of a project's workspaces (all editors) into a new folder");
        x->add_option("path", recoverFile, "Project folder")->required();
        x->add_option("-o,--output", recoverOutput, "The folder to create (default: ./<project name>-sessions)");
        x->add_flag("--all-formats", allFormats, "Also write each session in the other format and as Markdown");
        x->add_flag("--include-edits", includeEdits, "Also copy the editor's file-edit records (chatEditingSessions)");
        x->add_flag("--dry-run", write.options.dryRun, "Only say what would be written");
        on(x, [&](Commands& c) {
            c.recoverExtract(recoverFile, recoverOutput, allFormats, includeEdits, write.options.dryRun);
        });

        CLI::App* g = recover->add_subcommand(
            "upgrade", "Rewrite a project's session files as .jsonl (VS Code ≥ 1.109), or back as .json");
        g->add_option("project_paths", upgradePaths, "Project folders")->required();
        g->add_option("--provider", upgradeProvider,
                      "vscode, cursor, windsurf or auto (to .jsonl: VS Code, Insiders and VSCodium, the editors known "
                      "to read it; "
                      "to .json: every editor)")
            ->check(CLI::IsMember({"auto", "vscode", "copilot", "cursor", "windsurf"}));
        g->add_option("--target-format", upgradeFormat, "jsonl (default) or json")
            ->check(CLI::IsMember({"json", "jsonl"}));
        g->add_flag("--no-backup", write.options.backupsInRecoveryFolder,
                    "Keep no .bak beside the sessions (the recovery point still holds the originals for undo)");
        g->add_flag("-f,--force", write.options.force, "Rewrite although the editor runs");
        g->add_flag("--dry-run", write.options.dryRun, "Only say what would change");
        on(g, [&](Commands& c) { c.recoverUpgrade(write, upgradePaths, upgradeProvider, upgradeFormat); });

        CLI::App* sp = recover->add_subcommand(
            "split", "Split a session too big to open: its older requests become a session of their own");
        sp->add_option("session", recoverFile, "The session file, or its id (or a unique prefix)")->required();
        sp->add_option("--keep", keepRequests, "Requests the session keeps, the newest (default: 50)")
            ->check(atLeast(1));
        sp->add_flag("-f,--force", write.options.force, "Write although the editor runs");
        sp->add_flag("--dry-run", write.options.dryRun, "Only say what would change");
        on(sp, [&](Commands& c) { c.recoverSplit(write, recoverFile, keepRequests); });

        CLI::App* u = recover->add_subcommand("undo", "Put every file of a recovery point back as it was");
        u->add_option("manifest", manifest, "The recovery point (a .json file in a .chasm_recovery folder)")
            ->required();
        u->add_flag("-f,--force", undoForce,
                    "Undo although a file changed since (its current content is kept beside it)");
        on(u, [&](Commands& c) { c.recoverUndo(manifest, undoForce); });
    }

    std::string targetPath, targetEditor;
    std::vector<std::string> fetchIds;
    std::string importSource, importHash;
    const auto targetOptions = [&](CLI::App* command, bool targetPathOption) {
        if (targetPathOption) {
            command->add_option("--target-path", targetPath,
                                "The project to bring them into (default: current directory)");
        }
        command->add_option("--editor", targetEditor,
                            "code, code-insiders, vscodium, cursor or windsurf (default: "
                            "the first that keeps the project)");
        command->add_flag("-f,--force", write.options.force, "Write the index although the editor runs");
        command->add_flag("--no-register", write.options.skipIndex,
                          "Copy the files only; leave the editor's index alone");
        command->add_flag("--dry-run", write.options.dryRun, "Only say what would change");
    };
    CLI::App* fetch = app.add_subcommand("fetch", "Bring sessions of other workspaces into a project's workspace")
                          ->require_subcommand(1);
    {
        CLI::App* s = fetch->add_subcommand("session", "Sessions by id (or unique prefix), from any workspace");
        s->alias("s");
        s->add_option("ids", fetchIds, "Session ids")->required();
        targetOptions(s, true);
        on(s, [&](Commands& c) { c.fetchSessions(fetchIds, targetPath, targetEditor, write.options); });

        CLI::App* w = fetch->add_subcommand("workspace", "Every session of the workspaces matching a pattern");
        w->alias("ws");
        w->add_option("pattern", pattern, "Workspace hash prefix, name or project path part")->required();
        targetOptions(w, true);
        on(w, [&](Commands& c) { c.fetchWorkspace(pattern, targetPath, targetEditor, write.options); });

        CLI::App* p = fetch->add_subcommand(
            "path", "The sessions other workspaces of the project hold and its active workspace lacks");
        p->add_option("project_path", write.path, "Project folder (default: current directory)");
        p->add_flag("-f,--force", write.options.force, "Write the index although the editor runs");
        p->add_flag("--no-register", write.options.skipIndex, "Copy the files only; leave the editor's index alone");
        p->add_flag("--dry-run", write.options.dryRun, "Only say what would change");
        on(p, [&](Commands& c) { c.detectOrphaned(write, true); });
    }
    CLI::App* import =
        app.add_subcommand("import", "Bring session files into a project's workspace")->require_subcommand(1);
    {
        CLI::App* s =
            import->add_subcommand("sessions", "Session files (.json, .jsonl, their .bak) from anywhere, or the "
                                               "sessions an old state.vscdb holds: checked, copied, registered");
        s->add_option("files", fetchIds, "The files")->required();
        targetOptions(s, true);
        s->add_option("--workspace", importHash, "Into this workspace (hash or unique prefix) instead of a project's");
        on(s, [&](Commands& c) { c.importSessions(fetchIds, targetPath, targetEditor, importHash, write.options); });

        CLI::App* p = import->add_subcommand(
            "path", "The session files of a folder (or of its chatSessions folder) into a project's workspace");
        p->add_option("source", importSource, "The folder")->required();
        p->add_option("target_path", targetPath, "The project (default: current directory)");
        targetOptions(p, false);
        on(p, [&](Commands& c) { c.importFolder(importSource, targetPath, targetEditor, {}, write.options); });

        CLI::App* w = import->add_subcommand(
            "workspace", "The session files of a folder (or of its chatSessions folder) into the workspace HASH");
        w->alias("ws");
        w->add_option("source", importSource, "The folder")->required();
        w->add_option("hash", importHash, "The workspace: hash or unique prefix")->required();
        w->add_flag("-f,--force", write.options.force, "Write the index although the editor runs");
        w->add_flag("--no-register", write.options.skipIndex, "Copy the files only; leave the editor's index alone");
        w->add_flag("--dry-run", write.options.dryRun, "Only say what would change");
        on(w, [&](Commands& c) { c.importFolder(importSource, {}, {}, importHash, write.options); });
    }

    std::string moveFrom, moveTo;
    CLI::App* move =
        app.add_subcommand("move", "Move sessions between workspaces, or history after a project folder moved")
            ->require_subcommand(1);
    {
        CLI::App* p = move->add_subcommand(
            "path",
            "Copy the chat history of OLD to NEW: VS Code-family workspaces (registered) and Claude Code projects");
        p->add_option("old", moveFrom, "Where the project was")->required();
        p->add_option("new", moveTo, "Where it is now")->required();
        p->add_flag("-f,--force", write.options.force, "Write the index although the editor runs");
        p->add_flag("--dry-run", write.options.dryRun, "Only say what would change");
        on(p, [&](Commands& c) { c.movePath(moveFrom, moveTo, write.options); });

        const auto moveOptions = [&write](CLI::App* command) {
            command->add_flag("-f,--force", write.options.force, "Write the indexes although the editor runs");
            command->add_flag("--dry-run", write.options.dryRun, "Only say what would change");
        };
        CLI::App* s = move->add_subcommand(
            "sessions", "Move sessions (ids or unique prefixes) into a project's workspace, out of where they are");
        s->alias("s");
        // CLI11 gives every word to a list positional, so the target is taken off its end.
        s->add_option("ids_then_target", fetchIds, "Session ids (or unique prefixes), then the project")
            ->required()
            ->expected(2, -1)
            ->type_name("ID... PROJECT");
        moveOptions(s);
        on(s, [&](Commands& c) {
            const std::string target = fetchIds.back();
            fetchIds.pop_back();
            c.fetchSessions(fetchIds, target, {}, write.options, true);
        });

        CLI::App* w = move->add_subcommand("workspace", "Move every session of a workspace into another");
        w->alias("ws");
        w->add_option("source_hash", moveFrom, "The workspace: hash or unique prefix")->required();
        w->add_option("target", moveTo, "A project folder, or a workspace hash")->required();
        moveOptions(w);
        on(w, [&](Commands& c) { c.moveWorkspace(moveFrom, moveTo, write.options); });
    }

    Commands::MergeRequest merge;
    bool noBackup = false;
    CLI::App* mergeCommand = app.add_subcommand("merge", "Join sessions of any tools into one session the editor shows")
                                 ->require_subcommand(1);
    {
        const auto mergeOptions = [&](CLI::App* command, bool withTarget) {
            command->add_option("-t,--title", merge.title,
                                "The merged session's title (default: \"Merged: <project> (N sessions, dates)\")");
            if (withTarget) {
                command->add_option("--target-path", merge.targetPath,
                                    "The project whose workspace gets it (default: current directory)");
            }
            command->add_flag("-f,--force", merge.options.force, "Write the index although the editor runs");
            command->add_flag("--no-backup", noBackup,
                              "Accepted for compatibility: merge writes a new file, and the index backup undo "
                              "needs is always made");
            command->add_flag("--dry-run", merge.options.dryRun, "Only say what would be written");
        };
        using Kind = Commands::MergeRequest::Kind;
        const auto run = [&](CLI::App* command, Kind kind) {
            on(command, [&, kind](Commands& c) {
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
        pr->add_option("provider_name", merge.names, "The provider (claudecode, codex, copilot, ...)")
            ->required()
            ->expected(1);
        pr->add_option("--sessions", merge.sessions, "Only these sessions (ids or prefixes)");
        mergeOptions(pr, true);
        run(pr, Kind::Providers);

        CLI::App* prs = mergeCommand->add_subcommand("providers", "Merge several tools' sessions of the project");
        prs->add_option("providers", merge.names, "The providers")->required();
        prs->add_option("--workspace", merge.workspace, "Sessions of the workspaces matching this instead");
        mergeOptions(prs, true);
        run(prs, Kind::Providers);

        CLI::App* a = mergeCommand->add_subcommand("all", "Merge every tool's sessions of the project");
        a->add_option("--workspace", merge.workspace, "Sessions of the workspaces matching this instead");
        mergeOptions(a, true);
        run(a, Kind::Project);
    }

    Commands::ExportRequest exporting;
    CLI::App* exportCommand =
        app.add_subcommand("export", "Write sessions out as files: json, jsonl, md, csv, html or pdf")
            ->require_subcommand(1);
    {
        const auto exportOptions = [&](CLI::App* command) {
            command
                ->add_option("-f,--format", exporting.format,
                             "json (the universal session format), jsonl (a message per line), md or html "
                             "(transcripts), csv (a row per message) or pdf")
                ->check(CLI::IsMember({"json", "jsonl", "md", "csv", "html", "pdf"}));
            command->add_option("-p,--provider", exporting.provider, "Only this tool's sessions");
        };
        const auto destination = [&](CLI::App* command) {
            command
                ->add_option("destination", exporting.destination,
                             "A folder (one file per session, <date>-<title>-<id>.<ext>), or a file ending in the "
                             "format's extension (all in one)")
                ->required();
        };
        using Kind = Commands::ExportRequest::Kind;
        const auto run = [&](CLI::App* command, Kind kind) {
            on(command, [&, kind](Commands& c) {
                exporting.kind = kind;
                c.exportSessions(exporting);
            });
        };
        CLI::App* p = exportCommand->add_subcommand("path", "Every tool's sessions of a project");
        destination(p);
        p->add_option("project_path", exporting.names, "Project folder (default: current directory)")->expected(0, 1);
        exportOptions(p);
        run(p, Kind::Paths);

        CLI::App* w = exportCommand->add_subcommand("workspace", "The sessions of a workspace");
        w->alias("ws");
        destination(w);
        w->add_option("hash", exporting.names, "Workspace hash prefix, name or project path part")
            ->required()
            ->expected(1);
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

    std::string dbPath, onlyProviders, excludeProviders;
    bool incremental = false;
    std::string searchQuery, searchRole, searchWorkspace, exportOutput, exportFormat = "json", checkpointMessage;
    std::vector<std::string> exportSessions, importFiles, searchWords;
    CLI::App* searchCommand = nullptr;
    int checkpointNumber = 0;
    int searchLimit = 20;
    bool exhaustive = false;
    int listLimit = 20;
    app.add_option("--db", dbPath, "The harvest database (default: $CHASM_DB, else ~/.local/share/chasm/chasm.db)");
    CLI::App* harvest =
        app.add_subcommand("harvest", "Collect every session into one database, kept after the tools delete them")
            ->require_subcommand(1);
    {
        const auto pathOption = [&dbPath](CLI::App* command) {
            command->add_option("--path", dbPath, "The harvest database (same as --db)");
        };
        CLI::App* i = harvest->add_subcommand("init", "Create the harvest database");
        pathOption(i);
        on(i, [&](Commands& c) { c.harvestInit(dbPath); });

        CLI::App* r = harvest->add_subcommand("run", "Collect new and changed sessions from every provider");
        pathOption(r);
        r->add_option("--providers", onlyProviders, "Only these providers (comma-separated)");
        r->add_option("--exclude", excludeProviders, "Not these providers (comma-separated)");
        r->add_flag("--incremental", incremental, "Only new and changed sessions (always the case)");
        on(r, [&](Commands& c) { c.harvestRun(dbPath, onlyProviders, excludeProviders); });

        CLI::App* f = harvest->add_subcommand("search", "Full-text search over every harvested message");
        pathOption(f);
        // The words of the query may come as several arguments; after "--", one that starts with "-" is a word
        // left out (-quokka), not an option.
        f->add_option("query", searchWords,
                      "Words, \"a phrase\", prefix*, AND, OR, NOT or -word, (groups); put -- before a query that "
                      "starts with -")
            ->required();
        searchCommand = f;
        f->add_option("--provider", provider, "Only this provider");
        f->add_option("--workspace,-w", searchWorkspace, "Only workspaces whose hash, name or project path matches");
        f->add_option("--role", searchRole, "Only user, assistant or system messages")
            ->check(CLI::IsMember({"user", "assistant", "system"}));
        f->add_option("--after", filter.after, "On or after YYYY-MM-DD (or YYYY-MM-DDTHH:MM)")->check(dateOrTime());
        f->add_option("--before", filter.before, "On or before YYYY-MM-DD (or YYYY-MM-DDTHH:MM)")->check(dateOrTime());
        f->add_option("--limit,-n", searchLimit, "At most this many hits")->check(atLeast(1));
        f->add_flag("--exhaustive", exhaustive,
                    "Rank by relevance however many messages match (by default a query matching more than " +
                        std::to_string(HarvestStore::rankWindow) +
                        " messages, made only of words found in one message in ten, or with a prefix that many "
                        "messages match, shows the newest matches)");
        on(f, [&](Commands& c) {
            std::string query;
            for (const std::string& word : searchWords) {
                query += (query.empty() ? "" : " ") + word;
            }
            c.harvestSearch(dbPath, query, provider, searchWorkspace, searchRole, filter.after, filter.before,
                            searchLimit, exhaustive);
        });

        CLI::App* l = harvest->add_subcommand("list", "List harvested sessions, newest first");
        pathOption(l);
        l->add_option("--provider", provider, "Only this provider");
        l->add_option("--search", searchQuery, "Only sessions whose title or messages match");
        l->add_option("--limit,-n", listLimit, "At most this many sessions")->check(atLeast(1));
        on(l, [&](Commands& c) { c.harvestList(dbPath, provider, searchQuery, listLimit); });

        CLI::App* sc = harvest->add_subcommand("scan", "Show what a run would collect, per provider");
        pathOption(sc);
        sc->add_flag("--sessions", withSessions, "Also list each session and what a run would do with it");
        on(sc, [&](Commands& c) { c.harvestScan(dbPath, withSessions); });

        CLI::App* e = harvest->add_subcommand("export", "Write harvested sessions out as files");
        pathOption(e);
        e->add_option("output", exportOutput,
                      "A folder (one file per session), or a file ending in the format's extension (all in one)")
            ->required();
        e->add_option("--format,-f", exportFormat,
                      "json (the session format), jsonl (a message per line), md, csv, html or pdf")
            ->check(CLI::IsMember({"json", "jsonl", "md", "csv", "html", "pdf"}));
        e->add_option("--provider", provider, "Only this provider's sessions");
        e->add_option("--sessions", exportSessions, "Only these sessions (ids or unique prefixes, comma-separated)");
        on(e, [&](Commands& c) { c.harvestExport(dbPath, exportOutput, exportFormat, provider, exportSessions); });

        CLI::App* im = harvest->add_subcommand("import", "Bring sessions exported as json back into the database");
        pathOption(im);
        im->add_option("files", importFiles, "Files written by export or harvest export with --format json")
            ->required()
            ->check(CLI::ExistingFile);
        on(im, [&](Commands& c) { c.harvestImport(dbPath, importFiles); });

        CLI::App* cp = harvest->add_subcommand("checkpoint", "Save a version of a session's content in the database");
        pathOption(cp);
        cp->add_option("session", id, "Session id, or a unique prefix of it")->required();
        cp->add_option("--message,-m", checkpointMessage, "What this version is");
        on(cp, [&](Commands& c) { c.harvestCheckpoint(dbPath, id, checkpointMessage); });

        CLI::App* cps = harvest->add_subcommand("checkpoints", "List the saved versions of a session");
        pathOption(cps);
        cps->add_option("session", id, "Session id, or a unique prefix of it")->required();
        on(cps, [&](Commands& c) { c.harvestCheckpoints(dbPath, id); });

        CLI::App* rv = harvest->add_subcommand(
            "revert", "Put a saved version of a session back (the current content is saved first)");
        pathOption(rv);
        rv->add_option("session", id, "Session id, or a unique prefix of it")->required();
        rv->add_option("checkpoint", checkpointNumber, "The checkpoint's number")->required()->check(atLeast(1));
        on(rv, [&](Commands& c) { c.harvestRevert(dbPath, id, checkpointNumber); });

        CLI::App* b = harvest->add_subcommand("rebuild", "Re-create the full-text index");
        pathOption(b);
        on(b, [&](Commands& c) { c.harvestRebuild(dbPath); });

        CLI::App* s = harvest->add_subcommand("status", "Show what the harvest database holds");
        pathOption(s);
        on(s, [&](Commands& c) { c.harvestStatus(dbPath); });
    }

    CLI::App* detect =
        app.add_subcommand("detect", "Detect workspaces and providers for a path")->require_subcommand(1);
    {
        CLI::App* w = detect->add_subcommand("workspace", "Detect the editor workspaces of a path");
        w->add_option("path", path, "Project folder (default: current directory)");
        on(w, [&](Commands& c) { c.detectWorkspace(path); });

        CLI::App* p = detect->add_subcommand("providers", "Detect which providers have data here");
        p->add_flag("--with-sessions", withSessions, "Also list each provider's sessions");
        on(p, [&](Commands& c) { c.listProviders(withSessions, false); });

        CLI::App* o = detect->add_subcommand(
            "orphaned", "Find every workspace an editor keeps for a project, and the sessions the active one lacks");
        o->add_option("path", write.path, "Project folder (default: current directory)");
        o->add_flag("-r,--recover", recoverOrphans, "Copy those sessions into the active workspace and register them");
        o->add_flag("-f,--force", write.options.force, "Write the index although the editor runs");
        o->add_flag("--dry-run", write.options.dryRun, "Only say what would change");
        on(o, [&](Commands& c) { c.detectOrphaned(write, recoverOrphans); });

        CLI::App* a = detect->add_subcommand("all", "Detect workspaces, providers and sessions of a path");
        a->add_option("path", path, "Project folder (default: current directory)");
        a->add_flag("--verbose", verbose, "Show where each provider looked, and file sizes");
        on(a, [&](Commands& c) { c.detectAll(path, verbose); });
    }

    try {
        app.parse(argc, argv);
    } catch (const CLI::Success& e) {
        app.exit(e, out, err);
        return 0;
    } catch (const CLI::ParseError& e) {
        app.exit(e, out, err);
        // harvest search -quokka: the word was read as an option.
        const bool dashedWord =
            searchCommand && searchCommand->parsed() && std::any_of(argv + 1, argv + argc, [&](const char* arg) {
                return arg[0] == '-' && arg[1] != '-' && arg[1] != '\0' && !searchCommand->get_option_no_throw(arg) &&
                       !app.get_option_no_throw(arg);
            });
        if (dashedWord && e.get_exit_code() != int(CLI::ExitCodes::ValidationError)) {
            err << "A query that starts with - comes after --, as in: chasm harvest search -- -word\n";
        }
        return 2;
    }
    output.colour = terminal.out && !output.json && environment.variable(u"NO_COLOR"_s).isEmpty();

    try {
        Commands commands(environment, output);
        action(commands);
    } catch (const CLI::ValidationError& e) {
        err << "chasm: " << e.what() << '\n';
        return 2;
    } catch (const CommandError& e) {
        err << "chasm: " << e.message.toStdString() << '\n';
        return 1;
    }
    out.flush();
    return output.status;
}

} // namespace chasm::cli
