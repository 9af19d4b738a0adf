// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#pragma once

#include "json/JsonLines.h"
#include "model/BlockMessages.h"
#include "providers/SettlingMessages.h"
#include "util/FileMark.h"

#include <QFile>

#include <functional>
#include <memory>
#include <mutex>
#include <vector>

namespace chasm {

// The messages of a session log opened for a viewer (Provider::open), read again a block at a time as they are asked
// for (BlockMessages). A Streamed read (SettlingMessages) found where each block's first message was made and where
// none of its messages could change any more; the log's reader reads a block again from there (Replay). The log is
// kept open: what is appended to it later, or a file put in its place, is not read; one written again in place gives
// an error.
class LogBlockMessages final : public BlockMessages
{
public:
    // The messages a reader makes of the records of `span` of the open log, read from the start of the span (a line
    // where a block's first message was made), as the read from the log's start made them.
    using Replay = std::function<Result<QList<Message>>(QFile& file, const json::Span& span)>;

    // Blocks of at most blockMessages messages, whose records take at most blockBytes of the log (a message that
    // needs more is a block alone); what a whole-session pass reads at once; what a viewer is shown first, read
    // whole, while the log is read.
    static constexpr qsizetype blockMessages = 64;
    static constexpr qint64 blockBytes = 1 << 20;
    static constexpr qint64 scanBytes = 4 << 20;
    static constexpr qint64 previewBytes = 4 << 20;

    // Collects the blocks of a Streamed read as they are handed on.
    class Collector
    {
    public:
        // A `cancelled` that turns true stops the read.
        explicit Collector(std::function<bool()> cancelled)
            : m_cancelled(std::move(cancelled))
        {}
        // The batches a Streamed SettlingMessages hands on for a viewer, and what it hands them to.
        static SettlingMessages::Batches batches() { return {blockMessages, blockBytes}; }
        SettlingMessages::HandOn handOn();
        // After the Streamed read of the log at `path`, open as `file`, up to `until`, which gave `read`: hands on
        // what `handOnTheRest` still holds, and gives the session of `header`, or why not: cancelled, the read's
        // error, or a log whose conversation messages are not the `counted` ones the counting read found.
        Result<std::shared_ptr<const SessionMessages>> finish(const QString& path, std::unique_ptr<QFile> file,
                                                              qint64 until, const Result<json::LinesRead>& read,
                                                              const std::function<bool()>& handOnTheRest,
                                                              Session header, int counted, Replay replay);

    private:
        bool cancelled() const { return m_cancelled && m_cancelled(); }

        std::function<bool()> m_cancelled;
        std::vector<int> m_starts;
        std::vector<json::Span> m_blocks;
        int m_count = 0;
        int m_conversation = 0;
    };

protected:
    Result<QList<Message>> convert(std::size_t first, std::size_t last) const override;
    std::size_t scanEnd(std::size_t first) const override;

private:
    LogBlockMessages(Session header, int conversationMessages, std::vector<int> starts, std::vector<json::Span> blocks,
                     QString path, std::unique_ptr<QFile> file, FileMark mark, Replay replay);

    std::vector<json::Span> m_blocks;
    QString m_path;
    // Only reads of the log wait for this lock.
    mutable std::mutex m_fileLock;
    std::unique_ptr<QFile> m_file;
    FileMark m_mark;
    Replay m_replay;
};

} // namespace chasm
