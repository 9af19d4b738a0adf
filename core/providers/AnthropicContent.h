// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#pragma once

#include "model/ReferencedFiles.h"
#include "model/Session.h"

#include <boost/json/value.hpp>

// Content blocks of the Anthropic Messages API as agents store them (Claude Code, Factory's droid):
// text, image, thinking, tool_use and tool_result.
namespace chasm::anthropic {

// A tool_use block as a (pending) tool call; the file paths its input names are added to `files`.
ToolCall toolUse(const boost::json::value& block, ReferencedFiles& files);
// The text of a tool_result's content: a string, or blocks of which text (and images, as "[image]") count.
QString resultText(const boost::json::value* content);
// The status a tool_result gives its call.
QString resultStatus(const boost::json::value& block);

} // namespace chasm::anthropic
