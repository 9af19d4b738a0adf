// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#include "LineReader.h"

#include "util/RegularFile.h"

#include <QIODevice>

#include <algorithm>
#include <cstring>

namespace chasm {

namespace {

// A file shorter than the chunk gets a buffer of its size and one byte (the end shows in one read): most session
// files are a small fraction of a chunk, and allocating and clearing 4 MiB for each took a tenth of a harvest's
// reading time. A file that grows while it is read grows the buffer as a long line does.
std::size_t bufferSize(const QIODevice& device, std::size_t chunkSize)
{
    if (device.isSequential()) {
        return chunkSize;
    }
    const qint64 left = std::max<qint64>(device.size() - device.pos(), 0);
    return std::min(std::size_t(left) + 1, chunkSize);
}

} // namespace

LineReader::LineReader(QIODevice& device, std::size_t chunkSize)
    : m_device(device)
    , m_size(bufferSize(device, chunkSize))
    , m_buffer(std::make_unique_for_overwrite<char[]>(m_size))
    , m_bufferOffset(device.isSequential() ? 0 : device.pos())
    , m_limit(RegularFile::readLimit())
{}

bool LineReader::fill()
{
    if (m_atEnd) {
        return false;
    }
    if (m_begin > 0) {
        // Keep the unfinished line at the front of the buffer.
        std::memmove(m_buffer.get(), m_buffer.get() + m_begin, m_end - m_begin);
        m_bufferOffset += qint64(m_begin);
        m_end -= m_begin;
        m_scanned -= m_begin;
        m_begin = 0;
    }
    if (m_end == m_size) {
        auto larger = std::make_unique_for_overwrite<char[]>(m_size * 2);
        std::memcpy(larger.get(), m_buffer.get(), m_end);
        m_buffer = std::move(larger);
        m_size *= 2;
    }
    const qint64 read = m_device.read(m_buffer.get() + m_end, qint64(m_size - m_end));
    if (read < 0) {
        m_error = m_device.errorString();
        m_atEnd = true;
        return false;
    }
    if (read == 0) {
        m_atEnd = true;
        return false;
    }
    m_end += std::size_t(read);
    if (m_bufferOffset + qint64(m_end) > m_limit) {
        m_error = RegularFile::tooLarge(m_limit);
        m_atEnd = true;
        return false;
    }
    return true;
}

std::optional<std::string_view> LineReader::next()
{
    while (true) {
        const void* newline = std::memchr(m_buffer.get() + m_scanned, '\n', m_end - m_scanned);
        if (newline) {
            const std::size_t stop = std::size_t(static_cast<const char*>(newline) - m_buffer.get());
            const std::string_view line(m_buffer.get() + m_begin, stop - m_begin);
            m_lineOffset = m_bufferOffset + qint64(m_begin);
            m_begin = m_scanned = stop + 1;
            return line;
        }
        m_scanned = m_end;
        if (!fill()) {
            if (!m_error.isEmpty() || m_begin == m_end) {
                return std::nullopt;
            }
            const std::string_view line(m_buffer.get() + m_begin, m_end - m_begin);
            m_lineOffset = m_bufferOffset + qint64(m_begin);
            m_begin = m_scanned = m_end;
            return line;
        }
    }
}

} // namespace chasm
