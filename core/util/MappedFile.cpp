#include "MappedFile.h"

using namespace Qt::StringLiterals;

namespace chasm {

Result<std::shared_ptr<MappedFile>> MappedFile::open(const QString& path)
{
    auto mapped = std::make_shared<MappedFile>();
    mapped->m_file.setFileName(path);
    if (!mapped->m_file.open(QIODevice::ReadOnly)) {
        return Error{u"cannot read %1: %2"_s.arg(path, mapped->m_file.errorString())};
    }
    const qint64 size = mapped->m_file.size();
    if (size == 0) {
        return Error{u"cannot read %1: the file is empty"_s.arg(path)};
    }
    if (const uchar* data = mapped->m_file.map(0, size)) {
        mapped->m_bytes = std::string_view(reinterpret_cast<const char*>(data), static_cast<std::size_t>(size));
    } else {
        mapped->m_buffer = mapped->m_file.readAll();
        if (mapped->m_buffer.size() != size) {
            return Error{u"cannot read %1: %2"_s.arg(path, mapped->m_file.errorString())};
        }
        mapped->m_bytes = std::string_view(mapped->m_buffer.constData(), static_cast<std::size_t>(size));
    }
    return mapped;
}

} // namespace chasm
