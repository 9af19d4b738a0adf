// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#include "HistoryService.h"

#include "json/Json.h"
#include "model/ModelJson.h"
#include "model/Session.h"
#include "store/HarvestReader.h"
#include "store/ProjectFolder.h"
#include "util/IsoTime.h"
#include "util/SqliteConnection.h"

#include <QDir>
#include <QHash>
#include <QMap>
#include <QRegularExpression>
#include <QSqlError>
#include <QSqlQuery>

#include <boost/json/array.hpp>
#include <boost/json/serialize.hpp>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace chasm {

namespace {

// A session's origin and id as one text: the key of what is gathered per session.
QString sessionKey(const QString& origin, const QString& id)
{
    return origin + u'\n' + id;
}

bool isSet(const std::atomic_bool* cancel)
{
    return cancel && cancel->load(std::memory_order_relaxed);
}

Error cancellation()
{
    return Error{HistoryService::cancelled.toString()};
}

QVariant iso(const QDateTime& time)
{
    return isoUtc(time, TimePrecision::Milliseconds);
}

QDateTime timeOf(const QVariant& value)
{
    return value.isNull() ? QDateTime() : QDateTime::fromString(value.toString(), Qt::ISODateWithMs);
}

std::optional<Error> checkPage(int offset, int limit)
{
    if (offset < 0) {
        return Error{u"offset must be 0 or more (got %1)"_s.arg(offset), ErrorKind::Invalid};
    }
    if (limit < 1) {
        return Error{u"limit must be at least 1 (got %1)"_s.arg(limit), ErrorKind::Invalid};
    }
    return std::nullopt;
}

boost::json::value textOrNull(const QString& text)
{
    return text.isEmpty() ? boost::json::value(nullptr) : boost::json::value(json::fromQString(text));
}

boost::json::array strings(const QStringList& list)
{
    boost::json::array array;
    for (const QString& s : list) {
        array.emplace_back(json::fromQString(s));
    }
    return array;
}

boost::json::value nextOffset(int offset, qsizetype shown, qint64 total)
{
    const qint64 next = qint64(offset) + shown;
    return next < total ? boost::json::value(next) : boost::json::value(nullptr);
}

} // namespace

// ---- sessions

Result<HistoryService::SessionsReport> HistoryService::sessions(const HistoryStore& store,
                                                                const SessionsRequest& request)
{
    if (auto error = checkPage(request.offset, request.limit)) {
        return *error;
    }
    QStringList conditions{u"1 = 1"_s};
    QVariantList values;
    if (!request.provider.isEmpty()) {
        conditions << u"provider = ?"_s;
        values << request.provider;
    }
    if (!request.workspaceId.isEmpty()) {
        conditions << u"workspace = ?"_s;
        values << request.workspaceId;
    }
    if (const auto folder = projectFolderCondition(store.bytewise(u"project_path"_s), request.projectPath);
        !folder.sql.isEmpty()) {
        conditions << folder.sql;
        values << folder.values;
    }
    if (request.after.isValid()) {
        conditions << store.bytewise(u"updated_at"_s) + u" >= ?"_s;
        values << iso(request.after);
    }
    if (request.before.isValid()) {
        conditions << store.bytewise(u"updated_at"_s) + u" <= ?"_s;
        values << iso(request.before);
    }
    const QString where = conditions.join(u" AND "_s);
    SessionsReport report;
    report.offset = request.offset;
    QSqlQuery query(store.connection());
    if (!SqliteConnection::run(query, u"SELECT count(*) FROM sessions WHERE "_s + where, values) || !query.next()) {
        return store.readError(query);
    }
    report.total = query.value(0).toLongLong();
    query.finish();
    if (!SqliteConnection::run(
            query,
            u"SELECT %1 FROM sessions WHERE %2 ORDER BY %3, %4, %5 LIMIT ? OFFSET ?"_s.arg(
                HarvestReader::refColumns(store.dialect()), where, store.newestFirst(store.bytewise(u"updated_at"_s)),
                store.newestFirst(store.bytewise(u"created_at"_s)), store.bytewise(u"id"_s) + u", "_s + store.origin()),
            values + QVariantList{request.limit, request.offset})) {
        return store.readError(query);
    }
    while (query.next()) {
        report.sessions.append(HarvestReader::refOf(query));
    }
    return report;
}

// ---- messages

namespace {

const QStringList& roleNames()
{
    static const QStringList names{roleName(Role::User), roleName(Role::Assistant), roleName(Role::System)};
    return names;
}

// The positions of a session's messages that `roles` keeps, by the index on (session_id, seq), or with `roles` by the
// one on (session_id, role, seq): one query per role, merged, so that each reads only as far as it answers.
class KeptMessages
{
public:
    KeptMessages(const HistoryStore& store, const HistoryStore::Key& session, QStringList roles)
        : m_store(store)
        , m_session(store.isSession(session, u"session_id"_s))
        , m_roles(std::move(roles))
    {}

