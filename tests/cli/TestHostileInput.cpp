// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#include "ChasmProcess.h"
#include "FixtureHome.h"
#include "json/Json.h"
#include "vscode/ChatSessionFile.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QStandardPaths>
#include <QTest>

#include <boost/json.hpp>

#include <sys/stat.h>

using namespace Qt::StringLiterals;
using namespace chasm;

namespace {

struct Ran
{
    bool finished = false;
    bool crashed = false;
    int exitCode = -1;
    QString out;
    QString err;

    QString describe(const QStringList& args) const
    {
        return u"chasm %1: %2, exit %3\nstdout: %4\nstderr: %5"_s.arg(
            args.join(u' '),
            !finished ? u"still running after the time-out (hung)"_s
            : crashed ? u"crashed"_s
                      : u"finished"_s,
            QString::number(exitCode), out.left(2000), err.left(2000));
    }
};

// The real binary, as a user runs it, killed if it does not end in time.
Ran runChasm(const QString& home, const QStringList& args, int timeoutMs = 30000)
{
    const test::Ran ran = test::runChasm(home, args, {}, timeoutMs);
    return {ran.finished, ran.crashed, ran.exitCode, QString::fromUtf8(ran.out), QString::fromUtf8(ran.err)};
}

bool makeFifo(const QString& path)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile::remove(path);
    return ::mkfifo(QFile::encodeName(path).constData(), 0600) == 0;
}

bool replaceByLink(const QString& target, const QString& link)
{
    QDir().mkpath(QFileInfo(link).absolutePath());
    QFile::remove(link);
    return QFile::link(target, link);
}

const QString codeStorage = u".config/Code/User/workspaceStorage/"_s;
const QString webApp = u"5d41402abc4b2a76b9719d911017c592"_s;

// Every file under `root` whose name contains `part`.
QStringList filesNamed(const QString& root, const QString& part)
{
    QStringList found;
    QDirIterator it(root, QDir::Files | QDir::Hidden | QDir::System, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        if (QFileInfo(path).fileName().contains(part)) {
            found << path;
        }
    }
    return found;
}

// A legacy session file of the fixture with another session id.
QByteArray sessionWithId(const test::FixtureHome& home, const QString& id)
{
    auto tree =
        json::parseFile(home.file(codeStorage + webApp + u"/chatSessions/aaaa1111-2222-4333-8444-555566667777.json"_s));
    if (!tree) {
        return {};
    }
    tree->as_object()["sessionId"] = json::fromQString(id);
    return QByteArray::fromStdString(boost::json::serialize(*tree));
}

} // namespace

