// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#include "FixtureHome.h"
#include "PdfRenderer.h"
#include "export/SessionExport.h"

#include <QDir>
#include <QFileInfo>
#include <QProcess>
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

// A PDF's text as poppler's pdftotext reads it, pages ended by form feeds.
QString pdfText(const QString& path)
{
    QProcess process;
    process.start(u"pdftotext"_s, {u"-enc"_s, u"UTF-8"_s, path, u"-"_s});
    if (!process.waitForStarted() || !process.waitForFinished(120000) || process.exitCode() != 0) {
        qWarning() << "pdftotext (Debian's poppler-utils, installed by scripts/install-deps) cannot read" << path
                   << process.errorString();
        return {};
    }
    return QString::fromUtf8(process.readAllStandardOutput());
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
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        pdf::install(); // as the programs do
    }

    // 60 000 messages in one PDF: typeset in chunks, every message on its pages (the whole transcript used to
    // be one document, whose layout overflowed past some 2 650 pages: one blank page, "exported").
    void largeSessionToPdf()
    {
        QTemporaryDir dir;
        const int count = 60000;
        const QString file = dir.filePath(u"large.pdf"_s);
        const auto written = exported({session(u"5e55a1"_s, count)}, file, SessionExport::Format::Pdf);
        QVERIFY2(written, qPrintable(written ? QString() : written.error().message));
        QCOMPARE(*written, QStringList{file});
        const QString text = pdfText(file);
        const qsizetype pages = text.count(u'\f');
        // Two lines a message (its heading and its text), some 40 lines a page.
        QVERIFY2(pages > count / 40 && pages < count / 5, qPrintable(QString::number(pages)));
        QVERIFY(text.contains(u"m000000 says hello"_s));
        QVERIFY(text.contains(u"m030000 says hello"_s));
        QVERIFY(text.contains(u"m059999 says hello"_s));
        QCOMPARE(text.count(u" says hello"_s), count);
        // The page numbers run on from chunk to chunk.
        QVERIFY(text.contains(u"\n%1\n"_s.arg(pages)));
        QCOMPARE(entries(dir.path()), QStringList{u"large.pdf"_s});
    }

    // A message longer than that layout could hold (its code block in the text, or its tool's output) is cut
    // between lines; so are long paragraphs, lists and tables, which took Qt's layout minutes as one block or list.
    void longMessageToPdf()
    {
        QTemporaryDir dir;
        Session s = session(u"10a9"_s, 4);
        const int lines = 180000; // some 3 000 pages
        QString code = u"```\n"_s;
        for (int i = 0; i < lines; ++i) {
            code += u"code line %1\n"_s.arg(i);
        }
        s.messages[0].content = code + u"```\n"_s;
        const int shorter = 20000;
        QString output;
        QString paragraph = u"*"_s;
        QString list;
        for (int i = 0; i < shorter; ++i) {
            output += u"output line %1\n"_s.arg(i);
            paragraph += u"pasted line %1\n"_s.arg(i);
            list += u"%1. item %1\n"_s.arg(i + 1);
        }
        s.messages[1].toolCalls.append(ToolCall{u"t1"_s, u"Bash"_s, u"cat big.log"_s, output, u"completed"_s});
        s.messages[2].content = paragraph + u"end*"_s;
        s.messages[3].content = list;
        const QString file = dir.filePath(u"long.pdf"_s);
        const auto written = exported({s}, file, SessionExport::Format::Pdf);
        QVERIFY2(written, qPrintable(written ? QString() : written.error().message));
        const QString text = pdfText(file);
        QVERIFY2(text.count(u'\f') > lines / 100, qPrintable(QString::number(text.count(u'\f'))));
        for (const int i : {0, lines / 2, lines - 1}) {
            QVERIFY2(text.contains(u"code line %1\n"_s.arg(i)), qPrintable(QString::number(i)));
        }
        for (const int i : {0, shorter / 2, shorter - 1}) {
            QVERIFY2(text.contains(u"output line %1\n"_s.arg(i)), qPrintable(QString::number(i)));
            QVERIFY2(text.contains(u"pasted line %1\n"_s.arg(i)), qPrintable(QString::number(i)));
            // Not its number: Qt 6.4 ignores <ol start>, so a list restarts at 1 where a chunk begins.
            QVERIFY2(text.contains(u". item %1\n"_s.arg(i + 1)), qPrintable(QString::number(i)));
        }
    }

    // What cannot be cut into pages (a table's row) and is too long to lay out fails the export, naming the file,
    // and leaves nothing behind.
    void tooLongToTypesetIsAnError()
    {
        QTemporaryDir dir;
        Session s = session(u"bad1157"_s, 1);
        s.messages[0].content = u"| a | b |\n|---|---|\n| "_s + u"word "_s.repeated(250000) + u"| b |\n"_s;
        const QString file = dir.filePath(u"long.pdf"_s);
        const auto written = exported({s}, file, SessionExport::Format::Pdf);
        QVERIFY(!written);
        QVERIFY2(written.error().message.startsWith(u"cannot write "_s + file +
                                                    u": message 1 of claude-code:bad1157 is too long to typeset"_s),
                 qPrintable(written.error().message));
        QCOMPARE(entries(dir.path()), QStringList{});
    }

    // Several sessions into one PDF, and one PDF per session into a folder.
    void sessionsToPdf()
    {
        QTemporaryDir dir;
        const QList<Session> sessions{session(u"aaa1"_s, 3), session(u"bbb2"_s, 4)};
        const auto one = exported(sessions, dir.filePath(u"both.pdf"_s), SessionExport::Format::Pdf);
        QVERIFY2(one, qPrintable(one ? QString() : one.error().message));
        const QString text = pdfText(dir.filePath(u"both.pdf"_s));
        QVERIFY(text.contains(u"Session aaa1"_s) && text.contains(u"Session bbb2"_s));
        QCOMPARE(text.count(u" says hello"_s), 7);
        const auto folder = exported(sessions, dir.filePath(u"each"_s), SessionExport::Format::Pdf);
        QVERIFY2(folder, qPrintable(folder ? QString() : folder.error().message));
        QCOMPARE(folder->size(), 2);
        QCOMPARE(pdfText(folder->at(1)).count(u" says hello"_s), 4);
    }

    // A NUL, an escape sequence or a C1 control in a message reaches no transcript raw: each is U+FFFD there.
    // The json format keeps the text exactly, escaped.
    // An HTML (and so PDF) transcript names the tool as people know it; Markdown keeps the provider id,
    // which tools read again.
    void transcriptsNameTheTool_data()
    {
        QTest::addColumn<QString>("provider");
        QTest::addColumn<QString>("name");
        QTest::newRow("copilot") << u"copilot"_s << u"GitHub Copilot"_s;
        QTest::newRow("claude-code") << u"claude-code"_s << u"Claude Code"_s;
        QTest::newRow("qwen") << u"qwen"_s << u"Qwen Code"_s;
        QTest::newRow("unknown") << u"someday"_s << u"someday"_s;
    }

    void transcriptsNameTheTool()
    {
        QFETCH(QString, provider);
        QFETCH(QString, name);
        Session s = session(u"ab12"_s, 2);
        s.provider = provider;
        QCOMPARE(SessionExport::toolName(provider), name);
        QVERIFY2(SessionExport::html(s).contains(u"<li>Provider: "_s + name + u"</li>"_s),
                 qPrintable(SessionExport::html(s)));
        QVERIFY(SessionExport::markdown(s).contains(u"Provider: "_s + provider + u'\n'));
    }

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

QTEST_MAIN(TestSessionExport)
#include "TestSessionExport.moc"
