// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#include "Commands.h"

#include "model/ModelJson.h"
#include "model/PipelinedSink.h"
#include "model/SessionJsonWriter.h"
#include "services/HarvestDatabaseService.h"
#include "services/SearchService.h"
#include "services/TimelineService.h"

#include <QFileInfo>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace chasm::cli {

// `folder`: a project the command names, where tools that keep history in projects (Aider) look too.
QList<Workspace> Commands::workspaces(const std::string& provider, const QString& folder) const
{
    return take(CatalogService(m_catalog).workspaces(q(provider), folder));
}

QList<SessionRef> Commands::sessions(const std::string& provider, const QList<Workspace>& workspaces) const
{
    return take(CatalogService(m_catalog).sessions(q(provider), workspaces));
}

QString Commands::pathOrCwd(const std::string& path) const
{
    return CatalogService(m_catalog).pathOrCwd(q(path));
}

QList<Workspace> Commands::workspacesForPath(const QList<Workspace>& all, const QString& path) const
{
    return CatalogService(m_catalog).workspacesForPath(all, path);
}

// --- list ---
void Commands::listWorkspaces(const std::string& provider) const
{
    const QList<Workspace> all = workspaces(provider);
    if (m_o.json) {
        m_o.print(toJson(all));
        return;
    }
    printWorkspaceTable(m_o, all);
}

void Commands::listSessions(const std::string& projectPath, const std::string& provider, bool withSize) const
{
    printSessions(
        take(CatalogService(m_catalog, CatalogService::Kept::Listed).listSessions({q(projectPath), q(provider)})),
        withSize);
}

void Commands::printSessions(const QList<SessionRef>& list, bool withSize) const
{
    if (m_o.json) {
        m_o.print(toJson(list));
        return;
    }
    printSessionTable(m_o, list, withSize);
}

void Commands::listPath(const std::string& path) const
{
    const CatalogService::PathReport report = take(CatalogService(m_catalog).listPath(q(path)));
    if (!m_o.json && report.workspaces.isEmpty()) {
        m_o.line(u"No editor workspace is known for %1."_s.arg(report.path));
        return;
    }
    printSessions(report.sessions, true);
}

QList<Commands::EditingItem> Commands::editingSessions(const std::string& projectPath,
                                                       const std::string& provider) const
{
    return take(EditingService(m_catalog).list({q(projectPath), q(provider)}));
}

boost::json::object Commands::editingJson(const EditingItem& item) const
{
    return toJson(item);
}

void Commands::listEdits(const std::string& projectPath, const std::string& provider, bool withSize) const
{
    const QList<EditingItem> items = editingSessions(projectPath, provider);
    if (m_o.json) {
        m_o.print(toJson(items));
        return;
    }
    if (items.isEmpty()) {
        m_o.line(u"No editing sessions found (the editors keep them in chatEditingSessions)."_s);
        return;
    }
    QStringList headers{u"TOOL"_s, u"SESSION"_s, u"TITLE"_s, u"FILES"_s, u"REQUESTS"_s, u"UPDATED"_s};
    if (withSize) {
        headers << u"SIZE"_s;
    }
    headers << u"PROJECT"_s;
    TextTable table(headers);
    table.setWhole(1);
    table.setRightAligned(3);
    table.setRightAligned(4);
    table.setWhole(5);
    for (const EditingItem& item : items) {
        const EditingSession& e = item.edits;
        QStringList row{item.workspace.application,
                        e.sessionId.left(8),
                        !e.error.isEmpty()          ? u"(unreadable)"_s
                        : item.chat.title.isEmpty() ? u"(no chat file)"_s
                                                    : item.chat.title,
                        QString::number(e.files.size()),
                        QString::number(e.requestIds.size()),
                        shortTime(e.updatedAt)};
        if (withSize) {
            row << humanSize(e.sizeBytes);
        }
        row << (item.workspace.projectPath.isEmpty() ? item.workspace.storagePath : item.workspace.projectPath);
        table.addRow(row);
    }
    m_o.table(table);
    m_o.line(u"%1 editing session(s)"_s.arg(items.size()));
    for (const EditingItem& item : items) {
        if (!item.edits.error.isEmpty()) {
            m_o.warn(item.edits.error);
        }
    }
}

