#pragma once

#include "util/Settings.h"

namespace chasm {

// Applies a theme to the whole application: the system's look, or Fusion with a light or a dark
// palette (the same on every platform, so both are known to look right).
void applyTheme(Settings::Theme theme);

} // namespace chasm
