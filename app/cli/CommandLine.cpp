// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#include "CommandLine.h"

#include "CommandTree.h"
#include "Commands.h"
#include "ManPages.h"
#include "commands/CommandTable.h"
#include "services/TelemetryService.h"
#include "util/FileTransaction.h"
#include "util/Settings.h"

#include <QElapsedTimer>
#include <QFileInfo>

#include <optional>

#include <sstream>

using namespace Qt::StringLiterals;

namespace chasm::cli {

namespace {

// The whole command table: the global options, then each command group (app/cli/commands/) in the order
// `chasm --help` lists them.
void assemble(CommandTable& table)
{
    CLI::App& app = table.app();
    app.name("chasm");
    app.description("Chasm: find, recover, repair, merge, search and export the chat histories of AI coding "
                    "assistants.");
    app.set_version_flag("-V,--version", std::string("chasm ") + CHASM_VERSION);
    app.require_subcommand(1);
    app.fallthrough();
    app.add_flag("--json", table.globals().json, "Print the result as JSON (stable keys)");
    table.oneOf(app.add_option("--color", table.globals().colour,
                               "Colour: auto (when stdout or stderr is a terminal, NO_COLOR is unset or empty and TERM "
                               "is not dumb), always or never; --json output is never coloured")
                    ->default_str("auto"),
                {"auto", "always", "never"});
    app.add_option("--db", table.globals().database,
                   "The harvest database (default: $CHASM_DB, else ~/.local/share/chasm/chasm.db)");

    addListCommands(table);
    addProviderCommands(table);
    addShowCommands(table);
    addFindCommands(table);
    addRegisterCommands(table);
    addRecoverCommands(table);
    addFetchCommands(table);
    addImportCommands(table);
    addMoveCommands(table);
    addMigrationCommands(table);
    addMergeCommands(table);
    addExportCommands(table);
    addHarvestCommands(table);
    addSyncCommands(table);
    addRetentionCommands(table);
    addWatchCommands(table);
    addRunCommands(table);
    addGitCommands(table);
    addDetectCommands(table);
    addMcpCommands(table);
    addApiCommands(table);
    addTeamCommands(table);
    addDoctorCommand(table);
    addTelemetryCommands(table);
    addCompletionsCommand(table);
}

// The parsed command's name without its options and arguments ("list sessions"; an alias by its command's name).
std::string commandName(const CLI::App& app)
{
    std::string name;
    const CLI::App* node = &app;
    while (!node->get_subcommands().empty()) {
        node = node->get_subcommands().front();
        name += (name.empty() ? "" : " ") + node->get_name();
    }
    return name;
}

// Runs the parsed command; its exit code.
int runAction(CommandTable& table, const Environment& environment, Output& output)
{
    try {
        // --db names the harvest database for every service, as CHASM_DB does (the chats listed among the sessions
        // are read from it too).
        const std::string& database = table.globals().database;
        Commands commands(database.empty() ? environment
                                           : environment.withVariable(u"CHASM_DB"_s, QString::fromStdString(database)),
                          output);
        table.action()(commands);
    } catch (const CLI::ValidationError& e) {
        output.errLine(u"chasm: "_s + QString::fromStdString(e.what()), "31");
        return 2;
    } catch (const CommandError& e) {
        output.errLine(u"chasm: "_s + e.message, "31");
        return 1;
    }
    output.out.flush();
    return output.status;
}

} // namespace

int run(int argc, const char* const* argv, const Environment& environment, std::ostream& out, std::ostream& err,
        Terminal terminal, const std::function<void()>& startGui)
{
    RecoveryPoint::setJournal(RecoveryPoint::journalFile(environment));
    Output output{out, err};
    output.progress = terminal.err;
    CommandTable table(output);
    assemble(table);
    CLI::App& app = table.app();

    try {
        app.parse(argc, argv);
    } catch (const CLI::Success& e) {
        app.exit(e, out, err);
        return 0;
    } catch (const CLI::ParseError& e) {
        app.exit(e, out, err);
        if (e.get_exit_code() != int(CLI::ExitCodes::ValidationError)) {
            err << table.dashedWordHint(argc, argv);
        }
        return 2;
    }
    output.json = table.globals().json;
    const std::string& colour = table.globals().colour;
    const bool colourAllowed =
        colour == "always" || (colour == "auto" && environment.variable(u"NO_COLOR"_s).isEmpty() &&
                               environment.variable(u"TERM"_s) != u"dumb"_s);
    output.colour = colourAllowed && !output.json && (terminal.out || colour == "always");
    output.errColour = colourAllowed && (terminal.err || colour == "always");
    if (terminal.out) {
        bool given = false;
        const int columns = environment.variable(u"COLUMNS"_s).toInt(&given);
        output.width = given && columns > 0 ? columns : terminal.columns > 0 ? terminal.columns : 80;
    }
    if (table.needsGui() && startGui) {
        startGui();
    }

    QElapsedTimer timer;
    timer.start();
    const int status = runAction(table, environment, output);
    const std::string command = commandName(app);
    // Chasm's own note of the command in the local telemetry log (docs/telemetry.md): its name, how it ended and
    // how long it took, nothing more; the telemetry commands note nothing.
    if (command.rfind("telemetry", 0) != 0) {
        const QString file = Settings::defaultFile(environment);
        std::optional<Settings> settings;
        if (QFileInfo::exists(file)) {
            settings.emplace(file);
        }
        TelemetryService(environment, settings ? &*settings : nullptr)
            .recordCommand(QString::fromStdString(command), status, timer.elapsed());
    }
    return status;
}

std::string usageError(const std::vector<std::string>& args)
{
    std::ostringstream none;
    Output output{none, none};
    CommandTable table(output);
    assemble(table);
    std::vector<const char*> argv{"chasm"};
    for (const std::string& arg : args) {
        argv.push_back(arg.c_str());
    }
    try {
        table.app().parse(int(argv.size()), argv.data());
    } catch (const CLI::Success&) {
        return {};
    } catch (const CLI::ParseError& e) {
        return e.what();
    }
    return {};
}

CommandNode commandTable()
{
    std::ostringstream none;
    Output output{none, none};
    CommandTable table(output);
    assemble(table);
    return commandTree(table);
}

std::vector<ManPage> manPages()
{
    return cli::manPages(commandTable(), CHASM_VERSION);
}

} // namespace chasm::cli
