// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#pragma once

#include "model/SessionRef.h"

#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace chasm {

// One tool invocation inside an assistant turn.
struct ToolCall
{
    QString id;
    QString name;
    // What the tool was given and what it returned, as text (JSON text where the tool took JSON).
    QString input;
    QString output;
    // "completed", "error", "cancelled" or "pending".
    QString status;
    // Where in its message's content the call was made (the length of the text before it), so that it shows
    // between the text before and after it; -1 when the reader does not know (shown after the text).
    qsizetype at = -1;
};

enum class Role
{
    User,
    Assistant,
    System,
};

QString roleName(Role role);

// A session's title: the tool's own title (a custom or generated one), else the first user message
// shortened to 80 characters on a single line, else "Untitled".
QString sessionTitle(const QString& ownTitle, const QString& firstUserMessage);
// What sessionTitle() takes of a first user message: the message shortened as the title shortens it, or a space
// when the message is only white space. So sessionTitle(t, titleLine(m)) is sessionTitle(t, m), and titleLine(m)
// is empty only when m is: a reader may keep this of a long message it needs only for the title.
QString titleLine(const QString& firstUserMessage);
// Whether text, leading white space aside, starts with one of the prefixes: how readers recognise
// context a tool injected into the conversation (<system-reminder>, <environment_context>, ...).
bool startsWithAny(const QString& text, const QStringList& prefixes);
// Shortens text to one line of at most `maxCharacters` user-perceived characters (graphemes), ending
// in an ellipsis when cut.
QString shortened(const QString& text, int maxCharacters);

struct Message
{
    Role role = Role::User;
    QString content;
    QDateTime timestamp;
    QString model;
    // The agent or mode that answered ("agent", "ask", "edit", a chat participant's id).
    QString agent;
    // For assistant turns: "complete", "cancelled", "failed", "pending" or empty when unknown.
    QString status;
    // The error the assistant turn ended with, if any.
    QString error;
    QList<ToolCall> toolCalls;
    // Files and locations the message referred to or attached.
    QStringList references;
    // Which of the tool's own records the message came from (VS Code: the index of its request), for
    // showing that record as the tool wrote it; -1 when the reader does not say.
    int nativeIndex = -1;
};

// A conversation in Chasm's normalized form, the same for every provider: what search, display and
// export work with. The provider's native tree stays with the provider's reader.
struct Session
{
    QString id; // "<provider>:<native id>"
    QString nativeId;
    QString provider;
    QString title;
    QString workspace;
    QString projectPath;
    QDateTime createdAt;
    QDateTime updatedAt;
    QList<Message> messages;
    // The model of the most recent assistant turn that named one.
    QString model;
    std::optional<qint64> totalTokens;
    QStringList filesReferenced;
    // Problems met while reading that did not stop it (a truncated last record, split records).
    QStringList warnings;

    // User and assistant messages; injected system context does not count.
    int conversationMessageCount() const;
    // The text of the first user message (what titles fall back to), or an empty string.
    QString firstUserMessage() const;
};

// Fills in what a listing shows of a session (id, project, title, dates, message count, warnings)
// from the session as loaded; what the session leaves empty keeps the listing's value.
void describe(SessionRef& ref, const Session& session);

} // namespace chasm
