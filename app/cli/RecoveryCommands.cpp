#include "Commands.h"

#include "json/Json.h"
#include "export/SessionExport.h"
#include "ops/ProjectMove.h"
#include "ops/RecoveryScan.h"
#include "ops/Registrar.h"
#include "ops/SessionFileRecovery.h"
#include "ops/SessionMerge.h"
#include "providers/SessionCatalog.h"
#include "services/TransferService.h"
#include "vscode/Editor.h"
#include "vscode/ChatSessionConverter.h"
#include "vscode/ChatSessionFile.h"
#include "vscode/EditorProcess.h"
#include "util/FileTransaction.h"
#include "util/ReadOnlyDatabase.h"
#include "util/SafePath.h"
#include "vscode/WorkspaceStorage.h"

#include <QDir>
#include <QFileInfo>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QUuid>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace chasm::cli {

QList<Workspace> Commands::writeScope(const WriteRequest& request) const
{
    if (!request.recursive) {
        return indexScope(request.path, request.all);
    }
    const QString root = pathOrCwd(request.path);
    QList<QRegularExpression> excluded;
    for (const std::string& pattern : request.exclude) {
        excluded << QRegularExpression(QRegularExpression::wildcardToRegularExpression(
            q(pattern), QRegularExpression::UnanchoredWildcardConversion));
    }
    QList<Workspace> scope = indexScope({}, true);
    scope.removeIf([&](const Workspace& w) {
        const QString relative = QDir(root).relativeFilePath(w.projectPath);
        if (w.projectPath.isEmpty() || relative.startsWith(u".."_s) || QDir::isAbsolutePath(relative)) {
            return true;
        }
        const int levels = relative == u"."_s ? 0 : int(relative.count(u'/')) + 1;
        return (request.depth >= 0 && levels > request.depth) ||
               std::any_of(excluded.cbegin(), excluded.cend(),
                           [&w](const QRegularExpression& e) { return e.match(w.projectPath).hasMatch(); });
    });
    return scope;
}

// Runs a write operation on every VS Code-family workspace of the path (or all), closing the
// editors first and starting them again after when asked; prints what changed and how to undo it.
void Commands::writeEach(const WriteRequest& request,
                         const std::function<Result<Registrar::Report>(const Workspace&)>& operation) const
{
    const QList<Workspace> scope = writeScope(request);
    if (scope.isEmpty() && request.recursive) {
        throw CommandError{u"no editor workspace of a project under %1 (within --depth, outside --exclude)"_s.arg(
            pathOrCwd(request.path))};
    }
    if (scope.isEmpty()) {
        throw CommandError{request.all ? u"no editor workspaces found"_s
                                       : u"no editor workspace is known for %1 (use --all for every workspace)"_s.arg(
                                             pathOrCwd(request.path))};
    }
    writeEachOf(request, scope, operation);
}

void Commands::writeEachOf(const WriteRequest& request, const QList<Workspace>& scope,
                           const std::function<Result<Registrar::Report>(const Workspace&)>& operation) const
{
    QList<Editor> editors;
    for (const Workspace& w : scope) {
        if (const auto editor = editorById(w.editor); editor && !editors.contains(*editor)) {
            editors.append(*editor);
        }
    }
    QList<Editor> closed;
    if ((request.closeEditor || request.reopen) && !request.options.dryRun) {
        for (Editor editor : EditorProcess::mayBeRunning(editors)) {
            m_o.err << "closing " << editorInfo(editor).displayName.toStdString() << "…\n";
            if (auto error = EditorProcess::close(editor, std::chrono::seconds(30))) {
                throw CommandError{error->message};
            }
            closed.append(editor);
        }
    }
    boost::json::array reports;
    QStringList failures;
    int registered = 0, repaired = 0;
    for (const Workspace& w : scope) {
        const auto report = operation(w);
        if (!report) {
            failures << report.error().message;
            m_o.err << "chasm: " << report.error().message.toStdString() << '\n';
            continue;
        }
        registered += report->registered;
        repaired += report->repaired;
        reports.push_back(reportJson(*report));
        if (!m_o.json) {
            printReport(*report);
        }
    }
    if (request.reopen) {
        for (Editor editor : std::as_const(closed)) {
            const Workspace& first = *std::find_if(scope.cbegin(), scope.cend(), [editor](const Workspace& w) {
                return w.editor == editorInfo(editor).id;
            });
            if (auto error = EditorProcess::open(editor, first.projectPath)) {
                m_o.err << "warning: " << error->message.toStdString() << '\n';
            }
        }
    }
    if (m_o.json) {
        m_o.print(boost::json::object{{"dry_run", request.options.dryRun}, {"workspaces", std::move(reports)}});
    } else {
        m_o.line(u"%1%2 registered, %3 repaired in %4 workspace(s)"_s
                     .arg(request.options.dryRun ? u"Dry run, nothing was written: "_s : QString())
                     .arg(registered)
                     .arg(repaired)
                     .arg(scope.size() - failures.size()));
    }
    if (!failures.isEmpty()) {
        throw CommandError{u"%1 workspace(s) were left unchanged (see above)"_s.arg(failures.size())};
    }
}

