#pragma once

// What a write to a workspace did, as `--json` prints it (one workspace of register, repair, merge, fetch, import,
// move). Declared as the Registrar split declares it in ops/Registrar.h: once both are in one tree, this file and
// its .cpp go, and ops/Registrar.h gives it.

#include "ops/Registrar.h"

#include <boost/json/object.hpp>

namespace chasm {

boost::json::object toJson(const Registrar::Report& report);

} // namespace chasm