    // Up to `count` positions from `from` on (ascending), or before `before` (descending).
    Result<QList<int>> after(int from, int count) const { return fetch(u">= ? ORDER BY seq"_s, from, count, false); }
    Result<QList<int>> before(int before, int count) const
    {
        return fetch(u"< ? ORDER BY seq DESC"_s, before, count, true);
    }

    Result<qint64> total() const
    {
        // A session's messages are numbered 0 to n - 1 (HarvestWriter writes them so): the last number tells, where
        // counting would read the whole session's entries. Counting a role reads its entries: the roles kept are
        // counted, or the others when they are fewer (the user's and the assistant's messages are all but the
        // system's, of which a session has few).
        QStringList others;
        for (const QString& role : roleNames()) {
            if (!m_roles.contains(role)) {
                others << role;
            }
        }
        const bool all = m_roles.isEmpty() || others.size() < m_roles.size();
        QSqlQuery query(m_store.connection());
        qint64 total = 0;
        if (all) {
            if (!SqliteConnection::run(query,
                                       u"SELECT coalesce(max(seq) + 1, 0) FROM messages_v2 WHERE "_s + m_session.sql,
                                       m_session.values) ||
                !query.next()) {
                return m_store.readError(query);
            }
            total = query.value(0).toLongLong();
            query.finish();
        }
        for (const QString& role : m_roles.isEmpty() ? QStringList() : all ? others : m_roles) {
            if (!SqliteConnection::run(query,
                                       u"SELECT count(*) FROM messages_v2 WHERE %1 AND role = ?"_s.arg(m_session.sql),
                                       m_session.values + QVariantList{role}) ||
                !query.next()) {
                return m_store.readError(query);
            }
            total += (all ? -1 : 1) * query.value(0).toLongLong();
            query.finish();
        }
        return total;
    }

private:
    Result<QList<int>> fetch(const QString& condition, int bound, int count, bool descending) const
    {
        QList<int> merged;
        QSqlQuery query(m_store.connection());
        const QStringList roles = m_roles.isEmpty() ? QStringList{QString()} : m_roles;
        for (const QString& role : roles) {
            QVariantList values = m_session.values;
            QString sql = u"SELECT seq FROM messages_v2 WHERE "_s + m_session.sql;
            if (!role.isNull()) {
                sql += u" AND role = ?"_s;
                values << role;
            }
            sql += u" AND seq "_s + condition + u" LIMIT ?"_s;
            values << bound << count;
            if (!SqliteConnection::run(query, sql, values)) {
                return m_store.readError(query);
            }
            while (query.next()) {
                merged.append(query.value(0).toInt());
            }
            query.finish();
        }
        std::sort(merged.begin(), merged.end());
        if (descending) {
            std::reverse(merged.begin(), merged.end());
        }
        return merged.mid(0, count);
    }

    const HistoryStore& m_store;
    const HistoryStore::Condition m_session;
    QStringList m_roles;
};

Result<HistoryService::SessionHeader> headerOf(const HistoryStore& store, const HistoryStore::Key& key)
{
    QSqlQuery query(store.connection());
    const HistoryStore::Condition session = store.isSession(key, u"id"_s);
    if (!SqliteConnection::run(
            query,
            u"SELECT id, provider, title, project_path, workspace, created_at, updated_at, message_count, model "
            "FROM sessions WHERE "_s +
                session.sql,
            session.values)) {
        return store.readError(query);
    }
    if (!query.next()) {
        return Error{u"no harvested session '%1' in %2"_s.arg(key.id, store.name()), ErrorKind::NotFound};
    }
    HistoryService::SessionHeader header;
    header.origin = key.origin;
    header.id = query.value(0).toString();
    header.provider = query.value(1).toString();
    header.title = query.value(2).toString();
    header.projectPath = query.value(3).toString();
    header.workspace = query.value(4).toString();
    header.createdAt = timeOf(query.value(5));
    header.updatedAt = timeOf(query.value(6));
    header.messageCount = query.value(7).toInt();
    header.model = query.value(8).toString();
    return header;
}

// The longest part of a tool's input read for its summary: what it names comes first (a file edit's whole new text
// can follow its path).
constexpr int summaryInputChars = 8192;

} // namespace

Result<qint64> HistoryService::textLength(const HistoryStore& store, const QString& sessionId)
{
    const auto key = store.resolve(sessionId);
    if (!key) {
        return key.error();
    }
    QSqlQuery query(store.connection());
    const HistoryStore::Condition session = store.isSession(*key, u"session_id"_s);
    if (!SqliteConnection::run(query,
                               u"SELECT coalesce(sum(length(content)), 0) FROM messages_v2 WHERE "_s + session.sql,
                               session.values)) {
        return store.readError(query);
    }
    const qint64 chars = query.next() ? query.value(0).toLongLong() : 0;
    query.finish();
    return chars;
}

