#include "Registrar.h"

#include "json/Json.h"
#include "vscode/ChatSessionFile.h"
#include "vscode/EditorProcess.h"
#include "vscode/SessionIndex.h"
#include "vscode/WorkspaceStorage.h"

#include <QDir>
#include <QFileInfo>

#include <boost/json.hpp>

using namespace Qt::StringLiterals;

namespace chasm {

namespace {

struct SessionFile
{
    QString id;
    QString path;
    ChatSessionFile::Contents contents;
    qint64 modified = 0;
};

std::optional<Editor> editorOf(const Workspace& workspace)
{
    for (const EditorInfo& info : allEditors()) {
        if (info.id == workspace.editor) {
            return info.editor;
        }
    }
    return std::nullopt;
}

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

// Every session file of the workspace (the .jsonl where both exist, as the editor reads it), read;
// those that cannot be read are reported and left alone.
QList<SessionFile> readSessions(const Workspace& workspace, QStringList& warnings)
{
    QList<SessionFile> sessions;
    for (const QString& path : WorkspaceStorage::sessionFiles(chatSessionsOf(workspace))) {
        auto contents = ChatSessionFile::read(path);
        if (!contents) {
            warnings << u"left alone, as it cannot be read: %1"_s.arg(contents.error().message);
            continue;
        }
        QString id = json::string(contents->tree, "sessionId");
        if (id.isEmpty()) {
            id = QFileInfo(path).completeBaseName();
        }
        sessions.append({id, path, std::move(*contents), QFileInfo(path).lastModified().toMSecsSinceEpoch()});
    }
    return sessions;
}

bool matchesAny(const QString& text, const QStringList& parts)
{
    return std::any_of(parts.cbegin(), parts.cend(),
                       [&text](const QString& part) { return text.contains(part, Qt::CaseInsensitive); });
}

// The ids the index lists, or none when it has no index yet.
Result<QSet<QString>> indexedIds(const QString& database)
{
    if (!QFileInfo::exists(database)) {
        return QSet<QString>();
    }
    auto entries = SessionIndex::read(database);
    if (!entries) {
        if (entries.error().message.contains(u"holds no chat session index"_s)) {
            return QSet<QString>();
        }
        return entries.error();
    }
    QSet<QString> ids;
    for (const IndexEntry& entry : *entries) {
        ids.insert(entry.sessionId);
    }
    return ids;
}

// Refuses while the editor runs (unless forced), then backs the database up and writes the entries.
std::optional<Error> writeIndex(const Workspace& workspace, const QList<boost::json::object>& entries,
                                const Registrar::Options& options, FileTransaction& transaction,
                                Registrar::Report& report)
{
    const QString database = databaseOf(workspace);
    if (const auto editor = editorOf(workspace)) {
        if (auto error = EditorProcess::checkClosed(*editor, options.force, report.warnings)) {
            return error;
        }
    }
    const QString change = u"%1 %2 entr%3 in the index of %4"_s.arg(options.dryRun ? u"would write"_s : u"wrote"_s,
                                                                    QString::number(entries.size()),
                                                                    entries.size() == 1 ? u"y"_s : u"ies"_s, database);
    if (QFileInfo::exists(database)) {
        if (auto error = transaction.preserve(database, FileTransaction::BackupPlace::RecoveryFolder, change)) {
            return error;
        }
    } else {
        transaction.note(change + u" (a new database)"_s);
    }
    if (options.dryRun) {
        return std::nullopt;
    }
    return SessionIndex::write(database, entries);
}

Result<Registrar::Report> finish(FileTransaction& transaction, Registrar::Report report)
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

QString idOf(const QString& path)
{
    return QFileInfo(path).completeBaseName();
}

// When the editor last wrote the workspace's state: the active workspace of a project is the newest.
QDateTime lastUsed(const Workspace& workspace)
{
    const QFileInfo state(databaseOf(workspace));
    return state.exists() ? state.lastModified() : workspace.lastModified;
}

} // namespace

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
    const auto indexed = indexedIds(databaseOf(workspace));
    if (!indexed) {
        return indexed.error();
    }
    const QList<SessionFile> sessions = readSessions(workspace, report.warnings);
    const bool chosen = !ids.isEmpty() || !titles.isEmpty();
    QList<boost::json::object> entries;
    QSet<QString> found;
    for (const SessionFile& session : sessions) {
        boost::json::object entry = SessionIndex::entryFor(session.contents.tree, session.id, session.modified);
        if (options.complete) {
            entry["lastResponseState"] = 1;
        }
        const QString title = json::string(entry, "title");
        const bool wanted = chosen ? std::any_of(ids.cbegin(), ids.cend(),
                                                 [&session](const QString& id) { return session.id.startsWith(id); }) ||
                                         matchesAny(title, titles)
                                   : !indexed->contains(session.id);
        if (!wanted) {
            report.unchanged += indexed->contains(session.id) ? 1 : 0;
            continue;
        }
        for (const QString& id : ids) {
            if (session.id.startsWith(id)) {
                found.insert(id);
            }
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
    for (const QString& id : ids) {
        if (!found.contains(id)) {
            return Error{u"no session file in %1 has the id %2"_s.arg(chatSessionsOf(workspace), id)};
        }
    }
    if (entries.isEmpty()) {
        return report; // nothing to write: every session is in the index already
    }
    FileTransaction transaction(u"register"_s, recoveryFolder(workspace), options.dryRun);
    for (const boost::json::object& entry : entries) {
        transaction.note(u"%1 \"%2\" (%3)"_s.arg(options.dryRun ? u"would register"_s : u"registered"_s,
                                                 json::string(entry, "title"), json::string(entry, "sessionId")));
    }
    if (auto error = writeIndex(workspace, entries, options, transaction, report)) {
        return *error;
    }
    report.registered = int(entries.size());
    if (!options.dryRun) {
        warnAboutLimit(databaseOf(workspace), report);
    }
    return finish(transaction, std::move(report));
}

Result<Registrar::Report> Registrar::repair(const Workspace& workspace, const Options& options)
{
    Report report = reportFor(workspace);
    QList<SessionFile> sessions = readSessions(workspace, report.warnings);
    FileTransaction transaction(u"repair"_s, recoveryFolder(workspace), options.dryRun);
    const auto before = indexedIds(databaseOf(workspace));
    if (before) {
        QSet<QString> onDisk; // readable or not
        for (const SessionFile& session : std::as_const(sessions)) {
            onDisk.insert(session.id);
        }
        for (const QString& path : WorkspaceStorage::sessionFiles(chatSessionsOf(workspace))) {
            onDisk.insert(QFileInfo(path).completeBaseName());
        }
        QStringList indexed = before->values();
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
        const qint64 size = QFileInfo(session.path).size();
        if (size > oversizedBytes) {
            report.warnings << u"%1 is %2 MB: the editor may open it slowly or not at all; export it or start a "
                               "new session for new work"_s.arg(session.path)
                                   .arg(size >> 20);
        }
        QStringList fixes;
        boost::json::value tree = session.contents.tree;
        // A last request left pending (or waiting for input) would be resumed when opened: mark it done.
        if (boost::json::array* requests = tree.is_object() && tree.get_object().contains("requests") &&
                                                   tree.get_object().at("requests").is_array()
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
        if (isLog && read.truncatedTail) {
            fixes << u"dropped a damaged last line (kept in the backup)"_s;
        }
        if (isLog && read.entries > 1) {
            fixes << u"compacted %1 log entries into one snapshot"_s.arg(read.entries);
        }
        if (!fixes.isEmpty()) {
            const std::string text =
                isLog ? json::serialize(boost::json::object{{"kind", 0}, {"v", tree}}) + '\n' : json::serialize(tree);
            const QString change = u"%1 %2: %3"_s.arg(options.dryRun ? u"would rewrite"_s : u"rewrote"_s, session.path,
                                                      fixes.join(u"; "_s));
            if (auto error = transaction.replace(session.path, QByteArray(text.data(), qsizetype(text.size())),
                                                 FileTransaction::BackupPlace::Beside, change)) {
                return *error;
            }
            if (!options.dryRun) {
                // Read back: the file must replay to exactly the tree meant, or the change is undone.
                auto again = ChatSessionFile::read(session.path);
                if (!again || again->tree != tree) {
                    auto point = transaction.finish();
                    if (point) {
                        (void)FileTransaction::undo(*point);
                    }
                    return Error{u"the rewritten %1 did not read back as the session it should hold; every "
                                 "change was undone"_s.arg(session.path)};
                }
            }
            ++report.repaired;
        } else {
            ++report.unchanged;
        }
        boost::json::object entry = SessionIndex::entryFor(tree, session.id, session.modified);
        entry["lastResponseState"] = 1; // a cancelled state makes the editor try to resume the request
        entries.append(std::move(entry));
    }
    if (!entries.isEmpty()) {
        if (auto error = writeIndex(workspace, entries, options, transaction, report)) {
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

Result<Registrar::Report> Registrar::adopt(const Workspace& target, const QStringList& files, const Options& options)
{
    Report report = reportFor(target);
    QSet<QString> present;
    for (const QString& path : WorkspaceStorage::sessionFiles(chatSessionsOf(target))) {
        present.insert(idOf(path));
    }
    FileTransaction transaction(u"adopt"_s, recoveryFolder(target), options.dryRun);
    QList<boost::json::object> entries;
    for (const QString& file : files) {
        if (present.contains(idOf(file))) {
            report.warnings << u"%1 is in the workspace already: not copied"_s.arg(idOf(file));
            ++report.unchanged;
            continue;
        }
        auto contents = ChatSessionFile::read(file);
        if (!contents) {
            report.warnings << u"not copied, as it cannot be read: %1"_s.arg(contents.error().message);
            continue;
        }
        QFile source(file);
        if (!source.open(QIODevice::ReadOnly)) {
            return Error{u"cannot read %1: %2"_s.arg(file, source.errorString())};
        }
        const QString copy = chatSessionsOf(target) + u'/' + QFileInfo(file).fileName();
        boost::json::object entry =
            SessionIndex::entryFor(contents->tree, idOf(file), QFileInfo(file).lastModified().toMSecsSinceEpoch());
        if (auto error = transaction.create(copy, source.readAll(),
                                            u"%1 \"%2\" from %3"_s.arg(options.dryRun ? u"would copy"_s : u"copied"_s,
                                                                       json::string(entry, "title"), file))) {
            return *error;
        }
        present.insert(idOf(file));
        entries.append(std::move(entry));
    }
    if (!entries.isEmpty()) {
        if (auto error = writeIndex(target, entries, options, transaction, report)) {
            if (transaction.wroteAnything()) {
                if (auto point = transaction.finish()) {
                    (void)FileTransaction::undo(*point);
                }
                error->message += u"; the copies were removed again"_s;
            }
            return *error;
        }
        report.registered = int(entries.size());
    }
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
            present.insert(idOf(path));
        }
        for (qsizetype i = 1; i < own.size(); ++i) {
            ProjectWorkspaces::Other other{own.at(i), {}};
            for (const QString& path : WorkspaceStorage::sessionFiles(chatSessionsOf(other.workspace))) {
                if (!present.contains(idOf(path))) {
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