void Commands::printReport(const Registrar::Report& report) const
{
    m_o.line(report.editor.isEmpty() ? report.workspace : u"%1 (%2)"_s.arg(report.workspace, report.editor));
    for (const QString& change : report.changes) {
        m_o.line(u"  "_s + change);
    }
    if (report.changes.isEmpty()) {
        m_o.line(u"  nothing to change"_s);
    }
    for (const QString& warning : report.warnings) {
        m_o.line(u"  warning: "_s + warning);
    }
    if (!report.undoCommand.isEmpty()) {
        m_o.line(u"  backups are listed in %1; to undo: %2"_s.arg(report.recoveryPoint, report.undoCommand));
    }
}

// One file's recovery: its report as JSON (the shape of a register workspace) or in words.
void Commands::printFileReport(const Result<Registrar::Report>& result, bool dryRun) const
{
    const Registrar::Report report = take(Result<Registrar::Report>(result));
    if (printedAsJson(report, dryRun)) {
        return;
    }
    printReport(report);
    if (dryRun) {
        m_o.line(u"Dry run, nothing was written."_s);
    }
}

void Commands::movePath(const std::string& from, const std::string& to, const Registrar::Options& options) const
{
    const TransferService::MovePathReport moved = take(TransferService(m_catalog).movePath({q(from), q(to), options}));
    if (m_o.json) {
        m_o.print(toJson(moved));
        return;
    }
    int copied = 0;
    for (const Registrar::Report& report : moved.workspaces) {
        printReport(report);
        copied += report.registered;
    }
    m_o.line(u"%1%2 session(s) brought over"_s.arg(options.dryRun ? u"Dry run, nothing was written: "_s : QString())
                 .arg(copied));
}

// Sessions out of an old state.vscdb (VS Code's own files: json, jsonl; or transcripts: md), or out
// of a harvest database (as harvest export writes them).
void Commands::recoverDatabase(const std::string& backup, const std::string& session, const std::string& output,
                               const std::string& format) const
{
    const QString path = pathOrCwd(backup);
    {
        const auto db = take(ReadOnlyDatabase::open(path));
        if (db->hasTable(u"sessions"_s) && db->hasTable(u"messages_v2"_s)) {
            // A harvest database, read from a copy: opening it may bring its schema up to date, and a
            // backup is never changed.
            QTemporaryDir copy;
            const QString copied = copy.filePath(u"backup.db"_s);
            for (const QString& suffix : {QString(), u"-wal"_s}) {
                if (QFileInfo::exists(path + suffix)) {
                    if (auto error = copyAtomically(path + suffix, copied + suffix)) {
                        throw CommandError{error->message};
                    }
                }
            }
            harvestExport(copied.toStdString(), output.empty() ? "recovered-sessions" : output, format, {},
                          session.empty() ? std::vector<std::string>{} : std::vector<std::string>{session});
            return;
        }
    }
    const QList<boost::json::value> found = take(SessionFileRecovery::sessionsInStateDatabase(path));
    const QString folder = pathOrCwd(output.empty() ? "recovered-sessions" : output);
    if (!QDir().mkpath(folder)) {
        throw CommandError{u"cannot create the folder %1"_s.arg(folder)};
    }
    QStringList written;
    for (int i = 0; i < found.size(); ++i) {
        boost::json::value tree = found.at(i);
        QString id = json::string(tree, "sessionId");
        if (id.isEmpty()) {
            id = u"session-%1"_s.arg(i + 1);
        }
        if (!session.empty() && !id.startsWith(q(session))) {
            continue;
        }
        if (!SafePath::isSafeName(id) && tree.is_object()) {
            // The id names the file: one like "../../x" would put it out of the folder.
            const QString fresh = QUuid::createUuid().toString(QUuid::WithoutBraces);
            m_o.err << "warning: "
                    << u"the session id \"%1\" in %2 cannot name a file: it is written as %3"_s
                           .arg(id.left(80), path, fresh)
                           .toStdString()
                    << '\n';
            id = fresh;
            tree.as_object()["sessionId"] = json::fromQString(id);
        }
        QByteArray bytes;
        QString name;
        if (format == "md") {
            const Session converted =
                ChatSessionConverter::convert(tree, {u"copilot"_s, id, {}, {}, QFileInfo(path).lastModified()});
            bytes = SessionExport::markdown(converted).toUtf8();
            name = id + u".md"_s;
        } else {
            bytes = ChatSessionFile::bytes(tree, format == "jsonl" ? ChatSessionFile::Format::Jsonl
                                                                   : ChatSessionFile::Format::Json);
            name = id + (format == "jsonl" ? u".jsonl"_s : u".json"_s);
        }
        const QString file = take(SafePath::child(folder, name));
        if (QFileInfo::exists(file)) {
            throw CommandError{u"%1 exists already: Chasm does not overwrite it (%2 file(s) written before it)"_s.arg(
                file, QString::number(written.size()))};
        }
        if (auto error = writeAtomically(file, bytes)) {
            throw CommandError{error->message};
        }
        written << file;
    }
    if (!session.empty() && written.isEmpty()) {
        throw CommandError{u"%1 holds no session with the id %2"_s.arg(path, q(session))};
    }
    if (m_o.json) {
        boost::json::array files;
        for (const QString& file : std::as_const(written)) {
            files.push_back(json::fromQString(file));
        }
        m_o.print(boost::json::object{{"sessions", written.size()}, {"files", std::move(files)}});
        return;
    }
    m_o.line(u"Recovered %1 session(s) from %2 into %3"_s.arg(written.size()).arg(path, folder));
    if (format != "md") {
        m_o.line(u"To bring them back: copy them into a workspace's chatSessions folder, then run chasm register "
                 "all --path PROJECT"_s);
    }
}

