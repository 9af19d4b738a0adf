// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#include "Registrar.h"

#include "IndexWriter.h"
#include "SessionImport.h"
#include "SessionRewrite.h"

#include "json/Json.h"

#include <QDir>
#include <QFileInfo>

#include <boost/json.hpp>

using namespace Qt::StringLiterals;

namespace chasm {

Result<Registrar::Report> Registrar::finish(FileTransaction& transaction, Report report)
{
    auto point = transaction.finish();
    if (!point) {
        return point.error();
    }
    report.changes = transaction.changes();
    if (!point->manifest.isEmpty()) {
        report.recoveryPoint = point->manifest;
        report.undoCommand = point->undoCommand();
    }
    return report;
}

QString Registrar::recoveryFolder(const Workspace& workspace)
{
    const QFileInfo project(workspace.projectPath);
    const bool usable = !workspace.projectPath.isEmpty() && project.isDir() && project.isWritable();
    return (usable ? workspace.projectPath : workspace.storagePath) + u"/.chasm_recovery"_s;
}

QString Registrar::recoveryFolderOf(const QString& file)
{
    const QFileInfo info(file);
    QDir folder = info.absoluteDir();
    if (folder.dirName() == u"chatSessions"_s) {
        folder.cdUp();
    }
    return folder.absolutePath() + u"/.chasm_recovery"_s;
}

Result<Registrar::Report> Registrar::registerSessions(const Workspace& workspace, const QStringList& ids,
                                                      const QStringList& titles, const Options& options)
{
    return IndexWriter::registerSessions(workspace, ids, titles, options);
}

Result<Registrar::Report> Registrar::repair(const Workspace& workspace, const Options& options)
{
    return SessionRewrite::repair(workspace, options);
}

Result<Registrar::Report> Registrar::repairFile(const QString& path, const Options& options)
{
    return SessionRewrite::repairFile(path, options);
}

Result<Registrar::Report> Registrar::adopt(const Workspace& target, const QStringList& files, const Options& options)
{
    return SessionImport::move(target, {}, files, options);
}

Result<Registrar::Report> Registrar::move(const Workspace& target, const QList<Workspace>& sources,
                                          const QStringList& files, const Options& options)
{
    return SessionImport::move(target, sources, files, options);
}

Result<Registrar::Report> Registrar::upgrade(const Workspace& workspace, ChatSessionFile::Format format,
                                             const Options& options)
{
    return SessionRewrite::upgrade(workspace, format, options);
}

Result<Registrar::Report> Registrar::split(const Workspace& workspace, const QString& path, int keep,
                                           const Options& options)
{
    return SessionRewrite::split(workspace, path, keep, options);
}

Result<Registrar::Report> Registrar::addSessions(const Workspace& workspace, const QList<boost::json::value>& trees,
                                                 ChatSessionFile::Format format, const QString& operation,
                                                 const Options& options)
{
    return SessionImport::addSessions(workspace, trees, format, operation, options);
}

QList<Registrar::ProjectWorkspaces> Registrar::findOrphanedWorkspaces(const QList<Workspace>& workspaces)
{
    return SessionImport::findOrphanedWorkspaces(workspaces);
}

boost::json::object toJson(const Registrar::Report& report)
{
    const auto strings = [](const QStringList& list) {
        boost::json::array array;
        for (const QString& item : list) {
            array.push_back(json::fromQString(item));
        }
        return array;
    };
    const auto orNull = [](const QString& text) {
        return text.isEmpty() ? boost::json::value(nullptr) : boost::json::value(json::fromQString(text));
    };
    return {{"workspace", json::fromQString(report.workspace)},
            {"editor", json::fromQString(report.editor)},
            {"registered", report.registered},
            {"repaired", report.repaired},
            {"unchanged", report.unchanged},
            {"copied", report.copied},
            {"unreadable", report.unreadable},
            {"changes", strings(report.changes)},
            {"warnings", strings(report.warnings)},
            {"recovery_point", orNull(report.recoveryPoint)},
            {"undo", orNull(report.undoCommand)}};
}

boost::json::object toJson(const Registrar::Report& report, bool dryRun)
{
    boost::json::object shape = toJson(report);
    shape["dry_run"] = dryRun;
    return shape;
}

} // namespace chasm
