// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#pragma once

#include <string>
#include <vector>

namespace chasm::cli {

class CommandTable;

// One command of the `chasm` command table as completions and man pages describe it, read from the CLI11 tree:
// its names, options (its own and those it takes from the commands above it), arguments and subcommands.
struct CommandNode
{
    struct Option
    {
        std::vector<std::string> names; // "-f", "--format"
        std::string description;
        bool takesValue = false;
        std::string valueName; // TEXT, INT, TEXT:{json,jsonl}
        std::vector<std::string> values;
        bool limited = false;   // to `values`; otherwise they are the ones completions offer
        bool inherited = false; // from a command above (--json, --db)

        bool operator==(const Option&) const = default;
    };
    struct Argument
    {
        std::string name;
        std::string description;
        std::string valueName;
        bool required = false;
        bool repeats = false;
        std::vector<std::string> values;
        bool limited = false;

        bool operator==(const Argument&) const = default;
    };

    std::vector<std::string> path; // "chasm", "export", "sessions"
    std::vector<std::string> aliases;
    std::string description;
    std::string footer; // what its --help prints after the options
    std::vector<Option> options;
    std::vector<Argument> arguments;
    std::vector<CommandNode> children;

    bool operator==(const CommandNode&) const = default;

    const std::string& name() const { return path.back(); }
    // "chasm export sessions"
    std::string command() const;
    // "chasm_export_sessions": a name for shell functions and variables.
    std::string identifier() const;
    // This command and every one below it, depth first.
    std::vector<const CommandNode*> all() const;
};

CommandNode commandTree(const CommandTable& table);

} // namespace chasm::cli
