// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#pragma once

#include "export/SessionExport.h"

#include <QCoreApplication>

#include <memory>

namespace chasm::pdf {

// What the chasm-pdf module offers a program that does not link Qt's GUI module: the command-line
// program loads it (QLibrary) only for a PDF export, so that its other commands start without loading
// QtGui and the font, X11, OpenGL and D-Bus libraries that come with it.
struct Plugin
{
    // A QGuiApplication made from the program's arguments; typesetting needs one (fonts).
    std::unique_ptr<QCoreApplication> (*startApplication)(int& argc, char** argv);
    // The renderer to install into SessionExport once the application runs.
    SessionExport::PdfRenderer (*renderer)();
};

// The module's one exported symbol, a function returning the Plugin, is named this.
inline constexpr char pluginEntry[] = "chasmPdfPlugin";
// The module's base name: QLibrary adds the platform's prefix and suffix.
inline constexpr char pluginName[] = "chasm-pdf";

} // namespace chasm::pdf