Result<HistoryService::MessagesReport> HistoryService::messages(const HistoryStore& store,
                                                                const MessagesRequest& request)
{
    if (request.from < 0) {
        return Error{u"from must be 0 or more (got %1)"_s.arg(request.from), ErrorKind::Invalid};
    }
    if (request.limit < 1) {
        return Error{u"limit must be at least 1 (got %1)"_s.arg(request.limit), ErrorKind::Invalid};
    }
    if (request.around && *request.around < 0) {
        return Error{u"around must be 0 or more (got %1)"_s.arg(*request.around), ErrorKind::Invalid};
    }
    if (request.maxCharsPerMessage < 0) {
        return Error{u"max_chars_per_message must be 0 (no limit) or more (got %1)"_s.arg(request.maxCharsPerMessage),
                     ErrorKind::Invalid};
    }
    if (request.fromChar < 0) {
        return Error{u"from_char must be 0 or more (got %1)"_s.arg(request.fromChar), ErrorKind::Invalid};
    }
    if (request.fromChar > 0 && request.around) {
        return Error{u"from_char goes with from (the message whose text it starts), not with around"_s,
                     ErrorKind::Invalid};
    }
    QStringList roles;
    for (const QString& role : request.roles) {
        if (!roleNames().contains(role)) {
            return Error{u"unknown role '%1' (roles are %2)"_s.arg(role, roleNames().join(u", "_s)),
                         ErrorKind::Invalid};
        }
        if (!roles.contains(role)) {
            roles << role;
        }
    }
    const auto key = store.resolve(request.sessionId);
    if (!key) {
        return key.error();
    }
    auto header = headerOf(store, *key);
    if (!header) {
        return header.error();
    }
    MessagesReport report;
    report.session = std::move(header).value();
    const KeptMessages kept(store, *key, roles);
    const auto total = kept.total();
    if (!total) {
        return total.error();
    }
    report.total = *total;

    // The window's positions, and the one after it.
    const int limit = request.limit;
    QList<int> window;
    QList<int> following;
    if (request.around) {
        auto after = kept.after(*request.around, limit + 1);
        auto before = kept.before(*request.around, limit);
        if (!after || !before) {
            return after ? before.error() : after.error();
        }
        // Half the window before the message, more where the session ends sooner.
        const int shownAfter = int(std::min<qsizetype>(after->size(), limit));
        const int shownBefore = int(std::min<qsizetype>(before->size(), std::max(limit / 2, limit - shownAfter)));
        for (int i = shownBefore - 1; i >= 0; --i) {
            window << before->at(i);
        }
        window << after->mid(0, limit - shownBefore);
        following = after->mid(limit - shownBefore);
    } else {
        auto after = kept.after(request.from, limit + 1);
        if (!after) {
            return after.error();
        }
        window = after->mid(0, limit);
        following = after->mid(limit);
    }
    if (!following.isEmpty()) {
        report.nextFrom = following.constFirst();
    }
    if (window.isEmpty()) {
        return report;
    }

    // The positions are numbers of our own: written into the statements as they are.
    QStringList positions;
    for (const int seq : std::as_const(window)) {
        positions << QString::number(seq);
    }
    const QString inWindow = positions.join(u',');
    const HistoryStore::Condition session = store.isSession(*key, u"session_id"_s);
    const int cut = request.maxCharsPerMessage;
    // Where each message's text starts (1-based, as substr counts): request.fromChar for the message at `from`.
    const QVariantList start{request.around ? -1 : request.from, request.fromChar + 1};
    QSqlQuery query(store.connection());
    if (request.maxWindowChars > 0 && (cut == 0 || qint64(cut) * window.size() > request.maxWindowChars)) {
        // length() counts the texts without keeping them.
        const QString left = u"length(content) - CASE seq WHEN ? THEN ? ELSE 0 END"_s;
        if (!SqliteConnection::run(query,
                                   u"SELECT coalesce(sum(%1), 0) FROM messages_v2 WHERE %2 AND seq IN (%3)"_s.arg(
                                       cut > 0 ? u"CASE WHEN %1 < %2 THEN %1 ELSE %2 END"_s.arg(left).arg(cut) : left,
                                       session.sql, inWindow),
                                   (cut > 0 ? QVariantList{start.at(0), request.fromChar, start.at(0), request.fromChar}
                                            : QVariantList{start.at(0), request.fromChar}) +
                                       session.values)) {
            return store.readError(query);
        }
        const qint64 chars = query.next() ? query.value(0).toLongLong() : 0;
        query.finish();
        if (chars > request.maxWindowChars) {
            return Error{u"these %1 messages hold %2 characters, more than one answer holds (%3): ask for fewer "
                         u"(limit) or cut each (max_chars_per_message)"_s.arg(window.size())
                             .arg(chars)
                             .arg(request.maxWindowChars),
                         ErrorKind::TooLarge};
        }
    }
    // Both count a text's characters in code points: substr never splits one.
    if (!SqliteConnection::run(
            query,
            u"SELECT seq, role, timestamp, model, substr(content, CASE seq WHEN ? THEN ? ELSE 1 END%1), "
            "length(content), CASE seq WHEN ? THEN ? ELSE 0 END FROM messages_v2 WHERE %2 AND seq IN (%3) "
            "ORDER BY seq"_s.arg(cut > 0 ? u", ?"_s : QString(), session.sql, inWindow),
            start + (cut > 0 ? QVariantList{cut} : QVariantList{}) + QVariantList{start.at(0), request.fromChar} +
                session.values)) {
        return store.readError(query);
    }
    QHash<int, qsizetype> byPosition;
    while (query.next()) {
        WindowMessage m;
        m.index = query.value(0).toInt();
        m.role = query.value(1).toString();
        m.timestamp = timeOf(query.value(2));
        m.model = query.value(3).toString();
        m.text = query.value(4).toString();
        m.fullLength = query.value(5).toLongLong();
        m.fromChar = std::min(query.value(6).toLongLong(), m.fullLength);
        m.truncated = m.fromChar > 0 || (cut > 0 && m.fullLength - m.fromChar > cut);
        byPosition.insert(m.index, report.messages.size());
        report.messages.append(std::move(m));
    }
    query.finish();
    if (!SqliteConnection::run(query,
                               u"SELECT message_seq, tool_name, status, substr(input, 1, ?) FROM tool_invocations "
                               "WHERE %1 AND message_seq IN (%2) ORDER BY message_seq, id"_s.arg(session.sql, inWindow),
                               QVariantList{summaryInputChars} + session.values)) {
        return store.readError(query);
    }
    while (query.next()) {
        const auto at = byPosition.constFind(query.value(0).toInt());
        if (at != byPosition.constEnd()) {
            report.messages[*at].toolCalls.append(
                {query.value(1).toString(), query.value(2).toString(), toolInputSummary(query.value(3).toString())});
        }
    }
    return report;
}

