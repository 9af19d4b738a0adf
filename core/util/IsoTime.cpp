// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#include "IsoTime.h"

#include <QRegularExpression>
#include <QTimeZone>

#include <chrono>

using namespace Qt::StringLiterals;

namespace chasm {

namespace {

// Writes n, which has at most `width` digits, as `width` digits; returns the end.
char* digits(char* out, int n, int width)
{
    for (int i = width - 1; i >= 0; --i) {
        out[i] = char('0' + n % 10);
        n /= 10;
    }
    return out + width;
}

} // namespace

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
    // Written digit by digit: a harvest formats a time for every message, and snprintf made that 150 ns a call
    // against 31 ns.
    char text[24];
    char* end = digits(text, year, 4);
    *end++ = '-';
    end = digits(end, int(unsigned(date.month())), 2);
    *end++ = '-';
    end = digits(end, int(unsigned(date.day())), 2);
    *end++ = 'T';
    end = digits(end, int(clock.hours().count()), 2);
    *end++ = ':';
    end = digits(end, int(clock.minutes().count()), 2);
    *end++ = ':';
    end = digits(end, int(clock.seconds().count()), 2);
    if (precision == TimePrecision::Milliseconds) {
        *end++ = '.';
        end = digits(end, int(clock.subseconds().count()), 3);
    }
    *end++ = 'Z';
    const qsizetype length = end - text;
    return QString::fromLatin1(text, length);
}

std::optional<QDateTime> readIsoDate(const QString& text, bool endOfDay)
{
    // Qt's own ISO reading ignores what follows a date ("2026-12-04xyz", "2026-12-04T99:99" are that day), so the
    // shape is checked whole first.
    static const QRegularExpression date(QRegularExpression::anchoredPattern(u"[0-9]{4}-[0-9]{2}-[0-9]{2}"_s));
    static const QRegularExpression dateTime(QRegularExpression::anchoredPattern(
        u"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}(:[0-9]{2}(\\.[0-9]{1,3})?)?(Z|[+-][0-9]{2}:[0-9]{2})?"_s));
    if (date.match(text).hasMatch()) {
        const QDate day = QDate::fromString(text, Qt::ISODate);
        if (day.isValid()) {
            return endOfDay ? day.endOfDay(QTimeZone::utc()) : day.startOfDay(QTimeZone::utc());
        }
    } else if (dateTime.match(text).hasMatch()) {
        const QDateTime time = QDateTime::fromString(text, Qt::ISODateWithMs);
        if (time.isValid()) {
            return time;
        }
    }
    return std::nullopt;
}

} // namespace chasm