void Commands::showAgent(const std::string& id, const std::string& projectPath) const
{
    const EditingService::AgentReport report = take(EditingService(m_catalog).show({q(id), q(projectPath)}));
    if (m_o.json) {
        m_o.print(toJson(report));
        return;
    }
    const EditingItem& item = report.item;
    const EditingSession& e = item.edits;
    const QHash<QString, QString>& prompts = report.prompts;
    m_o.line(item.chat.title.isEmpty() ? u"Editing session "_s + e.sessionId : item.chat.title);
    m_o.line(u"id:       "_s + e.sessionId);
    m_o.line(u"project:  "_s + (item.workspace.projectPath.isEmpty() ? u"-"_s : item.workspace.projectPath));
    m_o.line(u"chat:     "_s + (item.chat.path.isEmpty() ? u"(no chat session file)"_s : item.chat.path));
    m_o.line(u"edits:    "_s + e.folder);
    m_o.line(u"format:   version %1, %2 layout, %3"_s.arg(e.version).arg(e.layout, humanSize(e.sizeBytes)));
    m_o.line(u"updated:  "_s + shortTime(e.updatedAt));
    m_o.line();
    m_o.line(u"Files (%1):"_s.arg(e.files.size()));
    for (const EditingSession::File& f : e.files) {
        QStringList details;
        if (f.state) {
            details << EditingSession::stateName(*f.state);
        }
        for (auto it = f.operations.cbegin(); it != f.operations.cend(); ++it) {
            details << u"%1 %2"_s.arg(it.value()).arg(it.key());
        }
        if (f.undoneOperations > 0) {
            details << u"%1 undone"_s.arg(f.undoneOperations);
        }
        if (!f.requestIds.isEmpty()) {
            details << u"%1 request(s)"_s.arg(f.requestIds.size());
        }
        m_o.line(u"  %1%2"_s.arg(f.path, details.isEmpty() ? QString() : u"  ("_s + details.join(u", "_s) + u')'));
    }
    m_o.line();
    m_o.line(u"Requests that edited files (%1):"_s.arg(e.requestIds.size()));
    for (const QString& r : e.requestIds) {
        m_o.line(u"  %1  %2"_s.arg(r, prompts.value(r)));
    }
    if (e.undoneRequests > 0) {
        m_o.line(u"  %1 of them undone (kept for redo)"_s.arg(e.undoneRequests));
    }
    if (!e.checkpoints.isEmpty()) {
        m_o.line();
        m_o.line(u"Checkpoints (%1):"_s.arg(e.checkpoints.size()));
        for (const EditingSession::Checkpoint& c : e.checkpoints) {
            m_o.line(u"  %1%2"_s.arg(c.label, c.undone ? u"  (undone)"_s : QString()));
        }
    }
}

QList<Workspace> Commands::indexScope(const std::string& path, bool all) const
{
    return CatalogService(m_catalog).editorWorkspaces(q(path), all);
}

QList<Commands::WorkspaceIndex> Commands::inspectIndexes(const QList<Workspace>& scope) const
{
    return OrphanService(m_catalog).inspectIndexes(scope);
}

void Commands::listOrphaned(const std::string& path, bool all) const
{
    const OrphanService::UnindexedReport report = take(OrphanService(m_catalog).listUnindexed({q(path), all}));
    for (const QString& error : report.unreadableIndexes) {
        m_o.warn(error + u" (its sessions are not judged)"_s);
    }
    if (!m_o.json && report.scope.isEmpty()) {
        m_o.line(all ? u"No editor workspaces found."_s
                     : u"No editor workspace is known for %1 (use --all for every workspace)."_s.arg(report.path));
        return;
    }
    if (!m_o.json && report.orphans.isEmpty()) {
        m_o.line(u"No orphaned sessions: every session file is in its editor's index."_s);
        return;
    }
    printSessions(report.orphans, true);
}

// --- show ---
namespace {

// Prints a session as it is read: its facts, then each message.
class SessionPrinter final : public SessionSink
{
public:
    SessionPrinter(const Output& o, const SessionRef& ref)
        : m_o(o)
        , m_ref(ref)
    {}

