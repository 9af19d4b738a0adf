// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

// sync --push and the originals a harvest keeps: sessions their tools deleted come back byte for byte, in every
// provider whose store is files; conflicts, force, dry runs and undo; a kill at any moment of a push.

#include "CliRun.h"
#include "FixtureHome.h"
#include "json/Json.h"
#include "vscode/SessionIndex.h"

#include <QCryptographicHash>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QProcess>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTest>
#include <QThread>

#include <boost/json/parse.hpp>

using namespace Qt::StringLiterals;
using namespace chasm;

namespace {

using Run = test::CliRun;

Run chasmRun(const test::FixtureHome& home, const QStringList& args)
{
    return test::runCli(home.environment(), args);
}

qint64 number(const boost::json::value& v, std::string_view key)
{
    return json::integer(v, key).value_or(-1);
}

QString sha256Of(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        return {};
    }
    QCryptographicHash hash(QCryptographicHash::Sha256);
    hash.addData(&file);
    return QString::fromLatin1(hash.result().toHex());
}

QString databaseOf(const test::FixtureHome& home)
{
    return home.file(u".local/share/chasm/chasm.db"_s);
}

// The files the database says it kept, by session id, read with SQL of the test's own.
QMultiMap<QString, QString> keptFiles(const QString& database)
{
    QMultiMap<QString, QString> files;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"kept"_s);
        db.setDatabaseName(database);
        if (db.open()) {
            QSqlQuery query(db);
            query.exec(u"SELECT session_id, path FROM original_files"_s);
            while (query.next()) {
                files.insert(query.value(0).toString(), query.value(1).toString());
            }
        }
    }
    QSqlDatabase::removeDatabase(u"kept"_s);
    return files;
}

QStringList listedIds(const test::FixtureHome& home)
{
    const Run run = chasmRun(home, {u"list"_s, u"sessions"_s, u"--json"_s});
    const boost::json::value listed = run.json();
    QStringList ids;
    for (const boost::json::value& item : listed.as_array()) {
        if (json::string(item, "error").isEmpty()) {
            ids << json::string(item, "id");
        }
    }
    ids.sort();
    return ids;
}

QStringList indexIds(const QString& stateDatabase)
{
    QStringList ids;
    if (auto entries = SessionIndex::read(stateDatabase)) {
        for (const IndexEntry& entry : *entries) {
            ids << entry.sessionId;
        }
    }
    return ids;
}

const QStringList fileProviders = {u"claude-code"_s, u"codex"_s,  u"continue"_s, u"cursor"_s,
                                   u"droid"_s,       u"gemini"_s, u"qwen"_s,     u"copilot"_s};

// A session as the tool's own store gives it, through Chasm's readers (`show session --json`), less where it was read
// from and what the read met.
QString shownSession(const test::FixtureHome& home, const QString& id)
{
    const Run show = chasmRun(home, {u"show"_s, u"session"_s, id, u"--json"_s});
    boost::json::object session = show.json().is_object() ? show.json().as_object() : boost::json::object();
    for (const char* key : {"id", "title", "project_path", "created_at", "updated_at", "metadata", "messages"}) {
        if (!session.contains(key)) {
            return QString(u"no "_s + QLatin1StringView(key) + u" in "_s + show.out + show.err);
        }
    }
    for (const char* key : {"warnings", "native_id", "workspace", "provider"}) {
        session.erase(key);
    }
    return QString::fromStdString(json::pretty(session));
}

} // namespace

