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

#include <algorithm>
#include <optional>

#include <sstream>
#include <string_view>

using namespace Qt::StringLiterals;

namespace chasm::cli {

namespace {

// A command group (app/cli/commands/) and the commands and aliases it adds at the top of the table.
struct Group
{
    void (*add)(CommandTable&);
    std::vector<std::string_view> words;
};

// The command groups, in the order `chasm --help` lists them. completions names no word: its scripts are written
// from the whole table.
const std::vector<Group>& groups()
{
    static const std::vector<Group> all{
        {addListCommands, {"list", "ls"}},
        {addProviderCommands, {"provider"}},
        {addShowCommands, {"show", "info"}},
        {addFindCommands, {"find"}},
        {addRegisterCommands, {"register"}},
        {addRecoverCommands, {"recover", "restore"}},
        {addFetchCommands, {"fetch"}},
        {addImportCommands, {"import"}},
        {addMoveCommands, {"move", "mv"}},
        {addMigrationCommands, {"migration"}},
        {addMergeCommands, {"merge"}},
        {addExportCommands, {"export"}},
        {addHarvestCommands, {"harvest"}},
        {addSyncCommands, {"sync"}},
        {addRetentionCommands, {"retention"}},
        {addWatchCommands, {"watch", "w"}},
        {addRunCommands, {"run"}},
        {addGitCommands, {"git"}},
        {addDetectCommands, {"detect"}},
        {addMcpCommands, {"mcp"}},
        {addApiCommands, {"api", "serve"}},
        {addTeamCommands, {"team"}},
        {addDoctorCommand, {"doctor", "check"}},
        {addTelemetryCommands, {"telemetry"}},
        {addCompletionsCommand, {}},
    };
    return all;
}

// The command word of `chasm ARGS…`: the first argument that is neither an option of `app` (the global options) nor
// the value given after one; empty when there is none.
std::string_view commandWord(const CLI::App& app, int argc, const char* const* argv)
{
    for (int i = 1; i < argc; ++i) {
        const std::string_view argument = argv[i];
        if (argument == "--") {
            break;
        }
        if (!argument.starts_with('-')) {
            return argument;
        }
        const CLI::Option* option =
            argument.find('=') == std::string_view::npos ? app.get_option_no_throw(std::string(argument)) : nullptr;
        if (option && option->get_items_expected_min() > 0) {
            ++i;
        }
    }
    return {};
}

// The command table of `chasm ARGS…`: the global options, then the command group its command word names, alone (a
// process runs one command: building and freeing the whole table's CLI11 options took 5 of the 30 ms a command took
// to start), or every group when it names none (help, a mistyped command, completions).
void assemble(CommandTable& table, int argc, const char* const* argv)
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

    const std::string_view word = commandWord(app, argc, argv);
    const auto named = std::find_if(groups().cbegin(), groups().cend(), [word](const Group& group) {
        return std::find(group.words.cbegin(), group.words.cend(), word) != group.words.cend();
    });
    if (named != groups().cend()) {
        named->add(table);
        return;
    }
    for (const Group& group : groups()) {
        group.add(table);
    }
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

// `chasm ARGS…` as main() has it.
std::vector<const char*> commandLine(const std::vector<std::string>& args)
{
    std::vector<const char*> argv{"chasm"};
    for (const std::string& arg : args) {
        argv.push_back(arg.c_str());
    }
    return argv;
}

} // namespace

int run(int argc, const char* const* argv, const Environment& environment, std::ostream& out, std::ostream& err,
        Terminal terminal, const std::function<void()>& startGui)
{
    RecoveryPoint::setJournal(RecoveryPoint::journalFile(environment));
    Output output{out, err};
    output.progress = terminal.err;
    CommandTable table(output);
    assemble(table, argc, argv);
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
    const std::vector<const char*> argv = commandLine(args);
    assemble(table, int(argv.size()), argv.data());
    try {
        table.app().parse(int(argv.size()), argv.data());
    } catch (const CLI::Success&) {
        return {};
    } catch (const CLI::ParseError& e) {
        return e.what();
    }
    return {};
}

CommandNode commandTable(const std::vector<std::string>& args)
{
    std::ostringstream none;
    Output output{none, none};
    CommandTable table(output);
    const std::vector<const char*> argv = commandLine(args);
    assemble(table, int(argv.size()), argv.data());
    return commandTree(table);
}

std::vector<ManPage> manPages()
{
    return cli::manPages(commandTable(), CHASM_VERSION);
}

} // namespace chasm::cli
