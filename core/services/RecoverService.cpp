// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#include "RecoverService.h"

#include "export/SessionExport.h"
#include "json/Json.h"
#include "ops/IndexWriter.h"
#include "ops/WorkspaceWrite.h"
#include "util/FileTransaction.h"
#include "util/ReadOnlyDatabase.h"
#include "util/SafePath.h"
#include "vscode/ChatSessionConverter.h"
#include "vscode/SessionIndex.h"
#include "vscode/WorkspaceStorage.h"

#include <QDir>
#include <QStorageInfo>
#include <QSet>
#include <QUuid>

#include <boost/json.hpp>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace chasm {

namespace {

boost::json::value stringOrNull(const QString& text)
{
    return text.isEmpty() ? boost::json::value(nullptr) : boost::json::value(json::fromQString(text));
}

} // namespace

Result<EditorGuardService::Report> RecoverService::upgrade(const UpgradeRequest& request,
                                                           const EditorGuardService::Progress& progress)
{
    return EditorGuardService::run(
        {request.scope, request.closeEditors, request.reopen, request.options.dryRun},
        [&request](const Workspace& w) { return Registrar::upgrade(w, request.format, request.options); }, progress);
}

Result<EditorGuardService::Report> RecoverService::split(const SplitRequest& request,
                                                         const EditorGuardService::Progress& progress)
{
    const QString folder = QFileInfo(request.path).absolutePath();
    const auto workspace =
        std::find_if(request.workspaces.cbegin(), request.workspaces.cend(), [&folder](const Workspace& w) {
            return QFileInfo(w.chatSessionsPath).absoluteFilePath() == folder;
        });
    if (workspace == request.workspaces.cend()) {
        return Error{u"%1 is not in an editor workspace's chatSessions folder: split works where the editor can "
                     "show both parts"_s.arg(request.path)};
    }
    return EditorGuardService::run(
        {{*workspace}, request.closeEditors, request.reopen, request.options.dryRun},
        [&request](const Workspace& w) { return Registrar::split(w, request.path, request.keep, request.options); },
        progress);
}

Result<Registrar::Report> RecoverService::removeIndexEntries(const Workspace& workspace, const QStringList& ids,
                                                             const Registrar::Options& options)
{
    return WorkspaceWrite::run(
        workspace, u"unregister"_s, options,
        [&](FileTransaction& transaction, Registrar::Report& report) -> std::optional<Error> {
            const QString database = WorkspaceWrite::databaseOf(workspace);
            const auto indexed = IndexWriter::stored(database);
            if (!indexed) {
                return indexed.error();
            }
            QSet<QString> files;
            for (const QString& path : WorkspaceStorage::sessionFiles(WorkspaceWrite::chatSessionsOf(workspace))) {
                files.insert(ChatSessionFile::idOf(path));
            }
            QStringList removing;
            for (const QString& id : ids) {
                if (!indexed->contains(id)) {
                    report.unmatched << id;
                } else if (files.contains(id)) {
                    report.warnings << u"%1 has its session file: its index entry stays"_s.arg(id);
                } else {
                    removing << id;
                    ++report.repaired;
                    transaction.note(u"%1 the entry \"%2\" (%3) from the index: its session file is gone"_s.arg(
                        options.dryRun ? u"would remove"_s : u"removed"_s, json::string(indexed->value(id), "title"),
                        id));
                }
            }
            if (removing.isEmpty()) {
                return std::nullopt;
            }
            if (auto error = transaction.preserve(
                    database, FileTransaction::BackupPlace::RecoveryFolder,
                    u"%1 the index of %2"_s.arg(options.dryRun ? u"would write"_s : u"wrote"_s, database))) {
                return error;
            }
            return options.dryRun ? std::nullopt : SessionIndex::write(database, {}, removing);
        });
}

Result<RecoverService::ExtractReport> RecoverService::extract(const ExtractRequest& request)
{
    if (request.scope.isEmpty()) {
        return Error{u"no editor workspace is known for %1"_s.arg(request.project)};
    }
    auto done = SessionFileRecovery::extract(request.scope, request.folder, request.allFormats, request.includeEdits,
                                             request.dryRun);
    if (!done) {
        return done.error();
    }
    return ExtractReport{request.dryRun, request.folder, int(request.scope.size()), std::move(*done)};
}

SessionFileRecovery::Detection RecoverService::detect(const QString& path)
{
    return SessionFileRecovery::detect(path);
}

