// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#include "KeyboardContextMenu.h"

#include <QAbstractItemView>
#include <QContextMenuEvent>
#include <QCoreApplication>
#include <QKeyEvent>
#include <QTextEdit>

#include <algorithm>

namespace chasm {

KeyboardContextMenu::KeyboardContextMenu(QAbstractScrollArea* view)
    : QObject(view)
    , m_view(view)
{}

void KeyboardContextMenu::install(QAbstractScrollArea* view)
{
    view->installEventFilter(new KeyboardContextMenu(view));
}

bool KeyboardContextMenu::eventFilter(QObject* watched, QEvent* event)
{
    if (watched != m_view) {
        return false;
    }
    if (event->type() == QEvent::KeyPress) {
        const auto* key = static_cast<QKeyEvent*>(event);
        const Qt::KeyboardModifiers modifiers = key->modifiers() & ~Qt::KeypadModifier;
        if ((key->key() == Qt::Key_Menu && modifiers == Qt::NoModifier) ||
            (key->key() == Qt::Key_F10 && modifiers == Qt::ShiftModifier)) {
            open(key->modifiers());
            return true;
        }
    } else if (event->type() == QEvent::ContextMenu &&
               static_cast<QContextMenuEvent*>(event)->reason() == QContextMenuEvent::Keyboard) {
        return true; // the platform's, for the Menu key this filter has handled
    }
    return false;
}

void KeyboardContextMenu::open(Qt::KeyboardModifiers modifiers)
{
    QWidget* viewport = m_view->viewport();
    QPoint position = viewport->rect().topLeft() + QPoint(8, 8);
    if (const auto* items = qobject_cast<QAbstractItemView*>(m_view); items && items->currentIndex().isValid()) {
        position = items->visualRect(items->currentIndex()).center();
    } else if (const auto* text = qobject_cast<QTextEdit*>(m_view)) {
        position = text->cursorRect().center();
    }
    // A current item or cursor scrolled out of view: the menu opens at the view's edge nearest to it.
    position.setX(std::clamp(position.x(), 0, std::max(0, viewport->width() - 1)));
    position.setY(std::clamp(position.y(), 0, std::max(0, viewport->height() - 1)));
    QContextMenuEvent menu(QContextMenuEvent::Keyboard, position, viewport->mapToGlobal(position), modifiers);
    QCoreApplication::sendEvent(viewport, &menu);
}

} // namespace chasm
