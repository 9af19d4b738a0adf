#include "FixtureHome.h"
#include "services/TimelineService.h"

#include <QStandardPaths>
#include <QTest>
#include <QTimeZone>

using namespace Qt::StringLiterals;
using namespace chasm;

namespace {

// "2026-01-10 09:00/2026-01-10 17:00": a session's start and end (UTC); no end: it has none.
SessionRef session(const QString& span)
{
    const QStringList ends = span.split(u'/');
    SessionRef s;
    s.id = span;
    s.createdAt = QDateTime::fromString(ends.at(0), u"yyyy-MM-dd HH:mm"_s);
    s.createdAt.setTimeZone(QTimeZone::utc());
    if (ends.size() > 1) {
        s.updatedAt = QDateTime::fromString(ends.at(1), u"yyyy-MM-dd HH:mm"_s);
        s.updatedAt.setTimeZone(QTimeZone::utc());
    }
    return s;
}

} // namespace

// Where a project's history has gaps: calendar days (UTC) from where the history had reached to the next start.
class TestTimelineService : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void gaps_data()
    {
        QTest::addColumn<QStringList>("sessions");
        QTest::addColumn<int>("gapDays");
        QTest::addColumn<QList<qint64>>("days");
        QTest::newRow("none") << QStringList() << 1 << QList<qint64>();
        QTest::newRow("one session") << QStringList{u"2026-01-10 09:00/2026-01-10 17:00"_s} << 1 << QList<qint64>();
        QTest::newRow("next day is a gap of one")
            << QStringList{u"2026-01-10 09:00/2026-01-10 17:00"_s, u"2026-01-11 08:00/2026-01-11 09:00"_s} << 1
            << QList<qint64>{1};
        QTest::newRow("calendar days, not hours")
            << QStringList{u"2026-01-10 23:00/2026-01-10 23:30"_s, u"2026-01-11 00:10"_s} << 1 << QList<qint64>{1};
        QTest::newRow("shorter than the threshold")
            << QStringList{u"2026-01-10 09:00/2026-01-10 17:00"_s, u"2026-01-13 09:00"_s} << 7 << QList<qint64>();
        QTest::newRow("two gaps") << QStringList{u"2026-01-01 09:00"_s, u"2026-01-10 09:00"_s, u"2026-01-11 09:00"_s,
                                                 u"2026-02-01 09:00"_s}
                                  << 7 << QList<qint64>{9, 21};
        // A long session covers the quiet days after its start: history had reached its end.
        QTest::newRow("a long session covers the pause")
            << QStringList{u"2026-01-01 09:00/2026-01-20 09:00"_s, u"2026-01-02 09:00/2026-01-02 10:00"_s,
                           u"2026-01-21 09:00"_s}
            << 2 << QList<qint64>();
        QTest::newRow("without an end, the start counts")
            << QStringList{u"2026-01-01 09:00"_s, u"2026-01-04 09:00"_s} << 3 << QList<qint64>{3};
    }

    void gaps()
    {
        QFETCH(QStringList, sessions);
        QFETCH(int, gapDays);
        QFETCH(QList<qint64>, days);
        QList<SessionRef> list;
        for (const QString& span : sessions) {
            list << session(span);
        }
        QList<qint64> found;
        for (const TimelineService::Gap& gap : TimelineService::gaps(list, gapDays)) {
            found << gap.days;
            QVERIFY(gap.from < gap.to);
        }
        QCOMPARE(found, days);
    }

    // The fixture's project: VS Code's and Cursor's sessions together, oldest first, the unreadable one left out.
    void project_data()
    {
        QTest::addColumn<int>("gapDays");
        QTest::addColumn<QList<qint64>>("gaps");
        // aaaa1111 on Jan 15, bbbb2222 on Jan 16, dddd4444 on Jan 17, Cursor's c0c0c0c0 on Jan 19.
        QTest::newRow("two days") << 2 << QList<qint64>{2};
        QTest::newRow("a week") << 7 << QList<qint64>();
        QTest::newRow("one day") << 1 << QList<qint64>{1, 1, 2};
    }

    void project()
    {
        QFETCH(int, gapDays);
        QFETCH(QList<qint64>, gaps);
        test::FixtureHome home;
        const SessionCatalog catalog(home.environment());
        const QString project = home.path() + u"/dev/projects/web app"_s;
        const auto report = TimelineService(catalog).run({project, gapDays});
        QVERIFY(report.ok());
        QCOMPARE(report->path, project);
        QStringList order;
        for (const SessionRef& s : report->sessions) {
            order << s.nativeId.left(4);
        }
        QCOMPARE(order, (QStringList{u"aaaa"_s, u"bbbb"_s, u"dddd"_s, u"c0c0"_s}));
        QCOMPARE(report->unreadable, 1);
        QList<qint64> days;
        for (const TimelineService::Gap& gap : report->gaps) {
            days << gap.days;
        }
        QCOMPARE(days, gaps);
        if (!gaps.isEmpty()) {
            QCOMPARE(report->gaps.constLast().to, report->sessions.constLast().createdAt);
        }
    }
};

QTEST_GUILESS_MAIN(TestTimelineService)
#include "TestTimelineService.moc"
