// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#include "ResumeDialog.h"

#include <QApplication>
#include <QClipboard>
#include <QDialogButtonBox>
#include <QDir>
#include <QLabel>
#include <QLineEdit>
#include <QProcess>
#include <QPushButton>
#include <QStandardPaths>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace chasm {

namespace {

// The program and arguments that open a terminal running a shell line, on this system (empty when none
// is found): the terminal stays open on the tool.
QStringList terminalRunning(const QString& line)
{
#if defined(Q_OS_MACOS)
    QString script = line;
    script.replace(u"\\"_s, u"\\\\"_s).replace(u"\""_s, u"\\\""_s);
    return {u"osascript"_s, u"-e"_s, u"tell application \"Terminal\" to do script \""_s + script + u"\""_s};
#elif defined(Q_OS_WIN)
    return {u"cmd.exe"_s, u"/c"_s, u"start"_s, u"cmd.exe"_s, u"/k"_s, line};
#else
    for (const QString& terminal :
         {u"x-terminal-emulator"_s, u"gnome-terminal"_s, u"konsole"_s, u"xfce4-terminal"_s, u"xterm"_s}) {
        if (!QStandardPaths::findExecutable(terminal).isEmpty()) {
            return {terminal, terminal == u"gnome-terminal"_s ? u"--"_s : u"-e"_s, u"sh"_s, u"-c"_s, line};
        }
    }
    return {};
#endif
}

} // namespace

ResumeDialog::ResumeDialog(const SessionRef& session, const ResumeCommand& command, QWidget* parent)
    : QDialog(parent)
    , m_command(command)
    , m_line(new QLineEdit(this))
    , m_note(new QLabel(this))
    , m_copy(new QPushButton(QIcon::fromTheme(u"edit-copy"_s), tr("&Copy command"), this))
    , m_run(new QPushButton(QIcon::fromTheme(u"utilities-terminal"_s), QString(), this))
{
    setWindowTitle(tr("Open in %1").arg(command.tool));
    auto* intro = new QLabel(this);
    intro->setWordWrap(true);
    intro->setText(
        command.opensWorkspace
            ? tr("%1 keeps “%2” with its workspace: this command opens the folder, where the chat "
                 "shows in its history.")
                  .arg(command.tool, session.title)
            : tr("This command carries on “%1” in %2, in its project folder:").arg(session.title, command.tool));
    m_line->setReadOnly(true);
    m_line->setText(command.shellLine());
    m_line->setCursorPosition(0);
    m_line->setMinimumWidth(480);
    m_note->setWordWrap(true);
    m_run->setText(command.opensWorkspace ? tr("&Open in %1").arg(command.tool) : tr("&Run in a terminal"));
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    buttons->addButton(m_copy, QDialogButtonBox::ActionRole);
    buttons->addButton(m_run, QDialogButtonBox::ActionRole);
    m_copy->setAutoDefault(false);
    m_run->setAutoDefault(false);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addWidget(m_line);
    layout->addWidget(m_note);
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_copy, &QPushButton::clicked, this, [this] {
        QApplication::clipboard()->setText(m_line->text());
        m_note->setText(tr("Copied: paste it in a terminal."));
        Q_EMIT reported(tr("Copied “%1”").arg(m_line->text()));
    });
    connect(m_run, &QPushButton::clicked, this, &ResumeDialog::run);
}

void ResumeDialog::run()
{
    bool started = false;
    if (m_command.opensWorkspace) {
        started = QProcess::startDetached(m_command.program, m_command.arguments);
    } else if (const QStringList terminal = terminalRunning(m_line->text()); !terminal.isEmpty()) {
        // The line changes to the project folder itself, and says so when the folder is gone.
        started = QProcess::startDetached(terminal.first(), terminal.mid(1), QDir::homePath());
    }
    const QString message = started ? tr("Started: %1").arg(m_line->text())
                                    : tr("Cannot start %1: is it installed? Copy the command and run it yourself.")
                                          .arg(m_command.opensWorkspace ? m_command.program : tr("a terminal"));
    m_note->setText(message);
    Q_EMIT reported(message);
    if (started) {
        accept();
    }
}

} // namespace chasm
