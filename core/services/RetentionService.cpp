// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#include "RetentionService.h"

#include "json/Json.h"
#include "model/ModelJson.h"
#include "ops/Harvester.h"
#include "ops/RetentionWatch.h"
#include "store/Database.h"
#include "store/HarvestStore.h"

#include <QFileInfo>

using namespace Qt::StringLiterals;

namespace chasm {

namespace {

constexpr qint64 dayMs = 24ll * 3600 * 1000;

boost::json::object ruleJson(const RetentionRule& rule)
{
    boost::json::object o{{"kind", json::fromQString(rule.kind())}, {"enabled", rule.enabled}};
    if (rule.maxAgeMs > 0) {
        // Whole days as an integer; Gemini CLI's hours as a fraction of a day.
        if (rule.maxAgeMs % dayMs == 0) {
            o["days"] = rule.maxAgeMs / dayMs;
        } else {
            o["days"] = double(rule.maxAgeMs) / double(dayMs);
        }
    } else {
        o["days"] = nullptr;
    }
    o["max_count"] = rule.maxCount > 0 ? boost::json::value(rule.maxCount) : boost::json::value(nullptr);
    if (!rule.purges()) {
        o["basis"] = nullptr;
    } else {
        o["basis"] = rule.basis == RetentionRule::Basis::FileModified ? "file_modified" : "last_activity";
    }
    o["source"] = json::fromQString(rule.source);
    o["error"] = rule.error.isEmpty() ? boost::json::value(nullptr) : boost::json::value(json::fromQString(rule.error));
    o["note"] = json::fromQString(rule.note);
    return o;
}

} // namespace

QList<RetentionService::AtRisk> RetentionService::Report::unkept() const
{
    QList<AtRisk> result;
    for (const Tool& tool : tools) {
        for (const AtRisk& session : tool.atRisk) {
            if (!session.inDatabase) {
                result.append(session);
            }
        }
    }
    return result;
}

Result<RetentionService::Report> RetentionService::report(const Request& request) const
{
    auto providers = m_catalog.providers(request.provider);
    if (!providers) {
        return providers.error();
    }
    const QString path = Database::resolvePath(m_catalog.catalog().environment(), request.database);
    std::unique_ptr<Database> database;
    if (QFileInfo::exists(path)) {
        auto opened = Database::open(path);
        if (!opened) {
            return opened.error();
        }
        database = std::move(opened).value();
    }
    Report report = check(m_catalog.catalog(), *providers, database.get(), request.days, Listing::Described);
    report.database = path;
    return report;
}

RetentionService::Report RetentionService::check(const SessionCatalog& catalog, const QList<const Provider*>& providers,
                                                 const Database* database, int days, Listing listing)
{
    Report report;
    report.days = days;
    report.checkedAt = QDateTime::currentDateTimeUtc();
    report.database = database ? database->path() : QString();
    const QDateTime horizon = report.checkedAt.addMSecs(qint64(days) * dayMs);
    std::optional<HarvestStore> store;
    if (database) {
        store.emplace(*database);
    }
    for (const Provider* provider : providers) {
        Tool tool{provider->id(), provider->displayName(), provider->retention(catalog.environment()), {}};
        if (tool.rule.purges()) {
            // Each session with whether the database has it as it is now.
            QList<SessionRef> sessions;
            QSet<QString> unchanged;
            if (store) {
                for (Harvester::Planned& planned : Harvester::plan(catalog, {provider}, *store, listing)) {
                    if (planned.state == HarvestStore::SourceState::Unchanged) {
                        unchanged.insert(planned.ref.path);
                    }
                    sessions.append(std::move(planned.ref));
                }
            } else {
                SessionCache cache;
                sessions = catalog.sessions({provider}, catalog.workspaces({provider}), cache, listing);
            }
            for (RetentionWatch::AtRisk& found :
                 RetentionWatch::atRisk(tool.rule, sessions, report.checkedAt, horizon)) {
                // Unchanged is also said of a session that failed as it is: only a stored one is kept.
                const bool kept = unchanged.contains(found.session.path) && store->contentHash(found.session.id);
                tool.atRisk.append({std::move(found.session), found.purgeAt, kept});
            }
        }
        report.tools.append(std::move(tool));
    }
    return report;
}

boost::json::object toJson(const RetentionService::Report& report)
{
    boost::json::array tools;
    for (const RetentionService::Tool& tool : report.tools) {
        boost::json::array atRisk;
        for (const RetentionService::AtRisk& a : tool.atRisk) {
            atRisk.emplace_back(boost::json::object{
                {"session_id", json::fromQString(a.session.id)},
                {"title", json::fromQString(a.session.title)},
                {"project_path", json::fromQString(a.session.projectPath)},
                {"source_path", json::fromQString(a.session.path)},
                {"purge_at", shapes::isoTime(a.purgeAt)},
                {"in_database", a.inDatabase},
            });
        }
        tools.emplace_back(boost::json::object{
            {"provider", json::fromQString(tool.provider)},
            {"name", json::fromQString(tool.displayName)},
            {"rule", ruleJson(tool.rule)},
            {"at_risk", std::move(atRisk)},
        });
    }
    return {{"database", json::fromQString(report.database)},
            {"days", report.days},
            {"checked_at", shapes::isoTime(report.checkedAt)},
            {"tools", std::move(tools)}};
}

} // namespace chasm
