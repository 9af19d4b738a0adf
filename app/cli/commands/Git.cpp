// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

// chasm git: a project's chat sessions, every tool's, versioned in the project's Git repository beside its code.

#include "Commands.h"
#include "commands/CommandTable.h"

namespace chasm::cli {

namespace {

struct GitOptions
{
    std::string path;
    std::string name;
    std::string email;
    std::string message;
    std::string tag;
    std::string from;
    std::string to;
    std::string commit;
    std::vector<std::string> files;
    bool commitToo = false;
    bool all = false;
    bool sessionsOnly = false;
    bool withFiles = false;
    bool backup = false;
    bool force = false;
    int limit = 10;
};

GitVersioningService::RecordRequest recordRequest(const GitOptions& o, bool commit, const std::string& tag)
{
    GitVersioningService::RecordRequest request;
    request.path = q(o.path);
    request.commit = commit;
    request.message = q(o.message);
    request.tag = q(tag);
    request.allFiles = o.all;
    for (const std::string& f : o.files) {
        request.files << q(f);
    }
    return request;
}

} // namespace

void addGitCommands(CommandTable& table)
{
    GitOptions& o = table.options<GitOptions>();
    CLI::App* git =
        table.app()
            .add_subcommand("git", "Version a project's chat sessions in its Git repository: every tool's session "
                                   "files of the project are copied into PATH/.chasm/sessions/<provider>/ (with "
                                   "sessions.json saying where each came from) and committed beside the code; a "
                                   "copy stays when its tool deletes the session")
            ->require_subcommand(1);
    const auto pathArgument = [&o](CLI::App* command) {
        command->add_option("path", o.path, "The project folder")->required();
    };

    CLI::App* c =
        git->add_subcommand("config", "Show or set the name and e-mail the project's repository commits with");
    c->add_option("--name", o.name, "Set user.name in the repository's own configuration");
    c->add_option("--email", o.email, "Set user.email in the repository's own configuration");
    c->add_option("--path", o.path, "The project folder (default: current directory)");
    table.on(c, [&o](Commands& cmd) { cmd.gitConfig({q(o.path), q(o.name), q(o.email)}); });

    CLI::App* i = git->add_subcommand(
        "init", "Start versioning: the project's repository (a new one when it has none) and its sessions copied in");
    pathArgument(i);
    table.on(i, [&o](Commands& cmd) { cmd.gitInit(o.path); });

    CLI::App* a = git->add_subcommand("add", "Copy the project's session files in again and stage them");
    pathArgument(a);
    a->add_flag("--commit", o.commitToo, "Commit them too");
    a->add_option("-m,--message", o.message, "The commit's message");
    table.on(a, [&o](Commands& cmd) { cmd.gitRecord(recordRequest(o, o.commitToo, {})); });

    CLI::App* s = git->add_subcommand("status", "Which sessions changed since they were copied, and git's status");
    pathArgument(s);
    table.on(s, [&o](Commands& cmd) { cmd.gitStatus(o.path); });

    CLI::App* sn = git->add_subcommand("snapshot", "Commit the sessions as they are now and tag the commit");
    pathArgument(sn);
    sn->add_option("--tag", o.tag, "The tag's name (default: chat-snapshot-YYYYMMDD-HHMMSS)");
    sn->add_option("-m,--message", o.message, "The commit's and the tag's message");
    table.on(sn, [&o](Commands& cmd) {
        cmd.gitRecord(
            recordRequest(o, true, o.tag.empty() ? GitVersioningService::snapshotTag().toStdString() : o.tag));
    });

    CLI::App* t = git->add_subcommand("track", "Commit the sessions together with the files they changed");
    pathArgument(t);
    t->add_option("-m,--message", o.message, "The commit's message");
    t->add_flag("--all", o.all, "Every changed file of the repository too");
    t->add_option("--files", o.files, "These files too");
    t->add_option("--tag", o.tag, "Tag the commit");
    table.on(t, [&o](Commands& cmd) { cmd.gitRecord(recordRequest(o, true, o.tag)); });

    CLI::App* l = git->add_subcommand("log", "The repository's commits, those that changed sessions marked [chat]");
    pathArgument(l);
    l->add_option("-n,--count,--limit", o.limit, "At most this many commits")->check(atLeast(1));
    l->add_flag("--sessions-only", o.sessionsOnly, "Only the commits that changed sessions");
    table.on(l, [&o](Commands& cmd) { cmd.gitLog({q(o.path), o.limit, o.sessionsOnly}); });

    CLI::App* d = git->add_subcommand(
        "diff", "What changed in the conversations, in messages: requests and responses added, changed, removed");
    pathArgument(d);
    d->add_option("--from", o.from, "From this commit (default: HEAD)");
    d->add_option("--to", o.to, "To this commit (default: the sessions as their tools hold them now)");
    d->add_flag("--with-files", o.withFiles, "The project's other files that changed too");
    table.on(d, [&o](Commands& cmd) { cmd.gitDiff({q(o.path), q(o.from), q(o.to), o.withFiles}); });

    CLI::App* r = git->add_subcommand(
        "restore", "Write the sessions of a commit back where their tools read them (each file backed up first, "
                   "replaced atomically, one recovery point to undo it all)");
    pathArgument(r);
    r->add_option("commit", o.commit, "The commit (an id or prefix, a tag, HEAD~1)")->required();
    r->add_flag("--with-files", o.withFiles, "The project's other files as the commit holds them too");
    r->add_flag("--backup", o.backup, "Commit the sessions as they are first");
    r->add_flag("-f,--force", o.force, "Although a VS Code-family editor of the project runs");
    table.on(r, [&o](Commands& cmd) { cmd.gitRestore({q(o.path), q(o.commit), o.withFiles, o.backup, o.force}); });
}

} // namespace chasm::cli
