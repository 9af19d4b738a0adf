#pragma once

#include "util/Result.h"

#include <QByteArray>
#include <QByteArrayView>

#include <string>
#include <string_view>
#include <vector>

namespace chasm {

// The harvest database keeps each session's JSON compressed (a zstd frame at level 1): a quarter of its
// size on generated corpora and less on real ones, at about 400 MB/s on the reader threads, and a 1 GB
// harvest writes 600 MB less.
QByteArray compressText(std::string_view text);
// The same for a text in parts (a big session's JSON, serialized piece by piece so that it never needs one block of
// its whole size, let alone the twice that a growing string takes): one frame that decompresses to the parts joined.
QByteArray compressText(const std::vector<std::string>& parts);
// The same for a text that comes in pieces whose total is not known until the last: the text is compressed into
// frames of about a megabyte, each holding its size, whose concatenation decompressText reads as the text whole.
class TextCompressor
{
public:
    void add(std::string_view text);
    // The frames of all the text added.
    QByteArray finish();

private:
    // Compresses the text waiting into one frame.
    void flush();

    std::string m_pending;
    QByteArray m_bytes;
};
// The text back; an error (without context: the caller names what was damaged) when `bytes` is not whole
// frames (one, or several that TextCompressor made).
Result<std::string> decompressText(QByteArrayView bytes);

} // namespace chasm
