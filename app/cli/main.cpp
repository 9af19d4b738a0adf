#include "CommandLine.h"
#include "PdfRenderer.h"

#include <QGuiApplication>

#include <memory>

#ifdef Q_OS_WIN
#include <io.h>
#define isatty _isatty
#else
#include <unistd.h>
#endif

#include <iostream>
#include <string>
#include <vector>

int main(int argc, char* argv[])
{
    std::unique_ptr<QCoreApplication> application = std::make_unique<QCoreApplication>(argc, argv);
    chasm::pdf::install();
    QCoreApplication::setApplicationName(QStringLiteral("chasm"));
    QCoreApplication::setApplicationVersion(QStringLiteral(CHASM_VERSION));
    // The arguments as Qt decoded them, in UTF-8: on Windows argv is in the ANSI code page.
    std::vector<std::string> arguments;
    for (const QString& argument : QCoreApplication::arguments()) {
        arguments.push_back(argument.toStdString());
    }
    std::vector<const char*> pointers;
    for (const std::string& argument : arguments) {
        pointers.push_back(argument.c_str());
    }
    // Typesetting a PDF needs Qt's GUI module, which every other command does without: the command table says,
    // after the parse, when the command needs it, and the application becomes a QGuiApplication before it runs.
    const auto startGui = [&application, &argc, argv] {
        application.reset();
        // No display is needed to typeset: the offscreen platform, unless another one is chosen.
        if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")) {
            qputenv("QT_QPA_PLATFORM", "offscreen");
        }
        application = std::make_unique<QGuiApplication>(argc, argv);
    };
    const chasm::cli::Terminal terminal{isatty(1) != 0, isatty(2) != 0};
    return chasm::cli::run(int(pointers.size()), pointers.data(), chasm::Environment::fromProcess(), std::cout,
                           std::cerr, terminal, startGui);
}
