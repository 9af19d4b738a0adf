#include "Registrar.h"

#include "util/RegularFile.h"
#include "util/SafePath.h"
#include "json/Json.h"
#include "vscode/ChatSessionFile.h"
#include "vscode/EditorProcess.h"
#include "vscode/SessionIndex.h"
#include "vscode/WorkspaceStorage.h"

#include <QDir>
#include <QFileInfo>
#include <QUuid>

#include <boost/json.hpp>

using namespace Qt::StringLiterals;

namespace chasm {

namespace {

struct SessionFile
{
    QString id;
    QString path;
    ChatSessionFile::Contents contents;
    qint64 modified = 0; // ms since the epoch, as read
    qint64 size = 0;

    // Whether the file is still as it was read (the editor may append while Chasm works, with --force).
    bool unchangedOnDisk() const
    {
        const QFileInfo now(path);
        return now.size() == size && now.lastModified().toMSecsSinceEpoch() == modified;
    }
};

QString chatSessionsOf(const Workspace& workspace)
{
    return workspace.chatSessionsPath.isEmpty() ? workspace.storagePath + u"/chatSessions"_s
                                                : workspace.chatSessionsPath;
}

QString databaseOf(const Workspace& workspace)
{
    return workspace.stateDatabasePath.isEmpty() ? workspace.storagePath + u"/state.vscdb"_s
                                                 : workspace.stateDatabasePath;
}

// The folders an operation on the workspace may change: its storage, its sessions and its index.
QStringList scopeOf(const Workspace& workspace)
{
    return {workspace.storagePath, chatSessionsOf(workspace), QFileInfo(databaseOf(workspace)).absolutePath()};
}

// Whether the workspace's session `id` reads as `tree` (the same session, whatever its file's form).
bool sameSession(const Workspace& workspace, const QString& id, const boost::json::value& tree)
{
    for (const QString& path : WorkspaceStorage::sessionFiles(chatSessionsOf(workspace))) {
        if (ChatSessionFile::idOf(path) == id) {
            auto there = ChatSessionFile::read(path);
            return there && there->tree == tree;
        }
    }
    return false;
}

// The session files of the workspace (the .jsonl where both exist, as the editor reads it) whose ids
// (file names) `wanted` accepts, read; those that cannot be read are reported and left alone.
QList<SessionFile> readSessions(const Workspace& workspace, QStringList& warnings,
                                const std::function<bool(const QString& id)>& wanted = {})
{
    QList<SessionFile> sessions;
    for (const QString& path : WorkspaceStorage::sessionFiles(chatSessionsOf(workspace))) {
        if (wanted && !wanted(ChatSessionFile::idOf(path))) {
            continue;
        }
        auto contents = ChatSessionFile::read(path);
        if (!contents) {
            warnings << u"left alone, as it cannot be read: %1"_s.arg(contents.error().message);
            continue;
        }
        // The editor finds a session's file by its id: the file name is the id, whatever the file says.
        const QFileInfo info(path);
        sessions.append({ChatSessionFile::idOf(path), path, std::move(*contents),
                         info.lastModified().toMSecsSinceEpoch(), info.size()});
    }
    return sessions;
}

bool matchesAny(const QString& text, const QStringList& parts)
{
    return std::any_of(parts.cbegin(), parts.cend(),
                       [&text](const QString& part) { return text.contains(part, Qt::CaseInsensitive); });
}

// The index's entries by session id, as stored; none when there is no index yet.
Result<QHash<QString, boost::json::object>> indexedEntries(const QString& database)
{
    QHash<QString, boost::json::object> stored;
    if (!QFileInfo::exists(database)) {
        return stored;
    }
    auto entries = SessionIndex::read(database);
    if (!entries) {
        if (entries.error().message.contains(u"holds no chat session index"_s)) {
            return stored;
        }
        return entries.error();
    }
    for (const IndexEntry& entry : *entries) {
        stored.insert(entry.sessionId, entry.raw);
    }
    return stored;
}

// Before anything is written: the workspace's editor must be closed (unless forced); a dry run only
// warns, as it writes nothing.
std::optional<Error> checkEditor(const Workspace& workspace, const Registrar::Options& options,
                                 Registrar::Report& report)
{
    const auto editor = editorById(workspace.editor);
    if (!editor) {
        return std::nullopt;
    }
    auto error = EditorProcess::checkClosed(*editor, options.force, report.warnings);
    if (error && options.dryRun) {
        report.warnings << error->message;
        return std::nullopt;
    }
    return error;
}

// Puts back what an operation wrote before it failed, and says so in the error.
Error undoWritten(FileTransaction& transaction, Error error)
{
    if (transaction.wroteAnything()) {
        if (auto point = transaction.finish()) {
            (void)FileTransaction::undo(*point);
        }
        error.message += u"; everything written was undone"_s;
    }
    return error;
}

// Backs the database up and writes the entries (the editor was checked before anything was written).
std::optional<Error> writeIndex(const Workspace& workspace, const QList<boost::json::object>& entries,
                                const Registrar::Options& options, FileTransaction& transaction)
{
    const QString database = databaseOf(workspace);
    const QString change = u"%1 %2 entr%3 in the index of %4"_s.arg(options.dryRun ? u"would write"_s : u"wrote"_s,
                                                                    QString::number(entries.size()),
                                                                    entries.size() == 1 ? u"y"_s : u"ies"_s, database);
    if (QFileInfo::exists(database)) {
        if (auto error = transaction.preserve(database, FileTransaction::BackupPlace::RecoveryFolder, change)) {
            return error;
        }
    } else if (auto error = transaction.willCreate(database, change + u" (a new database)"_s)) {
        return error;
    }
    if (options.dryRun) {
        return std::nullopt;
    }
    return SessionIndex::write(database, entries);
}

// The fixes a session file needs, made through the transaction: the file is rewritten (its backup
// beside it) when something was fixed, and must read back as the session meant. Returns the session as
// it now is.
Result<boost::json::value> fixFile(const SessionFile& session, const Registrar::Options& options,
                                   FileTransaction& transaction, Registrar::Report& report)
{
    const qint64 size = QFileInfo(session.path).size();
    if (size > Registrar::oversizedBytes) {
        report.warnings << u"%1 is %2 MB: the editor may open it slowly or not at all. `chasm recover split "
                           "\"%1\" --keep 50` moves all but its last 50 requests into a session of their own"_s
                               .arg(session.path)
                               .arg(size >> 20);
    }
    QStringList fixes;
    boost::json::value tree = session.contents.tree;
    // A last request left pending (or waiting for input) would be resumed when opened: mark it done.
    if (boost::json::array* requests =
            tree.is_object() && tree.get_object().contains("requests") && tree.get_object().at("requests").is_array()
                ? &tree.get_object().at("requests").get_array()
                : nullptr;
        requests && !requests->empty() && requests->back().is_object()) {
        boost::json::object& last = requests->back().get_object();
        if (last.contains("modelState") && last.at("modelState").is_object()) {
            boost::json::object& state = last.at("modelState").get_object();
            const auto value = json::integer(state, "value");
            if (value == 0 || value == 4) {
                state["value"] = 1;
                if (!state.contains("completedAt")) {
                    state["completedAt"] = json::integer(last, "timestamp").value_or(session.modified);
                }
                fixes << u"marked the last request complete (it was left %1)"_s.arg(
                    value == 0 ? u"pending"_s : u"waiting for input"_s);
            }
        }
    }
    const ChatSessionFile::Contents& read = session.contents;
    const bool isLog = read.format == ChatSessionFile::Format::Jsonl;
    if (isLog && read.concatenatedRecords > 0) {
        fixes << u"split %1 record(s) that ran together on one line"_s.arg(read.concatenatedRecords);
    }
    if (!isLog && read.truncatedTail) {
        fixes << u"closed a document cut off mid-write after its last complete value (the rest is kept in the "
                 "backup)"_s;
    }
    if (isLog && read.truncatedTail) {
        fixes << u"dropped a damaged last line (kept in the backup)"_s;
    }
    if (isLog && !read.skippedLines.isEmpty()) {
        fixes << u"left out %1 damaged line(s) (kept in the backup)"_s.arg(read.skippedLines.size());
    }
    if (isLog && read.entries > 1) {
        fixes << u"compacted %1 log entries into one snapshot"_s.arg(read.entries);
    }
    if (!fixes.isEmpty() && !options.dryRun && !session.unchangedOnDisk()) {
        report.warnings << u"%1 changed while Chasm was reading it: left as it is; repair again when the editor "
                           "is closed"_s.arg(session.path);
        fixes.clear();
    }
    if (!fixes.isEmpty()) {
        const QString change =
            u"%1 %2: %3"_s.arg(options.dryRun ? u"would rewrite"_s : u"rewrote"_s, session.path, fixes.join(u"; "_s));
        if (auto error = transaction.replace(session.path, ChatSessionFile::bytes(tree, read.format),
                                             FileTransaction::BackupPlace::Beside, change)) {
            return *error;
        }
        if (!options.dryRun) {
            // Read back: the file must replay to exactly the tree meant, or the change is undone.
            auto again = ChatSessionFile::read(session.path);
            if (!again || again->tree != tree) {
                return undoWritten(transaction, Error{u"the rewritten %1 did not read back as the session it "
                                                      "should hold"_s.arg(session.path)});
            }
        }
        ++report.repaired;
    } else {
        ++report.unchanged;
    }
    return tree;
}

Registrar::Report reportFor(const Workspace& workspace)
{
    Registrar::Report report;
    report.workspace = workspace.projectPath.isEmpty() ? workspace.storagePath : workspace.projectPath;
    report.editor = workspace.editor;
    return report;
}

void warnAboutLimit(const QString& database, Registrar::Report& report)
{
    const auto entries = SessionIndex::read(database);
    if (entries && entries->size() > SessionIndex::maxEntries) {
        report.warnings << u"the index now lists %1 sessions: the editor keeps only the %2 newest and drops the "
                           "others from its history again (their files stay)"_s.arg(entries->size())
                               .arg(SessionIndex::maxEntries);
    }
}

// When the editor last wrote the workspace's state: the active workspace of a project is the newest.
QDateTime lastUsed(const Workspace& workspace)
{
    const QFileInfo state(databaseOf(workspace));
    return state.exists() ? state.lastModified() : workspace.lastModified;
}

} // namespace

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

Result<Registrar::Report> Registrar::registerSessions(const Workspace& workspace, const QStringList& ids,
                                                      const QStringList& titles, const Options& options)
{
    Report report = reportFor(workspace);
    if (auto error = checkEditor(workspace, options, report)) {
        return *error;
    }
    const auto indexed = indexedEntries(databaseOf(workspace));
    if (!indexed) {
        return indexed.error();
    }
    const bool chosen = !ids.isEmpty() || !titles.isEmpty();
    const QStringList files = WorkspaceStorage::sessionFiles(chatSessionsOf(workspace));
    // The ids named: each exact, or a prefix of exactly one session file.
    QSet<QString> named;
    for (const QString& id : ids) {
        QStringList matches;
        for (const QString& path : files) {
            if (ChatSessionFile::idOf(path) == id) {
                matches = {id};
                break;
            }
            if (ChatSessionFile::idOf(path).startsWith(id)) {
                matches << ChatSessionFile::idOf(path);
            }
        }
        if (matches.size() > 1) {
            return Error{u"%1 names %2 sessions in %3 (%4): give more of the id"_s.arg(id)
                             .arg(matches.size())
                             .arg(chatSessionsOf(workspace), matches.join(u", "_s))};
        }
        if (matches.isEmpty()) {
            report.unmatched << id;
        } else {
            named.insert(matches.first());
        }
    }
    // Only files that may be wanted are read: those the index lacks, or those named (a title needs all).
    const QList<SessionFile> sessions = readSessions(workspace, report.warnings, [&](const QString& id) {
        return !titles.isEmpty() || (chosen ? named.contains(id) : !indexed->contains(id));
    });
    QList<boost::json::object> entries;
    for (const SessionFile& session : sessions) {
        boost::json::object entry = SessionIndex::entryFor(session.contents.tree, session.id, session.modified);
        if (options.complete) {
            entry["lastResponseState"] = 1;
        }
        const bool wanted = chosen ? named.contains(ChatSessionFile::idOf(session.path)) ||
                                         matchesAny(json::string(entry, "title"), titles)
                                   : !indexed->contains(session.id);
        if (!wanted) {
            continue;
        }
        if (json::boolean(entry, "isEmpty").value_or(false)) {
            report.warnings << u"%1 holds no requests: registered, but the editor does not list empty sessions"_s.arg(
                session.path);
        }
        if (json::string(entry, "initialLocation") != u"panel"_s) {
            report.warnings << u"%1 started in the %2, not the chat panel: the editor's history lists only panel "
                               "sessions"_s.arg(session.path, json::string(entry, "initialLocation"));
        }
        entries.append(entry);
    }
    QSet<QString> registering;
    for (const boost::json::object& entry : std::as_const(entries)) {
        registering.insert(json::string(entry, "sessionId"));
    }
    for (const QString& path : files) {
        report.unchanged +=
            indexed->contains(ChatSessionFile::idOf(path)) && !registering.contains(ChatSessionFile::idOf(path)) ? 1
                                                                                                                 : 0;
    }
    if (entries.isEmpty()) {
        return report; // nothing to write: every session is in the index already
    }
    FileTransaction transaction(u"register"_s, recoveryFolder(workspace), options.dryRun, scopeOf(workspace));
    for (const boost::json::object& entry : entries) {
        const QString id = json::string(entry, "sessionId");
        const bool known = indexed->contains(id);
        (known ? report.repaired : report.registered) += 1;
        const QString verb = known ? (options.dryRun ? u"would correct"_s : u"corrected"_s)
                                   : (options.dryRun ? u"would register"_s : u"registered"_s);
        transaction.note(u"%1 \"%2\" (%3)"_s.arg(verb, json::string(entry, "title"), id));
    }
    if (auto error = writeIndex(workspace, entries, options, transaction)) {
        return *error;
    }
    if (!options.dryRun) {
        warnAboutLimit(databaseOf(workspace), report);
    }
    return finish(transaction, std::move(report));
}

Result<Registrar::Report> Registrar::repair(const Workspace& workspace, const Options& options)
{
    Report report = reportFor(workspace);
    if (auto error = checkEditor(workspace, options, report)) {
        return *error;
    }
    QList<SessionFile> sessions = readSessions(workspace, report.warnings);
    FileTransaction transaction(u"repair"_s, recoveryFolder(workspace), options.dryRun, scopeOf(workspace));
    const auto before = indexedEntries(databaseOf(workspace));
    if (before) {
        QSet<QString> onDisk; // readable or not
        for (const SessionFile& session : std::as_const(sessions)) {
            onDisk.insert(session.id);
        }
        for (const QString& path : WorkspaceStorage::sessionFiles(chatSessionsOf(workspace))) {
            onDisk.insert(QFileInfo(path).completeBaseName());
        }
        QStringList indexed = before->keys();
        indexed.sort();
        for (const QString& id : std::as_const(indexed)) {
            if (!onDisk.contains(id)) {
                report.warnings << u"the index lists %1 but its file is gone (moved to another workspace, or "
                                   "deleted): its entry is left as it is"_s.arg(id);
            }
        }
    }
    QList<boost::json::object> entries;
    for (SessionFile& session : sessions) {
        auto fixed = fixFile(session, options, transaction, report);
        if (!fixed) {
            return fixed.error();
        }
        const boost::json::value& tree = *fixed;
        boost::json::object entry = SessionIndex::entryFor(tree, session.id, session.modified);
        entry["lastResponseState"] = 1; // a cancelled state makes the editor try to resume the request
        if (before && before->contains(session.id)) {
            // Written field by field over what is stored: an entry that would come out the same is left.
            boost::json::object merged = before->value(session.id);
            for (const auto& [key, value] : entry) {
                merged[key] = value;
            }
            if (merged == before->value(session.id)) {
                continue;
            }
        }
        entries.append(std::move(entry));
    }
    if (!entries.isEmpty()) {
        if (auto error = writeIndex(workspace, entries, options, transaction)) {
            if (transaction.wroteAnything()) {
                auto point = transaction.finish();
                if (point) {
                    error->message += u"; the session files were repaired (undo: %1)"_s.arg(point->undoCommand());
                }
            }
            return *error;
        }
        if (before) {
            report.registered = int(std::count_if(entries.cbegin(), entries.cend(), [&before](const auto& e) {
                return !before->contains(json::string(e, "sessionId"));
            }));
        }
        if (!options.dryRun) {
            warnAboutLimit(databaseOf(workspace), report);
        }
    }
    return finish(transaction, std::move(report));
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

Result<Registrar::Report> Registrar::repairFile(const QString& path, const Options& options)
{
    Report report;
    report.workspace = path;
    // One file, by the user's choice: damage is salvaged (a cut-off .json closed, damaged log lines
    // skipped), the original kept in the backup.
    auto contents = ChatSessionFile::read(path, {}, MutationLog::Damage::Salvage);
    if (!contents) {
        return contents.error();
    }
    report.warnings = contents->warnings;
    const QFileInfo info(path);
    const SessionFile session{ChatSessionFile::idOf(path), path, std::move(*contents),
                              info.lastModified().toMSecsSinceEpoch(), info.size()};
    FileTransaction transaction(u"repair"_s, recoveryFolderOf(path), options.dryRun, {info.absolutePath()});
    auto fixed = fixFile(session, options, transaction, report);
    if (!fixed) {
        return fixed.error();
    }
    return finish(transaction, std::move(report));
}

Result<Registrar::Report> Registrar::adopt(const Workspace& target, const QStringList& files, const Options& options)
{
    return move(target, {}, files, options);
}

Result<Registrar::Report> Registrar::move(const Workspace& target, const QList<Workspace>& sources,
                                          const QStringList& files, const Options& options)
{
    Report report = reportFor(target);
    const auto sourceOf = [&sources](const QString& file) -> const Workspace* {
        const QString folder = QFileInfo(file).absolutePath();
        const auto it = std::find_if(sources.cbegin(), sources.cend(), [&folder](const Workspace& w) {
            return QFileInfo(chatSessionsOf(w)).absoluteFilePath() == folder;
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
    for (const Workspace* workspace : std::as_const(touched)) {
        if (auto error = checkEditor(*workspace, options, report)) {
            return *error;
        }
    }
    QSet<QString> present;
    for (const QString& path : WorkspaceStorage::sessionFiles(chatSessionsOf(target))) {
        present.insert(ChatSessionFile::idOf(path));
    }
    QStringList scope = scopeOf(target);
    for (const Workspace& source : sources) {
        scope << scopeOf(source);
    }
    FileTransaction transaction(sources.isEmpty() ? u"adopt"_s : u"move"_s, recoveryFolder(target), options.dryRun,
                                scope);
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
            report.warnings << u"the id \"%1\" in %2 cannot name a file: it comes in as %3"_s.arg(id.left(80), file,
                                                                                                  fresh);
            id = fresh;
            contents->tree.as_object()["sessionId"] = json::fromQString(id);
            bytes = ChatSessionFile::bytes(contents->tree, contents->format);
        } else if (present.contains(id)) {
            if (!options.newIdOnCollision || !contents->tree.is_object() || sameSession(target, id, contents->tree)) {
                report.warnings << u"a session with the id %1 is in the workspace already: %2 was not copied"_s.arg(
                    id, file);
                ++report.unchanged;
                continue;
            }
            const QString fresh = QUuid::createUuid().toString(QUuid::WithoutBraces);
            report.warnings << u"the id %1 is another session's in the workspace: %2 comes in as %3"_s.arg(id, file,
                                                                                                           fresh);
            id = fresh;
            contents->tree.as_object()["sessionId"] = json::fromQString(id);
            bytes = ChatSessionFile::bytes(contents->tree, contents->format);
        } else {
            auto read = RegularFile::read(file);
            if (!read) {
                return undoWritten(transaction, read.error());
            }
            bytes = std::move(*read);
        }
        const auto copy =
            SafePath::child(chatSessionsOf(target), id + u'.' + ChatSessionFile::formatName(contents->format));
        if (!copy) {
            return undoWritten(transaction, copy.error());
        }
        boost::json::object entry =
            SessionIndex::entryFor(contents->tree, id, QFileInfo(file).lastModified().toMSecsSinceEpoch());
        if (auto error = transaction.create(*copy, bytes,
                                            u"%1 \"%2\" from %3"_s.arg(options.dryRun ? u"would copy"_s : u"copied"_s,
                                                                       json::string(entry, "title"), file))) {
            return undoWritten(transaction, *error);
        }
        ++report.copied;
        if (const Workspace* from = sourceOf(file)) {
            const QString change =
                u"%1 %2 (a backup is kept beside it)"_s.arg(options.dryRun ? u"would remove"_s : u"removed"_s, file);
            if (auto error = transaction.remove(file, FileTransaction::BackupPlace::Beside, change)) {
                return undoWritten(transaction, *error);
            }
            taken[from] << ChatSessionFile::idOf(file);
        }
        present.insert(id);
        entries.append(std::move(entry));
    }
    for (auto it = taken.cbegin(); it != taken.cend(); ++it) {
        const QString database = databaseOf(*it.key());
        if (!QFileInfo::exists(database)) {
            continue;
        }
        const QString change = u"%1 %2 entr%3 from the index of %4"_s.arg(
            options.dryRun ? u"would remove"_s : u"removed"_s, QString::number(it.value().size()),
            it.value().size() == 1 ? u"y"_s : u"ies"_s, database);
        if (auto error = transaction.preserve(database, FileTransaction::BackupPlace::RecoveryFolder, change)) {
            return undoWritten(transaction, *error);
        }
        if (!options.dryRun) {
            if (auto error = SessionIndex::write(database, {}, it.value())) {
                return undoWritten(transaction, *error);
            }
        }
    }
    if (!entries.isEmpty() && options.skipIndex) {
        transaction.note(u"the index was left alone: %1 makes the editor show them"_s.arg(
            target.projectPath.isEmpty() ? u"`chasm register all --all`"_s
                                         : u"`chasm register all --path %1`"_s.arg(target.projectPath)));
    } else if (!entries.isEmpty()) {
        if (auto error = writeIndex(target, entries, options, transaction)) {
            return undoWritten(transaction, *error);
        }
        report.registered = int(entries.size());
    }
    return finish(transaction, std::move(report));
}

Result<Registrar::Report> Registrar::upgrade(const Workspace& workspace, ChatSessionFile::Format format,
                                             const Options& options)
{
    Report report = reportFor(workspace);
    if (auto error = checkEditor(workspace, options, report)) {
        return *error;
    }
    FileTransaction transaction(u"upgrade"_s, recoveryFolder(workspace), options.dryRun, scopeOf(workspace));
    const FileTransaction::BackupPlace backupPlace = options.backupsInRecoveryFolder
                                                         ? FileTransaction::BackupPlace::RecoveryFolder
                                                         : FileTransaction::BackupPlace::Beside;
    const QString formatName = ChatSessionFile::formatName(format);
    for (const QString& file : WorkspaceStorage::sessionFiles(chatSessionsOf(workspace))) {
        if (ChatSessionFile::formatOf(file) == format) {
            ++report.unchanged;
            continue;
        }
        const QString target = chatSessionsOf(workspace) + u'/' + ChatSessionFile::idOf(file) + u'.' + formatName;
        if (QFileInfo::exists(target)) {
            report.warnings << u"%1 is left alone: %2 exists beside it"_s.arg(file, target);
            continue;
        }
        auto contents = ChatSessionFile::read(file);
        if (!contents) {
            report.warnings << u"left alone, as it cannot be read: %1 (try chasm recover repair)"_s.arg(
                contents.error().message);
            continue;
        }
        const QString verb = options.dryRun ? u"would write"_s : u"wrote"_s;
        if (auto error = transaction.create(target, ChatSessionFile::bytes(contents->tree, format),
                                            u"%1 %2 from %3"_s.arg(verb, target, file))) {
            return undoWritten(transaction, *error);
        }
        if (!options.dryRun) {
            auto written = ChatSessionFile::read(target);
            if (!written || written->tree != contents->tree) {
                return undoWritten(transaction,
                                   Error{u"%1 does not read back as the session of %2"_s.arg(target, file)});
            }
        }
        if (auto error = transaction.remove(file, backupPlace,
                                            u"%1 %2"_s.arg(options.dryRun ? u"would remove"_s : u"removed"_s, file))) {
            return undoWritten(transaction, *error);
        }
        ++report.repaired;
    }
    return finish(transaction, std::move(report));
}

Result<Registrar::Report> Registrar::split(const Workspace& workspace, const QString& path, int keep,
                                           const Options& options)
{
    Report report = reportFor(workspace);
    if (auto error = checkEditor(workspace, options, report)) {
        return *error;
    }
    auto contents = ChatSessionFile::read(path);
    if (!contents) {
        return contents.error();
    }
    const boost::json::array* requests = json::findArray(contents->tree, "requests");
    if (!requests || keep < 1 || std::size_t(keep) >= requests->size()) {
        return Error{u"%1 holds %2 request(s): nothing to split off when keeping the last %3"_s.arg(path)
                         .arg(requests ? qsizetype(requests->size()) : 0)
                         .arg(keep)};
    }
    const std::size_t moved = requests->size() - std::size_t(keep);
    const qint64 modified = QFileInfo(path).lastModified().toMSecsSinceEpoch();
    const QString title =
        json::string(SessionIndex::entryFor(contents->tree, ChatSessionFile::idOf(path), modified), "title");

    boost::json::value archive = contents->tree;
    boost::json::array& archived = archive.get_object()["requests"].get_array();
    archived.erase(archived.begin() + std::ptrdiff_t(moved), archived.end());
    const QString archiveId = QUuid::createUuid().toString(QUuid::WithoutBraces);
    archive.get_object()["sessionId"] = json::fromQString(archiveId);
    archive.get_object()["customTitle"] =
        json::fromQString(u"%1 (part 1: requests 1–%2)"_s.arg(title).arg(qsizetype(moved)));

    boost::json::value kept = contents->tree;
    boost::json::array& rest = kept.get_object()["requests"].get_array();
    rest.erase(rest.begin(), rest.begin() + std::ptrdiff_t(moved));
    if (json::string(kept, "customTitle").isEmpty()) {
        kept.get_object()["customTitle"] = json::fromQString(title); // its first request is another now
    }

    FileTransaction transaction(u"split"_s, recoveryFolder(workspace), options.dryRun, scopeOf(workspace));
    const QString archivePath =
        QFileInfo(path).absolutePath() + u'/' + archiveId + u'.' + ChatSessionFile::formatName(contents->format);
    const QString verb = options.dryRun ? u"would move"_s : u"moved"_s;
    if (auto error = transaction.create(archivePath, ChatSessionFile::bytes(archive, contents->format),
                                        u"%1 requests 1–%2 of \"%3\" into the new session %4"_s.arg(verb)
                                            .arg(qsizetype(moved))
                                            .arg(title, archivePath))) {
        return undoWritten(transaction, *error);
    }
    if (auto error = transaction.replace(
            path, ChatSessionFile::bytes(kept, contents->format), FileTransaction::BackupPlace::Beside,
            u"%1 %2 keeps its last %3 request(s)"_s.arg(options.dryRun ? u"would rewrite"_s : u"rewrote"_s, path)
                .arg(keep))) {
        return undoWritten(transaction, *error);
    }
    if (!options.dryRun) {
        auto first = ChatSessionFile::read(archivePath);
        auto second = ChatSessionFile::read(path);
        boost::json::array together;
        for (const auto* part : {&first, &second}) {
            if (*part) {
                for (const boost::json::value& request : json::arrayAt((*part)->tree, "requests")) {
                    together.push_back(request);
                }
            }
        }
        if (!first || !second || together != *requests) {
            return undoWritten(transaction, Error{u"the two parts of %1 do not read back as its requests"_s.arg(path)});
        }
    }
    const QList<boost::json::object> entries{SessionIndex::entryFor(archive, archiveId, modified),
                                             SessionIndex::entryFor(kept, ChatSessionFile::idOf(path), modified)};
    if (auto error = writeIndex(workspace, entries, options, transaction)) {
        return undoWritten(transaction, *error);
    }
    report.registered = 1;
    report.repaired = 1;
    return finish(transaction, std::move(report));
}

Result<Registrar::Report> Registrar::addSessions(const Workspace& workspace, const QList<boost::json::value>& trees,
                                                 ChatSessionFile::Format format, const QString& operation,
                                                 const Options& options)
{
    Report report = reportFor(workspace);
    if (auto error = checkEditor(workspace, options, report)) {
        return *error;
    }
    QSet<QString> present;
    for (const QString& path : WorkspaceStorage::sessionFiles(chatSessionsOf(workspace))) {
        present.insert(ChatSessionFile::idOf(path));
    }
    FileTransaction transaction(operation, recoveryFolder(workspace), options.dryRun, scopeOf(workspace));
    QList<boost::json::object> entries;
    for (boost::json::value tree : trees) {
        QString id = json::string(tree, "sessionId");
        if (!SafePath::isSafeName(id) && tree.is_object()) {
            // The id becomes the file's name: one like "../../x" would put the file out of the workspace.
            const QString fresh = QUuid::createUuid().toString(QUuid::WithoutBraces);
            report.warnings << u"the id \"%1\" cannot name a file: the session is written as %2"_s.arg(id.left(80),
                                                                                                       fresh);
            id = fresh;
            tree.as_object()["sessionId"] = json::fromQString(id);
        }
        if (present.contains(id)) {
            report.warnings << u"a session with the id %1 is in the workspace already: not written"_s.arg(id);
            ++report.unchanged;
            continue;
        }
        present.insert(id);
        const auto path = SafePath::child(chatSessionsOf(workspace), id + u'.' + ChatSessionFile::formatName(format));
        if (!path) {
            return undoWritten(transaction, path.error());
        }
        boost::json::object entry =
            SessionIndex::entryFor(tree, id, QDateTime::currentDateTimeUtc().toMSecsSinceEpoch());
        if (auto error = transaction.create(*path, ChatSessionFile::bytes(tree, format),
                                            u"%1 \"%2\" as %3"_s.arg(options.dryRun ? u"would write"_s : u"wrote"_s,
                                                                     json::string(entry, "title"), *path))) {
            return undoWritten(transaction, *error);
        }
        if (!options.dryRun) {
            auto written = ChatSessionFile::read(*path);
            if (!written || written->tree != tree) {
                return undoWritten(transaction, Error{u"%1 does not read back as the session meant"_s.arg(*path)});
            }
        }
        entries.append(std::move(entry));
    }
    if (entries.isEmpty()) {
        return report;
    }
    if (auto error = writeIndex(workspace, entries, options, transaction)) {
        return undoWritten(transaction, *error);
    }
    report.registered = int(entries.size());
    return finish(transaction, std::move(report));
}

QList<Registrar::ProjectWorkspaces> Registrar::findOrphanedWorkspaces(const QList<Workspace>& workspaces)
{
    QList<ProjectWorkspaces> result;
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
        ProjectWorkspaces project{own.first(), {}};
        QSet<QString> present;
        for (const QString& path : WorkspaceStorage::sessionFiles(chatSessionsOf(project.active))) {
            present.insert(ChatSessionFile::idOf(path));
        }
        for (qsizetype i = 1; i < own.size(); ++i) {
            ProjectWorkspaces::Other other{own.at(i), {}};
            for (const QString& path : WorkspaceStorage::sessionFiles(chatSessionsOf(other.workspace))) {
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
