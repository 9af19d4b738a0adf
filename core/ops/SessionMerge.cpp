// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#include "SessionMerge.h"

#include "json/Json.h"
#include "vscode/WorkspaceStorage.h"

#include <QFileInfo>
#include <QHash>
#include <QTimeZone>
#include <QUuid>

#include <boost/json.hpp>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace chasm {

namespace {

namespace bj = boost::json;

// Tool output beyond this many characters is left out of the merged response (the source keeps it).
constexpr qsizetype toolOutputLimit = 2000;

QString newId()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces);
}

// An id derived from `name`: converting the same session again gives the same ids, so that its requests
// are recognised as the ones merged or imported before.
QString idFor(const QString& name)
{
    static const QUuid chasmNamespace(u"6f1d3c2e-5b1a-4c8e-9d0f-2a7b8c9d0e1f"_s);
    return QUuid::createUuidV5(chasmNamespace, name).toString(QUuid::WithoutBraces);
}

qint64 msOf(const QDateTime& time)
{
    return time.isValid() ? time.toMSecsSinceEpoch() : 0;
}

// A user prompt as VS Code stores it: the text and one text part spanning it.
bj::object messageOf(const QString& text)
{
    const qsizetype lines = text.count(u'\n') + 1;
    const qsizetype lastLine = text.size() - text.lastIndexOf(u'\n') - 1;
    return {{"text", json::fromQString(text)},
            {"parts",
             bj::array{bj::object{
                 {"range", {{"start", 0}, {"endExclusive", text.size()}}},
                 {"editorRange",
                  {{"startLineNumber", 1}, {"startColumn", 1}, {"endLineNumber", lines}, {"endColumn", lastLine + 1}}},
                 {"text", json::fromQString(text)},
                 {"kind", "text"}}}}};
}

QString fenced(const QString& text, const QString& language)
{
    QString fence = u"```"_s;
    while (text.contains(fence)) {
        fence += u'`';
    }
    return fence + language + u'\n' + text + (text.endsWith(u'\n') ? QString() : u"\n"_s) + fence + u'\n';
}

struct Converted
{
    QList<bj::object> requests;
    int systemMessages = 0;
    int clippedOutputs = 0;
    int orphanReplies = 0; // assistant turns before any user turn: carried in a request of their own
    int images = 0;        // the readers leave "[image]" where a message held an image
};

// A session of another tool: each user turn becomes a request answered by the assistant turns after it.
Converted convert(const Session& session)
{
    Converted result;
    const auto start = [&](const QString& text, const QDateTime& time) {
        const QString turn = session.id + u'#' + QString::number(result.requests.size());
        bj::object request{{"requestId", json::fromQString(u"request_"_s + idFor(turn))},
                           {"timestamp", msOf(time)},
                           {"message", messageOf(text)},
                           {"variableData", {{"variables", bj::array()}}},
                           {"response", bj::array()},
                           {"responseId", json::fromQString(u"response_"_s + idFor(turn + u"/response"_s))},
                           {"result", bj::object()},
                           {"followups", bj::array()},
                           {"isCanceled", false},
                           {"contentReferences", bj::array()},
                           {"codeCitations", bj::array()},
                           {"chasm", {{"source_session", json::fromQString(session.id)}}}};
        result.requests.append(std::move(request));
    };
    QString markdown;
    const auto flush = [&] {
        if (result.requests.isEmpty() || markdown.isEmpty()) {
            return;
        }
        bj::object& last = result.requests.last();
        last["response"].as_array().push_back(
            bj::object{{"value", json::fromQString(markdown)}, {"supportThemeIcons", false}, {"supportHtml", false}});
        last["modelState"] = bj::object{{"value", 1}, {"completedAt", last.at("timestamp")}};
        markdown.clear();
    };
    for (const Message& m : session.messages) {
        result.images += int(m.content.count(u"[image]"_s));
        for (const ToolCall& call : m.toolCalls) {
            result.images += int(call.output.count(u"[image]"_s));
        }
        if (m.role == Role::System) {
            ++result.systemMessages;
            continue;
        }
        if (m.role == Role::User) {
            flush();
            start(m.content, m.timestamp.isValid() ? m.timestamp : session.createdAt);
            continue;
        }
        if (result.requests.isEmpty()) {
            ++result.orphanReplies;
            start(QString(), m.timestamp.isValid() ? m.timestamp : session.createdAt);
        }
        if (!m.model.isEmpty()) {
            result.requests.last()["modelId"] = json::fromQString(m.model);
        }
        if (!m.content.isEmpty()) {
            markdown += (markdown.isEmpty() ? QString() : u"\n\n"_s) + m.content;
        }
        for (const ToolCall& call : m.toolCalls) {
            QString block = u"\n\n**Tool call: %1**%2\n\n"_s.arg(
                call.name, call.status.isEmpty() ? QString() : u" (%1)"_s.arg(call.status));
            if (!call.input.isEmpty()) {
                block += fenced(call.input, u"json"_s);
            }
            if (!call.output.isEmpty()) {
                QString output = call.output.left(toolOutputLimit);
                if (call.output.size() > toolOutputLimit) {
                    ++result.clippedOutputs;
                    output +=
                        u"\n… %1 more characters (in the original session)"_s.arg(call.output.size() - toolOutputLimit);
                }
                block += fenced(output, u"text"_s);
            }
            markdown += block;
        }
    }
    flush();
    return result;
}

