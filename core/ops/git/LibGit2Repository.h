// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#pragma once

#include "util/GitRepository.h"

namespace chasm {

// The GitLibrary over libgit2: what the chasm-git module exports, and what the tests link directly.
const GitLibrary& libGit2();

} // namespace chasm
