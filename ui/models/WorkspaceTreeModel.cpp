#include "WorkspaceTreeModel.h"

#include <QIcon>

using namespace Qt::StringLiterals;

namespace chasm {

WorkspaceTreeModel::WorkspaceTreeModel(QObject* parent)
    : QAbstractItemModel(parent)
{}

void WorkspaceTreeModel::setWorkspaces(QList<Workspace> workspaces)
{
    beginResetModel();
    m_groups.clear();
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
        group->workspaces.append(w);
        group->sessionCount += w.sessionCount;
    }
    endResetModel();
}

const Workspace* WorkspaceTreeModel::workspace(const QModelIndex& index) const
{
    if (!index.isValid() || index.internalId() == 0) {
        return nullptr;
    }
    return &m_groups.at(int(index.internalId() - 1)).workspaces.at(index.row());
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
        return int(m_groups.size());
    }
    if (parent.column() != 0 || parent.internalId() != 0) {
        return 0;
    }
    return int(m_groups.at(parent.row()).workspaces.size());
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
    const Group& group = m_groups.at(isEditor ? index.row() : int(index.internalId() - 1));
    const Workspace* w = workspace(index);
    switch (role) {
    case Qt::DisplayRole:
        if (index.column() == SessionsColumn) {
            return isEditor ? group.sessionCount : w->sessionCount;
        }
        return isEditor ? group.name : w->displayName();
    case Qt::ToolTipRole:
        if (isEditor) {
            return tr("%n session(s) in %1 workspace(s)", nullptr, group.sessionCount).arg(group.workspaces.size());
        }
        if (w->kind == Workspace::Kind::Remote) {
            return tr("Remote: %1").arg(w->uri);
        }
        return w->projectPath.isEmpty() ? w->storagePath : w->projectPath;
    case Qt::DecorationRole:
        if (index.column() == NameColumn) {
            return QIcon::fromTheme(isEditor
                                        ? u"applications-development"_s
                                        : (w->kind == Workspace::Kind::Remote ? u"network-server"_s : u"folder"_s));
        }
        return {};
    case Qt::TextAlignmentRole:
        return index.column() == SessionsColumn ? QVariant(Qt::AlignRight | Qt::AlignVCenter) : QVariant();
    case WorkspaceIdRole:
        return isEditor ? QString() : w->id;
    case GroupRole:
        return group.key;
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
