// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#include "ControlCharacters.h"

#include <algorithm>

namespace chasm {

bool isControlCharacter(QChar c)
{
    const char16_t u = c.unicode();
    return (u < 0x20 && u != u'\t' && u != u'\n' && u != u'\r') || (u >= 0x7f && u <= 0x9f);
}

QString withoutControlCharacters(const QString& text)
{
    // Most text has none: it is returned as it is, shared, not copied.
    if (std::none_of(text.cbegin(), text.cend(), isControlCharacter)) {
        return text;
    }
    QString shown = text;
    std::replace_if(shown.begin(), shown.end(), isControlCharacter, QChar(QChar::ReplacementCharacter));
    return shown;
}

} // namespace chasm
