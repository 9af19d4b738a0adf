#include "Commands.h"

#include "json/Json.h"
#include "vscode/ChatSessionFile.h"
#include "vscode/EditingSession.h"
#include "vscode/Editor.h"
#include "model/ModelJson.h"
#include "providers/SessionCatalog.h"
#include "store/HarvestStore.h"
#include "vscode/SessionIndex.h"
#include <QFileInfo>
#include <QRegularExpression>
#include <algorithm>

#include <QFileInfo>
#include <QRegularExpression>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace chasm::cli {

// `folder`: a project the command names, where tools that keep history in projects (Aider) look too.
QList<Workspace> Commands::workspaces(const std::string& provider, const QString& folder) const
{
    return m_catalog.workspaces(providers(provider), folder.isEmpty() ? QStringList() : QStringList{folder});
}

QList<SessionRef> Commands::sessions(const std::string& provider, const QList<Workspace>& workspaces) const
{
    QList<SessionRef> result = m_catalog.sessions(providers(provider), workspaces);
    sortNewestFirst(result);
    return result;
}

QString Commands::pathOrCwd(const std::string& path) const
{
    return m_catalog.environment().absolutePath(path.empty() ? m_catalog.environment().workingDirectory() : q(path));
}

QList<Workspace> Commands::workspacesForPath(const QList<Workspace>& all, const QString& path) const
{
    return m_catalog.workspacesForPath(all, path);
}

// --- list ---
void Commands::listWorkspaces(const std::string& provider) const
{
    const QList<Workspace> all = workspaces(provider);
    if (m_o.json) {
        m_o.print(jsonArray(all, shapes::workspace));
        return;
    }
    printWorkspaceTable(m_o, all);
}

void Commands::listSessions(const std::string& projectPath, const std::string& provider, bool withSize) const
{
    const QString folder = projectPath.empty() ? QString() : pathOrCwd(projectPath);
    QList<Workspace> all = workspaces(provider, folder);
    if (!folder.isEmpty()) {
        all = workspacesForPath(all, folder);
    }
    printSessions(sessions(provider, all), withSize);
}

void Commands::printSessions(const QList<SessionRef>& list, bool withSize) const
{
    if (m_o.json) {
        m_o.print(jsonArray(list, shapes::sessionSummary));
        return;
    }
    printSessionTable(m_o, list, withSize);
}

void Commands::listPath(const std::string& path) const
{
    const QString project = pathOrCwd(path);
    const QList<Workspace> matches = workspacesForPath(workspaces({}, project), project);
    if (!m_o.json && matches.isEmpty()) {
        m_o.line(u"No editor workspace is known for %1."_s.arg(project));
        return;
    }
    printSessions(sessions({}, matches), true);
}

QList<Commands::EditingItem> Commands::editingSessions(const std::string& projectPath,
                                                       const std::string& provider) const
{
    const QString folder = projectPath.empty() ? QString() : pathOrCwd(projectPath);
    QList<Workspace> scope = workspaces(provider, folder);
    if (!folder.isEmpty()) {
        scope = workspacesForPath(scope, folder);
    }
    scope.removeIf([](const Workspace& w) { return w.editor.isEmpty(); });
    QList<EditingItem> result;
    for (const Workspace& w : std::as_const(scope)) {
        const QList<EditingSession> found = EditingSession::list(w.storagePath);
        if (found.isEmpty()) {
            continue;
        }
        const QList<SessionRef> chats = sessions({}, {w});
        for (const EditingSession& e : found) {
            const auto chat = std::find_if(chats.cbegin(), chats.cend(),
                                           [&e](const SessionRef& s) { return s.nativeId == e.sessionId; });
            result.append({e, w, chat == chats.cend() ? SessionRef() : *chat});
        }
    }
    std::stable_sort(result.begin(), result.end(),
                     [](const EditingItem& a, const EditingItem& b) { return a.edits.updatedAt > b.edits.updatedAt; });
    return result;
}

