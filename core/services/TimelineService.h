#pragma once

#include "model/SessionRef.h"
#include "services/CatalogService.h"
#include "util/Result.h"

#include <boost/json/object.hpp>

namespace chasm {

// A project's sessions over time, every tool together, with the gaps (in calendar days, UTC) between them:
// where history may be missing (a purge, a folder move, another machine).
class TimelineService
{
public:
    explicit TimelineService(const SessionCatalog& catalog)
        : m_catalog(catalog)
    {}

    struct Request
    {
        QString path; // the project; empty: the working directory
        int gapDays = 7;
    };
    struct Gap
    {
        QDateTime from; // the end of the history before it
        QDateTime to;   // the start of the session after it
        qint64 days = 0;
    };
    struct Report
    {
        QString path;
        QList<SessionRef> sessions; // oldest first, readable and dated only
        QList<Gap> gaps;
        qsizetype unreadable = 0;
    };
    Result<Report> run(const Request& request) const;

    // The pure step: sessions sorted oldest first (by creation), the gaps of `gapDays` days or more between
    // where the history had reached (the latest end so far) and the next session's start.
    static QList<Gap> gaps(const QList<SessionRef>& oldestFirst, int gapDays);

private:
    CatalogService m_catalog;
};

boost::json::object toJson(const TimelineService::Report& report);

} // namespace chasm
