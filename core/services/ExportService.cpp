// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#include "ExportService.h"

#include "json/Json.h"
#include "services/CatalogService.h"

#include <QSet>

#include <boost/json/array.hpp>

using namespace Qt::StringLiterals;

namespace chasm {

namespace {

// A session's writer, watched: whether the session was begun, and whether the writer failed (rather than the reader).
class Watched final : public SessionSink
{
public:
    explicit Watched(std::unique_ptr<SessionSink> writer)
        : m_writer(std::move(writer))
    {}
    std::optional<Error> begin(const Session& header, int conversationMessages) override
    {
        m_begun = true;
        return watch(m_writer->begin(header, conversationMessages));
    }
    std::optional<Error> add(QList<Message>&& messages) override { return watch(m_writer->add(std::move(messages))); }
    std::optional<Error> end(const QStringList& filesReferenced) override
    {
        return watch(m_writer->end(filesReferenced));
    }
    bool begun() const { return m_begun; }
    bool writeFailed() const { return m_writeFailed; }

private:
    std::optional<Error> watch(std::optional<Error> error)
    {
        m_writeFailed = m_writeFailed || error.has_value();
        return error;
    }

    std::unique_ptr<SessionSink> m_writer;
    bool m_begun = false;
    bool m_writeFailed = false;
};

} // namespace

Result<QList<SessionRef>> ExportService::select(const Request& request, const Options& options) const
{
    const CatalogService scope(m_catalog, CatalogService::Kept::Listed);
    const auto projectSessions = [&](const QString& project) -> Result<QList<SessionRef>> {
        auto workspaces = scope.workspaces(request.provider, project);
        if (!workspaces) {
            return workspaces.error();
        }
        return scope.sessions(request.provider, scope.workspacesForPath(*workspaces, project));
    };
    QList<SessionRef> chosen;
    switch (request.scope) {
    case Request::Scope::Paths: {
        if (request.names.isEmpty()) {
            auto found = projectSessions(scope.pathOrCwd({}));
            if (!found) {
                return found.error();
            }
            chosen = *found;
        }
        for (const QString& path : request.names) {
            auto found = projectSessions(scope.pathOrCwd(path));
            if (!found) {
                return found.error();
            }
            if (found->isEmpty() && options.warning) {
                options.warning(u"no sessions for "_s + scope.pathOrCwd(path));
            }
            chosen += *found;
        }
        break;
    }
    case Request::Scope::Workspace: {
        auto matching = scope.workspaces(request.provider);
        if (!matching) {
            return matching.error();
        }
        const QString pattern = request.names.value(0);
        matching->removeIf([&](const Workspace& w) { return !CatalogService::workspaceMatches(w, pattern); });
        if (matching->isEmpty()) {
            return Error{u"no workspace matches %1"_s.arg(pattern)};
        }
        auto found = scope.sessions(request.provider, *matching);
        if (!found) {
            return found.error();
        }
        chosen = *found;
        break;
    }
    case Request::Scope::Sessions: {
        Result<QList<SessionRef>> all = QList<SessionRef>();
        if (request.projectPath.isEmpty()) {
            auto workspaces = scope.workspaces(request.provider);
            if (!workspaces) {
                return workspaces.error();
            }
            all = scope.sessions(request.provider, *workspaces);
        } else {
            all = projectSessions(scope.pathOrCwd(request.projectPath));
        }
        if (!all) {
            return all.error();
        }
        for (const QString& id : request.names) {
            auto session = SessionCatalog::resolveSession(*all, id);
            if (!session) {
                return session.error();
            }
            chosen.append(*session);
        }
        break;
    }
    case Request::Scope::Given:
        chosen = request.sessions;
        break;
    }
    QSet<QString> seen;
    chosen.removeIf([&seen](const SessionRef& ref) {
        const bool again = seen.contains(ref.id);
        seen.insert(ref.id);
        return again;
    });
    if (chosen.isEmpty()) {
        return Error{u"no sessions to export"_s};
    }
    return chosen;
}

Result<ExportService::Report> ExportService::run(const Request& request, const Options& options) const
{
    auto chosen = select(request, options);
    if (!chosen) {
        return chosen.error();
    }
    Report report;
    report.destination = m_catalog.environment().absolutePath(request.destination);
    auto out = SessionExport::open(report.destination, request.format);
    if (!out) {
        return out.error();
    }
    // One file is written whole or not at all; the files of a folder are each complete as written.
    const bool oneFile =
        report.destination.endsWith(u'.' + SessionExport::extension(request.format), Qt::CaseInsensitive);
    Harvester::Progress progress{0, int(chosen->size()), 0, 0};
    for (const SessionRef& ref : std::as_const(*chosen)) {
        progress.bytesTotal += ref.sizeBytes;
    }
    for (const SessionRef& ref : std::as_const(*chosen)) {
        if (options.cancel && options.cancel->load()) {
            report.cancelled = true;
            break;
        }
        // Written as it is read. A session that cannot be read is left out: a reader finds a damaged session
        // before it begins it. One whose reading still fails halfway (its file changed in place meanwhile) is left
        // out of a folder (its file is not kept); halfway into the one file, or failing to be written, it stops
        // the export.
        Watched session((*out)->session());
        const std::optional<Error> error = m_catalog.read(ref, session);
        ++progress.done;
        progress.bytesDone += ref.sizeBytes;
        if (options.progress) {
            options.progress(progress);
        }
        if (error && !session.writeFailed() && !(session.begun() && oneFile)) {
            report.skipped << error->message;
            continue;
        }
        if (error) {
            return *error;
        }
        ++report.sessions;
    }
    if (report.cancelled && oneFile) {
        return report;
    }
    auto written = (*out)->finish();
    if (!written) {
        return written.error();
    }
    report.files = *written;
    return report;
}

boost::json::object toJson(const ExportService::Report& report)
{
    boost::json::array written;
    for (const QString& file : report.files) {
        written.emplace_back(json::fromQString(file));
    }
    boost::json::array left;
    for (const QString& why : report.skipped) {
        left.emplace_back(json::fromQString(why));
    }
    return boost::json::object{
        {"sessions", report.sessions}, {"files", std::move(written)}, {"skipped", std::move(left)}};
}

} // namespace chasm
