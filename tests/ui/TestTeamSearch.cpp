// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

// The app searching a team database on a real PostgreSQL server (tests/common/PostgresServer), as a person does it:
// the team database set in Settings (a URL with a password refused, since the settings never keep one), then "Search
// in: Team database", a search, and a hit opened from there, on a computer whose own database holds nothing.

#include "FixtureHome.h"
#include "PostgresServer.h"
#include "dialogs/SettingsDialog.h"
#include "models/SearchResultModel.h"
#include "services/HarvestDatabaseService.h"
#include "services/TeamService.h"
#include "store/HarvestStore.h"
#include "util/Keychain.h"
#include "util/SecretStore.h"
#include "util/Settings.h"
#include "views/ConversationView.h"
#include "views/HarvestStatusBar.h"
#include "views/Localization.h"
#include "views/MainWindow.h"
#include "views/SearchPane.h"

#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFileInfo>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QMenu>
#include <QMenuBar>
#include <QProgressBar>
#include <QPushButton>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTest>

using namespace Qt::StringLiterals;

namespace chasm {

class TestTeamSearch : public QObject
{
    Q_OBJECT

    test::PostgresServer m_server;

    static void save(QWidget* widget, const QString& name)
    {
        QVERIFY(widget->grab().save(QStringLiteral(CHASM_TEST_OUTPUT_DIR) + u'/' + name));
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        SecretStore::useKeychain(qtKeychain());
        installTranslations(QLocale(QLocale::English));
        const QString error = m_server.start(u"team"_s);
        QVERIFY2(error.isEmpty(), qPrintable(error));
    }

    void searchTheTeamDatabaseAndOpenAHit()
    {
        // A teammate's machine harvested into the team database (harvest run --db URL: here, then pushed).
        const QString url = m_server.url(test::PostgresServer::superuser(), {}, u"team"_s);
        QVERIFY(TeamService().init(url).ok());
        test::FixtureHome teammate;
        QVERIFY(teammate.isValid());
        const Environment theirs = Environment::fromVariables(
            {{u"HOME"_s, teammate.path()}, {u"PWD"_s, teammate.path()}, {u"USER"_s, u"alice"_s}}, Platform::Linux);
        SessionCatalog theirCatalog(theirs);
        HarvestDatabaseService::RunRequest run;
        run.database = url;
        const auto harvested = HarvestDatabaseService(theirCatalog).run(run);
        QVERIFY2(harvested.ok(), harvested.ok() ? "" : qPrintable(harvested.error().message));
        QVERIFY(harvested->pushed && harvested->pushed->created >= 7);

        // This computer has harvested nothing yet: its own database finds nothing.
        test::FixtureHome home(u"claude-code"_s);
        QVERIFY(home.isValid());
        Settings settings(home.file(u"chasm.conf"_s));
        MainWindow window(home.environment(), &settings);
        QSignalSpy loaded(&window, &MainWindow::catalogLoaded);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QTRY_COMPARE_WITH_TIMEOUT(loaded.count(), 1, 30000);
        SearchPane* search = window.searchPane();
        auto* scope = search->findChild<QComboBox*>(u"searchScope"_s);
        QVERIFY(scope);
        QSignalSpy searched(search, &SearchPane::searchFinished);
        QTest::keyClick(&window, Qt::Key_K, Qt::ControlModifier);
        QTRY_VERIFY(search->queryField()->hasFocus());
        QTest::keyClicks(search->queryField(), u"symlink"_s);
        QTest::keyClick(search->queryField(), Qt::Key_Return);
        QTRY_COMPARE_WITH_TIMEOUT(searched.count(), 1, 30000);
        QCOMPARE(search->resultModel()->rowCount(), 0);
        QVERIFY(search->isVisible());
        QVERIFY(!scope->isVisible()); // no team database set: nothing to choose

        // File → Settings…: the team database, first with its password, which the settings refuse to keep.
        for (QAction* action : window.menuBar()->actions().first()->menu()->actions()) {
            if (action->text() == u"&Settings…"_s) {
                action->trigger();
            }
        }
        auto* dialog = window.findChild<SettingsDialog*>();
        QVERIFY(dialog);
        auto* team = dialog->findChild<QLineEdit*>(u"teamDatabase"_s);
        QVERIFY(team && team->isVisible());
        const QString withPassword = m_server.url(test::PostgresServer::superuser(), u"s3cret"_s, u"team"_s);
        QTest::keyClicks(team, withPassword);
        QPushButton* ok = dialog->findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Ok);
        QTest::mouseClick(ok, Qt::LeftButton);
        QVERIFY(dialog->isVisible());
        auto* problem = dialog->findChild<QLabel*>(u"teamDatabaseState"_s);
        QVERIFY(problem->isVisible());
        QVERIFY2(problem->text().startsWith(u"Leave the password out of the URL"_s), qPrintable(problem->text()));
        QVERIFY(!problem->text().contains(u"s3cret"_s));
        save(dialog, u"settings-team-password.png"_s);
        QCOMPARE(settings.teamDatabase(), QString());
        team->selectAll();
        QTest::keyClicks(team, url);
        // And publish this computer's sessions there after each harvest.
        QCheckBox* publish = nullptr;
        for (QCheckBox* box : dialog->findChildren<QCheckBox*>()) {
            if (box->text() == u"Publish my sessions there after each harvest"_s) {
                publish = box;
            }
        }
        QVERIFY(publish && publish->isEnabled() && !publish->isChecked());
        QTest::mouseClick(publish, Qt::LeftButton, {}, QPoint(publish->height() / 2, publish->height() / 2));
        QVERIFY(publish->isChecked());
        QTest::mouseClick(ok, Qt::LeftButton);
        QTRY_VERIFY(!dialog->isVisible());
        QCOMPARE(settings.teamDatabase(), url);
        QVERIFY(settings.teamPublish());
        QVERIFY(!test::readAll(settings.file()).contains("s3cret"));

