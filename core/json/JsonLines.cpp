#include "JsonLines.h"

#include "json/Json.h"
#include "util/LineReader.h"
#include "util/RegularFile.h"

#include <QFile>

using namespace Qt::StringLiterals;

namespace chasm::json {

Result<QStringList> readLines(const QString& path,
                              const std::function<void(boost::json::value&& record, int line)>& record)
{
    QFile file;
    if (auto error = RegularFile::open(file, path)) {
        return *error;
    }
    QStringList warnings;
    std::optional<QString> damaged; // the last damaged line, until a later line shows it was not the last
    int lineNumber = 0;
    int records = 0;
    LineReader lines(file);
    while (const auto line = lines.next()) {
        ++lineNumber;
        if (line->find_first_not_of(" \t\r") == std::string_view::npos) {
            continue;
        }
        if (damaged) {
            warnings << *damaged + u"; the line was skipped"_s;
            damaged.reset();
        }
        // The line is named only when it is damaged, not formatted for each of the thousands of good lines.
        auto value = parse(*line, {});
        if (!value) {
            damaged = parse(*line, u"%1: line %2"_s.arg(path, QString::number(lineNumber))).error().message;
            continue;
        }
        ++records;
        record(std::move(value.value()), lineNumber);
    }
    if (!lines.error().isEmpty()) {
        return Error{u"cannot read %1: %2"_s.arg(path, lines.error())};
    }
    if (damaged) {
        if (records == 0) {
            return Error{u"cannot read "_s + *damaged};
        }
        warnings << *damaged + u"; the last line is incomplete (cut off by a crash, or still being written) and "
                               "was ignored"_s;
    }
    if (records == 0) {
        return Error{u"cannot read %1: the file holds no records"_s.arg(path)};
    }
    return warnings;
}

} // namespace chasm::json
