// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

// chasm migration create and restore, run as a user runs them: a package made in one HOME, restored into another
// with the projects in new folders, then checked with the command line, VS Code's own index and an independent
// computation of the editor's workspace id; damaged and hostile packages refused with nothing written; kill -9
// during a restore leaves each file absent or whole, and its recovery point undoes it.

#include "ChasmProcess.h"
#include "CliRun.h"
#include "FixtureHome.h"
#include "json/Json.h"
#include "ops/MigrationPackage.h"
#include "util/TarArchive.h"

#include <QCryptographicHash>
#include <QDir>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QProcess>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>
#include <QUrl>

#include <archive.h>
#include <archive_entry.h>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

using namespace Qt::StringLiterals;
using namespace chasm;

namespace {

struct Run
{
    int exitCode = -1;
    QString out;
    QString err;
    boost::json::value json() const
    {
        boost::system::error_code ec;
        boost::json::value v = boost::json::parse(out.toStdString(), ec);
        return ec ? boost::json::value() : v;
    }
};

Environment homeOf(const QString& path)
{
    return Environment::fromVariables({{u"HOME"_s, path}, {u"PWD"_s, path}}, Platform::Linux);
}

Run chasmRun(const QString& home, const QStringList& args)
{
    const test::CliRun cli = test::runCli(homeOf(home), args);
    return {cli.exitCode, cli.out, cli.err};
}

QStringList sessionIds(const QString& home, const QString& project)
{
    const Run run = chasmRun(home, {u"list"_s, u"sessions"_s, u"--project-path"_s, project, u"--json"_s});
    const boost::json::value listed = run.json();
    if (run.exitCode != 0 || !listed.is_array()) {
        return {u"(list failed: %1)"_s.arg(run.err)};
    }
    QStringList ids;
    for (const boost::json::value& session : listed.as_array()) {
        ids << json::string(session, "id");
    }
    ids.sort();
    return ids;
}

// The session ids VS Code's index in a state.vscdb lists, read with SQL.
QStringList indexedIds(const QString& database)
{
    QStringList ids;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"index-check"_s);
        db.setDatabaseName(database);
        db.setConnectOptions(u"QSQLITE_OPEN_READONLY"_s);
        if (db.open()) {
            QSqlQuery query(db);
            query.prepare(u"SELECT value FROM ItemTable WHERE key = 'chat.ChatSessionStore.index'"_s);
            if (query.exec() && query.next()) {
                boost::system::error_code ec;
                const boost::json::value index = boost::json::parse(query.value(0).toByteArray().toStdString(), ec);
                if (const boost::json::value* entries = json::find(index, "entries"); entries && entries->is_object()) {
                    for (const auto& entry : entries->as_object()) {
                        ids << json::toQString(std::string_view(entry.key()));
                    }
                }
            }
        }
    }
    QSqlDatabase::removeDatabase(u"index-check"_s);
    ids.sort();
    return ids;
}

struct Entry
{
    Entry(QByteArray name, QByteArray bytes, unsigned type = AE_IFREG, QByteArray link = {}, bool hardLink = false)
        : name(std::move(name))
        , bytes(std::move(bytes))
        , type(type)
        , link(std::move(link))
        , hardLink(hardLink)
    {}
    QByteArray name;
    QByteArray bytes;
    unsigned type;
    QByteArray link; // symlink or hard link target
    bool hardLink;
};

