#include "IsoTime.h"

#include <chrono>
#include <cstdio>

namespace chasm {

QString isoUtc(const QDateTime& time, TimePrecision precision)
{
    if (!time.isValid()) {
        return {};
    }
    using namespace std::chrono;
    const sys_time<milliseconds> t{milliseconds(time.toMSecsSinceEpoch())};
    const auto day = floor<days>(t);
    const year_month_day date{day};
    const int year = int(date.year());
    if (year < 0 || year > 9999) { // beyond four digits Qt has its own conventions
        return time.toUTC().toString(precision == TimePrecision::Seconds ? Qt::ISODate : Qt::ISODateWithMs);
    }
    const hh_mm_ss clock{t - day};
    char text[32];
    int length = std::snprintf(text, sizeof text, "%04d-%02u-%02uT%02d:%02d:%02d", year, unsigned(date.month()),
                               unsigned(date.day()), int(clock.hours().count()), int(clock.minutes().count()),
                               int(clock.seconds().count()));
    if (precision == TimePrecision::Milliseconds) {
        length +=
            std::snprintf(text + length, sizeof text - std::size_t(length), ".%03d", int(clock.subseconds().count()));
    }
    text[length++] = 'Z';
    return QString::fromLatin1(text, length);
}

} // namespace chasm
