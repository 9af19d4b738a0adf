// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#pragma once

#include "ops/Harvester.h"
#include "util/Result.h"

#include <QObject>
#include <QProcess>
#include <QStringList>

#include <chrono>
#include <memory>

namespace chasm {

class HarvestService;
class SessionCatalog;

// One run of an agent CLI (Claude Code, Codex, …) as `chasm run` starts it: the program with the terminal attached
// (standard input, output and error inherited), in a workspace, while the harvest database keeps what it writes: its
// provider's store is watched during the run (HarvestService, on its own thread) and harvested once more at the end.
class AgentRunService final : public QObject
{
    Q_OBJECT

public:
    // An agent CLI Chasm knows how to start.
    struct Agent
    {
        QString name; // as `chasm run` takes it
        QStringList aliases;
        QString displayName;
        QString program;    // looked for on PATH
        QString install;    // the command that installs it
        QString providerId; // whose store it writes; empty: Chasm does not read its sessions
    };
    static const QList<Agent>& agents();
    // By name or alias.
    static const Agent* find(const QString& name);
    // The program on `path` (PATH's folders), or a one-line error naming what installs it.
    static Result<QString> locate(const Agent& agent, const QString& path);

    struct Request
    {
        QString program; // a path
        QStringList arguments;
        QString workspace;  // the program's working directory; empty: this process's
        QString providerId; // whose store to watch and harvest; empty: nothing is saved
        QString databasePath;
        std::chrono::milliseconds debounce{1000};
    };

    explicit AgentRunService(std::shared_ptr<const SessionCatalog> catalog, QObject* parent = nullptr);
    ~AgentRunService() override;

    // Starts the program; finished() tells how it ended once the last harvest is stored. An error when it cannot
    // start.
    std::optional<Error> start(const Request& request);
    // The program's process id while it runs (to pass it a signal), else 0.
    qint64 processId() const;

Q_SIGNALS:
    void harvested(const chasm::Harvester::Summary& summary);
    void harvestFailed(const QString& error);
    // Its exit status: its exit code, or 128 + N when signal N ended it (as a shell tells it).
    void finished(int status);

private:
    void exited(int exitCode, QProcess::ExitStatus exitStatus);

    std::shared_ptr<const SessionCatalog> m_catalog;
    QProcess m_process;
    std::unique_ptr<HarvestService> m_harvest;
    int m_status = 0;
    bool m_exited = false;
};

} // namespace chasm