boost::json::object Commands::editingJson(const EditingItem& item) const
{
    const EditingSession& e = item.edits;
    QHash<EditingSession::FileState, int> states;
    for (const EditingSession::File& f : e.files) {
        if (f.state) {
            ++states[*f.state];
        }
    }
    const auto orNull = [](const QString& text) {
        return text.isEmpty() ? boost::json::value(nullptr) : boost::json::value(json::fromQString(text));
    };
    return {{"session_id", json::fromQString(e.sessionId)},
            {"title", orNull(item.chat.title)},
            {"chat_file", orNull(item.chat.path)},
            {"editor", json::fromQString(item.workspace.editor)},
            {"workspace", json::fromQString(item.workspace.storagePath)},
            {"project", orNull(item.workspace.projectPath)},
            {"folder", json::fromQString(e.folder)},
            {"layout", json::fromQString(e.layout)},
            {"version", e.version},
            {"file_count", e.files.size()},
            {"request_count", e.requestIds.size()},
            {"accepted", states.value(EditingSession::FileState::Accepted)},
            {"rejected", states.value(EditingSession::FileState::Rejected)},
            {"modified", states.value(EditingSession::FileState::Modified)},
            {"size_bytes", e.sizeBytes},
            {"updated_at", e.updatedAt.isValid() ? orNull(e.updatedAt.toUTC().toString(Qt::ISODate)) : nullptr},
            {"error", orNull(e.error)}};
}

void Commands::listEdits(const std::string& projectPath, const std::string& provider, bool withSize) const
{
    const QList<EditingItem> items = editingSessions(projectPath, provider);
    if (m_o.json) {
        boost::json::array result;
        for (const EditingItem& item : items) {
            result.push_back(editingJson(item));
        }
        m_o.print(result);
        return;
    }
    if (items.isEmpty()) {
        m_o.line(u"No editing sessions found (the editors keep them in chatEditingSessions)."_s);
        return;
    }
    QStringList headers{u"SESSION"_s, u"TITLE"_s, u"FILES"_s, u"REQUESTS"_s, u"UPDATED"_s};
    if (withSize) {
        headers << u"SIZE"_s;
    }
    headers << u"PROJECT"_s;
    TextTable table(headers);
    table.setMaxWidth(1, 40);
    table.setRightAligned(2);
    table.setRightAligned(3);
    for (const EditingItem& item : items) {
        const EditingSession& e = item.edits;
        QStringList row{e.sessionId.left(8),
                        !e.error.isEmpty()          ? u"(unreadable)"_s
                        : item.chat.title.isEmpty() ? u"(no chat file)"_s
                                                    : item.chat.title,
                        QString::number(e.files.size()), QString::number(e.requestIds.size()), shortTime(e.updatedAt)};
        if (withSize) {
            row << humanSize(e.sizeBytes);
        }
        row << (item.workspace.projectPath.isEmpty() ? item.workspace.storagePath : item.workspace.projectPath);
        table.addRow(row);
    }
    table.print(m_o.out);
    m_o.line(u"%1 editing session(s)"_s.arg(items.size()));
    for (const EditingItem& item : items) {
        if (!item.edits.error.isEmpty()) {
            m_o.err << "warning: " << item.edits.error.toStdString() << '\n';
        }
    }
}

void Commands::showAgent(const std::string& id, const std::string& projectPath) const
{
    const QList<EditingItem> items = editingSessions(projectPath, {});
    QList<const EditingItem*> matches;
    for (const EditingItem& item : items) {
        if (item.edits.sessionId == q(id)) {
            matches = {&item};
            break;
        }
        if (item.edits.sessionId.startsWith(q(id))) {
            matches.append(&item);
        }
    }
    if (matches.isEmpty()) {
        throw CommandError{u"no editing session has the id %1 (chasm list edits shows them)"_s.arg(q(id))};
    }
    if (matches.size() > 1) {
        throw CommandError{u"%1 names %2 editing sessions: give more of the id"_s.arg(q(id)).arg(matches.size())};
    }
    const EditingItem& item = *matches.first();
    const EditingSession& e = item.edits;
    if (!e.error.isEmpty()) {
        throw CommandError{e.error};
    }
    // The prompt of each request, from the chat session file.
    QHash<QString, QString> prompts;
    if (!item.chat.path.isEmpty()) {
        if (auto chat = ChatSessionFile::read(item.chat.path)) {
            for (const boost::json::value& request : json::arrayAt(chat->tree, "requests")) {
                const boost::json::value* message = json::find(request, "message");
                prompts.insert(json::string(request, "requestId"),
                               message ? json::string(*message, "text").section(u'\n', 0, 0) : QString());
            }
        }
    }
    if (m_o.json) {
        boost::json::object o = editingJson(item);
        boost::json::array files, requests, checkpoints;
        for (const EditingSession::File& f : e.files) {
            boost::json::object operations;
            for (auto it = f.operations.cbegin(); it != f.operations.cend(); ++it) {
                operations[it.key().toStdString()] = it.value();
            }
            boost::json::array ids;
            for (const QString& r : f.requestIds) {
                ids.push_back(json::fromQString(r));
            }
            files.push_back(
                {{"path", json::fromQString(f.path)},
                 {"language", json::fromQString(f.languageId)},
                 {"state", f.state ? boost::json::value(json::fromQString(EditingSession::stateName(*f.state)))
                                   : boost::json::value(nullptr)},
                 {"requests", std::move(ids)},
                 {"operations", std::move(operations)},
                 {"undone_operations", f.undoneOperations}});
        }
        for (const QString& r : e.requestIds) {
            requests.push_back({{"request_id", json::fromQString(r)},
                                {"prompt", prompts.contains(r) ? boost::json::value(json::fromQString(prompts.value(r)))
                                                               : boost::json::value(nullptr)}});
        }
        for (const EditingSession::Checkpoint& c : e.checkpoints) {
            checkpoints.push_back({{"label", json::fromQString(c.label)},
                                   {"request_id", json::fromQString(c.requestId)},
                                   {"undo_stop_id", json::fromQString(c.undoStopId)},
                                   {"epoch", c.epoch},
                                   {"undone", c.undone}});
        }
        o["files"] = std::move(files);
        o["requests"] = std::move(requests);
        o["checkpoints"] = std::move(checkpoints);
        o["undone_requests"] = e.undoneRequests;
        m_o.print(o);
        return;
    }
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
    QList<Workspace> scope = workspaces({});
    if (!all) {
        scope = workspacesForPath(scope, pathOrCwd(path));
    }
    // Only the VS Code family keeps a session index.
    scope.removeIf([](const Workspace& w) {
        return w.editor.isEmpty() || (!w.hasChatSessions && !QFileInfo::exists(w.stateDatabasePath));
    });
    return scope;
}

