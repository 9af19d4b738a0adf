// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#pragma once

#include "ops/Migration.h"

#include <boost/json/object.hpp>

namespace chasm {

// chasm migration create and restore: a package of a machine's chat histories for some projects, and its
// unpacking on another machine with the paths re-keyed (Migration). What every front end calls.
class MigrationService
{
public:
    explicit MigrationService(const SessionCatalog& catalog)
        : m_catalog(catalog)
    {}

    Result<Migration::CreateReport> create(const Migration::CreateRequest& request) const
    {
        return Migration::create(m_catalog, request);
    }
    // `mapping` as the command line takes it ("old1:new1;old2:new2").
    Result<Migration::RestoreReport> restore(const QString& package, const QString& mapping, bool dryRun) const;

private:
    const SessionCatalog& m_catalog;
};

// migration create --json: {"output", "projects", "files", "bytes", "files_by_provider", "kept_by_chasm", "notes"}.
boost::json::object toJson(const Migration::CreateReport& report);
// migration restore --json: {"package", "dry_run", "restored", "unchanged", "conflicts", "skipped", "files":
// [{"entry", "provider", "project", "target", "status", "reason"}], "notes", "recovery_point", "undo_command"}.
boost::json::object toJson(const Migration::RestoreReport& report);

} // namespace chasm