// A package written entry by entry, as an attacker would: anything libarchive can put in a tar.
bool writeRawPackage(const QString& path, const QList<Entry>& entries)
{
    archive* a = archive_write_new();
    archive_write_add_filter_zstd(a);
    archive_write_set_format_pax_restricted(a);
    bool ok = archive_write_open_filename(a, QFile::encodeName(path).constData()) == ARCHIVE_OK;
    for (const Entry& e : entries) {
        archive_entry* entry = archive_entry_new();
        archive_entry_set_pathname(entry, e.name.constData());
        archive_entry_set_filetype(entry, e.type);
        archive_entry_set_perm(entry, 0644);
        if (e.hardLink) {
            archive_entry_set_hardlink(entry, e.link.constData());
        } else if (!e.link.isEmpty()) {
            archive_entry_set_symlink(entry, e.link.constData());
        }
        archive_entry_set_size(entry, e.type == AE_IFREG && !e.hardLink ? e.bytes.size() : 0);
        ok = ok && archive_write_header(a, entry) == ARCHIVE_OK;
        if (e.type == AE_IFREG && !e.hardLink && !e.bytes.isEmpty()) {
            ok = ok && archive_write_data(a, e.bytes.constData(), size_t(e.bytes.size())) == e.bytes.size();
        }
        archive_entry_free(entry);
    }
    ok = ok && archive_write_close(a) == ARCHIVE_OK;
    archive_write_free(a);
    return ok;
}

// A manifest listing one Claude Code file at `relative` with `bytes`, and its entry name.
QByteArray manifestFor(const QByteArray& relative, const QByteArray& bytes)
{
    const QString sha = QString::fromLatin1(QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex());
    const boost::json::object file{
        {"entry", json::fromQString(u"files/claude-code/0/"_s + QString::fromUtf8(relative))},
        {"provider", "claude-code"},
        {"kind", "claude-project"},
        {"store", 0},
        {"relative", json::fromQString(QString::fromUtf8(relative))},
        {"original", "/x"},
        {"project", "/p"},
        {"sha256", json::fromQString(sha)},
        {"size", bytes.size()}};
    const boost::json::object manifest{{"chasm_migration", 1},
                                       {"created", "2026-01-01T00:00:00Z"},
                                       {"home", "/home/old"},
                                       {"projects", boost::json::array{"/p"}},
                                       {"files", boost::json::array{file}}};
    return QByteArray::fromStdString(boost::json::serialize(manifest));
}

} // namespace

