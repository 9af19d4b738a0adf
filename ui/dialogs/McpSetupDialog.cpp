// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#include "McpSetupDialog.h"

#include <QApplication>
#include <QClipboard>
#include <QDialogButtonBox>
#include <QFontDatabase>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTabWidget>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace chasm {

namespace {

// Where a client's text goes, in words.
QString whereItGoes(const mcp::McpClientSetup& setup)
{
    if (setup.form == mcp::McpClientSetup::Form::Command) {
        return McpSetupDialog::tr("Run this in a terminal:");
    }
    const QString merge =
        McpSetupDialog::tr("When the file exists, add the “chasm” entry to its “%1”.").arg(setup.serversKey);
    if (setup.projectFile.isEmpty()) {
        return McpSetupDialog::tr("Put this in %1.").arg(setup.file) + u' ' + merge;
    }
    return McpSetupDialog::tr("Put this in %1 (for one project only: %2 in its folder).")
               .arg(setup.file, setup.projectFile) +
           u' ' + merge;
}

} // namespace

McpSetupDialog::McpSetupDialog(const QList<mcp::McpClientSetup>& setups, QWidget* parent)
    : QDialog(parent)
    , m_tabs(new QTabWidget(this))
{
    setWindowTitle(tr("Connect AI agents (MCP)"));
    resize(720, 440);
    auto* intro = new QLabel(
        tr("AI agents search and read your chat history through Chasm's MCP server (<code>chasm mcp serve</code>). "
           "Give yours this configuration, then restart it."),
        this);
    intro->setWordWrap(true);
    const QFont fixed = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    for (const mcp::McpClientSetup& setup : setups) {
        auto* page = new QWidget(m_tabs);
        page->setObjectName(setup.id);
        auto* where = new QLabel(whereItGoes(setup), page);
        where->setWordWrap(true);
        where->setTextInteractionFlags(Qt::TextSelectableByMouse);
        auto* text = new QPlainTextEdit(setup.text, page);
        text->setObjectName(u"text"_s);
        text->setReadOnly(true);
        text->setFont(fixed);
        text->setLineWrapMode(QPlainTextEdit::NoWrap);
        auto* copy = new QPushButton(QIcon::fromTheme(u"edit-copy"_s), tr("&Copy"), page);
        copy->setObjectName(u"copy"_s);
        copy->setAutoDefault(false);
        auto* layout = new QVBoxLayout(page);
        layout->addWidget(where);
        layout->addWidget(text, 1);
        layout->addWidget(copy, 0, Qt::AlignRight);
        connect(copy, &QPushButton::clicked, this, [this, setup] {
            QApplication::clipboard()->setText(setup.text);
            Q_EMIT reported(tr("Copied the %1 configuration of Chasm's MCP server").arg(setup.name));
        });
        m_tabs->addTab(page, setup.name);
    }
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addWidget(m_tabs, 1);
    layout->addWidget(buttons);
}

QPlainTextEdit* McpSetupDialog::textOf(const QString& id) const
{
    const QWidget* page = m_tabs->findChild<QWidget*>(id);
    return page ? page->findChild<QPlainTextEdit*>(u"text"_s) : nullptr;
}

QPushButton* McpSetupDialog::copyButtonOf(const QString& id) const
{
    const QWidget* page = m_tabs->findChild<QWidget*>(id);
    return page ? page->findChild<QPushButton*>(u"copy"_s) : nullptr;
}

} // namespace chasm
