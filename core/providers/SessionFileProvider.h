// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#pragma once

#include "json/JsonLines.h"
#include "providers/Provider.h"

#include <QByteArrayView>
#include <QFileInfo>
#include <QHash>

#include <functional>
#include <initializer_list>
#include <string_view>
#include <vector>

class QDataStream;

namespace chasm {

// A provider that keeps one file per session (all of them so far). It lists a workspace's files,
// reads them in parallel on the thread pool, and describes each as a SessionRef; a file that cannot be
// read is listed with its error. Subclasses say where the files are and how to read one.
class SessionFileProvider : public Provider
{
public:
    using Provider::Provider;

    QList<SessionRef> sessions(const QList<Workspace>& workspaces, SessionCache& cache, Listing listing) const final;

    // A workspace of this provider for one folder of its store (`kind` Folder for one project, Store
    // for a tool's whole store), with its session files counted and its newest time.
    Workspace folderWorkspace(const QString& hash, Workspace::Kind kind, const QString& storagePath,
                              const QString& chatSessionsPath, const QString& projectPath) const;
    Result<Session> load(const SessionRef& session, const SessionPreview& preview = {}) const final;
    std::optional<Error> read(const SessionRef& session, SessionSink& sink,
                              const SessionCache* checkpoints = nullptr) const final;
    Result<std::shared_ptr<const SessionMessages>> open(const SessionRef& session, const SessionPreview& preview,
                                                        qint64 partsFrom, const std::function<bool()>& cancelled = {},
                                                        const SessionCache* checkpoints = nullptr) const final;
    QStringList originalFiles(const SessionRef& session) const final { return {session.path}; }

protected:
    // The session files of one of this provider's workspaces.
    virtual QStringList sessionFiles(const Workspace& workspace) const = 0;
    // Reads one file. The session's id, provider and workspace are filled in by the caller when left
    // empty, in the session and in its previews; warnings go into Session::warnings.
    virtual Result<Session> readSession(const QString& path, const Workspace& workspace,
                                        const SessionPreview& preview) const = 0;
    // Reads one file in parts (see Provider::read), filled in by the caller as readSession's are. The
    // whole file, handed on a batch at a time, unless overridden.
    virtual std::optional<Error> readSessionParts(const QString& path, const Workspace& workspace, SessionSink& sink,
                                                  const SessionCache* checkpoints) const;
    // Opens a file of Provider::open's `partsFrom` bytes or more to be read as its messages are asked for, or gives
    // nullptr when its format is read whole (as it is unless overridden). `complete` fills in the header, and the
    // session handed to `preview`, as the caller fills in what readSession() gives.
    virtual Result<std::shared_ptr<const SessionMessages>> openParts(const QString& path, const Workspace& workspace,
                                                                     const SessionPreview& preview,
                                                                     const std::function<void(Session&)>& complete,
                                                                     const std::function<bool()>& cancelled,
                                                                     const SessionCache* checkpoints) const;
    // Reads as much of a file as a listing shows (title, dates, message count, warnings): the same
    // session as readSession() but for the text of its messages, which may be cut, or left out by a reader that sets
    // `conversationMessages` (-1 when called) to how many of them are the user's or the assistant's. The whole file
    // unless overridden. `cache` is the listing's, where a reader may keep what lets it go on from where it
    // stopped when the file only grew (SessionCache::checkpoint).
    virtual Result<Session> readOutline(const QString& path, const Workspace& workspace, SessionCache& cache,
                                        int& conversationMessages) const;
    // "json", "jsonl", ...: the file's extension unless overridden.
    virtual QString formatOf(const QString& path) const;
    // The id a file that cannot be read is listed under: the one its session would have, as far as the
    // file's name (or what can still be read) tells, so that `show session <id>` finds it and says why
    // it cannot be read. The file's name unless overridden.
    virtual QString nativeIdOfUnreadable(const QString& path) const;

    // Keeps in `cache` the checkpoint `made()` of the log at `path`, read up to `end` (from `resumedFrom`, 0 when from
    // its start, on a checkpoint of `kept` bytes), when it is worth it: for a log of a megabyte or more (a log is read
    // at about 300 MB/s here, and a smaller one is read again rather than kept twice), once it grew by as much as
    // the checkpoint holds (reading that much again costs about what writing it does). A log that shrank below that
    // loses its checkpoint.
    static void keepCheckpoint(SessionCache& cache, const QString& path, qint64 end, qint64 resumedFrom, qsizetype kept,
                               const std::function<QByteArray()>& made);

