// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#include "ExportFile.h"

#include <QFileInfo>

#ifdef Q_OS_WIN
#include <io.h>
#else
#include <unistd.h>
#endif

using namespace Qt::StringLiterals;

namespace chasm {

namespace {

// The bytes on disk before the rename, so that a crash leaves no file or the whole file. A file system
// that cannot sync (as QSaveFile, which this replaces, does) is no error.
bool synced(QFileDevice& file)
{
    if (!file.flush()) {
        return false;
    }
#ifdef Q_OS_WIN
    _commit(file.handle());
#else
    ::fsync(file.handle());
#endif
    return true;
}

} // namespace

ExportFile::ExportFile(const QString& destination, Naming naming)
    : m_destination(destination)
    , m_naming(naming)
{}

bool ExportFile::taken(const QString& path)
{
    const QFileInfo info(path);
    return info.exists() || info.isSymLink();
}

std::optional<Error> ExportFile::open()
{
    const QFileInfo info(m_destination);
    if (m_naming == Naming::Exact && info.isSymLink()) {
        return Error{
            u"%1 is a symbolic link; choose another name (an export never writes through a link)"_s.arg(m_destination)};
    }
    if (m_naming == Naming::Exact && info.exists()) {
        return Error{u"%1 exists already; choose another name (nothing is overwritten)"_s.arg(m_destination)};
    }
    m_file.setFileTemplate(info.absolutePath() + u"/."_s + info.fileName().left(64) + u".XXXXXX"_s);
    if (!m_file.open()) {
        return failed(m_file.errorString());
    }
    return std::nullopt;
}

std::optional<Error> ExportFile::write(QByteArrayView bytes)
{
    if (m_file.write(bytes.data(), bytes.size()) != bytes.size()) {
        return failed(m_file.errorString());
    }
    return std::nullopt;
}

QString ExportFile::numbered(int n) const
{
    if (n < 2) {
        return m_destination;
    }
    const QFileInfo info(m_destination);
    return info.path() + u'/' + info.completeBaseName() + u"-%1."_s.arg(n) + info.suffix();
}

Error ExportFile::failed(const QString& why) const
{
    return Error{u"cannot write %1: %2"_s.arg(m_destination, why)};
}

Result<QString> ExportFile::commit()
{
    if (m_file.error() != QFileDevice::NoError || !synced(m_file)) {
        return failed(m_file.errorString());
    }
    // QTemporaryFile::rename refuses a taken name (RENAME_NOREPLACE, a hard link, or MoveFileEx without
    // replacing) and never falls back to copying, which would write through a link. It can be tried once: a
    // closed temporary file would be renamed by QFile::rename, which does fall back to copying.
    QString path = m_destination;
    for (int n = 2; m_naming == Naming::Numbered && taken(path); ++n) {
        path = numbered(n);
    }
    if (!m_file.rename(path)) {
        if (taken(path)) {
            return Error{u"%1 appeared while the export ran; nothing is overwritten, try again"_s.arg(path)};
        }
        return Error{u"cannot write %1: %2"_s.arg(path, m_file.errorString())};
    }
    m_file.setAutoRemove(false);
    return path;
}

} // namespace chasm
