#pragma once

#include "util/Result.h"

#include <QStringList>

#include <boost/json/value.hpp>

#include <string_view>

namespace chasm {

// Replays VS Code's object mutation log (a chatSessions/*.jsonl file) with exactly the semantics of
// VS Code's ObjectMutationLog: kind 0 sets the whole state, 1 sets a value at a key path, 2 pushes
// onto an array (first cutting it to length `i` when given), 3 deletes. On top of VS Code's reader it
// survives the two damages seen in the wild: records concatenated without a newline are split, and a
// truncated last line (a crash mid-write) is reported and ignored.
class MutationLog
{
public:
    struct Replay
    {
        boost::json::value state;
        int entries = 0;
        // Records that followed another on the same line without a newline.
        int concatenatedRecords = 0;
        bool truncatedTail = false;
        QStringList warnings;
    };

    // `name` appears in messages, normally the file's path.
    static Result<Replay> replay(std::string_view content, const QString& name);

    // Applies one log entry to `state`. Returns a message when the entry cannot apply.
    static std::optional<QString> apply(boost::json::value& state, bool& initialized, boost::json::value&& entry);
};

} // namespace chasm
