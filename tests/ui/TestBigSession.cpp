// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

// A huge VS Code session read as a person reads it, from its file as they move through it (the setting
// ViewInPartsFrom made small, so that a log the test writes is huge to the app): the first screen, scrolling
// on, Ctrl+F for a word of the first and the last request and stepping through its matches, copying what was
// found, the Raw tab, another session and back, a reload. The texts shown are compared with the same session
// loaded whole. Then a person who clicks a huge session and, before it is read, goes back, reloads or opens a
// search hit: the read they left stops. With CHASM_SCREENSHOT_DIR set the window is saved there as
// big-session.png.

#include "FixtureHome.h"
#include "models/SessionListModel.h"
#include "util/Settings.h"
#include "views/ConversationView.h"
#include "views/MainWindow.h"
#include "views/RawRecordView.h"

#include <QApplication>
#include <QClipboard>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QScrollBar>
#include <QSemaphore>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBrowser>
#include <QThreadPool>
#include <QTimer>

using namespace Qt::StringLiterals;
using namespace chasm;

namespace {

const QString workspaceHash = u"5d41402abc4b2a76b9719d911017c592"_s;
const QString bigId = u"0b1e55ed-0000-4000-8000-000000000001"_s;
const QString smallId = u"0b1e55ed-0000-4000-8000-000000000002"_s;
constexpr int requestCount = 120;

QByteArray line(const QString& json)
{
    return json.toUtf8() + '\n';
}

QString prompt(int r)
{
    return u"Question %1: how do the gears of clock %1 turn?"_s.arg(r) +
           (r == 0 || r == requestCount - 1 ? u" The zebrafish knows."_s : QString());
}

QString answer(int r)
{
    return u"Answer %1: the gears of clock %1 turn slowly. "_s.arg(r) + QString(u"Tick tock. "_s).repeated(40) +
           (r == requestCount - 1 ? u"Ask the zebrafish again."_s : QString());
}

// A chatSessions log as VS Code writes one: the initial state, then each request pushed with its response
// streamed in two pushes; every fifth request brings an instructions file (a third message), and a late record
// rewrites an early request's response.
bool writeLog(const QString& path, int requests)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        return false;
    }
    file.write(line(u"{\"kind\":0,\"v\":{\"version\":3,\"creationDate\":1767225600000,\"sessionId\":\"%1\","
                    "\"customTitle\":\"Clockwork\",\"requests\":[]}}"_s.arg(bigId)));
    for (int r = 0; r < requests; ++r) {
        const QString variables = r % 5 == 3 ? u"[{\"kind\":\"promptFile\",\"id\":\"p%1\",\"name\":\"rules\","
                                               "\"value\":\"file:///home/me/rules-%1.md\"}]"_s.arg(r)
                                             : u"[]"_s;
        file.write(line(u"{\"kind\":2,\"k\":[\"requests\"],\"v\":[{\"requestId\":\"request_%1\",\"timestamp\":%2,"
                        "\"modelId\":\"copilot/gpt-4.1\",\"message\":{\"text\":\"%3\",\"parts\":[]},"
                        "\"variableData\":{\"variables\":%4},\"response\":[]}]}"_s.arg(r)
                            .arg(1767225600000 + qint64(r) * 60000)
                            .arg(prompt(r), variables)));
        const QString text = answer(r);
        const qsizetype half = text.size() / 2;
        for (const QString& part : {text.left(half), text.mid(half)}) {
            file.write(line(
                u"{\"kind\":2,\"k\":[\"requests\",%1,\"response\"],\"v\":[{\"value\":\"%2\"}]}"_s.arg(r).arg(part)));
        }
    }
    file.write(
        line(u"{\"kind\":1,\"k\":[\"requests\",2,\"response\"],\"v\":[{\"value\":\"Answer 2, rewritten.\"}]}"_s));
    return true;
}

