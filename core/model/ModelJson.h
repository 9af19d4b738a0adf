// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#pragma once

#include "model/IndexEntry.h"
#include "model/ProviderStatus.h"
#include "model/Session.h"
#include "model/SessionRef.h"
#include "model/Workspace.h"
#include "util/Result.h"

#include <boost/json/object.hpp>

// The stable JSON shapes of Chasm's model, shared by `--json` output and the server. Keys are
// snake_case and are only ever added, never renamed; times are ISO 8601 UTC; absent values are null.
namespace chasm::shapes {

// An "origin" ("user@machine") is there only for a session of a team database.
boost::json::object sessionSummary(const SessionRef& session);
boost::json::object message(const Message& message);
boost::json::object session(const Session& session);
// The fields of session() before its "messages", and those after: how SessionJsonWriter writes the same text a
// message at a time.
boost::json::object sessionHead(const Session& session);
boost::json::object sessionTail(const Session& session);
// The inverse of session(): reads what it wrote (fields it does not know are ignored).
Result<Session> sessionFromJson(const boost::json::value& value);
boost::json::object workspace(const Workspace& workspace);
boost::json::object indexEntry(const IndexEntry& entry);
boost::json::object providerStatus(const ProviderStatus& status);

boost::json::value isoTime(const QDateTime& time);

} // namespace chasm::shapes
