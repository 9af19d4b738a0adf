// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#include "LogBlockMessages.h"

#include <algorithm>

using namespace Qt::StringLiterals;

namespace chasm {

SettlingMessages::HandOn LogBlockMessages::Collector::handOn()
{
    return [this](QList<Message>&& batch, const json::LineAt& first, qint64 settledAt) {
        m_starts.push_back(m_count);
        m_blocks.push_back(json::Span{first.offset, settledAt, first.number});
        m_count += int(batch.size());
        m_conversation +=
            int(std::count_if(batch.cbegin(), batch.cend(), [](const Message& m) { return m.role != Role::System; }));
        return !cancelled();
    };
}

Result<std::shared_ptr<const SessionMessages>>
LogBlockMessages::Collector::finish(const QString& path, std::unique_ptr<QFile> file, qint64 until,
                                    const Result<json::LinesRead>& read, const std::function<bool()>& handOnTheRest,
                                    Session header, int counted, Replay replay)
{
    if (!read) {
        return read.error();
    }
    if (!handOnTheRest() || cancelled()) {
        return Error{u"reading %1 was cancelled"_s.arg(path)};
    }
    if (m_conversation != counted) {
        return SettlingMessages::changedWhileRead(path, counted, m_conversation);
    }
    m_starts.push_back(m_count);
    FileMark mark = FileMark::of(*file, until);
    return std::shared_ptr<const SessionMessages>(new LogBlockMessages(std::move(header), counted, std::move(m_starts),
                                                                       std::move(m_blocks), path, std::move(file),
                                                                       std::move(mark), std::move(replay)));
}

LogBlockMessages::LogBlockMessages(Session header, int conversationMessages, std::vector<int> starts,
                                   std::vector<json::Span> blocks, QString path, std::unique_ptr<QFile> file,
                                   FileMark mark, Replay replay)
    : BlockMessages(std::move(header), conversationMessages, std::move(starts))
    , m_blocks(std::move(blocks))
    , m_path(std::move(path))
    , m_file(std::move(file))
    , m_mark(std::move(mark))
    , m_replay(std::move(replay))
{}

Result<QList<Message>> LogBlockMessages::convert(std::size_t first, std::size_t last) const
{
    json::Span span = m_blocks[first];
    for (std::size_t block = first; block < last; ++block) {
        span.until = std::max(span.until, m_blocks[block].until);
    }
    const auto writtenAgain = [this] {
        return Error{u"cannot read %1: it was written again since it was opened; open it again"_s.arg(m_path)};
    };
    Result<QList<Message>> messages = QList<Message>();
    {
        const std::lock_guard lock(m_fileLock);
        if (!m_mark.holds(*m_file)) {
            return writtenAgain();
        }
        messages = m_replay(*m_file, span);
    }
    if (!messages) {
        return messages.error();
    }
    const int count = firstOf(last) - firstOf(first);
    if (messages->size() < count) {
        return writtenAgain();
    }
    return messages->first(count);
}

std::size_t LogBlockMessages::scanEnd(std::size_t first) const
{
    std::size_t last = first + 1;
    while (last < m_blocks.size() && m_blocks[last].until - m_blocks[first].from < scanBytes) {
        ++last;
    }
    return last;
}

} // namespace chasm
