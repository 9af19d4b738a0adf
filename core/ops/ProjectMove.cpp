// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#include "ProjectMove.h"

#include "util/RegularFile.h"
#include "providers/ProviderRegistry.h"
#include "json/Json.h"
#include "vscode/WorkspaceId.h"
#include "vscode/WorkspaceStorage.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>

using namespace Qt::StringLiterals;

namespace chasm {

namespace {

// Claude Code: copies what projects/<from> holds into projects/<to>.
Result<Registrar::Report> moveClaudeProject(const QString& projects, const QString& from, const QString& to,
                                            const Registrar::Options& options)
{
    const QString source = projects + u'/' + ProjectMove::claudeProjectName(from);
    const QString target = projects + u'/' + ProjectMove::claudeProjectName(to);
    Registrar::Report report;
    report.workspace = source;
    report.editor = u"claude-code"_s;
    // Beside projects/, not in it, where Claude Code would take the folder for a project.
    FileTransaction transaction(u"move path"_s, QFileInfo(projects).absolutePath() + u"/.chasm_recovery"_s,
                                options.dryRun, {projects});
    QDirIterator it(source, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString file = it.next();
        const QString copy = target + u'/' + QDir(source).relativeFilePath(file);
        if (QFileInfo::exists(copy)) {
            report.warnings << u"%1 exists already: not copied"_s.arg(copy);
            ++report.unchanged;
            continue;
        }
        const auto bytes = RegularFile::read(file);
        if (!bytes) {
            return bytes.error();
        }
        if (auto error = transaction.create(copy, *bytes,
                                            u"%1 %2"_s.arg(options.dryRun ? u"would copy"_s : u"copied"_s, copy))) {
            return *error;
        }
        report.registered += file.endsWith(u".jsonl"_s) && QFileInfo(file).dir() == QDir(source) ? 1 : 0;
    }
    return Registrar::finish(transaction, std::move(report));
}

// A new folder's workspace, made as the editor makes it when it first opens the folder: workspaceStorage/<id>/ under
// the id the editor computes (WorkspaceId), with a workspace.json naming the folder. In a dry run only described.
struct CreatedWorkspace
{
    std::optional<Workspace> workspace;
    Registrar::Report report;
};
Result<CreatedWorkspace> createWorkspace(const Environment& environment, Editor editor, const QString& folder,
                                         const Registrar::Options& options)
{
    const EditorInfo& info = editorInfo(editor);
    CreatedWorkspace created;
    created.report.workspace = folder;
    created.report.editor = info.id;
    auto id = WorkspaceId::ofLocalFolder(folder);
    if (!id) {
        created.report.warnings << u"%1's sessions wait: %2"_s.arg(info.displayName, id.error().message);
        return created;
    }
    const QString storage = editorUserDirectory(environment, editor) + u"/workspaceStorage/"_s + *id;
    const QString file = storage + u"/workspace.json"_s;
    FileTransaction transaction(u"move path"_s, folder + u"/.chasm_recovery"_s, options.dryRun, {storage});
    const std::string text =
        json::pretty(boost::json::object{{"folder", json::fromQString(WorkspaceId::fileUri(folder))}});
    if (auto error =
            transaction.create(file, QByteArray(text.data(), qsizetype(text.size())),
                               u"%1 the workspace %2 of %3 for %4"_s.arg(
                                   options.dryRun ? u"would create"_s : u"created"_s, *id, info.displayName, folder))) {
        return *error;
    }
    auto point = transaction.finish();
    if (!point) {
        return point.error();
    }
    created.report.changes = point->changes;
    if (!options.dryRun) {
        created.workspace = WorkspaceStorage::readWorkspace(storage, info);
    }
    return created;
}

} // namespace

QString ProjectMove::claudeProjectName(const QString& path)
{
    QString name = QDir::fromNativeSeparators(path);
    for (QChar& c : name) {
        if (!(c.isDigit() || (c.unicode() < 128 && c.isLetter()))) {
            c = u'-';
        }
    }
    return name;
}

Result<QList<Registrar::Report>> ProjectMove::move(const SessionCatalog& catalog, const QString& from,
                                                   const QString& to, const Registrar::Options& options)
{
    const Environment& environment = catalog.environment();
    const QString oldPath = environment.absolutePath(from);
    const QString newPath = environment.absolutePath(to);
    if (catalog.samePath(oldPath, newPath)) {
        return Error{u"%1 and %2 are the same folder"_s.arg(oldPath, newPath)};
    }
    auto providers = catalog.providers();
    if (!providers) {
        return providers.error();
    }
    const QList<Workspace> all = catalog.workspaces(*providers);
    const QList<Workspace> before = catalog.workspacesForPath(all, oldPath);
    const QList<Workspace> after = catalog.workspacesForPath(all, newPath);
    QList<Registrar::Report> reports;

    QStringList editors;
    for (const Workspace& w : before) {
        if (!w.editor.isEmpty() && !editors.contains(w.editor)) {
            editors << w.editor;
        }
    }
    for (const QString& editor : std::as_const(editors)) {
        QStringList files;
        for (const Workspace& w : before) {
            if (w.editor == editor) {
                files += WorkspaceStorage::sessionFiles(w.chatSessionsPath);
            }
        }
        QList<Workspace> targets;
        std::copy_if(after.cbegin(), after.cend(), std::back_inserter(targets),
                     [&editor](const Workspace& w) { return w.editor == editor; });
        if (files.isEmpty()) {
            continue;
        }
        if (targets.isEmpty()) {
            // The editor has not opened the new folder yet: its workspace is made where the editor will look.
            auto created = createWorkspace(environment, *editorById(editor), newPath, options);
            if (!created) {
                return created.error();
            }
            if (!created->workspace) {
                reports.append(created->report);
                continue;
            }
            targets << *created->workspace;
            auto report = Registrar::adopt(targets.first(), files, options);
            if (!report) {
                return report.error();
            }
            report->changes = created->report.changes + report->changes;
            reports.append(*report);
            continue;
        }
        // The new folder's active workspace: the one whose state the editor wrote last.
        const QList<Registrar::ProjectWorkspaces> grouped = Registrar::findOrphanedWorkspaces(targets);
        const Workspace& target = grouped.isEmpty() ? targets.first() : grouped.first().active;
        auto report = Registrar::adopt(target, files, options);
        if (!report) {
            return report.error();
        }
        reports.append(*report);
    }

    for (const Provider* provider : *providers) {
        if (provider->id() != u"claude-code"_s) {
            continue;
        }
        for (const QString& projects : provider->storageLocations(environment)) {
            if (QFileInfo(projects + u'/' + claudeProjectName(oldPath)).isDir()) {
                auto report = moveClaudeProject(projects, oldPath, newPath, options);
                if (!report) {
                    return report.error();
                }
                reports.append(*report);
            }
        }
    }
    if (reports.isEmpty()) {
        return Error{
            u"no chat history is kept for %1 (VS Code-family workspaces, Claude Code projects)"_s.arg(oldPath)};
    }
    return reports;
}

} // namespace chasm
