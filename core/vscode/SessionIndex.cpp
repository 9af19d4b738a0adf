#include "SessionIndex.h"

#include "json/Json.h"

#include <QTimeZone>
#include <QFile>
#include <QFileInfo>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QUrl>

#include <atomic>

using namespace Qt::StringLiterals;

namespace chasm {

namespace {

QString nextConnectionName()
{
    static std::atomic<int> counter = 0;
    return u"chasm-index-%1"_s.arg(counter.fetch_add(1));
}

bool nonEmptyFile(const QString& path)
{
    const QFileInfo info(path);
    return info.exists() && info.size() > 0;
}

// Reads the index value. The database is opened with `immutable=1`, which touches neither the file nor
// any -wal/-shm. When a -wal or hot -journal holds data immutable mode would miss, a snapshot copy is
// read instead, so the editor's files stay byte for byte as they were.
Result<std::optional<QByteArray>> readIndexValue(const QString& databasePath)
{
    if (!QFileInfo::exists(databasePath)) {
        return Error{u"cannot read %1: the file does not exist"_s.arg(databasePath)};
    }
    QTemporaryDir snapshot;
    QString openPath = databasePath;
    bool immutable = true;
    if (nonEmptyFile(databasePath + u"-wal"_s) || nonEmptyFile(databasePath + u"-journal"_s)) {
        if (!snapshot.isValid()) {
            return Error{u"cannot read %1: no temporary folder for a snapshot copy"_s.arg(databasePath)};
        }
        openPath = snapshot.filePath(u"state.vscdb"_s);
        // The files are copied one after the other; if the editor wrote in between, the pair may not
        // match, so copy again until nothing changed during the copy.
        const auto stamp = [&databasePath] {
            QStringList parts;
            for (const QString& suffix : {QString(), u"-wal"_s, u"-journal"_s}) {
                const QFileInfo info(databasePath + suffix);
                parts << QString::number(info.exists() ? info.size() : -1)
                      << info.lastModified().toString(Qt::ISODateWithMs);
            }
            return parts;
        };
        bool consistent = false;
        for (int attempt = 0; attempt < 5 && !consistent; ++attempt) {
            const QStringList before = stamp();
            for (const QString& suffix : {QString(), u"-wal"_s, u"-journal"_s}) {
                QFile::remove(openPath + suffix);
                if (QFileInfo::exists(databasePath + suffix) &&
                    !QFile::copy(databasePath + suffix, openPath + suffix)) {
                    return Error{u"cannot read %1: copying it for a safe read failed"_s.arg(databasePath + suffix)};
                }
            }
            consistent = stamp() == before;
        }
        if (!consistent) {
            return Error{u"cannot read %1: the editor keeps writing it; try again in a moment"_s.arg(databasePath)};
        }
        immutable = false;
    }

    const QString connection = nextConnectionName();
    Result<std::optional<QByteArray>> result = std::optional<QByteArray>();
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, connection);
        if (immutable) {
            db.setDatabaseName(QUrl::fromLocalFile(openPath).toString(QUrl::FullyEncoded) + u"?immutable=1"_s);
            db.setConnectOptions(u"QSQLITE_OPEN_URI;QSQLITE_OPEN_READONLY"_s);
        } else {
            db.setDatabaseName(openPath);
        }
        if (!db.open()) {
            result = Error{u"cannot open %1: %2"_s.arg(databasePath, db.lastError().text())};
        } else {
            QSqlQuery query(db);
            query.prepare(u"SELECT value FROM ItemTable WHERE key = ?"_s);
            query.addBindValue(QString::fromLatin1(SessionIndex::storageKey));
            if (!query.exec()) {
                result = Error{u"cannot read %1: %2"_s.arg(databasePath, query.lastError().text())};
            } else if (query.next()) {
                const QVariant value = query.value(0);
                result = std::optional<QByteArray>(value.typeId() == QMetaType::QString ? value.toString().toUtf8()
                                                                                        : value.toByteArray());
            }
            query.finish();
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(connection);
    return result;
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

} // namespace chasm
