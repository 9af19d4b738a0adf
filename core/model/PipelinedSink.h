// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#pragma once

#include "model/SessionSink.h"

#include <memory>

namespace chasm {

// Hands a session's parts to another sink on a thread of its own, so that what the reader's thread does with a batch
// and what the other sink does with the one before overlap: a streamed harvest writes a batch's rows while the JSON
// of the one before is made, hashed and compressed; `show session --json` reads a batch while the one before is
// serialized and written. At most two parts wait, which bounds what they hold (show's peak at 1 GB: 97 -> 105 MiB).
// The other sink's error (or exception) comes out of the next call and of every call after it; end() waits until it
// has had everything and returns its error. Destroyed before end(), the parts still waiting are dropped.
class PipelinedSink final : public SessionSink
{
public:
    explicit PipelinedSink(SessionSink& sink);
    ~PipelinedSink() override;

    std::optional<Error> begin(const Session& header, int conversationMessages) override;
    std::optional<Error> add(QList<Message>&& messages) override;
    std::optional<Error> end(const QStringList& filesReferenced) override;

private:
    class Worker;
    SessionSink& m_sink;
    std::unique_ptr<Worker> m_worker;
};

} // namespace chasm
