// A huge VS Code session read as a person reads it, from its file as they move through it (the setting
// ViewInPartsFrom made small, so that a log the test writes is huge to the app): the first screen, scrolling
// on, Ctrl+F for a word of the first and the last request and stepping through its matches, copying what was
// found, the Raw tab, another session and back. The texts shown are compared with the same session loaded
// whole. With CHASM_SCREENSHOT_DIR set the window is saved there as big-session.png.

#include "models/SessionListModel.h"
#include "util/Settings.h"
#include "views/ConversationView.h"
#include "views/MainWindow.h"
#include "views/RawRecordView.h"

#include <QApplication>
#include <QClipboard>
#include <QDir>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QScrollBar>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBrowser>

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

    // Clicks a session in the sessions pane and waits until it is shown whole.
    void open(MainWindow& window, const QString& nativeId)
    {
        QSignalSpy shown(&window, &MainWindow::sessionShown);
        QTableView* sessions = window.sessionView();
        const QModelIndex cell = rowOf(window, nativeId);
        QVERIFY2(cell.isValid(), qPrintable(nativeId));
        sessions->scrollTo(cell);
        QTest::mouseClick(sessions->viewport(), Qt::LeftButton, {}, sessions->visualRect(cell).center());
        QTRY_VERIFY_WITH_TIMEOUT(!shown.isEmpty() && shown.constLast().at(0).toString().endsWith(nativeId), 30000);
    }

    std::unique_ptr<Settings> settings(qint64 inPartsFrom) const
    {
        auto settings = std::make_unique<Settings>(m_home.filePath(u"chasm-%1.conf"_s.arg(inPartsFrom)));
        settings->setValue(Settings::Key::DatabasePath, m_home.filePath(u"chasm.db"_s));
        settings->setValue(Settings::Key::ViewInPartsFrom, inPartsFrom);
        return settings;
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
        QList<Message> expected;
        {
            const auto whole = settings(qint64(1) << 40);
            MainWindow window(Environment::fromVariables({{u"HOME"_s, m_home.path()}}, Platform::Linux), whole.get());
            QSignalSpy loaded(&window, &MainWindow::catalogLoaded);
            window.show();
            QTRY_COMPARE_WITH_TIMEOUT(loaded.count(), 1, 30000);
            open(window, bigId);
            expected = allMessages(window.conversationView());
        }
        // 120 requests, each a prompt and an answer, every fifth one its instructions too.
        QCOMPARE(expected.size(), requestCount * 2 + requestCount / 5);
        QCOMPARE(expected.at(5).content, u"Answer 2, rewritten."_s);
        QCOMPARE(expected.at(6).role, Role::System);

        const auto inParts = settings(1024);
        MainWindow window(Environment::fromVariables({{u"HOME"_s, m_home.path()}}, Platform::Linux), inParts.get());
        window.resize(1200, 800);
        QSignalSpy loaded(&window, &MainWindow::catalogLoaded);
        window.show();
        QVERIFY(QTest::qWaitForWindowActive(&window));
        QTRY_COMPARE_WITH_TIMEOUT(loaded.count(), 1, 30000);
        ConversationView* view = window.conversationView();
        QTextBrowser* text = view->textView();

        open(window, bigId);
        // The first screen: the title, the count and the first turns.
        QTRY_VERIFY(text->toPlainText().contains(u"Clockwork"_s));
        QVERIFY(text->toPlainText().contains(prompt(0)));
        QVERIFY(text->toPlainText().contains(u"240 message"_s));
        QVERIFY(!text->toPlainText().contains(u"Question %1:"_s.arg(requestCount - 1)));
        QCOMPARE(view->messages()->count(), expected.size());
        for (int i = 0; i < expected.size(); ++i) {
            const Message shown = view->messages()->message(i);
            QCOMPARE(shown.content, expected.at(i).content);
            QCOMPARE(shown.role, expected.at(i).role);
            QCOMPARE(shown.nativeIndex, expected.at(i).nativeIndex);
        }

        // Scrolling on: more turns come in as the end of what is shown is reached.
        QScrollBar* bar = text->verticalScrollBar();
        for (int step = 0; step < 6; ++step) {
            bar->setValue(bar->maximum());
            QCoreApplication::processEvents();
        }
        QVERIFY(text->toPlainText().contains(u"Question 30:"_s));

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
        QTest::keyClick(field, Qt::Key_F3);
        const int lastPrompt = int(expected.size()) - 2;
        QCOMPARE(view->currentMatch(), 2);
        QCOMPARE(view->currentMessage(), lastPrompt);
        QVERIFY(text->toPlainText().contains(prompt(requestCount - 1)));
        QTest::keyClick(field, Qt::Key_F3);
        QCOMPARE(view->currentMatch(), 3);
        QCOMPARE(view->currentMessage(), lastPrompt + 1);
        QVERIFY(text->toPlainText().contains(u"Ask the zebrafish again."_s));
        QVERIFY(!text->toPlainText().contains(prompt(0)));
        // What was found copies as it reads.
        text->setFocus();
        QTest::keyClick(text, Qt::Key_C, Qt::ControlModifier);
        QCOMPARE(QApplication::clipboard()->text(), u"zebrafish"_s);

        // The Raw tab: that turn's request as the log holds it, read from the file.
        window.viewTabs()->setCurrentWidget(window.rawRecordView());
        QTRY_VERIFY_WITH_TIMEOUT(window.rawView()->toPlainText().contains(u"Ask the zebrafish again."_s), 30000);
        QVERIFY(window.rawView()->toPlainText().contains(u"\"request_%1\""_s.arg(requestCount - 1)));
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
    }
};

QTEST_MAIN(BigSessionTest)
#include "TestBigSession.moc"
