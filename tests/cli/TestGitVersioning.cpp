// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

// chasm git and chasm harvest git, run as a user runs them (the real binary, which loads the chasm-git module) on a
// fixture HOME, with real repositories checked with the git command line too.

#include "ChasmProcess.h"
#include "FixtureHome.h"
#include "ops/ProjectMove.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStandardPaths>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace chasm;

namespace {

const QString claudeId = u"9a9a9a9a-1111-4222-8333-444455556666"_s;

QByteArray claudeRecord(const QString& project, const QString& type, const QString& uuid, const QString& parent,
                        const QString& text, const QString& time)
{
    QJsonArray content;
    content.append(QJsonObject{{u"type"_s, u"text"_s}, {u"text"_s, text}});
    const QJsonObject message =
        type == u"user"_s
            ? QJsonObject{{u"role"_s, u"user"_s}, {u"content"_s, text}}
            : QJsonObject{
                  {u"id"_s, QString(u"msg_"_s + uuid)}, {u"type"_s, u"message"_s}, {u"role"_s, u"assistant"_s},
                  {u"model"_s, u"claude-sonnet-4-5"_s}, {u"content"_s, content},   {u"stop_reason"_s, u"end_turn"_s}};
    const QJsonObject record{{u"parentUuid"_s, parent.isEmpty() ? QJsonValue() : QJsonValue(parent)},
                             {u"isSidechain"_s, false},
                             {u"userType"_s, u"external"_s},
                             {u"cwd"_s, project},
                             {u"sessionId"_s, claudeId},
                             {u"version"_s, u"2.1.197"_s},
                             {u"uuid"_s, uuid},
                             {u"timestamp"_s, time},
                             {u"type"_s, type},
                             {u"message"_s, message}};
    return QJsonDocument(record).toJson(QJsonDocument::Compact) + '\n';
}

struct Ran
{
    int exitCode = -1;
    QByteArray out;
    QString describe;
};

Ran cli(const test::FixtureHome& home, const QStringList& args)
{
    const test::Ran ran = test::runChasm(home.path(), args);
    return {ran.finished && !ran.crashed ? ran.exitCode : -1, ran.out,
            u"chasm %1: %2"_s.arg(args.join(u' '), QString::fromUtf8(ran.describe()))};
}

QJsonObject json(const test::FixtureHome& home, const QStringList& args)
{
    const Ran ran = cli(home, QStringList{u"--json"_s} + args);
    if (ran.exitCode != 0) {
        qWarning().noquote() << ran.describe;
        return {};
    }
    return QJsonDocument::fromJson(ran.out).object();
}

// `git ARGS…` in `repository`, its standard output.
QString git(const test::FixtureHome& home, const QString& repository, const QStringList& args)
{
    const test::Ran ran =
        test::run(u"git"_s, QStringList{u"-C"_s, repository} + args, test::homeEnvironment(home.path()), 30000);
    if (!ran.finished || ran.exitCode != 0) {
        qWarning().noquote() << "git" << args << ran.describe();
    }
    return QString::fromUtf8(ran.out);
}

QJsonObject sessionChange(const QJsonObject& diff, const QString& session)
{
    for (const QJsonValue& s : diff[u"sessions"_s].toArray()) {
        if (s[u"session"_s].toString() == session) {
            return s.toObject();
        }
    }
    return {};
}

} // namespace