class TestSync : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    // Every provider whose store is files: harvest, the tool deletes its sessions (and VS Code forgets them in its
    // index), push, and every file is back with the same SHA-256, listed by the tool's own listing again, and in the
    // editor's index.
    void pushRestoresEveryFileProviderByteForByte()
    {
        test::FixtureHome home(QStringList{u"claude-code"_s, u"codex"_s, u"continue"_s, u"cursor"_s, u"droid"_s,
                                           u"gemini"_s, u"qwen"_s, u"vscode"_s});
        QVERIFY(home.isValid());
        const QStringList listedBefore = listedIds(home);
        const Run harvest = chasmRun(home, {u"harvest"_s, u"run"_s, u"--json"_s});
        QVERIFY2(harvest.exitCode == 0 || harvest.exitCode == 3, qPrintable(harvest.err));
        const QMultiMap<QString, QString> kept = keptFiles(databaseOf(home));
        QSet<QString> providers;
        QMap<QString, QString> shaBefore;
        for (auto it = kept.begin(); it != kept.end(); ++it) {
            providers.insert(it.key().section(u':', 0, 0));
            shaBefore[it.value()] = sha256Of(it.value());
            QVERIFY2(!shaBefore[it.value()].isEmpty(), qPrintable(it.value()));
        }
        for (const QString& provider : fileProviders) {
            QVERIFY2(providers.contains(provider), qPrintable(provider + u" kept nothing"_s));
        }
        QCOMPARE(qint64(number(harvest.json(), "originals_kept")), qint64(QSet(kept.keyBegin(), kept.keyEnd()).size()));

        // The tools delete every session file; VS Code also drops one from its index.
        const QString storage = home.file(u".config/Code/User/workspaceStorage/5d41402abc4b2a76b9719d911017c592"_s);
        QVERIFY(indexIds(storage + u"/state.vscdb"_s).contains(u"aaaa1111-2222-4333-8444-555566667777"_s));
        QVERIFY(!SessionIndex::write(storage + u"/state.vscdb"_s, {}, {u"aaaa1111-2222-4333-8444-555566667777"_s}));
        QVERIFY(!indexIds(storage + u"/state.vscdb"_s).contains(u"aaaa1111-2222-4333-8444-555566667777"_s));
        for (const QString& path : shaBefore.keys()) {
            QVERIFY(QFile::remove(path));
        }
        QVERIFY(listedIds(home) != listedBefore);

        const Run push = chasmRun(home, {u"sync"_s, u"--push"_s, u"--json"_s});
        QVERIFY2(push.exitCode == 0, qPrintable(push.err + push.out));
        const boost::json::value report = push.json();
        QCOMPARE(number(report, "restored"), qint64(shaBefore.size()));
        QCOMPARE(number(report, "conflicts"), qint64(0));
        for (auto it = shaBefore.begin(); it != shaBefore.end(); ++it) {
            QVERIFY2(sha256Of(it.key()) == it.value(), qPrintable(it.key()));
        }
        QCOMPARE(listedIds(home), listedBefore);
        QVERIFY(indexIds(storage + u"/state.vscdb"_s).contains(u"aaaa1111-2222-4333-8444-555566667777"_s));
        bool registered = false;
        for (const boost::json::value& file : report.at("files").as_array()) {
            if (json::string(file, "session_id") == u"copilot:aaaa1111-2222-4333-8444-555566667777"_s) {
                registered = file.at("registered").as_bool();
            }
        }
        QVERIFY(registered);

        // Cursor's composers, kept in its database, were never gone.
        QCOMPARE(number(report, "present"), qint64(3));

        // Pushed again, everything is there already: nothing is written.
        const Run again = chasmRun(home, {u"sync"_s, u"--push"_s, u"--json"_s});
        QCOMPARE(again.exitCode, 0);
        QCOMPARE(number(again.json(), "present"), qint64(shaBefore.size()) + 3);
        QCOMPARE(number(again.json(), "restored"), qint64(0));
    }

    // --format json|jsonl writes an editor's session in its other format: a .jsonl log replayed into a .json document
    // and a .json document as a log, each reading back as the same session, registered in the editor's index; pushed
    // again it is present; a .json is not written beside the session's .jsonl, which the editor reads instead.
    void vscodeSessionInItsOtherFormat()
    {
        test::FixtureHome home(u"vscode"_s);
        QVERIFY(home.isValid());
        const QString folder =
            home.file(u".config/Code/User/workspaceStorage/5d41402abc4b2a76b9719d911017c592/chatSessions/"_s);
        const QString logged = u"bbbb2222-3333-4444-8555-666677778888"_s; // kept as .jsonl
        const QString whole = u"aaaa1111-2222-4333-8444-555566667777"_s;  // kept as .json
        const QString before[] = {shownSession(home, u"copilot:"_s + logged),
                                  shownSession(home, u"copilot:"_s + whole)};
        const Run harvest = chasmRun(home, {u"harvest"_s, u"run"_s});
        QVERIFY2(harvest.exitCode == 0 || harvest.exitCode == 3, qPrintable(harvest.err));
        QVERIFY(QFile::remove(folder + logged + u".jsonl"_s));
        QVERIFY(QFile::remove(folder + whole + u".json"_s));

        const auto push = [&home](const QString& id, const QString& format) {
            return chasmRun(home, {u"sync"_s, u"--push"_s, u"--sessions"_s, u"copilot:"_s + id, u"--format"_s, format,
                                   u"--json"_s});
        };
        for (const auto& [id, format, shown] :
             {std::tuple{logged, u"json"_s, before[0]}, std::tuple{whole, u"jsonl"_s, before[1]}}) {
            const Run written = push(id, format);
            QVERIFY2(written.exitCode == 0, qPrintable(written.err + written.out));
            const boost::json::value report = written.json();
            QCOMPARE(number(report, "restored"), qint64(1));
            const boost::json::value& file = report.at("files").as_array().at(0);
            QCOMPARE(json::string(file, "path"), folder + id + u'.' + format);
            QVERIFY(file.at("registered").as_bool());
            QCOMPARE(sha256Of(folder + id + u'.' + format), json::string(file, "sha256"));
            QVERIFY(indexIds(folder + u"../state.vscdb"_s).contains(id));
            QCOMPARE(shownSession(home, u"copilot:"_s + id), shown);
            QCOMPARE(number(push(id, format).json(), "present"), qint64(1));
        }
        QVERIFY(!QFileInfo::exists(folder + logged + u".jsonl"_s));

        // The log back as it was kept: a .json beside it would not be read.
        QVERIFY(QFile::remove(folder + logged + u".json"_s));
        QCOMPARE(number(push(logged, u"auto"_s).json(), "restored"), qint64(1));
        const Run beside = push(logged, u"json"_s);
        QCOMPARE(beside.exitCode, 3);
        QCOMPARE(number(beside.json(), "conflicts"), qint64(1));
        QVERIFY(!QFileInfo::exists(folder + logged + u".json"_s));
    }

    // Claude Code purged a 40-day-old transcript: `sync --push --sessions claude-code:<prefix>` puts it back where
    // `claude --resume` looks (the project's folder under ~/.claude/projects, named after the session), the same
    // bytes, and Chasm's own listing finds it under its project again.
    void claudeCodeTranscriptComesBack()
    {
        test::FixtureHome home(u"claude-code"_s);
        const QString transcript =
            home.file(u".claude/projects/-home-dev-projects-web-app/22222222-aaaa-4bbb-8ccc-000000000002.jsonl"_s);
        {
            QFile file(transcript);
            QVERIFY(file.open(QIODevice::ReadWrite));
            QVERIFY(file.setFileTime(QDateTime::currentDateTimeUtc().addDays(-40), QFileDevice::FileModificationTime));
        }
        const QString sha = sha256Of(transcript);
        QCOMPARE(chasmRun(home, {u"harvest"_s, u"run"_s}).exitCode, 0);
        QVERIFY(QFile::remove(transcript));
        QVERIFY(!listedIds(home).contains(u"claude-code:22222222-aaaa-4bbb-8ccc-000000000002"_s));
        // Until it is pushed, Chasm shows it from the database, saying where it comes from.
        const Run kept = chasmRun(home, {u"show"_s, u"session"_s, u"claude-code:2222"_s, u"--json"_s});
        QVERIFY2(kept.exitCode == 0, qPrintable(kept.err));
        QVERIFY2(kept.err.contains(u"kept only by Chasm"_s), qPrintable(kept.err));
        QCOMPARE(json::string(kept.json(), "id"), u"claude-code:22222222-aaaa-4bbb-8ccc-000000000002"_s);
        QVERIFY(!kept.json().at("messages").as_array().empty());
        const Run unknown = chasmRun(home, {u"show"_s, u"session"_s, u"claude-code:9999"_s});
        QCOMPARE(unknown.exitCode, 1);
        QVERIFY2(unknown.err.contains(u"no session matches"_s), qPrintable(unknown.err));

        const Run push = chasmRun(home, {u"sync"_s, u"--push"_s, u"--sessions"_s, u"claude-code:2222"_s});
        QVERIFY2(push.exitCode == 0, qPrintable(push.err + push.out));
        QVERIFY2(push.out.contains(u"1 restored"_s), qPrintable(push.out));
        QCOMPARE(sha256Of(transcript), sha);
        const Run show = chasmRun(
            home, {u"show"_s, u"session"_s, u"claude-code:22222222-aaaa-4bbb-8ccc-000000000002"_s, u"--json"_s});
        QVERIFY2(show.exitCode == 0, qPrintable(show.err));
        QVERIFY(!show.json().at("messages").as_array().empty());
        QVERIFY(listedIds(home).contains(u"claude-code:22222222-aaaa-4bbb-8ccc-000000000002"_s));
        // Only what was asked for: the other transcripts were there all along.
        QCOMPARE(chasmRun(home, {u"sync"_s, u"--push"_s, u"--sessions"_s, u"claude-code:2222"_s, u"--json"_s})
                     .json()
                     .at("present")
                     .as_int64(),
                 qint64(1));
    }

    // A file whose tool changed it since the harvest is a conflict, left as it is (exit 3); --force replaces it
    // after a backup, and undo puts the tool's bytes back. A dry run writes nothing at all.
    void conflictsForceAndUndo()
    {
        test::FixtureHome home(u"claude-code"_s);
        const QString transcript =
            home.file(u".claude/projects/-home-dev-projects-web-app/11111111-aaaa-4bbb-8ccc-000000000001.jsonl"_s);
        const QByteArray harvested = test::readAll(transcript);
        QCOMPARE(chasmRun(home, {u"harvest"_s, u"run"_s}).exitCode, 0);
        const QByteArray changed =
            harvested + "{\"type\":\"user\",\"sessionId\":\"11111111-aaaa-4bbb-8ccc-000000000001\"}\n";
        QVERIFY(test::writeFile(transcript, changed));

        const auto before = test::fileTree(home.path());
        const Run dry = chasmRun(home, {u"sync"_s, u"--push"_s, u"--force"_s, u"--dry-run"_s, u"--json"_s});
        QCOMPARE(dry.exitCode, 0);
        QCOMPARE(number(dry.json(), "replaced"), qint64(1));
        QVERIFY(test::fileTree(home.path()) == before);

        const Run conflict = chasmRun(home, {u"sync"_s, u"--push"_s});
        QCOMPARE(conflict.exitCode, 3);
        QVERIFY2(conflict.out.contains(u"conflict"_s) && conflict.out.contains(transcript), qPrintable(conflict.out));
        QCOMPARE(test::readAll(transcript), changed);

        const Run forced = chasmRun(home, {u"sync"_s, u"--push"_s, u"--force"_s, u"--json"_s});
        QVERIFY2(forced.exitCode == 0, qPrintable(forced.err));
        QCOMPARE(test::readAll(transcript), harvested);
        QCOMPARE(test::readAll(transcript + u".bak"_s), changed);
        const QString undo = json::string(forced.json(), "recovery_point");
        QVERIFY(!undo.isEmpty());
        const Run undone = chasmRun(home, {u"recover"_s, u"undo"_s, undo});
        QVERIFY2(undone.exitCode == 0, qPrintable(undone.err));
        QCOMPARE(test::readAll(transcript), changed);
    }

    // Originals are kept unless asked not to; a database harvested without them gets them at the next run, for the
    // sessions the tools still have. A session pushed without kept files is skipped, saying why.
    void originalsCanBeLeftOutAndComeLater()
    {
        test::FixtureHome home(u"claude-code"_s);
        QCOMPARE(chasmRun(home, {u"harvest"_s, u"run"_s, u"--no-originals"_s}).exitCode, 0);
        const Run status = chasmRun(home, {u"harvest"_s, u"status"_s, u"--json"_s});
        QCOMPARE(status.json().at("originals").at("files").as_int64(), qint64(0));
        const Run none = chasmRun(home, {u"sync"_s, u"--push"_s, u"--sessions"_s, u"claude-code:1111"_s, u"--json"_s});
        QCOMPARE(none.exitCode, 3);
        QCOMPARE(number(none.json(), "skipped"), qint64(1));

        const Run again = chasmRun(home, {u"harvest"_s, u"run"_s, u"--json"_s});
        QCOMPARE(again.exitCode, 0);
        QCOMPARE(number(again.json(), "originals_kept"), qint64(3));
        QCOMPARE(number(again.json(), "new"), qint64(0));
        const boost::json::value originals =
            chasmRun(home, {u"harvest"_s, u"status"_s, u"--json"_s}).json().at("originals");
        QCOMPARE(originals.at("files").as_int64(), qint64(3));
        QVERIFY(originals.at("stored_bytes").as_int64() > 0);
        QVERIFY(originals.at("stored_bytes").as_int64() < originals.at("bytes").as_int64());
        // Unchanged since, they are not read a third time.
        QCOMPARE(number(chasmRun(home, {u"harvest"_s, u"run"_s, u"--json"_s}).json(), "originals_kept"), qint64(0));
    }

    // OpenCode and Cursor's composers keep sessions as rows of a database, of which a harvest keeps no file: a
    // session deleted from the store is written back from its normalized form, into rows the tool's reader reads
    // back as the same conversation (every field of every message, the title, the project, the times and the token
    // total), listed in its Cursor workspace again; pushed again it is present; a changed one is a conflict until
    // forced; undo takes the push back.
    void databaseStoresComeBackNormalized()
    {
        test::FixtureHome home(QStringList{u"opencode"_s, u"cursor"_s});
        QVERIFY(home.isValid());
        const QString openCode = home.file(u".local/share/opencode/opencode.db"_s);
        const QString cursor = home.file(u".config/Cursor/User/globalStorage/state.vscdb"_s);
        const QString cursorWorkspace = home.file(u".config/Cursor/User/workspaceStorage/f00dfeed/state.vscdb"_s);
        // ses_b2 has no title of its own and no message: OpenCode's title column is NOT NULL.
        const QStringList ids{u"opencode:ses_a1"_s, u"opencode:ses_b2"_s, u"cursor:cmp-1111-aaaa"_s};
        const auto shown = [&home](const QString& id) { return shownSession(home, id); };
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"untitled"_s);
            db.setDatabaseName(openCode);
            QVERIFY(db.open());
            QVERIFY(QSqlQuery(db).exec(u"UPDATE session SET title = '' WHERE id = 'ses_b2'"_s));
            // An answer that ends with an empty text after its tool calls.
            QVERIFY(QSqlQuery(db).exec(u"INSERT INTO part VALUES ('prt_msg_2_6', 'msg_2', 'ses_a1', 1767600002000, "
                                       "1767600002000, '{\"type\":\"text\",\"text\":\"\"}')"_s));
        }
        QSqlDatabase::removeDatabase(u"untitled"_s);
        QMap<QString, QString> before;
        for (const QString& id : ids) {
            before[id] = shown(id);
            QVERIFY2(before[id].startsWith(u'{'), qPrintable(before[id]));
        }
        QVERIFY(before[u"opencode:ses_a1"_s].contains(u"call_b"_s));
        const Run harvest = chasmRun(home, {u"harvest"_s, u"run"_s});
        QVERIFY2(harvest.exitCode == 0 || harvest.exitCode == 3, qPrintable(harvest.err));

        // The tools forget them.
        QVERIFY(test::FixtureHome::runScript(openCode, "DELETE FROM part WHERE session_id = 'ses_a1';"
                                                       "DELETE FROM message WHERE session_id = 'ses_a1';"
                                                       "DELETE FROM session WHERE id IN ('ses_a1', 'ses_b2')"));
        QVERIFY(test::FixtureHome::runScript(cursor, "DELETE FROM cursorDiskKV WHERE key LIKE '%cmp-1111-aaaa%'"));
        QVERIFY(
            test::FixtureHome::runScript(cursorWorkspace, "DELETE FROM ItemTable WHERE key = 'composer.composerData'"));
        for (const QString& id : ids) {
            QVERIFY(!listedIds(home).contains(id));
        }

        const auto dryTree = test::fileTree(home.file(u".local/share/opencode"_s));
        const Run dry =
            chasmRun(home, {u"sync"_s, u"--push"_s, u"--sessions"_s, ids.join(u','), u"--dry-run"_s, u"--json"_s});
        QVERIFY2(dry.exitCode == 0, qPrintable(dry.err + dry.out));
        QCOMPARE(number(dry.json(), "restored"), qint64(3));
        QVERIFY(test::fileTree(home.file(u".local/share/opencode"_s)) == dryTree);

        const Run push = chasmRun(home, {u"sync"_s, u"--push"_s, u"--sessions"_s, ids.join(u','), u"--json"_s});
        QVERIFY2(push.exitCode == 0, qPrintable(push.err + push.out));
        const boost::json::value report = push.json();
        QCOMPARE(number(report, "restored"), qint64(3));
        for (const boost::json::value& file : report.at("files").as_array()) {
            const bool isCursor = json::string(file, "provider") == u"cursor"_s;
            QCOMPARE(json::string(file, "path"), isCursor ? cursor : openCode);
            QCOMPARE(file.at("registered").as_bool(), isCursor);
        }
        for (const QString& id : ids) {
            QVERIFY2(listedIds(home).contains(id), qPrintable(id));
            QCOMPARE(shown(id), before[id]);
        }
        // OpenCode's ids: a message's and a part's begin with the low 6 bytes of its time (ms × 4096 + a counter) in
        // hex.
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"ids"_s);
            db.setDatabaseName(openCode);
            QVERIFY(db.open());
            QSqlQuery query(db);
            QVERIFY(query.exec(u"SELECT id, time_created FROM message WHERE session_id = 'ses_a1' UNION ALL "
                               "SELECT id, time_created FROM part WHERE session_id = 'ses_a1'"_s));
            int rows = 0;
            while (query.next()) {
                const QString id = query.value(0).toString();
                QCOMPARE(id.size(), 30);
                QCOMPARE(id.mid(4, 12).toLongLong(nullptr, 16) >> 12, query.value(1).toLongLong() & 0xfffffffffLL);
                ++rows;
            }
            QVERIFY(rows > 6);
        }
        QSqlDatabase::removeDatabase(u"ids"_s);

        // Pushed again: there already.
        const Run again = chasmRun(home, {u"sync"_s, u"--push"_s, u"--sessions"_s, ids.join(u','), u"--json"_s});
        QCOMPARE(again.exitCode, 0);
        QCOMPARE(number(again.json(), "present"), qint64(3));

        // Undo takes the push back: neither store lists them.
        const Run undo = chasmRun(home, {u"recover"_s, u"undo"_s, json::string(report, "recovery_point")});
        QVERIFY2(undo.exitCode == 0, qPrintable(undo.err));
        for (const QString& id : ids) {
            QVERIFY2(!listedIds(home).contains(id), qPrintable(id));
        }

        // Pushed again, then OpenCode renames the session: a conflict, until forced; undo gives OpenCode's back.
        QCOMPARE(chasmRun(home, {u"sync"_s, u"--push"_s, u"--sessions"_s, ids.join(u',')}).exitCode, 0);
        QVERIFY(test::FixtureHome::runScript(openCode, "UPDATE session SET title = 'Renamed' WHERE id = 'ses_a1'"));
        const Run conflict = chasmRun(home, {u"sync"_s, u"--push"_s, u"--sessions"_s, u"opencode:ses_a1"_s});
        QCOMPARE(conflict.exitCode, 3);
        QVERIFY2(conflict.out.contains(u"conflict"_s), qPrintable(conflict.out));
        QVERIFY(shown(u"opencode:ses_a1"_s).contains(u"Renamed"_s));
        const Run forced =
            chasmRun(home, {u"sync"_s, u"--push"_s, u"--sessions"_s, u"opencode:ses_a1"_s, u"--force"_s, u"--json"_s});
        QVERIFY2(forced.exitCode == 0, qPrintable(forced.err + forced.out));
        QCOMPARE(number(forced.json(), "replaced"), qint64(1));
        QCOMPARE(shown(u"opencode:ses_a1"_s), before[u"opencode:ses_a1"_s]);
        const Run undoForced = chasmRun(home, {u"recover"_s, u"undo"_s, json::string(forced.json(), "recovery_point")});
        QVERIFY2(undoForced.exitCode == 0, qPrintable(undoForced.err));
        QVERIFY(shown(u"opencode:ses_a1"_s).contains(u"Renamed"_s));
    }

    // A Cursor composer whose project has no Cursor workspace on this machine (the folder was never opened in Cursor
    // here): the push makes the workspace Cursor will open for the folder, under the id Cursor computes, and lists the
    // composer there, so that it reads back with its project. With the folder gone too the composer is written
    // unlisted, reads back without a project, and a second push finds it present; once the folder is back, a push
    // lists it. Undo takes the workspace it made away.
    void cursorComposerWithoutItsWorkspace()
    {
        test::FixtureHome home(u"cursor"_s);
        QVERIFY(home.isValid());
        const QString user = home.file(u".config/Cursor/User"_s);
        const QString global = user + u"/globalStorage/state.vscdb"_s;
        const QString project = home.file(u"projects/shop"_s);
        QVERIFY(QDir().mkpath(project));
        const QString id = u"cursor:cmp-1111-aaaa"_s;
        // The fixture's workspace names a folder of another machine; here it names one of this HOME.
        QVERIFY(QFile::remove(user + u"/workspaceStorage/f00dfeed/workspace.json"_s));
        QVERIFY(test::writeFile(user + u"/workspaceStorage/f00dfeed/workspace.json"_s,
                                QString(u"{\"folder\": \"file://"_s + project + u"\"}"_s).toUtf8()));
        const QString before = shownSession(home, id);
        QVERIFY2(before.contains(project), qPrintable(before));
        const Run harvest = chasmRun(home, {u"harvest"_s, u"run"_s});
        QVERIFY2(harvest.exitCode == 0 || harvest.exitCode == 3, qPrintable(harvest.err));

        // Cursor forgets the composer, and its workspace of the folder is gone.
        QVERIFY(test::FixtureHome::runScript(global, "DELETE FROM cursorDiskKV WHERE key LIKE '%cmp-1111-aaaa%'"));
        QVERIFY(QDir(user + u"/workspaceStorage/f00dfeed"_s).removeRecursively());
        QVERIFY(!listedIds(home).contains(id));

        const QString made = user + u"/workspaceStorage/"_s + test::editorWorkspaceId(project);
        const Run push = chasmRun(home, {u"sync"_s, u"--push"_s, u"--sessions"_s, id, u"--json"_s});
        QVERIFY2(push.exitCode == 0, qPrintable(push.err + push.out));
        QCOMPARE(number(push.json(), "restored"), qint64(1));
        QVERIFY(push.json().at("files").as_array().at(0).at("registered").as_bool());
        QVERIFY(QFileInfo::exists(made + u"/state.vscdb"_s));
        QFile workspaceJson(made + u"/workspace.json"_s);
        QVERIFY(workspaceJson.open(QIODevice::ReadOnly));
        const auto folder = json::parse(workspaceJson.readAll().toStdString(), {});
        QVERIFY(folder);
        QCOMPARE(json::string(*folder, "folder"), u"file://"_s + project);
        QCOMPARE(shownSession(home, id), before);
        const Run again = chasmRun(home, {u"sync"_s, u"--push"_s, u"--sessions"_s, id, u"--json"_s});
        QCOMPARE(again.exitCode, 0);
        QCOMPARE(number(again.json(), "present"), qint64(1));

        const Run undo = chasmRun(home, {u"recover"_s, u"undo"_s, json::string(push.json(), "recovery_point")});
        QVERIFY2(undo.exitCode == 0, qPrintable(undo.err));
        QVERIFY(!QFileInfo::exists(made + u"/state.vscdb"_s));
        QVERIFY(!QFileInfo::exists(made + u"/workspace.json"_s));
        QVERIFY(!listedIds(home).contains(id));

        // The folder is not on this machine: written, not listed anywhere.
        const QString away = home.file(u"projects/shop-away"_s);
        QVERIFY(QDir().rename(project, away));
        const Run unlisted = chasmRun(home, {u"sync"_s, u"--push"_s, u"--sessions"_s, id, u"--json"_s});
        QVERIFY2(unlisted.exitCode == 0, qPrintable(unlisted.err + unlisted.out));
        QCOMPARE(number(unlisted.json(), "restored"), qint64(1));
        QVERIFY(!unlisted.json().at("files").as_array().at(0).at("registered").as_bool());
        QVERIFY(listedIds(home).contains(id));
        QVERIFY(!shownSession(home, id).contains(project));
        const Run present = chasmRun(home, {u"sync"_s, u"--push"_s, u"--sessions"_s, id, u"--json"_s});
        QVERIFY2(present.exitCode == 0, qPrintable(present.err + present.out));
        QCOMPARE(number(present.json(), "present"), qint64(1));

        // The folder is back: the push lists the composer in the workspace it makes.
        QVERIFY(QDir().rename(away, project));
        const QString remade = user + u"/workspaceStorage/"_s + test::editorWorkspaceId(project);
        const Run listed = chasmRun(home, {u"sync"_s, u"--push"_s, u"--sessions"_s, id, u"--json"_s});
        QVERIFY2(listed.exitCode == 0, qPrintable(listed.err + listed.out));
        QCOMPARE(number(listed.json(), "restored"), qint64(1));
        QVERIFY(listed.json().at("files").as_array().at(0).at("registered").as_bool());
        QVERIFY(QFileInfo::exists(remade + u"/state.vscdb"_s));
        QCOMPARE(shownSession(home, id), before);
    }

    // kill -9 at many moments of a push of 200 OpenCode sessions into its database: the store holds none of them or
    // all of them, is whole (integrity_check), and the push's recovery point takes back what it wrote.
    void storePushSurvivesKill()
    {
        test::FixtureHome home(u"opencode"_s);
        const QString store = home.file(u".local/share/opencode/opencode.db"_s);
        const auto sql = [&store](const QString& statement, const QVariantList& values = {}) {
            QVariant first;
            {
                QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"store"_s);
                db.setDatabaseName(store);
                if (db.open()) {
                    QSqlQuery query(db);
                    query.prepare(statement);
                    for (const QVariant& value : values) {
                        query.addBindValue(value);
                    }
                    if (query.exec() && query.next()) {
                        first = query.value(0);
                    } else if (query.lastError().isValid()) {
                        first = QString(u"error: "_s + query.lastError().text());
                    }
                }
            }
            QSqlDatabase::removeDatabase(u"store"_s);
            return first;
        };
        const QString filler(300, u'w');
        QVERIFY(!sql(u"WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 199) "
                     "INSERT INTO session SELECT 'ses_k' || i, 'prj', NULL, 'slug', '/home/dev/projects/big', "
                     "'Session ' || i, '1.18.0', 0, 0, 1767600000000 + i, 1767600000000 + i FROM n"_s)
                     .toString()
                     .startsWith(u"error"_s));
        QVERIFY(!sql(u"WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 7999) "
                     "INSERT INTO message SELECT 'msg_k' || i, 'ses_k' || (i / 40), 1767600000000 + i, "
                     "1767600000000 + i, json_object('role', CASE i % 2 WHEN 0 THEN 'user' ELSE 'assistant' END, "
                     "'time', json_object('created', 1767600000000 + i)) FROM n"_s)
                     .toString()
                     .startsWith(u"error"_s));
        QVERIFY(!sql(u"INSERT INTO part SELECT 'prt_' || id, id, session_id, time_created, time_updated, "
                     "json_object('type', 'text', 'text', ? || id) FROM message WHERE id LIKE 'msg_k%'"_s,
                     {filler})
                     .toString()
                     .startsWith(u"error"_s));
        QCOMPARE(chasmRun(home, {u"harvest"_s, u"run"_s}).exitCode, 0);
        const auto stored = [&sql] { return sql(u"SELECT count(*) FROM session WHERE id LIKE 'ses_k%'"_s).toInt(); };
        const QString recovery = home.file(u".local/share/opencode/.chasm_recovery"_s);
        int killedMidWay = 0;
        int killedWriting = 0; // after the store was kept for undo, before the push's transaction was committed
        // Killed after fixed delays, and at once and soon after the push kept the store for undo (its recovery point
        // appears), so that kills fall while it writes however fast the machine is.
        const std::vector<std::pair<bool, int>> kills{{false, 0},   {false, 5},   {false, 20},
                                                      {false, 50},  {false, 100}, {false, 200},
                                                      {false, 400}, {true, 0},    {true, 10}};
        for (const auto& [afterBackup, delayMs] : kills) {
            const QString after =
                u" (killed %1 ms after %2)"_s.arg(delayMs).arg(afterBackup ? u"the backup"_s : u"the start"_s);
            for (const QString& table : {u"part"_s, u"message"_s}) {
                sql(u"DELETE FROM %1 WHERE session_id LIKE 'ses_k%'"_s.arg(table));
            }
            sql(u"DELETE FROM session WHERE id LIKE 'ses_k%'"_s);
            QCOMPARE(stored(), 0);
            QDir(recovery).removeRecursively();
            QProcess process;
            QProcessEnvironment environment;
            environment.insert(u"HOME"_s, home.path());
            environment.insert(u"PATH"_s, qEnvironmentVariable("PATH"));
            process.setProcessEnvironment(environment);
            process.start(QStringLiteral(CHASM_CLI_BINARY), {u"sync"_s, u"--push"_s, u"--provider"_s, u"opencode"_s});
            QVERIFY(process.waitForStarted());
            while (afterBackup && process.state() == QProcess::Running &&
                   QDir(recovery).entryList({u"*.json"_s}, QDir::Files).isEmpty()) {
                QThread::usleep(200);
            }
            QThread::msleep(delayMs);
            if (process.state() == QProcess::Running) {
                ++killedMidWay;
                process.kill(); // SIGKILL
            }
            QVERIFY(process.waitForFinished(60000));
            QCOMPARE(sql(u"PRAGMA integrity_check"_s).toString(), u"ok"_s);
            const int there = stored();
            QVERIFY2(there == 0 || there == 200, qPrintable(QString::number(there) + after));
            const QStringList manifests = QDir(recovery).entryList({u"*.json"_s}, QDir::Files);
            if (there > 0) {
                QVERIFY2(manifests.size() == 1, qPrintable(manifests.join(u", "_s) + after));
            }
            killedWriting += manifests.size() == 1 && there == 0;
            if (!manifests.isEmpty()) {
                QProcess undo;
                undo.setProcessEnvironment(environment);
                undo.start(QStringLiteral(CHASM_CLI_BINARY),
                           {u"recover"_s, u"undo"_s, recovery + u'/' + manifests.first()});
                QVERIFY(undo.waitForFinished(60000));
                QVERIFY2(undo.exitCode() == 0, qPrintable(QString::fromUtf8(undo.readAllStandardError()) + after));
                QVERIFY2(stored() == 0, qPrintable(u"not undone"_s + after));
            }
            // A push run to the end brings every session back.
            const Run push = chasmRun(home, {u"sync"_s, u"--push"_s, u"--provider"_s, u"opencode"_s, u"--json"_s});
            QVERIFY2(push.exitCode == 0, qPrintable(push.err + after));
            QCOMPARE(number(push.json(), "restored"), qint64(200));
            QCOMPARE(stored(), 200);
        }
        qInfo("%d kills mid-way, %d while the push wrote", killedMidWay, killedWriting);
        QVERIFY2(killedMidWay >= 5, "the push finished before most kills: write more sessions");
        QVERIFY2(killedWriting >= 1, "no kill fell while the push wrote: write more sessions");
    }

    // kill -9 at many moments of a push of 300 transcripts: each is absent or whole, and the recovery point the
    // push left takes back what it wrote.
    void pushSurvivesKill()
    {
        test::FixtureHome home(u"claude-code"_s);
        const QString project = home.file(u".claude/projects/-home-dev-projects-big"_s);
        QVERIFY(QDir().mkpath(project));
        const QByteArray filler(400, 'x');
        QMap<QString, QString> sha;
        for (int i = 0; i < 300; ++i) {
            const QString id = u"%1-aaaa-4bbb-8ccc-000000000000"_s.arg(i, 8, 10, QChar(u'0'));
            QByteArray log;
            for (int turn = 0; turn < 200; ++turn) {
                log += "{\"type\":\"user\",\"sessionId\":\"" + id.toUtf8() +
                       "\",\"cwd\":\"/home/dev/projects/big\","
                       "\"uuid\":\"u" +
                       QByteArray::number(turn) +
                       "\",\"timestamp\":\"2026-10-01T10:00:00.000Z\","
                       "\"message\":{\"role\":\"user\",\"content\":\"" +
                       filler + "\"}}\n";
            }
            const QString path = project + u'/' + id + u".jsonl"_s;
            QVERIFY(test::writeFile(path, log));
            sha[path] = sha256Of(path);
        }
        QCOMPARE(chasmRun(home, {u"harvest"_s, u"run"_s}).exitCode, 0);

        int killedMidWay = 0;
        int killedWriting = 0; // some transcripts written, not all
        // Killed at once, and once the push has written 1, 100, 200 and 290 of the transcripts (as a poll sees them:
        // it writes on meanwhile), so that the kills fall while it writes however fast the machine is.
        for (const int writtenBeforeKill : {0, 1, 100, 200, 290}) {
            const QString after = u" (killed after %1 files)"_s.arg(writtenBeforeKill);
            for (const QString& path : sha.keys()) {
                QFile::remove(path);
            }
            QDir(project + u"/.chasm_recovery"_s).removeRecursively();
            QProcess process;
            QProcessEnvironment environment;
            environment.insert(u"HOME"_s, home.path());
            environment.insert(u"PATH"_s, qEnvironmentVariable("PATH"));
            process.setProcessEnvironment(environment);
            process.start(QStringLiteral(CHASM_CLI_BINARY), {u"sync"_s, u"--push"_s});
            QVERIFY(process.waitForStarted());
            const auto writtenNow = [&] {
                return std::count_if(sha.keyBegin(), sha.keyEnd(),
                                     [](const QString& path) { return QFile::exists(path); });
            };
            while (process.state() == QProcess::Running && writtenNow() < writtenBeforeKill) {
                QThread::usleep(200);
            }
            if (process.state() == QProcess::Running) {
                ++killedMidWay;
                process.kill(); // SIGKILL
            }
            QVERIFY(process.waitForFinished(60000));
            int written = 0;
            for (auto it = sha.begin(); it != sha.end(); ++it) {
                if (QFile::exists(it.key())) {
                    QVERIFY2(sha256Of(it.key()) == it.value(), qPrintable(u"torn "_s + it.key() + after));
                    ++written;
                }
            }
            killedWriting += written > 0 && written < sha.size();
            // The recovery point knows every file written, and undo takes them all back.
            const QStringList manifests = QDir(project + u"/.chasm_recovery"_s).entryList({u"*.json"_s}, QDir::Files);
            if (written > 0) {
                QVERIFY2(manifests.size() == 1, qPrintable(manifests.join(u", "_s) + after));
                // By a process of the same user as the push's (the test's own runs keep their keys elsewhere).
                QProcess undo;
                undo.setProcessEnvironment(environment);
                undo.start(QStringLiteral(CHASM_CLI_BINARY),
                           {u"recover"_s, u"undo"_s, project + u"/.chasm_recovery/"_s + manifests.first()});
                QVERIFY(undo.waitForFinished(60000));
                QVERIFY2(undo.exitCode() == 0, qPrintable(QString::fromUtf8(undo.readAllStandardError()) + after));
                for (const QString& path : sha.keys()) {
                    QVERIFY2(!QFile::exists(path), qPrintable(u"not undone: "_s + path + after));
                }
            }
            // A push run to the end brings everything back.
            const Run push = chasmRun(home, {u"sync"_s, u"--push"_s, u"--json"_s});
            QVERIFY2(push.exitCode == 0, qPrintable(push.err + after));
            for (auto it = sha.begin(); it != sha.end(); ++it) {
                QVERIFY2(sha256Of(it.key()) == it.value(), qPrintable(it.key() + after));
            }
        }
        QVERIFY2(killedMidWay >= 4, "the push finished before most kills: write more transcripts");
        qInfo("%d kills while the push wrote", killedWriting);
        QVERIFY2(killedWriting >= 1, "no kill fell while the push wrote: change the delays");
    }
};

QTEST_GUILESS_MAIN(TestSync)
#include "TestSync.moc"
