// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#pragma once

#include "util/Result.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QList>

namespace chasm {

// One event of a text/event-stream: its type ("message" when the stream names none) and its data, the data lines
// joined by "\n".
struct ServerSentEvent
{
    QByteArray type;
    QByteArray data;
};

// Reads a text/event-stream (Server-Sent Events, as OpenAI, Anthropic and Gemini stream answers) from bytes as they
// arrive, split anywhere: lines end in CRLF, LF or CR, comments (":…") and fields other than event and data are
// skipped, an empty line ends an event. The bytes come from a server and may be hostile: a line or an event longer
// than the limit is an error rather than a buffer without end.
class EventStreamParser final
{
public:
    static constexpr qsizetype defaultMaxLine = 16 * 1024 * 1024;

    explicit EventStreamParser(qsizetype maxLine = defaultMaxLine)
        : m_maxLine(maxLine)
    {}

    // The events that these bytes complete.
    Result<QList<ServerSentEvent>> feed(QByteArrayView bytes);
    // At the end of the stream: the event whose data lines came without the empty line that ends it, if any.
    QList<ServerSentEvent> finish();

private:
    std::optional<Error> line(QByteArrayView line, QList<ServerSentEvent>& events);

    qsizetype m_maxLine;
    QByteArray m_pending;   // the start of a line
    bool m_afterCr = false; // the last byte was a CR: a LF that follows belongs to it
    QByteArray m_type;
    QByteArray m_data;
    bool m_hasData = false;
};

} // namespace chasm
