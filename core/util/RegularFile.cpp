// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#include "RegularFile.h"

#include <QFile>
#include <QFileInfo>

#include <algorithm>

#ifdef Q_OS_UNIX
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#endif

using namespace Qt::StringLiterals;

namespace chasm {

namespace {

constexpr qint64 defaultLimitMb = 4096;

#ifdef Q_OS_UNIX
QString kindOf(mode_t mode)
{
    if (S_ISDIR(mode)) {
        return u"a folder"_s;
    }
    if (S_ISFIFO(mode)) {
        return u"a FIFO (named pipe)"_s;
    }
    if (S_ISSOCK(mode)) {
        return u"a socket"_s;
    }
    if (S_ISCHR(mode) || S_ISBLK(mode)) {
        return u"a device"_s;
    }
    return u"a special file"_s;
}

// A descriptor of `path` for reading, opened without blocking (a FIFO with no writer would block a plain
// open forever) and kept only when fstat says it is a regular file. -1 with `error` set otherwise.
int openRegular(const QString& path, qint64 limit, QString& error)
{
    const QByteArray name = QFile::encodeName(path);
    if (name.contains('\0')) {
        error = u"cannot read %1: the name holds a NUL character"_s.arg(path);
        return -1;
    }
    int fd = -1;
    do {
        fd = ::open(name.constData(), O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
    } while (fd < 0 && errno == EINTR);
    if (fd < 0) {
        error = u"cannot read %1: %2"_s.arg(path, QString::fromLocal8Bit(std::strerror(errno)));
        return -1;
    }
    struct stat info = {};
    if (::fstat(fd, &info) != 0) {
        error = u"cannot read %1: %2"_s.arg(path, QString::fromLocal8Bit(std::strerror(errno)));
        ::close(fd);
        return -1;
    }
    if (!S_ISREG(info.st_mode)) {
        error = u"cannot read %1: it is %2, not a regular file"_s.arg(path, kindOf(info.st_mode));
        ::close(fd);
        return -1;
    }
    if (limit >= 0 && qint64(info.st_size) > limit) {
        error = u"cannot read %1: %2"_s.arg(path, RegularFile::tooLarge(limit));
        ::close(fd);
        return -1;
    }
    // Reads of a regular file never block; the flag is cleared all the same so nothing sees EAGAIN.
    const int flags = ::fcntl(fd, F_GETFL);
    if (flags >= 0) {
        ::fcntl(fd, F_SETFL, flags & ~O_NONBLOCK);
    }
    return fd;
}
#endif

} // namespace

qint64 RegularFile::readLimit()
{
    bool ok = false;
    const qint64 megabytes = qEnvironmentVariable("CHASM_MAX_FILE_MB").toLongLong(&ok);
    return (ok && megabytes > 0 ? megabytes : defaultLimitMb) << 20;
}

QString RegularFile::tooLarge(qint64 limit)
{
    return u"it is larger than the %1 MB Chasm reads from one file (CHASM_MAX_FILE_MB raises the limit)"_s.arg(
        limit >= (1 << 20) ? QString::number(limit >> 20) : QString::number(double(limit) / (1 << 20), 'g', 2));
}

std::optional<Error> RegularFile::open(QFile& file, const QString& path, qint64 limit)
{
#ifdef Q_OS_UNIX
    QString error;
    const int fd = openRegular(path, limit, error);
    if (fd < 0) {
        return Error{error};
    }
    file.setFileName(path);
    if (!file.open(fd, QIODevice::ReadOnly, QFileDevice::AutoCloseHandle)) {
        ::close(fd);
        return Error{u"cannot read %1: %2"_s.arg(path, file.errorString())};
    }
    return std::nullopt;
#else
    const QFileInfo info(path);
    if (info.exists() && !info.isFile()) {
        return Error{u"cannot read %1: it is not a regular file"_s.arg(path)};
    }
    if (limit >= 0 && info.size() > limit) {
        return Error{u"cannot read %1: %2"_s.arg(path, tooLarge(limit))};
    }
    file.setFileName(path);
    if (!file.open(QIODevice::ReadOnly)) {
        return Error{u"cannot read %1: %2"_s.arg(path, file.errorString())};
    }
    return std::nullopt;
#endif
}

std::optional<Error> RegularFile::check(const QString& path)
{
    QFile file;
    return open(file, path, -1);
}

Result<QByteArray> RegularFile::read(const QString& path, qint64 limit)
{
    QFile file;
    if (auto error = open(file, path, limit)) {
        return *error;
    }
    // In chunks up to the end, whatever size the file had when opened: it may grow while it is read.
    constexpr qint64 chunk = 4 << 20;
    QByteArray bytes;
    bytes.reserve(qsizetype(std::min(file.size(), std::max<qint64>(limit, 0)) + chunk));
    while (true) {
        const qint64 before = bytes.size();
        bytes.resize(qsizetype(before + chunk));
        const qint64 got = file.read(bytes.data() + before, chunk);
        if (got < 0) {
            return Error{u"cannot read %1: %2"_s.arg(path, file.errorString())};
        }
        bytes.resize(qsizetype(before + got));
        if (limit >= 0 && bytes.size() > limit) {
            return Error{u"cannot read %1: %2"_s.arg(path, tooLarge(limit))};
        }
        if (got == 0) {
            return bytes;
        }
    }
}

} // namespace chasm