// The workspace sessions are brought into: the active one of the project for the editor (--editor,
// else the first that keeps the project; VS Code first).
Workspace Commands::targetWorkspace(const std::string& targetPath, const std::string& editor) const
{
    return take(TransferService(m_catalog).targetWorkspace(q(targetPath), q(editor)));
}

// Copies session files into the target workspace and registers them (fetch, import); with `sources`,
// moves them: each is taken out of the one of those workspaces it is in (move).
void Commands::bringInto(const Workspace& target, const QStringList& files, const Registrar::Options& options,
                         const QList<Workspace>& sources) const
{
    const TransferService::Report report = take(TransferService::bringInto(target, files, options, sources));
    printBrought(report.written, report.offered, report.verb, report.dryRun);
}

bool Commands::printedAsJson(const Registrar::Report& report, bool dryRun) const
{
    if (!m_o.json) {
        return false;
    }
    boost::json::object shape = reportJson(report);
    shape["dry_run"] = dryRun;
    m_o.print(shape);
    return true;
}

void Commands::printBrought(const Registrar::Report& report, qsizetype offered, const QString& verb, bool dryRun) const
{
    if (m_o.json) {
        m_o.print(toJson(TransferService::Report{report, offered, verb, dryRun}));
        return;
    }
    printReport(report);
    m_o.line(u"%1%2 of %3 session(s) %4, %5 registered"_s.arg(dryRun ? u"Dry run, nothing was written: "_s : QString())
                 .arg(report.copied)
                 .arg(offered)
                 .arg(verb)
                 .arg(report.registered));
}

void Commands::fetchSessions(const std::vector<std::string>& ids, const std::string& targetPath,
                             const std::string& editor, const Registrar::Options& options, bool move) const
{
    TransferService::FetchRequest request{{}, q(targetPath), q(editor), options, move};
    for (const std::string& id : ids) {
        request.ids << q(id);
    }
    const TransferService::Report report = take(TransferService(m_catalog).fetchSessions(request));
    printBrought(report.written, report.offered, report.verb, report.dryRun);
}

void Commands::fetchWorkspace(const std::string& pattern, const std::string& targetPath, const std::string& editor,
                              const Registrar::Options& options) const
{
    const TransferService::Report report =
        take(TransferService(m_catalog).fetchWorkspace({q(pattern), q(targetPath), q(editor), options}));
    printBrought(report.written, report.offered, report.verb, report.dryRun);
}

void Commands::importSessions(const std::vector<std::string>& paths, const std::string& targetPath,
                              const std::string& editor, const std::string& hash,
                              const Registrar::Options& options) const
{
    TransferService::ImportRequest request{{}, q(targetPath), q(editor), q(hash), options};
    for (const std::string& path : paths) {
        request.paths << q(path);
    }
    const TransferService::Report report = take(TransferService(m_catalog).importSessions(request));
    printBrought(report.written, report.offered, report.verb, report.dryRun);
}

void Commands::importFolder(const std::string& source, const std::string& targetPath, const std::string& editor,
                            const std::string& hash, const Registrar::Options& options) const
{
    const TransferService::Report report =
        take(TransferService(m_catalog).importFolder({q(source), q(targetPath), q(editor), q(hash), options}));
    printBrought(report.written, report.offered, report.verb, report.dryRun);
}

void Commands::moveWorkspace(const std::string& sourceHash, const std::string& target,
                             const Registrar::Options& options) const
{
    const TransferService::Report report =
        take(TransferService(m_catalog).moveWorkspace({q(sourceHash), q(target), options}));
    printBrought(report.written, report.offered, report.verb, report.dryRun);
}

