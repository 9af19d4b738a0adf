// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#pragma once

#include "store/Database.h"
#include "util/Result.h"

#include <QDateTime>
#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>

#include <boost/json/object.hpp>

#include <atomic>
#include <functional>

namespace chasm {

// What the harvest database tells about the work in it, for a model to summarise: recent sessions, the outline of
// one, tool usage and files changed in a project, sessions to tag, leaked secrets and the links referenced (the
// MCP server's prompts). Reads only, on a connection the caller keeps open; each answer is bounded by its limit,
// and a set `cancel` stops the work between rows with an error. Text taken from messages has the secrets the
// SecretScanner finds masked.
class InsightService
{
public:
    // How much of a message's text a report quotes.
    static constexpr int quoteLength = 300;
    // How many of the files changed after a user message an outline names.
    static constexpr int maxFilesPerStep = 20;

    struct ToolCount
    {
        QString tool;
        qint64 calls = 0;
    };

    // A session as the listings show it.
    struct SessionSummary
    {
        QString id;
        QString provider;
        QString title;
        QString projectPath;
        QString workspaceName;
        QDateTime updatedAt;
        int messageCount = 0;
        QString firstUserMessage; // cut to quoteLength
    };
    struct RecentSession : SessionSummary
    {
        qint64 toolCalls = 0;
        QList<ToolCount> tools; // most used first
    };
    struct ProjectWork
    {
        QString projectPath; // empty: sessions without a project
        int sessions = 0;
        int messages = 0;
        QDateTime lastUpdated;
    };
    struct RecentWork
    {
        int days = 0;
        QDateTime since;
        QList<RecentSession> sessions; // newest first
        QList<ProjectWork> projects;   // of those sessions, the most recently updated first
        bool truncated = false;        // more sessions were updated since then than the limit
    };
    // The sessions updated in the last `days` days, newest first, at most `limit`.
    static Result<RecentWork> recentWork(Database& database, int days, int limit,
                                         const std::atomic_bool* cancel = nullptr);

    // A user message and what followed it until the next one.
    struct OutlineStep
    {
        int index = 0; // the message's position in the session
        QDateTime timestamp;
        QString text; // cut to quoteLength
        int assistantMessages = 0;
        int toolCalls = 0;
        QList<ToolCount> tools;
        // The files the tool calls that followed changed (edits, writes, patches), in order, at most
        // maxFilesPerStep of filesChangedCount.
        QStringList filesChanged;
        int filesChangedCount = 0;
    };
    struct SessionOutline
    {
        QString sessionId;
        QString provider;
        QString title;
        QString projectPath;
        QDateTime createdAt;
        QDateTime updatedAt;
        int userMessages = 0; // in the whole session
        QList<OutlineStep> steps;
        bool truncated = false; // the session has more user messages than the limit
    };
    // The first `limit` user messages of a session (by id or a unique prefix), in order.
    static Result<SessionOutline> sessionOutline(Database& database, const QString& sessionId, int limit,
                                                 const std::atomic_bool* cancel = nullptr);

    struct ToolUsage
    {
        QString tool;
        qint64 calls = 0;
        qint64 failures = 0;            // status "error"
        QMap<QString, qint64> statuses; // by status ("completed", "error", "cancelled", "pending", "" unknown)
        qint64 sessions = 0;
        QDateTime lastUsed;
    };
    struct FileActivity
    {
        QString path;
        qint64 changes = 0;
        // "edited", "written", "deleted" (from tool calls that succeeded) and "referenced" (the files a session
        // names: the harvest's file_changes).
        QMap<QString, qint64> changeTypes;
        qint64 sessions = 0;
        QDateTime lastChanged;
    };
    struct CodeInsight
    {
        QString projectPath; // empty: every project
        qint64 sessions = 0;
        qint64 toolCalls = 0;
        QList<ToolUsage> tools;    // most calls first, at most the limit
        QList<FileActivity> files; // most changes first, at most the limit
        bool toolsTruncated = false;
        bool filesTruncated = false;
    };
    // Tool usage and file changes of the sessions of a project (its path or a folder under it), or of all.
    static Result<CodeInsight> codeInsight(Database& database, const QString& projectPath, int limit,
                                           const std::atomic_bool* cancel = nullptr);