    std::optional<Error> begin(const Session& session, int conversationMessages) override
    {
        Q_UNUSED(conversationMessages)
        m_o.line(session.title);
        m_o.line(u"id:       "_s + session.id);
        m_o.line(u"project:  "_s + (session.projectPath.isEmpty() ? u"-"_s : session.projectPath));
        m_o.line(u"file:     "_s + m_ref.path);
        m_o.line(u"created:  "_s + shortTime(session.createdAt) + u"   updated: "_s + shortTime(session.updatedAt));
        m_o.line(u"model:    "_s + (session.model.isEmpty() ? u"-"_s : session.model) +
                 (session.totalTokens ? u"   tokens: "_s + QString::number(*session.totalTokens) : QString()));
        for (const QString& warning : session.warnings) {
            m_o.warn(warning);
        }
        return std::nullopt;
    }
    std::optional<Error> add(QList<Message>&& messages) override
    {
        for (const Message& m : std::as_const(messages)) {
            print(m);
        }
        return std::nullopt;
    }
    std::optional<Error> end(const QStringList& filesReferenced) override
    {
        Q_UNUSED(filesReferenced)
        return std::nullopt;
    }

private:
    void print(const Message& m) const
    {
        QString header = u"── "_s + roleName(m.role);
        if (m.timestamp.isValid()) {
            header += u" · "_s + shortTime(m.timestamp);
        }
        if (!m.model.isEmpty()) {
            header += u" · "_s + m.model;
        }
        if (!m.status.isEmpty() && m.status != u"complete"_s) {
            header += u" · "_s + m.status;
        }
        m_o.line();
        m_o.line(header + u' ' + QString(std::max<qsizetype>(3, 60 - header.size()), QChar(0x2500)));
        if (!m.content.isEmpty()) {
            m_o.line(m.content);
        }
        for (const ToolCall& call : m.toolCalls) {
            m_o.line(u"  [tool] %1 (%2)"_s.arg(call.name, call.status));
            if (!call.input.isEmpty()) {
                m_o.line(u"    input:  "_s + clipped(call.input));
            }
            if (!call.output.isEmpty()) {
                m_o.line(u"    output: "_s + clipped(call.output));
            }
        }
        if (!m.error.isEmpty()) {
            m_o.line(u"  [error] "_s + m.error);
        }
    }

    const Output& m_o;
    const SessionRef& m_ref;
};

} // namespace

void Commands::showSession(const std::string& id, const std::string& projectPath, const std::string& database) const
{
    // Printed as it is read, so that a session of any size is shown in bounded memory.
    const CatalogService service(m_catalog, CatalogService::Kept::Listed);
    auto found = service.findSession({q(id), q(projectPath)});
    std::optional<HarvestDatabaseService::KeptSession> kept;
    if (!found && found.error().kind == ErrorKind::NotFound && projectPath.empty()) {
        auto stored = HarvestDatabaseService(m_catalog).keptSession(q(database), q(id));
        if (!stored) {
            throw CommandError{stored.error().kind == ErrorKind::NotFound ? found.error().message
                                                                          : stored.error().message};
        }
        kept = std::move(stored).value();
        const bool team = HarvestDatabaseService(m_catalog).isTeam(q(database));
        const std::string from = team ? "the team database" : "the harvest database";
        m_o.err << "kept only by Chasm: " << kept->ref.id.toStdString()
                << (kept->ref.provider == SessionCatalog::recordedProvider
                        ? " was recorded over the API; it is shown from " + from + '\n'
                    : kept->ref.provider == SessionCatalog::chatProvider
                        ? " is a chat of chasm run; it is shown from " + from + '\n'
                    : team ? " is no longer in its tool's store; shown from " + from + '\n'
                           : " is no longer in its tool's store; shown from " + from +
                                 " (chasm sync --push --sessions ID puts it back)\n");
    }
    const SessionRef ref = kept ? kept->ref : take(std::move(found));
    // The session from where it is: its tool's store, or the copy the database keeps.
    const auto readSession = [&](SessionSink& sink) {
        return kept ? SessionSink::feed(std::move(kept->session), sink) : service.readSession(ref, sink);
    };
    std::optional<Error> error;
    if (m_o.json) {
        SessionJsonWriter writer([this](std::string_view text) {
            m_o.out.write(text.data(), std::streamsize(text.size()));
            return std::optional<Error>();
        });
        // Written on a thread of its own while the next batch is read (1 GB log: 8.1 -> 6.5 s).
        PipelinedSink pipeline(writer);
        error = readSession(pipeline);
        if (!error) {
            m_o.out << '\n';
        }
    } else {
        SessionPrinter printer(m_o, ref);
        error = readSession(printer);
    }
    if (error) {
        throw CommandError{error->message};
    }
}

