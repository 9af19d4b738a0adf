// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#include "SessionIndex.h"

#include "json/Json.h"
#include "util/ReadOnlyDatabase.h"
#include "util/RegularFile.h"

#include <QFileInfo>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTimeZone>
#include <QUuid>

#include <boost/json.hpp>

using namespace Qt::StringLiterals;

namespace chasm {

namespace {

// The index value, if the database holds one.
Result<std::optional<QByteArray>> readIndexValue(const QString& databasePath)
{
    auto db = ReadOnlyDatabase::open(databasePath);
    if (!db) {
        return db.error();
    }
    auto rows = db.value()->select(u"SELECT value FROM ItemTable WHERE key = ?"_s,
                                   {QString::fromLatin1(SessionIndex::storageKey)});
    if (!rows) {
        return rows.error();
    }
    if (rows->isEmpty()) {
        return std::optional<QByteArray>();
    }
    const QVariant value = rows->first().first();
    return std::optional<QByteArray>(value.typeId() == QMetaType::QString ? value.toString().toUtf8()
                                                                          : value.toByteArray());
}

QString locationName(const boost::json::value* value)
{
    if (!value) {
        return {};
    }
    if (value->is_string()) {
        return json::toQString(value->get_string());
    }
    // Newer builds store the ChatAgentLocation enum's number.
    static const QStringList names = {u"panel"_s, u"terminal"_s, u"notebook"_s, u"editor"_s};
    const auto number = json::integer(*value);
    return number && *number >= 0 && *number < names.size() ? names.at(int(*number)) : QString();
}

} // namespace

QString IndexEntry::responseStateName(int state)
{
    switch (state) {
    case 0:
        return u"pending"_s;
    case 1:
        return u"complete"_s;
    case 2:
        return u"cancelled"_s;
    case 3:
        return u"failed"_s;
    case 4:
        return u"needs input"_s;
    default:
        return u"unknown (%1)"_s.arg(state);
    }
}

Result<QList<IndexEntry>> SessionIndex::read(const QString& databasePath)
{
    auto value = readIndexValue(databasePath);
    if (!value) {
        return value.error();
    }
    QList<IndexEntry> entries;
    if (!value->has_value()) {
        return Error{u"%1 holds no chat session index (%2): the editor has not written one yet, or this "
                     "version keeps it elsewhere"_s.arg(databasePath, QString::fromLatin1(storageKey))};
    }
    const QByteArray& bytes = **value;
    auto tree = json::parse(std::string_view(bytes.constData(), std::size_t(bytes.size())),
                            u"cannot read the chat index in "_s + databasePath);
    if (!tree) {
        return tree.error();
    }
    const boost::json::value* entryMap = json::find(*tree, "entries");
    if (!entryMap || !entryMap->is_object()) {
        return Error{u"cannot read the chat index in %1: it has no \"entries\" object (index version %2)"_s.arg(
            databasePath, QString::number(json::integer(*tree, "version").value_or(0)))};
    }
    for (const auto& [key, item] : entryMap->get_object()) {
        IndexEntry entry;
        entry.sessionId = json::string(item, "sessionId");
        if (entry.sessionId.isEmpty()) {
            entry.sessionId = json::toQString(std::string_view(key));
        }
        entry.title = json::string(item, "title");
        if (const auto date = json::integer(item, "lastMessageDate"); date && *date > 0) {
            entry.lastMessageDate = QDateTime::fromMSecsSinceEpoch(*date, QTimeZone::utc());
        }
        if (const boost::json::value* timing = json::find(item, "timing")) {
            const auto time = [timing](const char* key, const char* olderKey) {
                auto ms = json::integer(*timing, key);
                if (!ms) {
                    ms = json::integer(*timing, olderKey);
                }
                return ms && *ms > 0 ? QDateTime::fromMSecsSinceEpoch(*ms, QTimeZone::utc()) : QDateTime();
            };
            entry.created = time("created", "startTime");
            entry.lastRequestEnded = time("lastRequestEnded", "endTime");
        }
        entry.isEmpty = json::boolean(item, "isEmpty");
        if (const auto state = json::integer(item, "lastResponseState")) {
            entry.lastResponseState = int(*state);
        }
        entry.initialLocation = locationName(json::find(item, "initialLocation"));
        if (item.is_object()) {
            entry.raw = item.get_object();
        }
        entries.append(std::move(entry));
    }
    return entries;
}

QList<IndexEntry> SessionIndex::reconcile(const Result<QList<IndexEntry>>& index, const QList<SessionRef>& files)
{
    if (!index) {
        // Without the index nothing can be said about visibility: list the files, and why.
        QList<IndexEntry> unknown;
        for (const SessionRef& file : files) {
            IndexEntry entry;
            entry.sessionId = file.nativeId;
            entry.title = file.title;
            entry.lastMessageDate = file.updatedAt;
            entry.inIndex = false;
            entry.file = file.path;
            entry.problems.append(
                {u"index_unavailable"_s, u"Chasm cannot read the editor's index (%1), so it cannot tell whether the "
                                         "editor shows this session."_s.arg(index.error().message)});
            unknown.append(std::move(entry));
        }
        return unknown;
    }
    QList<IndexEntry> entries = index.value();
    QHash<QString, const SessionRef*> byId;
    for (const SessionRef& file : files) {
        byId.insert(file.nativeId, &file);
    }
    QSet<QString> indexed;
    for (IndexEntry& entry : entries) {
        indexed.insert(entry.sessionId);
        const SessionRef* file = byId.value(entry.sessionId);
        if (!file) {
            entry.problems.append({u"missing_file"_s,
                                   u"The index lists this session but its file is gone: the editor shows a title "
                                   "that opens nothing."_s});
        } else {
            entry.file = file->path;
            if (!file->error.isEmpty()) {
                entry.problems.append({u"unreadable"_s, file->error});
            } else if (entry.isEmpty.value_or(false) && file->messageCount > 0) {
                entry.problems.append({u"is_empty_mismatch"_s,
                                       u"The index says the session is empty but its file holds %1 request(s): the "
                                       "editor hides it from the history."_s.arg(file->messageCount / 2)});
            } else if (entry.isEmpty.has_value() && !*entry.isEmpty && file->messageCount == 0) {
                entry.problems.append({u"is_empty_mismatch"_s,
                                       u"The index says the session has content but its file holds no requests."_s});
            }
        }
        if (entry.lastResponseState == 2) {
            entry.problems.append({u"cancelled"_s,
                                   u"The last response is marked cancelled: the editor tries to resume that request "
                                   "when the session is opened, which can hang or fail."_s});
        }
    }
    for (const SessionRef& file : files) {
        if (indexed.contains(file.nativeId)) {
            continue;
        }
        IndexEntry orphan;
        orphan.sessionId = file.nativeId;
        orphan.title = file.title;
        orphan.lastMessageDate = file.updatedAt;
        orphan.inIndex = false;
        orphan.file = file.path;
        orphan.problems.append({u"not_in_index"_s,
                                u"The file exists but the index does not list it, so the editor's chat history does "
                                "not show it (an orphaned session)."_s});
        if (!file.error.isEmpty()) {
            orphan.problems.append({u"unreadable"_s, file.error});
        }
        entries.append(std::move(orphan));
    }
    return entries;
}

SessionIndex::Inspection SessionIndex::inspect(const QString& databasePath, const QList<SessionRef>& files)
{
    const auto index = read(databasePath);
    return {reconcile(index, files), index ? QString() : index.error().message};
}

void SessionIndex::countOrphans(QList<Workspace>& workspaces, const QList<SessionRef>& sessions)
{
    QHash<QString, QList<SessionRef>> files;
    for (const SessionRef& ref : sessions) {
        files[ref.workspaceId].append(ref);
    }
    for (Workspace& w : workspaces) {
        const QList<SessionRef> own = files.value(w.id);
        if (w.stateDatabasePath.isEmpty() || own.isEmpty()) {
            continue;
        }
        const Inspection inspection = inspect(w.stateDatabasePath, own);
        if (inspection.error.isEmpty()) {
            w.orphanCount = int(std::count_if(inspection.entries.cbegin(), inspection.entries.cend(),
                                              [](const IndexEntry& e) { return !e.inIndex; }));
        }
    }
}

boost::json::object SessionIndex::entryFor(const boost::json::value& session, const QString& sessionId,
                                           qint64 fallbackDate)
{
    static const boost::json::array noRequests;
    const boost::json::array* found = json::findArray(session, "requests");
    const boost::json::array& requests = found ? *found : noRequests;
    const boost::json::value* last = requests.empty() ? nullptr : &requests.back();

    QString title = json::string(session, "customTitle");
    if (title.isEmpty() && !requests.empty()) {
        const boost::json::value* message = json::find(requests.front(), "message");
        const QString text = message && message->is_string() ? json::toQString(message->get_string())
                             : message                       ? json::string(*message, "text")
                                                             : QString();
        title = text.section(u'\n', 0, 0).trimmed().left(200);
    }
    if (title.isEmpty()) {
        title = u"New Chat"_s;
    }
    const qint64 created = json::integer(session, "creationDate").value_or(fallbackDate);
    const qint64 lastStarted = last ? json::integer(*last, "timestamp").value_or(created) : created;
    const boost::json::value* modelState = last ? json::find(*last, "modelState") : nullptr;
    const qint64 lastEnded = modelState ? json::integer(*modelState, "completedAt").value_or(lastStarted) : lastStarted;
    // ResponseModelState: 0 pending, 1 complete, 2 cancelled, 3 failed, 4 needs input.
    qint64 state = 1;
    if (modelState) {
        state = json::integer(*modelState, "value").value_or(1);
    } else if (last && json::boolean(*last, "isCanceled").value_or(false)) {
        state = 2;
    }
    if (state == 0 || state == 4) {
        state = 2;
    }
    boost::json::value location = "panel";
    if (const boost::json::value* initial = json::find(session, "initialLocation"); initial && initial->is_string()) {
        location = *initial;
    }
    boost::json::object entry;
    entry["sessionId"] = json::fromQString(sessionId);
    entry["title"] = json::fromQString(title);
    entry["lastMessageDate"] = last ? lastStarted : json::integer(session, "lastMessageDate").value_or(created);
    entry["timing"] =
        boost::json::object{{"created", created}, {"lastRequestStarted", lastStarted}, {"lastRequestEnded", lastEnded}};
    entry["initialLocation"] = location;
    entry["hasPendingEdits"] = json::boolean(session, "hasPendingEdits").value_or(false);
    entry["isEmpty"] = requests.empty();
    entry["isExternal"] = false;
    entry["lastResponseState"] = state;
    return entry;
}

bool SessionIndex::isValidEntry(const boost::json::value& entry)
{
    const boost::json::value* id = json::find(entry, "sessionId");
    const boost::json::value* title = json::find(entry, "title");
    const boost::json::value* date = json::find(entry, "lastMessageDate");
    return id && id->is_string() && title && title->is_string() && date && date->is_number();
}

std::optional<Error> SessionIndex::write(const QString& databasePath, const QList<boost::json::object>& entries,
                                         const QStringList& removeIds)
{
    for (const boost::json::object& entry : entries) {
        if (!isValidEntry(entry)) {
            return Error{u"refusing to write an index entry the editor would reject into %1: %2"_s.arg(
                databasePath, QString::fromStdString(json::serialize(entry)))};
        }
    }
    // A missing database is created; anything else but a regular file (a FIFO would block SQLite's open)
    // is not written.
    if (QFileInfo::exists(databasePath) || QFileInfo(databasePath).isSymLink()) {
        if (auto error = RegularFile::check(databasePath)) {
            return Error{u"refusing to write the chat index: %1"_s.arg(error->message)};
        }
    }
    const QString connectionName = u"chasm-index-"_s + QUuid::createUuid().toString(QUuid::WithoutBraces);
    std::optional<Error> result;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, connectionName);
        db.setDatabaseName(databasePath);
        db.setConnectOptions(u"QSQLITE_BUSY_TIMEOUT=5000"_s);
        const auto failed = [&databasePath](const QString& what, const QSqlError& error) {
            return Error{u"cannot write the chat index in %1: %2 (%3)"_s.arg(databasePath, what, error.text())};
        };
        result = [&]() -> std::optional<Error> {
            if (!db.open()) {
                return failed(u"cannot open it"_s, db.lastError());
            }
            QSqlQuery query(db);
            if (!query.exec(u"BEGIN IMMEDIATE"_s)) {
                return failed(u"it is locked"_s, query.lastError());
            }
            const auto rollback = [&query] { query.exec(u"ROLLBACK"_s); };
            // VS Code's own schema, for a workspace that has no state yet.
            if (!query.exec(
                    u"CREATE TABLE IF NOT EXISTS ItemTable (key TEXT UNIQUE ON CONFLICT REPLACE, value BLOB)"_s)) {
                rollback();
                return failed(u"no ItemTable"_s, query.lastError());
            }
            query.prepare(u"SELECT value, typeof(value) FROM ItemTable WHERE key = ?"_s);
            query.addBindValue(QString::fromLatin1(storageKey));
            if (!query.exec()) {
                rollback();
                return failed(u"cannot read the index"_s, query.lastError());
            }
            boost::json::value index = boost::json::object{{"version", 1}, {"entries", boost::json::object()}};
            bool asBlob = false;
            if (query.next()) {
                asBlob = query.value(1).toString() == u"blob"_s;
                const QByteArray bytes = asBlob ? query.value(0).toByteArray() : query.value(0).toString().toUtf8();
                auto tree = json::parse(std::string_view(bytes.constData(), std::size_t(bytes.size())),
                                        u"cannot read the chat index in "_s + databasePath);
                if (!tree) {
                    rollback();
                    return tree.error();
                }
                index = std::move(*tree);
            }
            if (!index.is_object() || !index.get_object().contains("entries") ||
                !index.get_object().at("entries").is_object()) {
                rollback();
                return Error{u"cannot write the chat index in %1: it is not an index of version 1, which is all "
                             "Chasm knows how to change"_s.arg(databasePath)};
            }
            boost::json::object& map = index.get_object().at("entries").get_object();
            for (const boost::json::object& entry : entries) {
                boost::json::value& stored = map[entry.at("sessionId").get_string()];
                if (!stored.is_object()) {
                    stored = boost::json::object();
                }
                // Field by field: what the editor stored beside (stats, workingDirectory, ...) stays.
                for (const auto& [key, value] : entry) {
                    stored.get_object()[key] = value;
                }
            }
            for (const QString& id : removeIds) {
                map.erase(id.toStdString());
            }
            const std::string text = json::serialize(index);
            query.prepare(u"INSERT OR REPLACE INTO ItemTable (key, value) VALUES (?, ?)"_s);
            query.addBindValue(QString::fromLatin1(storageKey));
            if (asBlob) {
                query.addBindValue(QByteArray(text.data(), qsizetype(text.size())));
            } else {
                query.addBindValue(QString::fromStdString(text));
            }
            if (!query.exec()) {
                rollback();
                return failed(u"cannot store the index"_s, query.lastError());
            }
            if (!query.exec(u"COMMIT"_s)) {
                rollback();
                return failed(u"cannot commit"_s, query.lastError());
            }
            return std::nullopt;
        }();
        db.close();
    }
    QSqlDatabase::removeDatabase(connectionName);
    return result;
}

} // namespace chasm
