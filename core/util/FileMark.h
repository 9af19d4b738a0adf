// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QtGlobal>

#include <optional>

class QDataStream;
class QFile;

namespace chasm {

// What tells, without reading them again, that the bytes of a file up to an offset are still those read: the same
// file (its inode), with the same first bytes and the same bytes before the offset (the SHA-1 of up to 64 KiB of
// each). A log that only grew past the offset keeps its mark; one written again, replaced or cut short does not (one
// changed in its middle would, which the tools that append to their logs do not do). How a reader goes on from where
// it stopped reading a log that grew since.
struct FileMark
{
    qint64 offset = 0;
    quint64 inode = 0;
    QByteArray head;
    QByteArray tail;

    // The mark of the open `file` at `offset`; one that holds for no file when those bytes cannot be read.
    static FileMark of(QFile& file, qint64 offset);
    // Whether the open `file` still holds the bytes it held when the mark was made (and at least one). Moves the
    // file's position.
    bool holds(QFile& file) const;
};

// In a checkpoint: its inode, offset, head and tail.
QDataStream& operator<<(QDataStream& out, const FileMark& mark);
QDataStream& operator>>(QDataStream& in, FileMark& mark);

// A checkpoint's bytes with Qt's hash of them last, so that a damaged one is not taken up (nor one made by a Qt that
// hashes otherwise: it is only made again).
QByteArray sealed(QByteArray checkpoint);
// The bytes sealed() sealed, without a copy (valid while `checkpoint` is), or nothing when the hash does not hold.
std::optional<QByteArray> unsealed(QByteArrayView checkpoint);

} // namespace chasm