void Commands::showWorkspace(const std::string& nameOrHash) const
{
    const CatalogService::WorkspaceReport report = take(CatalogService(m_catalog).showWorkspace(q(nameOrHash)));
    const Workspace& w = report.workspace;
    const QList<SessionRef>& list = report.sessions;
    if (m_o.json) {
        m_o.print(toJson(report));
        return;
    }
    m_o.line(w.displayName());
    m_o.line(u"id:            "_s + w.id);
    m_o.line(u"kind:          "_s + w.kindName());
    m_o.line(u"project:       "_s + (w.projectPath.isEmpty() ? u"-"_s : w.projectPath));
    if (w.kind == Workspace::Kind::MultiRoot) {
        m_o.line(u"folders:       "_s + w.folders.join(u", "_s));
    }
    m_o.line(u"uri:           "_s + (w.uri.isEmpty() ? u"-"_s : w.uri));
    m_o.line(u"storage:       "_s + w.storagePath);
    m_o.line(u"sessions:      "_s + QString::number(w.sessionCount));
    m_o.line(u"last modified: "_s + shortTime(w.lastModified));
    if (!w.error.isEmpty()) {
        m_o.line(u"problem:       "_s + w.error);
    }
    m_o.line();
    printSessionTable(m_o, list, true);
}

void Commands::showIndex(const std::string& path, bool all) const
{
    const OrphanService::IndexReport report = take(OrphanService(m_catalog).showIndex({q(path), all}));
    const QList<WorkspaceIndex>& indexes = report.indexes;
    if (m_o.json) {
        m_o.print(toJson(report));
        return;
    }
    if (indexes.isEmpty()) {
        m_o.line(all ? u"No editor workspaces found."_s
                     : u"No editor workspace is known for %1 (use --all for every workspace)."_s.arg(report.path));
        return;
    }
    for (const WorkspaceIndex& index : indexes) {
        m_o.line(u"%1  %2"_s.arg(index.workspace.id, index.workspace.projectPath.isEmpty()
                                                         ? index.workspace.displayName()
                                                         : index.workspace.projectPath));
        if (!index.error.isEmpty()) {
            m_o.line(u"  index unreadable: "_s + index.error);
        }
        TextTable table({u"SESSION"_s, u"INDEXED"_s, u"EMPTY"_s, u"STATE"_s, u"LOCATION"_s, u"CREATED"_s,
                         u"LAST MESSAGE"_s, u"TITLE"_s, u"PROBLEMS"_s});
        for (const IndexEntry& e : index.entries) {
            QStringList codes;
            for (const IndexProblem& p : e.problems) {
                codes << p.code;
            }
            table.addRow({
                e.sessionId.left(8),
                e.inIndex ? u"yes"_s : u"no"_s,
                e.isEmpty ? (*e.isEmpty ? u"true"_s : u"false"_s) : u"-"_s,
                e.lastResponseState ? IndexEntry::responseStateName(*e.lastResponseState) : u"-"_s,
                e.initialLocation.isEmpty() ? u"-"_s : e.initialLocation,
                shortTime(e.created),
                shortTime(e.lastMessageDate),
                e.title,
                codes.isEmpty() ? u"ok"_s : codes.join(u','),
            });
        }
        if (table.isEmpty()) {
            m_o.line(u"  (the index is empty and there are no session files)"_s);
        } else {
            m_o.table(table);
        }
        for (const IndexEntry& e : index.entries) {
            for (const IndexProblem& p : e.problems) {
                m_o.line(u"  %1: %2"_s.arg(e.sessionId.left(8), p.message));
            }
        }
        m_o.line();
    }
}

