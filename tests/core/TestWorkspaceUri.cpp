// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#include "vscode/WorkspaceUri.h"

#include <QStandardPaths>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace chasm;

class TestWorkspaceUri : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void localPath_data()
    {
        QTest::addColumn<QString>("uri");
        QTest::addColumn<QString>("scheme");
        QTest::addColumn<QString>("authority");
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("localPath");

        QTest::newRow("linux") << u"file:///home/me/project"_s << u"file"_s << QString() << u"/home/me/project"_s
                               << u"/home/me/project"_s;
        QTest::newRow("linux percent escapes") << u"file:///home/me/My%20Project%23%25"_s << u"file"_s << QString()
                                               << u"/home/me/My Project#%"_s << u"/home/me/My Project#%"_s;
        QTest::newRow("utf-8 escapes") << u"file:///home/me/caf%C3%A9/%E6%97%A5%E6%9C%AC"_s << u"file"_s << QString()
                                       << u"/home/me/café/日本"_s << u"/home/me/café/日本"_s;
        QTest::newRow("macos") << u"file:///Users/me/Library/Mobile%20Documents/app"_s << u"file"_s << QString()
                               << u"/Users/me/Library/Mobile Documents/app"_s
                               << u"/Users/me/Library/Mobile Documents/app"_s;
        QTest::newRow("windows drive, escaped colon")
            << u"file:///c%3A/Users/me/source/repos/App"_s << u"file"_s << QString()
            << u"/c:/Users/me/source/repos/App"_s << u"C:\\Users\\me\\source\\repos\\App"_s;
        QTest::newRow("windows drive, plain colon")
            << u"file:///D:/work/x%20y/"_s << u"file"_s << QString() << u"/D:/work/x y/"_s << u"D:\\work\\x y"_s;
        QTest::newRow("windows drive root") << u"file:///e%3A"_s << u"file"_s << QString() << u"/e:"_s << u"E:\\"_s;
        QTest::newRow("windows unc share") << u"file://fileserver/share/team%20x"_s << u"file"_s << u"fileserver"_s
                                           << u"/share/team x"_s << u"\\\\fileserver\\share\\team x"_s;
        QTest::newRow("localhost authority")
            << u"file://localhost/srv/app"_s << u"file"_s << u"localhost"_s << u"/srv/app"_s << u"/srv/app"_s;
        QTest::newRow("remote ssh") << u"vscode-remote://ssh-remote%2Bmy-box/home/dev/api"_s << u"vscode-remote"_s
                                    << u"ssh-remote+my-box"_s << u"/home/dev/api"_s << QString();
        QTest::newRow("remote wsl") << u"vscode-remote://wsl%2Bubuntu/home/me/p"_s << u"vscode-remote"_s
                                    << u"wsl+ubuntu"_s << u"/home/me/p"_s << QString();
        QTest::newRow("virtual github") << u"vscode-vfs://github/microsoft/vscode"_s << u"vscode-vfs"_s << u"github"_s
                                        << u"/microsoft/vscode"_s << QString();
        QTest::newRow("query and fragment dropped")
            << u"file:///a/b?x=1#frag"_s << u"file"_s << QString() << u"/a/b"_s << u"/a/b"_s;
        QTest::newRow("not a uri") << u"/plain/path"_s << QString() << QString() << QString() << QString();
    }

    void localPath()
    {
        QFETCH(QString, uri);
        QFETCH(QString, scheme);
        QFETCH(QString, authority);
        QFETCH(QString, path);
        QFETCH(QString, localPath);
        const WorkspaceUri parsed(uri);
        QCOMPARE(parsed.scheme(), scheme);
        QCOMPARE(parsed.authority(), authority);
        QCOMPARE(parsed.path(), path);
        QCOMPARE(parsed.localPath(), localPath);
        QCOMPARE(parsed.uri(), uri);
    }

    void escapesBesideCharactersOutsideTheBmp()
    {
        QCOMPARE(WorkspaceUri::percentDecode(u"😀%20x%C3%A9😀"_s), u"😀 xé😀"_s);
    }

    // VS Code's serialized URI objects hold decoded parts: "#" and "%41" in them are literal.
    void fromParts()
    {
        const WorkspaceUri uri = WorkspaceUri::fromParts(u"file"_s, {}, u"/home/me/C#/100%41/a.cs"_s);
        QCOMPARE(uri.localPath(), u"/home/me/C#/100%41/a.cs"_s);
        QCOMPARE(WorkspaceUri::fromParts(u"file"_s, {}, u"/c:/Users/me"_s).localPath(), u"C:\\Users\\me"_s);
    }

    void invalidEscapesStayLiteral() { QCOMPARE(WorkspaceUri::percentDecode(u"50%zz off %4"_s), u"50%zz off %4"_s); }
};

QTEST_GUILESS_MAIN(TestWorkspaceUri)
#include "TestWorkspaceUri.moc"
