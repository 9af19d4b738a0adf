// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#pragma once

#include "services/ResumeCommand.h"

#include <QDialog>

class QLabel;
class QLineEdit;
class QPushButton;

namespace chasm {

// "Open in <tool>": the command that carries on a session in the tool that made it (core's
// resumeCommand), shown as it would be typed, to copy to the clipboard or to run: in a terminal for the
// command-line tools, directly for the editors, which open the session's workspace folder.
class ResumeDialog final : public QDialog
{
    Q_OBJECT

public:
    ResumeDialog(const SessionRef& session, const ResumeCommand& command, QWidget* parent = nullptr);

    QLineEdit* commandField() const { return m_line; }
    QPushButton* copyButton() const { return m_copy; }
    QPushButton* runButton() const { return m_run; }

Q_SIGNALS:
    // Said to the user in the status bar: copied, started, or why it could not start.
    void reported(const QString& message);

private:
    void run();

    ResumeCommand m_command;
    QLineEdit* m_line;
    QLabel* m_note;
    QPushButton* m_copy;
    QPushButton* m_run;
};

} // namespace chasm
