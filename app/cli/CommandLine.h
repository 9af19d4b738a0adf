#pragma once

#include "util/Environment.h"

#include <ostream>

namespace chasm::cli {

// The `chasm` command line: parses the arguments, runs one core operation and prints its result as a
// table or, with --json, in the stable JSON shapes. Returns the exit code: 0 success, 1 error,
// 2 usage error. Output goes to the given streams so tests can run commands in-process.
int run(int argc, const char* const* argv, const Environment& environment, std::ostream& out, std::ostream& err);

} // namespace chasm::cli