// Whether a request's response ended as the editor ends a complete one (not pending, cancelled or failed).
bool finished(const bj::object& request)
{
    if (const bj::value* state = request.if_contains("modelState")) {
        return json::integer(*state, "value") == 1;
    }
    if (const bj::value* cancelled = request.if_contains("isCanceled"); cancelled && cancelled->is_bool()) {
        if (cancelled->get_bool()) {
            return false;
        }
    }
    const bj::value* result = request.if_contains("result");
    return result && result->is_object() && !result->get_object().contains("errorDetails");
}

// Whether `part` is `whole`, or its beginning: a text part whose text `whole`'s continues.
bool partBegins(const bj::value& part, const bj::value& whole)
{
    if (part == whole) {
        return true;
    }
    const bj::value* text = part.is_object() ? part.get_object().if_contains("value") : nullptr;
    const bj::value* longer = whole.is_object() ? whole.get_object().if_contains("value") : nullptr;
    return text && longer && text->is_string() && longer->is_string() &&
           std::string_view(longer->get_string()).starts_with(std::string_view(text->get_string()));
}

// Whether response `part` is where response `whole` began: every part the same but the last, which
// `whole`'s may continue.
bool responseBegins(const bj::array& part, const bj::array& whole)
{
    if (part.size() > whole.size()) {
        return false;
    }
    for (std::size_t i = 0; i < part.size(); ++i) {
        if (i + 1 < part.size() ? part.at(i) != whole.at(i) : !partBegins(part.at(i), whole.at(i))) {
            return false;
        }
    }
    return true;
}

// Two copies of a request: the same (the same prompt and response; where each came from, their bookkeeping
// and, with `ignoreIds`, their ids aside), or one cut off where the other goes on (`kept` or `other` is the
// complete one), or two different requests.
enum class Copies
{
    Same,
    KeptCompletes,
    OtherCompletes,
    Different,
};

Copies compare(bj::object kept, bj::object other, bool ignoreIds)
{
    kept.erase("chasm");
    other.erase("chasm");
    if (ignoreIds) {
        for (const std::string_view key : {"requestId", "responseId"}) {
            kept.erase(key);
            other.erase(key);
        }
    }
    if (kept == other) {
        return Copies::Same;
    }
    const bj::value* keptMessage = kept.if_contains("message");
    const bj::value* otherMessage = other.if_contains("message");
    if (!keptMessage || !otherMessage || json::string(*keptMessage, "text") != json::string(*otherMessage, "text")) {
        return Copies::Different;
    }
    // Not json::arrayAt: it takes a value, and an object would be copied into a temporary one.
    static const bj::array none;
    const bj::value* keptParts = kept.if_contains("response");
    const bj::value* otherParts = other.if_contains("response");
    const bj::array& keptResponse = keptParts && keptParts->is_array() ? keptParts->get_array() : none;
    const bj::array& otherResponse = otherParts && otherParts->is_array() ? otherParts->get_array() : none;
    const bool keptBegins = responseBegins(keptResponse, otherResponse);
    const bool otherBegins = responseBegins(otherResponse, keptResponse);
    if (keptBegins && otherBegins) {
        // The same prompt and response: the same request, unless only one copy finished (the complete one).
        if (finished(kept) != finished(other)) {
            return finished(kept) ? Copies::KeptCompletes : Copies::OtherCompletes;
        }
        return Copies::Same;
    }
    return keptBegins ? Copies::OtherCompletes : otherBegins ? Copies::KeptCompletes : Copies::Different;
}

