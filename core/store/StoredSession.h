// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#pragma once

#include "model/Session.h"
#include "util/Result.h"

#include <QString>
#include <QVariant>

#include <string>
#include <vector>

namespace chasm {

// The form a session is stored in (a `data` column of sessions or checkpoints): its normalized JSON, compressed,
// and the hash of that JSON, which tells whether a session's content changed.
namespace stored {

// The hash of a session's JSON.
QString hashOf(const std::string& json);
// The same of a JSON in parts (see compressText): the hash of the parts joined.
QString hashOf(const std::vector<std::string>& parts);
// The JSON of a session as stored in a `data` column (compressed), or why it cannot be read.
Result<std::string> jsonOf(const QVariant& data);
// A session from its JSON; `what` names it in errors.
Result<Session> sessionFromJson(const std::string& text, const QString& what);
// A session as stored in a `data` column.
Result<Session> sessionFromData(const QVariant& data, const QString& what);

} // namespace stored

} // namespace chasm
