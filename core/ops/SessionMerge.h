// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#pragma once

#include "model/Session.h"
#include "model/Workspace.h"
#include "ops/Registrar.h"
#include "providers/SessionCatalog.h"
#include "vscode/ChatSessionFile.h"

#include <boost/json/value.hpp>

#include <optional>

namespace chasm {

// Joins sessions of any tools into one VS Code-family chat session the editor can open. A VS Code-family
// session contributes its requests as they are (every field, unknown ones too); a session of another
// tool contributes a request per user turn, whose response carries the assistant's text and its tool
// calls as readable blocks, with the model kept. Every request records where it came from in Chasm's
// own field `chasm.source_session`. Requests are ordered by time; a request found again (the same request
// id, or the same text at the same time, and the same content) appears once. Two copies of a request id
// whose content differs are not the same request: when one is a cut-off of the other (its response ends
// early, or is not complete), the complete one is kept; otherwise both are, the later under a new id
// (`chasm.original_request_id` keeps the old one). The sources are never changed.
class SessionMerge
{
public:
    struct Input
    {
        // The normalized session; beside a tree only its id and creation date are used.
        Session session;
        std::optional<boost::json::value> tree; // a VS Code-family session's own tree
    };
    struct Plan
    {
        boost::json::value tree; // the merged session
        QString sessionId;
        QString title;
        int sessions = 0;
        int requests = 0;
        int duplicates = 0;
        QDateTime first, last;
        // What could not be carried over, in words ("3 system messages of Codex").
        QStringList notCarried;
        // Copies of a request id whose content differs, and what the merge kept of them.
        struct Conflict
        {
            QString requestId;
            QString keptFrom;     // the session whose copy keeps the id
            QString otherFrom;    // the session of the other copy
            QString newRequestId; // both kept: the other copy's new id; empty: the other copy was cut off, left out
        };
        QList<Conflict> conflicts;
        // The conflicts where the cut-off copy was left out, and where both were kept.
        int keptComplete() const;
        int keptBoth() const;
    };

    // What plan takes for each session listed: a VS Code-family session's own tree (every field of its
    // requests goes over; the listing gives its id and dates), the loaded session of any other tool.
    static Result<QList<Input>> inputsOf(const SessionCatalog& catalog, const QList<SessionRef>& sessions);
    // Where a merge of a project's sessions goes by default: among the project's workspaces of the VS Code
    // family (of `editor` only, when given; VS Code's own first), the active one.
    static std::optional<Workspace> defaultTarget(const QList<Workspace>& projectWorkspaces,
                                                  const QString& editor = {});

    // "Merged: <project> (N sessions, <first day> – <last day>)".
    static QString defaultTitle(const QString& project, int sessions, const QDateTime& first, const QDateTime& last);
    // Builds the merged session; `title` empty: the default title. Fails when there are no requests.
    static Result<Plan> plan(const QList<Input>& inputs, const QString& title, const QString& project);
    // One session of any tool (as exported in the json format, say) as a VS Code-family session of its
    // own, converted the way plan converts it: titled as it was, under an id derived from its id (the
    // same session imported twice is recognised), noting where it came from in `chasm.imported_from`.
    static Result<Plan> imported(const Session& session);
    // The format the target workspace's editor reads: its sessions' format, else .jsonl for VS Code's
    // own builds and .json for the other editors.
    static ChatSessionFile::Format formatFor(const Workspace& target);
};

} // namespace chasm
