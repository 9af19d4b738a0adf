// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#pragma once

#include "model/SessionMessages.h"
#include "vscode/RequestIndex.h"

#include <functional>
#include <mutex>
#include <vector>

namespace chasm {

// The messages of a chatSessions/*.jsonl log read from the log as they are asked for: its RequestIndex (which
// bytes make each request) and where each request's messages start are all that is held, and the blocks of
// requests asked for last, converted, up to a number of bytes. A session of any size opens in the memory of a few
// requests. A read of the log never keeps cached() waiting: the GUI thread asks that, and a worker reads.
class RequestLogMessages final : public SessionMessages
{
public:
    // The session of a log's `index` with its `header` (made from the index's outline, which is freed): goes once
    // through its requests to count their messages (a request makes two or three). A `cancelled` that turns true
    // stops the pass with an error.
    static Result<std::shared_ptr<const SessionMessages>>
    open(RequestIndex index, Session header, int conversationMessages, const std::function<bool()>& cancelled);

    Result<QList<Message>> messages(int first, int last) const override;
    std::optional<QList<Message>> cached(int first, int last) const override;
    std::optional<Error> scan(const std::function<bool(int first, const QList<Message>& batch)>& visit) const override;
    // The request that makes message `index`, as VsCodeProvider::nativeRecord gives it, from the log this session
    // was opened on: its index says which lines to read, and no message is converted.
    std::optional<Result<QString>> nativeRecordOf(int index) const override;

    // Requests are converted in blocks of at most blockRequests requests and blockBytes bytes of the log (a request
    // that needs more is a block alone), and the blocks converted last are kept while their messages take at most
    // cachedBytes (the latest is kept whatever its size).
    static constexpr std::size_t blockRequests = 16;
    static constexpr qint64 blockBytes = 1 << 20;
    static constexpr qint64 cachedBytes = 16 << 20;

private:
    struct Block
    {
        std::size_t number = 0;
        QList<Message> messages;
        qint64 bytes = 0; // what its messages take
    };

    RequestLogMessages(Session header, int conversationMessages, RequestIndex index, std::vector<int> starts,
                       std::vector<std::size_t> blocks);
    // The messages of requests [first, last): the log read under m_fileLock, the requests converted outside it.
    Result<QList<Message>> convert(std::size_t first, std::size_t last) const;
    // The request whose messages hold message `index`, and the block that holds that request.
    std::size_t requestOf(int index) const;
    std::size_t blockOf(std::size_t request) const;
    // Appends the messages of `block` (all of them in `messages`) that lie in [first, last).
    void appendPart(QList<Message>& to, std::size_t block, const QList<Message>& messages, int first, int last) const;
    // Puts a block converted into the cache, dropping the oldest beyond cachedBytes. Under m_cacheLock.
    void keep(std::size_t block, const QList<Message>& messages) const;

    // Only reads of the log wait for this lock.
    mutable std::mutex m_fileLock;
    mutable RequestIndex m_index;
    // Where each request's messages start, and the count after the last.
    std::vector<int> m_starts;
    // The first request of each block, and the number of requests after the last.
    std::vector<std::size_t> m_blocks;
    // Only lookups in the cache wait for this one.
    mutable std::mutex m_cacheLock;
    // The blocks converted last, the latest at the back, and what their messages take.
    mutable std::vector<Block> m_cache;
    mutable qint64 m_cacheBytes = 0;
};

} // namespace chasm
