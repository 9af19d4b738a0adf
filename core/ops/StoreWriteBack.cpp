// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#include "StoreWriteBack.h"

#include "json/Json.h"
#include "model/ModelJson.h"
#include "util/RegularFile.h"
#include "util/SqliteConnection.h"
#include "vscode/WorkspaceId.h"

#include <QDir>
#include <QFileInfo>
#include <QRandomGenerator>
#include <QUrl>
#include <QUuid>

#include <map>

using namespace Qt::StringLiterals;

namespace chasm {

namespace {

const QString openCodeStore = u"opencode.db"_s;
const QString cursorStore = u"composer"_s;

// A tool's database, written through a connection of its own.
class Connection : public SqliteConnection
{
public:
    using SqliteConnection::SqliteConnection;

    // Inserts a row of the values whose columns the table has (the tools add columns between versions); an error
    // when the table has a column that must be filled and is not among them.
    std::optional<QString> insert(const QString& table, const std::vector<std::pair<QString, QVariant>>& values)
    {
        auto columns = m_columns.find(table);
        if (columns == m_columns.end()) {
            auto info =
                rows(u"SELECT name, \"notnull\", dflt_value IS NOT NULL, pk FROM pragma_table_info(?)"_s, {table});
            if (!info) {
                return info.error().message;
            }
            if (info->isEmpty()) {
                return u"it has no table %1"_s.arg(table);
            }
            columns = m_columns.emplace(table, *info).first;
        }
        QStringList names;
        QVariantList bound;
        for (const QVariantList& column : columns->second) {
            const QString name = column.at(0).toString();
            const auto given =
                std::find_if(values.begin(), values.end(), [&name](const auto& v) { return v.first == name; });
            if (given != values.end()) {
                names << u'"' + name + u'"';
                bound << given->second;
            } else if (column.at(1).toBool() && !column.at(2).toBool() && !column.at(3).toBool()) {
                return u"its table %1 has a column %2 that Chasm does not know how to fill"_s.arg(table, name);
            }
        }
        return exec(u"INSERT INTO \"%1\" (%2) VALUES (%3)"_s.arg(table, names.join(u", "_s),
                                                                 QStringList(names.size(), u"?"_s).join(u", "_s)),
                    bound);
    }

private:
    std::map<QString, QList<QVariantList>> m_columns;
};

qint64 msOf(const QDateTime& time, qint64 otherwise)
{
    return time.isValid() ? time.toMSecsSinceEpoch() : otherwise;
}

QString text(const boost::json::value& value)
{
    return QString::fromStdString(json::serialize(value));
}

// OpenCode's ids of messages and parts: the prefix, then 6 bytes of (time in ms × 4096 + a counter) in hex, then 14
// random base-62 characters. Its reader orders messages and parts by these ids: each id made here is greater than the
// one before, and none is before its message's time.
class AscendingIds
{
public:
    QString next(QStringView prefix, qint64 ms)
    {
        m_last = std::max(ms * 0x1000 + 1, m_last + 1);
        static constexpr char digits[] = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
        QString id = prefix + u'_' + QString::number(m_last & 0xffffffffffffLL, 16).rightJustified(12, u'0');
        for (int i = 0; i < 14; ++i) {
            id += QLatin1Char(digits[QRandomGenerator::global()->bounded(62)]);
        }
        return id;
    }

private:
    qint64 m_last = 0;
};

// A file a message refers to, as OpenCode's file part.
boost::json::object filePart(const QString& file, const QString& projectPath)
{
    const QString path = QDir(projectPath).absoluteFilePath(file);
    return {{"type", "file"},
            {"mime", "text/plain"},
            {"filename", json::fromQString(file)},
            {"url", json::fromQString(QUrl::fromLocalFile(path).toString())}};
}

// The texts and tool calls of an assistant turn as OpenCode's parts, in the order the reader puts them back: a call
// sits where its text so far ends (ToolCall::at), the texts joined by a blank line.
std::vector<boost::json::object> openCodeAnswerParts(const Message& m, qint64 ms, const QString& projectPath)
{
    QList<ToolCall> calls = m.toolCalls;
    const auto place = [&m](const ToolCall& call) {
        return call.at < 0 ? m.content.size() : std::min(call.at, m.content.size());
    };
    std::stable_sort(calls.begin(), calls.end(),
                     [&place](const ToolCall& a, const ToolCall& b) { return place(a) < place(b); });
    std::vector<boost::json::object> parts;
    qsizetype from = 0;
    const auto textUpTo = [&](qsizetype end) {
        QString segment = m.content.mid(from, end - from);
        // After a call, the blank line that joins a text to those before it says a text part is there, empty or not.
        const bool joined = from > 0 && segment.startsWith(u"\n\n"_s);
        if (joined) {
            segment.remove(0, 2);
        }
        if (joined || !segment.isEmpty()) {
            parts.push_back({{"type", "text"}, {"text", json::fromQString(segment)}});
        }
        from = end;
    };
    for (const ToolCall& call : calls) {
        textUpTo(place(call));
        boost::json::object state;
        const QString status = call.status == u"completed"_s || call.status == u"error"_s ? call.status : u"pending"_s;
        state["status"] = json::fromQString(status);
        if (!call.input.isEmpty()) {
            const QByteArray input = call.input.toUtf8();
            auto parsed = json::parse(std::string_view(input.constData(), std::size_t(input.size())), {});
            state["input"] = parsed ? std::move(*parsed) : boost::json::value(json::fromQString(call.input));
        }
        if (status == u"completed"_s) {
            state["output"] = json::fromQString(call.output);
            state["title"] = "";
            state["metadata"] = boost::json::object();
        } else if (status == u"error"_s) {
            state["error"] = json::fromQString(call.output);
        } else {
            state["raw"] = "";
        }
        if (status != u"pending"_s) {
            state["time"] = {{"start", ms}, {"end", ms}};
        }
        parts.push_back({{"type", "tool"},
                         {"tool", json::fromQString(call.name)},
                         {"callID", json::fromQString(call.id)},
                         {"state", std::move(state)}});
    }
    textUpTo(m.content.size());
    for (const QString& file : m.references) {
        parts.push_back(filePart(file, projectPath));
    }
    return parts;
}

// What every session written into one OpenCode store takes from the store, looked up once per store: looked up for
// each session, a push of 2 000 sessions read the growing message table 2 000 times (40 s instead of 2).
struct OpenCodeStore
{
    std::optional<QString> version;     // of the OpenCode that wrote the newest session
    QHash<QString, QString> providerOf; // the provider OpenCode named with each model in its answers
};

std::optional<QString> writeOpenCode(Connection& store, OpenCodeStore& known, const StoreWriteBack::Item& item)
{
    const Session& s = item.session;
    if (item.replace) {
        for (const QString& sql :
             {u"DELETE FROM part WHERE session_id = ?"_s, u"DELETE FROM message WHERE session_id = ?"_s,
              u"DELETE FROM session WHERE id = ?"_s}) {
            if (auto error = store.exec(sql, {s.nativeId})) {
                return error;
            }
        }
    }
    // Its project: that of the store's other sessions in its folder, else the project whose worktree holds the
    // folder most closely, else OpenCode's own "global" one (of folders outside git).
    QString project;
    QString worktree = u"/"_s;
    auto sameFolder = store.rows(
        u"SELECT project_id FROM session WHERE directory = ? GROUP BY project_id ORDER BY count(*) DESC LIMIT 1"_s,
        {s.projectPath});
    if (!sameFolder) {
        return sameFolder.error().message;
    }
    if (!sameFolder->isEmpty()) {
        project = sameFolder->first().first().toString();
    }
    auto tables = store.rows(u"SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'project'"_s);
    const bool projects = tables && !tables->isEmpty();
    if (projects) {
        auto rows = store.rows(u"SELECT id, worktree FROM project"_s);
        if (!rows) {
            return rows.error().message;
        }
        QString closest; // the project whose worktree holds the folder most closely
        qsizetype closestSize = -1;
        for (const QVariantList& row : *rows) {
            const QString id = row.at(0).toString();
            const QString tree = row.at(1).toString();
            if (id == project) {
                worktree = tree;
                break;
            }
            const bool holds = tree == u"/"_s || s.projectPath == tree || s.projectPath.startsWith(tree + u'/');
            if (project.isEmpty() && holds && tree.size() > closestSize) {
                closest = id;
                closestSize = tree.size();
                worktree = tree;
            }
        }
        if (project.isEmpty()) {
            project = closest;
        }
    }
    if (project.isEmpty()) {
        project = u"global"_s;
        if (projects) {
            const qint64 now = QDateTime::currentMSecsSinceEpoch();
            auto global = store.rows(u"SELECT 1 FROM project WHERE id = 'global'"_s);
            if (!global) {
                return global.error().message;
            }
            if (global->isEmpty()) {
                if (auto error = store.insert(u"project"_s, {{u"id"_s, project},
                                                             {u"worktree"_s, u"/"_s},
                                                             {u"sandboxes"_s, u"[]"_s},
                                                             {u"time_created"_s, now},
                                                             {u"time_updated"_s, now}})) {
                    return error;
                }
            }
        }
    }
    // The version of OpenCode that wrote the store's newest session.
    if (!known.version) {
        auto versions = store.rows(u"SELECT version FROM session ORDER BY time_updated DESC LIMIT 1"_s);
        known.version = versions && !versions->isEmpty() ? versions->first().first().toString() : QString(u"chasm"_s);
    }
    const QString version = *known.version;
    const qint64 created = msOf(s.createdAt, msOf(s.updatedAt, QDateTime::currentMSecsSinceEpoch()));
    const qint64 tokens = s.totalTokens.value_or(0);
    if (auto error = store.insert(u"session"_s, {{u"id"_s, s.nativeId},
                                                 {u"project_id"_s, project},
                                                 {u"slug"_s, u"restored"_s},
                                                 {u"directory"_s, s.projectPath},
                                                 {u"path"_s, QDir(worktree).relativeFilePath(s.projectPath)},
                                                 {u"title"_s, s.title == u"Untitled"_s ? QString(u""_s) : s.title},
                                                 {u"version"_s, version},
                                                 {u"tokens_input"_s, tokens},
                                                 {u"time_created"_s, created},
                                                 {u"time_updated"_s, msOf(s.updatedAt, created)}})) {
        return error;
    }

    QHash<QString, QString>& providerOf = known.providerOf;
    const auto providerOfModel = [&](const QString& model) {
        if (!providerOf.contains(model)) {
            auto rows = store.rows(u"SELECT json_extract(data, '$.providerID') FROM message WHERE json_extract(data, "
                                   "'$.modelID') = ? AND json_extract(data, '$.providerID') IS NOT NULL LIMIT 1"_s,
                                   {model});
            providerOf.insert(model, rows && !rows->isEmpty() ? rows->first().first().toString() : QString());
        }
        return providerOf.value(model);
    };
    qsizetype lastAnswer = -1;
    for (qsizetype i = 0; i < s.messages.size(); ++i) {
        lastAnswer = s.messages.at(i).role == Role::Assistant ? i : lastAnswer;
    }
    AscendingIds ids;
    QString parent;
    qint64 previous = created;
    const auto insertMessage = [&](qint64 ms, const boost::json::object& data,
                                   const std::vector<boost::json::object>& parts) -> std::optional<QString> {
        const QString id = ids.next(u"msg", ms);
        if (auto error = store.insert(u"message"_s, {{u"id"_s, id},
                                                     {u"session_id"_s, s.nativeId},
                                                     {u"time_created"_s, ms},
                                                     {u"time_updated"_s, ms},
                                                     {u"data"_s, text(data)}})) {
            return error;
        }
        for (const boost::json::object& part : parts) {
            if (auto error = store.insert(u"part"_s, {{u"id"_s, ids.next(u"prt", ms)},
                                                      {u"message_id"_s, id},
                                                      {u"session_id"_s, s.nativeId},
                                                      {u"time_created"_s, ms},
                                                      {u"time_updated"_s, ms},
                                                      {u"data"_s, text(part)}})) {
                return error;
            }
        }
        if (json::string(data, "role") == u"user"_s) {
            parent = id;
        }
        return std::nullopt;
    };
    QString context; // OpenCode's own text (file contents, reminders), part of the user message after it
    for (qsizetype i = 0; i < s.messages.size(); ++i) {
        const Message& m = s.messages.at(i);
        // OpenCode orders messages by their row's time: a message dated before the one before it keeps its own time
        // in its data, and the row the time before it.
        const qint64 ms = msOf(m.timestamp, previous);
        const qint64 row = std::max(ms, previous);
        previous = row;
        if (m.role == Role::System && i + 1 < s.messages.size() && s.messages.at(i + 1).role == Role::User) {
            context = m.content;
            continue;
        }
        if (m.role != Role::Assistant) {
            // The model and agent of the answer that follows, as OpenCode records the choice with the prompt.
            const Message* answer = nullptr;
            for (qsizetype j = i + 1; j < s.messages.size() && s.messages.at(j).role != Role::User; ++j) {
                if (s.messages.at(j).role == Role::Assistant) {
                    answer = &s.messages.at(j);
                    break;
                }
            }
            const QString model = answer && !answer->model.isEmpty() ? answer->model : s.model;
            boost::json::object data{{"role", "user"}};
            if (m.timestamp.isValid()) {
                data["time"] = {{"created", ms}};
            }
            data["agent"] = json::fromQString(answer ? answer->agent : QString());
            if (!model.isEmpty()) {
                data["model"] = {{"providerID", json::fromQString(providerOfModel(model))},
                                 {"modelID", json::fromQString(model)}};
            }
            std::vector<boost::json::object> parts;
            if (m.role == Role::System) {
                parts.push_back({{"type", "text"}, {"text", json::fromQString(m.content)}, {"synthetic", true}});
            } else {
                if (!m.content.isEmpty()) {
                    parts.push_back({{"type", "text"}, {"text", json::fromQString(m.content)}});
                }
                if (!context.isEmpty()) {
                    parts.push_back({{"type", "text"}, {"text", json::fromQString(context)}, {"synthetic", true}});
                }
                for (const QString& file : m.references) {
                    parts.push_back(filePart(file, s.projectPath));
                }
            }
            context.clear();
            if (auto error = insertMessage(row, data, parts)) {
                return error;
            }
            continue;
        }
        boost::json::object data{
            {"parentID", json::fromQString(parent)},
            {"role", "assistant"},
            {"mode", json::fromQString(m.agent)},
            {"agent", json::fromQString(m.agent)},
            {"path", {{"cwd", json::fromQString(s.projectPath)}, {"root", json::fromQString(worktree)}}},
            {"cost", 0}};
        // The normalized session keeps the total of its tokens only: the last answer carries it.
        if (s.totalTokens) {
            const qint64 n = i == lastAnswer ? *s.totalTokens : 0;
            data["tokens"] = {
                {"total", n}, {"input", n}, {"output", 0}, {"reasoning", 0}, {"cache", {{"write", 0}, {"read", 0}}}};
        }
        data["modelID"] = json::fromQString(m.model);
        data["providerID"] = json::fromQString(providerOfModel(m.model));
        if (m.timestamp.isValid()) { // a message without its time keeps none (its row has the one before's)
            data["time"] = {{"created", ms}, {"completed", ms}};
        }
        if (m.status == u"cancelled"_s || m.status == u"failed"_s) {
            data["error"] = {{"name", m.status == u"cancelled"_s ? "MessageAbortedError" : "UnknownError"},
                             {"data", {{"message", json::fromQString(m.error)}}}};
        } else {
            data["finish"] = "stop";
        }
        if (auto error = insertMessage(row, data, openCodeAnswerParts(m, ms, s.projectPath))) {
            return error;
        }
    }
    return std::nullopt;
}

// The `_v` (format version) of the newest value under a key prefix of Cursor's store, so that what is written is
// marked as the values Cursor wrote beside it.
std::optional<qint64> cursorVersion(const Connection& store, const QString& prefix)
{
    auto rows = store.rows(u"SELECT value FROM cursorDiskKV WHERE key >= ? AND key < ? ORDER BY rowid DESC LIMIT 1"_s,
                           {QString(prefix + u':'), QString(prefix + u';')});
    if (!rows || rows->isEmpty()) {
        return std::nullopt;
    }
    const QByteArray bytes = rows->first().first().toByteArray();
    auto value = json::parse(std::string_view(bytes.constData(), std::size_t(bytes.size())), {});
    return value ? json::integer(*value, "_v") : std::nullopt;
}

boost::json::object composerEntry(const Session& s)
{
    const qint64 created = msOf(s.createdAt, QDateTime::currentMSecsSinceEpoch());
    return {{"composerId", json::fromQString(s.nativeId)},
            {"name", json::fromQString(s.title == u"Untitled"_s ? QString() : s.title)},
            {"createdAt", created},
            {"lastUpdatedAt", msOf(s.updatedAt, created)},
            {"unifiedMode", "agent"}};
}

std::optional<QString> writeCursor(Connection& store, const StoreWriteBack::Item& item)
{
    const Session& s = item.session;
    const QString id = s.nativeId;
    if (item.replace) {
        if (auto error = store.exec(u"DELETE FROM cursorDiskKV WHERE key = ? OR (key >= ? AND key < ?)"_s,
                                    {QString(u"composerData:"_s + id), QString(u"bubbleId:"_s + id + u':'),
                                     QString(u"bubbleId:"_s + id + u';')})) {
            return error;
        }
    }
    const std::optional<qint64> composerVersion = cursorVersion(store, u"composerData"_s);
    const std::optional<qint64> bubbleVersion = cursorVersion(store, u"bubbleId"_s);
    qsizetype lastAnswer = -1;
    for (qsizetype i = 0; i < s.messages.size(); ++i) {
        lastAnswer = s.messages.at(i).role == Role::Assistant ? i : lastAnswer;
    }
    boost::json::array headers;
    for (qsizetype i = 0; i < s.messages.size(); ++i) {
        const Message& m = s.messages.at(i);
        const QString bubbleId = QUuid::createUuid().toString(QUuid::WithoutBraces);
        const int type = m.role == Role::Assistant ? 2 : 1;
        boost::json::object bubble;
        if (bubbleVersion) {
            bubble["_v"] = *bubbleVersion;
        }
        bubble["type"] = type;
        bubble["bubbleId"] = json::fromQString(bubbleId);
        bubble["text"] = json::fromQString(m.content);
        if (m.timestamp.isValid()) {
            bubble["createdAt"] = shapes::isoTime(m.timestamp);
        }
        if (!m.model.isEmpty()) {
            bubble["modelInfo"] = {{"modelName", json::fromQString(m.model)}};
        }
        // The normalized session keeps the total of its tokens only: the last answer carries it.
        if (s.totalTokens && i == lastAnswer) {
            bubble["tokenCount"] = {{"inputTokens", *s.totalTokens}, {"outputTokens", 0}};
        }
        if (!m.toolCalls.isEmpty()) {
            const ToolCall& call = m.toolCalls.first();
            bubble["toolFormerData"] = {{"toolCallId", json::fromQString(call.id)},
                                        {"name", json::fromQString(call.name)},
                                        {"rawArgs", json::fromQString(call.input)},
                                        {"result", json::fromQString(call.output)},
                                        {"status", json::fromQString(call.status)}};
        }
        if (i == 0 && !s.filesReferenced.isEmpty()) {
            boost::json::array files;
            for (const QString& file : s.filesReferenced) {
                files.emplace_back(json::fromQString(file));
            }
            bubble["relevantFiles"] = std::move(files);
        }
        if (auto error = store.exec(u"INSERT INTO cursorDiskKV (key, value) VALUES (?, ?)"_s,
                                    {QString(u"bubbleId:"_s + id + u':' + bubbleId), text(bubble)})) {
            return error;
        }
        headers.push_back({{"bubbleId", json::fromQString(bubbleId)}, {"type", type}});
    }
    boost::json::object composer;
    if (composerVersion) {
        composer["_v"] = *composerVersion;
    }
    for (auto& [key, value] : composerEntry(s)) {
        composer[key] = value;
    }
    composer["isAgentic"] = true;
    composer["fullConversationHeadersOnly"] = std::move(headers);
    return store.exec(u"INSERT INTO cursorDiskKV (key, value) VALUES (?, ?)"_s,
                      {QString(u"composerData:"_s + id), text(composer)});
}

// Adds composers to a Cursor workspace's list (composer.composerData in its state.vscdb), where Cursor finds the
// composers of the folder it opens.
std::optional<QString> listComposers(Connection& state, const QList<const Session*>& sessions)
{
    auto rows = state.rows(u"SELECT value, typeof(value) FROM ItemTable WHERE key = 'composer.composerData'"_s);
    if (!rows) {
        return rows.error().message;
    }
    boost::json::value list = boost::json::object{{"allComposers", boost::json::array()}};
    const bool asBlob = !rows->isEmpty() && rows->first().at(1).toString() == u"blob"_s;
    if (!rows->isEmpty()) {
        const QByteArray bytes = rows->first().first().toByteArray();
        auto parsed = json::parse(std::string_view(bytes.constData(), std::size_t(bytes.size())), {});
        if (!parsed || !parsed->is_object()) {
            return u"its composer list is not JSON Chasm can read"_s;
        }
        list = std::move(*parsed);
    }
    boost::json::object& object = list.as_object();
    if (!object.contains("allComposers") || !object.at("allComposers").is_array()) {
        object["allComposers"] = boost::json::array();
    }
    boost::json::array& all = object.at("allComposers").as_array();
    const std::size_t listed = all.size();
    for (const Session* s : sessions) {
        if (std::none_of(all.begin(), all.end(), [s](const boost::json::value& entry) {
                return json::string(entry, "composerId") == s->nativeId;
            })) {
            all.emplace_back(composerEntry(*s));
        }
    }
    if (all.size() == listed) {
        return std::nullopt; // listed already: the file is left as it is
    }
    const QByteArray bytes = QByteArray::fromStdString(json::serialize(list));
    return state.exec(u"INSERT INTO ItemTable (key, value) VALUES ('composer.composerData', ?)"_s,
                      {asBlob ? QVariant(bytes) : QVariant(QString::fromUtf8(bytes))});
}

// A Cursor workspace not on this machine yet is made as the editor makes it when it first opens the folder: its
// workspace.json naming the folder and a state.vscdb with the editor's table, both undone with the rest.
std::optional<Error> makeWorkspace(const Workspace& workspace, FileTransaction& transaction)
{
    const QString description = u"%1 the workspace %2 of Cursor for %3"_s.arg(
        transaction.dryRun() ? u"would create"_s : u"created"_s, workspace.hash, workspace.projectPath);
    const QString file = workspace.storagePath + u"/workspace.json"_s;
    if (!QFileInfo::exists(file)) {
        const std::string text = json::pretty(boost::json::object{{"folder", json::fromQString(workspace.uri)}});
        if (auto error = transaction.create(file, QByteArray(text.data(), qsizetype(text.size())), description)) {
            return error;
        }
    }
    if (QFileInfo::exists(workspace.stateDatabasePath) || transaction.dryRun()) {
        return std::nullopt;
    }
    if (auto error =
            transaction.willCreate(workspace.stateDatabasePath, u"created %1"_s.arg(workspace.stateDatabasePath))) {
        return error;
    }
    Connection state(workspace.stateDatabasePath);
    if (!state.openError().isEmpty()) {
        return Error{u"cannot create %1: %2"_s.arg(workspace.stateDatabasePath, state.openError())};
    }
    // VS Code's own schema.
    if (auto error = state.exec(u"CREATE TABLE IF NOT EXISTS ItemTable (key TEXT UNIQUE ON CONFLICT REPLACE, "
                                "value BLOB)"_s)) {
        return Error{u"cannot create %1: %2"_s.arg(workspace.stateDatabasePath, *error)};
    }
    return std::nullopt;
}

// Runs `work` in one transaction of the database at `path`, after `transaction` kept a copy of it: a WAL the tool
// left (OpenCode quits without folding it in) is folded into the file first, so that the copy holds every row.
std::optional<Error> changeDatabase(const QString& path, const QString& what, const QString& change,
                                    FileTransaction& transaction,
                                    const std::function<std::optional<QString>(Connection&)>& work)
{
    if (transaction.dryRun()) {
        return transaction.preserve(path, FileTransaction::BackupPlace::RecoveryFolder, change);
    }
    if (auto error = RegularFile::check(path)) {
        return Error{u"refusing to write %1: %2"_s.arg(what, error->message)};
    }
    const auto failed = [&](const QString& why) { return Error{u"cannot write %1 (%2): %3"_s.arg(what, path, why)}; };
    Connection store(path);
    if (!store.openError().isEmpty()) {
        return failed(store.openError());
    }
    // The copy for undo is made under the write lock, with the write-ahead log folded into the file and empty, so
    // that it holds every row and no other program changes the file while it is copied. A program that wrote between
    // the fold and the lock leaves rows in the log: folded again, up to three times.
    for (int attempt = 0;; ++attempt) {
        auto folded = store.rows(u"PRAGMA wal_checkpoint(TRUNCATE)"_s);
        if (!folded) {
            return failed(folded.error().message);
        }
        if (!folded->isEmpty() && folded->first().first().toInt() != 0) {
            return failed(u"another program is reading or writing it; try again when it is idle"_s);
        }
        if (auto error = store.exec(u"BEGIN IMMEDIATE"_s)) {
            return failed(*error);
        }
        if (QFileInfo(path + u"-wal"_s).size() == 0) {
            break;
        }
        store.exec(u"ROLLBACK"_s);
        if (attempt == 2) {
            return failed(u"another program keeps writing to it; try again when it is idle"_s);
        }
    }
    if (auto error = transaction.preserve(path, FileTransaction::BackupPlace::RecoveryFolder, change)) {
        store.exec(u"ROLLBACK"_s);
        return error;
    }
    if (auto error = work(store)) {
        store.exec(u"ROLLBACK"_s);
        return failed(*error);
    }
    if (auto error = store.exec(u"COMMIT"_s)) {
        store.exec(u"ROLLBACK"_s);
        return failed(*error);
    }
    return std::nullopt;
}

} // namespace

QString StoreWriteBack::storeOf(const QString& provider, const QString& workspaceHash)
{
    // OpenCode before 1.2 kept sessions in a JSON tree (storage/), which OpenCode 1.2 and later move into its
    // database once, when they first start, and read no more.
    if (provider == u"opencode"_s && (workspaceHash == openCodeStore || workspaceHash == u"storage"_s)) {
        return openCodeStore;
    }
    return provider == u"cursor"_s && workspaceHash == cursorStore ? cursorStore : QString();
}

std::optional<Result<StoreWriteBack::Place>> StoreWriteBack::placeOf(const QString& provider,
                                                                     const QString& workspaceHash,
                                                                     const QString& projectPath,
                                                                     const QList<Workspace>& workspaces)
{
    const QString storeHash = storeOf(provider, workspaceHash);
    if (storeHash.isEmpty()) {
        return std::nullopt;
    }
    const bool openCode = storeHash == openCodeStore;
    const bool cursor = storeHash == cursorStore;
    for (const Workspace& w : workspaces) {
        if (w.provider != provider || w.hash != storeHash) {
            continue;
        }
        Place place{openCode ? w.storagePath : w.stateDatabasePath, w, std::nullopt};
        if (!cursor || projectPath.isEmpty()) {
            return Result<Place>(place);
        }
        for (const Workspace& project : workspaces) {
            if (project.provider == provider && project.hash != cursorStore && project.projectPath == projectPath &&
                !project.stateDatabasePath.isEmpty()) {
                place.listing = project;
                return Result<Place>(place);
            }
        }
        // No workspace of the project yet: the one Cursor will open for the folder, under the id it computes
        // (WorkspaceId), made when the composer is written. A folder that is not on this machine has none.
        if (auto id = WorkspaceId::ofLocalFolder(projectPath)) {
            Workspace project;
            project.provider = provider;
            project.editor = w.editor;
            project.application = w.application;
            project.hash = *id;
            project.id = w.editor + u':' + *id;
            project.kind = Workspace::Kind::Folder;
            project.projectPath = projectPath;
            project.folders = {projectPath};
            project.uri = WorkspaceId::fileUri(projectPath);
            const QString user = QFileInfo(QFileInfo(w.stateDatabasePath).absolutePath()).absolutePath();
            project.storagePath = user + u"/workspaceStorage/"_s + *id;
            project.stateDatabasePath = project.storagePath + u"/state.vscdb"_s;
            place.listing = project;
        }
        return Result<Place>(place);
    }
    return Result<Place>(Error{
        openCode ? u"OpenCode's database is not on this machine: start OpenCode once, so that it makes it, then push"_s
                 : u"Cursor's global state.vscdb is not on this machine: start Cursor once, so that it makes it, then "
                   "push"_s});
}

std::optional<Error> StoreWriteBack::write(const Workspace& store, const QList<Item>& items,
                                           FileTransaction& transaction)
{
    const bool openCode = store.provider == u"opencode"_s;
    const QString database = openCode ? store.storagePath : store.stateDatabasePath;
    const QString what = openCode ? u"OpenCode's database"_s : u"Cursor's composer store"_s;
    QStringList ids;
    for (const Item& item : items) {
        ids << item.session.id;
    }
    const QString change =
        u"%1 %2 into %3"_s.arg(transaction.dryRun() ? u"would write"_s : u"wrote"_s, ids.join(u", "_s), database);
    OpenCodeStore known;
    if (auto error = changeDatabase(database, what, change, transaction, [&](Connection& connection) {
            for (const Item& item : items) {
                if (auto error = openCode ? writeOpenCode(connection, known, item) : writeCursor(connection, item)) {
                    return std::optional<QString>(u"%1: %2"_s.arg(item.session.id, *error));
                }
            }
            return std::optional<QString>();
        })) {
        return error;
    }
    // Cursor lists a folder's composers in that folder's workspace.
    std::map<QString, std::pair<Workspace, QList<const Session*>>> listings;
    for (const Item& item : items) {
        if (item.listing) {
            auto& [workspace, sessions] = listings[item.listing->stateDatabasePath];
            workspace = *item.listing;
            sessions << &item.session;
        }
    }
    for (const auto& [path, listing] : listings) {
        QStringList listed;
        for (const Session* s : listing.second) {
            listed << s->id;
        }
        const QString listChange = u"%1 %2 in the composer list of %3"_s.arg(
            transaction.dryRun() ? u"would list"_s : u"listed"_s, listed.join(u", "_s), path);
        if (auto error = makeWorkspace(listing.first, transaction)) {
            return error;
        }
        if (transaction.dryRun() && !QFileInfo::exists(path)) {
            transaction.note(listChange);
            continue;
        }
        if (auto error =
                changeDatabase(path, u"Cursor's workspace state"_s, listChange, transaction,
                               [&listing](Connection& state) { return listComposers(state, listing.second); })) {
            return error;
        }
    }
    return std::nullopt;
}

namespace {

bool sameMessages(const Session& a, const Session& b)
{
    if (a.title != b.title || a.messages.size() != b.messages.size()) {
        return false;
    }
    for (qsizetype i = 0; i < a.messages.size(); ++i) {
        if (shapes::message(a.messages.at(i)) != shapes::message(b.messages.at(i))) {
            return false;
        }
    }
    return true;
}

} // namespace

StoreWriteBack::Holding StoreWriteBack::compare(const std::optional<Session>& held, const Session& kept,
                                                const Place& place)
{
    if (!held) {
        return Holding::Absent;
    }
    if (!sameMessages(*held, kept)) {
        return Holding::Other;
    }
    if (held->projectPath == kept.projectPath) {
        return Holding::Same;
    }
    // Cursor names a composer's project only where a workspace of the project lists it: one written where there was
    // no such workspace reads back without a project, and is listed once there is one.
    if (held->projectPath.isEmpty() && place.store.hash == cursorStore) {
        return place.listing ? Holding::Unlisted : Holding::Same;
    }
    return Holding::Other;
}

Result<std::optional<Session>> StoreWriteBack::held(const SessionCatalog& catalog, const QList<Workspace>& workspaces,
                                                    const QString& provider, const QString& nativeId,
                                                    const QString& storeHash,
                                                    std::map<QString, QList<SessionRef>>& listed)
{
    const Provider* owner = catalog.provider(provider);
    if (!owner) {
        return std::optional<Session>();
    }
    if (!listed.contains(provider)) {
        QList<Workspace> ofProvider = workspaces;
        ofProvider.removeIf([&provider](const Workspace& w) { return w.provider != provider; });
        listed[provider] = catalog.sessions({owner}, ofProvider);
    }
    for (const SessionRef& ref : listed[provider]) {
        // OpenCode's older JSON tree counts as its store: the OpenCode that wrote it reads it.
        if (ref.nativeId == nativeId && storeOf(provider, ref.workspace) == storeHash) {
            auto loaded = catalog.load(ref);
            if (!loaded) {
                return loaded.error();
            }
            return std::optional<Session>(std::move(loaded).value());
        }
    }
    return std::optional<Session>();
}

} // namespace chasm
