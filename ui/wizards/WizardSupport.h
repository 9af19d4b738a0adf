// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#pragma once

#include "views/Background.h"
#include "vscode/Editor.h"

#include <QStringList>
#include <QWizardPage>

#include <functional>

class QCheckBox;
class QLabel;
class QPushButton;

namespace chasm {

// A wizard page whose "Next" waits for a condition the wizard sets.
class WizardPage final : public QWizardPage
{
public:
    using QWizardPage::QWizardPage;
    std::function<bool()> ready;
    bool isComplete() const override { return !ready || ready(); }
    void recheck() { Q_EMIT completeChanged(); }
};

// The page that checks the editors before writing: an editor keeps its session index in memory and
// writes it back when it quits, so it must be closed while Chasm writes. Says which of the editors run,
// offers to close them (and to start them again afterwards) or to write anyway; complete when none
// runs or the user chose to write anyway.
class EditorCheckPage final : public QWizardPage
{
    Q_OBJECT

public:
    explicit EditorCheckPage(QWidget* parent = nullptr);

    // Looks again at which of `editors` run, on a worker thread; the page is complete again (and `then` is
    // called) when the answer is back.
    void check(const QList<Editor>& editors, std::function<void()> then = {});
    bool isComplete() const override;
    bool force() const;
    // The editors closed here that the user wants started again.
    QList<Editor> toReopen() const;

private:
    void showRunning(const QList<Editor>& running);
    void closeRunning();

    QLabel* m_status;
    QPushButton* m_close;
    QCheckBox* m_reopen;
    QCheckBox* m_force;
    QList<Editor> m_running;
    QList<Editor> m_closed;
    Latest m_checks; // a later check makes an earlier one's answer moot
    bool m_checking = false;
};

// Puts back what the recovery points changed, newest first, on a worker thread; then calls `done` on
// `context`'s thread with what was done, in words ("Undone: …"), and whether all of it was.
void undoRecoveryPoints(QObject* context, const QStringList& points,
                        std::function<void(const QString& text, bool ok)> done);

} // namespace chasm