    // What reads a JSON Lines log in outline (readLogOutline()): it takes each record (false to stop), and keeps in a
    // checkpoint what it holds so far (save()) and takes it up again (restore(), which takes all of it or nothing:
    // false then).
    struct LogOutlineReader
    {
        std::function<bool(const boost::json::value& record)> add;
        std::function<void(QDataStream& out)> save;
        std::function<bool(QDataStream& in)> restore;
    };
    // Reads the log at `path` in outline through `reader`, the values at `leftOut` not read (see json::readLines),
    // going on from where the last listing stopped when the log only grew: the reader's state is kept in `cache` as
    // a checkpoint of the format `format` (by keepCheckpoint()'s rule), with where the read stopped and the warnings
    // so far. The warnings of the whole log.
    static Result<QStringList> readLogOutline(const QString& path, SessionCache& cache, QByteArrayView format,
                                              std::initializer_list<std::string_view> leftOut,
                                              const LogOutlineReader& reader);

    // A workspace of this provider for one project's folder of JSON Lines logs whose records carry the project's
    // path in the string field `projectPathKey` (the "cwd" every Claude Code or Qwen record carries): the first
    // value of it in the first records of the newest logs, which is how agents' escaped project folder names are
    // mapped back to real paths (the escaping itself cannot). Each log's time is read once.
    Workspace logFolderWorkspace(const QString& hash, const QString& storagePath, const QString& chatSessionsPath,
                                 const char* projectPathKey) const;

    // Reads a JSON Lines session log through a builder that has add(record) and finish(warnings),
    // the warnings being those of the lines that could not be read.
    template<typename Builder>
    static Result<Session> readLog(const QString& path, Builder& builder)
    {
        auto warnings = json::readLines(path, [&builder](boost::json::value&& record, int) { builder.add(record); });
        if (!warnings) {
            return warnings.error();
        }
        return builder.finish(std::move(warnings.value()));
    }
    // The same, through a builder that does not read the values at the key paths `leftOut` (see json::readLines):
    // how an outline is read without building what it does not show.
    template<typename Builder>
    static Result<Session> readLog(const QString& path, Builder& builder,
                                   std::initializer_list<std::string_view> leftOut)
    {
        auto warnings =
            json::readLines(path, leftOut, [&builder](const boost::json::value& record, int) { builder.add(record); });
        if (!warnings) {
            return warnings.error();
        }
        return builder.finish(std::move(warnings.value()));
    }
    // The same, for tools whose file name is the session id (records inside may carry another).
    template<typename Builder>
    static Result<Session> readLogNamedByFile(const QString& path, Builder& builder,
                                              std::initializer_list<std::string_view> leftOut = {})
    {
        auto session = leftOut.size() == 0 ? readLog(path, builder) : readLog(path, builder, leftOut);
        if (session) {
            session->nativeId = QFileInfo(path).completeBaseName();
        }
        return session;
    }

private:
    Workspace folderWorkspace(const QString& hash, Workspace::Kind kind, const QString& storagePath,
                              const QString& chatSessionsPath, const QString& projectPath,
                              const QHash<QString, qint64>& knownTimes) const;
    // The *.jsonl files in `folder` with their modification times (ms since the epoch), in directory order.
    static std::vector<std::pair<qint64, QString>> logsOf(const QString& folder);
    static QString firstRecordField(std::vector<std::pair<qint64, QString>> logs, const char* key);
    // The file at `path` as `stamp` found it; `workspaceName` is the workspace's displayName(), made once for
    // all its files.
    SessionRef describe(const QString& path, const SessionCache::FileStamp& stamp, const Workspace& workspace,
                        const QString& workspaceName, Listing listing, SessionCache& cache) const;
    // Reads a file whole, or in outline for a listing with `outlineCache` (see readOutline(), which sets
    // `conversationMessages`); only this one file is unreadable when the reader throws.
    Result<Session> readSafely(const QString& path, const Workspace& workspace, const SessionPreview& preview,
                               SessionCache* outlineCache = nullptr, int* conversationMessages = nullptr) const;
    // Fills in what a reader leaves to the caller.
    void complete(Session& session, const SessionRef& ref) const;
};

} // namespace chasm
