#pragma once

#include <QSystemTrayIcon>

#include <memory>

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

Q_SIGNALS:
    // "Quit" in the menu: the window closes for good rather than to the tray.
    void quitRequested();

private:
    std::unique_ptr<QMenu> m_menu;
};

} // namespace chasm
