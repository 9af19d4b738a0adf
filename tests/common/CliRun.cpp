// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#include "CliRun.h"

#include "CommandLine.h"

#include <QDebug>

#include <boost/json/parse.hpp>

#include <sstream>
#include <string>
#include <vector>

namespace chasm::test {

CliRun runCli(const Environment& environment, const QStringList& args)
{
    std::vector<std::string> storage{"chasm"};
    for (const QString& arg : args) {
        storage.push_back(arg.toStdString());
    }
    std::vector<const char*> argv;
    for (const std::string& s : storage) {
        argv.push_back(s.c_str());
    }
    std::ostringstream out;
    std::ostringstream err;
    CliRun run;
    run.exitCode = cli::run(int(argv.size()), argv.data(), environment, out, err);
    run.out = QString::fromStdString(out.str());
    run.err = QString::fromStdString(err.str());
    return run;
}

boost::json::value CliRun::json() const
{
    boost::system::error_code ec;
    boost::json::value v = boost::json::parse(out.toStdString(), ec);
    if (ec) {
        qWarning() << "not JSON:" << out << err;
    }
    return v;
}

} // namespace chasm::test
