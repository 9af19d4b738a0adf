// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#include "SessionImport.h"

#include "IndexWriter.h"
#include "WorkspaceWrite.h"

#include "json/Json.h"
#include "util/RegularFile.h"
#include "util/SafePath.h"
#include "vscode/SessionIndex.h"
#include "vscode/WorkspaceStorage.h"

#include <QDir>
#include <QFileInfo>
#include <QUuid>

#include <boost/json.hpp>

using namespace Qt::StringLiterals;

namespace chasm {

namespace {

// Whether the workspace's session `id` reads as `tree` (the same session, whatever its file's form).
bool sameSession(const Workspace& workspace, const QString& id, const boost::json::value& tree)
{
    for (const QString& path : WorkspaceStorage::sessionFiles(WorkspaceWrite::chatSessionsOf(workspace))) {
        if (ChatSessionFile::idOf(path) == id) {
            auto there = ChatSessionFile::read(path);
            return there && there->tree == tree;
        }
    }
    return false;
}

// When the editor last wrote the workspace's state: the active workspace of a project is the newest.
QDateTime lastUsed(const Workspace& workspace)
{
    const QFileInfo state(WorkspaceWrite::databaseOf(workspace));
    return state.exists() ? state.lastModified() : workspace.lastModified;
}

} // namespace

Result<Registrar::Report> SessionImport::move(const Workspace& target, const QList<Workspace>& sources,
                                              const QStringList& files, const Registrar::Options& options)
{
    const auto sourceOf = [&sources](const QString& file) -> const Workspace* {
        const QString folder = QFileInfo(file).absolutePath();
        const auto it = std::find_if(sources.cbegin(), sources.cend(), [&folder](const Workspace& w) {
            return QFileInfo(WorkspaceWrite::chatSessionsOf(w)).absoluteFilePath() == folder;
        });
        return it == sources.cend() ? nullptr : &*it;
    };
    QList<const Workspace*> touched;
    for (const QString& file : files) {
        if (const Workspace* source = sourceOf(file); source && !touched.contains(source)) {
            touched.append(source);
        }
    }
    if (!options.skipIndex) {
        touched.append(&target);
    }
    WorkspaceWrite::Scope scope{sources.isEmpty() ? u"adopt"_s : u"move"_s,
                                Registrar::recoveryFolder(target),
                                WorkspaceWrite::scopeOf(target),
                                {}};
    for (const Workspace& source : sources) {
        scope.folders << WorkspaceWrite::scopeOf(source);
    }
    for (const Workspace* workspace : std::as_const(touched)) {
        scope.guarded << *workspace;
    }
    return WorkspaceWrite::run(
        scope, WorkspaceWrite::reportFor(target), options,
        [&](FileTransaction& transaction, Registrar::Report& report) -> std::optional<Error> {
            QSet<QString> present;
            for (const QString& path : WorkspaceStorage::sessionFiles(WorkspaceWrite::chatSessionsOf(target))) {
                present.insert(ChatSessionFile::idOf(path));
            }
            QList<boost::json::object> entries;
            QHash<const Workspace*, QStringList> taken; // per source workspace: the ids moved out
            for (const QString& file : files) {
                auto contents = ChatSessionFile::read(file);
                if (!contents) {
                    report.warnings << u"not copied, as it cannot be read: %1"_s.arg(contents.error().message);
                    ++report.unreadable;
                    continue;
                }
                // The editor finds a session by its id, as the file's name. In a workspace's chatSessions folder
                // the name is the id; a file from elsewhere (exported, renamed) is named by the id it holds.
                QString id = ChatSessionFile::idOf(file);
                if (QFileInfo(file).dir().dirName() != u"chatSessions"_s &&
                    !json::string(contents->tree, "sessionId").isEmpty()) {
                    id = json::string(contents->tree, "sessionId");
                }
                QByteArray bytes;
                if (!SafePath::isSafeName(id)) {
                    // The id becomes the file's name: one like "../../x" would put the file out of the workspace.
                    if (!contents->tree.is_object()) {
                        report.warnings << u"not copied: %1 holds no session"_s.arg(file);
                        ++report.unreadable;
                        continue;
                    }
                    const QString fresh = QUuid::createUuid().toString(QUuid::WithoutBraces);
                    report.warnings << u"the id \"%1\" in %2 cannot name a file: it comes in as %3"_s.arg(id.left(80),
                                                                                                          file, fresh);
                    id = fresh;
                    contents->tree.as_object()["sessionId"] = json::fromQString(id);
                    bytes = ChatSessionFile::bytes(contents->tree, contents->format);
                } else if (present.contains(id)) {
                    if (!options.newIdOnCollision || !contents->tree.is_object() ||
                        sameSession(target, id, contents->tree)) {
                        report.warnings << u"a session with the id %1 is in the workspace already: %2 was not copied"_s
                                               .arg(id, file);
                        ++report.unchanged;
                        continue;
                    }
                    const QString fresh = QUuid::createUuid().toString(QUuid::WithoutBraces);
                    report.warnings << u"the id %1 is another session's in the workspace: %2 comes in as %3"_s.arg(
                        id, file, fresh);
                    id = fresh;
                    contents->tree.as_object()["sessionId"] = json::fromQString(id);
                    bytes = ChatSessionFile::bytes(contents->tree, contents->format);
                } else {
                    auto read = RegularFile::read(file);
                    if (!read) {
                        return WorkspaceWrite::undoWritten(transaction, read.error());
                    }
                    bytes = std::move(*read);
                }
                const auto copy = SafePath::child(WorkspaceWrite::chatSessionsOf(target),
                                                  id + u'.' + ChatSessionFile::formatName(contents->format));
                if (!copy) {
                    return WorkspaceWrite::undoWritten(transaction, copy.error());
                }
                boost::json::object entry =
                    SessionIndex::entryFor(contents->tree, id, QFileInfo(file).lastModified().toMSecsSinceEpoch());
                if (auto error =
                        transaction.create(*copy, bytes,
                                           u"%1 \"%2\" from %3"_s.arg(options.dryRun ? u"would copy"_s : u"copied"_s,
                                                                      json::string(entry, "title"), file))) {
                    return WorkspaceWrite::undoWritten(transaction, *error);
                }
                ++report.copied;
                if (const Workspace* from = sourceOf(file)) {
                    const QString change = u"%1 %2 (a backup is kept beside it)"_s.arg(
                        options.dryRun ? u"would remove"_s : u"removed"_s, file);
                    if (auto error = transaction.remove(file, FileTransaction::BackupPlace::Beside, change)) {
                        return WorkspaceWrite::undoWritten(transaction, *error);
                    }
                    taken[from] << ChatSessionFile::idOf(file);
                }
                present.insert(id);
                entries.append(std::move(entry));
            }
            for (auto it = taken.cbegin(); it != taken.cend(); ++it) {
                const QString database = WorkspaceWrite::databaseOf(*it.key());
                if (!QFileInfo::exists(database)) {
                    continue;
                }
                const QString change = u"%1 %2 entr%3 from the index of %4"_s.arg(
                    options.dryRun ? u"would remove"_s : u"removed"_s, QString::number(it.value().size()),
                    it.value().size() == 1 ? u"y"_s : u"ies"_s, database);
                if (auto error = transaction.preserve(database, FileTransaction::BackupPlace::RecoveryFolder, change)) {
                    return WorkspaceWrite::undoWritten(transaction, *error);
                }
                if (!options.dryRun) {
                    if (auto error = SessionIndex::write(database, {}, it.value())) {
                        return WorkspaceWrite::undoWritten(transaction, *error);
                    }
                }
            }
            if (!entries.isEmpty() && options.skipIndex) {
                transaction.note(u"the index was left alone: %1 makes the editor show them"_s.arg(
                    target.projectPath.isEmpty() ? u"`chasm register all --all`"_s
                                                 : u"`chasm register all --path %1`"_s.arg(target.projectPath)));
            } else if (!entries.isEmpty()) {
                if (auto error = IndexWriter::write(target, entries, options, transaction)) {
                    return WorkspaceWrite::undoWritten(transaction, *error);
                }
                report.registered = int(entries.size());
            }
            return std::nullopt;
        });
}

Result<Registrar::Report> SessionImport::addSessions(const Workspace& workspace, const QList<boost::json::value>& trees,
                                                     ChatSessionFile::Format format, const QString& operation,
                                                     const Registrar::Options& options)
{
    return WorkspaceWrite::run(
        workspace, operation, options,
        [&](FileTransaction& transaction, Registrar::Report& report) -> std::optional<Error> {
            QSet<QString> present;
            for (const QString& path : WorkspaceStorage::sessionFiles(WorkspaceWrite::chatSessionsOf(workspace))) {
                present.insert(ChatSessionFile::idOf(path));
            }
            QList<boost::json::object> entries;
            for (boost::json::value tree : trees) {
                QString id = json::string(tree, "sessionId");
                if (!SafePath::isSafeName(id) && tree.is_object()) {
                    // The id becomes the file's name: one like "../../x" would put the file out of the workspace.
                    const QString fresh = QUuid::createUuid().toString(QUuid::WithoutBraces);
                    report.warnings << u"the id \"%1\" cannot name a file: the session is written as %2"_s.arg(
                        id.left(80), fresh);
                    id = fresh;
                    tree.as_object()["sessionId"] = json::fromQString(id);
                }
                if (present.contains(id)) {
                    report.warnings << u"a session with the id %1 is in the workspace already: not written"_s.arg(id);
                    ++report.unchanged;
                    continue;
                }
                present.insert(id);
                const auto path = SafePath::child(WorkspaceWrite::chatSessionsOf(workspace),
                                                  id + u'.' + ChatSessionFile::formatName(format));
                if (!path) {
                    return WorkspaceWrite::undoWritten(transaction, path.error());
                }
                boost::json::object entry =
                    SessionIndex::entryFor(tree, id, QDateTime::currentDateTimeUtc().toMSecsSinceEpoch());
                if (auto error =
                        transaction.create(*path, ChatSessionFile::bytes(tree, format),
                                           u"%1 \"%2\" as %3"_s.arg(options.dryRun ? u"would write"_s : u"wrote"_s,
                                                                    json::string(entry, "title"), *path))) {
                    return WorkspaceWrite::undoWritten(transaction, *error);
                }
                if (!options.dryRun) {
                    auto written = ChatSessionFile::read(*path);
                    if (!written || written->tree != tree) {
                        return WorkspaceWrite::undoWritten(
                            transaction, Error{u"%1 does not read back as the session meant"_s.arg(*path)});
                    }
                }
                entries.append(std::move(entry));
            }
            if (entries.isEmpty()) {
                return std::nullopt;
            }
            if (auto error = IndexWriter::write(workspace, entries, options, transaction)) {
                return WorkspaceWrite::undoWritten(transaction, *error);
            }
            report.registered = int(entries.size());
            return std::nullopt;
        });
}

QList<Registrar::ProjectWorkspaces> SessionImport::findOrphanedWorkspaces(const QList<Workspace>& workspaces)
{
    QList<Registrar::ProjectWorkspaces> result;
    QStringList editors;
    for (const Workspace& w : workspaces) {
        if (!w.editor.isEmpty() && !editors.contains(w.editor)) {
            editors << w.editor;
        }
    }
    for (const QString& editor : std::as_const(editors)) {
        QList<Workspace> own;
        std::copy_if(workspaces.cbegin(), workspaces.cend(), std::back_inserter(own),
                     [&editor](const Workspace& w) { return w.editor == editor; });
        if (own.size() < 2) {
            continue;
        }
        std::sort(own.begin(), own.end(),
                  [](const Workspace& a, const Workspace& b) { return lastUsed(a) > lastUsed(b); });
        Registrar::ProjectWorkspaces project{own.first(), {}};
        QSet<QString> present;
        for (const QString& path : WorkspaceStorage::sessionFiles(WorkspaceWrite::chatSessionsOf(project.active))) {
            present.insert(ChatSessionFile::idOf(path));
        }
        for (qsizetype i = 1; i < own.size(); ++i) {
            Registrar::ProjectWorkspaces::Other other{own.at(i), {}};
            for (const QString& path :
                 WorkspaceStorage::sessionFiles(WorkspaceWrite::chatSessionsOf(other.workspace))) {
                if (!present.contains(ChatSessionFile::idOf(path))) {
                    other.missing << path;
                }
            }
            project.others.append(std::move(other));
        }
        result.append(std::move(project));
    }
    return result;
}

} // namespace chasm
