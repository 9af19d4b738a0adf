#pragma once

#include "util/Environment.h"

#include <ostream>

namespace chasm::cli {

// The `chasm` command line: parses the arguments, runs one core operation and prints its result as a
// table or, with --json, in the stable JSON shapes. Returns the exit code: 0 success, 1 error,
// 2 usage error. Output goes to the given streams so tests can run commands in-process.
// `terminal` says which streams are terminals: those get colour (unless NO_COLOR is set) and progress bars.
struct Terminal
{
    bool out = false;
    bool err = false;
};
int run(int argc, const char* const* argv, const Environment& environment, std::ostream& out, std::ostream& err,
        Terminal terminal = {});

} // namespace chasm::cli