void Commands::showPath(const std::string& path) const
{
    const CatalogService::PathReport report = take(CatalogService(m_catalog).showPath(q(path)));
    const QString& project = report.path;
    const QList<Workspace>& matches = report.workspaces;
    const QList<SessionRef>& list = report.sessions;
    if (m_o.json) {
        m_o.print(toJson(report));
        return;
    }
    if (matches.isEmpty()) {
        m_o.line(u"No editor workspace is known for %1."_s.arg(project));
        return;
    }
    m_o.line(u"Chat history of %1: %2 session(s) in %3 workspace(s)"_s.arg(project, QString::number(list.size()),
                                                                           QString::number(matches.size())));
    TextTable table({u"FROM"_s, u"TO"_s, u"MSGS"_s, u"WORKSPACE"_s, u"ID"_s, u"TITLE"_s});
    for (const int column : {0, 1, 3, 4}) {
        table.setWhole(column);
    }
    table.setRightAligned(2);
    const QHash<QString, QString> ids = shortIds(list);
    for (const SessionRef& s : list) {
        table.addRow({shortTime(s.createdAt), shortTime(s.updatedAt), QString::number(s.messageCount),
                      s.workspaceId.left(s.workspaceId.indexOf(u':') + 9), ids.value(s.id), s.title});
    }
    m_o.table(table);
}

// A project's sessions over time, every tool together, with the gaps (in calendar days, UTC) between them: where
// history may be missing (a purge, a folder move, another machine).
void Commands::showTimeline(const std::string& path, int gapDays, const std::string& provider) const
{
    const TimelineService::Report report = take(TimelineService(m_catalog).run({q(path), gapDays, q(provider)}));
    const QString& project = report.path;
    const QList<SessionRef>& list = report.sessions;
    const QList<TimelineService::Gap>& gaps = report.gaps;
    const qsizetype unreadable = report.unreadable;
    if (m_o.json) {
        m_o.print(toJson(report));
        return;
    }
    if (list.isEmpty()) {
        m_o.line(u"No chat history is known for %1."_s.arg(project));
        return;
    }
    m_o.line(u"Chat history of %1, oldest first: %2 session(s), %3 gap(s) of %4 days or more"_s.arg(project)
                 .arg(list.size())
                 .arg(gaps.size())
                 .arg(gapDays));
    qsizetype nextGap = 0;
    for (const SessionRef& s : std::as_const(list)) {
        if (nextGap < gaps.size() && gaps.at(nextGap).to == s.createdAt) {
            const qint64 days = gaps.at(nextGap).days;
            m_o.line(u"  ---- %1 without a session ----"_s.arg(days == 1 ? u"1 day"_s : u"%1 days"_s.arg(days)));
            ++nextGap;
        }
        m_o.line(
            u"  %1  %2  %3  (%4 messages)"_s.arg(shortTime(s.createdAt), s.provider.leftJustified(12), clipped(s.title))
                .arg(s.messageCount));
    }
    if (unreadable > 0) {
        m_o.line(u"(%1 session(s) that cannot be read are left out: chasm recover scan)"_s.arg(unreadable));
    }
}

// --- find ---
void Commands::findWorkspace(const std::string& pattern) const
{
    const QList<Workspace> all = take(CatalogService(m_catalog).findWorkspaces(q(pattern)));
    if (m_o.json) {
        m_o.print(toJson(all));
        return;
    }
    printWorkspaceTable(m_o, all);
}

void Commands::findSession(const SessionFilter& f) const
{
    SearchService::FindRequest request;
    request.pattern = q(f.pattern);
    request.after = f.after.empty() ? QDateTime() : parseDate(f.after, "--after", false);
    request.before = f.before.empty() ? QDateTime() : parseDate(f.before, "--before", true);
    request.messageDate = f.date.empty() ? QDate() : parseDate(f.date, "--date", false).toUTC().date();
    if (f.inProject) {
        request.projectPath = q(f.projectPath);
    }
    request.workspace = q(f.workspace);
    request.provider = q(f.provider);
    request.titleOnly = f.titleOnly;
    request.content = f.content;
    request.limit = f.limit;
    request.notice = noticeOn(m_o);
    printSessions(take(SearchService(m_catalog).findSessions(request)), false);
}

