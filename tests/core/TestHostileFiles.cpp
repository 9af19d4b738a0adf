// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#include "FixtureHome.h"
#include "json/Json.h"
#include "json/JsonLines.h"
#include "util/LineReader.h"
#include "util/ReadOnlyDatabase.h"
#include "util/RegularFile.h"
#include "util/SafePath.h"
#include "vscode/ChatSessionFile.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>

using namespace Qt::StringLiterals;
using namespace chasm;

namespace {

bool makeFifo(const QString& path)
{
    return ::mkfifo(QFile::encodeName(path).constData(), 0600) == 0;
}

} // namespace

// What Chasm reads comes from strangers: special files where session files belong, files of endless
// size, names that climb out of their folder. Each is refused with a message, at once.
class TestHostileFiles : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void cleanup() { qunsetenv("CHASM_MAX_FILE_MB"); }

    void specialFilesAreRefusedWithoutWaiting_data()
    {
        QTest::addColumn<QString>("kind"); // what to put at the path
        QTest::addColumn<QString>("said");
        QTest::newRow("fifo") << u"fifo"_s << u"it is a FIFO (named pipe), not a regular file"_s;
        QTest::newRow("link to a fifo") << u"link-to-fifo"_s << u"it is a FIFO (named pipe), not a regular file"_s;
        QTest::newRow("link to /dev/zero") << u"dev-zero"_s << u"it is a device, not a regular file"_s;
        QTest::newRow("folder") << u"folder"_s << u"it is a folder, not a regular file"_s;
    }
    void specialFilesAreRefusedWithoutWaiting()
    {
        QFETCH(QString, kind);
        QFETCH(QString, said);
        QTemporaryDir dir;
        const QString fifo = dir.filePath(u"pipe"_s);
        QVERIFY(makeFifo(fifo));
        const QString path = dir.filePath(u"s.jsonl"_s);
        if (kind == u"fifo"_s) {
            QVERIFY(makeFifo(path));
        } else if (kind == u"link-to-fifo"_s) {
            QVERIFY(QFile::link(fifo, path));
        } else if (kind == u"dev-zero"_s) {
            QVERIFY(QFile::link(u"/dev/zero"_s, path));
        } else {
            QVERIFY(QDir().mkpath(path));
        }
        // Each reader of the codebase, through the one check. A plain open() would block on the FIFO
        // until the test's time-out (or, on /dev/zero, read until memory runs out).
        QElapsedTimer clock;
        clock.start();
        const auto lines = json::readLines(path, [](boost::json::value&&, int) {});
        QVERIFY(!lines);
        QVERIFY2(lines.error().message == u"cannot read %1: %2"_s.arg(path, said), qPrintable(lines.error().message));
        const auto tree = json::parseFile(path);
        QVERIFY(!tree);
        QVERIFY2(tree.error().message.contains(said), qPrintable(tree.error().message));
        const auto session = ChatSessionFile::read(path);
        QVERIFY(!session);
        QVERIFY2(session.error().message.contains(said), qPrintable(session.error().message));
        const auto database = ReadOnlyDatabase::open(path);
        QVERIFY(!database);
        QVERIFY2(database.error().message.contains(said), qPrintable(database.error().message));
        QVERIFY(clock.elapsed() < 5000);
    }

    void aReadStopsAtTheCeiling()
    {
        QTemporaryDir dir;
        const QString log = dir.filePath(u"big.jsonl"_s);
        QByteArray line = "{\"text\":\"" + QByteArray(1000, 'a') + "\"}\n";
        QByteArray bytes;
        while (bytes.size() < (3 << 20)) {
            bytes += line;
        }
        QVERIFY(test::writeFile(log, bytes));
        QVERIFY(json::readLines(log, [](boost::json::value&&, int) {})); // under the default 4 GB
        qputenv("CHASM_MAX_FILE_MB", "2");
        const auto refused = json::readLines(log, [](boost::json::value&&, int) {});
        QVERIFY(!refused);
        QCOMPARE(refused.error().message,
                 u"cannot read %1: it is larger than the 2 MB Chasm reads from one file (CHASM_MAX_FILE_MB raises "
                 "the limit)"_s.arg(log));
        // Also for a file that is small when opened and grows past the limit while it is read.
        const QString growing = dir.filePath(u"growing.jsonl"_s);
        QVERIFY(test::writeFile(growing, line));
        QFile file;
        QVERIFY(!RegularFile::open(file, growing));
        QVERIFY(test::writeFile(growing, bytes)); // the same file, rewritten larger under the reader
        LineReader reader(file, 4096);
        while (reader.next()) {
        }
        QVERIFY2(reader.error().startsWith(u"it is larger than the 2 MB"_s), qPrintable(reader.error()));
    }

    void descriptorsHaveTheirOwnLimit()
    {
        QTemporaryDir dir;
        const QString descriptor = dir.filePath(u"workspace.json"_s);
        QVERIFY(test::writeFile(descriptor, "{\"folder\":\"file:///x\",\"pad\":\"" + QByteArray(2 << 20, 'p') + "\"}"));
        const auto tree = json::parseFile(descriptor, true, json::descriptorBytes);
        QVERIFY(!tree);
        QVERIFY2(tree.error().message.contains(u"larger than the 1 MB"_s), qPrintable(tree.error().message));
        QVERIFY(json::parseFile(descriptor)); // as a session file it would be read
    }

    void safeNames_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<bool>("safe");
        QTest::newRow("uuid") << u"5f1c0a9e-1111-4222-8333-444455556666"_s << true;
        QTest::newRow("with a suffix") << u"abc.jsonl"_s << true;
        QTest::newRow("climbs") << u"../../../../PWNED"_s << false;
        QTest::newRow("dot dot") << u".."_s << false;
        QTest::newRow("absolute") << u"/abs/path"_s << false;
        QTest::newRow("sub folder") << u"a/b"_s << false;
        QTest::newRow("backslash") << u"..\\..\\x"_s << false;
        QTest::newRow("hidden") << u".bashrc"_s << false;
        QTest::newRow("empty") << QString() << false;
        QTest::newRow("nul") << u"a\u0000b"_s << false;
        QTest::newRow("newline") << u"a\nb"_s << false;
        QTest::newRow("space") << u"a b"_s << false;
        QTest::newRow("long") << QString(129, u'a') << false;
    }
    void safeNames()
    {
        QFETCH(QString, name);
        QFETCH(bool, safe);
        QCOMPARE(SafePath::isSafeName(name), safe);
    }

    void childStaysInItsFolder()
    {
        QTemporaryDir dir;
        const QString folder = dir.filePath(u"ws/chatSessions"_s);
        QVERIFY(QDir().mkpath(folder));
        QVERIFY(QDir().mkpath(dir.filePath(u"elsewhere"_s)));
        const auto plain = SafePath::child(folder, u"a.json"_s);
        QVERIFY(plain);
        QCOMPARE(*plain, folder + u"/a.json"_s);
        QVERIFY(!SafePath::child(folder, u"../a.json"_s));
        // A link inside the folder that leads out of it, dangling or not, is not written through.
        QVERIFY(QFile::link(dir.filePath(u"elsewhere/x.json"_s), folder + u"/b.json"_s));
        const auto linked = SafePath::child(folder, u"b.json"_s);
        QVERIFY(!linked);
        QVERIFY2(linked.error().message.contains(u"it is a link"_s), qPrintable(linked.error().message));
        // The folder itself may be reached through a link: what counts is where it is.
        QVERIFY(QFile::link(folder, dir.filePath(u"alias"_s)));
        QVERIFY(SafePath::isInside(dir.filePath(u"alias/c.json"_s), folder));
        QVERIFY(!SafePath::isInside(dir.filePath(u"elsewhere/c.json"_s), folder));
        QVERIFY(!SafePath::isInside(folder + u"/../../elsewhere/c.json"_s, folder));
        // A loop of dangling links ends.
        QVERIFY(QFile::link(dir.filePath(u"loop2"_s), dir.filePath(u"loop1"_s)));
        QVERIFY(QFile::link(dir.filePath(u"loop1/x"_s), dir.filePath(u"loop2"_s)));
        QVERIFY(!SafePath::isInside(dir.filePath(u"loop1/y"_s), folder));
    }
};

QTEST_GUILESS_MAIN(TestHostileFiles)
#include "TestHostileFiles.moc"
