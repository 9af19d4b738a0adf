// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#include "FixtureHome.h"
#include "providers/SessionCatalog.h"
#include "util/Environment.h"
#include "vscode/Editor.h"

#include <QStandardPaths>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace chasm;

class TestEnvironment : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void editorDirectories_data()
    {
        QTest::addColumn<int>("platform");
        QTest::addColumn<QStringList>("variables");
        QTest::addColumn<int>("editor");
        QTest::addColumn<QString>("expected");

        QTest::newRow("linux code") << int(Platform::Linux) << QStringList{u"HOME"_s, u"/x"_s} << int(Editor::Code)
                                    << u"/x/.config/Code/User"_s;
        QTest::newRow("linux insiders xdg")
            << int(Platform::Linux) << QStringList{u"HOME"_s, u"/x"_s, u"XDG_CONFIG_HOME"_s, u"/cfg"_s}
            << int(Editor::CodeInsiders) << u"/cfg/Code - Insiders/User"_s;
        QTest::newRow("linux relative xdg is ignored")
            << int(Platform::Linux) << QStringList{u"HOME"_s, u"/x"_s, u"XDG_CONFIG_HOME"_s, u"cfg"_s}
            << int(Editor::VSCodium) << u"/x/.config/VSCodium/User"_s;
        QTest::newRow("macos cursor") << int(Platform::MacOS) << QStringList{u"HOME"_s, u"/Users/me"_s}
                                      << int(Editor::Cursor) << u"/Users/me/Library/Application Support/Cursor/User"_s;
        QTest::newRow("windows windsurf")
            << int(Platform::Windows)
            << QStringList{u"USERPROFILE"_s, u"C:\\Users\\me"_s, u"APPDATA"_s, u"C:\\Users\\me\\AppData\\Roaming"_s}
            << int(Editor::Windsurf) << u"C:/Users/me/AppData/Roaming/Windsurf/User"_s;
        QTest::newRow("windows without APPDATA")
            << int(Platform::Windows) << QStringList{u"USERPROFILE"_s, u"D:\\home"_s} << int(Editor::Code)
            << u"D:/home/AppData/Roaming/Code/User"_s;
    }

    void editorDirectories()
    {
        QFETCH(int, platform);
        QFETCH(QStringList, variables);
        QFETCH(int, editor);
        QFETCH(QString, expected);
        QHash<QString, QString> map;
        for (qsizetype i = 0; i + 1 < variables.size(); i += 2) {
            map.insert(variables.at(i), variables.at(i + 1));
        }
        const Environment environment = Environment::fromVariables(map, static_cast<Platform>(platform));
        QCOMPARE(editorUserDirectory(environment, static_cast<Editor>(editor)), expected);
    }

    void absolutePath()
    {
        const Environment environment =
            Environment::fromVariables({{u"HOME"_s, u"/home/me"_s}, {u"PWD"_s, u"/work/repo"_s}}, Platform::Linux);
        QCOMPARE(environment.absolutePath(u"~/src"_s), u"/home/me/src"_s);
        QCOMPARE(environment.absolutePath(u"sub/../lib/"_s), u"/work/repo/lib"_s);
        QCOMPARE(environment.absolutePath(u"/abs//x/"_s), u"/abs/x"_s);
    }

    // HOME=/x makes Chasm see only /x: the fixture's sessions and nothing of the real user's.
    void homeIsolation()
    {
        test::FixtureHome home;
        QVERIFY(home.isValid());
        SessionCatalog catalog(home.environment());
        const auto providers = catalog.providers();
        QVERIFY(providers.ok());
        const QList<Workspace> workspaces = catalog.workspaces(providers.value());
        QVERIFY(!workspaces.isEmpty());
        for (const Workspace& w : workspaces) {
            QVERIFY2(w.storagePath.startsWith(home.path() + u'/'), qPrintable(w.storagePath));
        }
        for (const SessionRef& s : catalog.sessions(providers.value(), workspaces)) {
            QVERIFY2(s.path.startsWith(home.path() + u'/'), qPrintable(s.path));
        }

        QTemporaryDir empty;
        SessionCatalog nothing(Environment::fromVariables({{u"HOME"_s, empty.path()}}, Platform::Linux));
        QVERIFY(nothing.workspaces(nothing.providers().value()).isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestEnvironment)
#include "TestEnvironment.moc"
