// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#pragma once

#include "ops/Registrar.h"

namespace chasm {

// The Registrar's rewrites of session files in place: repair (damage, pending requests, the index
// rebuilt from the files), upgrade (from one file format to the other) and split (a session too big
// to open, in two). See Registrar for what each promises.
class SessionRewrite
{
public:
    static Result<Registrar::Report> repair(const Workspace& workspace, const Registrar::Options& options);
    static Result<Registrar::Report> repairFile(const QString& path, const Registrar::Options& options);
    static Result<Registrar::Report> upgrade(const Workspace& workspace, ChatSessionFile::Format format,
                                             const Registrar::Options& options);
    static Result<Registrar::Report> split(const Workspace& workspace, const QString& path, int keep,
                                           const Registrar::Options& options);
};

} // namespace chasm
