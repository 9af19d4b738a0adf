// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#pragma once

#include <QString>

namespace chasm {

// Text from session files as a terminal or a transcript (Markdown, CSV, HTML, PDF) may show it: control
// characters other than tab, line feed and carriage return (NUL, ESC, DEL, the C1 controls) become U+FFFD,
// so that a message cannot move a terminal's cursor, set its title or end a C string early. The JSON
// formats keep them, escaped.
QString withoutControlCharacters(const QString& text);
// Those characters: C0 but tab, line feed and carriage return; DEL; C1.
bool isControlCharacter(QChar c);

} // namespace chasm
