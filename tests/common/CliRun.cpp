#include "CliRun.h"

#include "CommandLine.h"

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

} // namespace chasm::test
