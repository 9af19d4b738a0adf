// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#pragma once

#include <QString>
#include <QStringList>

#include <boost/json/array.hpp>
#include <boost/json/value.hpp>

// JSON values of Qt's types, for the --json shapes of the services.
namespace chasm::json {

// A list of strings as a JSON array.
boost::json::array fromQStrings(const QStringList& list);
// A string, or null when it is empty.
boost::json::value stringOrNull(const QString& s);

} // namespace chasm::json
