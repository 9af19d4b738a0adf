// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#pragma once

#include "model/SessionSink.h"

#include <functional>
#include <string>
#include <string_view>

namespace chasm {

// Writes a session as the text of boost::json::serialize(shapes::session(session)), byte for byte, as its parts
// come: the universal session JSON of `show session --json`, the json export and the harvest database, for a
// session of any size. The text goes to `write` a batch of messages at a time.
class SessionJsonWriter final : public SessionSink
{
public:
    using Write = std::function<std::optional<Error>(std::string_view text)>;
    explicit SessionJsonWriter(Write write)
        : m_write(std::move(write))
    {}

    std::optional<Error> begin(const Session& header, int conversationMessages) override;
    std::optional<Error> add(QList<Message>&& messages) override;
    std::optional<Error> end(const QStringList& filesReferenced) override;

private:
    Write m_write;
    Session m_header;
    bool m_first = true;
    std::string m_text;
};

} // namespace chasm
