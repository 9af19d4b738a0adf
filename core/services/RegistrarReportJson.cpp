#include "RegistrarReportJson.h"

#include "json/Json.h"

#include <boost/json/array.hpp>

namespace chasm {

boost::json::object toJson(const Registrar::Report& report)
{
    const auto strings = [](const QStringList& list) {
        boost::json::array array;
        for (const QString& item : list) {
            array.push_back(json::fromQString(item));
        }
        return array;
    };
    const auto orNull = [](const QString& text) {
        return text.isEmpty() ? boost::json::value(nullptr) : boost::json::value(json::fromQString(text));
    };
    return {{"workspace", json::fromQString(report.workspace)},
            {"editor", json::fromQString(report.editor)},
            {"registered", report.registered},
            {"repaired", report.repaired},
            {"unchanged", report.unchanged},
            {"copied", report.copied},
            {"unreadable", report.unreadable},
            {"changes", strings(report.changes)},
            {"warnings", strings(report.warnings)},
            {"recovery_point", orNull(report.recoveryPoint)},
            {"undo", orNull(report.undoCommand)}};
}

} // namespace chasm
