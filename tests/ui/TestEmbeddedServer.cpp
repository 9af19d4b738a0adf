// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

// The HTTP API served from inside the app, driven as a person drives it: File → Settings…, the Server page, the
// server turned on; a real HTTP client on 127.0.0.1 talks to it, a harvest it starts shows in the window; turned off,
// the port is closed. The token comes from a real Secret Service (tests/with-keyring starts this test).

#include "FixtureHome.h"
#include "HttpClient.h"
#include "dialogs/SettingsDialog.h"
#include "server/EmbeddedServer.h"
#include "services/HarvestService.h"
#include "util/Keychain.h"
#include "util/SecretStore.h"
#include "util/Settings.h"
#include "views/HarvestStatusBar.h"
#include "views/Localization.h"
#include "views/MainWindow.h"

#include <QAction>
#include <QCheckBox>
#include <QClipboard>
#include <QDialogButtonBox>
#include <QGuiApplication>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLineEdit>
#include <QLockFile>
#include <QMenuBar>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTabBar>
#include <QTabWidget>
#include <QTcpServer>
#include <QTest>
#include <QToolButton>

using namespace Qt::StringLiterals;

namespace chasm {

namespace {

// File → Settings…, as a click in the menu does it; the dialog it opened.
SettingsDialog* openSettings(MainWindow& window)
{
    for (QAction* action : window.menuBar()->actions().first()->menu()->actions()) {
        if (action->text() == u"&Settings…"_s) {
            action->trigger();
        }
    }
    return window.findChild<SettingsDialog*>();
}

void showServerPage(SettingsDialog* dialog)
{
    QTabBar* tabs = dialog->pages()->tabBar();
    for (int i = 0; i < tabs->count(); ++i) {
        if (tabs->tabText(i) == u"Server"_s) {
            QTest::mouseClick(tabs, Qt::LeftButton, {}, tabs->tabRect(i).center());
        }
    }
}

QPushButton* button(QWidget* dialog, const QString& text)
{
    for (QPushButton* button : dialog->findChildren<QPushButton*>()) {
        if (button->text().remove(u'&') == text) {
            return button;
        }
    }
    return nullptr;
}

QCheckBox* serverSwitch(QWidget* dialog)
{
    for (QCheckBox* box : dialog->findChildren<QCheckBox*>()) {
        if (box->text() == u"Run the HTTP API server in Chasm"_s) {
            return box;
        }
    }
    return nullptr;
}

// A click on a check box's box, where a person clicks it.
void clickBox(QCheckBox* box)
{
    QTest::mouseClick(box, Qt::LeftButton, {}, QPoint(box->height() / 2, box->height() / 2));
}

// A port nothing listens on now.
quint16 freePort()
{
    QTcpServer probe;
    probe.listen(QHostAddress::LocalHost, 0);
    return probe.serverPort();
}

} // namespace

class TestEmbeddedServer : public QObject
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

    void serverPage_runsTheApiInTheApp();

    // A keychain that has not answered the app within the time-out is reported so, once: its answer after that is
    // dropped (the app waited for ever on a Secret Service that hung).
    void keychainAnswersTheAppWithinItsTimeOut()
    {
        SecretStore store;
        QObject context;
        QStringList answers;
        const auto read = [&store, &context, &answers] {
            store.readLater(u"chasm-test/not-stored"_s, &context, [&answers](Result<SecretStore::Found> found) {
                answers << (!found ? found.error().message : found->has_value() ? u"found"_s : u"none"_s);
            });
        };
        read();
        QTRY_COMPARE_WITH_TIMEOUT(answers.size(), 1, 20000);
        QCOMPARE(answers.first(), u"none"_s);           // answered in time
        store.setTimeout(std::chrono::milliseconds(0)); // no keychain answers in no time
        read();
        QTRY_COMPARE_WITH_TIMEOUT(answers.size(), 2, 20000);
        QVERIFY2(answers.at(1).contains(u"did not answer"_s), qPrintable(answers.at(1)));
        QTest::qWait(1000); // the keychain's own answer, meanwhile, was not passed on
        QCOMPARE(answers.size(), 2);
    }
};

