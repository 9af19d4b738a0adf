// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#pragma once

#include <QObject>

class QAbstractScrollArea;

namespace chasm {

// Opens a view's context menu from the keyboard (the Menu key, Shift+F10) at its current item or text
// cursor, as a right click there does. Qt sends none for Shift+F10, and for the Menu key only on some
// platforms and at the mouse pointer; that one is dropped, so that one menu opens, at the item.
class KeyboardContextMenu final : public QObject
{
    Q_OBJECT

public:
    // Owned by the view.
    static void install(QAbstractScrollArea* view);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    explicit KeyboardContextMenu(QAbstractScrollArea* view);
    void open(Qt::KeyboardModifiers modifiers);

    QAbstractScrollArea* m_view;
};

} // namespace chasm
