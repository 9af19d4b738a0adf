// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#include "WorkspaceId.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFileInfo>

#include <sys/stat.h>

using namespace Qt::StringLiterals;

namespace chasm {

namespace {

QString md5Hex(const QByteArray& bytes)
{
    return QString::fromLatin1(QCryptographicHash::hash(bytes, QCryptographicHash::Md5).toHex());
}

// URI.fsPath of URI.file(path): native separators, and on Windows a lower-case drive letter.
QString fsPath(const QString& path)
{
    QString native = QDir::toNativeSeparators(QDir::cleanPath(path));
#ifdef Q_OS_WIN
    if (native.size() >= 2 && native.at(1) == u':') {
        native[0] = native.at(0).toLower();
    }
#endif
    return native;
}

} // namespace

QString WorkspaceId::ofFolder(const QString& fsPath, quint64 salt)
{
    return md5Hex(fsPath.toUtf8() + (salt == 0 ? QByteArray() : QByteArray::number(salt)));
}

QString WorkspaceId::ofRemote(const QString& uri)
{
    return md5Hex(uri.toUtf8());
}

Result<QString> WorkspaceId::ofLocalFolder(const QString& path)
{
    const QFileInfo info(path);
    if (!info.isDir()) {
        return Error{u"%1 is not a folder on this machine: create it first (the editor's workspace id depends on "
                     "it)"_s.arg(path)};
    }
    quint64 salt = 0;
#if defined(Q_OS_LINUX)
    struct stat status
    {};
    if (::stat(QFile::encodeName(path).constData(), &status) != 0) {
        return Error{u"cannot read the folder %1"_s.arg(path)};
    }
    salt = quint64(status.st_ino);
#else
    const QDateTime born = info.birthTime();
    if (!born.isValid()) {
        return Error{
            u"the file system does not say when %1 was created, which the editor's workspace id needs"_s.arg(path)};
    }
    salt = quint64(born.toMSecsSinceEpoch());
#endif
    return ofFolder(fsPath(info.absoluteFilePath()), salt);
}

QString WorkspaceId::fileUri(const QString& path)
{
    QString posix = QDir::fromNativeSeparators(QDir::cleanPath(path));
    if (posix.size() >= 2 && posix.at(1) == u':') {
        posix = u'/' + posix.at(0).toLower() + posix.mid(1);
    }
    QString uri = u"file://"_s;
    for (const char c : posix.toUtf8()) {
        const bool plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
                           c == '.' || c == '_' || c == '~' || c == '/';
        uri += plain ? QString(QChar::fromLatin1(c))
                     : u'%' + QString::number(uchar(c), 16).toUpper().rightJustified(2, u'0');
    }
    return uri;
}

} // namespace chasm
