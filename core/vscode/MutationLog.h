// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#pragma once

#include "util/Result.h"

#include <QStringList>

#include <boost/json/parser.hpp>
#include <boost/json/value.hpp>

#include <functional>
#include <string_view>

namespace chasm {

// Replays VS Code's object mutation log (a chatSessions/*.jsonl file) with exactly the semantics of
// VS Code's ObjectMutationLog: kind 0 sets the whole state, 1 sets a value at a key path, 2 pushes
// onto an array (first cutting it to length `i` when given), 3 deletes. On top of VS Code's reader it
// survives the two damages seen in the wild: records concatenated without a newline are split, and a
// damaged last line (a crash mid-write) is reported and ignored. Lines are fed one at a time, so a
// log of any size replays without holding its text.
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
        // Salvaging: the lines (1-based) skipped as not valid JSON, and the entries that could not apply.
        QList<int> skippedLines;
        int skippedEntries = 0;
    };

    // `name` appears in messages, normally the file's path.
    // What a damaged log costs. Read: VS Code's reader with the two repairs above (a damaged line
    // before the last is an error). Salvage: every line that is not valid JSON is skipped and listed.
    // SalvageAggressively: also every entry that cannot apply (before any kind 0, a path that is not
    // there), and a damaged line is searched for further records.
    enum class Damage
    {
        Read,
        Salvage,
        SalvageAggressively,
    };
    // Arrays never grow by more than this in one step: a larger index or length is damage, not data (a
    // JavaScript array index is below 2^32 - 1, and no session has a million holes).
    static constexpr std::size_t maxGrowth = 1'000'000;
    explicit MutationLog(QString name, Damage damage = Damage::Read);
    Q_DISABLE_COPY_MOVE(MutationLog)

    // Where one record of the log lies: its bytes in the file (a line, or part of one when records ran
    // together), its 1-based line, and its text as it was parsed (lone surrogates repaired, which keeps
    // every byte where it was).
    struct Record
    {
        qint64 offset = 0;
        qint64 length = 0;
        int line = 0;
        std::string_view text;
    };
    // Sees every record's entry before it applies, and may change it; an entry it sets to null counts as
    // applied but changes nothing. A message it returns is the entry's error, as if it could not apply.
    // How RequestIndex learns where each request is written while keeping little of them.
    using EntryFilter = std::function<std::optional<QString>(boost::json::value& entry, const Record& record)>;
    void setEntryFilter(EntryFilter filter) { m_filter = std::move(filter); }

    // Feeds the next line (without its newline) that starts at byte `offset` of the file. An error
    // ends the replay.
    std::optional<Error> addLine(std::string_view line, qint64 offset);
    // The state replayed so far.
    const boost::json::value& state() const { return m_result.state; }
    // How many lines were fed.
    int lines() const { return m_lineNumber; }
    // Goes on from where a replay of the same log stopped, past its line `lines`, with the state and the counts of
    // its Replay then (RequestIndex's checkpoints): before any line is fed, when reading (Damage::Read) a log that
    // set its state.
    void resume(boost::json::value state, int lines, int entries, int concatenatedRecords);
    // The replayed state, once every line has been fed.
    Result<Replay> finish();

    // Replays a whole log held in memory.
    static Result<Replay> replay(std::string_view content, const QString& name);

    // Applies one log entry to `state`. Returns a message when the entry cannot apply.
    static std::optional<QString> apply(boost::json::value& state, bool& initialized, boost::json::value&& entry);
    // An array index from a path element, as JavaScript takes one: a non-negative integer or its
    // canonical decimal string.
    static std::optional<std::size_t> arrayIndex(const boost::json::value& key);

private:
    struct LineFailure
    {
        int line = 0;
        QString reason;
        qint64 offset = 0;
    };
    Error fatal(const LineFailure& failure) const;

    QString m_name;
    Damage m_damage;
    Replay m_result;
    bool m_initialized = false;
    int m_lineNumber = 0;
    // A line that did not parse: fatal if anything follows it, a cut-off tail if nothing does.
    std::optional<LineFailure> m_failure;
    boost::json::parser m_parser;
    std::string m_repaired;
    EntryFilter m_filter;
};

} // namespace chasm
