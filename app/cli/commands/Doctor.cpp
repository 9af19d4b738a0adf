// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

// chasm doctor (check): what is wrong in one screen, and the safe fixes with --fix.

#include "Commands.h"
#include "commands/CommandTable.h"
#include "http/HttpClientPlugin.h"
#include "services/DoctorService.h"

#include <QFileInfo>
#include <QHash>
#include <QMap>
#include <QTemporaryDir>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace chasm::cli {

namespace {

struct DoctorOptions
{
    bool full = false;
    bool fix = false;
    std::string format = "text";
};

// The severity as a symbol and a word, padded to one width, coloured on a terminal.
QString badge(DoctorService::Status status, bool colour)
{
    static const QMap<DoctorService::Status, std::pair<QString, QString>> badges = {
        {DoctorService::Status::Ok, {u"✓ ok     "_s, u"32"_s}},
        {DoctorService::Status::Info, {u"· info   "_s, u"36"_s}},
        {DoctorService::Status::Warning, {u"! warning"_s, u"33"_s}},
        {DoctorService::Status::Error, {u"✗ error  "_s, u"1;31"_s}},
    };
    const auto& [text, style] = badges.value(status);
    return colour ? u"\x1b[%1m"_s.arg(style) + text + u"\x1b[0m"_s : text;
}

// One row of the screen: a finding, or the notes of one family of checks that say the same of several names
// ("provider.*  not installed, no sessions: Codex CLI, Gemini CLI, …"), so that the list fits one screen.
struct Row
{
    DoctorService::Finding finding;
    QStringList names;
};

QList<Row> rowsOf(const QList<DoctorService::Finding>& findings)
{
    QList<Row> rows;
    QHash<QString, qsizetype> groups; // family and what is said: the row that gathers them
    for (const DoctorService::Finding& f : findings) {
        const qsizetype colon = f.message.indexOf(u": "_s);
        const qsizetype dot = f.check.indexOf(u'.');
        if (f.status != DoctorService::Status::Info || !f.fix.isEmpty() || colon < 0 || dot < 0) {
            rows.append({f, {}});
            continue;
        }
        const QString family = f.check.left(dot);
        const QString key = family + u'\n' + f.message.mid(colon + 2);
        const auto group = groups.constFind(key);
        if (group == groups.constEnd()) {
            groups.insert(key, rows.size());
            rows.append({f, {f.message.left(colon)}});
        } else {
            Row& row = rows[*group];
            row.names << f.message.left(colon);
            row.finding.check = family + u".*"_s;
            row.finding.message = f.message.mid(colon + 2) + u": "_s + row.names.join(u", "_s);
        }
    }
    return rows;
}

void printText(const Output& o, const DoctorService::Report& report)
{
    const QList<Row> rows = rowsOf(report.findings);
    qsizetype width = 0;
    for (const Row& row : rows) {
        width = std::max(width, row.finding.check.size());
    }
    const QString indent(10 + width + 2, u' ');
    for (const Row& row : rows) {
        const DoctorService::Finding& f = row.finding;
        o.styledLine(badge(f.status, o.colour) + u' ' + withoutControlCharacters(f.check).leftJustified(width) +
                     u"  "_s + withoutControlCharacters(f.message));
        if (!f.fix.isEmpty() && f.status != DoctorService::Status::Ok) {
            o.line(indent + u"→ "_s + f.fix + (f.fixable() && report.actions.isEmpty() ? u" [--fix]"_s : QString()));
        }
    }
    if (!report.actions.isEmpty()) {
        o.line();
        o.line(u"Fixed (then checked again):"_s);
        for (const DoctorService::Action& a : report.actions) {
            o.line(u"  %1 %2: %3%4"_s.arg(a.done ? u"done   "_s : u"refused"_s, a.check, a.message,
                                          a.backup.isEmpty() ? QString() : u" (backup: %1)"_s.arg(a.backup)));
        }
    }
    QMap<DoctorService::Status, int> counts;
    for (const DoctorService::Finding& f : report.findings) {
        ++counts[f.status];
    }
    o.line();
    o.line(u"%1 errors, %2 warnings, %3 notes, %4 ok"_s.arg(counts.value(DoctorService::Status::Error))
               .arg(counts.value(DoctorService::Status::Warning))
               .arg(counts.value(DoctorService::Status::Info))
               .arg(counts.value(DoctorService::Status::Ok)));
}

void doctor(Commands& commands, const DoctorOptions& options, const std::string& database, Output& output)
{
    // A check makes no file: without a settings file its defaults are read from a throw-away one (a Settings writes
    // its format version when it opens a file).
    const QString file = Settings::defaultFile(commands.catalog().environment());
    const QTemporaryDir scratch;
    Settings settings(QFileInfo::exists(file) ? file : scratch.filePath(u"chasm.conf"_s));
    const auto listModels = [](const ModelEndpoint& endpoint) -> Result<QStringList> {
        auto library = modelLibrary();
        if (!library) {
            return library.error();
        }
        return (*library)->open(endpoint)->models();
    };
    // The API port's listener asked for its health through the chasm-http module, when it loads.
    DoctorService::HttpTransport http;
    try {
        http = httpClients().send;
    } catch (const CommandError&) {
    }
    const DoctorService service(commands.catalog(), settings, listModels, http);
    const DoctorService::Report report = service.run({q(database), options.full, options.fix});
    if (output.json || options.format == "json") {
        output.print(toJson(report));
    } else {
        printText(output, report);
    }
    // An error that stays (after --fix: one it could not mend) is the exit status 1 (docs/doctor.md).
    if (report.hasErrors()) {
        output.status = 1;
    }
}

} // namespace

void addDoctorCommand(CommandTable& table)
{
    DoctorOptions& o = table.options<DoctorOptions>();
    CLI::App* d = table.app()
                      .add_subcommand("doctor", "Check the editors, the tools' stores, the harvest database, the "
                                                "keychain and the limits Chasm needs, and say what to do")
                      ->alias("check");
    d->add_flag("--full", o.full,
                "Also run SQLite's full integrity check and ask every configured model server for its models");
    d->add_flag("--fix", o.fix,
                "Apply the safe fixes (rebuild the search index, repair session indexes while their editor is "
                "closed, create Chasm's missing folders), each backed up first, then check again");
    table.oneOf(d->add_option("--format", o.format, "text (default) or json (the same as --json)"), {"text", "json"});
    table.on(d, [&o, &table](Commands& c) { doctor(c, o, table.globals().database, table.output()); });
}

} // namespace chasm::cli
