#pragma once

#include "util/Result.h"

#include <QStringList>

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
    };

    static Result<Contents> read(const QString& path);
    // The format a path's extension says, if it is a session file at all.
    static std::optional<Format> formatOf(const QString& path);
    static QString formatName(Format format);
};

} // namespace chasm
