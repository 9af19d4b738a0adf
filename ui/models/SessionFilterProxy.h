// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#pragma once

#include <QSortFilterProxyModel>

#include <optional>

namespace chasm {

// The sessions pane's rows: the sessions of the selected workspace, of every workspace of the selected
// application, or of the selected project (every tool), whose title, project (name or path), tool or id holds
// each word of the filter text. Sorts by SessionListModel::SortRole.
class SessionFilterProxy final : public QSortFilterProxyModel
{
    Q_OBJECT

public:
    explicit SessionFilterProxy(QObject* parent = nullptr);

    // An empty workspace id and group shows every session; a workspace id wins over a group. A project key
    // (SessionListModel::ProjectKeyRole; empty for the sessions that name no folder) keeps that project's
    // sessions, of the workspace when one is given too.
    void setScope(const QString& group, const QString& workspaceId,
                  const std::optional<QString>& projectKey = std::nullopt);
    void setText(const QString& text);

protected:
    bool filterAcceptsRow(int row, const QModelIndex& parent) const override;

private:
    QString m_group;
    QString m_workspaceId;
    std::optional<QString> m_projectKey;
    QStringList m_words;
};

} // namespace chasm