void Commands::recoverDetect(const std::string& file) const
{
    const SessionFileRecovery::Detection d = SessionFileRecovery::detect(pathOrCwd(file));
    if (m_o.json) {
        m_o.print(boost::json::object{{"path", json::fromQString(d.path)},
                                      {"size_bytes", d.size},
                                      {"format", d.format.isEmpty() ? boost::json::value(nullptr)
                                                                    : boost::json::value(json::fromQString(d.format))},
                                      {"version", d.version},
                                      {"entries", d.entries},
                                      {"requests", d.requests},
                                      {"session_id", json::fromQString(d.sessionId)},
                                      {"title", json::fromQString(d.title)},
                                      {"concatenated_records", d.concatenatedRecords},
                                      {"damaged_tail", d.damagedTail},
                                      {"readable", d.error.isEmpty()},
                                      {"error", d.error.isEmpty() ? boost::json::value(nullptr)
                                                                  : boost::json::value(json::fromQString(d.error))}});
        return;
    }
    m_o.line(d.path);
    m_o.line(u"  format:   %1%2, %3"_s.arg(d.format.isEmpty() ? u"unknown"_s : d.format,
                                           d.version ? u" version %1"_s.arg(d.version) : QString(), humanSize(d.size)));
    if (!d.error.isEmpty()) {
        m_o.line(u"  unreadable: "_s + d.error);
        if (!d.format.isEmpty()) {
            m_o.line(u"  salvage it with: chasm recover %1 \"%2\""_s.arg(
                d.format == u"jsonl"_s ? u"jsonl"_s : u"repair"_s, d.path));
        }
        return;
    }
    m_o.line(u"  session:  %1 \"%2\", %3 request(s)"_s.arg(d.sessionId, d.title).arg(d.requests));
    if (d.format == u"jsonl"_s) {
        m_o.line(
            u"  log:      %1 entr(ies)%2%3"_s.arg(d.entries)
                .arg(d.concatenatedRecords ? u", %1 record(s) run together"_s.arg(d.concatenatedRecords) : QString())
                .arg(d.damagedTail ? u", a damaged last line"_s : QString()));
    }
}

boost::json::object Commands::reportJson(const Registrar::Report& report)
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

void Commands::registerSessions(const WriteRequest& request, const std::vector<std::string>& ids,
                                const std::vector<std::string>& titles, bool mergeFirst) const
{
    QStringList idList, titleList;
    for (const std::string& id : ids) {
        idList << q(id);
    }
    for (const std::string& title : titles) {
        titleList << q(title);
    }
    // An id is looked for in every workspace of the scope: it must name a session in one of them.
    QStringList unmatched = idList;
    writeEach(request, [&](const Workspace& w) -> Result<Registrar::Report> {
        std::optional<Registrar::Report> merged;
        if (mergeFirst) {
            auto result = mergeWorkspace(w, request.options);
            if (!result) {
                return result.error();
            }
            merged = std::move(*result);
        }
        auto report = Registrar::registerSessions(w, idList, titleList, request.options);
        if (report) {
            unmatched.removeIf([&report](const QString& id) { return !report->unmatched.contains(id); });
        }
        if (report && merged) {
            // The merge has a recovery point of its own: said among the changes.
            QStringList changes = merged->changes;
            if (!merged->undoCommand.isEmpty()) {
                changes << u"to undo the merge: "_s + merged->undoCommand;
            }
            report->changes = changes + report->changes;
            report->warnings = merged->warnings + report->warnings;
            report->registered += merged->registered;
        }
        return report;
    });
    if (!unmatched.isEmpty()) {
        throw CommandError{u"no session file of %1 has the id %2"_s.arg(
            request.all ? u"any workspace"_s : pathOrCwd(request.path), unmatched.join(u", "_s))};
    }
}

void Commands::repair(const WriteRequest& request) const
{
    writeEach(request, [&](const Workspace& w) { return Registrar::repair(w, request.options); });
}

// Every recovery point and session backup Chasm made in the editors' workspaces.
// Everything recoverable in the editors' stores, with the command that recovers each.
// Every VS Code-family workspace, or those of one editor family (`vscode` meaning Copilot in VS Code).
QList<Workspace> Commands::recoveryScope(const std::string& provider) const
{
    QList<Workspace> scope = indexScope({}, true);
    if (!provider.empty() && provider != "all" && provider != "auto") {
        const QString wanted = q(provider) == u"vscode"_s ? u"copilot"_s : q(provider);
        scope.removeIf([&wanted](const Workspace& w) { return w.provider != wanted; });
    }
    return scope;
}

