#include "CommandLine.h"

#include <QCoreApplication>

#include <iostream>

int main(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("chasm"));
    QCoreApplication::setApplicationVersion(QStringLiteral(CHASM_VERSION));
    return chasm::cli::run(argc, argv, chasm::Environment::fromProcess(), std::cout, std::cerr);
}
