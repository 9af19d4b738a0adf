// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#pragma once

#include "util/Result.h"

#include <QString>
#include <QTemporaryFile>

#include <optional>

namespace chasm {

// One file an export writes, whole or not at all and never in place of anything: written into a hidden
// temporary file beside its destination, then renamed to it only where nothing is, not even a link (the
// rename itself refuses, so a file or link that appears meanwhile is not replaced and no link is followed).
// Not committed, the temporary file is removed. The file is readable by its owner only, as the temporary
// file was created.
class ExportFile
{
public:
    enum class Naming
    {
        Exact,    // a taken destination is an error
        Numbered, // a taken "<name>.<ext>" becomes "<name>-2.<ext>", "<name>-3.<ext>", ...
    };

    ExportFile(const QString& destination, Naming naming);
    Q_DISABLE_COPY_MOVE(ExportFile)

    // Why the destination cannot be written (a link, a folder, a taken name), before anything is written.
    std::optional<Error> open();
    QIODevice& device() { return m_file; }
    // Writes all of the bytes or says why not.
    std::optional<Error> write(QByteArrayView bytes);
    // Moves the complete file into place; the path it took.
    Result<QString> commit();

    // Whether something is at a path: a file, a folder, a link (even one to nothing).
    static bool taken(const QString& path);

private:
    QString numbered(int n) const;
    Error failed(const QString& why) const;

    QString m_destination;
    Naming m_naming;
    QTemporaryFile m_file;
};

} // namespace chasm
