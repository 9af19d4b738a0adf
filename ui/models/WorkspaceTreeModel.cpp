// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#include "WorkspaceTreeModel.h"

#include "views/Localization.h"

#include <QIcon>

using namespace Qt::StringLiterals;

namespace chasm {

WorkspaceTreeModel::WorkspaceTreeModel(QObject* parent)
    : QAbstractItemModel(parent)
{}

void WorkspaceTreeModel::setWorkspaces(QList<Workspace> workspaces, const QList<TimelineService::Project>& projects)
{
    beginResetModel();
    m_groups.clear();
    // First "All sessions": the scope that shows every session (no group key, no workspace).
    m_groups.append({QString(), tr("All sessions"), {}, 0});
    std::stable_sort(workspaces.begin(), workspaces.end(),
                     [](const Workspace& a, const Workspace& b) { return a.lastModified > b.lastModified; });
    for (const Workspace& w : std::as_const(workspaces)) {
        if (w.sessionCount == 0) {
            continue;
        }
        const QString key = w.editor.isEmpty() ? w.provider : w.editor;
        auto group = std::find_if(m_groups.begin(), m_groups.end(), [&key](const Group& g) { return g.key == key; });
        if (group == m_groups.end()) {
            m_groups.append({key, w.application.isEmpty() ? w.provider : w.application, {}, 0});
            group = m_groups.end() - 1;
        }
        QList<Row> rows;
        if (w.kind == Workspace::Kind::Store) {
            // Projects come most recently active first.
            for (const TimelineService::Project& project : projects) {
                for (const TimelineService::Place& place : project.places) {
                    if (place.workspace.id == w.id) {
                        rows.append({w, place.sessionCount, project.key, project.name, project.path});
                    }
                }
            }
        }
        if (rows.isEmpty()) {
            rows.append({w, w.sessionCount, std::nullopt, {}, {}});
        }
        group->rows.append(rows);
        group->sessionCount += w.sessionCount;
        m_groups.first().sessionCount += w.sessionCount;
    }
    if (m_groups.size() == 1) {
        m_groups.clear(); // nothing found: an empty tree, beside the note that says where Chasm looked
    }
    endResetModel();
}

void WorkspaceTreeModel::setSavedSearches(QList<SavedSearchRow> searches)
{
    // Rows come and go without a reset, so the selection in the rest of the tree stays.
    const int groupRow = int(m_groups.size());
    if (!m_searches.isEmpty()) {
        if (searches.isEmpty()) {
            beginRemoveRows({}, groupRow, groupRow);
            m_searches.clear();
            endRemoveRows();
            return;
        }
        const QModelIndex group = savedSearchesIndex();
        const int before = int(m_searches.size());
        const int after = int(searches.size());
        if (after < before) {
            beginRemoveRows(group, after, before - 1);
            m_searches.resize(after);
            endRemoveRows();
        } else if (after > before) {
            beginInsertRows(group, before, after - 1);
            m_searches.append(searches.mid(before));
            endInsertRows();
        }
        m_searches = std::move(searches);
        Q_EMIT dataChanged(index(0, 0, group), index(after - 1, ColumnCount - 1, group));
    } else if (!searches.isEmpty()) {
        beginInsertRows({}, groupRow, groupRow);
        m_searches = std::move(searches);
        endInsertRows();
    }
}

QModelIndex WorkspaceTreeModel::savedSearchesIndex() const
{
    return m_searches.isEmpty() ? QModelIndex() : index(int(m_groups.size()), NameColumn);
}

QStringList WorkspaceTreeModel::badges(const Workspace& w)
{
    QStringList result;
    if (w.folderMissing) {
        result << tr("folder missing");
    }
    if (w.orphanCount > 0) {
        result << tr("%n not in index", nullptr, w.orphanCount);
    }
    return result;
}

const WorkspaceTreeModel::Row* WorkspaceTreeModel::row(const QModelIndex& index) const
{
    if (!index.isValid() || index.internalId() == 0 || isSavedSearchGroup(int(index.internalId() - 1))) {
        return nullptr;
    }
    return &m_groups.at(int(index.internalId() - 1)).rows.at(index.row());
}

const Workspace* WorkspaceTreeModel::workspace(const QModelIndex& index) const
{
    const Row* found = row(index);
    return found ? &found->workspace : nullptr;
}

QModelIndex WorkspaceTreeModel::index(int row, int column, const QModelIndex& parent) const
{
    if (!hasIndex(row, column, parent)) {
        return {};
    }
    if (!parent.isValid()) {
        return createIndex(row, column, quintptr(0));
    }
    return createIndex(row, column, quintptr(parent.row() + 1));
}

QModelIndex WorkspaceTreeModel::parent(const QModelIndex& child) const
{
    if (!child.isValid() || child.internalId() == 0) {
        return {};
    }
    return createIndex(int(child.internalId() - 1), 0, quintptr(0));
}

int WorkspaceTreeModel::rowCount(const QModelIndex& parent) const
{
    if (!parent.isValid()) {
        return int(m_groups.size()) + (m_searches.isEmpty() ? 0 : 1);
    }
    if (parent.column() != 0 || parent.internalId() != 0) {
        return 0;
    }
    return int(isSavedSearchGroup(parent.row()) ? m_searches.size() : m_groups.at(parent.row()).rows.size());
}

int WorkspaceTreeModel::columnCount(const QModelIndex& parent) const
{
    Q_UNUSED(parent)
    return ColumnCount;
}

QVariant WorkspaceTreeModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid)) {
        return {};
    }
    const bool isEditor = index.internalId() == 0;
    if (isSavedSearchGroup(isEditor ? index.row() : int(index.internalId() - 1))) {
        return savedSearchData(index, role);
    }
    const Group& group = m_groups.at(isEditor ? index.row() : int(index.internalId() - 1));
    const Row* r = row(index);
    const Workspace* w = r ? &r->workspace : nullptr;
    switch (role) {
    case Qt::DisplayRole:
        if (index.column() == SessionsColumn) {
            return isEditor ? group.sessionCount : r->sessionCount;
        }
        if (isEditor) {
            return group.name;
        }
        if (r->projectKey) {
            return displayedWorkspaceName(r->projectName.isEmpty() ? u"(no folder)"_s : r->projectName);
        }
        return displayedWorkspaceName(w->displayName());
    case Qt::ToolTipRole: {
        if (isEditor) {
            return group.key.isEmpty()
                       ? tr("Every session Chasm found")
                       : tr("%n session(s) in %1 workspace(s)", nullptr, group.sessionCount).arg(group.rows.size());
        }
        if (r->projectKey) {
            return tr("%1\n%n session(s) of this project in %2", nullptr, r->sessionCount)
                .arg(r->projectPath.isEmpty() ? displayedWorkspaceName(u"(no folder)"_s) : r->projectPath,
                     w->storagePath);
        }
        QString tip = w->kind == Workspace::Kind::Remote ? tr("Remote: %1").arg(w->uri)
                                                         : (w->projectPath.isEmpty() ? w->storagePath : w->projectPath);
        if (w->folderMissing) {
            tip += u"\n"_s + tr("The project folder is gone (moved, renamed or deleted): the editor opens the project "
                                "under a new workspace, where these sessions do not show.");
        }
        if (w->orphanCount > 0) {
            tip += u"\n"_s + tr("%n session file(s) are not in the editor's index, so its chat history does not "
                                "show them (see the index inspector).",
                                nullptr, w->orphanCount);
        }
        return tip;
    }
    case Qt::DecorationRole:
        if (index.column() != NameColumn) {
            return {};
        }
        if (isEditor) {
            return QIcon::fromTheme(group.key.isEmpty() ? u"view-list-details"_s : u"applications-development"_s);
        }
        if (!badges(*w).isEmpty()) {
            return QIcon::fromTheme(u"dialog-warning"_s);
        }
        return QIcon::fromTheme(w->kind == Workspace::Kind::Remote ? u"network-server"_s : u"folder"_s);
    case ProblemsRole:
        return isEditor ? QStringList() : badges(*w);
    case Qt::TextAlignmentRole:
        return index.column() == SessionsColumn ? QVariant(Qt::AlignRight | Qt::AlignVCenter) : QVariant();
    case WorkspaceIdRole:
        return isEditor ? QString() : w->id;
    case GroupRole:
        return group.key;
    case ProjectKeyRole:
        return r && r->projectKey ? QVariant(*r->projectKey) : QVariant();
    default:
        return {};
    }
}

QVariant WorkspaceTreeModel::savedSearchData(const QModelIndex& index, int role) const
{
    const bool isGroup = index.internalId() == 0;
    switch (role) {
    case Qt::DisplayRole:
        if (index.column() == SessionsColumn) {
            return {};
        }
        return isGroup ? tr("Saved searches") : m_searches.at(index.row()).name;
    case Qt::ToolTipRole:
        return isGroup ? tr("Searches you saved from the search pane (Ctrl+D); Delete removes the selected one")
                       : m_searches.at(index.row()).description;
    case Qt::DecorationRole:
        if (index.column() != NameColumn) {
            return {};
        }
        return QIcon::fromTheme(isGroup ? u"folder-saved-search"_s : u"edit-find"_s);
    case SavedSearchRole:
        return isGroup ? -1 : index.row();
    default:
        return {};
    }
}

QVariant WorkspaceTreeModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) {
        return {};
    }
    return section == NameColumn ? tr("Workspace") : tr("Sessions");
}

} // namespace chasm
