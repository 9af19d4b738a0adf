// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#pragma once

// Small steps the GUI tests share: finding a row of the sources tree, counting listed sessions, answering
// the menu or dialog that a step opens.

#include "models/SessionListModel.h"
#include "models/WorkspaceTreeModel.h"

#include <QAction>
#include <QApplication>
#include <QModelIndex>
#include <QString>
#include <QTableView>
#include <QTimer>
#include <QWidget>

#include <functional>

namespace chasm::test {

// The row of a workspace under the editor group at `groupRow` of the sources tree.
inline QModelIndex workspaceRow(const WorkspaceTreeModel* tree, int groupRow, const QString& name)
{
    const QModelIndex group = tree->index(groupRow, 0);
    for (int row = 0; row < tree->rowCount(group); ++row) {
        if (tree->index(row, 0, group).data().toString() == name) {
            return tree->index(row, 0, group);
        }
    }
    return {};
}

// The sessions pane's cell of the session with `id` (invalid when it is not shown).
inline QModelIndex sessionCell(const QTableView* sessions, const QString& id)
{
    for (int row = 0; row < sessions->model()->rowCount(); ++row) {
        const QModelIndex index = sessions->model()->index(row, SessionListModel::TitleColumn);
        if (index.data(SessionListModel::SessionIdRole).toString() == id) {
            return index;
        }
    }
    return {};
}

// How many of the sessions the window lists (all of them, whatever the pane shows) have this native id.
inline int sessionsWithNativeId(const SessionListModel* model, const QString& nativeId)
{
    int count = 0;
    for (int row = 0; row < model->rowCount(); ++row) {
        count += model->session(row).nativeId == nativeId ? 1 : 0;
    }
    return count;
}

// Runs `check` on the popup menu or modal dialog that the next key press or click opens.
inline void whenOpened(const std::function<void(QWidget*)>& check)
{
    auto* timer = new QTimer;
    timer->setInterval(20);
    QObject::connect(timer, &QTimer::timeout, timer, [timer, check] {
        QWidget* opened =
            QApplication::activePopupWidget() ? QApplication::activePopupWidget() : QApplication::activeModalWidget();
        if (opened && opened->isVisible()) {
            timer->stop();
            timer->deleteLater();
            check(opened);
        }
    });
    timer->start();
}

// The texts of a menu's actions, without separators.
inline QStringList actionTexts(const QWidget* menu)
{
    QStringList texts;
    for (const QAction* action : menu->actions()) {
        if (!action->isSeparator()) {
            texts << action->text().section(u'\t', 0, 0); // without the shortcut shown after a tab
        }
    }
    return texts;
}

} // namespace chasm::test
