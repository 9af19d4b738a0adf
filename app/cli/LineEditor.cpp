// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#include "LineEditor.h"

#include <QDir>
#include <QFileInfo>

#include <csignal>
#include <cstdio>
#include <iostream>
#include <string>

#ifdef Q_OS_UNIX
#include <unistd.h>
#endif

#include <readline/history.h>
#include <readline/readline.h>

namespace chasm::cli {

namespace {

std::atomic<std::atomic<bool>*> g_cancel{nullptr};
volatile std::sig_atomic_t g_interrupted = 0;

extern "C" void onInterrupt(int)
{
    g_interrupted = 1;
    if (std::atomic<bool>* cancel = g_cancel.load()) {
        cancel->store(true);
    }
}

// Readline's read was interrupted by a signal: after Ctrl+C, an empty line under a new prompt, as shells do.
int onSignalEvent()
{
    if (g_interrupted && !g_cancel.load()) {
        g_interrupted = 0;
        rl_free_line_state();
        rl_replace_line("", 0);
        rl_crlf();
        rl_on_new_line();
        rl_redisplay();
    }
    return 0;
}

void installInterruptHandler()
{
#ifdef Q_OS_UNIX
    struct sigaction action = {};
    action.sa_handler = onInterrupt;
    sigemptyset(&action.sa_mask);
    action.sa_flags = 0; // no SA_RESTART: a read at the prompt returns, and readline calls onSignalEvent
    sigaction(SIGINT, &action, nullptr);
#else
    std::signal(SIGINT, onInterrupt);
#endif
}

} // namespace

LineEditor::LineEditor(QString historyFile)
    : m_historyFile(std::move(historyFile))
{
#ifdef Q_OS_UNIX
    m_terminal = isatty(STDIN_FILENO) == 1;
#endif
    installInterruptHandler();
    if (!m_terminal) {
        return;
    }
    rl_catch_signals = 0;
    rl_signal_event_hook = onSignalEvent;
    rl_readline_name = "chasm";
    using_history();
    if (!m_historyFile.isEmpty()) {
        QDir().mkpath(QFileInfo(m_historyFile).absolutePath());
        read_history(QFile::encodeName(m_historyFile).constData());
    }
}

LineEditor::~LineEditor()
{
    if (m_terminal && !m_historyFile.isEmpty()) {
        write_history(QFile::encodeName(m_historyFile).constData());
        history_truncate_file(QFile::encodeName(m_historyFile).constData(), 1000);
    }
}

std::optional<QString> LineEditor::readLine(const QString& prompt)
{
    if (!m_terminal) {
        std::string line;
        if (!std::getline(std::cin, line)) {
            return std::nullopt;
        }
        return QString::fromStdString(line);
    }
    char* line = readline(prompt.toLocal8Bit().constData());
    if (!line) {
        return std::nullopt;
    }
    QString text = QString::fromLocal8Bit(line);
    if (!text.trimmed().isEmpty()) {
        add_history(line);
    }
    std::free(line);
    return text;
}

void LineEditor::setCancelFlag(std::atomic<bool>* flag)
{
    g_interrupted = 0;
    g_cancel.store(flag);
}

bool LineEditor::takeInterrupt()
{
    const bool interrupted = g_interrupted != 0;
    g_interrupted = 0;
    return interrupted;
}

} // namespace chasm::cli
