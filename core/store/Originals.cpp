// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#include "Originals.h"

#include "util/Compression.h"
#include "util/IsoTime.h"

#include <QBuffer>
#include <QCryptographicHash>
#include <QDateTime>
#include <QFile>
#include <QFileInfo>
#include <QSet>
#include <QSqlError>
#include <QSqlQuery>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace chasm {

namespace {

std::optional<QString> exec(QSqlQuery& query, const QString& sql, const QVariantList& values)
{
    if (!query.prepare(sql)) {
        return query.lastError().text();
    }
    for (const QVariant& value : values) {
        query.addBindValue(value);
    }
    if (!query.exec()) {
        return query.lastError().text();
    }
    return std::nullopt;
}

// zstd's level 3 rather than the 1 of the sessions' JSON: the generated transcripts of bench_harvest (20 MB, 811 files)
// took 25.1 % of their size at level 1 and 24.2 % at 3, for about a quarter more compression time (350 against
// 440 MB/s here). Files of a few kilobytes compress worst, each on its own. The chunks are compressed on the harvest's
// reader threads, not by its one writer.
constexpr int compressionLevel = 3;

// A chunk of a file, compressed unless its hash is in `stored`.
Originals::Chunk chunkOf(QByteArrayView bytes, const QSet<QByteArray>& stored)
{
    Originals::Chunk chunk{QCryptographicHash::hash(bytes, QCryptographicHash::Sha256), bytes.size(), {}};
    if (!stored.contains(chunk.hash)) {
        chunk.compressed = compressText(std::string_view(bytes.data(), size_t(bytes.size())), compressionLevel);
    }
    return chunk;
}

} // namespace

Result<Originals::File> Originals::read(const QString& path, const ChunkSink& sink, const QSet<QByteArray>& stored)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        return Error{u"cannot read %1: %2"_s.arg(path, file.errorString())};
    }
    File result;
    result.path = path;
    result.modifiedMs = QFileInfo(file).lastModified().toMSecsSinceEpoch();
    QByteArray pending;
    // Cuts the bytes waiting into chunks: at the first line end after minChunk, or at maxChunk; with `atEnd`, the
    // rest too.
    const auto cut = [&](bool atEnd) -> std::optional<QString> {
        while (pending.size() >= maxChunk || (atEnd && !pending.isEmpty())) {
            qsizetype length = pending.size();
            if (pending.size() > minChunk) {
                const qsizetype newline = pending.indexOf('\n', minChunk - 1);
                length = newline >= 0 && newline < maxChunk ? newline + 1 : std::min<qsizetype>(maxChunk, length);
            }
            if (!atEnd && length == pending.size() && length < maxChunk) {
                break;
            }
            Chunk chunk = chunkOf(QByteArrayView(pending).first(length), stored);
            pending.remove(0, length);
            if (sink && !chunk.compressed.isEmpty()) {
                const QByteArray hash = chunk.hash;
                const qint64 size = chunk.size;
                if (auto error = sink(std::move(chunk))) {
                    return error;
                }
                result.chunks.push_back({hash, size, {}});
            } else {
                result.chunks.push_back(std::move(chunk));
            }
        }
        return std::nullopt;
    };
    while (true) {
        const QByteArray piece = file.read(maxChunk);
        if (piece.isEmpty()) {
            if (file.error() != QFileDevice::NoError) {
                return Error{u"cannot read %1: %2"_s.arg(path, file.errorString())};
            }
            break;
        }
        result.size += piece.size();
        pending += piece;
        if (auto error = cut(false)) {
            return Error{*error};
        }
    }
    if (auto error = cut(true)) {
        return Error{*error};
    }
    return result;
}

namespace {

// A chunk in a spool file: its hash, its size and its compressed length, then its compressed bytes.
struct SpooledChunk
{
    char hash[32];
    qint64 size;
    qint64 compressed;
};

} // namespace

OriginalsSpool::OriginalsSpool(const QString& path, const QString& folder, QSet<QByteArray> stored)
    : m_path(path)
    , m_stored(std::move(stored))
    , m_spool(folder + u"/.chasm-spool-XXXXXX"_s)
{
    if (!m_spool.open()) {
        return;
    }
    m_thread = std::thread([this] {
        m_read = Originals::read(
            m_path,
            [this](Originals::Chunk&& chunk) -> std::optional<QString> {
                if (m_stop) {
                    return u"stopped"_s;
                }
                SpooledChunk head{{}, chunk.size, chunk.compressed.size()};
                std::copy_n(chunk.hash.constData(), std::min<qsizetype>(chunk.hash.size(), sizeof head.hash),
                            head.hash);
                if (m_spool.write(reinterpret_cast<const char*>(&head), sizeof head) != qint64(sizeof head) ||
                    m_spool.write(chunk.compressed) != chunk.compressed.size()) {
                    return u"cannot write %1: %2"_s.arg(m_spool.fileName(), m_spool.errorString());
                }
                return std::nullopt;
            },
            m_stored);
    });
}

