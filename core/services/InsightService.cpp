// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#include "InsightService.h"

#include "json/Json.h"
#include "model/Session.h"
#include "ops/SecretScanner.h"
#include "store/HarvestReader.h"
#include "store/ProjectFolder.h"
#include "util/IsoTime.h"
#include "util/QtVersions.h"

#include <QHash>
#include <QRegularExpression>
#include <QSet>
#include <QSqlError>
#include <QSqlQuery>

#include <boost/json/array.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include <algorithm>
#include <array>

using namespace Qt::StringLiterals;

namespace chasm {

namespace {

// How much of a message is read to quote its start: its secrets are masked before it is cut, so that a secret
// running past the cut is still recognised (and a quote never ends in a secret's first half).
constexpr int quotedPrefix = 4096;
// How far a secret's context reaches on either side of it, within its line.
constexpr int contextReach = 60;

bool stopped(const std::atomic_bool* cancel)
{
    return cancel && cancel->load(std::memory_order_relaxed);
}

Error cancelled()
{
    return Error{u"cancelled"_s};
}

Error readError(const Database& database, const QSqlQuery& query)
{
    return Error{u"cannot read %1: %2"_s.arg(database.path(), query.lastError().databaseText())};
}

Result<int> checkedLimit(int limit)
{
    if (limit < 1) {
        return Error{u"the limit must be at least 1 (it was %1)"_s.arg(limit)};
    }
    return limit;
}

// A statement prepared, bound and run forward-only (rows are read one at a time, never the whole result).
std::optional<Error> run(const Database& database, QSqlQuery& query, const QString& sql, const QVariantList& values)
{
    query.setForwardOnly(true);
    if (!query.prepare(sql)) {
        return readError(database, query);
    }
    for (const QVariant& value : values) {
        query.addBindValue(value);
    }
    if (!query.exec()) {
        return readError(database, query);
    }
    return std::nullopt;
}

QDateTime timeOf(const QVariant& value)
{
    return value.isNull() ? QDateTime() : QDateTime::fromString(value.toString(), Qt::ISODateWithMs);
}

// The start of a message as a report quotes it: secrets masked, on one line, at most quoteLength characters.
QString quoted(const QString& text)
{
    return shortened(SecretScanner::redacted(QStringView(text).left(quotedPrefix)), InsightService::quoteLength);
}

// The sessions of a project: its path, or a folder under it.
struct Scope
{
    QString where; // " AND …" over sessions `s`, or empty for every session
    QVariantList values;
};
Scope projectScope(const QString& projectPath)
{
    const auto folder = projectFolderCondition(u"s.project_path"_s, projectPath);
    return {folder.sql.isEmpty() ? QString() : u" AND "_s + folder.sql, folder.values};
}

// The change a tool of this name makes to the file its input names ("edited", "written", "deleted"), or nothing for a
// tool that changes no file (reads, searches, shells, to-do lists, folders).
QString changeOfTool(const QString& tool)
{
    const QString name = tool.toLower();
    const auto named = [&name](std::initializer_list<QStringView> words) {
        return std::any_of(words.begin(), words.end(), [&name](QStringView w) { return name.contains(w); });
    };
    return named({u"todo", u"director", u"folder"})            ? QString()
           : named({u"delete", u"remove"})                     ? u"deleted"_s
           : named({u"edit", u"replace", u"insert", u"patch"}) ? u"edited"_s
           : named({u"write", u"create"})                      ? u"written"_s
                                                               : QString();
}

// The files a tool call changed and how, judged by its name and the keys its input usually names the file with,
// or by the file headers of a patch ("*** Update File: src/x.cpp"), whichever tool (a shell) applied it. A call that
// failed changed nothing.
QList<std::pair<QString, QString>> filesChanged(const QString& tool, const QString& status, const QString& input)
{
    if (status == u"error"_s || status == u"cancelled"_s || input.isEmpty()) {
        return {};
    }
    QList<std::pair<QString, QString>> files;
    if (input.contains(u"*** Begin Patch"_s)) {
        static const QRegularExpression patchFile(uR"(\*\*\* (Add|Update|Delete) File: ([^\r\n"\\]+))"_s);
        QRegularExpressionMatchIterator it = patchFile.globalMatch(input);
        while (it.hasNext()) {
            const QRegularExpressionMatch m = it.next();
            const QString kind = m.captured(1);
            files.append({m.captured(2).trimmed(), kind == u"Add"_s      ? u"written"_s
                                                   : kind == u"Delete"_s ? u"deleted"_s
                                                                         : u"edited"_s});
        }
        return files;
    }
    QString change = changeOfTool(tool);
    if (change.isEmpty()) {
        return {};
    }
    boost::system::error_code error;
    const std::string utf8 = input.toStdString();
    const boost::json::value parsed = boost::json::parse(utf8, error);
    if (error || !parsed.is_object()) {
        return {};
    }
    // An editor tool with commands (str_replace_based_edit_tool) changes nothing when it views a file.
    const QString command = json::string(parsed, "command");
    if (command == u"view"_s) {
        return {};
    }
    if (command == u"create"_s) {
        change = u"written"_s;
    }
    for (const char* key : {"file_path", "filePath", "filepath", "path", "absolute_path", "notebook_path",
                            "target_file", "targetFile", "file"}) {
        const QString file = json::string(parsed, key);
        if (!file.isEmpty()) {
            files.append({file, change});
            break;
        }
    }
    return files;
}

