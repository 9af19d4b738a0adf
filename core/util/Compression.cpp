// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#include "Compression.h"

#include <zstd.h>

#include <algorithm>
#include <memory>
#include <utility>

using namespace Qt::StringLiterals;

namespace chasm {

QByteArray compressText(std::string_view text, int level)
{
    QByteArray bytes(qsizetype(ZSTD_compressBound(text.size())), Qt::Uninitialized);
    const std::size_t written = ZSTD_compress(bytes.data(), std::size_t(bytes.size()), text.data(), text.size(), level);
    // Compressing into a buffer of the bound fails only when memory runs out, which Qt treats as fatal too.
    if (ZSTD_isError(written)) {
        qFatal("zstd: %s", ZSTD_getErrorName(written));
    }
    bytes.truncate(qsizetype(written));
    bytes.squeeze(); // the bound is about the text's size: the frame is kept, not the room it was made in
    return bytes;
}

QByteArray compressText(const std::vector<std::string>& parts)
{
    std::size_t total = 0;
    for (const std::string& part : parts) {
        total += part.size();
    }
    const std::unique_ptr<ZSTD_CCtx, decltype(&ZSTD_freeCCtx)> context(ZSTD_createCCtx(), &ZSTD_freeCCtx);
    ZSTD_CCtx_setParameter(context.get(), ZSTD_c_compressionLevel, 1);
    // The frame's header then holds the text's size, which decompressText relies on.
    ZSTD_CCtx_setPledgedSrcSize(context.get(), total);
    QByteArray bytes;
    std::size_t written = 0;
    const auto compress = [&](std::string_view part, ZSTD_EndDirective mode) {
        ZSTD_inBuffer in{part.data(), part.size(), 0};
        std::size_t left = 0;
        do {
            bytes.resize(qsizetype(written + ZSTD_CStreamOutSize()));
            ZSTD_outBuffer out{bytes.data(), std::size_t(bytes.size()), written};
            left = ZSTD_compressStream2(context.get(), &out, &in, mode);
            if (ZSTD_isError(left)) {
                qFatal("zstd: %s", ZSTD_getErrorName(left)); // as in compressText above: only when memory runs out
            }
            written = out.pos;
        } while (mode == ZSTD_e_end ? left != 0 : in.pos < in.size);
    };
    for (const std::string& part : parts) {
        compress(part, ZSTD_e_continue);
    }
    compress({}, ZSTD_e_end);
    bytes.truncate(qsizetype(written));
    // The buffer grew by 128 KiB steps, and then by half its size: without this, a prepared session waiting for the
    // writer held at least 128 KiB for a frame of a few, and the sessions waiting held a quarter of a 1 GB harvest's
    // heap (67 MB of 247 at 3 GB).
    bytes.squeeze();
    return bytes;
}

void TextCompressor::add(std::string_view text)
{
    // Pieces of a megabyte, as compressText(parts) has: glibc maps blocks that large on their own and gives them
    // back whole. A frame costs a few bytes and starts without the window of the one before, which at level 1 (a
    // window of 512 KiB) loses next to nothing.
    constexpr std::size_t frameBytes = std::size_t(1) << 20;
    if (m_pending.capacity() < frameBytes) {
        m_pending.reserve(frameBytes);
    }
    m_pending += text;
    if (m_pending.size() >= frameBytes) {
        flush();
    }
}

QByteArray TextCompressor::finish()
{
    if (!m_pending.empty() || m_empty) {
        flush(); // an empty text is one empty frame, as compressText makes it
    }
    m_pending = {};
    m_empty = true;
    m_bytes.squeeze(); // as compressText
    return std::exchange(m_bytes, {});
}

void TextCompressor::flush()
{
    const qsizetype at = m_bytes.size();
    m_bytes.resize(at + qsizetype(ZSTD_compressBound(m_pending.size())));
    const std::size_t written =
        ZSTD_compress(m_bytes.data() + at, std::size_t(m_bytes.size() - at), m_pending.data(), m_pending.size(), 1);
    if (ZSTD_isError(written)) {
        qFatal("zstd: %s", ZSTD_getErrorName(written)); // as in compressText: only when memory runs out
    }
    m_bytes.truncate(at + qsizetype(written));
    m_pending.clear();
    m_empty = false;
    if (m_output) {
        m_output(m_bytes);
        m_bytes.clear(); // its capacity stays for the next frame
    }
}

Result<std::string> decompressText(QByteArrayView bytes)
{
    // The sizes of the frames (each holds its own), added up: ZSTD_decompress reads frames one after the other.
    // No frame expands more than 32 768 times (a run-length block of 128 KiB takes 4 bytes): a damaged header must
    // not make us allocate whatever it claims.
    unsigned long long size = 0;
    std::size_t at = 0;
    do {
        const char* frame = bytes.data() + at;
        const std::size_t left = std::size_t(bytes.size()) - at;
        const unsigned long long frameSize = ZSTD_getFrameContentSize(frame, left);
        if (frameSize == ZSTD_CONTENTSIZE_ERROR || frameSize == ZSTD_CONTENTSIZE_UNKNOWN) {
            return Error{u"not compressed JSON"_s};
        }
        size += std::min(frameSize, ZSTD_CONTENTSIZE_ERROR - 1 - size); // no wrap past what is refused below
        if (size / 32768 > std::size_t(bytes.size())) {
            return Error{u"compressed JSON that claims %1 bytes in %2"_s.arg(QString::number(size),
                                                                             QString::number(bytes.size()))};
        }
        const std::size_t frameBytes = ZSTD_findFrameCompressedSize(frame, left);
        if (ZSTD_isError(frameBytes)) {
            return Error{u"compressed JSON that does not decompress (%1)"_s.arg(
                QString::fromLatin1(ZSTD_getErrorName(frameBytes)))};
        }
        at += frameBytes;
    } while (at < std::size_t(bytes.size()));
    std::string text(std::size_t(size), '\0');
    const std::size_t read = ZSTD_decompress(text.data(), text.size(), bytes.data(), std::size_t(bytes.size()));
    if (ZSTD_isError(read) || read != text.size()) {
        return Error{u"compressed JSON that does not decompress (%1)"_s.arg(
            QString::fromLatin1(ZSTD_isError(read) ? ZSTD_getErrorName(read) : "short"))};
    }
    return text;
}

} // namespace chasm
