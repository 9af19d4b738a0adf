// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

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

const QString webApp = u".config/Code/User/workspaceStorage/5d41402abc4b2a76b9719d911017c592/chatSessions/"_s;
const QString first = u"c1c1c1c1-0000-4000-8000-000000000001"_s;
const QString second = u"c2c2c2c2-0000-4000-8000-000000000002"_s;
constexpr qint64 start = 1767261600000; // 2026-01-01T10:00:00Z

// A request as VS Code writes it, its response one markdown part; `state`: 1 complete, 0 pending, 2 cancelled.
bj::object request(const QString& id, const QString& prompt, const QString& response, int state, qint64 time)
{
    return {{"requestId", json::fromQString(id)},
            {"message", {{"text", json::fromQString(prompt)}, {"parts", bj::array()}}},
            {"variableData", {{"variables", bj::array()}}},
            {"response",
             bj::array{bj::object{
                 {"value", json::fromQString(response)}, {"supportThemeIcons", false}, {"supportHtml", false}}}},
            {"responseId", json::fromQString(u"response_"_s + id)},
            {"isCanceled", state == 2},
            {"timestamp", time},
            {"modelState", {{"value", state}, {"completedAt", time + 5000}}}};
}

bool writeSession(const test::FixtureHome& home, const QString& id, const QString& title, const bj::object& request)
{
    const bj::object session{{"version", 3},
                             {"requesterUsername", "dev"},
                             {"responderUsername", "GitHub Copilot"},
                             {"initialLocation", "panel"},
                             {"sessionId", json::fromQString(id)},
                             {"creationDate", start},
                             {"lastMessageDate", start + 60000},
                             {"customTitle", json::fromQString(title)},
                             {"requests", bj::array{request}}};
    return test::writeFile(home.file(webApp + id + u".json"_s), QByteArray::fromStdString(json::serialize(session)));
}

QString responseText(const bj::value& request)
{
    QString text;
    for (const bj::value& part : json::arrayAt(request, "response")) {
        text += json::string(part, "value");
    }
    return text;
}

MergeService::Request sessions(const QStringList& ids, const QString& home)
{
    MergeService::Request request;
    request.kind = MergeService::Request::Kind::Sessions;
    request.names = ids;
    request.targetPath = home + u"/dev/projects/web app"_s;
    return request;
}

} // namespace

Q_DECLARE_METATYPE(boost::json::object)

