// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#include "Commands.h"

#include "export/SessionExport.h"
#include "services/ExportService.h"

using namespace Qt::StringLiterals;

namespace chasm::cli {

void Commands::exportSessions(const ExportRequest& request) const
{
    const auto format = SessionExport::formatNamed(q(request.format));
    if (!format) {
        throw CommandError{u"--format expects "_s + SessionExport::formatNames()};
    }
    using Scope = ExportService::Request::Scope;
    ExportService::Request exporting;
    exporting.scope = request.kind == ExportRequest::Kind::Paths       ? Scope::Paths
                      : request.kind == ExportRequest::Kind::Workspace ? Scope::Workspace
                                                                       : Scope::Sessions;
    for (const std::string& name : request.names) {
        exporting.names << q(name);
    }
    exporting.projectPath = q(request.projectPath);
    exporting.destination = q(request.destination);
    exporting.format = *format;
    exporting.provider = q(request.provider);
    // On a terminal, a progress bar: sessions and megabytes read.
    ProgressBar bar(m_o.err);
    ExportService::Options options;
    options.warning = [this](const QString& warning) { m_o.warn(warning); };
    if (m_o.progress) {
        options.progress = [&bar](const Harvester::Progress& progress) { bar.show(progress); };
    }
    auto report = ExportService(m_catalog).run(exporting, options);
    bar.clear();
    const ExportService::Report exported = take(std::move(report));
    printExported(exported.sessions, exported.files, exported.skipped, exported.destination);
}

void Commands::printExported(int sessions, const QStringList& files, const QStringList& skipped,
                             const QString& destination) const
{
    if (m_o.json) {
        m_o.print(toJson(ExportService::Report{sessions, files, skipped, destination, false}));
        return;
    }
    for (const QString& why : skipped) {
        m_o.warn(u"not exported, as it cannot be read: "_s + why);
    }
    m_o.line(u"Exported %1 session(s) into %2 file(s)%3"_s.arg(QString::number(sessions), QString::number(files.size()),
                                                               files.size() == 1 ? u": "_s + files.constFirst()
                                                                                 : u" in "_s + destination));
}

} // namespace chasm::cli
