// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#include "SessionCache.h"

#include "util/QtVersions.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QSaveFile>
#include <QSet>
#include <QTimeZone>
#include <QtConcurrent/QtConcurrentRun>

#include <sys/stat.h>

#include <algorithm>
#include <cstring>

using namespace Qt::StringLiterals;

namespace chasm {

namespace {

// The file's first bytes, written in the machine's byte order: a file of another version or from a machine of the
// other order is ignored (and rewritten at the next save).
constexpr quint32 magic = 0x43534332; // "CSC2"

// The cache is read at the start of every listing, so it is laid out to be read fast: every string once, in a
// table of UTF-16 strings in the machine's order (each entry's strings are indices into it, so that the fields
// sessions share, their provider, workspace and project, are one QString each), then the entries' fixed fields.
// Reading it costs one allocation per distinct string and no conversion.
class Writer
{
public:
    explicit Writer(qsizetype entries)
    {
        m_indices.reserve(entries * 4);
        m_entries.reserve(std::size_t(entries) * 160); // an entry's fixed fields and string indices
    }
    quint32 string(const QString& text)
    {
        const auto found = m_indices.constFind(text);
        if (found != m_indices.cend()) {
            return *found;
        }
        const auto index = quint32(m_indices.size());
        m_indices.insert(text, index);
        append(m_strings, quint64(text.size()));
        m_strings.append(reinterpret_cast<const char*>(text.constData()), std::size_t(text.size()) * sizeof(QChar));
        return index;
    }
    template<typename T>
    void number(T value)
    {
        append(m_entries, value);
    }
    void text(const QString& value) { number(string(value)); }
    void time(const QDateTime& time)
    {
        const Qt::TimeSpec spec = time.isValid() ? time.timeSpec() : Qt::UTC;
        number(quint8(time.isValid() ? int(spec) + 1 : 0));
        if (time.isValid()) {
            number(time.toMSecsSinceEpoch());
            if (spec == Qt::OffsetFromUTC) {
                number(qint32(time.offsetFromUtc()));
            } else if (spec == Qt::TimeZone) {
                text(QString::fromLatin1(time.timeZone().id()));
            }
        }
    }
    // Writes the file's bytes: the header, the string table, the number of entries and the entries. Appended
    // to std::strings and written in parts: QByteArray::append and joining the parts were most of a save.
    bool write(QIODevice& file, quint64 entries) const
    {
        std::string head;
        append(head, magic);
        append(head, quint64(m_indices.size()));
        std::string count;
        append(count, entries);
        for (const std::string* part :
             std::initializer_list<const std::string*>{&head, &m_strings, &count, &m_entries}) {
            if (file.write(part->data(), qint64(part->size())) != qint64(part->size())) {
                return false;
            }
        }
        return true;
    }

private:
    template<typename T>
    static void append(std::string& to, T value)
    {
        to.append(reinterpret_cast<const char*>(&value), sizeof value);
    }

