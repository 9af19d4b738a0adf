// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#include "SessionFileRecovery.h"

#include "export/SessionExport.h"
#include "json/Json.h"
#include "util/QtVersions.h"
#include "util/ReadOnlyDatabase.h"
#include "vscode/ChatSessionConverter.h"
#include "vscode/SessionIndex.h"
#include "vscode/WorkspaceStorage.h"

#include <QDir>
#include <QDirIterator>
#include <QFileInfo>

#include <boost/json.hpp>

using namespace Qt::StringLiterals;

namespace chasm {

SessionFileRecovery::Detection SessionFileRecovery::detect(const QString& path)
{
    Detection d;
    d.path = path;
    d.size = QFileInfo(path).size();
    const auto format = ChatSessionFile::formatOf(path);
    d.format = format ? ChatSessionFile::formatName(*format) : QString();
    auto contents = ChatSessionFile::read(path);
    if (!contents) {
        d.error = contents.error().message;
        return d;
    }
    const boost::json::value& tree = contents->tree;
    d.version = int(json::integer(tree, "version").value_or(0));
    d.entries = contents->format == ChatSessionFile::Format::Jsonl ? contents->entries : 1;
    const boost::json::array* requests = json::findArray(tree, "requests");
    d.requests = requests ? int(requests->size()) : 0;
    if (requests) {
        for (const boost::json::value& request : *requests) {
            const auto time = json::integer(request, "timestamp");
            const boost::json::value* message = json::find(request, "message");
            d.requestList.append({json::string(request, "requestId"), time ? utcFromMs(*time) : QDateTime(),
                                  message ? json::string(*message, "text") : QString()});
        }
    }
    d.warnings = contents->warnings;
    d.sessionId = json::string(tree, "sessionId");
    d.title = json::string(SessionIndex::entryFor(tree, d.sessionId, 0), "title");
    d.concatenatedRecords = contents->concatenatedRecords;
    d.damagedTail = contents->truncatedTail;
    return d;
}

Result<Registrar::Report> SessionFileRecovery::salvage(const QString& log, const QString& output, bool aggressive,
                                                       const Registrar::Options& options)
{
    if (ChatSessionFile::formatOf(log) != ChatSessionFile::Format::Jsonl) {
        return Error{u"%1 is not a .jsonl log: `chasm recover repair` handles .json files"_s.arg(log)};
    }
    auto contents = ChatSessionFile::read(
        log, {}, aggressive ? MutationLog::Damage::SalvageAggressively : MutationLog::Damage::Salvage);
    if (!contents) {
        return Error{contents.error().message + (aggressive ? QString() : u" (try --aggressive)"_s)};
    }
    Registrar::Report report;
    report.workspace = log;
    report.warnings = contents->warnings;
    const boost::json::array* requests = json::findArray(contents->tree, "requests");
    const QString what =
        u"%1 log entries kept, %2 damaged line(s) and %3 entr(ies) skipped; %4 request(s)"_s.arg(contents->entries)
            .arg(contents->skippedLines.size())
            .arg(contents->skippedEntries)
            .arg(requests ? int(requests->size()) : 0);
    const QByteArray bytes = ChatSessionFile::bytes(contents->tree, ChatSessionFile::Format::Jsonl);
    const QString target = output.isEmpty() ? log : output;
    FileTransaction transaction(u"recover jsonl"_s, Registrar::recoveryFolderOf(target), options.dryRun,
                                {QFileInfo(target).absolutePath()});
    const QString verb = options.dryRun ? u"would write"_s : u"wrote"_s;
    const auto error = output.isEmpty()
                           ? transaction.replace(log, bytes, FileTransaction::BackupPlace::Beside,
                                                 u"%1 %2 as one snapshot: %3"_s.arg(verb, log, what))
                           : transaction.create(output, bytes, u"%1 %2 from %3: %4"_s.arg(verb, output, log, what));
    if (error) {
        return *error;
    }
    report.repaired = 1;
    return Registrar::finish(transaction, std::move(report));
}

Result<QList<boost::json::value>> SessionFileRecovery::sessionsInStateDatabase(const QString& database)
{
    auto db = ReadOnlyDatabase::open(database);
    if (!db) {
        return db.error();
    }
    if (!(*db)->hasTable(u"ItemTable"_s)) {
        return Error{u"%1 is not an editor's state database (it has no ItemTable)"_s.arg(database)};
    }
    auto rows = (*db)->select(u"SELECT key, value FROM ItemTable WHERE key IN (?, ?)"_s,
                              {u"interactive.sessions"_s, QString::fromLatin1(SessionIndex::storageKey)});
    if (!rows) {
        return rows.error();
    }
    bool hasIndex = false;
    for (const QVariantList& row : *rows) {
        if (row.at(0).toString() != u"interactive.sessions"_s) {
            hasIndex = true;
            continue;
        }
        const QByteArray bytes =
            row.at(1).typeId() == QMetaType::QString ? row.at(1).toString().toUtf8() : row.at(1).toByteArray();
        auto tree = json::parse(std::string_view(bytes.constData(), std::size_t(bytes.size())),
                                u"cannot read interactive.sessions in "_s + database);
        if (!tree) {
            return tree.error();
        }
        if (!tree->is_array()) {
            return Error{u"cannot read interactive.sessions in %1: it is not a list of sessions"_s.arg(database)};
        }
        QList<boost::json::value> sessions;
        for (const boost::json::value& session : tree->get_array()) {
            if (session.is_object()) {
                sessions.append(session);
            }
        }
        return sessions;
    }
    return Error{hasIndex ? u"%1 holds only the chat index (titles and dates), not the sessions: their contents are "
                            "the files in the workspace's chatSessions folder"_s.arg(database)
                          : u"%1 holds no chat sessions"_s.arg(database)};
}

Result<Registrar::Report> SessionFileRecovery::convert(const QString& input, const QString& output,
                                                       std::optional<ChatSessionFile::Format> format,
                                                       SessionCompatibility::Readers readers,
                                                       const Registrar::Options& options)
{
    const auto from = ChatSessionFile::formatOf(input);
    if (!from) {
        return Error{u"cannot convert %1: not a .json or .jsonl session file"_s.arg(input)};
    }
    const bool legacy = readers == SessionCompatibility::Readers::Legacy;
    const ChatSessionFile::Format other =
        *from == ChatSessionFile::Format::Json ? ChatSessionFile::Format::Jsonl : ChatSessionFile::Format::Json;
    const ChatSessionFile::Format to = format   ? *format
                                       : legacy ? ChatSessionFile::Format::Json
                                       : output.isEmpty()
                                           ? other
                                           : ChatSessionFile::formatOf(output).value_or(ChatSessionFile::Format::Json);
    if (legacy && to == ChatSessionFile::Format::Jsonl) {
        return Error{u"cannot convert %1 to .jsonl for legacy readers: VS Code before 1.109 reads only .json "
                     "session files"_s.arg(input)};
    }
    auto contents = ChatSessionFile::read(input);
    if (!contents) {
        return contents.error();
    }
    QString target = output;
    if (target.isEmpty()) {
        const QFileInfo info(input);
        target = info.absolutePath() + u'/' + ChatSessionFile::idOf(input) + u'.' + ChatSessionFile::formatName(to);
        if (QFileInfo(target) == info) {
            return Error{
                u"%1 is a .%2 already: give -o for the converted file"_s.arg(input, ChatSessionFile::formatName(to))};
        }
    }
    Registrar::Report report;
    report.workspace = input;
    report.warnings = contents->warnings;
    const SessionCompatibility::Result compatible =
        SessionCompatibility::fill(contents->tree, readers, ChatSessionFile::idOf(input));
    report.warnings << compatible.warnings;
    QString change = u"%1 %2 (%3) from %4"_s.arg(options.dryRun ? u"would write"_s : u"wrote"_s, target,
                                                 ChatSessionFile::formatName(to), input);
    if (!compatible.filled.isEmpty()) {
        change += u"; filled in for the editors' readers: "_s + compatible.filled.join(u", "_s);
    }
    FileTransaction transaction(u"recover convert"_s, Registrar::recoveryFolderOf(target), options.dryRun,
                                {QFileInfo(target).absolutePath()});
    if (auto error = transaction.create(target, ChatSessionFile::bytes(contents->tree, to), change)) {
        return *error;
    }
    if (to == ChatSessionFile::Format::Jsonl && *from == ChatSessionFile::Format::Json && output.isEmpty()) {
        report.warnings << u"the editor now reads %1, not %2 (VS Code ≥ 1.109 prefers the .jsonl)"_s.arg(target, input);
    }
    report.repaired = 1;
    return Registrar::finish(transaction, std::move(report));
}

Result<SessionFileRecovery::Extraction> SessionFileRecovery::extract(const QList<Workspace>& workspaces,
                                                                     const QString& folder, bool allFormats,
                                                                     bool includeEdits, bool dryRun)
{
    if (QDir(folder).exists() && !QDir(folder).isEmpty()) {
        return Error{u"%1 is not empty: extract writes into a new or empty folder"_s.arg(folder)};
    }
    Extraction result;
    // Everything to write, planned first: (destination, source file or bytes).
    struct Item
    {
        QString destination;
        QString source;
        QByteArray bytes;
    };
    QList<Item> items;
    boost::json::array listing;
    for (const Workspace& workspace : workspaces) {
        const QString into = folder + u'/' + workspace.editor + u'-' + workspace.hash;
        const QStringList files = WorkspaceStorage::sessionFiles(workspace.chatSessionsPath);
        boost::json::array ids;
        for (const QString& file : files) {
            const QFileInfo info(file);
            const QString id = info.completeBaseName();
            items.append({into + u'/' + info.fileName(), file, {}});
            ids.push_back(json::fromQString(id));
            ++result.sessions;
            if (allFormats) {
                auto contents = ChatSessionFile::read(file);
                if (!contents) {
                    result.warnings << u"copied as it is, not converted: %1"_s.arg(contents.error().message);
                } else {
                    const ChatSessionFile::Format other = contents->format == ChatSessionFile::Format::Json
                                                              ? ChatSessionFile::Format::Jsonl
                                                              : ChatSessionFile::Format::Json;
                    items.append({into + u'/' + id + u'.' + ChatSessionFile::formatName(other),
                                  {},
                                  ChatSessionFile::bytes(contents->tree, other)});
                    const Session session =
                        ChatSessionConverter::convert(contents->tree, {workspace.provider, id, workspace.displayName(),
                                                                       workspace.projectPath, info.lastModified()});
                    items.append({into + u'/' + id + u".md"_s, {}, SessionExport::markdown(session).toUtf8()});
                }
            }
            const QString edits = workspace.storagePath + u"/chatEditingSessions/"_s + id;
            if (includeEdits && QFileInfo(edits).isDir()) {
                QDirIterator it(edits, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
                while (it.hasNext()) {
                    const QString path = it.next();
                    items.append(
                        {into + u"/chatEditingSessions/"_s + id + u'/' + QDir(edits).relativeFilePath(path), path, {}});
                }
            }
        }
        listing.push_back({{"editor", json::fromQString(workspace.editor)},
                           {"hash", json::fromQString(workspace.hash)},
                           {"project", json::fromQString(workspace.projectPath)},
                           {"storage", json::fromQString(workspace.storagePath)},
                           {"sessions", std::move(ids)}});
    }
    const std::string text = json::serialize(listing);
    items.append({folder + u"/workspaces.json"_s, {}, QByteArray(text.data(), qsizetype(text.size()))});
    for (const Item& item : std::as_const(items)) {
        result.files << item.destination;
        if (dryRun) {
            continue;
        }
        if (!QDir().mkpath(QFileInfo(item.destination).absolutePath())) {
            return Error{u"cannot create the folder %1"_s.arg(QFileInfo(item.destination).absolutePath())};
        }
        if (auto error = item.source.isEmpty() ? writeAtomically(item.destination, item.bytes)
                                               : copyAtomically(item.source, item.destination)) {
            return *error;
        }
    }
    return result;
}

} // namespace chasm
