// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#include "FixtureHome.h"
#include "vscode/EditingSession.h"
#include "vscode/WorkspaceStorage.h"

#include <QStandardPaths>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace chasm;

class TestWorkspaceStorage : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void scansEveryKind()
    {
        test::FixtureHome home;
        QVERIFY(home.isValid());
        const QList<Workspace> workspaces = WorkspaceStorage::scan(home.environment(), Editor::Code);
        QCOMPARE(workspaces.size(), 4);
        QHash<QString, Workspace> byHash;
        for (const Workspace& w : workspaces) {
            byHash.insert(w.hash, w);
            QCOMPARE(w.provider, u"copilot"_s);
            QCOMPARE(w.editor, u"code"_s);
        }

        const Workspace folder = byHash.value(u"5d41402abc4b2a76b9719d911017c592"_s);
        QCOMPARE(folder.kind, Workspace::Kind::Folder);
        QCOMPARE(folder.id, u"code:5d41402abc4b2a76b9719d911017c592"_s);
        QCOMPARE(folder.projectPath, home.path() + u"/dev/projects/web app"_s);
        QCOMPARE(folder.displayName(), u"web app"_s);
        QCOMPARE(folder.sessionCount, 4);
        QVERIFY(folder.hasChatSessions);
        QVERIFY(folder.lastModified.isValid());

        const Workspace multi = byHash.value(u"7b8b965ad4bca0e41ab51de7b31363a1"_s);
        QCOMPARE(multi.kind, Workspace::Kind::MultiRoot);
        QCOMPARE(multi.projectPath, home.path() + u"/dev/projects/mono.code-workspace"_s);
        QCOMPARE(multi.folders, (QStringList{home.path() + u"/dev/projects/mono/frontend"_s,
                                             home.path() + u"/dev/projects/mono/backend"_s}));
        QCOMPARE(multi.displayName(), u"mono"_s);

        const Workspace remote = byHash.value(u"e4da3b7fbbce2345d7772b0674a318d5"_s);
        QCOMPARE(remote.kind, Workspace::Kind::Remote);
        QCOMPARE(remote.uri, u"vscode-remote://ssh-remote%2Bbuildbox/srv/api"_s);
        QCOMPARE(remote.remoteAuthority, u"ssh-remote+buildbox"_s);
        QCOMPARE(remote.remotePath, u"/srv/api"_s);
        QVERIFY(remote.projectPath.isEmpty());
        QCOMPARE(remote.displayName(), u"ssh-remote+buildbox: api"_s);

        const Workspace empty = byHash.value(u"empty-window"_s);
        QCOMPARE(empty.kind, Workspace::Kind::Empty);
        QCOMPARE(empty.sessionCount, 1);
        QCOMPARE(empty.stateDatabasePath, home.path() + u"/.config/Code/User/globalStorage/state.vscdb"_s);
    }

    // When <id>.jsonl and <id>.json both exist the editor reads the .jsonl; so does Chasm.
    void jsonlShadowsJson()
    {
        QTemporaryDir dir;
        QVERIFY(test::writeFile(dir.filePath(u"chatSessions/a.json"_s), "{}"));
        QVERIFY(test::writeFile(dir.filePath(u"chatSessions/a.jsonl"_s), "{}"));
        QVERIFY(test::writeFile(dir.filePath(u"chatSessions/b.json"_s), "{}"));
        QVERIFY(test::writeFile(dir.filePath(u"chatSessions/notes.txt"_s), "{}"));
        const QStringList files = WorkspaceStorage::sessionFiles(dir.filePath(u"chatSessions"_s));
        QCOMPARE(files, (QStringList{dir.filePath(u"chatSessions/a.jsonl"_s), dir.filePath(u"chatSessions/b.json"_s)}));
    }

    void damagedWorkspaceFolders()
    {
        QTemporaryDir dir;
        const EditorInfo& code = editorInfo(Editor::Code);
        QVERIFY(test::writeFile(dir.filePath(u"nojson/chatSessions/s.json"_s), "{}"));
        const Workspace missing = WorkspaceStorage::readWorkspace(dir.filePath(u"nojson"_s), code);
        QCOMPARE(missing.kind, Workspace::Kind::Unknown);
        QCOMPARE(missing.error, dir.filePath(u"nojson/workspace.json"_s) + u" is missing"_s);
        QCOMPARE(missing.sessionCount, 1);

        QVERIFY(test::writeFile(dir.filePath(u"broken/workspace.json"_s), "{\"folder\": \"file:///x"));
        const Workspace broken = WorkspaceStorage::readWorkspace(dir.filePath(u"broken"_s), code);
        QVERIFY2(broken.error.startsWith(u"cannot read "_s + dir.filePath(u"broken/workspace.json"_s)),
                 qPrintable(broken.error));

        QVERIFY(test::writeFile(dir.filePath(u"no-workspace/chatSessions/s.json"_s), "{}"));
        const Workspace legacyEmpty = WorkspaceStorage::readWorkspace(dir.filePath(u"no-workspace"_s), code);
        QCOMPARE(legacyEmpty.kind, Workspace::Kind::Empty);
        QVERIFY(legacyEmpty.error.isEmpty());
    }

    // chatEditingSessions: version 1 (a snapshot per request, no undo stops) and a damaged state.json.
    // (Version 2 and the timeline layout are read from the shared fixture in TestCli.)
    void editingSessionsOfVersionOne()
    {
        QTemporaryDir dir;
        QVERIFY(test::writeFile(
            dir.filePath(u"chatEditingSessions/s1/state.json"_s),
            "{\"version\":1,\"sessionId\":\"s1\",\"linearHistory\":["
            "{\"requestId\":\"request_1\",\"workingSet\":[],\"entries\":[]},"
            "{\"requestId\":\"request_2\",\"workingSet\":[],\"entries\":[{\"resource\":\"file:///p/a.ts\","
            "\"languageId\":\"typescript\",\"originalHash\":\"1234567\",\"currentHash\":\"89abcde\","
            "\"originalToCurrentEdit\":[],\"state\":0,\"snapshotUri\":\"chat-editing-snapshot-text-model:/p/a.ts\","
            "\"telemetryInfo\":{\"requestId\":\"request_1\",\"agentId\":\"github.copilot.editsAgent\"}}]}],"
            "\"linearHistoryIndex\":1,\"initialFileContents\":[[\"file:///p/a.ts\",\"1234567\"]],"
            "\"recentSnapshot\":{\"workingSet\":[],\"entries\":[{\"resource\":\"file:///p/a.ts\","
            "\"languageId\":\"typescript\",\"originalHash\":\"1234567\",\"currentHash\":\"89abcde\","
            "\"state\":1,\"telemetryInfo\":{\"requestId\":\"request_2\"}}]},\"filesToSkipCreating\":[]}"));
        QVERIFY(test::writeFile(dir.filePath(u"chatEditingSessions/s2/state.json"_s), "{\"version\":2,\"linearHis"));
        const QList<EditingSession> found = EditingSession::list(dir.path());
        QCOMPARE(found.size(), 2);
        const auto s1 =
            std::find_if(found.cbegin(), found.cend(), [](const auto& e) { return e.sessionId == u"s1"_s; });
        QVERIFY(s1 != found.cend());
        QVERIFY(s1->error.isEmpty());
        QCOMPARE(s1->version, 1);
        QCOMPARE(s1->layout, u"linear"_s);
        QCOMPARE(s1->files.size(), 1);
        QCOMPARE(s1->files.first().path, u"/p/a.ts"_s);
        QCOMPARE(s1->files.first().languageId, u"typescript"_s);
        QCOMPARE(s1->files.first().state, EditingSession::FileState::Accepted); // the latest snapshot decides
        QCOMPARE(s1->files.first().requestIds, (QStringList{u"request_1"_s, u"request_2"_s}));
        QCOMPARE(s1->requestIds, (QStringList{u"request_1"_s, u"request_2"_s}));
        QCOMPARE(s1->undoneRequests, 1); // request_2 is past linearHistoryIndex 1
        const auto s2 =
            std::find_if(found.cbegin(), found.cend(), [](const auto& e) { return e.sessionId == u"s2"_s; });
        QVERIFY(s2->error.contains(dir.filePath(u"chatEditingSessions/s2/state.json"_s)));
    }
};

QTEST_GUILESS_MAIN(TestWorkspaceStorage)
#include "TestWorkspaceStorage.moc"
