// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#include "CliRun.h"
#include "FixtureHome.h"
#include "services/TimelineService.h"

#include <QFile>
#include <QStandardPaths>
#include <QTemporaryDir>
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
        const auto report = TimelineService(catalog).run({project, gapDays, {}});
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

    // Codex, Continue and OpenCode keep every project's sessions in one store, and each session names its folder:
    // a session's project is its own, not its store's. The timeline of a folder finds them, in the service and on
    // the command line, which said "No chat history is known" before.
    void storeSessionsNameTheirProject_data()
    {
        QTest::addColumn<QString>("project");
        QTest::addColumn<QStringList>("ids");
        QTest::newRow("codex") << u"/home/dev/projects/api"_s
                               << QStringList{u"codex:0199aaaa-1111-7222-8333-444455556666"_s,
                                              u"codex:0199bbbb-1111-7222-8333-444455556666"_s};
        QTest::newRow("opencode") << u"/home/dev/projects/blog"_s
                                  << QStringList{u"opencode:ses_a1"_s, u"opencode:ses_b2"_s};
        QTest::newRow("continue, a URI") << u"/home/dev/projects/my site"_s
                                         << QStringList{u"continue:c1c1c1c1-0000-4000-8000-000000000001"_s};
    }

    void storeSessionsNameTheirProject()
    {
        QFETCH(QString, project);
        QFETCH(QStringList, ids);
        test::FixtureHome home(QStringList{u"vscode"_s, u"codex"_s, u"continue"_s, u"opencode"_s});
        QVERIFY(home.isValid());
        const SessionCatalog catalog(home.environment());
        const auto report = TimelineService(catalog).run({project, 7, {}});
        QVERIFY(report.ok());
        QStringList found;
        for (const SessionRef& s : report->sessions) {
            found << s.id;
        }
        QCOMPARE(found, ids);

        const test::CliRun cli = test::runCli(home.environment(), {u"show"_s, u"timeline"_s, project});
        QCOMPARE(cli.exitCode, 0);
        QVERIFY2(cli.out.startsWith(u"Chat history of %1, oldest first: %2 session(s)"_s.arg(project).arg(ids.size())),
                 qPrintable(cli.out));
        // `list path` and `list sessions --project` scope the same way.
        const CatalogService service(catalog);
        QCOMPARE(service.listPath(project)->sessions.size(), ids.size());
        QCOMPARE(service.listSessions({project, {}})->size(), ids.size());
    }

    // The projects of the app's projects view and timeline: one folder, every tool; a store's sessions by their own
    // folder; two workspaces of one editor for a folder told apart, the one the editor no longer opens "older".
    void projects()
    {
        test::FixtureHome home(QStringList{u"vscode"_s, u"codex"_s});
        QVERIFY(home.isValid());
        const SessionCatalog catalog(home.environment());
        const CatalogService::Overview overview = CatalogService(catalog).overview();
        const QList<TimelineService::Project> projects =
            TimelineService::projects(overview.workspaces, overview.sessions, Platform::Linux);
        const auto find = [&projects](const QString& name) -> const TimelineService::Project* {
            for (const TimelineService::Project& p : projects) {
                if (p.name == name) {
                    return &p;
                }
            }
            return nullptr;
        };
        const TimelineService::Project* webApp = find(u"web app"_s);
        QVERIFY(webApp);
        QCOMPARE(webApp->path, home.path() + u"/dev/projects/web app"_s);
        QStringList tools;
        for (const TimelineService::Place& place : webApp->places) {
            tools << place.workspace.id;
            QVERIFY(!place.older);
        }
        tools.sort();
        QCOMPARE(tools, (QStringList{u"code:5d41402abc4b2a76b9719d911017c592"_s,
                                     u"cursor:c4ca4238a0b923820dcc509a6f75849b"_s}));
        const TimelineService::Project* api = find(u"api"_s);
        QVERIFY(api);
        QCOMPARE(api->sessions.size(), 2);
        QCOMPARE(api->places.size(), 1);
        QCOMPARE(api->places.first().workspace.id, u"codex:sessions"_s);
        // Nothing is grouped under a store's "(all projects)".
        QVERIFY(!find(u"(all projects)"_s));
        // Newest first.
        for (qsizetype i = 1; i < projects.size(); ++i) {
            QVERIFY(!(projects.at(i).lastActivity > projects.at(i - 1).lastActivity));
        }
        // Every session is in one project.
        qsizetype grouped = 0;
        for (const TimelineService::Project& p : projects) {
            grouped += p.sessions.size();
        }
        QCOMPARE(grouped, overview.sessions.size());
    }

    // Two workspaces of one editor for the same folder: the one whose state database changed last is the one the
    // editor opens; the other is "older". Two projects of the same name are told apart by their parents.
    void olderWorkspacesAndSameNames()
    {
        const auto workspace = [](const QString& hash, const QString& project, const QDateTime& used) {
            Workspace w;
            w.id = u"code:"_s + hash;
            w.provider = u"copilot"_s;
            w.editor = u"code"_s;
            w.hash = hash;
            w.kind = Workspace::Kind::Folder;
            w.projectPath = project;
            w.lastModified = used;
            return w;
        };
        const auto session = [](const QString& id, const Workspace& w, const QDateTime& at) {
            SessionRef s;
            s.id = u"copilot:"_s + id;
            s.provider = u"copilot"_s;
            s.editor = u"code"_s;
            s.workspaceId = w.id;
            s.workspace = w.hash;
            s.projectPath = w.projectPath;
            s.createdAt = at;
            s.updatedAt = at;
            return s;
        };
        QTemporaryDir dir;
        const QDateTime jan = QDateTime(QDate(2026, 1, 10), QTime(9, 0), QTimeZone::utc());
        const QDateTime feb = QDateTime(QDate(2026, 2, 10), QTime(9, 0), QTimeZone::utc());
        Workspace old = workspace(u"aaaa0000"_s, u"/work/api"_s, jan);
        Workspace current = workspace(u"bbbb0000"_s, u"/work/api"_s, feb);
        Workspace other = workspace(u"cccc0000"_s, u"/play/api"_s, feb);
        // The editor tells which it opens by its state database's time.
        for (Workspace* w : {&old, &current, &other}) {
            w->stateDatabasePath = dir.filePath(w->hash + u".vscdb"_s);
            QVERIFY(test::writeFile(w->stateDatabasePath, "x"));
            QFile file(w->stateDatabasePath);
            QVERIFY(file.open(QIODevice::ReadWrite));
            QVERIFY(file.setFileTime(w->lastModified, QFileDevice::FileModificationTime));
        }
        const QList<TimelineService::Project> projects = TimelineService::projects(
            {old, current, other},
            {session(u"1"_s, old, jan), session(u"2"_s, current, feb), session(u"3"_s, other, jan)}, Platform::Linux);
        QCOMPARE(projects.size(), 2);
        QCOMPARE(projects.at(0).name, u"api (work)"_s);
        QCOMPARE(projects.at(1).name, u"api (play)"_s);
        QCOMPARE(projects.at(0).places.size(), 2);
        QCOMPARE(projects.at(0).places.at(0).workspace.hash, u"bbbb0000"_s); // last used first
        QVERIFY(!projects.at(0).places.at(0).older);
        QCOMPARE(projects.at(0).places.at(1).workspace.hash, u"aaaa0000"_s);
        QVERIFY(projects.at(0).places.at(1).older);
        QVERIFY(!projects.at(1).places.at(0).older);

        // Whose parents share a name too: as many parent folders as tell them apart.
        const Workspace mine = workspace(u"dddd0000"_s, u"/home/ann/projects/web app"_s, feb);
        const Workspace theirs = workspace(u"eeee0000"_s, u"/home/dev/projects/web app"_s, jan);
        const QList<TimelineService::Project> webApps = TimelineService::projects(
            {mine, theirs}, {session(u"4"_s, mine, feb), session(u"5"_s, theirs, jan)}, Platform::Linux);
        QCOMPARE(webApps.size(), 2);
        QCOMPARE(webApps.at(0).name, u"web app (ann/projects)"_s);
        QCOMPARE(webApps.at(1).name, u"web app (dev/projects)"_s);
    }

    // An unreadable session has no place on a timeline: its file's time is no clue to when it was.
    void unreadableSessionsAreNotDated()
    {
        SessionRef s = session(u"2026-01-10 09:00/2026-01-10 17:00"_s);
        QVERIFY(TimelineService::isDated(s));
        s.error = u"cannot read x.json: not valid JSON"_s;
        QVERIFY(!TimelineService::isDated(s));
    }
};

QTEST_GUILESS_MAIN(TestTimelineService)
#include "TestTimelineService.moc"
