// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#pragma once

#include "model/SessionRef.h"
#include "services/TimelineService.h"

#include <QHash>

#include <QAbstractTableModel>

namespace chasm {

// Sessions as table rows: title, tool, project, messages, first and last activity, size, format and
// health (unreadable, or read with warnings). A session's project is its own (TimelineService::projects), not its
// store's. Filled from core results; owns no I/O. Qt::UserRole gives each cell's sort key.
class SessionListModel final : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column
    {
        TitleColumn,
        ProviderColumn,
        ProjectColumn,
        MessagesColumn,
        FirstActivityColumn,
        LastActivityColumn,
        SizeColumn,
        FormatColumn,
        HealthColumn,
        ColumnCount,
    };
    static constexpr int SortRole = Qt::UserRole;
    static constexpr int WorkspaceIdRole = Qt::UserRole + 1;
    static constexpr int GroupRole = Qt::UserRole + 2;
    static constexpr int SessionIdRole = Qt::UserRole + 3;
    // The session's project: its key (TimelineService::Project::key) and its folder.
    static constexpr int ProjectKeyRole = Qt::UserRole + 4;
    static constexpr int ProjectPathRole = Qt::UserRole + 5;

    explicit SessionListModel(QObject* parent = nullptr);

    // `projects`: the sessions grouped (TimelineService::projects of the same listing); grouped here without
    // their workspaces when not given.
    void setSessions(QList<SessionRef> sessions, const QList<TimelineService::Project>& projects = {});
    const SessionRef& session(int row) const { return m_sessions.at(row); }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    struct ProjectOf
    {
        QString key;
        QString name;
        QString path;
    };
    QString projectName(const SessionRef& s) const;

    QList<SessionRef> m_sessions;
    QHash<QString, ProjectOf> m_projects; // by session id
};

} // namespace chasm