namespace {

// A JSON value as one line of text: a string, strings joined by spaces (a command given as its words), or nothing.
QString textOf(const boost::json::value& value)
{
    if (value.is_string()) {
        return json::toQString(value.get_string());
    }
    if (value.is_array()) {
        QStringList words;
        for (const boost::json::value& item : value.get_array()) {
            if (!item.is_string()) {
                return {};
            }
            words << json::toQString(item.get_string());
        }
        return words.join(u' ');
    }
    return {};
}

} // namespace

QString HistoryService::toolInputSummary(const QString& input, int maxCharacters)
{
    const std::string text = input.toStdString();
    auto parsed = json::parse(text, {});
    if (!parsed) {
        if (const auto closed = json::closeTruncated(text)) {
            parsed = json::parse(*closed, {});
        }
    }
    QString summary;
    if (parsed && parsed->is_object()) {
        const boost::json::object& object = parsed->get_object();
        // What a call acts on, in the names the tools give it (Claude Code, Codex, Gemini, Copilot, Cursor...).
        static const std::string_view keys[] = {"file_path", "filePath", "path",    "notebook_path",
                                                "command",   "cmd",      "pattern", "query",
                                                "url",       "uri",      "prompt",  "description"};
        for (const std::string_view key : keys) {
            if (const auto* value = object.if_contains(key)) {
                summary = textOf(*value);
            }
            if (!summary.trimmed().isEmpty()) {
                break;
            }
        }
        for (auto it = object.begin(); summary.trimmed().isEmpty() && it != object.end(); ++it) {
            const QString value = textOf(it->value());
            if (!value.trimmed().isEmpty()) {
                summary = json::toQString(std::string_view(it->key())) + u": "_s + value;
            }
        }
    } else if (parsed && !parsed->is_null()) {
        summary = textOf(*parsed);
    }
    if (summary.trimmed().isEmpty()) {
        summary = input;
    }
    // Its first line that says something.
    const QStringList lines = summary.split(u'\n');
    const auto line =
        std::find_if(lines.cbegin(), lines.cend(), [](const QString& l) { return !l.trimmed().isEmpty(); });
    return line == lines.cend() ? QString() : shortened(*line, maxCharacters);
}

// ---- stats

