// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#include "FixtureHome.h"
#include "providers/SessionCatalog.h"
#include "providers/aider/AiderProvider.h"

#include <QStandardPaths>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace chasm;

class TestAider : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_home.isValid());
    }

    void history()
    {
        const auto sessions = AiderProvider::readHistory(m_home.file(u"dev/projects/game/.aider.chat.history.md"_s));
        QVERIFY(sessions.ok());
        QCOMPARE(sessions->size(), 2);
        const Session& first = sessions->at(0);
        QCOMPARE(first.title, u"Add a pause key to the game loop (use P)"_s);
        QCOMPARE(first.projectPath, m_home.file(u"dev/projects/game"_s));
        QCOMPARE(first.createdAt, QDateTime::fromString(u"2026-02-10 09:15:02"_s, u"yyyy-MM-dd HH:mm:ss"_s).toUTC());
        QStringList roles;
        for (const Message& m : first.messages) {
            roles << roleName(m.role);
        }
        QCOMPARE(roles, (QStringList{u"system"_s, u"user"_s, u"assistant"_s, u"system"_s, u"user"_s, u"system"_s,
                                     u"assistant"_s}));
        QCOMPARE(first.messages.at(1).content, u"Add a pause key to the game loop\n(use P)"_s);
        QVERIFY(first.messages.at(2).content.contains(u"```python\n<<<<<<< SEARCH"_s));
        QCOMPARE(first.messages.at(2).model, u"anthropic/claude-sonnet-4-5"_s);
        QCOMPARE(first.messages.at(4).content, u"/run python game.py"_s);
        QCOMPARE(first.totalTokens, std::optional<qint64>(2100 + 180));
        QCOMPARE(sessions->at(1).totalTokens, std::optional<qint64>(1240));
        QCOMPARE(sessions->at(1).messages.at(2).model, u"gpt-4.1"_s);
        QVERIFY(first.nativeId != sessions->at(1).nativeId);
    }

    // Aider keeps no list of projects: its files are found in the folders other tools know, and in
    // the folder a command names.
    void foundThroughOtherProviders()
    {
        SessionCatalog catalog(m_home.environment());
        const auto aider = catalog.providers(u"aider"_s);
        QList<SessionRef> sessions = catalog.sessions(*aider, catalog.workspaces(*aider));
        QCOMPARE(sessions.size(), 2); // the game project, known from Claude Code

        const QString elsewhere = m_home.file(u"elsewhere"_s);
        sessions = catalog.sessions(*aider, catalog.workspaces(*aider, {elsewhere}));
        QCOMPARE(sessions.size(), 5);
        const auto empty = std::find_if(sessions.cbegin(), sessions.cend(),
                                        [](const SessionRef& s) { return s.createdAt.date() == QDate(2026, 3, 2); });
        QVERIFY(empty != sessions.cend());
        QCOMPARE(empty->messageCount, 0);
        QCOMPARE(empty->title, u"Untitled"_s);
        const auto failed = std::find_if(sessions.cbegin(), sessions.cend(),
                                         [](const SessionRef& s) { return s.title == u"refactor utils.py"_s; });
        QVERIFY(failed != sessions.cend());
        const auto failedSession = catalog.load(*failed);
        QCOMPARE(test::roles(*failedSession), (QStringList{u"user"_s, u"system"_s})); // the error is aider's output
        const auto hello =
            std::find_if(sessions.cbegin(), sessions.cend(), [](const SessionRef& s) { return s.title == u"hello"_s; });
        QVERIFY(hello != sessions.cend());
        const auto loaded = catalog.load(*hello);
        QVERIFY(loaded.ok());
        QCOMPARE(loaded->messages.last().content, u"Hi!"_s);
    }

    // HOME isolation: a history in a current directory outside HOME is not read unless named.
    void currentDirectoryOutsideHome()
    {
        QTemporaryDir outside;
        QFile history(outside.filePath(QString::fromLatin1(AiderProvider::historyFileName)));
        QVERIFY(history.open(QIODevice::WriteOnly));
        history.write("# aider chat started at 2026-04-01 10:00:00\n\n#### outside\n\nok\n");
        history.close();
        const Environment environment =
            Environment::fromVariables({{u"HOME"_s, m_home.path()}, {u"PWD"_s, outside.path()}}, Platform::Linux);
        SessionCatalog catalog(environment);
        const auto aider = catalog.providers(u"aider"_s);
        QCOMPARE(catalog.sessions(*aider, catalog.workspaces(*aider)).size(), 2);
        QCOMPARE(catalog.sessions(*aider, catalog.workspaces(*aider, {outside.path()})).size(), 3);
    }

private:
    test::FixtureHome m_home{u"aider"_s};
};

QTEST_GUILESS_MAIN(TestAider)
#include "TestAider.moc"
