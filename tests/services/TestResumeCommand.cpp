// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#include "services/ResumeCommand.h"

#include <QStandardPaths>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace chasm;

// The command that carries on a session in its tool, as the "Open in …" dialog shows and copies it.
class TestResumeCommand : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void commandPerTool_data()
    {
        QTest::addColumn<QString>("provider");
        QTest::addColumn<QString>("editor");
        QTest::addColumn<QString>("project");
        QTest::addColumn<QString>("tool");
        QTest::addColumn<QString>("line");
        QTest::addColumn<bool>("opensWorkspace");
        const QString id = u"11111111-aaaa-4bbb-8ccc-000000000001"_s;
        QTest::newRow("claude") << u"claude-code"_s << QString() << u"/home/dev/web"_s << u"Claude Code"_s
                                << u"cd /home/dev/web && claude --resume "_s + id << false;
        QTest::newRow("codex") << u"codex"_s << QString() << u"/home/dev/web"_s << u"Codex CLI"_s
                               << u"cd /home/dev/web && codex resume "_s + id << false;
        QTest::newRow("gemini, no folder")
            << u"gemini"_s << QString() << QString() << u"Gemini CLI"_s << u"gemini --resume "_s + id << false;
        QTest::newRow("folder with a space and a quote")
            << u"claude-code"_s << QString() << u"/home/dev/Bob's app"_s << u"Claude Code"_s
            << u"cd '/home/dev/Bob'\\''s app' && claude --resume "_s + id << false;
        QTest::newRow("vs code") << u"copilot"_s << u"code"_s << u"/home/dev/web app"_s << u"VS Code"_s
                                 << u"code '/home/dev/web app'"_s << true;
        QTest::newRow("cursor") << u"copilot"_s << u"cursor"_s << u"/home/dev/web"_s << u"Cursor"_s
                                << u"cursor /home/dev/web"_s << true;
    }

    void commandPerTool()
    {
        QFETCH(QString, provider);
        QFETCH(QString, editor);
        QFETCH(QString, project);
        QFETCH(QString, tool);
        QFETCH(QString, line);
        QFETCH(bool, opensWorkspace);
        SessionRef ref;
        ref.provider = provider;
        ref.editor = editor;
        ref.nativeId = u"11111111-aaaa-4bbb-8ccc-000000000001"_s;
        ref.id = provider + u':' + ref.nativeId;
        ref.projectPath = project;
        const auto command = resumeCommand(ref);
        QVERIFY(command);
        QCOMPARE(command->tool, tool);
        QCOMPARE(command->shellLine(), line);
        QCOMPARE(command->opensWorkspace, opensWorkspace);
    }

    // Tools with no way to resume a session by its id, and an editor session without a folder, have none.
    void noCommand_data()
    {
        QTest::addColumn<QString>("provider");
        QTest::addColumn<QString>("editor");
        QTest::addColumn<QString>("project");
        QTest::newRow("aider") << u"aider"_s << QString() << u"/home/dev/web"_s;
        QTest::newRow("continue") << u"continue"_s << QString() << u"/home/dev/web"_s;
        QTest::newRow("empty window") << u"copilot"_s << u"code"_s << QString();
    }

    void noCommand()
    {
        QFETCH(QString, provider);
        QFETCH(QString, editor);
        QFETCH(QString, project);
        SessionRef ref;
        ref.provider = provider;
        ref.editor = editor;
        ref.nativeId = u"abc"_s;
        ref.projectPath = project;
        QVERIFY(!resumeCommand(ref));
    }
};

QTEST_GUILESS_MAIN(TestResumeCommand)
#include "TestResumeCommand.moc"
