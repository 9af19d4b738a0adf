// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#include "EditingService.h"

#include "json/Json.h"
#include "vscode/ChatSessionFile.h"

#include <algorithm>

using namespace Qt::StringLiterals;

namespace chasm {

Result<QList<EditingService::Item>> EditingService::list(const ListRequest& request) const
{
    const QString folder = request.projectPath.isEmpty() ? QString() : m_catalog.pathOrCwd(request.projectPath);
    auto found = m_catalog.workspaces(request.provider, folder);
    if (!found) {
        return found.error();
    }
    QList<Workspace> scope = folder.isEmpty() ? *found : m_catalog.workspacesForPath(*found, folder);
    scope.removeIf([](const Workspace& w) { return w.editor.isEmpty(); });
    QList<Item> result;
    for (const Workspace& w : std::as_const(scope)) {
        const QList<EditingSession> edits = EditingSession::list(w.storagePath);
        if (edits.isEmpty()) {
            continue;
        }
        const QList<SessionRef> chats = m_catalog.sessions({}, {w}).value();
        for (const EditingSession& e : edits) {
            const auto chat = std::find_if(chats.cbegin(), chats.cend(),
                                           [&e](const SessionRef& s) { return s.nativeId == e.sessionId; });
            result.append({e, w, chat == chats.cend() ? SessionRef() : *chat});
        }
    }
    std::stable_sort(result.begin(), result.end(),
                     [](const Item& a, const Item& b) { return a.edits.updatedAt > b.edits.updatedAt; });
    return result;
}

Result<EditingService::AgentReport> EditingService::show(const ShowRequest& request) const
{
    auto items = list({request.projectPath, {}});
    if (!items) {
        return items.error();
    }
    QList<const Item*> matches;
    for (const Item& item : std::as_const(*items)) {
        if (item.edits.sessionId == request.id) {
            matches = {&item};
            break;
        }
        if (item.edits.sessionId.startsWith(request.id)) {
            matches.append(&item);
        }
    }
    if (matches.isEmpty()) {
        return Error{u"no editing session has the id %1 (chasm list edits shows them)"_s.arg(request.id)};
    }
    if (matches.size() > 1) {
        return Error{u"%1 names %2 editing sessions: give more of the id"_s.arg(request.id).arg(matches.size())};
    }
    AgentReport report{*matches.first(), {}};
    if (!report.item.edits.error.isEmpty()) {
        return Error{report.item.edits.error};
    }
    if (!report.item.chat.path.isEmpty()) {
        if (auto chat = ChatSessionFile::read(report.item.chat.path)) {
            for (const boost::json::value& r : json::arrayAt(chat->tree, "requests")) {
                const boost::json::value* message = json::find(r, "message");
                report.prompts.insert(json::string(r, "requestId"),
                                      message ? json::string(*message, "text").section(u'\n', 0, 0) : QString());
            }
        }
    }
    return report;
}

boost::json::object toJson(const EditingService::Item& item)
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

boost::json::array toJson(const QList<EditingService::Item>& items)
{
    boost::json::array result;
    for (const EditingService::Item& item : items) {
        result.push_back(toJson(item));
    }
    return result;
}

boost::json::object toJson(const EditingService::AgentReport& report)
{
    const EditingSession& e = report.item.edits;
    boost::json::object o = toJson(report.item);
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
        files.push_back({{"path", json::fromQString(f.path)},
                         {"language", json::fromQString(f.languageId)},
                         {"state", f.state ? boost::json::value(json::fromQString(EditingSession::stateName(*f.state)))
                                           : boost::json::value(nullptr)},
                         {"requests", std::move(ids)},
                         {"operations", std::move(operations)},
                         {"undone_operations", f.undoneOperations}});
    }
    for (const QString& r : e.requestIds) {
        requests.push_back(
            {{"request_id", json::fromQString(r)},
             {"prompt", report.prompts.contains(r) ? boost::json::value(json::fromQString(report.prompts.value(r)))
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
    return o;
}

} // namespace chasm
