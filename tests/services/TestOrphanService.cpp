#include "FixtureHome.h"
#include "services/OrphanService.h"

#include <QDir>
#include <QStandardPaths>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace chasm;

// Sessions an editor has but does not show: files its index lacks (list orphaned), and sessions where it no longer
// looks (recover orphans), each with why and the command that brings it back.
class TestOrphanService : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void listUnindexed_data()
    {
        QTest::addColumn<bool>("all");
        QTest::addColumn<int>("workspaces");
        QTest::addColumn<QStringList>("orphans");
        QTest::addColumn<int>("unreadableIndexes");
        QTest::newRow("the project") << false << 2 << QStringList{u"copilot:dddd4444-5555-4666-8777-888899990000"_s}
                                     << 0;
        // The multi-root and remote workspaces have no state.vscdb: their sessions are not judged. (The empty
        // windows' store is a workspace too.)
        QTest::newRow("every workspace") << true << 5 << QStringList{u"copilot:dddd4444-5555-4666-8777-888899990000"_s}
                                         << 2;
    }

    void listUnindexed()
    {
        QFETCH(bool, all);
        QFETCH(int, workspaces);
        QFETCH(QStringList, orphans);
        QFETCH(int, unreadableIndexes);
        test::FixtureHome home;
        const SessionCatalog catalog(home.environment());
        const QString project = home.path() + u"/dev/projects/web app"_s;
        const auto report = OrphanService(catalog).listUnindexed({all ? QString() : project, all});
        QVERIFY(report.ok());
        QCOMPARE(report->scope.size(), workspaces);
        QStringList ids;
        for (const SessionRef& s : report->orphans) {
            ids << s.id;
        }
        QCOMPARE(ids, orphans);
        QCOMPARE(report->unreadableIndexes.size(), unreadableIndexes);
        for (const QString& error : report->unreadableIndexes) {
            QVERIFY2(error.endsWith(u"state.vscdb: the file does not exist"_s), qPrintable(error));
        }
    }

    // show index: each workspace's entries, the index beside the files.
    void showIndex()
    {
        test::FixtureHome home;
        const SessionCatalog catalog(home.environment());
        const QString project = home.path() + u"/dev/projects/web app"_s;
        const auto report = OrphanService(catalog).showIndex({project, false});
        QVERIFY(report.ok());
        QCOMPARE(report->path, project);
        QCOMPARE(report->indexes.size(), 2);
        for (const OrphanService::WorkspaceIndex& index : report->indexes) {
            QVERIFY(index.error.isEmpty());
            QVERIFY(!index.entries.isEmpty());
        }
        const auto nowhere = OrphanService(catalog).showIndex({home.path() + u"/nowhere"_s, false});
        QVERIFY(nowhere.ok() && nowhere->indexes.isEmpty());
    }

    void orphans_data()
    {
        QTest::addColumn<bool>("folderThere");
        QTest::addColumn<QString>("family");
        QTest::addColumn<bool>("unindexed");
        QTest::addColumn<QStringList>("reasons");
        // The project folder is gone: its sessions, of both editors, cannot be opened.
        QTest::newRow("folder gone") << false << QString() << false
                                     << QStringList{u"folder_gone:aaaa"_s, u"folder_gone:bbbb"_s, u"folder_gone:c0c0"_s,
                                                    u"folder_gone:dddd"_s, u"folder_gone:ffff"_s};
        QTest::newRow("folder gone, Cursor") << false << u"cursor"_s << false << QStringList{u"folder_gone:c0c0"_s};
        QTest::newRow("folder gone, VS Code")
            << false << u"vscode"_s << false
            << QStringList{u"folder_gone:aaaa"_s, u"folder_gone:bbbb"_s, u"folder_gone:dddd"_s, u"folder_gone:ffff"_s};
        QTest::newRow("folder there") << true << QString() << false << QStringList();
        // The empty orphan dddd4444 is not worth bringing back.
        QTest::newRow("folder there, unindexed")
            << true << QString() << true << QStringList{u"not_in_index:1212"_s, u"not_in_index:3434"_s};
    }

    void orphans()
    {
        QFETCH(bool, folderThere);
        QFETCH(QString, family);
        QFETCH(bool, unindexed);
        QFETCH(QStringList, reasons);
        test::FixtureHome home;
        const QString project = home.path() + u"/dev/projects/web app"_s;
        if (folderThere) {
            QVERIFY(QDir().mkpath(project));
        }
        const SessionCatalog catalog(home.environment());
        const auto report = OrphanService(catalog).orphans({family, unindexed, false});
        QVERIFY(report.ok());
        QStringList found;
        for (const OrphanService::Orphan& o : report->orphans) {
            found << o.reason + u':' + o.session.nativeId.left(4);
            QVERIFY(!o.check);
            if (o.reason == u"folder_gone"_s) {
                QCOMPARE(o.fix,
                         u"chasm move path \"%1\" NEW_PATH (or chasm fetch workspace %2 --target-path PROJECT)"_s.arg(
                             project, o.workspace.hash));
            } else if (o.reason == u"not_in_index"_s) {
                QCOMPARE(o.fix, o.workspace.projectPath.isEmpty()
                                    ? u"chasm register all --all"_s
                                    : u"chasm register all --path \"%1\""_s.arg(o.workspace.projectPath));
            }
        }
        found.sort();
        QCOMPARE(found, reasons);
    }

    // --verify reads each file.
    void verify()
    {
        test::FixtureHome home;
        const SessionCatalog catalog(home.environment());
        const auto report = OrphanService(catalog).orphans({{}, false, true});
        QVERIFY(report.ok());
        QCOMPARE(report->orphans.size(), 5);
        int damaged = 0;
        for (const OrphanService::Orphan& o : report->orphans) {
            QVERIFY(o.check);
            if (!o.check->error.isEmpty()) {
                ++damaged;
                QCOMPARE(o.session.nativeId.left(4), u"ffff"_s);
            } else {
                QVERIFY(o.check->requests >= 1 || o.session.nativeId.startsWith(u"dddd"_s));
            }
        }
        QCOMPARE(damaged, 1);
    }
};

QTEST_GUILESS_MAIN(TestOrphanService)
#include "TestOrphanService.moc"
