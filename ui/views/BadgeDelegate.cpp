// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#include "BadgeDelegate.h"

#include "models/WorkspaceTreeModel.h"

#include <QApplication>
#include <QPainter>

namespace chasm {

namespace {

constexpr int pillPadding = 10; // inside a pill, around its text
constexpr int pillSpacing = 5;  // between pills
constexpr int nameSpacing = 6;  // between the name and the first pill

// The badges' font: a little smaller than the name's.
QFont badgeFont(const QFont& font)
{
    QFont smaller = font;
    smaller.setPointSizeF(font.pointSizeF() * 0.85);
    return smaller;
}

int badgesWidth(const QStringList& badges, const QFontMetrics& metrics)
{
    int width = 0;
    for (const QString& badge : badges) {
        width += metrics.horizontalAdvance(badge) + pillPadding + pillSpacing;
    }
    return width;
}

} // namespace

void BadgeDelegate::paint(QPainter* painter, const QStyleOptionViewItem& option, const QModelIndex& index) const
{
    const QStringList badges = index.data(WorkspaceTreeModel::ProblemsRole).toStringList();
    if (badges.isEmpty()) {
        QStyledItemDelegate::paint(painter, option, index);
        return;
    }
    QStyleOptionViewItem item(option);
    initStyleOption(&item, index);
    const QStyle* style = item.widget ? item.widget->style() : QApplication::style();
    const QRect text = style->subElementRect(QStyle::SE_ItemViewItemText, &item, item.widget);
    const QFont font = badgeFont(item.font);
    const QFontMetrics metrics(font);
    // The badges are the warning: they keep their room, and the name gives way (elided) when the column is narrow.
    const int reserved = nameSpacing + badgesWidth(badges, metrics);
    const int nameWidth = std::max(0, text.width() - reserved);
    item.text = item.fontMetrics.elidedText(item.text, item.textElideMode, nameWidth);
    style->drawControl(QStyle::CE_ItemViewItem, &item, painter, item.widget);

    painter->save();
    painter->setClipRect(option.rect);
    painter->setFont(font);
    painter->setRenderHint(QPainter::Antialiasing);
    int x = text.left() + std::min(item.fontMetrics.horizontalAdvance(item.text), nameWidth) + nameSpacing;
    for (const QString& badge : badges) {
        const QRect pill(x, text.center().y() - metrics.height() / 2 - 1,
                         metrics.horizontalAdvance(badge) + pillPadding, metrics.height() + 2);
        painter->setPen(Qt::NoPen);
        painter->setBrush(QColor(0xd9, 0x7a, 0x00));
        painter->drawRoundedRect(pill, pill.height() / 2.0, pill.height() / 2.0);
        painter->setPen(Qt::white);
        painter->drawText(pill, Qt::AlignCenter, badge);
        x = pill.right() + pillSpacing;
    }
    painter->restore();
}

QSize BadgeDelegate::sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const
{
    QSize size = QStyledItemDelegate::sizeHint(option, index);
    const QStringList badges = index.data(WorkspaceTreeModel::ProblemsRole).toStringList();
    if (!badges.isEmpty()) {
        size.rwidth() += nameSpacing + badgesWidth(badges, QFontMetrics(badgeFont(option.font)));
    }
    return size;
}

} // namespace chasm
