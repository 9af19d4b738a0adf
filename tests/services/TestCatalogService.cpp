// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#include "FixtureHome.h"
#include "services/CatalogService.h"

#include <QStandardPaths>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace chasm;

namespace {

QStringList ids(const QList<SessionRef>& sessions)
{
    QStringList result;
    for (const SessionRef& s : sessions) {
        result << s.id;
    }
    return result;
}

QStringList ids(const QList<Workspace>& workspaces)
{
    QStringList result;
    for (const Workspace& w : workspaces) {
        result << w.id;
    }
    result.sort();
    return result;
}

} // namespace

// Which sessions and workspaces a name means: id prefixes, native ids, hashes, folder names and project paths,
// with the errors the front ends show when a name means none or several.
class TestCatalogService : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_home.isValid());
        m_project = m_home.path() + u"/dev/projects/web app"_s;
    }

    void showSession_data()
    {
        QTest::addColumn<QString>("id");
        QTest::addColumn<bool>("inProject");
        QTest::addColumn<QString>("found");
        QTest::addColumn<QString>("error");
        QTest::newRow("native prefix") << u"aaaa"_s << false << u"copilot:aaaa1111-2222-4333-8444-555566667777"_s
                                       << QString();
        QTest::newRow("provider and prefix")
            << u"copilot:bbbb"_s << false << u"copilot:bbbb2222-3333-4444-8555-666677778888"_s << QString();
        QTest::newRow("whole native id") << u"bbbb2222-3333-4444-8555-666677778888"_s << false
                                         << u"copilot:bbbb2222-3333-4444-8555-666677778888"_s << QString();
        QTest::newRow("another editor") << u"cursor:c0"_s << false << u"cursor:c0c0c0c0-1111-4222-8333-444455556666"_s
                                        << QString();
        QTest::newRow("in the project") << u"c0c0"_s << true << u"cursor:c0c0c0c0-1111-4222-8333-444455556666"_s
                                        << QString();
        QTest::newRow("not in the project")
            << u"1212"_s << true << QString() << u"no session matches '1212' (try `chasm list sessions`)"_s;
        QTest::newRow("ambiguous") << u"copilot:"_s << false << QString()
                                   << u"session id 'copilot:' is ambiguous; it matches:\n  copilot:"_s;
        QTest::newRow("none") << u"zzz"_s << false << QString()
                              << u"no session matches 'zzz' (try `chasm list sessions`)"_s;
        QTest::newRow("unreadable") << u"ffff"_s << false << QString() << u"cannot read "_s;
    }

    void showSession()
    {
        QFETCH(QString, id);
        QFETCH(bool, inProject);
        QFETCH(QString, found);
        QFETCH(QString, error);
        const SessionCatalog catalog(m_home.environment());
        const auto report = CatalogService(catalog).showSession({id, inProject ? m_project : QString()});
        if (!found.isEmpty()) {
            QVERIFY2(report.ok(), qPrintable(report ? QString() : report.error().message));
            QCOMPARE(report->ref.id, found);
            QCOMPARE(report->session.id, found);
            QVERIFY(!report->session.messages.isEmpty());
            return;
        }
        QVERIFY(!report.ok());
        QVERIFY2(report.error().message.startsWith(error), qPrintable(report.error().message));
    }

    void showWorkspace_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("found");
        QTest::addColumn<int>("sessions");
        QTest::addColumn<QString>("error");
        QTest::newRow("hash prefix") << u"5d41"_s << u"code:5d41402abc4b2a76b9719d911017c592"_s << 4 << QString();
        QTest::newRow("editor and hash") << u"code:5d41402abc4b2a76b9719d911017c592"_s
                                         << u"code:5d41402abc4b2a76b9719d911017c592"_s << 4 << QString();
        QTest::newRow("folder name") << u"mono"_s << u"code:7b8b965ad4bca0e41ab51de7b31363a1"_s << 1 << QString();
        QTest::newRow("two editors' workspaces")
            << u"web app"_s << QString() << 0 << u"workspace 'web app' is ambiguous"_s;
        QTest::newRow("none") << u"nowhere"_s << QString() << 0
                              << u"no workspace matches 'nowhere' (try `chasm list workspaces`)"_s;
    }

    void showWorkspace()
    {
        QFETCH(QString, name);
        QFETCH(QString, found);
        QFETCH(int, sessions);
        QFETCH(QString, error);
        const SessionCatalog catalog(m_home.environment());
        const auto report = CatalogService(catalog).showWorkspace(name);
        if (!found.isEmpty()) {
            QVERIFY2(report.ok(), qPrintable(report ? QString() : report.error().message));
            QCOMPARE(report->workspace.id, found);
            QCOMPARE(report->sessions.size(), sessions);
            return;
        }
        QVERIFY(!report.ok());
        QVERIFY2(report.error().message.startsWith(error), qPrintable(report.error().message));
    }

    void listSessions_data()
    {
        QTest::addColumn<bool>("inProject");
        QTest::addColumn<QString>("provider");
        QTest::addColumn<int>("count");
        QTest::addColumn<QString>("error");
        QTest::newRow("everything") << false << QString() << 8 << QString();
        QTest::newRow("one provider") << false << u"cursor"_s << 1 << QString();
        QTest::newRow("an alias") << false << u"vscode"_s << 7 << QString();
        QTest::newRow("a project") << true << QString() << 5 << QString();
        QTest::newRow("a project, one provider") << true << u"copilot"_s << 4 << QString();
        QTest::newRow("unknown provider") << false << u"nope"_s << 0 << u"unknown provider 'nope'; valid providers: "_s;
    }

    void listSessions()
    {
        QFETCH(bool, inProject);
        QFETCH(QString, provider);
        QFETCH(int, count);
        QFETCH(QString, error);
        const SessionCatalog catalog(m_home.environment());
        const auto list = CatalogService(catalog).listSessions({inProject ? m_project : QString(), provider});
        if (!error.isEmpty()) {
            QVERIFY(!list.ok());
            QVERIFY2(list.error().message.startsWith(error), qPrintable(list.error().message));
            return;
        }
        QVERIFY(list.ok());
        QCOMPARE(list->size(), count);
        for (qsizetype i = 1; i < list->size(); ++i) { // newest first
            QVERIFY(list->at(i - 1).updatedAt >= list->at(i).updatedAt);
        }
    }

    // Every workspace and session of every tool, as the main window lists them: the same ones as list sessions
    // and the workspaces of every provider, in the tools' own order.
    void overview()
    {
        const SessionCatalog catalog(m_home.environment());
        const CatalogService service(catalog);
        const CatalogService::Overview overview = service.overview();
        QCOMPARE(overview.sessions.size(), 8);
        QCOMPARE(ids(overview.workspaces), ids(service.workspaces({}).value()));
        QStringList listed = ids(service.listSessions({}).value());
        QStringList all = ids(overview.sessions);
        listed.sort();
        all.sort();
        QCOMPARE(all, listed);
        QVERIFY(std::all_of(overview.workspaces.cbegin(), overview.workspaces.cend(),
                            [](const Workspace& w) { return w.orphanCount == -1; })); // not counted here
    }

    // list path is newest first, show path oldest first (by creation); both name the project's workspaces.
    void pathReports()
    {
        const SessionCatalog catalog(m_home.environment());
        const CatalogService service(catalog);
        const auto listed = service.listPath(m_project);
        const auto shown = service.showPath(m_project);
        QVERIFY(listed && shown);
        QCOMPARE(listed->path, m_project);
        QCOMPARE(ids(listed->workspaces), (QStringList{u"code:5d41402abc4b2a76b9719d911017c592"_s,
                                                       u"cursor:c4ca4238a0b923820dcc509a6f75849b"_s}));
        QCOMPARE(ids(shown->workspaces), ids(listed->workspaces));
        QCOMPARE(listed->sessions.size(), 5);
        QStringList newest = ids(listed->sessions), oldest = ids(shown->sessions);
        newest.sort();
        oldest.sort();
        QCOMPARE(oldest, newest);
        for (qsizetype i = 1; i < shown->sessions.size(); ++i) {
            QVERIFY(shown->sessions.at(i - 1).createdAt <= shown->sessions.at(i).createdAt);
        }
        const auto nowhere = service.listPath(m_home.path() + u"/nowhere"_s);
        QVERIFY(nowhere && nowhere->workspaces.isEmpty() && nowhere->sessions.isEmpty());
    }

    void findWorkspaces_data()
    {
        QTest::addColumn<QString>("pattern");
        QTest::addColumn<QStringList>("found");
        QTest::newRow("part of the path")
            << u"WEB"_s
            << QStringList{u"code:5d41402abc4b2a76b9719d911017c592"_s, u"cursor:c4ca4238a0b923820dcc509a6f75849b"_s};
        QTest::newRow("hash prefix") << u"7b8b"_s << QStringList{u"code:7b8b965ad4bca0e41ab51de7b31363a1"_s};
        QTest::newRow("remote") << u"buildbox"_s << QStringList{u"code:e4da3b7fbbce2345d7772b0674a318d5"_s};
        QTest::newRow("nothing") << u"zzzz"_s << QStringList();
    }

    void findWorkspaces()
    {
        QFETCH(QString, pattern);
        QFETCH(QStringList, found);
        const SessionCatalog catalog(m_home.environment());
        const auto result = CatalogService(catalog).findWorkspaces(pattern);
        QVERIFY(result.ok());
        QCOMPARE(ids(*result), found);
    }

    void editorScopes_data()
    {
        QTest::addColumn<QString>("family");
        QTest::addColumn<QStringList>("found");
        QTest::newRow("cursor") << u"cursor"_s << QStringList{u"cursor:c4ca4238a0b923820dcc509a6f75849b"_s};
        QTest::newRow("windsurf") << u"windsurf"_s << QStringList();
    }

    // The workspaces with a session index, of one editor family ("vscode" is Copilot in VS Code), or all.
    void editorScopes()
    {
        QFETCH(QString, family);
        QFETCH(QStringList, found);
        const SessionCatalog catalog(m_home.environment());
        const CatalogService service(catalog);
        QCOMPARE(ids(service.editorFamily(family)), found);
        const QList<Workspace> all = service.editorFamily({});
        QCOMPARE(service.editorFamily(u"all"_s).size(), all.size());
        QCOMPARE(service.editorFamily(u"vscode"_s).size() + service.editorFamily(u"cursor"_s).size(), all.size());
        QVERIFY(std::all_of(all.cbegin(), all.cend(), [](const Workspace& w) { return !w.editor.isEmpty(); }));
        QCOMPARE(
            ids(service.editorWorkspaces(m_project, false)),
            (QStringList{u"code:5d41402abc4b2a76b9719d911017c592"_s, u"cursor:c4ca4238a0b923820dcc509a6f75849b"_s}));
    }

    void detect()
    {
        const SessionCatalog catalog(m_home.environment());
        const CatalogService service(catalog);
        const auto workspace = service.detectWorkspace(m_project);
        QVERIFY(workspace.ok());
        QCOMPARE(workspace->workspaces.size(), 2);
        QVERIFY(workspace->activeWorkspace == u"code:5d41402abc4b2a76b9719d911017c592"_s ||
                workspace->activeWorkspace == u"cursor:c4ca4238a0b923820dcc509a6f75849b"_s);
        const auto all = service.detectAll(m_project);
        QVERIFY(all.ok());
        QCOMPARE(all->sessions.size(), 5);
        QVERIFY(!all->providers.isEmpty());
        const auto none = service.detectWorkspace(m_home.path() + u"/nowhere"_s);
        QVERIFY(none.ok() && none->activeWorkspace.isEmpty());
    }

private:
    test::FixtureHome m_home;
    QString m_project;
};

QTEST_GUILESS_MAIN(TestCatalogService)
#include "TestCatalogService.moc"