void Commands::recoverScan(const std::string& provider, bool includeOld) const
{
    const QList<Workspace> scope = recoveryScope(provider);
    const QList<SessionRef> files = sessions({}, scope);
    const QList<RecoveryFinding> findings = RecoveryScan::scan(scope, files, includeOld);
    const auto fixOf = [](const RecoveryFinding& f) -> QString {
        switch (f.kind) {
        case RecoveryFinding::Kind::OlderWorkspace:
            return u"chasm detect orphaned \"%1\" --recover"_s.arg(f.project);
        case RecoveryFinding::Kind::NotInIndex:
        case RecoveryFinding::Kind::WrongEntry: {
            // A workspace without a local folder (remote, empty window) is reached with --all.
            const QString where =
                f.target.projectPath.isEmpty() ? u"--all"_s : u"--path \"%1\""_s.arg(f.target.projectPath);
            return (f.kind == RecoveryFinding::Kind::NotInIndex ? u"chasm register all "_s
                                                                : u"chasm register repair "_s) +
                   where;
        }
        case RecoveryFinding::Kind::OldBackup:
        case RecoveryFinding::Kind::OldDatabase: {
            QStringList sources;
            for (const RecoveryFinding::Item& item : f.items) {
                if (!sources.contains(item.path)) {
                    sources << u'"' + item.path + u'"';
                }
            }
            const QString into = f.target.projectPath.isEmpty()
                                     ? u"--workspace "_s + f.target.hash
                                     : u"--target-path \"%1\" --editor %2"_s.arg(f.target.projectPath, f.target.editor);
            return u"chasm import sessions %1 %2"_s.arg(sources.join(u' '), into);
        }
        }
        return QString();
    };
    QList<const SessionRef*> damaged;
    for (const SessionRef& ref : files) {
        if (!ref.error.isEmpty() && !ref.path.isEmpty()) {
            damaged.append(&ref);
        }
    }
    const auto damagedFix = [](const SessionRef& ref) {
        return (ref.path.endsWith(u".jsonl"_s) ? u"chasm recover jsonl \"%1\""_s : u"chasm recover repair \"%1\""_s)
            .arg(ref.path);
    };
    if (m_o.json) {
        static const char* kinds[] = {"older_workspace", "not_in_index", "wrong_entry", "old_backup", "old_database"};
        boost::json::array found;
        for (const RecoveryFinding& f : findings) {
            boost::json::array items;
            for (const RecoveryFinding::Item& item : f.items) {
                items.push_back({{"id", json::fromQString(item.id)},
                                 {"title", json::fromQString(item.title)},
                                 {"path", json::fromQString(item.path)},
                                 {"updated_at", json::fromQString(item.updatedAt.toUTC().toString(Qt::ISODate))},
                                 {"message_count", item.messageCount}});
            }
            found.push_back({{"kind", kinds[int(f.kind)]},
                             {"project", json::fromQString(f.project)},
                             {"editor", json::fromQString(f.target.editor)},
                             {"target", json::fromQString(f.target.storagePath)},
                             {"source", f.source.storagePath.isEmpty()
                                            ? boost::json::value(nullptr)
                                            : boost::json::value(json::fromQString(f.source.storagePath))},
                             {"sessions", std::move(items)},
                             {"fix", json::fromQString(fixOf(f))}});
        }
        boost::json::array broken;
        for (const SessionRef* ref : std::as_const(damaged)) {
            broken.push_back({{"path", json::fromQString(ref->path)},
                              {"error", json::fromQString(ref->error)},
                              {"fix", json::fromQString(damagedFix(*ref))}});
        }
        m_o.print(boost::json::object{{"findings", std::move(found)}, {"damaged", std::move(broken)}});
        return;
    }
    if (findings.isEmpty() && damaged.isEmpty()) {
        m_o.line(u"Nothing to recover: every session file is in its editor's history and readable."_s);
        return;
    }
    static const QString words[] = {
        u"in an older workspace of the project"_s, u"on disk, missing from the editor's index"_s,
        u"hidden or broken by their index entry (empty or cancelled)"_s, u"kept only in backup files"_s,
        u"kept only in an old state database (from before session files)"_s};
    for (const RecoveryFinding& f : findings) {
        m_o.line(
            u"%1 (%2): %3 session(s) %4"_s.arg(f.project, f.target.editor).arg(f.items.size()).arg(words[int(f.kind)]));
        for (const RecoveryFinding::Item& item : f.items) {
            m_o.line(u"    %1  %2  %3"_s.arg(shortTime(item.updatedAt), item.id, item.title));
        }
        m_o.line(u"  fix: "_s + fixOf(f));
    }
    for (const SessionRef* ref : std::as_const(damaged)) {
        m_o.line(u"damaged: %1"_s.arg(ref->error));
        m_o.line(u"  fix: "_s + damagedFix(*ref));
    }
}

