// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#include "FileMark.h"

#include <QCryptographicHash>
#include <QDataStream>
#include <QFile>
#include <QHashFunctions>
#include <QtEndian>

#ifndef Q_OS_WIN
#include <sys/stat.h>
#endif

#include <algorithm>
#include <cstring>

namespace chasm {

namespace {

constexpr qint64 checkedBytes = 64 << 10;

quint64 inodeOf(const QFile& file)
{
#ifdef Q_OS_WIN
    Q_UNUSED(file)
    return 0;
#else
    struct stat status
    {};
    return ::fstat(file.handle(), &status) == 0 ? quint64(status.st_ino) : 0;
#endif
}

// The SHA-1 of `length` bytes of `file` from `offset`: empty when they cannot all be read.
QByteArray hashOf(QFile& file, qint64 offset, qint64 length)
{
    if (!file.seek(offset)) {
        return {};
    }
    const QByteArray bytes = file.read(length);
    return bytes.size() == length ? QCryptographicHash::hash(bytes, QCryptographicHash::Sha1) : QByteArray();
}

} // namespace

FileMark FileMark::of(QFile& file, qint64 offset)
{
    const qint64 checked = std::min(offset, checkedBytes);
    return {offset, inodeOf(file), hashOf(file, 0, checked), hashOf(file, offset - checked, checked)};
}

bool FileMark::holds(QFile& file) const
{
    if (offset <= 0 || head.isEmpty() || tail.isEmpty() || inode != inodeOf(file) || offset > file.size()) {
        return false;
    }
    const qint64 checked = std::min(offset, checkedBytes);
    return head == hashOf(file, 0, checked) && tail == hashOf(file, offset - checked, checked);
}

QByteArray sealed(QByteArray checkpoint)
{
    const quint64 hash = qToBigEndian(quint64(qHash(QByteArrayView(checkpoint))));
    return checkpoint.append(reinterpret_cast<const char*>(&hash), sizeof hash);
}

std::optional<QByteArray> unsealed(QByteArrayView checkpoint)
{
    quint64 hash = 0;
    if (checkpoint.size() <= qsizetype(sizeof hash)) {
        return std::nullopt;
    }
    QByteArray bytes = QByteArray::fromRawData(checkpoint.data(), checkpoint.size() - qsizetype(sizeof hash));
    std::memcpy(&hash, checkpoint.data() + bytes.size(), sizeof hash);
    if (qFromBigEndian(hash) != quint64(qHash(QByteArrayView(bytes)))) {
        return std::nullopt;
    }
    return bytes;
}

QDataStream& operator<<(QDataStream& out, const FileMark& mark)
{
    return out << mark.inode << mark.offset << mark.head << mark.tail;
}

QDataStream& operator>>(QDataStream& in, FileMark& mark)
{
    return in >> mark.inode >> mark.offset >> mark.head >> mark.tail;
}

} // namespace chasm