// Tool counts, most calls first (then by name).
QList<InsightService::ToolCount> sortedCounts(const QHash<QString, qint64>& counts)
{
    QList<InsightService::ToolCount> list;
    for (auto it = counts.cbegin(); it != counts.cend(); ++it) {
        list.append({it.key(), it.value()});
    }
    std::sort(list.begin(), list.end(),
              [](const auto& a, const auto& b) { return a.calls != b.calls ? a.calls > b.calls : a.tool < b.tool; });
    return list;
}

// At most `limit` sessions newest first, matching `where` (" AND …" over sessions `s`), and whether there were more.
Result<std::pair<QList<InsightService::SessionSummary>, bool>> newestSessions(const Database& database,
                                                                              const QString& where, QVariantList values,
                                                                              int limit, const std::atomic_bool* cancel)
{
    QSqlQuery q(database.connection());
    values << limit + 1;
    if (auto error = run(database, q,
                         u"SELECT s.id, s.provider, s.title, s.project_path, s.workspace_name, s.updated_at, "
                         "s.message_count, (SELECT substr(m.content, 1, %1) FROM messages_v2 m WHERE m.session_id = "
                         "s.id AND m.role = 'user' ORDER BY m.seq LIMIT 1) FROM sessions s WHERE 1%2 "
                         "ORDER BY s.updated_at DESC, s.id LIMIT ?"_s.arg(quotedPrefix)
                             .arg(where),
                         values)) {
        return *error;
    }
    QList<InsightService::SessionSummary> rows;
    bool more = false;
    while (q.next()) {
        if (stopped(cancel)) {
            return cancelled();
        }
        if (rows.size() == limit) {
            more = true;
            break;
        }
        rows.append({q.value(0).toString(), q.value(1).toString(), SecretScanner::redacted(q.value(2).toString()),
                     q.value(3).toString(), q.value(4).toString(), timeOf(q.value(5)), q.value(6).toInt(),
                     quoted(q.value(7).toString())});
    }
    return std::pair{rows, more};
}

// The text around a finding within its line, with every finding in it masked, on one line.
QString contextOf(QStringView text, const QList<SecretScanner::Finding>& findings, const SecretScanner::Finding& f)
{
    const qsizetype lineStart = text.lastIndexOf(u'\n', f.offset) + 1;
    qsizetype lineEnd = text.indexOf(u'\n', f.offset + f.length);
    if (lineEnd < 0) {
        lineEnd = text.size();
    }
    qsizetype from = std::max(lineStart, f.offset - contextReach);
    qsizetype to = std::min(lineEnd, f.offset + f.length + contextReach);
    // A secret the window cuts is taken whole, so that it is masked rather than shown in part.
    QList<SecretScanner::Finding> inside;
    for (const SecretScanner::Finding& other : findings) {
        if (other.offset < to && from < other.offset + other.length) {
            from = std::min(from, other.offset);
            to = std::max(to, other.offset + other.length);
            inside.append(other);
        }
    }
    for (SecretScanner::Finding& other : inside) {
        other.offset -= from;
    }
    QString context = SecretScanner::redacted(text.mid(from, to - from), inside).simplified();
    if (from > lineStart) {
        context.prepend(QChar(0x2026));
    }
    if (to < lineEnd) {
        context.append(QChar(0x2026));
    }
    return context;
}

