#pragma once

#include "util/Result.h"

#include <QByteArray>
#include <QFile>

#include <memory>
#include <string_view>

namespace chasm {

// A whole file's bytes, memory-mapped so that a gigabyte log stays out of the heap (read into memory
// where the system refuses to map it). Empty files are an error: no session file is legitimately empty.
class MappedFile
{
public:
    static Result<std::shared_ptr<MappedFile>> open(const QString& path);

    std::string_view bytes() const { return m_bytes; }
    QString path() const { return m_file.fileName(); }

private:
    QFile m_file;
    QByteArray m_buffer;
    std::string_view m_bytes;
};

} // namespace chasm
