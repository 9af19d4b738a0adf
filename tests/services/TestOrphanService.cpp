// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

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

    // One workspace's index beside files already listed is what show index reports for it.
    void inspectIndex()
    {
        test::FixtureHome home;
        const SessionCatalog catalog(home.environment());
        const auto report = OrphanService(catalog).showIndex({{}, true});
        QVERIFY(report.ok());
        QCOMPARE(report->indexes.size(), 5);
        for (const OrphanService::WorkspaceIndex& index : report->indexes) {
            const OrphanService::WorkspaceIndex one = OrphanService::inspectIndex(index.workspace, index.files);
            QCOMPARE(one.workspace.id, index.workspace.id);
            QCOMPARE(one.error, index.error);
            QCOMPARE(one.entries.size(), index.entries.size());
            for (qsizetype i = 0; i < one.entries.size(); ++i) {
                QCOMPARE(one.entries.at(i).sessionId, index.entries.at(i).sessionId);
                QCOMPARE(one.entries.at(i).problems.size(), index.entries.at(i).problems.size());
            }
        }
    }

    // The badge of the window's workspace list: the files missing from each index that the recovery assistant offers
    // to register (`recover scan` finds the same), a workspace without an index included; no count where an index
    // cannot be read.
    void countOrphans()
    {
        test::FixtureHome home;
        const SessionCatalog catalog(home.environment());
        CatalogService::Overview overview = CatalogService(catalog).overview();
        OrphanService::countOrphans(overview.workspaces, overview.sessions);
        QStringList counted;
        for (const Workspace& w : std::as_const(overview.workspaces)) {
            if (w.orphanCount >= 0) {
                counted << w.id + u'=' + QString::number(w.orphanCount);
            }
        }
        counted.sort();
        // dddd4444, missing from the project's VS Code index, is empty: the editor would not list it, and the
        // assistant leaves it. The multi-root and remote workspaces have no index: their sessions are missing from it.
        QCOMPARE(counted, (QStringList{u"code:5d41402abc4b2a76b9719d911017c592=0"_s,
                                       u"code:7b8b965ad4bca0e41ab51de7b31363a1=1"_s,
                                       u"code:e4da3b7fbbce2345d7772b0674a318d5=1"_s, u"code:empty-window=0"_s,
                                       u"cursor:c4ca4238a0b923820dcc509a6f75849b=0"_s}));
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