void Commands::recoverOrphans(const std::string& provider, bool unindexed, bool verify) const
{
    const QList<Workspace> scope = recoveryScope(provider);
    const QList<SessionRef> files = sessions({}, scope);
    struct Orphan
    {
        const SessionRef* session;
        const Workspace* workspace;
        QString reason;
    };
    QList<Orphan> orphans;
    QSet<QString> listed;
    const auto add = [&](const QString& path, const QString& reason) {
        const auto session =
            std::find_if(files.cbegin(), files.cend(), [&path](const SessionRef& s) { return s.path == path; });
        if (session == files.cend() || listed.contains(path)) {
            return;
        }
        const auto workspace = std::find_if(scope.cbegin(), scope.cend(),
                                            [&session](const Workspace& w) { return w.id == session->workspaceId; });
        if (workspace != scope.cend()) {
            listed.insert(path);
            orphans.append({&*session, &*workspace, reason});
        }
    };
    // A workspace whose local folder is gone: the editor opens it only if the folder comes back.
    for (const Workspace& w : scope) {
        if ((w.kind == Workspace::Kind::Folder || w.kind == Workspace::Kind::MultiRoot) && !w.projectPath.isEmpty() &&
            !QFileInfo::exists(w.projectPath)) {
            for (const SessionRef& session : files) {
                if (session.workspaceId == w.id) {
                    add(session.path, u"folder_gone"_s);
                }
            }
        }
    }
    for (const RecoveryFinding& f : RecoveryScan::scan(scope, files, false)) {
        if (f.kind == RecoveryFinding::Kind::OlderWorkspace ||
            (unindexed && f.kind == RecoveryFinding::Kind::NotInIndex)) {
            for (const RecoveryFinding::Item& item : f.items) {
                add(item.path,
                    f.kind == RecoveryFinding::Kind::OlderWorkspace ? u"older_workspace"_s : u"not_in_index"_s);
            }
        }
    }
    QHash<QString, SessionFileRecovery::Detection> checks;
    if (verify) {
        for (const Orphan& o : std::as_const(orphans)) {
            checks.insert(o.session->path, SessionFileRecovery::detect(o.session->path));
        }
    }
    const auto fixOf = [](const Orphan& o) {
        if (o.reason == u"folder_gone"_s) {
            return u"chasm move path \"%1\" NEW_PATH (or chasm fetch workspace %2 --target-path PROJECT)"_s.arg(
                o.workspace->projectPath, o.workspace->hash);
        }
        if (o.reason == u"older_workspace"_s) {
            return u"chasm fetch path \"%1\""_s.arg(o.workspace->projectPath);
        }
        return o.workspace->projectPath.isEmpty() ? u"chasm register all --all"_s
                                                  : u"chasm register all --path \"%1\""_s.arg(o.workspace->projectPath);
    };
    if (m_o.json) {
        boost::json::array result;
        for (const Orphan& o : std::as_const(orphans)) {
            boost::json::object item{{"id", json::fromQString(o.session->nativeId)},
                                     {"title", json::fromQString(o.session->title)},
                                     {"path", json::fromQString(o.session->path)},
                                     {"size_bytes", o.session->sizeBytes},
                                     {"updated_at", o.session->updatedAt.isValid()
                                                        ? boost::json::value(json::fromQString(
                                                              o.session->updatedAt.toUTC().toString(Qt::ISODate)))
                                                        : boost::json::value(nullptr)},
                                     {"editor", json::fromQString(o.workspace->editor)},
                                     {"workspace", json::fromQString(o.workspace->storagePath)},
                                     {"project", json::fromQString(o.workspace->projectPath)},
                                     {"reason", json::fromQString(o.reason)},
                                     {"fix", json::fromQString(fixOf(o))}};
            if (verify) {
                const SessionFileRecovery::Detection& d = checks[o.session->path];
                item["verified"] = {{"readable", d.error.isEmpty()},
                                    {"requests", d.requests},
                                    {"error", d.error.isEmpty() ? boost::json::value(nullptr)
                                                                : boost::json::value(json::fromQString(d.error))}};
            }
            result.push_back(std::move(item));
        }
        m_o.print(result);
        return;
    }
    if (orphans.isEmpty()) {
        m_o.line(unindexed ? u"No orphaned sessions: every workspace's folder exists, each project has one workspace "
                             "per editor, and every session file is indexed."_s
                           : u"No orphaned sessions: every workspace's folder exists and each project has one "
                             "workspace per editor (--unindexed also lists files missing from an index)."_s);
        return;
    }
    static const QHash<QString, QString> words{{u"folder_gone"_s, u"folder gone"_s},
                                               {u"older_workspace"_s, u"older workspace"_s},
                                               {u"not_in_index"_s, u"not in index"_s}};
    QStringList headers{u"ID"_s, u"TITLE"_s, u"UPDATED"_s, u"SIZE"_s, u"WHY"_s};
    if (verify) {
        headers << u"CHECK"_s;
    }
    headers << u"PROJECT"_s;
    TextTable table(headers);
    table.setMaxWidth(1, 40);
    table.setRightAligned(3);
    for (const Orphan& o : std::as_const(orphans)) {
        QStringList row{o.session->nativeId.left(8), o.session->title, shortTime(o.session->updatedAt),
                        humanSize(o.session->sizeBytes), words.value(o.reason)};
        if (verify) {
            const SessionFileRecovery::Detection& d = checks[o.session->path];
            row << (d.error.isEmpty() ? u"ok, %1 request(s)"_s.arg(d.requests) : u"damaged"_s);
        }
        row << (o.workspace->projectPath.isEmpty() ? o.workspace->storagePath : o.workspace->projectPath);
        table.addRow(row);
    }
    table.print(m_o.out);
    m_o.line(u"%1 orphaned session(s)"_s.arg(orphans.size()));
    QStringList fixes;
    for (const Orphan& o : std::as_const(orphans)) {
        if (!fixes.contains(fixOf(o))) {
            fixes << fixOf(o);
        }
    }
    for (const QString& fix : std::as_const(fixes)) {
        m_o.line(u"  fix: "_s + fix);
    }
    if (verify) {
        for (const Orphan& o : std::as_const(orphans)) {
            if (!checks[o.session->path].error.isEmpty()) {
                m_o.line(u"damaged: %1"_s.arg(checks[o.session->path].error));
            }
        }
    }
}

