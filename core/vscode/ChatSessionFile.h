// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#pragma once

#include "util/Result.h"
#include "vscode/MutationLog.h"

#include <QStringList>

#include <functional>

#include <boost/json/value.hpp>

namespace chasm {

// Reads one chatSessions/ file into its native JSON tree: a legacy .json document as it is, a .jsonl
// mutation log replayed. The tree keeps every field and the editor's key order, so writers can
// rewrite it faithfully.
class ChatSessionFile
{
public:
    enum class Format
    {
        Json,
        Jsonl,
    };

    struct Contents
    {
        boost::json::value tree;
        Format format = Format::Json;
        QStringList warnings;
        // For a log: its entries, records that ran together on one line, and a damaged last line.
        int entries = 0;
        int concatenatedRecords = 0;
        bool truncatedTail = false;
        QList<int> skippedLines;
        int skippedEntries = 0;
    };

    // Reads a session file. A log longer than `previewBytes` is shown to `preview` once, replayed as far
    // as its first `previewBytes`, so that a viewer can start on a huge session while the rest is read.
    // `damage` says what a damaged log costs (see MutationLog::Damage); when salvaging, a .json document
    // cut off mid-write is closed after its last complete value (truncatedTail is then set).
    static Result<Contents> read(const QString& path,
                                 const std::function<void(const boost::json::value& state)>& preview = {},
                                 MutationLog::Damage damage = MutationLog::Damage::Read);
    static constexpr qint64 previewBytes = 4 << 20;
    // The state a log's first `bytes` replay to (whole lines, at least one): the beginning of a huge session,
    // read without the rest.
    static Result<boost::json::value> beginning(const QString& path, qint64 bytes = previewBytes);
    // A session tree as a file of the format: a .json document, or a log holding one kind-0 snapshot.
    static QByteArray bytes(const boost::json::value& tree, Format format);
    // The format a path's extension says, if it is a session file at all (or a .bak of one).
    static std::optional<Format> formatOf(const QString& path);
    // The session id a file in a chatSessions folder is named for: its name without the extension
    // and without a backup's .bak suffix.
    static QString idOf(const QString& path);
    static QString formatName(Format format);
};

} // namespace chasm