Result<HistoryService::StatsReport> HistoryService::stats(const HistoryStore& store, const std::atomic_bool* cancel)
{
    if (isSet(cancel)) {
        return cancellation();
    }
    StatsReport report;
    report.database = store.name();
    const auto size = store.sizeBytes();
    if (!size) {
        return size.error();
    }
    report.sizeBytes = *size;
    QSqlQuery query(store.connection());

    struct Stored
    {
        HistoryStore::Key key;
        QString provider;
        QString month;
        qint64 messageCount = 0;
    };
    QList<Stored> stored;
    QMap<QString, ProviderStats> providers;
    QMap<QString, MonthStats> months;
    if (!SqliteConnection::run(
            query,
            u"SELECT %1, id, provider, substr(coalesce(created_at, updated_at), 1, 7), message_count FROM sessions "
            "ORDER BY %2"_s.arg(store.origin(), store.keyOrder(u"id"_s)),
            {})) {
        return store.readError(query);
    }
    while (query.next()) {
        if (isSet(cancel)) {
            return cancellation();
        }
        Stored s{{query.value(0).toString(), query.value(1).toString()},
                 query.value(2).toString(),
                 query.value(3).toString(),
                 query.value(4).toLongLong()};
        ProviderStats& provider = providers[s.provider];
        provider.provider = s.provider;
        ++provider.sessions;
        if (!s.month.isEmpty()) {
            MonthStats& month = months[s.month];
            month.month = s.month;
            ++month.sessions;
        }
        stored.append(std::move(s));
    }
    query.finish();
    report.sessions = stored.size();

    // The messages of a batch of sessions (consecutive ids of one origin) at a time, counted per session and month
    // of their own time: a range of the index of the sessions' messages, then each message's row for its time.
    // Between batches, the work stops when cancelled.
    constexpr qint64 batchMessages = 50000;
    QHash<QString, qsizetype> byKey;
    for (qsizetype i = 0; i < stored.size(); ++i) {
        byKey.insert(sessionKey(stored.at(i).key.origin, stored.at(i).key.id), i);
    }
    for (qsizetype first = 0; first < stored.size();) {
        if (isSet(cancel)) {
            return cancellation();
        }
        qsizetype last = first;
        for (qint64 messages = stored.at(first).messageCount;
             last + 1 < stored.size() && stored.at(last + 1).key.origin == stored.at(first).key.origin &&
             messages + stored.at(last + 1).messageCount <= batchMessages;
             ++last) {
            messages += stored.at(last + 1).messageCount;
        }
        const HistoryStore::Condition batch =
            store.sessionsFrom(stored.at(first).key, stored.at(last).key, u"session_id"_s);
        if (!SqliteConnection::run(
                query,
                u"SELECT %1, session_id, substr(timestamp, 1, 7), count(*) FROM messages_v2 WHERE %2 "
                "GROUP BY 1, 2, 3"_s.arg(store.origin(), batch.sql),
                batch.values)) {
            return store.readError(query);
        }
        while (query.next()) {
            const qsizetype at = byKey.value(sessionKey(query.value(0).toString(), query.value(1).toString()), -1);
            if (at < 0) { // stored since the sessions were read
                continue;
            }
            const Stored& session = stored.at(at);
            const qint64 count = query.value(3).toLongLong();
            const QString month = query.value(2).isNull() ? session.month : query.value(2).toString();
            report.messages += count;
            providers[session.provider].messages += count;
            if (!month.isEmpty()) {
                MonthStats& stats = months[month];
                stats.month = month;
                stats.messages += count;
            }
        }
        query.finish();
        first = last + 1;
    }
    report.providers = providers.values();
    report.months = months.values();

    if (!SqliteConnection::run(query,
                               u"SELECT started_at, finished_at, new, updated, unchanged, failed FROM harvest_runs "
                               "ORDER BY id DESC LIMIT 1"_s,
                               {})) {
        return store.readError(query);
    }
    if (query.next()) {
        report.lastHarvest = LastHarvest{timeOf(query.value(0)), timeOf(query.value(1)), query.value(2).toInt(),
                                         query.value(3).toInt(), query.value(4).toInt(), query.value(5).toInt()};
    }
    return report;
}

std::optional<HistoryService::Period> HistoryService::periodNamed(const QString& name)
{
    static const QHash<QString, Period> periods{
        {u"day"_s, Period::Day}, {u"week"_s, Period::Week}, {u"month"_s, Period::Month}, {u"year"_s, Period::Year}};
    const auto found = periods.constFind(name);
    return found == periods.cend() ? std::nullopt : std::optional<Period>(*found);
}

namespace {

QString periodName(HistoryService::Period period)
{
    switch (period) {
    case HistoryService::Period::Day:
        return u"day"_s;
    case HistoryService::Period::Week:
        return u"week"_s;
    case HistoryService::Period::Month:
        return u"month"_s;
    case HistoryService::Period::Year:
        break;
    }
    return u"year"_s;
}

// The period a day ("2026-01-05") falls in; empty for no day.
QString periodOf(const QString& day, HistoryService::Period period)
{
    switch (period) {
    case HistoryService::Period::Day:
        return day;
    case HistoryService::Period::Week: {
        const QDate date = QDate::fromString(day, Qt::ISODate);
        if (!date.isValid()) {
            return {};
        }
        int year = 0;
        const int week = date.weekNumber(&year);
        return u"%1-W%2"_s.arg(year, 4, 10, QChar(u'0')).arg(week, 2, 10, QChar(u'0'));
    }
    case HistoryService::Period::Month:
        return day.left(7);
    case HistoryService::Period::Year:
        break;
    }
    return day.left(4);
}

} // namespace

Result<HistoryService::TimelineReport> HistoryService::timeline(const HistoryStore& store, Period period)
{
    // Per day first, as stats counts per month: a session on the day it started (created, else last active), a
    // message on its own day, else its session's.
    QMap<QString, PeriodStats> periods;
    QSqlQuery query(store.connection());
    // Each statement gives a day and a count, added into `field` of the day's period.
    const auto count = [&](const QString& sql, qint64 PeriodStats::*field) {
        if (!SqliteConnection::run(query, sql, {})) {
            return false;
        }
        while (query.next()) {
            const QString key = periodOf(query.value(0).toString(), period);
            if (!key.isEmpty()) {
                periods[key].period = key;
                periods[key].*field += query.value(1).toLongLong();
            }
        }
        query.finish();
        return true;
    };
    if (!count(u"SELECT substr(coalesce(created_at, updated_at), 1, 10), count(*) FROM sessions GROUP BY 1"_s,
               &PeriodStats::sessions) ||
        !count(u"SELECT substr(coalesce(m.timestamp, s.created_at, s.updated_at), 1, 10), count(*) FROM messages_v2 m "
               "JOIN sessions s ON %1 GROUP BY 1"_s.arg(store.sameSession(u"m"_s, u"s"_s)),
               &PeriodStats::messages)) {
        return store.readError(query);
    }
    return TimelineReport{period, periods.values()};
}