void Commands::recoverExtract(const std::string& path, const std::string& output, bool allFormats, bool includeEdits,
                              bool dryRun) const
{
    const QString project = pathOrCwd(path);
    const QList<Workspace> scope = workspacesForPath(indexScope({}, true), project);
    if (scope.isEmpty()) {
        throw CommandError{u"no editor workspace is known for %1"_s.arg(project)};
    }
    const QString folder =
        pathOrCwd(output.empty() ? u"%1-sessions"_s.arg(QFileInfo(project).fileName()).toStdString() : output);
    const SessionFileRecovery::Extraction done =
        take(SessionFileRecovery::extract(scope, folder, allFormats, includeEdits, dryRun));
    for (const QString& warning : done.warnings) {
        m_o.err << "warning: " << warning.toStdString() << '\n';
    }
    if (m_o.json) {
        boost::json::array files;
        for (const QString& file : done.files) {
            files.push_back(json::fromQString(file));
        }
        m_o.print(boost::json::object{{"dry_run", dryRun},
                                      {"folder", json::fromQString(folder)},
                                      {"workspaces", scope.size()},
                                      {"sessions", done.sessions},
                                      {"files", std::move(files)}});
        return;
    }
    m_o.line(u"%1%2 session(s) of %3 workspace(s) %4 into %5 (%6 files)"_s
                 .arg(dryRun ? u"Dry run, nothing was written: "_s : QString())
                 .arg(done.sessions)
                 .arg(scope.size())
                 .arg(dryRun ? u"would be copied"_s : u"copied"_s, folder)
                 .arg(done.files.size()));
}

void Commands::recoverUpgrade(const WriteRequest& request, const std::vector<std::string>& paths,
                              const std::string& provider, const std::string& format) const
{
    const ChatSessionFile::Format target =
        format == "json" ? ChatSessionFile::Format::Json : ChatSessionFile::Format::Jsonl;
    // Only VS Code's own builds are known to read .jsonl sessions; other editors are upgraded when named.
    const QList<Workspace> family =
        recoveryScope(provider == "auto" && target == ChatSessionFile::Format::Jsonl ? "vscode" : provider);
    QList<Workspace> scope;
    for (const std::string& path : paths) {
        const QList<Workspace> matched = workspacesForPath(family, pathOrCwd(path));
        if (matched.isEmpty()) {
            throw CommandError{u"no editor workspace is known for %1"_s.arg(pathOrCwd(path))};
        }
        for (const Workspace& w : matched) {
            if (!std::any_of(scope.cbegin(), scope.cend(), [&w](const Workspace& s) { return s.id == w.id; })) {
                scope.append(w);
            }
        }
    }
    WriteRequest each = request;
    each.all = true;
    writeEachOf(each, scope, [&](const Workspace& w) { return Registrar::upgrade(w, target, request.options); });
}

void Commands::recoverSplit(const WriteRequest& request, const std::string& session, int keep) const
{
    // A session file, or a session id (or unique prefix) in any workspace.
    const QList<Workspace> scope = indexScope({}, true);
    QString path = pathOrCwd(session);
    if (!QFileInfo(path).isFile()) {
        path = take(SessionCatalog::resolveSession(sessions({}, scope), q(session))).path;
    }
    const QString folder = QFileInfo(path).absolutePath();
    const auto workspace = std::find_if(scope.cbegin(), scope.cend(), [&folder](const Workspace& w) {
        return QFileInfo(w.chatSessionsPath).absoluteFilePath() == folder;
    });
    if (workspace == scope.cend()) {
        throw CommandError{u"%1 is not in an editor workspace's chatSessions folder: split works where the editor "
                           "can show both parts"_s.arg(path)};
    }
    writeEachOf(request, {*workspace},
                [&](const Workspace& w) { return Registrar::split(w, path, keep, request.options); });
}

