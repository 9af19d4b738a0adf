// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#include "IndexWriter.h"

#include "WorkspaceWrite.h"

#include "json/Json.h"
#include "vscode/SessionIndex.h"
#include "vscode/WorkspaceStorage.h"

#include <QFileInfo>

using namespace Qt::StringLiterals;

namespace chasm {

namespace {

bool matchesAny(const QString& text, const QStringList& parts)
{
    return std::any_of(parts.cbegin(), parts.cend(),
                       [&text](const QString& part) { return text.contains(part, Qt::CaseInsensitive); });
}

} // namespace

Result<QHash<QString, boost::json::object>> IndexWriter::stored(const QString& database)
{
    QHash<QString, boost::json::object> stored;
    if (!QFileInfo::exists(database)) {
        return stored;
    }
    auto entries = SessionIndex::read(database);
    if (!entries) {
        if (entries.error().message.contains(u"holds no chat session index"_s)) {
            return stored;
        }
        return entries.error();
    }
    for (const IndexEntry& entry : *entries) {
        stored.insert(entry.sessionId, entry.raw);
    }
    return stored;
}

std::optional<Error> IndexWriter::write(const Workspace& workspace, const QList<boost::json::object>& entries,
                                        const Registrar::Options& options, FileTransaction& transaction)
{
    const QString database = WorkspaceWrite::databaseOf(workspace);
    const QString change = u"%1 %2 entr%3 in the index of %4"_s.arg(options.dryRun ? u"would write"_s : u"wrote"_s,
                                                                    QString::number(entries.size()),
                                                                    entries.size() == 1 ? u"y"_s : u"ies"_s, database);
    if (QFileInfo::exists(database)) {
        if (auto error = transaction.preserve(database, FileTransaction::BackupPlace::RecoveryFolder, change)) {
            return error;
        }
    } else if (auto error = transaction.willCreate(database, change + u" (a new database)"_s)) {
        return error;
    }
    if (options.dryRun) {
        return std::nullopt;
    }
    return SessionIndex::write(database, entries);
}

void IndexWriter::warnAboutLimit(const QString& database, Registrar::Report& report)
{
    const auto entries = SessionIndex::read(database);
    if (entries && entries->size() > SessionIndex::maxEntries) {
        report.warnings << u"the index now lists %1 sessions: the editor keeps only the %2 newest and drops the "
                           "others from its history again (their files stay)"_s.arg(entries->size())
                               .arg(SessionIndex::maxEntries);
    }
}

Result<Registrar::Report> IndexWriter::registerSessions(const Workspace& workspace, const QStringList& ids,
                                                        const QStringList& titles, const Registrar::Options& options)
{
    return WorkspaceWrite::run(
        workspace, u"register"_s, options,
        [&](FileTransaction& transaction, Registrar::Report& report) -> std::optional<Error> {
            const auto indexed = stored(WorkspaceWrite::databaseOf(workspace));
            if (!indexed) {
                return indexed.error();
            }
            const bool chosen = !ids.isEmpty() || !titles.isEmpty();
            const QStringList files = WorkspaceStorage::sessionFiles(WorkspaceWrite::chatSessionsOf(workspace));
            // The ids named: each exact, or a prefix of exactly one session file.
            QSet<QString> named;
            for (const QString& id : ids) {
                QStringList matches;
                for (const QString& path : files) {
                    if (ChatSessionFile::idOf(path) == id) {
                        matches = {id};
                        break;
                    }
                    if (ChatSessionFile::idOf(path).startsWith(id)) {
                        matches << ChatSessionFile::idOf(path);
                    }
                }
                if (matches.size() > 1) {
                    return Error{u"%1 names %2 sessions in %3 (%4): give more of the id"_s.arg(id)
                                     .arg(matches.size())
                                     .arg(WorkspaceWrite::chatSessionsOf(workspace), matches.join(u", "_s))};
                }
                if (matches.isEmpty()) {
                    report.unmatched << id;
                } else {
                    named.insert(matches.first());
                }
            }
            // Only files that may be wanted are read: those the index lacks, or those named (a title needs all).
            const QList<WorkspaceWrite::SessionFile> sessions =
                WorkspaceWrite::readSessions(workspace, report.warnings, [&](const QString& id) {
                    return !titles.isEmpty() || (chosen ? named.contains(id) : !indexed->contains(id));
                });
            QList<boost::json::object> entries;
            for (const WorkspaceWrite::SessionFile& session : sessions) {
                boost::json::object entry = SessionIndex::entryFor(session.contents.tree, session.id, session.modified);
                if (options.complete) {
                    entry["lastResponseState"] = 1;
                }
                const bool wanted = chosen ? named.contains(ChatSessionFile::idOf(session.path)) ||
                                                 matchesAny(json::string(entry, "title"), titles)
                                           : !indexed->contains(session.id);
                if (!wanted) {
                    continue;
                }
                if (json::boolean(entry, "isEmpty").value_or(false)) {
                    report.warnings
                        << u"%1 holds no requests: registered, but the editor does not list empty sessions"_s.arg(
                               session.path);
                }
                if (json::string(entry, "initialLocation") != u"panel"_s) {
                    report.warnings << u"%1 started in the %2, not the chat panel: the editor's history lists only "
                                       "panel sessions"_s.arg(session.path, json::string(entry, "initialLocation"));
                }
                entries.append(entry);
            }
            QSet<QString> registering;
            for (const boost::json::object& entry : std::as_const(entries)) {
                registering.insert(json::string(entry, "sessionId"));
            }
            for (const QString& path : files) {
                report.unchanged +=
                    indexed->contains(ChatSessionFile::idOf(path)) && !registering.contains(ChatSessionFile::idOf(path))
                        ? 1
                        : 0;
            }
            if (entries.isEmpty()) {
                return std::nullopt; // nothing to write: every session is in the index already
            }
            for (const boost::json::object& entry : entries) {
                const QString id = json::string(entry, "sessionId");
                const bool known = indexed->contains(id);
                (known ? report.repaired : report.registered) += 1;
                const QString verb = known ? (options.dryRun ? u"would correct"_s : u"corrected"_s)
                                           : (options.dryRun ? u"would register"_s : u"registered"_s);
                transaction.note(u"%1 \"%2\" (%3)"_s.arg(verb, json::string(entry, "title"), id));
            }
            if (auto error = write(workspace, entries, options, transaction)) {
                return error;
            }
            if (!options.dryRun) {
                warnAboutLimit(WorkspaceWrite::databaseOf(workspace), report);
            }
            return std::nullopt;
        });
}

} // namespace chasm
