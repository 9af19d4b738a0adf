// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#include "StopSignals.h"

#include <QSocketNotifier>

#if defined(Q_OS_UNIX)
#include <fcntl.h>
#include <signal.h>
#include <unistd.h>
#endif

namespace chasm {

#if defined(Q_OS_UNIX)
namespace {

// The handler only writes a byte to this pipe, which the notifier reads on the event loop.
int s_stopPipe[2] = {-1, -1};

} // namespace

StopSignals::StopSignals(std::function<void()> stop)
{
    if (::pipe(s_stopPipe) != 0) {
        return;
    }
    for (const int fd : s_stopPipe) {
        ::fcntl(fd, F_SETFD, FD_CLOEXEC);
        ::fcntl(fd, F_SETFL, O_NONBLOCK);
    }
    m_notifier = std::make_unique<QSocketNotifier>(s_stopPipe[0], QSocketNotifier::Read);
    QObject::connect(m_notifier.get(), &QSocketNotifier::activated, m_notifier.get(), [this, stop = std::move(stop)] {
        char byte = 0;
        while (::read(s_stopPipe[0], &byte, 1) > 0) {
        }
        m_notifier->setEnabled(false); // once; a second signal finds the handlers reset to the default
        stop();
    });
    struct sigaction action
    {};
    action.sa_handler = [](int) {
        const char byte = 1;
        (void)!::write(s_stopPipe[1], &byte, 1);
    };
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESTART | SA_RESETHAND;
    ::sigaction(SIGTERM, &action, nullptr);
    ::sigaction(SIGINT, &action, nullptr);
}
#else
StopSignals::StopSignals(std::function<void()>) {}
#endif

StopSignals::~StopSignals() = default;

} // namespace chasm
