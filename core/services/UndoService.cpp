#include "UndoService.h"

#include "json/Json.h"

#include <boost/json.hpp>

namespace chasm {

Result<UndoService::Report> UndoService::run(const Request& request)
{
    Report report;
    for (auto it = request.manifests.crbegin(); it != request.manifests.crend(); ++it) {
        auto point = RecoveryPoint::read(*it);
        auto undone = point ? FileTransaction::undo(*point, request.force) : Result<QStringList>(point.error());
        if (!undone) {
            if (report.undone.isEmpty()) {
                return undone.error();
            }
            report.stopped = undone.error();
            break;
        }
        report.undone.append(*point);
        report.done += *undone;
    }
    return report;
}

boost::json::object toJson(const UndoService::Report& report)
{
    boost::json::array lines;
    for (const QString& line : report.done) {
        lines.push_back(json::fromQString(line));
    }
    return {{"manifest", json::fromQString(report.undone.isEmpty() ? QString() : report.undone.first().manifest)},
            {"done", std::move(lines)}};
}

} // namespace chasm
