// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#include "Commands.h"

#include "http/HttpClientPlugin.h"

#include "json/Json.h"
#include "export/SessionExport.h"
#include "services/EditorGuardService.h"
#include "services/RecoverService.h"
#include "services/RegisterService.h"
#include "services/UndoService.h"
#include "providers/SessionCatalog.h"
#include "services/ApiTokenService.h"
#include "services/OrphanService.h"
#include "services/RecoverRecordingService.h"
#include "services/RecoverScanService.h"
#include "services/TransferService.h"
#include "vscode/Editor.h"
#include "vscode/ChatSessionFile.h"
#include "vscode/EditorProcess.h"

#include <QDir>
#include <QFileInfo>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace chasm::cli {

namespace {

EditorGuardService::Request guardRequest(const Commands::WriteRequest& request, const QList<Workspace>& scope)
{
    return {scope, request.closeEditor, request.reopen, request.options.dryRun};
}

RegisterService::Request registerRequest(const Commands::WriteRequest& request, QList<Workspace> scope)
{
    RegisterService::Request wanted;
    wanted.scope = std::move(scope);
    wanted.options = request.options;
    wanted.closeEditors = request.closeEditor;
    wanted.reopen = request.reopen;
    return wanted;
}

// The VS Code-family workspaces of the path (or all) a write runs on; none is an error.
QList<Workspace> scopeOf(const Commands& commands, const Commands::WriteRequest& request)
{
    const QList<Workspace> scope = commands.writeScope(request);
    if (scope.isEmpty() && request.recursive) {
        throw CommandError{u"no editor workspace of a project under %1 (within --depth, outside --exclude)"_s.arg(
            commands.pathOrCwd(request.path))};
    }
    if (scope.isEmpty()) {
        throw CommandError{request.all ? u"no editor workspaces found"_s
                                       : u"no editor workspace is known for %1 (use --all for every workspace)"_s.arg(
                                             commands.pathOrCwd(request.path))};
    }
    return scope;
}

void printReportTo(const Output& o, const Registrar::Report& report)
{
    o.line(report.editor.isEmpty() ? report.workspace : u"%1 (%2)"_s.arg(report.workspace, report.editor));
    for (const QString& change : report.changes) {
        o.line(u"  "_s + change);
    }
    if (report.changes.isEmpty()) {
        o.line(u"  nothing to change"_s);
    }
    for (const QString& warning : report.warnings) {
        o.line(u"  warning: "_s + warning);
    }
    if (!report.undoCommand.isEmpty()) {
        o.line(u"  backups are listed in %1; to undo: %2"_s.arg(report.recoveryPoint, report.undoCommand));
    }
}

// What a guarded write says as it goes: the editors it closes (stderr), each workspace's report, or why
// it was left unchanged (stderr).
EditorGuardService::Progress guardProgress(const Output& o)
{
    return {[&o](Editor editor) { o.err << "closing " << editorInfo(editor).displayName.toStdString() << "…\n"; },
            [&o](const Workspace&, const Result<Registrar::Report>& report) {
                if (!report) {
                    o.err << "chasm: " << report.error().message.toStdString() << '\n';
                } else if (!o.json) {
                    printReportTo(o, *report);
                }
            }};
}

// The end of a guarded write: its JSON, or a summary line; an error when a workspace was left unchanged.
void printWritten(const Output& o, Result<EditorGuardService::Report> result)
{
    const EditorGuardService::Report report = take(std::move(result));
    for (const QString& error : report.reopenErrors) {
        o.warn(error);
    }
    if (o.json) {
        o.print(toJson(report));
    } else {
        o.line(u"%1%2 registered, %3 repaired in %4 workspace(s)"_s
                   .arg(report.dryRun ? u"Dry run, nothing was written: "_s : QString())
                   .arg(report.registered)
                   .arg(report.repaired)
                   .arg(report.workspaces - report.failures.size()));
    }
    if (!report.failures.isEmpty()) {
        throw CommandError{u"%1 workspace(s) were left unchanged (see above)"_s.arg(report.failures.size())};
    }
}

void printWritten(const Output& o, Result<RegisterService::Report> result)
{
    printWritten(o, Result<EditorGuardService::Report>(take(std::move(result)).written));
}

} // namespace