void Commands::recoverStatus() const
{
    QStringList folders;
    QList<QFileInfo> backups;
    for (const Workspace& w : indexScope({}, true)) {
        for (const QString& base : {w.projectPath, w.storagePath}) {
            const QString folder = base + u"/.chasm_recovery"_s;
            if (!base.isEmpty() && !folders.contains(folder) && QFileInfo(folder).isDir()) {
                folders << folder;
            }
        }
        const QDir sessions(w.storagePath + u"/chatSessions"_s);
        for (const QFileInfo& file : sessions.entryInfoList({u"*.bak"_s, u"*.bak-*"_s}, QDir::Files, QDir::Time)) {
            backups << file;
        }
    }
    QList<RecoveryPoint> points;
    for (const QString& folder : std::as_const(folders)) {
        points += RecoveryPoint::list(folder);
    }
    std::sort(points.begin(), points.end(),
              [](const RecoveryPoint& a, const RecoveryPoint& b) { return a.created > b.created; });
    if (m_o.json) {
        boost::json::array pointArray;
        for (const RecoveryPoint& point : std::as_const(points)) {
            boost::json::array files;
            for (const RecoveryPoint::File& file : point.files) {
                files.push_back(
                    {{"path", json::fromQString(file.path)},
                     {"backup", file.backup.isEmpty() ? boost::json::value(nullptr)
                                                      : boost::json::value(json::fromQString(file.backup))}});
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
        for (const QFileInfo& file : std::as_const(backups)) {
            backupArray.push_back({{"path", json::fromQString(file.absoluteFilePath())},
                                   {"size", file.size()},
                                   {"modified", json::fromQString(file.lastModified().toUTC().toString(Qt::ISODate))}});
        }
        m_o.print(boost::json::object{{"recovery_points", std::move(pointArray)}, {"backups", std::move(backupArray)}});
        return;
    }
    if (points.isEmpty() && backups.isEmpty()) {
        m_o.line(u"No recovery points or backups: Chasm has not changed any editor's files."_s);
        return;
    }
    m_o.line(u"Recovery points, newest first:"_s);
    for (const RecoveryPoint& point : std::as_const(points)) {
        m_o.line(u"  %1  %2, %3 file(s)  %4"_s.arg(shortTime(point.created), point.operation)
                     .arg(point.files.size())
                     .arg(point.manifest));
        for (const QString& change : point.changes) {
            m_o.line(u"      "_s + change);
        }
        m_o.line(u"      undo: "_s + point.undoCommand());
    }
    if (!backups.isEmpty()) {
        m_o.line(u"Session file backups:"_s);
        for (const QFileInfo& file : std::as_const(backups)) {
            m_o.line(
                u"  %1  %2  %3"_s.arg(shortTime(file.lastModified()), humanSize(file.size()), file.absoluteFilePath()));
        }
    }
}

// Every workspace an editor keeps for the project, which is active, and the sessions the others hold
// that it lacks; with `recover`, copies those into the active one and registers them.
void Commands::detectOrphaned(const WriteRequest& request, bool recover) const
{
    const QString project = pathOrCwd(request.path);
    const QList<Registrar::ProjectWorkspaces> found =
        Registrar::findOrphanedWorkspaces(workspacesForPath(workspaces({}), project));
    if (recover) {
        writeEach(request, [&](const Workspace& w) -> Result<Registrar::Report> {
            for (const Registrar::ProjectWorkspaces& p : found) {
                if (p.active.id == w.id) {
                    QStringList files;
                    for (const auto& other : p.others) {
                        files += other.missing;
                    }
                    return Registrar::adopt(w, files, request.options);
                }
            }
            Registrar::Report nothing;
            nothing.workspace = w.projectPath;
            nothing.editor = w.editor;
            return nothing;
        });
        return;
    }
    const auto hashOf = [](const Workspace& w) {
        return boost::json::object{{"hash", json::fromQString(w.hash)},
                                   {"storage", json::fromQString(w.storagePath)},
                                   {"sessions", w.sessionCount}};
    };
    if (m_o.json) {
        boost::json::array result;
        for (const Registrar::ProjectWorkspaces& p : found) {
            boost::json::array others;
            for (const auto& other : p.others) {
                boost::json::object o = hashOf(other.workspace);
                boost::json::array missing;
                for (const QString& file : other.missing) {
                    missing.push_back(json::fromQString(file));
                }
                o["missing"] = std::move(missing);
                others.push_back(std::move(o));
            }
            result.push_back({{"editor", json::fromQString(p.active.editor)},
                              {"project_path", json::fromQString(project)},
                              {"active", hashOf(p.active)},
                              {"others", std::move(others)}});
        }
        m_o.print(result);
        return;
    }
    if (found.isEmpty()) {
        m_o.line(u"Each editor keeps one workspace for %1: no orphaned workspaces."_s.arg(project));
        return;
    }
    int missing = 0;
    for (const Registrar::ProjectWorkspaces& p : found) {
        m_o.line(u"%1 keeps %2 workspaces for %3:"_s.arg(p.active.application).arg(p.others.size() + 1).arg(project));
        m_o.line(u"  active  %1  %2 session(s)"_s.arg(p.active.hash).arg(p.active.sessionCount));
        for (const auto& other : p.others) {
            m_o.line(u"  older   %1  %2 session(s), %3 the active one lacks"_s.arg(other.workspace.hash)
                         .arg(other.workspace.sessionCount)
                         .arg(other.missing.size()));
            for (const QString& file : other.missing) {
                m_o.line(u"            "_s + file);
            }
            missing += int(other.missing.size());
        }
    }
    if (missing > 0) {
        m_o.line(u"Bring them into the active workspaces with: chasm detect orphaned \"%1\" --recover"_s.arg(project));
    }
}

void Commands::recoverUndo(const std::string& manifest, bool force) const
{
    const RecoveryPoint point = take(RecoveryPoint::read(pathOrCwd(manifest)));
    const QStringList done = take(FileTransaction::undo(point, force));
    if (m_o.json) {
        boost::json::array lines;
        for (const QString& line : done) {
            lines.push_back(json::fromQString(line));
        }
        m_o.print(boost::json::object{{"manifest", json::fromQString(point.manifest)}, {"done", std::move(lines)}});
        return;
    }
    for (const QString& line : done) {
        m_o.line(line);
    }
    m_o.line(u"Undid %1 of %2."_s.arg(point.operation, shortTime(point.created)));
}

} // namespace chasm::cli