boost::json::object toJson(const HistoryService::TimelineReport& report)
{
    boost::json::array points;
    for (const HistoryService::PeriodStats& p : report.periods) {
        points.emplace_back(boost::json::object{
            {"period", json::fromQString(p.period)}, {"sessions", p.sessions}, {"messages", p.messages}});
    }
    return {{"period", json::fromQString(periodName(report.period))}, {"timeline", std::move(points)}};
}

// ---- file history

namespace {

// Whether a character can be part of a file's name on either side of a mention: a name that ends where another
// goes on ("auth.ts" in "oauth.ts", "auth.tsx") is not the file. A dot before the name is part of another name too
// (".auth.ts"); after it, it may end a sentence.
bool continuesName(QChar c, bool before)
{
    return c.isLetterOrNumber() || c == u'_' || c == u'-' || (before && c == u'.');
}

// Whether `text` names `path` between characters that cannot be part of the same name.
bool names(const QString& text, const QString& path)
{
    for (qsizetype at = text.indexOf(path); at >= 0; at = text.indexOf(path, at + 1)) {
        const qsizetype end = at + path.size();
        if ((at == 0 || !continuesName(text.at(at - 1), true)) &&
            (end == text.size() || !continuesName(text.at(end), false))) {
            return true;
        }
    }
    return false;
}

// The touches of a file, gathered per session (its origin and id).
class Touches
{
public:
    void add(const QString& origin, const QString& session, const QString& how, const QDateTime& time)
    {
        HistoryService::FileSession& s = m_sessions[sessionKey(origin, session)];
        s.origin = origin;
        s.id = session;
        if (!s.how.contains(how)) {
            s.how << how;
        }
        ++s.touches;
        if (time.isValid()) {
            if (!s.firstTouch.isValid() || time < s.firstTouch) {
                s.firstTouch = time;
            }
            if (!s.lastTouch.isValid() || time > s.lastTouch) {
                s.lastTouch = time;
            }
        }
    }
    HistoryService::FileSession& operator()(const QString& origin, const QString& session)
    {
        return m_sessions[sessionKey(origin, session)];
    }
    QHash<QString, HistoryService::FileSession>& sessions() { return m_sessions; }

private:
    QHash<QString, HistoryService::FileSession> m_sessions;
};

void addOnce(QStringList& list, const QString& value)
{
    if (!value.isEmpty() && !list.contains(value)) {
        list << value;
    }
}

// Tool inputs are read in ranges of rows, so that a cancellation is heard during a long scan.
constexpr qint64 toolBatchRows = 20000;

} // namespace

