// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#include "GuideDialog.h"

#include <QAction>
#include <QDialogButtonBox>
#include <QHeaderView>
#include <QTableWidget>
#include <QTextBrowser>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace chasm {

GuideDialog::GuideDialog(const QList<QAction*>& actions, QWidget* parent)
    : QDialog(parent)
    , m_guide(new QTextBrowser(this))
    , m_shortcuts(new QTableWidget(this))
{
    setWindowTitle(tr("Getting started with Chasm"));
    resize(640, 600);
    m_guide->setOpenExternalLinks(false);
    m_guide->setMarkdown(
        tr("Chasm reads the chat histories your AI coding assistants keep on this computer.\n\n"
           "- **Sources** (left): every tool and its projects. Select one to list its sessions.\n"
           "- **Sessions** (top): type in the filter to narrow the list by title, tool or project; select a "
           "session to read it below. Its context menu exports, merges, or opens it in its tool again.\n"
           "- **Search** (Ctrl+K): every word of every conversation, as you type. `zephyr*` finds words "
           "starting so, \"a phrase\" finds it whole, `a OR b` either word, `a NOT b` leaves one out. Search "
           "reads Chasm's database: harvest first (Harvest → Harvest now).\n"
           "- **Harvest** keeps a copy of every session, which stays when a tool deletes its history.\n"
           "- **Tools → Recovery assistant** finds sessions your editors no longer show, and brings them back; "
           "every change it makes can be undone.\n"));
    m_shortcuts->setColumnCount(2);
    m_shortcuts->setHorizontalHeaderLabels({tr("Action"), tr("Shortcut")});
    m_shortcuts->verticalHeader()->hide();
    m_shortcuts->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_shortcuts->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_shortcuts->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_shortcuts->horizontalHeader()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
    for (const QAction* action : actions) {
        if (action->shortcut().isEmpty() || action->text().isEmpty()) {
            continue;
        }
        const int row = m_shortcuts->rowCount();
        m_shortcuts->insertRow(row);
        m_shortcuts->setItem(row, 0, new QTableWidgetItem(QString(action->text()).remove(u'&')));
        m_shortcuts->setItem(row, 1, new QTableWidgetItem(action->shortcut().toString(QKeySequence::NativeText)));
    }
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_guide, 3);
    layout->addWidget(m_shortcuts, 2);
    layout->addWidget(buttons);
}

} // namespace chasm
