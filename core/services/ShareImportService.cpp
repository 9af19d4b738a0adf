// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#include "ShareImportService.h"

#include "json/JsonValues.h"
#include "ops/SharePage.h"
#include "providers/SessionCatalog.h"
#include "store/HarvestWriter.h"
#include "util/IsoTime.h"

#include <QSqlError>
#include <QSqlQuery>

using namespace Qt::StringLiterals;

namespace chasm {

namespace {

using Service = SharePage::Service;

// A link as it is kept and shown: without what may hold secrets or tracking (user info, query, fragment).
QString keptUrl(const QUrl& url, const QString& given)
{
    return url.isValid() && !url.host().isEmpty()
               ? url.adjusted(QUrl::RemoveQuery | QUrl::RemoveFragment | QUrl::RemoveUserInfo).toString()
               : given.left(2048);
}

Session sessionOf(const SharePage::Link& link, SharePage::Conversation conversation, const QString& name,
                  const QString& workspace, const QDateTime& now)
{
    Session session;
    session.provider = SessionCatalog::sharedProvider.toString();
    session.nativeId = SharePage::serviceName(link.service) + u'-' + link.shareId;
    session.id = session.provider + u':' + session.nativeId;
    session.workspace = workspace;
    session.model = conversation.model;
    session.messages = std::move(conversation.messages);
    session.title = name.isEmpty() ? sessionTitle(conversation.title, session.firstUserMessage()) : name;
    session.createdAt = conversation.createdAt.isValid() ? conversation.createdAt : session.messages.first().timestamp;
    session.updatedAt = conversation.updatedAt.isValid() ? conversation.updatedAt : session.messages.last().timestamp;
    if (!session.createdAt.isValid()) {
        session.createdAt = now;
    }
    if (!session.updatedAt.isValid()) {
        session.updatedAt = session.createdAt;
    }
    return session;
}

Result<bool> sessionExists(const Database& db, const QString& id)
{
    QSqlQuery query(db.connection());
    query.prepare(u"SELECT 1 FROM sessions WHERE id = ?"_s);
    query.addBindValue(id);
    if (!query.exec()) {
        return Error{u"cannot read %1: %2"_s.arg(db.path(), query.lastError().text())};
    }
    return query.next();
}

} // namespace

Result<ShareImportService::Report> ShareImportService::import(const Request& request, const Transport& transport)
{
    auto db = Database::open(request.database);
    if (!db) {
        return db.error();
    }
    const Database& database = **db;
    const ShareLinks links(database);
    std::optional<Service> service;
    if (!request.service.isEmpty() && !(service = SharePage::serviceNamed(request.service))) {
        return Error{u"unknown service '%1' (chatgpt, claude or gemini)"_s.arg(request.service), ErrorKind::Invalid};
    }
    const QString given = request.url.trimmed();
    const QUrl url(given, QUrl::StrictMode);
    const auto link = SharePage::recognise(url, service);
    const QString kept = link ? link->page.toString() : keptUrl(url, given);
    auto found = links.find(kept);
    if (!found) {
        return found.error();
    }
    const QDateTime now = QDateTime::currentDateTimeUtc();
    Report report{database.path(), found->value_or(ShareLinks::Link{}), false};
    ShareLinks::Link& row = report.link;
    if (!*found) {
        row.url = kept;
        row.added = now;
    }
    row.service = link ? SharePage::serviceName(link->service) : service ? SharePage::serviceName(*service) : QString();
    row.name = request.name;
    row.workspace = request.workspace;
    row.tried = now;
    row.reason.clear();
    const auto save = [&]() -> std::optional<Error> {
        if (auto error = links.save(row)) {
            return Error{u"cannot write %1: %2"_s.arg(database.path(), *error)};
        }
        return std::nullopt;
    };
    const auto ended = [&](const QString& status, const QString& reason) -> Result<Report> {
        row.status = status;
        row.reason = reason;
        if (auto error = save()) {
            return *error;
        }
        return report;
    };
    if (!link) {
        return ended(u"failed"_s, link.error().message);
    }
    if (link->service == Service::Gemini) {
        return ended(u"failed"_s, u"Gemini's share pages carry no conversation Chasm can read: their scripts load it "
                                  u"through an undocumented Google RPC (batchexecute)"_s);
    }
    // Pending while it is fetched: a try that never ended is seen as one.
    row.status = u"pending"_s;
    if (auto error = save()) {
        return *error;
    }
    const bool claude = link->service == Service::Claude;
    HttpRequest page;
    page.url = link->fetch;
    page.maxBytes = maxPageBytes;
    page.timeout = request.timeout;
    const auto answer = transport(page);
    const QString fetched = link->fetch.toDisplayString(QUrl::RemoveQuery);
    if (!answer) {
        return ended(u"failed"_s, u"cannot fetch %1: %2"_s.arg(fetched, answer.error().message));
    }
    if (answer->status == 410) {
        return ended(u"expired"_s, u"%1 is gone (HTTP 410): the link was withdrawn"_s.arg(fetched));
    }
    if (answer->status == 404) {
        return ended(u"failed"_s, u"%1 was not found (HTTP 404): the link was deleted, or never was"_s.arg(fetched));
    }
    if (answer->status != 200) {
        return ended(u"failed"_s, u"%1 answered HTTP %2"_s.arg(fetched, QString::number(answer->status)));
    }
    auto conversation = claude ? SharePage::readClaude(answer->body) : SharePage::readChatGpt(answer->body);
    if (!conversation) {
        return ended(u"failed"_s, conversation.error().message);
    }
    const HarvestWriter::Prepared prepared =
        HarvestWriter::prepare(sessionOf(*link, std::move(conversation).value(), request.name, request.workspace, now));
    const Session& session = prepared.session;
    SessionRef ref;
    describe(ref, session);
    ref.id = session.id;
    ref.provider = session.provider;
    ref.nativeId = session.nativeId;
    ref.workspace = request.workspace;
    ref.workspaceName = request.workspace.isEmpty() ? row.service : request.workspace;
    ref.path = row.url; // no file: the link it came from
    ref.format = row.service + u"-share"_s;
    ref.sizeBytes = answer->body.size();
    auto existed = sessionExists(database, session.id);
    if (!existed) {
        return existed.error();
    }
    report.replaced = *existed;
    row.status = u"imported"_s;
    row.sessionId = session.id;
    row.title = session.title;
    row.messages = session.conversationMessageCount();
    row.imported = now;
    HarvestWriter writer(database);
    if (auto error = writer.atomically([&]() -> std::optional<QString> {
            if (auto failed = writer.writeSession(ref, session, prepared.data, prepared.hash, *existed)) {
                return failed;
            }
            return links.save(row);
        })) {
        return Error{u"cannot write %1: %2"_s.arg(database.path(), error->message)};
    }
    return report;
}

Result<ShareImportService::ListReport> ShareImportService::list(const QString& database, const QString& status,
                                                                int limit)
{
    auto db = Database::open(database);
    if (!db) {
        return db.error();
    }
    auto links = ShareLinks(**db).list(status, limit);
    if (!links) {
        return links.error();
    }
    return ListReport{(*db)->path(), std::move(links).value()};
}

boost::json::object toJson(const ShareLinks::Link& link)
{
    const auto time = [](const QDateTime& t) { return json::stringOrNull(isoUtc(t, TimePrecision::Seconds)); };
    return {{"url", json::stringOrNull(link.url)},
            {"service", json::stringOrNull(link.service)},
            {"status", json::stringOrNull(link.status)},
            {"reason", json::stringOrNull(link.reason)},
            {"session_id", json::stringOrNull(link.sessionId)},
            {"title", json::stringOrNull(link.title)},
            {"name", json::stringOrNull(link.name)},
            {"workspace", json::stringOrNull(link.workspace)},
            {"messages", link.messages ? boost::json::value(*link.messages) : boost::json::value(nullptr)},
            {"added", time(link.added)},
            {"imported", time(link.imported)},
            {"tried", time(link.tried)}};
}

boost::json::object toJson(const ShareImportService::Report& report)
{
    boost::json::object object = toJson(report.link);
    object["database"] = json::stringOrNull(report.database);
    object["replaced"] = report.replaced;
    return object;
}

boost::json::array toJson(const ShareImportService::ListReport& report)
{
    boost::json::array array;
    for (const ShareLinks::Link& link : report.links) {
        array.emplace_back(toJson(link));
    }
    return array;
}

} // namespace chasm