QString sourceOf(const bj::object& request)
{
    const bj::value* chasm = request.if_contains("chasm");
    return chasm ? json::string(*chasm, "source_session") : QString();
}

} // namespace

Result<QList<SessionMerge::Input>> SessionMerge::inputsOf(const SessionCatalog& catalog,
                                                          const QList<SessionRef>& sessions)
{
    QList<Input> inputs;
    for (const SessionRef& ref : sessions) {
        if (!ref.editor.isEmpty() && ChatSessionFile::formatOf(ref.path)) {
            auto file = ChatSessionFile::read(ref.path);
            if (!file) {
                return file.error();
            }
            Session session;
            session.id = ref.id;
            session.nativeId = ref.nativeId;
            session.provider = ref.provider;
            session.createdAt = ref.createdAt;
            inputs.append({std::move(session), std::move(file->tree)});
            continue;
        }
        auto session = catalog.load(ref);
        if (!session) {
            return session.error();
        }
        inputs.append({std::move(*session), std::nullopt});
    }
    return inputs;
}

std::optional<Workspace> SessionMerge::defaultTarget(const QList<Workspace>& projectWorkspaces, const QString& editor)
{
    QList<Workspace> candidates = projectWorkspaces;
    candidates.removeIf(
        [&editor](const Workspace& w) { return w.editor.isEmpty() || (!editor.isEmpty() && w.editor != editor); });
    if (candidates.isEmpty()) {
        return std::nullopt;
    }
    std::stable_sort(candidates.begin(), candidates.end(), [](const Workspace& a, const Workspace& b) {
        return a.editor == u"code"_s && b.editor != u"code"_s;
    });
    const QString chosen = candidates.first().editor;
    candidates.removeIf([&chosen](const Workspace& w) { return w.editor != chosen; });
    const QList<Registrar::ProjectWorkspaces> grouped = Registrar::findOrphanedWorkspaces(candidates);
    return grouped.isEmpty() ? candidates.first() : grouped.first().active;
}

QString SessionMerge::defaultTitle(const QString& project, int sessions, const QDateTime& first, const QDateTime& last)
{
    const QString from = first.toUTC().date().toString(Qt::ISODate);
    const QString to = last.toUTC().date().toString(Qt::ISODate);
    const QString range = !first.isValid() ? QString() : from == to ? u", "_s + from : u", %1 – %2"_s.arg(from, to);
    const QString name = project.isEmpty() ? u"sessions"_s : QFileInfo(project).fileName();
    return u"Merged: %1 (%2 sessions%3)"_s.arg(name).arg(sessions).arg(range);
}

