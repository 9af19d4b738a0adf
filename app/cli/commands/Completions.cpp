// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

// chasm completions: a completion script for a shell, written from this command table.

#include "CommandTree.h"
#include "CompletionScript.h"
#include "commands/CommandTable.h"

namespace chasm::cli {

namespace {

struct CompletionsOptions
{
    std::string shell;
};

} // namespace

void addCompletionsCommand(CommandTable& table)
{
    CompletionsOptions& o = table.options<CompletionsOptions>();
    CLI::App* completions = table.app().add_subcommand(
        "completions", "Print the completion script of a shell: bash, zsh, fish, powershell or elvish");
    table.oneOf(completions->add_option("shell", o.shell, "bash, zsh, fish, powershell or elvish")->required(),
                completionShells());
    completions->footer(
        "Install:\n"
        "  bash:  chasm completions bash > ~/.local/share/bash-completion/completions/chasm\n"
        "  zsh:   chasm completions zsh > ~/.zfunc/_chasm  (with fpath=(~/.zfunc $fpath) before compinit in ~/.zshrc)\n"
        "  fish:  chasm completions fish > ~/.config/fish/completions/chasm.fish\n"
        "  PowerShell: chasm completions powershell | Out-String | Invoke-Expression  (in $PROFILE)\n"
        "  elvish: chasm completions elvish > ~/.config/elvish/lib/chasm-completions.elv  (use chasm-completions)");
    table.on(completions,
             [&table, &o](Commands&) { table.output().out << completionScript(commandTree(table), o.shell); });
}

} // namespace chasm::cli