// Keeps every thread of a pool busy until released, so that only the GUI thread could read what a view shows (which
// it must not).
class BusyPool
{
public:
    explicit BusyPool(QThreadPool* pool)
        : m_threads(pool->maxThreadCount())
    {
        for (int i = 0; i < m_threads; ++i) {
            pool->start([this] {
                m_busy.release();
                m_free.acquire();
            });
        }
        m_busy.acquire(m_threads);
    }
    ~BusyPool() { release(); }
    Q_DISABLE_COPY_MOVE(BusyPool)

    void release()
    {
        m_free.release(m_threads);
        m_threads = 0;
    }

private:
    int m_threads;
    QSemaphore m_busy;
    QSemaphore m_free;
};

const QString transcriptId = u"0b1e55ed-0000-4000-8000-0000000000c1"_s;

// A Claude Code transcript as Claude Code writes one: each turn a question (every fifth with a reminder Claude Code
// injects, a message of its own), an answer written as a text record and a tool_use record of the same API message,
// the tool's result (in the message and in toolUseResult), and a closing answer; its summary last.
bool writeTranscript(const QString& path, int turns)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        return false;
    }
    QString parent = u"null"_s;
    int records = 0;
    const auto record = [&](const QString& fields) {
        const QString uuid = u"a1b2c3d4-0000-4000-8000-%1"_s.arg(++records, 12, 10, QChar(u'0'));
        file.write(
            line(u"{\"parentUuid\":%1,\"isSidechain\":false,\"userType\":\"external\",\"cwd\":\"/home/me/clocks\","
                 "\"sessionId\":\"%2\",\"version\":\"2.1.197\",\"gitBranch\":\"main\",%3,\"uuid\":\"%4\","
                 "\"timestamp\":\"2026-01-01T10:%5:%6.000Z\"}"_s.arg(parent, transcriptId, fields, uuid)
                     .arg(records / 60 % 60, 2, 10, QChar(u'0'))
                     .arg(records % 60, 2, 10, QChar(u'0'))));
        parent = u'"' + uuid + u'"';
    };
    for (int t = 0; t < turns; ++t) {
        const QString question = u"{\"type\":\"text\",\"text\":\"%1\"}"_s.arg(prompt(t));
        record(u"\"type\":\"user\",\"message\":{\"role\":\"user\",\"content\":[%1]}"_s.arg(
            t % 5 == 3
                ? u"{\"type\":\"text\",\"text\":\"<system-reminder>Clock %1 is fragile.</system-reminder>\"},"_s.arg(
                      t) +
                      question
                : question));
        const QString assistant =
            u"\"type\":\"assistant\",\"requestId\":\"req_%1\",\"message\":{\"id\":\"msg_%2\",\"type\":\"message\","
            "\"role\":\"assistant\",\"model\":\"claude-sonnet-4-5\",\"content\":[%3],\"stop_reason\":null,"
            "\"usage\":{\"input_tokens\":12,\"output_tokens\":30}}"_s;
        record(assistant.arg(t).arg(t).arg(u"{\"type\":\"text\",\"text\":\"%1\"}"_s.arg(answer(t))));
        record(assistant.arg(t).arg(t).arg(
            u"{\"type\":\"tool_use\",\"id\":\"toolu_%1\",\"name\":\"Read\",\"input\":{\"file_path\":\"/home/me/clocks/"
            "clock%1.c\"}}"_s.arg(t)));
        record(u"\"type\":\"user\",\"message\":{\"role\":\"user\",\"content\":[{\"tool_use_id\":\"toolu_%1\","
               "\"type\":\"tool_result\",\"content\":\"int gears = %1;\"}]},\"toolUseResult\":{\"type\":\"text\","
               "\"file\":{\"filePath\":\"/home/me/clocks/clock%1.c\",\"content\":\"int gears = %1;\"}}"_s.arg(t));
        record(u"\"type\":\"assistant\",\"requestId\":\"req_%1b\",\"message\":{\"id\":\"msg_%1b\",\"type\":"
               "\"message\",\"role\":\"assistant\",\"model\":\"claude-sonnet-4-5\",\"content\":[{\"type\":\"text\","
               "\"text\":\"Clock %1 has %1 gears.\"}],\"stop_reason\":\"end_turn\",\"usage\":{\"input_tokens\":40,"
               "\"output_tokens\":8}}"_s.arg(t));
    }
    file.write(line(u"{\"type\":\"summary\",\"summary\":\"Clockwork transcript\",\"leafUuid\":%1}"_s.arg(parent)));
    return true;
}

} // namespace

