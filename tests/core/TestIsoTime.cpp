// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#include "util/IsoTime.h"

#include <QTest>
#include <QTimeZone>

using namespace chasm;

// The fast formatter must write exactly what Qt writes: stored timestamps are compared as text.
class TestIsoTime : public QObject
{
    Q_OBJECT

private slots:
    void matchesQt_data()
    {
        QTest::addColumn<qint64>("ms");
        QTest::newRow("epoch") << qint64(0);
        QTest::newRow("before the epoch") << qint64(-86'400'000 * 400LL - 1);
        QTest::newRow("leap day")
            << QDateTime(QDate(2024, 2, 29), QTime(23, 59, 59, 999), QTimeZone::utc()).toMSecsSinceEpoch();
        QTest::newRow("year 42, with leading zeros")
            << QDateTime(QDate(42, 3, 4), QTime(5, 6, 7, 8), QTimeZone::utc()).toMSecsSinceEpoch();
        QTest::newRow("year 2000 start")
            << QDateTime(QDate(2000, 1, 1), QTime(0, 0), QTimeZone::utc()).toMSecsSinceEpoch();
        QTest::newRow("now") << QDateTime::currentMSecsSinceEpoch();
        QTest::newRow("year 9999")
            << QDateTime(QDate(9999, 12, 31), QTime(23, 59, 59, 7), QTimeZone::utc()).toMSecsSinceEpoch();
        QTest::newRow("year 10000") << QDateTime(QDate(10000, 1, 1), QTime(0, 0), QTimeZone::utc()).toMSecsSinceEpoch();
    }

    void matchesQt()
    {
        QFETCH(qint64, ms);
        // toUTC(): what the stored timestamps always were (a time in the UTC zone would end in "+00:00").
        const QDateTime utc = QDateTime::fromMSecsSinceEpoch(ms, QTimeZone::utc()).toUTC();
        QCOMPARE(isoUtc(utc, TimePrecision::Seconds), utc.toString(Qt::ISODate));
        QCOMPARE(isoUtc(utc, TimePrecision::Milliseconds), utc.toString(Qt::ISODateWithMs));
        // The same instant in another zone is written in UTC.
        const QDateTime local = utc.toTimeZone(QTimeZone(3600 * 5 + 1800));
        QCOMPARE(isoUtc(local, TimePrecision::Milliseconds), utc.toString(Qt::ISODateWithMs));
    }

    void invalidIsNull() { QVERIFY(isoUtc(QDateTime(), TimePrecision::Seconds).isNull()); }
};

QTEST_GUILESS_MAIN(TestIsoTime)
#include "TestIsoTime.moc"
