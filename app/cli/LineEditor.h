// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#pragma once

#include <QString>

#include <atomic>
#include <optional>

namespace chasm::cli {

// The chat's prompt on a terminal: line editing and a history kept between runs (GNU Readline), and Ctrl+C that
// stops the answer under way rather than the program (at the prompt it clears the line). Without a terminal, lines
// are read as they come.
class LineEditor
{
public:
    // `historyFile`: where the lines typed are kept (empty: nowhere).
    explicit LineEditor(QString historyFile);
    ~LineEditor();
    LineEditor(const LineEditor&) = delete;
    LineEditor& operator=(const LineEditor&) = delete;

    // A line typed, or nothing at the end of the input (Ctrl+D).
    std::optional<QString> readLine(const QString& prompt);

    // Set while an answer arrives: Ctrl+C sets it (and nothing else happens).
    static void setCancelFlag(std::atomic<bool>* flag);
    // Whether Ctrl+C was pressed since the last call (and forgets it).
    static bool takeInterrupt();

private:
    QString m_historyFile;
    bool m_terminal = false;
};

} // namespace chasm::cli