RecoverService::StatusReport RecoverService::status(const QList<Workspace>& workspaces, bool withUndone)
{
    QStringList folders;
    StatusReport report;
    for (const Workspace& w : workspaces) {
        for (const QString& base : {w.projectPath, w.storagePath}) {
            // Links resolved, so that a folder reached by two names lists its points once.
            const QString folder = QFileInfo(base + u"/.chasm_recovery"_s).canonicalFilePath();
            if (!base.isEmpty() && !folder.isEmpty() && !folders.contains(folder) && QFileInfo(folder).isDir()) {
                folders << folder;
            }
        }
        const QDir sessions(w.storagePath + u"/chatSessions"_s);
        for (const QFileInfo& file : sessions.entryInfoList({u"*.bak"_s, u"*.bak-*"_s}, QDir::Files, QDir::Time)) {
            report.backups << file;
        }
    }
    // Those made outside every workspace, known from the journal.
    for (const QString& journalled : RecoveryPoint::journalFolders()) {
        if (const QString folder = QFileInfo(journalled).canonicalFilePath(); !folders.contains(folder)) {
            folders << folder;
        }
    }
    for (const QString& folder : std::as_const(folders)) {
        report.points += RecoveryPoint::list(folder, withUndone);
    }
    std::sort(report.points.begin(), report.points.end(),
              [](const RecoveryPoint& a, const RecoveryPoint& b) { return a.created > b.created; });
    return report;
}

Result<bool> RecoverService::isHarvestDatabase(const QString& path)
{
    const auto db = ReadOnlyDatabase::open(path);
    if (!db) {
        return db.error();
    }
    return (*db)->hasTable(u"sessions"_s) && (*db)->hasTable(u"messages_v2"_s);
}

std::optional<Error> RecoverService::copyHarvestDatabase(const QString& path, const QString& copy)
{
    for (const QString& suffix : {QString(), u"-wal"_s}) {
        if (QFileInfo::exists(path + suffix)) {
            if (auto error = copyAtomically(path + suffix, copy + suffix)) {
                return error;
            }
        }
    }
    return std::nullopt;
}

Result<RecoverService::DatabaseReport> RecoverService::sessionsFromDatabase(const DatabaseRequest& request)
{
    const QString& path = request.path;
    auto found = SessionFileRecovery::sessionsInStateDatabase(path);
    if (!found) {
        return found.error();
    }
    if (!QDir().mkpath(request.folder)) {
        return Error{u"cannot create the folder %1"_s.arg(request.folder)};
    }
    DatabaseReport report{path, request.folder, {}};
    QStringList& written = report.files;
    for (int i = 0; i < found->size(); ++i) {
        boost::json::value tree = found->at(i);
        QString id = json::string(tree, "sessionId");
        if (id.isEmpty()) {
            id = u"session-%1"_s.arg(i + 1);
        }
        if (!request.session.isEmpty() && !id.startsWith(request.session)) {
            continue;
        }
        if (!SafePath::isSafeName(id) && tree.is_object()) {
            // The id names the file: one like "../../x" would put it out of the folder.
            const QString fresh = QUuid::createUuid().toString(QUuid::WithoutBraces);
            if (request.warning) {
                request.warning(u"the session id \"%1\" in %2 cannot name a file: it is written as %3"_s.arg(
                    id.left(80), path, fresh));
            }
            id = fresh;
            tree.as_object()["sessionId"] = json::fromQString(id);
        }
        QByteArray bytes;
        QString name;
        if (request.format == u"md"_s) {
            const Session converted =
                ChatSessionConverter::convert(tree, {u"copilot"_s, id, {}, {}, QFileInfo(path).lastModified()});
            bytes = SessionExport::markdown(converted).toUtf8();
            name = id + u".md"_s;
        } else {
            const bool log = request.format == u"jsonl"_s;
            bytes = ChatSessionFile::bytes(tree, log ? ChatSessionFile::Format::Jsonl : ChatSessionFile::Format::Json);
            name = id + (log ? u".jsonl"_s : u".json"_s);
        }
        const auto file = SafePath::child(request.folder, name);
        if (!file) {
            return file.error();
        }
        if (QFileInfo::exists(*file)) {
            return Error{u"%1 exists already: Chasm does not overwrite it (%2 file(s) written before it)"_s.arg(
                *file, QString::number(written.size()))};
        }
        if (auto error = writeAtomically(*file, bytes)) {
            return *error;
        }
        written << *file;
    }
    if (!request.session.isEmpty() && written.isEmpty()) {
        return Error{u"%1 holds no session with the id %2"_s.arg(path, request.session)};
    }
    return report;
}

boost::json::object toJson(const RecoverService::ExtractReport& report)
{
    boost::json::array files;
    for (const QString& file : report.extraction.files) {
        files.push_back(json::fromQString(file));
    }
    return {{"dry_run", report.dryRun},
            {"folder", json::fromQString(report.folder)},
            {"workspaces", report.workspaces},
            {"sessions", report.extraction.sessions},
            {"files", std::move(files)}};
}

