#pragma once

#include "model/SessionMessages.h"
#include "vscode/RequestIndex.h"

#include <functional>
#include <mutex>
#include <vector>

namespace chasm {

// The messages of a chatSessions/*.jsonl log read from the log as they are asked for: its RequestIndex (which
// bytes make each request) and where each request's messages start are all that is held, and the requests of
// the last few ranges asked for, converted. A session of any size opens in the memory of a few requests.
class RequestLogMessages final : public SessionMessages
{
public:
    // The session of a log's `index` with its `header` (made from the index's outline, which is freed): goes once
    // through its
    // requests to count their messages (a request makes two or three). A `cancelled` that turns true stops the
    // pass with an error.
    static Result<std::shared_ptr<const SessionMessages>>
    open(RequestIndex index, Session header, int conversationMessages, const std::function<bool()>& cancelled);

    Result<QList<Message>> messages(int first, int last) const override;
    std::optional<Error> scan(const std::function<bool(int first, const QList<Message>& batch)>& visit) const override;

    // How many requests are converted together and how many such blocks are kept.
    static constexpr int blockRequests = 16;
    static constexpr std::size_t cachedBlocks = 8;

private:
    RequestLogMessages(Session header, int conversationMessages, RequestIndex index, std::vector<int> starts);
    // The messages of requests [first, last), under m_lock.
    Result<QList<Message>> convert(std::size_t first, std::size_t last) const;
    // The request whose messages hold message `index`.
    std::size_t requestOf(int index) const;

    mutable std::mutex m_lock;
    mutable RequestIndex m_index;
    // Where each request's messages start, and the count after the last.
    std::vector<int> m_starts;
    // The blocks converted last, the latest at the back.
    mutable std::vector<std::pair<std::size_t, QList<Message>>> m_cache;
};

} // namespace chasm
