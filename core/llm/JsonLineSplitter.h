// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#pragma once

#include "util/Result.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QList>

namespace chasm {

// Cuts newline-delimited JSON (Ollama's streamed answers) into its lines from bytes as they arrive, split anywhere:
// lines end in LF or CRLF, blank lines are skipped. A line longer than the limit (a hostile server) is an error.
class JsonLineSplitter final
{
public:
    static constexpr qsizetype defaultMaxLine = 16 * 1024 * 1024;

    explicit JsonLineSplitter(qsizetype maxLine = defaultMaxLine)
        : m_maxLine(maxLine)
    {}

    // The lines that these bytes complete, without their line ends.
    Result<QList<QByteArray>> feed(QByteArrayView bytes);
    // At the end of the stream: the last line if it came without a line end.
    QList<QByteArray> finish();

private:
    qsizetype m_maxLine;
    QByteArray m_pending;
};

} // namespace chasm