    QHash<QString, quint32> m_indices;
    std::string m_strings;
    std::string m_entries;
};

// Reads what Writer wrote; any read past the end or index out of the table makes the whole file unreadable.
class Reader
{
public:
    Reader(const char* bytes, qint64 size)
        : m_at(bytes)
        , m_end(bytes + size)
    {}
    bool ok() const { return m_ok; }
    template<typename T>
    T number()
    {
        T value{};
        if (!take(&value, sizeof value)) {
            return T{};
        }
        return value;
    }
    bool readStrings()
    {
        const auto count = number<quint64>();
        if (!m_ok || count > quint64(m_end - m_at) / sizeof(quint64)) {
            return m_ok = false;
        }
        m_strings.reserve(qsizetype(count));
        for (quint64 i = 0; i < count; ++i) {
            const auto size = number<quint64>();
            if (!m_ok || size > quint64(m_end - m_at) / sizeof(QChar)) {
                return m_ok = false;
            }
            m_strings.append(QString(reinterpret_cast<const QChar*>(m_at), qsizetype(size)));
            m_at += size * sizeof(QChar);
        }
        return true;
    }
    QString text()
    {
        const auto index = number<quint32>();
        if (index >= quint32(m_strings.size())) {
            m_ok = false;
            return {};
        }
        return m_strings.at(index);
    }
    QDateTime time()
    {
        const auto tag = number<quint8>();
        if (tag == 0) {
            return {};
        }
        const auto ms = number<qint64>();
        switch (Qt::TimeSpec(tag - 1)) {
        case Qt::UTC:
            return utcFromMs(ms);
        case Qt::LocalTime:
            return localFromMs(ms);
        case Qt::OffsetFromUTC:
            return offsetFromMs(ms, number<qint32>());
        case Qt::TimeZone:
            return QDateTime::fromMSecsSinceEpoch(ms, QTimeZone(text().toLatin1()));
        }
        m_ok = false;
        return {};
    }
    bool atEnd() const { return m_at == m_end; }

private:
    bool take(void* value, std::size_t size)
    {
        if (!m_ok || std::size_t(m_end - m_at) < size) {
            return m_ok = false;
        }
        std::memcpy(value, m_at, size);
        m_at += size;
        return true;
    }
    const char* m_at;
    const char* m_end;
    bool m_ok = true;
    QStringList m_strings;
};

void write(Writer& out, const SessionRef& r)
{
    for (const QString* s : {&r.id, &r.provider, &r.editor, &r.nativeId, &r.title, &r.workspaceId, &r.workspace,
                             &r.projectPath, &r.workspaceName, &r.path, &r.format, &r.error}) {
        out.text(*s);
    }
    out.time(r.createdAt);
    out.time(r.updatedAt);
    out.number(qint32(r.messageCount));
    out.number(r.sizeBytes);
    out.number(r.fileModifiedMs);
    out.number(quint32(r.warnings.size()));
    for (const QString& warning : r.warnings) {
        out.text(warning);
    }
    out.number(quint8(r.described));
}

void read(Reader& in, SessionRef& r)
{
    for (QString* s : {&r.id, &r.provider, &r.editor, &r.nativeId, &r.title, &r.workspaceId, &r.workspace,
                       &r.projectPath, &r.workspaceName, &r.path, &r.format, &r.error}) {
        *s = in.text();
    }
    r.createdAt = in.time();
    r.updatedAt = in.time();
    r.messageCount = in.number<qint32>();
    r.sizeBytes = in.number<qint64>();
    r.fileModifiedMs = in.number<qint64>();
    const auto warnings = in.number<quint32>();
    for (quint32 w = 0; w < warnings && in.ok(); ++w) {
        r.warnings.append(in.text());
    }
    r.described = in.number<quint8>() != 0;
}

} // namespace

SessionCache::FileStamp SessionCache::FileStamp::of(const QString& path)
{
    return existing(path).value_or(FileStamp{});
}

std::optional<SessionCache::FileStamp> SessionCache::FileStamp::existing(const QString& path)
{
    FileStamp stamp;
#ifdef Q_OS_WIN
    const QFileInfo info(path);
    if (!info.exists()) {
        return std::nullopt;
    }
    stamp.size = info.size();
    stamp.modifiedNs = info.lastModified().toMSecsSinceEpoch() * 1'000'000;
#else
    struct stat status
    {};
    if (::stat(QFile::encodeName(path).constData(), &status) != 0) {
        return std::nullopt;
    }
    stamp.size = qint64(status.st_size);
#ifdef Q_OS_MACOS
    stamp.modifiedNs = qint64(status.st_mtimespec.tv_sec) * 1'000'000'000 + status.st_mtimespec.tv_nsec;
#else
    stamp.modifiedNs = qint64(status.st_mtim.tv_sec) * 1'000'000'000 + status.st_mtim.tv_nsec;
#endif
    stamp.inode = quint64(status.st_ino);
#endif
    return stamp;
}

std::optional<qint64> SessionCache::FileStamp::modifiedMs(const QString& path)
{
    const auto stamp = existing(path);
    return stamp ? std::optional(stamp->modifiedNs / 1'000'000) : std::nullopt;
}

std::optional<qint64> SessionCache::FileStamp::newestModifiedMs(const QStringList& paths,
                                                                const QHash<QString, qint64>& known)
{
    std::optional<qint64> newest;
    for (const QString& path : paths) {
        const auto found = known.constFind(path);
        if (const auto modified = found != known.cend() ? std::optional(*found) : modifiedMs(path)) {
            newest = std::max(newest.value_or(*modified), *modified);
        }
    }
    return newest;
}

SessionCache::SessionCache(QString file)
    : m_file(std::move(file))
{}

SessionCache::~SessionCache()
{
    m_preload.waitForFinished();
}

void SessionCache::preload()
{
    const QMutexLocker lock(&m_mutex);
    if (m_loaded || m_file.isEmpty() || m_preload.isStarted()) {
        return;
    }
    m_preload = QtConcurrent::run([this] {
        const QMutexLocker lock(&m_mutex);
        loadLocked();
    });
}

QString SessionCache::workspaceKey(const Workspace& workspace)
{
    return workspace.id + u'\n' + workspace.displayName() + u'\n' + workspace.projectPath + u'\n' + workspace.editor;
}

void SessionCache::loadLocked() const
{
    if (m_loaded) {
        return;
    }
    m_loaded = true;
    QFile file(m_file);
    if (m_file.isEmpty() || !file.open(QIODevice::ReadOnly)) {
        return;
    }
    // Mapped rather than read into memory of its own, which costs a fault for each page first written: the file is
    // replaced, never written in place (QSaveFile), so it does not change under the mapping.
    const qint64 size = file.size();
    const uchar* mapped = size > 0 ? file.map(0, size) : nullptr;
    const QByteArray copy = mapped ? QByteArray() : file.readAll();
    const qint64 length = mapped ? size : copy.size();
    Reader in(mapped ? reinterpret_cast<const char*>(mapped) : copy.constData(), length);
    if (in.number<quint32>() != magic || !in.readStrings()) {
        return;
    }
    const auto count = in.number<quint64>();
    if (!in.ok() || count > quint64(length)) {
        return;
    }
    QHash<QString, Entry> entries;
    entries.reserve(qsizetype(std::min<quint64>(count, quint64(length) / 64))); // an entry takes more bytes
    for (quint64 i = 0; i < count && in.ok(); ++i) {
        const QString path = in.text();
        Entry entry;
        entry.stamp.size = in.number<qint64>();
        entry.stamp.modifiedNs = in.number<qint64>();
        entry.stamp.inode = in.number<quint64>();
        entry.workspace = in.text();
        read(in, entry.ref);
        entries.emplace(path, std::move(entry));
    }
    if (!in.ok() || !in.atEnd()) {
        return;
    }
    if (m_entries.isEmpty()) {
        m_entries = std::move(entries);
    } else {
        entries.insert(m_entries); // what this process learnt before loading wins
        m_entries = std::move(entries);
    }
}

std::optional<SessionRef> SessionCache::find(const QString& path, const FileStamp& stamp, const Workspace& workspace,
                                             const QString& workspaceKey) const
{
    const QMutexLocker lock(&m_mutex);
    loadLocked();
    const auto found = m_entries.find(path);
    if (found == m_entries.end()) {
        return std::nullopt;
    }
    const bool same = found->harvested ? found->stamp.size == stamp.size &&
                                             found->stamp.modifiedNs == stamp.modifiedNs / 1'000'000 &&
                                             found->ref.workspaceId == workspace.id
                                       : found->stamp == stamp && found->workspace == workspaceKey;
    if (!same) {
        return std::nullopt;
    }
    found->current = true;
    return found->ref;
}

void SessionCache::insert(const QString& path, const FileStamp& stamp, const QString& workspaceKey,
                          const SessionRef& ref)
{
    const QMutexLocker lock(&m_mutex);
    m_entries.insert(path, {stamp, workspaceKey, false, true, ref});
    m_dirty = true;
}

void SessionCache::insertHarvested(const QString& path, qint64 size, qint64 modifiedMs, const SessionRef& ref)
{
    const QMutexLocker lock(&m_mutex);
    m_entries.insert(path, {{size, modifiedMs /* compared in milliseconds */, 0}, {}, true, false, ref});
}

namespace {

// The name of a log's checkpoint file: the SHA-1 of the log's path.
QString checkpointName(const QString& path)
{
    return QString::fromLatin1(QCryptographicHash::hash(path.toUtf8(), QCryptographicHash::Sha1).toHex());
}

} // namespace

QString SessionCache::checkpointFile(const QString& path) const
{
    return checkpointFolder() + u'/' + checkpointName(path);
}

QString SessionCache::checkpointFolder() const
{
    return QFileInfo(m_file).absolutePath() + u"/logs"_s;
}

QByteArray SessionCache::checkpoint(const QString& path) const
{
    if (m_file.isEmpty()) {
        const QMutexLocker lock(&m_mutex);
        return m_checkpoints.value(path);
    }
    QFile file(checkpointFile(path));
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

void SessionCache::keepCheckpoint(const QString& path, const QByteArray& checkpoint)
{
    if (m_file.isEmpty()) {
        const QMutexLocker lock(&m_mutex);
        if (checkpoint.isEmpty()) {
            m_checkpoints.remove(path);
        } else {
            m_checkpoints.insert(path, checkpoint);
        }
        return;
    }
    // A checkpoint that cannot be written only makes the next listing of the log slower.
    const QString target = checkpointFile(path);
    if (checkpoint.isEmpty()) {
        QFile::remove(target);
        return;
    }
    QSaveFile file(target);
    if (QDir().mkpath(QFileInfo(target).absolutePath()) && file.open(QIODevice::WriteOnly)) {
        file.write(checkpoint);
        file.commit();
    }
}

void SessionCache::removeStrayCheckpoints() const
{
    // Those of logs whose entries went another way (a cache file removed, or written by a program that keeps none).
    const QDir logs(checkpointFolder());
    const QStringList kept = logs.entryList(QDir::Files);
    if (kept.isEmpty()) {
        return;
    }
    QSet<QString> listed;
    listed.reserve(m_entries.size());
    for (auto it = m_entries.cbegin(); it != m_entries.cend(); ++it) {
        listed.insert(checkpointName(it.key()));
    }
    static const QRegularExpression name(u"^[0-9a-f]{40}$"_s); // not another program's file, nor one being written
    for (const QString& file : kept) {
        if (name.match(file).hasMatch() && !listed.contains(file)) {
            QFile::remove(logs.filePath(file));
        }
    }
}

qsizetype SessionCache::size() const
{
    const QMutexLocker lock(&m_mutex);
    return m_entries.size();
}

void SessionCache::save()
{
    const QMutexLocker lock(&m_mutex);
    if (m_file.isEmpty() || !m_dirty) {
        return;
    }
    loadLocked();
    // A file this process found or read a moment ago is there: only the others are looked for.
    m_entries.removeIf([](QHash<QString, Entry>::iterator entry) {
        return !entry->harvested && !entry->current && !QFileInfo::exists(entry.key());
    });
    // The checkpoints of those, and of logs without an entry; a log a harvest knew keeps its own.
    removeStrayCheckpoints();
    m_entries.removeIf([](QHash<QString, Entry>::iterator entry) { return entry->harvested; });
    if (!QDir().mkpath(QFileInfo(m_file).absolutePath())) {
        return;
    }
    Writer out(m_entries.size());
    for (auto it = m_entries.cbegin(); it != m_entries.cend(); ++it) {
        out.text(it.key());
        out.number(it->stamp.size);
        out.number(it->stamp.modifiedNs);
        out.number(it->stamp.inode);
        out.text(it->workspace);
        write(out, it->ref);
    }
    QSaveFile file(m_file);
    if (file.open(QIODevice::WriteOnly) && out.write(file, quint64(m_entries.size())) && file.commit()) {
        m_dirty = false;
    }
    for (Entry& entry : m_entries) {
        entry.current = false; // a later save looks again for what is not found again by then
    }
}

} // namespace chasm
