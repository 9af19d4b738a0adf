#include "Compression.h"

#include <zstd.h>

using namespace Qt::StringLiterals;

namespace chasm {

QByteArray compressText(std::string_view text)
{
    QByteArray bytes(qsizetype(ZSTD_compressBound(text.size())), Qt::Uninitialized);
    const std::size_t written = ZSTD_compress(bytes.data(), std::size_t(bytes.size()), text.data(), text.size(), 1);
    // Compressing into a buffer of the bound cannot fail but for memory, which Qt treats as fatal too.
    Q_ASSERT(!ZSTD_isError(written));
    bytes.truncate(qsizetype(written));
    return bytes;
}

Result<std::string> decompressText(QByteArrayView bytes)
{
    const unsigned long long size = ZSTD_getFrameContentSize(bytes.data(), std::size_t(bytes.size()));
    if (size == ZSTD_CONTENTSIZE_ERROR || size == ZSTD_CONTENTSIZE_UNKNOWN) {
        return Error{u"not compressed JSON"_s};
    }
    std::string text(std::size_t(size), '\0');
    const std::size_t read = ZSTD_decompress(text.data(), text.size(), bytes.data(), std::size_t(bytes.size()));
    if (ZSTD_isError(read) || read != text.size()) {
        return Error{u"compressed JSON that does not decompress (%1)"_s.arg(
            QString::fromLatin1(ZSTD_isError(read) ? ZSTD_getErrorName(read) : "short"))};
    }
    return text;
}

} // namespace chasm
