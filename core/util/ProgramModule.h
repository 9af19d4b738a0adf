// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#pragma once

#include <QString>
#include <QtGlobal>

namespace chasm {

// The entry function of a module that comes with the program (chasm-pdf, chasm-http, chasm-keychain), loaded only
// when it is needed: found beside the program (the build tree, Windows) or in ../lib/chasm/modules (an installed Unix
// tree). nullptr, with the reason in `error`, when neither loads.
QFunctionPointer programModule(const char* name, const char* entry, QString& error);

} // namespace chasm
