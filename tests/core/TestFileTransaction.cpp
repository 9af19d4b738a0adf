// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#include "FixtureHome.h"
#include "util/FileTransaction.h"
#include "vscode/EditorProcess.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace chasm;

namespace {

QByteArray contents(const QString& path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray("<missing>");
}

} // namespace

class TestFileTransaction : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void replaceBacksUpAndUndoRestores()
    {
        QTemporaryDir dir;
        const QString session = dir.filePath(u"ws/chatSessions/a.jsonl"_s);
        const QString database = dir.filePath(u"ws/state.vscdb"_s);
        const QString recovery = dir.filePath(u"project/.chasm_recovery"_s);
        QVERIFY(test::writeFile(session, "{\"kind\":0,\"v\":{}}\n{\"kind\":1,\"k\":[\"a\"],\"v\":1}\n"));
        QVERIFY(test::writeFile(database, "database bytes"));
        QVERIFY(test::writeFile(session + u".bak"_s, "an older backup"));
        const auto before = test::fileTree(dir.path());

        FileTransaction transaction(u"register repair"_s, recovery, false, {dir.filePath(u"ws"_s)});
        QVERIFY(!transaction.replace(session, "{\"kind\":0,\"v\":{\"a\":1}}\n", FileTransaction::BackupPlace::Beside,
                                     u"compacted a.jsonl"_s));
        QVERIFY(!transaction.preserve(database, FileTransaction::BackupPlace::RecoveryFolder, u"index"_s));
        QVERIFY(test::writeFile(database, "database bytes, changed through SQL"));
        QVERIFY(!transaction.create(dir.filePath(u"ws/chatSessions/b.json"_s), "{}", u"created b.json"_s));
        QVERIFY(transaction.create(session, "x", u"again"_s).has_value()); // never overwrites
        const auto point = transaction.finish();
        QVERIFY(point);
        QCOMPARE(contents(session), QByteArray("{\"kind\":0,\"v\":{\"a\":1}}\n"));
        // The existing .bak is kept; the new backup has a timestamped name and the original bytes.
        QCOMPARE(contents(session + u".bak"_s), QByteArray("an older backup"));
        QCOMPARE(point->files.size(), 3);
        QVERIFY(point->files.at(0).backup.startsWith(session + u".bak-"_s));
        QCOMPARE(contents(point->files.at(0).backup), before.value(u"ws/chatSessions/a.jsonl"_s));
        QVERIFY(point->files.at(1).backup.startsWith(recovery + u'/'));
        QCOMPARE(contents(point->files.at(1).backup), QByteArray("database bytes"));

        // The manifest lists it; undo puts every file back byte for byte and removes what was created.
        const QList<RecoveryPoint> points = RecoveryPoint::list(recovery);
        QCOMPARE(points.size(), 1);
        QCOMPARE(points.first().operation, u"register repair"_s);
        QCOMPARE(points.first().changes.size(), 4);
        QVERIFY(points.first().undoCommand().contains(point->manifest));
        const auto undone = FileTransaction::undo(points.first());
        QVERIFY2(undone, qPrintable(undone ? QString() : undone.error().message));
        auto after = test::fileTree(dir.path());
        for (auto it = after.begin(); it != after.end();) {
            // What remains besides the original files: the backups and the manifest, kept for the record.
            it = it.key().contains(u".bak-"_s) || it.key().startsWith(u"project/"_s) ? after.erase(it) : ++it;
        }
        QCOMPARE(after, before);

        // A point is undone once: it is no longer listed, and a second undo is refused.
        QVERIFY(RecoveryPoint::list(recovery).isEmpty());
        QVERIFY(!FileTransaction::undo(points.first()));
        // Said as such to whoever still holds it (a wizard's Undo after the History window's).
        const auto again = RecoveryPoint::read(point->manifest);
        QVERIFY(!again);
        QVERIFY2(again.error().message.contains(u"was undone already, on "_s), qPrintable(again.error().message));
    }

    void undoKeepsLaterChanges()
    {
        QTemporaryDir dir;
        const QString file = dir.filePath(u"s.json"_s);
        QVERIFY(test::writeFile(file, "v1"));
        FileTransaction transaction(u"repair"_s, dir.filePath(u"r"_s), false, {dir.path()});
        QVERIFY(!transaction.replace(file, "v2", FileTransaction::BackupPlace::Beside, u"v2"_s));
        const auto point = transaction.finish();
        QVERIFY(point);
        QVERIFY(test::writeFile(file, "v3, written by the editor afterwards"));
        const auto refused = FileTransaction::undo(*point);
        QVERIFY(!refused);
        QVERIFY2(refused.error().message.contains(u"changed after the operation"_s),
                 qPrintable(refused.error().message));
        QCOMPARE(contents(file), QByteArray("v3, written by the editor afterwards"));
        QVERIFY(FileTransaction::undo(*point, true));
        QCOMPARE(contents(file), QByteArray("v1"));
        const QStringList kept = QDir(dir.path()).entryList({u"s.json.before-undo*"_s});
        QCOMPARE(kept.size(), 1);
        QCOMPARE(contents(dir.filePath(kept.first())), QByteArray("v3, written by the editor afterwards"));
    }

    void dryRunWritesNothing()
    {
        QTemporaryDir dir;
        const QString file = dir.filePath(u"s.json"_s);
        QVERIFY(test::writeFile(file, "v1"));
        const auto before = test::fileTree(dir.path());
        FileTransaction transaction(u"repair"_s, dir.filePath(u"r"_s), true, {dir.path()});
        QVERIFY(!transaction.replace(file, "v2", FileTransaction::BackupPlace::Beside, u"would rewrite s.json"_s));
        QVERIFY(!transaction.create(dir.filePath(u"n.json"_s), "{}", u"would create n.json"_s));
        const auto point = transaction.finish();
        QVERIFY(point);
        QVERIFY(point->manifest.isEmpty());
        QCOMPARE(point->changes, QStringList({u"would rewrite s.json"_s, u"would create n.json"_s}));
        QCOMPARE(test::fileTree(dir.path()), before);
    }

    void undoRefusesAManifestChasmDidNotWrite()
    {
        // A recovery folder comes along with a cloned repository: a hand-made manifest would make undo
        // "restore" a file of the user's from the attacker's bytes, and create files anywhere.
        QTemporaryDir dir;
        const QString victim = dir.filePath(u"home/.bashrc"_s);
        const QString payload = dir.filePath(u"repo/payload"_s);
        const QString created = dir.filePath(u"home/created-by-undo"_s);
        QVERIFY(test::writeFile(victim, "mine"));
        QVERIFY(test::writeFile(payload, "the attacker's"));
        const QString folder = dir.filePath(u"repo/.chasm_recovery"_s);
        const QString manifest = folder + u"/20260101-000000-000.json"_s;
        QVERIFY(test::writeFile(manifest,
                                u"{\"chasm_recovery_point\": 1, \"operation\": \"repair\", \"created\": "
                                "\"2026-01-01T00:00:00.000Z\", \"scope\": [\"/\"], \"files\": [{\"path\": \"%1\", "
                                "\"backup\": \"%2\", \"sha256\": \"\", \"removed\": true}, {\"path\": \"%3\", "
                                "\"backup\": \"%2\", \"sha256\": \"\", \"removed\": true}], \"changes\": [], "
                                "\"signature\": \"00\"}"_s.arg(victim, payload, created)
                                    .toUtf8()));
        const auto point = RecoveryPoint::read(manifest);
        QVERIFY(!point);
        QVERIFY2(point.error().message.contains(u"its signature does not match"_s), qPrintable(point.error().message));
        QVERIFY(RecoveryPoint::list(folder).isEmpty());
        QCOMPARE(contents(victim), QByteArray("mine"));
        QVERIFY(!QFileInfo::exists(created));

        // The same without a signature.
        QVERIFY(test::writeFile(manifest, test::readAll(manifest).replace(", \"signature\": \"00\"", "")));
        const auto unsigned_ = RecoveryPoint::read(manifest);
        QVERIFY(!unsigned_);
        QVERIFY2(unsigned_.error().message.contains(u"it is not signed"_s), qPrintable(unsigned_.error().message));
    }

    void undoRefusesAChangedManifest()
    {
        QTemporaryDir dir;
        const QString session = dir.filePath(u"ws/chatSessions/a.json"_s);
        const QString victim = dir.filePath(u"home/.profile"_s);
        QVERIFY(test::writeFile(session, "v1"));
        QVERIFY(test::writeFile(victim, "mine"));
        FileTransaction transaction(u"repair"_s, dir.filePath(u"ws/.chasm_recovery"_s), false, {dir.filePath(u"ws"_s)});
        QVERIFY(!transaction.replace(session, "v2", FileTransaction::BackupPlace::Beside, u"v2"_s));
        const auto point = transaction.finish();
        QVERIFY(point);
        QVERIFY(RecoveryPoint::read(point->manifest)); // as written, it is trusted
        // Pointed at another file of the user's: refused, even with the scope widened to match.
        QByteArray text = test::readAll(point->manifest);
        text.replace(QByteArray(session.toUtf8() + '"'), QByteArray(victim.toUtf8() + '"'));
        text.replace(QByteArray(dir.filePath(u"ws"_s).toUtf8() + '"'), QByteArray("/\""));
        QVERIFY(test::writeFile(point->manifest, text));
        const auto changed = RecoveryPoint::read(point->manifest);
        QVERIFY(!changed);
        QVERIFY2(changed.error().message.contains(u"its signature does not match"_s),
                 qPrintable(changed.error().message));
        QCOMPARE(contents(victim), QByteArray("mine"));
        QCOMPARE(contents(session), QByteArray("v2"));
    }

    void writesStayInTheirScope()
    {
        QTemporaryDir dir;
        const QString workspace = dir.filePath(u"ws"_s);
        QVERIFY(QDir().mkpath(workspace + u"/chatSessions"_s));
        QVERIFY(test::writeFile(dir.filePath(u"outside.json"_s), "theirs"));
        QVERIFY(QFile::link(dir.filePath(u"outside.json"_s), workspace + u"/chatSessions/link.json"_s));
        QVERIFY(QFile::link(dir.filePath(u"nowhere.json"_s), workspace + u"/chatSessions/dangling.json"_s));
        const auto before = test::fileTree(dir.path());
        FileTransaction transaction(u"adopt"_s, workspace + u"/.chasm_recovery"_s, false, {workspace});
        const auto out = transaction.create(workspace + u"/chatSessions/../../escaped.json"_s, "{}", u"x"_s);
        QVERIFY(out);
        QVERIFY2(out->message.contains(u"lies outside"_s), qPrintable(out->message));
        const auto linked = transaction.replace(workspace + u"/chatSessions/link.json"_s, "{}",
                                                FileTransaction::BackupPlace::Beside, u"x"_s);
        QVERIFY(linked);
        QVERIFY2(linked->message.contains(u"it is a link"_s), qPrintable(linked->message));
        const auto dangling = transaction.create(workspace + u"/chatSessions/dangling.json"_s, "{}", u"x"_s);
        QVERIFY(dangling);
        QVERIFY(!transaction.wroteAnything());
        QCOMPARE(test::fileTree(dir.path()), before);
        QVERIFY(!QFileInfo::exists(dir.filePath(u"escaped.json"_s)));
        QVERIFY(!QFileInfo::exists(dir.filePath(u"nowhere.json"_s)));
    }

    void editorCheckUsesExactNames()
    {
        const QList<ProcessInfo> processes{
            {10, u"/usr/share/code/code"_s, false},
            {11, u"/usr/share/code/code"_s, true}, // a renderer
            {12, u"/usr/local/bin/codex"_s, false},
            {13, u"/home/me/.cursor-server/cursor"_s, false},
            {14, u"C:\\Program Files\\Microsoft VS Code\\Code.exe"_s, false},
            {15, u"/Applications/Xcode.app/Contents/MacOS/Xcode"_s, false},
            {16, u"/Applications/Visual Studio Code.app/Contents/MacOS/Electron"_s, false},
            {17,
             u"/Applications/Visual Studio Code.app/Contents/Frameworks/Code Helper.app/Contents/MacOS/"
             "Code Helper"_s,
             false},
            {18, u"C:\\Users\\me\\AppData\\Local\\Programs\\cursor\\Cursor.exe"_s, false},
        };
        const auto pids = [&processes](Editor editor, Platform platform) {
            QList<qint64> result;
            for (const ProcessInfo& p : EditorProcess::find(editor, platform, processes)) {
                result << p.pid;
            }
            return result;
        };
        QCOMPARE(pids(Editor::Code, Platform::Linux), QList<qint64>{10});
        QCOMPARE(pids(Editor::Cursor, Platform::Linux), QList<qint64>{13});
        QCOMPARE(pids(Editor::Code, Platform::Windows), QList<qint64>{14});
        QCOMPARE(pids(Editor::Cursor, Platform::Windows), QList<qint64>{18});
        QCOMPARE(pids(Editor::Code, Platform::MacOS), QList<qint64>{16});
        QCOMPARE(pids(Editor::CodeInsiders, Platform::Linux), QList<qint64>());
    }

