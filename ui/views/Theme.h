// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#pragma once

#include "util/Settings.h"

#include <QColor>

class QPalette;

namespace chasm {

// Applies a theme to the whole application: the system's look, or Fusion with a light or a dark
// palette (the same on every platform, so both are known to look right).
void applyTheme(Settings::Theme theme);

// Whether a palette is a dark one (light text on a dark base).
bool isDark(const QPalette& palette);
// The colours the conversation tells its speakers apart by, readable on the palette's base: green for
// the user, blue for the assistant.
QColor userColor(const QPalette& palette);
QColor assistantColor(const QPalette& palette);
// A faint wash of a colour over the palette's base, for the background of a user's message.
QColor tint(const QPalette& palette, const QColor& color);

} // namespace chasm
