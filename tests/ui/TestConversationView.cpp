// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#include "views/ConversationView.h"

#include <QScrollBar>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>
#include <QTextBlock>
#include <QTextBrowser>
#include <QTimeZone>

using namespace Qt::StringLiterals;
using namespace chasm;

namespace {

// A long agent session: twenty thousand turns, a tool call in every tenth, one rare word in three.
std::shared_ptr<const Session> longSession()
{
    auto session = std::make_shared<Session>();
    session->id = u"claude-code:long"_s;
    session->title = u"A very long session"_s;
    const QDateTime start(QDate(2026, 5, 1), QTime(9, 0), QTimeZone::utc());
    for (int i = 0; i < 20000; ++i) {
        Message m;
        m.role = i % 2 ? Role::Assistant : Role::User;
        m.timestamp = start.addSecs(i * 30);
        m.content = u"Turn %1: we look at the parser again.\n\n```cpp\nint turn = %1;\n```"_s.arg(i);
        if (i == 7 || i == 12345 || i == 19998) {
            m.content += u"\n\nThe zanzibar flag is set here."_s;
        }
        if (i % 10 == 1) {
            m.toolCalls.append({u"call%1"_s.arg(i), u"read_file"_s, u"{\"path\": \"src/parser.cpp\"}"_s,
                                u"line %1 of the parser"_s.arg(i), u"completed"_s});
        }
        session->messages.append(m);
    }
    return session;
}

// Finds the text and waits for the count from the worker thread; -1 when none came.
int findAll(ConversationView& view, const QString& text)
{
    QSignalSpy found(&view, &ConversationView::findFinished);
    view.find(text);
    if (found.isEmpty() && !found.wait(30000)) {
        return -1;
    }
    return found.constLast().at(0).toInt();
}

} // namespace

