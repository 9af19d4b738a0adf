// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

// The chasm-git module's entry: the commands that version sessions load it (QLibrary), so that libgit2 is loaded
// by them only.

#include "LibGit2Repository.h"

extern "C" Q_DECL_EXPORT const chasm::GitLibrary* chasmGitPlugin()
{
    return &chasm::libGit2();
}
