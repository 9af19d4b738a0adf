#include "CommandLine.h"
#include "PdfRenderer.h"

#include <QGuiApplication>

#include <algorithm>
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

namespace {

// Whether the command asks for PDF (--format pdf, -f pdf, --format=pdf): typesetting needs Qt's GUI
// module, which every other command does without.
bool wantsPdf(int argc, char* argv[])
{
    for (int i = 1; i < argc; ++i) {
        const std::string_view arg = argv[i];
        if (arg == "--format=pdf" || arg == "-fpdf" ||
            ((arg == "--format" || arg == "-f") && i + 1 < argc && std::string_view(argv[i + 1]) == "pdf")) {
            return true;
        }
    }
    return false;
}

} // namespace

int main(int argc, char* argv[])
{
    std::unique_ptr<QCoreApplication> application;
    if (wantsPdf(argc, argv)) {
        // No display is needed to typeset: the offscreen platform, unless another one is chosen.
        if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")) {
            qputenv("QT_QPA_PLATFORM", "offscreen");
        }
        application = std::make_unique<QGuiApplication>(argc, argv);
    } else {
        application = std::make_unique<QCoreApplication>(argc, argv);
    }
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
    const chasm::cli::Terminal terminal{isatty(1) != 0, isatty(2) != 0};
    return chasm::cli::run(int(pointers.size()), pointers.data(), chasm::Environment::fromProcess(), std::cout,
                           std::cerr, terminal);
}
