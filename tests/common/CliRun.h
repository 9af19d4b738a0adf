// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#pragma once

// The command line run in-process, as the tests of the CLI and of the services run it: what it prints on
// stdout and stderr, and its exit status.

#include "util/Environment.h"

#include <QString>
#include <QStringList>

#include <boost/json/value.hpp>

namespace chasm::test {

struct CliRun
{
    int exitCode = -1;
    QString out;
    QString err;

    // What it printed, read as JSON (null, with a warning, when it is not).
    boost::json::value json() const;
};

// `chasm ARGS…` under `environment`.
CliRun runCli(const Environment& environment, const QStringList& args);

} // namespace chasm::test
