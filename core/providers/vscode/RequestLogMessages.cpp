// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#include "RequestLogMessages.h"

#include "vscode/ChatSessionConverter.h"

#include <algorithm>

using namespace Qt::StringLiterals;

namespace chasm {

namespace {

// What a whole-session pass reads at a time: a couple of megabytes of the log.
constexpr qint64 scanBytes = 2 << 20;

} // namespace

RequestLogMessages::RequestLogMessages(Session header, int conversationMessages, RequestIndex index,
                                       std::vector<int> starts, std::vector<std::size_t> blocks,
                                       std::vector<int> blockStarts)
    : BlockMessages(std::move(header), conversationMessages, std::move(blockStarts))
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
    std::vector<int> blockStarts;
    blockStarts.reserve(blocks.size());
    for (const std::size_t request : blocks) {
        blockStarts.push_back(starts[request]);
    }
    return std::shared_ptr<const SessionMessages>(new RequestLogMessages(std::move(header), conversationMessages,
                                                                         std::move(index), std::move(starts),
                                                                         std::move(blocks), std::move(blockStarts)));
}

std::size_t RequestLogMessages::requestOf(int index) const
{
    return std::size_t(std::upper_bound(m_starts.begin(), m_starts.end(), index) - m_starts.begin()) - 1;
}

Result<QList<Message>> RequestLogMessages::convert(std::size_t firstBlock, std::size_t lastBlock) const
{
    const std::size_t first = m_blocks[firstBlock];
    const std::size_t last = m_blocks[lastBlock];
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

std::size_t RequestLogMessages::scanEnd(std::size_t first) const
{
    // batchEnd reads only what build() made: no lock needed.
    const std::size_t request = m_index.batchEnd(m_blocks[first], scanBytes);
    return std::size_t(std::lower_bound(m_blocks.begin(), m_blocks.end(), request) - m_blocks.begin());
}

std::optional<Result<QString>> RequestLogMessages::nativeRecordOf(int index) const
{
    // A message's request is its nativeIndex (ChatSessionConverter); one past the last names no request.
    const int request = index < 0 ? -1 : int(requestOf(std::min(index, count())));
    const std::lock_guard lock(m_fileLock);
    return m_index.record(request);
}

} // namespace chasm
