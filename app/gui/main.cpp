#include "views/MainWindow.h"

#include <QApplication>
#include <QIcon>

int main(int argc, char* argv[])
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("chasm"));
    QApplication::setApplicationDisplayName(QStringLiteral("Chasm"));
    QApplication::setApplicationVersion(QStringLiteral(CHASM_VERSION));
    QApplication::setOrganizationName(QStringLiteral("chasm"));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/chasm.svg")));

    chasm::MainWindow window(chasm::Environment::fromProcess());
    window.show();
    return QApplication::exec();
}
