// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#include "CommandLine.h"

#include "CommandTree.h"
#include "Commands.h"
#include "ManPages.h"
#include "commands/CommandTable.h"
#include "util/FileTransaction.h"

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
    addCompletionsCommand(table);
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
    output.colour = terminal.out && !output.json && environment.variable(u"NO_COLOR"_s).isEmpty();
    if (table.needsGui() && startGui) {
        startGui();
    }

    try {
        // --db names the harvest database for every service, as CHASM_DB does (the chats listed among the sessions
        // are read from it too).
        const std::string& database = table.globals().database;
        Commands commands(database.empty() ? environment
                                           : environment.withVariable(u"CHASM_DB"_s, QString::fromStdString(database)),
                          output);
        table.action()(commands);
    } catch (const CLI::ValidationError& e) {
        err << "chasm: " << e.what() << '\n';
        return 2;
    } catch (const CommandError& e) {
        err << "chasm: " << e.message.toStdString() << '\n';
        return 1;
    }
    out.flush();
    return output.status;
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
