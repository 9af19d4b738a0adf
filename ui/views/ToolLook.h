// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#pragma once

#include <QColor>
#include <QIcon>
#include <QString>

namespace chasm {

// How a tool looks in the GUI, the same everywhere: its name for people ("GitHub Copilot", not
// `copilot`), a colour of its own (the timeline's bars and legend) and its icon (resources/tools).
namespace ToolLook {

QString name(const QString& provider);
QColor colour(const QString& provider);
QIcon icon(const QString& provider);

// Counts in words ("1 session", "3 messages"), the same in every view: one translation serves them all.
QString sessions(int count);
QString messages(qint64 count);

} // namespace ToolLook

} // namespace chasm