QList<Workspace> Commands::writeScope(const WriteRequest& request) const
{
    if (!request.recursive) {
        return indexScope(request.path, request.all);
    }
    QStringList exclude;
    for (const std::string& pattern : request.exclude) {
        exclude << q(pattern);
    }
    return RegisterService::under(indexScope({}, true), pathOrCwd(request.path), request.depth, exclude);
}

// Runs a write operation on every VS Code-family workspace of the path (or all), closing the
// editors first and starting them again after when asked; prints what changed and how to undo it.
void Commands::writeEach(const WriteRequest& request,
                         const std::function<Result<Registrar::Report>(const Workspace&)>& operation) const
{
    writeEachOf(request, scopeOf(*this, request), operation);
}

void Commands::writeEachOf(const WriteRequest& request, const QList<Workspace>& scope,
                           const std::function<Result<Registrar::Report>(const Workspace&)>& operation) const
{
    printWritten(m_o, EditorGuardService::run(guardRequest(request, scope), operation, guardProgress(m_o)));
}

void Commands::printReport(const Registrar::Report& report) const
{
    printReportTo(m_o, report);
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
    if (take(RecoverService::isHarvestDatabase(path))) {
        HarvestDatabaseService::ExportRequest request;
        request.database = path;
        request.destination = output.empty() ? u"recovered-sessions"_s : q(output);
        request.format = exportFormat(format);
        if (!session.empty()) {
            request.sessions = {q(session)};
        }
        request.notice = noticeOn(m_o);
        const ExportService::Report report = take(HarvestDatabaseService(m_catalog).exportFromBackup(request));
        printExported(report.sessions, report.files, report.skipped, request.destination);
        return;
    }
    RecoverService::DatabaseRequest request{path, q(session), pathOrCwd(output.empty() ? "recovered-sessions" : output),
                                            q(format), [this](const QString& warning) { m_o.warn(warning); }};
    const RecoverService::DatabaseReport report = take(RecoverService::sessionsFromDatabase(request));
    if (m_o.json) {
        m_o.print(toJson(report));
        return;
    }
    m_o.line(u"Recovered %1 session(s) from %2 into %3"_s.arg(report.files.size()).arg(path, report.folder));
    if (format != "md") {
        m_o.line(u"To bring them back: copy them into a workspace's chatSessions folder, then run chasm register "
                 "all --path PROJECT"_s);
    }
}

