// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#include "PdfPlugin.h"
#include "PdfRenderer.h"

#include <QGuiApplication>

namespace {

std::unique_ptr<QCoreApplication> startApplication(int& argc, char** argv)
{
    return std::make_unique<QGuiApplication>(argc, argv);
}

constexpr chasm::pdf::Plugin plugin{startApplication, chasm::pdf::renderer};

} // namespace

extern "C" Q_DECL_EXPORT const chasm::pdf::Plugin* chasmPdfPlugin()
{
    return &plugin;
}