// A list bound as one value, for `IN (SELECT value FROM json_each(?))`.
QString jsonList(const QStringList& values)
{
    boost::json::array array;
    for (const QString& value : values) {
        array.emplace_back(json::fromQString(value));
    }
    return QString::fromStdString(boost::json::serialize(array));
}

boost::json::value jsonText(const QString& text)
{
    return text.isEmpty() ? boost::json::value(nullptr) : boost::json::value(json::fromQString(text));
}

boost::json::value jsonTime(const QDateTime& time)
{
    return time.isValid() ? boost::json::value(json::fromQString(isoUtc(time, TimePrecision::Seconds)))
                          : boost::json::value(nullptr);
}

boost::json::array jsonCounts(const QList<InsightService::ToolCount>& counts)
{
    boost::json::array array;
    for (const auto& c : counts) {
        array.push_back(boost::json::object{{"tool", json::fromQString(c.tool)}, {"calls", c.calls}});
    }
    return array;
}

boost::json::object jsonSession(const InsightService::SessionSummary& s)
{
    return {{"id", json::fromQString(s.id)},
            {"provider", json::fromQString(s.provider)},
            {"title", json::fromQString(s.title)},
            {"project_path", jsonText(s.projectPath)},
            {"workspace_name", jsonText(s.workspaceName)},
            {"updated_at", jsonTime(s.updatedAt)},
            {"message_count", s.messageCount},
            {"first_user_message", json::fromQString(s.firstUserMessage)}};
}

boost::json::object jsonMap(const QMap<QString, qint64>& map)
{
    boost::json::object object;
    for (auto it = map.cbegin(); it != map.cend(); ++it) {
        object[json::fromQString(it.key())] = it.value();
    }
    return object;
}

} // namespace

Result<InsightService::RecentWork> InsightService::recentWork(Database& database, int days, int limit,
                                                              const std::atomic_bool* cancel)
{
    if (auto checked = checkedLimit(limit); !checked) {
        return checked.error();
    }
    if (days < 1) {
        return Error{u"the number of days must be at least 1 (it was %1)"_s.arg(days)};
    }
    RecentWork report;
    report.days = days;
    report.since = QDateTime::currentDateTimeUtc().addDays(-days);
    auto rows = newestSessions(database, u" AND s.updated_at >= ?"_s,
                               {isoUtc(report.since, TimePrecision::Milliseconds)}, limit, cancel);
    if (!rows) {
        return rows.error();
    }
    report.truncated = rows->second;
    QStringList ids;
    for (const SessionSummary& row : std::as_const(rows->first)) {
        ids << row.id;
    }
    QSqlQuery q(database.connection());
    if (auto error = run(database, q,
                         u"SELECT session_id, tool_name, count(*) FROM tool_invocations WHERE session_id IN "
                         "(SELECT value FROM json_each(?)) GROUP BY session_id, tool_name"_s,
                         {jsonList(ids)})) {
        return *error;
    }
    QHash<QString, QHash<QString, qint64>> tools;
    while (q.next()) {
        if (stopped(cancel)) {
            return cancelled();
        }
        tools[q.value(0).toString()][q.value(1).toString()] += q.value(2).toLongLong();
    }
    QHash<QString, qsizetype> projectIndex;
    for (const SessionSummary& row : std::as_const(rows->first)) {
        RecentSession session;
        static_cast<SessionSummary&>(session) = row;
        session.tools = sortedCounts(tools.value(row.id));
        for (const ToolCount& c : std::as_const(session.tools)) {
            session.toolCalls += c.calls;
        }
        report.sessions.append(session);
        // Sessions come newest first, so projects do too, in the order of their newest session.
        const qsizetype index = projectIndex.value(row.projectPath, report.projects.size());
        if (index == report.projects.size()) {
            projectIndex.insert(row.projectPath, index);
            report.projects.append({row.projectPath, 0, 0, row.updatedAt});
        }
        ++report.projects[index].sessions;
        report.projects[index].messages += row.messageCount;
    }
    return report;
}

