// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#include "SessionSink.h"

namespace chasm {

std::optional<Error> SessionSink::feed(Session session, SessionSink& sink)
{
    QList<Message> messages = std::move(session.messages);
    const QStringList files = std::move(session.filesReferenced);
    session.messages = {};
    session.filesReferenced = {};
    int conversation = 0;
    for (const Message& m : std::as_const(messages)) {
        conversation += m.role != Role::System ? 1 : 0;
    }
    if (auto error = sink.begin(session, conversation)) {
        return error;
    }
    for (qsizetype first = 0; first < messages.size(); first += batchMessages) {
        if (auto error = sink.add(messages.mid(first, batchMessages))) {
            return error;
        }
    }
    return sink.end(files);
}

std::optional<Error> SessionCollector::begin(const Session& header, int conversationMessages)
{
    Q_UNUSED(conversationMessages)
    m_session = header;
    return std::nullopt;
}

std::optional<Error> SessionCollector::add(QList<Message>&& messages)
{
    m_session.messages.append(std::move(messages));
    return std::nullopt;
}

std::optional<Error> SessionCollector::end(const QStringList& filesReferenced)
{
    m_session.filesReferenced = filesReferenced;
    return std::nullopt;
}

} // namespace chasm
