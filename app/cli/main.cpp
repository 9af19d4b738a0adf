// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#include "CliSupport.h"
#include "CommandLine.h"
#include "util/Allocator.h"
#include "PdfPlugin.h"

#include <QCoreApplication>

#include <memory>

#ifdef Q_OS_WIN
#include <io.h>
#define isatty _isatty
#else
#include <sys/ioctl.h>
#include <unistd.h>
#endif

#include <cstdio>
#include <iostream>
#include <string>
#include <vector>

using namespace Qt::StringLiterals;

namespace {

// The chasm-pdf module; nullptr, with the reason in `error`, when it cannot be loaded.
const chasm::pdf::Plugin* loadPdfPlugin(QString& error)
{
    using Entry = const chasm::pdf::Plugin* (*)();
    const auto entry =
        reinterpret_cast<Entry>(chasm::programModule(chasm::pdf::pluginName, chasm::pdf::pluginEntry, error));
    return entry ? entry() : nullptr;
}

// stdout's width in cells when it is a terminal that says; 0 otherwise.
int terminalColumns()
{
#ifdef TIOCGWINSZ
    winsize size{};
    if (ioctl(1, TIOCGWINSZ, &size) == 0) {
        return size.ws_col;
    }
#endif
    return 0;
}

// Qt's warnings (a reader's, a driver's) go to stderr after what stdout holds, so that they never land inside a line
// of a listing. Not the notice Qt 6.5 and later give at every start in a locale that is not UTF-8 (LANG=C or none, as
// under cron, in a service or a container): Qt switches to a UTF-8 locale itself, Chasm reads and writes UTF-8 in
// any locale, and four lines of it before every answer would only be in the way of what scripts read.
void warnAfterOutput(QtMsgType, const QMessageLogContext&, const QString& message)
{
    if (message.startsWith(u"Detected locale \""_s) && message.contains(u"which is not UTF-8"_s)) {
        return;
    }
    std::cout.flush();
    std::fflush(stdout);
    std::fputs(QString(message + u'\n').toLocal8Bit().constData(), stderr);
}

} // namespace

int main(int argc, char* argv[])
{
    chasm::tuneAllocator();
    qInstallMessageHandler(warnAfterOutput);
    std::unique_ptr<QCoreApplication> application = std::make_unique<QCoreApplication>(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("chasm"));
    QCoreApplication::setApplicationVersion(QStringLiteral(CHASM_VERSION));
    // The arguments as Qt decoded them, in UTF-8: on Windows argv is in the ANSI code page.
    std::vector<std::string> arguments;
    for (const QString& argument : QCoreApplication::arguments()) {
        arguments.push_back(argument.toStdString());
    }
#ifdef CHASM_MCP_PROGRAM
    // csm-mcp: the original product's name for `chasm mcp serve`, which MCP clients may be configured to run.
    arguments.insert(arguments.begin() + 1, {"mcp", "serve"});
#endif
    std::vector<const char*> pointers;
    for (const std::string& argument : arguments) {
        pointers.push_back(argument.c_str());
    }
    // Typesetting a PDF needs Qt's GUI module, which every other command does without: the command table says,
    // after the parse, when the command needs it; the chasm-pdf module is loaded then, and the application
    // becomes its QGuiApplication before the command runs.
    const auto startGui = [&application, &argc, argv] {
        QString error;
        const chasm::pdf::Plugin* plugin = loadPdfPlugin(error);
        if (!plugin) {
            chasm::SessionExport::setPdfRenderer([error](QIODevice&, const QString&, const QString&) {
                return chasm::Result<std::unique_ptr<chasm::SessionExport::PdfTypesetter>>(
                    chasm::Error{u"PDF export needs the chasm-pdf module, which cannot be loaded: "_s + error});
            });
            return;
        }
        application.reset();
        // No display is needed to typeset: the offscreen platform, unless another one is chosen.
        if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")) {
            qputenv("QT_QPA_PLATFORM", "offscreen");
        }
        application = plugin->startApplication(argc, argv);
        chasm::SessionExport::setPdfRenderer(plugin->renderer());
    };
    const chasm::cli::Terminal terminal{isatty(1) != 0, isatty(2) != 0, terminalColumns()};
    return chasm::cli::run(int(pointers.size()), pointers.data(), chasm::Environment::fromProcess(), std::cout,
                           std::cerr, terminal, startGui);
}
