// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#include "SessionFilterProxy.h"

#include "models/SessionListModel.h"

namespace chasm {

SessionFilterProxy::SessionFilterProxy(QObject* parent)
    : QSortFilterProxyModel(parent)
{
    setSortRole(SessionListModel::SortRole);
}

void SessionFilterProxy::setScope(const QString& group, const QString& workspaceId,
                                  const std::optional<QString>& projectKey)
{
    m_group = group;
    m_workspaceId = workspaceId;
    m_projectKey = projectKey;
    invalidateFilter();
}

void SessionFilterProxy::setText(const QString& text)
{
    m_words = text.split(u' ', Qt::SkipEmptyParts);
    invalidateFilter();
}

bool SessionFilterProxy::filterAcceptsRow(int row, const QModelIndex& parent) const
{
    const QModelIndex index = sourceModel()->index(row, 0, parent);
    if (!m_workspaceId.isEmpty() && index.data(SessionListModel::WorkspaceIdRole).toString() != m_workspaceId) {
        return false;
    }
    if (m_projectKey && index.data(SessionListModel::ProjectKeyRole).toString() != *m_projectKey) {
        return false;
    }
    if (m_workspaceId.isEmpty() && !m_projectKey && !m_group.isEmpty() &&
        index.data(SessionListModel::GroupRole).toString() != m_group) {
        return false;
    }
    if (m_words.isEmpty()) {
        return true;
    }
    const QStringList fields{
        index.data().toString(),
        sourceModel()->index(row, SessionListModel::ProviderColumn, parent).data().toString(),
        sourceModel()->index(row, SessionListModel::ProjectColumn, parent).data().toString(),
        index.data(SessionListModel::ProjectPathRole).toString(),
        index.data(SessionListModel::SessionIdRole).toString(),
    };
    // Every word somewhere: "api codex" finds the Codex sessions of the api project.
    return std::all_of(m_words.cbegin(), m_words.cend(), [&fields](const QString& word) {
        return std::any_of(fields.cbegin(), fields.cend(),
                           [&word](const QString& field) { return field.contains(word, Qt::CaseInsensitive); });
    });
}

} // namespace chasm