class TestMergeService : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    // Two sessions, each a copy of one request id (a session copied, then continued or cut off in one place): the
    // same request appears once; a copy cut off is left out for the complete one; a different request under the
    // id is kept as well, under a new id, and the report says which.
    void requestsUnderOneId_data()
    {
        QTest::addColumn<bj::object>("a");
        QTest::addColumn<bj::object>("b");
        QTest::addColumn<QStringList>("responses"); // the merged session's, in order
        QTest::addColumn<int>("duplicates");
        QTest::addColumn<int>("keptComplete");
        QTest::addColumn<int>("keptBoth");
        const QString id = u"request_0b0b0b0b-0000-4000-8000-000000000001"_s;
        const QString prompt = u"Why does the build fail?"_s;
        const QString full = u"The linker cannot find libz. Install zlib1g-dev."_s;
        const QString cut = u"The linker cannot"_s;
        QTest::newRow("the same request") << request(id, prompt, full, 1, start) << request(id, prompt, full, 1, start)
                                          << QStringList{full} << 1 << 0 << 0;
        QTest::newRow("cut off, then complete")
            << request(id, prompt, cut, 0, start) << request(id, prompt, full, 1, start) << QStringList{full} << 0 << 1
            << 0;
        QTest::newRow("complete, then cut off")
            << request(id, prompt, full, 1, start) << request(id, prompt, cut, 2, start) << QStringList{full} << 0 << 1
            << 0;
        QTest::newRow("the same text, finished once")
            << request(id, prompt, full, 0, start) << request(id, prompt, full, 1, start) << QStringList{full} << 0 << 1
            << 0;
        QTest::newRow("continued elsewhere: another prompt")
            << request(id, prompt, full, 1, start)
            << request(id, u"And on macOS?"_s, u"brew install zlib"_s, 1, start + 60000)
            << QStringList{full, u"brew install zlib"_s} << 0 << 0 << 1;
        QTest::newRow("another answer") << request(id, prompt, full, 1, start)
                                        << request(id, prompt, u"Run make clean first."_s, 1, start)
                                        << QStringList{full, u"Run make clean first."_s} << 0 << 0 << 1;
    }
    void requestsUnderOneId()
    {
        QFETCH(bj::object, a);
        QFETCH(bj::object, b);
        QFETCH(QStringList, responses);
        QFETCH(int, duplicates);
        QFETCH(int, keptComplete);
        QFETCH(int, keptBoth);
        const test::FixtureHome home;
        QVERIFY(writeSession(home, first, u"On the laptop"_s, a));
        QVERIFY(writeSession(home, second, u"On the desktop"_s, b));
        const SessionCatalog catalog(home.environment());
        const auto merged = MergeService(catalog).run(sessions({u"c1c1"_s, u"c2c2"_s}, home.path()));
        QVERIFY2(merged, qPrintable(merged ? QString() : merged.error().message));
        QCOMPARE(merged->plan.duplicates, duplicates);
        QCOMPARE(merged->plan.keptComplete(), keptComplete);
        QCOMPARE(merged->plan.keptBoth(), keptBoth);
        QCOMPARE(merged->plan.requests, int(responses.size()));

        // The file written holds every content kept, each request under an id of its own.
        const auto file = ChatSessionFile::read(
            home.file(webApp + merged->plan.sessionId + u'.' + ChatSessionFile::formatName(merged->format)));
        QVERIFY(file);
        QStringList written, ids;
        for (const bj::value& r : json::arrayAt(file->tree, "requests")) {
            written << responseText(r);
            ids << json::string(r, "requestId");
        }
        QCOMPARE(written, responses);
        ids.removeDuplicates();
        QCOMPARE(ids.size(), responses.size());
        const bj::object shape = toJson(*merged);
        QCOMPARE(shape.at("kept_complete").as_array().size(), std::size_t(keptComplete));
        QCOMPARE(shape.at("kept_both").as_array().size(), std::size_t(keptBoth));
        if (keptBoth > 0) {
            const bj::value& renamed = json::arrayAt(file->tree, "requests").at(1);
            QCOMPARE(json::string(renamed.at("chasm"), "original_request_id"), json::string(a, "requestId"));
            QCOMPARE(json::string(shape.at("kept_both").at(0), "new_request_id"), json::string(renamed, "requestId"));
            QCOMPARE(json::string(shape.at("kept_both").at(0), "renamed_from"), u"copilot:"_s + second);
        }
        if (keptComplete > 0) {
            QCOMPARE(json::integer(json::arrayAt(file->tree, "requests").at(0).at("modelState"), "value"), 1);
        }
        // The command says which, in words.
        const test::CliRun words =
            test::runCli(home.environment(), {u"merge"_s, u"sessions"_s, u"c1c1"_s, u"c2c2"_s, u"--target-path"_s,
                                              home.path() + u"/dev/projects/web app"_s, u"--dry-run"_s});
        QVERIFY2(words.exitCode == 0, qPrintable(words.err));
        QCOMPARE(words.out.count(u": kept the complete copy of copilot:"_s), keptComplete);
        QCOMPARE(words.out.count(u": both kept, it as request_"_s), keptBoth);
    }

    // The merged session merged again with its sources adds nothing: a request kept under a new id is recognised.
    void mergingAgainAddsNothing()
    {
        const test::FixtureHome home;
        const QString id = u"request_0b0b0b0b-0000-4000-8000-000000000001"_s;
        QVERIFY(writeSession(home, first, u"On the laptop"_s, request(id, u"Why?"_s, u"Because."_s, 1, start)));
        QVERIFY(writeSession(home, second, u"On the desktop"_s,
                             request(id, u"And then?"_s, u"Then this."_s, 1, start + 60000)));
        const SessionCatalog catalog(home.environment());
        const auto once = MergeService(catalog).run(sessions({u"c1c1"_s, u"c2c2"_s}, home.path()));
        QVERIFY(once);
        QCOMPARE(once->plan.requests, 2);
        const SessionCatalog again(home.environment());
        const auto twice = MergeService(again).run(sessions({once->plan.sessionId, u"c1c1"_s, u"c2c2"_s}, home.path()));
        QVERIFY2(twice, qPrintable(twice ? QString() : twice.error().message));
        QCOMPARE(twice->plan.requests, 2);
        QCOMPARE(twice->plan.duplicates, 2);
        QVERIFY(twice->plan.conflicts.isEmpty());
    }

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