QList<Commands::WorkspaceIndex> Commands::inspectIndexes(const QList<Workspace>& scope) const
{
    QList<WorkspaceIndex> result;
    for (const Workspace& workspace : scope) {
        WorkspaceIndex item{workspace, sessions({}, {workspace}), {}, {}};
        SessionIndex::Inspection inspection = SessionIndex::inspect(workspace.stateDatabasePath, item.files);
        item.entries = std::move(inspection.entries);
        item.error = std::move(inspection.error);
        result.append(item);
    }
    return result;
}

void Commands::listOrphaned(const std::string& path, bool all) const
{
    const QList<Workspace> scope = indexScope(path, all);
    QList<SessionRef> orphans;
    for (const WorkspaceIndex& index : inspectIndexes(scope)) {
        if (!index.error.isEmpty()) {
            m_o.err << "warning: " << index.error.toStdString() << " (its sessions are not judged)\n";
        }
        for (const IndexEntry& entry : index.entries) {
            const bool orphan = std::any_of(entry.problems.cbegin(), entry.problems.cend(),
                                            [](const IndexProblem& p) { return p.code == u"not_in_index"_s; });
            const auto file = std::find_if(index.files.cbegin(), index.files.cend(),
                                           [&entry](const SessionRef& s) { return s.path == entry.file; });
            if (orphan && file != index.files.cend()) {
                orphans.append(*file);
            }
        }
    }
    if (!m_o.json && scope.isEmpty()) {
        m_o.line(all ? u"No editor workspaces found."_s
                     : u"No editor workspace is known for %1 (use --all for every workspace)."_s.arg(pathOrCwd(path)));
        return;
    }
    if (!m_o.json && orphans.isEmpty()) {
        m_o.line(u"No orphaned sessions: every session file is in its editor's index."_s);
        return;
    }
    printSessions(orphans, true);
}

