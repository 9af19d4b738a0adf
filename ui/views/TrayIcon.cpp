// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#include "TrayIcon.h"

#include "services/HarvestService.h"

#include <QAction>
#include <QMenu>
#include <QWidget>

namespace chasm {

TrayIcon::TrayIcon(QWidget* window, HarvestService* harvest)
    : QSystemTrayIcon(window->windowIcon(), window)
    , m_menu(std::make_unique<QMenu>())
{
    setToolTip(tr("Chasm"));
    m_server = m_menu->addAction(QString());
    m_server->setEnabled(false);
    m_server->setVisible(false);
    m_menu->addAction(tr("&Open Chasm"), window, [window] {
        window->showNormal();
        window->raise();
        window->activateWindow();
    });
    m_menu->addAction(tr("&Harvest now"), harvest, &HarvestService::harvestNow);
    QAction* pause = m_menu->addAction(tr("&Pause watching"));
    pause->setCheckable(true);
    connect(pause, &QAction::toggled, harvest, [harvest](bool paused) { harvest->setWatching(!paused); });
    m_menu->addSeparator();
    m_menu->addAction(tr("&Quit"), this, &TrayIcon::quitRequested);
    setContextMenu(m_menu.get());
    connect(this, &QSystemTrayIcon::activated, window, [window](QSystemTrayIcon::ActivationReason reason) {
        if (reason == QSystemTrayIcon::Trigger) {
            window->setVisible(!window->isVisible());
        }
    });
}

TrayIcon::~TrayIcon() = default;

void TrayIcon::setServerStatus(const QString& text)
{
    m_server->setText(text);
    m_server->setVisible(!text.isEmpty());
}

QString TrayIcon::serverStatus() const
{
    return m_server->text();
}

} // namespace chasm
