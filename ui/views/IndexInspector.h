// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#pragma once

#include "model/SessionRef.h"
#include "model/Workspace.h"
#include "util/Result.h"
#include "views/Background.h"

#include <QWidget>

#include <functional>

class QCheckBox;
class QLabel;
class QPushButton;
class QTableView;

namespace chasm {

class IndexEntryModel;
struct FixOutcome;

// The session index of the selected VS Code-family workspace (chat.ChatSessionStore.index in its
// state.vscdb) beside the session files on disk: what the editor's history view will show, and each
// mismatch explained. Read on a worker thread. "Fix selected" rebuilds the selected sessions' entries
// from their files (orphans included) and takes out the entries whose file is gone; "Repair all" repairs
// the whole workspace, through the same core operations as `chasm register`: backups first, refused
// while the editor runs. Undo takes back the fixes made here one by one, newest first (History has
// every change Chasm made).
class IndexInspector final : public QWidget
{
    Q_OBJECT

public:
    explicit IndexInspector(QWidget* parent = nullptr);

    // Reads the workspace's index and compares it with `files` (the workspace's sessions); a workspace
    // of a tool without an index clears the pane and says so.
    void inspect(const Workspace& workspace, const QList<SessionRef>& files);
    IndexEntryModel* model() const { return m_model; }
    QTableView* view() const { return m_view; }
    QString summary() const;
    // What the last fix did (or why it could not), with how to undo it.
    QString fixReport() const;

    void fixSelected();
    void repairAll();
    // Undoes the last fix made here not undone yet (again: the one before it).
    void undo();
    // How many fixes made here Undo can still take back.
    int undoDepth() const { return int(m_fixes.size()); }

Q_SIGNALS:
    void inspected();
    // A fix or an undo finished; `changed`: files were written (the main window rescans).
    void fixFinished(bool changed);
    // "History…": the user wants every change Chasm made, each undoable.
    void historyRequested();

private:
    void runFix(const QString& what, std::function<FixOutcome()> work);
    void updateButtons();

    IndexEntryModel* m_model;
    QTableView* m_view;
    QLabel* m_summary;
    QLabel* m_report;
    QPushButton* m_fix;
    QPushButton* m_repair;
    QPushButton* m_undo;
    QPushButton* m_history;
    QCheckBox* m_force;
    Workspace m_workspace;
    QList<SessionRef> m_files;
    QList<QStringList> m_fixes; // the recovery points of each fix made here, oldest fix first, for Undo
    bool m_fixing = false;
    Latest m_inspections;
};

} // namespace chasm
