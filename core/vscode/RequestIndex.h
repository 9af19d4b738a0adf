// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#pragma once

#include "util/FileMark.h"
#include "util/Result.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

#include <boost/json/value.hpp>

#include <cstdint>
#include <functional>
#include <memory>
#include <vector>

class QFile;

namespace chasm {

class MutationLog;

// Where each request of a chatSessions/*.jsonl log is written, so that a session of any size can be read a few
// requests at a time. One pass replays the log keeping each request only as far as the session's header takes it
// (its time, model, prompt and tokens; the root's own fields stay whole) and records, for every request, the
// records that made it: the bytes it came from (its element of the initial state's requests or of a push or a set,
// or the value set at its index) and every later record that changed it. A batch of requests is then made again
// from just those bytes, each record applied as the whole replay applies it, so that it is what a whole replay
// would hold (truncating pushes, sets into a request after it was pushed, deletes and all). The log stays open
// from the first pass to the last batch, so a file put in its place meanwhile is not read; one changed in place is
// found by each record's checksum.
//
// A build can go on from where an earlier one of the same log stopped (its checkpoint()), so that a log that only
// grew (as an editor appends to it at each request) is read from there, not from its start.
class RequestIndex
{
public:
    // Replays the log at `path` as ChatSessionFile::read does (Damage::Read): the same errors and warnings. The
    // requests that records below the outline changed are made again once here, so that a record that cannot
    // apply fails the build, as it fails the whole replay, before anything of the session is handed on. A
    // `cancelled` that turns true stops the build with an error. With `checkpoint` (what checkpoint() gave after
    // an earlier build of the log) the replay goes on from where that build stopped when the log only grew since:
    // the same file (its inode), its first and its last bytes read then as they were, the checkpoint whole and made
    // by this build of the program. Otherwise the log is read from its start, as without one.
    static Result<RequestIndex> build(const QString& path, const std::function<bool()>& cancelled = {},
                                      QByteArrayView checkpoint = {});

    RequestIndex(RequestIndex&&) noexcept;
    RequestIndex& operator=(RequestIndex&&) noexcept;
    ~RequestIndex();

    // A batch of requests: the records read for it stay under batchBytes (unless one request needs more), and
    // their number under batchRequests.
    static constexpr qint64 batchBytes = 8 << 20;
    static constexpr std::size_t batchRequests = 128;

    // The replayed state with each request reduced to what the header takes of it: its timestamp, modelId,
    // promptTokens, completionTokens, message (its text; a long one as the line the session's title takes of it,
    // titleLine()) and result (its metadata's tokens).
    const boost::json::value& outline() const { return m_outline; }
    // Frees the outline (batches do not need it) once what it holds was taken: a gigabyte log's keeps a line of
    // every prompt.
    void releaseOutline() { m_outline = nullptr; }
    const QStringList& warnings() const { return m_warnings; }
    // Where the build stopped, as bytes a later build can go on from (see build()): empty when it cannot, as when
    // the log's last line had no newline yet or the outline was released.
    QByteArray checkpoint() const;
    // Where in the log the build went on from a checkpoint, or 0.
    qint64 resumedFrom() const { return m_resumedFrom; }
    // The bytes of the log the build read, from its start.
    qint64 bytesRead() const { return m_end.mark.offset; }
    std::size_t requestCount() const { return m_requests.size(); }
    // The end of a batch of requests that starts at `first`: at least one request, and more while the records
    // to read for them stay under `maxBytes` and their number under `maxRequests`.
    std::size_t batchEnd(std::size_t first, qint64 maxBytes = batchBytes,
                         std::size_t maxRequests = batchRequests) const;
    // Requests [first, last) as the whole replay holds them, made again from the log's records. An error when the
    // log changed in place since build().
    Result<std::vector<boost::json::value>> requests(std::size_t first, std::size_t last);
    // Request `nativeIndex` as indented JSON in the log's key order (the Raw tab's record); an error naming the log
    // when it has no such request.
    Result<QString> record(int nativeIndex);

private:
    // Bytes of the log that made or changed a request.
    struct Step
    {
        enum class Kind : std::uint8_t
        {
            Origin,   // the request itself: an element of the requests a record brought, or the value it set
            Edit,     // a record that applies to the request, as it applied to the outline
            DeepEdit, // a record that applies below what the outline keeps: only the whole request tells whether
                      // it can
        };
        qint64 offset = 0;
        qint64 length = 0;
        int line = 0;
        std::uint32_t checksum = 0; // of the bytes, as parsed: a log changed in place is not read as it was
        Kind kind = Kind::Edit;
    };
    // A request's steps, in the log's order: its origin first (none: the request is null), then its edits.
    using Steps = std::vector<Step>;

    explicit RequestIndex(QString path);
    // Records where the entry of `record` puts or changes requests, and reduces what it brings to what the
    // outline keeps. A message when it cannot apply to `state`.
    std::optional<QString> index(boost::json::value& entry, qint64 offset, std::string_view text, int line,
                                 const boost::json::value& state);
    // The given requests (in ascending order) made again.
    Result<std::vector<boost::json::value>> make(const std::vector<std::size_t>& which);
    // Makes again, a batch at a time, the requests a DeepEdit at `from` or later changed: the whole replay's error
    // when one fails.
    std::optional<Error> check(const std::function<bool()>& cancelled, qint64 from);
    // Takes up `checkpoint` when it holds for the open log (see build()): the requests, `log`'s state, and the file
    // read from there on. False, changing nothing, when it does not.
    bool resume(QByteArrayView checkpoint, MutationLog& log);
    Error cancellation() const;

    QString m_path;
    std::unique_ptr<QFile> m_file;
    boost::json::value m_outline;
    QStringList m_warnings;
    std::vector<Steps> m_requests;
    // Where the build stopped, and how to know the log again there.
    struct End
    {
        FileMark mark; // past the last line read
        int lines = 0;
        int entries = 0;
        int concatenatedRecords = 0;
        bool resumable = false; // the last line read ended with a newline, and nothing was cut off
    };
    End m_end;
    qint64 m_resumedFrom = 0;
};

} // namespace chasm
