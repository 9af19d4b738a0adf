#include "CliJson.h"
#include "FixtureHome.h"
#include "json/Json.h"
#include "services/MergeService.h"
#include "vscode/ChatSessionFile.h"

#include <QDir>
#include <QStandardPaths>
#include <QTest>

#include <boost/json.hpp>

using namespace Qt::StringLiterals;
using namespace chasm;

namespace {

namespace bj = boost::json;

MergeService::Request sessions(const QStringList& ids, const QString& home)
{
    MergeService::Request request;
    request.kind = MergeService::Request::Kind::Sessions;
    request.names = ids;
    request.targetPath = home + u"/dev/projects/web app"_s;
    return request;
}

} // namespace

class TestMergeService : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    // merge --json is the service's toJson: the command on one fixture home, the service on its twin.
    void cliJsonIsTheServiceShape_data()
    {
        using Kind = MergeService::Request::Kind;
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<int>("kind");
        QTest::addColumn<QStringList>("names");
        QTest::addColumn<QStringList>("only"); // provider: these sessions
        QTest::addColumn<QString>("title");
        QTest::addColumn<bool>("dryRun");
        QTest::newRow("sessions") << QStringList{u"merge"_s,         u"sessions"_s,   u"aaaa"_s,  u"bbbb"_s,
                                                 u"--target-path"_s, u"${PROJECT}"_s, u"--json"_s}
                                  << int(Kind::Sessions) << QStringList{u"aaaa"_s, u"bbbb"_s} << QStringList()
                                  << QString() << false;
        QTest::newRow("sessions, dry run, titled")
            << QStringList{u"merge"_s,      u"sessions"_s, u"aaaa"_s, u"bbbb"_s,      u"--target-path"_s,
                           u"${PROJECT}"_s, u"-t"_s,       u"Both"_s, u"--dry-run"_s, u"--json"_s}
            << int(Kind::Sessions) << QStringList{u"aaaa"_s, u"bbbb"_s} << QStringList() << u"Both"_s << true;
        QTest::newRow("path") << QStringList{u"merge"_s, u"path"_s, u"${PROJECT}"_s, u"--json"_s} << int(Kind::Project)
                              << QStringList() << QStringList() << QString() << false;
        QTest::newRow("workspace") << QStringList{u"merge"_s,         u"workspace"_s,  u"5d41"_s,
                                                  u"--target-path"_s, u"${PROJECT}"_s, u"--json"_s}
                                   << int(Kind::Workspaces) << QStringList{u"5d41"_s} << QStringList() << QString()
                                   << false;
        QTest::newRow("provider, some sessions")
            << QStringList{u"merge"_s, u"provider"_s,      u"copilot"_s,    u"--sessions"_s, u"aaaa"_s,
                           u"dddd"_s,  u"--target-path"_s, u"${PROJECT}"_s, u"--json"_s}
            << int(Kind::Providers) << QStringList{u"copilot"_s} << QStringList{u"aaaa"_s, u"dddd"_s} << QString()
            << false;
    }
    void cliJsonIsTheServiceShape()
    {
        QFETCH(QStringList, args);
        QFETCH(int, kind);
        QFETCH(QStringList, names);
        QFETCH(QStringList, only);
        QFETCH(QString, title);
        QFETCH(bool, dryRun);
        const test::FixtureHome cliHome;
        const test::FixtureHome serviceHome;
        QVERIFY(cliHome.isValid() && serviceHome.isValid());
        const test::CliRun run = test::runCli(cliHome.environment(), test::expanded(args, cliHome.path()));
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));

        MergeService::Request request = sessions(names, serviceHome.path());
        request.kind = MergeService::Request::Kind(kind);
        request.sessions = only;
        request.title = title;
        request.options.dryRun = dryRun;
        const SessionCatalog catalog(serviceHome.environment());
        QStringList warnings;
        MergeService::Options options;
        options.warning = [&warnings](const QString& warning) { warnings << u"warning: "_s + warning + u'\n'; };
        const auto merged = MergeService(catalog).run(request, options);
        QVERIFY2(merged, qPrintable(merged ? QString() : merged.error().message));
        const auto printedByCli = json::parse(run.out.toStdString(), u"merge --json"_s);
        QVERIFY(printedByCli);
        const QString cliId = json::string(*printedByCli, "session_id");
        QCOMPARE(test::comparable(test::printed(toJson(*merged)), serviceHome.path(), {merged->plan.sessionId}),
                 test::comparable(run.out, cliHome.path(), {cliId}));
        QCOMPARE(test::comparable(warnings.join(QString()), serviceHome.path()),
                 test::comparable(run.err, cliHome.path()));
    }

    // What cannot be merged fails with the command's message.
    void failuresAreTheCommandsMessages_data()
    {
        using Kind = MergeService::Request::Kind;
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<int>("kind");
        QTest::addColumn<QStringList>("names");
        QTest::addColumn<QString>("targetPath");
        QTest::newRow("no workspace matches") << QStringList{u"merge"_s, u"workspace"_s, u"nowhere"_s}
                                              << int(Kind::Workspaces) << QStringList{u"nowhere"_s} << QString();
        QTest::newRow("unknown session") << QStringList{u"merge"_s, u"sessions"_s, u"zzzz"_s} << int(Kind::Sessions)
                                         << QStringList{u"zzzz"_s} << QString();
        QTest::newRow("no sessions for the project")
            << QStringList{u"merge"_s, u"path"_s, u"${HOME}"_s} << int(Kind::Project) << QStringList() << u"${HOME}"_s;
        QTest::newRow("no workspace for the target")
            << QStringList{u"merge"_s, u"sessions"_s, u"aaaa"_s, u"--target-path"_s, u"${HOME}"_s}
            << int(Kind::Sessions) << QStringList{u"aaaa"_s} << u"${HOME}"_s;
        QTest::newRow("unknown provider") << QStringList{u"merge"_s, u"provider"_s, u"nonesuch"_s}
                                          << int(Kind::Providers) << QStringList{u"nonesuch"_s} << QString();
    }
    void failuresAreTheCommandsMessages()
    {
        QFETCH(QStringList, args);
        QFETCH(int, kind);
        QFETCH(QStringList, names);
        QFETCH(QString, targetPath);
        const test::FixtureHome home;
        QVERIFY(home.isValid());
        const test::CliRun run = test::runCli(home.environment(), test::expanded(args, home.path()));
        QCOMPARE(run.exitCode, 1);
        MergeService::Request request;
        request.kind = MergeService::Request::Kind(kind);
        request.names = names;
        request.targetPath = test::expanded({targetPath}, home.path()).constFirst();
        const SessionCatalog catalog(home.environment());
        const auto merged = MergeService(catalog).run(request);
        QVERIFY(!merged);
        QCOMPARE(u"chasm: "_s + merged.error().message + u'\n', run.err);
    }

    // register all --merge: a workspace with fewer than two readable sessions is left as it is, and says so.
    void mergeWorkspaceNeedsTwoSessions()
    {
        const test::FixtureHome home;
        const SessionCatalog catalog(home.environment());
        Workspace mono;
        for (const Workspace& w : catalog.workspaces(*catalog.providers())) {
            if (w.hash == u"7b8b965ad4bca0e41ab51de7b31363a1"_s) {
                mono = w;
            }
        }
        QVERIFY(!mono.id.isEmpty());
        const auto before = test::fileTree(home.path());
        const auto report = MergeService(catalog).mergeWorkspace(mono, {});
        QVERIFY(report);
        QCOMPARE(report->warnings,
                 QStringList{mono.storagePath + u" holds fewer than two readable sessions: nothing to merge"_s});
        QCOMPARE(test::fileTree(home.path()), before);
    }
};

QTEST_GUILESS_MAIN(TestMergeService)
#include "TestMergeService.moc"
