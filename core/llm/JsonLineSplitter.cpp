// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#include "JsonLineSplitter.h"

#include <QLocale>

#include <utility>

using namespace Qt::StringLiterals;

namespace chasm {

namespace {

void appendLine(QByteArray line, QList<QByteArray>& lines)
{
    if (line.endsWith('\r')) {
        line.chop(1);
    }
    if (!line.trimmed().isEmpty()) {
        lines.append(std::move(line));
    }
}

} // namespace

Result<QList<QByteArray>> JsonLineSplitter::feed(QByteArrayView bytes)
{
    QList<QByteArray> lines;
    const auto tooLong = [this] { return m_pending.size() > m_maxLine + 1; }; // + 1: the CR of a CRLF
    const auto tooLongError = [this] {
        return Error{u"a line of the answer is longer than %1"_s.arg(
                         QLocale::c().formattedDataSize(m_maxLine, 0, QLocale::DataSizeIecFormat)),
                     ErrorKind::TooLarge};
    };
    qsizetype start = 0;
    for (qsizetype end = bytes.indexOf('\n'); end >= 0; end = bytes.indexOf('\n', start)) {
        m_pending += bytes.sliced(start, end - start);
        if (tooLong()) {
            return tooLongError();
        }
        appendLine(std::exchange(m_pending, {}), lines);
        start = end + 1;
    }
    m_pending += bytes.sliced(start);
    if (tooLong()) {
        return tooLongError();
    }
    return lines;
}

QList<QByteArray> JsonLineSplitter::finish()
{
    QList<QByteArray> lines;
    appendLine(std::exchange(m_pending, {}), lines);
    return lines;
}

} // namespace chasm