Result<InsightService::SessionOutline> InsightService::sessionOutline(Database& database, const QString& sessionId,
                                                                      int limit, const std::atomic_bool* cancel)
{
    if (auto checked = checkedLimit(limit); !checked) {
        return checked.error();
    }
    const auto id = HarvestReader(database).resolve(sessionId);
    if (!id) {
        return id.error();
    }
    SessionOutline outline;
    outline.sessionId = *id;
    QSqlQuery q(database.connection());
    if (auto error = run(database, q,
                         u"SELECT provider, title, project_path, created_at, updated_at, (SELECT count(*) FROM "
                         "messages_v2 WHERE session_id = s.id AND role = 'user') FROM sessions s WHERE id = ?"_s,
                         {*id})) {
        return *error;
    }
    if (!q.next()) {
        return Error{u"no harvested session '%1' in %2"_s.arg(*id, database.path()), ErrorKind::NotFound};
    }
    outline.provider = q.value(0).toString();
    outline.title = SecretScanner::redacted(q.value(1).toString());
    outline.projectPath = q.value(2).toString();
    outline.createdAt = timeOf(q.value(3));
    outline.updatedAt = timeOf(q.value(4));
    outline.userMessages = q.value(5).toInt();
    q.finish();

    // Messages and tool calls are read side by side, each in the order of the messages.
    QSqlQuery tools(database.connection());
    if (auto error = run(database, tools,
                         u"SELECT message_seq, tool_name, status, input FROM tool_invocations WHERE session_id = ? "
                         "ORDER BY message_seq, id"_s,
                         {*id})) {
        return *error;
    }
    bool toolPending = tools.next();
    if (auto error = run(database, q,
                         u"SELECT seq, role, substr(content, 1, %1), timestamp FROM messages_v2 WHERE session_id = ? "
                         "ORDER BY seq"_s.arg(quotedPrefix),
                         {*id})) {
        return *error;
    }
    QHash<QString, qint64> stepTools;
    QSet<QString> stepFiles;
    const auto closeStep = [&outline, &stepTools, &stepFiles] {
        if (!outline.steps.isEmpty()) {
            outline.steps.last().tools = sortedCounts(stepTools);
            outline.steps.last().filesChangedCount = int(stepFiles.size());
        }
        stepTools.clear();
        stepFiles.clear();
    };
    while (q.next()) {
        if (stopped(cancel)) {
            return cancelled();
        }
        const int seq = q.value(0).toInt();
        const QString role = q.value(1).toString();
        if (role == u"user"_s) {
            closeStep();
            if (outline.steps.size() == limit) {
                outline.truncated = true;
                break;
            }
            OutlineStep step;
            step.index = seq;
            step.timestamp = timeOf(q.value(3));
            step.text = quoted(q.value(2).toString());
            outline.steps.append(step);
        } else if (role == u"assistant"_s && !outline.steps.isEmpty()) {
            ++outline.steps.last().assistantMessages;
        }
        for (; toolPending && tools.value(0).toInt() <= seq; toolPending = tools.next()) {
            if (outline.steps.isEmpty()) {
                continue; // before the first user message
            }
            OutlineStep& step = outline.steps.last();
            ++step.toolCalls;
            ++stepTools[tools.value(1).toString()];
            const auto changed =
                filesChanged(tools.value(1).toString(), tools.value(2).toString(), tools.value(3).toString());
            for (const auto& [file, change] : changed) {
                if (!stepFiles.contains(file)) {
                    stepFiles.insert(file);
                    if (step.filesChanged.size() < maxFilesPerStep) {
                        step.filesChanged << file;
                    }
                }
            }
        }
    }
    if (!outline.truncated) {
        closeStep();
    }
    return outline;
}