OriginalsSpool::~OriginalsSpool()
{
    m_stop = true;
    if (m_thread.joinable()) {
        m_thread.join();
    }
}

Result<Originals::File> OriginalsSpool::take(const Originals::ChunkSink& sink)
{
    if (!m_thread.joinable()) {
        return Originals::read(m_path, sink, m_stored);
    }
    m_thread.join();
    if (!*m_read) {
        return m_read->error();
    }
    if (!m_spool.flush() || !m_spool.seek(0)) {
        return Error{u"cannot read %1: %2"_s.arg(m_spool.fileName(), m_spool.errorString())};
    }
    for (const Originals::Chunk& kept : (*m_read)->chunks) {
        if (m_stored.contains(kept.hash)) {
            continue; // stored already: not spooled
        }
        SpooledChunk head{};
        Originals::Chunk chunk;
        if (m_spool.read(reinterpret_cast<char*>(&head), sizeof head) == qint64(sizeof head)) {
            chunk = {QByteArray(head.hash, sizeof head.hash), head.size, m_spool.read(head.compressed)};
        }
        if (chunk.hash != kept.hash || chunk.size != kept.size || chunk.compressed.size() != head.compressed) {
            return Error{u"cannot read %1: %2"_s.arg(m_spool.fileName(), m_spool.errorString())};
        }
        if (auto error = sink(std::move(chunk))) {
            return Error{*error};
        }
    }
    return std::move(*m_read).value();
}

Originals::Originals(const Database& database)
    : m_db(database)
{}

std::optional<QString> Originals::storeChunk(const Chunk& chunk)
{
    QSqlQuery query(m_db.connection());
    return exec(query, u"INSERT OR IGNORE INTO original_chunks(hash, size, data) VALUES (?, ?, ?)"_s,
                {chunk.hash, chunk.size, chunk.compressed});
}

std::optional<QString> Originals::keep(const QString& sessionId, const QList<File>& files)
{
    for (const File& file : files) {
        for (const Chunk& chunk : file.chunks) {
            if (!chunk.compressed.isEmpty()) {
                if (auto error = storeChunk(chunk)) {
                    return error;
                }
            }
        }
    }
    QSqlQuery query(m_db.connection());
    // The chunks the session's files held before: those no file holds any more go.
    if (auto error = exec(query, u"SELECT DISTINCT hash FROM original_parts WHERE session_id = ?"_s, {sessionId})) {
        return error;
    }
    QSet<QByteArray> before;
    while (query.next()) {
        before.insert(query.value(0).toByteArray());
    }
    query.finish();
    for (const QString& table : {u"original_parts"_s, u"original_files"_s}) {
        if (auto error = exec(query, u"DELETE FROM %1 WHERE session_id = ?"_s.arg(table), {sessionId})) {
            return error;
        }
    }
    const QString keptAt = isoUtc(QDateTime::currentDateTimeUtc(), TimePrecision::Seconds);
    for (const File& file : files) {
        if (auto error = exec(query,
                              u"INSERT INTO original_files(session_id, path, size, modified_ms, kept_at) "
                              "VALUES (?, ?, ?, ?, ?)"_s,
                              {sessionId, file.path, file.size, file.modifiedMs, keptAt})) {
            return error;
        }
        for (size_t i = 0; i < file.chunks.size(); ++i) {
            if (auto error =
                    exec(query, u"INSERT INTO original_parts(session_id, path, part, hash) VALUES (?, ?, ?, ?)"_s,
                         {sessionId, file.path, qint64(i), file.chunks[i].hash})) {
                return error;
            }
            before.remove(file.chunks[i].hash);
        }
    }
    for (const QByteArray& hash : std::as_const(before)) {
        if (auto error = exec(query,
                              u"DELETE FROM original_chunks WHERE hash = ? "
                              "AND NOT EXISTS (SELECT 1 FROM original_parts WHERE hash = ?)"_s,
                              {hash, hash})) {
            return error;
        }
    }
    return std::nullopt;
}

Result<QList<Originals::File>> Originals::files(const QString& sessionId) const
{
    QSqlQuery query(m_db.connection());
    if (auto error = exec(query,
                          u"SELECT path, size, modified_ms FROM original_files WHERE session_id = ? "
                          "ORDER BY path"_s,
                          {sessionId})) {
        return Error{u"cannot read %1: %2"_s.arg(m_db.path(), *error)};
    }
    QList<File> files;
    while (query.next()) {
        files.append({query.value(0).toString(), query.value(1).toLongLong(), query.value(2).toLongLong(), {}});
    }
    return files;
}

