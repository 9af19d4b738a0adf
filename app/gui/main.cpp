// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#include "PdfRenderer.h"
#include "util/Allocator.h"
#include "util/FileTransaction.h"
#include "util/Keychain.h"
#include "util/SecretStore.h"
#include "util/Settings.h"
#include "util/StopSignals.h"
#include "views/Localization.h"
#include "views/MainWindow.h"
#include "views/Theme.h"

#include <QApplication>
#include <QIcon>
#include <QLocale>

using namespace Qt::StringLiterals;

int main(int argc, char* argv[])
{
    chasm::tuneAllocator();
    QApplication app(argc, argv);
    QApplication::setApplicationName(u"chasm"_s);
    QApplication::setApplicationDisplayName(u"Chasm"_s);
    QApplication::setApplicationVersion(QStringLiteral(CHASM_VERSION));
    QApplication::setOrganizationName(u"chasm"_s);
    QApplication::setWindowIcon(QIcon(u":/icons/chasm.svg"_s));
    QGuiApplication::setDesktopFileName(QStringLiteral(CHASM_APP_ID));
    chasm::pdf::install();
    chasm::SecretStore::useKeychain(chasm::qtKeychain());

    const chasm::Environment environment = chasm::Environment::fromProcess();
    chasm::RecoveryPoint::setJournal(chasm::RecoveryPoint::journalFile(environment));
    chasm::Settings settings(chasm::Settings::defaultFile(environment));

    // The language set in the settings, else the system's.
    const QLocale locale = settings.language().isEmpty() ? QLocale::system() : QLocale(settings.language());
    chasm::installTranslations(locale);
    QLocale::setDefault(locale);
    chasm::applyTheme(settings.theme());

    // With the tray on, closing the window leaves Chasm running; Quit (menu or tray) ends it.
    QApplication::setQuitOnLastWindowClosed(!settings.trayEnabled());
    chasm::MainWindow window(environment, &settings);
    window.show();
    // Asked to end (logging out, kill, Ctrl+C in its terminal): as Quit does, whether or not the tray keeps it running.
    const chasm::StopSignals stopSignals([&window] { window.quit(); });
    return QApplication::exec();
}
