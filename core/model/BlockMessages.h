// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#pragma once

#include "model/SessionMessages.h"

#include <mutex>
#include <vector>

namespace chasm {

// The messages of a huge session read from its file a block at a time as they are asked for: where each block's
// messages start is all that is held, with the blocks read last, up to a number of bytes. A session of any size opens
// in the memory of a few blocks. A read of the file never keeps cached() waiting: the GUI thread asks that, and a
// worker reads. A format that can be read so says how to read a block (convert()).
class BlockMessages : public SessionMessages
{
public:
    Result<QList<Message>> messages(int first, int last) const final;
    std::optional<QList<Message>> cached(int first, int last) const final;
    // Reads the blocks a few at a time (scanEnd()).
    std::optional<Error> scan(const std::function<bool(int first, const QList<Message>& batch)>& visit) const final;

    // The blocks read last are kept while their messages take at most this (the latest whatever its size).
    static constexpr qint64 cachedBytes = 16 << 20;

protected:
    // `starts`: the index of each block's first message, then the number of messages.
    BlockMessages(Session header, int conversationMessages, std::vector<int> starts);

    // The messages of blocks [first, last), read from the file: an error when it cannot be read as it was. Called
    // from any thread, from several at once.
    virtual Result<QList<Message>> convert(std::size_t first, std::size_t last) const = 0;
    // The block after those a whole-session pass from block `first` reads at once: a few megabytes of the file, so
    // that a viewer's reads between them wait no longer than one of them takes. The next block unless overridden.
    virtual std::size_t scanEnd(std::size_t first) const { return first + 1; }

    std::size_t blockCount() const { return m_starts.size() - 1; }
    // The index of block `block`'s first message (of the count for the block after the last).
    int firstOf(std::size_t block) const { return m_starts[block]; }
    // The block that holds message `index`.
    std::size_t blockOf(int index) const;

private:
    struct Block
    {
        std::size_t number = 0;
        QList<Message> messages;
        qint64 bytes = 0; // what its messages take
    };

    // Appends the messages of `block` (all of them in `messages`) that lie in [first, last).
    void appendPart(QList<Message>& to, std::size_t block, const QList<Message>& messages, int first, int last) const;
    // Puts a block read into the cache, dropping the oldest beyond cachedBytes.
    void keep(std::size_t block, const QList<Message>& messages) const;

    std::vector<int> m_starts;
    // Only lookups in the cache wait for this lock.
    mutable std::mutex m_cacheLock;
    // The blocks read last, the latest at the back, and what their messages take.
    mutable std::vector<Block> m_cache;
    mutable qint64 m_cacheBytes = 0;
};

} // namespace chasm