class TestGitVersioning : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    // A project with Claude Code and VS Code sessions: init, add --commit, status, diff in messages, snapshot with a
    // tag, log, restore with a backup.
    void projectSessions()
    {
        const test::FixtureHome home(QStringList{u"vscode"_s, u"claude-code"_s});
        QVERIFY(home.isValid());
        const QString project = home.file(u"dev/projects/web app"_s);
        QVERIFY(QDir().mkpath(project));
        const QString claudeFile =
            home.file(u".claude/projects/"_s + ProjectMove::claudeProjectName(project) + u'/' + claudeId + u".jsonl"_s);
        const QByteArray first =
            claudeRecord(project, u"user"_s, u"u1"_s, {}, u"Why does the build fail?"_s, u"2026-03-01T10:00:00Z"_s) +
            claudeRecord(project, u"assistant"_s, u"a1"_s, u"u1"_s, u"A missing semicolon."_s,
                         u"2026-03-01T10:00:05Z"_s);
        QVERIFY(test::writeFile(claudeFile, first));
        const QString vscodeFile =
            home.file(u".config/Code/User/workspaceStorage/5d41402abc4b2a76b9719d911017c592/chatSessions/"
                      "aaaa1111-2222-4333-8444-555566667777.json"_s);
        const QByteArray vscodeBytes = test::readAll(vscodeFile);
        QVERIFY(!vscodeBytes.isEmpty());

        const QJsonObject init = json(home, {u"git"_s, u"init"_s, project});
        QCOMPARE(init[u"created"_s].toBool(), true);
        QCOMPARE(QDir(init[u"repository"_s].toString()).canonicalPath(), QDir(project).canonicalPath());
        const QStringList added = init[u"copies"_s][u"added"_s].toVariant().toStringList();
        const QString claudeCopy = u"claude-code/"_s + claudeId + u".jsonl"_s;
        QVERIFY2(added.contains(claudeCopy), qPrintable(added.join(u", "_s)));
        const QString vscodeCopy = u"copilot/aaaa1111-2222-4333-8444-555566667777.json"_s;
        QVERIFY2(added.contains(vscodeCopy), qPrintable(added.join(u", "_s)));

        const QJsonObject commit =
            json(home, {u"git"_s, u"add"_s, project, u"--commit"_s, u"-m"_s, u"Sessions, first"_s});
        const QString firstCommit = commit[u"commit"_s].toString();
        QCOMPARE(firstCommit.size(), 40);
        QVERIFY(git(home, project, {u"log"_s, u"--oneline"_s}).contains(u"Sessions, first"_s));
        QCOMPARE(git(home, project, {u"status"_s, u"--porcelain"_s}), QString());
        const QStringList tracked = git(home, project, {u"ls-files"_s}).split(u'\n', Qt::SkipEmptyParts);
        QVERIFY(tracked.contains(u".chasm/sessions/"_s + claudeCopy));
        QVERIFY(tracked.contains(u".chasm/sessions/"_s + vscodeCopy));
        QVERIFY(tracked.contains(u".chasm/sessions/sessions.json"_s));
        QCOMPARE(git(home, project, {u"show"_s, u"HEAD:.chasm/sessions/"_s + claudeCopy}).toUtf8(), first);

        // The tool goes on: one more request and response.
        QFile claude(claudeFile);
        QVERIFY(claude.open(QIODevice::Append));
        claude.write(
            claudeRecord(project, u"user"_s, u"u2"_s, u"a1"_s, u"And the linker error?"_s, u"2026-03-01T10:01:00Z"_s) +
            claudeRecord(project, u"assistant"_s, u"a2"_s, u"u2"_s, u"Link with -lm."_s, u"2026-03-01T10:01:05Z"_s));
        claude.close();
        const QByteArray second = test::readAll(claudeFile);
        // And a VS Code response is rewritten.
        QByteArray vscodeChanged = vscodeBytes;
        vscodeChanged.replace("Only Redis is listening.", "Only Redis and Memcached are listening.");
        QVERIFY(vscodeChanged != vscodeBytes);
        QVERIFY(test::writeFile(vscodeFile, vscodeChanged));

        const QJsonObject status = json(home, {u"git"_s, u"status"_s, project});
        QCOMPARE(status[u"changed"_s].toArray(), QJsonArray({claudeCopy, vscodeCopy}));
        QCOMPARE(status[u"head"_s].toString(), firstCommit);

        const QJsonObject diff = json(home, {u"git"_s, u"diff"_s, project});
        QCOMPARE(diff[u"sessions"_s].toArray().size(), 2);
        const QJsonObject response = sessionChange(diff, u"copilot:aaaa1111-2222-4333-8444-555566667777"_s);
        QCOMPARE(response[u"summary"_s].toString(), u"1 response changed"_s);
        QCOMPARE(response[u"responses_changed"_s].toInt(), 1);
        QVERIFY(response[u"messages"_s][0][u"old_text"_s].toString().contains(u"Only Redis is listening."_s));
        QVERIFY(
            response[u"messages"_s][0][u"text"_s].toString().contains(u"Only Redis and Memcached are listening."_s));
        const QJsonObject change = sessionChange(diff, u"claude-code:"_s + claudeId);
        QCOMPARE(change[u"state"_s].toString(), u"changed"_s);
        QCOMPARE(change[u"requests_added"_s].toInt(), 1);
        QCOMPARE(change[u"responses_added"_s].toInt(), 1);
        QCOMPARE(change[u"responses_changed"_s].toInt(), 0);
        QCOMPARE(change[u"summary"_s].toString(), u"1 request added, 1 response added"_s);
        const QJsonArray messages = change[u"messages"_s].toArray();
        QCOMPARE(messages.size(), 2);
        QCOMPARE(messages[0][u"text"_s].toString(), u"And the linker error?"_s);
        QCOMPARE(messages[1][u"text"_s].toString(), u"Link with -lm."_s);
        const Ran text = cli(home, {u"git"_s, u"diff"_s, project});
        QVERIFY2(text.out.contains("(changed): 1 request added, 1 response added"), qPrintable(text.describe));
        QVERIFY2(text.out.contains("+ request 3: And the linker error?"), qPrintable(text.describe));

        const QJsonObject snapshot =
            json(home, {u"git"_s, u"snapshot"_s, project, u"--tag"_s, u"v1"_s, u"-m"_s, u"Second"_s});
        QCOMPARE(snapshot[u"tag"_s].toString(), u"v1"_s);
        QCOMPARE(git(home, project, {u"tag"_s}).trimmed(), u"v1"_s);
        QCOMPARE(git(home, project, {u"rev-parse"_s, u"v1^{commit}"_s}).trimmed(), snapshot[u"commit"_s].toString());
        QVERIFY(git(home, project, {u"show"_s, u"--stat"_s, u"v1"_s}).contains(claudeId));

        const QJsonObject log = json(home, {u"git"_s, u"log"_s, project, u"--sessions-only"_s});
        const QJsonArray commits = log[u"commits"_s].toArray();
        QCOMPARE(commits.size(), 2);
        QCOMPARE(commits[0][u"summary"_s].toString(), u"Second"_s);
        QCOMPARE(commits[1][u"commit"_s].toString(), firstCommit);
        QCOMPARE(commits[0][u"session_files"_s].toInt(), 2);

        const QJsonObject between =
            json(home, {u"git"_s, u"diff"_s, project, u"--from"_s, firstCommit, u"--to"_s, u"v1"_s});
        QCOMPARE(sessionChange(between, u"claude-code:"_s + claudeId)[u"summary"_s].toString(),
                 u"1 request added, 1 response added"_s);

        // The tools lose their files: Claude Code rewrote its transcript with less, VS Code's session is deleted.
        QVERIFY(test::writeFile(claudeFile, first.left(first.indexOf('\n') + 1)));
        QVERIFY(QFile::remove(vscodeFile));
        const QJsonObject gone = json(home, {u"git"_s, u"diff"_s, project});
        QCOMPARE(sessionChange(gone, u"copilot:aaaa1111-2222-4333-8444-555566667777"_s)[u"state"_s].toString(),
                 u"gone"_s);
        QCOMPARE(sessionChange(gone, u"claude-code:"_s + claudeId)[u"responses_removed"_s].toInt(), 2);

        const QJsonObject restored = json(home, {u"git"_s, u"restore"_s, project, u"v1"_s, u"--backup"_s});
        QVERIFY2(!restored.isEmpty(), "restore failed");
        QCOMPARE(test::readAll(claudeFile), second);
        QCOMPARE(test::readAll(vscodeFile), vscodeChanged);
        QVERIFY(QFileInfo::exists(claudeFile + u".bak"_s));
        QCOMPARE(test::readAll(claudeFile + u".bak"_s), first.left(first.indexOf('\n') + 1));
        QVERIFY(QFileInfo::exists(restored[u"recovery_point"_s].toString()));
        const QString backup = restored[u"backup_commit"_s].toString();
        QCOMPARE(backup.size(), 40);
        QVERIFY(git(home, project, {u"log"_s, u"-1"_s, u"--format=%s"_s, backup})
                    .startsWith(u"Chat sessions before restoring"_s));
        // The backup commit holds what the tool had before the restore.
        QCOMPARE(git(home, project, {u"show"_s, backup + u":.chasm/sessions/"_s + claudeCopy}).toUtf8(),
                 first.left(first.indexOf('\n') + 1));
        const QJsonObject after = json(home, {u"git"_s, u"status"_s, project});
        QCOMPARE(after[u"changed"_s].toArray(), QJsonArray());
        QCOMPARE(after[u"gone"_s].toArray(), QJsonArray());
    }

    // track commits the sessions with the files they changed; diff and restore --with-files take those files too.
    void trackWithFiles()
    {
        const test::FixtureHome home(u"claude-code"_s);
        QVERIFY(home.isValid());
        const QString project = home.file(u"project"_s);
        QVERIFY(test::writeFile(project + u"/src/main.c"_s, "int main() { return 0; }\n"));
        QVERIFY(test::writeFile(project + u"/notes.txt"_s, "not tracked\n"));
        const QString claudeFile =
            home.file(u".claude/projects/"_s + ProjectMove::claudeProjectName(project) + u'/' + claudeId + u".jsonl"_s);
        QVERIFY(test::writeFile(
            claudeFile, claudeRecord(project, u"user"_s, u"u1"_s, {}, u"Write main"_s, u"2026-03-01T10:00:00Z"_s)));
        QCOMPARE(cli(home, {u"git"_s, u"init"_s, project}).exitCode, 0);
        const QJsonObject config = json(home, {u"git"_s, u"config"_s, u"--path"_s, project, u"--name"_s, u"Ada"_s,
                                               u"--email"_s, u"ada@example.org"_s});
        QCOMPARE(config[u"name"_s].toString(), u"Ada"_s);
        QCOMPARE(git(home, project, {u"config"_s, u"--local"_s, u"user.email"_s}).trimmed(), u"ada@example.org"_s);

        const QJsonObject tracked = json(home, {u"git"_s, u"track"_s, project, u"--files"_s, u"src/main.c"_s, u"-m"_s,
                                                u"main and its chat"_s, u"--tag"_s, u"t1"_s});
        QCOMPARE(tracked[u"tag"_s].toString(), u"t1"_s);
        QCOMPARE(git(home, project, {u"show"_s, u"--format="_s, u"--name-only"_s, u"t1^{commit}"_s})
                     .split(u'\n', Qt::SkipEmptyParts),
                 QStringList({u".chasm/sessions/claude-code/"_s + claudeId + u".jsonl"_s,
                              u".chasm/sessions/sessions.json"_s, u"src/main.c"_s}));
        QCOMPARE(git(home, project, {u"log"_s, u"-1"_s, u"--format=%an <%ae>"_s}).trimmed(),
                 u"Ada <ada@example.org>"_s);
        QCOMPARE(git(home, project, {u"status"_s, u"--porcelain"_s}).trimmed(), u"?? notes.txt"_s);

        QVERIFY(test::writeFile(project + u"/src/main.c"_s, "int main() { return 1; }\n"));
        const QJsonObject diff = json(home, {u"git"_s, u"diff"_s, project, u"--with-files"_s});
        QCOMPARE(diff[u"sessions"_s].toArray().size(), 0);
        const QJsonArray files = diff[u"files"_s].toArray();
        QVERIFY2(files.contains(QJsonObject{{u"path"_s, u"src/main.c"_s}, {u"status"_s, u"modified"_s}}),
                 QJsonDocument(files).toJson().constData());

        const QJsonObject restored = json(home, {u"git"_s, u"restore"_s, project, u"t1"_s, u"--with-files"_s});
        QCOMPARE(restored[u"restored"_s].toArray(), QJsonArray{QString(project + u"/src/main.c"_s)});
        QCOMPARE(test::readAll(project + u"/src/main.c"_s), QByteArray("int main() { return 0; }\n"));
        QCOMPARE(test::readAll(project + u"/notes.txt"_s), QByteArray("not tracked\n"));
        // The recovery point (which holds the file as it was) stays out of the repository, even with --all.
        QVERIFY(QFileInfo::exists(restored[u"recovery_point"_s].toString()));
        const QJsonObject all = json(home, {u"git"_s, u"track"_s, project, u"--all"_s, u"-m"_s, u"all"_s});
        QVERIFY(!all[u"commit"_s].toString().isEmpty());
        const QString inRepository = git(home, project, {u"ls-files"_s});
        QVERIFY(inRepository.contains(u"notes.txt"_s));
        QVERIFY2(!inRepository.contains(u".chasm_recovery"_s), qPrintable(inRepository));
    }

    // sessions.json comes with the repository (a clone, a pull): restore writes only into the tools' stores.
    void restoreStaysInTheStores()
    {
        const test::FixtureHome home(u"claude-code"_s);
        QVERIFY(home.isValid());
        const QString project = home.file(u"project"_s);
        QVERIFY(QDir().mkpath(project));
        const QString claudeFile =
            home.file(u".claude/projects/"_s + ProjectMove::claudeProjectName(project) + u'/' + claudeId + u".jsonl"_s);
        QVERIFY(test::writeFile(claudeFile,
                                claudeRecord(project, u"user"_s, u"u1"_s, {}, u"Hello"_s, u"2026-03-01T10:00:00Z"_s)));
        QCOMPARE(cli(home, {u"git"_s, u"init"_s, project}).exitCode, 0);
        const QString manifest = project + u"/.chasm/sessions/sessions.json"_s;
        QByteArray record = test::readAll(manifest);
        QVERIFY(record.contains("\"source\": \"~/.claude/projects/"));
        record.replace("\"source\": \"~/.claude/projects/", "\"source\": \"~/elsewhere/");
        QVERIFY(test::writeFile(manifest, record));
        const QString elsewhere =
            home.file(u"elsewhere/"_s + ProjectMove::claudeProjectName(project) + u'/' + claudeId + u".jsonl"_s);
        QVERIFY(test::writeFile(elsewhere, "mine\n"));
        git(home, project, {u"add"_s, u"-A"_s});
        git(home, project,
            {u"-c"_s, u"user.name=x"_s, u"-c"_s, u"user.email=x@x"_s, u"commit"_s, u"-q"_s, u"-m"_s, u"hostile"_s});
        const test::Ran ran = test::runChasm(home.path(), {u"git"_s, u"restore"_s, project, u"HEAD"_s});
        QCOMPARE(ran.exitCode, 1);
        QVERIFY2(ran.err.contains("which is not in claude-code's store: nothing restored"), ran.err.constData());
        QCOMPARE(test::readAll(elsewhere), QByteArray("mine\n"));
    }

    void notARepository()
    {
        const test::FixtureHome home(u"claude-code"_s);
        const QString folder = home.file(u"plain"_s);
        QVERIFY(QDir().mkpath(folder));
        const Ran ran = cli(home, {u"git"_s, u"status"_s, folder});
        QCOMPARE(ran.exitCode, 1);
        const test::Ran raw = test::runChasm(home.path(), {u"git"_s, u"log"_s, folder});
        QVERIFY2(raw.err.contains("is not in a git repository (see: chasm git init"), raw.err.constData());
    }

    // The harvest database versioned beside it: init --git, run --commit, diff in messages, commit, restore.
    void harvestDatabase()
    {
        const test::FixtureHome home(u"claude-code"_s);
        QVERIFY(home.isValid());
        const QString db = home.file(u"h.db"_s);
        const QString repo = db + u".git"_s;
        const QJsonObject init = json(home, {u"--db"_s, db, u"harvest"_s, u"init"_s, u"--git"_s});
        QCOMPARE(init[u"git"_s][u"created"_s].toBool(), true);
        const QJsonObject run = json(home, {u"--db"_s, db, u"harvest"_s, u"run"_s, u"--commit"_s, u"-m"_s, u"one"_s});
        QCOMPARE(run[u"git"_s][u"commit"_s].toString().size(), 40);
        QVERIFY(run[u"git"_s][u"written"_s].toInt() >= 3);
        QCOMPARE(git(home, repo, {u"log"_s, u"--format=%s"_s}).trimmed(), u"one"_s);
        QCOMPARE(git(home, repo, {u"status"_s, u"--porcelain"_s}), QString());
        const QString file = u"sessions/claude-code/11111111-aaaa-4bbb-8ccc-000000000001.json"_s;
        QVERIFY(git(home, repo, {u"ls-files"_s}).split(u'\n').contains(file));
        const QString exported = git(home, repo, {u"show"_s, u"HEAD:"_s + file});
        QVERIFY2(exported.contains(u"\n  \"id\": \"claude-code:11111111-aaaa-4bbb-8ccc-000000000001\""_s),
                 qPrintable(exported.left(300)));
        QVERIFY(!git(home, repo, {u"ls-files"_s}).contains(u".db"_s));

        // The session grows; a run stores it; the diff since the commit says so in messages.
        const QString source =
            home.file(u".claude/projects/-home-dev-projects-web-app/11111111-aaaa-4bbb-8ccc-000000000001.jsonl"_s);
        QFile claude(source);
        QVERIFY(claude.open(QIODevice::Append));
        claude.write(claudeRecord(u"/home/dev/projects/web app"_s, u"user"_s, u"u9"_s, {}, u"One more question"_s,
                                  u"2026-03-02T10:00:00Z"_s));
        claude.close();
        QCOMPARE(cli(home, {u"--db"_s, db, u"harvest"_s, u"run"_s}).exitCode, 0);
        const QString id = u"claude-code:11111111-aaaa-4bbb-8ccc-000000000001"_s;
        const QJsonObject pending = json(home, {u"--db"_s, db, u"harvest"_s, u"git"_s, u"diff"_s});
        QCOMPARE(pending[u"sessions"_s].toArray().size(), 1);
        QCOMPARE(sessionChange(pending, id)[u"requests_added"_s].toInt(), 1);
        QCOMPARE(sessionChange(pending, id)[u"messages"_s][0][u"text"_s].toString(), u"One more question"_s);

        const QJsonObject two = json(home, {u"--db"_s, db, u"harvest"_s, u"git"_s, u"commit"_s, u"-m"_s, u"two"_s});
        QCOMPARE(two[u"written"_s].toInt(), 1);
        QCOMPARE(git(home, repo, {u"log"_s, u"--format=%s"_s}).split(u'\n', Qt::SkipEmptyParts),
                 QStringList({u"two"_s, u"one"_s}));
        QCOMPARE(
            git(home, repo, {u"show"_s, u"--format="_s, u"--name-only"_s, u"HEAD"_s}).split(u'\n', Qt::SkipEmptyParts),
            QStringList({u"index.json"_s, file}));
        const QJsonObject committed =
            json(home, {u"--db"_s, db, u"harvest"_s, u"git"_s, u"diff"_s, u"--commit"_s, u"HEAD"_s});
        QCOMPARE(sessionChange(committed, id)[u"summary"_s].toString(), u"1 request added"_s);
        QCOMPARE(json(home, {u"--db"_s, db, u"harvest"_s, u"git"_s, u"log"_s})[u"commits"_s].toArray().size(), 2);

        const QJsonObject restored = json(home, {u"--db"_s, db, u"harvest"_s, u"git"_s, u"restore"_s, u"HEAD~1"_s});
        QCOMPARE(restored[u"restored"_s].toArray(), QJsonArray{id});
        QCOMPARE(restored[u"checkpointed"_s].toArray().size(), 1);
        // The database holds the first version again: against the last commit, the question is gone.
        const QJsonObject back = json(home, {u"--db"_s, db, u"harvest"_s, u"git"_s, u"diff"_s});
        QCOMPARE(sessionChange(back, id)[u"summary"_s].toString(), u"1 request removed"_s);
        // And the version it replaced is a checkpoint.
        const Ran checkpoints = cli(home, {u"--db"_s, db, u"harvest"_s, u"checkpoints"_s, id});
        QVERIFY2(checkpoints.out.contains("before harvest git restore"), qPrintable(checkpoints.describe));
    }
};

QTEST_GUILESS_MAIN(TestGitVersioning)
#include "TestGitVersioning.moc"