Result<InsightService::CodeInsight> InsightService::codeInsight(Database& database, const QString& projectPath,
                                                                int limit, const std::atomic_bool* cancel)
{
    if (auto checked = checkedLimit(limit); !checked) {
        return checked.error();
    }
    const Scope scope = projectScope(projectPath);
    CodeInsight report;
    report.projectPath = projectPath;
    QSqlQuery q(database.connection());
    if (auto error = run(database, q, u"SELECT count(*) FROM sessions s WHERE 1"_s + scope.where, scope.values)) {
        return *error;
    }
    report.sessions = q.next() ? q.value(0).toLongLong() : 0;

    // Tool usage, counted by SQLite.
    const QString tools = u" FROM tool_invocations t JOIN sessions s ON s.id = t.session_id WHERE 1"_s + scope.where;
    QHash<QString, ToolUsage> usage;
    if (auto error = run(database, q,
                         u"SELECT t.tool_name, coalesce(t.status, ''), count(*), max(t.timestamp)"_s + tools +
                             u" GROUP BY 1, 2"_s,
                         scope.values)) {
        return *error;
    }
    while (q.next()) {
        if (stopped(cancel)) {
            return cancelled();
        }
        ToolUsage& tool = usage[q.value(0).toString()];
        tool.tool = q.value(0).toString();
        const qint64 calls = q.value(2).toLongLong();
        tool.calls += calls;
        tool.statuses[q.value(1).toString()] += calls;
        if (q.value(1).toString() == u"error"_s) {
            tool.failures += calls;
        }
        tool.lastUsed = std::max(tool.lastUsed, timeOf(q.value(3)));
        report.toolCalls += calls;
    }
    if (auto error = run(database, q, u"SELECT t.tool_name, count(DISTINCT t.session_id)"_s + tools + u" GROUP BY 1"_s,
                         scope.values)) {
        return *error;
    }
    while (q.next()) {
        if (stopped(cancel)) {
            return cancelled();
        }
        usage[q.value(0).toString()].sessions = q.value(1).toLongLong();
    }
    report.tools = usage.values();
    std::sort(report.tools.begin(), report.tools.end(), [](const ToolUsage& a, const ToolUsage& b) {
        return a.calls != b.calls ? a.calls > b.calls : a.tool < b.tool;
    });
    report.toolsTruncated = report.tools.size() > limit;
    report.tools.resize(std::min<qsizetype>(report.tools.size(), limit));

    // File changes: the files sessions name (file_changes) and those their tool calls changed, read row by row.
    struct Activity
    {
        FileActivity file;
        QSet<QString> sessions;
    };
    QHash<QString, Activity> files;
    const auto add = [&files](const QString& path, const QString& change, const QString& session,
                              const QDateTime& time) {
        Activity& a = files[path];
        a.file.path = path;
        ++a.file.changes;
        ++a.file.changeTypes[change];
        a.sessions.insert(session);
        a.file.lastChanged = std::max(a.file.lastChanged, time);
    };
    if (auto error = run(database, q,
                         u"SELECT f.file_path, f.change_type, f.session_id, coalesce(f.timestamp, s.updated_at) "
                         "FROM file_changes f JOIN sessions s ON s.id = f.session_id WHERE 1"_s +
                             scope.where,
                         scope.values)) {
        return *error;
    }
    while (q.next()) {
        if (stopped(cancel)) {
            return cancelled();
        }
        add(q.value(0).toString(), q.value(1).toString(), q.value(2).toString(), timeOf(q.value(3)));
    }
    QStringList changing;
    for (auto it = usage.cbegin(); it != usage.cend(); ++it) {
        if (!changeOfTool(it.key()).isEmpty()) {
            changing << it.key();
        }
    }
    // Only the inputs that can name a changed file are read (those of other tools are left in the database).
    if (auto error =
            run(database, q,
                u"SELECT t.tool_name, t.status, t.input, t.session_id, coalesce(t.timestamp, s.updated_at)"_s + tools +
                    u" AND (t.tool_name IN (SELECT value FROM json_each(?)) OR "
                    "instr(t.input, '*** Begin Patch') > 0)"_s,
                scope.values + QVariantList{jsonList(changing)})) {
        return *error;
    }
    while (q.next()) {
        if (stopped(cancel)) {
            return cancelled();
        }
        const auto changed = filesChanged(q.value(0).toString(), q.value(1).toString(), q.value(2).toString());
        for (const auto& [path, change] : changed) {
            add(path, change, q.value(3).toString(), timeOf(q.value(4)));
        }
    }
    for (auto it = files.begin(); it != files.end(); ++it) {
        it->file.sessions = it->sessions.size();
        report.files.append(std::move(it->file));
    }
    std::sort(report.files.begin(), report.files.end(), [](const FileActivity& a, const FileActivity& b) {
        return a.changes != b.changes           ? a.changes > b.changes
               : a.lastChanged != b.lastChanged ? a.lastChanged > b.lastChanged
                                                : a.path < b.path;
    });
    report.filesTruncated = report.files.size() > limit;
    report.files.resize(std::min<qsizetype>(report.files.size(), limit));
    return report;
}

