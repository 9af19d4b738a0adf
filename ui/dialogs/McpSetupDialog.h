// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#pragma once

#include "mcp/McpClientSetup.h"

#include <QDialog>

class QPlainTextEdit;
class QPushButton;
class QTabWidget;

namespace chasm {

// Help → Connect AI agents (MCP): a tab for each client Chasm's MCP server works with (Claude Desktop, VS Code,
// Cursor, Claude Code, Codex CLI, Gemini CLI): where its configuration goes and the text to paste, read-only in
// a fixed font, with a button that copies it.
class McpSetupDialog final : public QDialog
{
    Q_OBJECT

public:
    explicit McpSetupDialog(const QList<mcp::McpClientSetup>& setups, QWidget* parent = nullptr);

    QTabWidget* tabs() const { return m_tabs; }
    // The text and the Copy button of the client with this id (nullptr when there is none).
    QPlainTextEdit* textOf(const QString& id) const;
    QPushButton* copyButtonOf(const QString& id) const;

Q_SIGNALS:
    // What was copied, for the status bar.
    void reported(const QString& message);

private:
    QTabWidget* m_tabs;
};

} // namespace chasm
