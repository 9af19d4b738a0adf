// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#include "SettlingMessages.h"

#include <algorithm>
#include <iterator>

namespace chasm {

bool SettlingMessages::endRecord(qint64 end)
{
    if (m_mode != Mode::Streamed) {
        return true;
    }
    const qsizetype upTo = settled();
    if (upTo > m_handedOn &&
        (upTo - m_handedOn >= m_batches.messages || end - m_origins.front().offset >= m_batches.bytes)) {
        return handOn(upTo, end);
    }
    return true;
}

void SettlingMessages::append(Message message)
{
    if (m_mode == Mode::Counted) {
        return;
    }
    if (message.role == Role::Assistant) {
        m_lastAssistant = next();
    }
    m_held.append(std::move(message));
    if (m_mode == Mode::Streamed) {
        m_origins.push_back(m_at);
    }
}

Message* SettlingMessages::lastAssistant()
{
    for (auto it = m_held.rbegin(); it != m_held.rend(); ++it) {
        if (it->role == Role::Assistant) {
            return &*it;
        }
    }
    return nullptr;
}

void SettlingMessages::addCall(const QString& id, int message, int call)
{
    if (m_mode == Mode::Streamed && m_results.value(id) > 0) {
        // The results still to come go here; a call of the same id before no longer gets them.
        if (const auto earlier = m_calls.constFind(id); earlier != m_calls.cend()) {
            settle(earlier->first);
        }
        ++m_awaiting[message];
    }
    m_calls.insert(id, {message, call});
}

ToolCall* SettlingMessages::resultFor(const QString& id)
{
    const auto found = m_calls.find(id);
    if (found == m_calls.end()) {
        return nullptr;
    }
    if (m_mode == Mode::Counted) {
        ++m_results[id];
        return nullptr;
    }
    if (found->first < m_handedOn) {
        return nullptr; // a result the counting read did not see: the log changed since (which the caller finds)
    }
    ToolCall* call = &m_held[found->first - m_handedOn].toolCalls[found->second];
    if (m_mode == Mode::Streamed) {
        if (const auto left = m_results.find(id); left != m_results.end() && left.value() > 0 && --left.value() == 0) {
            settle(found->first);
            m_calls.erase(found);
        }
    }
    return call;
}

void SettlingMessages::settle(int message)
{
    const auto awaiting = m_awaiting.find(message);
    if (awaiting != m_awaiting.end() && --awaiting->second == 0) {
        m_awaiting.erase(awaiting);
    }
}

qsizetype SettlingMessages::settled() const
{
    qsizetype end = m_handedOn + m_held.size();
    if (m_lastAssistant >= 0) {
        end = std::min(end, m_lastAssistant);
    }
    if (!m_awaiting.empty()) {
        end = std::min(end, qsizetype(m_awaiting.begin()->first));
    }
    return end;
}

Error SettlingMessages::changedWhileRead(const QString& path, int counted, int read)
{
    return Error{QStringLiteral("cannot read %1: it changed while it was read (%2 messages, then %3); read it again")
                     .arg(path, QString::number(counted), QString::number(read))};
}

bool SettlingMessages::handOn(qsizetype end, qint64 settledAt)
{
    const qsizetype count = end - m_handedOn;
    if (count <= 0) {
        return true;
    }
    QList<Message> batch(std::make_move_iterator(m_held.begin()), std::make_move_iterator(m_held.begin() + count));
    m_held.remove(0, count);
    const json::LineAt first = m_origins.front();
    m_origins.erase(m_origins.begin(), m_origins.begin() + count);
    m_handedOn = end;
    return m_handOn(std::move(batch), first, settledAt);
}

SettlingMessages::HandOn SinkFeed::handOn()
{
    return [this](QList<Message>&& batch, const json::LineAt&, qint64) {
        m_conversation +=
            int(std::count_if(batch.cbegin(), batch.cend(), [](const Message& m) { return m.role != Role::System; }));
        m_failed = m_sink.add(std::move(batch));
        return !m_failed;
    };
}

std::optional<Error> SinkFeed::finish(const QString& path, const Result<json::LinesRead>& read,
                                      const std::function<bool()>& handOnTheRest, int counted)
{
    if (m_failed) {
        return m_failed;
    }
    if (!read) {
        return read.error();
    }
    if (!handOnTheRest()) {
        return m_failed;
    }
    if (m_conversation != counted) {
        return SettlingMessages::changedWhileRead(path, counted, m_conversation);
    }
    return std::nullopt;
}

} // namespace chasm
