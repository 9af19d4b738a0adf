#include "BadgeDelegate.h"

#include "models/WorkspaceTreeModel.h"

#include <QApplication>
#include <QPainter>

namespace chasm {

namespace {

// The badges' font: a little smaller than the name's.
QFont badgeFont(const QFont& font)
{
    QFont smaller = font;
    smaller.setPointSizeF(font.pointSizeF() * 0.85);
    return smaller;
}

} // namespace

void BadgeDelegate::paint(QPainter* painter, const QStyleOptionViewItem& option, const QModelIndex& index) const
{
    QStyledItemDelegate::paint(painter, option, index);
    const QStringList badges = index.data(WorkspaceTreeModel::ProblemsRole).toStringList();
    if (badges.isEmpty()) {
        return;
    }
    QStyleOptionViewItem item(option);
    initStyleOption(&item, index);
    const QStyle* style = item.widget ? item.widget->style() : QApplication::style();
    const QRect text = style->subElementRect(QStyle::SE_ItemViewItemText, &item, item.widget);
    const QFont font = badgeFont(item.font);
    const QFontMetrics metrics(font);
    painter->save();
    painter->setClipRect(option.rect);
    painter->setFont(font);
    painter->setRenderHint(QPainter::Antialiasing);
    int x = text.left() + item.fontMetrics.horizontalAdvance(item.text) + 6;
    for (const QString& badge : badges) {
        const QRect pill(x, text.center().y() - metrics.height() / 2 - 1, metrics.horizontalAdvance(badge) + 10,
                         metrics.height() + 2);
        painter->setPen(Qt::NoPen);
        painter->setBrush(QColor(0xd9, 0x7a, 0x00));
        painter->drawRoundedRect(pill, pill.height() / 2.0, pill.height() / 2.0);
        painter->setPen(Qt::white);
        painter->drawText(pill, Qt::AlignCenter, badge);
        x = pill.right() + 5;
    }
    painter->restore();
}

QSize BadgeDelegate::sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const
{
    QSize size = QStyledItemDelegate::sizeHint(option, index);
    const QFontMetrics metrics(badgeFont(option.font));
    for (const QString& badge : index.data(WorkspaceTreeModel::ProblemsRole).toStringList()) {
        size.rwidth() += metrics.horizontalAdvance(badge) + 15;
    }
    return size;
}

} // namespace chasm
