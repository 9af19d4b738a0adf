// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#pragma once

#include <QString>

#include <memory>
#include <optional>
#include <string_view>

class QIODevice;

namespace chasm {

// Reads a device line by line through one reusable buffer, so a gigabyte log costs a few megabytes
// of memory rather than its size. A line longer than the buffer grows it. Reading stops with an error past
// RegularFile::readLimit() bytes, also when the device grows while it is read. Reading starts where the device
// is, and offsets are the device's.
class LineReader
{
public:
    explicit LineReader(QIODevice& device, std::size_t chunkSize = std::size_t(4) << 20);

    // The next line without its "\n", valid until the next call; nullopt at the end of the data or
    // on a read error (then error() says why).
    std::optional<std::string_view> next();
    // The byte offset of the line next() returned last.
    qint64 lineOffset() const { return m_lineOffset; }
    // The offset past the last line next() returned (past its newline, when it had one).
    qint64 consumed() const { return m_bufferOffset + qint64(m_begin); }
    QString error() const { return m_error; }

private:
    bool fill();

    QIODevice& m_device;
    std::size_t m_size;
    // Not cleared before it is read into: clearing a buffer of the file's size was a tenth of a listing's reading.
    std::unique_ptr<char[]> m_buffer;
    std::size_t m_begin = 0; // first unconsumed byte
    std::size_t m_end = 0;   // end of the data in the buffer
    std::size_t m_scanned = 0;
    qint64 m_bufferOffset = 0; // file offset of m_buffer[0]
    qint64 m_lineOffset = 0;
    qint64 m_limit;
    bool m_atEnd = false;
    QString m_error;
};

} // namespace chasm
