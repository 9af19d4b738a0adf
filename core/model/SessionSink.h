// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#pragma once

#include "model/Session.h"
#include "util/Result.h"

#include <optional>

namespace chasm {

// Takes a session in parts, in order: its header, its messages a batch at a time, its end. How a session of
// any size is shown, exported and harvested without holding it whole (Provider::read): a reader hands each batch
// on and forgets it, a writer writes it out. (The app's viewer reads one through Provider::open instead.)
class SessionSink
{
public:
    SessionSink() = default;
    virtual ~SessionSink() = default;
    Q_DISABLE_COPY_MOVE(SessionSink)

    // The session without its messages and its files (both empty in `header`), with the number of its
    // messages that are the user's or the assistant's (as Session::conversationMessageCount counts them).
    virtual std::optional<Error> begin(const Session& header, int conversationMessages) = 0;
    // The next messages, in order.
    virtual std::optional<Error> add(QList<Message>&& messages) = 0;
    // Every message was added; the files the session referred to (Session::filesReferenced).
    virtual std::optional<Error> end(const QStringList& filesReferenced) = 0;

    // Hands a whole session to `sink`, a batch at a time.
    static std::optional<Error> feed(Session session, SessionSink& sink);
    // How many messages a batch holds at most: a few megabytes of text on real sessions.
    static constexpr qsizetype batchMessages = 256;
};

// A sink that collects the session whole again: what a caller that needs all of it at once uses.
class SessionCollector final : public SessionSink
{
public:
    std::optional<Error> begin(const Session& header, int conversationMessages) override;
    std::optional<Error> add(QList<Message>&& messages) override;
    std::optional<Error> end(const QStringList& filesReferenced) override;
    Session take() { return std::move(m_session); }

private:
    Session m_session;
};

} // namespace chasm
