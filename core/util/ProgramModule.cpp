// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#include "ProgramModule.h"

#include <QCoreApplication>
#include <QDir>
#include <QLibrary>

using namespace Qt::StringLiterals;

namespace chasm {

QFunctionPointer programModule(const char* name, const char* entry, QString& error)
{
    const QString here = QCoreApplication::applicationDirPath();
    for (const QString& folder : {here, QDir::cleanPath(here + u"/../lib/chasm/modules"_s)}) {
        QLibrary library(folder + u'/' + QLatin1StringView(name));
        if (const QFunctionPointer function = library.resolve(entry)) {
            return function;
        }
        error = library.errorString();
    }
    return nullptr;
}

} // namespace chasm
