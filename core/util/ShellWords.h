// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#pragma once

#include "util/Environment.h"

#include <QString>
#include <QStringList>

namespace chasm {

// A word as a shell reads it back whole: as it is when it holds nothing the shell treats specially, else quoted.
// POSIX sh (Linux, macOS): in single quotes, a quote inside as '\''. Windows (cmd.exe, PowerShell, and the
// program's own reading of its command line): in double quotes, a quote inside as \" and the backslashes before
// a quote doubled.
QString shellQuoted(const QString& word, Platform platform);
// The words quoted and joined by spaces: a command line.
QString shellLine(const QStringList& words, Platform platform);

} // namespace chasm
