// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#pragma once

#include "services/MergeService.h"
#include "providers/SessionCatalog.h"
#include "views/Background.h"

#include <QWizard>

#include <memory>

class QCheckBox;
class QComboBox;
class QDateEdit;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QProgressBar;
class QPushButton;
class QTreeWidget;

namespace chasm {

class EditorCheckPage;
class WizardPage;

// The merge wizard: joins sessions of any tools into one VS Code-family session the editor can open.
// Choose the sessions (the sessions pane's selection, or by project, tool and dates), see the merged
// timeline (requests, dates, duplicates left out, what a session of another tool cannot carry), give
// the title and the workspace it goes into, check that the editor is closed, write it (backed up,
// registered, under a recovery point) when the user presses Commit on the check page and not before, then
// open it or undo (also later, in the History window). A merge of the same sessions already in the
// workspace is named on the target page: open it, or tick to write another copy. Reading and writing run
// on worker threads, through the service `chasm merge` runs (MergeService).
class MergeWizard final : public QWizard
{
    Q_OBJECT

public:
    enum PageId
    {
        SelectPage,
        PreviewPage,
        TargetPage,
        CheckPage,
        WritePage,
        DonePage,
    };

    // `sessions`: those the user can choose from (unreadable ones are left out); `selected`: the ids
    // chosen at the start. The targets are the VS Code-family workspaces of `workspaces`.
    MergeWizard(std::shared_ptr<const SessionCatalog> catalog, QList<Workspace> workspaces, QList<SessionRef> sessions,
                const QStringList& selected, QWidget* parent = nullptr);
    ~MergeWizard() override;

    QTreeWidget* sessionsView() const { return m_sessionsView; }
    QComboBox* projectFilter() const { return m_project; }
    QTreeWidget* timelineView() const { return m_timeline; }
    QLineEdit* titleField() const { return m_title; }
    QComboBox* targetBox() const { return m_target; }
    // The ids of the sessions chosen (ticked and shown).
    QStringList chosenIds() const;
    QString previewText() const;
    QString summaryText() const;
    // The target page's word on a merge of the same sessions already in the workspace chosen (empty: none).
    QString existingText() const;
    // The merged session's id once written (the editor's session id).
    QString mergedSessionId() const { return m_written ? m_plan.sessionId : QString(); }
    bool changedFiles() const { return !m_point.isEmpty(); }
    void undo();

Q_SIGNALS:
    void previewed(bool ok);
    void written(bool ok);
    void undone(bool ok);
    // "Open the merged session": the editor's id of the session written.
    void openRequested(const QString& sessionId);

protected:
    void initializePage(int id) override;

private:
    void fillSessions(const QStringList& selected);
    void applyFilters();
    void updateChosen();
    void preview();
    void fillTargets();
    void showTargetFormat();
    // Looks, off the GUI thread, for a merge of the same sessions in the workspace chosen.
    void findExisting();
    void write();
    const Workspace* target() const;
    // The projects of the chosen sessions, the one most belong to first.
    QStringList chosenProjects() const;

    std::shared_ptr<const SessionCatalog> m_catalog;
    QList<Workspace> m_workspaces;
    QList<SessionRef> m_sessions;
    QList<Workspace> m_targets;
    WizardPage* m_selectPage;
    WizardPage* m_previewPage;
    WizardPage* m_targetPage;
    WizardPage* m_writePage;
    QComboBox* m_project;
    QComboBox* m_provider;
    QDateEdit* m_from;
    QDateEdit* m_to;
    QTreeWidget* m_sessionsView;
    QLabel* m_chosenLabel;
    QLabel* m_previewStatus;
    QTreeWidget* m_timeline;
    QLabel* m_notCarried;
    QLineEdit* m_title;
    QComboBox* m_target;
    QLabel* m_targetNote;
    QLabel* m_existingNote;
    QPushButton* m_openExisting;
    QCheckBox* m_writeAgain;
    EditorCheckPage* m_editorCheck;
    QProgressBar* m_writeProgress;
    QLabel* m_writeStatus;
    QPlainTextEdit* m_summary;
    QPushButton* m_open;
    QPushButton* m_undo;
    SessionMerge::Plan m_plan;
    std::optional<MergeService::Existing> m_existing; // the same merge, in the workspace chosen
    bool m_existingChecked = false;
    QStringList m_planned; // the ids m_plan was made from
    QString m_point;       // the recovery point of the write
    bool m_previewed = false;
    bool m_written = false;
    Latest m_previews;  // the preview of the sessions chosen last
    Latest m_formats;   // the format of the target chosen last
    Latest m_existings; // the same merge in the target chosen last
};

} // namespace chasm
