// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#include "McpResources.h"

#include "export/SessionExport.h"
#include "json/Json.h"
#include "services/CatalogService.h"
#include "services/HistoryService.h"
#include "store/HarvestReader.h"

#include <QUrl>
#include <QUrlQuery>

#include <boost/json/serialize.hpp>

using namespace Qt::StringLiterals;

namespace chasm::mcp {

namespace {

// Sessions per page of resources/list, and messages per page of a transcript (before the budget cuts it).
constexpr int listPage = 100;
constexpr int transcriptPage = 200;

QString sessionUri(const QString& id, int from = 0, qint64 fromChar = 0)
{
    const QString base = u"chasm://session/"_s + QString::fromLatin1(QUrl::toPercentEncoding(id, ":"));
    if (fromChar > 0) {
        return base + u"?from=%1&from_char=%2"_s.arg(from).arg(fromChar);
    }
    return from > 0 ? base + u"?from=%1"_s.arg(from) : base;
}

Role roleOf(const QString& name)
{
    return name == u"assistant"_s ? Role::Assistant : name == u"system"_s ? Role::System : Role::User;
}

// A window of a stored session as a Session the Markdown export can write: its header, and its messages with
// their tool calls as the window summarizes them.
Session sessionOf(const HistoryService::MessagesReport& window, qsizetype count)
{
    Session session;
    session.id = window.session.id;
    session.provider = window.session.provider;
    session.nativeId = window.session.id.section(u':', 1);
    session.title = window.session.title;
    session.projectPath = window.session.projectPath;
    session.workspace = window.session.workspace;
    session.createdAt = window.session.createdAt;
    session.updatedAt = window.session.updatedAt;
    session.model = window.session.model;
    for (qsizetype i = 0; i < count && i < window.messages.size(); ++i) {
        const HistoryService::WindowMessage& m = window.messages.at(i);
        Message message;
        message.role = roleOf(m.role);
        message.content = m.text;
        message.timestamp = m.timestamp;
        message.model = m.model;
        for (const HistoryService::ToolCallSummary& call : m.toolCalls) {
            message.toolCalls.append(ToolCall{QString(), call.name, call.summary, QString(), call.status, -1});
        }
        session.messages.append(std::move(message));
    }
    return session;
}

RequestResult<boost::json::object> readSession(const QString& id, int from, qint64 fromChar, const QString& uri,
                                               CallContext& context)
{
    auto db = context.history();
    if (!db) {
        return RequestError{InternalError, db.error().message};
    }
    const auto resolved = db->resolve(id);
    if (!resolved) {
        return notFoundOr(*db, resolved.error(), ResourceNotFound);
    }
    HistoryService::MessagesRequest request;
    request.sessionId = resolved->id;
    request.from = from;
    request.fromChar = fromChar;
    request.limit = transcriptPage;
    request.maxCharsPerMessage = 0;
    auto window = HistoryService::messages(*db, request);
    if (!window) {
        return RequestError{InternalError, window.error().message};
    }
    // As many messages as fit the budget (one at least, its text cut if it alone does not).
    const int room = std::max(context.budget() - 300, 2000);
    qsizetype count = window->messages.size();
    QString text = SessionExport::markdown(sessionOf(*window, count));
    while (text.size() > room && count > 1) {
        count = std::max<qsizetype>(1, count * room / text.size());
        text = SessionExport::markdown(sessionOf(*window, count));
    }
    std::optional<int> next =
        count < window->messages.size() ? std::optional<int>(window->messages.at(count).index) : window->nextFrom;
    qint64 nextChar = 0;
    if (text.size() > room) {
        // One message longer than a page: its text as far as it fits, the next page going on from there.
        Session one = sessionOf(*window, 1);
        const QString whole = one.messages.constFirst().content;
        qsizetype keep = whole.size() - (text.size() - room) - 200;
        while (keep > 0) {
            one.messages.first().content = whole.left(keep);
            if (one.messages.constFirst().content.back().isHighSurrogate()) {
                one.messages.first().content.chop(1);
            }
            text = SessionExport::markdown(one) + u"\n\n[…this message goes on in the next page]"_s;
            if (text.size() <= room) {
                break;
            }
            keep -= text.size() - room;
        }
        if (keep > 0) {
            next = window->messages.constFirst().index;
            nextChar = window->messages.constFirst().fromChar + codePoints(one.messages.constFirst().content);
        }
    }
    if (text.size() > room) { // what surrounds the text (its tool calls) alone does not fit
        text = SessionExport::markdown(sessionOf(*window, 1));
        text.truncate(room);
        if (text.back().isHighSurrogate()) {
            text.chop(1);
        }
        text += u"\n\n[…the rest of this message does not fit in one page and is left out here]"_s;
        if (!next && !window->messages.isEmpty() && window->messages.constFirst().index + 1 < window->total) {
            next = window->messages.constFirst().index + 1;
        }
    }
    if (next) {
        text += u"\n\n---\n*Continued: read %1*\n"_s.arg(sessionUri(id, *next, nextChar));
    }
    return boost::json::object{
        {"contents",
         {boost::json::object{
             {"uri", json::fromQString(uri)}, {"mimeType", "text/markdown"}, {"text", json::fromQString(text)}}}}};
}

RequestResult<boost::json::object> readWorkspace(const QString& id, const QString& uri, CallContext& context)
{
    // Only resolving the name can fail: the live stores are listed, and a store that cannot be read is left out.
    auto report = CatalogService(context.catalog()).showWorkspace(id);
    if (!report) {
        return RequestError{ResourceNotFound, report.error().message};
    }
    boost::json::object workspace = toJson(*report);
    trimToBudget(workspace, "sessions", std::max(context.budget() - 300, 2000));
    return boost::json::object{{"contents",
                                {boost::json::object{{"uri", json::fromQString(uri)},
                                                     {"mimeType", "application/json"},
                                                     {"text", boost::json::serialize(workspace)}}}}};
}

} // namespace

namespace resources {

RequestResult<boost::json::object> list(const QString& cursor, CallContext& context)
{
    qint64 offset = 0;
    if (!cursor.isEmpty()) {
        auto decoded = Cursor::decode(cursor, "resources/list");
        if (!decoded) {
            return RequestError{InvalidParams, decoded.error().message};
        }
        offset = *decoded;
    }
    auto db = context.history();
    if (!db) {
        return RequestError{InternalError, db.error().message};
    }
    HistoryService::SessionsRequest request;
    request.offset = int(std::min<qint64>(offset, std::numeric_limits<int>::max()));
    request.limit = listPage;
    auto page = HistoryService::sessions(*db, request);
    if (!page) {
        return RequestError{InternalError, page.error().message};
    }
    boost::json::array list;
    for (const SessionRef& session : page->sessions) {
        QStringList about{session.provider};
        if (!session.projectPath.isEmpty()) {
            about << session.projectPath;
        }
        about << u"%1 messages"_s.arg(session.messageCount);
        if (session.updatedAt.isValid()) {
            about << u"updated %1"_s.arg(session.updatedAt.toUTC().toString(Qt::ISODate));
        }
        list.push_back({{"uri", json::fromQString(sessionUri(session.id))},
                        {"name", json::fromQString(session.id)},
                        {"title", json::fromQString(session.title)},
                        {"description", json::fromQString(about.join(u" · "_s))},
                        {"mimeType", "text/markdown"}});
    }
    boost::json::object result{{"resources", std::move(list)}};
    trimToBudget(result, "resources", std::max(context.budget() - 200, 1000));
    const qint64 next = offset + qint64(result["resources"].as_array().size());
    if (next < page->total) {
        result["nextCursor"] = Cursor::encode(next, "resources/list");
    }
    return result;
}

boost::json::array templates()
{
    return {boost::json::object{{"uriTemplate", "chasm://session/{session_id}"},
                                {"name", "session"},
                                {"title", "A chat session's transcript"},
                                {"description", "A harvested session as Markdown, in pages: a page that does not hold "
                                                "the whole session ends with the URI of the next (?from=N, and "
                                                "&from_char=C inside a message longer than a page)."},
                                {"mimeType", "text/markdown"}},
            boost::json::object{{"uriTemplate", "chasm://workspace/{workspace_id}"},
                                {"name", "workspace"},
                                {"title", "A workspace and its sessions"},
                                {"description", "A workspace (hash, name or folder) with its sessions, as JSON."},
                                {"mimeType", "application/json"}}};
}

RequestResult<boost::json::object> read(const QString& uri, CallContext& context)
{
    const QUrl url(uri, QUrl::StrictMode);
    const QString id = url.path(QUrl::FullyDecoded).mid(1);
    if (!url.isValid() || url.scheme() != u"chasm"_s || id.isEmpty() || id.contains(u'/')) {
        return RequestError{ResourceNotFound,
                            u"Resource not found: %1 (Chasm's resources are "
                            u"chasm://session/{session_id} and chasm://workspace/{workspace_id})"_s.arg(uri)};
    }
    if (url.host() == u"session"_s) {
        bool ok = true;
        bool charOk = true;
        const QUrlQuery query(url);
        const QString from = query.queryItemValue(u"from"_s);
        const QString fromChar = query.queryItemValue(u"from_char"_s);
        const int start = from.isEmpty() ? 0 : from.toInt(&ok);
        const qint64 startChar = fromChar.isEmpty() ? 0 : fromChar.toLongLong(&charOk);
        if (!ok || start < 0 || !charOk || startChar < 0) {
            return RequestError{ResourceNotFound, u"Resource not found: %1 (from must be a message index, from_char "
                                                  u"a character of its text)"_s.arg(uri)};
        }
        return readSession(id, start, startChar, uri, context);
    }
    if (url.host() == u"workspace"_s) {
        return readWorkspace(id, uri, context);
    }
    return RequestError{ResourceNotFound, u"Resource not found: %1"_s.arg(uri)};
}

} // namespace resources

} // namespace chasm::mcp
