// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

// chasm_icons SVG NAME DIR SIZE…: renders the application's SVG icon as DIR/SIZExSIZE/apps/NAME.png for each size (the
// build runs it; the PNGs are installed into the hicolor icon theme beside the scalable SVG). Qt's SVG image plugin
// (libqt6svg6) does the rendering, so no tool beyond the ones Chasm builds with is needed.

#include <QCoreApplication>
#include <QDir>
#include <QImage>
#include <QImageReader>
#include <QString>

#include <iostream>

using namespace Qt::StringLiterals;

int main(int argc, char* argv[])
{
    const QCoreApplication application(argc, argv);
    const QStringList arguments = QCoreApplication::arguments();
    if (arguments.size() < 5) {
        std::cerr << "usage: chasm_icons SVG NAME DIR SIZE...\n";
        return 2;
    }
    const QString& svg = arguments.at(1);
    const QString& name = arguments.at(2);
    const QDir folder(arguments.at(3));
    for (const QString& size : arguments.mid(4)) {
        const int pixels = size.toInt();
        if (pixels <= 0) {
            std::cerr << "not a size: " << size.toStdString() << '\n';
            return 2;
        }
        QImageReader reader(svg);
        reader.setScaledSize(QSize(pixels, pixels));
        const QImage image = reader.read();
        if (image.isNull()) {
            std::cerr << "cannot render " << svg.toStdString() << ": " << reader.errorString().toStdString() << '\n';
            return 1;
        }
        const QString apps = u"%1x%1/apps"_s.arg(pixels);
        const QString file = folder.filePath(apps + u'/' + name + u".png"_s);
        if (!folder.mkpath(apps) || !image.save(file, "PNG")) {
            std::cerr << "cannot write " << file.toStdString() << '\n';
            return 1;
        }
    }
    return 0;
}