Result<QSet<QByteArray>> Originals::storedChunks(const QString& sessionId) const
{
    QSqlQuery query(m_db.connection());
    if (auto error = exec(query, u"SELECT DISTINCT hash FROM original_parts WHERE session_id = ?"_s, {sessionId})) {
        return Error{u"cannot read %1: %2"_s.arg(m_db.path(), *error)};
    }
    QSet<QByteArray> hashes;
    while (query.next()) {
        hashes.insert(query.value(0).toByteArray());
    }
    return hashes;
}

Result<QSet<QString>> Originals::sessionsWithout() const
{
    QSqlQuery query(m_db.connection());
    if (auto error = exec(query,
                          u"SELECT h.session_id FROM harvest_sources h WHERE h.result = 'ok' "
                          "AND NOT EXISTS (SELECT 1 FROM original_files o WHERE o.session_id = h.session_id)"_s,
                          {})) {
        return Error{u"cannot read %1: %2"_s.arg(m_db.path(), *error)};
    }
    QSet<QString> ids;
    while (query.next()) {
        ids.insert(query.value(0).toString());
    }
    return ids;
}

std::optional<Error> Originals::write(const QString& sessionId, const QString& path, QIODevice& out) const
{
    const QString what = u"the original of %1 (%2) in %3"_s.arg(sessionId, path, m_db.path());
    QSqlQuery query(m_db.connection());
    if (auto error =
            exec(query, u"SELECT size FROM original_files WHERE session_id = ? AND path = ?"_s, {sessionId, path})) {
        return Error{u"cannot read %1: %2"_s.arg(what, *error)};
    }
    if (!query.next()) {
        return Error{u"%1 is not kept"_s.arg(what), ErrorKind::NotFound};
    }
    const qint64 size = query.value(0).toLongLong();
    query.finish();
    if (auto error = exec(query,
                          u"SELECT p.hash, c.size, c.data FROM original_parts p "
                          "LEFT JOIN original_chunks c ON c.hash = p.hash "
                          "WHERE p.session_id = ? AND p.path = ? ORDER BY p.part"_s,
                          {sessionId, path})) {
        return Error{u"cannot read %1: %2"_s.arg(what, *error)};
    }
    qint64 written = 0;
    int part = 0;
    while (query.next()) {
        if (query.value(2).isNull()) {
            return Error{u"%1 is damaged: its part %2 is missing"_s.arg(what, QString::number(part))};
        }
        auto bytes = decompressText(query.value(2).toByteArray());
        if (!bytes || qint64(bytes->size()) != query.value(1).toLongLong() ||
            QCryptographicHash::hash(QByteArrayView(bytes->data(), qsizetype(bytes->size())),
                                     QCryptographicHash::Sha256) != query.value(0).toByteArray()) {
            return Error{u"%1 is damaged: its part %2 does not hold what it held"_s.arg(what, QString::number(part))};
        }
        if (out.write(bytes->data(), qint64(bytes->size())) != qint64(bytes->size())) {
            return Error{u"cannot write %1: %2"_s.arg(what, out.errorString())};
        }
        written += qint64(bytes->size());
        ++part;
    }
    if (written != size) {
        return Error{
            u"%1 is damaged: it holds %2 bytes of %3"_s.arg(what, QString::number(written), QString::number(size))};
    }
    return std::nullopt;
}

Result<QByteArray> Originals::bytes(const QString& sessionId, const QString& path) const
{
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    if (auto error = write(sessionId, path, buffer)) {
        return *error;
    }
    return bytes;
}

Result<Originals::Totals> Originals::totals() const
{
    QSqlQuery query(m_db.connection());
    Totals totals;
    if (auto error = exec(
            query, u"SELECT count(*), count(DISTINCT session_id), coalesce(sum(size), 0) FROM original_files"_s, {});
        error || !query.next()) {
        return Error{u"cannot read %1: %2"_s.arg(m_db.path(), error.value_or(query.lastError().text()))};
    }
    totals.files = query.value(0).toLongLong();
    totals.sessions = query.value(1).toLongLong();
    totals.bytes = query.value(2).toLongLong();
    query.finish();
    if (auto error = exec(query, u"SELECT count(*), coalesce(sum(length(data)), 0) FROM original_chunks"_s, {});
        error || !query.next()) {
        return Error{u"cannot read %1: %2"_s.arg(m_db.path(), error.value_or(query.lastError().text()))};
    }
    totals.chunks = query.value(0).toLongLong();
    totals.stored = query.value(1).toLongLong();
    return totals;
}

} // namespace chasm
