// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#pragma once

#include <QLocale>
#include <QString>

namespace chasm {

// Installs Chasm's and Qt's translations for a locale on the application (English too: its
// translation holds the plural forms of "%n session(s)").
void installTranslations(const QLocale& locale);

// A workspace's name as the user reads it: the names core makes up for chats without a folder ("(no
// folder)", "(all projects)") in the user's language, any other name as it is. Core keeps them in
// English: they are written to the harvest database and to converted sessions.
QString displayedWorkspaceName(const QString& name);

} // namespace chasm
