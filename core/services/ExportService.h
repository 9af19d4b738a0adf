// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#pragma once

#include "export/SessionExport.h"
#include "model/SessionRef.h"
#include "ops/Harvester.h"
#include "providers/SessionCatalog.h"
#include "util/Result.h"

#include <QStringList>

#include <boost/json/object.hpp>

#include <atomic>
#include <functional>

namespace chasm {

// Writes sessions out as files (`chasm export`, the app's Export dialog): chooses them (a project's, a workspace's,
// by id, or those given), reads each and writes it in the format asked, one file per session into a folder or all
// into one file (see SessionExport). A session that cannot be read is left out and named; what cannot be written
// stops the export. PDF is typeset by the renderer the program installed (SessionExport::setPdfRenderer): the
// core cannot, as it does without Qt's GUI module.
class ExportService
{
public:
    explicit ExportService(const SessionCatalog& catalog)
        : m_catalog(catalog)
    {}

    struct Request
    {
        enum class Scope
        {
            Paths,     // names: project folders (none: the working directory)
            Workspace, // names: one workspace pattern (a hash prefix, or part of its name or project path)
            Sessions,  // names: session ids or unique prefixes, among projectPath's sessions when given
            Given,     // sessions: these, as listed
        };
        Scope scope = Scope::Paths;
        QStringList names;
        QString projectPath;
        QList<SessionRef> sessions;
        // A folder, or a file ending in the format's extension; relative to the working directory.
        QString destination;
        SessionExport::Format format = SessionExport::Format::Json;
        QString provider; // only this tool's sessions (not for Given)
    };
    struct Report
    {
        int sessions = 0;    // written
        QStringList files;   // the files written
        QStringList skipped; // the sessions that could not be read, with why
        QString destination; // absolute
        // Stopped by Options::cancel: the files of a folder written so far are complete, one file is not written.
        bool cancelled = false;
    };
    struct Options
    {
        // After each session is read (or found unreadable): sessions and bytes.
        std::function<void(const Harvester::Progress&)> progress;
        // What a user may want to know that does not stop the export ("no sessions for /x").
        std::function<void(const QString&)> warning;
        // When set, no session is read after it is; see Report::cancelled.
        const std::atomic_bool* cancel = nullptr;
    };

    // The sessions a request names, each once, newest first within each name.
    Result<QList<SessionRef>> select(const Request& request, const Options& options) const;
    Result<Report> run(const Request& request, const Options& options) const;
    Result<Report> run(const Request& request) const { return run(request, Options()); }

private:
    const SessionCatalog& m_catalog;
};

// `export --json` (and `harvest export --json`): {"sessions", "files", "skipped"}.
boost::json::object toJson(const ExportService::Report& report);

} // namespace chasm
