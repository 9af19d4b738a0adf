// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

// chasm migration: pack the chat histories of some projects into one file, and unpack it on another machine
// with every path re-keyed to where the projects are there.

#include "Commands.h"
#include "commands/CommandTable.h"
#include "services/MigrationService.h"

#include <QDir>

using namespace Qt::StringLiterals;

namespace chasm::cli {

namespace {

struct MigrationOptions
{
    std::string output;
    std::string projects;
    bool all = false;
    std::string package;
    std::string mapping;
    bool dryRun = false;
};

void printCreated(const Output& o, const Migration::CreateReport& report)
{
    if (o.json) {
        o.print(toJson(report));
        return;
    }
    for (auto it = report.filesByProvider.cbegin(); it != report.filesByProvider.cend(); ++it) {
        o.line(u"  %1: %2 file(s)"_s.arg(it.key()).arg(it.value()));
    }
    if (report.keptByChasm > 0) {
        o.line(u"  of which %1 file(s) of sessions their tools deleted, from the harvest database"_s.arg(
            report.keptByChasm));
    }
    for (const QString& note : report.notes) {
        o.line(u"  note: %1"_s.arg(note));
    }
    o.line(u"Packed %1 file(s) (%2) of %3 project(s) into %4"_s.arg(report.files)
               .arg(humanSize(report.bytes))
               .arg(report.projects.size())
               .arg(report.output));
}

void printRestored(const Output& o, const Migration::RestoreReport& report)
{
    if (o.json) {
        o.print(toJson(report));
        return;
    }
    using Status = Migration::RestoredFile::Status;
    for (const Migration::RestoredFile& file : report.files) {
        if (file.status == Status::Conflict || file.status == Status::Skipped) {
            o.line(u"  %1: %2 (%3)"_s.arg(Migration::statusName(file.status),
                                          file.target.isEmpty() ? file.entry : file.target, file.reason));
        }
    }
    for (const QString& note : report.notes) {
        o.line(u"  note: %1"_s.arg(note));
    }
    o.line(u"%1%2 file(s) restored, %3 there already, %4 conflict(s), %5 skipped"_s
               .arg(report.dryRun ? u"Dry run, nothing was written: "_s : QString())
               .arg(report.count(Status::Restored))
               .arg(report.count(Status::Unchanged))
               .arg(report.count(Status::Conflict))
               .arg(report.count(Status::Skipped)));
    if (!report.undoCommand.isEmpty()) {
        o.line(u"Undo: %1"_s.arg(report.undoCommand));
    }
}

} // namespace

void addMigrationCommands(CommandTable& table)
{
    MigrationOptions& o = table.options<MigrationOptions>();
    CLI::App* migration =
        table.app()
            .add_subcommand("migration", "Move chat histories to another machine: pack them, unpack them there")
            ->require_subcommand(1);

    CLI::App* c = migration->add_subcommand(
        "create", "Pack the tools' stores of some projects (VS Code family, Claude Code, Codex) into a .tar.zst "
                  "with a manifest of checksums");
    c->add_option("output", o.output, "The package to write (.tar.zst)")->required();
    CLI::Option* projects = c->add_option("--projects", o.projects, "The projects, separated by commas (P1,P2)");
    c->add_flag("--all", o.all, "Every project a supported tool keeps history for")->excludes(projects);
    table.on(c, [&o, &db = table.globals().database](Commands& commands) {
        Migration::CreateRequest request;
        request.output = q(o.output);
        request.database = q(db);
        request.projects = q(o.projects).split(u',', Qt::SkipEmptyParts);
        request.all = o.all;
        printCreated(commands.output(), take(MigrationService(commands.catalog()).create(request)));
    });

    CLI::App* r = migration->add_subcommand(
        "restore", "Unpack a package: every checksum checked first, every path re-keyed for this machine, nothing "
                   "overwritten");
    r->add_option("package", o.package, "The package (.tar.zst)")->required();
    r->add_option("--mapping", o.mapping,
                  "Where the projects are now: 'old1:new1;old2:new2' (the folders must exist; unmapped projects "
                  "keep their paths)");
    r->add_flag("--dry-run", o.dryRun, "Check the package and say what would be written");
    table.on(r, [&o](Commands& commands) {
        printRestored(commands.output(),
                      take(MigrationService(commands.catalog()).restore(q(o.package), q(o.mapping), o.dryRun)));
    });
}

} // namespace chasm::cli
