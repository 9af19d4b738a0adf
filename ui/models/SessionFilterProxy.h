#pragma once

#include <QSortFilterProxyModel>

namespace chasm {

// The sessions pane's rows: the sessions of the selected workspace, or of every workspace of the selected
// application, whose title, tool or project holds the filter text. Sorts by SessionListModel::SortRole.
class SessionFilterProxy final : public QSortFilterProxyModel
{
    Q_OBJECT

public:
    explicit SessionFilterProxy(QObject* parent = nullptr);

    // An empty workspace id and group shows every session; a workspace id wins over a group.
    void setScope(const QString& group, const QString& workspaceId);
    void setText(const QString& text);

protected:
    bool filterAcceptsRow(int row, const QModelIndex& parent) const override;

private:
    QString m_group;
    QString m_workspaceId;
    QString m_text;
};

} // namespace chasm
