// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#pragma once

#include "util/Result.h"

#include <QByteArray>
#include <QByteArrayView>

#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace chasm {

// The harvest database keeps each session's JSON compressed (a zstd frame at level 1): a quarter of its
// size on generated corpora and less on real ones, at about 400 MB/s on the reader threads, and a 1 GB
// harvest writes 600 MB less.
// A higher `level` (zstd's, up to 19) makes a smaller frame, more slowly: the files a harvest keeps as they are use 3
// (see Originals).
QByteArray compressText(std::string_view text, int level = 1);
// The same for a text in parts (a big session's JSON, serialized piece by piece so that it never needs one block of
// its whole size, let alone the twice that a growing string takes): one frame that decompresses to the parts joined.
QByteArray compressText(const std::vector<std::string>& parts);
// The same for a text that comes in pieces whose total is not known until the last: the text is compressed into
// frames of about a megabyte, each holding its size, whose concatenation decompressText reads as the text whole.
class TextCompressor
{
public:
    // Where each frame goes as it is made, instead of into what finish() returns: a file, so that the frames need no
    // memory of ours.
    using Output = std::function<void(QByteArrayView frame)>;
    TextCompressor() = default;
    explicit TextCompressor(Output output)
        : m_output(std::move(output))
    {}

    void add(std::string_view text);
    // The frames of all the text added (nothing when they went to the output).
    QByteArray finish();

private:
    // Compresses the text waiting into one frame.
    void flush();

    Output m_output;
    std::string m_pending;
    QByteArray m_bytes;
    bool m_empty = true; // no frame made yet
};
// The text back; an error (without context: the caller names what was damaged) when `bytes` is not whole
// frames (one, or several that TextCompressor made).
Result<std::string> decompressText(QByteArrayView bytes);

} // namespace chasm
