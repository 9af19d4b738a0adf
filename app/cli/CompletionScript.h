// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#pragma once

#include <string>
#include <vector>

namespace chasm::cli {

struct CommandNode;

// The shells `chasm completions` writes a script for: bash, zsh, fish, powershell, elvish.
const std::vector<std::string>& completionShells();

// A completion script for `shell` that completes the commands of `root`, their aliases, options, and the values
// of options and arguments that take one of a list (--format, --provider); file names where a command takes a
// path. Each script holds the table as data, so completing runs no `chasm`.
std::string completionScript(const CommandNode& root, const std::string& shell);

} // namespace chasm::cli
