// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#include "SyncService.h"

#include "json/Json.h"
#include "ops/Registrar.h"
#include "ops/StoreWriteBack.h"
#include "ops/WorkspaceWrite.h"
#include "store/HarvestReader.h"
#include "store/Originals.h"
#include "util/FileTransaction.h"
#include "vscode/ChatSessionFile.h"
#include "vscode/MutationLog.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFileInfo>
#include <QSqlError>
#include <QSqlQuery>

#include <map>

using namespace Qt::StringLiterals;

namespace chasm {

namespace {

// A session of the database a push may write back.
struct Stored
{
    QString id;
    QString provider;
    QString nativeId;
    QString workspace; // the workspace's storage key (the VS Code family's hash)
    QString projectPath;
};

Result<QList<Stored>> storedSessions(const Database& db, const QString& provider, const QString& workspace,
                                     const QStringList& ids)
{
    QString sql =
        u"SELECT id, provider, native_id, coalesce(workspace, ''), coalesce(project_path, '') FROM sessions WHERE 1 = 1"_s;
    QVariantList values;
    if (!provider.isEmpty()) {
        sql += u" AND provider = ?"_s;
        values << provider;
    }
    if (!workspace.isEmpty()) {
        sql +=
            u" AND (instr(lower(coalesce(workspace, '')), lower(?)) = 1 OR instr(lower(coalesce(workspace_name, '')), "
            "lower(?)) > 0 OR instr(lower(coalesce(project_path, '')), lower(?)) > 0)"_s;
        values << workspace << workspace << workspace;
    }
    if (!ids.isEmpty()) {
        sql += u" AND id IN (%1)"_s.arg(QStringList(ids.size(), u"?"_s).join(u", "_s));
        for (const QString& id : ids) {
            values << id;
        }
    }
    sql += u" ORDER BY id"_s;
    QSqlQuery query(db.connection());
    query.prepare(sql);
    for (const QVariant& value : values) {
        query.addBindValue(value);
    }
    if (!query.exec()) {
        return Error{u"cannot read %1: %2"_s.arg(db.path(), query.lastError().text())};
    }
    QList<Stored> sessions;
    while (query.next()) {
        sessions.append({query.value(0).toString(), query.value(1).toString(), query.value(2).toString(),
                         query.value(3).toString(), query.value(4).toString()});
    }
    return sessions;
}

// The VS Code-family workspace whose session folder holds `file`, for registering it in the editor's index.
std::optional<Workspace> editorWorkspaceOf(const QList<Workspace>& workspaces, const Stored& session,
                                           const QString& file)
{
    const QString folder = QFileInfo(file).absolutePath();
    for (const Workspace& w : workspaces) {
        if (!w.editor.isEmpty() && w.provider == session.provider && w.hash == session.workspace &&
            QDir(w.chatSessionsPath).absolutePath() == folder) {
            return w;
        }
    }
    return std::nullopt;
}

// A VS Code-family session file's kept bytes as a file of the other format: a .jsonl log replayed, or a .json
// document, written as the editor writes that format (ChatSessionFile::bytes).
Result<QByteArray> converted(const QByteArray& kept, const QString& path, ChatSessionFile::Format to)
{
    const std::string_view text(kept.constData(), std::size_t(kept.size()));
    if (ChatSessionFile::formatOf(path) == ChatSessionFile::Format::Jsonl) {
        auto replayed = MutationLog::replay(text, path);
        if (!replayed) {
            return replayed.error();
        }
        return ChatSessionFile::bytes(replayed->state, to);
    }
    auto tree = json::parse(text, path);
    if (!tree) {
        return tree.error();
    }
    return ChatSessionFile::bytes(*tree, to);
}

} // namespace

int SyncService::PushReport::count(const QString& action) const
{
    return int(std::count_if(files.begin(), files.end(), [&action](const Pushed& p) { return p.action == action; }));
}

Result<SyncService::PushReport> SyncService::push(const PushRequest& request) const
{
    const QString format = request.format.isEmpty() ? u"auto"_s : request.format;
    if (format != u"auto"_s && format != u"jsonl"_s && format != u"json"_s) {
        return Error{u"--format takes auto, jsonl or json, not %1"_s.arg(format), ErrorKind::Invalid};
    }
    auto db = HarvestDatabaseService(m_catalog.catalog()).open(request.database);
    if (!db) {
        return db.error();
    }
    const Database& database = **db;
    QString provider;
    if (!request.provider.isEmpty()) {
        auto named = m_catalog.catalog().harvestedProviderId(request.provider);
        if (!named) {
            return named.error();
        }
        provider = *named;
    }
    QStringList ids;
    const HarvestReader reader(database);
    for (const QString& id : request.sessions) {
        auto resolved = reader.resolve(id.trimmed());
        if (!resolved) {
            return resolved.error();
        }
        ids << *resolved;
    }
    auto sessions = storedSessions(database, provider, request.workspace, ids);
    if (!sessions) {
        return sessions.error();
    }

    PushReport report;
    report.database = database.path();
    report.dryRun = request.dryRun;
    const Originals originals(database);
    const QList<Workspace> workspaces = m_catalog.catalog().workspaces(m_catalog.catalog().providers().value());
    // What to write, file by file, decided before anything is written.
    struct Write
    {
        qsizetype pushed; // in report.files
        QString path;
        QString kept;                              // the file the harvest kept
        std::optional<ChatSessionFile::Format> as; // written in the editor's other format
        bool over = false;                         // replaces other bytes
        std::optional<Workspace> editorWorkspace;
        QString nativeId;
    };
    QList<Write> writes;
    // Sessions of a tool's database, written back from their normalized form.
    struct StoreWrite
    {
        qsizetype pushed;
        StoreWriteBack::Place place;
        bool over = false;
    };
    QList<StoreWrite> storeWrites;
    std::map<QString, QList<SessionRef>> listed; // each provider's sessions, listed once
    for (const Stored& session : *sessions) {
        auto files = originals.files(session.id);
        if (!files) {
            return files.error();
        }
        if (files->isEmpty()) {
            // A session of a tool's database goes back in the tool's rows, from its normalized form.
            const auto place =
                StoreWriteBack::placeOf(session.provider, session.workspace, session.projectPath, workspaces);
            if (!place || !*place) {
                report.files.append({session.id,
                                     session.provider,
                                     {},
                                     u"skipped"_s,
                                     {},
                                     place ? place->error().message
                                           : u"its files were not kept (harvested before Chasm kept them, or with "
                                             "--no-originals)"_s,
                                     false});
                continue;
            }
            Pushed pushed{session.id, session.provider, (*place)->database, {}, {}, {}, false};
            auto there = StoreWriteBack::held(m_catalog.catalog(), workspaces, session.provider, session.nativeId,
                                              (*place)->store.hash, listed);
            if (!there) {
                return there.error();
            }
            std::optional<Session> kept;
            if (*there) {
                auto read = reader.session(session.id);
                if (!read) {
                    return read.error();
                }
                kept = std::move(read).value();
            }
            const auto holding =
                kept ? StoreWriteBack::compare(*there, *kept, **place) : StoreWriteBack::Holding::Absent;
            if (holding == StoreWriteBack::Holding::Same) {
                pushed.action = u"present"_s;
                report.files.append(pushed);
                continue;
            }
            if (holding == StoreWriteBack::Holding::Other && !request.force) {
                pushed.action = u"conflict"_s;
                pushed.reason = u"the store holds this session with another conversation (its tool changed it "
                                "since the harvest?); sync --pull first, or --force to replace it (the store is "
                                "backed up)"_s;
                report.files.append(pushed);
                continue;
            }
            // An unlisted composer is written again (the same conversation) to be listed.
            const bool over = holding != StoreWriteBack::Holding::Absent;
            pushed.action = holding == StoreWriteBack::Holding::Other ? u"replaced"_s : u"restored"_s;
            report.files.append(pushed);
            storeWrites.append({report.files.size() - 1, **place, over});
            continue;
        }
        for (const Originals::File& file : *files) {
            // Read here to compare, and again to write: a push-all holds one file at a time.
            auto kept = originals.bytes(session.id, file.path);
            if (!kept) {
                return kept.error();
            }
            const QString suffix = QFileInfo(file.path).suffix();
            const std::optional<Workspace> editorWorkspace = editorWorkspaceOf(workspaces, session, file.path);
            // An editor's session asked for in its other format is written as one, beside where it was.
            std::optional<ChatSessionFile::Format> as;
            QString path = file.path;
            if (format != u"auto"_s && editorWorkspace && suffix != format && ChatSessionFile::formatOf(file.path)) {
                as = format == u"json"_s ? ChatSessionFile::Format::Json : ChatSessionFile::Format::Jsonl;
                path = QFileInfo(file.path).path() + u'/' + QFileInfo(file.path).completeBaseName() + u'.' + format;
                auto bytes = converted(*kept, file.path, *as);
                if (!bytes) {
                    report.files.append({session.id,
                                         session.provider,
                                         path,
                                         u"skipped"_s,
                                         {},
                                         u"cannot write it as .%1: %2"_s.arg(format, bytes.error().message),
                                         false});
                    continue;
                }
                *kept = std::move(bytes).value();
            }
            const QString sha256 =
                QString::fromLatin1(QCryptographicHash::hash(*kept, QCryptographicHash::Sha256).toHex());
            Pushed pushed{session.id, session.provider, path, {}, sha256, {}, false};
            // The editor reads a session's .jsonl where both files are there.
            if (as == ChatSessionFile::Format::Json && QFileInfo::exists(file.path)) {
                pushed.action = u"conflict"_s;
                pushed.reason = u"its .jsonl is there, which the editor reads instead of a .json"_s;
                report.files.append(pushed);
                continue;
            }
            const QFileInfo there(path);
            bool over = false;
            if (there.exists()) {
                if (!there.isFile() || there.isSymLink()) {
                    pushed.action = u"conflict"_s;
                    pushed.reason = u"something other than a file is there"_s;
                    report.files.append(pushed);
                    continue;
                }
                if (there.size() == kept->size() && QString::fromLatin1(fileSha256(path)) == sha256) {
                    pushed.action = u"present"_s;
                    report.files.append(pushed);
                    continue;
                }
                if (!request.force) {
                    pushed.action = u"conflict"_s;
                    pushed.reason = u"the file there holds other bytes (its tool changed it since the harvest?); "
                                    "sync --pull first, or --force to replace it (it is backed up)"_s;
                    report.files.append(pushed);
                    continue;
                }
                over = true;
            }
            pushed.action = over ? u"replaced"_s : u"restored"_s;
            report.files.append(pushed);
            writes.append({report.files.size() - 1, path, file.path, as, over, editorWorkspace, session.nativeId});
        }
    }
    if (writes.isEmpty() && storeWrites.isEmpty()) {
        return report;
    }

    // The editors whose workspaces are written must be closed (they write their index when they quit).
    Registrar::Options options;
    options.dryRun = request.dryRun;
    options.force = request.force;
    QList<Workspace> guarded;
    for (const Write& write : writes) {
        if (write.editorWorkspace) {
            guarded << *write.editorWorkspace;
        }
    }
    for (const StoreWrite& write : storeWrites) {
        guarded << write.place.store;
    }
    for (const Workspace& workspace : guarded) {
        if (auto error = WorkspaceWrite::checkEditor(workspace, options, report.warnings)) {
            return *error;
        }
    }
    QStringList scope;
    const auto inScope = [&scope](const QString& path) {
        const QString folder = QFileInfo(path).absolutePath();
        if (!scope.contains(folder)) {
            scope << folder;
        }
    };
    for (const Write& write : writes) {
        inScope(write.path);
    }
    for (const StoreWrite& write : storeWrites) {
        inScope(write.place.database);
        if (write.place.listing) {
            inScope(write.place.listing->stateDatabasePath);
        }
    }
    FileTransaction transaction(
        u"sync push"_s,
        Registrar::recoveryFolderOf(writes.isEmpty() ? storeWrites.first().place.database : writes.first().path),
        request.dryRun, scope);
    for (const Write& write : writes) {
        const Pushed& pushed = report.files[write.pushed];
        if (!request.dryRun && !QDir().mkpath(QFileInfo(write.path).absolutePath())) {
            return Error{u"cannot create the folder of %1"_s.arg(write.path)};
        }
        auto bytes = originals.bytes(pushed.sessionId, write.kept);
        if (bytes && write.as) {
            bytes = converted(*bytes, write.kept, *write.as);
        }
        if (!bytes) {
            return WorkspaceWrite::undoWritten(transaction, bytes.error());
        }
        const QString change =
            u"%1 %2 to %3"_s.arg(write.over ? u"replaced"_s : u"restored"_s, pushed.sessionId, write.path);
        if (auto error = write.over
                             ? transaction.replace(write.path, *bytes, FileTransaction::BackupPlace::Beside, change)
                             : transaction.create(write.path, *bytes, change)) {
            return *error;
        }
    }
    // Each store's sessions in one transaction of its database.
    std::map<QString, std::pair<Workspace, QList<StoreWriteBack::Item>>> byStore;
    for (const StoreWrite& write : storeWrites) {
        auto session = reader.session(report.files[write.pushed].sessionId);
        if (!session) {
            return WorkspaceWrite::undoWritten(transaction, session.error());
        }
        auto& [store, items] = byStore[write.place.database];
        store = write.place.store;
        items.append({std::move(session).value(), write.over, write.place.listing});
    }
    for (const auto& [database, store] : byStore) {
        if (auto error = StoreWriteBack::write(store.first, store.second, transaction)) {
            return WorkspaceWrite::undoWritten(transaction, *error);
        }
    }
    for (const StoreWrite& write : storeWrites) {
        report.files[write.pushed].registered = write.place.listing.has_value();
    }
    auto point = transaction.finish();
    if (!point) {
        return point.error();
    }
    if (!point->manifest.isEmpty()) {
        report.recoveryPoint = point->manifest;
        report.undoCommand = point->undoCommand();
    }
    // Each editor workspace's index lists its sessions written back.
    std::map<QString, std::pair<Workspace, QStringList>> toRegister;
    for (const Write& write : writes) {
        if (write.editorWorkspace) {
            auto& [workspace, native] = toRegister[write.editorWorkspace->id];
            workspace = *write.editorWorkspace;
            native << write.nativeId;
        }
    }
    for (const auto& [id, entry] : toRegister) {
        auto registered = Registrar::registerSessions(entry.first, entry.second, {}, options);
        if (!registered) {
            report.warnings << u"written back but not registered in %1's index: %2"_s.arg(entry.first.displayName(),
                                                                                          registered.error().message);
            continue;
        }
        report.warnings << registered->warnings;
        for (const Write& write : writes) {
            if (write.editorWorkspace && write.editorWorkspace->id == id) {
                report.files[write.pushed].registered = true;
            }
        }
    }
    return report;
}

boost::json::object toJson(const SyncService::PushReport& report)
{
    boost::json::array files;
    for (const SyncService::Pushed& p : report.files) {
        boost::json::object o{
            {"session_id", json::fromQString(p.sessionId)},
            {"provider", json::fromQString(p.provider)},
            {"path", p.path.isEmpty() ? boost::json::value(nullptr) : json::fromQString(p.path)},
            {"action", json::fromQString(p.action)},
            {"sha256", p.sha256.isEmpty() ? boost::json::value(nullptr) : json::fromQString(p.sha256)},
            {"registered", p.registered}};
        if (!p.reason.isEmpty()) {
            o["reason"] = json::fromQString(p.reason);
        }
        files.emplace_back(std::move(o));
    }
    boost::json::array warnings;
    for (const QString& w : report.warnings) {
        warnings.emplace_back(json::fromQString(w));
    }
    return {{"database", json::fromQString(report.database)},
            {"dry_run", report.dryRun},
            {"restored", report.count(u"restored"_s)},
            {"replaced", report.count(u"replaced"_s)},
            {"present", report.count(u"present"_s)},
            {"conflicts", report.count(u"conflict"_s)},
            {"skipped", report.count(u"skipped"_s)},
            {"files", std::move(files)},
            {"warnings", std::move(warnings)},
            {"recovery_point",
             report.recoveryPoint.isEmpty() ? boost::json::value(nullptr) : json::fromQString(report.recoveryPoint)},
            {"undo_command",
             report.undoCommand.isEmpty() ? boost::json::value(nullptr) : json::fromQString(report.undoCommand)}};
}

} // namespace chasm
