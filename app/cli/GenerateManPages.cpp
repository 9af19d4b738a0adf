// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

// chasm_manpages DIR: writes chasm.1 and a page per command group into DIR, from the command table (the build runs
// it; the pages are installed into share/man/man1).

#include "CommandLine.h"

#include <filesystem>
#include <fstream>
#include <iostream>
#include <system_error>

int main(int argc, char* argv[])
{
    if (argc != 2) {
        std::cerr << "usage: chasm_manpages DIR\n";
        return 2;
    }
    const std::filesystem::path folder = argv[1];
    std::error_code error;
    std::filesystem::create_directories(folder, error);
    if (error) {
        std::cerr << "cannot create " << folder.string() << ": " << error.message() << '\n';
        return 1;
    }
    // Pages of groups that are gone do not stay behind to be installed.
    for (const auto& entry : std::filesystem::directory_iterator(folder)) {
        if (entry.path().extension() == ".1") {
            std::filesystem::remove(entry.path(), error);
        }
    }
    for (const chasm::cli::ManPage& page : chasm::cli::manPages()) {
        const std::filesystem::path file = folder / page.fileName;
        std::ofstream out(file, std::ios::binary);
        out << page.text;
        out.close();
        if (!out) {
            std::cerr << "cannot write " << file.string() << '\n';
            return 1;
        }
    }
    return 0;
}