Result<InsightService::Organizer> InsightService::organizerData(Database& database, int limit,
                                                                const std::atomic_bool* cancel)
{
    if (auto checked = checkedLimit(limit); !checked) {
        return checked.error();
    }
    Organizer report;
    QSqlQuery q(database.connection());
    if (auto error = run(database, q, u"SELECT count(*) FROM sessions"_s, {})) {
        return *error;
    }
    report.totalSessions = q.next() ? q.value(0).toLongLong() : 0;
    auto rows = newestSessions(database, {}, {}, limit, cancel);
    if (!rows) {
        return rows.error();
    }
    report.truncated = rows->second;
    report.sessions = std::move(rows->first);
    return report;
}

Result<InsightService::Secrets> InsightService::secrets(Database& database, const QString& sessionId, int limit,
                                                        const std::atomic_bool* cancel, const Progress& progress)
{
    if (auto checked = checkedLimit(limit); !checked) {
        return checked.error();
    }
    Secrets report;
    QString where;
    QVariantList values;
    if (!sessionId.isEmpty()) {
        const auto id = HarvestReader(database).resolve(sessionId);
        if (!id) {
            return id.error();
        }
        report.sessionId = *id;
        where = u" WHERE session_id = ?"_s;
        values << *id;
    }
    QHash<QString, QString> titles;
    QSqlQuery titleQuery(database.connection());
    titleQuery.prepare(u"SELECT title FROM sessions WHERE id = ?"_s);
    const auto titleOf = [&titles, &titleQuery](const QString& id) {
        auto it = titles.find(id);
        if (it == titles.end()) {
            titleQuery.bindValue(0, id);
            const bool found = titleQuery.exec() && titleQuery.next();
            it = titles.insert(id, found ? SecretScanner::redacted(titleQuery.value(0).toString()) : QString());
            titleQuery.finish();
        }
        return *it;
    };
    // Whether the limit is reached; findings past it only mark the report truncated.
    const auto scan = [&](const QString& session, int index, const QString& role, const QString& source,
                          const QString& tool, const QString& text) {
        const QList<SecretScanner::Finding> found = SecretScanner::scan(text);
        for (const SecretScanner::Finding& f : found) {
            if (report.findings.size() == limit) {
                report.truncated = true;
                return true;
            }
            report.findings.append({session, titleOf(session), index, role, source, tool, f.rule, f.name, f.masked,
                                    contextOf(text, found, f)});
        }
        return false;
    };
    QSqlQuery q(database.connection());
    qint64 total = 0;
    if (progress) {
        if (auto error = run(
                database, q,
                u"SELECT (SELECT count(*) FROM messages_v2%1) + (SELECT count(*) FROM tool_invocations%1)"_s.arg(where),
                values + values)) {
            return *error;
        }
        total = q.next() ? q.value(0).toLongLong() : 0;
    }
    const auto step = [&] {
        const qint64 done = report.messagesScanned + report.toolCallsScanned;
        if (progress && done % progressRows == 0) {
            progress(done, total);
        }
    };
    if (auto error = run(database, q,
                         u"SELECT session_id, seq, role, content FROM messages_v2%1 ORDER BY %2"_s.arg(
                             where, where.isEmpty() ? u"id"_s : u"seq"_s),
                         values)) {
        return *error;
    }
    while (q.next()) {
        if (stopped(cancel)) {
            return cancelled();
        }
        ++report.messagesScanned;
        step();
        if (scan(q.value(0).toString(), q.value(1).toInt(), q.value(2).toString(), u"message"_s, {},
                 q.value(3).toString())) {
            return report;
        }
    }
    if (auto error = run(database, q,
                         u"SELECT session_id, message_seq, tool_name, input, output FROM tool_invocations%1 "
                         "ORDER BY id"_s.arg(where),
                         values)) {
        return *error;
    }
    while (q.next()) {
        if (stopped(cancel)) {
            return cancelled();
        }
        ++report.toolCallsScanned;
        step();
        const QString session = q.value(0).toString();
        const int index = q.value(1).toInt();
        const QString tool = q.value(2).toString();
        if (scan(session, index, u"tool"_s, u"tool_input"_s, tool, q.value(3).toString()) ||
            scan(session, index, u"tool"_s, u"tool_output"_s, tool, q.value(4).toString())) {
            return report;
        }
    }
    return report;
}

