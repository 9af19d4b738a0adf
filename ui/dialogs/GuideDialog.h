// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#pragma once

#include <QDialog>

class QAction;
class QTableWidget;
class QTextBrowser;

namespace chasm {

// Help → Getting started: a short guide to the window (sources, sessions, conversation, search,
// harvest, recovery) and every keyboard shortcut of the actions given, read from the actions themselves
// so that the list cannot drift from what the keys do.
class GuideDialog final : public QDialog
{
    Q_OBJECT

public:
    GuideDialog(const QList<QAction*>& actions, QWidget* parent = nullptr);

    QTextBrowser* guide() const { return m_guide; }
    QTableWidget* shortcuts() const { return m_shortcuts; }

private:
    QTextBrowser* m_guide;
    QTableWidget* m_shortcuts;
};

} // namespace chasm
