// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#pragma once

#include <QtGlobal>

#include <functional>
#include <memory>

class QSocketNotifier;

namespace chasm {

// SIGTERM and SIGINT (Ctrl+C) heard on the event loop, once: `stop` is called there, so that a server can end
// gracefully (answer what runs, stop its harvest) and the command exit 0, and the app quit as its Quit does. A
// second signal ends the process at once. Only on Unix; elsewhere it does nothing.
class StopSignals
{
public:
    explicit StopSignals(std::function<void()> stop);
    ~StopSignals();
    Q_DISABLE_COPY_MOVE(StopSignals)

private:
    std::unique_ptr<QSocketNotifier> m_notifier;
};

} // namespace chasm
