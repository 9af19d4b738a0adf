// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#include "SessionMessages.h"

#include "model/SessionSink.h"

#include <algorithm>

namespace chasm {

namespace {

class WholeSession final : public SessionMessages
{
public:
    WholeSession(Session&& session, QList<Message>&& messages)
        : SessionMessages(std::move(session), int(messages.size()), conversationCount(messages))
        , m_messages(std::move(messages))
    {}

    Result<QList<Message>> messages(int first, int last) const override
    {
        first = std::clamp(first, 0, count());
        return m_messages.mid(first, std::clamp(last, first, count()) - first);
    }

    std::optional<QList<Message>> cached(int first, int last) const override { return *messages(first, last); }

private:
    static int conversationCount(const QList<Message>& messages)
    {
        return int(
            std::count_if(messages.cbegin(), messages.cend(), [](const Message& m) { return m.role != Role::System; }));
    }

    QList<Message> m_messages;
};

} // namespace

SessionMessages::SessionMessages(Session header, int count, int conversationMessages)
    : m_header(std::move(header))
    , m_count(count)
    , m_conversationMessages(conversationMessages)
{}

std::optional<QList<Message>> SessionMessages::cached(int first, int last) const
{
    Q_UNUSED(first)
    Q_UNUSED(last)
    return std::nullopt;
}

std::optional<Result<QString>> SessionMessages::nativeRecordOf(int index) const
{
    Q_UNUSED(index)
    return std::nullopt;
}

Message SessionMessages::message(int index) const
{
    auto read = messages(index, index + 1);
    if (read && !read->isEmpty()) {
        return read->takeFirst();
    }
    Message unreadable;
    unreadable.role = Role::System;
    unreadable.error = read ? QStringLiteral("message %1 is not in the session").arg(index + 1) : read.error().message;
    return unreadable;
}

std::optional<Error> SessionMessages::scan(const std::function<bool(int, const QList<Message>&)>& visit) const
{
    for (int first = 0; first < count(); first += int(SessionSink::batchMessages)) {
        auto batch = messages(first, std::min(count(), first + int(SessionSink::batchMessages)));
        if (!batch) {
            return batch.error();
        }
        if (!visit(first, *batch)) {
            break;
        }
    }
    return std::nullopt;
}

std::shared_ptr<const SessionMessages> SessionMessages::whole(Session session)
{
    QList<Message> messages = std::move(session.messages);
    session.messages = {};
    session.filesReferenced = {};
    return std::make_shared<WholeSession>(std::move(session), std::move(messages));
}

} // namespace chasm