void TestEmbeddedServer::serverPage_runsTheApiInTheApp()
{
    test::FixtureHome home(u"rest"_s);
    QVERIFY(home.isValid());
    Settings settings(home.file(u"chasm.conf"_s));
    MainWindow window(home.environment(), &settings);
    QSignalSpy loaded(&window, &MainWindow::catalogLoaded);
    window.show();
    QTRY_COMPARE_WITH_TIMEOUT(loaded.count(), 1, 30000);
    // Off by default.
    QCOMPARE(window.embeddedServer()->state(), EmbeddedServer::State::Stopped);
    QVERIFY(window.harvestStatusBar()->serverStatus().isEmpty());

    // Settings → Server: turn it on, on a port of our choosing.
    const quint16 port = freePort();
    SettingsDialog* dialog = openSettings(window);
    QVERIFY(dialog);
    showServerPage(dialog);
    QCheckBox* enabled = serverSwitch(dialog);
    QVERIFY(enabled && enabled->isVisible());
    QVERIFY(!enabled->isChecked());
    clickBox(enabled);
    QVERIFY(enabled->isChecked());
    auto* portBox = dialog->findChildren<QSpinBox*>().last();
    QCOMPARE(portBox->value(), 8787);
    portBox->selectAll();
    QTest::keyClicks(portBox, QString::number(port));
    QCOMPARE(portBox->value(), int(port));

    // The token, read from the keychain (made there on this first use): hidden until shown, then copied.
    auto* tokenField = dialog->findChild<QLineEdit*>(u"token"_s);
    QTRY_VERIFY_WITH_TIMEOUT(!tokenField->text().isEmpty(), 15000);
    QCOMPARE(tokenField->echoMode(), QLineEdit::Password);
    QTest::mouseClick(button(dialog, u"Show"_s), Qt::LeftButton);
    QCOMPARE(tokenField->echoMode(), QLineEdit::Normal);
    const QByteArray token = tokenField->text().toLatin1();
    QCOMPARE(token.size(), 43);
    QTest::mouseClick(button(dialog, u"Copy"_s), Qt::LeftButton);
    QCOMPARE(QGuiApplication::clipboard()->text(), QString::fromLatin1(token));
    const QString shot = QStringLiteral(CHASM_TEST_OUTPUT_DIR) + u"/settings-server.png"_s;
    QVERIFY(dialog->grab().save(shot));

    QTest::mouseClick(dialog->findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Ok), Qt::LeftButton);
    const QString where = u"API on 127.0.0.1:%1"_s.arg(port);
    QTRY_COMPARE_WITH_TIMEOUT(window.harvestStatusBar()->serverStatus(), where, 15000);
    QVERIFY(window.harvestStatusBar()->findChild<QWidget*>(u"serverStatus"_s)->isVisible());

    // A real HTTP client on loopback.
    const QString base = u"http://127.0.0.1:%1/api/v1"_s.arg(port);
    const test::HttpReply health = test::httpRequest("GET", QUrl(base + u"/health"_s));
    QCOMPARE(health.status, 200);
    QCOMPARE(test::httpRequest("GET", QUrl(base + u"/providers"_s)).status, 401);
    QCOMPARE(test::httpRequest("GET", QUrl(base + u"/providers"_s), "wrong").status, 401);
    QCOMPARE(test::httpRequest("GET", QUrl(base + u"/providers"_s), token).status, 200);

    // A harvest started over HTTP runs on the app's harvest service: the window shows its progress.
    QStringList shown;
    connect(window.harvestService(), &HarvestService::progressed, this,
            [&window, &shown] { shown << window.harvestStatusBar()->status(); });
    QSignalSpy finished(window.harvestService(), &HarvestService::finished);
    QSignalSpy notified(&window, &MainWindow::notified);
    const test::HttpReply started = test::httpRequest("POST", QUrl(base + u"/harvest"_s), token);
    QCOMPARE(started.status, 202);
    const QString job = QJsonDocument::fromJson(started.body).object().value(u"job"_s).toString();
    QVERIFY(!job.isEmpty());
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 30000);
    QVERIFY2(!shown.isEmpty() && shown.last().startsWith(u"Harvesting: "_s), qPrintable(shown.join(u" | "_s)));
    // ... and tells what it brought (through the tray when there is one).
    QCOMPARE(notified.count(), 1);
    QCOMPARE(notified.first().at(1).toString(), u"3 new Claude Code sessions harvested"_s);
    QJsonObject state;
    QTRY_VERIFY_WITH_TIMEOUT(
        (state =
             QJsonDocument::fromJson(test::httpRequest("GET", QUrl(base + u"/harvest/"_s + job), token).body).object())
                .value(u"state"_s)
                .toString() == u"finished"_s,
        15000);
    QCOMPARE(state.value(u"report"_s).toObject().value(u"new"_s).toInt(), 3);
    const test::HttpReply sessions = test::httpRequest("GET", QUrl(base + u"/sessions"_s), token);
    QCOMPARE(sessions.status, 200);
    QCOMPARE(QJsonDocument::fromJson(sessions.body).object().value(u"total"_s).toInt(), 3);

    // The app's own harvest waits for another (whose lock is held here); one asked for over HTTP meanwhile waits
    // behind it. The person cancels in the window: neither runs, the HTTP job ends failed saying why, and the next
    // one starts.
    {
        QLockFile other(window.harvestService()->databasePath() + u".harvest-lock"_s);
        QVERIFY(other.tryLock(0));
        QSignalSpy waiting(window.harvestService(), &HarvestService::waiting);
        window.harvestService()->harvestNow();
        QTRY_VERIFY_WITH_TIMEOUT(waiting.count() > 0, 15000);
        const test::HttpReply queued = test::httpRequest("POST", QUrl(base + u"/harvest"_s), token);
        QCOMPARE(queued.status, 202);
        const QString queuedJob = QJsonDocument::fromJson(queued.body).object().value(u"job"_s).toString();
        QTRY_VERIFY_WITH_TIMEOUT(window.harvestService()->hasNext(), 15000);
        QToolButton* cancel = nullptr;
        for (QToolButton* tool : window.harvestStatusBar()->findChildren<QToolButton*>()) {
            if (tool->text() == u"Cancel"_s) {
                cancel = tool;
            }
        }
        QVERIFY(cancel && cancel->isVisible());
        QTest::mouseClick(cancel, Qt::LeftButton);
        other.unlock();
        QJsonObject ended;
        QTRY_VERIFY_WITH_TIMEOUT(
            (ended =
                 QJsonDocument::fromJson(test::httpRequest("GET", QUrl(base + u"/harvest/"_s + queuedJob), token).body)
                     .object())
                    .value(u"state"_s)
                    .toString() == u"failed"_s,
            15000);
        QVERIFY2(ended.value(u"error"_s).toString().contains(u"cancelled in the app"_s),
                 qPrintable(ended.value(u"error"_s).toString()));
    }
    QTRY_VERIFY_WITH_TIMEOUT(!window.harvestService()->isRunning(), 15000);
    QSignalSpy nextFinished(window.harvestService(), &HarvestService::finished);
    const test::HttpReply next = test::httpRequest("POST", QUrl(base + u"/harvest"_s), token);
    QCOMPARE(next.status, 202);
    QTRY_COMPARE_WITH_TIMEOUT(nextFinished.count(), 1, 30000);

    // Regenerated on the page: the server takes the new token at once and refuses the old one.
    dialog = openSettings(window);
    showServerPage(dialog);
    tokenField = dialog->findChild<QLineEdit*>(u"token"_s);
    QTRY_COMPARE_WITH_TIMEOUT(tokenField->text().toLatin1(), token, 15000);
    QTest::mouseClick(button(dialog, u"Regenerate"_s), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(!tokenField->text().isEmpty() && tokenField->text().toLatin1() != token, 15000);
    const QByteArray newToken = tokenField->text().toLatin1();
    QTRY_COMPARE_WITH_TIMEOUT(window.embeddedServer()->state(), EmbeddedServer::State::Running, 15000);
    QCOMPARE(test::httpRequest("GET", QUrl(base + u"/providers"_s), token).status, 401);
    QCOMPARE(test::httpRequest("GET", QUrl(base + u"/providers"_s), newToken).status, 200);

    // Turned off: the port is closed.
    enabled = serverSwitch(dialog);
    QVERIFY(enabled->isChecked());
    clickBox(enabled);
    QVERIFY(!enabled->isChecked());
    QTest::mouseClick(dialog->findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Ok), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(window.harvestStatusBar()->serverStatus().isEmpty(), 15000);
    QVERIFY(!window.harvestStatusBar()->findChild<QWidget*>(u"serverStatus"_s)->isVisible());
    const test::HttpReply refused = test::httpRequest("GET", QUrl(base + u"/health"_s));
    QCOMPARE(refused.status, 0);
    QCOMPARE(refused.error, QNetworkReply::ConnectionRefusedError);

    // The token is in the keychain only: not in the settings nor any other file of the user's.
    for (const QByteArray& secret : {token, newToken}) {
        QCOMPARE(test::filesHolding(home.path(), secret), QStringList());
    }
    QVERIFY(!test::readAll(settings.file()).isEmpty());
    QCOMPARE(settings.serverPort(), port);
}

} // namespace chasm

QTEST_MAIN(chasm::TestEmbeddedServer)
#include "TestEmbeddedServer.moc"
