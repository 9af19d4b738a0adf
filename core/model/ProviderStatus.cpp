// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#include "ProviderStatus.h"

#include <algorithm>

namespace chasm {

bool ProviderStatus::hasData() const
{
    return std::any_of(locations.cbegin(), locations.cend(), [](const Location& l) { return l.exists; });
}

bool ProviderStatus::installed() const
{
    return std::any_of(commands.cbegin(), commands.cend(), [](const Command& c) { return !c.path.isEmpty(); });
}

} // namespace chasm