Result<SessionMerge::Plan> SessionMerge::plan(const QList<Input>& inputs, const QString& title, const QString& project)
{
    Plan plan;
    plan.sessions = int(inputs.size());
    struct Item
    {
        bj::object request;
        qint64 time;
        int order;
    };
    std::vector<Item> items;
    QMap<QString, int> systemBySource, clippedBySource, imagesBySource;
    QString requester;
    for (const Input& input : inputs) {
        if (input.tree) {
            if (requester.isEmpty()) {
                requester = json::string(*input.tree, "requesterUsername");
            }
            const qint64 created = json::integer(*input.tree, "creationDate").value_or(msOf(input.session.createdAt));
            qint64 previous = created;
            for (const bj::value& value : json::arrayAt(*input.tree, "requests")) {
                if (!value.is_object()) {
                    continue;
                }
                bj::object request = value.get_object();
                // A request merged before keeps the session it first came from.
                if (!request.contains("chasm")) {
                    request["chasm"] = bj::object{{"source_session", json::fromQString(input.session.id)}};
                }
                const qint64 time = json::integer(request, "timestamp").value_or(previous);
                previous = time;
                items.push_back({std::move(request), time, int(items.size())});
            }
            continue;
        }
        Converted converted = convert(input.session);
        if (converted.systemMessages > 0) {
            systemBySource[input.session.provider] += converted.systemMessages;
        }
        if (converted.images > 0) {
            imagesBySource[input.session.provider] += converted.images;
        }
        if (converted.clippedOutputs > 0) {
            clippedBySource[input.session.provider] += converted.clippedOutputs;
        }
        for (bj::object& request : converted.requests) {
            const qint64 time = json::integer(request, "timestamp").value_or(0);
            items.push_back({std::move(request), time, int(items.size())});
        }
    }
    std::stable_sort(items.begin(), items.end(), [](const Item& a, const Item& b) { return a.time < b.time; });
    // The requests kept, and where each id and each text at its time is among them.
    std::vector<bj::object> merged;
    QHash<QString, std::size_t> byId, byText;
    const auto keep = [&](bj::object request, const QString& id, const QString& textKey) {
        if (!id.isEmpty()) {
            byId.insert(id, merged.size());
        }
        byText.insert(textKey, merged.size());
        merged.push_back(std::move(request));
    };
    for (Item& item : items) {
        QString id = json::string(item.request, "requestId");
        const bj::value* message = item.request.if_contains("message"); // not json::find: it takes a value
        const QString text = message ? json::string(*message, "text") : QString();
        const QString textKey = text + u'\x1f' + QString::number(item.time);
        const bool idTaken = !id.isEmpty() && byId.contains(id);
        if (!idTaken && !(!text.isEmpty() && byText.contains(textKey))) {
            keep(std::move(item.request), id, textKey);
            continue;
        }
        // Found again: the same request (another copy of its session), one cut off where the other goes on, or,
        // under an id taken, another request.
        const std::size_t at = idTaken ? byId.value(id) : byText.value(textKey);
        bj::object& earlier = merged.at(at);
        const Copies copies = compare(earlier, item.request, !idTaken);
        if (copies == Copies::Same || (copies == Copies::Different && !idTaken)) {
            ++plan.duplicates; // the same text at the same time is the same request, as it always was
            continue;
        }
        Plan::Conflict conflict{json::string(earlier, "requestId"), sourceOf(earlier), sourceOf(item.request), {}};
        if (copies == Copies::KeptCompletes) {
            plan.conflicts.append(conflict);
            continue;
        }
        if (copies == Copies::OtherCompletes) {
            std::swap(conflict.keptFrom, conflict.otherFrom);
            plan.conflicts.append(conflict);
            if (!id.isEmpty()) {
                byId.insert(id, at);
            }
            earlier = std::move(item.request);
            continue;
        }
        // Another request under the id: it comes in under an id of its own, the same again when merged again.
        const QString original = id;
        const QString name = conflict.otherFrom + u'/' + original;
        for (int n = 0; byId.contains(id); ++n) {
            id = u"request_"_s + idFor(n == 0 ? name : name + u'#' + QString::number(n));
            if (const auto given = byId.find(id);
                given != byId.end() && compare(merged.at(*given), item.request, true) == Copies::Same) {
                break; // this request was given that id in an earlier merge, and is here already
            }
        }
        if (byId.contains(id)) {
            ++plan.duplicates;
            continue;
        }
        item.request["requestId"] = json::fromQString(id);
        if (item.request.contains("responseId")) {
            item.request["responseId"] = json::fromQString(u"response_"_s + idFor(id + u"/response"_s));
        }
        bj::value& chasm = item.request["chasm"];
        if (!chasm.is_object()) {
            chasm = bj::object();
        }
        chasm.get_object()["original_request_id"] = json::fromQString(original);
        conflict.newRequestId = id;
        plan.conflicts.append(conflict);
        keep(std::move(item.request), id, textKey);
    }
    bj::array requests;
    for (bj::object& request : merged) {
        requests.push_back(std::move(request));
    }
    if (requests.empty()) {
        return Error{u"the sessions to merge hold no requests"_s};
    }
    plan.requests = int(requests.size());
    plan.first =
        QDateTime::fromMSecsSinceEpoch(json::integer(requests.front(), "timestamp").value_or(0), QTimeZone::utc());
    plan.last =
        QDateTime::fromMSecsSinceEpoch(json::integer(requests.back(), "timestamp").value_or(0), QTimeZone::utc());
    for (auto it = systemBySource.cbegin(); it != systemBySource.cend(); ++it) {
        plan.notCarried << u"%1 system or context message(s) of %2 (instructions the tool injected)"_s.arg(it.value())
                               .arg(it.key());
    }
    for (auto it = imagesBySource.cbegin(); it != imagesBySource.cend(); ++it) {
        plan.notCarried << u"%1 image(s) of %2 (an [image] mark stands in their place)"_s.arg(it.value()).arg(it.key());
    }
    for (auto it = clippedBySource.cbegin(); it != clippedBySource.cend(); ++it) {
        plan.notCarried << u"the output of %1 tool call(s) of %2 beyond %3 characters"_s.arg(it.value())
                               .arg(it.key())
                               .arg(toolOutputLimit);
    }
    plan.sessionId = newId();
    plan.title = title.isEmpty() ? defaultTitle(project, plan.sessions, plan.first, plan.last) : title;
    bj::array sources;
    for (const Input& input : inputs) {
        sources.push_back(json::fromQString(input.session.id));
    }
    plan.tree = bj::object{{"version", 3},
                           {"requesterUsername", json::fromQString(requester)},
                           {"responderUsername", "GitHub Copilot"},
                           {"initialLocation", "panel"},
                           {"sessionId", json::fromQString(plan.sessionId)},
                           {"creationDate", msOf(plan.first)},
                           {"lastMessageDate", msOf(plan.last)},
                           {"customTitle", json::fromQString(plan.title)},
                           {"isImported", false},
                           {"hasPendingEdits", false},
                           {"requests", std::move(requests)},
                           {"chasm", {{"merged_from", std::move(sources)}}}};
    return plan;
}

