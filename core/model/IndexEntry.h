// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#pragma once

#include <QDateTime>
#include <QList>
#include <QString>

#include <boost/json/object.hpp>

#include <optional>

namespace chasm {

// Something wrong between an editor's session index and the files on disk, in plain words.
struct IndexProblem
{
    QString code; // stable: "missing_file", "not_in_index", "is_empty_mismatch", "cancelled", "unreadable", ...
    QString message;
};

// One entry of VS Code's chat.ChatSessionStore.index, or a session file the index lacks.
struct IndexEntry
{
    QString sessionId;
    QString title;
    QDateTime lastMessageDate;
    // From `timing` ({created, lastRequestStarted, lastRequestEnded}, or the older {startTime, endTime}).
    QDateTime created;
    QDateTime lastRequestEnded;
    std::optional<bool> isEmpty;
    std::optional<int> lastResponseState;
    QString initialLocation;
    // The entry exactly as the editor stored it (empty for a file the index lacks).
    boost::json::object raw;
    bool inIndex = true;
    // The session file this entry names, if one exists.
    QString file;
    QList<IndexProblem> problems;

    // "pending", "complete", "cancelled", "failed", "needs input".
    static QString responseStateName(int state);
};

} // namespace chasm
