// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#include "CommandTable.h"

#include "providers/ProviderRegistry.h"

#include <algorithm>
#include <charconv>
#include <limits>

namespace chasm::cli {

CommandTable::CommandTable(Output& output)
    : m_output(output)
{}

void CommandTable::on(CLI::App* command, Action action, std::function<bool()> needsGui)
{
    command->callback([this, command, action = std::move(action), needsGui = std::move(needsGui)] {
        // CLI11 calls a command's callback after its subcommand's: the subcommand chosen is the one that acts (chasm
        // run claude, not chasm run's chat).
        if (!command->get_subcommands().empty()) {
            return;
        }
        m_action = action;
        m_needsGui = needsGui;
    });
}

CLI::Option* CommandTable::oneOf(CLI::Option* option, const std::vector<std::string>& values)
{
    option->check(CLI::IsMember(values));
    m_limited.insert(option);
    return suggest(option, values);
}

CLI::Option* CommandTable::suggest(CLI::Option* option, std::vector<std::string> values)
{
    m_values[option] = std::move(values);
    return option;
}

const std::vector<std::string>& CommandTable::valuesOf(const CLI::Option* option) const
{
    static const std::vector<std::string> none;
    const auto found = m_values.find(option);
    return found == m_values.end() ? none : found->second;
}

std::vector<std::string> CommandTable::providerIds()
{
    std::vector<std::string> ids;
    for (const Provider* provider : ProviderRegistry::standard().all()) {
        ids.push_back(provider->id().toStdString());
    }
    return ids;
}

void CommandTable::hintDashedWords(CLI::App* command, std::string hint)
{
    m_dashedWordHints.emplace_back(command, std::move(hint));
}

std::string CommandTable::dashedWordHint(int argc, const char* const* argv) const
{
    for (const auto& [command, hint] : m_dashedWordHints) {
        const bool dashedWord = command->parsed() && std::any_of(argv + 1, argv + argc, [&](const char* arg) {
                                    return arg[0] == '-' && arg[1] != '-' && arg[1] != '\0' &&
                                           !command->get_option_no_throw(arg) && !m_app.get_option_no_throw(arg);
                                });
        if (dashedWord) {
            return hint;
        }
    }
    return {};
}

CLI::Validator atLeast(int minimum)
{
    return CLI::Validator(
        [minimum](std::string& text) {
            int value = 0;
            const char* end = text.data() + text.size();
            const auto [stop, error] = std::from_chars(text.data(), end, value);
            if (error == std::errc::result_out_of_range && stop == end) {
                return "must be at most " + std::to_string(std::numeric_limits<int>::max()) + ", got '" + text + "'";
            }
            if (error != std::errc() || stop != end) {
                return "must be a whole number of at least " + std::to_string(minimum) + ", got '" + text + "'";
            }
            return value < minimum ? "must be at least " + std::to_string(minimum) + ", got '" + text + "'"
                                   : std::string();
        },
        ">= " + std::to_string(minimum));
}

CLI::Validator dateOrTime()
{
    return CLI::Validator([](std::string& text) { return readDate(text, false) ? std::string() : dateExpected(text); },
                          "DATE");
}

} // namespace chasm::cli
