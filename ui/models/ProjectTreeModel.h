// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#pragma once

#include "services/TimelineService.h"

#include <QAbstractItemModel>

namespace chasm {

// Projects first: every project folder, the most recently active first, with all its sessions from every tool
// (TimelineService::projects), and under it the workspaces and tools' stores that hold them. Two workspaces of
// one editor for the same folder are told apart by their hash and when they were last used; the one the editor
// no longer opens carries an "older" badge. Filled from core results; owns no I/O.
class ProjectTreeModel final : public QAbstractItemModel
{
    Q_OBJECT

public:
    enum Column
    {
        NameColumn,
        SessionsColumn,
        ColumnCount,
    };
    enum Roles
    {
        // The project's key (TimelineService::Project::key) on every row.
        ProjectKeyRole = Qt::UserRole + 20,
        // The workspace id of a workspace row; empty on project rows.
        WorkspaceIdRole,
    };

    explicit ProjectTreeModel(QObject* parent = nullptr);

    void setProjects(QList<TimelineService::Project> projects);
    const TimelineService::Project* project(const QModelIndex& index) const;

    QModelIndex index(int row, int column, const QModelIndex& parent = {}) const override;
    QModelIndex parent(const QModelIndex& child) const override;
    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QVariant placeData(const TimelineService::Project& project, const TimelineService::Place& place, int column,
                       int role) const;

    // Internal ids: 0 for project rows, project row + 1 for workspace rows.
    QList<TimelineService::Project> m_projects;
};

} // namespace chasm
