#pragma once

#include "model/SessionRef.h"

#include <QAbstractTableModel>

namespace chasm {

// Sessions as table rows: title, tool, project, messages, first and last activity, size, format and
// health (unreadable, or read with warnings). Filled from core results; owns no I/O. Qt::UserRole gives each cell's
// sort key.
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

    explicit SessionListModel(QObject* parent = nullptr);

    void setSessions(QList<SessionRef> sessions);
    const SessionRef& session(int row) const { return m_sessions.at(row); }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QList<SessionRef> m_sessions;
};

} // namespace chasm
