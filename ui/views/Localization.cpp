// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#include "Localization.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QTranslator>

using namespace Qt::StringLiterals;

namespace chasm {

namespace {

// Qt's own words on the buttons of Chasm's dialogs and wizards, in Qt's contexts. Qt's translations
// (qtbase_*.qm, Debian's qt6-translations-l10n) are often not installed, and then "Cancel" stayed English
// in a German Chasm; Chasm's translations carry these words too, so the buttons read in the user's
// language either way. Listed here so that lupdate keeps them in translations/*.ts.
[[maybe_unused]] constexpr const char* qtWords[] = {
    QT_TRANSLATE_NOOP("QPlatformTheme", "OK"),    QT_TRANSLATE_NOOP("QPlatformTheme", "Cancel"),
    QT_TRANSLATE_NOOP("QPlatformTheme", "Close"), QT_TRANSLATE_NOOP("QGnomeTheme", "&OK"),
    QT_TRANSLATE_NOOP("QGnomeTheme", "&Cancel"),  QT_TRANSLATE_NOOP("QGnomeTheme", "&Close"),
    QT_TRANSLATE_NOOP("QWizard", "< &Back"),      QT_TRANSLATE_NOOP("QWizard", "&Next >"),
    QT_TRANSLATE_NOOP("QWizard", "Commit"),       QT_TRANSLATE_NOOP("QWizard", "&Finish"),
    QT_TRANSLATE_NOOP("QWizard", "Cancel"),
};

} // namespace

void installTranslations(const QLocale& wanted)
{
    // The "C" locale of a bare environment reads English.
    const QLocale locale = wanted.language() == QLocale::C ? QLocale(QLocale::English) : wanted;
    // Owned by the application: translations stay for its lifetime. Qt's own, when installed, are asked
    // after Chasm's (the last installed is asked first).
    auto* qt = new QTranslator(QCoreApplication::instance());
    if (qt->load(locale, u"qtbase"_s, u"_"_s, QLibraryInfo::path(QLibraryInfo::TranslationsPath))) {
        QCoreApplication::installTranslator(qt);
    }
    auto* chasm = new QTranslator(QCoreApplication::instance());
    if (chasm->load(locale, u"chasm"_s, u"_"_s, u":/i18n"_s)) {
        QCoreApplication::installTranslator(chasm);
    }
}

QString displayedWorkspaceName(const QString& name)
{
    // The names of core/model/Workspace.cpp, Workspace::displayName().
    if (name == u"(no folder)"_s) {
        return QCoreApplication::translate("chasm::Workspace", "(no folder)");
    }
    if (name == u"(all projects)"_s) {
        return QCoreApplication::translate("chasm::Workspace", "(all projects)");
    }
    return name;
}

} // namespace chasm
