// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#pragma once

#include "McpServer.h"

#include <cstdio>

namespace chasm::mcp {

// Serves one MCP session over a pair of streams (the process's stdin and stdout): one JSON-RPC message per line
// each way, nothing but protocol messages on `out`. Returns at the end of `in`, once the requests still running
// have been answered: 0, or 1 when `in` could not be read.
int serveStdio(McpServer& server, std::FILE* in, std::FILE* out);

} // namespace chasm::mcp
