// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

// "Continue with…" as a person uses it: a Claude Code session chosen in the sessions pane, Ctrl+Shift+C, a model of a
// provider of their own (a fake model server on 127.0.0.1), a question typed and sent with Ctrl+Enter, the answer
// streaming in, a second answer stopped with Esc; the chat recorded in the harvest database as a session that names
// the one it continues. The provider's key comes from a real Secret Service (tests/with-keyring starts this test).

#include "FakeModelServer.h"
#include "FixtureHome.h"
#include "GuiSteps.h"
#include "dialogs/ChatWindow.h"
#include "models/SessionListModel.h"
#include "providers/SessionCatalog.h"
#include "services/HarvestDatabaseService.h"
#include "services/HarvestService.h"
#include "services/ModelProviderService.h"
#include "util/Keychain.h"
#include "util/SecretStore.h"
#include "util/Settings.h"
#include "views/Localization.h"
#include "views/MainWindow.h"

#include <QApplication>
#include <QComboBox>
#include <QJsonArray>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableView>
#include <QTest>
#include <QTextBrowser>

using namespace Qt::StringLiterals;

namespace chasm {

namespace {

ChatWindow* openChatWindow()
{
    for (QWidget* widget : QApplication::topLevelWidgets()) {
        if (auto* window = qobject_cast<ChatWindow*>(widget); window && window->isVisible()) {
            return window;
        }
    }
    for (QWidget* widget : QApplication::allWidgets()) {
        if (auto* window = qobject_cast<ChatWindow*>(widget); window && window->isVisible()) {
            return window;
        }
    }
    return nullptr;
}

} // namespace

class TestChatWindow : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        // The keychain linked in, as the app has it (the command line loads it from the module beside it).
        SecretStore::useKeychain(qtKeychain());
        installTranslations(QLocale(QLocale::English));
        QVERIFY2(!qEnvironmentVariableIsEmpty("DBUS_SESSION_BUS_ADDRESS"),
                 "this test needs a Secret Service of its own: run it through tests/with-keyring (as CTest does)");
    }

    void continueWith_carriesOnASessionAndRecordsIt();
};

