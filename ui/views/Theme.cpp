// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#include "Theme.h"

#include <QApplication>
#include <QPalette>
#include <QStyle>
#include <QStyleFactory>

namespace chasm {

namespace {

QPalette darkPalette()
{
    QPalette p;
    const QColor window(0x2b, 0x2b, 0x2b);
    const QColor base(0x1e, 0x1e, 0x1e);
    const QColor text(0xe6, 0xe6, 0xe6);
    const QColor disabled(0x80, 0x80, 0x80);
    p.setColor(QPalette::Window, window);
    p.setColor(QPalette::WindowText, text);
    p.setColor(QPalette::Base, base);
    p.setColor(QPalette::AlternateBase, QColor(0x26, 0x26, 0x26));
    p.setColor(QPalette::ToolTipBase, window);
    p.setColor(QPalette::ToolTipText, text);
    p.setColor(QPalette::PlaceholderText, disabled);
    p.setColor(QPalette::Text, text);
    p.setColor(QPalette::Button, window);
    p.setColor(QPalette::ButtonText, text);
    p.setColor(QPalette::BrightText, Qt::white);
    p.setColor(QPalette::Link, QColor(0x6c, 0xb6, 0xff));
    p.setColor(QPalette::LinkVisited, QColor(0xb3, 0x9d, 0xdb));
    p.setColor(QPalette::Highlight, QColor(0x26, 0x4f, 0x78));
    p.setColor(QPalette::HighlightedText, Qt::white);
    p.setColor(QPalette::Light, QColor(0x3c, 0x3c, 0x3c));
    p.setColor(QPalette::Midlight, QColor(0x34, 0x34, 0x34));
    p.setColor(QPalette::Mid, QColor(0x44, 0x44, 0x44));
    p.setColor(QPalette::Dark, QColor(0x18, 0x18, 0x18));
    p.setColor(QPalette::Shadow, Qt::black);
    for (const auto role : {QPalette::WindowText, QPalette::Text, QPalette::ButtonText}) {
        p.setColor(QPalette::Disabled, role, disabled);
    }
    return p;
}

} // namespace

bool isDark(const QPalette& palette)
{
    return palette.color(QPalette::Base).lightness() < palette.color(QPalette::Text).lightness();
}

QColor userColor(const QPalette& palette)
{
    return isDark(palette) ? QColor(0x7e, 0xd3, 0x8f) : QColor(0x1a, 0x7f, 0x37);
}

QColor assistantColor(const QPalette& palette)
{
    return isDark(palette) ? QColor(0x7c, 0xb8, 0xff) : QColor(0x0b, 0x5c, 0xad);
}

QColor tint(const QPalette& palette, const QColor& color)
{
    const QColor base = palette.color(QPalette::Base);
    constexpr double share = 0.07;
    return QColor::fromRgbF(float(base.redF() * (1 - share) + color.redF() * share),
                            float(base.greenF() * (1 - share) + color.greenF() * share),
                            float(base.blueF() * (1 - share) + color.blueF() * share));
}

void applyTheme(Settings::Theme theme)
{
    static const QString systemStyle = QApplication::style()->name();
    if (theme == Settings::Theme::System) {
        QApplication::setStyle(QStyleFactory::create(systemStyle));
        QApplication::setPalette(QApplication::style()->standardPalette());
        return;
    }
    QApplication::setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
    QApplication::setPalette(theme == Settings::Theme::Dark ? darkPalette() : QApplication::style()->standardPalette());
}

} // namespace chasm
