// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#pragma once

#include "ops/MigrationPackage.h"
#include "providers/SessionCatalog.h"

#include <QMap>

namespace chasm {

// Moves chat histories to another machine: a package of every supported tool's stores for some projects
// (create), unpacked on the new machine with every path re-keyed to where the project is there (restore).
// Supported: the VS Code family (workspaceStorage/<id>/ moved to the id the editor computes for the new
// folder, workspace.json pointing at it), Claude Code (projects/<name> renamed by its rule, each record's
// cwd rewritten) and Codex (each rollout's cwd rewritten). Restore writes nothing before the whole
// package is checked, never overwrites a file (a conflict is named and skipped), and goes through one
// FileTransaction: a crash leaves each file absent or whole, and the recovery point undoes it.
class Migration
{
public:
    struct CreateRequest
    {
        QString output;
        QStringList projects; // absolute or relative to the working directory
        bool all = false;     // every project a supported tool keeps history for
        // The harvest database (empty: the default one), whose kept files of sessions the tools deleted are packed
        // too (see Originals); none when it does not exist.
        QString database;
    };
    struct CreateReport
    {
        QString output;
        QStringList projects;
        qsizetype files = 0;
        qint64 bytes = 0; // of the files, before compression
        QMap<QString, int> filesByProvider;
        int keptByChasm = 0; // files of sessions their tools deleted, from the harvest database
        QStringList notes;   // what the package leaves out, and why
    };
    static Result<CreateReport> create(const SessionCatalog& catalog, const CreateRequest& request);

    struct PathMapping
    {
        QString from;
        QString to;
    };
    // "old1:new1;old2:new2" (a Windows drive's colon is not a separator).
    static Result<QList<PathMapping>> parseMapping(const QString& text);

    struct RestoreRequest
    {
        QString package;
        QList<PathMapping> mapping;
        bool dryRun = false;
    };
    struct RestoredFile
    {
        QString entry;
        QString provider;
        QString project; // on the new machine
        QString target;  // empty when skipped before a target was known
        enum class Status
        {
            Restored,
            Unchanged, // the target holds these bytes already
            Conflict,  // the target holds other bytes: left as it is
            Skipped,   // no target (the new folder does not exist, an unknown provider)
        } status = Status::Restored;
        QString reason;
    };
    struct RestoreReport
    {
        QString package;
        bool dryRun = false;
        QList<RestoredFile> files;
        QStringList notes;
        QString recoveryPoint;
        QString undoCommand;
        qsizetype count(RestoredFile::Status status) const;
    };
    static Result<RestoreReport> restore(const SessionCatalog& catalog, const RestoreRequest& request);

    static QString statusName(RestoredFile::Status status);
};

} // namespace chasm
