// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#pragma once

#include "model/SessionRef.h"
#include "store/HistoryStore.h"
#include "util/Result.h"

#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>

#include <boost/json/object.hpp>

#include <atomic>
#include <optional>

namespace chasm {

// What an agent asks of the harvested history beyond a search: the sessions of a workspace or project, a window of
// one session's messages, what the database holds, and the sessions that touched a file. Each reads a database the
// caller keeps open (one connection per thread), this machine's or a team database, in work bounded by what it
// answers, never by the size of the sessions it reads from. Reads only.
class HistoryService
{
public:
    // An answer that stopped because `cancel` was set says so in its message.
    static constexpr QStringView cancelled = u"cancelled";

    struct SessionsRequest
    {
        QString workspaceId; // a workspace's storage key (the VS Code family's hash), as stored
        QString projectPath; // the sessions of this folder and of the folders under it
        QString provider;    // a provider id ("claude-code"), as stored
        QDateTime after;     // last activity at or after
        QDateTime before;    // last activity at or before
        int offset = 0;
        int limit = 50;
    };
    struct SessionsReport
    {
        QList<SessionRef> sessions; // newest first: last activity, then creation, then id
        qint64 total = 0;           // every session the filters match
        int offset = 0;
    };
    static Result<SessionsReport> sessions(const HistoryStore& store, const SessionsRequest& request);

    struct MessagesRequest
    {
        QString sessionId; // an id, a native id, or a unique prefix of one
        // A message's index is its position in the whole session (0-based, as a search hit's message_index), also
        // when `roles` keeps only some: `from`, `around` and `next_from` are such positions.
        int from = 0;
        int limit = 50; // messages in the window, counting only those `roles` keeps
        // A window centred on this message (half the window before it where there is as much), instead of `from`.
        std::optional<int> around;
        QStringList roles;             // "user", "assistant", "system"; empty: every message
        int maxCharsPerMessage = 2000; // Unicode code points; 0: whole texts
        // The text of the message at `from` (not with `around`) from this code point on (0-based), so that a message
        // longer than one answer can be read in parts; maxCharsPerMessage counts from there.
        qint64 fromChar = 0;
        // The most code points a window's texts may hold together (0: no bound); past it the request fails
        // (ErrorKind::TooLarge) before a text is read, so that one answer never holds a whole huge session.
        qint64 maxWindowChars = 0;
    };
    struct SessionHeader
    {
        QString origin; // on a team database, who harvested it where ("user@machine"); else empty
        QString id;
        QString provider;
        QString title;
        QString projectPath;
        QString workspace;
        QDateTime createdAt;
        QDateTime updatedAt;
        int messageCount = 0; // user and assistant messages, as listings count them
        QString model;
    };
    struct ToolCallSummary
    {
        QString name;
        QString status;
        QString summary; // one line of at most 120 characters: the file, command, pattern or query it was given
    };
    struct WindowMessage
    {
        int index = 0;
        QString role;
        QDateTime timestamp;
        QString model;
        QString text;           // cut after maxCharsPerMessage code points (a pair of surrogates is never split)
        qint64 fromChar = 0;    // where `text` starts in the whole text, in code points (MessagesRequest::fromChar)
        bool truncated = false; // `text` is not the whole text
        qint64 fullLength = 0;  // code points of the whole text
        QList<ToolCallSummary> toolCalls;
    };
    struct MessagesReport
    {
        SessionHeader session;
        QList<WindowMessage> messages; // in session order
        std::optional<int> nextFrom;   // where the next window starts; none after the last message
        qint64 total = 0;              // the session's messages that `roles` keeps
    };
    static Result<MessagesReport> messages(const HistoryStore& store, const MessagesRequest& request);
    // The code points of a harvested session's message texts together (an id, a native id or a unique prefix).
    static Result<qint64> textLength(const HistoryStore& store, const QString& sessionId);
    // One line of at most `maxCharacters` that says what a tool was given: the file path, command, pattern, query or
    // URL of its JSON input (else its first text field, else the input's first line).
    static QString toolInputSummary(const QString& input, int maxCharacters = 120);

    struct ProviderStats
    {
        QString provider;
        qint64 sessions = 0;
        qint64 messages = 0;
    };
    struct MonthStats
    {
        QString month;       // "2026-11" (UTC)
        qint64 sessions = 0; // started that month (created, else last active, when the tool keeps no creation time)
        qint64 messages = 0; // written that month (a message without a time counts at its session's)
    };
    struct LastHarvest
    {
        QDateTime startedAt;
        QDateTime finishedAt;
        int created = 0;
        int updated = 0;
        int unchanged = 0;
        int failed = 0;
    };
    struct StatsReport
    {
        QString database;
        qint64 sessions = 0;
        qint64 messages = 0;
        QList<ProviderStats> providers;         // by provider id
        QList<MonthStats> months;               // oldest first; undated sessions and messages count in the totals only
        qint64 sizeBytes = 0;                   // the database file and its write-ahead log
        std::optional<LastHarvest> lastHarvest; // none before the first harvest finished
    };
    static Result<StatsReport> stats(const HistoryStore& store, const std::atomic_bool* cancel = nullptr);