boost::json::object toJson(const SessionFileRecovery::Detection& d)
{
    return {{"path", json::fromQString(d.path)},
            {"size_bytes", d.size},
            {"format", stringOrNull(d.format)},
            {"version", d.version},
            {"entries", d.entries},
            {"requests", d.requests},
            {"session_id", json::fromQString(d.sessionId)},
            {"title", json::fromQString(d.title)},
            {"concatenated_records", d.concatenatedRecords},
            {"damaged_tail", d.damagedTail},
            {"readable", d.error.isEmpty()},
            {"error", stringOrNull(d.error)}};
}

boost::json::object toVerboseJson(const SessionFileRecovery::Detection& d)
{
    boost::json::object o = toJson(d);
    boost::json::array warnings;
    for (const QString& warning : d.warnings) {
        warnings.push_back(json::fromQString(warning));
    }
    boost::json::array requests;
    for (const SessionFileRecovery::Detection::Request& r : d.requestList) {
        requests.push_back(
            {{"request_id", stringOrNull(r.id)},
             {"timestamp", r.time.isValid() ? boost::json::value(json::fromQString(r.time.toString(Qt::ISODateWithMs)))
                                            : boost::json::value(nullptr)},
             {"message", json::fromQString(r.message)}});
    }
    o["warnings"] = std::move(warnings);
    o["request_list"] = std::move(requests);
    return o;
}

QList<RecoverService::EditorState> RecoverService::editorStates(const Environment& environment,
                                                                const QList<Editor>& editors,
                                                                const QList<Workspace>& workspaces)
{
    // Below this, a backup of a large session may not fit beside it.
    constexpr qint64 lowSpace = 200 * 1024 * 1024;
    QList<EditorState> states;
    for (const EditorInfo& info : allEditors()) {
        if (!editors.isEmpty() && !editors.contains(info.editor)) {
            continue;
        }
        EditorState state;
        state.id = info.id;
        state.name = info.displayName;
        state.userDirectory = editorUserDirectory(environment, info.editor);
        state.found = QFileInfo(state.userDirectory).isDir();
        state.workspaces = int(std::count_if(workspaces.cbegin(), workspaces.cend(),
                                             [&info](const Workspace& w) { return w.editor == info.id; }));
        if (state.found) {
            state.running = !EditorGuardService::running({info.editor}).isEmpty();
            const QStorageInfo storage(state.userDirectory);
            state.freeBytes = storage.isValid() ? storage.bytesAvailable() : -1;
        }
        if (state.running) {
            state.advice = u"close %1 before a repair or registration (or pass --close-vscode --reopen): it writes "
                           "its session index back when it quits"_s.arg(info.displayName);
        } else if (state.freeBytes >= 0 && state.freeBytes < lowSpace) {
            state.advice =
                u"only %1 MB free where %2 keeps its sessions: backups need room"_s.arg(state.freeBytes / (1024 * 1024))
                    .arg(info.displayName);
        }
        states.append(state);
    }
    return states;
}

boost::json::array toJson(const QList<RecoverService::EditorState>& editors)
{
    boost::json::array array;
    for (const RecoverService::EditorState& e : editors) {
        array.push_back(
            {{"editor", json::fromQString(e.id)},
             {"name", json::fromQString(e.name)},
             {"user_directory", json::fromQString(e.userDirectory)},
             {"found", e.found},
             {"running", e.running},
             {"workspaces", e.workspaces},
             {"free_bytes", e.freeBytes < 0 ? boost::json::value(nullptr) : boost::json::value(e.freeBytes)},
             {"advice", stringOrNull(e.advice)}});
    }
    return array;
}

boost::json::object toJson(const RecoverService::StatusReport& report)
{
    boost::json::array pointArray;
    for (const RecoveryPoint& point : report.points) {
        boost::json::array files;
        for (const RecoveryPoint::File& file : point.files) {
            files.push_back({{"path", json::fromQString(file.path)}, {"backup", stringOrNull(file.backup)}});
        }
        boost::json::array changes;
        for (const QString& change : point.changes) {
            changes.push_back(json::fromQString(change));
        }
        pointArray.push_back({{"manifest", json::fromQString(point.manifest)},
                              {"operation", json::fromQString(point.operation)},
                              {"created", json::fromQString(point.created.toString(Qt::ISODateWithMs))},
                              {"files", std::move(files)},
                              {"changes", std::move(changes)},
                              {"undo", json::fromQString(point.undoCommand())}});
    }
    boost::json::array backupArray;
    for (const QFileInfo& file : report.backups) {
        backupArray.push_back({{"path", json::fromQString(file.absoluteFilePath())},
                               {"size", file.size()},
                               {"modified", json::fromQString(file.lastModified().toUTC().toString(Qt::ISODate))}});
    }
    return {{"recovery_points", std::move(pointArray)}, {"backups", std::move(backupArray)}};
}

boost::json::object toJson(const RecoverService::DatabaseReport& report)
{
    boost::json::array files;
    for (const QString& file : report.files) {
        files.push_back(json::fromQString(file));
    }
    return {{"sessions", report.files.size()}, {"files", std::move(files)}};
}

} // namespace chasm
