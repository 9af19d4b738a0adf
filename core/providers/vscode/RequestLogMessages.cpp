#include "RequestLogMessages.h"

#include "vscode/ChatSessionConverter.h"

#include <algorithm>

using namespace Qt::StringLiterals;

namespace chasm {

namespace {

// The ranges a whole-session pass reads at a time: a couple of megabytes of the log, so that a viewer's reads
// between them wait no longer than one of them takes.
constexpr qint64 scanBytes = 2 << 20;

} // namespace

RequestLogMessages::RequestLogMessages(Session header, int conversationMessages, RequestIndex index,
                                       std::vector<int> starts)
    : SessionMessages(std::move(header), starts.back(), conversationMessages)
    , m_index(std::move(index))
    , m_starts(std::move(starts))
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
    return std::shared_ptr<const SessionMessages>(
        new RequestLogMessages(std::move(header), conversationMessages, std::move(index), std::move(starts)));
}

std::size_t RequestLogMessages::requestOf(int index) const
{
    return std::size_t(std::upper_bound(m_starts.begin(), m_starts.end(), index) - m_starts.begin()) - 1;
}

Result<QList<Message>> RequestLogMessages::convert(std::size_t first, std::size_t last) const
{
    auto batch = m_index.requests(first, last);
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

Result<QList<Message>> RequestLogMessages::messages(int first, int last) const
{
    first = std::clamp(first, 0, count());
    last = std::clamp(last, first, count());
    QList<Message> result;
    if (first == last) {
        return result;
    }
    const std::lock_guard lock(m_lock);
    const std::size_t requestCount = m_starts.size() - 1;
    for (std::size_t block = requestOf(first) / blockRequests;
         block * blockRequests < requestCount && m_starts[block * blockRequests] < last; ++block) {
        auto cached = std::find_if(m_cache.begin(), m_cache.end(), [block](const auto& b) { return b.first == block; });
        if (cached == m_cache.end()) {
            auto converted =
                convert(block * blockRequests, std::min(requestCount, (block + 1) * std::size_t(blockRequests)));
            if (!converted) {
                return converted.error();
            }
            if (m_cache.size() >= cachedBlocks) {
                m_cache.erase(m_cache.begin());
            }
            m_cache.emplace_back(block, std::move(converted).value());
        } else {
            std::rotate(cached, cached + 1, m_cache.end()); // the latest at the back
        }
        const QList<Message>& messages = m_cache.back().second;
        const int blockFirst = m_starts[block * blockRequests];
        const int from = std::max(first, blockFirst) - blockFirst;
        const int to = std::min(last, blockFirst + int(messages.size())) - blockFirst;
        result.append(messages.mid(from, to - from));
    }
    return result;
}

std::optional<Error> RequestLogMessages::scan(const std::function<bool(int, const QList<Message>&)>& visit) const
{
    const std::size_t requestCount = m_starts.size() - 1;
    for (std::size_t first = 0; first < requestCount;) {
        std::size_t last = 0;
        Result<QList<Message>> batch = QList<Message>();
        {
            // The lock only for the reading: a viewer's read waits for one range at most.
            const std::lock_guard lock(m_lock);
            last = m_index.batchEnd(first, scanBytes);
            batch = convert(first, last);
        }
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
