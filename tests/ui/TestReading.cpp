// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

// Reading a conversation in the main window as a person does: with the keyboard (find, context menus,
// tool calls), in the dark theme and in German, and laid out like a chat.
#include "FixtureHome.h"
#include "GuiSteps.h"
#include "models/SessionListModel.h"
#include "util/Settings.h"
#include "views/ConversationView.h"
#include "views/Localization.h"
#include "views/MainWindow.h"
#include "views/Theme.h"

#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QDialog>
#include <QDialogButtonBox>
#include <QLineEdit>
#include <QMenu>
#include <QPushButton>
#include <QScopeGuard>
#include <QShortcut>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableView>
#include <QTest>
#include <QTextBlock>
#include <QTextBrowser>
#include <QTimer>
#include <QTranslator>
#include <QTreeView>

using namespace Qt::StringLiterals;
using namespace chasm;
using chasm::test::actionTexts;
using chasm::test::whenOpened;

namespace {

// A key binding of the main window: the keys, the context, and the widgets it is bound to (the window
// itself for a menu's action).
struct Binding
{
    QString name;
    QKeySequence keys;
    Qt::ShortcutContext context;
    QList<QWidget*> widgets;
};

QList<Binding> bindingsOf(QWidget* window)
{
    QList<Binding> bindings;
    QList<QAction*> actions = window->findChildren<QAction*>();
    for (QWidget* widget : window->findChildren<QWidget*>()) {
        for (QAction* action : widget->actions()) {
            if (!actions.contains(action)) {
                actions.append(action);
            }
        }
    }
    for (QAction* action : std::as_const(actions)) {
        QList<QWidget*> widgets;
        for (QObject* object : action->associatedObjects()) {
            auto* widget = qobject_cast<QWidget*>(object);
            // An action in a menu or the menu bar is live in the whole window.
            widgets.append(!widget || qobject_cast<QMenu*>(widget) || widget->inherits("QMenuBar") ? window : widget);
        }
        for (const QKeySequence& keys : action->shortcuts()) {
            bindings.append({action->text(), keys, action->shortcutContext(), widgets});
        }
    }
    for (QShortcut* shortcut : window->findChildren<QShortcut*>()) {
        for (const QKeySequence& keys : shortcut->keys()) {
            bindings.append(
                {shortcut->objectName(), keys, shortcut->context(), {qobject_cast<QWidget*>(shortcut->parent())}});
        }
    }
    return bindings;
}

bool within(const QWidget* inner, const QWidget* outer)
{
    return outer && inner && (inner == outer || outer->isAncestorOf(inner));
}

// Whether two bindings can be live for the same focus widget.
bool overlap(const Binding& a, const Binding& b)
{
    const auto everywhere = [](const Binding& binding) {
        return binding.context == Qt::WindowShortcut || binding.context == Qt::ApplicationShortcut;
    };
    if (everywhere(a) || everywhere(b)) {
        return true;
    }
    for (const QWidget* x : a.widgets) {
        for (const QWidget* y : b.widgets) {
            if (x == y || (a.context == Qt::WidgetWithChildrenShortcut && within(y, x)) ||
                (b.context == Qt::WidgetWithChildrenShortcut && within(x, y))) {
                return true;
            }
        }
    }
    return false;
}

QModelIndex sessionCell(const QTableView* sessions, const QString& title)
{
    for (int row = 0; row < sessions->model()->rowCount(); ++row) {
        const QModelIndex index = sessions->model()->index(row, SessionListModel::TitleColumn);
        if (index.data().toString() == title) {
            return index;
        }
    }
    return {};
}

// Opens the main window on a fixture HOME and clicks the session with that title.
void openSession(MainWindow& window, const QString& title)
{
    QSignalSpy loaded(&window, &MainWindow::catalogLoaded);
    QSignalSpy shown(&window, &MainWindow::sessionShown);
    window.show();
    QVERIFY(QTest::qWaitForWindowActive(&window));
    QTRY_COMPARE_WITH_TIMEOUT(loaded.count(), 1, 30000);
    QTableView* sessions = window.sessionView();
    const QModelIndex cell = sessionCell(sessions, title);
    QVERIFY2(cell.isValid(), qPrintable(title));
    sessions->scrollTo(cell);
    QTest::mouseClick(sessions->viewport(), Qt::LeftButton, {}, sessions->visualRect(cell).center());
    QTRY_COMPARE_WITH_TIMEOUT(shown.count(), 1, 30000);
}

QColor roleColour(const ConversationView* view, const QString& role)
{
    for (QTextBlock block = view->textView()->document()->begin(); block.isValid(); block = block.next()) {
        if (block.text().startsWith(role)) {
            return block.begin().fragment().charFormat().foreground().color();
        }
    }
    return {};
}

std::shared_ptr<const Session> toolSession()
{
    auto session = std::make_shared<Session>();
    session->id = u"claude-code:tools"_s;
    session->title = u"Tools in their place"_s;
    Message ask;
    ask.content = u"Why does the build fail?"_s;
    Message answer;
    answer.role = Role::Assistant;
    answer.content = u"First I run the build.\n\nThe build fails on line 3. Now I read the config."_s;
    ToolCall build{u"c1"_s, u"Bash"_s, u"{\"command\": \"npm run build 2>&1 | tail -5\", \"description\": \"Build\"}"_s,
                   u"error TS2304"_s, u"error"_s};
    build.at = answer.content.indexOf(u"The build fails"_s);
    ToolCall read{u"c2"_s, u"Read"_s, u"{\"file_path\":\"/w/tsconfig.json\",\"limit\":20}"_s, {}, u"completed"_s};
    for (int line = 1; line <= 300; ++line) {
        read.output += u"line %1 of the config\n"_s.arg(line);
    }
    read.at = answer.content.size();
    answer.toolCalls = {build, read};
    session->messages = {ask, answer};
    return session;
}

} // namespace

