// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#pragma once

#include <QDateTime>
#include <QString>

#include <optional>

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

// A date a user typed, YYYY-MM-DD (that day's start, or its end for `endOfDay`, in UTC), or an ISO 8601 date and
// time, YYYY-MM-DDTHH:MM[:SS[.sss]][Z|±HH:MM] (local time without an offset); nothing else, not even text after
// them (the CLI's --after and --before, the API's after and before).
std::optional<QDateTime> readIsoDate(const QString& text, bool endOfDay);

} // namespace chasm
