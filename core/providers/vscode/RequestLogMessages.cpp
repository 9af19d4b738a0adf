// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#include "RequestLogMessages.h"

#include "vscode/ChatSessionConverter.h"

#include <algorithm>

using namespace Qt::StringLiterals;

namespace chasm {

namespace {

// The ranges a whole-session pass reads at a time: a couple of megabytes of the log, so that a viewer's reads
// between them wait no longer than one of them takes.
constexpr qint64 scanBytes = 2 << 20;

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

RequestLogMessages::RequestLogMessages(Session header, int conversationMessages, RequestIndex index,
                                       std::vector<int> starts, std::vector<std::size_t> blocks)
    : SessionMessages(std::move(header), starts.back(), conversationMessages)
    , m_index(std::move(index))
    , m_starts(std::move(starts))
    , m_blocks(std::move(blocks))
{}

Result<std::shared_ptr<const SessionMessages>> RequestLogMessages::open(RequestIndex index, Session header,
                                                                        int conversationMessages,
                                                                        const std::function<bool()>& cancelled)
{
    index.releaseOutline(); // the header holds what it took of it
    // Whether a request brings context the editor injected (a third message) only its whole self tells.
    std::vector<int> starts{0};
    starts.reserve(index.requestCount() + 1);
    ChatSessionConverter::Requests requests;
    QList<Message> messages;
    for (std::size_t first = 0; first < index.requestCount();) {
        if (cancelled && cancelled()) {
            return Error{u"reading %1 was cancelled"_s.arg(header.id)};
        }
        const std::size_t last = index.batchEnd(first);
        const auto batch = index.requests(first, last);
        if (!batch) {
            return batch.error();
        }
        for (std::size_t r = first; r < last; ++r) {
            messages.clear();
            requests.add((*batch)[r - first], int(r), messages);
            starts.push_back(starts.back() + int(messages.size()));
        }
        first = last;
    }
    std::vector<std::size_t> blocks{0};
    while (blocks.back() < index.requestCount()) {
        blocks.push_back(index.batchEnd(blocks.back(), blockBytes, blockRequests));
    }
    return std::shared_ptr<const SessionMessages>(new RequestLogMessages(
        std::move(header), conversationMessages, std::move(index), std::move(starts), std::move(blocks)));
}

std::size_t RequestLogMessages::requestOf(int index) const
{
    return std::size_t(std::upper_bound(m_starts.begin(), m_starts.end(), index) - m_starts.begin()) - 1;
}

std::size_t RequestLogMessages::blockOf(std::size_t request) const
{
    return std::size_t(std::upper_bound(m_blocks.begin(), m_blocks.end(), request) - m_blocks.begin()) - 1;
}

Result<QList<Message>> RequestLogMessages::convert(std::size_t first, std::size_t last) const
{
    Result<std::vector<boost::json::value>> batch = std::vector<boost::json::value>();
    {
        const std::lock_guard lock(m_fileLock);
        batch = m_index.requests(first, last);
    }
    if (!batch) {
        return batch.error();
    }
    ChatSessionConverter::Requests requests;
    QList<Message> messages;
    for (std::size_t r = first; r < last; ++r) {
        requests.add((*batch)[r - first], int(r), messages);
    }
    return messages;
}

void RequestLogMessages::appendPart(QList<Message>& to, std::size_t block, const QList<Message>& messages, int first,
                                    int last) const
{
    const int blockFirst = m_starts[m_blocks[block]];
    const int from = std::max(first, blockFirst) - blockFirst;
    const int end = std::min(last, blockFirst + int(messages.size())) - blockFirst;
    to.append(messages.mid(from, end - from));
}

void RequestLogMessages::keep(std::size_t block, const QList<Message>& messages) const
{
    std::vector<Block> dropped;
    {
        const std::lock_guard lock(m_cacheLock);
        if (std::any_of(m_cache.begin(), m_cache.end(), [block](const Block& b) { return b.number == block; })) {
            return; // another reader converted it meanwhile
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

Result<QList<Message>> RequestLogMessages::messages(int first, int last) const
{
    first = std::clamp(first, 0, count());
    last = std::clamp(last, first, count());
    QList<Message> result;
    if (first == last) {
        return result;
    }
    for (std::size_t block = blockOf(requestOf(first)); block + 1 < m_blocks.size() && m_starts[m_blocks[block]] < last;
         ++block) {
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
            auto converted = convert(m_blocks[block], m_blocks[block + 1]);
            if (!converted) {
                return converted.error();
            }
            keep(block, *converted);
            messages = std::move(converted).value();
        }
        appendPart(result, block, *messages, first, last);
    }
    return result;
}

std::optional<QList<Message>> RequestLogMessages::cached(int first, int last) const
{
    first = std::clamp(first, 0, count());
    last = std::clamp(last, first, count());
    QList<Message> result;
    if (first == last) {
        return result;
    }
    const std::lock_guard lock(m_cacheLock);
    for (std::size_t block = blockOf(requestOf(first)); block + 1 < m_blocks.size() && m_starts[m_blocks[block]] < last;
         ++block) {
        const auto held =
            std::find_if(m_cache.begin(), m_cache.end(), [block](const Block& b) { return b.number == block; });
        if (held == m_cache.end()) {
            return std::nullopt;
        }
        appendPart(result, block, held->messages, first, last);
    }
    return result;
}

std::optional<Error> RequestLogMessages::scan(const std::function<bool(int, const QList<Message>&)>& visit) const
{
    const std::size_t requestCount = m_starts.size() - 1;
    for (std::size_t first = 0; first < requestCount;) {
        // batchEnd reads only what build() made: no lock needed.
        const std::size_t last = m_index.batchEnd(first, scanBytes);
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

std::optional<Result<QString>> RequestLogMessages::nativeRecordOf(int index) const
{
    // A message's request is its nativeIndex (ChatSessionConverter); one past the last names no request.
    const int request = index < 0 ? -1 : int(requestOf(std::min(index, count())));
    const std::lock_guard lock(m_fileLock);
    return m_index.record(request);
}

} // namespace chasm