// --- providers and agents ---
void Commands::printProviderTable(const QList<ProviderStatus>& statuses, bool withLocations) const
{
    TextTable table({u"PROVIDER"_s, u"NAME"_s, u"DATA"_s, u"WORKSPACES"_s, u"SESSIONS"_s, u"PROGRAM"_s});
    table.setRightAligned(3);
    table.setRightAligned(4);
    for (const ProviderStatus& p : statuses) {
        QStringList programs;
        for (const ProviderStatus::Command& command : p.commands) {
            programs << (command.path.isEmpty() ? command.name + u" (not installed)"_s : command.path);
        }
        table.addRow({p.id, p.name, p.hasData() ? u"found"_s : u"-"_s, QString::number(p.workspaceCount),
                      QString::number(p.sessionCount), programs.join(u", "_s)});
    }
    m_o.table(table);
    if (withLocations) {
        printLocations(statuses);
    }
}

void Commands::printLocations(const QList<ProviderStatus>& statuses) const
{
    for (const ProviderStatus& p : statuses) {
        for (const ProviderStatus::Location& location : p.locations) {
            m_o.line(u"  %1  %2 %3"_s.arg(p.id.leftJustified(12), location.exists ? u"found  "_s : u"missing"_s,
                                          location.path));
        }
    }
}

// `provider list`, `detect providers`, `list agents`: the same facts, filtered.
void Commands::listProviders(bool withSessions, bool agentsOnly) const
{
    const CatalogService::ProvidersReport report =
        take(CatalogService(m_catalog).providerStatuses({withSessions, agentsOnly}));
    if (m_o.json) {
        m_o.print(toJson(report));
        return;
    }
    printProviderTable(report.statuses, !agentsOnly);
    if (withSessions) {
        m_o.line();
        printSessionTable(m_o, report.sessions, false);
    }
}

// --- detect ---
QString Commands::activeWorkspace(const QList<Workspace>& matches) const
{
    return CatalogService::activeWorkspace(matches);
}

void Commands::detectWorkspace(const std::string& path) const
{
    const CatalogService::DetectReport report = take(CatalogService(m_catalog).detectWorkspace(q(path)));
    const QString& project = report.path;
    const QList<Workspace>& matches = report.workspaces;
    if (m_o.json) {
        m_o.print(detectWorkspaceJson(report));
        return;
    }
    if (matches.isEmpty()) {
        m_o.line(u"No editor workspace is known for %1."_s.arg(project));
        return;
    }
    m_o.line(u"%1 has %2 workspace(s); the editor's current one is %3"_s.arg(project, QString::number(matches.size()),
                                                                             report.activeWorkspace));
    printWorkspaceTable(m_o, matches);
}

void Commands::detectSession(const std::string& id, const std::string& projectPath) const
{
    const CatalogService::SessionOrigin origin = take(CatalogService(m_catalog).detectSession({q(id), q(projectPath)}));
    if (m_o.json) {
        m_o.print(toJson(origin));
        return;
    }
    const SessionRef& s = origin.session;
    m_o.line(u"Session:   %1  %2"_s.arg(s.id, s.title));
    m_o.line(u"Provider:  %1 (%2)"_s.arg(s.provider, origin.providerName));
    if (!s.editor.isEmpty()) {
        m_o.line(u"Editor:    "_s + s.editor);
    }
    m_o.line(u"Workspace: %1 (%2)"_s.arg(s.workspaceName, s.workspace));
    if (!s.projectPath.isEmpty()) {
        m_o.line(u"Project:   "_s + s.projectPath);
    }
    m_o.line(u"File:      %1%2"_s.arg(s.path, s.format.isEmpty() ? QString() : u" ("_s + s.format + u')'));
    if (!s.error.isEmpty()) {
        m_o.line(u"Error:     "_s + s.error);
    }
}

void Commands::detectAll(const std::string& path, bool verbose) const
{
    const CatalogService::DetectReport report = take(CatalogService(m_catalog).detectAll(q(path)));
    if (m_o.json) {
        m_o.print(detectAllJson(report));
        return;
    }
    m_o.line(u"Path: "_s + report.path);
    m_o.line();
    m_o.line(u"Providers:"_s);
    printProviderTable(report.providers, verbose);
    m_o.line();
    if (report.workspaces.isEmpty()) {
        m_o.line(u"No editor workspace is known for this path."_s);
        return;
    }
    m_o.line(u"Workspaces (current: %1):"_s.arg(report.activeWorkspace));
    printWorkspaceTable(m_o, report.workspaces);
    m_o.line();
    printSessionTable(m_o, report.sessions, verbose);
}

} // namespace chasm::cli
