// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#pragma once

#include "json/JsonLines.h"
#include "model/Session.h"
#include "model/SessionSink.h"

#include <QHash>

#include <deque>
#include <functional>
#include <limits>
#include <map>
#include <optional>

namespace chasm {

// The messages a reader of a session log makes, record after record, and the results its tool calls get: kept whole,
// only counted, or handed on in batches as soon as no later record can change them (Provider::read). What a later
// record can change is a message whose calls are still to get results (how many each call gets, a counting pass over
// the log found), and the last assistant message (a later record may go on with it, or mark it cancelled). Messages
// are numbered from the first, also those handed on.
class SettlingMessages
{
public:
    enum class Mode
    {
        Kept,    // every message, for a whole read
        Counted, // none, but the results each call gets
        Streamed,
    };

    // How many messages a Streamed read hands on at once: as soon as it holds `messages` that no later record can
    // change, or as soon as the records that made those it holds take `bytes` of the log.
    struct Batches
    {
        qsizetype messages = SessionSink::batchMessages;
        qint64 bytes = std::numeric_limits<qint64>::max();
    };
    // Takes the messages a Streamed read hands on, the line of the record that made the first, and where in the log the
    // read was when no later record could change them any more; false stops the read. A batch starts with the first
    // message of a record (no record makes more than one message that a later record can change), so that a read of
    // the log from that line makes its messages again as the read from the start made them.
    using HandOn = std::function<bool(QList<Message>&& batch, const json::LineAt& first, qint64 settledAt)>;

    explicit SettlingMessages(Mode mode = Mode::Kept)
        : m_mode(mode)
    {}
    // Streamed, given the results each call gets (a Counted read's results()).
    SettlingMessages(QHash<QString, int> results, Batches batches, HandOn handOn)
        : m_mode(Mode::Streamed)
        , m_results(std::move(results))
        , m_batches(batches)
        , m_handOn(std::move(handOn))
    {}

    bool keeps() const { return m_mode != Mode::Counted; }
    // Before each record: where it is in the log.
    void beginRecord(const json::LineAt& at) { m_at = at; }
    // After each record, which ended at `end`: false once a Streamed read's messages could not be handed on.
    bool endRecord(qint64 end);
    // Hands on the messages a Streamed read holds still, the read having ended at `end`: false when they could not be.
    bool handOnTheRest(qint64 end) { return handOn(m_handedOn + m_held.size(), end); }

    // Appends a message (only counted, unless kept).
    void append(Message message);
    // The messages not handed on, the last of them, and the number the next message gets.
    bool isEmpty() const { return m_held.isEmpty(); }
    Message& last() { return m_held.last(); }
    int next() const { return int(m_handedOn + m_held.size()); }
    // The last assistant message held, if any.
    Message* lastAssistant();

    // Call `call` of message `message` (-1 when counted) has the id `id`: the results of that id go to it from now on.
    void addCall(const QString& id, int message, int call);
    // The call a result of `id` goes to, or nullptr (none, or only counted).
    ToolCall* resultFor(const QString& id);
    // A Counted read's count of results for each call that got any.
    QHash<QString, int> results() { return std::move(m_results); }
    // A Kept read's messages.
    QList<Message> take() { return std::move(m_held); }

    // What a Streamed read of the log at `path` says when it did not find the messages the counting read found.
    static Error changedWhileRead(const QString& path, int counted, int read);

private:
    // One of the calls at `message` awaits no more results.
    void settle(int message);
    // How many messages from the first no later record can change.
    qsizetype settled() const;
    bool handOn(qsizetype end, qint64 settledAt);

    Mode m_mode;
    QList<Message> m_held;
    QHash<QString, std::pair<int, int>> m_calls; // id → (message, call)
    // Counted: the results each call got. Streamed: the results each call is still to get.
    QHash<QString, int> m_results;
    std::map<int, int> m_awaiting; // message → its calls that are still to get results
    Batches m_batches;
    HandOn m_handOn;
    qsizetype m_handedOn = 0;
    qsizetype m_lastAssistant = -1;
    json::LineAt m_at;                  // the record being read
    std::deque<json::LineAt> m_origins; // the records that made the messages held, when Streamed
};

// Hands the batches of a Streamed read on to a sink (Provider::read), counting their conversation messages.
class SinkFeed
{
public:
    explicit SinkFeed(SessionSink& sink)
        : m_sink(sink)
    {}
    // What a Streamed SettlingMessages hands its batches to.
    SettlingMessages::HandOn handOn();
    // After the Streamed read of the log at `path`, which gave `read`: hands on what `handOnTheRest` still holds, and
    // says why the read failed: the sink's error, the read's, or a log whose conversation messages are not the
    // `counted` ones the counting read found (it changed in place).
    std::optional<Error> finish(const QString& path, const Result<json::LinesRead>& read,
                                const std::function<bool()>& handOnTheRest, int counted);

private:
    SessionSink& m_sink;
    std::optional<Error> m_failed;
    int m_conversation = 0;
};

} // namespace chasm
