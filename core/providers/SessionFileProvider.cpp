// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#include "SessionFileProvider.h"

#include "json/Json.h"
#include "util/FileMark.h"
#include "util/LineReader.h"
#include "util/PoolMap.h"
#include "util/QtVersions.h"
#include "util/RegularFile.h"

#include <QDataStream>
#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <algorithm>
#include <vector>

using namespace Qt::StringLiterals;

namespace chasm {

namespace {

struct SessionFile
{
    QString path;
    const Workspace* workspace;
    // The workspace's display name and its key in the listing cache, made once for all its files.
    const QString* workspaceName;
    const QString* workspaceKey;
};

// What a SessionRef carries of its workspace, enough to read the session again.
Workspace workspaceOf(const SessionRef& ref)
{
    Workspace w;
    w.id = ref.workspaceId;
    w.provider = ref.provider;
    w.editor = ref.editor;
    w.hash = ref.workspace;
    w.projectPath = ref.projectPath;
    return w;
}

} // namespace

Result<Session> SessionFileProvider::readSafely(const QString& path, const Workspace& workspace,
                                                const SessionPreview& preview, SessionCache* outlineCache,
                                                int* conversationMessages) const
{
    // Readers report damage as errors; anything they did not foresee (a throwing look-up, an allocation
    // failure on a damaged size) still only makes this one file unreadable.
    try {
        return outlineCache && conversationMessages ? readOutline(path, workspace, *outlineCache, *conversationMessages)
                                                    : readSession(path, workspace, preview);
    } catch (const std::exception& e) {
        return Error{u"cannot read %1: %2"_s.arg(path, QString::fromLocal8Bit(e.what()))};
    }
}

Workspace SessionFileProvider::folderWorkspace(const QString& hash, Workspace::Kind kind, const QString& storagePath,
                                               const QString& chatSessionsPath, const QString& projectPath) const
{
    return folderWorkspace(hash, kind, storagePath, chatSessionsPath, projectPath, {});
}

Workspace SessionFileProvider::logFolderWorkspace(const QString& hash, const QString& storagePath,
                                                  const QString& chatSessionsPath, const char* projectPathKey) const
{
    // Each log's time read once, for both its project path and its newest time.
    std::vector<std::pair<qint64, QString>> logs = logsOf(chatSessionsPath);
    QHash<QString, qint64> times;
    times.reserve(qsizetype(logs.size()));
    for (const auto& [modified, path] : logs) {
        times.insert(path, modified);
    }
    const QString projectPath = firstRecordField(std::move(logs), projectPathKey);
    return folderWorkspace(hash, Workspace::Kind::Folder, storagePath, chatSessionsPath, projectPath, times);
}

Workspace SessionFileProvider::folderWorkspace(const QString& hash, Workspace::Kind kind, const QString& storagePath,
                                               const QString& chatSessionsPath, const QString& projectPath,
                                               const QHash<QString, qint64>& knownTimes) const
{
    Workspace w;
    w.provider = id();
    w.application = displayName();
    w.hash = hash;
    w.id = id() + u':' + hash;
    w.kind = kind;
    w.storagePath = storagePath;
    w.chatSessionsPath = chatSessionsPath;
    w.projectPath = projectPath;
    if (!projectPath.isEmpty()) {
        w.folders = {projectPath};
    }
    const QStringList files = sessionFiles(w);
    w.sessionCount = int(files.size());
    w.hasChatSessions = !files.isEmpty();
    const auto newest = SessionCache::FileStamp::newestModifiedMs(QStringList(files) << chatSessionsPath, knownTimes);
    w.lastModified = newest ? utcFromMs(*newest) : QDateTime();
    return w;
}

std::vector<std::pair<qint64, QString>> SessionFileProvider::logsOf(const QString& folder)
{
    std::vector<std::pair<qint64, QString>> files;
    const QDir directory(folder);
    for (const QString& name : directory.entryList({u"*.jsonl"_s}, QDir::Files, QDir::NoSort)) {
        QString path = directory.filePath(name);
        if (const auto modified = SessionCache::FileStamp::modifiedMs(path)) {
            files.emplace_back(*modified, std::move(path));
        }
    }
    return files;
}

QString SessionFileProvider::firstRecordField(std::vector<std::pair<qint64, QString>> files, const char* key)
{
    const QByteArray quotedKey = QByteArray("\"") + key + '"';
    // Newest first. Each file's time is read once: QDir::Time converts two to local time at every comparison,
    // which made an incremental harvest of 22 800 files 0.4 s (50 %) slower.
    std::sort(files.begin(), files.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
    for (const auto& [modified, path] : files) {
        QFile file;
        if (RegularFile::open(file, path)) {
            continue;
        }
        // Through a small reusable buffer: QIODevice::readLine(max) allocates its maximum for every line, and
        // a listing reads up to 200 lines of the newest file of every project.
        LineReader lines(file, std::size_t(64) << 10);
        for (int line = 0; line < 200; ++line) {
            const auto bytes = lines.next();
            if (!bytes) {
                break;
            }
            if (bytes->find(std::string_view(quotedKey.constData(), std::size_t(quotedKey.size()))) ==
                std::string_view::npos) {
                continue;
            }
            auto record = json::parse(*bytes, {});
            const QString value = record ? json::string(*record, key) : QString();
            if (!value.isEmpty()) {
                return value;
            }
        }
    }
    return {};
}

void SessionFileProvider::keepCheckpoint(SessionCache& cache, const QString& path, qint64 end, qint64 resumedFrom,
                                         qsizetype kept, const std::function<QByteArray()>& made)
{
    constexpr qint64 checkpointsFrom = 1 << 20;
    if (end >= checkpointsFrom && (resumedFrom == 0 || end - resumedFrom >= kept)) {
        cache.keepCheckpoint(path, made());
    } else if (end < checkpointsFrom && kept > 0) {
        cache.keepCheckpoint(path, {});
    }
}

Result<QStringList> SessionFileProvider::readLogOutline(const QString& path, SessionCache& cache, QByteArrayView format,
                                                        std::initializer_list<std::string_view> leftOut,
                                                        const LogOutlineReader& reader)
{
    QFile file;
    if (auto error = RegularFile::open(file, path)) {
        return *error;
    }
    json::Span span;
    QStringList warnings;
    QByteArray kept = cache.checkpoint(path);
    const qsizetype keptBytes = kept.size();
    if (const std::optional<QByteArray> bytes = unsealed(kept)) {
        QDataStream in(*bytes);
        in.setVersion(QDataStream::Qt_6_0);
        QByteArray taggedFormat;
        FileMark mark;
        qint32 line = 0;
        QStringList earlier;
        in >> taggedFormat >> mark >> line >> earlier;
        if (in.status() == QDataStream::Ok && taggedFormat == format && line >= 1 && mark.holds(file) &&
            reader.restore(in)) {
            span = {mark.offset, -1, line};
            warnings = std::move(earlier);
        }
    }
    kept = {};
    auto read =
        json::readLines(path, file, span, leftOut, [&reader](const boost::json::value& record, const json::LineAt&) {
            return reader.add(record);
        });
    if (!read) {
        return read.error();
    }
    keepCheckpoint(cache, path, read->settled, span.from, keptBytes, [&] {
        // Only where a line ended: one without its newline yet may still be being written.
        char last = 0;
        if (!file.seek(read->settled - 1) || !file.getChar(&last) || last != '\n') {
            return QByteArray();
        }
        QByteArray bytes;
        QDataStream out(&bytes, QIODevice::WriteOnly);
        out.setVersion(QDataStream::Qt_6_0);
        out << format.toByteArray() << FileMark::of(file, read->settled) << qint32(read->settledLine)
            << warnings + read->warnings.first(read->settledWarnings);
        reader.save(out);
        return sealed(std::move(bytes));
    });
    return warnings + read->warnings;
}

Result<Session> SessionFileProvider::readOutline(const QString& path, const Workspace& workspace,
                                                 SessionCache& /*cache*/, int& /*conversationMessages*/) const
{
    return readSession(path, workspace, {});
}

QString SessionFileProvider::formatOf(const QString& path) const
{
    return QFileInfo(path).suffix();
}

QString SessionFileProvider::nativeIdOfUnreadable(const QString& path) const
{
    return QFileInfo(path).completeBaseName();
}

Result<Session> SessionFileProvider::load(const SessionRef& ref, const SessionPreview& preview) const
{
    SessionPreview completedPreview;
    if (preview) {
        completedPreview = [this, &ref, &preview](Session&& partial) {
            complete(partial, ref);
            preview(std::move(partial));
        };
    }
    auto session = readSafely(ref.path, workspaceOf(ref), completedPreview);
    if (!session) {
        return session.error();
    }
    complete(*session, ref);
    return session;
}

Result<std::shared_ptr<const SessionMessages>>
SessionFileProvider::openParts(const QString& path, const Workspace& workspace, const SessionPreview& preview,
                               const std::function<void(Session&)>& complete, const std::function<bool()>& cancelled,
                               const SessionCache* checkpoints) const
{
    Q_UNUSED(checkpoints)
    Q_UNUSED(path)
    Q_UNUSED(workspace)
    Q_UNUSED(preview)
    Q_UNUSED(complete)
    Q_UNUSED(cancelled)
    return std::shared_ptr<const SessionMessages>();
}

Result<std::shared_ptr<const SessionMessages>>
SessionFileProvider::open(const SessionRef& ref, const SessionPreview& preview, qint64 partsFrom,
                          const std::function<bool()>& cancelled, const SessionCache* checkpoints) const
{
    if (QFileInfo(ref.path).size() >= partsFrom) {
        const auto complete = [this, &ref](Session& session) { this->complete(session, ref); };
        SessionPreview completedPreview;
        if (preview) {
            completedPreview = [&complete, &preview](Session&& partial) {
                complete(partial);
                preview(std::move(partial));
            };
        }
        // As readSafely(): what a reader did not foresee makes only this file unreadable.
        try {
            auto parts = openParts(ref.path, workspaceOf(ref), completedPreview, complete, cancelled, checkpoints);
            if (!parts || parts.value()) {
                return parts;
            }
        } catch (const std::exception& e) {
            return Error{u"cannot read %1: %2"_s.arg(ref.path, QString::fromLocal8Bit(e.what()))};
        }
    }
    return Provider::open(ref, preview, partsFrom, cancelled);
}

std::optional<Error> SessionFileProvider::readSessionParts(const QString& path, const Workspace& workspace,
                                                           SessionSink& sink, const SessionCache* /*checkpoints*/) const
{
    auto session = readSession(path, workspace, {});
    return session ? SessionSink::feed(std::move(session).value(), sink) : session.error();
}

std::optional<Error> SessionFileProvider::read(const SessionRef& ref, SessionSink& sink,
                                               const SessionCache* checkpoints) const
{
    // The header filled in as load() fills in a session; the rest passes through.
    class Completing final : public SessionSink
    {
    public:
        Completing(const SessionFileProvider& provider, const SessionRef& ref, SessionSink& sink)
            : m_provider(provider)
            , m_ref(ref)
            , m_sink(sink)
        {}
        std::optional<Error> begin(const Session& header, int conversationMessages) override
        {
            Session completed = header;
            m_provider.complete(completed, m_ref);
            return m_sink.begin(completed, conversationMessages);
        }
        std::optional<Error> add(QList<Message>&& messages) override { return m_sink.add(std::move(messages)); }
        std::optional<Error> end(const QStringList& filesReferenced) override { return m_sink.end(filesReferenced); }

    private:
        const SessionFileProvider& m_provider;
        const SessionRef& m_ref;
        SessionSink& m_sink;
    };
    Completing completing(*this, ref, sink);
    // As readSafely(): what a reader did not foresee makes only this file unreadable.
    try {
        return readSessionParts(ref.path, workspaceOf(ref), completing, checkpoints);
    } catch (const std::exception& e) {
        return Error{u"cannot read %1: %2"_s.arg(ref.path, QString::fromLocal8Bit(e.what()))};
    }
}

void SessionFileProvider::complete(Session& session, const SessionRef& ref) const
{
    if (session.nativeId.isEmpty()) {
        session.nativeId = ref.nativeId;
    }
    session.provider = id();
    session.id = id() + u':' + session.nativeId;
    if (session.workspace.isEmpty()) {
        session.workspace = ref.workspace;
    }
    if (session.projectPath.isEmpty()) {
        session.projectPath = ref.projectPath;
    }
}

QList<SessionRef> SessionFileProvider::sessions(const QList<Workspace>& workspaces, SessionCache& cache,
                                                Listing listing) const
{
    QList<SessionFile> files;
    // One of each for each workspace: pointers to them stay valid.
    std::vector<QString> names;
    std::vector<QString> keys;
    names.reserve(std::size_t(workspaces.size()));
    keys.reserve(std::size_t(workspaces.size()));
    for (const Workspace& workspace : workspaces) {
        if (workspace.provider != id()) {
            continue;
        }
        names.push_back(workspace.displayName());
        keys.push_back(SessionCache::workspaceKey(workspace));
        for (const QString& path : sessionFiles(workspace)) {
            files.append({path, &workspace, &names.back(), &keys.back()});
        }
    }
    return mappedOnPool<QList<SessionRef>>(files, [this, &cache, listing](const SessionFile& file) {
        const Workspace& w = *file.workspace;
        const auto stamp = SessionCache::FileStamp::of(file.path);
        if (auto known = cache.find(file.path, stamp, w, *file.workspaceKey)) {
            return *known;
        }
        SessionRef ref = describe(file.path, stamp, w, *file.workspaceName, listing, cache);
        if (ref.described) {
            cache.insert(file.path, stamp, *file.workspaceKey, ref);
        }
        return ref;
    });
}

SessionRef SessionFileProvider::describe(const QString& path, const SessionCache::FileStamp& stamp, const Workspace& w,
                                         const QString& workspaceName, Listing listing, SessionCache& cache) const
{
    const QFileInfo info(path);
    SessionRef ref;
    ref.provider = id();
    ref.editor = w.editor;
    ref.nativeId = info.completeBaseName();
    ref.id = id() + u':' + ref.nativeId;
    ref.title = ref.nativeId;
    ref.workspaceId = w.id;
    ref.workspace = w.hash;
    ref.workspaceName = workspaceName;
    ref.projectPath = w.projectPath;
    ref.path = info.absoluteFilePath();
    ref.format = formatOf(ref.path);
    ref.sizeBytes = stamp.size;
    if (stamp != SessionCache::FileStamp{}) { // else gone since it was listed: no time
        ref.fileModifiedMs = stamp.modifiedNs / 1'000'000;
        ref.updatedAt = utcFromMs(ref.fileModifiedMs);
    }
    ref.createdAt = ref.updatedAt;
    if (listing == Listing::FilesOnly) {
        ref.described = false;
        return ref;
    }
    // Described by loading it (in outline: what a listing shows of it, not its text), so that a listing
    // shows exactly what a load (a harvest) will store.
    int conversationMessages = -1;
    auto session = readSafely(ref.path, workspaceOf(ref), {}, &cache, &conversationMessages);
    if (session) {
        complete(*session, ref);
        chasm::describe(ref, *session);
        if (conversationMessages >= 0) {
            ref.messageCount = conversationMessages;
        }
    } else {
        ref.error = session.error().message;
        ref.nativeId = nativeIdOfUnreadable(ref.path);
        ref.id = id() + u':' + ref.nativeId;
    }
    return ref;
}

} // namespace chasm
