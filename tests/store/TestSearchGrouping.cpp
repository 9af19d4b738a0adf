// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#include "store/HarvestSearch.h"

#include <QStandardPaths>
#include <QTest>
#include <QTimeZone>

#include <cmath>

using namespace Qt::StringLiterals;
using namespace chasm;

namespace {

// Candidates written "session:message:score" and separated by spaces, in the order the index returned them.
QList<HarvestSearch::Hit> candidates(const QString& written)
{
    QList<HarvestSearch::Hit> hits;
    for (const QString& one : written.split(u' ', Qt::SkipEmptyParts)) {
        const QStringList parts = one.split(u':');
        HarvestSearch::Hit hit;
        hit.sessionId = parts.at(0);
        hit.messageIndex = parts.at(1).toInt();
        hit.score = parts.at(2).toDouble();
        hits.append(hit);
    }
    return hits;
}

// Hits written "session:message", as a search shows them.
QString shown(const QList<HarvestSearch::Hit>& hits)
{
    QStringList written;
    for (const HarvestSearch::Hit& hit : hits) {
        written << hit.sessionId + u':' + QString::number(hit.messageIndex);
    }
    return written.join(u' ');
}

} // namespace

// The steps of a search that need no database: grouping the candidates per session, the boost for recent
// messages, and the filter's SQL.
class TestSearchGrouping : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    // Sessions in the order of their best hit, each session's hits together and best first, at most three of each,
    // at most `limit` in all.
    void grouped_data()
    {
        QTest::addColumn<QString>("candidates");
        QTest::addColumn<int>("limit");
        QTest::addColumn<QString>("hits");

        QTest::newRow("nothing found") << u""_s << 20 << u""_s;
        QTest::newRow("one hit") << u"a:4:2.5"_s << 20 << u"a:4"_s;
        QTest::newRow("best first") << u"a:1:1 a:2:3 a:3:2"_s << 20 << u"a:2 a:3 a:1"_s;
        QTest::newRow("a session's hits together") << u"a:1:9 b:1:8 a:2:7 b:2:6"_s << 20 << u"a:1 a:2 b:1 b:2"_s;
        QTest::newRow("sessions by their best hit") << u"a:1:5 b:1:9 a:2:8 c:1:1"_s << 20 << u"b:1 a:2 a:1 c:1"_s;
        QTest::newRow("three hits a session") << u"a:1:9 a:2:8 a:3:7 a:4:6 a:5:5 b:1:1"_s << 20 << u"a:1 a:2 a:3 b:1"_s;
        QTest::newRow("the three best of a session") << u"a:1:1 a:2:2 a:3:3 a:4:4 a:5:5"_s << 20 << u"a:5 a:4 a:3"_s;
        QTest::newRow("hits left out give no rank") << u"a:1:9 a:2:8 a:3:7 a:4:6 b:1:5"_s << 20 << u"a:1 a:2 a:3 b:1"_s;
        // Unranked searches give every candidate the same score: the newest matches come first, as the index
        // returned them.
        QTest::newRow("equal scores keep their order")
            << u"b:9:1 a:7:1 b:8:1 c:3:1 a:6:1"_s << 20 << u"b:9 b:8 a:7 a:6 c:3"_s;
        QTest::newRow("limit after grouping") << u"a:1:9 b:1:8 a:2:7"_s << 2 << u"a:1 a:2"_s;
        QTest::newRow("limit cuts a session") << u"a:1:9 a:2:8 a:3:7 b:1:6"_s << 2 << u"a:1 a:2"_s;
        QTest::newRow("limit above the hits") << u"a:1:1 b:1:2"_s << 100 << u"b:1 a:1"_s;
        QTest::newRow("limit of one") << u"a:1:1 b:1:2 c:1:3"_s << 1 << u"c:1"_s;
    }
    void grouped()
    {
        QFETCH(QString, candidates);
        QFETCH(int, limit);
        QFETCH(QString, hits);
        QCOMPARE(shown(HarvestSearch::grouped(::candidates(candidates), limit)), hits);
    }

    void groupedKeepsWhatItShows()
    {
        HarvestSearch::Hit hit{u"codex:s"_s,    u"codex"_s,     u"Title"_s, u"/p"_s, 7, u"user"_s,
                               u"2025-01-02"_s, u"a \2b\3 c"_s, 1.5,        0,       {}};
        const auto hits = HarvestSearch::grouped({hit}, 20);
        QCOMPARE(hits.size(), 1);
        QCOMPARE(hits.constFirst().provider, u"codex"_s);
        QCOMPARE(hits.constFirst().title, u"Title"_s);
        QCOMPARE(hits.constFirst().projectPath, u"/p"_s);
        QCOMPARE(hits.constFirst().role, u"user"_s);
        QCOMPARE(hits.constFirst().timestamp, u"2025-01-02"_s);
        QCOMPARE(hits.constFirst().snippet, u"a \2b\3 c"_s);
        QCOMPARE(hits.constFirst().score, 1.5);
    }

    // Up to a fifth more for a message of today, halving every 30 days; a message with no time counts as a year
    // old, one from the future as today's.
    void boosted_data()
    {
        QTest::addColumn<double>("score");
        QTest::addColumn<int>("ageDays"); // -1: no valid time
        QTest::addColumn<double>("expected");

        QTest::newRow("today") << 2.0 << 0 << 2.4;
        QTest::newRow("30 days") << 2.0 << 30 << 2.2;
        QTest::newRow("60 days") << 2.0 << 60 << 2.1;
        QTest::newRow("a year") << 1.0 << 365 << 1.0 + 0.2 * std::exp2(-365.0 / 30.0);
        QTest::newRow("no time") << 1.0 << -1 << 1.0 + 0.2 * std::exp2(-365.0 / 30.0);
        QTest::newRow("future") << 1.0 << -10 << 1.2;
    }
    void boosted()
    {
        QFETCH(double, score);
        QFETCH(int, ageDays);
        QFETCH(double, expected);
        const QDateTime now(QDate(2026, 6, 1), QTime(12, 0), QTimeZone::utc());
        const QDateTime time = ageDays == -1 ? QDateTime() : now.addDays(-ageDays);
        QCOMPARE(HarvestSearch::boosted(score, time, now), expected);
    }

    void filterSql_data()
    {
        QTest::addColumn<QString>("provider");
        QTest::addColumn<QString>("workspace");
        QTest::addColumn<QString>("role");
        QTest::addColumn<QDateTime>("after");
        QTest::addColumn<QDateTime>("before");
        QTest::addColumn<QString>("where");
        QTest::addColumn<QVariantList>("values");

        const QDateTime day(QDate(2025, 3, 4), QTime(5, 6, 7, 89), QTimeZone::utc());
        const QString ws = u"(s.workspace = ? OR s.workspace_name LIKE ? OR s.project_path LIKE ?)"_s;
        QTest::newRow("no filter") << QString() << QString() << QString() << QDateTime() << QDateTime() << QString()
                                   << QVariantList{};
        QTest::newRow("provider") << u"codex"_s << QString() << QString() << QDateTime() << QDateTime()
                                  << u" AND s.provider = ?"_s << QVariantList{u"codex"_s};
        QTest::newRow("workspace") << QString() << u"shop"_s << QString() << QDateTime() << QDateTime()
                                   << u" AND "_s + ws << QVariantList{u"shop"_s, u"%shop%"_s, u"%shop%"_s};
        QTest::newRow("role") << QString() << QString() << u"assistant"_s << QDateTime() << QDateTime()
                              << u" AND m.role = ?"_s << QVariantList{u"assistant"_s};
        QTest::newRow("after") << QString() << QString() << QString() << day << QDateTime()
                               << u" AND coalesce(m.timestamp, s.updated_at) >= ?"_s
                               << QVariantList{u"2025-03-04T05:06:07.089Z"_s};
        QTest::newRow("before") << QString() << QString() << QString() << QDateTime() << day
                                << u" AND coalesce(m.timestamp, s.updated_at) <= ?"_s
                                << QVariantList{u"2025-03-04T05:06:07.089Z"_s};
        QTest::newRow("all, in order")
            << u"codex"_s << u"shop"_s << u"user"_s << day << day.addDays(1)
            << u" AND s.provider = ? AND "_s + ws +
                   u" AND m.role = ? AND coalesce(m.timestamp, s.updated_at) >= ? AND coalesce(m.timestamp, "
                   "s.updated_at) <= ?"_s
            << QVariantList{u"codex"_s,
                            u"shop"_s,
                            u"%shop%"_s,
                            u"%shop%"_s,
                            u"user"_s,
                            u"2025-03-04T05:06:07.089Z"_s,
                            u"2025-03-05T05:06:07.089Z"_s};
    }
    void filterSql()
    {
        QFETCH(QString, provider);
        QFETCH(QString, workspace);
        QFETCH(QString, role);
        QFETCH(QDateTime, after);
        QFETCH(QDateTime, before);
        QFETCH(QString, where);
        QFETCH(QVariantList, values);
        HarvestSearch::Filter filter;
        filter.provider = provider;
        filter.workspace = workspace;
        filter.role = role;
        filter.after = after;
        filter.before = before;
        const HarvestSearch::FilterSql sql = HarvestSearch::filterSql(filter);
        QCOMPARE(sql.where, where);
        QCOMPARE(sql.values, values);
        // The part on sessions alone: what the provider and the workspace choose, before the rest.
        const qsizetype onSessions = (provider.isEmpty() ? 0 : 1) + (workspace.isEmpty() ? 0 : 3);
        QCOMPARE(sql.sessionValues, values.mid(0, onSessions));
        QVERIFY(where.startsWith(sql.sessionWhere));
        QCOMPARE(sql.sessionWhere.isEmpty(), onSessions == 0);
        QVERIFY(!sql.sessionWhere.contains(u"m."_s));
    }
};

QTEST_GUILESS_MAIN(TestSearchGrouping)
#include "TestSearchGrouping.moc"
