#pragma once

#include <QLocale>

namespace chasm {

// Installs Chasm's and Qt's translations for a locale on the application (English too: its
// translation holds the plural forms of "%n session(s)").
void installTranslations(const QLocale& locale);

} // namespace chasm
