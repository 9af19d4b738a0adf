// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

// chasm run: an agent CLI started with the terminal attached while its sessions are harvested as they are written;
// chasm run tui: the desktop app. (The chat subcommands of `run` register themselves into the same group.)

#include "Commands.h"
#include "commands/CommandTable.h"
#include "services/AgentRunService.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QStandardPaths>

#include <atomic>

#if defined(Q_OS_UNIX)
#include <signal.h>
#endif

namespace chasm::cli {

namespace {

using namespace Qt::StringLiterals;

struct RunOptions
{
    std::string workspace;
    bool noSave = false;
    bool verbose = false;
    std::vector<std::string> arguments;
};

#if defined(Q_OS_UNIX)
// The program the signals go to; read by the handler.
std::atomic<pid_t> s_child{0};

// SIGINT, SIGTERM, SIGHUP and SIGQUIT passed on to the program while it runs, instead of ending this process first. A
// signal the terminal sends (Ctrl+C) already reaches the program, which is in the same process group: only those
// another process sends to this one (kill) are passed on, so that the program never hears one twice.
class ForwardedSignals
{
public:
    ForwardedSignals()
    {
        struct sigaction action
        {};
        action.sa_sigaction = [](int signal, siginfo_t* info, void*) {
            const pid_t child = s_child.load();
            bool fromProcess = info->si_code == SI_USER || info->si_code == SI_QUEUE;
#if defined(SI_TKILL)
            fromProcess = fromProcess || info->si_code == SI_TKILL;
#endif
            if (child > 0 && fromProcess) {
                ::kill(child, signal);
            }
        };
        sigemptyset(&action.sa_mask);
        action.sa_flags = SA_SIGINFO | SA_RESTART;
        for (std::size_t i = 0; i < std::size(m_signals); ++i) {
            ::sigaction(m_signals[i], &action, &m_previous[i]);
        }
    }
    ~ForwardedSignals()
    {
        s_child = 0;
        for (std::size_t i = 0; i < std::size(m_signals); ++i) {
            ::sigaction(m_signals[i], &m_previous[i], nullptr);
        }
    }
    Q_DISABLE_COPY_MOVE(ForwardedSignals)