class TestReading : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        installTranslations(QLocale(QLocale::English));
    }

    // Broken item 1: Ctrl+F did nothing in the conversation (two actions shared it). No two bindings of the
    // main window share keys where both are live.
    void noShortcutClashes()
    {
        test::FixtureHome home;
        Settings settings(home.file(u"chasm.conf"_s));
        MainWindow window(home.environment(), &settings);
        const QList<Binding> bindings = bindingsOf(&window);
        QVERIFY(bindings.size() > 10);
        QStringList clashes;
        for (int i = 0; i < bindings.size(); ++i) {
            for (int j = i + 1; j < bindings.size(); ++j) {
                const Binding& a = bindings.at(i);
                const Binding& b = bindings.at(j);
                if (a.keys == b.keys && overlap(a, b)) {
                    clashes << u"%1: “%2” and “%3”"_s.arg(a.keys.toString(), a.name, b.name);
                }
            }
        }
        QVERIFY2(clashes.isEmpty(), qPrintable(clashes.join(u"; "_s)));
    }

    void ctrlFInTheConversationOpensFind()
    {
        test::FixtureHome home;
        Settings settings(home.file(u"chasm.conf"_s));
        MainWindow window(home.environment(), &settings);
        openSession(window, u"Deploy script review"_s);
        ConversationView* view = window.conversationView();
        QTextBrowser* text = view->textView();
        QTest::mouseClick(text->viewport(), Qt::LeftButton, {}, QPoint(40, 40));
        QTRY_VERIFY(text->hasFocus());
        auto* field = view->findChild<QLineEdit*>();
        QVERIFY(!field->isVisible());
        QTest::keyClick(text, Qt::Key_F, Qt::ControlModifier);
        QVERIFY(field->isVisible());
        QVERIFY(field->hasFocus());
        QSignalSpy found(view, &ConversationView::findFinished);
        QTest::keyClicks(field, u"rollback"_s);
        QTRY_VERIFY(!found.isEmpty() && found.constLast().at(0).toInt() > 0);
        QTest::keyClick(field, Qt::Key_Escape);
        QVERIFY(!field->isVisible());

        // From the sessions pane Ctrl+F finds in the session shown too.
        window.sessionView()->setFocus();
        QTest::keyClick(window.sessionView(), Qt::Key_F, Qt::ControlModifier);
        QVERIFY(field->isVisible());
        QVERIFY(field->hasFocus());
    }

    // Broken item 9: the conversation shown follows a change of theme.
    void darkThemeRecoloursTheConversation()
    {
        test::FixtureHome home;
        Settings settings(home.file(u"chasm.conf"_s));
        MainWindow window(home.environment(), &settings);
        const auto systemTheme = qScopeGuard([] { applyTheme(Settings::Theme::System); });
        openSession(window, u"Deploy script review"_s);
        ConversationView* view = window.conversationView();
        const QColor light = roleColour(view, u"Assistant"_s);
        QVERIFY(light.isValid());
        whenOpened([](QWidget* dialog) {
            auto* theme = dialog->findChildren<QComboBox*>().value(0);
            theme->setCurrentIndex(theme->findText(u"Dark"_s));
            QTest::mouseClick(dialog->findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Ok), Qt::LeftButton);
        });
        QTest::keyClick(&window, Qt::Key_Comma, Qt::ControlModifier);
        // The dialog is window-modal: it is answered from the event loop.
        QTRY_COMPARE(settings.theme(), Settings::Theme::Dark);
        // The widgets hear of the new palette from the event loop.
        QTRY_VERIFY(roleColour(view, u"Assistant"_s) != light);
        const QColor dark = roleColour(view, u"Assistant"_s);
        QVERIFY2(dark.lightness() > 128, qPrintable(dark.name())); // light text on the dark background
        // The code blocks' background is dark too.
        for (QTextBlock block = view->textView()->document()->begin(); block.isValid(); block = block.next()) {
            if (block.blockFormat().hasProperty(QTextFormat::BlockCodeFence)) {
                QVERIFY2(block.blockFormat().background().color().lightness() < 100,
                         qPrintable(block.blockFormat().background().color().name()));
            }
        }
    }

    // Broken item 9: the project names Chasm makes up and Qt's own buttons read German in German.
    void germanNamesAndButtons()
    {
        QTranslator german;
        QVERIFY(german.load(u":/i18n/chasm_de.qm"_s));
        QCoreApplication::installTranslator(&german);
        const auto english = qScopeGuard([&german] { QCoreApplication::removeTranslator(&german); });
        test::FixtureHome home;
        Settings settings(home.file(u"chasm.conf"_s));
        MainWindow window(home.environment(), &settings);
        QSignalSpy loaded(&window, &MainWindow::catalogLoaded);
        window.show();
        QVERIFY(QTest::qWaitForWindowActive(&window));
        QTRY_COMPARE_WITH_TIMEOUT(loaded.count(), 1, 30000);
        QStringList projects;
        for (int row = 0; row < window.sessionModel()->rowCount(); ++row) {
            projects << window.sessionModel()->index(row, SessionListModel::ProjectColumn).data().toString();
        }
        QVERIFY2(projects.contains(u"(kein Ordner)"_s), qPrintable(projects.join(u", "_s)));
        QVERIFY(!projects.contains(u"(no folder)"_s));

        // A tool call's status too.
        ConversationView view;
        view.showSession(SessionMessages::whole(*toolSession()));
        QVERIFY2(view.toPlainText().contains(u"(abgeschlossen)"_s), qPrintable(view.toPlainText()));
        QVERIFY(!view.toPlainText().contains(u"(completed)"_s));

        QString cancel;
        whenOpened([&cancel](QWidget* dialog) {
            QPushButton* button = dialog->findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Cancel);
            cancel = button->text();
            QTest::mouseClick(button, Qt::LeftButton);
        });
        QTest::keyClick(&window, Qt::Key_Comma, Qt::ControlModifier);
        QTRY_COMPARE(cancel, u"Abbrechen"_s);
        QTRY_VERIFY(!QApplication::activeModalWidget());
    }

    // Broken item 10: Shift+F10 and the Menu key open the context menu of the sessions pane, the sources
    // pane and the conversation, at the current item.
    void keyboardOpensContextMenus()
    {
        test::FixtureHome home;
        Settings settings(home.file(u"chasm.conf"_s));
        MainWindow window(home.environment(), &settings);
        openSession(window, u"Deploy script review"_s);

        QStringList items;
        whenOpened([&items](QWidget* menu) {
            items = actionTexts(menu);
            menu->close();
        });
        window.sessionView()->setFocus();
        QTest::keyClick(window.sessionView(), Qt::Key_F10, Qt::ShiftModifier);
        QTRY_VERIFY(items.contains(u"&Open"_s));

        items.clear();
        whenOpened([&items](QWidget* menu) {
            items = actionTexts(menu);
            menu->close();
        });
        QTest::keyClick(window.sessionView(), Qt::Key_Menu);
        QTRY_VERIFY(items.contains(u"&Open"_s));

        ConversationView* view = window.conversationView();
        view->textView()->setFocus();
        items.clear();
        whenOpened([&items](QWidget* menu) {
            items = actionTexts(menu);
            menu->close();
        });
        QTest::keyClick(view->textView(), Qt::Key_Menu);
        QTRY_VERIFY2(items.contains(u"Select All"_s), qPrintable(items.join(u", "_s)));
        items.clear();
        whenOpened([&items](QWidget* menu) {
            items = actionTexts(menu);
            menu->close();
        });
        QTest::keyClick(view->textView(), Qt::Key_F10, Qt::ShiftModifier);
        QTRY_VERIFY2(items.contains(u"Select All"_s), qPrintable(items.join(u", "_s)));
    }

    // Broken item 10: a tool call opens and closes from the keyboard: Tab to its line, Enter.
    void toolCallOpensFromTheKeyboard()
    {
        ConversationView view;
        view.resize(900, 700);
        view.show();
        QVERIFY(QTest::qWaitForWindowActive(&view));
        view.showSession(SessionMessages::whole(*toolSession()));
        QTextBrowser* text = view.textView();
        text->setFocus();
        QVERIFY(!view.toPlainText().contains(u"npm run build"_s));
        // Tab goes from link to link: the two headers, then the first tool call.
        for (int i = 0; i < 8 && !text->textCursor().selectedText().contains(u"Bash"_s); ++i) {
            QTest::keyClick(text, Qt::Key_Tab);
        }
        QVERIFY2(text->textCursor().selectedText().contains(u"Bash"_s), qPrintable(text->textCursor().selectedText()));
        QTest::keyClick(text, Qt::Key_Return);
        QTRY_VERIFY(view.toPlainText().contains(u"npm run build"_s));
        QVERIFY(text->hasFocus());
        // The line keeps the keyboard's place: Enter again closes it.
        QVERIFY2(text->textCursor().selectedText().contains(u"Bash"_s), qPrintable(text->textCursor().selectedText()));
        QTest::keyClick(text, Qt::Key_Return);
        QTRY_VERIFY(!view.toPlainText().contains(u"npm run build"_s));
    }

    // Roomy reading: the tool calls sit where they happened in the turn, their input readable, a long
    // output shortened until "Show all".
    void toolCallsReadLikeAChat()
    {
        ConversationView view;
        view.resize(900, 700);
        view.show();
        view.showSession(SessionMessages::whole(*toolSession()));
        const QString closed = view.toPlainText();
        const qsizetype bash = closed.indexOf(u"Tool: Bash"_s);
        QVERIFY(bash > closed.indexOf(u"First I run the build."_s));
        QVERIFY2(bash < closed.indexOf(u"The build fails on line 3."_s), qPrintable(closed));
        QVERIFY(closed.indexOf(u"Tool: Read"_s) > closed.indexOf(u"Now I read the config."_s));

        // User and assistant are told apart.
        QVERIFY(roleColour(&view, u"You"_s) != roleColour(&view, u"Assistant"_s));

        // Opened: a command reads as a command, JSON is indented in the tool's key order.
        for (const QString& tool : {u"Tool: Bash"_s, u"Tool: Read"_s}) {
            const QTextCursor link = view.textView()->document()->find(tool);
            QVERIFY(!link.isNull());
            view.textView()->setTextCursor(link);
            QTest::mouseClick(view.textView()->viewport(), Qt::LeftButton, {},
                              view.textView()->cursorRect(link).center() - QPoint(4, 0));
        }
        QTRY_VERIFY(view.toPlainText().contains(u"line 1 of the config"_s));
        const QString open = view.toPlainText();
        QVERIFY2(open.contains(u"$ npm run build 2>&1 | tail -5"_s), qPrintable(open));
        QVERIFY2(open.contains(u"{\n  \"file_path\": \"/w/tsconfig.json\",\n  \"limit\": 20\n}"_s), qPrintable(open));
        // 300 lines of output: the first ones, then "Show all".
        QVERIFY(!open.contains(u"line 300 of the config"_s));
        const QTextCursor more = view.textView()->document()->find(u"Show all"_s);
        QVERIFY2(!more.isNull(), qPrintable(open));
        QTest::mouseClick(view.textView()->viewport(), Qt::LeftButton, {},
                          view.textView()->cursorRect(more).center() - QPoint(4, 0));
        QTRY_VERIFY(view.toPlainText().contains(u"line 300 of the config"_s));
    }
};

QTEST_MAIN(TestReading)
#include "TestReading.moc"
