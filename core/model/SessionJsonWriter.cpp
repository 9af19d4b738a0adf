// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#include "SessionJsonWriter.h"

#include "model/ModelJson.h"

#include <boost/json/serialize.hpp>

namespace chasm {

std::optional<Error> SessionJsonWriter::begin(const Session& header, int conversationMessages)
{
    Q_UNUSED(conversationMessages)
    m_header = header;
    m_first = true;
    std::string head = boost::json::serialize(shapes::sessionHead(header));
    head.pop_back(); // the object goes on
    return m_write(head + ",\"messages\":[");
}

std::optional<Error> SessionJsonWriter::add(QList<Message>&& messages)
{
    m_text.clear();
    for (const Message& m : std::as_const(messages)) {
        if (!m_first) {
            m_text += ',';
        }
        m_first = false;
        m_text += boost::json::serialize(shapes::message(m));
    }
    return m_text.empty() ? std::nullopt : m_write(m_text);
}

std::optional<Error> SessionJsonWriter::end(const QStringList& filesReferenced)
{
    m_header.filesReferenced = filesReferenced;
    std::string tail = boost::json::serialize(shapes::sessionTail(m_header));
    tail.front() = ','; // after the messages
    return m_write("]" + tail);
}

} // namespace chasm
