// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#include "ManPages.h"

#include "CommandTree.h"

#include <algorithm>
#include <cctype>
#include <cstdio>

namespace chasm::cli {

namespace {

// Text for roff: backslashes and hyphens escaped (a hyphen in an option name must stay a minus sign to be typed
// back), characters beyond ASCII as \[uXXXX], a line never starting with a control character.
std::string roff(const std::string& text)
{
    std::string out;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const auto byte = static_cast<unsigned char>(text[i]);
        if (text[i] == '\\') {
            out += "\\e";
        } else if (text[i] == '-') {
            out += "\\-";
        } else if (byte < 0x80) {
            out += text[i];
        } else {
            // UTF-8: the code point of a two to four byte sequence.
            const int length = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : 2;
            char32_t code = byte & (0x3f >> (length - 1));
            for (int k = 1; k < length && i + 1 < text.size(); ++k) {
                code = (code << 6) | (static_cast<unsigned char>(text[++i]) & 0x3f);
            }
            char escaped[16];
            std::snprintf(escaped, sizeof escaped, "\\[u%04X]", static_cast<unsigned>(code));
            out += escaped;
        }
    }
    if (!out.empty() && (out.front() == '.' || out.front() == '\'')) {
        out.insert(0, "\\&");
    }
    return out;
}

// An argument of a macro line, in double quotes.
std::string quoted(const std::string& text)
{
    std::string out;
    for (const char c : roff(text)) {
        out += c == '"' ? std::string("\\(dq") : std::string(1, c);
    }
    return "\"" + out + "\"";
}

std::string upper(std::string text)
{
    for (char& c : text) {
        c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    }
    return text;
}

std::string join(const std::vector<std::string>& words, const std::string& separator)
{
    std::string text;
    for (const std::string& word : words) {
        text += (text.empty() ? "" : separator) + word;
    }
    return text;
}

// "chasm-list": the page of a command group.
std::string pageName(const CommandNode& node)
{
    return join(node.path, "-");
}

// What a command is typed as: bold words, then its options and arguments in italics.
std::string synopsis(const CommandNode& node)
{
    std::string text = "\\fB" + roff(node.command()) + "\\fR";
    if (!node.children.empty()) {
        return text + " \\fICOMMAND\\fR [\\fIOPTIONS\\fR]";
    }
    if (!node.options.empty()) {
        text += " [\\fIOPTIONS\\fR]";
    }
    for (const CommandNode::Argument& argument : node.arguments) {
        const std::string name = "\\fI" + roff(argument.name) + "\\fR" + (argument.repeats ? "..." : "");
        text += " " + (argument.required ? name : "[" + name + "]");
    }
    return text;
}

// The values an option or argument takes: all of them (`limited`), or those Chasm knows of (providers by id,
// which also answer to aliases).
std::string values(const std::vector<std::string>& values, bool limited)
{
    return values.empty() ? std::string()
                          : (limited ? " One of: " : " Known values: ") + roff(join(values, ", ")) + ".";
}

bool isHelp(const CommandNode::Option& option)
{
    return std::find(option.names.begin(), option.names.end(), "--help") != option.names.end();
}

std::string optionItems(const std::vector<const CommandNode::Option*>& options)
{
    std::string text;
    for (const CommandNode::Option* option : options) {
        std::vector<std::string> names;
        for (const std::string& name : option->names) {
            names.push_back("\\fB" + roff(name) + "\\fR");
        }
        // TEXT:{json,jsonl}: the values are listed after the description.
        const std::string valueName = option->valueName.substr(0, option->valueName.find(':'));
        text += ".TP\n" + join(names, ", ") + (option->takesValue ? " \\fI" + roff(valueName) + "\\fR" : "") + "\n" +
                roff(option->description) + "." + values(option->values, option->limited) + "\n";
    }
    return text;
}

// The command's own options (but --help, which every command has), or those it takes from above (and --help).
std::vector<const CommandNode::Option*> options(const CommandNode& node, bool inherited)
{
    std::vector<const CommandNode::Option*> chosen;
    for (const CommandNode::Option& option : node.options) {
        if (inherited ? option.inherited || isHelp(option) : !option.inherited && !isHelp(option)) {
            chosen.push_back(&option);
        }
    }
    return chosen;
}

std::string argumentItems(const CommandNode& node)
{
    std::string text;
    for (const CommandNode::Argument& argument : node.arguments) {
        text += ".TP\n\\fI" + roff(argument.name) + "\\fR\n" + roff(argument.description) + "." +
                values(argument.values, argument.limited) + "\n";
    }
    return text;
}

// What --help prints after the options, its lines kept.
std::string footer(const CommandNode& node)
{
    if (node.footer.empty()) {
        return {};
    }
    std::string text = ".SH NOTES\n.nf\n";
    std::size_t start = 0;
    while (start < node.footer.size()) {
        const std::size_t end = std::min(node.footer.find('\n', start), node.footer.size());
        text += roff(node.footer.substr(start, end - start)) + "\n";
        start = end + 1;
    }
    return text + ".fi\n";
}

std::string aliases(const CommandNode& node)
{
    if (node.aliases.empty()) {
        return {};
    }
    std::vector<std::string> names;
    for (const std::string& alias : node.aliases) {
        std::vector<std::string> path = node.path;
        path.back() = alias;
        names.push_back("\\fB" + roff(join(path, " ")) + "\\fR");
    }
    return ".PP\nAlso: " + join(names, ", ") + ".\n";
}

// A command's usage, aliases, description, arguments and own options.
std::string commandBody(const CommandNode& node)
{
    std::string text = synopsis(node) + "\n.PP\n" + roff(node.description) + ".\n" + aliases(node);
    text += argumentItems(node);
    text += optionItems(options(node, false));
    return text;
}

std::string header(const std::string& name, const std::string& version)
{
    return ".TH " + quoted(upper(name)) + " 1 \"\" " + quoted("chasm " + version) + " \"User Commands\"\n";
}

const char* const exitStatus =
    ".SH \"EXIT STATUS\"\n"
    ".TP\n0\nSuccess.\n"
    ".TP\n1\nAn error stopped the command; it is said on the standard error.\n"
    ".TP\n2\nA usage error: an unknown command or option, a missing or wrong argument.\n"
    ".TP\n3\nThe command finished but did not do all it was asked (\\fBchasm harvest run\\fR: "
    "sessions that could not be read).\n";

// The program's description for its NAME line: "Chasm: find, …" without the name, as one phrase.
std::string summary(const CommandNode& root)
{
    std::string text = root.description;
    const std::size_t colon = text.find(": ");
    if (colon != std::string::npos && upper(text.substr(0, colon)) == upper(root.name())) {
        text.erase(0, colon + 2);
    }
    if (!text.empty() && text.back() == '.') {
        text.pop_back();
    }
    return text;
}

std::string programPage(const CommandNode& root, const std::string& version)
{
    std::string text = header(root.name(), version);
    text += ".SH NAME\n" + roff(root.name()) + " \\- " + roff(summary(root)) + "\n";
    text += ".SH SYNOPSIS\n\\fB" + roff(root.name()) + "\\fR [\\fIOPTIONS\\fR] \\fICOMMAND\\fR [\\fIARGUMENTS\\fR]\n";
    text += ".SH DESCRIPTION\n" + roff(root.description) +
            "\n.PP\nEach command group has its own page, listed below. Every command takes \\fB\\-\\-help\\fR.\n";
    std::vector<const CommandNode::Option*> all;
    for (const CommandNode::Option& option : root.options) {
        all.push_back(&option);
    }
    text += ".SH OPTIONS\n" + optionItems(all);
    text += ".SH COMMANDS\n";
    for (const CommandNode& group : root.children) {
        text += ".TP\n.BR " + roff(pageName(group)) + " (1)\n" + roff(group.description) + ".";
        if (!group.aliases.empty()) {
            text += " Also: \\fB" + roff(join(group.aliases, ", ")) + "\\fR.";
        }
        text += "\n";
    }
    text += exitStatus;
    text += ".SH \"SEE ALSO\"\n";
    std::vector<std::string> pages;
    for (const CommandNode& group : root.children) {
        pages.push_back(".BR " + roff(pageName(group)) + " (1)" + (&group == &root.children.back() ? "" : ","));
    }
    text += join(pages, "\n") + "\n";
    return text;
}

std::string groupPage(const CommandNode& group, const std::string& version)
{
    std::string text = header(pageName(group), version);
    text += ".SH NAME\n" + roff(pageName(group)) + " \\- " + roff(group.description) + "\n";
    text += ".SH SYNOPSIS\n" + synopsis(group) + "\n" + aliases(group);
    if (group.children.empty()) {
        text += ".SH DESCRIPTION\n" + roff(group.description) + ".\n";
        if (!group.arguments.empty()) {
            text += ".SH ARGUMENTS\n" + argumentItems(group);
        }
        if (const auto own = options(group, false); !own.empty()) {
            text += ".SH OPTIONS\n" + optionItems(own);
        }
    } else {
        text += ".SH DESCRIPTION\n" + roff(group.description) + ".\n.SH COMMANDS\n";
        for (const CommandNode* node : group.all()) {
            if (node == &group) {
                continue;
            }
            // A group inside the group (harvest git) says what its commands are for; they follow it.
            text += ".SS " + quoted(node->command()) + "\n" +
                    (node->children.empty() ? commandBody(*node) : roff(node->description) + ".\n");
        }
    }
    text += ".SH \"GLOBAL OPTIONS\"\nTaken by every command, before or after it.\n" + optionItems(options(group, true));
    text += footer(group);
    text += exitStatus;
    text += ".SH \"SEE ALSO\"\n.BR chasm (1)\n";
    return text;
}

} // namespace

std::vector<ManPage> manPages(const CommandNode& root, const std::string& version)
{
    std::vector<ManPage> pages{{root.name() + ".1", programPage(root, version)}};
    for (const CommandNode& group : root.children) {
        pages.push_back({pageName(group) + ".1", groupPage(group, version)});
    }
    return pages;
}

} // namespace chasm::cli
