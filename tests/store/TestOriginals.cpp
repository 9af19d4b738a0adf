// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

// The files a harvest keeps byte for byte: chunked at line ends, each chunk stored once, an appended log costing its
// new chunks, the bytes read back exactly, and damage named rather than written out.

#include "FixtureHome.h"
#include "store/Database.h"
#include "store/Originals.h"

#include <QCryptographicHash>
#include <QDir>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace chasm;

namespace {

qint64 count(const Database& db, const QString& sql)
{
    QSqlQuery query(db.connection());
    return query.exec(sql) && query.next() ? query.value(0).toLongLong() : -1;
}

// A transcript of `lines` lines of about 300 bytes, each different.
QByteArray transcript(int lines, int from = 0)
{
    QByteArray bytes;
    for (int i = from; i < from + lines; ++i) {
        bytes += "{\"type\":\"user\",\"n\":" + QByteArray::number(i) + ",\"text\":\"" +
                 QCryptographicHash::hash(QByteArray::number(i), QCryptographicHash::Sha256).toHex().repeated(4) +
                 "\"}\n";
    }
    return bytes;
}

} // namespace

class TestOriginals : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
        auto db = Database::open(m_dir->filePath(u"chasm.db"_s));
        QVERIFY2(db, db ? "" : qPrintable(db.error().message));
        m_db = std::move(db).value();
        QSqlQuery query(m_db->connection());
        for (const QString& id : {u"claude-code:a"_s, u"claude-code:b"_s}) {
            QVERIFY(query.exec(u"INSERT INTO sessions(id, provider, native_id, title, harvested_at, data) "
                               "VALUES ('%1', 'claude-code', 'x', 't', '2026-12-05', '')"_s.arg(id)));
        }
    }
    void cleanup()
    {
        m_db.reset();
        m_dir.reset();
    }

    // A 5 MB log is cut at line ends into chunks of 1 to 4 MiB; an append keeps every chunk but the last, and the
    // replaced last one is deleted; the same file kept for a second session costs no chunk more.
    void appendStoresOnlyWhatChanged()
    {
        const QString path = m_dir->filePath(u"a.jsonl"_s);
        const QByteArray first = transcript(17000);
        QVERIFY(test::writeFile(path, first));
        auto file = Originals::read(path);
        QVERIFY2(file, file ? "" : qPrintable(file.error().message));
        QCOMPARE(file->size, first.size());
        QVERIFY(file->chunks.size() >= 2);
        qint64 offset = 0;
        for (const Originals::Chunk& chunk : file->chunks) {
            QCOMPARE(chunk.hash, QCryptographicHash::hash(first.mid(offset, chunk.size), QCryptographicHash::Sha256));
            offset += chunk.size;
            // Every chunk but the last ends a line.
            QVERIFY(offset == first.size() || first.at(offset - 1) == '\n');
            QVERIFY(chunk.size <= Originals::maxChunk);
        }
        Originals originals(*m_db);
        QCOMPARE(originals.keep(u"claude-code:a"_s, {*file}), std::nullopt);
        const qint64 chunksBefore = count(*m_db, u"SELECT count(*) FROM original_chunks"_s);
        QCOMPARE(chunksBefore, qint64(file->chunks.size()));
        QCOMPARE(*originals.bytes(u"claude-code:a"_s, path), first);

        // The tool appends: the chunks before the last stay, the last is replaced.
        const QByteArray grown = first + transcript(50, 17000);
        QVERIFY(test::writeFile(path, grown));
        auto again = Originals::read(path);
        QVERIFY(again);
        for (size_t i = 0; i + 1 < file->chunks.size(); ++i) {
            QCOMPARE(again->chunks[i].hash, file->chunks[i].hash);
        }
        QCOMPARE(originals.keep(u"claude-code:a"_s, {*again}), std::nullopt);
        QCOMPARE(count(*m_db, u"SELECT count(*) FROM original_chunks"_s), qint64(again->chunks.size()));
        QCOMPARE(*originals.bytes(u"claude-code:a"_s, path), grown);

        // The same bytes for another session: no chunk more.
        QCOMPARE(originals.keep(u"claude-code:b"_s, {*again}), std::nullopt);
        QCOMPARE(count(*m_db, u"SELECT count(*) FROM original_chunks"_s), qint64(again->chunks.size()));
        const auto totals = originals.totals();
        QVERIFY(totals);
        QCOMPARE(totals->files, 2);
        QCOMPARE(totals->bytes, 2 * grown.size());
        QVERIFY(totals->stored < grown.size());
    }

    // A log harvested again after it grew, read into a spool as the harvest reads a big session's file: the chunks
    // kept already are only hashed (neither compressed again nor handed on), the others are, and the file kept is the
    // grown one, byte for byte; no spool file stays.
    void grownLogCompressesOnlyItsNewChunks()
    {
        const QString path = m_dir->filePath(u"a.jsonl"_s);
        const QByteArray first = transcript(17000);
        QVERIFY(test::writeFile(path, first));
        Originals originals(*m_db);
        const auto keep = [&originals](Originals::Chunk&& chunk) { return originals.storeChunk(chunk); };
        auto file = OriginalsSpool(path, m_dir->path()).take(keep);
        QVERIFY2(file, file ? "" : qPrintable(file.error().message));
        QCOMPARE(originals.keep(u"claude-code:a"_s, {*file}), std::nullopt);
        QCOMPARE(*originals.bytes(u"claude-code:a"_s, path), first);
        const auto stored = originals.storedChunks(u"claude-code:a"_s);
        QVERIFY(stored);
        QCOMPARE(stored->size(), qsizetype(file->chunks.size()));

        const QByteArray grown = first + transcript(50, 17000);
        QVERIFY(test::writeFile(path, grown));
        QList<QByteArray> handed;
        bool withoutBytes = false;
        auto again = OriginalsSpool(path, m_dir->path(), *stored).take([&](Originals::Chunk&& chunk) {
            withoutBytes = withoutBytes || chunk.compressed.isEmpty();
            handed << chunk.hash;
            return originals.storeChunk(chunk);
        });
        QVERIFY(!withoutBytes);
        QVERIFY2(again, again ? "" : qPrintable(again.error().message));
        QCOMPARE(again->chunks.size(), file->chunks.size());
        // Only the last chunk changed.
        QCOMPARE(handed, QList<QByteArray>{again->chunks.back().hash});
        QVERIFY(!stored->contains(handed.first()));
        QCOMPARE(originals.keep(u"claude-code:a"_s, {*again}), std::nullopt);
        QCOMPARE(*originals.bytes(u"claude-code:a"_s, path), grown);
        QCOMPARE(count(*m_db, u"SELECT count(*) FROM original_chunks"_s), qint64(again->chunks.size()));
        QCOMPARE(QDir(m_dir->path()).entryList({u".chasm-spool-*"_s}, QDir::Files | QDir::Hidden), QStringList());
    }

    // A chunk damaged in the database is named, and nothing is handed out as the file.
    void damageIsNamed()
    {
        const QString path = m_dir->filePath(u"b.jsonl"_s);
        QVERIFY(test::writeFile(path, transcript(100)));
        auto file = Originals::read(path);
        QVERIFY(file);
        Originals originals(*m_db);
        QCOMPARE(originals.keep(u"claude-code:b"_s, {*file}), std::nullopt);
        QSqlQuery query(m_db->connection());
        QVERIFY(query.exec(u"UPDATE original_chunks SET size = size + 1"_s));
        const auto bytes = originals.bytes(u"claude-code:b"_s, path);
        QVERIFY(!bytes);
        QVERIFY2(bytes.error().message.contains(u"damaged"_s) && bytes.error().message.contains(path),
                 qPrintable(bytes.error().message));
        QVERIFY(!originals.bytes(u"claude-code:a"_s, path));
        QCOMPARE(originals.bytes(u"claude-code:a"_s, path).error().kind, ErrorKind::NotFound);
    }

    // A file that cannot be read is an error naming it.
    void unreadableFileIsNamed()
    {
        const QString path = m_dir->filePath(u"missing.jsonl"_s);
        const auto file = Originals::read(path);
        QVERIFY(!file);
        QVERIFY(file.error().message.contains(path));
    }

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<Database> m_db;
};

QTEST_GUILESS_MAIN(TestOriginals)
#include "TestOriginals.moc"
