// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#pragma once

#include <string>
#include <vector>

namespace chasm::cli {

struct CommandNode;

// A manual page: its file name (chasm-list.1) and its text (roff, the man macros).
struct ManPage
{
    std::string fileName;
    std::string text;
};

// The pages of a command tree: one for the program (the global options and the command groups), and one for each
// command group with its subcommands, their options, arguments and the values these take.
std::vector<ManPage> manPages(const CommandNode& root, const std::string& version);

} // namespace chasm::cli
