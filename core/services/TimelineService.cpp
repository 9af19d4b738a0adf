#include "TimelineService.h"

#include "json/Json.h"
#include "model/ModelJson.h"

#include <algorithm>

using namespace Qt::StringLiterals;

namespace chasm {

Result<TimelineService::Report> TimelineService::run(const Request& request) const
{
    Report report;
    report.path = m_catalog.pathOrCwd(request.path);
    report.sessions =
        m_catalog.sessions({}, m_catalog.workspacesForPath(m_catalog.workspaces({}, report.path).value(), report.path))
            .value();
    // A session that cannot be read has no dates of its own (its file's time is no clue).
    report.unreadable = report.sessions.removeIf([](const SessionRef& s) { return !s.error.isEmpty(); });
    report.sessions.removeIf([](const SessionRef& s) { return !s.createdAt.isValid(); });
    std::stable_sort(report.sessions.begin(), report.sessions.end(),
                     [](const SessionRef& a, const SessionRef& b) { return a.createdAt < b.createdAt; });
    report.gaps = gaps(report.sessions, request.gapDays);
    return report;
}

QList<TimelineService::Gap> TimelineService::gaps(const QList<SessionRef>& oldestFirst, int gapDays)
{
    QList<Gap> result;
    QDateTime reached;
    for (const SessionRef& s : oldestFirst) {
        if (reached.isValid() && reached.toUTC().daysTo(s.createdAt.toUTC()) >= gapDays) {
            result.append({reached, s.createdAt, reached.toUTC().daysTo(s.createdAt.toUTC())});
        }
        const QDateTime end = s.updatedAt.isValid() ? s.updatedAt : s.createdAt;
        reached = reached.isValid() ? std::max(reached, end) : end;
    }
    return result;
}

boost::json::object toJson(const TimelineService::Report& report)
{
    boost::json::array gapArray;
    for (const TimelineService::Gap& gap : report.gaps) {
        gapArray.push_back({{"from", json::fromQString(gap.from.toUTC().toString(Qt::ISODate))},
                            {"to", json::fromQString(gap.to.toUTC().toString(Qt::ISODate))},
                            {"days", gap.days}});
    }
    boost::json::array sessions;
    for (const SessionRef& s : report.sessions) {
        sessions.emplace_back(shapes::sessionSummary(s));
    }
    return {{"path", json::fromQString(report.path)},
            {"sessions", std::move(sessions)},
            {"gaps", std::move(gapArray)},
            {"unreadable", report.unreadable}};
}

} // namespace chasm