class TestConversationView : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void showsAWindowOfALongSession()
    {
        ConversationView view;
        view.resize(900, 700);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        view.showSession(SessionMessages::whole(*longSession()));
        const QString text = view.toPlainText();
        QVERIFY(text.startsWith(u"A very long session"_s));
        QVERIFY(text.contains(u"Turn 0: we look at the parser again."_s));
        // Only the first messages are in the document, not twenty thousand.
        QVERIFY(!text.contains(u"Turn 500:"_s));
        QVERIFY(view.textView()->document()->blockCount() < 1000);

        // Scrolling to the end of the window brings the next messages in.
        QScrollBar* bar = view.textView()->verticalScrollBar();
        const QString before = view.toPlainText();
        bar->setValue(bar->maximum());
        QTRY_VERIFY(view.toPlainText().size() > before.size());

        // A jump far into the session shows that message (and a few before it), highlighted.
        QSignalSpy selected(&view, &ConversationView::messageSelected);
        view.showMessage(15000, {u"parser"_s});
        QCOMPARE(view.currentMessage(), 15000);
        QCOMPARE(selected.count(), 1);
        QVERIFY(view.toPlainText().contains(u"Turn 15000: we look at the parser again."_s));
        QVERIFY(!view.toPlainText().contains(u"Turn 0:"_s));
        const auto marks = view.textView()->extraSelections();
        QVERIFY(!marks.isEmpty());
        QCOMPARE(marks.first().cursor.selectedText(), u"parser"_s);

        // Scrolling up from there brings the earlier messages back, with the view kept in place.
        bar->setValue(0);
        QTRY_VERIFY(view.toPlainText().contains(u"Turn 14990:"_s));
        QVERIFY(bar->value() > 0);
    }

    // The beginning of a session that is still being read, then the whole: the reader stays where they
    // were, and the header stops saying the rest is coming.
    void beginningThenWholeKeepsThePlace()
    {
        ConversationView view;
        view.resize(900, 700);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        const auto whole = longSession();
        auto beginning = std::make_shared<Session>(*whole);
        beginning->messages.resize(300);
        view.showSession(SessionMessages::whole(*beginning), ConversationView::Completeness::Beginning);
        QVERIFY(view.toPlainText().contains(u"the first 300 message"_s));
        view.showMessage(10);
        const auto topText = [&view] { return view.textView()->cursorForPosition(QPoint(4, 4)).block().text(); };
        const QString top = topText();
        QCOMPARE(findAll(view, u"zanzibar"_s), 1);
        view.showMessage(10);

        // The messages in view did not change: the same document, the header updated, find counts all.
        const QTextDocument* document = view.textView()->document();
        view.showSession(SessionMessages::whole(*whole));
        QCOMPARE(view.textView()->document(), document);
        QCOMPARE(view.currentMessage(), 10);
        QCOMPARE(topText(), top);
        // Shown again unchanged: nothing moves, nothing is added.
        const int blocks = document->blockCount();
        view.showSession(SessionMessages::whole(*whole));
        QCOMPARE(document->blockCount(), blocks);
        QCOMPARE(topText(), top);
        QTRY_COMPARE(view.matchCount(), 3); // counted again on a worker thread
        QVERIFY(!view.toPlainText().contains(u"the rest still being read"_s));
        QVERIFY(view.toPlainText().contains(u"20000 message"_s));

        // A message in view changed on disk: rebuilt, at the same message.
        auto edited = std::make_shared<Session>(*whole);
        edited->messages[11].content = u"Turn 11, rewritten by the assistant."_s;
        view.showSession(SessionMessages::whole(*edited));
        QVERIFY(view.toPlainText().contains(u"Turn 11, rewritten by the assistant."_s));
        QVERIFY(topText().startsWith(top.left(8)));
    }

    // Titles, paths, models and tool names are plain text, whatever Markdown characters they hold.
    void plainTextStaysPlain()
    {
        auto session = std::make_shared<Session>();
        session->id = u"copilot:plain"_s;
        session->title = u"Why does `npm test` fail *again* in #42?"_s;
        session->projectPath = u"/home/me/[work]/my_project"_s;
        session->model = u"gpt-5 (preview)"_s;
        Message m;
        m.role = Role::Assistant;
        m.content = u"Some **bold** text."_s;
        m.toolCalls.append({u"c1"_s, u"__init__"_s, {}, {}, u"completed"_s});
        m.error = u"exit code 1: `make` failed"_s;
        session->messages.append(m);
        ConversationView view;
        view.showSession(SessionMessages::whole(*session));
        const QString text = view.toPlainText();
        QVERIFY2(text.startsWith(u"Why does `npm test` fail *again* in #42?\n"_s), qPrintable(text));
        QVERIFY(text.contains(u"gpt-5 (preview) · /home/me/[work]/my_project"_s));
        QVERIFY(text.contains(u"Tool: __init__ (completed)"_s));
        QVERIFY(text.contains(u"exit code 1: `make` failed"_s));
        QVERIFY(text.contains(u"Some bold text."_s)); // the message itself is Markdown
    }

    // HTML in a message is text: people write about <div>s and <Button /> components, and read as markup a
    // tag hid the rest of the message.
    void htmlInAMessageIsText()
    {
        auto session = std::make_shared<Session>();
        session->id = u"claude-code:html"_s;
        session->title = u"Tags"_s;
        Message m;
        m.role = Role::User;
        m.content = u"Wrap it in <details> and render <Button onClick={go} /> after it.\n\n"
                    "Then <!-- this is not closed\n\nand <img src=\"x.png\"> **still** here."_s;
        session->messages.append(m);
        ConversationView view;
        view.showSession(SessionMessages::whole(*session));
        const QString text = view.toPlainText();
        QVERIFY2(text.contains(u"Wrap it in <details> and render <Button onClick={go} /> after it."_s),
                 qPrintable(text));
        QVERIFY2(text.contains(u"Then <!-- this is not closed"_s), qPrintable(text));
        QVERIFY2(text.contains(u"and <img src=\"x.png\"> still here."_s), qPrintable(text));
    }

    void findsAcrossTheWholeSession()
    {
        ConversationView view;
        view.resize(900, 700);
        view.show();
        view.showSession(SessionMessages::whole(*longSession()));
        QCOMPARE(findAll(view, u"ZANZIBAR"_s), 3); // case-insensitive, beyond the window too
        QCOMPARE(view.currentMatch(), 1);
        QCOMPARE(view.currentMessage(), 7);
        view.findNext();
        QCOMPARE(view.currentMatch(), 2);
        QCOMPARE(view.currentMessage(), 12345);
        QCOMPARE(view.textView()->textCursor().selectedText().toLower(), u"zanzibar"_s);
        view.findNext();
        QCOMPARE(view.currentMessage(), 19998);
        view.findNext(); // wraps
        QCOMPARE(view.currentMatch(), 1);
        view.findPrevious();
        QCOMPARE(view.currentMatch(), 3);
        QCOMPARE(findAll(view, u"no such words"_s), 0);

        // A newer find makes the one still counting give up: only the newer one reports.
        QSignalSpy found(&view, &ConversationView::findFinished);
        view.find(u"parser"_s);
        view.find(u"zanzibar flag"_s);
        QVERIFY(found.wait(30000));
        QVERIFY(!found.wait(300));
        QCOMPARE(found.size(), 1);
        QCOMPARE(found.at(0).at(0).toInt(), 3);

        // A match inside a tool call's output opens the call.
        QCOMPARE(findAll(view, u"line 12341 of the parser"_s), 1);
        QCOMPARE(view.currentMessage(), 12341);
        QVERIFY(view.toPlainText().contains(u"line 12341 of the parser"_s));
    }

    void toolCallsOpenAndClose()
    {
        ConversationView view;
        view.show();
        auto session = std::make_shared<Session>();
        session->title = u"Tools"_s;
        Message ask;
        ask.content = u"Read the parser."_s;
        Message answer;
        answer.role = Role::Assistant;
        answer.content = u"Here it is."_s;
        answer.toolCalls.append({u"c1"_s, u"read_file"_s, u"src/parser.cpp"_s, u"int parse();"_s, u"completed"_s});
        Message after;
        after.content = u"Thanks, next file."_s;
        session->messages = {ask, answer, after};
        view.showSession(SessionMessages::whole(*session));
        QVERIFY(view.toPlainText().contains(u"▸ Tool: read_file"_s));
        QVERIFY(!view.toPlainText().contains(u"int parse();"_s));

        // Clicking the tool line opens it in place; the messages after it stay.
        QTextDocument* document = view.textView()->document();
        const QTextCursor link = document->find(u"Tool: read_file"_s);
        QVERIFY(!link.isNull());
        const QRect where = view.textView()->cursorRect(link);
        QTest::mouseClick(view.textView()->viewport(), Qt::LeftButton, {}, where.center() - QPoint(4, 0));
        QTRY_VERIFY(view.toPlainText().contains(u"int parse();"_s));
        QVERIFY(view.toPlainText().contains(u"▾ Tool: read_file"_s));
        QVERIFY(view.toPlainText().contains(u"Thanks, next file."_s));
        view.showMessage(2);
        QCOMPARE(view.currentMessage(), 2);
    }
};

QTEST_MAIN(TestConversationView)
#include "TestConversationView.moc"
