// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#include "SessionRewrite.h"

#include "IndexWriter.h"
#include "WorkspaceWrite.h"

#include "json/Json.h"
#include "vscode/SessionIndex.h"
#include "vscode/WorkspaceStorage.h"

#include <QFileInfo>
#include <QUuid>

#include <boost/json.hpp>

using namespace Qt::StringLiterals;

namespace chasm {

namespace {

// The fixes a session file needs, made through the transaction: the file is rewritten (its backup
// beside it) when something was fixed, and must read back as the session meant. Returns the session as
// it now is.
Result<boost::json::value> fixFile(const WorkspaceWrite::SessionFile& session, const Registrar::Options& options,
                                   FileTransaction& transaction, Registrar::Report& report)
{
    const qint64 size = QFileInfo(session.path).size();
    if (size > Registrar::oversizedBytes) {
        report.warnings << u"%1 is %2 MB: the editor may open it slowly or not at all. `chasm recover split "
                           "\"%1\" --keep 50` moves all but its last 50 requests into a session of their own"_s
                               .arg(session.path)
                               .arg(size >> 20);
    }
    QStringList fixes;
    boost::json::value tree = session.contents.tree;
    // A last request left pending (or waiting for input) would be resumed when opened: mark it done.
    if (boost::json::array* requests =
            tree.is_object() && tree.get_object().contains("requests") && tree.get_object().at("requests").is_array()
                ? &tree.get_object().at("requests").get_array()
                : nullptr;
        requests && !requests->empty() && requests->back().is_object()) {
        boost::json::object& last = requests->back().get_object();
        if (last.contains("modelState") && last.at("modelState").is_object()) {
            boost::json::object& state = last.at("modelState").get_object();
            const auto value = json::integer(state, "value");
            if (value == 0 || value == 4) {
                state["value"] = 1;
                if (!state.contains("completedAt")) {
                    state["completedAt"] = json::integer(last, "timestamp").value_or(session.modified);
                }
                fixes << u"marked the last request complete (it was left %1)"_s.arg(
                    value == 0 ? u"pending"_s : u"waiting for input"_s);
            }
        }
    }
    const ChatSessionFile::Contents& read = session.contents;
    const bool isLog = read.format == ChatSessionFile::Format::Jsonl;
    if (isLog && read.concatenatedRecords > 0) {
        fixes << u"split %1 record(s) that ran together on one line"_s.arg(read.concatenatedRecords);
    }
    if (!isLog && read.truncatedTail) {
        fixes << u"closed a document cut off mid-write after its last complete value (the rest is kept in the "
                 "backup)"_s;
    }
    if (isLog && read.truncatedTail) {
        fixes << u"dropped a damaged last line (kept in the backup)"_s;
    }
    if (isLog && !read.skippedLines.isEmpty()) {
        fixes << u"left out %1 damaged line(s) (kept in the backup)"_s.arg(read.skippedLines.size());
    }
    if (isLog && read.entries > 1) {
        fixes << u"compacted %1 log entries into one snapshot"_s.arg(read.entries);
    }
    if (!fixes.isEmpty() && !options.dryRun && !session.unchangedOnDisk()) {
        report.warnings << u"%1 changed while Chasm was reading it: left as it is; repair again when the editor "
                           "is closed"_s.arg(session.path);
        fixes.clear();
    }
    if (!fixes.isEmpty()) {
        const QString change =
            u"%1 %2: %3"_s.arg(options.dryRun ? u"would rewrite"_s : u"rewrote"_s, session.path, fixes.join(u"; "_s));
        if (auto error = transaction.replace(session.path, ChatSessionFile::bytes(tree, read.format),
                                             FileTransaction::BackupPlace::Beside, change)) {
            return *error;
        }
        if (!options.dryRun) {
            // Read back: the file must replay to exactly the tree meant, or the change is undone.
            auto again = ChatSessionFile::read(session.path);
            if (!again || again->tree != tree) {
                return WorkspaceWrite::undoWritten(transaction,
                                                   Error{u"the rewritten %1 did not read back as the session it "
                                                         "should hold"_s.arg(session.path)});
            }
        }
        ++report.repaired;
    } else {
        ++report.unchanged;
    }
    return tree;
}
} // namespace

Result<Registrar::Report> SessionRewrite::repair(const Workspace& workspace, const Registrar::Options& options)
{
    return WorkspaceWrite::run(
        workspace, u"repair"_s, options,
        [&](FileTransaction& transaction, Registrar::Report& report) -> std::optional<Error> {
            QList<WorkspaceWrite::SessionFile> sessions = WorkspaceWrite::readSessions(workspace, report.warnings);
            const auto before = IndexWriter::stored(WorkspaceWrite::databaseOf(workspace));
            if (before) {
                QSet<QString> onDisk; // readable or not
                for (const WorkspaceWrite::SessionFile& session : std::as_const(sessions)) {
                    onDisk.insert(session.id);
                }
                for (const QString& path : WorkspaceStorage::sessionFiles(WorkspaceWrite::chatSessionsOf(workspace))) {
                    onDisk.insert(QFileInfo(path).completeBaseName());
                }
                QStringList indexed = before->keys();
                indexed.sort();
                for (const QString& id : std::as_const(indexed)) {
                    if (!onDisk.contains(id)) {
                        report.warnings << u"the index lists %1 but its file is gone (moved to another workspace, or "
                                           "deleted): its entry is left as it is"_s.arg(id);
                    }
                }
            }
            QList<boost::json::object> entries;
            for (WorkspaceWrite::SessionFile& session : sessions) {
                auto fixed = fixFile(session, options, transaction, report);
                if (!fixed) {
                    return fixed.error();
                }
                const boost::json::value& tree = *fixed;
                boost::json::object entry = SessionIndex::entryFor(tree, session.id, session.modified);
                entry["lastResponseState"] = 1; // a cancelled state makes the editor try to resume the request
                if (before && before->contains(session.id)) {
                    // Written field by field over what is stored: an entry that would come out the same is left.
                    boost::json::object merged = before->value(session.id);
                    for (const auto& [key, value] : entry) {
                        merged[key] = value;
                    }
                    if (merged == before->value(session.id)) {
                        continue;
                    }
                }
                entries.append(std::move(entry));
            }
            if (entries.isEmpty()) {
                return std::nullopt;
            }
            if (auto error = IndexWriter::write(workspace, entries, options, transaction)) {
                if (transaction.wroteAnything()) {
                    auto point = transaction.finish();
                    if (point) {
                        error->message += u"; the session files were repaired (undo: %1)"_s.arg(point->undoCommand());
                    }
                }
                return error;
            }
            if (before) {
                report.registered = int(std::count_if(entries.cbegin(), entries.cend(), [&before](const auto& e) {
                    return !before->contains(json::string(e, "sessionId"));
                }));
            }
            if (!options.dryRun) {
                IndexWriter::warnAboutLimit(WorkspaceWrite::databaseOf(workspace), report);
            }
            return std::nullopt;
        });
}

Result<Registrar::Report> SessionRewrite::repairFile(const QString& path, const Registrar::Options& options)
{
    Registrar::Report report;
    report.workspace = path;
    const QFileInfo info(path);
    const WorkspaceWrite::Scope scope{u"repair"_s, Registrar::recoveryFolderOf(path), {info.absolutePath()}, {}};
    return WorkspaceWrite::run(scope, std::move(report), options,
                               [&](FileTransaction& transaction, Registrar::Report& report) -> std::optional<Error> {
                                   // One file, by the user's choice: damage is salvaged (a cut-off .json closed,
                                   // damaged log lines skipped), the original kept in the backup.
                                   auto contents = ChatSessionFile::read(path, {}, MutationLog::Damage::Salvage);
                                   if (!contents) {
                                       return contents.error();
                                   }
                                   report.warnings = contents->warnings;
                                   const WorkspaceWrite::SessionFile session{
                                       ChatSessionFile::idOf(path), path, std::move(*contents),
                                       info.lastModified().toMSecsSinceEpoch(), info.size()};
                                   auto fixed = fixFile(session, options, transaction, report);
                                   if (!fixed) {
                                       return fixed.error();
                                   }
                                   return std::nullopt;
                               });
}

Result<Registrar::Report> SessionRewrite::upgrade(const Workspace& workspace, ChatSessionFile::Format format,
                                                  const Registrar::Options& options)
{
    return WorkspaceWrite::run(
        workspace, u"upgrade"_s, options,
        [&](FileTransaction& transaction, Registrar::Report& report) -> std::optional<Error> {
            const FileTransaction::BackupPlace backupPlace = options.backupsInRecoveryFolder
                                                                 ? FileTransaction::BackupPlace::RecoveryFolder
                                                                 : FileTransaction::BackupPlace::Beside;
            const QString formatName = ChatSessionFile::formatName(format);
            const QString folder = WorkspaceWrite::chatSessionsOf(workspace);
            for (const QString& file : WorkspaceStorage::sessionFiles(folder)) {
                if (ChatSessionFile::formatOf(file) == format) {
                    ++report.unchanged;
                    continue;
                }
                const QString target = folder + u'/' + ChatSessionFile::idOf(file) + u'.' + formatName;
                if (QFileInfo::exists(target)) {
                    report.warnings << u"%1 is left alone: %2 exists beside it"_s.arg(file, target);
                    continue;
                }
                auto contents = ChatSessionFile::read(file);
                if (!contents) {
                    report.warnings << u"left alone, as it cannot be read: %1 (try chasm recover repair)"_s.arg(
                        contents.error().message);
                    continue;
                }
                const QString verb = options.dryRun ? u"would write"_s : u"wrote"_s;
                if (auto error = transaction.create(target, ChatSessionFile::bytes(contents->tree, format),
                                                    u"%1 %2 from %3"_s.arg(verb, target, file))) {
                    return WorkspaceWrite::undoWritten(transaction, *error);
                }
                if (!options.dryRun) {
                    auto written = ChatSessionFile::read(target);
                    if (!written || written->tree != contents->tree) {
                        return WorkspaceWrite::undoWritten(
                            transaction, Error{u"%1 does not read back as the session of %2"_s.arg(target, file)});
                    }
                }
                if (auto error = transaction.remove(
                        file, backupPlace, u"%1 %2"_s.arg(options.dryRun ? u"would remove"_s : u"removed"_s, file))) {
                    return WorkspaceWrite::undoWritten(transaction, *error);
                }
                ++report.repaired;
            }
            return std::nullopt;
        });
}

Result<Registrar::Report> SessionRewrite::split(const Workspace& workspace, const QString& path, int keep,
                                                const Registrar::Options& options)
{
    return WorkspaceWrite::run(
        workspace, u"split"_s, options,
        [&](FileTransaction& transaction, Registrar::Report& report) -> std::optional<Error> {
            auto contents = ChatSessionFile::read(path);
            if (!contents) {
                return contents.error();
            }
            const boost::json::array* requests = json::findArray(contents->tree, "requests");
            if (!requests || keep < 1 || std::size_t(keep) >= requests->size()) {
                return Error{u"%1 holds %2 request(s): nothing to split off when keeping the last %3"_s.arg(path)
                                 .arg(requests ? qsizetype(requests->size()) : 0)
                                 .arg(keep)};
            }
            const std::size_t moved = requests->size() - std::size_t(keep);
            const qint64 modified = QFileInfo(path).lastModified().toMSecsSinceEpoch();
            const QString title =
                json::string(SessionIndex::entryFor(contents->tree, ChatSessionFile::idOf(path), modified), "title");

            boost::json::value archive = contents->tree;
            boost::json::array& archived = archive.get_object()["requests"].get_array();
            archived.erase(archived.begin() + std::ptrdiff_t(moved), archived.end());
            const QString archiveId = QUuid::createUuid().toString(QUuid::WithoutBraces);
            archive.get_object()["sessionId"] = json::fromQString(archiveId);
            archive.get_object()["customTitle"] =
                json::fromQString(u"%1 (part 1: requests 1–%2)"_s.arg(title).arg(qsizetype(moved)));

            boost::json::value kept = contents->tree;
            boost::json::array& rest = kept.get_object()["requests"].get_array();
            rest.erase(rest.begin(), rest.begin() + std::ptrdiff_t(moved));
            if (json::string(kept, "customTitle").isEmpty()) {
                kept.get_object()["customTitle"] = json::fromQString(title); // its first request is another now
            }

            const QString archivePath = QFileInfo(path).absolutePath() + u'/' + archiveId + u'.' +
                                        ChatSessionFile::formatName(contents->format);
            const QString verb = options.dryRun ? u"would move"_s : u"moved"_s;
            if (auto error = transaction.create(archivePath, ChatSessionFile::bytes(archive, contents->format),
                                                u"%1 requests 1–%2 of \"%3\" into the new session %4"_s.arg(verb)
                                                    .arg(qsizetype(moved))
                                                    .arg(title, archivePath))) {
                return WorkspaceWrite::undoWritten(transaction, *error);
            }
            if (auto error = transaction.replace(path, ChatSessionFile::bytes(kept, contents->format),
                                                 FileTransaction::BackupPlace::Beside,
                                                 u"%1 %2 keeps its last %3 request(s)"_s
                                                     .arg(options.dryRun ? u"would rewrite"_s : u"rewrote"_s, path)
                                                     .arg(keep))) {
                return WorkspaceWrite::undoWritten(transaction, *error);
            }
            if (!options.dryRun) {
                auto first = ChatSessionFile::read(archivePath);
                auto second = ChatSessionFile::read(path);
                boost::json::array together;
                for (const auto* part : {&first, &second}) {
                    if (*part) {
                        for (const boost::json::value& request : json::arrayAt((*part)->tree, "requests")) {
                            together.push_back(request);
                        }
                    }
                }
                if (!first || !second || together != *requests) {
                    return WorkspaceWrite::undoWritten(
                        transaction, Error{u"the two parts of %1 do not read back as its requests"_s.arg(path)});
                }
            }
            const QList<boost::json::object> entries{
                SessionIndex::entryFor(archive, archiveId, modified),
                SessionIndex::entryFor(kept, ChatSessionFile::idOf(path), modified)};
            if (auto error = IndexWriter::write(workspace, entries, options, transaction)) {
                return WorkspaceWrite::undoWritten(transaction, *error);
            }
            report.registered = 1;
            report.repaired = 1;
            return std::nullopt;
        });
}

} // namespace chasm
