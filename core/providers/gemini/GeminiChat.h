// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#pragma once

#include "model/Session.h"
#include "util/Result.h"

namespace chasm {

// A Gemini CLI chat file (also Qwen Code's older layout): the pretty-printed session-*.json of
// versions before 0.39 ({sessionId, startTime, lastUpdated, summary?, messages[]}), or the .jsonl
// log since: a header line, {"$set": {...}} patches (a "messages" patch is a full snapshot),
// {"$rewindTo": id} (drop that message and all after it) and message records, where a record with
// an id already seen replaces the earlier one.
class GeminiChat
{
public:
    static Result<Session> read(const QString& path);
    // The sessionId a chat file declares near its start, found without parsing (the file may be damaged);
    // the file's name when none is found.
    static QString declaredId(const QString& path);
    // Context the CLI puts into the conversation as user text (<session_context>, reminders); Qwen
    // Code inherited it.
    static bool isInjected(const QString& text);
};

} // namespace chasm
