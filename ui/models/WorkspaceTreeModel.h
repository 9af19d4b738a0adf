// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#pragma once

#include "model/Workspace.h"
#include "services/TimelineService.h"

#include <QAbstractItemModel>

#include <optional>

namespace chasm {

// "All sessions", then applications and their workspaces as a two-level tree: "VS Code" →
// "my-project (12)", the most recently active first, then the user's saved searches. A tool that keeps every
// project's sessions in one store (Codex, Continue, OpenCode) shows a row per project there, since a session's
// project is its own. A workspace whose folder is gone or whose session files the editor's index does not list
// (as the recovery assistant counts them) carries a badge saying so. Filled from core results; owns no I/O.
class WorkspaceTreeModel final : public QAbstractItemModel
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
        // The workspace id of a workspace row; empty for editor rows.
        WorkspaceIdRole = Qt::UserRole + 1,
        // The group of any row: the editor id, or the provider id for tools that are not editors.
        GroupRole,
        // A workspace's badges ("folder missing", "2 not in index"), drawn after its name; empty when
        // all is well.
        ProblemsRole,
        // The position of a saved search in the list given to setSavedSearches; -1 on the "Saved
        // searches" row itself, nothing on other rows.
        SavedSearchRole,
        // The project key (TimelineService::Project::key) of a row that shows one project of a tool's store;
        // nothing on other rows.
        ProjectKeyRole,
    };
    struct SavedSearchRow
    {
        QString name;
        QString description; // the query and its filters in words, for the tooltip
    };

    explicit WorkspaceTreeModel(QObject* parent = nullptr);

    // `projects`: the sessions grouped (TimelineService::projects), to show a store's sessions by project.
    void setWorkspaces(QList<Workspace> workspaces, const QList<TimelineService::Project>& projects = {});
    void setSavedSearches(QList<SavedSearchRow> searches);
    // The "Saved searches" row, invalid when there are none.
    QModelIndex savedSearchesIndex() const;
    const Workspace* workspace(const QModelIndex& index) const;

    QModelIndex index(int row, int column, const QModelIndex& parent = {}) const override;
    QModelIndex parent(const QModelIndex& child) const override;
    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    // A workspace's badges: "folder missing", "2 not in index".
    static QStringList badges(const Workspace& w);

private:
    bool isSavedSearchGroup(int row) const { return row == m_groups.size(); }
    QVariant savedSearchData(const QModelIndex& index, int role) const;

    struct Row
    {
        Workspace workspace;
        int sessionCount = 0;
        // For a row of one project in a tool's store: the project.
        std::optional<QString> projectKey;
        QString projectName;
        QString projectPath;
    };
    struct Group
    {
        QString key; // the editor id, or the provider id for tools that are not editors
        QString name;
        QList<Row> rows;
        int sessionCount = 0;
    };
    const Row* row(const QModelIndex& index) const;
    // Internal ids: 0 for editor rows, editor row + 1 for workspace rows.
    // Then one more top-level row with the saved searches, when there are any.
    QList<Group> m_groups;
    QList<SavedSearchRow> m_searches;
};

} // namespace chasm
