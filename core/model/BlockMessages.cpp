// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#include "BlockMessages.h"

#include <algorithm>

namespace chasm {

namespace {

qint64 textBytes(const QString& text)
{
    return qint64(text.size()) * qint64(sizeof(QChar));
}

// About what messages take in memory: their texts (UTF-16) and their structures.
qint64 heldBytes(const QList<Message>& messages)
{
    qint64 bytes = 0;
    for (const Message& m : messages) {
        bytes += qint64(sizeof(Message)) + textBytes(m.content) + textBytes(m.model) + textBytes(m.agent) +
                 textBytes(m.status) + textBytes(m.error);
        for (const ToolCall& call : m.toolCalls) {
            bytes += qint64(sizeof(ToolCall)) + textBytes(call.id) + textBytes(call.name) + textBytes(call.input) +
                     textBytes(call.output) + textBytes(call.status);
        }
        for (const QString& reference : m.references) {
            bytes += qint64(sizeof(QString)) + textBytes(reference);
        }
    }
    return bytes;
}

} // namespace

BlockMessages::BlockMessages(Session header, int conversationMessages, std::vector<int> starts)
    : SessionMessages(std::move(header), starts.back(), conversationMessages)
    , m_starts(std::move(starts))
{}

std::size_t BlockMessages::blockOf(int index) const
{
    // The last block that starts at `index` or before (an empty block starts where the next does).
    return std::size_t(std::upper_bound(m_starts.begin(), m_starts.end() - 1, index) - m_starts.begin()) - 1;
}

void BlockMessages::appendPart(QList<Message>& to, std::size_t block, const QList<Message>& messages, int first,
                               int last) const
{
    const int blockFirst = m_starts[block];
    const int from = std::max(first, blockFirst) - blockFirst;
    const int end = std::min(last, blockFirst + int(messages.size())) - blockFirst;
    to.append(messages.mid(from, end - from));
}

void BlockMessages::keep(std::size_t block, const QList<Message>& messages) const
{
    std::vector<Block> dropped;
    {
        const std::lock_guard lock(m_cacheLock);
        if (std::any_of(m_cache.begin(), m_cache.end(), [block](const Block& b) { return b.number == block; })) {
            return; // another reader read it meanwhile
        }
        m_cache.push_back({block, messages, heldBytes(messages)});
        m_cacheBytes += m_cache.back().bytes;
        while (m_cacheBytes > cachedBytes && m_cache.size() > 1) {
            m_cacheBytes -= m_cache.front().bytes;
            dropped.push_back(std::move(m_cache.front()));
            m_cache.erase(m_cache.begin());
        }
    }
    // `dropped` is freed here, out of the lock that cached() waits for.
}

Result<QList<Message>> BlockMessages::messages(int first, int last) const
{
    first = std::clamp(first, 0, count());
    last = std::clamp(last, first, count());
    QList<Message> result;
    if (first == last) {
        return result;
    }
    for (std::size_t block = blockOf(first); block < blockCount() && m_starts[block] < last; ++block) {
        std::optional<QList<Message>> messages;
        {
            const std::lock_guard lock(m_cacheLock);
            const auto held =
                std::find_if(m_cache.begin(), m_cache.end(), [block](const Block& b) { return b.number == block; });
            if (held != m_cache.end()) {
                std::rotate(held, held + 1, m_cache.end()); // the latest at the back
                messages = m_cache.back().messages;
            }
        }
        if (!messages) {
            auto read = convert(block, block + 1);
            if (!read) {
                return read.error();
            }
            keep(block, *read);
            messages = std::move(read).value();
        }
        appendPart(result, block, *messages, first, last);
    }
    return result;
}

std::optional<QList<Message>> BlockMessages::cached(int first, int last) const
{
    first = std::clamp(first, 0, count());
    last = std::clamp(last, first, count());
    QList<Message> result;
    if (first == last) {
        return result;
    }
    const std::lock_guard lock(m_cacheLock);
    for (std::size_t block = blockOf(first); block < blockCount() && m_starts[block] < last; ++block) {
        const auto held =
            std::find_if(m_cache.begin(), m_cache.end(), [block](const Block& b) { return b.number == block; });
        if (held == m_cache.end()) {
            return std::nullopt;
        }
        appendPart(result, block, held->messages, first, last);
    }
    return result;
}

std::optional<Error> BlockMessages::scan(const std::function<bool(int, const QList<Message>&)>& visit) const
{
    for (std::size_t first = 0; first < blockCount();) {
        const std::size_t last = std::clamp(scanEnd(first), first + 1, blockCount());
        const auto batch = convert(first, last);
        if (!batch) {
            return batch.error();
        }
        if (!visit(m_starts[first], *batch)) {
            break;
        }
        first = last;
    }
    return std::nullopt;
}

} // namespace chasm
