// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#include "EventStreamParser.h"

#include <QLocale>

#include <utility>

using namespace Qt::StringLiterals;

namespace chasm {

namespace {

QString mebibytes(qsizetype bytes)
{
    return QLocale::c().formattedDataSize(bytes, 0, QLocale::DataSizeIecFormat);
}

} // namespace

Result<QList<ServerSentEvent>> EventStreamParser::feed(QByteArrayView bytes)
{
    QList<ServerSentEvent> events;
    qsizetype start = 0;
    for (qsizetype i = 0; i < bytes.size(); ++i) {
        const char c = bytes[i];
        if (c != '\n' && c != '\r') {
            continue;
        }
        if (c == '\n' && m_afterCr && i == start && m_pending.isEmpty()) {
            m_afterCr = false; // the LF of a CRLF split after its CR
            start = i + 1;
            continue;
        }
        m_pending += bytes.sliced(start, i - start);
        if (m_pending.size() > m_maxLine) {
            return Error{u"a line of the event stream is longer than %1"_s.arg(mebibytes(m_maxLine)),
                         ErrorKind::TooLarge};
        }
        if (const auto error = line(m_pending, events)) {
            return *error;
        }
        m_pending.clear();
        m_afterCr = c == '\r' && i + 1 == bytes.size();
        if (c == '\r' && i + 1 < bytes.size() && bytes[i + 1] == '\n') {
            ++i;
        }
        start = i + 1;
    }
    if (start < bytes.size()) {
        m_afterCr = false;
        m_pending += bytes.sliced(start);
        if (m_pending.size() > m_maxLine) {
            return Error{u"a line of the event stream is longer than %1"_s.arg(mebibytes(m_maxLine)),
                         ErrorKind::TooLarge};
        }
    }
    return events;
}

QList<ServerSentEvent> EventStreamParser::finish()
{
    QList<ServerSentEvent> events;
    if (!m_pending.isEmpty()) {
        static_cast<void>(line(std::exchange(m_pending, {}), events));
    }
    static_cast<void>(line({}, events));
    return events;
}

std::optional<Error> EventStreamParser::line(QByteArrayView line, QList<ServerSentEvent>& events)
{
    if (line.isEmpty()) {
        if (m_hasData) {
            events.append({m_type.isEmpty() ? QByteArray("message") : m_type, m_data});
        }
        m_type.clear();
        m_data.clear();
        m_hasData = false;
        return std::nullopt;
    }
    if (line.startsWith(':')) {
        return std::nullopt;
    }
    const qsizetype colon = line.indexOf(':');
    const QByteArrayView field = colon < 0 ? line : line.first(colon);
    QByteArrayView value = colon < 0 ? QByteArrayView() : line.sliced(colon + 1);
    if (value.startsWith(' ')) {
        value = value.sliced(1);
    }
    if (field == "event") {
        m_type = value.toByteArray();
    } else if (field == "data") {
        if (m_hasData) {
            m_data += '\n';
        }
        m_data += value;
        m_hasData = true;
        if (m_data.size() > m_maxLine) {
            return Error{u"an event of the event stream is longer than %1"_s.arg(mebibytes(m_maxLine)),
                         ErrorKind::TooLarge};
        }
    }
    return std::nullopt;
}

} // namespace chasm
