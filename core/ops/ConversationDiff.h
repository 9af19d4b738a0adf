// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#pragma once

#include "model/Session.h"

#include <boost/json/object.hpp>

namespace chasm {

// What changed in a conversation between two versions of it, in the conversation's own terms: the requests (the
// person's messages) and the responses (the assistant's) added, changed and removed, with their text. How `chasm git
// diff` and `chasm harvest git diff` show a session file that changed, instead of its JSON lines.
struct ConversationDiff
{
    enum class Kind
    {
        Added,
        Changed,
        Removed,
    };
    struct Change
    {
        Kind kind = Kind::Added;
        Role role = Role::User;
        int index = 0; // the message's place in the version it is from (the older one for a removed message)
        QString text;
        QString oldText; // a changed message's text before
    };
    int requestsAdded = 0;
    int requestsChanged = 0;
    int requestsRemoved = 0;
    int responsesAdded = 0;
    int responsesChanged = 0;
    int responsesRemoved = 0;
    int otherChanges = 0; // context a tool injected (system messages)
    QList<Change> changes;

    // Messages are paired in order: those the two versions share at the same place and that differ are changed,
    // those only the newer has added, those only the older has removed.
    static ConversationDiff between(const QList<Message>& before, const QList<Message>& after);
    bool isEmpty() const { return changes.isEmpty(); }
    // "2 requests added, 1 response changed" (the counts that are not zero), or "no message changed".
    QString summary() const;
};

QString kindName(ConversationDiff::Kind kind);
// {"requests_added", "requests_changed", "requests_removed", "responses_added", "responses_changed",
// "responses_removed", "other_changes", "summary", "messages": [{"change", "role", "index", "text", "old_text"}]}
boost::json::object toJson(const ConversationDiff& diff);

} // namespace chasm