Result<HistoryService::FileHistoryReport> HistoryService::fileHistory(const HistoryStore& store,
                                                                      const FileHistoryRequest& request,
                                                                      const std::atomic_bool* cancel)
{
    if (auto error = checkPage(request.offset, request.limit)) {
        return *error;
    }
    QString path = request.path.trimmed();
    while (path.startsWith(u"./"_s)) {
        path.remove(0, 2);
    }
    if (path.isEmpty()) {
        return Error{u"path is empty: give a file's path or name"_s};
    }
    if (isSet(cancel)) {
        return cancellation();
    }
    FileHistoryReport report;
    report.path = path;
    report.offset = request.offset;
    Touches touches;
    QSqlQuery query(store.connection());

    // Stored file changes: the same path, or one that ends with it after a separator.
    if (!SqliteConnection::run(
            query,
            u"SELECT %1, session_id, change_type, timestamp FROM file_changes WHERE file_path = ? OR "
            "(length(file_path) > length(CAST(? AS TEXT)) AND substr(file_path, length(file_path) - "
            "length(CAST(? AS TEXT))) IN ('/' || CAST(? AS TEXT), '\\' || CAST(? AS TEXT)))"_s.arg(store.origin()),
            {path, path, path, path, path})) {
        return store.readError(query);
    }
    while (query.next()) {
        if (isSet(cancel)) {
            return cancellation();
        }
        const QString origin = query.value(0).toString();
        const QString session = query.value(1).toString();
        touches.add(origin, session, u"changed"_s, timeOf(query.value(3)));
        addOnce(touches(origin, session).changeTypes, query.value(2).toString());
    }
    query.finish();

    // Tool calls whose input names it (as it is, or escaped as a JSON string holds it).
    const QString escaped =
        QString::fromStdString(boost::json::serialize(boost::json::value(json::fromQString(path)))).chopped(1).mid(1);
    if (!SqliteConnection::run(query, u"SELECT coalesce(max(id), 0) FROM tool_invocations"_s, {}) || !query.next()) {
        return store.readError(query);
    }
    const qint64 lastTool = query.value(0).toLongLong();
    query.finish();
    for (qint64 from = 0; from < lastTool; from += toolBatchRows) {
        if (isSet(cancel)) {
            return cancellation();
        }
        if (!SqliteConnection::run(
                query,
                u"SELECT %1, session_id, tool_name, timestamp, input FROM tool_invocations WHERE id > ? AND id <= ? "
                "AND (%2 > 0 OR %3 > 0)"_s.arg(store.origin(), store.position(u"input"_s), store.position(u"input"_s)),
                {from, from + toolBatchRows, path, escaped})) {
            return store.readError(query);
        }
        while (query.next()) {
            const QString input = query.value(4).toString();
            if (!names(input, path) && !names(input, escaped)) {
                continue;
            }
            const QString origin = query.value(0).toString();
            const QString session = query.value(1).toString();
            touches.add(origin, session, u"tool"_s, timeOf(query.value(3)));
            addOnce(touches(origin, session).toolNames, query.value(2).toString());
        }
        query.finish();
    }

    // Messages that mention it: the index's matches of its words as a phrase, then the text itself.
    static const QRegularExpression word(u"[\\p{L}\\p{N}]"_s);
    if (path.contains(word)) {
        const auto matching = store.messagesWithPhrase(path);
        if (!matching) {
            return matching.error();
        }
        if (!SqliteConnection::run(
                query,
                u"SELECT %1, m.session_id, m.timestamp, m.content FROM %2 WHERE %3 AND %4 > 0"_s.arg(
                    store.origin(u"m"_s), matching->from, matching->where.sql, store.position(u"m.content"_s)),
                matching->where.values + QVariantList{path})) {
            return store.readError(query);
        }
        while (query.next()) {
            if (isSet(cancel)) {
                return cancellation();
            }
            if (names(query.value(3).toString(), path)) {
                touches.add(query.value(0).toString(), query.value(1).toString(), u"mentioned"_s,
                            timeOf(query.value(2)));
            }
        }
        query.finish();
    }

    // The sessions, newest first.
    QStringList ids;
    for (const FileSession& s : std::as_const(touches.sessions())) {
        addOnce(ids, s.id);
    }
    const HarvestReader::Statement touched = HarvestReader::inList(u"id"_s, ids, store.dialect());
    if (!SqliteConnection::run(
            query,
            u"SELECT %1, id, provider, title, project_path, updated_at FROM sessions WHERE %2 ORDER BY %3, %4, %1"_s
                .arg(store.origin(), touched.sql, store.newestFirst(store.bytewise(u"updated_at"_s)),
                     store.bytewise(u"id"_s)),
            touched.values)) {
        return store.readError(query);
    }
    QList<FileSession> found;
    while (query.next()) {
        const QString key = sessionKey(query.value(0).toString(), query.value(1).toString());
        if (!touches.sessions().contains(key)) { // another origin's session of the same id
            continue;
        }
        FileSession s = touches.sessions().value(key);
        s.provider = query.value(2).toString();
        s.title = query.value(3).toString();
        s.projectPath = query.value(4).toString();
        s.updatedAt = timeOf(query.value(5));
        found.append(std::move(s));
    }
    report.total = found.size();
    report.sessions = found.mid(request.offset, request.limit);
    return report;
}

namespace {

// The first column of at most `limit` rows of a query whose second column counts every row it would give.
Result<HistoryService::Completions> completions(const HistoryStore& store, const QString& sql,
                                                const QVariantList& values)
{
    QSqlQuery query(store.connection());
    if (!SqliteConnection::run(query, sql, values)) {
        return store.readError(query);
    }
    HistoryService::Completions found;
    while (query.next()) {
        found.values << query.value(0).toString();
        found.total = query.value(1).toLongLong();
    }
    return found;
}

} // namespace

Result<HistoryService::Completions> HistoryService::sessionIdsStarting(const HistoryStore& store, const QString& prefix,
                                                                       int limit)
{
    // Position 1: starts with, case counting (LIKE would not count it, and reads % and _). An id harvested on
    // several machines is one value.
    return completions(store,
                       u"SELECT id, count(*) OVER () FROM sessions WHERE %1 = 1 OR %2 = 1 GROUP BY id "
                       "ORDER BY %3, %4 LIMIT ?"_s.arg(store.position(u"id"_s), store.position(u"native_id"_s),
                                                       store.newestFirst(store.bytewise(u"max(updated_at)"_s)),
                                                       store.bytewise(u"id"_s)),
                       {prefix, prefix, limit});
}

Result<HistoryService::Completions> HistoryService::projectPathsStarting(const HistoryStore& store,
                                                                         const QString& prefix, int limit)
{
    return completions(store,
                       u"SELECT project_path, count(*) OVER () FROM sessions WHERE project_path <> '' AND %1 = 1 "
                       "GROUP BY project_path ORDER BY %2, %3 LIMIT ?"_s.arg(
                           store.position(u"project_path"_s), store.newestFirst(store.bytewise(u"max(updated_at)"_s)),
                           store.bytewise(u"project_path"_s)),
                       {prefix, limit});
}

