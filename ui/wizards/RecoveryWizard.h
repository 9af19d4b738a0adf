// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#pragma once

#include "providers/SessionCatalog.h"
#include "services/RecoverScanService.h"
#include "views/Background.h"
#include "vscode/Editor.h"

#include <QWizard>

#include <memory>

class QLabel;
class QPlainTextEdit;
class QProgressBar;
class QPushButton;
class QTreeWidget;

namespace chasm {

class EditorCheckPage;
class WizardPage;

// The recovery assistant: scans every VS Code-family workspace for sessions the editor's history does
// not show (an older workspace of the same project, files the index lacks, entries that hide or break
// sessions), lets the user choose what to bring back, checks that the editors are closed (offering to
// close and reopen them), applies the fixes through the same core operations as `chasm register` once the
// user presses Commit (not before), and ends with what changed, the backups made, an Undo and a link to
// the History window. Scanning and writing run on worker threads.
class RecoveryWizard final : public QWizard
{
    Q_OBJECT

public:
    enum PageId
    {
        ScanPage,
        ChoosePage,
        CheckPage,
        ApplyPage,
        SummaryPage,
    };

    explicit RecoveryWizard(std::shared_ptr<const SessionCatalog> catalog, QWidget* parent = nullptr);
    ~RecoveryWizard() override;

    QTreeWidget* findingsView() const { return m_findingsView; }
    const QList<RecoveryFinding>& findings() const { return m_findings; }
    QString summaryText() const;
    // Whether files were changed (and not undone): the main window rescans then.
    bool changedFiles() const { return !m_points.isEmpty(); }
    // Puts back every file the assistant changed, newest change first.
    void undo();

Q_SIGNALS:
    void scanned(int findings);
    void applied(bool ok);
    void undone(bool ok);

protected:
    void initializePage(int id) override;

private:
    void scan();
    void showFindings();
    void showPreview();
    void apply();
    // The chosen sessions of each finding (index into m_findings → ids).
    QList<std::pair<int, QStringList>> chosen() const;

    std::shared_ptr<const SessionCatalog> m_catalog;
    WizardPage* m_scanPage;
    WizardPage* m_applyPage;
    QLabel* m_scanStatus;
    QProgressBar* m_scanProgress;
    QTreeWidget* m_findingsView;
    QLabel* m_preview;
    EditorCheckPage* m_editorCheck;
    QProgressBar* m_applyProgress;
    QLabel* m_applyStatus;
    QPlainTextEdit* m_summary;
    QPushButton* m_undo;
    QList<RecoveryFinding> m_findings;
    QStringList m_points; // recovery points made, oldest first
    Latest m_applies;
    bool m_scanned = false;
    bool m_applied = false;
};

} // namespace chasm
