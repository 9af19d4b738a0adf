#pragma once

#include <QDateTime>
#include <QString>

namespace chasm {

// A time in UTC as ISO 8601, exactly as QDateTime::toString(Qt::ISODate / Qt::ISODateWithMs) writes it
// ("2026-11-23T17:40:05Z", "2026-11-23T17:40:05.123Z") at a fraction of the cost: harvests and exports
// write one per message. An invalid time gives a null string.
enum class TimePrecision
{
    Seconds,
    Milliseconds,
};
QString isoUtc(const QDateTime& time, TimePrecision precision);

} // namespace chasm
