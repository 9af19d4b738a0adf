#include "FixtureHome.h"
#include "export/SessionExport.h"

#include <QDir>
#include <QFileInfo>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTimeZone>

using namespace Qt::StringLiterals;
using namespace chasm;

namespace {

// A session of `count` short messages, "m000000 says hello" to "m<count - 1> says hello".
Session session(const QString& id, int count)
{
    Session s;
    s.nativeId = id;
    s.id = u"claude-code:"_s + id;
    s.provider = u"claude-code"_s;
    s.title = u"Session "_s + id;
    s.createdAt = QDateTime(QDate(2026, 3, 1), QTime(10, 0), QTimeZone::utc());
    s.updatedAt = s.createdAt;
    for (int i = 0; i < count; ++i) {
        Message m;
        m.role = i % 2 == 0 ? Role::User : Role::Assistant;
        m.content = u"m%1 says hello"_s.arg(i, 6, 10, QChar(u'0'));
        s.messages.append(m);
    }
    return s;
}

Result<QStringList> exported(const QList<Session>& sessions, const QString& destination, SessionExport::Format format)
{
    auto out = SessionExport::open(destination, format);
    if (!out) {
        return out.error();
    }
    for (const Session& s : sessions) {
        if (auto error = (*out)->add(s)) {
            return *error;
        }
    }
    return (*out)->finish();
}

// Every file and folder under a folder (hidden ones too).
QStringList entries(const QString& folder)
{
    return QDir(folder).entryList(QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot);
}

} // namespace

class TestSessionExport : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    // A NUL, an escape sequence or a C1 control in a message reaches no transcript raw: each is U+FFFD there.
    // The json format keeps the text exactly, escaped.
    void controlCharacters_data()
    {
        QTest::addColumn<QString>("name");
        QTest::newRow("md") << u"md"_s;
        QTest::newRow("csv") << u"csv"_s;
        QTest::newRow("html") << u"html"_s;
    }

    void controlCharacters()
    {
        QFETCH(QString, name);
        const SessionExport::Format format = *SessionExport::formatNamed(name);
        Session s = session(u"c0de"_s, 2);
        s.title = u"title\x1b]0;owned\x07"_s;
        s.messages[0].content = u"nul:"_s + QChar(0) + u" esc:\x1b[2J del:\x7f csi:\u009b tab:\t."_s;
        s.messages[1].toolCalls.append(ToolCall{u"t"_s, u"Bash\x01"_s, u"in\x02"_s, u"out\x03"_s, u"completed"_s});
        s.messages[1].error = u"error\x04"_s;
        QTemporaryDir dir;
        for (const QString& destination : QStringList{u"one."_s + name, u"folder"_s}) {
            const auto written = exported({s}, dir.filePath(destination), format);
            QVERIFY2(written, qPrintable(written ? QString() : written.error().message));
            const QString text = QString::fromUtf8(test::readAll(written->constFirst()));
            for (const QChar c : text) {
                const char16_t u = c.unicode();
                QVERIFY2((u >= 0x20 && !(u >= 0x7f && u <= 0x9f)) || u == u'\t' || u == u'\n' || u == u'\r',
                         qPrintable(destination + u": U+%1"_s.arg(int(u), 4, 16, QChar(u'0'))));
            }
            QVERIFY2(text.contains(u"nul:\uFFFD esc:\uFFFD[2J del:\uFFFD csi:\uFFFD"_s), qPrintable(text));
            QVERIFY2(text.contains(u"title\uFFFD]0;owned\uFFFD"_s), qPrintable(text));
        }
        const auto json = exported({s}, dir.filePath(u"s.json"_s), SessionExport::Format::Json);
        QVERIFY(json);
        QVERIFY(test::readAll(json->constFirst()).contains(R"(nul:\u0000 esc:\u001b[2J)"));
    }

    // A link at the destination, to nothing or to a file, is refused: an export writes only the path chosen.
    void linkAtDestinationIsRefused_data()
    {
        QTest::addColumn<bool>("dangling");
        QTest::newRow("to nothing") << true;
        QTest::newRow("to a file") << false;
    }

    void linkAtDestinationIsRefused()
    {
        QFETCH(bool, dangling);
        QTemporaryDir dir;
        QVERIFY(QDir(dir.path()).mkpath(u"elsewhere"_s));
        const QString target = dir.filePath(u"elsewhere/x"_s);
        if (!dangling) {
            QVERIFY(test::writeFile(target, "theirs"));
        }
        const QString link = dir.filePath(u"out.html"_s);
        QVERIFY(QFile::link(target, link));
        const auto written = exported({session(u"11c4"_s, 2)}, link, SessionExport::Format::Html);
        QVERIFY(!written);
        QVERIFY2(written.error().message.startsWith(link + u" is a symbolic link"_s),
                 qPrintable(written.error().message));
        QCOMPARE(QFileInfo::exists(target), !dangling);
        if (!dangling) {
            QCOMPARE(test::readAll(target), QByteArray("theirs"));
        }
        QCOMPARE(entries(dir.path()), (QStringList{u"elsewhere"_s, u"out.html"_s}));

        // In a folder, a link where a session's file would go is passed over like any file.
        const QString folder = dir.filePath(u"folder"_s);
        const Session s = session(u"22d5"_s, 2);
        QVERIFY(QDir(dir.path()).mkpath(u"folder"_s));
        const QString name = SessionExport::fileName(s, SessionExport::Format::Markdown);
        QVERIFY(QFile::link(target, QDir(folder).filePath(name)));
        const auto inFolder = exported({s}, folder, SessionExport::Format::Markdown);
        QVERIFY2(inFolder, qPrintable(inFolder ? QString() : inFolder.error().message));
        QCOMPARE(*inFolder, QStringList{QDir(folder).filePath(QFileInfo(name).completeBaseName() + u"-2.md"_s)});
        QCOMPARE(QFileInfo::exists(target), !dangling);
        QVERIFY(QFileInfo(inFolder->constFirst()).isFile() && !QFileInfo(inFolder->constFirst()).isSymLink());
    }

    // A session's title and id come from its file: "../" or "/" in them cannot put its file outside the folder.
    void folderNamesStayInTheFolder()
    {
        QTemporaryDir dir;
        const QString folder = dir.filePath(u"a/b/out"_s);
        QList<Session> sessions;
        for (const QString& hostile : {u"../../x"_s, u"/etc/passwd"_s, u"a/b"_s, u".."_s, u"..\\..\\w"_s}) {
            Session s = session(u"1d"_s, 1);
            s.title = hostile;
            s.nativeId = hostile;
            s.id = u"claude-code:"_s + hostile;
            sessions << s;
        }
        const auto written = exported(sessions, folder, SessionExport::Format::Markdown);
        QVERIFY2(written, qPrintable(written ? QString() : written.error().message));
        QCOMPARE(written->size(), sessions.size());
        for (const QString& path : *written) {
            QCOMPARE(QFileInfo(path).absolutePath(), QDir(folder).absolutePath());
            QVERIFY2(!QFileInfo(path).fileName().startsWith(u'.'), qPrintable(path));
        }
        QCOMPARE(entries(folder).size(), sessions.size());
        QCOMPARE(entries(dir.path()), QStringList{u"a"_s});
        QCOMPARE(entries(dir.filePath(u"a"_s)), QStringList{u"b"_s});
        QCOMPARE(entries(dir.filePath(u"a/b"_s)), QStringList{u"out"_s});
    }
};

QTEST_GUILESS_MAIN(TestSessionExport)
#include "TestSessionExport.moc"