    void setChild(qint64 pid)
    {
        s_child = pid_t(pid);
    }

private:
    static constexpr int m_signals[] = {SIGINT, SIGTERM, SIGHUP, SIGQUIT};
    struct sigaction m_previous[std::size(m_signals)] = {};
};
#else
class ForwardedSignals
{
public:
    void setChild(qint64) {}
};
#endif

// Runs the program to its end and returns its exit status (128 + N for signal N); `agent` names the tool in messages.
int runProgram(Commands& c, const RunOptions& o, const std::string& database, AgentRunService::Request request,
               const QString& agent)
{
    const Output& output = c.output();
    const Environment& environment = c.catalog().environment();
    if (!o.workspace.empty()) {
        request.workspace = environment.absolutePath(q(o.workspace));
        if (!QFileInfo(request.workspace).isDir()) {
            throw CommandError{u"--workspace: %1 is not a folder"_s.arg(request.workspace)};
        }
    }
    for (const std::string& argument : o.arguments) {
        request.arguments.append(q(argument));
    }
    request.databasePath = HarvestDatabaseService(c.catalog()).databasePath(q(database));
    AgentRunService run(std::make_shared<const SessionCatalog>(environment));
    int status = 0;
    QString lastError;
    int saved = 0;
    QObject::connect(&run, &AgentRunService::harvested, &run, [&](const Harvester::Summary& summary) {
        saved += summary.created + summary.updated;
        if (o.verbose && summary.created + summary.updated > 0) {
            output.err << "chasm: saved " << summary.created << " new and " << summary.updated << " updated "
                       << agent.toStdString() << " sessions" << std::endl;
        }
    });
    QObject::connect(&run, &AgentRunService::harvestFailed, &run, [&](const QString& error) {
        lastError = error;
        if (o.verbose) {
            output.err << "chasm: could not save the sessions: " << error.toStdString() << std::endl;
        }
    });
    QObject::connect(&run, &AgentRunService::finished, &run, [&status](int exitStatus) {
        status = exitStatus;
        QCoreApplication::quit();
    });
    ForwardedSignals forwarded;
    if (const std::optional<Error> error = run.start(request)) {
        throw CommandError{error->message};
    }
    forwarded.setChild(run.processId());
    QCoreApplication::exec();
    if (!lastError.isEmpty() && !o.verbose) {
        output.err << "chasm: could not save the " << agent.toStdString() << " sessions: " << lastError.toStdString()
                   << std::endl;
    }
    return status;
}

void runAgent(Commands& c, const RunOptions& o, const std::string& database, const AgentRunService::Agent& agent,
              Output& output)
{
    AgentRunService::Request request;
    request.program = take(AgentRunService::locate(agent, c.catalog().environment().variable(u"PATH"_s)));
    if (!o.noSave) {
        if (agent.providerId.isEmpty()) {
            output.err << "chasm: Chasm does not read " << agent.displayName.toStdString()
                       << "'s sessions yet: it runs without saving them" << std::endl;
        }
        request.providerId = agent.providerId;
    }
    output.status = runProgram(c, o, database, request, agent.displayName);
}

void runTui(Commands& c, const RunOptions& o, const std::string& database, Output& output)
{
    // Beside this program (an installed tree, Windows), else on PATH.
    const QString name = u"chasm-gui"_s;
    QString program = QStandardPaths::findExecutable(name, {QCoreApplication::applicationDirPath()});
    if (program.isEmpty()) {
        program = QStandardPaths::findExecutable(
            name, c.catalog().environment().variable(u"PATH"_s).split(QDir::listSeparator(), Qt::SkipEmptyParts));
    }
    if (program.isEmpty()) {
        throw CommandError{u"the desktop app (chasm-gui) is neither beside chasm nor on PATH"_s};
    }
    AgentRunService::Request request;
    request.program = program;
    output.status = runProgram(c, o, database, request, u"Chasm"_s); // the app harvests itself
}

} // namespace

CLI::App* runCommand(CommandTable& table)
{
    const std::vector<CLI::App*> found =
        table.app().get_subcommands([](const CLI::App* command) { return command->get_name() == "run"; });
    if (!found.empty()) {
        return found.front();
    }
    return table.app().add_subcommand(
        "run", "Chat with a model, every word recorded (chasm run ollama); launch an AI coding agent with auto-save "
               "(chasm run claude); or open the desktop app (chasm run tui)");
}

void addRunCommands(CommandTable& table)
{
    CLI::App* run = runCommand(table);
    const CommandTable::Globals& globals = table.globals();
    const auto common = [&table](CLI::App* command, RunOptions& o) {
        command->add_option("--workspace", o.workspace, "Run it in this folder (default: the current one)");
        command->add_flag("--verbose,-v", o.verbose, "Tell on stderr what was saved, as it is saved");
        command->add_option("args", o.arguments, "Its own arguments, after --");
        table.hintDashedWords(command, "Its own options come after --, as in: chasm run claude -- --resume\n");
    };
    for (const AgentRunService::Agent& agent : AgentRunService::agents()) {
        RunOptions& o = table.options<RunOptions>();
        CLI::App* command =
            run->add_subcommand(agent.name.toStdString(),
                                u"Launch %1 (%2) with auto-save"_s.arg(agent.displayName, agent.program).toStdString());
        for (const QString& alias : agent.aliases) {
            command->alias(alias.toStdString());
        }
        command->add_flag("--no-save", o.noSave, "Run it without saving its sessions");
        common(command, o);
        table.on(command, [&o, &globals, &table, &agent](Commands& c) {
            runAgent(c, o, globals.database, agent, table.output());
        });
    }
    RunOptions& o = table.options<RunOptions>();
    CLI::App* tui = run->add_subcommand("tui", "Open the desktop app (chasm-gui)");
    common(tui, o);
    table.on(tui, [&o, &globals, &table](Commands& c) { runTui(c, o, globals.database, table.output()); });
    addChatCommands(table, run);
}

} // namespace chasm::cli
