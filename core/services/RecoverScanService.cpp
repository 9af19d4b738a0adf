// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#include "RecoverScanService.h"

#include "json/Json.h"

using namespace Qt::StringLiterals;

namespace chasm {

QString RecoverScanService::fixOf(const RecoveryFinding& f)
{
    switch (f.kind) {
    case RecoveryFinding::Kind::OlderWorkspace:
        return u"chasm detect orphaned \"%1\" --recover"_s.arg(f.project);
    case RecoveryFinding::Kind::NotInIndex:
    case RecoveryFinding::Kind::WrongEntry: {
        // A workspace without a local folder (remote, empty window) is reached with --all.
        const QString where =
            f.target.projectPath.isEmpty() ? u"--all"_s : u"--path \"%1\""_s.arg(f.target.projectPath);
        return (f.kind == RecoveryFinding::Kind::NotInIndex ? u"chasm register all "_s : u"chasm register repair "_s) +
               where;
    }
    case RecoveryFinding::Kind::OldBackup:
    case RecoveryFinding::Kind::OldDatabase: {
        // Sessions of one old state database (or backup) are one source.
        QStringList sources;
        for (const RecoveryFinding::Item& item : f.items) {
            const QString quoted = u'"' + item.path + u'"';
            if (!sources.contains(quoted)) {
                sources << quoted;
            }
        }
        const QString into = f.target.projectPath.isEmpty()
                                 ? u"--workspace "_s + f.target.hash
                                 : u"--target-path \"%1\" --editor %2"_s.arg(f.target.projectPath, f.target.editor);
        return u"chasm import sessions %1 %2"_s.arg(sources.join(u' '), into);
    }
    }
    return QString();
}

QString RecoverScanService::fixOf(const SessionRef& ref)
{
    return (ref.path.endsWith(u".jsonl"_s) ? u"chasm recover jsonl \"%1\""_s : u"chasm recover repair \"%1\""_s)
        .arg(ref.path);
}

Result<RecoverScanService::Report> RecoverScanService::run(const Request& request) const
{
    const QList<Workspace> scope = m_catalog.editorFamily(request.provider);
    const QList<SessionRef> files = m_catalog.sessions({}, scope).value();
    Report report;
    for (const RecoveryFinding& f : RecoveryScan::scan(scope, files, request.includeOld)) {
        report.findings.append({f, fixOf(f)});
    }
    for (const SessionRef& ref : files) {
        if (!ref.error.isEmpty() && !ref.path.isEmpty()) {
            report.damaged.append({ref, fixOf(ref)});
        }
    }
    return report;
}

Result<Registrar::Report> RecoverScanService::apply(const RecoveryFinding& finding, const QStringList& ids,
                                                    const Registrar::Options& options)
{
    return RecoveryScan::apply(finding, ids, options);
}

boost::json::object toJson(const RecoverScanService::Report& report)
{
    static const char* kinds[] = {"older_workspace", "not_in_index", "wrong_entry", "old_backup", "old_database"};
    boost::json::array found;
    for (const RecoverScanService::Finding& finding : report.findings) {
        const RecoveryFinding& f = finding.finding;
        boost::json::array items;
        for (const RecoveryFinding::Item& item : f.items) {
            items.push_back({{"id", json::fromQString(item.id)},
                             {"title", json::fromQString(item.title)},
                             {"path", json::fromQString(item.path)},
                             {"updated_at", json::fromQString(item.updatedAt.toUTC().toString(Qt::ISODate))},
                             {"message_count", item.messageCount}});
        }
        found.push_back(
            {{"kind", kinds[int(f.kind)]},
             {"project", json::fromQString(f.project)},
             {"editor", json::fromQString(f.target.editor)},
             {"target", json::fromQString(f.target.storagePath)},
             {"source", f.source.storagePath.isEmpty() ? boost::json::value(nullptr)
                                                       : boost::json::value(json::fromQString(f.source.storagePath))},
             {"sessions", std::move(items)},
             {"fix", json::fromQString(finding.fix)}});
    }
    boost::json::array broken;
    for (const RecoverScanService::Damaged& d : report.damaged) {
        broken.push_back({{"path", json::fromQString(d.session.path)},
                          {"error", json::fromQString(d.session.error)},
                          {"fix", json::fromQString(d.fix)}});
    }
    return {{"findings", std::move(found)}, {"damaged", std::move(broken)}};
}

} // namespace chasm