// ---- JSON

boost::json::object toJson(const HistoryService::SessionsReport& report)
{
    boost::json::array sessions;
    for (const SessionRef& session : report.sessions) {
        sessions.emplace_back(shapes::sessionSummary(session));
    }
    return {{"sessions", std::move(sessions)},
            {"total", report.total},
            {"offset", report.offset},
            {"next_offset", nextOffset(report.offset, report.sessions.size(), report.total)}};
}

boost::json::object toJson(const HistoryService::MessagesReport& report)
{
    const HistoryService::SessionHeader& h = report.session;
    boost::json::object session{{"id", json::fromQString(h.id)},
                                {"provider", json::fromQString(h.provider)},
                                {"title", json::fromQString(h.title)},
                                {"project_path", textOrNull(h.projectPath)},
                                {"workspace", textOrNull(h.workspace)},
                                {"created_at", shapes::isoTime(h.createdAt)},
                                {"updated_at", shapes::isoTime(h.updatedAt)},
                                {"message_count", h.messageCount},
                                {"model", textOrNull(h.model)}};
    if (!h.origin.isEmpty()) {
        session["origin"] = json::fromQString(h.origin);
    }
    boost::json::array messages;
    for (const HistoryService::WindowMessage& m : report.messages) {
        boost::json::array calls;
        for (const HistoryService::ToolCallSummary& call : m.toolCalls) {
            calls.emplace_back(boost::json::object{{"name", json::fromQString(call.name)},
                                                   {"status", textOrNull(call.status)},
                                                   {"summary", json::fromQString(call.summary)}});
        }
        boost::json::object message{{"index", m.index},
                                    {"role", json::fromQString(m.role)},
                                    {"timestamp", shapes::isoTime(m.timestamp)},
                                    {"model", textOrNull(m.model)},
                                    {"text", json::fromQString(m.text)},
                                    {"truncated", m.truncated},
                                    {"full_length", m.fullLength},
                                    {"tool_calls", std::move(calls)}};
        if (m.fromChar > 0) {
            message["from_char"] = m.fromChar;
        }
        messages.emplace_back(std::move(message));
    }
    return {{"session", std::move(session)},
            {"messages", std::move(messages)},
            {"next_from", report.nextFrom ? boost::json::value(*report.nextFrom) : boost::json::value(nullptr)},
            {"total", report.total}};
}

boost::json::object toJson(const HistoryService::StatsReport& report)
{
    boost::json::array providers;
    for (const HistoryService::ProviderStats& p : report.providers) {
        providers.emplace_back(boost::json::object{
            {"provider", json::fromQString(p.provider)}, {"sessions", p.sessions}, {"messages", p.messages}});
    }
    boost::json::array months;
    for (const HistoryService::MonthStats& m : report.months) {
        months.emplace_back(boost::json::object{
            {"month", json::fromQString(m.month)}, {"sessions", m.sessions}, {"messages", m.messages}});
    }
    boost::json::value last = nullptr;
    if (const auto& run = report.lastHarvest) {
        last = boost::json::object{{"started_at", shapes::isoTime(run->startedAt)},
                                   {"finished_at", shapes::isoTime(run->finishedAt)},
                                   {"new", run->created},
                                   {"updated", run->updated},
                                   {"unchanged", run->unchanged},
                                   {"failed", run->failed}};
    }
    return {{"database", json::fromQString(report.database)},
            {"sessions", report.sessions},
            {"messages", report.messages},
            {"providers", std::move(providers)},
            {"months", std::move(months)},
            {"size_bytes", report.sizeBytes},
            {"last_harvest", std::move(last)}};
}

boost::json::object toJson(const HistoryService::FileHistoryReport& report)
{
    boost::json::array sessions;
    for (const HistoryService::FileSession& s : report.sessions) {
        boost::json::object& session =
            sessions
                .emplace_back(boost::json::object{{"id", json::fromQString(s.id)},
                                                  {"provider", json::fromQString(s.provider)},
                                                  {"title", json::fromQString(s.title)},
                                                  {"project_path", textOrNull(s.projectPath)},
                                                  {"updated_at", shapes::isoTime(s.updatedAt)},
                                                  {"how", strings(s.how)},
                                                  {"change_types", strings(s.changeTypes)},
                                                  {"tool_names", strings(s.toolNames)},
                                                  {"touches", s.touches},
                                                  {"first_touch", shapes::isoTime(s.firstTouch)},
                                                  {"last_touch", shapes::isoTime(s.lastTouch)}})
                .as_object();
        if (!s.origin.isEmpty()) {
            session["origin"] = json::fromQString(s.origin);
        }
    }
    return {{"path", json::fromQString(report.path)},
            {"sessions", std::move(sessions)},
            {"total", report.total},
            {"offset", report.offset},
            {"next_offset", nextOffset(report.offset, report.sessions.size(), report.total)}};
}

} // namespace chasm
