// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#include "CommandTree.h"

#include "commands/CommandTable.h"

#include <algorithm>
#include <cctype>

namespace chasm::cli {

namespace {

void read(const CommandTable& table, const CLI::App& app, CommandNode& node)
{
    node.aliases = app.get_aliases();
    node.description = app.get_description();
    node.footer = app.get_footer();
    for (const CLI::Option* option : app.get_options()) {
        if (option->get_group().empty()) {
            continue; // hidden
        }
        if (option->nonpositional()) {
            CommandNode::Option o;
            for (const std::string& name : option->get_snames()) {
                o.names.push_back("-" + name);
            }
            for (const std::string& name : option->get_lnames()) {
                o.names.push_back("--" + name);
            }
            o.description = option->get_description();
            o.takesValue = option->get_expected_max() != 0;
            o.valueName = o.takesValue ? option->get_type_name() : std::string();
            o.values = table.valuesOf(option);
            o.limited = table.limitedToValues(option);
            node.options.push_back(std::move(o));
        } else {
            CommandNode::Argument a;
            a.name = option->get_name(true);
            a.description = option->get_description();
            a.valueName = option->get_type_name();
            a.required = option->get_required();
            a.repeats = option->get_expected_max() > 1;
            a.values = table.valuesOf(option);
            a.limited = table.limitedToValues(option);
            node.arguments.push_back(std::move(a));
        }
    }
    for (const CLI::App* sub : app.get_subcommands([](const CLI::App*) { return true; })) {
        if (sub->get_group().empty()) {
            continue; // hidden
        }
        CommandNode child;
        child.path = node.path;
        child.path.push_back(sub->get_name());
        // What the parser takes from the commands above (fallthrough): their options, but for -h, which each has.
        for (const CommandNode::Option& option : node.options) {
            const bool own = std::any_of(option.names.begin(), option.names.end(), [sub](const std::string& name) {
                return sub->get_option_no_throw(name) != nullptr;
            });
            if (!own && sub->get_fallthrough()) {
                child.options.push_back(option);
                child.options.back().inherited = true;
            }
        }
        read(table, *sub, child);
        // The command's own options first, as its --help lists them.
        std::stable_partition(child.options.begin(), child.options.end(),
                              [](const CommandNode::Option& o) { return !o.inherited; });
        node.children.push_back(std::move(child));
    }
}

void collect(const CommandNode& node, std::vector<const CommandNode*>& into)
{
    into.push_back(&node);
    for (const CommandNode& child : node.children) {
        collect(child, into);
    }
}

} // namespace

std::string CommandNode::command() const
{
    std::string text;
    for (const std::string& word : path) {
        text += (text.empty() ? "" : " ") + word;
    }
    return text;
}

std::string CommandNode::identifier() const
{
    std::string text;
    for (const std::string& word : path) {
        text += (text.empty() ? "" : "_") + word;
    }
    std::replace_if(
        text.begin(), text.end(), [](char c) { return !std::isalnum(static_cast<unsigned char>(c)); }, '_');
    return text;
}

std::vector<const CommandNode*> CommandNode::all() const
{
    std::vector<const CommandNode*> nodes;
    collect(*this, nodes);
    return nodes;
}

CommandNode commandTree(const CommandTable& table)
{
    CommandNode root;
    root.path = {table.app().get_name()};
    read(table, table.app(), root);
    return root;
}

} // namespace chasm::cli
