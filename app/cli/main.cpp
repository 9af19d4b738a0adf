#include "CommandLine.h"

#include <QCoreApplication>

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
    QCoreApplication app(argc, argv);
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
