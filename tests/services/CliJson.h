// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#pragma once

#include "CliRun.h"

#include <QString>
#include <QStringList>

#include <boost/json/value.hpp>

namespace chasm::test {

// `args` with ${HOME} as `home` and ${PROJECT} as the fixtures' project ("<home>/dev/projects/web app").
QStringList expanded(const QStringList& args, const QString& home);

// A command's output, or a shape serialized as the command prints it, made comparable across twin fixture homes:
// the home folder becomes ${HOME}, a recovery point's time stamp STAMP, each of `ids` (made anew per run) ID.
QString comparable(QString text, const QString& home, const QStringList& ids = {});
QString printed(const boost::json::value& shape);

} // namespace chasm::test