QStringList InsightService::urls(QStringView text)
{
    // Not in a URL: white space, quotes and brackets around it, CJK and full-width punctuation.
    static const QRegularExpression url(
        uR"(\bhttps?://[^\s<>"'`\\\[\]{}|^\x{3000}-\x{303f}\x{ff01}\x{ff08}\x{ff09}\x{ff0c}\x{ff1a}\x{ff1b})"
        uR"(\x{201c}\x{201d}\x{2018}\x{2019}]+)"_s,
        QRegularExpression::CaseInsensitiveOption);
    static const QString trailing = u".,;:!?*_~\u00bb\u203a"_s;
    QStringList found;
    QRegularExpressionMatchIterator it = globalMatchView(url, text);
    while (it.hasNext()) {
        QStringView u = it.next().capturedView();
        for (;;) {
            if (!u.isEmpty() && trailing.contains(u.back())) {
                u.chop(1);
            } else if (u.endsWith(u')') && u.count(u'(') < u.count(u')')) {
                u.chop(1);
            } else {
                break;
            }
        }
        const qsizetype host = u.indexOf(u"://"_s) + 3;
        if (host < u.size() && u.at(host).isLetterOrNumber()) {
            found << u.toString();
        }
    }
    return found;
}

Result<InsightService::Links> InsightService::links(Database& database, const QString& projectPath, int limit,
                                                    const std::atomic_bool* cancel)
{
    if (auto checked = checkedLimit(limit); !checked) {
        return checked.error();
    }
    const Scope scope = projectScope(projectPath);
    Links report;
    report.projectPath = projectPath;
    // The index finds the messages that hold a URL's scheme as a word ("https" stems to "http"), so that messages
    // without one are never read.
    QSqlQuery q(database.connection());
    if (auto error = run(database, q,
                         u"SELECT m.session_id, m.content, coalesce(m.timestamp, s.updated_at) FROM messages_fts "
                         "JOIN messages_v2 m ON m.id = messages_fts.rowid JOIN sessions s ON s.id = m.session_id "
                         "WHERE messages_fts MATCH 'http OR https'"_s +
                             scope.where,
                         scope.values)) {
        return *error;
    }
    struct Seen
    {
        Link link;
        QSet<QString> sessions;
    };
    QHash<QString, Seen> seen;
    while (q.next()) {
        if (stopped(cancel)) {
            return cancelled();
        }
        ++report.messagesScanned;
        const QString session = q.value(0).toString();
        const QDateTime time = timeOf(q.value(2));
        for (const QString& found : urls(q.value(1).toString())) {
            // A URL can hold a secret (a webhook, a password, a token in its query): it is counted masked.
            const QString shown = SecretScanner::redacted(found);
            Seen& s = seen[shown];
            if (s.link.count++ == 0) {
                s.link.url = shown;
                s.link.firstSeen = time;
                s.link.lastSeen = time;
            } else if (time.isValid()) {
                s.link.firstSeen = s.link.firstSeen.isValid() ? std::min(s.link.firstSeen, time) : time;
                s.link.lastSeen = std::max(s.link.lastSeen, time);
            }
            s.sessions.insert(session);
        }
    }
    report.distinct = seen.size();
    for (auto it = seen.begin(); it != seen.end(); ++it) {
        it->link.sessions = it->sessions.size();
        report.links.append(std::move(it->link));
    }
    std::sort(report.links.begin(), report.links.end(), [](const Link& a, const Link& b) {
        return a.count != b.count         ? a.count > b.count
               : a.sessions != b.sessions ? a.sessions > b.sessions
                                          : a.url < b.url;
    });
    report.truncated = report.links.size() > limit;
    report.links.resize(std::min<qsizetype>(report.links.size(), limit));
    return report;
}

boost::json::object toJson(const InsightService::RecentWork& report)
{
    boost::json::array sessions;
    for (const auto& s : report.sessions) {
        boost::json::object session = jsonSession(s);
        session["tool_calls"] = s.toolCalls;
        session["tools"] = jsonCounts(s.tools);
        sessions.push_back(std::move(session));
    }
    boost::json::array projects;
    for (const auto& p : report.projects) {
        projects.push_back(boost::json::object{{"project_path", jsonText(p.projectPath)},
                                               {"sessions", p.sessions},
                                               {"messages", p.messages},
                                               {"last_updated", jsonTime(p.lastUpdated)}});
    }
    return {{"days", report.days},
            {"since", jsonTime(report.since)},
            {"truncated", report.truncated},
            {"sessions", std::move(sessions)},
            {"projects", std::move(projects)}};
}

