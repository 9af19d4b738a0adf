// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#include "MigrationService.h"

#include "json/Json.h"

namespace chasm {

namespace {

boost::json::array strings(const QStringList& list)
{
    boost::json::array array;
    for (const QString& s : list) {
        array.push_back(json::fromQString(s));
    }
    return array;
}

} // namespace

Result<Migration::RestoreReport> MigrationService::restore(const QString& package, const QString& mapping,
                                                           bool dryRun) const
{
    auto pairs = Migration::parseMapping(mapping);
    if (!pairs) {
        return pairs.error();
    }
    return Migration::restore(m_catalog, {package, *pairs, dryRun});
}

boost::json::object toJson(const Migration::CreateReport& report)
{
    boost::json::object byProvider;
    for (auto it = report.filesByProvider.cbegin(); it != report.filesByProvider.cend(); ++it) {
        byProvider[json::fromQString(it.key())] = it.value();
    }
    return {{"output", json::fromQString(report.output)},
            {"projects", strings(report.projects)},
            {"files", report.files},
            {"bytes", report.bytes},
            {"files_by_provider", std::move(byProvider)},
            {"kept_by_chasm", report.keptByChasm},
            {"notes", strings(report.notes)}};
}

boost::json::object toJson(const Migration::RestoreReport& report)
{
    using Status = Migration::RestoredFile::Status;
    boost::json::array files;
    for (const Migration::RestoredFile& file : report.files) {
        files.push_back(boost::json::object{{"entry", json::fromQString(file.entry)},
                                            {"provider", json::fromQString(file.provider)},
                                            {"project", json::fromQString(file.project)},
                                            {"target", json::fromQString(file.target)},
                                            {"status", json::fromQString(Migration::statusName(file.status))},
                                            {"reason", json::fromQString(file.reason)}});
    }
    return {{"package", json::fromQString(report.package)},
            {"dry_run", report.dryRun},
            {"restored", report.count(Status::Restored)},
            {"unchanged", report.count(Status::Unchanged)},
            {"conflicts", report.count(Status::Conflict)},
            {"skipped", report.count(Status::Skipped)},
            {"files", std::move(files)},
            {"notes", strings(report.notes)},
            {"recovery_point", json::fromQString(report.recoveryPoint)},
            {"undo_command", json::fromQString(report.undoCommand)}};
}

} // namespace chasm