class TestMigration : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        // libarchive linked in (the command line loads it from the module beside it).
        MigrationPackage::useArchive(libArchive());
    }

    // Create in one HOME, restore into another with every project mapped to a real new folder: every session of
    // every supported tool lists under its new project, VS Code's index lists them in the workspace named by the
    // id the editor computes for the new folder, each record's cwd names the new folder and nothing else changed.
    void roundTripRekeysEveryPath()
    {
        test::FixtureHome source(QStringList{u"vscode"_s, u"claude-code"_s, u"codex"_s, u"qwen"_s, u"droid"_s,
                                             u"continue"_s, u"gemini"_s, u"opencode"_s, u"cursor"_s});
        QVERIFY(source.isValid());
        const QString vscodeOld = source.path() + u"/dev/projects/web app"_s;
        const QString claudeOld = u"/home/dev/projects/web app"_s;
        const QString codexOld = u"/home/dev/projects/api"_s;
        const QString qwenOld = u"/home/dev/projects/cli"_s;
        const QString qwenTmpOld = u"/home/dev/projects/old"_s; // Qwen Code's older tmp/<folder>/
        const QString droidOld = u"/home/dev/projects/shop"_s;
        const QString continueOld = u"/home/dev/projects/my site"_s;
        const QString openCodeOld = u"/home/dev/projects/blog"_s;
        const QString openCodeTreeOld = u"/home/dev/projects/old-blog"_s; // OpenCode's older JSON tree
        QTemporaryDir target;
        const QString vscodeNew = target.filePath(u"work/web app 2"_s);
        const QString claudeNew = target.filePath(u"work/shop"_s);
        const QString codexNew = target.filePath(u"work/api"_s);
        const QString qwenNew = target.filePath(u"work/cli tool"_s);
        const QString qwenTmpNew = target.filePath(u"work/old cli"_s);
        const QString droidNew = target.filePath(u"work/store"_s);
        const QString continueNew = target.filePath(u"work/my site 2"_s);
        const QString openCodeNew = target.filePath(u"work/blog"_s);
        const QString openCodeTreeNew = target.filePath(u"work/old blog"_s);
        for (const QString& folder : {vscodeNew, claudeNew, codexNew, qwenNew, qwenTmpNew, droidNew, continueNew,
                                      openCodeNew, openCodeTreeNew}) {
            QVERIFY(QDir().mkpath(folder));
        }
        const QString package = target.filePath(u"moving.tar.zst"_s);

        const Run created = chasmRun(source.path(), {u"migration"_s, u"create"_s, package, u"--all"_s, u"--json"_s});
        QVERIFY2(created.exitCode == 0, qPrintable(created.err));
        const boost::json::value report = created.json();
        for (const char* provider :
             {"copilot", "cursor", "claude-code", "codex", "qwen", "droid", "continue", "gemini", "opencode"}) {
            QVERIFY2(report.at("files_by_provider").as_object().contains(provider), provider);
        }

        const QString mapping = QStringList{vscodeOld + u':' + vscodeNew,
                                            claudeOld + u':' + claudeNew,
                                            codexOld + u':' + codexNew,
                                            qwenOld + u':' + qwenNew,
                                            droidOld + u':' + droidNew,
                                            continueOld + u':' + continueNew,
                                            openCodeOld + u':' + openCodeNew,
                                            qwenTmpOld + u':' + qwenTmpNew,
                                            openCodeTreeOld + u':' + openCodeTreeNew}
                                    .join(u';');
        // OpenCode and Cursor keep sessions in a database, there on the new machine too, without those sessions; the
        // package's are written into it (Cursor's composer, of droid's project, goes with it).
        const auto storeWithout = [&](const QString& store, const QStringList& statements) {
            QVERIFY(QDir().mkpath(QFileInfo(target.filePath(store)).absolutePath()));
            QVERIFY(QFile::copy(source.file(store), target.filePath(store)));
            {
                QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"store"_s);
                db.setDatabaseName(target.filePath(store));
                QVERIFY(db.open());
                QSqlQuery query(db);
                for (const QString& statement : statements) {
                    QVERIFY2(query.exec(statement), qPrintable(statement));
                }
            }
            QSqlDatabase::removeDatabase(u"store"_s);
        };
        storeWithout(u".local/share/opencode/opencode.db"_s,
                     {u"DELETE FROM part"_s, u"DELETE FROM message"_s, u"DELETE FROM session"_s});
        storeWithout(u".config/Cursor/User/globalStorage/state.vscdb"_s, {u"DELETE FROM cursorDiskKV"_s});
        const auto untouched = test::fileTree(target.path());
        const Run dry =
            chasmRun(target.path(), {u"migration"_s, u"restore"_s, package, u"--mapping"_s, mapping, u"--dry-run"_s});
        QVERIFY2(dry.exitCode == 0, qPrintable(dry.err));
        QVERIFY2(dry.out.contains(u"Dry run, nothing was written"_s), qPrintable(dry.out));
        QCOMPARE(test::fileTree(target.path()), untouched);

        const Run restored =
            chasmRun(target.path(), {u"migration"_s, u"restore"_s, package, u"--mapping"_s, mapping, u"--json"_s});
        QVERIFY2(restored.exitCode == 0, qPrintable(restored.err));
        const boost::json::value result = restored.json();
        QVERIFY2(result.at("restored").as_int64() == report.at("files").as_int64(), qPrintable(restored.out));
        QCOMPARE(result.at("conflicts").as_int64(), 0);
        QCOMPARE(result.at("skipped").as_int64(), 0);

        // Those of the tools' databases among them.
        QVERIFY(sessionIds(target.path(), droidNew).contains(u"cursor:cmp-1111-aaaa"_s));
        QVERIFY(sessionIds(target.path(), openCodeNew).contains(u"opencode:ses_a1"_s));
        // One of OpenCode's older JSON tree goes into its database, which the OpenCode of today reads.
        QVERIFY(sessionIds(target.path(), openCodeTreeNew).contains(u"opencode:ses_legacy1"_s));
        QVERIFY(!QFileInfo::exists(target.filePath(u".local/share/opencode/storage"_s)));
        // Every session of every tool lists under its new project, and none under the old one.
        for (const auto& [from, to] : {std::pair{vscodeOld, vscodeNew},
                                       {claudeOld, claudeNew},
                                       {codexOld, codexNew},
                                       {qwenOld, qwenNew},
                                       {qwenTmpOld, qwenTmpNew},
                                       {openCodeTreeOld, openCodeTreeNew},
                                       {droidOld, droidNew},
                                       {continueOld, continueNew},
                                       {openCodeOld, openCodeNew}}) {
            const QStringList before = sessionIds(source.path(), from);
            QVERIFY2(!before.isEmpty(), qPrintable(from));
            QCOMPARE(sessionIds(target.path(), to), before);
            QCOMPARE(sessionIds(target.path(), from), QStringList());
        }

        // VS Code and Cursor: the workspace is where the editor will look for the new folder, its workspace.json
        // names the folder, and its real state.vscdb index lists the same sessions as before.
        const QString id = test::editorWorkspaceId(vscodeNew);
        QVERIFY(!id.isEmpty());
        for (const auto& [editor, oldId] : {std::pair{u"Code"_s, u"5d41402abc4b2a76b9719d911017c592"_s},
                                            {u"Cursor"_s, u"c4ca4238a0b923820dcc509a6f75849b"_s}}) {
            const QString storage = target.filePath(u".config/%1/User/workspaceStorage/%2"_s.arg(editor, id));
            QVERIFY2(QFileInfo(storage).isDir(), qPrintable(storage));
            const auto workspace = json::parseFile(storage + u"/workspace.json"_s);
            QVERIFY(workspace);
            QCOMPARE(json::string(*workspace, "folder"), QUrl::fromLocalFile(vscodeNew).toString(QUrl::FullyEncoded));
            const QStringList indexed = indexedIds(storage + u"/state.vscdb"_s);
            QVERIFY(!indexed.isEmpty());
            QCOMPARE(indexed,
                     indexedIds(source.file(u".config/%1/User/workspaceStorage/%2/state.vscdb"_s.arg(editor, oldId))));
        }
        const boost::json::value listed =
            chasmRun(target.path(), {u"list"_s, u"sessions"_s, u"--project-path"_s, vscodeNew, u"--json"_s}).json();
        for (const boost::json::value& session : listed.as_array()) {
            QCOMPARE(json::string(session, "workspace"), id);
        }

        // Claude Code: the project folder is named by its rule; lines with a cwd name the new folder, every other
        // line is byte for byte what it was.
        const QString claudeFile = u"/11111111-aaaa-4bbb-8ccc-000000000001.jsonl"_s;
        const QList<QByteArray> oldLines =
            test::readAll(source.file(u".claude/projects/-home-dev-projects-web-app"_s) + claudeFile).split('\n');
        QString name = claudeNew;
        name.replace(QRegularExpression(u"[^A-Za-z0-9]"_s), u"-"_s);
        const QList<QByteArray> newLines =
            test::readAll(target.filePath(u".claude/projects/"_s + name) + claudeFile).split('\n');
        QCOMPARE(newLines.size(), oldLines.size());
        int rewritten = 0;
        for (qsizetype i = 0; i < oldLines.size(); ++i) {
            if (oldLines.at(i).contains("\"cwd\"")) {
                const QByteArray from = "\"cwd\":\"" + claudeOld.toUtf8() + '"';
                const QByteArray to = "\"cwd\":\"" + claudeNew.toUtf8() + '"';
                const QByteArray expected = QByteArray(oldLines.at(i)).replace(from, to);
                QCOMPARE(newLines.at(i), expected);
                ++rewritten;
            } else {
                QCOMPARE(newLines.at(i), oldLines.at(i));
            }
        }
        QVERIFY(rewritten > 0);
        // Qwen Code names its project folders by the same rule.
        QString qwenName = qwenNew;
        qwenName.replace(QRegularExpression(u"[^A-Za-z0-9]"_s), u"-"_s);
        const QString qwenChat =
            target.filePath(u".qwen/projects/%1/chats/7b7b7b7b-0000-4000-8000-000000000003.jsonl"_s.arg(qwenName));
        QVERIFY2(test::readAll(qwenChat).contains(QByteArray("\"cwd\":\"" + qwenNew.toUtf8() + '"')),
                 qPrintable(qwenChat));
        // Its older folders keep their name, and their .project_root names the new folder.
        QCOMPARE(test::readAll(target.filePath(u".qwen/tmp/5e6f/.project_root"_s)),
                 QByteArray(qwenTmpNew.toUtf8() + '\n'));
        // droid names them by its path with every "/" a "-".
        const QString droidLog =
            target.filePath(u".factory/sessions/%1/d1d1d1d1-0000-4000-8000-000000000001.jsonl"_s.arg(
                QString(droidNew).replace(u'/', u'-')));
        QVERIFY2(test::readAll(droidLog).contains(QByteArray("\"cwd\":\"" + droidNew.toUtf8() + '"')),
                 qPrintable(droidLog));
        // Gemini CLI (whose project was Claude Code's): its folder keeps its name, registered in projects.json for
        // the new path, which .project_root names; its chats name the new path's hash.
        const auto registry = json::parseFile(target.filePath(u".gemini/projects.json"_s));
        QVERIFY(registry && json::find(*registry, "projects"));
        QCOMPARE(json::string(*json::find(*registry, "projects"), claudeNew.toStdString()), u"webapp"_s);
        QCOMPARE(test::readAll(target.filePath(u".gemini/tmp/webapp/.project_root"_s)), claudeNew.toUtf8());
        // Continue: each session's workspaceDirectory names the new folder as it named the old one (here a file://
        // URI), every other byte kept (a context item's URI too); its index, made on the new machine, lists it there.
        const QString continueFile = u".continue/sessions/c1c1c1c1-0000-4000-8000-000000000001.json"_s;
        const QByteArray oldUri = QUrl::fromLocalFile(continueOld).toString(QUrl::FullyEncoded).toUtf8();
        const QByteArray newUri = QUrl::fromLocalFile(continueNew).toString(QUrl::FullyEncoded).toUtf8();
        QCOMPARE(test::readAll(target.filePath(continueFile)),
                 test::readAll(source.file(continueFile))
                     .replace(QByteArray("\"workspaceDirectory\": \"" + oldUri + '"'),
                              QByteArray("\"workspaceDirectory\": \"" + newUri + '"')));
        const auto index = json::parseFile(target.filePath(u".continue/sessions/sessions.json"_s));
        QVERIFY(index && index->is_array() && index->as_array().size() == 1);
        QCOMPARE(json::string(index->as_array().at(0), "workspaceDirectory"), QString::fromUtf8(newUri));

        // Again: everything is there already, nothing is written. A file changed since is a conflict, kept.
        const Run again =
            chasmRun(target.path(), {u"migration"_s, u"restore"_s, package, u"--mapping"_s, mapping, u"--json"_s});
        QCOMPARE(again.exitCode, 0);
        QCOMPARE(again.json().at("unchanged").as_int64(), report.at("files").as_int64());
        const QString changed = target.filePath(u".claude/projects/"_s + name) + claudeFile;
        QVERIFY(test::writeFile(changed, "mine\n"));
        const Run conflict = chasmRun(target.path(), {u"migration"_s, u"restore"_s, package, u"--mapping"_s, mapping});
        QCOMPARE(conflict.exitCode, 0);
        QVERIFY2(conflict.out.contains(u"conflict: "_s + changed), qPrintable(conflict.out));
        QCOMPARE(test::readAll(changed), QByteArray("mine\n"));

        // The recovery point undoes the restore (the changed file stays, as undo keeps what changed since).
        const Run undo =
            chasmRun(target.path(), {u"recover"_s, u"undo"_s, json::string(result, "recovery_point"), u"--force"_s});
        QVERIFY2(undo.exitCode == 0, qPrintable(undo.err));
        QVERIFY(!QFileInfo::exists(target.filePath(u".config/Code/User/workspaceStorage/%1/state.vscdb"_s.arg(id))));
        QCOMPARE(sessionIds(target.path(), codexNew), QStringList());
    }

    // A transcript Claude Code purged after the harvest travels too: the package takes its bytes from the harvest
    // database, and on the new machine it lists under the new project with the others.
    void sessionsTheToolsDeletedComeFromTheDatabase()
    {
        test::FixtureHome source(u"claude-code"_s);
        QVERIFY(source.isValid());
        const QString claudeOld = u"/home/dev/projects/web app"_s;
        const QStringList before = sessionIds(source.path(), claudeOld);
        QVERIFY(before.contains(u"claude-code:22222222-aaaa-4bbb-8ccc-000000000002"_s));
        QCOMPARE(chasmRun(source.path(), {u"harvest"_s, u"run"_s}).exitCode, 0);
        QVERIFY(QFile::remove(
            source.file(u".claude/projects/-home-dev-projects-web-app/22222222-aaaa-4bbb-8ccc-000000000002.jsonl"_s)));
        QVERIFY(!sessionIds(source.path(), claudeOld).contains(u"claude-code:22222222-aaaa-4bbb-8ccc-000000000002"_s));

        QTemporaryDir target;
        const QString claudeNew = target.filePath(u"work/shop"_s);
        QVERIFY(QDir().mkpath(claudeNew));
        const QString package = target.filePath(u"moving.tar.zst"_s);
        const Run created =
            chasmRun(source.path(), {u"migration"_s, u"create"_s, package, u"--projects"_s, claudeOld, u"--json"_s});
        QVERIFY2(created.exitCode == 0, qPrintable(created.err));
        QCOMPARE(created.json().at("kept_by_chasm").as_int64(), 1);
        const Run restored = chasmRun(
            target.path(), {u"migration"_s, u"restore"_s, package, u"--mapping"_s, claudeOld + u':' + claudeNew});
        QVERIFY2(restored.exitCode == 0, qPrintable(restored.err + restored.out));
        QCOMPARE(sessionIds(target.path(), claudeNew), before);
    }

    void damagedPackageRefused_data()
    {
        QTest::addColumn<QString>("damage");
        QTest::newRow("byte flipped") << u"flip"_s;
        QTest::newRow("cut in half") << u"half"_s;
        QTest::newRow("last byte cut") << u"last"_s;
    }
    // A damaged package is refused before anything is written.
    void damagedPackageRefused()
    {
        QFETCH(QString, damage);
        test::FixtureHome source(QStringList{u"vscode"_s, u"claude-code"_s, u"codex"_s});
        QTemporaryDir target;
        const QString package = target.filePath(u"p.tar.zst"_s);
        QCOMPARE(chasmRun(source.path(), {u"migration"_s, u"create"_s, package, u"--all"_s}).exitCode, 0);
        QByteArray bytes = test::readAll(package);
        if (damage == u"flip"_s) {
            bytes[bytes.size() * 2 / 3] = char(bytes.at(bytes.size() * 2 / 3) ^ 0x20);
        } else if (damage == u"half"_s) {
            bytes.truncate(bytes.size() / 2);
        } else {
            bytes.chop(1);
        }
        QVERIFY(test::writeFile(package, bytes));
        const auto before = test::fileTree(target.path());
        const Run run = chasmRun(target.path(), {u"migration"_s, u"restore"_s, package});
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.err.contains(u"not a usable migration package"_s) && run.err.contains(u"nothing was written"_s),
                 qPrintable(run.err));
        QCOMPARE(test::fileTree(target.path()), before);
    }

    void hostileEntriesRefused_data()
    {
        QTest::addColumn<QList<Entry>>("entries");
        const QByteArray bytes = "{\"cwd\":\"/p\"}\n";
        const auto withManifest = [&bytes](const QByteArray& relative, QList<Entry> rest) {
            rest.prepend({"manifest.json", manifestFor(relative, bytes)});
            return rest;
        };
        QTest::newRow("../ in the manifest")
            << withManifest("../../../x.jsonl", {{"files/claude-code/0/../../../x.jsonl", bytes}});
        QTest::newRow("absolute entry") << withManifest("p/x.jsonl", {{"/etc/x.jsonl", bytes}});
        QTest::newRow("absolute in the manifest")
            << withManifest("/etc/x.jsonl", {{"files/claude-code/0//etc/x.jsonl", bytes}});
        // Links and devices carry no data: their manifest says 0 bytes, so that only their type refuses them.
        const auto empty = [](QList<Entry> rest) {
            rest.prepend({"manifest.json", manifestFor("p/x.jsonl", {})});
            return rest;
        };
        QTest::newRow("symlink entry") << empty({{"files/claude-code/0/p/x.jsonl", {}, AE_IFLNK, "/etc/passwd"}});
        QTest::newRow("hard link entry") << empty(
            {{"files/claude-code/0/p/x.jsonl", {}, AE_IFREG, "/etc/passwd", true}});
        QTest::newRow("device entry") << empty({{"files/claude-code/0/p/x.jsonl", {}, AE_IFCHR}});
        QTest::newRow("folder entry") << empty({{"files/claude-code/0/p/x.jsonl", {}, AE_IFDIR}});
        QTest::newRow("checksum not the manifest's")
            << withManifest("p/x.jsonl", {{"files/claude-code/0/p/x.jsonl", QByteArray(bytes).replace('p', 'q')}});
        QTest::newRow("entry not in the manifest") << withManifest(
            "p/x.jsonl", {{"files/claude-code/0/p/x.jsonl", bytes}, {"files/claude-code/0/p/y", bytes}});
        QTest::newRow("no manifest first") << QList<Entry>{{"files/claude-code/0/p/x.jsonl", bytes}};
    }
    // A package is read as hostile: links, devices, absolute names, "..", entries the manifest does not list are
    // refused, and nothing is written.
    void hostileEntriesRefused()
    {
        QFETCH(QList<Entry>, entries);
        QTemporaryDir target;
        const QString package = target.filePath(u"p.tar.zst"_s);
        QVERIFY(writeRawPackage(package, entries));
        const auto before = test::fileTree(target.path());
        const Run run = chasmRun(target.path(), {u"migration"_s, u"restore"_s, package});
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.err.contains(u"nothing was written"_s), qPrintable(run.err));
        QCOMPARE(test::fileTree(target.path()), before);
        QVERIFY(!QFileInfo::exists(u"/etc/x.jsonl"_s));
    }

    // A link on the target's side that leads out of the tool's store is not followed.
    void linkOutOfTheStoreRefused()
    {
        QTemporaryDir target;
        QTemporaryDir elsewhere;
        const QByteArray bytes = "{\"cwd\":\"/p\"}\n";
        const QString package = target.filePath(u"p.tar.zst"_s);
        QVERIFY(writeRawPackage(
            package, {{"manifest.json", manifestFor("-p/x.jsonl", bytes)}, {"files/claude-code/0/-p/x.jsonl", bytes}}));
        QVERIFY(QDir().mkpath(target.filePath(u".claude/projects"_s)));
        QVERIFY(QFile::link(elsewhere.path(), target.filePath(u".claude/projects/-p"_s)));
        const Run run = chasmRun(target.path(), {u"migration"_s, u"restore"_s, package});
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.err.contains(u"outside"_s), qPrintable(run.err));
        QCOMPARE(QDir(elsewhere.path()).entryList(QDir::Files | QDir::Hidden), QStringList());
    }

    // kill -9 at many moments of a restore: every file is absent or whole, and the recovery point (when the
    // restore got as far as making one) undoes what was written.
    void killedRestoreLeavesOldOrNew()
    {
        QTemporaryDir source;
        QTemporaryDir projects;
        const QString newProject = projects.filePath(u"new"_s);
        QVERIFY(QDir().mkpath(newProject));
        const QString folder = source.filePath(u".claude/projects/-home-me-old"_s);
        const QByteArray filler(400, 'x');
        for (int f = 0; f < 300; ++f) {
            QByteArray log;
            for (int i = 0; i < 120; ++i) {
                const boost::json::object record{{"type", "user"},
                                                 {"cwd", "/home/me/old"},
                                                 {"uuid", "u" + std::to_string(i)},
                                                 {"sessionId", "s" + std::to_string(f)},
                                                 {"message", {{"role", "user"}, {"content", filler.toStdString()}}}};
                log += QByteArray::fromStdString(boost::json::serialize(record)) + '\n';
            }
            QVERIFY(test::writeFile(folder + u"/%1.jsonl"_s.arg(f, 4, 10, QChar(u'0')), log));
        }
        const QString package = projects.filePath(u"p.tar.zst"_s);
        QCOMPARE(
            test::runChasm(source.path(), {u"migration"_s, u"create"_s, package, u"--projects"_s, u"/home/me/old"_s})
                .exitCode,
            0);
        const QStringList restore = {u"migration"_s, u"restore"_s, package, u"--mapping"_s,
                                     u"/home/me/old:"_s + newProject};
        QTemporaryDir reference;
        QCOMPARE(test::runChasm(reference.path(), restore).exitCode, 0);
        const QString name =
            u".claude/projects/"_s + QString(newProject).replace(QRegularExpression(u"[^A-Za-z0-9]"_s), u"-"_s);
        const auto whole = test::fileTree(reference.filePath(name));
        QCOMPARE(whole.size(), 300);

        int killedMidWay = 0;
        // Killed at once, a little later, and once so many of the files are written: points that depend on the
        // restore's progress, not on this machine's speed (killed after fixed delays only, a loaded machine had
        // written nothing yet at the last one).
        struct Kill
        {
            int delayMs = 0;
            int files = 0;
        };
        for (const Kill kill : {Kill{0, 0}, Kill{20, 0}, Kill{0, 1}, Kill{0, 20}, Kill{0, 75}, Kill{0, 150},
                                Kill{0, 225}, Kill{0, 290}}) {
            const QString after =
                u" (killed after %1 ms, once %2 files were there)"_s.arg(kill.delayMs).arg(kill.files);
            QTemporaryDir target;
            QProcess process;
            test::startChasm(process, target.path(), restore);
            QVERIFY(process.waitForStarted());
            QThread::msleep(kill.delayMs);
            const QDir restored(target.filePath(name));
            QElapsedTimer waited;
            waited.start();
            while (kill.files > 0 && !process.waitForFinished(0) && waited.elapsed() < 60000 &&
                   restored.entryList({u"*.jsonl"_s}, QDir::Files).size() < kill.files) {
                QThread::usleep(200);
            }
            const bool killed = process.state() == QProcess::Running;
            if (killed) {
                process.kill(); // SIGKILL
            }
            QVERIFY(process.waitForFinished(60000));
            const auto now = test::fileTree(target.filePath(name));
            int written = 0;
            for (auto it = now.cbegin(); it != now.cend(); ++it) {
                if (it.key().endsWith(u".jsonl"_s)) {
                    QVERIFY2(whole.value(it.key()) == it.value(), qPrintable(u"torn: "_s + it.key() + after));
                    ++written;
                }
            }
            killedMidWay += killed && written > 0 && written < whole.size() ? 1 : 0;
            const QStringList points =
                QDir(target.filePath(u".local/share/chasm/recovery"_s)).entryList({u"*.json"_s}, QDir::Files);
            if (points.isEmpty()) {
                QVERIFY2(written == 0, qPrintable(u"written without a recovery point"_s + after));
                continue;
            }
            QCOMPARE(points.size(), 1);
            const test::Ran undo =
                test::runChasm(target.path(), {u"recover"_s, u"undo"_s,
                                               target.filePath(u".local/share/chasm/recovery/"_s + points.first())});
            QVERIFY2(undo.exitCode == 0, qPrintable(QString::fromUtf8(undo.describe()) + after));
            const auto undone = test::fileTree(target.filePath(name));
            for (auto it = undone.cbegin(); it != undone.cend(); ++it) {
                QVERIFY2(!it.key().endsWith(u".jsonl"_s), qPrintable(u"left after undo: "_s + it.key() + after));
            }
        }
        QVERIFY2(killedMidWay >= 4, "the restore finished before most kills: make the package bigger");
    }
};

QTEST_GUILESS_MAIN(TestMigration)
#include "TestMigration.moc"
