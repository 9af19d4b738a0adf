// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#pragma once

#include <QDateTime>
#include <QRegularExpression>
#include <QTimeZone>
#include <QtGlobal>

namespace chasm {

// The calls whose form changed after Qt 6.4, the oldest Qt Chasm builds with, in the form each Qt takes without a
// warning: Qt 6.5 gave QDateTime a QTimeZone where it took a Qt::TimeSpec (and deprecated the spec's overloads; its
// QTimeZone::UTC costs what Qt::UTC did, where on 6.4 a QTimeZone goes through the time zone database), and gave
// QRegularExpression globalMatchView() for a match over a view (deprecating globalMatch's overload).

inline QDateTime utcFromMs(qint64 ms)
{
#if QT_VERSION >= QT_VERSION_CHECK(6, 5, 0)
    return QDateTime::fromMSecsSinceEpoch(ms, QTimeZone::UTC);
#else
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC);
#endif
}

inline QDateTime localFromMs(qint64 ms)
{
#if QT_VERSION >= QT_VERSION_CHECK(6, 5, 0)
    return QDateTime::fromMSecsSinceEpoch(ms, QTimeZone::LocalTime);
#else
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::LocalTime);
#endif
}

// At a fixed offset from UTC, in seconds ahead of it.
inline QDateTime offsetFromMs(qint64 ms, int offsetSeconds)
{
#if QT_VERSION >= QT_VERSION_CHECK(6, 5, 0)
    return QDateTime::fromMSecsSinceEpoch(ms, QTimeZone::fromSecondsAheadOfUtc(offsetSeconds));
#else
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::OffsetFromUTC, offsetSeconds);
#endif
}

inline QDateTime utcDateTime(QDate date, QTime time)
{
#if QT_VERSION >= QT_VERSION_CHECK(6, 5, 0)
    return QDateTime(date, time, QTimeZone::UTC);
#else
    return QDateTime(date, time, Qt::UTC);
#endif
}

inline QDateTime localDateTime(QDate date, QTime time)
{
#if QT_VERSION >= QT_VERSION_CHECK(6, 5, 0)
    return QDateTime(date, time, QTimeZone::LocalTime);
#else
    return QDateTime(date, time, Qt::LocalTime);
#endif
}

inline QRegularExpressionMatchIterator globalMatchView(const QRegularExpression& expression, QStringView text)
{
#if QT_VERSION >= QT_VERSION_CHECK(6, 5, 0)
    return expression.globalMatchView(text);
#else
    return expression.globalMatch(text);
#endif
}

} // namespace chasm
