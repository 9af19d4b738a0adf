#pragma once

#include "util/Result.h"

#include <QByteArray>
#include <QByteArrayView>

#include <string>
#include <string_view>

namespace chasm {

// The harvest database keeps each session's JSON compressed (a zstd frame at level 1): a quarter of its
// size on generated corpora and less on real ones, at about 400 MB/s on the reader threads, and a 1 GB
// harvest writes 600 MB less.
QByteArray compressText(std::string_view text);
// The text back; an error (without context: the caller names what was damaged) when `bytes` is not one
// whole frame.
Result<std::string> decompressText(QByteArrayView bytes);

} // namespace chasm
