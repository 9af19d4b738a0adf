// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#include "store/SavedSearch.h"
#include "util/Settings.h"

#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace chasm;

class TestSettings : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void defaultsAndRoundTrip()
    {
        QTemporaryDir dir;
        const QString file = dir.filePath(u"chasm/chasm.conf"_s);
        {
            Settings settings(file);
            QCOMPARE(settings.databasePath(), QString());
            QCOMPARE(settings.trayEnabled(), false);
            QCOMPARE(settings.rescanMinutes(), 5);
            QCOMPARE(settings.theme(), Settings::Theme::System);
            QCOMPARE(settings.watchedProviders(), QStringList());

            QSignalSpy changed(&settings, &Settings::changed);
            settings.setValue(Settings::Key::TrayEnabled, true);
            settings.setValue(Settings::Key::TrayEnabled, true); // the same value: no signal
            settings.setValue(Settings::Key::WatchedProviders, QStringList{u"claude-code"_s});
            settings.setValue(Settings::Key::Theme, int(Settings::Theme::Dark));
            QCOMPARE(changed.count(), 3);
            QCOMPARE(changed.at(0).at(0).value<Settings::Key>(), Settings::Key::TrayEnabled);
        }
        // Written at once, read back by the next instance (a one-element list stays a list).
        Settings again(file);
        QCOMPARE(again.trayEnabled(), true);
        QCOMPARE(again.watchedProviders(), QStringList{u"claude-code"_s});
        QCOMPARE(again.theme(), Settings::Theme::Dark);
    }

    void savedSearchesRoundTrip()
    {
        QTemporaryDir dir;
        const QString file = dir.filePath(u"chasm.conf"_s);
        SavedSearch tricky{u"auth & tokens = 100%"_s, u"\"refresh token\" OR auth* NOT c++"_s, {}};
        tricky.filter.provider = u"claude-code"_s;
        tricky.filter.workspace = u"web app, v2/ñ"_s;
        tricky.filter.role = u"user"_s;
        tricky.filter.after = QDate(2026, 1, 2).startOfDay();
        tricky.filter.before = QDate(2026, 3, 4).startOfDay();
        const SavedSearch plain{u"symlinks"_s, u"symlink"_s, {}};
        {
            Settings settings(file);
            settings.setValue(Settings::Key::SavedSearches, savedSearchLines({tricky, plain}));
        }
        Settings again(file);
        const QList<SavedSearch> read = savedSearchesFrom(again.savedSearches());
        QCOMPARE(read.size(), 2);
        QCOMPARE(read.at(0).name, tricky.name);
        QCOMPARE(read.at(0).query, tricky.query);
        QCOMPARE(read.at(0).filter.provider, u"claude-code"_s);
        QCOMPARE(read.at(0).filter.workspace, tricky.filter.workspace);
        QCOMPARE(read.at(0).filter.role, u"user"_s);
        QCOMPARE(read.at(0).filter.after, tricky.filter.after);
        QCOMPARE(read.at(0).filter.before, tricky.filter.before);
        QCOMPARE(read.at(1).query, u"symlink"_s);
        QVERIFY(!read.at(1).filter.after.isValid());
        QVERIFY(read.at(1).filter.provider.isEmpty());

        // Saving under a name already there replaces that search in its place; lines without a
        // name or a query are left out.
        const SavedSearch renamed{u"auth & tokens = 100%"_s, u"oauth"_s, {}};
        const QList<SavedSearch> replaced = withSearch(read, renamed);
        QCOMPARE(replaced.size(), 2);
        QCOMPARE(replaced.at(0).query, u"oauth"_s);
        QCOMPARE(withSearch(read, SavedSearch{u"new"_s, u"x"_s, {}}).size(), 3);
        QCOMPARE(savedSearchesFrom({u"q=orphan"_s, u"name=empty"_s, u"garbage"_s, plain.toString()}).size(), 1);
    }

    void defaultFileFollowsTheEnvironment()
    {
        const Environment environment = Environment::fromVariables(
            {{u"HOME"_s, u"/home/ada"_s}, {u"XDG_CONFIG_HOME"_s, u"/cfg"_s}}, Platform::Linux);
        QCOMPARE(Settings::defaultFile(environment), u"/cfg/chasm/chasm.conf"_s);
    }
};

QTEST_GUILESS_MAIN(TestSettings)
#include "TestSettings.moc"
