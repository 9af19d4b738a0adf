// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#pragma once

#include <QSystemTrayIcon>

#include <memory>

class QAction;
class QMenu;

namespace chasm {

class HarvestService;

// Chasm in the system tray, where a window closed with the tray enabled keeps harvesting: a click shows or
// hides the window; its menu opens the window, harvests now, pauses watching the tools' stores, or quits.
class TrayIcon final : public QSystemTrayIcon
{
    Q_OBJECT

public:
    TrayIcon(QWidget* window, HarvestService* harvest);
    ~TrayIcon() override;

    // The first line of the menu: where the app's API server runs ("API on 127.0.0.1:8787"); empty hides it.
    void setServerStatus(const QString& text);
    QString serverStatus() const;

Q_SIGNALS:
    // "Quit" in the menu: the window closes for good rather than to the tray.
    void quitRequested();

private:
    std::unique_ptr<QMenu> m_menu;
    QAction* m_server;
};

} // namespace chasm
