// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#include "CompletionScript.h"

#include "CommandTree.h"

#include <algorithm>
#include <stdexcept>

namespace chasm::cli {

namespace {

std::string join(const std::vector<std::string>& words, const std::string& separator = " ")
{
    std::string text;
    for (const std::string& word : words) {
        text += (text.empty() ? "" : separator) + word;
    }
    return text;
}

std::string replaced(std::string text, const std::string& from, const std::string& to)
{
    for (std::size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size())) {
        text.replace(at, from.size(), to);
    }
    return text;
}

// Single-quoted for POSIX shells (bash, zsh).
std::string sh(const std::string& text)
{
    return "'" + replaced(text, "'", "'\\''") + "'";
}

// Single-quoted for fish.
std::string fish(const std::string& text)
{
    return "'" + replaced(replaced(text, "\\", "\\\\"), "'", "\\'") + "'";
}

// Single-quoted for PowerShell and elvish, where '' is a quote.
std::string doubledQuotes(const std::string& text)
{
    return "'" + replaced(text, "'", "''") + "'";
}

// A command's subcommands by every name they answer to: (name or alias, the subcommand).
std::vector<std::pair<std::string, const CommandNode*>> subcommandNames(const CommandNode& node)
{
    std::vector<std::pair<std::string, const CommandNode*>> names;
    for (const CommandNode& child : node.children) {
        names.emplace_back(child.name(), &child);
        for (const std::string& alias : child.aliases) {
            names.emplace_back(alias, &child);
        }
    }
    return names;
}

std::vector<std::string> optionNames(const CommandNode& node, bool valueOnly)
{
    std::vector<std::string> names;
    for (const CommandNode::Option& option : node.options) {
        if (!valueOnly || option.takesValue) {
            names.insert(names.end(), option.names.begin(), option.names.end());
        }
    }
    return names;
}

bool lastArgumentRepeats(const CommandNode& node)
{
    return !node.arguments.empty() && node.arguments.back().repeats;
}

// "name  -- description" lines with the names padded to one width, as zsh lists them.
std::vector<std::string> described(const std::vector<std::pair<std::string, std::string>>& items)
{
    std::size_t width = 0;
    for (const auto& [name, description] : items) {
        width = std::max(width, name.size());
    }
    std::vector<std::string> lines;
    for (const auto& [name, description] : items) {
        lines.push_back(name + std::string(width - name.size(), ' ') + "  -- " + description);
    }
    return lines;
}

std::string quotedList(const std::vector<std::string>& words, std::string (*quote)(const std::string&),
                       const std::string& separator = " ")
{
    std::vector<std::string> quoted;
    for (const std::string& word : words) {
        quoted.push_back(quote(word));
    }
    return join(quoted, separator);
}

// An elvish map literal: [&key=value ...], or [&] when empty.
std::string elvishMap(const std::vector<std::pair<std::string, std::string>>& entries)
{
    if (entries.empty()) {
        return "[&]";
    }
    std::vector<std::string> items;
    for (const auto& [key, value] : entries) {
        items.push_back("&" + doubledQuotes(key) + "=" + value);
    }
    return "[" + join(items) + "]";
}

// The case branches of the values options and arguments take: "PATH/OPTION" or "PATH/NUMBER" (1 for the first
// argument) to its values.
std::vector<std::pair<std::vector<std::string>, std::vector<std::string>>> valueCases(const CommandNode& root)
{
    std::vector<std::pair<std::vector<std::string>, std::vector<std::string>>> cases;
    for (const CommandNode* node : root.all()) {
        for (const CommandNode::Option& option : node->options) {
            if (option.takesValue && !option.values.empty()) {
                std::vector<std::string> keys;
                for (const std::string& name : option.names) {
                    keys.push_back(node->command() + "/" + name);
                }
                cases.emplace_back(keys, option.values);
            }
        }
        for (std::size_t i = 0; i < node->arguments.size(); ++i) {
            if (!node->arguments[i].values.empty()) {
                cases.emplace_back(std::vector<std::string>{node->command() + "/" + std::to_string(i + 1)},
                                   node->arguments[i].values);
            }
        }
    }
    return cases;
}

// The shell function (bash and zsh) that sets _chasm_path to the command word $2 names under the command $1: a
// subcommand or an alias.
std::string subcommandFunction(const CommandNode& root)
{
    const std::string p = "_" + root.name();
    std::string s = "# The command word $2 names under the command $1 (a subcommand or an alias), in " + p +
                    "_path.\n" + p + "_subcommand()\n{\n    case \"$1/$2\" in\n";
    for (const CommandNode* node : root.all()) {
        for (const auto& [name, child] : subcommandNames(*node)) {
            s += "        " + sh(node->command() + "/" + name) + ") " + p + "_path=" + sh(child->command()) + " ;;\n";
        }
    }
    return s + "        *) return 1 ;;\n    esac\n}\n\n";
}

// The shell function (bash and zsh) that sets _chasm_words to the values the option $2 (or argument number $2) of
// the command $1 takes: a string of words, or (`array`, zsh) an array.
std::string valuesFunction(const CommandNode& root, bool array)
{
    const std::string p = "_" + root.name();
    std::string s = "# The values the option $2 (or argument number $2) of the command $1 takes, in " + p +
                    "_words.\n" + p + "_values()\n{\n    case \"$1/$2\" in\n";
    for (const auto& [keys, values] : valueCases(root)) {
        s += "        " + quotedList(keys, sh, " | ") + ") " + p +
             "_words=" + (array ? "(" + quotedList(values, sh) + ")" : sh(join(values))) + " ;;\n";
    }
    return s + "        *) return 1 ;;\n    esac\n}\n\n";
}

std::string bash(const CommandNode& root)
{
    const std::string p = "_" + root.name();
    std::string s = "# bash completion for " + root.name() + ", generated by `" + root.name() +
                    " completions bash` from its command table.\n"
                    "# Install: " +
                    root.name() + " completions bash > ~/.local/share/bash-completion/completions/" + root.name() +
                    "\n\n";
    s += "# Sets " + p + "_subs (subcommands and their aliases), " + p + "_opts (options), " + p +
         "_vopts (those taking a value),\n# " + p + "_args (how many arguments) and " + p +
         "_repeats (whether the last takes several) for the command $1.\n";
    s += p + "_command()\n{\n    " + p + "_subs= " + p + "_opts= " + p + "_vopts= " + p + "_args=0 " + p +
         "_repeats=\n    case $1 in\n";
    for (const CommandNode* node : root.all()) {
        s += "        " + sh(node->command()) + ")\n";
        std::vector<std::string> subs;
        for (const auto& [name, child] : subcommandNames(*node)) {
            subs.push_back(name);
        }
        if (!subs.empty()) {
            s += "            " + p + "_subs=" + sh(join(subs)) + "\n";
        }
        s += "            " + p + "_opts=" + sh(join(optionNames(*node, false))) + "\n";
        const std::vector<std::string> valueOptions = optionNames(*node, true);
        if (!valueOptions.empty()) {
            s += "            " + p + "_vopts=" + sh(" " + join(valueOptions) + " ") + "\n";
        }
        if (!node->arguments.empty()) {
            s += "            " + p + "_args=" + std::to_string(node->arguments.size()) +
                 (lastArgumentRepeats(*node) ? " " + p + "_repeats=1" : "") + "\n";
        }
        s += "            ;;\n";
    }
    s += "    esac\n}\n\n";

    s += subcommandFunction(root);

    s += valuesFunction(root, false);

    s += p +
         "()\n{\n"
         "    local cur=${COMP_WORDS[COMP_CWORD]} " +
         p + "_path=" + root.name() + " " + p + "_subs " + p + "_opts " + p + "_vopts " + p + "_args " + p +
         "_repeats " + p +
         "_words\n"
         "    local i word option= value= arguments=0 rest=\n"
         "    COMPREPLY=()\n"
         "    " +
         p + "_command " + root.name() +
         "\n"
         "    for ((i = 1; i < COMP_CWORD; i++)); do\n"
         "        word=${COMP_WORDS[i]}\n"
         "        # --format=md: bash splits the word at =\n"
         "        if [[ $word == = && -n $value ]]; then continue; fi\n"
         "        if [[ -n $value ]]; then value=; continue; fi\n"
         "        if [[ -z $rest && $word == -- ]]; then rest=1; continue; fi\n"
         "        if [[ -z $rest && $word == -?* ]]; then\n"
         "            if [[ $" +
         p +
         "_vopts == *\" $word \"* ]]; then option=$word value=1; fi\n"
         "            continue\n"
         "        fi\n"
         "        if ((arguments == 0)) && " +
         p + "_subcommand \"$" + p + "_path\" \"$word\"; then\n            " + p + "_command \"$" + p +
         "_path\"\n"
         "            continue\n"
         "        fi\n"
         "        arguments=$((arguments + 1))\n"
         "    done\n"
         "    if [[ $cur == = && -n $value ]]; then cur=; fi\n"
         "    if [[ -n $value ]]; then\n"
         "        # a value without a list: the shell completes file names (complete -o default)\n"
         "        if " +
         p + "_values \"$" + p + "_path\" \"$option\"; then\n            COMPREPLY=($(compgen -W \"$" + p +
         "_words\" -- \"$cur\"))\n"
         "        fi\n"
         "        return 0\n"
         "    fi\n"
         "    if [[ -z $rest && $cur == -* ]]; then\n"
         "        COMPREPLY=($(compgen -W \"$" +
         p +
         "_opts\" -- \"$cur\"))\n"
         "        return 0\n"
         "    fi\n"
         "    if ((arguments == 0)) && [[ -n $" +
         p + "_subs ]]; then\n        COMPREPLY=($(compgen -W \"$" + p +
         "_subs\" -- \"$cur\"))\n"
         "        return 0\n"
         "    fi\n"
         "    local number=$((arguments + 1))\n"
         "    if ((number > " +
         p + "_args)) && [[ -n $" + p + "_repeats ]]; then number=$" + p +
         "_args; fi\n"
         "    if " +
         p + "_values \"$" + p + "_path\" \"$number\"; then\n        COMPREPLY=($(compgen -W \"$" + p +
         "_words\" -- \"$cur\"))\n"
         "    fi\n"
         "    return 0\n"
         "}\n\n"
         "complete -o bashdefault -o default -F " +
         p + " " + root.name() + "\n";
    return s;
}

std::string zsh(const CommandNode& root)
{
    const std::string p = "_" + root.name();
    std::string s = "#compdef " + root.name() + "\n# zsh completion for " + root.name() + ", generated by `" +
                    root.name() +
                    " completions zsh` from its command table.\n"
                    "# Install: " +
                    root.name() + " completions zsh > ~/.zfunc/" + p +
                    " with ~/.zfunc on $fpath before compinit runs;\n"
                    "# or, after compinit: source <(" +
                    root.name() + " completions zsh)\n\n";
    s += "# Sets " + p + "_subs and " + p + "_subdescs (subcommands, aliases), " + p + "_opts and " + p +
         "_optdescs (options),\n# " + p + "_vopts (the options taking a value), " + p +
         "_args (how many arguments) and " + p + "_repeats for the command $1.\n";
    s += p + "_command() {\n    " + p + "_subs=()\n    " + p + "_subdescs=()\n    " + p + "_opts=()\n    " + p +
         "_optdescs=()\n    " + p + "_vopts=()\n    " + p + "_args=0\n    " + p + "_repeats=\n    case $1 in\n";
    for (const CommandNode* node : root.all()) {
        s += "        (" + sh(node->command()) + ")\n";
        std::vector<std::pair<std::string, std::string>> subs;
        for (const auto& [name, child] : subcommandNames(*node)) {
            subs.emplace_back(name, child->description);
        }
        if (!subs.empty()) {
            std::vector<std::string> names;
            for (const auto& [name, description] : subs) {
                names.push_back(name);
            }
            s += "            " + p + "_subs=(" + quotedList(names, sh) + ")\n";
            s += "            " + p + "_subdescs=(" + quotedList(described(subs), sh) + ")\n";
        }
        std::vector<std::pair<std::string, std::string>> options;
        for (const CommandNode::Option& option : node->options) {
            for (const std::string& name : option.names) {
                options.emplace_back(name, option.description);
            }
        }
        std::vector<std::string> names;
        for (const auto& [name, description] : options) {
            names.push_back(name);
        }
        s += "            " + p + "_opts=(" + quotedList(names, sh) + ")\n";
        s += "            " + p + "_optdescs=(" + quotedList(described(options), sh) + ")\n";
        const std::vector<std::string> valueOptions = optionNames(*node, true);
        if (!valueOptions.empty()) {
            s += "            " + p + "_vopts=(" + quotedList(valueOptions, sh) + ")\n";
        }
        if (!node->arguments.empty()) {
            s += "            " + p + "_args=" + std::to_string(node->arguments.size()) + "\n";
            if (lastArgumentRepeats(*node)) {
                s += "            " + p + "_repeats=1\n";
            }
        }
        s += "            ;;\n";
    }
    s += "    esac\n}\n\n";

    s += subcommandFunction(root);

    s += valuesFunction(root, true);

    s += p +
         "() {\n"
         "    local " +
         p + "_path=" + root.name() + " " + p + "_repeats word option value rest\n    local -a " + p + "_subs " + p +
         "_subdescs " + p + "_opts " + p + "_optdescs " + p + "_vopts " + p +
         "_words\n"
         "    local -i i arguments=0 number " +
         p +
         "_args=0\n"
         "    local cur=${words[CURRENT]}\n"
         "    " +
         p + "_command " + root.name() +
         "\n"
         "    for ((i = 2; i < CURRENT; i++)); do\n"
         "        word=${words[i]}\n"
         "        if [[ -n $value ]]; then value=; continue; fi\n"
         "        if [[ -z $rest && $word == -- ]]; then rest=1; continue; fi\n"
         "        if [[ -z $rest && $word == -?* ]]; then\n"
         "            if ((${" +
         p +
         "_vopts[(Ie)$word]})); then option=$word; value=1; fi\n"
         "            continue\n"
         "        fi\n"
         "        if ((arguments == 0)) && " +
         p + "_subcommand $" + p + "_path $word; then\n            " + p + "_command $" + p +
         "_path\n"
         "            continue\n"
         "        fi\n"
         "        arguments+=1\n"
         "    done\n"
         "    if [[ -n $value ]]; then\n"
         "        if " +
         p + "_values $" + p + "_path $option; then compadd -- $" + p +
         "_words; else _files; fi\n"
         "        return\n"
         "    fi\n"
         "    if [[ -z $rest && $cur == -* ]]; then\n"
         "        compadd -l -d " +
         p + "_optdescs -- $" + p +
         "_opts\n"
         "        return\n"
         "    fi\n"
         "    if ((arguments == 0 && $#" +
         p + "_subs)); then\n        compadd -l -d " + p + "_subdescs -- $" + p +
         "_subs\n"
         "        return\n"
         "    fi\n"
         "    number=$((arguments + 1))\n"
         "    if ((number > " +
         p + "_args)) && [[ -n $" + p + "_repeats ]]; then number=$" + p +
         "_args; fi\n"
         "    if " +
         p + "_values $" + p + "_path $number; then compadd -- $" + p +
         "_words; else _files; fi\n"
         "}\n\n"
         "# Sourced: register the function; autoloaded from $fpath (as " +
         p +
         "): complete now.\n"
         "if [[ $funcstack[1] == " +
         p + " ]]; then\n    " + p + " \"$@\"\nelse\n    compdef " + p + " " + root.name() + "\nfi\n";
    return s;
}

std::string fishScript(const CommandNode& root)
{
    const std::string c = root.name();
    const std::string p = "__" + root.name();
    std::string s = "# fish completion for " + c + ", generated by `" + c +
                    " completions fish` from its command table.\n"
                    "# Install: " +
                    c + " completions fish > ~/.config/fish/completions/" + c + ".fish\n\n";

    s += "# The command word $argv[2] names under the command $argv[1] (a subcommand or an alias).\nfunction " + p +
         "_subcommand\n    switch \"$argv[1]/$argv[2]\"\n";
    for (const CommandNode* node : root.all()) {
        for (const CommandNode& child : node->children) {
            std::vector<std::string> keys{node->command() + "/" + child.name()};
            for (const std::string& alias : child.aliases) {
                keys.push_back(node->command() + "/" + alias);
            }
            s += "        case " + quotedList(keys, fish) + "\n            echo " + fish(child.command()) + "\n";
        }
    }
    s += "    end\nend\n\n";

    s += "# The options of the command $argv[1] that take a value.\nfunction " + p +
         "_value_options\n    switch $argv[1]\n";
    for (const CommandNode* node : root.all()) {
        const std::vector<std::string> valueOptions = optionNames(*node, true);
        if (!valueOptions.empty()) {
            s += "        case " + fish(node->command()) + "\n            printf '%s\\n' " +
                 quotedList(valueOptions, fish) + "\n";
        }
    }
    s += "    end\nend\n\n";

    s +=
        "# The command the line names so far, how many arguments it has, and whether the word being completed is an\n"
        "# option's value: three lines, kept for the line (fish asks once per rule).\n"
        "function " +
        p +
        "_state\n"
        "    set -l line (commandline -pc | string collect)\n"
        "    if test \"$line\" = \"$" +
        p +
        "_state_line\"\n"
        "        printf '%s\\n' $" +
        p +
        "_state_cache\n"
        "        return\n"
        "    end\n"
        "    set -l path " +
        c +
        "\n"
        "    set -l arguments 0\n"
        "    set -l value 0\n"
        "    set -l rest 0\n"
        "    set -l words (commandline -opc)\n"
        "    set -e words[1]\n"
        "    for word in $words\n"
        "        if test $value = 1\n"
        "            set value 0\n"
        "            continue\n"
        "        end\n"
        "        if test $rest = 0; and test \"$word\" = --\n"
        "            set rest 1\n"
        "            continue\n"
        "        end\n"
        "        if test $rest = 0; and string match -q -- '-?*' $word\n"
        "            if contains -- $word (" +
        p +
        "_value_options $path)\n"
        "                set value 1\n"
        "            end\n"
        "            continue\n"
        "        end\n"
        "        if test $arguments = 0\n"
        "            set -l child (" +
        p +
        "_subcommand $path $word)\n"
        "            if test -n \"$child\"\n"
        "                set path $child\n"
        "                continue\n"
        "            end\n"
        "        end\n"
        "        set arguments (math $arguments + 1)\n"
        "    end\n"
        "    set -g " +
        p +
        "_state_line $line\n"
        "    set -g " +
        p +
        "_state_cache $path $arguments $value\n"
        "    printf '%s\\n' $path $arguments $value\n"
        "end\n\n"
        "# Whether the line names the command $argv[1].\n"
        "function " +
        p + "_using\n    set -l state (" + p +
        "_state)\n"
        "    test \"$state[1]\" = \"$argv[1]\"\n"
        "end\n\n"
        "# Whether the word being completed is a subcommand of the command $argv[1].\n"
        "function " +
        p + "_needs_subcommand\n    set -l state (" + p +
        "_state)\n"
        "    test \"$state[1]\" = \"$argv[1]\"; and test $state[2] = 0; and test $state[3] = 0\n"
        "end\n\n"
        "# Whether the word being completed is argument number $argv[2] of the command $argv[1] (or a later one, with\n"
        "# a third word: the last argument takes several).\n"
        "function " +
        p + "_argument\n    set -l state (" + p +
        "_state)\n"
        "    test \"$state[1]\" = \"$argv[1]\"; and test $state[3] = 0; or return 1\n"
        "    set -l number (math $state[2] + 1)\n"
        "    test $number = $argv[2]; or begin; set -q argv[3]; and test $number -gt $argv[2]; end\n"
        "end\n\n"
        "complete -c " +
        c + " -f\n";

    for (const CommandNode* node : root.all()) {
        s += "\n# " + node->command() + "\n";
        const std::string command = fish(node->command());
        for (const CommandNode& child : node->children) {
            std::vector<std::string> names{child.name()};
            names.insert(names.end(), child.aliases.begin(), child.aliases.end());
            for (const std::string& name : names) {
                s += "complete -c " + c + " -n " + fish(p + "_needs_subcommand " + sh(node->command())) + " -a " +
                     fish(name) + " -d " + fish(child.description) + "\n";
            }
        }
        for (const CommandNode::Option& option : node->options) {
            std::string rule = "complete -c " + c + " -n " + fish(p + "_using " + sh(node->command()));
            for (const std::string& name : option.names) {
                if (name.rfind("--", 0) == 0) {
                    rule += " -l " + fish(name.substr(2));
                } else if (name.size() == 2) {
                    rule += " -s " + fish(name.substr(1));
                } else {
                    rule += " -o " + fish(name.substr(1));
                }
            }
            if (option.takesValue) {
                rule += option.values.empty() ? " -r -F" : " -x -a " + fish(join(option.values));
            }
            s += rule + " -d " + fish(option.description) + "\n";
        }
        for (std::size_t i = 0; i < node->arguments.size(); ++i) {
            const CommandNode::Argument& argument = node->arguments[i];
            const bool repeats = i + 1 == node->arguments.size() && argument.repeats;
            s += "complete -c " + c + " -n " +
                 fish(p + "_argument " + sh(node->command()) + " " + std::to_string(i + 1) + (repeats ? " +" : "")) +
                 (argument.values.empty() ? " -F" : " -a " + fish(join(argument.values))) + " -d " +
                 fish(argument.description) + "\n";
        }
    }
    return s;
}

std::string powershell(const CommandNode& root)
{
    const std::string c = root.name();
    const auto list = [](const std::vector<std::string>& words) {
        return "@(" + quotedList(words, doubledQuotes, ", ") + ")";
    };
    std::string s = "# PowerShell completion for " + c + ", generated by `" + c +
                    " completions powershell` from its command table.\n"
                    "# Install: add this line to your profile ($PROFILE):\n"
                    "#   " +
                    c +
                    " completions powershell | Out-String | Invoke-Expression\n\n"
                    "$chasmCommands = @{\n";
    for (const CommandNode* node : root.all()) {
        s += "    " + doubledQuotes(node->command()) + " = @{\n";
        s += "        Subcommands = @{";
        for (const auto& [name, child] : subcommandNames(*node)) {
            s += " " + doubledQuotes(name) + " = " + doubledQuotes(child->command()) + ";";
        }
        s += " }\n        Descriptions = @{";
        for (const auto& [name, child] : subcommandNames(*node)) {
            s += " " + doubledQuotes(name) + " = " + doubledQuotes(child->description) + ";";
        }
        s += " }\n        Options = @(\n";
        for (const CommandNode::Option& option : node->options) {
            s += "            @{ Names = " + list(option.names) +
                 "; Description = " + doubledQuotes(option.description) + "; TakesValue = $" +
                 (option.takesValue ? "true" : "false") + "; Values = " + list(option.values) + " }\n";
        }
        // An array of arrays: one array is written ,@(...), or @() would take its items for the outer ones.
        std::vector<std::string> arguments;
        for (const CommandNode::Argument& argument : node->arguments) {
            arguments.push_back(list(argument.values));
        }
        s += "        )\n        Arguments = @(" + std::string(arguments.size() == 1 ? "," : "") +
             join(arguments, ", ") + ")\n        Repeats = $" + (lastArgumentRepeats(*node) ? "true" : "false") +
             "\n    }\n";
    }
    s += "}\n\n"
         "Register-ArgumentCompleter -Native -CommandName " +
         c +
         " -ScriptBlock {\n"
         "    param($wordToComplete, $commandAst, $cursorPosition)\n"
         "    $words = @($commandAst.CommandElements | Where-Object { $_.Extent.EndOffset -le $cursorPosition } |\n"
         "        ForEach-Object { $_.Extent.Text })\n"
         "    if ($wordToComplete -ne '' -and $words.Count -gt 1) { $words = $words[0..($words.Count - 2)] }\n"
         "    $path = '" +
         c +
         "'\n"
         "    $arguments = 0\n"
         "    $option = $null\n"
         "    $rest = $false\n"
         "    foreach ($word in ($words | Select-Object -Skip 1)) {\n"
         "        $command = $chasmCommands[$path]\n"
         "        if ($null -ne $option) { $option = $null; continue }\n"
         "        if (-not $rest -and $word -eq '--') { $rest = $true; continue }\n"
         "        if (-not $rest -and $word.Length -gt 1 -and $word.StartsWith('-')) {\n"
         "            $option = $command.Options | Where-Object { $_.TakesValue -and $_.Names -contains $word } |\n"
         "                Select-Object -First 1\n"
         "            continue\n"
         "        }\n"
         "        if ($arguments -eq 0 -and $command.Subcommands.ContainsKey($word)) {\n"
         "            $path = $command.Subcommands[$word]\n"
         "            continue\n"
         "        }\n"
         "        $arguments++\n"
         "    }\n"
         "    $command = $chasmCommands[$path]\n"
         "    $candidates = @()\n"
         "    if ($null -ne $option) {\n"
         "        $candidates = @($option.Values | ForEach-Object { ,@($_, $_) })\n"
         "    } elseif (-not $rest -and $wordToComplete.StartsWith('-')) {\n"
         "        $candidates = @($command.Options | ForEach-Object { $o = $_; $o.Names | ForEach-Object { ,@($_, "
         "$o.Description) } })\n"
         "    } elseif ($arguments -eq 0 -and $command.Subcommands.Count -gt 0) {\n"
         "        $candidates = @($command.Subcommands.Keys | Sort-Object | ForEach-Object { ,@($_, "
         "$command.Descriptions[$_]) })\n"
         "    } elseif ($command.Arguments.Count -gt 0) {\n"
         "        $number = [Math]::Min($arguments, $command.Arguments.Count - 1)\n"
         "        if ($arguments -lt $command.Arguments.Count -or $command.Repeats) {\n"
         "            $candidates = @($command.Arguments[$number] | ForEach-Object { ,@($_, $_) })\n"
         "        }\n"
         "    }\n"
         "    # Nothing to offer: PowerShell completes file names.\n"
         "    $candidates | Where-Object { $_[0] -like \"$wordToComplete*\" } | ForEach-Object {\n"
         "        [System.Management.Automation.CompletionResult]::new($_[0], $_[0], 'ParameterValue', $_[1])\n"
         "    }\n"
         "}\n";
    return s;
}

std::string elvish(const CommandNode& root)
{
    const std::string c = root.name();
    const auto list = [](const std::vector<std::string>& words) {
        std::vector<std::string> quoted;
        for (const std::string& word : words) {
            quoted.push_back(doubledQuotes(word));
        }
        return "[" + join(quoted) + "]";
    };
    std::string s = "# elvish completion for " + c + ", generated by `" + c +
                    " completions elvish` from its command table.\n"
                    "# Install: " +
                    c + " completions elvish > ~/.config/elvish/lib/" + c + "-completions.elv, then add `use " + c +
                    "-completions` to ~/.config/elvish/rc.elv\n\n"
                    "use str\n\n"
                    "var commands = [\n";
    for (const CommandNode* node : root.all()) {
        std::vector<std::pair<std::string, std::string>> subcommands, descriptions, options, valueOptions;
        for (const auto& [name, child] : subcommandNames(*node)) {
            subcommands.emplace_back(name, doubledQuotes(child->command()));
            descriptions.emplace_back(name, doubledQuotes(child->description));
        }
        for (const CommandNode::Option& option : node->options) {
            for (const std::string& name : option.names) {
                options.emplace_back(name, doubledQuotes(option.description));
                if (option.takesValue) {
                    valueOptions.emplace_back(name, list(option.values));
                }
            }
        }
        std::vector<std::string> arguments;
        for (const CommandNode::Argument& argument : node->arguments) {
            arguments.push_back(list(argument.values));
        }
        s += "  &" + doubledQuotes(node->command()) + "=[\n    &subcommands=" + elvishMap(subcommands) +
             "\n    &descriptions=" + elvishMap(descriptions) + "\n    &options=" + elvishMap(options) +
             "\n    &value-options=" + elvishMap(valueOptions) + "\n    &arguments=[" + join(arguments) +
             "]\n    &repeats=$" + (lastArgumentRepeats(*node) ? "true" : "false") + "\n  ]\n";
    }
    s += "]\n\n"
         "set edit:completion:arg-completer[" +
         c +
         "] = {|@words|\n"
         "  var path = " +
         c +
         "\n"
         "  var arguments = (num 0)\n"
         "  var value = $false\n"
         "  var option = ''\n"
         "  var rest = $false\n"
         "  var last = (- (count $words) 1)\n"
         "  for word $words[1..$last] {\n"
         "    var command = $commands[$path]\n"
         "    if $value {\n"
         "      set value = $false\n"
         "      continue\n"
         "    }\n"
         "    if (and (not $rest) (eq $word --)) {\n"
         "      set rest = $true\n"
         "      continue\n"
         "    }\n"
         "    if (and (not $rest) (> (count $word) 1) (str:has-prefix $word -)) {\n"
         "      if (has-key $command[value-options] $word) {\n"
         "        set option = $word\n"
         "        set value = $true\n"
         "      }\n"
         "      continue\n"
         "    }\n"
         "    if (and (== $arguments 0) (has-key $command[subcommands] $word)) {\n"
         "      set path = $command[subcommands][$word]\n"
         "      continue\n"
         "    }\n"
         "    set arguments = (+ $arguments 1)\n"
         "  }\n"
         "  var command = $commands[$path]\n"
         "  var current = $words[$last]\n"
         "  if $value {\n"
         "    var values = $command[value-options][$option]\n"
         "    if (== (count $values) 0) {\n"
         "      edit:complete-filename $current\n"
         "    } else {\n"
         "      all $values\n"
         "    }\n"
         "  } elif (and (not $rest) (str:has-prefix $current -)) {\n"
         "    keys $command[options] | each {|name| edit:complex-candidate $name &display=$name' "
         "'$command[options][$name] }\n"
         "  } elif (and (== $arguments 0) (> (count $command[subcommands]) 0)) {\n"
         "    keys $command[subcommands] | each {|name| edit:complex-candidate $name &display=$name' "
         "'$command[descriptions][$name] }\n"
         "  } else {\n"
         "    var count = (count $command[arguments])\n"
         "    var values = []\n"
         "    if (< $arguments $count) {\n"
         "      set values = $command[arguments][$arguments]\n"
         "    } elif (and $command[repeats] (> $count 0)) {\n"
         "      set values = $command[arguments][(- $count 1)]\n"
         "    }\n"
         "    if (== (count $values) 0) {\n"
         "      edit:complete-filename $current\n"
         "    } else {\n"
         "      all $values\n"
         "    }\n"
         "  }\n"
         "}\n";
    return s;
}

} // namespace

const std::vector<std::string>& completionShells()
{
    static const std::vector<std::string> shells = {"bash", "zsh", "fish", "powershell", "elvish"};
    return shells;
}

std::string completionScript(const CommandNode& root, const std::string& shell)
{
    if (shell == "bash") {
        return bash(root);
    }
    if (shell == "zsh") {
        return zsh(root);
    }
    if (shell == "fish") {
        return fishScript(root);
    }
    if (shell == "powershell") {
        return powershell(root);
    }
    if (shell == "elvish") {
        return elvish(root);
    }
    throw std::invalid_argument("no completion script for " + shell);
}

} // namespace chasm::cli
