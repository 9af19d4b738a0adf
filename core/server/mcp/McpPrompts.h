// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#pragma once

#include "McpTools.h"

#include <QHash>

#include <boost/json/array.hpp>

namespace chasm::mcp {

// The prompts the server offers: the original product's analysis skills, each filled with data from the harvest
// database (InsightService, HistoryService) for the model to work on.
struct Prompt
{
    struct Argument
    {
        std::string name;
        std::string description;
        bool required = false;
    };
    std::string name;
    std::string title;
    std::string description;
    std::vector<Argument> arguments;
    // The prompt's text for these arguments (checked: the required ones are there), or the error to answer with
    // (InvalidParams for a session that does not exist, InternalError when the database cannot be read).
    std::function<RequestResult<QString>(const QHash<QString, QString>&, CallContext&)> text;
};
const std::vector<Prompt>& prompts();
const Prompt* findPrompt(std::string_view name);

} // namespace chasm::mcp
