// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#pragma once

#include "McpTools.h"

#include <boost/json/array.hpp>

namespace chasm::mcp {

// The resources the server offers: each harvested session as its Markdown transcript (chasm://session/{id}, in
// pages: ?from=N), and each workspace as JSON (chasm://workspace/{id}).
namespace resources {

// resources/list: the harvested sessions, newest first, a page at a time (`cursor` as nextCursor gave it).
RequestResult<boost::json::object> list(const QString& cursor, CallContext& context);
// resources/templates/list.
boost::json::array templates();
// resources/read: the contents of one resource, or an error that says why there is none (ResourceNotFound for a
// URI that names nothing, InternalError when the database cannot be read).
RequestResult<boost::json::object> read(const QString& uri, CallContext& context);

} // namespace resources

} // namespace chasm::mcp
