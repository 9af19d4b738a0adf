// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#include "SearchService.h"

#include "json/Json.h"
#include "services/TeamService.h"
#include "store/Database.h"
#include "store/postgres/PostgresUrl.h"
#include "util/QtVersions.h"

#include <QFileInfo>
#include <QRegularExpression>

#include <algorithm>
#include <memory>

using namespace Qt::StringLiterals;

namespace chasm {

namespace {

// Whether a session has a message on `day` (UTC). Its first and last activity rule most sessions out unread; a
// session whose messages carry no time counts by those.
bool hasMessageOn(const SessionCatalog& catalog, const SessionRef& ref, QDate day)
{
    const QDateTime start = utcDateTime(day, QTime(0, 0));
    const QDateTime end = start.addDays(1);
    if ((ref.createdAt.isValid() && ref.createdAt >= end) || (ref.updatedAt.isValid() && ref.updatedAt < start) ||
        !ref.error.isEmpty()) {
        return false;
    }
    const auto session = catalog.load(ref);
    if (!session) {
        return false;
    }
    bool timed = false;
    for (const Message& message : session->messages) {
        if (message.timestamp.isValid()) {
            timed = true;
            if (message.timestamp >= start && message.timestamp < end) {
                return true;
            }
        }
    }
    return !timed && ref.createdAt.isValid() && ref.updatedAt.isValid() && ref.createdAt < end &&
           ref.updatedAt >= start;
}

} // namespace

Result<QList<SessionRef>> SearchService::findSessions(const FindRequest& f) const
{
    const QString& needle = f.pattern;
    const auto kept = [&w = f.workspace](const Workspace& ws) {
        return w.isEmpty() || ws.projectPath.contains(w, Qt::CaseInsensitive) || ws.hash.startsWith(w) ||
               ws.displayName().contains(w, Qt::CaseInsensitive);
    };
    QList<SessionRef> candidates;
    if (f.projectPath) {
        auto project = m_catalog.projectScope(f.provider, *f.projectPath);
        if (!project) {
            return project.error();
        }
        QSet<QString> workspaces;
        for (const Workspace& ws : std::as_const(project->workspaces)) {
            if (kept(ws)) {
                workspaces.insert(ws.id);
            }
        }
        for (const SessionRef& s : std::as_const(project->sessions)) {
            if (workspaces.contains(s.workspaceId)) {
                candidates.append(s);
            }
        }
    } else {
        auto scope = m_catalog.workspaces(f.provider);
        if (!scope) {
            return scope.error();
        }
        scope->removeIf([&kept](const Workspace& ws) { return !kept(ws); });
        auto all = m_catalog.sessions(f.provider, *scope);
        if (!all) {
            return all.error();
        }
        candidates = std::move(all).value();
    }
    std::unique_ptr<Database> db;
    std::unique_ptr<HarvestStore> store;
    QSet<QString> indexed;
    const QString databasePath = Database::resolvePath(m_catalog.catalog().environment(), {});
    if (f.content && !f.titleOnly && !needle.isEmpty() && QFileInfo::exists(databasePath)) {
        auto opened = Database::open(databasePath, f.notice);
        if (!opened) {
            return opened.error();
        }
        db = std::move(opened).value();
        store = std::make_unique<HarvestStore>(*db);
        auto containing = store->sessionsContaining(needle);
        if (!containing) {
            return containing.error();
        }
        indexed = std::move(containing).value();
    }
    // As the index matches: every word of the pattern at the start of a word of one message.
    QList<QRegularExpression> wordStarts;
    static const QRegularExpression separators(u"[^\\p{L}\\p{N}]+"_s);
    for (const QString& word : needle.split(separators, Qt::SkipEmptyParts)) {
        wordStarts.append(
            QRegularExpression(u"\\b"_s + QRegularExpression::escape(word), QRegularExpression::CaseInsensitiveOption));
    }
    QList<SessionRef> found;
    for (const SessionRef& s : std::as_const(candidates)) {
        if (int(found.size()) >= f.limit) {
            break;
        }
        if ((f.after.isValid() && s.updatedAt < f.after) || (f.before.isValid() && s.updatedAt > f.before)) {
            continue;
        }
        bool match = needle.isEmpty() || s.title.contains(needle, Qt::CaseInsensitive);
        if (!match && !f.titleOnly) {
            match = s.id.startsWith(needle) || s.nativeId.startsWith(needle);
        }
        if (!match && store && store->sourceState(s) == HarvestStore::SourceState::Unchanged) {
            match = indexed.contains(s.id);
        } else if (!match && f.content && !f.titleOnly && s.error.isEmpty()) {
            if (auto session = m_catalog.catalog().load(s)) {
                match =
                    std::any_of(session->messages.cbegin(), session->messages.cend(), [&wordStarts](const Message& m) {
                        return std::all_of(wordStarts.cbegin(), wordStarts.cend(),
                                           [&m](const QRegularExpression& word) { return m.content.contains(word); });
                    });
            }
        }
        if (match && f.messageDate.isValid()) {
            match = hasMessageOn(m_catalog.catalog(), s, f.messageDate);
        }
        if (match) {
            found.append(s);
        }
    }
    return found;
}

Result<SearchService::HarvestReport> SearchService::searchHarvest(const HarvestRequest& request) const
{
    HarvestStore::SearchFilter filter = request.filter;
    if (!request.provider.isEmpty()) {
        auto chosen = m_catalog.catalog().harvestedProviderId(request.provider);
        if (!chosen) {
            return chosen.error();
        }
        filter.provider = *chosen;
    }
    const QString named = Database::resolvePath(m_catalog.catalog().environment(), request.database);
    if (PostgresUrl::isPostgres(named)) {
        auto results = TeamService().search(named, request.query, filter);
        if (!results) {
            return results.error();
        }
        return HarvestReport{TeamService::shown(named), std::move(results).value()};
    }
    auto db = Database::open(named, request.notice);
    if (!db) {
        return db.error();
    }
    auto results = searchHarvest(**db, request.query, filter);
    if (!results) {
        return results.error();
    }
    return HarvestReport{(*db)->path(), std::move(results).value()};
}

Result<HarvestStore::SearchResults> SearchService::searchHarvest(Database& database, const QString& query,
                                                                 const HarvestStore::SearchFilter& filter)
{
    return HarvestStore(database).search(query, filter);
}

Result<qint64> SearchService::harvestedSessionCount(Database& database)
{
    auto totals = HarvestStore(database).totals();
    if (!totals) {
        return totals.error();
    }
    return totals->sessions;
}

boost::json::object toJson(const HarvestStore::SearchHit& h)
{
    boost::json::object hit{{"session_id", json::fromQString(h.sessionId)},
                            {"provider", json::fromQString(h.provider)},
                            {"title", json::fromQString(h.title)},
                            {"project_path", h.projectPath.isEmpty()
                                                 ? boost::json::value(nullptr)
                                                 : boost::json::value(json::fromQString(h.projectPath))},
                            {"message_index", h.messageIndex},
                            {"role", json::fromQString(h.role)},
                            {"timestamp", h.timestamp.isEmpty() ? boost::json::value(nullptr)
                                                                : boost::json::value(json::fromQString(h.timestamp))},
                            {"snippet", json::fromQString(HarvestStore::bracketed(h.snippet))},
                            {"score", h.score}};
    // In a team database: the machine and person it was harvested by, which tells apart two sessions of one id.
    if (!h.origin.isEmpty()) {
        hit.emplace("origin", json::fromQString(h.origin));
    }
    return hit;
}

boost::json::array toJson(const SearchService::HarvestReport& report)
{
    boost::json::array array;
    for (const HarvestStore::SearchHit& hit : report.results.hits) {
        array.emplace_back(toJson(hit));
    }
    return array;
}

} // namespace chasm