// --- show ---
void Commands::showSession(const std::string& id, const std::string& projectPath) const
{
    QList<Workspace> scope = workspaces({});
    if (!projectPath.empty()) {
        scope = workspacesForPath(scope, pathOrCwd(projectPath));
    }
    const SessionRef ref = take(SessionCatalog::resolveSession(sessions({}, scope), q(id)));
    const Session session = take(m_catalog.load(ref));
    if (m_o.json) {
        m_o.print(shapes::session(session));
        return;
    }
    m_o.line(session.title);
    m_o.line(u"id:       "_s + session.id);
    m_o.line(u"project:  "_s + (session.projectPath.isEmpty() ? u"-"_s : session.projectPath));
    m_o.line(u"file:     "_s + ref.path);
    m_o.line(u"created:  "_s + shortTime(session.createdAt) + u"   updated: "_s + shortTime(session.updatedAt));
    m_o.line(u"model:    "_s + (session.model.isEmpty() ? u"-"_s : session.model) +
             (session.totalTokens ? u"   tokens: "_s + QString::number(*session.totalTokens) : QString()));
    for (const QString& warning : session.warnings) {
        m_o.err << "warning: " << warning.toStdString() << '\n';
    }
    for (const Message& m : session.messages) {
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
}

void Commands::showWorkspace(const std::string& nameOrHash) const
{
    const Workspace w = take(SessionCatalog::resolveWorkspace(workspaces({}), q(nameOrHash)));
    const QList<SessionRef> list = sessions({}, {w});
    if (m_o.json) {
        boost::json::object o = shapes::workspace(w);
        o["sessions"] = jsonArray(list, shapes::sessionSummary);
        m_o.print(o);
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
    const QList<WorkspaceIndex> indexes = inspectIndexes(indexScope(path, all));
    if (m_o.json) {
        m_o.print(jsonArray(indexes, [](const WorkspaceIndex& index) {
            boost::json::object o;
            o["workspace"] = shapes::workspace(index.workspace);
            o["database"] = json::fromQString(index.workspace.stateDatabasePath);
            o["error"] = index.error.isEmpty() ? boost::json::value(nullptr)
                                               : boost::json::value(json::fromQString(index.error));
            o["entries"] = jsonArray(index.entries, shapes::indexEntry);
            return o;
        }));
        return;
    }
    if (indexes.isEmpty()) {
        m_o.line(all ? u"No editor workspaces found."_s
                     : u"No editor workspace is known for %1 (use --all for every workspace)."_s.arg(pathOrCwd(path)));
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
        table.setMaxWidth(7, 40);
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
            table.print(m_o.out);
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
    const QString project = pathOrCwd(path);
    const QList<Workspace> matches = workspacesForPath(workspaces({}), project);
    QList<SessionRef> list = sessions({}, matches);
    std::stable_sort(list.begin(), list.end(),
                     [](const SessionRef& a, const SessionRef& b) { return a.createdAt < b.createdAt; });
    if (m_o.json) {
        boost::json::object o;
        o["path"] = json::fromQString(project);
        o["workspaces"] = jsonArray(matches, shapes::workspace);
        o["sessions"] = jsonArray(list, shapes::sessionSummary);
        m_o.print(o);
        return;
    }
    if (matches.isEmpty()) {
        m_o.line(u"No editor workspace is known for %1."_s.arg(project));
        return;
    }
    m_o.line(u"Chat history of %1: %2 session(s) in %3 workspace(s)"_s.arg(project, QString::number(list.size()),
                                                                           QString::number(matches.size())));
    TextTable table({u"FROM"_s, u"TO"_s, u"MSGS"_s, u"WORKSPACE"_s, u"ID"_s, u"TITLE"_s});
    table.setRightAligned(2);
    table.setMaxWidth(5, 50);
    const QHash<QString, QString> ids = shortIds(list);
    for (const SessionRef& s : list) {
        table.addRow({shortTime(s.createdAt), shortTime(s.updatedAt), QString::number(s.messageCount),
                      s.workspaceId.left(s.workspaceId.indexOf(u':') + 9), ids.value(s.id), s.title});
    }
    table.print(m_o.out);
}

// A project's sessions over time, every tool together, with the gaps (in calendar days, UTC) between them: where
// history may be missing (a purge, a folder move, another machine).
void Commands::showTimeline(const std::string& path, int gapDays) const
{
    const QString project = pathOrCwd(path);
    QList<SessionRef> list = sessions({}, workspacesForPath(workspaces({}, project), project));
    // A session that cannot be read has no dates of its own (its file's time is no clue).
    const qsizetype unreadable = list.removeIf([](const SessionRef& s) { return !s.error.isEmpty(); });
    list.removeIf([](const SessionRef& s) { return !s.createdAt.isValid(); });
    std::stable_sort(list.begin(), list.end(),
                     [](const SessionRef& a, const SessionRef& b) { return a.createdAt < b.createdAt; });
    struct Gap
    {
        QDateTime from;
        QDateTime to;
        qint64 days;
    };
    QList<Gap> gaps;
    QDateTime reached;
    for (const SessionRef& s : std::as_const(list)) {
        if (reached.isValid() && reached.toUTC().daysTo(s.createdAt.toUTC()) >= gapDays) {
            gaps.append({reached, s.createdAt, reached.toUTC().daysTo(s.createdAt.toUTC())});
        }
        const QDateTime end = s.updatedAt.isValid() ? s.updatedAt : s.createdAt;
        reached = reached.isValid() ? std::max(reached, end) : end;
    }
    if (m_o.json) {
        boost::json::array gapArray;
        for (const Gap& gap : std::as_const(gaps)) {
            gapArray.push_back({{"from", json::fromQString(gap.from.toUTC().toString(Qt::ISODate))},
                                {"to", json::fromQString(gap.to.toUTC().toString(Qt::ISODate))},
                                {"days", gap.days}});
        }
        m_o.print(boost::json::object{{"path", json::fromQString(project)},
                                      {"sessions", jsonArray(list, shapes::sessionSummary)},
                                      {"gaps", std::move(gapArray)},
                                      {"unreadable", unreadable}});
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
    const QString needle = pattern.empty() ? QFileInfo(pathOrCwd({})).fileName() : q(pattern);
    QList<Workspace> all = workspaces({});
    all.removeIf([&needle](const Workspace& w) {
        return !(w.projectPath.contains(needle, Qt::CaseInsensitive) || w.uri.contains(needle, Qt::CaseInsensitive) ||
                 w.hash.startsWith(needle, Qt::CaseInsensitive) ||
                 w.displayName().contains(needle, Qt::CaseInsensitive));
    });
    if (m_o.json) {
        m_o.print(jsonArray(all, shapes::workspace));
        return;
    }
    printWorkspaceTable(m_o, all);
}

void Commands::findSession(const SessionFilter& f) const
{
    const QString needle = q(f.pattern);
    const QDateTime after = f.after.empty() ? QDateTime() : parseDate(f.after, "--after", false);
    const QDateTime before = f.before.empty() ? QDateTime() : parseDate(f.before, "--before", true);
    QList<Workspace> scope = workspaces(f.provider);
    if (!f.workspace.empty()) {
        const QString w = q(f.workspace);
        scope.removeIf([&w](const Workspace& ws) {
            return !(ws.projectPath.contains(w, Qt::CaseInsensitive) || ws.hash.startsWith(w) ||
                     ws.displayName().contains(w, Qt::CaseInsensitive));
        });
    }
    // Content is searched in the harvest index for the sessions it holds as they are now, and in
    // the files for the rest (new or changed since the last harvest).
    std::unique_ptr<Database> db;
    std::unique_ptr<HarvestStore> store;
    QSet<QString> indexed;
    if (f.content && !f.titleOnly && !needle.isEmpty() && QFileInfo::exists(databasePath({}))) {
        db = openDatabase({});
        store = std::make_unique<HarvestStore>(*db);
        indexed = take(store->sessionsContaining(needle));
    }
    // As the index matches: every word of the pattern at the start of a word of one message.
    QList<QRegularExpression> wordStarts;
    static const QRegularExpression separators(u"[^\\p{L}\\p{N}]+"_s);
    for (const QString& word : needle.split(separators, Qt::SkipEmptyParts)) {
        wordStarts.append(
            QRegularExpression(u"\\b"_s + QRegularExpression::escape(word), QRegularExpression::CaseInsensitiveOption));
    }
    QList<SessionRef> found;
    for (const SessionRef& s : sessions(f.provider, scope)) {
        if (int(found.size()) >= f.limit) {
            break;
        }
        if ((after.isValid() && s.updatedAt < after) || (before.isValid() && s.updatedAt > before)) {
            continue;
        }
        bool match = needle.isEmpty() || s.title.contains(needle, Qt::CaseInsensitive);
        if (!match && !f.titleOnly) {
            match = s.id.startsWith(needle) || s.nativeId.startsWith(needle);
        }
        if (!match && store && store->sourceState(s) == HarvestStore::SourceState::Unchanged) {
            match = indexed.contains(s.id);
        } else if (!match && f.content && !f.titleOnly && s.error.isEmpty()) {
            if (auto session = m_catalog.load(s)) {
                match =
                    std::any_of(session->messages.cbegin(), session->messages.cend(), [&wordStarts](const Message& m) {
                        return std::all_of(wordStarts.cbegin(), wordStarts.cend(),
                                           [&m](const QRegularExpression& word) { return m.content.contains(word); });
                    });
            }
        }
        if (match) {
            found.append(s);
        }
    }
    printSessions(found, false);
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
    table.print(m_o.out);
    if (withLocations) {
        for (const ProviderStatus& p : statuses) {
            for (const ProviderStatus::Location& location : p.locations) {
                m_o.line(u"  %1  %2 %3"_s.arg(p.id.leftJustified(12), location.exists ? u"found  "_s : u"missing"_s,
                                              location.path));
            }
        }
    }
}

// `provider list`, `detect providers`, `list agents`: the same facts, filtered.
void Commands::listProviders(bool withSessions, bool agentsOnly) const
{
    const QList<const Provider*> all = providers({});
    const QList<Workspace> everything = m_catalog.workspaces(all);
    QList<ProviderStatus> statuses = m_catalog.status(all, everything);
    if (agentsOnly) {
        // Agents are command-line tools; editors' launchers ("code", "cursor") do not make one.
        QStringList launchers;
        for (const EditorInfo& editor : allEditors()) {
            launchers << editor.command;
        }
        statuses.removeIf([&launchers](const ProviderStatus& p) {
            return std::all_of(p.commands.cbegin(), p.commands.cend(),
                               [&launchers](const ProviderStatus::Command& c) { return launchers.contains(c.name); });
        });
    }
    const QList<SessionRef> list = withSessions ? sessions({}, everything) : QList<SessionRef>();
    if (m_o.json) {
        boost::json::array array;
        for (const ProviderStatus& status : statuses) {
            boost::json::object o = shapes::providerStatus(status);
            if (withSessions) {
                boost::json::array own;
                for (const SessionRef& s : list) {
                    if (s.provider == status.id) {
                        own.emplace_back(shapes::sessionSummary(s));
                    }
                }
                o["sessions"] = std::move(own);
            }
            array.emplace_back(std::move(o));
        }
        m_o.print(array);
        return;
    }
    printProviderTable(statuses, !agentsOnly);
    if (withSessions) {
        m_o.line();
        printSessionTable(m_o, list, false);
    }
}

// --- detect ---
QString Commands::activeWorkspace(const QList<Workspace>& matches) const
{
    const auto newest = std::max_element(matches.cbegin(), matches.cend(), [](const Workspace& a, const Workspace& b) {
        return QFileInfo(a.stateDatabasePath).lastModified() < QFileInfo(b.stateDatabasePath).lastModified();
    });
    return newest == matches.cend() ? QString() : newest->id;
}

void Commands::detectWorkspace(const std::string& path) const
{
    const QString project = pathOrCwd(path);
    const QList<Workspace> matches = workspacesForPath(workspaces({}), project);
    const QString active = activeWorkspace(matches);
    if (m_o.json) {
        boost::json::object o;
        o["path"] = json::fromQString(project);
        o["found"] = !matches.isEmpty();
        o["active_workspace"] = active.isEmpty() ? boost::json::value(nullptr) : json::fromQString(active);
        o["workspaces"] = jsonArray(matches, shapes::workspace);
        m_o.print(o);
        return;
    }
    if (matches.isEmpty()) {
        m_o.line(u"No editor workspace is known for %1."_s.arg(project));
        return;
    }
    m_o.line(u"%1 has %2 workspace(s); the editor's current one is %3"_s.arg(project, QString::number(matches.size()),
                                                                             active));
    printWorkspaceTable(m_o, matches);
}

void Commands::detectAll(const std::string& path, bool verbose) const
{
    const QString project = pathOrCwd(path);
    const QList<const Provider*> all = providers({});
    const QList<Workspace> everything = m_catalog.workspaces(all);
    const QList<Workspace> matches = workspacesForPath(everything, project);
    const QList<SessionRef> list = sessions({}, matches);
    const QString active = activeWorkspace(matches);

    const QList<ProviderStatus> statuses = m_catalog.status(all, everything);
    if (m_o.json) {
        boost::json::object o;
        o["path"] = json::fromQString(project);
        o["active_workspace"] = active.isEmpty() ? boost::json::value(nullptr) : json::fromQString(active);
        o["workspaces"] = jsonArray(matches, shapes::workspace);
        o["providers"] = jsonArray(statuses, shapes::providerStatus);
        o["sessions"] = jsonArray(list, shapes::sessionSummary);
        m_o.print(o);
        return;
    }
    m_o.line(u"Path: "_s + project);
    m_o.line();
    m_o.line(u"Providers:"_s);
    printProviderTable(statuses, verbose);
    m_o.line();
    if (matches.isEmpty()) {
        m_o.line(u"No editor workspace is known for this path."_s);
        return;
    }
    m_o.line(u"Workspaces (current: %1):"_s.arg(active));
    printWorkspaceTable(m_o, matches);
    m_o.line();
    printSessionTable(m_o, list, verbose);
}

} // namespace chasm::cli
