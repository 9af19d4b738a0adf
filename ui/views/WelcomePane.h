// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#pragma once

#include "model/SessionRef.h"

#include <QWidget>

class QLabel;
class QPushButton;

namespace chasm {

// What a first run shows in place of a conversation: what Chasm found (how many sessions of which tools,
// or where it looked when it found none) and what to do next: harvest, open the recovery assistant, read
// the short guide.
class WelcomePane final : public QWidget
{
    Q_OBJECT

public:
    explicit WelcomePane(QWidget* parent = nullptr);

    // The sessions found, and the folders looked in (said when nothing was found).
    void setFound(const QList<SessionRef>& sessions, const QStringList& lookedIn);
    QString text() const;

Q_SIGNALS:
    void harvestRequested();
    void recoveryRequested();
    void guideRequested();

private:
    QLabel* m_found;
    QPushButton* m_harvest;
    QPushButton* m_recover;
    QPushButton* m_guide;
};

} // namespace chasm