        // Search in: Team database. The same query now finds the teammate's sessions, with where they come from.
        QTRY_VERIFY(scope->isVisible());
        QCOMPARE(scope->itemText(1), u"Team database (%1)"_s.arg(url));
        scope->setCurrentIndex(1); // the search shown runs again there
        QTRY_COMPARE_WITH_TIMEOUT(searched.count(), 2, 30000);
        QVERIFY2(search->resultModel()->rowCount() >= 1,
                 qPrintable(search->findChild<QLabel*>(u"searchStatus"_s)->text()));
        const QModelIndex first = search->resultModel()->index(0);
        QCOMPARE(first.data(SearchResultModel::SessionIdRole).toString(),
                 u"copilot:bbbb2222-3333-4444-8555-666677778888"_s);
        QVERIFY2(first.data(SearchResultModel::FactsRole).toString().contains(u"from alice@"_s),
                 qPrintable(first.data(SearchResultModel::FactsRole).toString()));
        QCOMPARE(search->searchedDatabase(), url);
        save(&window, u"team-search.png"_s);

        // Enter on the hit opens the session from the team database, at the message found.
        QSignalSpy shown(&window, &MainWindow::sessionShown);
        search->resultView()->setFocus();
        search->resultView()->setCurrentIndex(first);
        QTest::keyClick(search->resultView(), Qt::Key_Return);
        QTRY_COMPARE_WITH_TIMEOUT(shown.count(), 1, 30000);
        QCOMPARE(shown.at(0).at(0).toString(), u"copilot:bbbb2222-3333-4444-8555-666677778888"_s);
        QCOMPARE(window.conversationView()->currentMessage(), first.data(SearchResultModel::MessageIndexRole).toInt());
        save(&window, u"team-search-opened.png"_s);

        // Back to this computer: nothing again.
        scope->setCurrentIndex(0);
        QTRY_COMPARE_WITH_TIMEOUT(searched.count(), 3, 30000);
        QCOMPARE(search->resultModel()->rowCount(), 0);
        QCOMPARE(search->searchedDatabase(), window.harvestService()->databasePath());

        // A harvest here is published there, as this computer's user's; the status bar says what was sent.
        const auto mine = [this] {
            qint64 n = -1;
            {
                QSqlDatabase db = m_server.connect(u"count"_s, test::PostgresServer::superuser(), {}, u"team"_s);
                QSqlQuery query(db);
                if (query.exec(u"SELECT count(*) FROM sessions WHERE origin NOT LIKE 'alice@%'"_s) && query.next()) {
                    n = query.value(0).toLongLong();
                }
            }
            QSqlDatabase::removeDatabase(u"count"_s);
            return n;
        };
        QCOMPARE(mine(), 0);
        QSignalSpy published(window.harvestService(), &HarvestService::published);
        QSignalSpy harvestedHere(window.harvestService(), &HarvestService::finished);
        // A session read while the harvest runs, done as the harvest's summary comes (before its publish).
        HarvestStatusBar* statusBar = window.harvestStatusBar();
        statusBar->jobStarted(u"Reading a session…"_s);
        connect(window.harvestService(), &HarvestService::finished, statusBar, &HarvestStatusBar::jobFinished);
        window.harvestService()->harvestNow();
        QTRY_COMPARE_WITH_TIMEOUT(published.count(), 1, 60000);
        const int created = harvestedHere.at(0).at(0).value<Harvester::Summary>().created;
        QVERIFY(created >= 1);
        QCOMPARE(published.at(0).at(0).toString(), url);
        QCOMPARE(published.at(0).at(1).toInt(), created);
        QCOMPARE(mine(), created);
        QTRY_COMPARE(window.harvestStatusBar()->status(),
                     u"Published to the team database %1: %2 new sessions, 0 updated"_s.arg(url).arg(created));
        // Once the harvest and its publish are over, the status bar shows no progress.
        QTRY_VERIFY(!statusBar->findChild<QProgressBar*>()->isVisible());
        save(&window, u"team-published.png"_s);

        // A team database taken out of the settings hides the choice.
        settings.setValue(Settings::Key::TeamDatabase, QString());
        QTRY_VERIFY(!scope->isVisible());
    }
};

} // namespace chasm

QTEST_MAIN(chasm::TestTeamSearch)
#include "TestTeamSearch.moc"