class BigSessionTest final : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_home;
    QString m_chatSessions;

    QModelIndex rowOf(const MainWindow& window, const QString& nativeId) const
    {
        const SessionListModel* model = window.sessionModel();
        for (int row = 0; row < model->rowCount(); ++row) {
            if (model->session(row).nativeId == nativeId) {
                const auto* proxy = static_cast<const QSortFilterProxyModel*>(window.sessionView()->model());
                return proxy->mapFromSource(model->index(row, SessionListModel::TitleColumn));
            }
        }
        return {};
    }

    // Clicks a session in the sessions pane.
    void click(MainWindow& window, const QString& nativeId)
    {
        QTableView* sessions = window.sessionView();
        const QModelIndex cell = rowOf(window, nativeId);
        QVERIFY2(cell.isValid(), qPrintable(nativeId));
        sessions->scrollTo(cell);
        QTest::mouseClick(sessions->viewport(), Qt::LeftButton, {}, sessions->visualRect(cell).center());
    }

    // Clicks a session in the sessions pane and waits until it is shown whole.
    void open(MainWindow& window, const QString& nativeId)
    {
        QSignalSpy shown(&window, &MainWindow::sessionShown);
        click(window, nativeId);
        QTRY_VERIFY_WITH_TIMEOUT(!shown.isEmpty() && shown.constLast().at(0).toString().endsWith(nativeId), 30000);
    }

    std::unique_ptr<Settings> settings(qint64 inPartsFrom) const
    {
        auto settings = std::make_unique<Settings>(m_home.filePath(u"chasm-%1.conf"_s.arg(inPartsFrom)));
        settings->setValue(Settings::Key::DatabasePath, m_home.filePath(u"chasm.db"_s));
        settings->setValue(Settings::Key::ViewInPartsFrom, inPartsFrom);
        return settings;
    }

    // Shows the window and waits until it lists the sessions.
    static void showListed(MainWindow& window)
    {
        window.resize(1200, 800);
        QSignalSpy loaded(&window, &MainWindow::catalogLoaded);
        window.show();
        QVERIFY(QTest::qWaitForWindowActive(&window));
        QTRY_COMPARE_WITH_TIMEOUT(loaded.count(), 1, 30000);
    }

    // Every message of a session as the app reads it when it loads it whole.
    QList<Message> loadedWhole(const QString& nativeId)
    {
        const auto whole = settings(qint64(1) << 40);
        MainWindow window(Environment::fromVariables({{u"HOME"_s, m_home.path()}}, Platform::Linux), whole.get());
        showListed(window);
        open(window, nativeId);
        return allMessages(window.conversationView());
    }

    // Every message of the session shown, from first to last, as the viewer has them.
    static QList<Message> allMessages(const ConversationView* view)
    {
        auto all = view->messages()->messages(0, view->messages()->count());
        return all ? *all : QList<Message>();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_home.isValid());
        const QString workspace = m_home.filePath(u".config/Code/User/workspaceStorage/"_s + workspaceHash);
        m_chatSessions = workspace + u"/chatSessions"_s;
        QVERIFY(QDir().mkpath(m_chatSessions));
        QFile folder(workspace + u"/workspace.json"_s);
        QVERIFY(folder.open(QIODevice::WriteOnly));
        folder.write(line(u"{\"folder\":\"file:///home/me/clocks\"}"_s));
        folder.close();
        QVERIFY(writeLog(m_chatSessions + u'/' + bigId + u".jsonl"_s, requestCount));
        QFile small(m_chatSessions + u'/' + smallId + u".jsonl"_s);
        QVERIFY(small.open(QIODevice::WriteOnly));
        small.write(
            line(u"{\"kind\":0,\"v\":{\"version\":3,\"creationDate\":1767225600000,\"sessionId\":\"%1\","
                 "\"customTitle\":\"Tiny\",\"requests\":[{\"requestId\":\"r\",\"timestamp\":1767225600000,"
                 "\"message\":{\"text\":\"Just one question\"},\"response\":[{\"value\":\"One answer\"}]}]}}"_s.arg(
                     smallId)));
    }

    void readsAHugeSessionFromItsFile()
    {
        // The same session loaded whole: what every message should read.
        const QList<Message> expected = loadedWhole(bigId);
        // 120 requests, each a prompt and an answer, every fifth one its instructions too.
        QCOMPARE(expected.size(), requestCount * 2 + requestCount / 5);
        QCOMPARE(expected.at(5).content, u"Answer 2, rewritten."_s);
        QCOMPARE(expected.at(6).role, Role::System);

        const auto inParts = settings(1024);
        MainWindow window(Environment::fromVariables({{u"HOME"_s, m_home.path()}}, Platform::Linux), inParts.get());
        showListed(window);
        if (QTest::currentTestFailed()) {
            return;
        }
        ConversationView* view = window.conversationView();
        QTextBrowser* text = view->textView();

        open(window, bigId);
        // The first screen: the title, the count and the first turns.
        QTRY_VERIFY(text->toPlainText().contains(u"Clockwork"_s));
        QVERIFY(text->toPlainText().contains(prompt(0)));
        QVERIFY(text->toPlainText().contains(u"240 message"_s));
        QVERIFY(!text->toPlainText().contains(u"Question %1:"_s.arg(requestCount - 1)));
        QCOMPARE(view->messages()->count(), expected.size());

        // Scrolling on: more turns come in as the end of what is shown is reached, read from the file on a worker
        // (a turn not read yet is not shown as if it were).
        QScrollBar* bar = text->verticalScrollBar();
        QTRY_VERIFY_WITH_TIMEOUT(
            [&] {
                bar->setValue(bar->maximum());
                return text->toPlainText().contains(u"Question 30:"_s);
            }(),
            30000);
        QVERIFY(!text->toPlainText().contains(u"Reading message"_s));

        // Ctrl+F for a word of the first and the last request: every match in the session is counted, and F3
        // goes on to the far ones.
        bar->setValue(0);
        QSignalSpy found(view, &ConversationView::findFinished);
        QTest::keyClick(text, Qt::Key_F, Qt::ControlModifier);
        auto* field = view->findChild<QLineEdit*>();
        QTRY_VERIFY(field->hasFocus());
        QTest::keyClicks(field, u"zebrafish"_s);
        QTRY_VERIFY_WITH_TIMEOUT(!found.isEmpty() && found.constLast().at(0).toInt() == 3, 30000);
        QCOMPARE(view->currentMatch(), 1);
        QCOMPARE(view->currentMessage(), 0);
        QCOMPARE(text->textCursor().selectedText().toLower(), u"zebrafish"_s);
        // The last request was not read yet: its turns stand as placeholders until a worker has read them (the
        // workers kept busy meanwhile, so that only the GUI thread could read them, which it must not), then the
        // match is selected in them.
        QThreadPool* pool = QThreadPool::globalInstance();
        BusyPool busy(pool);
        QTest::keyClick(field, Qt::Key_F3);
        const int lastPrompt = int(expected.size()) - 2;
        QCOMPARE(view->currentMatch(), 2);
        QCOMPARE(view->currentMessage(), lastPrompt);
        QVERIFY(text->toPlainText().contains(u"Reading message %1…"_s.arg(lastPrompt + 1)));
        QVERIFY(!text->toPlainText().contains(prompt(requestCount - 1)));
        busy.release();
        QTRY_COMPARE_WITH_TIMEOUT(text->textCursor().selectedText().toLower(), u"zebrafish"_s, 30000);
        QCOMPARE(view->currentMessage(), lastPrompt);
        QVERIFY(text->toPlainText().contains(prompt(requestCount - 1)));
        QVERIFY(!text->toPlainText().contains(u"Reading message"_s));
        QTest::keyClick(field, Qt::Key_F3);
        QCOMPARE(view->currentMatch(), 3);
        QCOMPARE(view->currentMessage(), lastPrompt + 1);
        QVERIFY(text->toPlainText().contains(u"Ask the zebrafish again."_s));
        QVERIFY(!text->toPlainText().contains(prompt(0)));
        // What was found copies as it reads.
        text->setFocus();
        QTest::keyClick(text, Qt::Key_C, Qt::ControlModifier);
        QCOMPARE(QApplication::clipboard()->text(), u"zebrafish"_s);

        // The Raw tab: that turn's request as the log holds it, read from the file: its lines only, found by the index
        // the session was opened with (a new index would read the whole log again).
        QVERIFY(pool->waitForDone(30000));
        const qint64 readBefore = test::bytesRead();
        window.viewTabs()->setCurrentWidget(window.rawRecordView());
        QTRY_VERIFY_WITH_TIMEOUT(window.rawView()->toPlainText().contains(u"Ask the zebrafish again."_s), 30000);
        QVERIFY(window.rawView()->toPlainText().contains(u"\"request_%1\""_s.arg(requestCount - 1)));
        const qint64 logSize = QFileInfo(m_chatSessions + u'/' + bigId + u".jsonl"_s).size();
        QVERIFY2(
            test::bytesRead() - readBefore < logSize / 2,
            qPrintable(
                u"%1 bytes read for the record, the log has %2"_s.arg(test::bytesRead() - readBefore).arg(logSize)));
        window.viewTabs()->setCurrentWidget(view);

        if (const QString folder = qEnvironmentVariable("CHASM_SCREENSHOT_DIR"); !folder.isEmpty()) {
            QVERIFY(window.grab().save(folder + u"/big-session.png"_s));
        }

        // Another session, then the huge one again: it opens at its start as before.
        open(window, smallId);
        QTRY_VERIFY(text->toPlainText().contains(u"Just one question"_s));
        open(window, bigId);
        QTRY_VERIFY(text->toPlainText().contains(prompt(0)));
        QCOMPARE(view->messages()->message(lastPrompt + 1).content, expected.constLast().content);

        // Reload (F5): the session stays in view where it was, its turns as before.
        QSignalSpy reloaded(&window, &MainWindow::catalogLoaded);
        QTest::keyClick(&window, Qt::Key_F5);
        QTRY_COMPARE_WITH_TIMEOUT(reloaded.count(), 1, 30000);
        QCOMPARE(window.currentSessionId(), u"copilot:"_s + bigId);
        QTRY_VERIFY(text->toPlainText().contains(prompt(0)));
        QTRY_VERIFY(!text->toPlainText().contains(u"Reading message"_s));

        // Every message the viewer reads from the file is the whole load's.
        const QList<Message> shown = allMessages(view);
        QCOMPARE(shown.size(), expected.size());
        for (int i = 0; i < expected.size(); ++i) {
            QCOMPARE(shown.at(i).content, expected.at(i).content);
            QCOMPARE(shown.at(i).role, expected.at(i).role);
            QCOMPARE(shown.at(i).nativeIndex, expected.at(i).nativeIndex);
        }
    }

    // The same path through a huge Claude Code transcript, which is read in blocks from the record that made each
    // block's first message: the first screen, Ctrl+F for a word of the first and the last question and F3 to the
    // far matches (read from the file on a worker), another session and back, and every message as the whole load
    // reads it.
    void readsAHugeTranscriptFromItsFile()
    {
        const QString project = m_home.filePath(u".claude/projects/-home-me-clocks"_s);
        QVERIFY(QDir().mkpath(project));
        QVERIFY(writeTranscript(project + u'/' + transcriptId + u".jsonl"_s, requestCount));
        const QList<Message> expected = loadedWhole(transcriptId);
        // A question, the answer with its call and the closing answer each turn, every fifth turn a reminder too.
        QCOMPARE(expected.size(), requestCount * 3 + requestCount / 5);
        QCOMPARE(expected.at(1).toolCalls.constFirst().output, u"int gears = 0;"_s);
        QCOMPARE(expected.at(9).role, Role::System);

        const auto inParts = settings(1024);
        MainWindow window(Environment::fromVariables({{u"HOME"_s, m_home.path()}}, Platform::Linux), inParts.get());
        showListed(window);
        if (QTest::currentTestFailed()) {
            return;
        }
        ConversationView* view = window.conversationView();
        QTextBrowser* text = view->textView();

        open(window, transcriptId);
        QTRY_VERIFY(text->toPlainText().contains(u"Clockwork transcript"_s));
        QVERIFY(text->toPlainText().contains(prompt(0)));
        QVERIFY(!text->toPlainText().contains(prompt(requestCount - 1)));
        QCOMPARE(view->messages()->count(), expected.size());

        QSignalSpy found(view, &ConversationView::findFinished);
        QTest::keyClick(text, Qt::Key_F, Qt::ControlModifier);
        auto* field = view->findChild<QLineEdit*>();
        QTRY_VERIFY(field->hasFocus());
        QTest::keyClicks(field, u"zebrafish"_s);
        QTRY_VERIFY_WITH_TIMEOUT(!found.isEmpty() && found.constLast().at(0).toInt() == 3, 30000);
        QCOMPARE(view->currentMessage(), 0);
        // The last question was not read: a placeholder stands for it until a worker has (the workers kept busy
        // meanwhile), then its match is selected.
        QThreadPool* pool = QThreadPool::globalInstance();
        BusyPool busy(pool);
        QTest::keyClick(field, Qt::Key_F3);
        const int lastPrompt = int(expected.size()) - 3;
        QCOMPARE(view->currentMatch(), 2);
        QCOMPARE(view->currentMessage(), lastPrompt);
        QVERIFY(text->toPlainText().contains(u"Reading message %1…"_s.arg(lastPrompt + 1)));
        busy.release();
        QTRY_COMPARE_WITH_TIMEOUT(text->textCursor().selectedText().toLower(), u"zebrafish"_s, 30000);
        QVERIFY(text->toPlainText().contains(prompt(requestCount - 1)));
        QTest::keyClick(field, Qt::Key_F3);
        QCOMPARE(view->currentMatch(), 3);
        QCOMPARE(view->currentMessage(), lastPrompt + 1);
        QTRY_VERIFY(text->toPlainText().contains(u"Ask the zebrafish again."_s));
        QVERIFY(!text->toPlainText().contains(u"Reading message"_s));
        if (const QString folder = qEnvironmentVariable("CHASM_SCREENSHOT_DIR"); !folder.isEmpty()) {
            QVERIFY(window.grab().save(folder + u"/big-transcript.png"_s));
        }

        // Another session, then the transcript again: it opens at its start as before.
        open(window, smallId);
        QTRY_VERIFY(text->toPlainText().contains(u"Just one question"_s));
        open(window, transcriptId);
        QTRY_VERIFY(text->toPlainText().contains(prompt(0)));

        const QList<Message> shown = allMessages(view);
        QCOMPARE(shown.size(), expected.size());
        for (int i = 0; i < expected.size(); ++i) {
            QCOMPARE(shown.at(i).content, expected.at(i).content);
            QCOMPARE(shown.at(i).role, expected.at(i).role);
            QCOMPARE(shown.at(i).toolCalls.size(), expected.at(i).toolCalls.size());
            for (int c = 0; c < expected.at(i).toolCalls.size(); ++c) {
                QCOMPARE(shown.at(i).toolCalls.at(c).output, expected.at(i).toolCalls.at(c).output);
            }
        }
        QVERIFY(pool->waitForDone(30000));
    }

    // A person clicks a huge session and, before it is read (a log of tens of megabytes takes a while), goes back
    // to the one shown, reloads, or opens a search hit: the read they left stops at once, instead of going through
    // the whole log on the thread pool. What the process read from files (Linux's /proc/self/io) is compared with
    // the same open left to finish: a measure of the work done, which the machine's speed and load do not change
    // as they change a time.
    void aReadNoLongerWantedStops()
    {
        QTemporaryDir home;
        QVERIFY(home.isValid());
        const QString workspace = home.filePath(u".config/Code/User/workspaceStorage/"_s + workspaceHash);
        QVERIFY(QDir().mkpath(workspace + u"/chatSessions"_s));
        const QString log = workspace + u"/chatSessions/"_s + bigId + u".jsonl"_s;
        QVERIFY(writeLog(log, 40000));
        QFile small(workspace + u"/chatSessions/"_s + smallId + u".jsonl"_s);
        QVERIFY(small.open(QIODevice::WriteOnly));
        small.write(line(u"{\"kind\":0,\"v\":{\"version\":3,\"sessionId\":\"%1\",\"customTitle\":\"Tiny\","
                         "\"requests\":[]}}"_s.arg(smallId)));
        small.close();
        Settings settings(home.filePath(u"chasm.conf"_s));
        settings.setValue(Settings::Key::DatabasePath, home.filePath(u"chasm.db"_s));
        settings.setValue(Settings::Key::ViewInPartsFrom, 1024);
        MainWindow window(Environment::fromVariables({{u"HOME"_s, home.path()}}, Platform::Linux), &settings);
        QSignalSpy loaded(&window, &MainWindow::catalogLoaded);
        window.show();
        QTRY_COMPARE_WITH_TIMEOUT(loaded.count(), 1, 60000);
        QThreadPool* pool = QThreadPool::globalInstance();
        open(window, smallId);
        QVERIFY(pool->waitForDone(60000));

        // What the huge session's read takes when it is left to finish: at least the whole log.
        qint64 before = test::bytesRead();
        open(window, bigId);
        QVERIFY(pool->waitForDone(60000));
        const qint64 whole = test::bytesRead() - before;
        QVERIFY2(whole >= QFileInfo(log).size(), qPrintable(QString::number(whole)));
        open(window, smallId);
        QVERIFY(pool->waitForDone(60000));

        // How each leaves, the session shown once things settle, and how many whole reads of the huge session that
        // takes: back to the one shown before (none), the huge one read anew (a reload keeps it selected: one), none
        // (the hit is not in the harvest database, and says so).
        const QList<std::tuple<const char*, std::function<void()>, QString, int>> leaving{
            {"back to the session shown", [&] { click(window, smallId); }, smallId, 0},
            {"reload", [&] { window.reload(); }, bigId, 1},
            {"a search hit", [&] { window.openHarvested(u"copilot:"_s + smallId, 0, {}); }, QString(), 0},
        };
        ConversationView* view = window.conversationView();
        const auto inView = [view] { return view->session() ? view->session()->id : QString(); };
        for (const auto& [what, leave, shownAfter, wholeReads] : leaving) {
            // The person leaves as soon as the huge session's beginning shows, while the rest is read.
            bool left = false;
            const QMetaObject::Connection onShown =
                connect(view->textView(), &QTextBrowser::textChanged, this, [&, leave = leave] {
                    if (!left && inView() == u"copilot:"_s + bigId) {
                        left = true;
                        QTimer::singleShot(0, this, leave);
                    }
                });
            before = test::bytesRead();
            click(window, bigId);
            QTRY_VERIFY_WITH_TIMEOUT(left, 60000);
            disconnect(onShown);
            // Nothing of the read left comes late: the view shows what the person went to.
            const QString shown = shownAfter.isEmpty() ? QString() : u"copilot:"_s + shownAfter;
            QTRY_COMPARE_WITH_TIMEOUT(window.currentSessionId(), shown, 60000);
            QTRY_COMPARE_WITH_TIMEOUT(inView(), shown, 60000);
            QVERIFY(pool->waitForDone(60000));
            QTest::qWait(100);
            QCOMPARE(inView(), shown);
            QCOMPARE(window.currentSessionId(), shown);
            // Of the read left, less than half of the log was read.
            QVERIFY(pool->waitForDone(60000));
            const qint64 read = test::bytesRead() - before;
            QVERIFY2(read < wholeReads * whole + whole / 2,
                     qPrintable(
                         u"%1: %2 bytes read, %3 by a whole read"_s.arg(QLatin1StringView(what)).arg(read).arg(whole)));
            if (shownAfter != smallId) {
                open(window, smallId);
                QVERIFY(pool->waitForDone(60000));
            }
        }
    }
};

QTEST_MAIN(BigSessionTest)
#include "TestBigSession.moc"