void Commands::recoverRecording(const std::string& database, const RecoverRecording& wanted) const
{
    RecoverRecordingService::Request request;
    // HOST:PORT alone is taken as http://HOST:PORT, as Chasm's servers speak http only.
    const QString server = q(wanted.server);
    request.server = QUrl(server.contains(u"://"_s) ? server : u"http://"_s + server, QUrl::StrictMode);
    request.sessionId = q(wanted.session);
    if (wanted.output.empty()) {
        request.database = databasePath(database);
    } else {
        request.outputFolder = pathOrCwd(wanted.output);
    }
    request.timeout = std::chrono::seconds(wanted.timeout);
    // The token as `api serve` takes it; the keychain's only when one is kept there (a client makes none).
    request.token = serverToken(wanted.tokenFile, m_catalog.environment());
    if (request.token.isEmpty()) {
        if (const auto kept = ApiTokenService().stored(); kept && kept->has_value()) {
            request.token = **kept;
        }
    }
    request.tokenAdvice = u"give it with --token-file FILE or CHASM_API_TOKEN (`chasm api token` prints it where the "
                          u"server runs)"_s;
    // The HTTP client is in the chasm-http module: no other command loads QtNetwork.
    const RecoverRecordingService::Report report = take(RecoverRecordingService::run(request, httpClients().send));
    using Outcome = RecoverRecordingService::Item::Outcome;
    if (report.count(Outcome::Failed) > 0) {
        m_o.status = 3;
    }
    if (m_o.json) {
        m_o.print(toJson(report));
        return;
    }
    for (const RecoverRecordingService::Item& item : report.sessions) {
        if (item.outcome == Outcome::Failed) {
            m_o.err << "failed: " << withoutControlCharacters(item.sessionId).toStdString() << ": "
                    << withoutControlCharacters(item.error).toStdString() << '\n';
            continue;
        }
        const QString what = item.messages ? u"\"%1\", %2 message(s)"_s.arg(item.title, QString::number(*item.messages))
                                           : u"recorded here up to event %1"_s.arg(item.lastSeq);
        m_o.line(u"%1  %2  %3%4"_s.arg(RecoverRecordingService::outcomeName(item.outcome).leftJustified(9),
                                       item.sessionId, what, item.file.isEmpty() ? QString() : u"  "_s + item.file));
    }
    const bool stored = report.intoDatabase;
    m_o.line(u"%1 recorded session(s) from %2 into %3: %4 %5, %6 unchanged, %7 failed"_s.arg(
        QString::number(report.sessions.size()), report.server, report.destination,
        QString::number(report.count(stored ? Outcome::Stored : Outcome::Written)), stored ? u"stored"_s : u"written"_s,
        QString::number(report.count(Outcome::Unchanged)), QString::number(report.count(Outcome::Failed))));
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
    m_o.print(toJson(report, dryRun));
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

void Commands::recoverDetect(const std::string& file, bool verbose) const
{
    const SessionFileRecovery::Detection d = RecoverService::detect(pathOrCwd(file));
    if (m_o.json) {
        m_o.print(verbose ? toVerboseJson(d) : toJson(d));
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
    if (verbose) {
        for (const QString& warning : d.warnings) {
            m_o.line(u"  warning:  "_s + warning);
        }
        for (const SessionFileRecovery::Detection::Request& r : d.requestList) {
            m_o.line(u"  request:  %1  %2  %3"_s.arg(r.time.isValid() ? shortTime(r.time) : u"-"_s,
                                                     r.id.isEmpty() ? u"(no id)"_s : r.id, clipped(r.message)));
        }
    }
}

void Commands::registerSessions(const WriteRequest& request, const std::vector<std::string>& ids,
                                const std::vector<std::string>& titles, bool mergeFirst) const
{
    RegisterService::Request wanted = registerRequest(request, {});
    for (const std::string& id : ids) {
        wanted.ids << q(id);
    }
    for (const std::string& title : titles) {
        wanted.titles << q(title);
    }
    if (mergeFirst) {
        wanted.mergeFirst = [this, &request](const Workspace& w) { return mergeWorkspace(w, request.options); };
    }
    wanted.scope = scopeOf(*this, request);
    RegisterService service(std::move(wanted));
    printWritten(m_o, service.run(guardProgress(m_o)));
    if (!service.unmatched().isEmpty()) {
        throw CommandError{u"no session file of %1 has the id %2"_s.arg(
            request.all ? u"any workspace"_s : pathOrCwd(request.path), service.unmatched().join(u", "_s))};
    }
}

void Commands::repair(const WriteRequest& request) const
{
    RegisterService::Request wanted = registerRequest(request, scopeOf(*this, request));
    wanted.action = RegisterService::Request::Action::Repair;
    printWritten(m_o, RegisterService(std::move(wanted)).run(guardProgress(m_o)));
}

// Every recovery point and session backup Chasm made in the editors' workspaces.
// Everything recoverable in the editors' stores, with the command that recovers each.
// Every VS Code-family workspace, or those of one editor family (`vscode` meaning Copilot in VS Code).
QList<Workspace> Commands::recoveryScope(const std::string& provider) const
{
    return CatalogService(m_catalog).editorFamily(q(provider));
}

void Commands::recoverScan(const std::string& provider, bool includeOld, bool verbose) const
{
    const RecoverScanService::Report report = take(RecoverScanService(m_catalog).run({q(provider), includeOld}));
    if (m_o.json) {
        m_o.print(toJson(report));
        return;
    }
    if (verbose) {
        // Where it looked: the editors' stores, as `provider list` says them.
        QList<ProviderStatus> editors = take(CatalogService(m_catalog).providerStatuses({false, false})).statuses;
        const QSet<QString> family = {u"copilot"_s, u"cursor"_s, u"windsurf"_s};
        const QString chosen = provider == "vscode" ? u"copilot"_s : q(provider);
        editors.removeIf([&](const ProviderStatus& p) {
            return !family.contains(p.id) || (!chosen.isEmpty() && chosen != u"all"_s && p.id != chosen);
        });
        m_o.line(u"Looked in:"_s);
        printLocations(editors);
    }
    if (report.findings.isEmpty() && report.damaged.isEmpty()) {
        m_o.line(u"Nothing to recover: every session file is in its editor's history and readable."_s);
        return;
    }
    static const QString words[] = {
        u"in an older workspace of the project"_s, u"on disk, missing from the editor's index"_s,
        u"hidden or broken by their index entry (empty or cancelled)"_s, u"kept only in backup files"_s,
        u"kept only in an old state database (from before session files)"_s};
    for (const RecoverScanService::Finding& finding : report.findings) {
        const RecoveryFinding& f = finding.finding;
        m_o.line(
            u"%1 (%2): %3 session(s) %4"_s.arg(f.project, f.target.editor).arg(f.items.size()).arg(words[int(f.kind)]));
        for (const RecoveryFinding::Item& item : f.items) {
            m_o.line(u"    %1  %2  %3"_s.arg(shortTime(item.updatedAt), item.id, item.title));
        }
        m_o.line(u"  fix: "_s + finding.fix);
    }
    for (const RecoverScanService::Damaged& d : report.damaged) {
        m_o.line(u"damaged: %1"_s.arg(d.session.error));
        m_o.line(u"  fix: "_s + d.fix);
    }
}

void Commands::recoverOrphans(const std::string& provider, bool unindexed, bool verify) const
{
    const OrphanService::Report report = take(OrphanService(m_catalog).orphans({q(provider), unindexed, verify}));
    if (m_o.json) {
        m_o.print(toJson(report));
        return;
    }
    if (report.orphans.isEmpty()) {
        m_o.line(unindexed ? u"No orphaned sessions: every workspace's folder exists, each project has one workspace "
                             "per editor, and every session file is indexed."_s
                           : u"No orphaned sessions: every workspace's folder exists and each project has one "
                             "workspace per editor (--unindexed also lists files missing from an index)."_s);
        return;
    }
    static const QHash<QString, QString> words{{u"folder_gone"_s, u"folder gone"_s},
                                               {u"older_workspace"_s, u"older workspace"_s},
                                               {u"not_in_index"_s, u"not in index"_s}};
    QStringList headers{u"TOOL"_s, u"ID"_s, u"TITLE"_s, u"UPDATED"_s, u"SIZE"_s, u"WHY"_s};
    if (verify) {
        headers << u"CHECK"_s;
    }
    headers << u"PROJECT"_s;
    TextTable table(headers);
    table.setWhole(1);
    table.setWhole(3);
    table.setRightAligned(4);
    for (const OrphanService::Orphan& o : report.orphans) {
        QStringList row{o.workspace.application,        o.session.nativeId.left(8),     o.session.title,
                        shortTime(o.session.updatedAt), humanSize(o.session.sizeBytes), words.value(o.reason)};
        if (verify) {
            const SessionFileRecovery::Detection& d = *o.check;
            row << (d.error.isEmpty() ? u"ok, %1 request(s)"_s.arg(d.requests) : u"damaged"_s);
        }
        row << (o.workspace.projectPath.isEmpty() ? o.workspace.storagePath : o.workspace.projectPath);
        table.addRow(row);
    }
    m_o.table(table);
    m_o.line(u"%1 orphaned session(s)"_s.arg(report.orphans.size()));
    QStringList fixes;
    for (const OrphanService::Orphan& o : report.orphans) {
        if (!fixes.contains(o.fix)) {
            fixes << o.fix;
        }
    }
    for (const QString& fix : std::as_const(fixes)) {
        m_o.line(u"  fix: "_s + fix);
    }
    if (verify) {
        for (const OrphanService::Orphan& o : report.orphans) {
            if (!o.check->error.isEmpty()) {
                m_o.line(u"damaged: %1"_s.arg(o.check->error));
            }
        }
    }
}

void Commands::recoverExtract(const std::string& path, const std::string& output, bool allFormats, bool includeEdits,
                              bool dryRun) const
{
    const QString project = pathOrCwd(path);
    const QString folder =
        pathOrCwd(output.empty() ? u"%1-sessions"_s.arg(QFileInfo(project).fileName()).toStdString() : output);
    const RecoverService::ExtractReport done = take(RecoverService::extract(
        {project, workspacesForPath(indexScope({}, true), project), folder, allFormats, includeEdits, dryRun}));
    for (const QString& warning : done.extraction.warnings) {
        m_o.warn(warning);
    }
    if (m_o.json) {
        m_o.print(toJson(done));
        return;
    }
    m_o.line(u"%1%2 session(s) of %3 workspace(s) %4 into %5 (%6 files)"_s
                 .arg(dryRun ? u"Dry run, nothing was written: "_s : QString())
                 .arg(done.extraction.sessions)
                 .arg(done.workspaces)
                 .arg(dryRun ? u"would be copied"_s : u"copied"_s, folder)
                 .arg(done.extraction.files.size()));
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
    printWritten(m_o, RecoverService::upgrade({scope, target, request.options, request.closeEditor, request.reopen},
                                              guardProgress(m_o)));
}

void Commands::recoverSplit(const WriteRequest& request, const std::string& session, int keep) const
{
    // A session file, or a session id (or unique prefix) in any workspace.
    const QList<Workspace> scope = indexScope({}, true);
    QString path = pathOrCwd(session);
    if (!QFileInfo(path).isFile()) {
        path = take(SessionCatalog::resolveSession(sessions({}, scope), q(session))).path;
    }
    printWritten(m_o, RecoverService::split({scope, path, keep, request.options, request.closeEditor, request.reopen},
                                            guardProgress(m_o)));
}

void Commands::recoverStatus(const std::string& provider, bool system) const
{
    const QList<Workspace> scope = recoveryScope(provider);
    const RecoverService::StatusReport status = RecoverService::status(scope);
    const QList<RecoverService::EditorState> editors =
        system
            ? RecoverService::editorStates(
                  m_catalog.environment(),
                  provider.empty() || provider == "all" ? QList<Editor>() : EditorGuardService::editorsOf(scope), scope)
            : QList<RecoverService::EditorState>();
    if (m_o.json) {
        boost::json::object o = toJson(status);
        if (system) {
            o["editors"] = toJson(editors);
        }
        m_o.print(o);
        return;
    }
    for (const RecoverService::EditorState& e : editors) {
        m_o.line(u"%1: %2"_s.arg(e.name, !e.found    ? u"not found (%1)"_s.arg(e.userDirectory)
                                         : e.running ? u"running, %1 workspace(s)"_s.arg(e.workspaces)
                                                     : u"not running, %1 workspace(s)"_s.arg(e.workspaces)));
        if (e.found && e.freeBytes >= 0) {
            m_o.line(u"  %1 free in %2"_s.arg(humanSize(e.freeBytes), e.userDirectory));
        }
        if (!e.advice.isEmpty()) {
            m_o.line(u"  advice: "_s + e.advice);
        }
    }
    if (status.points.isEmpty() && status.backups.isEmpty()) {
        m_o.line(u"No recovery points or backups: Chasm has not changed any editor's files."_s);
        return;
    }
    m_o.line(u"Recovery points, newest first:"_s);
    for (const RecoveryPoint& point : status.points) {
        m_o.line(u"  %1  %2, %3 file(s)  %4"_s.arg(shortTime(point.created), point.operation)
                     .arg(point.files.size())
                     .arg(point.manifest));
        for (const QString& change : point.changes) {
            m_o.line(u"      "_s + change);
        }
        m_o.line(u"      undo: "_s + point.undoCommand());
    }
    if (!status.backups.isEmpty()) {
        m_o.line(u"Session file backups:"_s);
        for (const QFileInfo& file : status.backups) {
            m_o.line(
                u"  %1  %2  %3"_s.arg(shortTime(file.lastModified()), humanSize(file.size()), file.absoluteFilePath()));
        }
    }
}

// Every workspace an editor keeps for the project, which is active, and the sessions the others hold
// that it lacks; with `recover`, copies those into the active one and registers them.
void Commands::detectOrphaned(const WriteRequest& request, bool recover) const
{
    const OrphanService::OrphanedWorkspacesReport report =
        take(OrphanService(m_catalog).orphanedWorkspaces(q(request.path)));
    const QString& project = report.project;
    const QList<Registrar::ProjectWorkspaces>& found = report.found;
    if (recover) {
        writeEach(request, [&](const Workspace& w) { return OrphanService::recoverInto(report, w, request.options); });
        return;
    }
    if (m_o.json) {
        m_o.print(toJson(report));
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
    const UndoService::Report report = take(UndoService::run({{pathOrCwd(manifest)}, force}));
    if (m_o.json) {
        m_o.print(toJson(report));
        return;
    }
    for (const QString& line : report.done) {
        m_o.line(line);
    }
    const RecoveryPoint& point = report.undone.first();
    m_o.line(u"Undid %1 of %2."_s.arg(point.operation, shortTime(point.created)));
}

} // namespace chasm::cli
