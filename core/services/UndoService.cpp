// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#include "UndoService.h"

#include "json/Json.h"
#include "services/RecoverService.h"

#include <QFile>
#include <QFileInfo>

#include <boost/json.hpp>

using namespace Qt::StringLiterals;

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
        for (const RecoveryPoint::File& file : std::as_const(point->files)) {
            const bool beside = file.backup == file.path + u".bak"_s || file.backup.startsWith(file.path + u".bak-"_s);
            if (beside && QFileInfo::exists(file.backup) && fileSha256(file.backup) == fileSha256(file.path) &&
                QFile::remove(file.backup)) {
                report.done << u"removed the backup %1, as %2 holds its bytes again"_s.arg(file.backup, file.path);
            }
        }
    }
    return report;
}

QList<RecoveryPoint> UndoService::history(const QList<Workspace>& workspaces, bool withUndone)
{
    return RecoverService::status(workspaces, withUndone).points;
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
