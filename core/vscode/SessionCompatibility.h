// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#pragma once

#include <QStringList>

#include <boost/json/value.hpp>

namespace chasm {

// What each generation of the editors' session readers needs of a session tree, filled in where a
// session lacks it, so that a file written by one generation opens in another. Read from VS Code's
// chatModel.ts (November 2026):
// - every reader: `requests` an array, `sessionId` a string, `creationDate` a number and
//   `responderUsername` a string; otherwise the title and dates are lost (VS Code ≤ 1.106 even gives
//   the session a new id). `initialLocation`, when present, a string ("panel").
// - legacy readers (VS Code 1.99–1.108, .json files): also `requesterUsername` a string and
//   `lastMessageDate` a number, which writers since 1.107 leave out, and `isCanceled` on a cancelled
//   request (they do not read `modelState`).
// Nothing present is changed or removed, except a non-string `initialLocation` that no reader can use.
class SessionCompatibility
{
public:
    enum class Readers
    {
        Legacy, // VS Code 1.99–1.108: .json files only
        Modern, // VS Code ≥ 1.109: .jsonl, or .json where no .jsonl is
        Both,
    };

    struct Result
    {
        QStringList filled;   // the fields filled in ("requesterUsername", "requests[3].isCanceled", ...)
        QStringList warnings; // what a reader may still stumble on, left as the user wrote it
    };
    // `id`: the session id the file is named for, used when the tree has none.
    static Result fill(boost::json::value& tree, Readers readers, const QString& id);
};

} // namespace chasm
