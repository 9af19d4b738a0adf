// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

// Help → Connect AI agents (MCP), as a person uses it: pick a client, copy its configuration, paste it; and
// Tools → Copy MCP configuration.

#include "FixtureHome.h"
#include "dialogs/McpSetupDialog.h"
#include "util/Settings.h"
#include "views/HarvestStatusBar.h"
#include "views/MainWindow.h"

#include <QApplication>
#include <QClipboard>
#include <QFontDatabase>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMenu>
#include <QMenuBar>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTabBar>
#include <QTabWidget>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace chasm;

namespace {

// The action of the window's menu `menu` whose text is `text`.
QAction* menuAction(MainWindow& window, const QString& menu, const QString& text)
{
    for (QAction* top : window.menuBar()->actions()) {
        if (top->text() == menu && top->menu()) {
            for (QAction* action : top->menu()->actions()) {
                if (action->text() == text) {
                    return action;
                }
            }
        }
    }
    return nullptr;
}

bool openWindow(MainWindow& window)
{
    QSignalSpy loaded(&window, &MainWindow::catalogLoaded);
    window.show();
    return QTest::qWaitForWindowExposed(&window) && (loaded.count() > 0 || loaded.wait(30000));
}

// The "chasm" server of a JSON configuration under `key`.
QJsonObject chasmServer(const QString& text, const QString& key)
{
    return QJsonDocument::fromJson(text.toUtf8()).object()[key].toObject()[u"chasm"_s].toObject();
}

} // namespace

class TestMcpSetupDialog : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void copyVsCodeConfiguration()
    {
        test::FixtureHome home(u"claude-code"_s);
        Settings settings(home.file(u"chasm.conf"_s));
        MainWindow window(home.environment(), &settings);
        QVERIFY(openWindow(window));
        QAction* connectAgents = menuAction(window, u"&Help"_s, u"Connect AI &agents (MCP)…"_s);
        QVERIFY(connectAgents);
        connectAgents->trigger();
        McpSetupDialog* dialog = window.findChild<McpSetupDialog*>();
        QVERIFY(dialog);
        QVERIFY(QTest::qWaitForWindowExposed(dialog));
        QTabBar* tabs = dialog->tabs()->tabBar();
        QStringList names;
        for (int i = 0; i < tabs->count(); ++i) {
            names << tabs->tabText(i);
        }
        QCOMPARE(names, (QStringList{u"Claude Desktop"_s, u"VS Code"_s, u"Cursor"_s, u"Claude Code"_s, u"Codex CLI"_s,
                                     u"Gemini CLI"_s}));
        QTest::mouseClick(tabs, Qt::LeftButton, {}, tabs->tabRect(names.indexOf(u"VS Code"_s)).center());
        QCOMPARE(dialog->tabs()->currentWidget()->objectName(), u"vscode"_s);
        QPlainTextEdit* text = dialog->textOf(u"vscode"_s);
        QVERIFY(text && text->isVisible() && text->isReadOnly());
        QCOMPARE(text->font(), QFontDatabase::systemFont(QFontDatabase::FixedFont));
        QApplication::clipboard()->clear();
        QTest::mouseClick(dialog->copyButtonOf(u"vscode"_s), Qt::LeftButton);
        const QJsonObject server = chasmServer(QApplication::clipboard()->text(), u"servers"_s);
        QCOMPARE(server[u"type"_s].toString(), u"stdio"_s);
        QVERIFY(!server[u"command"_s].toString().isEmpty());
        // `mcp serve` on the database the app harvests into (the standard one here: no --db).
        QCOMPARE(server[u"args"_s].toArray(), (QJsonArray{u"mcp"_s, u"serve"_s}));
        QCOMPARE(window.harvestStatusBar()->status(), u"Copied the VS Code configuration of Chasm's MCP server"_s);
        QVERIFY(dialog->grab().save(u"/tmp/chasm-mcp-setup.png"_s));
        dialog->close();
    }

    // Tools → Copy MCP configuration: Claude Desktop's JSON on the clipboard, and where to paste it.
    void copyClaudeDesktopConfiguration()
    {
        test::FixtureHome home(u"claude-code"_s);
        Settings settings(home.file(u"chasm.conf"_s));
        settings.setValue(Settings::Key::DatabasePath, home.file(u"my dbs/chasm.db"_s));
        MainWindow window(home.environment(), &settings);
        QVERIFY(openWindow(window));
        QAction* copy = menuAction(window, u"&Tools"_s, u"Copy MCP &configuration"_s);
        QVERIFY(copy);
        copy->trigger();
        const QJsonObject server = chasmServer(QApplication::clipboard()->text(), u"mcpServers"_s);
        QCOMPARE(server[u"args"_s].toArray(),
                 (QJsonArray{u"mcp"_s, u"serve"_s, u"--db"_s, home.file(u"my dbs/chasm.db"_s)}));
        QVERIFY2(
            window.harvestStatusBar()->status().endsWith(home.path() + u"/.config/Claude/claude_desktop_config.json"_s),
            qPrintable(window.harvestStatusBar()->status()));
    }
};

QTEST_MAIN(TestMcpSetupDialog)
#include "TestMcpSetupDialog.moc"
