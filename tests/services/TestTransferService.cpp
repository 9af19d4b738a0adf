// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#include "CliJson.h"
#include "FixtureHome.h"
#include "json/Json.h"
#include "services/TransferService.h"
#include "vscode/WorkspaceId.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QStandardPaths>
#include <QTest>

#include <functional>

using namespace Qt::StringLiterals;
using namespace chasm;

namespace {

const QString webApp = u".config/Code/User/workspaceStorage/5d41402abc4b2a76b9719d911017c592/chatSessions/"_s;
const QString mono = u".config/Code/User/workspaceStorage/7b8b965ad4bca0e41ab51de7b31363a1/chatSessions/"_s;
const QString aaaa = u"aaaa1111-2222-4333-8444-555566667777"_s;

// What a row does to a fixture home first, and the service call the command makes.
using Prepare = std::function<bool(const test::FixtureHome&)>;
using Call = std::function<Result<boost::json::value>(const TransferService&, const QString& home)>;

// A session of the web app's workspace under another id, written as `file` (beside it, a folder of copies).
bool copyOfAaaa(const test::FixtureHome& home, const QString& file)
{
    QByteArray other = test::readAll(home.file(webApp + aaaa + u".json"_s));
    other.replace(aaaa.toUtf8(), "eeee9999-2222-4333-8444-555566667777");
    return !other.isEmpty() && test::writeFile(home.file(file), other);
}

template<typename T>
Result<boost::json::value> shape(const Result<T>& report)
{
    if (!report) {
        return report.error();
    }
    return boost::json::value(toJson(*report));
}

QString project(const QString& home)
{
    return home + u"/dev/projects/web app"_s;
}

} // namespace

Q_DECLARE_METATYPE(Prepare)
Q_DECLARE_METATYPE(Call)

