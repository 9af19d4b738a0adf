// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#include "util/LineReader.h"

#include <QBuffer>
#include <QFile>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace chasm;

class TestLineReader : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void lines_data()
    {
        QTest::addColumn<QByteArray>("data");
        QTest::addColumn<int>("chunkSize");
        QTest::addColumn<QList<QByteArray>>("lines");
        QTest::addColumn<QList<qint64>>("offsets");

        QTest::newRow("empty") << QByteArray() << 4 << QList<QByteArray>{} << QList<qint64>{};
        QTest::newRow("no final newline")
            << QByteArray("ab\ncd") << 4 << QList<QByteArray>{"ab", "cd"} << QList<qint64>{0, 3};
        QTest::newRow("final newline") << QByteArray("ab\ncd\n") << 64 << QList<QByteArray>{"ab", "cd"}
                                       << QList<qint64>{0, 3};
        QTest::newRow("empty lines") << QByteArray("\n\nx\n") << 2 << QList<QByteArray>{"", "", "x"}
                                     << QList<qint64>{0, 1, 2};
        QTest::newRow("lines across chunk boundaries")
            << QByteArray("0123456\n89\nabcdefghijklmnop\nq") << 3
            << QList<QByteArray>{"0123456", "89", "abcdefghijklmnop", "q"} << QList<qint64>{0, 8, 11, 28};
    }

    void lines()
    {
        QFETCH(QByteArray, data);
        QFETCH(int, chunkSize);
        QFETCH(QList<QByteArray>, lines);
        QFETCH(QList<qint64>, offsets);
        QBuffer buffer(&data);
        QVERIFY(buffer.open(QIODevice::ReadOnly));
        LineReader reader(buffer, std::size_t(chunkSize));
        QList<QByteArray> read;
        QList<qint64> readOffsets;
        while (const auto line = reader.next()) {
            read << QByteArray(line->data(), qsizetype(line->size()));
            readOffsets << reader.lineOffset();
        }
        QCOMPARE(read, lines);
        QCOMPARE(readOffsets, offsets);
        QVERIFY(reader.error().isEmpty());
    }

    // A file gets a buffer of its size; lines written to it after the reader started are still read.
    void fileGrowingWhileRead()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(u"log.jsonl"_s);
        const auto append = [&path](const QByteArray& bytes) {
            QFile out(path);
            return out.open(QIODevice::Append) && out.write(bytes) == bytes.size();
        };
        QVERIFY(append("a\n"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        LineReader reader(file);
        QCOMPARE(reader.next(), std::optional<std::string_view>("a"));
        QVERIFY(append("bcdefgh\nxyz\n"));
        QCOMPARE(reader.next(), std::optional<std::string_view>("bcdefgh"));
        QCOMPARE(reader.lineOffset(), 2);
        QCOMPARE(reader.next(), std::optional<std::string_view>("xyz"));
        QCOMPARE(reader.lineOffset(), 10);
        QVERIFY(!reader.next().has_value());
        QVERIFY(reader.error().isEmpty());
    }

    void readErrorIsReported()
    {
        QBuffer buffer;
        LineReader reader(buffer); // never opened: reading fails
        QVERIFY(!reader.next().has_value());
        QVERIFY(!reader.error().isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestLineReader)
#include "TestLineReader.moc"
