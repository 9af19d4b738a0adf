// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#pragma once

#include "providers/SessionCatalog.h"
#include "util/FileTransaction.h"

#include <QDialog>

#include <memory>

class QCheckBox;
class QLabel;
class QPlainTextEdit;
class QPushButton;
class QTreeWidget;

namespace chasm {

// Every recovery point Chasm made in the user's files, by the app or the command line alike (they share
// the manifests in the .chasm_recovery folders), newest first: when, what, where and each change in
// words; Undo puts the chosen point's files back from its backups. Listing and undoing run on worker
// threads, through UndoService.
class HistoryWindow final : public QDialog
{
    Q_OBJECT

public:
    explicit HistoryWindow(std::shared_ptr<const SessionCatalog> catalog, QWidget* parent = nullptr);
    ~HistoryWindow() override;

    // Opens a History window (not modal) on `parent`, or raises the one open there.
    static HistoryWindow* open(std::shared_ptr<const SessionCatalog> catalog, QWidget* parent);

    // Reads the recovery points again.
    void refresh();
    // Undoes the point selected.
    void undoSelected();

    QTreeWidget* pointsView() const { return m_points; }
    QPushButton* undoButton() const { return m_undo; }
    QCheckBox* showUndoneBox() const { return m_showUndone; }
    const QList<RecoveryPoint>& points() const { return m_list; }
    QString detailsText() const;
    QString statusText() const;

Q_SIGNALS:
    void loaded(int points);
    // An undo finished; `ok`: every file of the point was put back.
    void undone(bool ok);

private:
    void showDetails();
    void updateButtons();

    std::shared_ptr<const SessionCatalog> m_catalog;
    QTreeWidget* m_points;
    QPlainTextEdit* m_details;
    QLabel* m_status;
    QPushButton* m_undo;
    QPushButton* m_refresh;
    QCheckBox* m_force;
    QCheckBox* m_showUndone;
    QList<RecoveryPoint> m_list;
    QString m_outcome; // what the last undo did, shown once the list is read again
    bool m_busy = false;
};

} // namespace chasm