Result<SessionMerge::Plan> SessionMerge::imported(const Session& session)
{
    auto converted = plan({Input{session, std::nullopt}}, session.title, session.projectPath);
    if (!converted) {
        return Error{u"%1 holds no prompts or replies to bring in"_s.arg(session.id)};
    }
    converted->sessionId = idFor(session.id);
    bj::object& tree = converted->tree.as_object();
    tree["sessionId"] = json::fromQString(converted->sessionId);
    if (session.createdAt.isValid()) {
        tree["creationDate"] = msOf(session.createdAt);
    }
    tree["chasm"] = bj::object{{"imported_from", json::fromQString(session.id)}};
    return converted;
}

int SessionMerge::Plan::keptComplete() const
{
    return int(std::count_if(conflicts.cbegin(), conflicts.cend(),
                             [](const Conflict& c) { return c.newRequestId.isEmpty(); }));
}

int SessionMerge::Plan::keptBoth() const
{
    return int(conflicts.size()) - keptComplete();
}

ChatSessionFile::Format SessionMerge::formatFor(const Workspace& target)
{
    const QStringList files = WorkspaceStorage::sessionFiles(target.chatSessionsPath);
    if (std::any_of(files.cbegin(), files.cend(), [](const QString& f) { return f.endsWith(u".jsonl"_s); })) {
        return ChatSessionFile::Format::Jsonl;
    }
    if (!files.isEmpty()) {
        return ChatSessionFile::Format::Json;
    }
    // VS Code's own builds (Copilot's provider) read .jsonl since 1.109; the other editors are older.
    return target.provider == u"copilot"_s ? ChatSessionFile::Format::Jsonl : ChatSessionFile::Format::Json;
}

} // namespace chasm
