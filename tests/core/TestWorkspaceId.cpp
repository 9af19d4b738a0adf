// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

// WorkspaceId: the workspace ids and folder URIs VS Code computes (workspaces.ts, URI.toString()), against values
// computed outside Chasm (Python's hashlib) and the URIs VS Code writes in workspace.json.

#include "vscode/WorkspaceId.h"

#include <QCryptographicHash>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>

using namespace Qt::StringLiterals;
using namespace chasm;

class TestWorkspaceId : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void ids()
    {
        // md5("/home/me/web app" + "1234"); a salt of 0 is left out (`ctime ? String(ctime) : ''`).
        QCOMPARE(WorkspaceId::ofFolder(u"/home/me/web app"_s, 1234), u"e0051217c9d0f396d6b1f9a96c0e6bb1"_s);
        QCOMPARE(WorkspaceId::ofFolder(u"/home/me/web app"_s, 0), u"87d6da90a68bf00d85ca59cc6f7b6c40"_s);
        QCOMPARE(WorkspaceId::ofRemote(u"vscode-remote://ssh-remote%2Bbuildbox/srv/api"_s),
                 u"72a50139d98517422e94d68eee7de9c6"_s);
    }

    // On Linux, the salt of a real folder is its inode number; a missing folder has no id.
    void localFolder()
    {
        QTemporaryDir dir;
        struct stat status
        {};
        QCOMPARE(::stat(QFile::encodeName(dir.path()).constData(), &status), 0);
        QCOMPARE(*WorkspaceId::ofLocalFolder(dir.path()), WorkspaceId::ofFolder(dir.path(), quint64(status.st_ino)));
        const auto missing = WorkspaceId::ofLocalFolder(dir.filePath(u"gone"_s));
        QVERIFY(!missing);
        QVERIFY2(missing.error().message.contains(u"create it first"_s), qPrintable(missing.error().message));
    }

    void fileUris_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("uri");
        QTest::newRow("space") << u"/home/me/web app"_s << u"file:///home/me/web%20app"_s;
        QTest::newRow("reserved") << u"/x/a#b?c%d+e"_s << u"file:///x/a%23b%3Fc%25d%2Be"_s;
        QTest::newRow("non-ASCII") << u"/x/é"_s << u"file:///x/%C3%A9"_s;
        QTest::newRow("Windows drive") << u"C:/Users/me"_s << u"file:///c%3A/Users/me"_s;
    }
    void fileUris()
    {
        QFETCH(QString, path);
        QFETCH(QString, uri);
        QCOMPARE(WorkspaceId::fileUri(path), uri);
    }
};

QTEST_GUILESS_MAIN(TestWorkspaceId)
#include "TestWorkspaceId.moc"
