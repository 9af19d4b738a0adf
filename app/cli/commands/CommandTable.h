// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#pragma once

#include "CliSupport.h"

#include <CLI/CLI.hpp>

#include <functional>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

namespace chasm::cli {

class Commands;

// The `chasm` command tree that each command group (app/cli/commands/) registers itself into: the CLI11
// subcommands and options, the action the parsed command runs, the values its options take (which completions
// and man pages show), and what a command needs from the process. One per run; it owns the groups' options.
class CommandTable
{
public:
    using Action = std::function<void(Commands&)>;

    // The options every command takes (`--json`, `--db`).
    struct Globals
    {
        bool json = false;
        std::string colour = "auto";
        std::string database;
    };

    explicit CommandTable(Output& output);
    CommandTable(const CommandTable&) = delete;
    CommandTable& operator=(const CommandTable&) = delete;

    CLI::App& app() { return m_app; }
    const CLI::App& app() const { return m_app; }
    Globals& globals() { return m_globals; }
    // Where a command that prints without Commands (completions) writes.
    Output& output() { return m_output; }

    // A group's options, bound to its commands' CLI11 options; they live as long as the table.
    template<typename Options>
    Options& options()
    {
        auto options = std::make_shared<Options>();
        m_options.push_back(options);
        return *options;
    }

    // `action` runs when `command` is the one parsed. `needsGui`, asked after the parse, says whether it needs
    // Qt's GUI module (typesetting a PDF), which every other command does without.
    void on(CLI::App* command, Action action, std::function<bool()> needsGui = {});

    // The option takes one of `values` and refuses others; completions offer them.
    CLI::Option* oneOf(CLI::Option* option, const std::vector<std::string>& values);
    // Completions offer `values` for the option, which is not limited to them (a provider's alias is taken too).
    CLI::Option* suggest(CLI::Option* option, std::vector<std::string> values);
    // What oneOf or suggest said the option takes; empty for a free value (a path, a pattern).
    const std::vector<std::string>& valuesOf(const CLI::Option* option) const;
    // Whether the option takes only those values (oneOf).
    bool limitedToValues(const CLI::Option* option) const { return m_limited.count(option) != 0; }
    // The provider ids, the values of every option and argument that names a provider.
    static std::vector<std::string> providerIds();

    // A usage error on `command` whose arguments hold an unknown word starting with "-" also prints `hint`:
    // the word was read as an option (harvest search -quokka).
    void hintDashedWords(CLI::App* command, std::string hint);
    // The hint for a parse error, or an empty string.
    std::string dashedWordHint(int argc, const char* const* argv) const;

    // After the parse: the parsed command's action (empty when none was chosen), and whether it needs the GUI.
    const Action& action() const { return m_action; }
    bool needsGui() const { return m_needsGui && m_needsGui(); }

private:
    CLI::App m_app;
    Output& m_output;
    Globals m_globals;
    Action m_action;
    std::function<bool()> m_needsGui;
    std::vector<std::shared_ptr<void>> m_options;
    std::map<const CLI::Option*, std::vector<std::string>> m_values;
    std::set<const CLI::Option*> m_limited;
    std::vector<std::pair<const CLI::App*, std::string>> m_dashedWordHints;
};

// A whole number of at least `minimum`, refused in our words: "--limit: must be at least 1, got '0'".
CLI::Validator atLeast(int minimum);
// --after, --before: a date or an ISO 8601 date and time, with nothing after it (readDate).
CLI::Validator dateOrTime();

// The command groups, in the order `chasm --help` lists them; each registers its subcommands (commands/*.cpp).
void addListCommands(CommandTable& table);
void addProviderCommands(CommandTable& table);
void addShowCommands(CommandTable& table);
void addFindCommands(CommandTable& table);
void addRegisterCommands(CommandTable& table);
void addRecoverCommands(CommandTable& table);
void addFetchCommands(CommandTable& table);
void addImportCommands(CommandTable& table);
void addMoveCommands(CommandTable& table);
void addMigrationCommands(CommandTable& table);
void addMergeCommands(CommandTable& table);
void addExportCommands(CommandTable& table);
void addHarvestCommands(CommandTable& table);
void addSyncCommands(CommandTable& table);
// chasm harvest sync: the same as chasm sync, among the harvest commands.
void addHarvestSyncCommand(CommandTable& table, CLI::App* harvest);
// chasm harvest push: the harvest database published into a team database (Team.cpp).
void addHarvestPushCommand(CommandTable& table, CLI::App* harvest);
void addRetentionCommands(CommandTable& table);
void addWatchCommands(CommandTable& table);
void addRunCommands(CommandTable& table);
// The `run` group (made on first use): the agent CLIs (Run.cpp) are its subcommands, a chat with a model its own
// action (Chat.cpp).
CLI::App* runCommand(CommandTable& table);
void addGitCommands(CommandTable& table);
void addDetectCommands(CommandTable& table);
void addMcpCommands(CommandTable& table);
void addApiCommands(CommandTable& table);
// chasm team: the team database on PostgreSQL.
void addTeamCommands(CommandTable& table);
// chasm run PROVIDER (commands/Chat.cpp): a recorded chat with a model, the options `run` takes itself.
void addChatCommands(CommandTable& table, CLI::App* run);
// chasm provider info|config|test: the model providers.
void addModelProviderCommands(CommandTable& table, CLI::App* provider);
void addProviderImportCommand(CommandTable& table, CLI::App* provider);
void listModelProviders(const Commands& commands);
// chasm doctor (check): the checks of DoctorService and its safe fixes.
void addDoctorCommand(CommandTable& table);
void addTelemetryCommands(CommandTable& table);
void addCompletionsCommand(CommandTable& table);

} // namespace chasm::cli
