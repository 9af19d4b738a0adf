#pragma once

// Small steps the GUI tests share: finding a row of the sources tree, counting listed sessions.

#include "models/SessionListModel.h"
#include "models/WorkspaceTreeModel.h"

#include <QModelIndex>
#include <QString>

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

// How many of the sessions the window lists (all of them, whatever the pane shows) have this native id.
inline int sessionsWithNativeId(const SessionListModel* model, const QString& nativeId)
{
    int count = 0;
    for (int row = 0; row < model->rowCount(); ++row) {
        count += model->session(row).nativeId == nativeId ? 1 : 0;
    }
    return count;
}

} // namespace chasm::test