boost::json::object toJson(const InsightService::SessionOutline& report)
{
    boost::json::array steps;
    for (const auto& s : report.steps) {
        boost::json::array files;
        for (const QString& file : s.filesChanged) {
            files.emplace_back(json::fromQString(file));
        }
        steps.push_back(boost::json::object{{"index", s.index},
                                            {"timestamp", jsonTime(s.timestamp)},
                                            {"text", json::fromQString(s.text)},
                                            {"assistant_messages", s.assistantMessages},
                                            {"tool_calls", s.toolCalls},
                                            {"tools", jsonCounts(s.tools)},
                                            {"files_changed", std::move(files)},
                                            {"files_changed_count", s.filesChangedCount}});
    }
    return {{"session_id", json::fromQString(report.sessionId)},
            {"provider", json::fromQString(report.provider)},
            {"title", json::fromQString(report.title)},
            {"project_path", jsonText(report.projectPath)},
            {"created_at", jsonTime(report.createdAt)},
            {"updated_at", jsonTime(report.updatedAt)},
            {"user_messages", report.userMessages},
            {"truncated", report.truncated},
            {"steps", std::move(steps)}};
}

boost::json::object toJson(const InsightService::CodeInsight& report)
{
    boost::json::array tools;
    for (const auto& t : report.tools) {
        tools.push_back(boost::json::object{{"tool", json::fromQString(t.tool)},
                                            {"calls", t.calls},
                                            {"failures", t.failures},
                                            {"statuses", jsonMap(t.statuses)},
                                            {"sessions", t.sessions},
                                            {"last_used", jsonTime(t.lastUsed)}});
    }
    boost::json::array files;
    for (const auto& f : report.files) {
        files.push_back(boost::json::object{{"path", json::fromQString(f.path)},
                                            {"changes", f.changes},
                                            {"change_types", jsonMap(f.changeTypes)},
                                            {"sessions", f.sessions},
                                            {"last_changed", jsonTime(f.lastChanged)}});
    }
    return {{"project_path", jsonText(report.projectPath)},
            {"sessions", report.sessions},
            {"tool_calls", report.toolCalls},
            {"tools_truncated", report.toolsTruncated},
            {"files_truncated", report.filesTruncated},
            {"tools", std::move(tools)},
            {"files", std::move(files)}};
}

boost::json::object toJson(const InsightService::Organizer& report)
{
    boost::json::array sessions;
    for (const auto& s : report.sessions) {
        sessions.push_back(jsonSession(s));
    }
    return {
        {"total_sessions", report.totalSessions}, {"truncated", report.truncated}, {"sessions", std::move(sessions)}};
}

boost::json::object toJson(const InsightService::Secrets& report)
{
    boost::json::array findings;
    for (const auto& f : report.findings) {
        findings.push_back(boost::json::object{{"session_id", json::fromQString(f.sessionId)},
                                               {"title", json::fromQString(f.title)},
                                               {"message_index", f.messageIndex},
                                               {"role", json::fromQString(f.role)},
                                               {"source", json::fromQString(f.source)},
                                               {"tool_name", jsonText(f.toolName)},
                                               {"rule", json::fromQString(f.rule)},
                                               {"rule_name", json::fromQString(f.ruleName)},
                                               {"masked", json::fromQString(f.masked)},
                                               {"context", json::fromQString(f.context)}});
    }
    return {{"session_id", jsonText(report.sessionId)},
            {"messages_scanned", report.messagesScanned},
            {"tool_calls_scanned", report.toolCallsScanned},
            {"truncated", report.truncated},
            {"findings", std::move(findings)}};
}

boost::json::object toJson(const InsightService::Links& report)
{
    boost::json::array links;
    for (const auto& l : report.links) {
        links.push_back(boost::json::object{{"url", json::fromQString(l.url)},
                                            {"count", l.count},
                                            {"sessions", l.sessions},
                                            {"first_seen", jsonTime(l.firstSeen)},
                                            {"last_seen", jsonTime(l.lastSeen)}});
    }
    return {{"project_path", jsonText(report.projectPath)},
            {"messages_scanned", report.messagesScanned},
            {"distinct", report.distinct},
            {"truncated", report.truncated},
            {"links", std::move(links)}};
}

} // namespace chasm
