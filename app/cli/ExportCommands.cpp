#include "Commands.h"

#include "export/SessionExport.h"
#include "json/Json.h"

#include <QSet>

using namespace Qt::StringLiterals;

namespace chasm::cli {

void Commands::exportSessions(const ExportRequest& request) const
{
    const auto format = SessionExport::formatNamed(q(request.format));
    if (!format) {
        throw CommandError{u"--format expects "_s + SessionExport::formatNames()};
    }
    const auto projectSessions = [&](const QString& project) {
        return sessions(request.provider, workspacesForPath(workspaces(request.provider, project), project));
    };
    QList<SessionRef> chosen;
    switch (request.kind) {
    case ExportRequest::Kind::Paths:
        if (request.names.empty()) {
            chosen = projectSessions(pathOrCwd({}));
        }
        for (const std::string& path : request.names) {
            const QList<SessionRef> found = projectSessions(pathOrCwd(path));
            if (found.isEmpty()) {
                m_o.err << "warning: no sessions for " << pathOrCwd(path).toStdString() << '\n';
            }
            chosen += found;
        }
        break;
    case ExportRequest::Kind::Workspace: {
        QList<Workspace> matching = workspaces(request.provider);
        matching.removeIf([&](const Workspace& w) { return !workspaceMatches(w, request.names.front()); });
        if (matching.isEmpty()) {
            throw CommandError{u"no workspace matches %1"_s.arg(q(request.names.front()))};
        }
        chosen = sessions(request.provider, matching);
        break;
    }
    case ExportRequest::Kind::Sessions: {
        const QList<SessionRef> all = request.projectPath.empty()
                                          ? sessions(request.provider, workspaces(request.provider))
                                          : projectSessions(pathOrCwd(request.projectPath));
        for (const std::string& id : request.names) {
            chosen.append(take(SessionCatalog::resolveSession(all, q(id))));
        }
        break;
    }
    }
    QSet<QString> seen;
    chosen.removeIf([&seen](const SessionRef& ref) {
        const bool again = seen.contains(ref.id);
        seen.insert(ref.id);
        return again;
    });
    if (chosen.isEmpty()) {
        throw CommandError{u"no sessions to export"_s};
    }
    const QString destination = m_catalog.environment().absolutePath(q(request.destination));
    const auto out = take(SessionExport::open(destination, *format));
    int count = 0;
    QStringList skipped;
    // On a terminal, a progress bar: sessions and megabytes read.
    ProgressBar bar(m_o.err);
    Harvester::Progress progress{0, int(chosen.size()), 0, 0};
    for (const SessionRef& ref : std::as_const(chosen)) {
        progress.bytesTotal += ref.sizeBytes;
    }
    for (const SessionRef& ref : std::as_const(chosen)) {
        auto session = m_catalog.load(ref);
        ++progress.done;
        progress.bytesDone += ref.sizeBytes;
        if (m_o.progress) {
            bar.show(progress);
        }
        if (!session) {
            skipped << session.error().message;
            continue;
        }
        if (auto error = out->add(*session)) {
            bar.clear();
            throw CommandError{error->message};
        }
        ++count;
    }
    bar.clear();
    printExported(count, take(out->finish()), skipped, destination);
}

void Commands::printExported(int sessions, const QStringList& files, const QStringList& skipped,
                             const QString& destination) const
{
    if (m_o.json) {
        boost::json::array written;
        for (const QString& file : files) {
            written.emplace_back(json::fromQString(file));
        }
        boost::json::array left;
        for (const QString& why : skipped) {
            left.emplace_back(json::fromQString(why));
        }
        m_o.print(
            boost::json::object{{"sessions", sessions}, {"files", std::move(written)}, {"skipped", std::move(left)}});
        return;
    }
    for (const QString& why : skipped) {
        m_o.err << "warning: not exported, as it cannot be read: " << why.toStdString() << '\n';
    }
    m_o.line(u"Exported %1 session(s) into %2 file(s)%3"_s.arg(QString::number(sessions), QString::number(files.size()),
                                                               files.size() == 1 ? u": "_s + files.constFirst()
                                                                                 : u" in "_s + destination));
}

} // namespace chasm::cli