    struct Organizer
    {
        qint64 totalSessions = 0;
        QList<SessionSummary> sessions; // newest first
        bool truncated = false;
    };
    // The newest `limit` sessions with what tagging them by project and topic needs.
    static Result<Organizer> organizerData(Database& database, int limit, const std::atomic_bool* cancel = nullptr);

    struct SecretFinding
    {
        QString sessionId;
        QString title;
        int messageIndex = 0;
        QString role;     // of the message; "tool" for a tool call's input or output
        QString source;   // "message", "tool_input" or "tool_output"
        QString toolName; // for a tool call
        QString rule;
        QString ruleName;
        QString masked;
        QString context; // the line around the secret, every secret in it masked, cut to about 120 characters
    };
    struct Secrets
    {
        QString sessionId; // empty: every session
        qint64 messagesScanned = 0;
        qint64 toolCallsScanned = 0;
        QList<SecretFinding> findings; // in the order of the sessions' rows, messages before tool calls
        bool truncated = false;        // stopped at the limit
    };
    // How far a scan has come: the rows read, of `total`. Called every progressRows rows.
    using Progress = std::function<void(qint64 done, qint64 total)>;
    static constexpr qint64 progressRows = 1000;
    // What SecretScanner finds in the messages and tool calls of one session (by id or a unique prefix), or of all
    // (streamed: memory stays that of one row), at most `limit` findings. No raw secret is in the report. With
    // `progress`, the rows are counted first.
    static Result<Secrets> secrets(Database& database, const QString& sessionId, int limit,
                                   const std::atomic_bool* cancel = nullptr, const Progress& progress = {});

    struct Link
    {
        QString url;
        qint64 count = 0; // occurrences
        qint64 sessions = 0;
        QDateTime firstSeen;
        QDateTime lastSeen;
    };
    struct Links
    {
        QString projectPath;
        qint64 messagesScanned = 0; // the messages the index gave as holding a link
        qint64 distinct = 0;
        QList<Link> links; // most occurrences first, at most the limit
        bool truncated = false;
    };
    // The http(s) URLs in the messages of a project's sessions (its path or a folder under it), or of all.
    static Result<Links> links(Database& database, const QString& projectPath, int limit,
                               const std::atomic_bool* cancel = nullptr);

    // The URLs in a text: http and https, without the punctuation that ends a sentence or closes a parenthesis
    // the URL is in.
    static QStringList urls(QStringView text);
};

// The JSON shapes (snake_case; times ISO 8601 UTC or null):
// {"days", "since", "truncated", "sessions": [{"id", "provider", "title", "project_path", "workspace_name",
//  "updated_at", "message_count", "first_user_message", "tool_calls", "tools": [{"tool", "calls"}]}],
//  "projects": [{"project_path", "sessions", "messages", "last_updated"}]}
boost::json::object toJson(const InsightService::RecentWork& report);
// {"session_id", "provider", "title", "project_path", "created_at", "updated_at", "user_messages", "truncated",
//  "steps": [{"index", "timestamp", "text", "assistant_messages", "tool_calls", "tools": [{"tool", "calls"}],
//  "files_changed": [path], "files_changed_count"}]}
boost::json::object toJson(const InsightService::SessionOutline& report);
// {"project_path", "sessions", "tool_calls", "tools_truncated", "files_truncated",
//  "tools": [{"tool", "calls", "failures", "statuses": {status: n}, "sessions", "last_used"}],
//  "files": [{"path", "changes", "change_types": {type: n}, "sessions", "last_changed"}]}
boost::json::object toJson(const InsightService::CodeInsight& report);
// {"total_sessions", "truncated", "sessions": [{"id", "provider", "title", "project_path", "workspace_name",
//  "updated_at", "message_count", "first_user_message"}]}
boost::json::object toJson(const InsightService::Organizer& report);
// {"session_id", "messages_scanned", "tool_calls_scanned", "truncated", "findings": [{"session_id", "title",
//  "message_index", "role", "source", "tool_name", "rule", "rule_name", "masked", "context"}]}
boost::json::object toJson(const InsightService::Secrets& report);
// {"project_path", "messages_scanned", "distinct", "truncated", "links": [{"url", "count", "sessions",
//  "first_seen", "last_seen"}]}
boost::json::object toJson(const InsightService::Links& report);

} // namespace chasm
