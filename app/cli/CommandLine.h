// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#pragma once

#include "CommandTree.h"
#include "ManPages.h"
#include "util/Environment.h"

#include <functional>
#include <ostream>
#include <string>
#include <vector>

namespace chasm::cli {

// The `chasm` command line: parses the arguments, runs one core operation and prints its result as a
// table or, with --json, in the stable JSON shapes. Returns the exit code: 0 success, 1 error,
// 2 usage error. Output goes to the given streams so tests can run commands in-process.
// `terminal` says which streams are terminals and how wide stdout's is: those get colour (--color auto: unless NO_COLOR
// is set or TERM is dumb), tables fitted to the width (COLUMNS, else `columns`) and progress bars.
// `startGui` is called after the parse when the command needs Qt's GUI module (a PDF export, which typesets),
// before it runs; without it, such a command fails with a clear error.
struct Terminal
{
    bool out = false;
    bool err = false;
    int columns = 0; // stdout's width, when it is a terminal and says
};
int run(int argc, const char* const* argv, const Environment& environment, std::ostream& out, std::ostream& err,
        Terminal terminal = {}, const std::function<void()>& startGui = {});

// The usage error `chasm ARGS…` makes (an unknown command or option, a missing argument, a value an option does not
// take), as run() prints it, or an empty string when the arguments parse; nothing runs. For commands that serve or
// watch until stopped, whose arguments a check can still read.
std::string usageError(const std::vector<std::string>& args);

// The command table a run of `chasm ARGS…` parses with: without arguments, the whole table, as completions and man
// pages read it.
CommandNode commandTable(const std::vector<std::string>& args = {});

// The manual pages of the command table: chasm.1, and chasm-GROUP.1 for each command group.
std::vector<ManPage> manPages();

} // namespace chasm::cli