void TestChatWindow::continueWith_carriesOnASessionAndRecordsIt()
{
    test::FixtureHome home(u"claude-code"_s);
    QVERIFY(home.isValid());
    Settings settings(home.file(u"chasm.conf"_s));
    test::FakeModelServer server;
    {
        ModelProviderService providers(home.environment(), settings);
        ModelProviderService::Change change;
        change.endpoint = server.baseUrl(ModelApi::Anthropic).toString();
        change.api = u"anthropic"_s;
        change.apiKey = QByteArray("sk-window-5e6f");
        QVERIFY(providers.configure(u"lab"_s, change));
    }
    test::FakeModelServer::Script script;
    script.text = u"The test waits on a timer; give it a fixed clock."_s;
    script.pieces = 6;
    script.models = {u"claude-lab-1"_s, u"claude-lab-2"_s};
    server.setScript(script);

    MainWindow window(home.environment(), &settings);
    QSignalSpy loaded(&window, &MainWindow::catalogLoaded);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QVERIFY(loaded.count() > 0 || loaded.wait(30000));

    // The session, chosen in the pane; Ctrl+Shift+C opens the chat on it.
    QTableView* sessions = window.sessionView();
    const QString claudeId = u"claude-code:22222222-aaaa-4bbb-8ccc-000000000002"_s;
    const QModelIndex cell = test::sessionCell(sessions, claudeId);
    QVERIFY(cell.isValid());
    sessions->scrollTo(cell);
    QTest::mouseClick(sessions->viewport(), Qt::LeftButton, {}, sessions->visualRect(cell).center());
    sessions->setFocus();
    QTest::keyClick(&window, Qt::Key_C, Qt::ControlModifier | Qt::ShiftModifier);
    QTRY_VERIFY_WITH_TIMEOUT(openChatWindow(), 15000);
    ChatWindow* chat = openChatWindow();
    QVERIFY(chat->windowTitle().contains(u"Flaky login test"_s));
    // The conversation so far, as the model will be given it.
    QVERIFY(!chat->transcript()->toPlainText().trimmed().isEmpty());

    // The provider of their own, its models listed by the server.
    const int lab = chat->providerBox()->findData(u"lab"_s);
    QVERIFY(lab >= 0);
    QSignalSpy listed(chat, &ChatWindow::modelsListed);
    chat->providerBox()->setCurrentIndex(lab);
    QTRY_VERIFY_WITH_TIMEOUT(chat->modelBox()->findText(u"claude-lab-2"_s) >= 0, 15000);
    chat->modelBox()->setCurrentText(u"claude-lab-2"_s);

    // A question typed and sent with Ctrl+Enter; the answer streams into the transcript.
    QSignalSpy answered(chat, &ChatWindow::answered);
    chat->promptField()->setFocus();
    QTest::keyClicks(chat->promptField(), u"Why is it flaky?"_s);
    QTest::keyClick(chat->promptField(), Qt::Key_Return, Qt::ControlModifier);
    QVERIFY(answered.wait(15000));
    QCOMPARE(answered.first().at(0).toBool(), true);
    QVERIFY(chat->transcript()->toPlainText().contains(script.text));
    QVERIFY(chat->promptField()->toPlainText().isEmpty());
    const QString chatId = chat->sessionId();
    QVERIFY2(chatId.startsWith(u"chasm:"_s), qPrintable(chatId));
    QVERIFY(chat->statusLabel()->text().contains(chatId));
    const test::FakeModelServer::Request asked = server.requests().constLast();
    QCOMPARE(asked.headers.value("x-api-key"), QByteArray("sk-window-5e6f"));
    QCOMPARE(asked.json[u"model"_s].toString(), u"claude-lab-2"_s);
    QVERIFY(asked.body.contains("Why is it flaky?"));
    QVERIFY2(asked.json[u"messages"_s].toArray().size() > 1, asked.body.constData()); // the session as context

    const QString shot = QStringLiteral(CHASM_TEST_OUTPUT_DIR) + u"/chat-window.png"_s;
    QVERIFY(chat->grab().save(shot));

    // A slow answer, stopped with Esc: what arrived stays, marked cancelled.
    script.pieces = 40;
    script.delay = std::chrono::milliseconds(100);
    server.setScript(script);
    QTest::keyClicks(chat->promptField(), u"Tell me all of it"_s);
    QTest::mouseClick(chat->sendButton(), Qt::LeftButton);
    QTRY_VERIFY(chat->stopButton()->isEnabled());
    QTest::qWait(400);
    QTest::keyClick(chat, Qt::Key_Escape);
    QVERIFY(answered.wait(15000));
    QCOMPARE(answered.last().at(0).toBool(), false);
    QVERIFY(chat->sendButton()->isEnabled());

    // In the database: the chat, naming the session it continues, and its two answers.
    const SessionCatalog catalog(home.environment());
    HarvestDatabaseService database(catalog);
    auto kept = database.keptSession(window.harvestService()->databasePath(), chatId);
    QVERIFY2(kept, qPrintable(kept ? QString() : kept.error().message));
    const QList<Message>& messages = kept->session.messages;
    QCOMPARE(messages.size(), 5);
    QVERIFY(messages[0].role == Role::System && messages[0].content.contains(claudeId));
    QCOMPARE(messages[2].content, script.text);
    QCOMPARE(messages[2].status, u"complete"_s);
    QCOMPARE(messages[4].status, u"cancelled"_s);
    QVERIFY(!messages[4].content.isEmpty() && messages[4].content.size() < script.text.size());
    chat->close();
}

} // namespace chasm

QTEST_MAIN(chasm::TestChatWindow)
#include "TestChatWindow.moc"
