// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#pragma once

#include "McpTools.h"

namespace chasm::mcp {

// completion/complete: values for an argument of a prompt (ref/prompt) or a variable of a resource template
// (ref/resource), from what the client typed so far: the session ids, project folders or workspace ids that start
// with it, most recently active first, at most 100 (total and hasMore say how many there are); none for an argument
// without a known set of values (days). InvalidParams for a prompt, template or argument the server does not have.
RequestResult<boost::json::object> complete(const boost::json::object& params, CallContext& context);

} // namespace chasm::mcp
