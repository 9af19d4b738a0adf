// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#include "AgentRunService.h"

#include "services/HarvestService.h"

#include <QDir>
#include <QStandardPaths>

using namespace Qt::StringLiterals;

namespace chasm {

const QList<AgentRunService::Agent>& AgentRunService::agents()
{
    // The installers as each tool's documentation gives them (npm packages where there is one).
    static const QList<Agent> known = {
        {u"claude"_s,
         {u"claude-code"_s, u"claudecode"_s},
         u"Claude Code"_s,
         u"claude"_s,
         u"npm install -g @anthropic-ai/claude-code"_s,
         u"claude-code"_s},
        {u"codex"_s,
         {u"codex-cli"_s, u"codexcli"_s},
         u"Codex CLI"_s,
         u"codex"_s,
         u"npm install -g @openai/codex"_s,
         u"codex"_s},
        {u"gemini"_s,
         {u"gemini-cli"_s, u"geminicli"_s},
         u"Gemini CLI"_s,
         u"gemini"_s,
         u"npm install -g @google/gemini-cli"_s,
         u"gemini"_s},
        {u"qwen"_s, {u"qwen-code"_s}, u"Qwen Code"_s, u"qwen"_s, u"npm install -g @qwen-code/qwen-code"_s, u"qwen"_s},
        {u"opencode"_s,
         {u"open"_s, u"open-code"_s},
         u"OpenCode"_s,
         u"opencode"_s,
         u"npm install -g opencode-ai"_s,
         u"opencode"_s},
        {u"cursor"_s,
         {},
         u"Cursor CLI"_s,
         u"cursor-agent"_s,
         u"curl https://cursor.com/install -fsS | bash"_s,
         u"cursor"_s},
        {u"droid"_s,
         {u"droid-cli"_s, u"droidcli"_s, u"factory"_s},
         u"Factory Droid"_s,
         u"droid"_s,
         u"curl -fsSL https://app.factory.ai/cli | sh"_s,
         u"droid"_s},
        {u"claw"_s, {u"openclaw"_s, u"clawdbot"_s}, u"OpenClaw"_s, u"openclaw"_s, u"npm install -g openclaw"_s, {}},
    };
    return known;
}

const AgentRunService::Agent* AgentRunService::find(const QString& name)
{
    for (const Agent& agent : agents()) {
        if (agent.name.compare(name, Qt::CaseInsensitive) == 0 || agent.aliases.contains(name, Qt::CaseInsensitive)) {
            return &agent;
        }
    }
    return nullptr;
}

Result<QString> AgentRunService::locate(const Agent& agent, const QString& path)
{
    const QString found =
        QStandardPaths::findExecutable(agent.program, path.split(QDir::listSeparator(), Qt::SkipEmptyParts));
    if (found.isEmpty()) {
        return Error{u"%1 is not installed (no '%2' on PATH): install it with `%3`"_s.arg(
            agent.displayName, agent.program, agent.install)};
    }
    return found;
}

AgentRunService::AgentRunService(std::shared_ptr<const SessionCatalog> catalog, QObject* parent)
    : QObject(parent)
    , m_catalog(std::move(catalog))
{
    // The terminal is the program's: nothing is read from or written to its channels here.
    m_process.setProcessChannelMode(QProcess::ForwardedChannels);
    m_process.setInputChannelMode(QProcess::ForwardedInputChannel);
    connect(&m_process, &QProcess::finished, this, &AgentRunService::exited);
}

AgentRunService::~AgentRunService() = default;

std::optional<Error> AgentRunService::start(const Request& request)
{
    if (!request.providerId.isEmpty()) {
        m_harvest = std::make_unique<HarvestService>(m_catalog, request.databasePath);
        m_harvest->setProviders({request.providerId});
        m_harvest->setDebounce(request.debounce);
        m_harvest->setRescanInterval(std::chrono::milliseconds(0));
        connect(m_harvest.get(), &HarvestService::finished, this, &AgentRunService::harvested);
        connect(m_harvest.get(), &HarvestService::failed, this, &AgentRunService::harvestFailed);
        connect(m_harvest.get(), &HarvestService::settled, this, [this] {
            if (m_exited) {
                Q_EMIT finished(m_status);
            }
        });
        m_harvest->setWatching(true);
    }
    if (!request.workspace.isEmpty()) {
        m_process.setWorkingDirectory(request.workspace);
    }
    m_process.start(request.program, request.arguments);
    if (!m_process.waitForStarted(-1)) {
        return Error{u"cannot start %1: %2"_s.arg(request.program, m_process.errorString())};
    }
    return std::nullopt;
}

qint64 AgentRunService::processId() const
{
    return m_process.state() == QProcess::Running ? m_process.processId() : 0;
}

void AgentRunService::exited(int exitCode, QProcess::ExitStatus exitStatus)
{
    // On Unix, the exit code of a process a signal ended is the signal's number.
    m_status = exitStatus == QProcess::CrashExit ? 128 + exitCode : exitCode;
    m_exited = true;
    if (!m_harvest) {
        Q_EMIT finished(m_status);
        return;
    }
    // What it wrote last: read once more, after the harvest under way if there is one.
    m_harvest->setWatching(false);
    m_harvest->harvestNow();
}

} // namespace chasm
