// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#pragma once

#include "model/BlockMessages.h"
#include "vscode/RequestIndex.h"

#include <functional>
#include <mutex>
#include <vector>

namespace chasm {

// The messages of a chatSessions/*.jsonl log read from the log as they are asked for (BlockMessages): its
// RequestIndex (which bytes make each request) and where each request's messages start are all that is held.
class RequestLogMessages final : public BlockMessages
{
public:
    // The session of a log's `index` with its `header` (made from the index's outline, which is freed): goes once
    // through its requests to count their messages (a request makes two or three). A `cancelled` that turns true
    // stops the pass with an error.
    static Result<std::shared_ptr<const SessionMessages>>
    open(RequestIndex index, Session header, int conversationMessages, const std::function<bool()>& cancelled);

    // The request that makes message `index`, as VsCodeProvider::nativeRecord gives it, from the log this session
    // was opened on: its index says which lines to read, and no message is converted.
    std::optional<Result<QString>> nativeRecordOf(int index) const override;

    // Requests are read in blocks of at most blockRequests requests and blockBytes bytes of the log (a request that
    // needs more is a block alone).
    static constexpr std::size_t blockRequests = 16;
    static constexpr qint64 blockBytes = 1 << 20;

protected:
    Result<QList<Message>> convert(std::size_t first, std::size_t last) const override;
    std::size_t scanEnd(std::size_t first) const override;

private:
    RequestLogMessages(Session header, int conversationMessages, RequestIndex index, std::vector<int> starts,
                       std::vector<std::size_t> blocks, std::vector<int> blockStarts);
    // The request whose messages hold message `index`.
    std::size_t requestOf(int index) const;

    // Only reads of the log wait for this lock.
    mutable std::mutex m_fileLock;
    mutable RequestIndex m_index;
    // Where each request's messages start, and the count after the last.
    std::vector<int> m_starts;
    // The first request of each block, and the number of requests after the last.
    std::vector<std::size_t> m_blocks;
};

} // namespace chasm
