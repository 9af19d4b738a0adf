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

    void defaultFileFollowsTheEnvironment()
    {
        const Environment environment = Environment::fromVariables(
            {{u"HOME"_s, u"/home/ada"_s}, {u"XDG_CONFIG_HOME"_s, u"/cfg"_s}}, Platform::Linux);
        QCOMPARE(Settings::defaultFile(environment), u"/cfg/chasm/chasm.conf"_s);
    }
};

QTEST_GUILESS_MAIN(TestSettings)
#include "TestSettings.moc"