// Files and archives made by strangers: special files where session files belong, files of endless
// size, ids that climb out of their folder. Every command that reads gets through, says what it skipped,
// and writes nothing outside the folder meant for it.
class TestHostileInput : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void everyReadingCommandGetsThroughAHostileHome()
    {
        test::FixtureHome home(
            {u"vscode"_s, u"claude-code"_s, u"codex"_s, u"gemini"_s, u"qwen"_s, u"opencode"_s, u"droid"_s, u"aider"_s});
        QVERIFY(home.isValid());
        const QString pipe = home.file(u"pipe.jsonl"_s);
        QVERIFY(makeFifo(pipe));
        // VS Code: a FIFO as one workspace's workspace.json, /dev/zero as another's, a 2 MB one, a FIFO as
        // Cursor's state.vscdb and as a session file.
        QVERIFY(makeFifo(home.file(codeStorage + u"7b8b965ad4bca0e41ab51de7b31363a1/workspace.json"_s)));
        QVERIFY(replaceByLink(u"/dev/zero"_s,
                              home.file(codeStorage + u"00000000000000000000000000000001/workspace.json"_s)));
        QVERIFY(test::writeFile(home.file(codeStorage + u"00000000000000000000000000000002/workspace.json"_s),
                                "{\"folder\":\"file:///tmp/x\",\"pad\":\"" + QByteArray(2 << 20, ' ') + "\"}"));
        QVERIFY(makeFifo(
            home.file(u".config/Cursor/User/workspaceStorage/c4ca4238a0b923820dcc509a6f75849b/state.vscdb"_s)));
        QVERIFY(
            makeFifo(home.file(codeStorage + webApp + u"/chatSessions/99999999-0000-4000-8000-000000000009.jsonl"_s)));
        QVERIFY(replaceByLink(u"/dev/zero"_s, home.file(codeStorage + webApp +
                                                        u"/chatSessions/99999999-0000-4000-8000-00000000000a.json"_s)));
        // Claude Code: a FIFO, a link to one and /dev/zero named like transcripts.
        const QString claude = home.file(u".claude/projects/-home-dev-projects-web-app/"_s);
        QVERIFY(makeFifo(claude + u"44444444-aaaa-4bbb-8ccc-000000000004.jsonl"_s));
        QVERIFY(replaceByLink(pipe, claude + u"55555555-aaaa-4bbb-8ccc-000000000005.jsonl"_s));
        QVERIFY(replaceByLink(u"/dev/zero"_s, claude + u"66666666-aaaa-4bbb-8ccc-000000000006.jsonl"_s));
        // OpenCode's database, droid's settings, Gemini's projects.json and .project_root.
        QVERIFY(makeFifo(home.file(u".local/share/opencode/opencode.db"_s)));
        QVERIFY(makeFifo(home.file(
            u".factory/sessions/-home-dev-projects-shop/d1d1d1d1-0000-4000-8000-000000000001.settings.json"_s)));
        QVERIFY(makeFifo(home.file(u".gemini/projects.json"_s)));
        QVERIFY(replaceByLink(pipe, home.file(u".gemini/tmp/webapp/.project_root"_s)));
        QVERIFY(test::writeFile(home.file(u".qwen/tmp/5e6f/.project_root"_s), QByteArray("/home/dev/a\0b", 13)));

        const QList<QStringList> commands = {
            {u"list"_s, u"sessions"_s, u"--json"_s},
            {u"list"_s, u"sessions"_s},
            {u"list"_s, u"workspaces"_s, u"--json"_s},
            {u"show"_s, u"index"_s, u"--all"_s},
            {u"harvest"_s, u"run"_s},
            {u"harvest"_s, u"search"_s, u"ECONNREFUSED"_s},
            {u"show"_s, u"timeline"_s, home.file(u"dev/projects/web app"_s)},
        };
        for (const QStringList& args : commands) {
            const Ran ran = runChasm(home.path(), args);
            QVERIFY2(ran.finished && !ran.crashed && ran.exitCode != 1 && ran.exitCode != 2,
                     qPrintable(ran.describe(args)));
            QVERIFY2(!ran.err.contains(u"Broken filename"_s), qPrintable(ran.describe(args)));
        }
        // The readable sessions are all there, the unreadable ones named with what they are.
        const Ran listed = runChasm(home.path(), {u"list"_s, u"sessions"_s, u"--json"_s});
        QVERIFY2(listed.out.contains(u"11111111-aaaa-4bbb-8ccc-000000000001"_s), qPrintable(listed.describe({})));
        QVERIFY2(listed.out.contains(u"aaaa1111-2222-4333-8444-555566667777"_s), qPrintable(listed.describe({})));
        const Ran workspaces = runChasm(home.path(), {u"list"_s, u"workspaces"_s, u"--json"_s});
        QVERIFY2(workspaces.out.contains(u"it is a FIFO (named pipe), not a regular file"_s),
                 qPrintable(workspaces.describe({})));
        QVERIFY2(workspaces.out.contains(u"it is a device, not a regular file"_s), qPrintable(workspaces.describe({})));
        QVERIFY2(workspaces.out.contains(u"larger than the 1 MB"_s), qPrintable(workspaces.describe({})));

        // A FIFO named on the command line: detect says what it is; the others refuse it at once, in one
        // line that names it.
        const QStringList detect{u"recover"_s, u"detect"_s, pipe};
        const Ran detected = runChasm(home.path(), detect);
        QVERIFY2(detected.finished && !detected.crashed, qPrintable(detected.describe(detect)));
        QVERIFY2(detected.out.contains(u"cannot read %1: it is a FIFO (named pipe), not a regular file"_s.arg(pipe)),
                 qPrintable(detected.describe(detect)));
        const QList<QStringList> direct = {
            {u"recover"_s, u"convert"_s, pipe}, {u"recover"_s, u"repair"_s, pipe},
            {u"recover"_s, u"jsonl"_s, pipe},   {u"import"_s, u"sessions"_s, pipe, u"--workspace"_s, webApp},
            {u"harvest"_s, u"import"_s, pipe},  {u"recover"_s, u"database"_s, pipe},
        };
        for (const QStringList& args : direct) {
            const Ran ran = runChasm(home.path(), args);
            QVERIFY2(ran.finished && !ran.crashed && ran.exitCode != 0, qPrintable(ran.describe(args)));
            QVERIFY2(ran.err.contains(pipe) && ran.err.contains(u"FIFO"_s), qPrintable(ran.describe(args)));
        }
    }

    void idsInsideFilesCannotClimbOutOfTheWorkspace()
    {
        test::FixtureHome home(u"vscode"_s);
        QVERIFY(home.isValid());
        const QString chatSessions = home.file(codeStorage + webApp + u"/chatSessions"_s);
        const QStringList hostile = {u"../../../../../../../../../../../../PWNED"_s, u"../../../PWNED"_s,
                                     u"/abs/PWNED"_s};
        const QStringList before = QDir(chatSessions).entryList(QDir::Files);
        QStringList files;
        for (int i = 0; i < hostile.size(); ++i) {
            const QString file = home.file(u"incoming/evil%1.json"_s.arg(i));
            QVERIFY(test::writeFile(file, sessionWithId(home, hostile.at(i))));
            files << file;
        }
        // import sessions FILES --workspace HASH
        QStringList args{u"import"_s, u"sessions"_s};
        args << files << u"--workspace"_s << webApp << u"--force"_s;
        const Ran imported = runChasm(home.path(), args);
        QVERIFY2(imported.finished && imported.exitCode == 0, qPrintable(imported.describe(args)));
        QVERIFY2(imported.err.contains(u"cannot name a file"_s) || imported.out.contains(u"cannot name a file"_s),
                 qPrintable(imported.describe(args)));
        // import workspace DIR HASH
        const Ran folder = runChasm(home.path(), {u"import"_s, u"workspace"_s, home.file(u"incoming"_s),
                                                  u"7b8b965ad4bca0e41ab51de7b31363a1"_s, u"--force"_s});
        QVERIFY2(folder.finished && folder.exitCode == 0, qPrintable(folder.describe({})));

        // import sessions OLD.vscdb, and recover database OLD.vscdb -o OUT: ids from interactive.sessions.
        const QString old = home.file(u"old/state.vscdb"_s);
        QVERIFY(QDir().mkpath(home.file(u"old"_s)));
        const QByteArray sessions = "[" + sessionWithId(home, u"../../../PWNED-db"_s) + "]";
        QVERIFY(test::FixtureHome::runScript(old,
                                             "CREATE TABLE ItemTable (key TEXT UNIQUE ON CONFLICT REPLACE, value BLOB);"
                                             "INSERT INTO ItemTable VALUES ('interactive.sessions', '" +
                                                 QByteArray(sessions).replace("'", "''") + "')"));
        const Ran fromDb = runChasm(home.path(), {u"import"_s, u"sessions"_s, old, u"--workspace"_s,
                                                  u"c4ca4238a0b923820dcc509a6f75849b"_s, u"--force"_s});
        QVERIFY2(fromDb.finished && fromDb.exitCode == 0, qPrintable(fromDb.describe({})));
        const QString out = home.file(u"deep/a/b/out"_s);
        const Ran recovered = runChasm(home.path(), {u"recover"_s, u"database"_s, old, u"-o"_s, out});
        QVERIFY2(recovered.finished && recovered.exitCode == 0, qPrintable(recovered.describe({})));
        QCOMPARE(QDir(out).entryList(QDir::Files).size(), 1);
        QVERIFY(QDir(out).entryList(QDir::Files).first().endsWith(u".json"_s));
        QVERIFY2(recovered.out.contains(u"Recovered 1 session(s)"_s), qPrintable(recovered.describe({})));

        // Nothing named PWNED anywhere: not at the root, not beside HOME, not in sub-folders of chatSessions.
        QVERIFY(!QFileInfo::exists(u"/PWNED.json"_s));
        QVERIFY(filesNamed(QFileInfo(home.path()).absolutePath(), u"PWNED"_s).isEmpty());
        QVERIFY(QDir(chatSessions).entryList(QDir::Dirs | QDir::NoDotAndDotDot).isEmpty());
        // Each came in under a new id of its own, and reads back as the session it was.
        int fresh = 0;
        for (const QString& name : QDir(chatSessions).entryList({u"*.json"_s, u"*.jsonl"_s}, QDir::Files)) {
            if (before.contains(name)) {
                continue;
            }
            const auto contents = ChatSessionFile::read(chatSessions + u'/' + name);
            QVERIFY2(contents, qPrintable(contents ? QString() : contents.error().message));
            QCOMPARE(ChatSessionFile::idOf(name), json::string(contents->tree, "sessionId"));
            ++fresh;
        }
        QVERIFY(fresh >= 3);
    }

    void damagedFilesKeepTheirIds()
    {
        // A rollout and a chat cut off inside their first record: nothing can be read, but the id a person
        // knows (from the tool, from an earlier listing) still names them.
        test::FixtureHome home({u"codex"_s, u"gemini"_s});
        const QString codexId = u"0199cccc-1111-7222-8333-444455556666"_s;
        const QString rollout =
            home.file(u".codex/sessions/2026/02/04/rollout-2026-02-04T08-00-00-%1.jsonl"_s.arg(codexId));
        QVERIFY(test::writeFile(rollout, "{\"timestamp\":\"2026-02-04T08:00:00Z\",\"type\":\"session_me"));
        const QString geminiId = u"7e7e7e7e-2222-4333-8444-555566667777"_s;
        const QString chat = home.file(u".gemini/tmp/webapp/chats/session-2026-04-03T08-00-7e7e7e7e.jsonl"_s);
        QVERIFY(test::writeFile(chat, "{\"sessionId\":\"" + geminiId.toUtf8() + "\",\"projectHash\":\"ab"));
        const Ran listed = runChasm(home.path(), {u"list"_s, u"sessions"_s, u"--json"_s});
        QVERIFY2(listed.finished && listed.exitCode == 0, qPrintable(listed.describe({})));
        QVERIFY2(listed.out.contains(u"\"codex:"_s + codexId + u'"'), qPrintable(listed.describe({})));
        QVERIFY2(listed.out.contains(u"\"gemini:"_s + geminiId + u'"'), qPrintable(listed.describe({})));
        for (const auto& [id, path] : {std::pair{codexId, rollout}, std::pair{geminiId, chat}}) {
            const QStringList args{u"show"_s, u"session"_s, id};
            const Ran shown = runChasm(home.path(), args);
            QVERIFY2(shown.finished && shown.exitCode == 1 && shown.err.contains(path),
                     qPrintable(shown.describe(args)));
        }
    }

    void aFileThatIsNoSessionIsAFailure()
    {
        test::FixtureHome home(u"vscode"_s);
        const QString random = home.file(u"random.json"_s);
        QVERIFY(test::writeFile(random, QByteArray("\x89\x13 not JSON at all {[", 22)));
        const auto before = test::fileTree(home.path());
        const QStringList args{u"import"_s, u"sessions"_s, random, u"--workspace"_s, webApp, u"--force"_s};
        const Ran ran = runChasm(home.path(), args);
        QVERIFY2(ran.finished && ran.exitCode == 1, qPrintable(ran.describe(args)));
        QVERIFY2(ran.err.contains(u"nothing was brought in"_s) && ran.err.contains(random),
                 qPrintable(ran.describe(args)));
        QVERIFY2(!ran.out.contains(u"brought in"_s), qPrintable(ran.describe(args)));
        QCOMPARE(test::fileTree(home.path()), before);
    }
};

QTEST_GUILESS_MAIN(TestHostileInput)
#include "TestHostileInput.moc"
