// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

// The human output of the command line: every row of `list workspaces` names its tool, columns line up by display
// width whatever the text, long values are cut with one `…` to a terminal's width, colour follows --color and
// NO_COLOR, a warning never lands inside a line of a listing, and `harvest scan --web` probes the web services (here
// servers on 127.0.0.1) within its timeout.

#include "ChasmProcess.h"
#include "CliRun.h"
#include "FixtureHome.h"
#include "TextTable.h"
#include "json/Json.h"

#include <QElapsedTimer>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>
#include <QThread>

#include <boost/json/parse.hpp>

#include <csignal>

using namespace Qt::StringLiterals;
using namespace chasm;
using chasm::cli::TextTable;
using chasm::test::FixtureHome;
using chasm::test::Ran;
using chasm::test::runChasm;
using chasm::test::runCli;

namespace {

const QStringList stores = {u"vscode"_s, u"claude-code"_s, u"codex"_s, u"continue"_s, u"cursor"_s, u"gemini"_s};

// The lines of a table as printed: the header, then the rows (the summary line after them left out).
QStringList tableLines(const QString& out)
{
    QStringList lines = out.split(u'\n', Qt::SkipEmptyParts);
    if (!lines.isEmpty() && QRegularExpression(u"^\\d+ \\w+\\(s\\)"_s).match(lines.constLast()).hasMatch()) {
        lines.removeLast();
    }
    return lines;
}

// Where each column starts in a line, in display cells: after a run of two spaces or more.
QList<int> columnStarts(const QString& line)
{
    QList<int> starts{0};
    static const QRegularExpression gap(u"  +(?=\\S)"_s);
    for (auto it = gap.globalMatch(line); it.hasNext();) {
        const QRegularExpressionMatch m = it.next();
        starts << TextTable::displayWidth(QStringView(line).first(m.capturedEnd()));
    }
    return starts;
}

// `chasm ARGS…` on a pseudo-terminal `columns` wide, as a person at a terminal runs it: all it showed.
QByteArray onTerminal(const FixtureHome& home, const QStringList& args, const QStringList& environment, int columns)
{
    QList<QByteArray> env{"HOME=" + QFile::encodeName(home.path()), "PATH=/usr/bin:/bin"};
    for (const QString& variable : environment) {
        env << variable.toUtf8();
    }
    return test::runChasmOnTerminal(home.path(), args, env, columns);
}

// A server on 127.0.0.1 that answers every request with `status`, or that takes connections and never answers.
class HomePage : public QObject
{
public:
    explicit HomePage(int status)
        : m_status(status)
    {
        QObject::connect(&m_server, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket* socket = m_server.nextPendingConnection()) {
                m_requests++;
                if (m_status == 0) {
                    continue; // held open, never answered
                }
                QObject::connect(socket, &QTcpSocket::readyRead, socket, [this, socket] {
                    m_received += socket->readAll();
                    if (m_received.contains("\r\n\r\n")) {
                        socket->write("HTTP/1.1 " + QByteArray::number(m_status) +
                                      " OK\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
                        socket->disconnectFromHost();
                    }
                });
            }
        });
        m_server.listen(QHostAddress::LocalHost);
    }
    QString url() const { return u"http://127.0.0.1:%1/"_s.arg(m_server.serverPort()); }
    int requests() const { return m_requests; }
    QByteArray received() const { return m_received; }

private:
    QTcpServer m_server;
    int m_status;
    int m_requests = 0;
    QByteArray m_received;
};

// `chasm ARGS…` run to its end while this process's event loop runs (the servers above answer from it).
Ran runServing(const QString& home, const QStringList& args, const QProcessEnvironment& environment)
{
    QProcess process;
    chasm::test::startChasm(process, home, args, environment);
    QElapsedTimer clock;
    clock.start();
    while (process.state() != QProcess::NotRunning && clock.elapsed() < 20000) {
        QTest::qWait(10);
    }
    Ran ran;
    ran.started = true;
    ran.finished = process.state() == QProcess::NotRunning;
    ran.exitCode = process.exitCode();
    ran.out = process.readAllStandardOutput();
    ran.err = process.readAllStandardError();
    return ran;
}

