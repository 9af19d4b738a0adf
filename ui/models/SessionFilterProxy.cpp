#include "SessionFilterProxy.h"

#include "models/SessionListModel.h"

namespace chasm {

SessionFilterProxy::SessionFilterProxy(QObject* parent)
    : QSortFilterProxyModel(parent)
{
    setSortRole(SessionListModel::SortRole);
}

void SessionFilterProxy::setScope(const QString& group, const QString& workspaceId)
{
    m_group = group;
    m_workspaceId = workspaceId;
    invalidateFilter();
}

void SessionFilterProxy::setText(const QString& text)
{
    m_text = text.trimmed();
    invalidateFilter();
}

bool SessionFilterProxy::filterAcceptsRow(int row, const QModelIndex& parent) const
{
    const QModelIndex index = sourceModel()->index(row, 0, parent);
    if (!m_workspaceId.isEmpty() && index.data(SessionListModel::WorkspaceIdRole).toString() != m_workspaceId) {
        return false;
    }
    if (m_workspaceId.isEmpty() && !m_group.isEmpty() &&
        index.data(SessionListModel::GroupRole).toString() != m_group) {
        return false;
    }
    if (m_text.isEmpty()) {
        return true;
    }
    for (const int column :
         {SessionListModel::TitleColumn, SessionListModel::ProviderColumn, SessionListModel::ProjectColumn}) {
        if (sourceModel()->index(row, column, parent).data().toString().contains(m_text, Qt::CaseInsensitive)) {
            return true;
        }
    }
    return false;
}

} // namespace chasm
