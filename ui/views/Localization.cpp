#include "Localization.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QTranslator>

using namespace Qt::StringLiterals;

namespace chasm {

void installTranslations(const QLocale& wanted)
{
    // The "C" locale of a bare environment reads English.
    const QLocale locale = wanted.language() == QLocale::C ? QLocale(QLocale::English) : wanted;
    // Owned by the application: translations stay for its lifetime.
    auto* qt = new QTranslator(QCoreApplication::instance());
    if (qt->load(locale, u"qtbase"_s, u"_"_s, QLibraryInfo::path(QLibraryInfo::TranslationsPath))) {
        QCoreApplication::installTranslator(qt);
    }
    auto* chasm = new QTranslator(QCoreApplication::instance());
    if (chasm->load(locale, u"chasm"_s, u"_"_s, u":/i18n"_s)) {
        QCoreApplication::installTranslator(chasm);
    }
}

} // namespace chasm
