// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#include "JsonValues.h"

#include "Json.h"

namespace chasm::json {

boost::json::array fromQStrings(const QStringList& list)
{
    boost::json::array array;
    for (const QString& s : list) {
        array.emplace_back(fromQString(s));
    }
    return array;
}

boost::json::value stringOrNull(const QString& s)
{
    return s.isEmpty() ? boost::json::value(nullptr) : boost::json::value(fromQString(s));
}

} // namespace chasm::json