// A port on 127.0.0.1 where nothing listens.
quint16 closedPort()
{
    QTcpServer server;
    server.listen(QHostAddress::LocalHost);
    return server.serverPort();
}

} // namespace

class TestHumanOutput : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void workspacesNameTheirTool()
    {
        const FixtureHome home(stores);
        QVERIFY(home.isValid());
        const auto listed = runCli(home.environment(), {u"list"_s, u"workspaces"_s});
        QCOMPARE(listed.exitCode, 0);
        const QStringList lines = tableLines(listed.out);
        QVERIFY2(lines.size() > 8, qPrintable(listed.out));
        QVERIFY2(lines.constFirst().startsWith(u"TOOL"_s), qPrintable(lines.constFirst()));
        static const QStringList tools = {u"VS Code"_s,   u"Cursor"_s,   u"Windsurf"_s,  u"Claude Code"_s,
                                          u"Codex CLI"_s, u"Continue"_s, u"Gemini CLI"_s};
        const QList<int> header = columnStarts(lines.constFirst());
        for (const QString& row : lines.mid(1)) {
            QVERIFY2(std::any_of(tools.cbegin(), tools.cend(), [&](const QString& t) { return row.startsWith(t); }),
                     qPrintable(u"a row without its tool: "_s + row));
            // the WORKSPACE column starts where its header does, in every row
            QCOMPARE_GE(columnStarts(row).size(), 4);
            QCOMPARE(columnStarts(row).at(1), header.at(1));
        }
        // Codex CLI's and Continue's stores are both folders named `sessions`: the rows tell them apart.
        const QRegularExpression codex(u"^Codex CLI +sessions +\\d+ .*\\.codex/sessions\\)$"_s,
                                       QRegularExpression::MultilineOption);
        const QRegularExpression continueStore(u"^Continue +sessions +\\d+ .*\\.continue/sessions\\)$"_s,
                                               QRegularExpression::MultilineOption);
        QVERIFY2(codex.match(listed.out).hasMatch(), qPrintable(listed.out));
        QVERIFY2(continueStore.match(listed.out).hasMatch(), qPrintable(listed.out));
    }

    void displayWidth_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<int>("width");
        QTest::newRow("ascii") << u"plain"_s << 5;
        QTest::newRow("cjk") << u"漢字"_s << 4;
        QTest::newRow("combining") << u"e\u0301te\u0301"_s << 3;
        QTest::newRow("emoji") << u"ok 😀"_s << 5;
        QTest::newRow("hangul jamo") << u"\u1100\u1161"_s << 2;
        QTest::newRow("fullwidth") << u"ＡＢ"_s << 4;
    }
    void displayWidth()
    {
        QFETCH(QString, text);
        QFETCH(int, width);
        QCOMPARE(TextTable::displayWidth(text), width);
    }

    void columnsLineUpWhateverTheText()
    {
        TextTable table({u"NAME"_s, u"N"_s, u"NOTE"_s});
        table.setRightAligned(1);
        const QStringList names = {u"plain"_s,      u"漢字のタイトル"_s, u"cafe\u0301 re\u0301sume\u0301"_s,
                                   u"party 🎉🎉"_s,   u"tab\there"_s,      u"two\nlines\r\n"_s,
                                   u"esc\x1b[31m"_s};
        for (const QString& name : names) {
            table.addRow({name, u"7"_s, u"end"_s});
        }
        const QString text = table.render(0, false);
        const QStringList lines = text.split(u'\n', Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), names.size() + 1); // no value broke a line
        QVERIFY(!text.contains(u'\t'));
        QVERIFY(!text.contains(u'\x1b'));
        const int endOfN = TextTable::displayWidth(QStringView(lines.at(0)).first(lines.at(0).indexOf(u"N "_s) + 1));
        const int noteAt = columnStarts(lines.at(0)).constLast();
        for (const QString& line : lines.mid(1)) {
            QVERIFY2(line.endsWith(u"7  end"_s), qPrintable(line));
            // the right-aligned count ends, and NOTE starts, at the same cell in every row
            QCOMPARE(TextTable::displayWidth(QStringView(line).first(line.lastIndexOf(u"7  end"_s) + 1)), endOfN);
            QCOMPARE(TextTable::displayWidth(QStringView(line).first(line.size() - 3)), noteAt);
        }
    }

    void wideAndCombiningCharactersTakeTheirCells()
    {
        TextTable table({u"NAME"_s, u"N"_s, u"NOTE"_s});
        table.setRightAligned(1);
        for (const QString& name : {u"漢字"_s, u"ab"_s, u"e\u0301"_s, u"🎉"_s}) {
            table.addRow({name, u"7"_s, u"end"_s});
        }
        QCOMPARE(table.render(0, false), u"NAME  N  NOTE\n"
                                         u"漢字  7  end\n"
                                         u"ab    7  end\n"
                                         u"e\u0301     7  end\n"
                                         u"🎉    7  end\n"_s);
    }

    void longValuesAreCutToTheWidth()
    {
        TextTable table({u"ID"_s, u"TITLE"_s, u"PROJECT"_s});
        table.addRow(
            {u"a1"_s, u"A rather long title about 漢字 and résumés that goes on"_s, u"/home/dev/projects/x"_s});
        table.addRow({u"b2"_s, u"short"_s, u"/home/dev/projects/a/very/deep/folder/somewhere"_s});
        // not for a terminal: nothing is cut
        QVERIFY(!table.render(0, false).contains(u'…'));
        for (const int width : {40, 50, 61}) {
            const QStringList lines = table.render(width, false).split(u'\n', Qt::SkipEmptyParts);
            QCOMPARE(lines.size(), 3);
            for (const QString& line : lines) {
                QCOMPARE_LE(TextTable::displayWidth(line), width);
                QCOMPARE_LE(line.count(u'…'), 2); // one per cut cell, never two in one
                QVERIFY(!line.contains(u"……"_s));
            }
            QVERIFY(lines.at(1).contains(u'…'));
        }
        // a whole column (an id to type back) is never cut, the others are cut for it
        TextTable ids({u"ID"_s, u"TITLE"_s});
        ids.setWhole(0);
        ids.addRow({u"codex:0123456789abcdef0123"_s, u"A title that is long enough to be cut"_s});
        const QString narrow = ids.render(36, false);
        QVERIFY2(narrow.contains(u"codex:0123456789abcdef0123  A title…"_s), qPrintable(narrow));
        // a cut never leaves a combining mark without its letter, nor half a wide character
        QCOMPARE(TextTable::cut(u"re\u0301sume\u0301"_s, 3), u"re\u0301…"_s);
        QCOMPARE(TextTable::cut(u"漢字漢字"_s, 4), u"漢…"_s);
        QCOMPARE(TextTable::cut(u"short"_s, 5), u"short"_s);
    }

    void fitsTheTerminal()
    {
        const FixtureHome home(stores);
        const QByteArray shown = onTerminal(home, {u"list"_s, u"workspaces"_s}, {u"TERM=xterm"_s, u"NO_COLOR=1"_s}, 60);
        const QStringList lines = QString::fromUtf8(shown).split(u'\n', Qt::SkipEmptyParts);
        QVERIFY2(lines.size() > 8, shown.constData());
        for (const QString& line : lines) {
            QCOMPARE_LE(TextTable::displayWidth(line), 60);
        }
        QVERIFY2(shown.contains("…"), shown.constData());
        // COLUMNS wins over the terminal's own width
        const QByteArray wide =
            onTerminal(home, {u"list"_s, u"workspaces"_s}, {u"TERM=xterm"_s, u"NO_COLOR=1"_s, u"COLUMNS=300"_s}, 60);
        QVERIFY2(!wide.contains("…"), wide.constData());
    }

    void colour()
    {
        const FixtureHome home(stores);
        const QStringList args{u"list"_s, u"workspaces"_s};
        // on a terminal: bold headers, unless NO_COLOR (any non-empty value), TERM=dumb or --color never
        QVERIFY(onTerminal(home, args, {u"TERM=xterm"_s}, 200).contains("\x1b[1mTOOL"));
        QVERIFY(onTerminal(home, args, {u"TERM=xterm"_s, u"NO_COLOR="_s}, 200).contains("\x1b[1mTOOL"));
        QVERIFY(!onTerminal(home, args, {u"TERM=xterm"_s, u"NO_COLOR=1"_s}, 200).contains("\x1b"));
        QVERIFY(!onTerminal(home, args, {u"TERM=dumb"_s}, 200).contains("\x1b"));
        QVERIFY(
            !onTerminal(home, args + QStringList{u"--color"_s, u"never"_s}, {u"TERM=xterm"_s}, 200).contains("\x1b"));
        // into a pipe: none, unless --color always, which NO_COLOR does not stop
        QVERIFY(!runChasm(home.path(), args).out.contains("\x1b"));
        const QProcessEnvironment noColour = [] {
            QProcessEnvironment e;
            e.insert(u"NO_COLOR"_s, u"1"_s);
            return e;
        }();
        const Ran always = runChasm(home.path(), args + QStringList{u"--color"_s, u"always"_s}, noColour);
        QVERIFY2(always.out.contains("\x1b[1mTOOL"), always.describe().constData());
        // errors on stderr red with colour; JSON never coloured
        const Ran failed =
            runChasm(home.path(), {u"show"_s, u"session"_s, u"nosuchsession"_s, u"--color"_s, u"always"_s});
        QVERIFY2(failed.err.startsWith("\x1b[31mchasm: "), failed.describe().constData());
        const Ran json = runChasm(home.path(), args + QStringList{u"--json"_s, u"--color"_s, u"always"_s});
        QVERIFY(!json.out.contains("\x1b"));
        QVERIFY(!onTerminal(home, args + QStringList{u"--json"_s}, {u"TERM=xterm"_s}, 200).contains("\x1b"));
        QCOMPARE(runChasm(home.path(), args + QStringList{u"--color"_s, u"sometimes"_s}).exitCode, 2);
    }

    void warningsNeverLandInsideALine()
    {
        // 400 sessions make a listing far larger than stdout's buffer, and 60 unreadable ones as many warnings.
        QTemporaryDir home;
        for (int i = 0; i < 460; ++i) {
            const QString id = u"%1-0000-4000-8000-000000000000"_s.arg(i, 8, 10, QChar(u'0'));
            const QByteArray body = i < 400 ? QByteArray("{\"sessionId\": \"" + id.toUtf8() +
                                                         "\", \"title\": \"Session " + QByteArray::number(i) +
                                                         " about a rather long subject to fill the line\", "
                                                         "\"workspaceDirectory\": \"/home/dev/projects/p" +
                                                         QByteArray::number(i) + "\", \"history\": []}")
                                            : QByteArray("{ this is not JSON");
            QVERIFY(chasm::test::writeFile(home.filePath(u".continue/sessions/"_s + id + u".json"_s), body));
        }
        QProcess process;
        process.setProcessChannelMode(QProcess::MergedChannels);
        chasm::test::startChasm(process, home.path(), {u"list"_s, u"sessions"_s});
        QVERIFY(process.waitForFinished(60000));
        const QStringList lines = QString::fromUtf8(process.readAll()).split(u'\n', Qt::SkipEmptyParts);
        int rows = 0;
        int warnings = 0;
        for (const QString& line : lines) {
            if (line.startsWith(u"warning: "_s)) {
                ++warnings;
                QVERIFY2(line.indexOf(u"warning:"_s, 1) < 0, qPrintable(line));
                continue;
            }
            QVERIFY2(!line.contains(u"warning"_s), qPrintable(u"a warning inside a line: "_s + line));
            if (line.startsWith(u"continue:"_s)) {
                QVERIFY2(
                    QRegularExpression(
                        u"^continue:\\S+ +(\\(unreadable\\) )?\\S.* \\d+ +(-|\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d) +\\S"_s)
                        .match(line)
                        .hasMatch(),
                    qPrintable(line));
                ++rows;
            }
        }
        QCOMPARE(rows, 460);
        QCOMPARE(warnings, 60);
    }

    void scanWeb()
    {
        HomePage answering(200);
        HomePage silent(0);
        const quint16 closed = closedPort();
        QTemporaryDir home;
        QProcessEnvironment environment;
        environment.insert(u"CHASM_WEB_SERVICES"_s, u"up=%1,down=http://127.0.0.1:%2/,silent=%3"_s.arg(
                                                        answering.url(), QString::number(closed), silent.url()));
        QElapsedTimer clock;
        clock.start();
        const Ran scanned = runServing(
            home.path(), {u"harvest"_s, u"scan"_s, u"--web"_s, u"--timeout"_s, u"2"_s, u"--json"_s}, environment);
        const qint64 took = clock.elapsed();
        QVERIFY2(scanned.finished && scanned.exitCode == 0, scanned.describe().constData());
        // the silent one is given up after its 2 s (and the second the service allows), not waited for
        QCOMPARE_LE(took, 3000 + 1500);
        const boost::json::value report = boost::json::parse(scanned.out.toStdString());
        const boost::json::array& services = report.at("web").at("services").as_array();
        QCOMPARE(services.size(), 3u);
        QCOMPARE(json::string(services.at(0), "name"), u"up"_s);
        QCOMPARE(services.at(0).at("reachable").as_bool(), true);
        QCOMPARE(services.at(0).at("status").as_int64(), 200);
        QCOMPARE_LT(services.at(0).at("latency_ms").as_int64(), 2000);
        QCOMPARE(services.at(1).at("reachable").as_bool(), false);
        QCOMPARE(json::string(services.at(1), "reason"), u"refused"_s);
        QCOMPARE(services.at(2).at("reachable").as_bool(), false);
        QCOMPARE(json::string(services.at(2), "reason"), u"timeout"_s);
        QCOMPARE_GE(services.at(2).at("latency_ms").as_int64(), 1900);
        // a HEAD of the home page, and nothing else
        QVERIFY2(answering.received().startsWith("HEAD / HTTP/1.1\r\n"), answering.received().constData());
        QCOMPARE(answering.requests(), 1);
        QVERIFY(!answering.received().contains("Cookie"));
        // without --web nothing is probed; the table says the same in words
        QCOMPARE(runServing(home.path(), {u"harvest"_s, u"scan"_s}, environment).exitCode, 0);
        QCOMPARE(answering.requests(), 1);
        const Ran table =
            runServing(home.path(), {u"harvest"_s, u"scan"_s, u"--web"_s, u"--timeout"_s, u"1"_s}, environment);
        QVERIFY2(QRegularExpression(u"^up +http://127\\.0\\.0\\.1:\\d+/ +yes +200 +\\d+ ms$"_s,
                                    QRegularExpression::MultilineOption)
                     .match(QString::fromUtf8(table.out))
                     .hasMatch(),
                 table.describe().constData());
        QVERIFY2(table.out.contains("refused: connection refused"), table.describe().constData());
    }
};

QTEST_GUILESS_MAIN(TestHumanOutput)
#include "TestHumanOutput.moc"
