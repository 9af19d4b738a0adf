// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#pragma once

#include "model/Session.h"
#include "util/Result.h"

#include <functional>
#include <memory>
#include <optional>

namespace chasm {

// A session's messages for a reader that needs a few at a time (the app's viewer): its header, how many
// messages it has, and any range of them on request. A small session is held whole (whole()); a huge one is
// read from its file as its messages are asked for, so that what is held stays the same whatever its size
// (Provider::open). Safe to use from several threads at once.
class SessionMessages
{
public:
    // `header` is the session without its messages and files (as SessionSink::begin takes it).
    SessionMessages(Session header, int count, int conversationMessages);
    virtual ~SessionMessages() = default;
    Q_DISABLE_COPY_MOVE(SessionMessages)

    const Session& header() const { return m_header; }
    int count() const { return m_count; }
    // User and assistant messages, as Session::conversationMessageCount counts them.
    int conversationMessageCount() const { return m_conversationMessages; }
    // Messages [first, last) (within [0, count())). An error when the file they are read from cannot be read
    // as it was (it changed in place).
    virtual Result<QList<Message>> messages(int first, int last) const = 0;
    // Messages [first, last) when they are at hand: held, or read and converted already (a huge session's last
    // few ranges). Never reads a file nor waits for a read, so the GUI thread may ask; nullopt when any of them
    // would need one (a worker then reads them with messages()).
    virtual std::optional<QList<Message>> cached(int first, int last) const;
    // Message `index`; a message that says why when it cannot be read.
    Message message(int index) const;
    // The tool's own record that message `index` comes from, read from the file this session reads its messages
    // from (that record's bytes only), as Provider::nativeRecord gives it; nullopt for a session held whole (ask its
    // provider with the message's nativeIndex).
    virtual std::optional<Result<QString>> nativeRecordOf(int index) const;
    // Hands every message to `visit` in order, a batch at a time with the index of its first message, until
    // `visit` returns false: how a whole-session pass (find, a count) keeps to a batch's memory.
    virtual std::optional<Error> scan(const std::function<bool(int first, const QList<Message>& batch)>& visit) const;

    // A session held whole.
    static std::shared_ptr<const SessionMessages> whole(Session session);

private:
    Session m_header;
    int m_count;
    int m_conversationMessages;
};

} // namespace chasm
