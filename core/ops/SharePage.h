// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#pragma once

#include "model/Session.h"
#include "util/Result.h"

#include <QByteArrayView>
#include <QDateTime>
#include <QList>
#include <QString>
#include <QUrl>

#include <optional>

namespace chasm {

// What a conversation shared by link looks like to Chasm (docs/share-links.md): which service a link is of, what to
// fetch for it, and the conversation read out of what was fetched. Pages are hostile input: nothing in them runs, the
// JSON they embed is parsed strictly (valid UTF-8, bounded nesting), and a page that cannot be read whole is an error,
// never part of a conversation.
class SharePage
{
public:
    enum class Service
    {
        ChatGpt,
        Claude,
        Gemini,
    };
    static QString serviceName(Service service); // chatgpt, claude, gemini
    static std::optional<Service> serviceNamed(const QString& name);

    struct Link
    {
        Service service = Service::ChatGpt;
        QString shareId;
        QUrl page;  // the link, without its query and fragment
        QUrl fetch; // what carries the conversation: the page itself (ChatGPT), the snapshot behind it (Claude)
    };
    // The link of a service's share page: https://chatgpt.com/share/ID (or chat.openai.com),
    // https://claude.ai/share/ID, https://gemini.google.com/share/ID, https://g.co/gemini/share/ID. A link on this
    // machine (http or https on 127.0.0.1, ::1 or localhost) with a path /share/ID is read as `given` says, which it
    // then needs; no other plain http link is taken. `given` must agree with a service's own link.
    static Result<Link> recognise(const QUrl& url, std::optional<Service> given);

    struct Conversation
    {
        QString title;
        QDateTime createdAt;
        QDateTime updatedAt;
        QString model;
        QList<Message> messages;
    };
    // A ChatGPT share page: the conversation in its React Router turbo-stream (window.__reactRouterContext's
    // streamController.enqueue("…") chunks) or, in older pages, its __NEXT_DATA__ script; either way
    // serverResponse.data with `mapping` and `linear_conversation`.
    static Result<Conversation> readChatGpt(QByteArrayView page);
    // Claude's snapshot of a shared chat (/api/chat_snapshots/ID): `chat_messages` with `sender` and `content`.
    static Result<Conversation> readClaude(QByteArrayView json);
};

} // namespace chasm