    // Sessions started and messages written per day, ISO week ("2026-W02"), month or year (UTC), counted as stats
    // counts them per month, oldest first.
    enum class Period
    {
        Day,
        Week,
        Month,
        Year,
    };
    struct PeriodStats
    {
        QString period; // "2026-01-05", "2026-W02", "2026-01", "2026"
        qint64 sessions = 0;
        qint64 messages = 0;
    };
    struct TimelineReport
    {
        Period period = Period::Month;
        QList<PeriodStats> periods;
    };
    static Result<TimelineReport> timeline(const HistoryStore& store, Period period);
    // "day", "week", "month", "year"; nothing for another name.
    static std::optional<Period> periodNamed(const QString& name);

    struct FileHistoryRequest
    {
        // An absolute path, a relative one ("src/auth/middleware.ts") or a file name: a stored path matches when it
        // is the same or ends with "/" and it; a text mentions it when it holds it between non-name characters.
        QString path;
        int offset = 0;
        int limit = 50;
    };
    struct FileSession
    {
        QString origin; // as SessionHeader's
        QString id;
        QString provider;
        QString title;
        QString projectPath;
        QDateTime updatedAt;
        QStringList how;         // of "changed" (its file changes), "tool" (a tool's input), "mentioned" (a message)
        QStringList changeTypes; // of its file changes ("referenced", ...)
        QStringList toolNames;   // of the tool calls whose input names the file
        int touches = 0;         // file changes, tool calls and messages that name it
        QDateTime firstTouch;    // of the touches that have a time
        QDateTime lastTouch;
    };
    struct FileHistoryReport
    {
        QString path;
        QList<FileSession> sessions; // newest first: last activity, then id
        qint64 total = 0;
        int offset = 0;
    };
    static Result<FileHistoryReport> fileHistory(const HistoryStore& store, const FileHistoryRequest& request,
                                                 const std::atomic_bool* cancel = nullptr);

    // What completes a value someone started typing (MCP's completion/complete): at most `limit` values that start
    // with `prefix` (case counts), and how many there are.
    struct Completions
    {
        QStringList values;
        qint64 total = 0;
    };
    // Harvested sessions' ids whose whole id ("claude-code:0a1b…") or native id starts with `prefix`, as whole
    // ids, most recently active first.
    static Result<Completions> sessionIdsStarting(const HistoryStore& store, const QString& prefix, int limit);
    // Project folders of harvested sessions, most recently active first.
    static Result<Completions> projectPathsStarting(const HistoryStore& store, const QString& prefix, int limit);
};

// The shapes the MCP tools (and the REST API) print. Times are ISO 8601 UTC to the second; absent values are null.

// {"sessions": [shapes::sessionSummary (as `list --json`)], "total": 7, "offset": 0,
//  "next_offset": 50 | null (none after the last)}
boost::json::object toJson(const HistoryService::SessionsReport& report);
// {"session": {"id", "provider", "title", "project_path", "workspace", "created_at", "updated_at", "message_count",
//              "model", "origin" (on a team database only)},
//  "messages": [{"index": 12, "role": "assistant", "timestamp", "model", "text", "truncated": true,
//                "full_length": 5120, "tool_calls": [{"name": "Read", "status": "completed",
//                                                     "summary": "/p/src/a.ts"}]}],
//  "next_from": 62 | null, "total": 240}
boost::json::object toJson(const HistoryService::MessagesReport& report);
// {"database": "/home/u/.local/share/chasm/chasm.db", "sessions": 812, "messages": 104233,
//  "providers": [{"provider": "codex", "sessions": 20, "messages": 3100}],
//  "months": [{"month": "2026-11", "sessions": 41, "messages": 5230}], "size_bytes": 73400320,
//  "last_harvest": {"started_at", "finished_at", "new": 3, "updated": 1, "unchanged": 808, "failed": 0} | null}
boost::json::object toJson(const HistoryService::StatsReport& report);
// {"period": "week", "timeline": [{"period": "2026-W02", "sessions": 3, "messages": 41}]}
boost::json::object toJson(const HistoryService::TimelineReport& report);
// {"path": "src/auth/middleware.ts",
//  "sessions": [{"id", "provider", "title", "project_path", "updated_at", "how": ["tool", "mentioned"],
//                "change_types": ["referenced"], "tool_names": ["Edit"], "touches": 3, "first_touch", "last_touch",
//                "origin" (on a team database only)}],
//  "total": 4, "offset": 0, "next_offset": 50 | null}
boost::json::object toJson(const HistoryService::FileHistoryReport& report);

} // namespace chasm