#ifdef Q_OS_LINUX
    // A real process whose executable is named like VS Code's: the guard refuses, --force warns, and
    // closing it waits until it is gone.
    void guardSeesARunningEditor()
    {
        QTemporaryDir dir;
        const QString fake = dir.filePath(u"code"_s);
        QVERIFY(QFile::copy(u"/bin/sleep"_s, fake));
        QStringList warnings;
        QVERIFY(!EditorProcess::checkClosed(Editor::Code, false, warnings));
        QProcess editor;
        editor.start(fake, {u"60"_s});
        QVERIFY(editor.waitForStarted());
        const auto error = EditorProcess::checkClosed(Editor::Code, false, warnings);
        QVERIFY(error);
        QVERIFY2(error->message.contains(u"VS Code is running"_s), qPrintable(error->message));
        QVERIFY(error->message.contains(QString::number(editor.processId())));
        QVERIFY(!EditorProcess::checkClosed(Editor::Code, true, warnings));
        QCOMPARE(warnings.size(), 1);
        QVERIFY(warnings.first().contains(u"will overwrite"_s));
        QVERIFY(!EditorProcess::checkClosed(Editor::Cursor, false, warnings)); // another editor
        QVERIFY(!EditorProcess::close(Editor::Code, std::chrono::seconds(10)));
        QVERIFY(editor.waitForFinished(5000));
        QVERIFY(!EditorProcess::checkClosed(Editor::Code, false, warnings));
    }
#endif
};

QTEST_GUILESS_MAIN(TestFileTransaction)
#include "TestFileTransaction.moc"