class TestTransferService : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    // Every --json of fetch, import and move is the service's toJson: the command on one fixture home, the
    // service on its twin, the same bytes but for the home's path and the recovery point's time.
    void cliJsonIsTheServiceShape_data()
    {
        QTest::addColumn<Prepare>("prepare");
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<Call>("call");
        const Prepare nothing = [](const test::FixtureHome&) { return true; };
        Registrar::Options dryRun;
        dryRun.dryRun = true;
        Registrar::Options filesOnly;
        filesOnly.skipIndex = true;

        QTest::newRow("fetch session") << nothing << QStringList{u"fetch"_s,         u"session"_s,    u"1212"_s,
                                                                 u"--target-path"_s, u"${PROJECT}"_s, u"--json"_s}
                                       << Call([](const TransferService& s, const QString& home) {
                                              return shape(s.fetchSessions({{u"1212"_s}, project(home), {}, {}}));
                                          });
        QTest::newRow("fetch session, dry run")
            << nothing << QStringList{u"fetch"_s,      u"session"_s,   u"1212"_s,  u"--target-path"_s,
                                      u"${PROJECT}"_s, u"--dry-run"_s, u"--json"_s}
            << Call([dryRun](const TransferService& s, const QString& home) {
                   return shape(s.fetchSessions({{u"1212"_s}, project(home), {}, dryRun}));
               });
        QTest::newRow("fetch workspace") << nothing << QStringList{u"fetch"_s,         u"workspace"_s,  u"7b8b"_s,
                                                                   u"--target-path"_s, u"${PROJECT}"_s, u"--json"_s}
                                         << Call([](const TransferService& s, const QString& home) {
                                                return shape(s.fetchWorkspace({u"7b8b"_s, project(home), {}, {}}));
                                            });
        QTest::newRow("import sessions")
            << Prepare([](const test::FixtureHome& home) { return copyOfAaaa(home, u"exported.json"_s); })
            << QStringList{u"import"_s,        u"sessions"_s,   u"${HOME}/exported.json"_s,
                           u"--target-path"_s, u"${PROJECT}"_s, u"--json"_s}
            << Call([](const TransferService& s, const QString& home) {
                   return shape(s.importSessions({{home + u"/exported.json"_s}, project(home), {}, {}, {}}));
               });
        QTest::newRow("import path, files only")
            << Prepare([](const test::FixtureHome& home) { return copyOfAaaa(home, u"exported/copy.json"_s); })
            << QStringList{u"import"_s,     u"path"_s,          u"${HOME}/exported"_s,
                           u"${PROJECT}"_s, u"--no-register"_s, u"--json"_s}
            << Call([filesOnly](const TransferService& s, const QString& home) {
                   return shape(s.importFolder({home + u"/exported"_s, project(home), {}, {}, filesOnly}));
               });
        QTest::newRow("import workspace")
            << Prepare([](const test::FixtureHome& home) { return copyOfAaaa(home, u"exported/copy.json"_s); })
            << QStringList{u"import"_s, u"workspace"_s, u"${HOME}/exported"_s, u"7b8b"_s, u"--json"_s}
            << Call([](const TransferService& s, const QString& home) {
                   return shape(s.importFolder({home + u"/exported"_s, {}, {}, u"7b8b"_s, {}}));
               });
        QTest::newRow("move sessions") << nothing
                                       << QStringList{u"move"_s, u"sessions"_s, u"1212"_s, u"${PROJECT}"_s, u"--json"_s}
                                       << Call([](const TransferService& s, const QString& home) {
                                              return shape(s.fetchSessions({{u"1212"_s}, project(home), {}, {}, true}));
                                          });
        QTest::newRow("move workspace") << nothing
                                        << QStringList{u"move"_s, u"workspace"_s, u"7b8b"_s, u"${PROJECT}"_s,
                                                       u"--json"_s}
                                        << Call([](const TransferService& s, const QString& home) {
                                               return shape(s.moveWorkspace({u"7b8b"_s, project(home), {}}));
                                           });
        QTest::newRow("move path") << Prepare([](const test::FixtureHome& home) {
            return QDir().mkpath(home.file(u"dev/shop"_s));
        }) << QStringList{u"move"_s, u"path"_s, u"${PROJECT}"_s, u"${HOME}/dev/shop"_s, u"--json"_s}
                                   << Call([](const TransferService& s, const QString& home) {
                                          return shape(s.movePath({project(home), home + u"/dev/shop"_s, {}}));
                                      });
    }
    void cliJsonIsTheServiceShape()
    {
        QFETCH(Prepare, prepare);
        QFETCH(QStringList, args);
        QFETCH(Call, call);
        const test::FixtureHome cliHome(QStringList{u"vscode"_s, u"claude-code"_s});
        const test::FixtureHome serviceHome(QStringList{u"vscode"_s, u"claude-code"_s});
        QVERIFY(cliHome.isValid() && serviceHome.isValid());
        QVERIFY(prepare(cliHome) && prepare(serviceHome));

        const test::CliRun run = test::runCli(cliHome.environment(), test::expanded(args, cliHome.path()));
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        const SessionCatalog catalog(serviceHome.environment());
        const auto shape = call(TransferService(catalog), serviceHome.path());
        QVERIFY2(shape, qPrintable(shape ? QString() : shape.error().message));
        // The workspace a move path makes for dev/shop is named by that folder's inode, which differs between the
        // two homes.
        const auto madeFor = [](const test::FixtureHome& home) {
            const auto id = WorkspaceId::ofLocalFolder(home.file(u"dev/shop"_s));
            return id ? QStringList{*id} : QStringList();
        };
        QCOMPARE(test::comparable(test::printed(*shape), serviceHome.path(), madeFor(serviceHome)),
                 test::comparable(run.out, cliHome.path(), madeFor(cliHome)));
    }

    // What cannot be done fails with the command's message, in the service as on the command line (exit 1).
    void failuresAreTheCommandsMessages_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<Call>("call");
        QTest::newRow("unknown session") << QStringList{u"fetch"_s, u"session"_s, u"zzzz"_s, u"--target-path"_s,
                                                        u"${PROJECT}"_s}
                                         << Call([](const TransferService& s, const QString& home) {
                                                return shape(s.fetchSessions({{u"zzzz"_s}, project(home), {}, {}}));
                                            });
        QTest::newRow("no workspace for the project")
            << QStringList{u"fetch"_s, u"workspace"_s, u"7b8b"_s, u"--target-path"_s, u"${HOME}"_s}
            << Call([](const TransferService& s, const QString& home) {
                   return shape(s.fetchWorkspace({u"7b8b"_s, home, {}, {}}));
               });
        QTest::newRow("no other workspace matches")
            << QStringList{u"fetch"_s, u"workspace"_s, u"5d41"_s, u"--target-path"_s, u"${PROJECT}"_s}
            << Call([](const TransferService& s, const QString& home) {
                   return shape(s.fetchWorkspace({u"5d41"_s, project(home), {}, {}}));
               });
        QTest::newRow("not a folder")
            << QStringList{u"import"_s, u"path"_s, u"${HOME}/nowhere"_s, u"${PROJECT}"_s}
            << Call([](const TransferService& s, const QString& home) {
                   return shape(s.importFolder({home + u"/nowhere"_s, project(home), {}, {}, {}}));
               });
        QTest::newRow("nothing readable brought in")
            << QStringList{u"import"_s, u"sessions"_s,
                           u"${HOME}/"_s + webApp + u"ffff6666-7777-4888-8999-aaaabbbbcccc.json"_s, u"--target-path"_s,
                           u"${PROJECT}"_s}
            << Call([](const TransferService& s, const QString& home) {
                   return shape(
                       s.importSessions({{home + u'/' + webApp + u"ffff6666-7777-4888-8999-aaaabbbbcccc.json"_s},
                                         project(home),
                                         {},
                                         {},
                                         {}}));
               });
        QTest::newRow("into the workspace it is in") << QStringList{u"move"_s, u"workspace"_s, u"5d41"_s, u"5d41"_s}
                                                     << Call([](const TransferService& s, const QString&) {
                                                            return shape(s.moveWorkspace({u"5d41"_s, u"5d41"_s, {}}));
                                                        });
        QTest::newRow("the same folder") << QStringList{u"move"_s, u"path"_s, u"${PROJECT}"_s, u"${PROJECT}"_s}
                                         << Call([](const TransferService& s, const QString& home) {
                                                return shape(s.movePath({project(home), project(home), {}}));
                                            });
    }
    void failuresAreTheCommandsMessages()
    {
        QFETCH(QStringList, args);
        QFETCH(Call, call);
        const test::FixtureHome home;
        QVERIFY(home.isValid());
        const auto before = test::fileTree(home.path());
        const test::CliRun run = test::runCli(home.environment(), test::expanded(args, home.path()));
        QCOMPARE(run.exitCode, 1);
        const SessionCatalog catalog(home.environment());
        const auto shape = call(TransferService(catalog), home.path());
        QVERIFY(!shape);
        QCOMPARE(u"chasm: "_s + shape.error().message + u'\n', run.err);
        QCOMPARE(test::fileTree(home.path()), before);
    }

    // A session imported from Chasm's json export comes in converted, registered, and named in the report.
    void importsAChasmExport()
    {
        const test::FixtureHome home(QStringList{u"vscode"_s, u"claude-code"_s});
        const QString exported = home.file(u"claude.json"_s);
        const test::CliRun run =
            test::runCli(home.environment(), {u"export"_s, u"sessions"_s, exported, u"claude-code:1111"_s});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        const SessionCatalog catalog(home.environment());
        const auto report = TransferService(catalog).importSessions({{exported}, project(home.path()), {}, {}, {}});
        QVERIFY2(report, qPrintable(report ? QString() : report.error().message));
        QCOMPARE(report->offered, qsizetype(1));
        QCOMPARE(report->verb, u"brought in"_s);
        QCOMPARE(report->written.registered, 1);
        QVERIFY(!report->written.recoveryPoint.isEmpty());
        const QStringList files = QDir(home.file(webApp)).entryList(QDir::Files);
        QCOMPARE(files.size(), 5); // the four of the fixture, and the one imported
    }
};

QTEST_GUILESS_MAIN(TestTransferService)
#include "TestTransferService.moc"
