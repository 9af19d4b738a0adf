#include "FixtureHome.h"
#include "util/FileTransaction.h"
#include "vscode/EditorProcess.h"

#include <QDir>
#include <QFile>
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

        FileTransaction transaction(u"register repair"_s, recovery, false);
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
    }

    void undoKeepsLaterChanges()
    {
        QTemporaryDir dir;
        const QString file = dir.filePath(u"s.json"_s);
        QVERIFY(test::writeFile(file, "v1"));
        FileTransaction transaction(u"repair"_s, dir.filePath(u"r"_s), false);
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
        FileTransaction transaction(u"repair"_s, dir.filePath(u"r"_s), true);
        QVERIFY(!transaction.replace(file, "v2", FileTransaction::BackupPlace::Beside, u"would rewrite s.json"_s));
        QVERIFY(!transaction.create(dir.filePath(u"n.json"_s), "{}", u"would create n.json"_s));
        const auto point = transaction.finish();
        QVERIFY(point);
        QVERIFY(point->manifest.isEmpty());
        QCOMPARE(point->changes, QStringList({u"would rewrite s.json"_s, u"would create n.json"_s}));
        QCOMPARE(test::fileTree(dir.path()), before);
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
